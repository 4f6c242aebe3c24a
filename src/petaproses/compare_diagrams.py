"""The two versions' swimlane diagrams for the before/after page of `banding --situs` (review Q: an evaluation
session compared the measures and the steps, not the pictures it discusses).  Drawn as the build draws a map
(one Graphviz run each), cleaned for inlining as the review site's own pages are."""

from __future__ import annotations

import re

from markupsafe import Markup

from . import svg_inline
from .render import diagram
from .render.dot import run_dot

# a map's links to other maps (render/diagram_common.link_for): from output/banding/ they point at their pages
_HREF = re.compile(r"(\.\./[a-z][a-z0-9_]*/)?[A-Za-z0-9][A-Za-z0-9._-]*\.svg")
_SVG_LINK = re.compile(r'(href=")([^"#]+?)\.svg(")')


def picture(cat, doc) -> Markup | None:
    """Return ``doc``'s diagram as inline SVG (None for a kind without one)."""
    if doc is None or not diagram.applies(doc):
        return None
    svg = diagram.clean_svg(run_dot(diagram.source(cat, doc), ["svg"])["svg"])
    data = svg_inline.inline(svg, _HREF)
    return None if data is None else Markup(_SVG_LINK.sub(r"\1\2.html\3", data))


def pictures(comparison) -> tuple[Markup | None, Markup | None]:
    """Return (before, after) diagrams of a comparison made by ``compare.compare``."""
    (cat_b, before), (cat_a, after) = comparison.versions
    return picture(cat_b, before), picture(cat_a, after)


__all__ = ["picture", "pictures"]
