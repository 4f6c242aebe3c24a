"""A process that builds again (``petaproses siaga``) reuses what it loaded and derived: the documents of unchanged
files (catalogue.LIVE) and their hand-offs (relasi._KEPT), never those of a changed file, and writes exactly what
a fresh process writes."""

from __future__ import annotations

import shutil
from pathlib import Path

from petaproses import catalogue, relasi
from petaproses.build import build

from .conftest import PROCESSES


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.relative_to(out).parts[0].startswith(".petaproses")}


def test_a_second_build_in_the_same_process_reuses_only_what_did_not_change(tmp_path, monkeypatch):
    cat, out, fresh = tmp_path / "cat", tmp_path / "out", tmp_path / "fresh"
    shutil.copytree(PROCESSES, cat)
    assert not build([str(cat)], str(out), jobs=1).failed
    sop = cat / "setda" / "sop02-reviu-sop.yaml"
    other = cat / "setda" / "sop01-penyusunan-peta-proses-bisnis.yaml"
    assert str(sop) in catalogue.LIVE and str(other) in catalogue.LIVE and len(relasi._KEPT) > 20
    before = {path: doc for path, (_, doc) in catalogue.LIVE.items()}
    made: list[str] = []
    real = relasi.map_handoffs
    monkeypatch.setattr(relasi, "map_handoffs", lambda doc: made.append(doc.kode) or real(doc))
    text = sop.read_text(encoding="utf-8")
    sop.write_text(text.replace("output: Agenda surat masuk\n", "output: Agenda surat masuk yang baru\n", 1),
                   encoding="utf-8")
    result = build([str(cat)], str(out), jobs=1)
    assert not result.failed and "SETDA.ORG.SOP.02" in result.built
    assert made == ["SETDA.ORG.SOP.02"]  # every other map's hand-offs kept from the first build
    assert catalogue.LIVE[str(other)][1] is before[str(other)]  # the same document object, not validated again
    changed = catalogue.LIVE[str(sop)][1]
    assert changed is not before[str(sop)] and any(s.output == "Agenda surat masuk yang baru" for s in changed.kegiatan)
    assert "yang baru" in (out / "peta-relasi" / "Peta-Relasi-setda.svg").read_text(encoding="utf-8")
    catalogue.LIVE.clear()  # what a fresh process has: nothing kept
    relasi._KEPT.clear()
    made.clear()
    assert not build([str(cat)], str(fresh), jobs=1).failed and len(made) > 20
    assert _outputs(out) == _outputs(fresh)


def test_what_is_kept_is_the_last_catalogue_only(tmp_path):
    """Memory stays bounded in a process that loads many catalogues: each load keeps its own documents only."""
    first, second = tmp_path / "a", tmp_path / "b"
    shutil.copytree(PROCESSES / "setda", first / "setda")
    shutil.copy(PROCESSES / "organisasi.yaml", first)
    shutil.copytree(PROCESSES / "diskominfo", second / "diskominfo")
    shutil.copy(PROCESSES / "organisasi.yaml", second)
    assert not build([str(first)], str(tmp_path / "out-a"), jobs=1).failed
    assert all(path.startswith(str(first)) for path in catalogue.LIVE) and catalogue.LIVE
    assert not build([str(second)], str(tmp_path / "out-b"), jobs=1).failed
    assert all(path.startswith(str(second)) for path in catalogue.LIVE) and catalogue.LIVE
    assert all(path.startswith(str(second)) for path in relasi._KEPT) and relasi._KEPT


def test_a_renamed_process_renders_again_only_the_relation_cells_it_is_behind(tmp_path, monkeypatch):
    """The relation pages' sources cells are kept between builds in one process (review_relasi._CELLS): after a
    rename, only the cells that list the renamed process are rendered again, and the pages are a fresh build's."""
    import jinja2

    from petaproses import relasi_cell, relasi_keys, relasi_store, review_relasi, review_site, state
    from petaproses.render import sop_body

    cat, out, fresh = tmp_path / "cat", tmp_path / "out", tmp_path / "fresh"
    shutil.copytree(PROCESSES, cat)
    cells: list[str] = []
    real, fast = jinja2.Template.render, review_relasi.cell_html

    def render(self, *args, **kwargs):
        if self.name == "relasi_sumber.html.j2":
            cells.append(",".join(s.kode for s in kwargs["sources"]))
        return real(self, *args, **kwargs)

    def cell(sources, short, escaped=None, fragments=None):  # the shipped cell, written out in Python
        cells.append(",".join(s.kode for s in sources))
        return fast(sources, short, escaped, fragments)
    monkeypatch.setattr(jinja2.Template, "render", render)
    monkeypatch.setattr(review_relasi, "cell_html", cell)
    assert not build([str(cat)], str(out), jobs=1).failed
    first = len(cells)
    sop = cat / "setda" / "sop02-reviu-sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("\nnama: Reviu", "\nnama: Baru Reviu", 1), encoding="utf-8")
    cells.clear()
    assert not build([str(cat)], str(out), jobs=1).failed
    assert cells and len(cells) < first
    assert all("SETDA.ORG.SOP.02" in c for c in cells), cells  # only the cells that list the renamed SOP
    rows = {id(made[1]) for kept in review_relasi._GROUPS.values() for made in kept[2].values()}
    assert relasi_cell.FRAGMENTS and set(relasi_cell.FRAGMENTS) <= rows  # the rows of a rename's old name let go
    for kept in (catalogue.LIVE, relasi._KEPT, relasi_keys._LAST, relasi_keys._HANDOFF_JSON, relasi_store._HELD, relasi_store._ON_DISK,
                 relasi_store._BYTES, review_relasi._CELLS, review_relasi._GROUPS, review_relasi._SVGS,
                 review_relasi._KEYS, review_relasi._FRAMES, relasi_cell.FRAGMENTS,
                 state._DOCUMENTS, state._ENTRIES, review_site._KEYS, sop_body._CHARTS):
        kept.clear()  # what a fresh process has
    relasi._LAST[:] = [None, None, None, None, {}]
    assert not build([str(cat)], str(fresh), jobs=1).failed
    pages = [p.relative_to(out) for p in (out / "peta-relasi").glob("*.html")]
    assert pages and all((out / p).read_bytes() == (fresh / p).read_bytes() for p in pages)
    assert b"Baru Reviu" in (out / "peta-relasi" / "index.html").read_bytes()
