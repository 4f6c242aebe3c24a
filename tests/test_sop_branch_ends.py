"""Review V's flowchart defects, asserted on the layout model of its minimal catalogues (written here): a
decision's side exit labelled at its exit in a one-actor column, the end of a branch beside its decision (not
in an uninvolved actor's column further on), and a long label in its decision's column, not across the rules."""

from __future__ import annotations

import pytest

from petaproses.build import check
from petaproses.layout import sop_chart
from petaproses.layout.page import PageStyle
from petaproses.model import Sop
from .kpp import KPP_ACTORS

STYLE = PageStyle()
ORG = """jenis: organisasi
nama: Pemerintah Kabupaten Contoh
alamat: Contoh
kedudukan: Contoh
perangkat_daerah:
  pd: {nama: Puskesmas Contoh, kepala: kapus}
pelaksana:
  petugas: Petugas
""" + KPP_ACTORS + """pejabat:
  kapus: {jabatan: Kepala Puskesmas, nama: Contoh, nip: "-"}
"""
HEAD = """jenis: sop
kode: PD.01
nama: Contoh
nomor: "1"
perangkat_daerah: pd
tanggal: {pembuatan: 13 Mei 2016}
disahkan_oleh: kapus
"""
# Puskesmas Kandanghaur's steps 1-5: one actor, 'Tidak cocok' ends below the decision, 'Cocok' goes on
ONE_ACTOR = HEAD + """kegiatan:
  - {uraian: Memanggil pasien sesuai urutan, pelaksana: petugas, waktu: 1 menit}
  - uraian: Mencocokkan identitas pasien dengan kartu pasien rawat jalan
    pelaksana: petugas
    waktu: 1 menit
    cabang: {Tidak cocok: kembalikan, Cocok: lanjut}
  - {id: kembalikan, uraian: Mengembalikan status ke pendaftaran, pelaksana: petugas, waktu: 1 menit, selesai: true}
  - {id: lanjut, uraian: Melanjutkan ke pengkajian awal klinis, pelaksana: petugas, waktu: 1 menit}
  - {uraian: Melakukan anamnesa penyakit, pelaksana: petugas, waktu: 5 menit}
"""
# KPP Pratama Bandar Lampung Satu's steps a-b: the monitoring decision goes on down or ends
KPP = HEAD + """pelaksana: [wp, monitor, aspen, periksa, kasi_yan, pelaksana_yan]
kegiatan:
  - {uraian: Melaporkan SPT Lebih Bayar, pelaksana: wp, waktu: 1 hari}
  - uraian: Melakukan monitoring SPT Lebih Bayar
    pelaksana: monitor
    waktu: setiap hari
    cabang: {"Terdapat SPT LB Pasal 9 Ayat 4C": nota, Tidak terdapat: selesai}
  - {id: nota, uraian: Membuat Nota Dinas, pelaksana: monitor, waktu: 1 hari}
"""
FOUR = KPP.replace("[wp, monitor, aspen, periksa, kasi_yan, pelaksana_yan]", "[wp, monitor, aspen, periksa]") + """\
  - {uraian: Meneliti SPT, pelaksana: aspen, waktu: 1 hari}
  - {uraian: Memeriksa SPT, pelaksana: periksa, waktu: 1 hari}
"""


def _chart(tmp_path, sop: str):
    (tmp_path / "organisasi.yaml").write_text(ORG, encoding="utf-8")
    (tmp_path / "pd").mkdir()
    (tmp_path / "pd" / "sop.yaml").write_text(sop, encoding="utf-8")
    cat, problems = check([str(tmp_path)])
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    doc = next(d for d in cat.maps if isinstance(d, Sop))
    chart = sop_chart.build_chart(cat, doc, STYLE)
    [page] = chart.pages
    return chart, page, {s.name: s for s in page.shapes}, {lab.text.replace("\n", " "): lab for lab in page.labels}


def test_a_side_exit_of_a_one_actor_decision_is_labelled_at_its_exit(tmp_path):
    """'Cocok' leaves the diamond's corner and runs down the same column past the end of 'Tidak cocok': its
    label stood a row lower, beside that end capsule.  The column holds it beside the exit, in the row."""
    chart, page, shapes, labels = _chart(tmp_path, ONE_ACTOR)
    dec, cocok = shapes["Langkah 2"], labels["Cocok"]
    row = page.rows[dec.row]
    assert row.top <= cocok.y and cocok.y + cocok.h <= row.top + row.height
    assert cocok.x >= dec.x + dec.w  # beside the corner it leaves by
    left = chart.columns.lane_left(0)
    assert left <= cocok.x and cocok.x + cocok.w <= left + chart.columns.lane_width(0)


@pytest.mark.parametrize("sop", [FOUR, KPP], ids=["four-actors", "six-actors"])
def test_the_end_of_a_branch_stands_beside_its_decision(tmp_path, sop):
    """The branch 'Tidak terdapat' ends: its terminator stood two columns away, under Seksi Pemeriksaan, who
    plays no part there.  It stands in the next column, its label wrapped in a cell (with six actors, in the
    decision's column widened for its labels)."""
    chart, page, shapes, labels = _chart(tmp_path, sop)
    assert shapes["Selesai 2"].lane == shapes["Langkah 2"].lane + 1
    lab = labels["Tidak terdapat"]
    lane = chart.columns.lane_at(lab.x + lab.w / 2)
    left = chart.columns.lane_left(lane)
    assert left < lab.x and lab.x + lab.w < left + chart.columns.lane_width(lane)


def test_a_long_label_down_stands_in_its_decisions_column(tmp_path):
    """Six actors: 'Terdapat SPT LB Pasal 9 Ayat 4C' went down on one line across two columns' rules.  The
    decision's column is widened for it, and it stands wrapped in that column beside its line."""
    chart, page, shapes, labels = _chart(tmp_path, KPP)
    dec, lab = shapes["Langkah 2"], labels["Terdapat SPT LB Pasal 9 Ayat 4C"]
    left, width = chart.columns.lane_left(dec.lane), chart.columns.lane_width(dec.lane)
    assert left < lab.x and lab.x + lab.w < left + width
    assert "\n" in lab.text
    row = page.rows[dec.row]
    assert row.top <= lab.y and lab.y + lab.h <= row.top + row.height
