"""Text measurement with the real fonts: the one place that finds a font file, loads it and measures with it.

Fixed-size shapes and exact row heights are only right when text is measured with the font that will set it.
Two faces are in use, each kept exactly as the outputs were first made with (their numbers differ in the last
digits, and a changed number moves a line break):

- documents (.docx): the family named in gaya.yaml, found by fontconfig (Arial -> Liberation Sans 2),
  measured at 1000 units; the word processor breaks the lines, we predict how many (``count_lines``);
- diagrams (Graphviz): Liberation Sans from its Debian path, measured at 100 units; we break the lines
  ourselves (``wrap``);
- BPMN names as bpmn-js sets them in Chromium (``browser_px``): Arial found by fontconfig, as the browser finds
  it, shaped word by word as the browser does; ``bpmn_text`` breaks the lines as bpmn-js does.
"""

from __future__ import annotations

import bisect
import functools
import re
import shutil
import subprocess
import threading
from pathlib import Path

from PIL import ImageFont

from .hyphen import SOFT, ZWSP, breaks

_SYLLABLE_BREAK = re.compile(f"{SOFT}|{ZWSP}|(?<=-)")
_RUN = re.compile(r"[A-Za-z]+")
_FEW = 5  # letters of a word broken at a syllable at the end of a line that holds other words
NBSP = "\u00a0"  # a no-break space: the word processor never breaks a line there ("30 menit" stays whole)
# spaces no line breaks at (Unicode class GL): no-break, figure and narrow no-break space
_NO_BREAK = re.compile("[\u00a0\u2007\u202f]")
_SPACES = re.compile(r"[^\S\u00a0\u2007\u202f]+")


_NUMERAL = re.compile(r" (?=(?:[IVX]{1,4}|[0-9]{1,2})$)")  # "Kasubag TP I", "Seksi 2": the last space


def keep_numeral(name: str) -> str:
    """Return a position's name with its closing numeral joined to the word before it (a no-break space): a
    heading broke "Kasubag TP / I", the numeral alone on a line (BPS, review J)."""
    return _NUMERAL.sub(NBSP, name)


# a region and its name at a heading's end: "KABUPATEN SOLOK SELATAN," (up to three words of name)
_PLACE = re.compile(r"(?i)\b(?:kota|kabupaten|provinsi|kecamatan|kelurahan|desa|nagari)(?: [^\s,]+){1,3},?$")
PLACE_MAX = 32  # characters: a longer one may not fit a line joined


def keep_place(heading: str) -> str:
    """Return a centred heading with the region that ends it joined by no-break spaces, so a line breaks before
    "KABUPATEN SOLOK SELATAN" and never inside it (review N: a decree's heading broke "SOLOK / SELATAN")."""
    m = _PLACE.search(heading)
    if m is None or len(m.group()) > PLACE_MAX:
        return heading
    return heading[:m.start()] + m.group().replace(" ", NBSP)


def words(text: str) -> list[str]:
    """The words of ``text`` as a word processor breaks lines: at spaces, not at a no-break space."""
    return text.split() if not _NO_BREAK.search(text) else [w for w in _SPACES.split(text) if w]
SOFT_SLACK = 20  # twips: a syllable that fits by less than this may not fit in the word processor
# twips: LibreOffice's line widths round (8 pt lines that fit by 2 twips as measured here were broken)
LINE_SLACK = 5

DOCUMENT_UNITS = 1000
DIAGRAM_UNITS = 100
_DOCUMENT_FALLBACK = {
    False: "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    True: "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
}
DIAGRAM_FONT = "Liberation Sans"
DIAGRAM_FILES = {
    False: "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    True: "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
}
# diagram type, points: node text, small text (edge labels, legend, codes), line height / size (as Graphviz
# sets HTML-like labels)
FONT_SIZE = 10.0
SMALL = 8.5
LINE = 1.2


# ----------------------------------------------------------------------------------------------- the lookup
_FINDING = threading.Lock()


@functools.lru_cache(maxsize=None)
def font_file(family: str, bold: bool) -> str:
    """Return the file fontconfig sets ``family`` with (Liberation Sans 2 when fontconfig is not there)."""
    with _FINDING:  # renderer threads asking at once wait for one fc-match (three ran in a one-map build)
        return _lookup(family, bold)


@functools.lru_cache(maxsize=None)
def _lookup(family: str, bold: bool) -> str:
    if shutil.which("fc-match"):
        try:
            out = subprocess.run(["fc-match", "-f", "%{file}", f"{family}:bold" if bold else family],
                                 capture_output=True, text=True, timeout=10, check=True).stdout.strip()
            if out:
                return out
        except (OSError, subprocess.SubprocessError):
            pass
    return _DOCUMENT_FALLBACK[bold]


@functools.lru_cache(maxsize=None)
def _font(path: str, units: int, default: bool) -> ImageFont.FreeTypeFont | None:
    """Return the font at ``path`` sized ``units``; when it cannot be read, Pillow's own font (``default``)
    or None."""
    if not default and not Path(path).exists():
        return None
    try:
        return ImageFont.truetype(path, units)
    except OSError:
        if default:
            return ImageFont.load_default(units)
        raise


@functools.lru_cache(maxsize=65536)
def _advance(path: str, units: int, default: bool, text: str) -> float | None:
    """Width of ``text`` at ``units`` size; cached, since the same words come back in every row and document."""
    font = _font(path, units, default)
    return None if font is None else font.getlength(text)


# ----------------------------------------------------------------------------------------------- documents
def twips(family: str, text: str, size: float, bold: bool = False) -> float:
    """Return the width of ``text`` set in ``family`` at ``size`` pt, in twips."""
    path = font_file(family, bold)  # (always asked: a fork finds the fonts it found, ``rehearse``)
    key = (path, text, size)
    width = _TWIPS.get(key)  # asked some 2,000 times per SOP: a dict look-up rather than _advance's cache
    if width is None:
        if len(_TWIPS) >= 1 << 17:
            _TWIPS.clear()
        width = _TWIPS[key] = _unkerned(path, text) * size * 20 / 1000
    return width


def _unkerned(path: str, text: str) -> float:
    """Width of ``text`` at ``DOCUMENT_UNITS`` without pair kerning: Word and LibreOffice set a run without it
    unless it asks (``w:kern``), and Pillow's shaper kerns by default, which made lines ~1.5 % short; a line
    predicted to fit broke in LibreOffice and its last line was cut by the row's exact height (a 12-actor SOP)."""
    font = _font(path, DOCUMENT_UNITS, True)
    if font.layout_engine == ImageFont.Layout.RAQM:  # type: ignore[union-attr]
        return font.getlength(text, features=["-kern"])  # type: ignore[union-attr]
    return font.getlength(text)  # type: ignore[union-attr]  # the basic layout reads no GPOS kerning


_TWIPS: dict = {}  # twips by font file, text and size


@functools.lru_cache(maxsize=65536)
def count_lines(family: str, text: str, width: float, size: float, bold: bool = False) -> int:
    """Return the number of lines a word processor breaks ``text`` into in ``width`` twips (newlines kept)."""
    return len(break_lines(family, text, width, size, bold))


def break_lines(family: str, text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Return ``text`` broken into the lines a word processor makes in ``width`` twips: at spaces, explicit
    newlines kept.  A word wider than the column is broken by the word processor over several lines: here it
    stands whole on the last of them, the others are left empty, so the count stays exact and no text is lost."""
    if SOFT in text or ZWSP in text:
        return _break_soft(family, text, width, size, bold)
    out: list[str] = []
    space = twips(family, " ", size, bold)
    width -= LINE_SLACK  # a line that fits by a hair here is broken by the word processor
    for para in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in words(para):
            w = twips(family, word, size, bold)
            if w > width:
                if "-" in word[:-1]:  # the word processor breaks it after its hyphen first
                    return _break_soft(family, text, width + LINE_SLACK, size, bold)
                if line:
                    out.append(" ".join(line))
                while w > width:
                    out.append("")
                    w -= width
                line, used = [word], w
                continue
            need = w if not line else used + space + w
            if need <= width:
                line.append(word)
                used = need
            else:
                out.append(" ".join(line))
                line, used = [word], w
        out.append(" ".join(line))
    return out


def _broken(pieces: list[str], k: int) -> str:
    """The first ``k`` pieces of a word as a line ends with them: with the hyphen shown at the break (a hard
    hyphen is there already)."""
    head = "".join(pieces[:k])
    return head if head.endswith(("-", "/")) else head + "-"  # after a slash: a zero-width space


def _break_soft(family: str, text: str, width: float, size: float, bold: bool) -> list[str]:
    """``break_lines`` of a text whose words may also break at a soft hyphen (shown as "-" there): a word goes
    whole on the line when it fits, else as many of its syllables as fit with the hyphen, the rest on the next
    line; a syllable wider than the column is broken where the letters run out (an empty line, as above)."""
    out: list[str] = []
    space = twips(family, " ", size, bold)
    width -= SOFT_SLACK  # the word processor's widths round differently: never count fewer lines than it makes
    for para in text.split("\n"):
        line, used = "", 0.0
        for word in words(para):
            pieces = [p for p in _SYLLABLE_BREAK.split(word) if p]  # after a soft or a hard hyphen
            inside = False  # the line ends inside this word (a syllable broken where the letters ran out)
            while pieces:
                lead = f"{line} " if line and not inside else line
                sep = space if line and not inside else 0.0
                whole = twips(family, "".join(pieces), size, bold)
                if used + sep + whole <= width:
                    line, used = lead + "".join(pieces), used + sep + whole
                    break
                k = len(pieces) - 1  # the most syllables that fit with the hyphen
                while k and used + sep + twips(family, _broken(pieces, k), size, bold) > width:
                    k -= 1
                if k:
                    out.append(lead + _broken(pieces, k))
                    line, used, pieces, inside = "", 0.0, pieces[k:], False
                elif line:
                    out.append(line)
                    line, used, inside = "", 0.0, False
                else:  # not even one syllable fits a line: its letters run on over lines
                    w = twips(family, pieces[0], size, bold)
                    while w > width:
                        out.append("")
                        w -= width
                    line, used, pieces, inside = pieces[0], w, pieces[1:], True
        out.append(line)
    return out


@functools.lru_cache(maxsize=65536)
def count_lines_until(family: str, text: str, width: float, size: float, bold: bool = False) -> tuple[int, float]:
    """Return ``count_lines`` and the least width above ``width`` at which the lines could break otherwise:
    below it every line keeps its words (each break stays where the next word did not fit).  A word wider
    than ``width`` is cut differently at any other width: then ``width`` itself.  The same walk as
    ``break_lines``, so the count is the same."""
    if SOFT in text or ZWSP in text:  # breaks inside words: any other width may break otherwise
        return len(_break_soft(family, text, width, size, bold)), width
    count, until = 0, float("inf")
    space = twips(family, " ", size, bold)
    width -= LINE_SLACK  # as break_lines; ``until`` is given back in the caller's width
    for para in text.split("\n"):
        filled = False  # the line holds a word
        used = 0.0
        for word in words(para):
            w = twips(family, word, size, bold)
            if w > width:
                if "-" in word[:-1]:  # broken after its hyphen first, as break_lines
                    return len(_break_soft(family, text, width + LINE_SLACK, size, bold)), width + LINE_SLACK
                until = width
                if filled:
                    count += 1
                while w > width:
                    count += 1
                    w -= width
                filled, used = True, w
                continue
            need = w if not filled else used + space + w
            if need <= width:
                filled, used = True, need
            else:
                count += 1
                until = min(until, need)
                used = w
        count += 1
    return count, until + LINE_SLACK


# ----------------------------------------------------------------------------------------------- diagrams
@functools.lru_cache(maxsize=4096)
def text_width(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """Return the width of ``text`` in points, set in Liberation Sans at ``size``."""
    advance = _advance(DIAGRAM_FILES[bold], DIAGRAM_UNITS, False, text)
    if advance is None:  # no font file: Arial's average advance, slightly generous
        return len(text) * size * (0.6 if bold else 0.56)
    return advance * size / 100.0


def wrap(text: str, width: float, size: float = FONT_SIZE, bold: bool = False) -> list[str]:
    """Return ``text`` broken into lines no wider than ``width`` points (``_wrap``, a list of one's own)."""
    return list(_wrap(text, width, size, bold))


@functools.lru_cache(maxsize=16384)  # a map wraps a branch label twice, lane names recur in every map of a unit
def _wrap(text: str, width: float, size: float, bold: bool) -> tuple[str, ...]:
    """Return ``text`` broken into lines no wider than ``width`` points.

    A word too long for a line breaks after a hard hyphen, else between syllables (a hyphen shown), and only
    where the letters run out when neither fits ("perundang-/undangan", never "undanga-/n": review O).
    Linear in the length of ``text``: a word is measured in pieces about a line long, never whole again
    after every cut (a 5,000-character name without spaces once took two minutes)."""
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line = ""
        for word in para.split():
            if _longest(word, 0, width, size, bold, "") < len(word):
                word, line = _break_word(word, line, lines, width, size, bold)
            trial = f"{line} {word}" if line else word
            if text_width(trial, size, bold) <= width:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return tuple(lines)


def _word_breaks(word: str) -> list[tuple[int, bool]]:
    """(position, shows a hyphen) where a long word may break: after a hard hyphen or a slash, or between the
    syllables of a run of letters (an acronym stays whole)."""
    out = [(i + 1, False) for i, ch in enumerate(word[:-1]) if ch in "-/"]
    for m in _RUN.finditer(word):
        if not m.group().isupper():
            out += [(m.start() + c, True) for c in breaks(m.group())]
    return sorted(out)


def _break_word(word: str, line: str, lines: list[str], width: float, size: float, bold: bool) -> tuple[str, str]:
    """Break ``word`` (wider than a line) after ``line``, appending the full lines to ``lines``; return the
    word's last piece and the line it continues (empty)."""
    spots = _word_breaks(word)
    at = [p for p, _ in spots]  # sorted: the spots within a line are found by bisection (a word of 5,000 letters)
    start = 0
    while _longest(word, start, width, size, bold, "") < len(word) - start:
        prefix = f"{line} " if line else ""
        room = width - (text_width(prefix, size, bold) if prefix else 0.0)
        most = _longest(word, start, room, size, bold, "") if room > 0 else 0
        # after other words a syllable break leaves at least a few letters: not "Kasubag Pe- / rundang-"
        window = spots[bisect.bisect_right(at, start):bisect.bisect_right(at, start + most)]
        fit = [(p, m) for p, m in window if not (m and line and p - start < _FEW)]
        fit.sort(key=lambda s: (not s[1], s[0]))  # a hard hyphen first, the furthest of each kind
        cut = next((s for s in reversed(fit)
                    if text_width(prefix + word[start:s[0]] + "-" * s[1], size, bold) <= width), None)
        if cut is None and line:
            lines.append(line)
            line = ""
            continue
        if cut is None:  # no break fits: where the letters run out
            n = max(1, _longest(word, start, width, size, bold, "-"))
            lines.append(word[start:start + n] + "-")
            start += n
            continue
        lines.append(prefix + word[start:cut[0]] + "-" * cut[1])
        line, start = "", cut[0]
    return word[start:], line


@functools.lru_cache(maxsize=65536)  # asked of every word ``wrap`` sets, the same words again and again
def _longest(word: str, start: int, width: float, size: float, bold: bool, tail: str, most: int | None = None) -> int:
    """Return the most characters of ``word`` from ``start`` (at most ``most``) that, followed by ``tail``,
    fit ``width``; 0 when none.  Doubling then halving: each measure is of a piece about a line long."""
    rest = len(word) - start if most is None else min(most, len(word) - start)

    def fits(n: int) -> bool:
        return text_width(word[start:start + n] + tail, size, bold) <= width

    good, bad = 0, None
    n = 1
    while n <= rest:  # double until a piece does not fit (or the whole rest does)
        if not fits(n):
            bad = n
            break
        good = n
        if n == rest:
            return rest
        n = min(n * 2, rest)
    if bad is None:
        return good
    while bad - good > 1:  # widths grow with length: halve the gap between fitting and not fitting
        mid = (good + bad) // 2
        good, bad = (mid, bad) if fits(mid) else (good, mid)
    return good


def fit_line(text: str, width: float, size: float = FONT_SIZE, bold: bool = False) -> str:
    """Return ``text`` cut with an ellipsis so that it fits ``width`` points on one line (whole when it fits)."""
    if text_width(text, size, bold) <= width:
        return text
    keep = _longest(text, 0, width, size, bold, "\u2026")
    return text[:max(keep, 1)].rstrip() + "\u2026"


def browser_px(text: str, size: float, family: str = "Arial") -> float:
    """Return the width in CSS px of ``text`` at ``size`` px as Chromium's canvas measures it: each word
    shaped on its own with kerning (Chromium caches shaped words, so no kerning across a space), ``family``
    found by fontconfig as the browser finds it (Arial -> Liberation Sans)."""
    path = font_file(family, False)
    units = sum(_advance(path, DOCUMENT_UNITS, True, part) for part in _WORDS.split(text) if part)  # type: ignore[misc]
    return units * size / DOCUMENT_UNITS


_WORDS = re.compile(r"( )")


def block_width(lines: list[str], size: float = FONT_SIZE, bold: bool = False) -> float:
    return max((text_width(line, size, bold) for line in lines), default=0.0)


def block_height(n_lines: int, size: float = FONT_SIZE) -> float:
    return n_lines * size * LINE
