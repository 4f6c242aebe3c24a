"""What several rules share: making a located finding, the step list of a map, the flow graph if sound."""

from __future__ import annotations

from typing import Callable

from ..catalogue import Catalogue, Map
from ..flow import Flow, build_flow, step_id, targets
from ..model import END_TARGET, _File
from ..problems import Problem
from ..register import Cited, read_citations
from ..sanitise import MAX_STEPS, Finding, scan
from .table import level_of


def at(doc: _File, keys: tuple, code: str, message: str) -> Problem:
    """Return a finding at the YAML node ``keys`` of ``doc`` (or its nearest ancestor), at the table's level."""
    line, col = doc.loc(*keys)
    return Problem(doc.path, line, col, code, message, level_of(code))


# The engine runs every rule on one map before the next: what several rules derive from that map is kept
# for it (one slot), so the flow graph is built once per map, not once per graph rule.
_slot: dict = {"doc": None, "values": {}}


def _for(doc: Map, name: str, compute: Callable[[], object]):
    if _slot["doc"] is not doc:
        _slot["doc"], _slot["values"] = doc, {}
    if name not in _slot["values"]:
        _slot["values"][name] = compute()
    return _slot["values"][name]


# What a rule derives from the whole catalogue (an index over every map) is kept for that catalogue: made
# once per check, not once per map.
_catalogue_slot: dict = {"cat": None, "values": {}}


def for_catalogue(cat: Catalogue, name: str, compute: Callable[[], object]):
    if _catalogue_slot["cat"] is not cat:
        _catalogue_slot["cat"], _catalogue_slot["values"] = cat, {}
    if name not in _catalogue_slot["values"]:
        _catalogue_slot["values"][name] = compute()
    return _catalogue_slot["values"][name]


def step_ids(doc: Map) -> tuple[str, list, list[str]] | None:
    """Return (key, items, ids) of a map's flow steps (an id is given, else made from the position)."""
    return _for(doc, "step_ids", lambda: _step_ids(doc))


def _step_ids(doc: Map) -> tuple[str, list, list[str]] | None:
    found = doc.flow_items()
    if found is None:
        return None
    key, items = found
    return key, items, [step_id(item, i) for i, item in enumerate(items)]


def sound_flow(cat: Catalogue, doc: Map) -> tuple[str, Flow] | None:
    """Return (key, flow graph) when step ids are unique and every exit names a step, else None.

    The graph rules (unreachable-step, no-path-to-end, loop-to-start) stay silent otherwise: duplicate-id and
    unknown-step already say what is wrong, and a graph over broken ids would only repeat it.  So they do on a
    map over MAX_STEPS: too-many-steps refuses it, and no graph rule then runs on 10,000 steps.
    """
    return _for(doc, "sound_flow", lambda: _sound_flow(doc))


def _sound_flow(doc: Map) -> tuple[str, Flow] | None:
    found = step_ids(doc)
    if found is None:
        return None
    key, items, ids = found
    if len(set(ids)) != len(ids) or len(items) > MAX_STEPS:
        return None
    known = set(ids)
    if any(target not in known and not (target == END_TARGET and item.cabang)  # a branch that ends the process
           for item in items for _label, target in targets(item)):
        return None
    return key, build_flow(items)


def text_findings(doc: _File, code: str) -> list[Problem]:
    """Return the sanitiser's findings of ``code`` in ``doc`` (sanitise.py); the walk is made once per file."""
    found: list[Finding] = _for(doc, "texts", lambda: scan(doc))  # type: ignore[arg-type, assignment]
    return [at(doc, f.keys, code, f.message) for f in found if f.code == code]


def text_check(code: str):
    """Return the sanitiser rule ``code`` as one function for every kind of file: maps, the organisation,
    the registers and peta-relasi files (titles go into the keputusan), evaluation records (printed in forms)."""
    def check(cat, doc) -> list[Problem]:
        return text_findings(doc, code)
    return check


def citations(cat: Catalogue, doc: Map) -> list[Cited]:
    """Return the map's `dasar_hukum` entries read and matched to the register (once per map)."""
    return _for(doc, "citations", lambda: read_citations(cat.peraturan, list(doc.dasar_hukum)))
