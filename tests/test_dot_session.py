"""One Graphviz process drawing many diagrams (``dot.Session``) gives what a process per diagram gives."""

from __future__ import annotations

import os

import pytest

from petaproses.build import check
from petaproses.problems import PetaprosesError
from petaproses.render import diagram, dot

from .conftest import FIXTURES, require

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the session is POSIX only (select on pipes)")


@pytest.fixture(scope="module")
def fixture_cat():
    cat, problems = check([str(FIXTURES / "diagram")])
    assert not [p for p in problems if p.is_error]
    return cat


def _own_process(source: str) -> tuple[bytes, bytes]:
    out = dot.run_dot(source, ["svg", "pdf"])
    return out["svg"], out["pdf"]


def test_session_draws_byte_for_byte_what_a_process_of_its_own_draws(fixture_cat, monkeypatch):
    require("dot")
    docs = [d for d in fixture_cat.maps if diagram.applies(d)]
    sources = [diagram.graphs(fixture_cat, d)[0].source for d in docs]
    assert len(sources) >= 4
    first = dot.Session.draw(sources[0])
    assert first is not None, "the session did not draw"
    session = dot.Session._current
    drawn = [first] + [dot.Session.draw(s) for s in sources[1:]] + [dot.Session.draw(sources[0])]
    assert dot.Session._current is session, "one process drew them all"
    for source, out in zip(sources + sources[:1], drawn):
        svg, _ = _own_process(source)
        assert out["svg"] == svg  # ids and element order as a fresh process writes them
        assert out["pdf"].startswith(b"%PDF-") and out["pdf"].rstrip().endswith(b"%%EOF")
    # the files (the PNG made from the PDF) are the same as from a process each
    with_session = [diagram.render(fixture_cat, d) for d in docs[:3]]
    monkeypatch.setattr(dot.Session, "draw", classmethod(lambda cls, source: None))
    assert [diagram.render(fixture_cat, d) for d in docs[:3]] == with_session


def test_a_drawing_graphviz_refuses_ends_the_session_with_its_own_error(fixture_cat):
    require("dot")
    good = diagram.graphs(fixture_cat, fixture_cat.by_code["A.LF.01"])[0].source
    assert dot.Session.draw(good) is not None
    before = dot.Session._failures
    bad = 'digraph G { a [pos="1,1" label=<<b>x</i>>] }'
    assert dot.Session.draw(bad) is None  # Graphviz wrote to stderr: drawn on its own instead
    with pytest.raises(PetaprosesError, match="Graphviz"):
        dot.svg_png(bad)
    dot.Session._failures = before
    again = dot.Session.draw(good)
    assert again is not None and again["svg"] == _own_process(good)[0]


def test_a_graph_with_clusters_is_never_sent():
    assert dot.Session.draw('digraph G { subgraph cluster_x { a } }') is None
    assert dot.Session.draw('digraph G { subgraph "cluster x" { a } }') is None


def test_the_pdf_ends_only_where_its_trailer_says():
    svg = b"<svg>\n</svg>\n"
    pdf = b"%PDF-1.5\n1 0 obj\n<< >>\nstream\nstartxref\n2\n%%EOF\n"  # an "%%EOF" inside a stream
    assert dot._split(svg + pdf) is None
    body = pdf + b"endstream\nendobj\n"
    whole = body + b"xref\n0 1\ntrailer\n<< >>\nstartxref\n" + str(len(body)).encode() + b"\n%%EOF\n"
    assert dot._split(svg + whole) == {"svg": svg, "pdf": whole}
    later = b'<svg>\n<g id="page0,1_graph0">\n</svg>\n'
    assert dot._split(later + whole)["svg"] == b'<svg>\n<g id="graph0">\n</svg>\n'


def test_threads_drawing_at_once_each_get_their_own_drawing(fixture_cat):
    require("dot")
    from concurrent.futures import ThreadPoolExecutor

    sources = [diagram.graphs(fixture_cat, d)[0].source for d in fixture_cat.maps if diagram.applies(d)][:4]
    with ThreadPoolExecutor(4) as pool:
        drawn = list(pool.map(dot.Session.draw, sources * 3))
    for source, out in zip(sources * 3, drawn):
        assert out is not None and out["svg"] == _own_process(source)[0]


def test_a_picture_too_large_for_pillow_is_drawn_at_a_lower_resolution():
    """A map of 60 long steps over 12 actors came to 275 million pixels at 96 dpi: Pillow refused it as a
    decompression bomb and the whole SOP failed to build, its .docx too.  Its PNG is now drawn at the resolution
    that keeps it under dot.MAX_PNG_PIXELS, in its own proportions; a usual map keeps 96 dpi."""
    import io

    from PIL import Image

    def png(width: int, height: int) -> tuple[int, int]:
        out = dot.run_dot(f'digraph {{ pad=0; a [shape=box, width={width}, height={height}, label="a"]; }}',
                          ["svg", "pdf"], engine="dot")
        w_pt, h_pt = (float(v) for v in dot._VIEWBOX.search(out["svg"]).groups())
        with Image.open(io.BytesIO(dot.pdf_png(out["pdf"], w_pt, h_pt, grey=True))) as im:
            return im.size

    w, h = png(30, 300)  # 2,160 x 21,600 pt: 358 M pixels at 96 dpi
    assert dot.MAX_PNG_PIXELS * 0.9 < w * h <= dot.MAX_PNG_PIXELS and abs(h / w - 10) < 0.1, (w, h)
    assert png(3, 1) == (dot._px(3 * 72), dot._px(72))  # 96 dpi
