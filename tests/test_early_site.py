"""The review site written while the books still render (build.EarlySite): the same files, manifest and count
of files written as a build that writes the site after every unit, also when a file the site lists appears
meanwhile (the site is then written again)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from petaproses import build as build_module
from petaproses.build import EarlySite, build

from .conftest import PROCESSES

SOP = Path("setda") / "sop02-reviu-sop.yaml"


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.relative_to(out).parts[0].startswith(".petaproses")}


def _site_section(out: Path) -> dict:
    return json.loads((out / build_module.MANIFEST).read_text(encoding="utf-8"))["situs"]


@pytest.fixture
def built(tmp_path):
    """A catalogue built once, two copies of its output, and the SOP edited (a step's text)."""
    cat, early, late = tmp_path / "cat", tmp_path / "early", tmp_path / "late"
    shutil.copytree(PROCESSES, cat)
    assert not build([str(cat)], str(early), jobs=2).failed
    shutil.copytree(early, late, symlinks=True)
    sop = cat / SOP
    text = sop.read_text(encoding="utf-8")
    assert "    uraian: " in text
    sop.write_text(text.replace("    uraian: ", "    uraian: Segera ", 1), encoding="utf-8")
    return cat, early, late


def _build_both(cat: Path, early: Path, late: Path, monkeypatch, meanwhile=None) -> tuple[list, list]:
    """Build ``early`` with the site written while the books render, ``late`` with it written after them;
    return the written files of each.  ``meanwhile(out)``: what else happens to output/ while the units
    render, after the site (early) or before it (late)."""
    ran: list[bool] = []
    real_run = EarlySite.run

    def run(self):
        real_run(self)
        ran.append(True)
        if meanwhile:
            meanwhile(self.out)

    monkeypatch.setattr(EarlySite, "run", run)
    first = build([str(cat)], str(early), jobs=2)
    assert ran == [True]  # the early site did run: the comparison below is not between two late ones
    monkeypatch.setattr(build_module, "_site_early", lambda plan, jobs: False)
    real_write = build_module.write_review_site

    def write_late(*args, **kwargs):
        if meanwhile:
            meanwhile(late)
        return real_write(*args, **kwargs)

    monkeypatch.setattr(build_module, "write_review_site", write_late)
    second = build([str(cat)], str(late), jobs=2)
    assert ran == [True]
    assert not first.failed and not second.failed and first.built == second.built
    assert "SETDA.ORG.SOP.02" in first.built
    return first.written, second.written


def test_an_edit_writes_what_a_site_after_the_books_writes(built, monkeypatch):
    cat, early, late = built
    first, second = _build_both(cat, early, late, monkeypatch)
    assert _outputs(early) == _outputs(late)
    assert _site_section(early) == _site_section(late)
    assert sorted(first) != [] and sorted(p.relative_to(early) for p in first) == sorted(p.relative_to(late)
                                                                                        for p in second)
    assert any(p.name == "Dokumen-SOP-setda.docx" for p in first)  # the book was rendered in that build too


def test_a_file_listed_by_the_site_that_appears_meanwhile_writes_the_site_again(built, monkeypatch):
    """A book the home page did not list yet when the site was written: the home page lists it all the same."""
    cat, early, late = built

    def appears(out: Path) -> None:
        (out / "setda" / "Lampiran-setda.docx").write_bytes(b"lampiran")

    first, second = _build_both(cat, early, late, monkeypatch, appears)
    assert "setda/Lampiran-setda.docx" in (early / "index.html").read_text(encoding="utf-8")
    assert _outputs(early) == _outputs(late)
    assert _site_section(early) == _site_section(late)
    assert len(first) == len(set(first)) == len(second)  # the index written twice counts once


def test_a_new_department_book_is_not_waited_for_by_an_early_site(tmp_path, monkeypatch):
    """A department built for the first time has no book yet for the site to list: the site comes after it."""
    cat = tmp_path / "cat"
    shutil.copytree(PROCESSES, cat)
    ran: list[bool] = []
    monkeypatch.setattr(EarlySite, "run", lambda self: ran.append(True))
    assert not build([str(cat)], str(tmp_path / "out"), jobs=2).failed
    assert ran == []
