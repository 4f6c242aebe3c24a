"""The build: refuses bad catalogues, rebuilds only what changed, writes atomically, is deterministic."""

from __future__ import annotations

import shutil
import time
import zipfile
from pathlib import Path

from lxml import etree

from petaproses.build import build

from .conftest import FIXTURES, PROCESSES


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_incremental_build_skips_what_did_not_change(tmp_path):
    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    out = tmp_path / "out"
    first = build([str(cat)], str(out), jobs=1)
    assert first.built == ["PD.UNIT.01"] and not first.failed
    second = build([str(cat)], str(out), jobs=1)
    assert second.built == [] and second.skipped == ["PD.UNIT.01"] and second.written == []
    # editing the SOP rebuilds it; editing the organisation file rebuilds everything
    sop = cat / "sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("Menyetujui permohonan", "Menyetujui permohonan izin"),
                   encoding="utf-8")
    assert build([str(cat)], str(out), jobs=1).built == ["PD.UNIT.01"]
    org = cat / "organisasi.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("Kepala Dinas", "Kepala Dinas Contoh"), encoding="utf-8")
    assert build([str(cat)], str(out), jobs=1).built == ["PD.UNIT.01"]
    # a deleted output is rebuilt
    victim = next(p for p in (out / "setda").iterdir())
    victim.unlink()
    assert build([str(cat)], str(out), jobs=1).built == ["PD.UNIT.01"] and victim.exists()


def test_removed_document_loses_its_outputs(tmp_path):
    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    out = tmp_path / "out"
    build([str(cat)], str(out), jobs=1)
    assert list((out / "setda").glob("PD.UNIT.01.*"))
    (cat / "sop.yaml").unlink()
    build([str(cat)], str(out), jobs=1)
    assert not list((out / "setda").glob("PD.UNIT.01.*"))


def test_two_builds_give_identical_bytes(tmp_path):
    a = build([str(PROCESSES)], str(tmp_path / "a"), jobs=2)
    time.sleep(1.1)  # a clock in the output would show
    b = build([str(PROCESSES)], str(tmp_path / "b"), jobs=1)
    assert a.built and not a.failed and not b.failed, (a.problems, a.failed, b.failed)
    fa, fb = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert sorted(fa) == sorted(fb)
    different = [name for name in fa if fa[name] != fb[name]]
    assert different == [".petaproses/cache.json"]  # the state: file stat signatures, not an output
    # Word refuses a part whose mc:Ignorable names a prefix that is not declared
    docx_files = [name for name in fa if name.endswith(".docx")]
    assert docx_files
    for name in docx_files:
        with zipfile.ZipFile(tmp_path / "a" / name) as z:
            root = etree.fromstring(z.read("word/document.xml"))
        ignorable = root.get("{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable") or ""
        assert all(prefix in root.nsmap for prefix in ignorable.split()), name


def test_editing_one_sop_rebuilds_only_its_department(tmp_path):
    cat = tmp_path / "cat"
    shutil.copytree(PROCESSES, cat)
    out = tmp_path / "out"
    assert not build([str(cat)], str(out)).failed
    books = {pd: (out / pd / f"Dokumen-SOP-{pd}.docx") for pd in ("setda", "diskominfo", "dpmptsp")}
    before = {pd: p.stat().st_mtime_ns for pd, p in books.items()}
    sop = next((cat / "setda").glob("sop02*.yaml"))
    sop.write_text(sop.read_text(encoding="utf-8") + "# catatan reviu\n", encoding="utf-8")
    time.sleep(0.01)
    result = build([str(cat)], str(out))
    # the SOP and the documents that show its name (rincian, keterkaitan) are rebuilt, nothing else
    assert "SETDA.ORG.SOP.02" in result.built and all(code.startswith("SETDA.") for code in result.built)
    assert len(result.built) < 5
    assert books["setda"].stat().st_mtime_ns != before["setda"]
    assert books["diskominfo"].stat().st_mtime_ns == before["diskominfo"]
    assert books["dpmptsp"].stat().st_mtime_ns == before["dpmptsp"]


def test_cached_documents_still_report_exact_positions(tmp_path):
    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    out = tmp_path / "out"
    assert not build([str(cat)], str(out)).failed  # the SOP is now in the build cache
    org = cat / "organisasi.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("  kepala_dinas: Kepala Dinas\n", ""), encoding="utf-8")
    result = build([str(cat)], str(out))
    found = [(p.code, p.line, p.column) for p in result.problems if p.path.endswith("sop.yaml")]
    sop_lines = (cat / "sop.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(sop_lines, 1) if "pelaksana: kepala_dinas" in text)
    assert ("unknown-pelaksana", line, sop_lines[line - 1].index("kepala_dinas") + 1) in found


def test_missing_graphviz_stops_before_anything_is_written(tmp_path, monkeypatch):
    import petaproses.build as b
    from petaproses.problems import PetaprosesError

    real = b.shutil.which
    monkeypatch.setattr(b.shutil, "which", lambda tool: None if tool == "dot" else real(tool))
    out = tmp_path / "out"
    try:
        build([str(FIXTURES / "mini")], str(out))
    except PetaprosesError as exc:
        assert "graphviz" in str(exc).lower()
    else:
        raise AssertionError("the build ran without dot")
    assert not out.exists() or not any(out.rglob("*.*"))


def test_outputs_a_unit_no_longer_makes_are_removed(tmp_path):
    out = tmp_path / "out"
    assert not build([str(FIXTURES / "mini")], str(out), only=["bpmn", "diagram"]).failed
    assert (out / "setda" / "PD.UNIT.01.png").exists()
    assert not build([str(FIXTURES / "mini")], str(out), only=["bpmn"]).failed
    assert not (out / "setda" / "PD.UNIT.01.png").exists() and (out / "setda" / "PD.UNIT.01.bpmn").exists()


# ------------------------------------------------------------------------------------------- parts, manifest
def test_parts_are_kept_in_the_state_folder_not_beside_the_outputs(tmp_path):
    out = tmp_path / "out"
    assert not build([str(FIXTURES / "mini")], str(out), jobs=1).failed
    assert not list((out / "setda").glob(".*"))  # nothing hidden beside the outputs the site lists
    part = out / ".petaproses" / "bagian" / "setda" / ".PD.UNIT.01.isi"
    assert part.is_file() and part.read_bytes()[:4] != b"PK\x03\x04"
    import json

    manifest = json.loads((out / ".petaproses-build.json").read_text(encoding="utf-8"))
    assert ".petaproses/bagian/setda/.PD.UNIT.01.isi" in manifest["dokumen"]["PD.UNIT.01"]["berkas"]


def _recording_renderer(seen: list):
    """A renderer that makes one output and one part per document and records the parts a department gets."""
    import types

    from petaproses.render import Renderer

    def render(cat, doc, **_options):
        return {f"{doc.kode}.txt": doc.nama.encode(), f".{doc.kode}.bagian": f"isi {doc.nama}".encode()}

    def render_department(cat, pd_id, parts, **_options):
        seen.append(dict(parts))
        return {f"daftar-{pd_id}.txt": "\n".join(sorted(parts)).encode()}

    module = types.SimpleNamespace(__name__="uji.perekam", render=render, render_department=render_department)

    class Recording(Renderer):
        def applies(self, doc) -> bool:
            return True

    return Recording("perekam", lambda: module, department=("sop",))  # type: ignore[arg-type]


def test_a_department_gets_the_parts_of_its_documents_also_when_they_were_skipped(tmp_path, monkeypatch):
    import petaproses.build as b

    seen: list = []
    monkeypatch.setattr(b, "select", lambda only=None: [_recording_renderer(seen)])
    cat = tmp_path / "cat"
    shutil.copytree(PROCESSES, cat)
    out = tmp_path / "out"
    assert not build([str(cat)], str(out), jobs=1, site=False).failed
    setda = next(p for p in seen if ".SETDA.ORG.SOP.02.bagian" in p)
    assert setda[".SETDA.ORG.SOP.01.bagian"].startswith(b"isi ")
    assert all(name.startswith(".SETDA.") for name in setda)  # only its own department's documents
    assert not (out / "setda" / ".SETDA.ORG.SOP.01.bagian").exists()
    seen.clear()
    sop = next((cat / "setda").glob("sop02*.yaml"))
    sop.write_text(sop.read_text(encoding="utf-8").replace("nama: ", "nama: Baru ", 1), encoding="utf-8")
    result = build([str(cat)], str(out), jobs=1, site=False)
    kept = [code for code in result.skipped if code.startswith("SETDA.ORG.SOP")]
    assert kept and "SETDA.ORG.SOP.02" in result.built
    [parts] = seen  # the one department that changed
    assert parts[".SETDA.ORG.SOP.02.bagian"].startswith(b"isi Baru ")  # from this build
    for code in kept:  # from the store
        assert parts[f".{code}.bagian"] == (out / f".petaproses/bagian/setda/.{code}.bagian").read_bytes()


def test_a_part_with_a_bad_name_fails_its_unit_and_writes_nothing_outside(tmp_path, monkeypatch):
    import types

    import petaproses.build as b
    from petaproses.render import Renderer

    module = types.SimpleNamespace(__name__="uji.jahat", render=lambda cat, doc, **o: {"./../../lolos": b"x"})

    class Everything(Renderer):
        def applies(self, doc) -> bool:
            return True

    monkeypatch.setattr(b, "select", lambda only=None: [Everything("jahat", lambda: module)])  # type: ignore[arg-type]
    result = build([str(FIXTURES / "mini")], str(tmp_path / "out"), jobs=1)
    assert result.failed and "invalid part name" in result.failed[0][1]
    assert not (tmp_path / "lolos").exists() and not list(tmp_path.rglob("lolos"))


def test_stored_parts_that_are_odd_are_left_out(tmp_path):
    from petaproses import parts

    folder = parts.folder(tmp_path, "setda")
    folder.mkdir(parents=True)
    (folder / ".A.isi").write_bytes(b"baik")
    (folder / ".B.isi").write_bytes(b"x" * (parts.MAX_PART_BYTES + 1))
    (tmp_path / "rahasia").write_bytes(b"rahasia")
    (folder / ".C.isi").symlink_to(tmp_path / "rahasia")
    (folder / ".D.isi").mkdir()
    (folder / "E.isi").write_bytes(b"bukan bagian")
    assert parts.load(tmp_path, "setda", (".A.", ".B.", ".C.", ".D.", "E.")) == {".A.isi": b"baik"}
    assert parts.load(tmp_path, "setda", (".X.",)) == {}
    assert parts.load(tmp_path, "tidak_ada", (".A.",)) == {}


def test_the_forms_are_a_department_unit_of_their_own(tmp_path, monkeypatch):
    """A department's units: "pd:<id>" makes the book (and the berita acara), "pd:<id>/formulir" the forms."""
    from petaproses import units
    from petaproses.check import load
    from petaproses.render import select

    cat = load([str(FIXTURES / "mini")]).cat
    cat.index_codes()
    calls: list[str] = []
    for r in select():
        if r.per_department:
            monkeypatch.setattr(r.module, "render_department", (lambda name, f: lambda *a, **k: calls.append(name) or
                                                                f(*a, **k))(r.name, r.module.render_department))
    units._files_of(cat, select(), {}, tmp_path, "pd:setda")
    assert calls == ["sop_docx"]
    calls.clear()
    pd_id, files = units._files_of(cat, select(), {}, tmp_path, "pd:setda/formulir")
    assert calls == ["forms"] and pd_id == "setda" and sorted(files) == [
        "Formulir-Evaluasi-SOP-setda.docx", "Formulir-Monitoring-SOP-setda.docx"]
    assert units.department_unit("pd:setda/formulir") == ("setda", "formulir")
    assert units.department_unit("pd:setda") == ("setda", "")


def test_a_tampered_manifest_cannot_delete_files_outside_the_output(tmp_path):
    import json

    out = tmp_path / "out"
    assert not build([str(FIXTURES / "mini")], str(out), jobs=1).failed
    victim = tmp_path / "penting.txt"
    victim.write_text("jangan dihapus", encoding="utf-8")
    manifest = json.loads((out / ".petaproses-build.json").read_text(encoding="utf-8"))
    manifest["dokumen"]["HILANG"] = {"hash": "x", "berkas": ["../penting.txt"]}
    manifest["dokumen"]["PD.UNIT.01"]["berkas"].append(str(victim))
    manifest["situs"]["halaman"]["../../penting"] = "x"
    (out / ".petaproses-build.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = build([str(FIXTURES / "mini")], str(out), jobs=1)
    assert not result.failed and victim.read_text(encoding="utf-8") == "jangan dihapus"


def test_cached_documents_take_positions_from_the_loaded_bytes(tmp_path):
    """A document from the build cache has no positions; they come from the bytes loaded, not the file again."""
    from petaproses.build import open_state
    from petaproses.catalogue import load_catalogue

    cat_dir = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat_dir)
    out = tmp_path / "out"
    assert not build([str(cat_dir)], str(out), jobs=1, site=False).failed
    cache = open_state(out, False, []).cache  # as the next build reads it: JSON, positions left out
    cat, _ = load_catalogue([str(cat_dir)], cache)
    assert cat.reloaded == 0
    [doc] = cat.maps
    sop = cat_dir / "sop.yaml"
    text = sop.read_text(encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("disahkan_oleh:"))
    sop.write_text("# a line added after loading\n" + text, encoding="utf-8")
    assert doc.loc("disahkan_oleh") == (line, 16)


def test_a_cached_finding_is_renewed_when_another_file_changes_what_it_depends_on(tmp_path):
    """invalid-parent of A depends on B's `induk`: editing only B must bring A's finding (not an old memo)."""
    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    sub = "jenis: peta-sub-proses\nkode: UJI.{0}\nnama: Sub\nperangkat_daerah: setda\n{1}sub_proses:\n  - {{nama: Satu}}\n"
    (cat / "a.yaml").write_text(sub.format("A", "induk: UJI.B\n"), encoding="utf-8")
    (cat / "b.yaml").write_text(sub.format("B", ""), encoding="utf-8")
    out = tmp_path / "out"
    assert build([str(cat)], str(out), jobs=1, site=False).problems == []
    (cat / "b.yaml").write_text(sub.format("B", "induk: UJI.A\n"), encoding="utf-8")
    result = build([str(cat)], str(out), jobs=1, site=False)
    assert sorted((Path(p.path).name, p.code) for p in result.problems) == [
        ("a.yaml", "invalid-parent"), ("b.yaml", "invalid-parent")]


def test_a_title_edited_in_one_sop_runs_only_that_sops_own_rules_again(tmp_path, monkeypatch):
    """The build keeps each map's own rules' findings by its file (and the organisation, the registers);
    a title is read by other maps' rules only through the catalogue-wide rules, which run every time."""
    from petaproses import rules
    from petaproses.build import check

    cat = tmp_path / "cat"
    shutil.copytree(PROCESSES, cat)
    out = tmp_path / "out"
    first = build([str(cat)], str(out), jobs=1, site=False)
    ran: list[str] = []
    real = rules.actor_in_activity.check

    def counted(c, doc):
        ran.append(Path(doc.path).name)
        return real(c, doc)

    monkeypatch.setattr(rules.actor_in_activity, "check", counted)
    sop = next(p for p in sorted(cat.rglob("*.yaml")) if "\njenis: sop\n" in "\n" + p.read_text(encoding="utf-8"))
    text = sop.read_text(encoding="utf-8")
    sop.write_text(text.replace("\nnama: ", "\nnama: Judul Baru ", 1), encoding="utf-8")
    again = build([str(cat)], str(out), jobs=1, site=False)
    assert ran == [sop.name]
    assert [(p.path, p.code) for p in again.problems] == [(p.path, p.code) for p in check([str(cat)])[1]]
    assert len(first.problems) == len(again.problems)


def test_a_linked_document_rebuilds_the_documents_showing_it_only_when_what_they_show_changes(tmp_path):
    """A document's hash takes of each document it links to (rincian, keterkaitan) what its outputs show: the
    code, kind, name and Perangkat Daerah.  Every step of every linked document reworded rebuilds those
    documents only, and the output is byte for byte a fresh build's: no renderer reads more of a linked one.
    A new name rebuilds the documents that show it."""
    from petaproses.build import check

    cat_dir = tmp_path / "cat"
    shutil.copytree(PROCESSES, cat_dir)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    assert not build([str(cat_dir)], str(out)).failed
    cat, _ = check([str(cat_dir)])
    linked = {code for doc in cat.maps for _keys, code, _relation in doc.links() if code in cat.by_code}
    showing = {doc.kode for doc in cat.maps if any(code in linked for _k, code, _r in doc.links())} - linked
    assert len(linked) >= 5 and showing

    def same_as_fresh() -> None:
        shutil.rmtree(fresh, ignore_errors=True)
        assert not build([str(cat_dir)], str(fresh)).failed
        state = (".petaproses/", ".petaproses-build.json")
        made, want = _files(out), _files(fresh)
        assert sorted(n for n in made if not n.startswith(state)) == sorted(n for n in want if not n.startswith(state))
        assert [n for n in want if not n.startswith(state) and made[n] != want[n]] == []

    reworded = set()
    for code in sorted(linked):
        path = Path(cat.by_code[code].path)
        text = path.read_text(encoding="utf-8")
        if "    uraian: " in text:  # a cross-functional map or an SOP (a sub-process map's boxes have none)
            path.write_text(text.replace("    uraian: ", "    uraian: (diubah) "), encoding="utf-8")
            reworded.add(code)
    assert len(reworded) >= 5 and showing - reworded
    result = build([str(cat_dir)], str(out))
    assert not result.failed and set(result.built) == reworded
    same_as_fresh()
    target = cat.by_code[sorted(linked)[0]]
    path = Path(target.path)
    path.write_text(path.read_text(encoding="utf-8").replace(f"nama: {target.nama}", "nama: Nama Baru", 1),
                    encoding="utf-8")
    result = build([str(cat_dir)], str(out))
    shown_by = {doc.kode for doc in cat.maps if any(code == target.kode for _k, code, _r in doc.links())}
    assert shown_by and set(result.built) == {target.kode} | shown_by
    same_as_fresh()
