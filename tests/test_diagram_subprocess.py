"""Sub-process maps (peta sub proses): branch labels beside their own arrows, long chains, branching boxes."""

from __future__ import annotations

import json
import subprocess

import pytest

from petaproses.build import check
from petaproses.model import PetaSubProses
from petaproses.render import diagram

from .conftest import FIXTURES, PROCESSES, require

SUBPROSES = FIXTURES / "subproses"


def _catalogue(path):
    cat, problems = check([str(path)])
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    return cat


@pytest.fixture(scope="module")
def sub_cat():
    return _catalogue(SUBPROSES)


def _drawn(cat, doc) -> dict:
    """Return Graphviz's own reading of the map as drawn (``neato -n2 -Tjson`` of our DOT text)."""
    proc = subprocess.run([require("dot"), "-Kneato", "-n2", "-Tjson"], input=diagram.source(cat, doc).encode(),
                          capture_output=True, check=True)
    return json.loads(proc.stdout)


def _curve(pos: str) -> list[tuple[float, float]]:
    """Return points along an edge's spline (cubic Bézier pieces) and its arrow tip."""
    toks = pos.split()
    tip = [tuple(float(v) for v in t[2:].split(",")) for t in toks if t.startswith("e,")]
    pts = [tuple(float(v) for v in t.split(",")) for t in toks if not t.startswith(("e,", "s,"))]
    out = []
    for i in range(0, len(pts) - 3, 3):
        p0, p1, p2, p3 = pts[i:i + 4]
        for k in range(21):
            t = k / 20
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out + tip


def _labels_drawn(laid: dict) -> dict[str, tuple[float, float]]:
    """Return every edge label's text (its lines joined) and the centre of its drawn lines."""
    found = {}
    for e in laid.get("edges", []):
        texts = [op for op in e.get("_ldraw_", []) if op["op"] == "T"]
        if texts:
            found[" ".join(op["text"] for op in texts)] = (sum(op["pt"][0] for op in texts) / len(texts),
                                                           sum(op["pt"][1] for op in texts) / len(texts))
    return found


def _nearest_head(laid: dict, at: tuple[float, float]) -> str:
    """Return the node an arrow ends at, of the arrow that passes nearest to ``at``."""
    names = [o["name"] for o in laid["objects"]]

    def gap(e):
        return min((x - at[0]) ** 2 + (y - at[1]) ** 2 for x, y in _curve(e["pos"]))
    return names[min(laid["edges"], key=gap)["head"]]


def _subprocess_maps():
    for root in (PROCESSES, FIXTURES / "diagram", SUBPROSES):
        cat = _catalogue(root)
        for doc in cat.maps:
            if isinstance(doc, PetaSubProses):
                yield cat, doc


def test_every_branch_label_stands_beside_its_own_arrow():
    """Wonogiri's KK map read "Tidak memenuhi" on the arrow to the next sub-process and "Memenuhi" on the one
    back (review M 01): labels were filed in the order written and read back in ``dot``'s order (by head)."""
    seen = 0
    for cat, doc in _subprocess_maps():
        laid = _drawn(cat, doc)
        drawn = _labels_drawn(laid)
        for sp in doc.sub_proses:
            for label, target in (sp.cabang or {}).items():
                if target == "selesai":
                    continue
                assert label in drawn, (doc.kode, label, sorted(drawn))
                assert _nearest_head(laid, drawn[label]) == target, (doc.kode, label, target)
                seen += 1
    assert seen >= 16


def test_branch_labels_written_in_the_other_order_than_their_targets(sub_cat):
    """The direct case: `cabang` names the later sub-process first (forward, and forward + back)."""
    for code, expect in (("PD.SP.1", {"Memenuhi": "tetapkan", "Tidak memenuhi": "terima"}),
                         ("PD.SP.2", {"Memenuhi": "tte", "Tidak memenuhi": "kembali"})):
        laid = _drawn(sub_cat, sub_cat.by_code[code])
        drawn = _labels_drawn(laid)
        assert {label: _nearest_head(laid, drawn[label]) for label in expect} == expect, code
