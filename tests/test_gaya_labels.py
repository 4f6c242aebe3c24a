"""Own headings (gaya.yaml `label:`): real SOPs print "Tanggal Pengesahan", "Kelengkapan dan Peralatan",
"WAKTU (Menit)", "Ket." where PermenPANRB 35/2012 says otherwise, and a Pemda keeps them (review W, 04).  The
layout measures the same text the renderer prints; check refuses an unknown heading key."""

from __future__ import annotations

import re
import shutil
import zipfile

from petaproses.cli import main
from petaproses.gaya import problems
from petaproses.gaya_labels import LABELS
from petaproses.layout import text
from petaproses.layout.page import PageStyle
from petaproses.layout.sop_table import CELL_LR, PAD, Columns, header_heights, header_sizes
from petaproses.render.docx_style import REPO_TEMPLATES, load_style

from .conftest import FIXTURES

OWN = {"kelengkapan": "Kelengkapan dan Peralatan", "waktu": "WAKTU (Menit)", "tanggal_efektif": "Tanggal Pengesahan",
       "keterangan": "Ket. <&>"}


def _catalogue(tmp_path, gaya: str):
    shutil.copytree(FIXTURES / "mini", tmp_path / "cat")
    (tmp_path / "cat" / "templates" / "sop").mkdir(parents=True)
    (tmp_path / "cat" / "templates" / "sop" / "gaya.yaml").write_text(gaya, encoding="utf-8")
    return tmp_path / "cat"


def _document(tmp_path, monkeypatch) -> str:
    gaya = "label:\n" + "".join(f"  {k}: '{v}'\n" for k, v in OWN.items())
    _catalogue(tmp_path, gaya)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "cat", "-o", "out"]) == 0
    return zipfile.ZipFile(tmp_path / "out" / "setda" / "PD.UNIT.01.docx").read("word/document.xml").decode()


def _paragraph_texts(xml: str) -> list[str]:
    return ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in re.findall(r"<w:p>.*?</w:p>", xml)]


def test_the_own_headings_are_printed_escaped_in_place_of_the_regulations(tmp_path, monkeypatch):
    xml = _document(tmp_path, monkeypatch)
    texts = _paragraph_texts(xml)
    for heading in ("Kelengkapan dan Peralatan", "WAKTU (Menit)", "Tanggal Pengesahan", "Ket. &lt;&amp;&gt;"):
        assert heading in texts, heading
    for old in ("Kelengkapan", "Waktu", "Tanggal Efektif", "Keterangan"):
        assert old not in texts, old
    assert "Pelaksana" in texts and "Mutu Baku" in texts  # the headings not renamed stay


def test_the_header_row_is_as_tall_as_its_renamed_headings_wrap(tmp_path, monkeypatch):
    """The second header row (exact height) holds each renamed heading over the lines it wraps to in its cell."""
    xml = _document(tmp_path, monkeypatch)
    table = xml[xml.rindex("<w:tbl>", 0, xml.index("WAKTU (Menit)")):]
    rows = re.findall(r"<w:tr>.*?</w:tr>", table)
    height = int(re.search(r'<w:trHeight w:val="(\d+)" w:hRule="exact"/>', rows[1])[1])
    wrapped = 0
    for heading in ("Kelengkapan dan Peralatan", "WAKTU (Menit)"):
        cell = next(c for c in re.findall(r"<w:tc>.*?</w:tc>", rows[1]) if f">{heading}<" in c)
        width = int(re.search(r'<w:tcW w:w="(\d+)"', cell)[1])
        size = int(re.search(r'<w:sz w:val="(\d+)"', cell)[1]) / 2
        lines = text.count_lines("Arial", heading, width - 2 * CELL_LR, size, True)
        wrapped += lines > 1
        assert height >= 2 * PAD + lines * round(size * 1.2 * 20), heading
    assert wrapped  # the long heading does wrap: the check above is not idle


def test_a_heading_longer_than_the_actors_makes_the_header_taller():
    """Measured as printed: a three-line Waktu heading adds lines to the row the one-line actors set."""
    cols = Columns([567, 2268, 1700, 1700, 1134, 567, 1134, 1134], 2)
    actors = ["Staf", "Kepala"]
    plain = PageStyle()
    own = PageStyle(labels={"waktu": "Waktu Penyelesaian Dalam Menit"})
    h_plain = header_heights(plain, cols, actors, *header_sizes(plain, cols, actors))
    actor_size, head_size = header_sizes(own, cols, actors)
    h_own = header_heights(own, cols, actors, actor_size, head_size)
    lines = text.count_lines("Arial", own.label("waktu"), 567 - 2 * CELL_LR, head_size, True)
    assert lines >= 3
    assert h_own[1] > h_plain[1]
    assert sum(h_own) >= 2 * PAD + lines * own.line(head_size)


def test_the_defaults_are_todays_texts_and_the_shipped_gaya_names_every_heading():
    style = load_style(REPO_TEMPLATES)
    assert {k: style.label(k) for k in LABELS} == LABELS
    assert style.labels == LABELS  # written out in the shipped file, for a Pemda to edit
    assert PageStyle().label("tanggal_efektif") == "Tanggal Efektif"


def test_check_reports_an_unknown_or_empty_heading_at_its_line_with_the_allowed_keys(tmp_path, monkeypatch, capsys):
    _catalogue(tmp_path, "kertas: A4\nlabel:\n  wktu: WAKTU (Menit)\n  kelengkapan: ''\n  output: [a, b]\n")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["check", "cat"]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if "gaya.yaml" in line]
    assert lines[0] == ("cat/templates/sop/gaya.yaml:3:3: unknown-key: kunci 'wktu' tidak dikenal di label berkas "
                        f"gaya (yang boleh: {', '.join(LABELS)}); maksud Anda 'waktu'?")
    assert lines[1].startswith("cat/templates/sop/gaya.yaml:4:16: invalid-value: label.kelengkapan kosong")
    assert lines[2].startswith("cat/templates/sop/gaya.yaml:5:11: type-mismatch: label.output harus berupa satu teks")
    assert len(lines) == 3
    assert main(["build", "cat", "-o", "out"]) != 0
    assert not (tmp_path / "out" / "setda" / "PD.UNIT.01.docx").exists()


def test_label_alone_or_a_scalar():
    assert problems("g.yaml", b"label:\n") == []
    [found] = problems("g.yaml", b"label: Waktu\n")
    assert (found.line, found.column, found.code) == (1, 8, "type-mismatch")
    [found] = problems("g.yaml", b"label:\n  waktu: " + b"x" * 81 + b"\n")
    assert "terlalu panjang" in found.message
