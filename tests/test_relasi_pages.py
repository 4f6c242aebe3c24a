"""The peta relasi's pages are put together from their sources cells' bytes (review_relasi._Splice): the same bytes
as the page rendered whole, a stray NUL or a restyled page falls back to the whole render."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from markupsafe import Markup

from petaproses import review_relasi
from petaproses.build import build
from petaproses.paths import PACKAGE_TEMPLATES
from petaproses.review_relasi import _Splice, relation_pages
from petaproses.review_site import _env

from .conftest import PROCESSES


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("relasi-pages") / "out"
    assert not build([str(PROCESSES)], str(out), only=["relasi"]).failed
    return out


def _pages(cat, templates: Path, out: Path) -> dict[str, bytes]:
    pages, _ = relation_pages(cat, _env(templates), "Pemerintah Kota Padang Panjang", "0", out)
    return {p.name: data for p, data in pages.items()}


def test_a_page_put_together_from_its_cells_is_the_page_rendered_whole(built, catalogue, monkeypatch):
    spliced = _pages(catalogue, PACKAGE_TEMPLATES, built)
    calls = []

    def whole(self, text):  # the stand-ins given back: this page went through the splice
        calls.append(text.count("\x00"))
        return None
    monkeypatch.setattr(_Splice, "join", whole)
    review_relasi._CELLS.clear()
    review_relasi._FRAMES.clear()
    assert _pages(catalogue, PACKAGE_TEMPLATES, built) == spliced
    assert len(calls) == len(spliced) and all(calls)  # each page had stand-ins, and the whole render is the same


def test_the_splice_gives_back_only_its_own_stand_ins():
    splice = _Splice()
    a = splice.hold((Markup("<div>Ä</div>"), "<div>Ä</div>".encode()))
    b = splice.hold((Markup("x"), b"x"))
    assert splice.join(f"·{a}|{b}|{a}") == "·<div>Ä</div>|x|<div>Ä</div>".encode()  # repeated or in any order
    assert splice.join("no cell at all") == b"no cell at all"
    assert splice.join(f"{a} and a stray \x00") is None
    assert splice.join(f"{a} \x000\x00") is None  # a stand-in without this process's tag
    assert splice.join(f"\x00{review_relasi._TAG}9\x00") is None  # no such cell
    assert splice.join(f"\x00{review_relasi._TAG}x1\x00") is None


def test_a_restyled_relation_page_gets_the_cells_themselves(built, catalogue, tmp_path):
    """A Pemda's page may do more with a cell than show it: it is given the cell's markup, not a stand-in."""
    shutil.copytree(PACKAGE_TEMPLATES / "site", tmp_path / "templates" / "site")
    page = tmp_path / "templates" / "site" / "relasi.html.j2"
    text = page.read_text(encoding="utf-8")
    assert text.count("{{ r.sources_html }}") == 2
    page.write_text(text.replace("{{ r.sources_html }}", "[{{ r.sources_html|length }}]{{ r.sources_html }}"),
                    encoding="utf-8")
    html = _pages(catalogue, tmp_path / "templates", built)["index.html"].decode("utf-8")
    cells = re.findall(r"\[(\d+)\](.*?)</td>", html, re.S)
    assert cells and "\x00" not in html
    assert any("<div>" in cell for _, cell in cells)
    assert all(int(n) == len(cell) for n, cell in cells)


def test_pages_handed_over_one_at_a_time_are_the_pages_returned(built, catalogue):
    """With ``put`` each page leaves as soon as it is made (write_pages: one page in memory, ~20 MB each at
    10,000 SOPs): the same pages, none kept in the returned dict, and the same keys."""
    env = _env(PACKAGE_TEMPLATES)
    kept, keys = relation_pages(catalogue, env, "Pemerintah Kota Padang Panjang", "0", built)
    handed: list[tuple[Path, bytes]] = []
    left, handed_keys = relation_pages(catalogue, env, "Pemerintah Kota Padang Panjang", "0", built,
                                       put=lambda path, data: handed.append((path, data)))
    assert left == {} and handed_keys == keys
    assert len(kept) > 1 and dict(handed) == kept and len(handed) == len(kept)


def test_write_pages_writes_each_changed_page_once(built, catalogue, tmp_path):
    """``write_pages`` writes the pages whose bytes differ, as they are made, and lists them sorted."""
    out = tmp_path / "out"
    shutil.copytree(built, out)
    env = _env(PACKAGE_TEMPLATES)
    writes: list[Path] = []

    def write(path: Path, data: bytes) -> None:
        writes.append(path)
        path.write_bytes(data)
    written, _ = review_relasi.write_pages(catalogue, env, "Pemerintah Kota Padang Panjang", "0", out, write)
    assert written and written == sorted(writes) and len(set(writes)) == len(writes)
    again, _ = review_relasi.write_pages(catalogue, env, "Pemerintah Kota Padang Panjang", "0", out, write)
    assert again == []  # the same bytes: nothing written
    page = sorted(writes)[0]
    page.write_bytes(page.read_bytes() + b" ")
    assert review_relasi.write_pages(catalogue, env, "Pemerintah Kota Padang Panjang", "0", out, write)[0] == [page]


def test_the_shipped_sources_cell_written_in_python_is_the_template_rendered():
    """``cell_html`` stands in for the shipped relasi_sumber.html.j2 (faster): the same text for sources with
    and without a page or steps, text to escape, one source and none; a changed template is rendered by Jinja2."""
    from petaproses.relasi_cell import Source, Step, cell_html, shipped_cell

    template = _env(PACKAGE_TEMPLATES).get_template("relasi_sumber.html.j2")
    assert shipped_cell(template)
    page = "../setda/A&B.html"
    sources = [
        Source("A&B.SOP.01", 'Nama "<b>" & \'kutip\'', page, [Step(1, f"{page}#langkah-x<y"), Step(12, page)]),
        Source("SOP.02", "Tanpa langkah", "../dinas/SOP.02.html", []),
        Source("SOP.03<", "Tanpa halaman", None, [Step(3, None)]),
        Source("SOP.04", "", "", []),
    ]
    for chosen in (sources, sources[:1], sources[2:3], []):
        for short in (False, True):
            assert cell_html(chosen, short) == template.render(sources=chosen, short=short)
    assert "&lt;b&gt;" in cell_html(sources, False) and "<b>" not in cell_html(sources, False)
    # each row's HTML is kept (relasi_cell.FRAGMENTS): a row made again (a renamed process) is written again, the
    # others are taken as they were, the short and the long form apart; the cells are the template's still
    kept: dict = {}
    for short in (False, True, False):
        assert cell_html(sources, short, fragments=kept) == template.render(sources=sources, short=short)
    before = {k: list(v) for k, v in kept.items()}
    renamed = [sources[0]._replace(nama="Baru & <lain>"), *sources[1:]]
    for short in (True, False):
        assert cell_html(renamed, short, fragments=kept) == template.render(sources=renamed, short=short)
    assert all(kept[id(s)][1] is before[id(s)][1] and kept[id(s)][2] is before[id(s)][2] for s in sources[1:])
    assert kept[id(renamed[0])][0] is renamed[0] and "Baru &amp; &lt;lain&gt;" in kept[id(renamed[0])][1]


def test_a_restyled_sources_cell_is_rendered_by_its_template(built, catalogue, tmp_path):
    from petaproses.relasi_cell import shipped_cell

    shutil.copytree(PACKAGE_TEMPLATES / "site", tmp_path / "templates" / "site")
    cell = tmp_path / "templates" / "site" / "relasi_sumber.html.j2"
    cell.write_text(cell.read_text(encoding="utf-8").replace("<div>", '<div class="sumber">'), encoding="utf-8")
    assert not shipped_cell(_env(tmp_path / "templates").get_template("relasi_sumber.html.j2"))
    review_relasi._CELLS.clear()
    html = _pages(catalogue, tmp_path / "templates", built)["index.html"].decode("utf-8")
    shipped = _pages(catalogue, PACKAGE_TEMPLATES, built)["index.html"].decode("utf-8")
    assert '<div class="sumber">' in html and html.replace('<div class="sumber">', "<div>") == shipped
    same = tmp_path / "same" / "site"
    shutil.copytree(PACKAGE_TEMPLATES / "site", same)  # the shipped text in a Pemda's folder: the fast path too
    assert shipped_cell(_env(tmp_path / "same").get_template("relasi_sumber.html.j2"))


def test_after_a_rename_a_page_is_its_kept_text_joined_with_new_cells(built, monkeypatch):
    """Names of processes are in the sources cells only: after one is renamed, each page is the text rendered
    around its cells last time (review_relasi._FRAMES) joined with the new cells, rendered by nobody, and the
    same bytes as the page rendered afresh."""
    import jinja2

    from petaproses import relasi
    from petaproses.check import check

    cat, _ = check([str(PROCESSES)])
    review_relasi._FRAMES.clear()
    before = _pages(cat, PACKAGE_TEMPLATES, built)
    code = next(h.kode for h in relasi.derive(cat).handoffs if h.kode)  # a process behind a relation
    i = next(i for i, d in enumerate(cat.maps) if d.kode == code)
    cat.maps[i] = cat.by_code[code] = cat.maps[i].model_copy(update={"nama": "Nama Yang Baru"})
    rendered = []
    render = jinja2.Template.render

    def counted(self, *args, **kwargs):
        rendered.append(self.name)
        return render(self, *args, **kwargs)
    monkeypatch.setattr(jinja2.Template, "render", counted)
    after = _pages(cat, PACKAGE_TEMPLATES, built)
    assert "relasi.html.j2" not in rendered
    changed = [k for k in after if after[k] != before[k]]
    assert after.keys() == before.keys() and changed  # the pages that list it
    assert all(b"Nama Yang Baru" in after[k] for k in changed)
    review_relasi._FRAMES.clear()
    review_relasi._CELLS.clear()
    assert _pages(cat, PACKAGE_TEMPLATES, built) == after
    assert "relasi.html.j2" in rendered
