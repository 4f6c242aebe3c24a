"""Where an Indonesian word may break at the end of a line: between its syllables (PUEBI, pemenggalan kata).

Used where a word is wider than its column and must break (an actor's name in a narrow heading, a branch
label in a narrow cell): a break between syllables with a hyphen reads as Indonesian ("Pemra-karsa"), a
break where the letters run out does not ("Pemrakars/a").  The rules: two vowels side by side part (except
the diphthongs ai, au, ei, oi); one consonant between vowels goes with the second; of two or more, the first
stays and the rest go ("ul-tra", "in-stru-men"); ng, ny, kh and sy are one consonant.  No part is shorter
than two letters.  Prefixes are not recognised ("pe-ngad-mi-nis-tra-si", as the syllables fall).
"""

from __future__ import annotations

import re

SOFT = "\u00ad"  # a soft hyphen: the word processor breaks there, showing a hyphen, only when it must
ZWSP = "\u200b"  # a zero-width space: the word processor may break there, showing nothing
VOWELS = set("aeiou")
DIPHTHONGS = {"ai", "au", "ei", "oi"}
DIGRAPHS = ("ng", "ny", "kh", "sy")
LEAST = 2  # letters on each side of a break
_LETTERS = re.compile(r"[A-Za-z]+")
_AFTER_HYPHEN = re.compile(r"(?<=-)")


def breaks(word: str) -> list[int]:
    """The positions in ``word`` (a run of letters) where it may break, in order."""
    low = word.lower()
    units: list[tuple[int, str]] = []  # (start, "v" or "c") per sound: a digraph or a diphthong is one
    i = 0
    while i < len(low):
        two = low[i:i + 2]
        if two in DIGRAPHS:
            units.append((i, "c"))
            i += 2
        elif two in DIPHTHONGS and not (i + 2 < len(low) and low[i + 2] in VOWELS):
            units.append((i, "v"))
            i += 2
        else:
            units.append((i, "v" if low[i] in VOWELS else "c"))
            i += 1
    out = []
    vowels = [k for k, (_, kind) in enumerate(units) if kind == "v"]
    for a, b in zip(vowels, vowels[1:]):
        between = b - a - 1  # consonant sounds between two vowels
        cut = units[b][0] if between == 0 else units[a + 1 + (between > 1)][0]
        if LEAST <= cut <= len(word) - LEAST:
            out.append(cut)
    return out


def soft_hyphens(text: str) -> str:
    """``text`` with a soft hyphen at every syllable break of its words (an acronym, a number or a symbol is
    kept whole)."""
    def mark(m: re.Match) -> str:
        word = m.group(0)
        if word.isupper():
            return word  # an acronym (LAPOR, BKPSDM) is not cut
        cuts = [0, *breaks(word), len(word)]
        return SOFT.join(word[a:b] for a, b in zip(cuts, cuts[1:]))
    return _LETTERS.sub(mark, text)


def syllable_cut(word: str, fits) -> int:
    """The longest start of ``word`` that ends at a syllable break and ``fits(start + "-")``; 0 when none."""
    return max((c for c in breaks(word) if fits(word[:c] + "-")), default=0)


def fit_words(text: str, room: float, measure) -> str:
    """``text`` with soft hyphens in the words wider than ``room`` (``measure(word)``): only a word that must
    break may break (a soft hyphen elsewhere would let the word processor cut words that fit a line whole)."""
    def fit(word: str) -> str:  # a part up to a hard hyphen (a break already) that fits stays whole
        parts = _AFTER_HYPHEN.split(word)
        return "".join(soft_hyphens(p) if measure(p) > room else p for p in parts)
    return " ".join(fit(w) if measure(w) > room else w for w in text.split(" "))
