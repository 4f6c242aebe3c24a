"""What an SVG read back from output/ may put into a review page.

The site inlines the renderers' SVGs (a map's page, the peta relasi pages), read back from output/: it may be on a
shared drive, so they are not trusted.  Only drawing elements are allowed, no event handlers, no styles that load
anything, and links of the page's own kind (``href``: a regular expression the whole link must match).

- ``cleaned``: the SVG parsed and written again with only what is allowed (the peta relasi pages).
- ``inline``: the SVG's own text when everything in it is allowed and it reads the same to an HTML parser as to
  an XML one (a map's page: the text as Graphviz wrote it); else ``cleaned``.  The same reading: UTF-8, no
  CDATA, no processing instruction, no named reference but XML's five, nothing inside a title, no comment HTML
  ends early, nothing around the root but what Graphviz writes before it.
"""

from __future__ import annotations

import re

from lxml import etree
from markupsafe import Markup

SVG = "http://www.w3.org/2000/svg"
MAX_BYTES = 256_000_000  # a peta relasi of 10,000 SOPs is ~20 MB; read with state.read_regular (no links)
DRAWING = ("svg", "g", "title", "path", "polygon", "polyline", "ellipse", "circle", "rect", "line", "text", "a",
           "defs")  # not "style": a style sheet may load anything
_KEPT = frozenset(f"{{{SVG}}}{name}" for name in DRAWING)  # lxml's names: "{namespace}local"
_TITLE = f"{{{SVG}}}title"
# what HTML decodes and XML does not: a named reference beyond XML's five (with a DOCTYPE, libxml2 drops an
# undeclared one from an attribute without a word; the browser reads "&colon;" as ":")
_REFERENCE = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)")
_FIRST = frozenset("oObBhH{")  # how a name _unsafe may refuse without "(" in its value begins
# before the root element, what Graphviz writes: an XML declaration, a DOCTYPE without an internal subset, comments
_HEAD = re.compile(rb'\s*(<\?xml [^<>]*\?>\s*)?(<!DOCTYPE svg PUBLIC "[^"<>\[\]]*"\s+"[^"<>\[\]]*">\s*)?'
                   rb"(<!--(?:(?!--)[^<>])*-->\s*)*(?=<svg[\s>])")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _parse(data: bytes):
    """Return the root ``<svg>`` element of ``data``, or None (not XML, another root, an entity reference)."""
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root.tag != f"{{{SVG}}}svg" or next(root.iter(etree.Entity), None) is not None:
        return None  # a root in no namespace would keep its attributes; an entity would stay as written
    return root


def _unsafe(name: str, value: str, href: re.Pattern) -> bool:
    """True for an event handler, a base, a link ``href`` does not match, or a value that loads something (an HTML
    parser reads attribute names in any case, CSS its functions)."""
    local = name.rpartition("}")[2].lower()
    if local.startswith("on") or local == "base":
        return True
    if local == "href":
        return not href.fullmatch(value)
    if "(" not in value:
        return False
    bare = "".join(value.split()).lower()  # a reference within the picture (url(#id)) is all it may hold
    return bare.count("url(") > bare.count("url(#") or "image(" in bare or "image-set(" in bare or "\\" in bare


def _clean(root, href: re.Pattern) -> str:
    for el in list(root.iter()):  # names compared as lxml's strings: a QName per element cost ~2 ms a map
        if el.tag not in _KEPT:  # also a comment or processing instruction (tag is not a string)
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
            continue
        attrib = el.attrib
        for name, value in el.items():  # a list: deleting from attrib does not disturb it
            if (name[0] in _FIRST or "(" in value) and _unsafe(name, value, href):  # _allowed's shortcut
                del attrib[name]
    return etree.tostring(root, encoding="unicode")


def _allowed(root, href: re.Pattern) -> bool:
    """True when ``_clean`` would leave all of ``root`` as it is (comments aside) and an HTML parser reads it as
    XML does: no comment HTML ends early, nothing inside a title (HTML parses a title's content as HTML: a title
    in it would take what follows as text, a comment included)."""
    for el in root.iter():
        if el.tag == _TITLE and len(el):
            return False
        if el.tag not in _KEPT:
            if el.tag is etree.Comment and not (el.text or "").startswith((">", "->")):
                continue  # HTML ends a comment at "<!-->" and "<!--->", XML does not
            return False
        for name, value in el.items():
            if (name[0] in _FIRST or "(" in value) and _unsafe(name, value, href):
                return False
    return True


def cleaned(data: bytes, href: re.Pattern) -> Markup | None:
    """Return the SVG ``data`` with only drawing elements and safe attributes, written again; None when it is not
    an SVG."""
    root = _parse(data)
    return None if root is None else Markup(_clean(root, href))


def inline(data: bytes, href: re.Pattern) -> str | None:
    """Return the text of the SVG ``data`` from its root element on, as written when all of it is allowed (see the
    module), else as ``cleaned`` writes it; None when it is not an SVG."""
    root = _parse(data)
    if root is None:
        return None
    head = _HEAD.match(data)
    encoding = (root.getroottree().docinfo.encoding or "").upper().replace("-", "")
    if head is not None and root.getnext() is None and data.rstrip().endswith(b"</svg>") and encoding == "UTF8" \
            and b"<![CDATA[" not in data and not _REFERENCE.search(data) and _allowed(root, href):
        try:
            return data[head.end():].decode("utf-8")
        except UnicodeDecodeError:
            pass  # written in another encoding: as lxml reads it
    return _clean(root, href)


__all__ = ["SVG", "MAX_BYTES", "DRAWING", "cleaned", "inline"]
