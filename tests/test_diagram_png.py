"""Diagram PNGs (Graphviz PDF rasterised in process): pixel size, determinism, legibility, grey vs colour."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from lxml import etree
from PIL import Image, ImageChops, ImageStat

from petaproses.build import check
from petaproses.render import diagram, diagram_style
from petaproses.render.dot import is_grey, run_dot

from .conftest import FIXTURES, require

CODES = ("A.L1", "A.SP.02", "A.LF.01", "B.SOP.01")
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def cat():
    cat, problems = check([str(FIXTURES / "diagram")])
    assert not [p for p in problems if p.is_error]
    return cat


@pytest.fixture(scope="module")
def rendered(cat):
    require("dot")
    return {code: diagram.render(cat, cat.by_code[code]) for code in CODES}


def _png(files: dict, code: str) -> Image.Image:
    return Image.open(io.BytesIO(files[f"{code}.png"]))


def _graphviz_png(cat, code: str) -> Image.Image:
    """What Graphviz's own cairo writer makes of the same drawing (the PNG render() wrote before)."""
    return Image.open(io.BytesIO(run_dot(diagram.source(cat, cat.by_code[code]), ["png"])["png"]))


def test_png_has_graphviz_pixel_size_and_draws_the_same_picture(cat, rendered):
    for code in CODES:
        ours, theirs = _png(rendered[code], code), _graphviz_png(cat, code)
        assert ours.size == theirs.size, code
        view = re.search(rb'viewBox="0.00 0.00 ([0-9.]+) ([0-9.]+)"', rendered[code][f"{code}.svg"])
        assert ours.size == tuple(int(float(v) * 96 / 72 + 0.5) for v in view.groups()), code
        # same picture: a missing element or another scale moves these a lot
        a, b = ours.convert("L"), theirs.convert("RGBA")
        b = Image.alpha_composite(Image.new("RGBA", b.size, "white"), b).convert("L")
        assert _diff(a, b) < 8.0, code
        ink = [sum(im.histogram()[:200]) for im in (a, b)]  # every visible mark: lines, text, lane rules
        assert abs(ink[0] - ink[1]) <= 0.12 * ink[1], (code, ink)
        # at the same place: moving ours by one pixel either way matches Graphviz's picture worse
        w, h = a.size
        inner = (2, 2, w - 2, h - 2)
        here = _diff(a.crop(inner), b.crop(inner))
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            moved = a.crop((2 + dx, 2 + dy, w - 2 + dx, h - 2 + dy))
            assert _diff(moved, b.crop(inner)) > here + 0.5, (code, dx, dy)


def _diff(a: Image.Image, b: Image.Image) -> float:
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


def test_every_label_has_ink_under_it(rendered):
    """Legibility proxy: each SVG text line has ink (darker than any fill, the lightest text is #555) in the PNG
    where the SVG puts it."""
    for code in CODES:
        svg = etree.fromstring(rendered[code][f"{code}.svg"])
        tx, ty = map(float, re.search(r"translate\(([-0-9.]+) ([-0-9.]+)\)", svg.find(f"{SVG}g").get("transform")).groups())
        image = _png(rendered[code], code).convert("L")
        texts = [t for t in svg.iter(f"{SVG}text") if "".join(t.itertext()).strip(" +")]
        assert len(texts) >= 5, code
        for t in texts:
            x, y, size = (float(t.get(k)) for k in ("x", "y", "font-size"))
            width = len("".join(t.itertext())) * size * 0.3  # a narrow box inside the text's extent
            left = {"middle": x - width / 2, "end": x - width}.get(t.get("text-anchor"), x)
            box = [round(v * 96 / 72) for v in (left + tx, y + ty - size * 0.7, left + width + tx, y + ty)]
            assert min(image.crop(box).getextrema()) < 170, (code, "".join(t.itertext()), box)


def test_grey_maps_are_8_bit_grey_and_coloured_maps_keep_their_colours(rendered):
    for code in ("A.SP.02", "A.LF.01", "B.SOP.01"):
        image = _png(rendered[code], code)
        assert image.mode == "P", code
        palette = image.getpalette()
        assert all(palette[i] == palette[i + 1] == palette[i + 2] for i in range(0, len(palette), 3)), code
    level1 = _png(rendered["A.L1"], "A.L1")
    assert level1.mode == "RGB"
    colours = {c for _, c in level1.getcolors(1 << 20)}
    for band in ("manajemen", "utama", "pendukung"):  # flat fills come out exact
        hexa = diagram_style.FILL[band].lstrip("#")
        assert tuple(int(hexa[i:i + 2], 16) for i in (0, 2, 4)) in colours, band


def test_png_bytes_are_the_same_in_a_fresh_process(cat, rendered):
    code = "A.LF.01"
    script = ("import sys; from petaproses.build import check; from petaproses.render import diagram;"
              f"cat, _ = check([{str(FIXTURES / 'diagram')!r}]);"
              f"sys.stdout.buffer.write(diagram.render(cat, cat.by_code[{code!r}])[{code + '.png'!r}])")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True).stdout
    assert out == rendered[code][f"{code}.png"]


def test_is_grey_reads_every_fill_and_stroke():
    assert is_grey(b'<path fill="#f0F0f0" stroke="#333333"/><text fill="black"/><g fill="none" stroke="white"/>')
    assert not is_grey(b'<path fill="#f0f0f0" stroke="#333334"/>')
    assert not is_grey(b'<path fill="#eef3fa"/>')
    assert not is_grey(b'<path fill="red"/>')  # a name not known to be grey: drawn in colour, to be safe
