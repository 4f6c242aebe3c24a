"""Every sample and fixture SOP through LibreOffice: no text is clipped, hidden or broken (words against the
table's drawn rules, read back with pdfplumber), the pages are the ones planned, the identity part of every
sample SOP takes one page."""

from __future__ import annotations

import re
import subprocess
import time
from collections import Counter

import pytest

from petaproses.layout.hyphen import breaks
from petaproses.layout.sop_identity import signer, signer_tail
from petaproses.model import Sop, as_list
from petaproses.render import sop_docx
from petaproses.render.docx_style import load_style, templates_dir
from petaproses.texts import format_date, format_revision
from tests.conftest import PROCESSES, require
from tests.test_sop_layout import FOLDERS, load

pdfplumber = pytest.importorskip("pdfplumber")

TOL = 0.6  # pt: a glyph's box may touch its rule


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """(catalogue, SOP, PDF path, planned pages, whether a sample) of every SOP, converted in one call."""
    exe = require("soffice")
    folder = tmp_path_factory.mktemp("sop-pdf")
    style = load_style(templates_dir(None))
    out = []
    for source in FOLDERS:
        cat = load(source)
        for doc in cat.maps:
            if isinstance(doc, Sop):
                (folder / f"{doc.kode}.docx").write_bytes(sop_docx.render(cat, doc)[f"{doc.kode}.docx"])
                planned = sop_docx.sop_body(sop_docx.Writer(cat, style), doc)[1]
                out.append((cat, doc, folder / f"{doc.kode}.pdf", planned, source == PROCESSES))
    start = time.perf_counter()
    subprocess.run([exe, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *sorted(str(p) for p in folder.glob("*.docx"))],
                   check=True, capture_output=True, timeout=900)
    print(f"soffice: {len(out)} SOPs in {time.perf_counter() - start:.1f} s")
    return out


# ----------------------------------------------------------------------------------------------- reading
def _rules(page):
    """The table rules LibreOffice drew: thin black horizontal and vertical lines, (x0, x1, y0, y1)."""
    rules = []
    for ln in page.lines:
        if ln.get("linewidth", 1) <= 1.0 and ln.get("stroking_color") in ((0.0, 0.0, 0.0), (0,), [0.0], None, 0):
            rules.append((min(ln["x0"], ln["x1"]), max(ln["x0"], ln["x1"]), ln["top"], ln["bottom"]))
    return rules


def _white_grounds(page):
    """Branch labels' white boxes (they stand on a white ground, which may cover a rule)."""
    return [(r["x0"], r["x1"], r["top"], r["bottom"]) for r in page.rects + page.curves
            if r.get("fill") and tuple(r.get("non_stroking_color") or ()) in ((1.0, 1.0, 1.0), (1,))]


def _cell_of(word, rules):
    """The rectangle of rules around a word's centre: nearest vertical rule on each side spanning its height,
    nearest horizontal rule above and below spanning its x; None outside every table."""
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    vert = [r for r in rules if r[1] - r[0] < 0.5 and r[2] - 0.5 <= cy <= r[3] + 0.5]
    horz = [r for r in rules if r[3] - r[2] < 0.5 and r[0] - 0.5 <= cx <= r[1] + 0.5]
    left = max((r[0] for r in vert if r[0] <= cx), default=None)
    right = min((r[0] for r in vert if r[0] >= cx), default=None)
    top = max((r[2] for r in horz if r[2] <= cy), default=None)
    bottom = min((r[2] for r in horz if r[2] >= cy), default=None)
    if None in (left, right, top, bottom):
        return None
    return left, right, top, bottom


def _tokens(text: str) -> list[str]:
    return [w for w in str(text).split() if w]


def _expected(cat, doc) -> Counter:
    """Every word the SOP's YAML (and its organisation) puts in the document."""
    words: list[str] = []
    org = cat.organisasi
    for step in doc.kegiatan:
        for value in (step.uraian, *as_list(step.kelengkapan), *as_list(step.waktu), *as_list(step.output),
                      *as_list(step.keterangan), *(step.cabang or {})):
            words += _tokens(value)
    laws = sop_docx.dasar_hukum(cat, doc)  # as printed: hierarchy order, amendments written out
    for value in (doc.nomor, doc.nama.upper(), *laws, *doc.kualifikasi_pelaksana, *doc.peralatan,
                  *as_list(doc.peringatan), *as_list(doc.pencatatan), doc.tujuan or "", *as_list(doc.ruang_lingkup)):
        words += _tokens(value)
    if isinstance(doc.definisi, dict):
        for k, v in doc.definisi.items():
            words += _tokens(f"{k}: {v}")
    else:
        for v in doc.definisi or []:
            words += _tokens(v)
    for entry in doc.keterkaitan:
        other = cat.by_code.get(entry)
        words += _tokens(f"{other.nama} ({entry})" if other else entry)
    for d in (doc.tanggal.pembuatan, doc.tanggal.efektif):
        words += _tokens(format_date(d))
    words += _tokens(format_revision(doc.tanggal))
    for pid in doc.pengesah + doc.pemeriksa:
        if org and pid in org.pejabat:  # name, rank, NIP as printed (a name written "-" leaves the room blank)
            words += _tokens(org.pejabat[pid].jabatan) + [w for t, _ in signer_tail(signer(cat, pid))
                                                            for w in _tokens(t)]
    for value in (doc.jumlah_waktu or "", *as_list(doc.catatan)):  # the total row, the note under the table
        words += _tokens(value)
    for a in cat.lanes(doc):
        words += _tokens(cat.actor_name(a))
    return Counter(words)


def _found(pages_words) -> Counter:
    """The words of the PDF, and each pair the word processor broke after a hyphen or a slash, joined (a
    hyphen at a syllable break of a word too wide for its column, ``layout/hyphen``, is no part of it)."""
    found: Counter = Counter()
    for cells in pages_words:
        for words in cells.values():
            words.sort(key=lambda w: (round(w["top"]), w["x0"]))
            texts = [w["text"] for w in words]
            found.update(texts)
            for i, a in enumerate(texts):
                if not re.search(r"[-/]$", a):
                    continue
                k = i + 1  # the pieces of one word broken over lines: each but the last ends in - or /
                while k < len(texts) and re.search(r"[-/]$", texts[k]) and k - i < 4:
                    k += 1
                for j in range(i + 1, min(k, len(texts) - 1) + 1):  # "usaha/Bidang/" then " Unit": each join
                    found.update(_joined(texts[i:j + 1]))
    return found


def _joined(pieces: list[str]) -> set[str]:
    """The word ``pieces`` (broken after a hyphen or a slash) make: each hyphen kept (a hard one) or, at a
    syllable break of the word, dropped (shown by the word processor at a break it made)."""
    variants = [("", ())]  # (text so far, letter positions where a hyphen was dropped)
    for piece in pieces[:-1]:
        letters = len(re.sub(r"[^A-Za-z]", "", piece))
        variants = [(w + piece, cuts) for w, cuts in variants] + \
            [(w + piece[:-1], cuts + (len(re.sub(r"[^A-Za-z]", "", w)) + letters,)) for w, cuts in variants
             if piece.endswith("-")]
    out = set()
    for w, cuts in variants:
        whole = w + pieces[-1]
        if all(c in breaks(re.sub(r"[^A-Za-z]", "", whole)) for c in cuts):
            out.add(whole)
    return out


# ----------------------------------------------------------------------------------------------- the test
def test_no_text_clipped_hidden_or_broken(rendered):
    """Every word lies inside the rectangle of rules of its cell; every word of the YAML is in the PDF, whole
    (a line may break after a hyphen or a slash, or between syllables with a hyphen where a word is wider than
    its column; never elsewhere inside a word); LibreOffice made the pages we planned."""
    report = []
    for cat, doc, pdf_path, planned, _sample in rendered:
        with pdfplumber.open(str(pdf_path)) as pdf:
            assert len(pdf.pages) == planned, (doc.kode, len(pdf.pages), planned)
            pages_words = []
            for pno, page in enumerate(pdf.pages, 1):
                rules = _rules(page)
                grounds = _white_grounds(page)
                cells: dict = {}
                for w in page.extract_words(keep_blank_chars=False, use_text_flow=False):
                    cell = _cell_of(w, rules)
                    if cell is None:
                        cells.setdefault(None, []).append(w)  # page header and footer
                        continue
                    cells.setdefault(cell, []).append(w)
                    on_white = any(g[0] - TOL <= w["x0"] and w["x1"] <= g[1] + TOL and g[2] - TOL <= w["top"]
                                   and w["bottom"] <= g[3] + TOL for g in grounds)
                    if on_white:
                        continue  # a branch label on its white ground (its place is checked by the layout)
                    left, right, top, bottom = cell
                    assert left - TOL <= w["x0"] and w["x1"] <= right + TOL and top - TOL <= w["top"] \
                        and w["bottom"] <= bottom + TOL, (doc.kode, pno, w["text"], cell)
                pages_words.append(cells)
        missing = _expected(cat, doc) - _found(pages_words)
        assert not missing, (doc.kode, dict(missing))
        report.append(f"{doc.kode}: {planned} pages")
    print("\n".join(report))


def test_identity_on_one_page_for_every_sample(rendered):
    for cat, doc, pdf_path, _planned, sample in rendered:
        if not sample:
            continue
        with pdfplumber.open(str(pdf_path)) as pdf:
            first = pdf.pages[0].extract_text()
            assert "Nomor SOP" in first and "Pencatatan dan Pendataan:" in first, doc.kode
            assert all("Nomor SOP" not in p.extract_text() for p in pdf.pages[1:]), doc.kode
