"""House style of every Graphviz diagram: font, colours, HTML-like labels.

Text is measured and wrapped by the layout (``layout.text``, Liberation Sans, Arial's metrics), so fixed-size
shapes are big enough for their wrapped text and Graphviz never has to guess; the names are repeated here for
the DOT writers.
"""

from __future__ import annotations

import html

from graphviz import nohtml

from ..layout.text import (DIAGRAM_FONT as FONT, FONT_SIZE, LINE, SMALL, block_height,  # noqa: F401 - the
                           block_width, fit_line, text_width, wrap)  # diagram renderers use them through this module

# Light fills and distinct shapes: the meaning never rests on colour alone, and grey print keeps contrast.
INK = "#222222"
LINE_COLOUR = "#333333"
FILL = {
    "process": "#ffffff",
    "terminator": "#e8e8e8",
    "decision": "#f4f4f4",
    "connector": "#ffffff",
    "manajemen": "#eef3fa",
    "utama": "#fdf6e3",
    "pendukung": "#eef7ee",
    "stakeholder": "#ffffff",
    "lane": "#fafafa",
    "lane_alt": "#f0f0f0",
    "header": "#dedede",
    "title": "#ffffff",
}
LINK_COLOUR = "#1f4e9a"


def esc(text: str) -> str:
    """Return ``text`` escaped for an HTML-like label (every character then renders literally)."""
    # Graphviz expands \N, \G... even inside HTML-like labels; a doubled backslash prints one.  A "]" just
    # before a closing tag is a syntax error to its label parser ("]]</FONT>"): as a reference it reads as text
    return html.escape(text, quote=True).replace("\\", "\\\\").replace("]", "&#93;")


def html_lines(lines: list[str], size: float = FONT_SIZE, bold: bool = False, colour: str | None = None,
               align: str = "CENTER") -> str:
    """Return ``lines`` as the inside of an HTML-like label, one <BR/> per break."""
    body = f'<BR ALIGN="{align}"/>'.join(esc(line) for line in lines)
    if bold:
        body = f"<B>{body}</B>"
    attrs = f'POINT-SIZE="{size:g}"' + (f' COLOR="{colour}"' if colour else "")
    return f"<FONT {attrs}>{body}</FONT>"


def plain(text: str) -> str:
    """Return ``text`` as a quoted attribute value (a tooltip): never read as an HTML-like label, which the
    graphviz package writes unquoted ("<a> URL=... x=<b>" would add attributes), nor as Graphviz escapes."""
    return nohtml(text.replace("\\", "\\\\"))


def label(inner: str) -> str:
    """Return an HTML-like label for the graphviz package (the <...> form, never quoted)."""
    return f"<{inner}>"


def fmt(value: float) -> str:
    """Return a coordinate with two decimals, so DOT text (and so output) is stable."""
    return f"{value:.2f}"
