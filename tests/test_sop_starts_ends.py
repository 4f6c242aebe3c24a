"""Review W's probes on Kec. Lawang's actors: an SOP whose first step is a decision has a start capsule over
its diamond (in the .docx and in the swimlane map, as the BPMN has its start event), and the end of a branch
that must stand beside its decision (to save a page) stands in the next column, never two columns away; an SOP
numbered "3" says so in its footer."""

from __future__ import annotations

import io

import docx
import pytest

from petaproses.build import check
from petaproses.layout.swimlane import page_grid, sized_steps
from petaproses.model import Sop
from petaproses.render import sop_docx
from tests.docx_geometry import read_tables

ORG = """jenis: organisasi
nama: Pemerintah Kabupaten Malang
kedudukan: Lawang
perangkat_daerah:
  kec_lawang: {nama: Kecamatan Lawang, kepala: camat}
pelaksana:
  pemohon: {nama: Pemohon, luar: true}
  petugas: Petugas Pelayanan
  kasi: Kasi Trantib
  sekcam: Sekretaris Camat
  camat_pel: Camat
pejabat:
  camat: {jabatan: Camat Lawang, nama: "SUROTO, SH, MM", nip: "19610219 198103 1 007"}
"""
HEAD = """jenis: sop
kode: KEC.LAWANG.IMB.02
nama: Probe
nomor: "-"
perangkat_daerah: kec_lawang
tanggal: {pembuatan: "-"}
disahkan_oleh: camat
pelaksana: [pemohon, petugas, kasi, sekcam, camat_pel]
kegiatan:
"""
RECEIVE = """  - {uraian: Menerima berkas permohonan IMB, pelaksana: petugas, waktu: 5 menit}
"""
REST = """  - uraian: Memeriksa kelengkapan berkas permohonan yang diserahkan pemohon
    pelaksana: petugas
    waktu: 15 menit
    cabang: {Lengkap: teknis, Tidak lengkap: selesai}
    keterangan: Berkas yang tidak lengkap dikembalikan kepada pemohon
  - {id: teknis, uraian: Peninjauan lapangan, pelaksana: kasi, waktu: 3 hari}
  - {uraian: Menandatangani IMB, pelaksana: camat_pel, waktu: 1 hari}
"""
DECIDES_FIRST = HEAD + REST
RECEIVES_FIRST = HEAD + RECEIVE + REST


def _catalogue(tmp_path, sop: str):
    (tmp_path / "organisasi.yaml").write_text(ORG, encoding="utf-8")
    (tmp_path / "kec_lawang").mkdir()
    (tmp_path / "kec_lawang" / "sop.yaml").write_text(sop, encoding="utf-8")
    cat, problems = check([str(tmp_path)])
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    return cat, next(d for d in cat.maps if isinstance(d, Sop))


def _table(tmp_path, sop: str):
    cat, doc = _catalogue(tmp_path, sop)
    [table] = read_tables(sop_docx.render(cat, doc)[f"{doc.kode}.docx"])
    return table, {b.name: b for b in table.boxes}


def test_a_first_decision_has_a_start_capsule_over_it_in_the_docx(tmp_path):
    """Row 1 held a diamond and no capsule anywhere: the flowchart had no start.  A capsule stands over the
    diamond in its column, and an arrow goes from it down into the diamond's top corner."""
    table, boxes = _table(tmp_path, DECIDES_FIRST)
    dec = boxes["Langkah 1"]
    starts = [b for b in table.boxes if b.prst == "flowChartTerminator" and b.y + b.h <= dec.y]
    assert len(starts) == 1
    start = starts[0]
    assert start.row == dec.row and start.col == dec.col  # its row, its actor's cell
    top = (dec.x + dec.w / 2, dec.y)
    assert any(abs(a.points[0][1] - (start.y + start.h)) < 3 and abs(a.points[-1][0] - top[0]) < 3 and
               abs(a.points[-1][1] - top[1]) < 3 for a in table.arrows)


def test_a_first_decision_has_a_start_capsule_in_the_swimlane_map(tmp_path):
    cat, doc = _catalogue(tmp_path, DECIDES_FIRST)
    steps, edges, lanes, _ = sized_steps(cat, doc)
    grid, _ = page_grid(steps, edges, lanes)
    first = grid.boxes[steps[0].id]
    [start] = [b for b in grid.boxes.values() if b.shape == "terminator" and b.row < first.row]
    assert start.lane == first.lane and start.content.lines == ["Mulai"]
    assert any(lk.source == start.id and lk.target == first.id for lk in grid.links)


def test_a_first_step_that_is_no_decision_has_no_second_start(tmp_path):
    table, boxes = _table(tmp_path, RECEIVES_FIRST)
    assert "Mulai" not in boxes and boxes["Langkah 1"].prst == "flowChartTerminator"
    cat, doc = check([str(tmp_path)])[0], None
    doc = next(d for d in cat.maps if isinstance(d, Sop))
    steps, edges, lanes, _ = sized_steps(cat, doc)
    assert not any(b.id.endswith("+mulai") for b in page_grid(steps, edges, lanes)[0].boxes.values())


@pytest.mark.parametrize("sop", [DECIDES_FIRST, RECEIVES_FIRST], ids=["decision-first", "decision-second"])
def test_the_end_beside_its_decision_stands_in_the_next_column(tmp_path, sop):
    """Stacked under the diamond the chart would not fit under the identity table, so the end of 'Tidak
    lengkap' stands beside it: it stood two columns away, under Sekretaris Camat, who plays no part there.  It
    stands in the next column, and its label inside one actor cell, wholly."""
    table, boxes = _table(tmp_path, sop)
    dec = next(b for b in table.boxes if b.prst == "flowChartDecision")
    [end] = [b for b in table.boxes if b.name.startswith("Selesai")]
    assert end.row == dec.row and abs(end.col - dec.col) == 1
    [lab] = [b for b in table.labels if b.text.replace("\n", " ") == "Tidak lengkap"]
    col = next(c for c in range(len(table.widths)) if table.col_left(c) <= lab.x < table.col_left(c + 1))
    assert lab.x + lab.w <= table.col_left(col + 1) and col in (dec.col, end.col)


@pytest.mark.parametrize("nomor, footer", [
    ("3", "Nomor SOP 3    Halaman "), ("01", "Nomor SOP 01    Halaman "),
    ("800/124/TU/IV/2015", "800/124/TU/IV/2015    Halaman "), ("-", "Halaman ")])
def test_a_bare_number_is_labelled_in_the_footer(tmp_path, nomor, footer):
    """Kendal's Diskominfo numbers its SOPs 1, 2, 3: the footer read "3    Halaman 1 dari 2", the SOP's number
    taken for a page's.  A number of digits alone is labelled; one with letters or slashes reads as a number."""
    cat, doc = _catalogue(tmp_path, DECIDES_FIRST.replace('nomor: "-"', f'nomor: "{nomor}"'))
    data = sop_docx.render(cat, doc)[f"{doc.kode}.docx"]
    text = docx.Document(io.BytesIO(data)).sections[0].footer.paragraphs[0].text
    assert text.startswith(footer), text
