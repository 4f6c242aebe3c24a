"""The CATALOGUE_WIDE rules' findings kept in one process (rules._WIDE): a process that checks or builds the
same catalogue again runs them for the changed maps only, and for every map once another map's code, kind or
parent changed (once a title changed: only those that read titles, rules.NAMED); the findings are those of a fresh
check either way."""

from __future__ import annotations

import contextlib
import shutil

import pytest

from petaproses import rules
from petaproses.catalogue import load_catalogue

from .conftest import PROCESSES

SOP01 = "setda/sop01-penyusunan-peta-proses-bisnis.yaml"
SOP02 = "setda/sop02-reviu-sop.yaml"


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.setattr(rules, "_WIDE", {"context": None, "found": {}})
    root = tmp_path / "processes"
    shutil.copytree(PROCESSES, root)
    return root


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@contextlib.contextmanager
def _recording(monkeypatch):
    """Yield the set of files whose CATALOGUE_WIDE rules run meanwhile."""
    ran: set[str] = set()
    real = rules._run

    def recorded(rule, check, cat, doc):
        if rule.CODE in rules.CATALOGUE_WIDE and check is getattr(rule, "check", None):
            ran.add(doc.path)
        return real(rule, check, cat, doc)
    monkeypatch.setattr(rules, "_run", recorded)
    try:
        yield ran
    finally:
        monkeypatch.setattr(rules, "_run", real)


def _validate(root, monkeypatch) -> tuple[list, set[str]]:
    """Return the findings through the kept ones (with a check cache's ``local``, as build and check run them),
    and the files whose CATALOGUE_WIDE rules ran; assert they are a fresh check's findings."""
    cat, _ = load_catalogue([str(root)])
    with _recording(monkeypatch) as ran:
        kept = rules.validate(cat, local={}, jobs=1)
    fresh, _ = load_catalogue([str(root)])
    assert kept == rules.validate(fresh, jobs=1)
    return kept, ran


def test_an_edit_runs_the_wide_rules_of_the_edited_map_only(root, monkeypatch):
    _found, ran = _validate(root, monkeypatch)
    assert len(ran) > 30  # every map, the first time
    _edit(root / SOP02, "    uraian: ", "    uraian: Menyiapkan ulang; ")
    _found, ran = _validate(root, monkeypatch)
    assert ran == {str(root / SOP02)}
    _found, ran = _validate(root, monkeypatch)
    assert ran == set()


def test_a_new_code_runs_them_all_again(root, monkeypatch):
    """A link to a code nobody has is unresolved until a map with that code appears: SOP 02's finding goes,
    though SOP 02's file did not change."""
    _edit(root / SOP02, "keterkaitan: [SETDA.ORG.SOP.01]", "keterkaitan: [SETDA.ORG.SOP.01, SETDA.ORG.SOP.99]")
    found, _ran = _validate(root, monkeypatch)
    assert [p.path for p in found if p.code == "unresolved-link"] == [str(root / SOP02)]
    added = root / "setda" / "sop99-baru.yaml"
    shutil.copy(root / SOP01, added)
    _edit(added, "kode: SETDA.ORG.SOP.01", "kode: SETDA.ORG.SOP.99")
    found, ran = _validate(root, monkeypatch)
    assert not [p for p in found if p.code == "unresolved-link"]
    assert str(root / SOP02) in ran and len(ran) > 30


def test_a_title_seen_by_another_map_runs_them_all_again(root, monkeypatch):
    """external-link: an SOP named by its title in another SOP's keterkaitan says 'write its code' while an SOP
    of the catalogue has that title."""
    _edit(root / SOP02, "keterkaitan: [SETDA.ORG.SOP.01]",
          "keterkaitan: [SETDA.ORG.SOP.01, SOP Penyusunan Peta Proses Bisnis Perangkat Daerah]")
    found, _ran = _validate(root, monkeypatch)
    hint = [p.message for p in found if p.code == "external-link"]
    assert len(hint) == 1 and "SETDA.ORG.SOP.01" in hint[0]
    _edit(root / SOP01, "nama: Penyusunan Peta Proses Bisnis Perangkat Daerah", "nama: Penyusunan Peta Proses")
    found, ran = _validate(root, monkeypatch)
    hint = [p.message for p in found if p.code == "external-link"]
    assert len(hint) == 1 and "SETDA.ORG.SOP.01" not in hint[0] and str(root / SOP02) in ran


def test_a_title_edit_runs_again_only_what_reads_other_maps(root, monkeypatch):
    """duplicate-id's step ids (its check_own) need the map alone: kept with the map's own rules (``local``) and
    not run again for the other maps when a title changes; nor are its codes (its check) or any CATALOGUE_WIDE
    rule's but the NAMED ones (external-link reads titles), run again for every map; the findings are a fresh
    check's, a step id used twice among them."""
    _edit(root / SOP01, "\n  - id: ", "\n  - id: dobel\n    uraian: Langkah kembar\n    pelaksana: sekda\n  - id: dobel\n"
          "    uraian: Langkah kembar\n    pelaksana: sekda\n  - id: ")
    local: dict = {}
    rules.validate(load_catalogue([str(root)])[0], local=local, jobs=1)
    _edit(root / SOP02, "\nnama: Reviu", "\nnama: Baru Reviu")
    ran: list[tuple[str, str, str]] = []
    real = rules._run

    def recorded(rule, check, cat, doc):
        ran.append((rule.CODE, check.__name__, doc.path))
        return real(rule, check, cat, doc)
    monkeypatch.setattr(rules, "_run", recorded)
    kept = rules.validate(load_catalogue([str(root)])[0], local=local, jobs=1)
    monkeypatch.setattr(rules, "_run", real)
    assert kept == rules.validate(load_catalogue([str(root)])[0], jobs=1)
    assert [p for p in kept if p.code == "duplicate-id" and "dobel" in p.message and p.path.endswith(SOP01)]
    wide = [(code, path) for code, name, path in ran if code in rules.CATALOGUE_WIDE and name == "check"]
    assert {path for code, path in wide if code not in rules.NAMED} == {str(root / SOP02)}
    assert len({path for code, path in wide if code in rules.NAMED}) > 30  # every map's titles read again
    assert {path for _, name, path in ran if name == "check_own"} == {str(root / SOP02)}


def _build_recording(root, out, monkeypatch) -> tuple[list, set[str]]:
    """Build ``root`` into ``out`` as a new process would (nothing kept in rules._WIDE); return the findings and
    the files whose CATALOGUE_WIDE rules ran."""
    from petaproses.build import build

    monkeypatch.setattr(rules, "_WIDE", {"context": None, "found": {}})
    with _recording(monkeypatch) as ran:
        result = build([str(root)], str(out), jobs=1, site=False, only=["bpmn"])
    return result.problems, ran


def test_a_build_in_a_new_process_takes_the_wide_findings_from_its_state(root, tmp_path, monkeypatch):
    """The build state keeps the CATALOGUE_WIDE rules' findings ("luas" and each "aturan" entry's third item):
    a build in a new process after a step's text changed runs them for that map only; a forged row is left out
    (its map's rules run again); a title change runs them all.  The findings are always a fresh build's."""
    import json

    from petaproses import state as st
    from petaproses.build import build

    out = tmp_path / "out"
    _found, ran = _build_recording(root, out, monkeypatch)
    assert len(ran) > 30
    _edit(root / SOP02, "    uraian: ", "    uraian: Menyiapkan ulang; ")
    found, ran = _build_recording(root, out, monkeypatch)
    assert ran == {str(root / SOP02)}

    def fresh() -> list:
        monkeypatch.setattr(rules, "_WIDE", {"context": None, "found": {}})
        return build([str(root)], str(tmp_path / "fresh"), jobs=1, site=False, only=["bpmn"], force=True).problems
    assert found == fresh()
    cache = out / st.CACHE
    data = json.loads(cache.read_text(encoding="utf-8"))
    wide = {path: entry[2] for path, entry in data["aturan"].items() if len(entry) == 3}
    assert len(wide) == len(data["aturan"]) and len(data["luas"]) == 128  # places, then titles (rules._context)
    sop01 = str(root / SOP01)
    data["aturan"][sop01][2] = [[sop01, 1, 1, "unresolved-link", "palsu", "galat"], "bukan baris"]
    cache.write_text(json.dumps(data), encoding="utf-8")
    found, ran = _build_recording(root, out, monkeypatch)
    assert ran == {sop01} and found == fresh()
    _edit(root / SOP01, "nama: Penyusunan Peta Proses Bisnis Perangkat Daerah", "nama: Penyusunan Peta Proses")
    ran_rules: list[tuple[str, str]] = []
    real = rules._run

    def recorded(rule, check, cat, doc):
        if rule.CODE in rules.CATALOGUE_WIDE and check is getattr(rule, "check", None):
            ran_rules.append((rule.CODE, doc.path))
        return real(rule, check, cat, doc)
    monkeypatch.setattr(rules, "_run", recorded)
    found, ran = _build_recording(root, out, monkeypatch)  # a title: the NAMED rules for every map, the rest for it
    assert len(ran) > 30 and {path for code, path in ran_rules if code not in rules.NAMED} == {sop01}
    monkeypatch.setattr(rules, "_run", real)
    assert found == fresh()


def test_a_check_of_some_files_after_a_title_edit_keeps_no_finding_of_the_old_titles(root):
    """A title edit with only some files checked (their NAMED rules run again, not the other maps'): every kept
    finding goes, so a later check of another file does not give its finding of the old titles."""
    _edit(root / SOP02, "keterkaitan: [SETDA.ORG.SOP.01]",
          "keterkaitan: [SETDA.ORG.SOP.01, SOP Penyusunan Peta Proses Bisnis Perangkat Daerah]")
    local: dict = {}
    rules.validate(load_catalogue([str(root)])[0], local=local, jobs=1)  # every map's findings kept
    _edit(root / SOP01, "nama: Penyusunan Peta Proses Bisnis Perangkat Daerah", "nama: Penyusunan Peta Proses")
    rules.validate(load_catalogue([str(root)])[0], local=local, jobs=1, files={str(root / SOP01)})
    kept = rules.validate(load_catalogue([str(root)])[0], local=local, jobs=1, files={str(root / SOP02)})
    assert kept == rules.validate(load_catalogue([str(root)])[0], jobs=1, files={str(root / SOP02)})
    hint = [p.message for p in kept if p.code == "external-link"]
    assert len(hint) == 1 and "SETDA.ORG.SOP.01" not in hint[0]
