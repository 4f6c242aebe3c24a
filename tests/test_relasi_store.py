"""A build in a new process takes the hand-offs of unchanged maps from the last build's output folder
(relasi_store.py), never those of a changed map or an odd entry, and writes exactly what a fresh build writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from petaproses import catalogue, relasi, relasi_keys, relasi_store, state
from petaproses.build import build
from petaproses.check import load

from .conftest import PROCESSES

SOP = Path("setda") / "sop02-reviu-sop.yaml"


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.relative_to(out).parts[0].startswith(".petaproses")}


def _new_process() -> None:
    """Forget what this process holds between builds (as `siaga` would keep it): a new command's state."""
    catalogue.LIVE.clear()
    relasi._KEPT.clear()
    relasi._LAST[:] = [None, None, None, None, {}]
    relasi_keys._LAST.clear()
    relasi_keys._HANDOFF_JSON.clear()
    relasi_store._HELD.clear()
    relasi_store._ON_DISK.clear()
    relasi_store._BYTES.clear()
    state._DOCUMENTS.clear()
    state._ENTRIES.clear()


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    """The codes of the maps whose hand-offs are worked out from their flow."""
    made: list[str] = []
    real = relasi.map_handoffs
    monkeypatch.setattr(relasi, "map_handoffs", lambda doc: made.append(doc.kode) or real(doc))
    return made


def _maps(cat: Path) -> int:
    return sum(isinstance(d, relasi.PetaLintasFungsi) for d in load([str(cat)]).cat.maps)


def _edit(cat: Path) -> None:
    sop = cat / SOP
    text = sop.read_text(encoding="utf-8")
    sop.write_text(text.replace("output: Agenda surat masuk\n", "output: Agenda surat masuk yang baru\n", 1),
                   encoding="utf-8")


def test_a_new_process_takes_unchanged_maps_hand_offs_from_the_last_build(tmp_path, counted):
    cat, out, fresh = tmp_path / "cat", tmp_path / "out", tmp_path / "fresh"
    shutil.copytree(PROCESSES, cat)
    assert not build([str(cat)], str(out), jobs=1).failed
    maps = _maps(cat)
    assert len(counted) == maps > 20 and len(_files(out)) > 1
    _edit(cat)
    _new_process()
    counted.clear()
    result = build([str(cat)], str(out), jobs=1)
    assert not result.failed and "SETDA.ORG.SOP.02" in result.built
    assert counted == ["SETDA.ORG.SOP.02"]  # the only changed map
    assert "yang baru" in (out / "peta-relasi" / "Peta-Relasi-setda.svg").read_text(encoding="utf-8")
    _new_process()
    counted.clear()
    assert not build([str(cat)], str(fresh), jobs=1).failed and len(counted) == maps
    assert _outputs(out) == _outputs(fresh)
    # the file was brought up to date: the edited map's entry is the new one (a third process works out none)
    _new_process()
    loaded = load([str(cat)])
    assert relasi_store.prime(out, loaded.cat) == maps
    assert relasi_store.save(out, loaded.cat) is False  # nothing to write: the file holds exactly these


def test_revived_hand_offs_and_digests_are_those_worked_out(tmp_path):
    out = tmp_path / "out"
    assert not build([str(PROCESSES)], str(out), jobs=1).failed
    _new_process()
    cat = load([str(PROCESSES)]).cat
    assert relasi_store.prime(out, cat) > 20
    revived = relasi._derive(cat)
    primed_digests = relasi_keys.digests(relasi.views(cat))
    _new_process()
    cat = load([str(PROCESSES)]).cat
    worked_out = relasi._derive(cat)
    assert revived.handoffs == worked_out.handoffs and revived.relations == worked_out.relations
    assert relasi_keys.digests(relasi.views(cat)) == primed_digests
    # revived without the dataclass's __init__ (relasi_store._revive): nothing it would run is skipped
    from petaproses.relasi_handoffs import Handoff

    assert not hasattr(Handoff, "__post_init__") and "__slots__" not in vars(Handoff)
    assert all(type(h) is Handoff and h == Handoff(*vars(h).values()) and hash(h) == hash(Handoff(*vars(h).values()))
               for h in revived.handoffs)


def _files(out: Path) -> dict[str, bytes]:
    """The hand-off files of ``out`` (16 by the maps' paths), by name."""
    return {p.name: p.read_bytes() for p in sorted((out / relasi_store.FOLDER).glob("*.json"))}


def _rewrite(out: Path, key: str, change) -> None:
    path = out / relasi_store.shard_file(state.shard_of(key))
    data = json.loads(path.read_bytes())
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("change", [
    pytest.param(lambda e: e.__setitem__(0, "0" * 64), id="another-sha"),
    pytest.param(lambda e: e.__setitem__(2, e[2].replace('"', "'", 2)), id="not-json"),
    pytest.param(lambda e: e.__setitem__(2, e[2].replace(", 1,", ', "1",', 1)), id="step-not-a-number"),
    pytest.param(lambda e: e.__setitem__(2, e[2].replace('"SETDA.ORG.SOP.02"', '"SETDA.ORG.SOP.01"')),
                 id="another-map's-code"),
    pytest.param(lambda e: e.__setitem__(2, e[2].replace("\n", ",", 1)), id="two-rows-on-a-line"),
    pytest.param(lambda e: e.__setitem__(1, "aktor"), id="actors-not-a-list"),
])
def test_an_odd_entry_is_a_miss_and_is_written_again(tmp_path, counted, change):
    out = tmp_path / "out"
    assert not build([str(PROCESSES)], str(out), jobs=1).failed
    before = _files(out)
    key = next(k for data in before.values() for k in json.loads(data)["peta"] if k.endswith(SOP.as_posix()))
    _rewrite(out, key, lambda data: change(data["peta"][key]))
    _new_process()
    counted.clear()
    cat = load([str(PROCESSES)]).cat
    assert relasi_store.prime(out, cat) == _maps(PROCESSES) - 1
    relasi._derive(cat)
    assert counted == ["SETDA.ORG.SOP.02"]
    assert relasi_store.save(out, cat) is True
    assert _files(out) == before  # healed


def test_one_edit_rewrites_the_hand_off_file_of_that_map_only(tmp_path, counted):
    """The hand-offs are in 16 files by the maps' paths: an edited map's build writes its file alone (a new
    process, as one `build` command is); the one file of earlier versions is deleted."""
    cat, out = tmp_path / "cat", tmp_path / "out"
    shutil.copytree(PROCESSES, cat)
    assert not build([str(cat)], str(out), jobs=1).failed
    old = out / relasi_store.OLD_FILE
    old.write_text("{}", encoding="utf-8")
    inodes = {p.name: p.stat().st_ino for p in (out / relasi_store.FOLDER).glob("*.json")}
    _edit(cat)
    _new_process()
    assert not build([str(cat)], str(out), jobs=1).failed
    now = {p.name: p.stat().st_ino for p in (out / relasi_store.FOLDER).glob("*.json")}
    edited = next(p for p in relasi_store._HELD if p.endswith(SOP.as_posix()))
    assert now.keys() == inodes.keys() and {n for n in now if now[n] != inodes[n]} == \
        {f"{state.shard_of(edited)}.json"}
    assert not old.exists()


def test_a_file_of_another_version_or_shape_is_not_used(tmp_path, counted):
    out = tmp_path / "out"
    assert not build([str(PROCESSES)], str(out), jobs=1).failed
    maps = _maps(PROCESSES)
    for broken in (b"[]", b"{", b'{"peta": {}, "versi": "lain"}', b"\xff\xfe"):
        for name in _files(out):
            (out / relasi_store.FOLDER / name).write_bytes(broken)
        _new_process()
        counted.clear()
        cat = load([str(PROCESSES)]).cat
        assert relasi_store.prime(out, cat) == 0
        relasi._derive(cat)
        assert len(counted) == maps
