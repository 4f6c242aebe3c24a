"""The rules over a loaded catalogue, one module each, and the engine that runs them.

A rule module has ``CODE`` (its row in table.py, which holds its level, meaning, example and fix) and
``check(cat, doc)``, a generator of findings for one map (a CATALOGUE_WIDE rule may put what it finds in the map
alone in ``check_own(cat, doc)``), and/or ``check_organisation(cat, org)`` for the
organisation file, ``check_register(cat, reg)`` for the register of regulations, ``check_file(cat, doc)``
for the other files (the application register, the peta-relasi files), and/or ``check_evaluation(cat,
record)`` for an evaluation record (`jenis: evaluasi`).  Rules yield findings at the table's level
(``helpers.at``); a preset changes levels
afterwards (presets.py).  The engine never stops at the first finding, and a rule that raises is reported
as ``internal-error`` at the document while the other rules still run.

Adding a rule: a module here, its row in table.py, its entry in RULES, a fixture folder tests/rules/<code>/.
"""

from __future__ import annotations

import hashlib
import json
from itertools import islice
from types import ModuleType
from typing import Callable, Iterable, Iterator

from ..catalogue import Catalogue
from ..model import _File
from ..problems import Problem
from . import (actor_in_activity, conflicting_exits, decision_branches, duplicate_id, invalid_duration,
               invalid_parent, loop_to_start, missing_logo, missing_organisation, missing_seat, no_path_to_end,
               single_actor, unknown_pejabat, unknown_pelaksana, unknown_perangkat_daerah, unknown_step, unknown_unit,
               unreachable_step, unresolved_link)
from . import (duplicate_in_list, external_link, invalid_nip, joint_without_list, list_of_one, missing_nip,
               reserved_id, unused_pelaksana, zigzag_chain)
from . import (missing_amendment, removed_pelaksana, removed_unit, replacement_cycle, reordered_legal_basis,
               revoked_regulation, unknown_regulation, unmatched_citation)
from . import empty_identity, no_times, parallel_split, task_of_no_actor, total_time_mismatch
from . import relasi_contradicts_sop, shared_aplikasi_available, unknown_aplikasi  # issue 13
from . import closed_without_revision, unknown_evaluated_document, unknown_evaluated_step, unrevised_evaluation
from . import comment_in_text, control_character, multiline_text, text_too_long, too_many_actors, too_many_steps
from . import private_use_character
from . import crowded_table
from .table import level_of

RULES: tuple[ModuleType, ...] = (
    missing_organisation, unknown_perangkat_daerah, unknown_unit, unknown_pejabat, unknown_pelaksana,
    duplicate_id, decision_branches, conflicting_exits, unknown_step, loop_to_start, unreachable_step,
    no_path_to_end, single_actor, actor_in_activity, invalid_duration, unresolved_link, invalid_parent,
    missing_logo, missing_seat,
    duplicate_in_list, list_of_one, joint_without_list, task_of_no_actor, reserved_id, unused_pelaksana, zigzag_chain,
    external_link,
    missing_nip, invalid_nip, parallel_split, total_time_mismatch, empty_identity, no_times,
    unknown_regulation, revoked_regulation, missing_amendment, unmatched_citation, reordered_legal_basis,
    removed_pelaksana, removed_unit,
    replacement_cycle,
    unknown_aplikasi, shared_aplikasi_available, relasi_contradicts_sop,
    unknown_evaluated_document, unknown_evaluated_step, closed_without_revision, unrevised_evaluation,
    control_character, private_use_character, multiline_text, text_too_long, too_many_steps, too_many_actors,
    comment_in_text,
    crowded_table,
)
BY_CODE: dict[str, ModuleType] = {rule.CODE: rule for rule in RULES}
INTERNAL = "internal-error"
# the map rules that read other maps (codes, titles, parents): run every time by the check cache; every other
# map rule reads only its own file, the organisation and the registers (tests/test_check_cache.py holds it)
CATALOGUE_WIDE = frozenset({"duplicate-id", "invalid-parent", "unresolved-link", "external-link"})
# those of them that read other maps' titles too: a title edited runs only these again for the other maps
NAMED = frozenset({"external-link"})


def _run(rule: ModuleType, check: Callable[..., Iterator[Problem]], cat: Catalogue, doc: _File) -> list[Problem]:
    """Return what ``check`` finds in ``doc``; a rule that raises becomes a finding, not a crash."""
    found: list[Problem] = []
    try:
        for problem in check(cat, doc):
            found.append(problem)
    except Exception as exc:  # a bug in one rule must not hide the other rules' findings
        found.append(Problem(doc.path, 1, 1, INTERNAL,
                             f"aturan '{rule.CODE}' gagal pada berkas ini ({type(exc).__name__}: {exc}); aturan lain "
                             "tetap diperiksa. Ini cacat petaproses: laporkan bersama berkasnya", level_of(INTERNAL)))
    return found


def _context(cat: Catalogue) -> bytes:
    """Return a key of what a map's rules read besides its own file: the organisation and every map's place (its
    first 32 bytes), and every map's title (its last 32: only the NAMED rules read them)."""
    org_raw = cat.sources.get(cat.organisasi.path, b"") if cat.organisasi else b""
    places = [[m.path, m.kode, m.jenis, m.induk, cat.by_code.get(m.kode) is m] for m in cat.maps]
    others = b"".join(cat.sources.get(d.path, b"") for d in cat.others())  # the registers' ids, peta-relasi
    places.append(sorted(cat.unloaded.items()))  # broken files' codes and kinds (unresolved-link, missing-org)
    return (hashlib.sha256(org_raw + json.dumps(places).encode() + b"\0" + others).digest() +
            hashlib.sha256(json.dumps([m.nama for m in cat.maps]).encode()).digest())  # external-link's titles


def _local_context(cat: Catalogue) -> bytes:
    """Return a key of what a map's own rules read besides its file: the organisation and the registers."""
    h = hashlib.sha256(json.dumps(cat.unloaded_kind("organisasi")).encode())  # missing-organisation
    for d in [cat.organisasi, *cat.others()] if cat.organisasi else cat.others():
        h.update(d.path.encode() + b"\0" + cat.sources.get(d.path, b"") + b"\0")
    if cat.peraturan is not None:  # revoked-regulation says "akan dicabut" until the day, "telah" from it
        from ..legal import reference_date

        h.update(json.dumps(cat.peraturan.pending(reference_date())).encode())
    return h.digest()


def _local_keys(cat: Catalogue, docs: list, context: bytes) -> dict[str, str]:
    """Return the key of each map's entry in ``local``: its file and the context.  Hashed here, before the work
    is shared: hashlib lets go of the GIL for a file's worth of bytes, and a hash per map while the pool's
    threads wait for the GIL made the shared rules slower than one process (0.43 against 0.39 s)."""
    return {doc.path: hashlib.sha256(context + cat.sources.get(doc.path, b"")).hexdigest() for doc in docs}


def _known(doc: _File, local: dict, keys: dict[str, str]) -> bool:
    """Return whether ``local`` holds the current findings of the map's own rules (see ``_map_findings``)."""
    hit = local.get(doc.path)
    return hit is not None and hit[0] == keys[doc.path]


_SPLIT: dict[tuple, tuple[list, list]] = {}


def split(rules: tuple) -> tuple[list, list]:
    """Return the map checks of ``rules`` as (those that read the map alone, the CATALOGUE_WIDE ones): each a list
    of (rule, name of its function).  A CATALOGUE_WIDE rule's ``check_own`` (what it finds in its map alone:
    duplicate-id's step ids) is with the first: a title edited in 1,000 SOPs runs again only what reads other
    maps (duplicate-id: ~10 -> ~1 ms)."""
    found = _SPLIT.get(rules)
    if found is None:
        own: list = []
        wide: list = []
        for rule in rules:
            if hasattr(rule, "check"):
                (wide if rule.CODE in CATALOGUE_WIDE else own).append((rule, "check"))
            if hasattr(rule, "check_own"):
                own.append((rule, "check_own"))
        found = _SPLIT[rules] = (own, wide)
    return found


def _map_findings(rules: tuple, cat: Catalogue, doc: _File, local: dict | None, keys: dict[str, str],
                  wide: dict | None = None, renamed: bool = False) -> list[Problem]:
    """Return the map rules' findings in ``doc``; with ``local``, those of the checks that read the map alone
    (``split``) come from it when the file and the context are unchanged (and go into it otherwise; ``keys``:
    ``_local_keys``); with ``wide`` too, those of the CATALOGUE_WIDE rules likewise (``_WIDE``'s entries), but
    for the NAMED ones, run again when a map's title changed since (``renamed``)."""
    own_checks, wide_checks = split(rules)
    if local is None:
        return [p for rule, name in own_checks + wide_checks for p in _run(rule, getattr(rule, name), cat, doc)]
    if _known(doc, local, keys):
        own = list(local[doc.path][1])
    else:
        own = [p for rule, name in own_checks for p in _run(rule, getattr(rule, name), cat, doc)]
        local[doc.path] = (keys[doc.path], list(own))
    if wide is not None and _known(doc, wide, keys):
        kept = wide[doc.path][1]
        if not renamed:
            return own + kept
        if all(p.code != INTERNAL for p in kept):  # else which rule failed is not known: all of them again
            found = [p for rule, name in wide_checks for p in (
                _run(rule, getattr(rule, name), cat, doc) if rule.CODE in NAMED else
                [q for q in kept if q.code == rule.CODE])]  # each rule's findings in their place
            wide[doc.path] = (keys[doc.path], found)
            return own + found
    found = [p for rule, name in wide_checks for p in _run(rule, getattr(rule, name), cat, doc)]
    if wide is not None:
        wide[doc.path] = (keys[doc.path], found)
    return own + found


# in this process, the CATALOGUE_WIDE rules' findings of the last catalogue checked with ``local`` (a build, the
# check cache): {"context": its ``_context``, "found": path -> (``_local_keys`` key, findings)}.  Another edit
# in a process that builds again (``siaga``) runs them for the edited map only: 1,000 SOPs, ~58 -> ~18 ms
_WIDE: dict = {"context": None, "found": {}}


def kept_wide() -> tuple[bytes | None, dict]:
    """Return (context, path -> (key, findings)) of the CATALOGUE_WIDE rules as this process last ran them
    (``_WIDE``): the build state keeps them for the next build, in a new process."""
    return _WIDE["context"], _WIDE["found"]


def seed_wide(context: bytes, found: dict) -> None:
    """Take the CATALOGUE_WIDE rules' findings of the last build (its state) when this process holds none:
    ``validate`` uses them only for the same ``_context`` and, per map, the same key (one edit of 1,000 SOPs
    in a new process: ~21 ms of rules not run again)."""
    if _WIDE["context"] is None:
        _WIDE.update(context=context, found=found)


PARALLEL_FROM = 64  # maps to check from which their rules run in forked workers (a fork costs ~20 ms)


def _all_map_findings(rules: tuple, cat: Catalogue, docs: list, local: dict | None, context: bytes,
                      jobs: int | None, wide: dict | None = None,
                      renamed: bool = False) -> list[tuple[list[Problem], tuple | None, tuple | None]]:
    """Return, per map, its findings and the entries ``_map_findings`` made in ``local`` and ``wide`` (kept by
    the caller: a worker's are its own copies).

    Shared among workers only when many maps need their own rules run (not in ``local``): the rules that
    read other maps alone are cheap here, cheaper than a fork."""
    keys = _local_keys(cat, docs, context) if local is not None else {}
    n = 1
    if len(docs) >= PARALLEL_FROM:  # else no need of the process pool's module (a check on save)
        from ..workers import cores

        n = cores(jobs)
    if n > 1 and local is not None:
        unknown = (doc for doc in docs if not _known(doc, local, keys))
        n = n if next(islice(unknown, PARALLEL_FROM - 1, None), None) is not None else 1

    def one(docs: list, i: int) -> tuple[list[Problem], tuple | None, tuple | None]:
        found = _map_findings(rules, cat, docs[i], local, keys, wide, renamed)
        path = docs[i].path
        return found, (local.get(path) if local is not None else None), (wide.get(path) if wide is not None else None)
    if n == 1:
        return [one(docs, i) for i in range(len(docs))]
    from ..workers import shared_map

    return shared_map(one, docs, len(docs), n)


def validate(cat: Catalogue, memo: dict | None = None, only: Iterable[str] | None = None,
             local: dict | None = None, jobs: int | None = None, files: set[str] | None = None) -> list[Problem]:
    """Return every finding of the rules (or of the rules ``only`` names) over the catalogue, sorted.

    ``memo`` (kept by the incremental build) maps a map's path to its findings of an earlier run, keyed by
    its file and by ``_context``; the organisation file's rules run every time (they look at the logo file).
    ``local`` (kept by the check cache, checkcache.py) maps a map's path to the findings of its own rules (not
    CATALOGUE_WIDE), keyed by its file and by ``_local_context``; the other rules run again unless this process
    ran them on the same file for the same ``_context`` (``_WIDE``).  Many maps
    to check (PARALLEL_FROM or more) are shared among ``jobs`` forked workers (default: one per core).
    ``files``: the paths of the files whose rules run (a check of some files; a rule reports only in the file
    it is run on: tests/test_check_cache.py holds it for the map rules, tests/test_standin.py for the others); the
    others' findings are not returned.
    """
    cat.index_codes()
    rules = RULES if only is None else tuple(BY_CODE[code] for code in only)
    if only is not None:
        memo = local = None  # the memo holds the findings of every rule
    problems: list[Problem] = []

    def asked(doc) -> bool:  # missing-nip reads every SOP's signatories: not run when the organisation isn't asked
        return doc is not None and (files is None or doc.path in files)
    if asked(cat.organisasi):
        for rule in rules:
            if hasattr(rule, "check_organisation"):
                problems += _run(rule, rule.check_organisation, cat, cat.organisasi)
    if asked(cat.peraturan):
        for rule in rules:
            if hasattr(rule, "check_register"):
                problems += _run(rule, rule.check_register, cat, cat.peraturan)
    for doc in filter(asked, cat.others()):  # the application register and the peta-relasi files: `check_file`
        for rule in rules:
            if hasattr(rule, "check_file"):
                problems += _run(rule, rule.check_file, cat, doc)
    context = _context(cat) if memo is not None else b""
    own_context = _local_context(cat) if local is not None and memo is None else b""
    todo: dict[str, str] = {}  # path -> memo key of the maps whose findings are not in the memo
    for doc in cat.maps:
        key = hashlib.sha256(context + cat.sources.get(doc.path, b"")).hexdigest() if memo is not None else ""
        hit = memo.get(doc.path) if memo is not None else None
        if hit is None or hit[0] != key:
            todo[doc.path] = key
    mine = local if memo is None else None
    if files is not None:
        todo = {path: key for path, key in todo.items() if path in files}
    docs = [doc for doc in cat.maps if doc.path in todo]
    wide = None
    renamed = False
    if mine is not None:
        wide_context = _context(cat)
        last = _WIDE["context"]
        # a code, kind or parent changed: all of them again; only titles: the NAMED ones, for every map (a check
        # of some files would leave the other maps' findings as they were: all of them again there)
        if last is None or last[:32] != wide_context[:32] or (last != wide_context and files is not None):
            _WIDE.update(context=wide_context, found={})
        elif last != wide_context:
            renamed = True
            _WIDE["context"] = wide_context
        wide = _WIDE["found"]
    made = dict(zip((doc.path for doc in docs),
                    _all_map_findings(rules, cat, docs, mine, own_context, jobs, wide, renamed)))
    for doc in cat.maps:  # in catalogue order, however the work was shared
        if files is not None and doc.path not in files:
            continue
        if doc.path not in made:
            problems.extend(memo[doc.path][1])  # type: ignore[index]
            continue
        found, entry, wide_entry = made[doc.path]
        if mine is not None and entry is not None:  # learnt in a worker: the check cache keeps it here
            mine[doc.path] = entry
        if wide is not None and wide_entry is not None:
            wide[doc.path] = wide_entry
        if memo is not None:
            memo[doc.path] = (todo[doc.path], found)
        problems.extend(found)
    for record in filter(asked, cat.evaluations):  # few and cheap: not memoised (they read the documents they name)
        for rule in rules:
            if hasattr(rule, "check_evaluation"):
                problems += _run(rule, rule.check_evaluation, cat, record)
    return sorted(problems)


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


__all__ = ["RULES", "BY_CODE", "INTERNAL", "CATALOGUE_WIDE", "NAMED", "split", "validate", "has_errors", "kept_wide",
           "seed_wide"]
