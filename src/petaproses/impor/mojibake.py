"""Text that went through a wrong encoding on its way into the file ("klÃ¤ren" for "klären": UTF-8 bytes read as
Latin-1/Windows-1252 and written again as UTF-8, once or more).

A text is repaired only when it is certain: it holds such a pair, and its characters, turned back into those bytes,
are valid UTF-8 as a whole (a real "é" beside one would not be).  Otherwise a text with the pattern is named in the
log for the user to look at.
"""

from __future__ import annotations

import re

from lxml import etree

from .graph import JENIS, clean

# a lead byte of a two- to four-byte UTF-8 sequence (as Latin-1) followed by a continuation byte (as Latin-1 or as
# Windows-1252 prints 0x80-0x9f)
_PAIR = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                   "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
_TEXTS = ("documentation", "text", "conditionExpression")  # elements whose text a map carries


def _bytes(text: str) -> bytes | None:
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            out.append(ord(ch))  # the five bytes Windows-1252 leaves undefined pass as Latin-1 controls
    return bytes(out)


def repaired(text: str) -> str | None:
    """Return ``text`` decoded back as often as it was mis-read, or None when it is no certain case."""
    if not _PAIR.search(text):
        return None
    out = text
    for _ in range(4):
        raw = _bytes(out)
        try:
            nxt = raw.decode("utf-8") if raw is not None else None
        except UnicodeDecodeError:
            nxt = None
        if nxt is None or nxt == out:
            break
        out = nxt
        if not _PAIR.search(out):
            break
    return out if out != text and not _PAIR.search(out) else None


def mend(root: etree._Element) -> list[str]:
    """Repair the names and texts of ``root`` that are certain cases; return what was repaired or only suspected
    (messages in Bahasa Indonesia)."""
    msgs: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        owner = el.getparent() if etree.QName(el).localname in _TEXTS else el
        where = f"{JENIS.get(etree.QName(owner).localname, etree.QName(owner).localname)} (id {owner.get('id') or '?'})"
        name = el.get("name")
        if name and _PAIR.search(name):
            fixed = repaired(name)
            if fixed is not None:
                el.set("name", fixed)
            msgs.append(_said(where, name, fixed))
        text = el.text
        if etree.QName(el).localname in _TEXTS and text and _PAIR.search(text):
            fixed = repaired(text)
            if fixed is not None:
                el.text = fixed
            msgs.append(_said(where, text, fixed))
    return msgs


def _said(where: str, text: str, fixed: str | None) -> str:
    short = clean(text)[:60]
    if fixed is None:
        return (f"teks '{short}' pada {where} tampaknya salah penyandian (mis. 'Ã©' untuk 'é'), tetapi tidak pasti: "
                "ditulis apa adanya; periksa dan perbaiki")
    return (f"teks '{short}' pada {where} salah penyandian (UTF-8 terbaca sebagai Latin-1): diperbaiki menjadi "
            f"'{clean(fixed)[:60]}'")
