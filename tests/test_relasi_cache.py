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


def _anew(rmap: relasi.RelationMap, **changed) -> relasi.RelationMap:
    """The view again with relations made anew from the same hand-off objects (as a second derivation in one
    process makes them: relasi._KEPT hands the same objects back), nothing kept on them."""
    fresh = {name: [relasi.Relation(r.source, r.target, list(r.handoffs)) for r in getattr(rmap, name)]
             for name in ("relations", "hidden")}
    return replace(rmap, **(fresh | changed))


def test_a_view_is_made_once_inside_shared_and_anew_outside():
    cat, _ = check([str(PROCESSES)])
    with relasi.shared(cat):
        derived = relasi.derive(cat)
        whole = relasi.view(cat, derived, None)
        assert relasi.view(cat, derived, None) is whole and relasi.views(cat)[0] is whole
        relasi._LAST[:] = [None, None, None, None, {}]  # forget the last derivation: the next one is made anew
        other = relasi._derive(cat)  # not the shared derivation: its view is its own
        assert relasi.view(cat, other, None) is not whole and relasi.view(cat, other, None) == whole
        inside = relasi.views(cat)
    outside = relasi.views(cat)
    assert outside[0] is not whole and outside == inside
    assert relasi_keys.digests(outside) == relasi_keys.digests(inside)


def test_a_relation_digest_is_reused_for_the_same_hand_offs_only():
    cat, _ = check([str(PROCESSES)])
    first = relasi.views(cat)
    want = relasi_keys.digests(first)
    assert relasi_keys.digests([_anew(v) for v in first]) == want  # from the last call's digests
    relasi_keys._LAST.clear()
    assert relasi_keys.digests([_anew(v) for v in first]) == want  # worked out again: the same
    whole = first[0]
    rel = whole.relations[0]
    other = relasi.Relation(rel.source, rel.target, [replace(rel.handoffs[0], item="Berkas lain")] + rel.handoffs[1:])
    changed = _anew(whole, relations=[other] + [relasi.Relation(r.source, r.target, list(r.handoffs))
                                                  for r in whole.relations[1:]])
    got = relasi_keys.digests([changed])[0]
    assert got != want[0]  # another hand-off object: never the digest remembered for the old one
    relasi_keys._LAST.clear()
    assert relasi_keys.digests([_anew(changed)])[0] == got


def test_a_relation_hashed_from_kept_hand_off_json_has_the_digest_made_from_none():
    cat, _ = check([str(PROCESSES)])
    first = relasi.views(cat)
    want = relasi_keys.digests(first)
    relasi_keys._LAST.clear()  # relations hashed again: their hand-offs' JSON comes from the last call
    assert relasi_keys.digests([_anew(v) for v in first]) == want and relasi_keys._HANDOFF_JSON
    relasi_keys._LAST.clear()
    relasi_keys._HANDOFF_JSON.clear()  # nothing kept at all
    assert relasi_keys.digests([_anew(v) for v in first]) == want


def test_placements_follow_a_changed_map_in_a_process_that_derives_again():
    """A second derivation takes each unchanged map's actors from the first (relasi._KEPT); a map that is a new
    object (its file changed) has its actors read again."""
    cat, _ = check([str(PROCESSES)])
    relasi._derive(cat)
    i, doc = next((i, d) for i, d in enumerate(cat.maps) if isinstance(d, relasi.PetaLintasFungsi))
    steps = [s.model_copy(update={"pelaksana": "aktor_baru"}) for s in doc.kegiatan]
    cat.maps[i] = doc.model_copy(update={"kegiatan": steps})
    assert cat.maps[i].path == doc.path
    got = relasi.placements(cat)
    assert got["aktor_baru"] == (doc.perangkat_daerah, None, relasi.INFERRED)
    relasi._KEPT.clear()
    assert got == relasi.placements(cat)


def _forget() -> None:
    relasi._LAST[:] = [None, None, None, None, {}]
    relasi._KEPT.clear()


def _shared_views(cat) -> tuple[relasi.Derived, list[relasi.RelationMap]]:
    with relasi.shared(cat):
        return relasi.derive(cat), relasi.views(cat)


def test_a_reworded_step_hands_back_the_last_derivation_and_a_new_hand_off_does_not():
    """A process that derives again (siaga) is handed the last derivation and its views when no hand-off,
    actor, stakeholder, peta-relasi file nor the organisation changed; else a new one, equal to a derivation
    made from nothing."""
    cat, _ = check([str(PROCESSES)])
    _forget()
    derived, views = _shared_views(cat)
    digests = relasi_keys.digests(views)
    i, doc = next((i, d) for i, d in enumerate(cat.maps)
                  if isinstance(d, relasi.PetaLintasFungsi) and relasi.map_handoffs(d))
    sender = relasi.map_handoffs(doc)[0].step_id
    steps = [s.model_copy(update={"uraian": s.uraian + " (diubah)"}) for s in doc.kegiatan]
    cat.maps[i] = doc.model_copy(update={"kegiatan": steps})
    again, views_again = _shared_views(cat)
    assert again is derived and all(a is b for a, b in zip(views_again, views, strict=True))

    steps = [s.model_copy(update={"output": "Berkas yang baru"}) if s.id == sender else s for s in steps]
    cat.maps[i] = doc.model_copy(update={"kegiatan": steps})
    changed, changed_views = _shared_views(cat)
    assert changed is not derived
    assert any("Berkas yang baru" in r.items for r in changed.relations.values())
    want = relasi_keys.digests(changed_views)
    assert want != digests
    _forget()
    assert relasi_keys.digests(_shared_views(cat)[1]) == want

    cat.organisasi = cat.organisasi.model_copy()  # the file read again: another object, never taken as the same
    assert _shared_views(cat)[0] is not changed
