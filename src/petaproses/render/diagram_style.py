"""House style of every Graphviz diagram: font, colours, text measuring and wrapping, HTML-like labels.

Text is measured with the real font (Liberation Sans has Arial's metrics) so that fixed-size shapes are made
big enough for their wrapped text; Graphviz then never has to guess.
"""

from __future__ import annotations

import functools
import html
from pathlib import Path

FONT = "Liberation Sans"
FONT_FILES = {
    False: "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    True: "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
}
FONT_SIZE = 10.0  # node text, points
SMALL = 8.5  # edge labels, legend, codes
LINE = 1.2  # line height / font size, as Graphviz sets HTML-like labels

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


@functools.lru_cache(maxsize=2)
def _font(bold: bool):
    try:
        from PIL import ImageFont

        path = FONT_FILES[bold]
        return ImageFont.truetype(path, 100) if Path(path).exists() else None
    except ImportError:  # pragma: no cover - pillow is a dependency of the project
        return None


@functools.lru_cache(maxsize=4096)
def text_width(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """Return the width of ``text`` in points, set in Liberation Sans at ``size``."""
    font = _font(bold)
    if font is None:  # no font file: Arial's average advance, slightly generous
        return len(text) * size * (0.6 if bold else 0.56)
    return font.getlength(text) * size / 100.0


def wrap(text: str, width: float, size: float = FONT_SIZE, bold: bool = False) -> list[str]:
    """Return ``text`` broken into lines no wider than ``width`` points (a too-long word is cut)."""
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line = ""
        for word in para.split():
            while text_width(word, size, bold) > width:  # an unbreakable word: cut it where it must
                cut = len(word) - 1
                while cut > 1 and text_width(word[:cut] + "-", size, bold) > width:
                    cut -= 1
                if line:
                    lines.append(line)
                    line = ""
                lines.append(word[:cut] + "-")
                word = word[cut:]
            trial = f"{line} {word}" if line else word
            if text_width(trial, size, bold) <= width:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def block_width(lines: list[str], size: float = FONT_SIZE, bold: bool = False) -> float:
    return max((text_width(line, size, bold) for line in lines), default=0.0)


def block_height(n_lines: int, size: float = FONT_SIZE) -> float:
    return n_lines * size * LINE


def esc(text: str) -> str:
    """Return ``text`` escaped for an HTML-like label (every character then renders literally)."""
    # Graphviz expands \N, \G... even inside HTML-like labels; a doubled backslash prints one
    return html.escape(text, quote=True).replace("\\", "\\\\")


def html_lines(lines: list[str], size: float = FONT_SIZE, bold: bool = False, colour: str | None = None,
               align: str = "CENTER") -> str:
    """Return ``lines`` as the inside of an HTML-like label, one <BR/> per break."""
    body = f'<BR ALIGN="{align}"/>'.join(esc(line) for line in lines)
    if bold:
        body = f"<B>{body}</B>"
    attrs = f'POINT-SIZE="{size:g}"' + (f' COLOR="{colour}"' if colour else "")
    return f"<FONT {attrs}>{body}</FONT>"


def label(inner: str) -> str:
    """Return an HTML-like label for the graphviz package (the <...> form, never quoted)."""
    return f"<{inner}>"


def fmt(value: float) -> str:
    """Return a coordinate with two decimals, so DOT text (and so output) is stable."""
    return f"{value:.2f}"
