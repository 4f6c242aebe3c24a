"""A rebuild after one edit reuses what did not change and gives exactly the files a fresh build gives.

Each test edits one kind of input of the sample catalogue (an SOP's text, its title, a position in the
organisation file, an application in the register, a peta-relasi file, an evaluation record), rebuilds into
the output of the unedited build, builds the edited catalogue into an empty folder, and compares every file
byte for byte (the build's own state aside).  Where the edit cannot reach a whole-catalogue file, the test
also asserts it was not written again, so the reuse is real.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from petaproses.build import build

from .conftest import PROCESSES

SOP = "diskominfo/sop02-publikasi-berita.yaml"
# kind -> (file, text to replace, replacement)
EDITS = {
    "uraian": (SOP, "uraian: Menulis naskah berita sesuai kaidah jurnalistik",
               "uraian: Menulis naskah berita sesuai kaidah jurnalistik dan pedoman media siber"),
    "nama": (SOP, "nama: Publikasi Berita pada Laman Resmi", "nama: Publikasi Berita dan Foto pada Laman Resmi"),
    "jabatan": ("organisasi.yaml", "sekda: Sekretaris Daerah", "sekda: Sekretaris Daerah Kota"),
    "aplikasi": ("aplikasi.yaml", "nama: SP4N-LAPOR!", "nama: SP4N-LAPOR! (Layanan Aspirasi)"),
    "peta-relasi": ("peta-relasi.yaml", "ambang: 1 ", "ambang: 2 "),
    "evaluasi": ("evaluasi/2026/2026-11-30-diskominfo.yaml", "Berita tayang rata-rata 4 jam",
                 "Berita tayang rata-rata 3 jam"),
}
# what each edit cannot change: those files must not be written again
UNTOUCHED = {"uraian": ("peta-relasi/", "matriks-aplikasi/"), "evaluasi": ("peta-relasi/", "matriks-aplikasi/"),
             "aplikasi": ("peta-relasi/",)}


def _outputs(out: Path) -> dict[str, bytes]:
    """Every output file, the build's state (manifest, cache, parts: code hashes and keys) aside."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.relative_to(out).parts[0] not in (".petaproses", ".petaproses-build.json")}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """The sample catalogue and its build, made once (each test copies the output and restores its edit)."""
    root = tmp_path_factory.mktemp("reuse")
    cat, out = root / "cat", root / "out"
    shutil.copytree(PROCESSES, cat)
    result = build([str(cat)], str(out))
    assert not result.failed and not result.written_nothing
    return cat, out


@pytest.mark.parametrize("kind", list(EDITS))
def test_a_rebuild_after_one_edit_equals_a_fresh_build(built, tmp_path, kind):
    cat, first = built
    out = tmp_path / "out"
    shutil.copytree(first, out, symlinks=True)
    name, old, new = EDITS[kind]
    path = cat / name
    original = path.read_text(encoding="utf-8")
    assert original.count(old) >= 1, f"{name} no longer holds {old!r}"
    path.write_text(original.replace(old, new, 1), encoding="utf-8")
    try:
        again = build([str(cat)], str(out))
        fresh = build([str(cat)], str(tmp_path / "fresh"))
    finally:
        path.write_text(original, encoding="utf-8")
    assert not again.failed and not fresh.failed
    incremental, expected = _outputs(out), _outputs(tmp_path / "fresh")
    assert sorted(incremental) == sorted(expected)
    differ = [f for f in expected if incremental[f] != expected[f]]
    assert differ == []
    written = {p.relative_to(out).as_posix() for p in again.written}
    assert written, "the edit changed nothing"
    for folder in UNTOUCHED.get(kind, ()):
        assert not [f for f in written if f.startswith(folder)], f"{folder} made again after a {kind} edit"


def test_a_tampered_or_missing_reused_file_is_made_again(built, tmp_path):
    """A recorded piece whose file changed size or is gone is made again; a forged key list is ignored."""
    cat, first = built
    out = tmp_path / "out"
    shutil.copytree(first, out, symlinks=True)
    (out / "peta-relasi" / "Peta-Relasi.png").write_bytes(b"not a picture")
    (out / "matriks-aplikasi" / "Matriks-Aplikasi.csv").unlink()
    (out / "peta-relasi" / "index.html").write_bytes(b"<p>tampered</p>")
    manifest = json.loads((out / ".petaproses-build.json").read_text(encoding="utf-8"))
    manifest["katalog"]["hash"] = "0" * 64  # as after an edit: the pieces are looked at one by one
    manifest["situs"]["kunci"] = "0" * 64
    (out / ".petaproses-build.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = build([str(cat)], str(out), force=False)
    assert not result.failed
    assert _outputs(out) == _outputs(first)
    # a forged piece list naming a file outside the folder: the whole manifest is dropped, with a warning
    manifest = json.loads((out / ".petaproses-build.json").read_text(encoding="utf-8"))
    manifest["katalog"]["potongan"] = {"a" * 64: {"../../etc/passwd": 1}}
    manifest["katalog"]["hash"] = "0" * 64
    (out / ".petaproses-build.json").write_text(json.dumps(manifest), encoding="utf-8")
    (out / "peta-relasi" / "Peta-Relasi.svg").unlink()
    result = build([str(cat)], str(out))
    assert any("di luar folder keluaran" in n for n in result.notes)
    assert _outputs(out) == _outputs(first)


def test_each_document_metrics_are_worked_out_once_per_build(tmp_path, monkeypatch):
    """A page shows its document's metrics and the index sums them: the page's figures are the index's, not
    worked out a second time (a 1,000-SOP site spent a second on that); the index totals are those of a
    build that works every one out afresh."""
    from petaproses import metrics as metrics_module
    from petaproses import review_site

    calls: list[str] = []
    real = metrics_module.metrics

    def counted(cat, doc):
        calls.append(doc.kode)
        return real(cat, doc)

    monkeypatch.setattr(review_site, "metrics", counted)
    result = build([str(PROCESSES)], str(tmp_path / "out"), jobs=1)
    assert result.problems == [] or not any(p.is_error for p in result.problems)
    assert sorted(calls) == sorted(set(calls)) and len(calls) == len(result.cat.maps)
    # the same index as when the totals work every document's metrics out again
    monkeypatch.setattr(review_site, "_departments", _fresh_departments(review_site._departments))
    again = build([str(PROCESSES)], str(tmp_path / "again"), jobs=1)
    assert again.cat is not None
    assert (tmp_path / "out" / "index.html").read_bytes() == (tmp_path / "again" / "index.html").read_bytes()


def _fresh_departments(real):
    def departments(cat, listing, doc_hashes, metric_cache, stale=frozenset(), shown=None, kids=None):
        return real(cat, listing, doc_hashes, {}, stale, None)
    return departments


def test_the_home_page_is_rendered_only_when_what_it_shows_changed(built, tmp_path, monkeypatch):
    """A step's text is not on the home page: it is not rendered again (its key, in the manifest, is what it
    shows); a title is, and the page then equals a fresh build's."""
    import jinja2.environment

    cat, first = built
    out = tmp_path / "out"
    shutil.copytree(first, out, symlinks=True)
    rendered: list = []
    real = jinja2.environment.Template.render
    monkeypatch.setattr(jinja2.environment.Template, "render",
                        lambda self, *a, **k: rendered.append(self.name) or real(self, *a, **k))
    for kind, home in (("uraian", False), ("nama", True)):
        name, old, new = EDITS[kind]
        path = cat / name
        original = path.read_text(encoding="utf-8")
        path.write_text(original.replace(old, new, 1), encoding="utf-8")
        rendered.clear()
        try:
            assert not build([str(cat)], str(out), jobs=1).failed
            assert ("index.html.j2" in rendered) is home and "page.html.j2" in rendered
            assert not build([str(cat)], str(tmp_path / kind), jobs=1).failed
        finally:
            path.write_text(original, encoding="utf-8")
        assert (out / "index.html").read_bytes() == (tmp_path / kind / "index.html").read_bytes()


def test_a_missing_or_replaced_page_is_written_again(built, tmp_path):
    """A document's page whose key is unchanged is kept only while it is a file: deleted, or a folder or a
    dangling link in its place (the site lists each folder once instead of asking for every page), it is
    written again, through no link."""
    cat, first = built
    out = tmp_path / "out"
    shutil.copytree(first, out, symlinks=True)
    gone, linked = sorted((out / "diskominfo").glob("*.html"))[:2]
    gone.unlink()
    linked.unlink()
    linked.symlink_to(tmp_path / "nowhere.html")
    result = build([str(cat)], str(out))
    assert not result.failed
    assert gone.is_file() and linked.is_file() and not linked.is_symlink()
    assert not (tmp_path / "nowhere.html").exists()
    assert _outputs(out) == _outputs(first)
