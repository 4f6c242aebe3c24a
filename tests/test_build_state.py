"""The build state in output/ is untrusted data: no pickle, nothing executes, no path leads out of output/;
the no-op build trusts stat signatures only while nothing changed."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import time
from pathlib import Path

import pytest

from petaproses import state as st
from petaproses.atomic import write_atomic
from petaproses.build import build
from petaproses.cli import main

from .conftest import FIXTURES, PROCESSES


class _Payload:
    """Unpickling this creates a file: proof that a pickle was loaded."""

    def __init__(self, proof: Path) -> None:
        self.proof = proof

    def __reduce__(self):
        return (Path.write_text, (self.proof, "dijalankan"))


def _cat(tmp_path: Path) -> Path:
    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    return cat


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.relative_to(out).parts[0] != ".petaproses"}


def test_no_pickle_is_read_or_written(tmp_path):
    cat, out = _cat(tmp_path), tmp_path / "out"
    out.mkdir()
    proof = tmp_path / "bukti.txt"
    (out / st.OLD_CACHE).write_bytes(pickle.dumps(_Payload(proof)))
    assert not build([str(cat)], str(out), jobs=1).failed
    assert not proof.exists() and not (out / st.OLD_CACHE).exists()
    for path in out.rglob("*"):
        if path.is_file():
            assert not path.read_bytes().startswith(b"\x80"), path  # no pickle protocol header anywhere
    # a pickle where the JSON cache is expected is not JSON: ignored, the build is full and correct
    (out / st.CACHE).write_bytes(pickle.dumps(_Payload(proof)))
    for shard in (out / st.DOCUMENTS).glob("*.json"):
        shard.write_bytes(pickle.dumps(_Payload(proof)))
    result = build([str(cat)], str(out), jobs=1)
    assert not result.failed and not proof.exists()


def test_a_forged_cached_document_is_validated_and_a_bad_one_is_a_miss(tmp_path):
    cat, out = _cat(tmp_path), tmp_path / "out"
    assert not build([str(cat)], str(out), jobs=1, site=False).failed
    [sop] = [k for k in st.read_documents(out) if k.endswith("sop.yaml")]
    shard = out / st.DOCUMENTS / f"{st.shard_of(sop)}.json"
    docs = json.loads(shard.read_text(encoding="utf-8"))
    forged = json.loads(docs["dokumen"][sop]["json"])
    forged["kegiatan"] = "bukan daftar"  # does not validate: the file is parsed again instead
    docs["dokumen"][sop]["json"] = json.dumps(forged)
    shard.write_text(json.dumps(docs), encoding="utf-8")
    (cat / "sop.yaml").write_text((cat / "sop.yaml").read_text(encoding="utf-8") + "# ubah\n", encoding="utf-8")
    before = _outputs(out)
    result = build([str(cat)], str(out), jobs=1, site=False)
    assert not result.problems and not result.failed and result.built == ["PD.UNIT.01"]
    assert _outputs(out).keys() == before.keys()


def test_bad_findings_in_the_cache_are_not_printed(tmp_path):
    cat, out = _cat(tmp_path), tmp_path / "out"
    assert not build([str(cat)], str(out), jobs=1, site=False).failed
    cache = json.loads((out / st.CACHE).read_text(encoding="utf-8"))
    for entry in cache["berkas"].values():  # a finding about another path, with a control sequence
        entry["temuan"] = [["/etc/passwd", 1, 1, "x", "\x1b]0;pwned\x07", "galat"]]
    cache["hasil"]["temuan"] = [["/etc/passwd", 1, 1, "x", "palsu", "galat"]]
    (out / st.CACHE).write_text(json.dumps(cache), encoding="utf-8")
    result = build([str(cat)], str(out), jobs=1, site=False)
    assert result.problems == [] and not result.failed


@pytest.mark.parametrize("where", ["dokumen", "katalog", "halaman", "symlink"])
def test_a_tampered_manifest_is_dropped_with_a_warning_and_nothing_outside_is_touched(tmp_path, where, capsys):
    cat, out = _cat(tmp_path), tmp_path / "out"
    assert not build([str(cat)], str(out), jobs=1).failed
    outside = tmp_path / "luar"
    outside.mkdir()
    victim = outside / "PD.UNIT.01.svg"
    victim.write_text("jangan dihapus", encoding="utf-8")
    (tmp_path / "penting.txt").write_text("jangan dihapus", encoding="utf-8")
    manifest = json.loads((out / st.MANIFEST).read_text(encoding="utf-8"))
    if where == "dokumen":
        manifest["dokumen"]["HILANG"] = {"hash": "x", "berkas": ["../penting.txt"]}
    elif where == "katalog":
        manifest["katalog"] = {"hash": "x", "berkas": ["/etc/hostname"]}
    elif where == "halaman":
        manifest["situs"]["halaman"]["../../penting"] = "x"
    else:  # a folder inside output/ that leads out of it: a unit "gone" would delete through it
        os.symlink(outside, out / "tautan")
        manifest["dokumen"]["HILANG"] = {"hash": "x", "berkas": ["tautan/PD.UNIT.01.svg"]}
    (out / st.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    assert main(["build", str(cat), "-o", str(out), "-j", "1"]) == 0
    assert "diabaikan" in capsys.readouterr().err  # the warning
    assert victim.read_text(encoding="utf-8") == "jangan dihapus"
    assert (tmp_path / "penting.txt").read_text(encoding="utf-8") == "jangan dihapus"
    assert json.loads((out / st.MANIFEST).read_text(encoding="utf-8"))["dokumen"].keys() == {
        "PD.UNIT.01", "pd:setda", "pd:setda/formulir"}


def test_the_forms_are_remade_only_when_what_they_show_changes(tmp_path):
    """The forms are a unit of their own (pd:<id>/formulir): a step's text edit remakes the SOP and its book,
    not the forms; a new SOP name remakes them, and they show it.  A manifest of an earlier version, where the
    book's unit listed the forms, leaves them in place (a file that moves to another unit is not removed)."""
    from petaproses.build import build

    cat, out = _cat(tmp_path), tmp_path / "out"
    forms = [out / "setda" / f"Formulir-{k}-SOP-setda.docx" for k in ("Monitoring", "Evaluasi")]
    book = out / "setda" / "Dokumen-SOP-setda.docx"
    build([str(cat)], str(out), jobs=1)
    manifest = json.loads((out / st.MANIFEST).read_text(encoding="utf-8"))["dokumen"]
    assert sorted(manifest["pd:setda/formulir"]["berkas"]) == sorted(f"setda/{f.name}" for f in forms)
    assert "setda/Dokumen-SOP-setda.docx" in manifest["pd:setda"]["berkas"]
    before = {f: f.read_bytes() for f in forms}
    sop = cat / "sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("uraian: Menerima berkas permohonan",
                                                           "uraian: Menerima dan mencatat berkas permohonan"),
                   encoding="utf-8")
    old_book = book.read_bytes()
    result = build([str(cat)], str(out), jobs=1)
    assert result.built == ["PD.UNIT.01"] and book.read_bytes() != old_book
    assert "mencatat" in docx_text(book)
    assert {f: f.read_bytes() for f in forms} == before
    after = json.loads((out / st.MANIFEST).read_text(encoding="utf-8"))["dokumen"]
    assert after["pd:setda/formulir"] == manifest["pd:setda/formulir"] and after["pd:setda"] != manifest["pd:setda"]
    sop.write_text(sop.read_text(encoding="utf-8").replace("nama: Nama Prosedur", "nama: Prosedur Berganti Nama"),
                   encoding="utf-8")
    build([str(cat)], str(out), jobs=1)
    assert all("Prosedur Berganti Nama" in docx_text(f) for f in forms)
    # as an earlier version left it: the book's unit lists the forms, there is no forms unit
    data = json.loads((out / st.MANIFEST).read_text(encoding="utf-8"))
    data["dokumen"]["pd:setda"]["berkas"] += data["dokumen"].pop("pd:setda/formulir")["berkas"]
    data["dokumen"]["pd:setda"]["hash"] = "lama"
    (out / st.MANIFEST).write_text(json.dumps(data), encoding="utf-8")
    build([str(cat)], str(out), jobs=1)
    assert all(f.is_file() for f in forms)
    assert "pd:setda/formulir" in json.loads((out / st.MANIFEST).read_text(encoding="utf-8"))["dokumen"]


def docx_text(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


def test_an_output_folder_that_is_a_link_out_of_output_is_refused(tmp_path, capsys):
    cat, out = _cat(tmp_path), tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "luar"
    outside.mkdir()
    os.symlink(outside, out / "setda")  # planted: the department's folder points elsewhere
    assert main(["build", str(cat), "-o", str(out), "-j", "1"]) == 3
    assert "menunjuk ke luar" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


def test_the_state_round_trips_every_sample_document(tmp_path):
    """A document revived from documents.json is the document parsed from YAML (every sample and fixture)."""
    from pydantic import BaseModel

    from petaproses.build import check
    from petaproses.kinds import MAP_KINDS

    def same(a, b) -> bool:
        if isinstance(a, BaseModel):
            return type(a) is type(b) and a.model_fields_set == b.model_fields_set and all(
                same(getattr(a, k), getattr(b, k)) for k in type(a).model_fields)
        if isinstance(a, (list, tuple)):
            return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
        if isinstance(a, dict):
            return type(a) is type(b) and list(a) == list(b) and all(same(a[k], b[k]) for k in a)
        return type(a) is type(b) and a == b and repr(a) == repr(b)

    seen = 0
    for root in [PROCESSES, *sorted(p for p in FIXTURES.iterdir() if p.is_dir())]:
        cat, _ = check([str(root)])
        for doc in cat.maps + ([cat.organisasi] if cat.organisasi else []):
            back = MAP_KINDS[doc.jenis].model_validate_json(doc.model_dump_json(exclude_unset=True))
            assert same(doc, back), doc.path
            seen += 1
    assert seen > 40


# ------------------------------------------------------------------------------------------- no-op
def _age(folder: Path, seconds: float = 10) -> None:
    """Make the files look saved a while ago (the no-op check never trusts a file changed just now)."""
    past = time.time() - seconds
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (past, past))


def test_the_no_op_build_reads_no_file_and_notices_every_change(tmp_path, monkeypatch):
    import petaproses.build as b

    cat, out = _cat(tmp_path), tmp_path / "out"
    _age(cat)
    first = build([str(cat)], str(out), jobs=1)
    assert first.built == ["PD.UNIT.01"]

    loads = []
    real = b.open_state
    monkeypatch.setattr(b, "open_state", lambda *a, **k: loads.append(1) or real(*a, **k))
    again = build([str(cat)], str(out), jobs=1)
    assert (again.built, again.skipped, loads) == ([], ["PD.UNIT.01"], [])  # nothing loaded at all
    # a new file in the catalogue (its folder's signature changes) is seen
    (cat / "catatan.yml").write_text("jenis: sop\n", encoding="utf-8")
    _age(cat)
    assert build([str(cat)], str(out), jobs=1).problems and loads
    (cat / "catatan.yml").unlink()
    _age(cat)
    loads.clear()
    assert build([str(cat)], str(out), jobs=1).problems == [] and loads
    # a same-size edit, saved just now: not trusted by its stat signature
    sop = cat / "sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("Nama Prosedur", "Nama Prosedux"), encoding="utf-8")
    assert build([str(cat)], str(out), jobs=1).built == ["PD.UNIT.01"]
    # a deleted output is made again
    _age(cat)
    build([str(cat)], str(out), jobs=1)
    (out / "setda" / "PD.UNIT.01.svg").unlink()
    assert build([str(cat)], str(out), jobs=1).built == ["PD.UNIT.01"]
    assert (out / "setda" / "PD.UNIT.01.svg").is_file()


def test_the_no_op_build_sees_each_output_and_page_that_is_no_longer_a_file(tmp_path, monkeypatch):
    import petaproses.build as b

    cat, out = _cat(tmp_path), tmp_path / "out"
    _age(cat)
    build([str(cat)], str(out), jobs=1)
    loads = []
    real = b.open_state
    monkeypatch.setattr(b, "open_state", lambda *a, **k: loads.append(1) or real(*a, **k))
    assert build([str(cat)], str(out), jobs=1).skipped == ["PD.UNIT.01"] and not loads
    # a file linked in place of an output counts, as a file there did (os.path.isfile follows the link)
    svg = out / "setda" / "PD.UNIT.01.svg"
    kept = tmp_path / "kept.svg"
    svg.rename(kept)
    svg.symlink_to(kept)
    assert build([str(cat)], str(out), jobs=1).skipped == ["PD.UNIT.01"] and not loads
    svg.unlink()
    kept.rename(svg)
    # a document's page, the index, a whole folder of the catalogue's files, gone: each is made again by a build
    # that is not a no-op
    for undo in (lambda: (out / "setda" / "PD.UNIT.01.html").unlink(), lambda: (out / "index.html").unlink(),
                 lambda: shutil.rmtree(out / "matriks-aplikasi")):
        undo()
        loads.clear()
        build([str(cat)], str(out), jobs=1)
        assert loads, undo
        assert (out / "setda" / "PD.UNIT.01.html").is_file() and (out / "index.html").is_file()
        assert (out / "matriks-aplikasi" / "Matriks-Aplikasi.csv").is_file()
    loads.clear()
    assert build([str(cat)], str(out), jobs=1).skipped == ["PD.UNIT.01"] and not loads


def test_the_no_op_build_repeats_the_warnings(tmp_path):
    cat, out = _cat(tmp_path), tmp_path / "out"
    (cat / "logo.png").unlink()  # missing-logo: a warning
    _age(cat)
    first = build([str(cat)], str(out), jobs=1)
    second = build([str(cat)], str(out), jobs=1)
    assert [p.code for p in first.problems] == ["missing-logo"] and second.problems == first.problems
    assert second.built == []


def test_the_preset_names_agree():
    """check.py and build.py name the default preset without importing the rules (a no-op build loads no model)."""
    import petaproses.build
    import petaproses.check
    from petaproses.rules.presets import DEFAULT

    assert petaproses.check.DEFAULT == petaproses.build.DEFAULT == DEFAULT


def _shards(docs: dict) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for path, entry in docs.items():
        found.setdefault(st.shard_of(path), {})[path] = entry
    return found


def test_the_documents_files_are_what_json_dumps_writes_and_are_read_back_without_parsing(tmp_path, monkeypatch):
    """``write_documents`` writes each of its files with the bytes ``write_json`` would, also when some entries'
    text is kept from the last write; the same bytes read again come from what this process holds, and other
    bytes are parsed."""
    monkeypatch.setattr(st, "_DOCUMENTS", {})
    monkeypatch.setattr(st, "_ENTRIES", {})
    docs = {f"/k/{name}.yaml": {"sha": f"{n:064x}", "jenis": "sop", "json": json.dumps({"nama": f"\"{name}\" é\n"})}
            for n, name in enumerate(["b", "a", "ü", "c", "d", "e", "f", "g"])}
    assert len(_shards(docs)) > 2  # the test needs entries in several files

    def expected(entries: dict) -> bytes:
        st.write_json(tmp_path, "plain.json", {"versi": st.version_key(), "dokumen": entries})
        return (tmp_path / "plain.json").read_bytes()

    def on_disk() -> dict[str, bytes]:
        return {p.stem: p.read_bytes() for p in (tmp_path / st.DOCUMENTS).glob("*.json")}

    st.write_documents(tmp_path, docs)
    assert on_disk() == {shard: expected(entries) for shard, entries in _shards(docs).items()}
    changed = dict(docs, **{"/k/a.yaml": dict(docs["/k/a.yaml"], json="{}")})
    del changed["/k/c.yaml"]
    written: list = []
    real_write = st.write_atomic
    monkeypatch.setattr(st, "write_atomic", lambda path, data: written.append(path.stem) or real_write(path, data))
    st.write_documents(tmp_path, changed)  # only the files of a.yaml and c.yaml are written again
    assert sorted(written) == sorted({st.shard_of("/k/a.yaml"), st.shard_of("/k/c.yaml")})
    empty = {shard: expected({}) for shard in _shards(docs)}
    assert on_disk() == dict(empty, **{shard: expected(e) for shard, e in _shards(changed).items()})
    st.write_documents(tmp_path, {})
    assert on_disk() == empty
    st.write_documents(tmp_path, changed)
    parsed: list = []
    real = json.loads
    monkeypatch.setattr(st.json, "loads", lambda *a, **k: parsed.append(1) or real(*a, **k))
    assert st.read_documents(tmp_path) == changed and parsed == []
    shard_a = tmp_path / st.DOCUMENTS / f"{st.shard_of('/k/a.yaml')}.json"
    a_entries = _shards(docs)[st.shard_of("/k/a.yaml")]
    shard_a.write_bytes(expected(a_entries))  # another build wrote it meanwhile
    again = dict(changed, **a_entries)
    assert st.read_documents(tmp_path) == again and parsed == [1]
    assert st.read_documents(tmp_path) == again and parsed == [1]
    shard_a.write_bytes(expected(a_entries).replace(st.version_key().encode(), b"0.0+other"))
    assert st.read_documents(tmp_path) == {p: e for p, e in changed.items() if st.shard_of(p) != st.shard_of("/k/a.yaml")}


def test_an_entry_in_another_documents_file_than_its_path_says_is_dropped(tmp_path, monkeypatch):
    monkeypatch.setattr(st, "_DOCUMENTS", {})
    monkeypatch.setattr(st, "_ENTRIES", {})
    entry = {"sha": "a" * 64, "jenis": "sop", "json": "{}"}
    wrong = next(s for s in st.SHARDS if s != st.shard_of("/k/a.yaml"))
    st.write_json(tmp_path, f"{st.DOCUMENTS}/{wrong}.json", {"versi": st.version_key(), "dokumen": {"/k/a.yaml": entry}})
    assert st.read_documents(tmp_path) == {}
    st.write_documents(tmp_path, {})  # the file is written again without it
    assert json.loads((tmp_path / st.DOCUMENTS / f"{wrong}.json").read_bytes())["dokumen"] == {}


def test_the_one_documents_file_of_earlier_versions_is_deleted(tmp_path, monkeypatch):
    monkeypatch.setattr(st, "_DOCUMENTS", {})
    monkeypatch.setattr(st, "_ENTRIES", {})
    old = tmp_path / st.OLD_DOCUMENTS
    old.parent.mkdir(parents=True)
    old.write_text("{}", encoding="utf-8")
    st.write_documents(tmp_path, {"/k/a.yaml": {"sha": "a" * 64, "jenis": "sop", "json": "{}"}})
    assert not old.exists() and st.read_documents(tmp_path) == {"/k/a.yaml": {"sha": "a" * 64, "jenis": "sop", "json": "{}"}}


def test_the_documents_file_this_process_wrote_is_not_read_again_until_it_changes(tmp_path, monkeypatch):
    """The file as this process left it is not even opened; replaced (as a build replaces it: a new file renamed
    over it) or rewritten in place, it is read again; a link in its place is never followed."""
    monkeypatch.setattr(st, "_DOCUMENTS", {})
    monkeypatch.setattr(st, "_ENTRIES", {})
    docs = {"/k/a.yaml": {"sha": "a" * 64, "jenis": "sop", "json": "{}"}}
    other = {"/k/a.yaml": {"sha": "b" * 64, "jenis": "sop", "json": "{}"}}
    shard = tmp_path / st.DOCUMENTS / f"{st.shard_of('/k/a.yaml')}.json"
    st.write_documents(tmp_path, docs)
    opened: list = []
    real = st.read_regular
    monkeypatch.setattr(st, "read_regular", lambda *a, **k: opened.append(1) or real(*a, **k))
    assert st.read_documents(tmp_path) == docs and opened == []
    plain = json.dumps({"dokumen": other, "versi": st.version_key()}, separators=(",", ":"), sort_keys=True)
    write_atomic(shard, plain.encode())  # another build (another process) wrote it
    assert st.read_documents(tmp_path) == other and opened == [1]
    assert st.read_documents(tmp_path) == other and opened == [1]  # as read: held
    shard.write_bytes(plain.replace("b" * 64, "c" * 64).encode() + b" ")  # in place
    assert st.read_documents(tmp_path) == {"/k/a.yaml": dict(other["/k/a.yaml"], sha="c" * 64)} and opened == [1, 1]
    st.write_documents(tmp_path, docs)
    elsewhere = tmp_path / "elsewhere.json"
    write_atomic(elsewhere, plain.encode())
    shard.unlink()
    shard.symlink_to(elsewhere)
    assert st.read_documents(tmp_path) == {}


def test_the_load_hashes_every_file_once_and_the_build_hashes_use_it(tmp_path):
    """The load keeps each file's sha-256 (from the cache's check of its bytes, or made when it parsed it); the
    documents' build hashes are made from those, and an edited file's is of its new bytes."""
    import hashlib

    from petaproses.catalogue import load_catalogue

    cat_dir = _cat(tmp_path)
    cache: dict = {}
    for _ in range(2):  # cold, then every file taken from the cache
        cat, _problems = load_catalogue([str(cat_dir)], cache)
        assert cat.sources and {p: cat.digest_of(p) for p in cat.sources} == \
            {p: hashlib.sha256(raw).hexdigest() for p, raw in cat.sources.items()}
    sop = next(p for p in cat.sources if "sop" in Path(p).name)
    Path(sop).write_text(Path(sop).read_text(encoding="utf-8").replace("nama:", "nama: Baru", 1), encoding="utf-8")
    edited, _problems = load_catalogue([str(cat_dir)], cache)
    assert edited.digest_of(sop) == hashlib.sha256(Path(sop).read_bytes()).hexdigest() != cat.digest_of(sop)


def test_a_manifest_path_is_safe_exactly_when_no_part_is_empty_dot_or_dot_dot():
    """state.safe_rel (searched, not split, for speed) says what splitting at '/' says, for every short name."""
    import itertools

    def by_parts(rel: str) -> bool:
        return bool(rel) and all(part not in ("", ".", "..") for part in rel.split("/"))

    pieces = ["a", ".", "/", "..", "b.c", ".x", "x."]
    for k in range(1, 6):
        for combo in itertools.product(pieces, repeat=k):
            rel = "".join(combo)
            assert st.safe_rel(rel) == by_parts(rel), rel
    assert not st.safe_rel("a\\b") and not st.safe_rel("c:x") and not st.safe_rel("a\0") and not st.safe_rel(7)
    assert not st.safe_rel("a" * 4097) and st.safe_rel("setda/SETDA.ORG.SOP.01.docx")


def test_a_department_unit_exists_only_where_its_renderers_make_files(tmp_path):
    """A department whose documents are maps only (no SOP for a book or forms, no review record) gets no unit:
    the one-map catalogue forked a worker that made nothing.  One with SOPs gets its book's unit."""
    from petaproses.build import check
    from petaproses.unit_hashes import department_hashes, document_hashes
    from petaproses.render import RENDERERS

    root = Path(__file__).resolve().parent.parent
    one, _ = check([str(root / "bench" / "onemap")])
    assert not department_hashes(one, document_hashes(one, "b"), "b", list(RENDERERS))
    cat, _ = check([str(PROCESSES)])
    units = department_hashes(cat, document_hashes(cat, "b"), "b", list(RENDERERS))
    with_sops = {d.perangkat_daerah for d in cat.maps if d.jenis == "sop"}
    assert {u for u in units if "/" not in u} == {f"pd:{pd}" for pd in with_sops}
    result = build([str(root / "bench" / "onemap")], str(tmp_path / "out"))
    assert result.built == ["DPMPTSP.LF.BENCH"] and not result.failed
    manifest = json.loads((tmp_path / "out" / st.MANIFEST).read_text(encoding="utf-8"))
    assert not [u for u in manifest["dokumen"] if u.startswith("pd:")]


def test_the_state_made_while_the_workers_render_is_the_state_made_after_them(tmp_path, monkeypatch):
    """build.state_parts runs once, while the units render (the build process waits for them otherwise); the
    cache and the documents file are those that making them after the units writes."""
    from petaproses import build as build_module
    from petaproses import units

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    calls: list[str] = []
    made, render = build_module.state_parts, units.render_units

    def counted(*args):
        calls.append("bagian")
        return made(*args)

    def rendering(*args, **kwargs):
        calls.append("unit")
        try:
            return render(*args, **kwargs)
        finally:
            calls.append("unit selesai")
    monkeypatch.setattr(build_module, "state_parts", counted)
    monkeypatch.setattr(build_module, "render_units", rendering)
    assert not build([str(PROCESSES)], str(tmp_path / "ahead"), jobs=2).failed
    assert calls == ["unit", "bagian", "unit selesai"]
    calls.clear()
    monkeypatch.setattr(build_module, "render_units",
                        lambda *a, then=None, **k: rendering(*a, **k))  # nothing made meanwhile: all at the end
    assert not build([str(PROCESSES)], str(tmp_path / "after"), jobs=2).failed
    assert calls == ["unit", "unit selesai", "bagian"]

    def state(out: Path) -> tuple:
        cache = json.loads((out / st.CACHE).read_text(encoding="utf-8"))
        cache["hasil"].pop("mulai")  # when the build started
        cache["hasil"].pop("kunci")  # made from the output folder too
        return cache, {f.name: f.read_bytes() for f in sorted((out / st.DOCUMENTS).iterdir())}
    assert state(tmp_path / "ahead") == state(tmp_path / "after")


def test_state_of_the_wrong_types_is_a_miss_not_a_traceback(tmp_path):
    """Rows of the right length with values of other types (a list where a path goes, a list for the no-op
    record's files, a number or text where the site keeps a page's metrics) cost a full build, no more."""
    cat, out = _cat(tmp_path), tmp_path / "out"
    assert not build([str(cat)], str(out), jobs=1).failed
    cache = json.loads((out / st.CACHE).read_text(encoding="utf-8"))
    for entry in cache["berkas"].values():
        entry["temuan"] = [[[1], 1, 1, "x", "m", "galat"]]
    for entry in cache["aturan"].values():
        entry[1] = [[[1], 1, 1, "x", "m", ["galat"]]]
    cache["hasil"]["berkas"] = []
    (out / st.CACHE).write_text(json.dumps(cache), encoding="utf-8")
    (cat / "sop.yaml").write_text((cat / "sop.yaml").read_text(encoding="utf-8") + "# ubah\n", encoding="utf-8")
    result = build([str(cat)], str(out), jobs=1)
    assert not result.failed and not result.problems
    for odd in (5, "<b>x</b>"):  # the metrics of an unchanged map, read back for the index
        manifest = json.loads((out / st.MANIFEST).read_text(encoding="utf-8"))
        sizes = manifest["situs"]["ukuran"]
        assert sizes
        for code in sizes:
            sizes[code] = odd if odd == 5 else [sizes[code][0], dict(sizes[code][1], langkah=odd)]
        (out / st.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        (out / "index.html").unlink()
        result = build([str(cat)], str(out), jobs=1)
        assert not result.failed and not result.problems
        assert "&lt;b&gt;" not in (out / "index.html").read_text(encoding="utf-8")


def test_the_code_hash_is_kept_in_the_cache_folder_while_the_code_is_unchanged(tmp_path, monkeypatch):
    """Every build hashed petaproses' ~1.8 MB of source (~100 M instructions); it is kept for the code's stat
    signature, as Python keeps byte code, and worked out again once that changes."""
    import petaproses
    from petaproses import state

    monkeypatch.setenv("PETAPROSES_CACHE", str(tmp_path))
    monkeypatch.setattr(petaproses, "_CODE_HASH", [])
    real = state.version_key()
    assert (tmp_path / state.CODE_HASH_FILE).is_file()
    monkeypatch.setattr(petaproses, "_CODE_HASH", [])  # a new process
    monkeypatch.setattr(petaproses, "tree_hash", lambda *a, **k: pytest.fail("the code was read again"))
    assert state.version_key() == real and petaproses.code_hash() == real.split("+")[1]
    calls = []
    monkeypatch.setattr(petaproses, "_CODE_HASH", [])
    monkeypatch.setattr(state, "code_stamp", lambda: ["0.1.0", ["model.py", 1, 2]])  # a module changed
    monkeypatch.setattr(petaproses, "tree_hash", lambda *a, **k: calls.append(a) or "f" * 64)
    assert state.version_key().endswith("+" + "f" * 64) and len(calls) == 1
    monkeypatch.setattr(petaproses, "_CODE_HASH", [])
    monkeypatch.setenv("PETAPROSES_CACHE", "0")  # no cache folder: hashed each time
    assert state.version_key().endswith("+" + "f" * 64) and len(calls) == 2


@pytest.mark.parametrize("env,folder", [({"PETAPROSES_CACHE": "/x/cache"}, "/x/cache"), ({"PETAPROSES_CACHE": "0"}, None),
                                        ({"PETAPROSES_CACHE": " "}, None), ({"XDG_CACHE_HOME": "/x/xdg"}, "/x/xdg/petaproses"),
                                        ({"HOME": "/x/home"}, "/x/home/.cache/petaproses")])
def test_cache_folder_is_the_check_caches(monkeypatch, env, folder):
    """The code hash and the check caches live in one folder, the user's choice or the platform's."""
    from petaproses.cachefolder import cache_folder
    from petaproses.checkcache import cache_dir

    for name in ("PETAPROSES_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cache_folder() == folder
    assert cache_dir() == (None if folder is None else Path(folder))


def test_the_state_records_each_file_as_it_was_read_not_as_it_is_after_the_build(tmp_path, monkeypatch):
    """The cache and the no-op record hold each source file's stat signature from when the load read it (no
    second stat per file): a file saved while the build renders is recorded as the load saw it, so the next build
    finds it changed by its signature too."""
    import petaproses.build as b

    cat, out = _cat(tmp_path), tmp_path / "out"
    _age(cat)
    sop = cat / "sop.yaml"
    read = st.file_signature(os.stat(sop))
    real = b.render_units

    def saved_meanwhile(*args, **kwargs):
        sop.write_text(sop.read_text(encoding="utf-8") + "# disimpan selagi build berjalan\n", encoding="utf-8")
        return real(*args, **kwargs)
    monkeypatch.setattr(b, "render_units", saved_meanwhile)
    build([str(cat)], str(out), jobs=1)
    now = st.file_signature(os.stat(sop))
    assert now != read
    cache = json.loads((out / st.CACHE).read_text(encoding="utf-8"))
    assert cache["berkas"][str(sop)]["stat"] == read
    assert cache["hasil"]["berkas"][str(sop)] == read
