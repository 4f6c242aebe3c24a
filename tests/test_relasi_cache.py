"""The relation's worked-out values are kept, exactly: they follow its hand-offs and never reach its digest."""

from __future__ import annotations

from dataclasses import replace

from petaproses import relasi, relasi_keys
from petaproses.build import check

from .conftest import PROCESSES


def _fresh(rel: relasi.Relation) -> dict:
    """What the properties say, read straight from the hand-offs (no cache involved)."""
    return {"items": list(dict.fromkeys(h.item for h in rel.handoffs if h.item)),
            "processes": sorted({h.kode for h in rel.handoffs if h.kode}),
            "count": len({h.kode for h in rel.handoffs if h.kode}),
            "manual": any(h.manual for h in rel.handoffs), "derived": any(not h.manual for h in rel.handoffs),
            "departments": {h.perangkat_daerah for h in rel.handoffs}}


def _read(rel: relasi.Relation) -> dict:
    return {k: getattr(rel, k) for k in ("items", "processes", "count", "manual", "derived")} | {
        "departments": set(rel.departments)}


def test_kept_values_follow_an_appended_hand_off():
    rel = relasi.Relation("a", "b", [relasi.Handoff("a", "b", "SOP-1", "pd1", 1, "surat")])
    assert _read(rel) == _fresh(rel)
    rel.handoffs.append(relasi.Handoff("a", "b", "SOP-2", "pd2", None, "nota", manual=True))
    assert _read(rel) == _fresh(rel)
    assert rel.count == 2 and rel.manual and rel.departments == {"pd1", "pd2"}
    rel.processes.append("X")  # a caller's copy: the kept value stays as it was
    assert rel.processes == ["SOP-1", "SOP-2"]


def test_sample_relations_and_digests_are_the_same_read_once_or_many_times():
    cat, _ = check([str(PROCESSES)])
    first = relasi.views(cat)
    before = relasi_keys.digests(first)  # the properties have been read by the views: kept values exist now
    for rmap in first:
        for rel in rmap.relations + rmap.hidden:
            assert _read(rel) == _fresh(rel)
    bare = [replace(v, relations=[replace(r) for r in v.relations], hidden=[replace(r) for r in v.hidden])
            for v in first]  # the same relations, nothing kept
    assert relasi_keys.digests(bare) == before
    again = relasi.views(cat)  # a new derivation, nothing kept yet
    assert relasi_keys.digests(again) == before == relasi_keys.digests(first)
    assert [relasi_keys.fingerprint(v) for v in again] == [relasi_keys.fingerprint(v) for v in first]
    # relations that are equal compare equal whatever each has kept
    assert [r for v in again for r in v.relations] == [r for v in first for r in v.relations]
