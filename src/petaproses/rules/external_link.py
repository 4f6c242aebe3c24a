"""external-link: a `keterkaitan` entry written as a title names an SOP outside this catalogue.

Real SOPs name related SOPs of other offices by title.  That is allowed and printed as written, without a
link; the warning says so (and names the catalogue's SOP when the title is one of them).  An entry written
like a code (no spaces, dotted) must resolve: unresolved-link.
PASS: keterkaitan: [SETDA.ORG.SOP.01]; keterkaitan: ["-"] or [SOP ini tidak terkait dengan SOP lainnya] (none, as
originals write it)
FAIL: keterkaitan: [SOP Pengelolaan Surat Keluar]
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..lazyre import Lazy
from ..model import Sop, looks_like_code, says_none
from ..problems import Problem
from .helpers import at, for_catalogue

CODE = "external-link"
# a sentence saying there is none, as an original prints it ("SOP ini tidak terkait dengan SOP lainnya", review V)
_NO_LINK = Lazy(r"(?i)\btidak\s+(?:ada|terkait|berkaitan)\b")


def _plain(title: str) -> str:
    words = title.lower().split()
    return " ".join(words[1:] if words[:1] == ["sop"] else words)


def _titles(cat: Catalogue) -> dict[str, list[tuple[str, str]]]:
    """Plain SOP title -> [(kode, path)] of the catalogue, made once per catalogue (not once per SOP)."""
    def index() -> dict[str, list[tuple[str, str]]]:
        titles: dict[str, list[tuple[str, str]]] = {}
        for m in cat.maps:
            if isinstance(m, Sop):
                titles.setdefault(_plain(m.nama), []).append((m.kode, m.path))
        return titles
    return for_catalogue(cat, "external_link_titles", index)


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if not isinstance(doc, Sop):
        return
    titles = _titles(cat)
    for i, entry in enumerate(doc.keterkaitan):
        if looks_like_code(entry) or says_none(entry) or _NO_LINK.search(entry):
            continue
        same = next((kode for kode, path in titles.get(_plain(entry), ()) if path != doc.path), None)
        hint = (f"; SOP ini ada di katalog: tulis kodenya '{same}' agar tertaut" if same else
                ": dicetak apa adanya sebagai judul, tanpa tautan; bila SOP itu belum ditulis di katalog ini, "
                "tulis kodenya setelah SOP itu ditambahkan")
        yield at(doc, ("keterkaitan", i), CODE, f"'{entry}' tidak ada di katalog{hint}")
