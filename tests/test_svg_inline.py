"""An SVG read back from output/ (a shared drive) puts only drawing into a review page (svg_inline.py)."""

from __future__ import annotations

import re
import shutil

import pytest

from petaproses.build import build
from petaproses.svg_inline import cleaned, inline

from .conftest import PROCESSES

HREF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.svg")  # as the site's (review_site._DIAGRAM_HREF)
NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
GOOD = f'<svg {NS}><g id="n1"><title>a</title><a xlink:href="B.svg"><text>B</text></a></g></svg>\n'

RUNS = re.compile(r"<(script|img|foreignObject|style)|<[^>]*\son\w+\s*=|javascript:|//evil|<!--|<\?|CDATA|&(?!amp;|lt;|gt;|quot;|apos;|#)\w+;",
                  re.I)
# each writes "alert" somewhere a browser would run it, were the file inlined as it is
TAMPERED = {
    "script element": f'<svg {NS}><script>alert(1)</script><text>t</text></svg>',
    "handler on the root": f'<svg {NS} onload="alert(1)"><text>t</text></svg>',
    "root in no namespace": '<svg onload="alert(1)"><text>t</text></svg>',
    "javascript link": f'<svg {NS}><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>',
    "style loading": f'<svg {NS}><text style="fill:url(http://evil/alert)">t</text></svg>',
    "filter loading after a reference": f'<svg {NS}><text filter="url(#f) URL( http://evil/alert )">t</text></svg>',
    "CSS escape": f'<svg {NS}><text style="fill:\\75 rl(http://evil/alert)">t</text></svg>',
    "handler in capitals": f'<svg {NS} ONLOAD="alert(1)"><text>t</text></svg>',
    "link in capitals": f'<svg {NS}><a HREF="javascript:alert(1)"><text>t</text></a></svg>',
    "foreign object": f'<svg {NS}><foreignObject><img xmlns="http://www.w3.org/1999/xhtml" src="x" '
                      'onerror="alert(1)"/></foreignObject><text>t</text></svg>',
    # XML reads a comment or an instruction; HTML ends it at the first ">" and reads an element
    "comment HTML ends early": f'<svg {NS}><!--><img src=x onerror=alert(1)>--><text>t</text></svg>',
    "instruction": f'<svg {NS}><?x ><img src=x onerror=alert(1)>?><text>t</text></svg>',
    "instruction after the root": f'<svg {NS}><text>t</text></svg><?x ><img src=x onerror=alert(1)>?>',
    "root start hidden in a comment": f'<!-- <svg onload="alert(1)"> --><svg {NS}><text>t</text></svg>',
    "CDATA": f'<svg {NS}><text><![CDATA[</svg><img src=x onerror=alert(1)>]]></text></svg>',
    "entity": f'<!DOCTYPE svg [<!ENTITY e "<svg onload=alert(1)>">]><svg {NS}><text>&e;</text></svg>',
    # found by review: HTML parses a title's content as HTML, and an inner title takes the comment as text
    "title in a title": f'<svg {NS}><g><title><title><!-- </title><img src=x onerror=alert(1)> --></title></title>'
                        '<text>t</text></g></svg>',
    # with Graphviz's DOCTYPE libxml2 drops an undeclared reference from an attribute; HTML decodes it
    "named references": f'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/'
                        f'DTD/svg11.dtd"><svg {NS}><a xlink:href="javascript&colon;alert&lpar;1&rpar;&sol;&sol;'
                        'B.svg"><text>t</text></a></svg>',
}


def test_a_graphviz_svg_is_inlined_as_written():
    data = (HEAD + GOOD).encode()
    assert inline(data, HREF) == GOOD
    assert str(cleaned(data, HREF)) == GOOD.rstrip("\n")


@pytest.mark.parametrize("name", sorted(TAMPERED))
def test_a_tampered_svg_keeps_only_its_drawing(name):
    data = (HEAD + TAMPERED[name]).encode()
    for text in (inline(data, HREF), cleaned(data, HREF)):
        assert text is None or (not RUNS.search(text) and "<svg" in text and "<text" in text), text


def test_text_in_another_encoding_is_written_again():
    """The text kept is read as UTF-8: a file declaring another encoding (XML reads kanji where UTF-8 reads a tag)
    is written again by lxml instead."""
    data = (b'<?xml version="1.0" encoding="ISO-2022-JP"?>\n<svg ' + NS.encode() +
            b'><text>\x1b$B0<img/\x1b(B src=x onerror=alert(1)></text></svg>\n')
    text = inline(data, HREF)
    assert text is not None and "<img" not in text and "<text>" in text


def test_what_is_not_an_svg_is_not_inlined():
    for data in (b"", b"<svg", b"<html><body onload='alert(1)'/></html>", b"\xff\xfe<svg/>"):
        assert inline(data, HREF) is None and cleaned(data, HREF) is None


def test_a_planted_script_does_not_reach_a_page_built_again(tmp_path):
    """A map's page made again (here: deleted) inlines the SVG of the last build, read back from output/."""
    shutil.copytree(PROCESSES, tmp_path / "p")
    out = tmp_path / "out"
    assert not build([str(tmp_path / "p")], str(out)).failed
    svg, page = out / "dpmptsp" / "DPMPTSP.SOP.02.svg", out / "dpmptsp" / "DPMPTSP.SOP.02.html"
    genuine = svg.read_text(encoding="utf-8")
    assert genuine[genuine.index("<svg"):].replace(".svg\"", ".html\"") in page.read_text(encoding="utf-8")
    svg.write_text(re.sub(r"(<svg[^>]*>)", r'\1<script>alert("xss-marker")</script>', genuine, count=1),
                   encoding="utf-8")
    page.unlink()
    assert not build([str(tmp_path / "p")], str(out)).failed
    text = page.read_text(encoding="utf-8")
    assert "xss-marker" not in text and "<svg" in text and "<title>" in text  # the drawing, cleaned


def test_a_link_in_place_of_a_picture_is_not_followed(tmp_path):
    """An output folder on a shared drive: a symlink where a map's SVG was brings nothing from where it points."""
    shutil.copytree(PROCESSES, tmp_path / "p")
    out = tmp_path / "out"
    assert not build([str(tmp_path / "p")], str(out)).failed
    outside = tmp_path / "di-luar.svg"
    outside.write_text(HEAD + GOOD.replace(">B<", ">RAHASIA-DI-LUAR<"), encoding="utf-8")
    svg, page = out / "dpmptsp" / "DPMPTSP.SOP.02.svg", out / "dpmptsp" / "DPMPTSP.SOP.02.html"
    svg.unlink()
    svg.symlink_to(outside)
    page.unlink()
    assert not build([str(tmp_path / "p")], str(out)).failed
    assert "RAHASIA-DI-LUAR" not in page.read_text(encoding="utf-8")


def test_cleaning_drops_exactly_what_the_full_attribute_check_drops():
    """``_clean`` checks an attribute in full only when its name or value could make it unsafe (the shortcut
    ``_allowed`` takes): on random attributes it keeps and drops what checking every one keeps and drops."""
    import random

    from lxml import etree

    from petaproses import svg_inline

    def plain(root, href):  # the check of every attribute, as _clean made it before the shortcut
        for el in list(root.iter()):
            if el.tag not in svg_inline._KEPT:
                el.getparent().remove(el)
                continue
            for name, value in list(el.attrib.items()):
                if svg_inline._unsafe(name, value, href):
                    del el.attrib[name]
        return etree.tostring(root, encoding="unicode")

    rng = random.Random(16)
    names = ["onload", "ONCLICK", "OnMouseOver", "base", "BASE", "href", "HREF", "xlink:href", "fill", "style",
             "filter", "Onx", "bASE", "hrefx", "class", "opacity", "o", "b", "h", "x:onload", "x:base"]
    values = ["red", "url(#a)", "url(http://evil/x)", "URL( #a )", "image(x)", "B.svg", "javascript:alert(1)",
              "a\\75 rl(x)", "(", "1.5", "", "#relasi-3", "image-set(x)", "fill:url(#f) url(x)"]
    dropped = 0
    for _ in range(3000):
        attrs = {}
        for name in rng.sample(names, rng.randint(1, 5)):
            attrs[name] = rng.choice(values)
        text = " ".join(f'{n}="{v}"' for n, v in attrs.items())
        data = (f'<svg {NS} xmlns:x="urn:x"><g {text}><text {text}>t</text></g></svg>').encode()
        want = plain(svg_inline._parse(data), HREF)
        got = svg_inline._clean(svg_inline._parse(data), HREF)
        assert got == want, data
        dropped += want != etree.tostring(svg_inline._parse(data), encoding="unicode")
    assert dropped > 1000  # the cases drop attributes, not only keep them
