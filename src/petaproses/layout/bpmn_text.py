"""Text as bpmn-js draws it, so boxes and label bounds fit what a modeler shows.

bpmn-js (diagram-js ``util/Text``) breaks a name into lines in its own way: it measures the whole rest of the
text, and while it is too wide cuts it at the last space or hyphen before a length estimated from the
character count, then measures again.  ``lines`` follows that code step by step; the widths come from the
font Chromium uses for Arial (``text.browser_px``), so the lines match the browser's (the tests compare them
with bpmn-js in Chromium).  Sizes and paddings are bpmn-js 18's: names of tasks 12 px inside a 7 px padding,
centred; external labels (events, gateways, flows) 11 px in the width of their DI bounds; lane and pool
names 12 px along the band.
"""

from __future__ import annotations

import functools
import math
import re

from . import text

TASK_FONT = 12  # px
LABEL_FONT = 11  # px: bpmn-js's external labels are one px smaller
LINE_HEIGHT = 1.2  # times the font size
TASK_PADDING = 7  # px, left and right of a task's name (bpmn-js ``renderEmbeddedLabel``)
TASK_MARGIN = 3  # px: a task's text keeps at least this much free above and below it
MARKER_TOP = 20  # px above the bottom edge: the top of a call activity's "+" marker
MARKER_CLEAR = 3  # px between a call activity's text and its marker

_SOFT_BREAK = "\u00ad"
_BREAKS = re.compile(r"(\s|-|\u00ad)")
_NEWLINES = re.compile(r"\u00ad?\r?\n")


def line_height(size: int) -> float:
    return LINE_HEIGHT * size


def _width(line: str, size: int) -> float:
    return text.browser_px(line.rstrip(), size) if line else 0.0


def _semantic_shorten(line: str, max_length: float) -> str:
    """diagram-js ``semanticShorten``: whole parts (words, spaces, hyphens) while the count stays below
    ``max_length`` characters; an empty part (two breaks in a row) ends the walk, as in the JavaScript."""
    parts = _BREAKS.split(line)
    kept: list[str] = []
    length = 0
    if len(parts) > 1:
        for part in parts:
            if not part:
                break
            if len(part) + length < max_length:
                kept.append(part)
                length += len(part)
            else:
                if part in ("-", _SOFT_BREAK) and kept:
                    kept.pop()
                break
    if kept and kept[-1] == _SOFT_BREAK:
        kept[-1] = "-"
    return "".join(kept)


def _shorten(line: str, width: float, max_width: float) -> str:
    length = max(len(line) * (max_width / width), 1)
    short = _semantic_shorten(line, length)
    if not short:  # no break before the estimate: cut the word
        short = line[: max(math.floor(length - 1 + 0.5), 1)]
    return short


@functools.lru_cache(maxsize=8192)
def lines(value: str, max_width: float, size: int) -> tuple[tuple[str, float], ...]:
    """Return the lines (text, width in px) bpmn-js makes of ``value`` in ``max_width`` px at ``size`` px."""
    todo = _NEWLINES.split(value)
    out: list[tuple[str, float]] = []
    while todo:
        original = todo.pop(0)
        fit = original
        while True:
            width = _width(fit, size)
            if fit in (" ", "") or width <= max_width or len(fit) < 2:
                break
            fit = _shorten(fit, width, max_width)
        if len(fit) < len(original):
            todo.insert(0, original[len(fit):].strip())
        out.append((fit, width))
    return tuple(out)


def words_fit(value: str, max_width: float, size: int) -> bool:
    """Whether every word of ``value`` fits ``max_width`` (else bpmn-js cuts a word in two)."""
    return widest_word(value, size) <= max_width


@functools.lru_cache(maxsize=8192)
def widest_word(value: str, size: int) -> float:
    """The width in px of the widest word of ``value`` (0 without words): a name is tried in several boxes."""
    return max((text.browser_px(w, size) for w in value.split()), default=0.0)


# ----------------------------------------------------------------------------------------- task boxes
TASK_WIDTHS = (130, 150, 170, 190, 210)  # px; 130 x 90 first: SOP activity texts run to 60-90 characters
TASK_HEIGHT = 90


def task_fits(name: str, w: int, h: int, call: bool) -> bool:
    """Whether ``name`` set in a ``w`` x ``h`` task stays inside it: no word cut, TASK_MARGIN free above and
    below, and above the "+" marker of a call activity (bpmn-js centres the text in the whole box)."""
    room = w - 2 * TASK_PADDING
    if not words_fit(name, room, TASK_FONT):
        return False
    block = len(lines(name, room, TASK_FONT)) * line_height(TASK_FONT)
    bottom = h - (MARKER_TOP + MARKER_CLEAR if call else TASK_MARGIN)
    return (h + block) / 2 <= bottom and (h - block) / 2 >= TASK_MARGIN


@functools.lru_cache(maxsize=4096)
def task_size(name: str, call: bool) -> tuple[int, int]:
    """Return the least (width, height) from TASK_WIDTHS x 90, else the widest and taller, that fits ``name``."""
    for w in TASK_WIDTHS:
        if task_fits(name, w, TASK_HEIGHT, call):
            return w, TASK_HEIGHT
    w, h = TASK_WIDTHS[-1], TASK_HEIGHT
    while not task_fits(name, w, h, call) and h < 1000:
        h += 10
    return w, h


CHAIN_REPEAT = 80  # characters: as in the swimlane map (layout.swimlane), a chain's longer text stands once
FOLLOW = "lanjutan"  # what a chain's later tasks read instead of a long text; impor knows it (impor/shapes.py)


def chain_name(text: str, k: int, n: int, own: str | None = None) -> str:
    """Return the name of the ``k``-th task (from 0) of a chain of ``n`` tasks: "<text> (k/n)", or the actor's
    ``own`` text (``tugas``: "Paraf (2/3)"), as the swimlane map; a text longer than CHAIN_REPEAT stands in the
    first task only and the later ones read "lanjutan (2/3)" (a 60-word activity written three times said
    nothing more, review P).  impor joins them back by the numbers (the uraian is in the documentation)."""
    if n < 2:
        return own or text
    return f"{own or (FOLLOW if k and len(text) > CHAIN_REPEAT else text)} ({k + 1}/{n})"


# ----------------------------------------------------------------------------------------- external labels
LABEL_WIDTHS = (90, 120, 150)  # px: the first width giving at most LABEL_LINES lines is used
LABEL_LINES = 3


def _label_width(text: str, font: int) -> int:
    """The first of LABEL_WIDTHS in which ``text`` makes at most LABEL_LINES lines (its widest word if none)."""
    for wide in LABEL_WIDTHS:
        if words_fit(text, wide, font) and len(lines(text, wide, font)) <= LABEL_LINES:
            return wide
    return max(LABEL_WIDTHS[-1], math.ceil(widest_word(text, font)))


@functools.lru_cache(maxsize=4096)
def label_size(name: str) -> tuple[int, int]:
    """Return (width, height) of an external label's DI bounds, as tight as the text: bpmn-js wraps the name
    in that width, so the width is the least that still gives the lines of the first of LABEL_WIDTHS that
    makes at most LABEL_LINES lines."""
    want = lines(name, _label_width(name, LABEL_FONT), LABEL_FONT)
    w = math.ceil(max(width for _, width in want))
    while lines(name, w, LABEL_FONT) != want:  # a narrower box may break elsewhere; _label_width gives ``want``
        w += 1
    return w, math.ceil(len(want) * line_height(LABEL_FONT))


NOTE_PADDING = 7  # px: bpmn-js's TEXT_ANNOTATION_PADDING around a text annotation's text (12 px)


@functools.lru_cache(maxsize=4096)
def note_size(text: str) -> tuple[int, int]:
    """Return (width, height) of a text annotation's bounds holding ``text`` in lines as a label's (at most
    LABEL_LINES, the first of LABEL_WIDTHS that allows it), at bpmn-js's annotation font and padding."""
    want = lines(text, _label_width(text, TASK_FONT), TASK_FONT)
    w = math.ceil(max(width for _, width in want)) + 2
    return w + 2 * NOTE_PADDING, math.ceil(len(want) * line_height(TASK_FONT)) + 2 * NOTE_PADDING


# ----------------------------------------------------------------------------------------- lane names
NAME_BAND = 30  # px: bpmn-js sets a lane or pool name in a 30 px band along its left edge
NAME_LINES = 2  # two 14.4 px lines fit the band, a third spills over
NAME_PAD = 12  # px kept free at each end of a rotated name


def name_fits(name: str, length: int) -> bool:
    """Whether ``name``, set along a band ``length`` px long, makes at most NAME_LINES lines that each keep
    NAME_PAD free at both ends (bpmn-js wraps it to the full length, with no padding, and centres it)."""
    room = length - 2 * NAME_PAD
    if not words_fit(name, room, TASK_FONT):
        return False
    laid = lines(name, length, TASK_FONT)
    return len(laid) <= NAME_LINES and all(w <= room for _, w in laid)
