"""What a build does in its own process rather than in a fork: in siaga, a lone edited document while a fork
makes the book; with everything here, the whole-catalogue files in a thread beside the documents.  Either way
the files are those the other way writes."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from types import SimpleNamespace

from petaproses import units
from petaproses.build import build, check

from .conftest import PROCESSES

ROOT = Path(__file__).resolve().parent.parent


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.relative_to(out).parts[0].startswith(".petaproses")}


SEEN: list[str] = []  # the units rendered in this process: a fork appends to its own copy
_RENDER = units._render_unit


def _seen_render(unit: str):
    SEEN.append(unit)
    return _RENDER(unit)


def test_a_lone_document_rendered_here_writes_what_a_fork_writes(tmp_path, monkeypatch):
    """siaga renders one edited document in the build process while a fork makes its department's book."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    monkeypatch.setenv("PETAPROSES_CACHE", "0")
    cat = tmp_path / "cat"
    shutil.copytree(PROCESSES, cat)
    outs = {True: tmp_path / "here", False: tmp_path / "fork"}
    for out in outs.values():
        assert not build([str(cat)], str(out), jobs=2).failed
    loaded, _ = check([str(cat)])
    named = {code for d in loaded.maps for _keys, code, _how in d.links()}  # shown by another map: its unit too
    sop = Path(next(d.path for d in loaded.maps if d.jenis == "sop" and d.kode not in named))
    sop.write_text(sop.read_text(encoding="utf-8").replace("uraian: ", "uraian: (diubah) ", 1), encoding="utf-8")
    seen: dict[bool, list] = {}
    monkeypatch.setattr(units, "_render_unit", _seen_render)
    for here, out in outs.items():
        monkeypatch.setattr(units, "LONE_DOCUMENT_HERE", here)
        SEEN.clear()
        result = build([str(cat)], str(out), jobs=2)
        assert not result.failed and len(result.built) == 1
        seen[here] = list(SEEN)
    assert seen[True] == ["@katalog", *result.built] and seen[False] == ["@katalog"]
    assert _outputs(outs[True]) == _outputs(outs[False])


class _RightAway:
    """A thread that runs its target when started: the files made one after another."""

    def __init__(self, target, daemon=None):
        self.target, self.ident = target, None

    def start(self) -> None:
        self.ident = 1
        self.target()

    def join(self) -> None:
        pass


def test_the_catalogue_files_made_in_a_thread_beside_the_document_are_the_same(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    monkeypatch.setenv("PETAPROSES_CACHE", "0")
    monkeypatch.setattr(units, "_render_unit", _thread_of_render)
    THREADS.clear()
    assert not build([str(ROOT / "bench" / "onemap")], str(tmp_path / "beside")).failed
    assert THREADS["@katalog"] != threading.main_thread().name and THREADS["DPMPTSP.LF.BENCH"] == \
        threading.main_thread().name
    monkeypatch.setattr(units, "threading", SimpleNamespace(Thread=_RightAway))  # units' own name only
    assert not build([str(ROOT / "bench" / "onemap")], str(tmp_path / "after")).failed
    assert _outputs(tmp_path / "beside") == _outputs(tmp_path / "after")


THREADS: dict[str, str] = {}


def _thread_of_render(unit: str):
    THREADS[unit] = threading.current_thread().name
    return _RENDER(unit)
