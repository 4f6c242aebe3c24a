"""Indonesian words break between syllables (layout/hyphen.py), and the line count of a heading with soft
hyphens is what LibreOffice makes of it."""

from __future__ import annotations

import subprocess
import zipfile

import pytest

from petaproses.layout import text
from petaproses.layout.hyphen import SOFT, breaks, fit_words, soft_hyphens, syllable_cut
from petaproses.layout.page import PageStyle
from petaproses.layout.sop_labels import _cut

from .conftest import require

STYLE = PageStyle()


@pytest.mark.parametrize("word, parts", [
    ("Pemrakarsa", "Pem-ra-kar-sa"), ("Pengadministrasi", "Pe-ngad-mi-nis-tra-si"),
    ("Kesejahteraan", "Ke-se-jah-te-ra-an"), ("Kementerian", "Ke-men-te-ri-an"), ("instrumen", "in-stru-men"),
    ("ultra", "ul-tra"), ("pantai", "pan-tai"), ("maaf", "ma-af"), ("Kewenangan", "Ke-we-na-ngan"),
    ("Pembangunan", "Pem-ba-ngu-nan"), ("Perencanaan,", "Pe-ren-ca-na-an,"), ("ia", "ia"), ("Kota", "Ko-ta"),
    ("ilmu", "il-mu"),  # no part shorter than two letters: not "i-lmu" nor "a-ir"
])
def test_syllables(word, parts):
    assert soft_hyphens(word).replace(SOFT, "-") == parts


def test_acronyms_numbers_and_hard_hyphens():
    assert soft_hyphens("SP4N-LAPOR! BKPSDM") == "SP4N-LAPOR! BKPSDM"
    measure = lambda w: STYLE.measure(w, 6, True)  # noqa: E731
    room = measure("Perundang") - 1
    # only the part that does not fit gets soft hyphens; the part after the hard hyphen stays whole
    assert fit_words("Peraturan Perundang-undangan", room, measure) == \
        f"Peraturan Pe{SOFT}run{SOFT}dang-undangan"
    assert fit_words("Kepala Dinas", 10_000, measure) == "Kepala Dinas"


def test_breaks_are_positions():
    assert breaks("Pemrakarsa") == [3, 5, 8]
    assert syllable_cut("Pemrakarsa", lambda s: len(s) <= 7) == 5  # "Pemra-" fits, "Pemrakar-" does not


def test_a_branch_label_word_is_cut_between_syllables():
    measure = lambda t: STYLE.measure(t, 7)  # noqa: E731
    lines = _cut(["Perlu", "perbaikan"], measure("perbai-") + 1, measure)
    assert lines == ["Perlu", "perbai-", "kan"]
    # no syllable fits: the letters run out (the old way), nothing is lost
    assert "".join(line.rstrip("-") for line in _cut(["Pemrakarsa"], measure("Pe"), measure)) == "Pemrakarsa"


def test_lines_with_soft_hyphens():
    w = STYLE.measure("Pemrakar-", 6, True) + text.SOFT_SLACK + 1
    lines = text.break_lines("Arial", fit_words("Kepala Pemrakarsa", w - text.SOFT_SLACK,
                                                lambda x: STYLE.measure(x, 6, True)), w, 6, True)
    assert lines == ["Kepala", "Pemrakar-", "sa"]
    assert text.count_lines("Arial", "Kepala Pemrakarsa", w, 6, True) == 3  # whole: one line left empty


def test_libreoffice_breaks_soft_hyphens_as_counted(tmp_path):
    """The actor headings of a 10-actor SOP as LibreOffice sets them: each name in as many lines as counted,
    broken where counted (a word is broken only at a soft hyphen, shown as "-")."""
    soffice, pdftotext = require("soffice"), require("pdftotext")
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, Twips

    names = ["Kepala Perangkat Daerah Pemrakarsa", "Pengadministrasi Umum",
             "Kantor Wilayah Kementerian Hukum Provinsi Sumatera Barat", "Asisten Pemerintahan dan Kesejahteraan Rakyat",
             "Kepala Subbagian Perencanaan, Evaluasi dan Keuangan Perangkat Daerah"]
    width, margin = 684, 28
    room = width - 2 * margin
    doc = Document()
    counted, fits = [], []
    for name in names:
        fitted = fit_words(name, room, lambda x: STYLE.measure(x, 6, True))
        fits.append(fitted)
        counted.append(text.break_lines("Arial", fitted, room, 6, True))
        table = doc.add_table(rows=1, cols=1)
        table.autofit = False
        table.columns[0].width = Twips(width)
        cell = table.cell(0, 0)
        cell.width = Twips(width)
        margins = OxmlElement("w:tcMar")  # as the SOP's actor headings: HEAD_LR left and right
        for side in ("left", "right"):
            m = OxmlElement(f"w:{side}")
            m.set(qn("w:w"), str(margin))
            m.set(qn("w:type"), "dxa")
            margins.append(m)
        cell._tc.get_or_add_tcPr().append(margins)
        run = cell.paragraphs[0].add_run(fitted)
        run.font.size, run.bold, run.font.name = Pt(6), True, "Arial"
        doc.add_paragraph("#")
    path = tmp_path / "h.docx"
    doc.save(path)
    assert zipfile.is_zipfile(path)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profil'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    out = subprocess.run([pdftotext, "-layout", str(tmp_path / "h.pdf"), "-"], check=True, capture_output=True,
                         text=True).stdout
    got = [[ln.strip() for ln in block.strip().splitlines() if ln.strip()] for block in out.split("#")][:len(names)]
    for name, fitted, want, have in zip(names, fits, counted, got):
        assert len(have) <= len(want), (name, want, have)  # never taller than the row made for it
        assert "".join(have).replace("-", "").replace(" ", "") == name.replace(" ", "").replace("-", ""), (name, have)
        soft, at = set(), 0  # the letter counts a soft hyphen stands after
        for ch in fitted.replace(" ", ""):
            if ch == SOFT:
                soft.add(at)
            else:
                at += 1
        at = 0
        for line in have[:-1]:
            at += len(line.replace(" ", "").rstrip("-"))
            if line.endswith("-"):  # broken inside a word (these names have no hard hyphen): at a soft one
                assert at in soft, (name, line, have)


def test_a_diagram_breaks_a_long_word_after_its_hyphen_or_between_syllables():
    """Cilacap's map broke "perundang-undanga-/n" and "Perundang-undang-/an" where the letters ran out
    (review O): a word too long for a box breaks after its hyphen, else between syllables."""
    import re

    said = "sesuai peraturan perundang-undangan yang lebih tinggi dan Kasubag Perundang-undangan"
    runs = [(m.start(), m.group()) for m in re.finditer("[A-Za-z]+", said)]
    for width in range(36, 140, 4):
        lines = text.wrap(said, width)
        assert all(text.text_width(ln) <= width for ln in lines), (width, lines)
        pos = 0
        for token in (t for ln in lines for t in ln.split()):
            while said[pos] == " ":
                pos += 1
            if token.endswith("-") and not said.startswith(token, pos):  # a hyphen shown at a cut
                assert said.startswith(token[:-1], pos), (width, lines)
                pos += len(token) - 1
                start, run = next((a, r) for a, r in runs if a < pos < a + len(r))
                assert pos - start in breaks(run), (width, token, lines)
            else:
                assert said.startswith(token, pos), (width, lines)
                pos += len(token)
        assert pos == len(said), (width, lines)  # nothing lost
    assert text.wrap("Kasubag Perundang-undangan", 60) == ["Kasubag", "Perundang-", "undangan"]
