"""Swimlane routes cross no line when a route as short crosses none, and branch labels stand inside one lane
(review V, defect 4: KPP Pratama Bandar Lampung Satu's "Memenuhi persyaratan" left decision 4 to the right,
crossed the arrow 5 (1/2) -> 5 (2/2) and turned back to step 6; its label stood on the lane border)."""

from __future__ import annotations

import textwrap

from petaproses.build import check
from petaproses.layout.swimlane import page_grid, sized_steps
from .geometry import crosses as _crosses
from .kpp import KPP_ACTORS

ORGANISASI = """\
jenis: organisasi
nama: Kementerian Keuangan Republik Indonesia
alamat: Bandar Lampung
kedudukan: Bandar Lampung
perangkat_daerah:
  kpp:
    nama: KPP Pratama Bandar Lampung Satu
    kepala: kakpp
pelaksana:
""" + KPP_ACTORS + """pejabat:
  kakpp: {jabatan: Kepala KPP Pratama Bandar Lampung Satu, nama: "-", nip: "-"}
"""

# the real SOP as transcribed in review V (repro 07), its swimlane-relevant part
SOP = """\
jenis: sop
kode: KPP.YAN.PPKP
nama: Pengembalian Pendahuluan Kelebihan Pajak bagi Wajib Pajak Berisiko Rendah (Pasal 9 Ayat 4C UU PPN)
nomor: "-"
perangkat_daerah: kpp
tanggal: {pembuatan: "-"}
disahkan_oleh: kakpp
dasar_hukum: ["-"]
kualifikasi_pelaksana: ["-"]
keterkaitan: ["-"]
peralatan: ["-"]
peringatan: "-"
pencatatan: ["-"]
kegiatan:
  - uraian: Melaporkan SPT Tahunan atau SPT Masa PPN dengan status Lebih Bayar Pengembalian Pendahuluan Kelebihan Pembayaran Pajak
    pelaksana: wp
    output: SPT Lebih Bayar
  - id: monitor
    uraian: Melakukan monitoring SPT Lebih Bayar
    pelaksana: monitor
    cabang: {"Terdapat SPT LB Pasal 9 Ayat 4C": notadinas, Tidak terdapat: selesai}
  - id: notadinas
    uraian: Membuat Nota Dinas dan mengirimkan SPT Lebih Bayar tersebut kepada Asisten Penyuluh
    pelaksana: monitor
    output: Nota Dinas
  - id: teliti
    uraian: Melakukan penelitian terhadap SPT tersebut
    pelaksana: aspen
    cabang: {Tidak memenuhi persyaratan: teruskan, Memenuhi persyaratan: uraian}
  - id: teruskan
    uraian: Meneruskan SPT tersebut ke Seksi Pemeriksaan
    pelaksana: [aspen, periksa]
    selesai: true
  - id: uraian
    uraian: Membuat Uraian Penelitian; Kepala Seksi Pelayanan menugaskan Pelaksana Pelayanan untuk mencetak Surat Keputusan Pengembalian Pendahuluan Kelebihan Pajak
    pelaksana: [aspen, kasi_yan, pelaksana_yan]
    tugas: {aspen: Membuat Uraian Penelitian, kasi_yan: Menugaskan, pelaksana_yan: Mencetak SKPPKP}
  - uraian: Menerbitkan Surat Keputusan Pengembalian Pendahuluan Kelebihan Pajak
    pelaksana: kasi_yan
    output: Surat Keputusan Pengembalian Pendahuluan Kelebihan Pajak
"""


def _kpp_grid(tmp_path):
    (tmp_path / "organisasi.yaml").write_text(ORGANISASI, encoding="utf-8")
    (tmp_path / "kpp").mkdir()
    (tmp_path / "kpp" / "sop.yaml").write_text(textwrap.dedent(SOP), encoding="utf-8")
    cat, _ = check([str(tmp_path)])
    [doc] = [d for d in cat.maps if d.kode == "KPP.YAN.PPKP"]
    steps, edges, lanes, _ = sized_steps(cat, doc)
    return page_grid(steps, edges, lanes)[0]


def _crossings(link, others) -> int:
    return sum(_crosses(p, q, r, s) or _crosses(r, s, p, q)
               for p, q in zip(link.points, link.points[1:])
               for o in others for r, s in zip(o.points, o.points[1:]))


def test_kpp_memenuhi_persyaratan_crosses_no_line(tmp_path):
    """The branch to step 6 crossed the chain arrow 5 (1/2) -> 5 (2/2); a route by the decision's other side,
    as short, crosses nothing."""
    grid = _kpp_grid(tmp_path)
    [link] = [lk for lk in grid.links if lk.label == "Memenuhi persyaratan"]
    assert _crossings(link, [lk for lk in grid.links if lk is not link]) == 0, link.points
    total = sum(_crossings(lk, grid.links[k + 1:]) for k, lk in enumerate(grid.links))
    assert total == 0, total


def test_kpp_branch_labels_stand_inside_one_lane(tmp_path):
    """'Memenuhi persyaratan' stood past the diamond's corner, across the lane border ('persyaratan' cut by it)."""
    grid = _kpp_grid(tmp_path)
    labelled = [lk for lk in grid.links if lk.label]
    assert len(labelled) == 4
    for link in labelled:
        (a, c), (la, lc) = link.label_at, link.label_size
        on = [e for e in grid.lane_edges if c - lc / 2 < e + 1 and c + lc / 2 > e - 1]  # (or touching it)
        assert not on, (link.label, c - lc / 2, c + lc / 2, on)


def test_no_branch_label_stands_on_a_lane_edge(monkeypatch):
    """On screen no branch label of the fixtures' maps stands on (or touches) a lane edge: the edge strikes its
    text out (146 of 260 did, most past a diamond's corner, which reaches into the gutter).  Labels 60 pt wide or
    more may have no free place off an edge (beside a line down a lane's middle): 7 of them stay on one."""
    from .test_swimlane_labels import labelled_links

    found, labels = [], 0
    for doc, _, grid, link in labelled_links(monkeypatch, False):
        labels += 1
        (a, c), (la, lc) = link.label_at, link.label_size
        if lc < 60 and any(c - lc / 2 < e + 1 and c + lc / 2 > e - 1 for e in grid.lane_edges[1:-1]):
            found.append((doc.kode, link.label))
    assert labels > 200 and not found, found
