"""The SOP layout at the limits `check` allows (sanitise.py): bounded time and memory, no text lost.

Found by tests/test_property_build.py: a keterangan of 4,000 characters without a space (a word wider than
its cell, which the word processor breaks over many lines) made a row taller than a page, and cutting that
row into page-high parts moved nothing into the first part, for ever: the build grew past 9 GB.  These
tests lay out such SOPs in a child process with a memory cap and a time limit, so a regression fails in
seconds instead of hanging the suite.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap

import pytest

from petaproses.build import build, check
from petaproses.layout import sop_chart, sop_table
from petaproses.layout.page import PageStyle, mm
from petaproses.layout.sop_table import Para

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from synth_worst import write  # noqa: E402

STYLE = PageStyle()

# lays out every SOP of a catalogue; prints, per SOP, its pages and the text of its cells joined per step
_CHILD = textwrap.dedent("""
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))
    from petaproses.build import check
    from petaproses.layout.page import PageStyle
    from petaproses.layout.sop_chart import build_chart
    from petaproses.model import Sop
    cat, _ = check([sys.argv[1]])
    out = {}
    for doc in cat.maps:
        if isinstance(doc, Sop):
            chart = build_chart(cat, doc, PageStyle())
            texts, tallest = {}, 0
            for page in chart.pages:
                tallest = max(tallest, page.height)
                for row in page.rows:
                    t = texts.setdefault(row.node.number, [""] * 6)
                    for k, cell in enumerate(row.cells):
                        t[k] += "".join(p.text.replace(" ", "") for p in cell)
            out[doc.kode] = {"pages": len(chart.pages), "texts": texts, "tallest": tallest}
    print(json.dumps(out))
""")


def _lay_out(folder, seconds: float) -> dict:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(folder)], capture_output=True, text=True,
                          timeout=seconds)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def _flat(text: str) -> str:
    return "".join(text.split())


def test_a_word_wider_than_its_cell_is_cut_where_its_lines_end():
    width = mm(40)
    cell = [Para("Menerima berkas " + "W" * 4000 + " lalu diteruskan")]
    keep = 30
    head, tail = sop_table.split_cell(STYLE, cell, width, keep)
    assert head and tail
    assert sop_table.cell_lines(STYLE, head, width) <= keep
    assert _flat(head[0].text + tail[0].text) == _flat(cell[0].text)
    # cutting again and again ends, and every part holds text
    parts, rest = 0, cell
    while sop_table.cell_lines(STYLE, rest, width) > keep:
        head, rest = sop_table.split_cell(STYLE, rest, width, keep)
        assert _flat("".join(p.text for p in head))
        parts += 1
        assert parts < 100
    assert parts >= 3


def test_a_cut_among_empty_lines_keeps_the_words_whole():
    """Empty lines of an explicit line break are not the lines of a long word: no word is cut there."""
    cell = [Para("Satu\n\n\n\n\nDua tiga")]
    head, tail = sop_table.split_cell(STYLE, cell, mm(40), 3)
    assert head[0].text == "Satu" and tail[0].text == "Dua tiga"


def test_numbered_items_in_a_squeezed_column_are_measured():
    """A numbered item's indent can be wider than a squeezed column: the width left is never nothing (a
    negative width never ended a line)."""
    cell = sop_table.items_cell(["W" * 50] * 12)
    assert sop_table.text_height(STYLE, cell, mm(4)) > 0


@pytest.mark.parametrize("words", [False, True], ids=["tanpa-spasi", "kata"])
def test_an_sop_at_every_limit_lays_out_in_bounded_time(tmp_path, words):
    """20 actors, every text at its limit (bench/synth_worst.py; 200 steps there, a few here): the layout
    ends, each page fits the paper, every character of every cell is printed once, in order."""
    write(tmp_path, steps=4, actors=20, words=words)
    result = _lay_out(tmp_path, 60)["BATAS"]
    assert result["tallest"] <= STYLE.body_height
    cat, problems = check([str(tmp_path)])
    doc = cat.maps[0]
    for i, step in enumerate(doc.kegiatan, 1):
        got = result["texts"][str(i)]
        assert got[1] == _flat(step.uraian) and got[5] == _flat(step.keterangan)
        assert got[2] == _flat(step.kelengkapan) and got[4] == _flat(step.output)


def test_tall_rows_of_one_long_word_build(tmp_path):
    """The reduced reproducer: a keterangan of 4,000 'W', and a list item of two lines in the identity part
    (the font cannot measure a newline)."""
    (tmp_path / "organisasi.yaml").write_text(textwrap.dedent("""\
        jenis: organisasi
        nama: Pemerintah Kota Sintetis
        perangkat_daerah:
          pd: {nama: Dinas Sintetis, kepala: kepala}
        pelaksana: {a: Jabatan A, b: Jabatan B}
        pejabat:
          kepala: {jabatan: Kepala Dinas, nama: Nama Kepala, nip: "197001011990031001"}
        """), encoding="utf-8")
    (tmp_path / "sop.yaml").write_text(textwrap.dedent(f"""\
        jenis: sop
        kode: R1
        nama: Uji batas
        nomor: "1"
        perangkat_daerah: pd
        tanggal: {{pembuatan: 2025-01-06}}
        disahkan_oleh: kepala
        peringatan: ["Satu\\ndua", "tiga", "empat", "lima"]
        kegiatan:
          - id: s1
            uraian: Mulai
            pelaksana: a
            keterangan: {"W" * 4000}
          - id: s2
            uraian: Selesai
            pelaksana: b
        """), encoding="utf-8")
    result = _lay_out(tmp_path, 30)["R1"]
    assert result["pages"] >= 3 and result["texts"]["1"][5] == "W" * 4000
    out = build([str(tmp_path)], str(tmp_path / "out"), only=["sop_docx"], jobs=1)
    assert out.failed == [] and any(p.name == "R1.docx" for p in out.written)


def test_branches_to_one_step_are_drawn_again_by_their_own_records(tmp_path):
    """Found by the property test: three branches of a decision to the next step in the same column cross,
    their lines share a name, and drawing the pair again erased one record twice (ValueError)."""
    (tmp_path / "organisasi.yaml").write_text(textwrap.dedent("""\
        jenis: organisasi
        nama: Pemerintah Kota Sintetis
        perangkat_daerah:
          pd: {nama: Dinas Sintetis, kepala: kepala}
        pelaksana: {a: Jabatan A}
        pejabat:
          kepala: {jabatan: Kepala Dinas, nama: Nama Kepala, nip: "197001011990031001"}
        """), encoding="utf-8")
    (tmp_path / "sop.yaml").write_text(textwrap.dedent("""\
        jenis: sop
        kode: R2
        nama: Uji cabang
        nomor: "1"
        perangkat_daerah: pd
        tanggal: {pembuatan: 2025-01-06}
        disahkan_oleh: kepala
        kegiatan:
          - id: s1
            uraian: Menerima
            pelaksana: a
            cabang: {Menerima: s2, Keputusan Wali Memeriksa: s2, "ğ": s2}
          - id: s2
            uraian: Menerima
            pelaksana: a
            selesai: true
        """), encoding="utf-8")
    cat, problems = check([str(tmp_path)])
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    chart = sop_chart.build_chart(cat, cat.maps[0], STYLE)
    names = [ln.name for ln in chart.pages[0].lines]
    # since review round 4, branches to one step are one line with every label (no pair to draw again)
    assert names.count("Panah Langkah 1 ke Langkah 2") == 1
    [label] = [" ".join(lab.text.replace("-\n", "").split()) for lab in chart.pages[0].labels]
    assert label.replace(" ", "") == "Menerima/KeputusanWaliMemeriksa/ğ", label


def test_a_branch_label_of_one_long_word_stays_inside_the_table(tmp_path):
    """A label of 120 letters without a space (check allows it): it was offered on one line only and, in no cell,
    ran past the table's right edge; a word no cell holds is now cut into lines a cell does."""
    (tmp_path / "organisasi.yaml").write_text(textwrap.dedent("""\
        jenis: organisasi
        nama: Pemerintah Kota Sintetis
        perangkat_daerah:
          pd: {nama: Dinas Sintetis, kepala: kepala}
        pelaksana: {a: Jabatan A, b: Jabatan B, c: Jabatan C}
        pejabat:
          kepala: {jabatan: Kepala Dinas, nama: Nama Kepala, nip: "197001011990031001"}
        """), encoding="utf-8")
    (tmp_path / "sop.yaml").write_text(textwrap.dedent(f"""\
        jenis: sop
        kode: L1
        nama: Uji label panjang
        nomor: "1"
        perangkat_daerah: pd
        tanggal: {{pembuatan: 2025-01-06}}
        disahkan_oleh: kepala
        kegiatan:
          - id: s1
            uraian: Menerima berkas
            pelaksana: a
          - id: s2
            uraian: Memeriksa berkas
            pelaksana: b
            cabang: {{{"L" * 120}: s3, Kurang: s1}}
          - id: s3
            uraian: Menerbitkan surat
            pelaksana: c
        """), encoding="utf-8")
    cat, problems = check([str(tmp_path)])
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    chart = sop_chart.build_chart(cat, cat.maps[0], STYLE)
    labels = [lab for page in chart.pages for lab in page.labels]
    right = sum(chart.columns.widths)
    assert any("".join(lab.text.split()) == "L" * 120 for lab in labels)
    assert all(lab.x >= 0 and lab.x + lab.w <= right for lab in labels), [(lab.x, lab.w, right) for lab in labels]


@pytest.mark.parametrize("words", [False, True], ids=["tanpa-spasi", "kata"])
def test_the_sop_at_every_limit_is_refused_by_check_not_built(tmp_path, words):
    """20 actors of 250-character names (bench/synth_worst.py): the heading took 73 % of the page and the text
    columns 4-5 mm, 20 steps made 6,240 pages and 200 a worker killed for its memory.  `check` now refuses
    it (crowded-table), in Indonesian with the fix, and the build writes nothing for it, at once."""
    write(tmp_path / "k", steps=200, actors=20, words=words)
    cat, problems = check([str(tmp_path / "k")])
    [found] = [p for p in problems if p.code == "crowded-table"]
    assert found.is_error and found.path.endswith("sop.yaml") and found.line > 1
    assert "kepala tabel SOP (nama 20 jabatan pelaksana)" in found.message and "singkatkan nama jabatan" in found.message
    out = build([str(tmp_path / "k")], str(tmp_path / "out"), jobs=1)
    assert out.failed == [] and not list((tmp_path / "out").rglob("*.docx"))


def test_a_step_too_long_for_the_columns_20_actors_leave_is_refused(tmp_path):
    """Short position names, 20 actors: the text columns are 4-5 mm wide, a keterangan of 1,000 characters a
    row of many pages; the finding stands at that text."""
    write(tmp_path, steps=20, actors=20, words=True)
    org = (tmp_path / "organisasi.yaml").read_text(encoding="utf-8")
    (tmp_path / "organisasi.yaml").write_text(re.sub(r"(  j(\d+)): .*", r"\1: Staf \2", org), encoding="utf-8")
    cat, problems = check([str(tmp_path)])
    found = [p for p in problems if p.code == "crowded-table"]
    assert found and all(p.is_error and "kolom teks tabel selebar 4-5 mm di samping 20 kolom pelaksana" in p.message for p in found)
    lines = (tmp_path / "sop.yaml").read_text(encoding="utf-8").splitlines()
    assert all(lines[p.line - 1].lstrip().startswith("keterangan:") for p in found)
