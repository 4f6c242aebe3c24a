"""A cell's text never takes more lines in LibreOffice than the layout counted (the row is made that tall
and clips the rest): lines that fit by a hair, lines with kerning pairs, and words with a slash, which
LibreOffice may break anywhere."""

from __future__ import annotations

import math
import subprocess

from petaproses.layout import sop_columns, sop_table, text
from petaproses.layout.hyphen import ZWSP
from petaproses.layout.page import PageStyle
from petaproses.layout.sop_table import CELL_LR

from .conftest import require

STYLE = PageStyle()
SIZE = STYLE.table_size
TEXTS = ["Surat keterangan tidak mampu", "Kartu Keluarga dan KTP asli", "Berkas usulan yang telah dilengkapi",
         "Konsep keputusan yang telah diparaf", "Nota dinas kepada Sekretaris Daerah",
         "Menyampaikan usulan kenaikan pangkat",
         # kerning pairs (Pa, Te, Ta, To): set without kerning, ~1.5 % wider than a kerning shaper measures
         "Pelayanan Terpadu Satu Pintu", "Tata Usaha Tim Teknis Perizinan"]
HYPHENATED = ["Penghubung SP4N-LAPOR! Perangkat Daerah Terlapor", "Admin SP4N-LAPOR! Pemerintah Daerah"]
SLASHED = ["15 menit/berkas", "5 menit/orang", "10 menit/orang", "Kepala Bidang/Kabid"]


def _document(cells: list[tuple[str, int, int]], path) -> None:
    """One single-cell table per (text, cell width, hanging indent), as the SOP's flowchart cells."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, Twips

    doc = Document()
    for value, width, indent in cells:
        table = doc.add_table(rows=1, cols=1)
        table.autofit = False
        table.columns[0].width = Twips(width)
        cell = table.cell(0, 0)
        cell.width = Twips(width)
        margins = OxmlElement("w:tcMar")
        for side in ("left", "right"):
            m = OxmlElement(f"w:{side}")
            m.set(qn("w:w"), str(CELL_LR))
            m.set(qn("w:type"), "dxa")
            margins.append(m)
        cell._tc.get_or_add_tcPr().append(margins)
        para = cell.paragraphs[0]
        if indent:
            para.paragraph_format.left_indent = Twips(indent)
            para.paragraph_format.first_line_indent = Twips(-indent)
            value = f"3.\t{value}"
        run = para.add_run(value)
        run.font.size, run.font.name = Pt(SIZE), STYLE.font
        doc.add_paragraph("#")
    doc.save(path)


def test_libreoffice_never_makes_more_lines_than_counted(tmp_path):
    soffice, pdftotext = require("soffice"), require("pdftotext")
    cells, counted = [], []
    for value in TEXTS:
        for extra in (0, 1, 2, 3, 6, 12):  # the text fits its room by this much (twips) and less than one more
            for indent in (0, 227):  # a plain cell, an item of a numbered list
                room = math.ceil(text.twips(STYLE.font, value, SIZE)) + extra
                cells.append((value, room + 2 * CELL_LR + indent, indent))
                counted.append(text.count_lines(STYLE.font, value, room, SIZE))
    for value in SLASHED:  # in a column as narrow as the layout makes it: its widest unbreakable piece
        value = sop_table.items_cell([value])[0].text  # as the flowchart writes it
        room = int(sop_columns._longest_word(STYLE, [[_Para(value)]], SIZE) + 20)
        cells.append((value, room + 2 * CELL_LR, 0))
        counted.append(text.count_lines(STYLE.font, value, room, SIZE))
    for value in HYPHENATED:  # a word with a hyphen wider than its column: broken after the hyphen
        room = int(text.twips(STYLE.font, max(value.split(), key=len), SIZE)) - 10
        cells.append((value, room + 2 * CELL_LR, 0))
        counted.append(text.count_lines(STYLE.font, value, room, SIZE))
        assert counted[-1] == text.count_lines_until(STYLE.font, value, room, SIZE)[0]
    path = tmp_path / "c.docx"
    _document(cells, path)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profil'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    out = subprocess.run([pdftotext, "-layout", str(tmp_path / "c.pdf"), "-"], check=True, capture_output=True,
                         text=True).stdout
    got = [[ln.strip() for ln in block.strip().splitlines() if ln.strip()] for block in out.split("#")][:len(cells)]
    assert len(got) == len(cells)
    for (value, width, indent), want, have in zip(cells, counted, got):
        if indent:
            have = [have[0].removeprefix("3.").strip(), *have[1:]]
        assert len(have) <= want, (value, width, want, have)
        for line in have:  # and every word whole on its line, or broken after its slash or hyphen
            words = value.replace(ZWSP, " ").replace("-", "- ").split()
            assert all(word in words or word in value.split() for word in line.split()), (value, have)


class _Para:
    """A paragraph of a cell as ``sop_columns`` reads it."""

    def __init__(self, value: str):
        self.text, self.indent = value, 0
