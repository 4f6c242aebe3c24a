"""The check cache (checkcache.py): a cached check reports exactly what an uncached one does.

Cold (no cache) and warm (cache of an earlier check) against `check --tanpa-cache`, as text and JSON, on the
sample catalogue, every rule fixture folder and a catalogue mutated step by step after it was cached; a
tampered or corrupt cache is a miss; `check FILE` equals the whole-catalogue check filtered to FILE.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from petaproses import checkcache, rules
from petaproses.catalogue import load_catalogue
from petaproses.check import catalogue_roots, check, check_cached
from petaproses.cli import main
from petaproses.state import SHARDS, shard_of

from .conftest import PROCESSES

RULE_FIXTURES = Path(__file__).resolve().parent / "rules"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PETAPROSES_CACHE", str(folder))
    return folder


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _same_as_uncached(capsys, *paths: str) -> None:
    """Both outputs (text, JSON) and the exit code of a cached check equal those of an uncached one."""
    for fmt in ("teks", "json"):
        for preset in ([], ["--ketat"]):
            want = _cli(capsys, "--tanpa-cache", "--format", fmt, *preset, *paths)
            got = _cli(capsys, "--format", fmt, *preset, *paths)
            assert got == want, (fmt, preset, paths)


def test_cached_equals_uncached_on_the_samples(cache, capsys):
    assert not cache.exists()
    _same_as_uncached(capsys, str(PROCESSES))  # the first run is cold: it writes the cache
    folder, results = sorted(cache.glob("periksa-*"))  # the documents, the results of requests
    assert results.name == folder.name + "-hasil.json" and results.is_file()
    assert folder.is_dir() and {p.name for p in folder.iterdir()} <= {f"{s}.json" for s in SHARDS}
    assert len(list(folder.iterdir())) > 1  # the samples' files fall in several of them
    roots = catalogue_roots([str(PROCESSES)])  # as the command names them (relative to the working folder)
    store = checkcache.open_store(roots)
    assert store.entries and all(e.json is not None for e in store.entries.values())  # the samples all load
    cat, _ = load_catalogue(roots, store.cache)
    assert cat.reloaded == 0  # warm: no file parsed again
    _same_as_uncached(capsys, str(PROCESSES))


def test_quick_path_loads_nothing(cache, capsys, monkeypatch):
    """A repeated request with nothing changed is answered from the remembered result, without the model."""
    want = _cli(capsys, "--tanpa-cache", str(PROCESSES))
    assert _cli(capsys, str(PROCESSES)) == want

    def no_loading(*args, **kwargs):
        raise AssertionError("loaded the catalogue")
    monkeypatch.setattr("petaproses.check.check_cached", no_loading)
    assert _cli(capsys, str(PROCESSES)) == want
    import subprocess
    import sys

    code = ("import sys; from petaproses.cli import main; code = main(['check', sys.argv[1]]); "
            "assert not [m for m in sys.modules if m.startswith(('pydantic', 'yaml', 'petaproses.model'))], "
            "sorted(sys.modules); sys.exit(code)")
    run = subprocess.run([sys.executable, "-c", code, str(PROCESSES)], capture_output=True, text=True)
    assert (run.returncode, run.stdout, run.stderr) == want


@pytest.mark.parametrize("folder", sorted(p.name for p in RULE_FIXTURES.iterdir() if p.is_dir()))
def test_cached_equals_uncached_on_rule_fixtures(folder, cache, tmp_path):
    """Each fixture folder with the context catalogue, checked cold, warm and uncached."""
    cat_dir = tmp_path / "cat"
    shutil.copytree(RULE_FIXTURES / "_katalog", cat_dir)
    if folder != "_katalog":
        shutil.copytree(RULE_FIXTURES / folder, cat_dir / "kasus")
    for paths in ([str(cat_dir)], [str(RULE_FIXTURES / folder)]):
        _, want = check(paths)
        for _run in ("cold", "warm"):
            _, got = check_cached(paths)
            assert got == want, (paths, _run)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_check_after_one_edit_writes_the_one_cache_file_of_that_file(cache, tmp_path, capsys):
    """The entries are in files by the sha-256 of their path: one edit rewrites the file of its entry only
    (a 1,000-SOP catalogue's cache is ~5 MB); the old single file of earlier versions is deleted."""
    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    assert _cli(capsys, str(cat))[0] == 0
    folder = _cache_path(cat)
    old = folder.with_name(folder.name + ".json")
    old.write_text("{}", encoding="utf-8")
    before = {f.name: os.stat(f).st_ino for f in folder.glob("*.json")}
    sop = cat / "setda" / "sop02-reviu-sop.yaml"
    _edit(sop, "    uraian: ", "    uraian: Segera ")
    assert _cli(capsys, str(cat)) == _cli(capsys, "--tanpa-cache", str(cat))
    after = {f.name: os.stat(f).st_ino for f in folder.glob("*.json")}
    key = next(k for f in folder.glob("*.json") for k in read_shard(f)[0]["berkas"]
               if k.endswith("sop02-reviu-sop.yaml"))  # the path as the check found the file
    mine = f"{shard_of(key)}.json"
    assert after.keys() == before.keys() and {n for n in after if after[n] != before[n]} == {mine}
    assert not old.exists()


def test_edits_after_caching_are_seen(cache, tmp_path, capsys):
    """A catalogue mutated step by step, the cache kept warm: every finding follows the files."""
    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    _same_as_uncached(capsys, str(cat))
    before = check_cached([str(cat)])[1]
    for i, step in enumerate(mutations(cat)):
        step()
        _same_as_uncached(capsys, str(cat))
        now = check_cached([str(cat)])[1]
        assert now != before, f"mutation {i} changed no finding: the test does not test it"
        before = now


def mutations(cat: Path) -> list:
    """Edits of a copy ``cat`` of the samples, each of which changes the findings (also test_resident.py)."""
    setda = cat / "setda"
    return [
        # a map's own rule (unknown-step)
        lambda: _edit(setda / "sop02-reviu-sop.yaml", "ke: cek_format", "ke: cek_formatt"),
        # external-link: a title, then another SOP renamed to that title (a rule over other maps)
        lambda: _edit(setda / "sop02-reviu-sop.yaml", "keterkaitan: [SETDA.ORG.SOP.01]",
                      "keterkaitan: [SETDA.ORG.SOP.01, SOP Evaluasi Jabatan Daerah]"),
        lambda: _edit(setda / "sop03-evaluasi-kelembagaan.yaml", "nama: Evaluasi Kelembagaan Perangkat Daerah",
                      "nama: Evaluasi Jabatan Daerah"),
        # duplicate-id and invalid-parent: codes of other files
        lambda: _edit(setda / "sop04-analisis-jabatan.yaml", "kode: SETDA.ORG.SOP.04", "kode: SETDA.ORG.SOP.03"),
        lambda: _edit(setda / "sp03-penataan-kelembagaan.yaml", "induk: SETDA.ORG.L1", "induk: SETDA.ORG.SOP.01"),
        # the organisation: every map's own rules read it (removed-pelaksana, unknown-pelaksana)
        lambda: _edit(cat / "organisasi.yaml", "diganti_oleh: analis_tata_laksana", "diganti_oleh: analis_x"),
        lambda: _edit(cat / "organisasi.yaml", "  analis_kelembagaan: Analis", "  analis_lembaga: Analis"),
        # a broken file, a removed file, a new file
        lambda: _edit(setda / "sop05-penyusunan-lkjip.yaml", "jenis: sop", "jenis: [sop"),
        lambda: (setda / "sp04-penataan-tata-laksana.yaml").unlink(),
        lambda: shutil.copy(setda / "sop01-penyusunan-peta-proses-bisnis.yaml", setda / "sop99-salinan.yaml"),
        # the register: an SOP's citation of it (unknown-regulation, a map's own rule reading the register)
        lambda: _edit(cat / "peraturan.yaml", "\n  permenpanrb_19_2018:", "\n  permenpanrb_19_2018_lama:"),
        # no YAML changed: the logo is gone (missing-logo looks at the file)
        lambda: (cat / "logo.png").unlink(),
    ]


def read_shard(path: Path) -> tuple[dict, dict]:
    """Return a shard file of the check cache as (its JSON line, path -> the document's JSON or None)."""
    head, _, docs = path.read_bytes().partition(b"\n")
    data = json.loads(head)
    return data, {k: docs[r[2][0]:r[2][0] + r[2][1]].decode() if r[2] else None for k, r in data["berkas"].items()}


def write_shard(path: Path, data: dict, docs: dict) -> None:
    """Write a shard file as ``checkcache._shard_bytes`` lays it out, from what ``read_shard`` returned."""
    body = b""
    for k, row in data["berkas"].items():
        doc = docs[k].encode() if docs.get(k) is not None else None
        row[2] = [len(body), len(doc)] if doc else None
        body += doc or b""
    path.write_bytes(json.dumps(data).encode() + b"\n" + body)


def _cache_path(root: Path) -> Path:
    path = checkcache.cache_file([str(root)])
    assert path is not None
    return path


@pytest.mark.parametrize("damage", [
    "garbage", "truncated", "not-a-dict", "wrong-version", "bad-rows", "bad-summary", "bad-span", "bad-model",
    "other-document", "symlink", "too-large", "deep",
])
def test_a_tampered_cache_is_ignored(damage, cache, tmp_path, capsys, monkeypatch):
    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    want = _cli(capsys, "--tanpa-cache", str(cat))
    want_json = _cli(capsys, "--tanpa-cache", "--format", "json", str(cat))
    assert _cli(capsys, str(cat)) == want  # writes the cache
    everything = {k: v for shard in _cache_path(cat).glob("*.json") for k, v in read_shard(shard)[1].items()}
    sop = next(k for k in everything if k.endswith("sop02-reviu-sop.yaml"))
    path = checkcache.shard_file(_cache_path(cat), shard_of(sop))  # the file of the SOP's entry
    raw = path.read_bytes()
    data, docs = read_shard(path)
    if damage == "garbage":
        path.write_bytes(b"\x80\x81 not json")
    elif damage == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "not-a-dict":
        path.write_text("[1, 2, 3]")
    elif damage == "wrong-version":
        data["versi"] = "0:lama"
        write_shard(path, data, docs)
    elif damage == "bad-rows":  # a forged finding: a code that is no code, a line 0, a level that is no level
        data["berkas"][sop][3] = [[0, 1, "x", "y", "galat"]]
        data["berkas"][sop][4] = [data["berkas"][sop][4][0], [[1, 1, "../../etc", "z", "fatal"]]]
        write_shard(path, data, docs)
    elif damage == "bad-summary":  # a code that is no code
        data["berkas"][sop][5] = ["../../etc", "judul", None]
        write_shard(path, data, docs)
    elif damage == "bad-span":  # a document said to lie past the end of the file
        write_shard(path, data, docs)
        data, _ = read_shard(path)
        data["berkas"][sop][2][1] += 10 ** 6
        path.write_bytes(json.dumps(data).encode() + b"\n" + raw.partition(b"\n")[2])
    elif damage == "bad-model":  # a document its model class refuses
        docs[sop] = json.dumps({"jenis": "sop", "kunci_asing": 1})
        write_shard(path, data, docs)
    elif damage == "other-document":  # another kind's JSON under this file's kind
        org = next(k for k in everything if k.endswith("organisasi.yaml"))
        docs[sop] = everything[org]
        write_shard(path, data, docs)
    elif damage == "symlink":  # a cache that is a link is not read (nor followed)
        target = tmp_path / "elsewhere.json"
        path.rename(target)
        path.symlink_to(target)
    elif damage == "too-large":
        monkeypatch.setattr(checkcache, "MAX_BYTES", len(raw) - 1)
    elif damage == "deep":
        path.write_text("[" * 100_000 + "]" * 100_000)
    assert _cli(capsys, str(cat)) == want
    assert _cli(capsys, "--format", "json", str(cat)) == want_json
    if damage in ("bad-model", "other-document"):  # the entry was written again from the file
        check_cached([str(cat)])  # (the command answered from its remembered result: nothing changed)
        store = checkcache.open_store(catalogue_roots([str(cat)]))
        assert load_catalogue(catalogue_roots([str(cat)]), store.cache)[0].reloaded == 0


def test_unreadable_cache_folder_still_checks(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PETAPROSES_CACHE", str(blocker / "cache"))  # cannot be made: the check still answers
    want = _cli(capsys, "--tanpa-cache", str(PROCESSES))
    assert _cli(capsys, str(PROCESSES)) == want


def test_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("PETAPROSES_CACHE", "0")
    assert checkcache.cache_dir() is None and checkcache.open_store([str(PROCESSES)]).path is None
    monkeypatch.setenv("PETAPROSES_CACHE", str(tmp_path))
    assert checkcache.cache_dir() == tmp_path


def test_check_file_equals_the_filtered_catalogue_check(cache, capsys):
    """`check FILE` (cold and warm) reports on FILE what the whole-catalogue check reports there."""
    _, whole = check([str(PROCESSES)])
    files = sorted(str(p) for p in PROCESSES.rglob("*.yaml") if ".petaproses" not in p.parts)
    assert len(files) > 20
    for f in files:
        want = [p for p in whole if Path(p.path).resolve() == Path(f).resolve()]
        for _run in ("uncached", "cached"):
            _, got = check([f]) if _run == "uncached" else check_cached([f])
            assert got == want, (f, _run)
    code, out, _ = _cli(capsys, files[0])
    assert out.splitlines() == [p.format() for p in whole if Path(p.path).resolve() == Path(files[0]).resolve()]


NYATA = Path(__file__).resolve().parent / "fixtures" / "nyata"


def test_map_rules_report_only_in_their_map():
    """`check FILE` runs the map rules on FILE's maps alone (rules.validate's ``files``): that holds only while
    every finding of a rule's ``check(cat, doc)`` is in ``doc`` (samples, real shapes, every rule fixture)."""
    seen = 0
    for root in [PROCESSES, NYATA, *sorted(p for p in RULE_FIXTURES.iterdir() if p.is_dir())]:
        cat, _ = load_catalogue([str(root)])
        cat.index_codes()
        own, wide = rules.split(rules.RULES)
        for doc in cat.maps:
            for rule, name in own + wide:
                found = rules._run(rule, getattr(rule, name), cat, doc)
                seen += len(found)
                assert {p.path for p in found} <= {doc.path}, (rule.CODE, doc.path)
    assert seen > 100


def test_check_file_runs_the_map_rules_on_that_file_only(cache, monkeypatch):
    """A check of one SOP does not run the map rules of the others (cold or with the cache), and finds on it
    what the whole check finds there."""
    target = next((PROCESSES / "setda").glob("sop01*.yaml"))
    _, whole = check([str(PROCESSES)])
    want = [p for p in whole if Path(p.path).resolve() == target.resolve()]
    assert want  # the sample SOP has findings: the comparison below means something
    ran: list[str] = []
    real = rules._run

    def counted(rule, fn, cat, doc):
        if any(doc is m for m in cat.maps):
            ran.append(doc.path)
        return real(rule, fn, cat, doc)

    monkeypatch.setattr(rules, "_run", counted)
    for run in (check, check_cached):
        ran.clear()
        _, got = run([str(target)])
        assert got == want, run.__name__
        assert ran and {Path(p).resolve() for p in ran} == {target.resolve()}, run.__name__


def _local_only(cat, doc):
    """The catalogue as a map's own rules may see it: the organisation (or the organisation file that does not
    load: missing-organisation reads it, and the cache keys by it), the registers, that map alone."""
    from petaproses.catalogue import Catalogue

    broken_org = set(cat.unloaded_kind("organisasi"))
    alone = Catalogue(organisasi=cat.organisasi, maps=[doc], sources=cat.sources, peraturan=cat.peraturan,
                      aplikasi=cat.aplikasi, relasi=cat.relasi, mtimes=cat.mtimes,
                      unloaded={p: head for p, head in cat.unloaded.items() if p in broken_org})
    alone.index_codes()
    return alone


def _each_map_alone(root):
    """Yield (catalogue of ``root``, one of its maps, a catalogue of that map without the other maps)."""
    cat, _ = load_catalogue([str(root)])
    cat.checked = list(cat.sources)
    cat.index_codes()
    for doc in cat.maps:
        yield cat, doc, _local_only(cat, doc)


@pytest.mark.parametrize("root", [PROCESSES, *sorted(p for p in RULE_FIXTURES.iterdir() if p.is_dir())],
                         ids=lambda p: p.name)
def test_rules_outside_catalogue_wide_read_only_their_map(root):
    """What the cache keys a map's own findings by is what those rules read: the same findings with every
    other map gone (CATALOGUE_WIDE names the rules that read other maps)."""
    own = rules.split(rules.RULES)[0]  # the rules outside it, and the check_own of those inside (duplicate-id)
    assert "check_own" in {name for _, name in own}
    for cat, doc, alone in _each_map_alone(root):
        for rule, name in own:
            check_map = getattr(rule, name)
            assert rules._run(rule, check_map, cat, doc) == rules._run(rule, check_map, alone, doc), \
                (rule.CODE, doc.path)


def test_catalogue_wide_rules_do_read_other_maps(tmp_path):
    """Each CATALOGUE_WIDE rule is there for a reason: some finding of it needs another map."""
    titled = tmp_path / "processes"  # an SOP named by the title of another (external-link)
    shutil.copytree(PROCESSES, titled)
    _edit(titled / "setda" / "sop02-reviu-sop.yaml", "keterkaitan: [SETDA.ORG.SOP.01]",
          "keterkaitan: [SETDA.ORG.SOP.01, SOP Evaluasi Kelembagaan Perangkat Daerah]")
    needed = set()
    for root in [titled, PROCESSES, *sorted(p for p in RULE_FIXTURES.iterdir() if p.is_dir())]:
        for cat, doc, alone in _each_map_alone(root):
            for code in rules.CATALOGUE_WIDE:
                rule = rules.BY_CODE[code]
                if rules._run(rule, rule.check, cat, doc) != rules._run(rule, rule.check, alone, doc):
                    needed.add(code)
    assert needed == set(rules.CATALOGUE_WIDE)


def test_cache_is_not_written_inside_the_catalogue(cache, tmp_path, capsys):
    """The build's no-op compares every folder under the catalogue: a check leaves them as they were."""
    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    before = sorted((str(p), p.stat().st_mtime_ns) for p in [cat, *cat.rglob("*")])
    _cli(capsys, str(cat))
    _cli(capsys, str(cat))
    assert sorted((str(p), p.stat().st_mtime_ns) for p in [cat, *cat.rglob("*")]) == before
    assert any(cache.iterdir())


def test_cache_file_depends_on_folder_and_working_folder(cache, tmp_path, monkeypatch):
    a = checkcache.cache_file([str(PROCESSES)])
    assert a == checkcache.cache_file([str(PROCESSES)])
    assert a != checkcache.cache_file([str(tmp_path)])
    monkeypatch.chdir(tmp_path)
    assert a != checkcache.cache_file([str(PROCESSES)])  # findings name files relative to where they were found
    assert os.path.dirname(a) == str(cache)


def test_quick_path_follows_modification_times(cache, tmp_path, capsys):
    """Two files with one code: the clash is reported on the newer one; touching the other moves it, and the
    remembered result of the same request is not reused (the bytes did not change, the time stamps did)."""
    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    first = cat / "setda" / "sop02-reviu-sop.yaml"
    second = cat / "setda" / "sop99-salinan.yaml"
    shutil.copy(first, second)
    os.utime(first, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    os.utime(second, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    _, out, _ = _cli(capsys, str(cat))
    assert "sop99-salinan.yaml:2:7: duplicate-id" in out
    assert _cli(capsys, str(cat)) == _cli(capsys, "--tanpa-cache", str(cat))
    os.utime(first, ns=(1_800_000_000_000_000_000, 1_800_000_000_000_000_000))
    got = _cli(capsys, str(cat))
    assert "sop02-reviu-sop.yaml:2:7: duplicate-id" in got[1]
    assert got == _cli(capsys, "--tanpa-cache", str(cat))


def test_quick_path_follows_the_logo_content(cache, tmp_path, capsys):
    """missing-logo reads the logo's first bytes: a logo replaced by a file that is no picture (same name, same
    size class) is reported at once, and a picture put back clears it; the remembered result is not reused."""
    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    logo = cat / "logo.png"
    picture = logo.read_bytes()
    assert picture.startswith(b"\x89PNG") and "missing-logo" not in _cli(capsys, str(cat))[1]
    logo.write_bytes(b"<html>" + picture[6:])  # a page saved as logo.png: same size
    got = _cli(capsys, str(cat))
    assert "organisasi.yaml" in got[1] and "missing-logo" in got[1] and "bukan gambar PNG/JPEG" in got[1]
    assert got == _cli(capsys, "--tanpa-cache", str(cat))
    logo.write_bytes(picture)
    assert "missing-logo" not in _cli(capsys, str(cat))[1]


def test_quick_path_leaves_a_changed_editor_schema_to_the_full_check(cache, tmp_path, capsys):
    """check refreshes the catalogue's editor schema; a schema changed since is rewritten, as without cache."""
    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    assert main(["schema", "--katalog", str(cat)]) == 0
    schema = cat / checkcache.SCHEMA_FILE
    fresh = schema.read_bytes()
    _cli(capsys, str(cat))
    _cli(capsys, str(cat))
    schema.write_text("{}")
    _cli(capsys, str(cat))
    assert schema.read_bytes() == fresh


def test_schema_file_name_agrees():
    from petaproses import schema

    assert checkcache.SCHEMA_FILE == schema.SCHEMA_FILE


@pytest.mark.parametrize("damage", ["garbage", "forged-path", "forged-count", "negative-count", "forged-row"])
def test_a_tampered_result_is_ignored(damage, cache, tmp_path, capsys):
    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    want = _cli(capsys, "--tanpa-cache", str(cat))
    assert _cli(capsys, str(cat)) == want
    path = _cache_path(cat)
    results = path.with_name(path.stem + "-hasil.json")
    data = json.loads(results.read_bytes())
    (request, hit), = data["hasil"].items()
    if damage == "garbage":
        results.write_bytes(b"{{{")
    elif damage == "forged-path":  # a finding about a file outside the catalogue
        hit["temuan"].append(["/etc/passwd", 1, 1, "duplicate-id", "x", "galat"])
    elif damage == "forged-count":
        hit["dicek"] = "38"
    elif damage == "negative-count":
        hit["dicek"] = -1
    elif damage == "forged-row":
        hit["temuan"][0][3] = "bukan kode!"
    if damage != "garbage":
        results.write_text(json.dumps(data))
    assert _cli(capsys, str(cat)) == want


def test_build_memo_sees_a_renamed_sop(tmp_path):
    """The build's memo of rule findings (validate's ``memo``) is keyed by every map's name too: external-link
    of an unchanged SOP changes when another SOP takes the title it names."""
    from petaproses.check import findings, load

    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    _edit(cat / "setda" / "sop02-reviu-sop.yaml", "keterkaitan: [SETDA.ORG.SOP.01]",
          "keterkaitan: [SETDA.ORG.SOP.01, SOP Evaluasi Jabatan Daerah]")
    memo: dict = {}
    findings(load([str(cat)]), memo)
    _edit(cat / "setda" / "sop03-evaluasi-kelembagaan.yaml", "nama: Evaluasi Kelembagaan Perangkat Daerah",
          "nama: Evaluasi Jabatan Daerah")
    got = findings(load([str(cat)]), memo)
    assert got == findings(load([str(cat)]))
    assert any(p.code == "external-link" and "SETDA.ORG.SOP.03" in p.message for p in got)


def test_many_maps_checked_in_workers_find_what_one_process_finds(tmp_path):
    """Past rules.PARALLEL_FROM maps to check, their rules run in forked workers: the same findings, in the
    same order, and the same per-map entries for the check cache (learnt there, kept here)."""
    import sys

    from petaproses.check import findings, load

    root = tmp_path / "cat"
    shutil.copytree(PROCESSES, root)
    sops = sorted(root.rglob("sop*.yaml"))
    for k in range(rules.PARALLEL_FROM // len(sops) + 1):  # copies: every code twice (duplicate-id) and more
        for n, sop in enumerate(sops):
            text = sop.read_text(encoding="utf-8")
            if n == 0:  # own-rule findings too: an activity that starts with who does it
                text = text.replace("uraian: ", "uraian: Staf ", 1)
            sop.with_name(f"salinan{k}-{sop.name}").write_text(text, encoding="utf-8")
    loaded = load([str(root)], None, jobs=1)
    assert len(loaded.cat.maps) >= rules.PARALLEL_FROM
    here_local: dict = {}
    there_local: dict = {}
    here = findings(loaded, local=here_local, jobs=1)
    pids = tmp_path / "pids"
    real = rules._map_findings

    def recorded(*args):  # the forks inherit it and say which process ran each map's rules
        with open(pids, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        return real(*args)

    rules._map_findings = recorded
    try:
        there = findings(loaded, local=there_local, jobs=2)
    finally:
        rules._map_findings = real
    ran = set(pids.read_text(encoding="utf-8").split())
    assert sys.platform == "win32" or (len(ran) == 2 and str(os.getpid()) in ran)  # here and one fork
    assert there == here
    assert {p.code for p in here} >= {"duplicate-id", "actor-in-activity"}
    assert there_local == here_local and len(here_local) == len(loaded.cat.maps)
    memo_here: dict = {}
    memo_there: dict = {}
    assert rules.validate(loaded.cat, memo_there, jobs=2) == rules.validate(loaded.cat, memo_here, jobs=1)
    assert memo_there == memo_here and len(memo_here) == len(loaded.cat.maps)
