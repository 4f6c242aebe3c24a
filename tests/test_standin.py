"""`check FILE` reads the other maps through stand-ins (standin.py): their code, title, parent and kind from the
check cache, the whole document only when a rule reads more.  The findings are those of the uncached check."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from petaproses import checkcache, rules, standin
from petaproses import catalogue
from petaproses.catalogue import load_catalogue
from petaproses.check import check
from petaproses.check import check_cached as _check_cached
from petaproses.kinds import KINDS
from petaproses.model import PetaLintasFungsi, Sop, _Map
from petaproses.state import shard_of

from .conftest import PROCESSES
from .test_check_cache import NYATA, RULE_FIXTURES, mutations, read_shard, write_shard


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PETAPROSES_CACHE", str(folder))
    return folder


@pytest.fixture
def wholes(monkeypatch) -> list[str]:
    """The paths of the stand-ins validated whole, in order."""
    seen: list[str] = []
    real = standin.StandIn.whole

    def whole(self):
        if self._doc is None:
            seen.append(self.path)
        return real(self)
    monkeypatch.setattr(standin.StandIn, "whole", whole)
    return seen


def check_cached(paths: list[str]):
    """As a new process checks (`petaproses check`): no documents of an earlier load in memory (catalogue.LIVE),
    no findings of the rules that read other maps (rules._WIDE)."""
    catalogue.LIVE.clear()
    rules._WIDE.update(context=None, found={})
    return _check_cached(paths)


def _on(path: Path, whole: list) -> list:
    return [p for p in whole if Path(p.path).resolve() == path.resolve()]


def test_a_stand_in_answers_its_summary_and_loads_the_rest_once():
    cat, _ = load_catalogue([str(PROCESSES)])
    doc = next(m for m in cat.maps if isinstance(m, Sop) and m.induk)
    loads: list[int] = []

    def load():
        loads.append(1)
        return doc
    s = standin.StandIn(doc.path, Sop, "sop", (doc.kode, doc.nama, doc.induk), load)
    assert (s.path, s.kode, s.nama, s.induk, s.jenis) == (doc.path, doc.kode, doc.nama, doc.induk, doc.jenis)
    assert isinstance(s, Sop) and isinstance(s, PetaLintasFungsi) and isinstance(s, _Map) and not loads
    assert s.kegiatan == doc.kegiatan and s.links() == doc.links() and s.loc("kode") == doc.loc("kode")
    assert len(loads) == 1 and s.whole() is doc
    s._locs = None  # what the catalogue sets on a document goes to the document
    assert doc._locs is None


def test_check_file_validates_only_the_maps_its_rules_read(cache, wholes):
    """An SOP's check validates that SOP alone; the organisation's (missing-nip reads every SOP's signatories)
    validates the SOPs; the findings are the whole check's on that file, every time."""
    _, whole = check([str(PROCESSES)])
    check_cached([str(PROCESSES)])  # fills the cache
    sop = next((PROCESSES / "setda").glob("sop01*.yaml"))
    for target in (sop, PROCESSES / "organisasi.yaml", PROCESSES / "peraturan.yaml"):
        wholes.clear()
        assert check_cached([str(target)])[1] == _on(target, whole), target
        if target == sop:
            assert [Path(p).resolve() for p in wholes] == [sop.resolve()]
        elif target.name == "organisasi.yaml":
            assert {Path(p).name for p in wholes} == {Path(m.path).name for m in load_catalogue(
                [str(PROCESSES)])[0].maps if isinstance(m, Sop)}
        else:
            assert wholes == []


def test_an_sop_s_check_validates_no_evaluation_record_and_no_peta_relasi(cache, wholes):
    """Only their own file's rules read an evaluation record or a peta-relasi file: a check of an SOP keeps them as
    stand-ins, never validated (it validated both kinds: their models built, ~14 M instructions of ~830 M); a check
    of one of them reads it, and the others of its kind, whole."""
    _, whole = check([str(PROCESSES)])
    check_cached([str(PROCESSES)])
    sop = next((PROCESSES / "setda").glob("sop01*.yaml"))
    cat, found = check_cached([str(sop)])
    assert found == _on(sop, whole)
    aside = [*cat.evaluations, *cat.relasi]
    assert len(cat.evaluations) >= 2 and len(cat.relasi) >= 2
    assert all(type(d) is standin.StandIn and d._doc is None for d in aside), aside
    assert [Path(p).resolve() for p in wholes] == [sop.resolve()]
    record = Path(cat.evaluations[0].path)
    wholes.clear()
    cat, found = check_cached([str(record)])
    assert found == _on(record, whole)
    assert Path(record).resolve() in [Path(p).resolve() for p in wholes]


@pytest.mark.parametrize("root", [PROCESSES, NYATA], ids=lambda p: p.name)
def test_check_of_each_file_through_stand_ins_equals_the_whole_check(root, cache, wholes):
    _, whole = check([str(root)])
    check_cached([str(root)])
    files = sorted(p for p in root.rglob("*.yaml") if ".petaproses" not in p.parts)
    assert len(files) > 5
    for f in files:
        assert check_cached([str(f)])[1] == _on(f, whole) == check([str(f)])[1], f
    assert wholes  # stand-ins were made and some were read whole


def test_check_file_follows_every_edit_of_the_catalogue(cache, tmp_path):
    """The samples mutated step by step (test_check_cache.mutations: titles, codes, parents, the organisation,
    broken, removed and new files), the cache kept warm: a check of each affected file equals the uncached one
    (not always the whole check's findings on it: a code used twice is reported on the file checked)."""
    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    check_cached([str(cat)])
    setda = cat / "setda"
    targets = [setda / "sop02-reviu-sop.yaml", setda / "sop03-evaluasi-kelembagaan.yaml",
               setda / "sop04-analisis-jabatan.yaml", setda / "sp03-penataan-kelembagaan.yaml",
               setda / "sop01-penyusunan-peta-proses-bisnis.yaml", cat / "organisasi.yaml"]
    for i, step in enumerate(mutations(cat)):
        step()
        for target in targets:
            if target.exists():
                assert check_cached([str(target)])[1] == check([str(target)])[1], (i, target)


def test_a_stand_in_whose_cached_document_no_longer_validates_is_read_from_its_file(cache, tmp_path, wholes):
    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    _, whole = check([str(cat)])
    check_cached([str(cat)])
    folder = checkcache.cache_file([str(cat)])
    sop = next(k for f in folder.glob("*.json") for k in read_shard(f)[0]["berkas"]
               if k.endswith("sop02-reviu-sop.yaml"))
    shard = checkcache.shard_file(folder, shard_of(sop))
    data, docs = read_shard(shard)
    docs[sop] = json.dumps({"jenis": "sop", "kunci_asing": 1})  # its model refuses it
    write_shard(shard, data, docs)
    org = cat / "organisasi.yaml"  # missing-nip reads every SOP whole
    assert check_cached([str(org)])[1] == _on(org, whole)
    assert any(p.endswith("sop02-reviu-sop.yaml") for p in wholes)
    assert read_shard(shard)[1][sop] != docs[sop]  # the entry was written again from the file
    store = checkcache.open_store([str(cat)])
    assert load_catalogue([str(cat)], store.cache)[0].reloaded == 0  # and validates


@pytest.mark.parametrize("summary", [["../x", "judul", None], ["KODE.1", "", None], ["KODE.1", "judul", 3],
                                     ["KODE.1", "judul"], "KODE.1"])
def test_a_malformed_summary_is_a_miss(summary):
    row = ["0" * 64, "sop", [0, 2], [], None, summary]
    with pytest.raises(ValueError):
        checkcache._entry(row, b"{}")
    assert checkcache._entry(row[:5] + [["KODE.1", "judul", None]], b"{}").summary == ["KODE.1", "judul", None]
    with pytest.raises(ValueError):  # a summary is a map's only
        checkcache._entry(["0" * 64, "organisasi", [0, 2], [], None, ["KODE.1", "judul", None]], b"{}")


def test_the_cache_knows_which_kinds_are_maps():
    assert set(checkcache._MAP_KINDS) == {k.jenis for k in KINDS.values() if k.level is not None}


def test_rules_of_other_files_report_only_in_their_file():
    """A check of some files runs the organisation's, the registers', the other files' and the records' rules only
    when those files are asked about (rules.validate's ``files``): that holds while each reports only in its file."""
    seen = 0
    for root in [PROCESSES, NYATA, *sorted(p for p in RULE_FIXTURES.iterdir() if p.is_dir())]:
        cat, _ = load_catalogue([str(root)])
        cat.index_codes()
        subjects = [("check_organisation", cat.organisasi), ("check_register", cat.peraturan),
                    *[("check_file", d) for d in cat.others()], *[("check_evaluation", r) for r in cat.evaluations]]
        for name, doc in subjects:
            for rule in rules.RULES:
                if doc is not None and hasattr(rule, name):
                    found = rules._run(rule, getattr(rule, name), cat, doc)
                    seen += len(found)
                    assert {p.path for p in found} <= {doc.path}, (rule.CODE, name, doc.path)
    assert seen > 20


def test_a_check_of_a_saved_sop_imports_no_evaluation_model(cache, tmp_path):
    """The command an editor runs on save: the evaluation records stand in (above), and what would import their
    model (kinds' table, the catalogue, the evaluation rules) no longer does; nor calendar (dates) or csv (metrics)."""
    import os
    import subprocess
    import sys

    import petaproses

    root = tmp_path / "katalog"
    shutil.copytree(PROCESSES, root)
    sop = next((root / "setda").glob("sop01*.yaml"))
    program = ("import atexit, sys\n"
               "atexit.register(lambda: print(sorted(m for m in ('petaproses.evaluation.model', 'calendar', 'csv') "
               "if m in sys.modules)))\n"
               "sys.argv = ['petaproses', 'check', sys.argv[1]]\n"
               "from petaproses.cli import run\n"
               "run()\n")
    src = str(Path(petaproses.__file__).parents[1])
    env = dict(os.environ, PYTHONPATH=src + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for target in (root, sop):  # the cache filled by a check of the catalogue
        subprocess.run([sys.executable, "-c", program, str(target)], env=env, capture_output=True, check=False)
    sop.write_bytes(sop.read_bytes() + b"# disimpan\n")
    done = subprocess.run([sys.executable, "-c", program, str(sop)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"
    assert "1 berkas diperiksa" in done.stderr
