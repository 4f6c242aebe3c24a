"""invalid-parent: a map's `induk` is a more general map (kinds.py levels), never an SOP, and parents don't loop.

PASS: a peta-lintas-fungsi with induk: a peta-sub-proses
FAIL: a peta-lintas-fungsi with induk: an SOP; A with induk: B and B with induk: A
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..kinds import kind_of
from ..model import Sop
from ..problems import Problem
from .helpers import at

CODE = "invalid-parent"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    parent = cat.by_code.get(doc.induk) if doc.induk else None
    if parent is None or parent is doc:
        return  # unresolved-link says so
    if isinstance(parent, Sop) or kind_of(parent).level > kind_of(doc).level:  # type: ignore[operator]
        yield at(doc, ("induk",), CODE,
                 f"induk '{doc.induk}' adalah {parent.jenis}, tingkatnya tidak di atas {doc.jenis}; "
                 "induk harus peta yang lebih umum (level 1 → sub proses → lintas fungsi/SOP)")
        return
    seen, current = {doc.kode}, parent
    while current is not None and current.induk:
        if current.kode in seen:
            break
        seen.add(current.kode)
        if current.induk == doc.kode:
            yield at(doc, ("induk",), CODE, f"rantai induk berputar kembali ke '{doc.kode}'; putuskan salah satu 'induk'")
            break
        current = cat.by_code.get(current.induk)
