"""`petaproses impor`: a BPMN 2.0 file (Bizagi, Camunda/bpmn.io, Signavio, petaproses) -> peta-lintas-fungsi YAML.

reading.py   file -> XML root (bounded, hardened parser; other formats get the export to use)
mojibake.py  names and texts read through a wrong encoding -> repaired when certain, else named in the log
pools.py     pools and lanes -> actors; diagram positions
collect.py   XML -> graph of flow nodes (sub-processes flattened, message flows as hand-offs)
artefacts.py data and notes around the flow -> kelengkapan, output, keterangan
compensate.py  compensation handlers run from the throw event, not as a branch of the activity they undo
resolve.py   gateways followed through (memoised, no recursion); written order of the steps
shapes.py    joint activities and chains (the exporter's patterns) -> one step with several actors
mapping.py   graph -> steps with ke/cabang/selesai taken from the flows only
carry.py     what the elements around the steps say (event names, documentation, message names) -> the steps
identity.py  a petaproses export's documentation -> the map's own keys and each step's (ids from the target catalogue)
higher.py    a petaproses export of a level-1 map -> its processes, stakeholders and arcs
writing.py   steps -> YAML text
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .carry import carry
from .collect import MAX_NODES, collect
from .graph import ACTIVITIES, slug
from .identity import Identity, Target
from .mapping import Mapper
from .mojibake import mend
from .reading import MAX_BYTES, ReadError, read_bpmn
from .shapes import collapse
from .writing import lanes_kept, write

__all__ = ["MAX_BYTES", "MAX_NODES", "import_bpmn", "refused", "slug"]


def import_bpmn(path: Path, perangkat_daerah: str, target: Path | None = None) -> tuple[str | None, list[str]]:
    """Return (YAML text of a peta-lintas-fungsi file, messages in Bahasa Indonesia); text is None on failure.

    Every message starts with the file path (``FILE: ...`` or ``FILE:line:column: ...``).  The messages
    list every element not carried over (type, name, id, why) and end with a summary line.  ``target``: the
    YAML file to be written; the catalogue it lies in gives the ids of what a petaproses export names (signers,
    applications, unit, regulations).
    """
    try:
        text, msgs = _import(Path(path), perangkat_daerah, target)
    except ReadError as exc:
        text, msgs = None, [str(exc)]
    return text, [m if m.startswith(f"{path}:") else f"{path}: {m}" for m in msgs]


def refused(source: Path, target: Path, overwrite: bool) -> str | None:
    """Return why ``source`` is not imported into ``target`` (the message), or None: the source is not there,
    the target is (without ``overwrite``), is no regular file (a folder, a device: --timpa never replaces one)
    or is the source itself."""
    if not source.exists():
        return f"{source}: {'symlink yang tidak menuju berkas' if os.path.lexists(source) else 'berkas tidak ditemukan'}"
    there = os.lstat(target) if os.path.lexists(target) else None
    if there is None:
        return None
    if not overwrite:
        return f"petaproses: galat: {target} sudah ada; pakai --timpa untuk menimpanya, atau -o BERKAS"
    if not (stat.S_ISREG(there.st_mode) or stat.S_ISLNK(there.st_mode)):
        return (f"petaproses: galat: {target} bukan berkas biasa (folder, perangkat atau pipa); --timpa hanya "
                "menimpa berkas biasa: pilih -o BERKAS lain")
    if os.path.realpath(target) == os.path.realpath(source):
        return f"petaproses: galat: {target} adalah berkas BPMN masukan itu sendiri; pilih -o BERKAS lain"
    return None


def _import(path: Path, perangkat_daerah: str, target: Path | None) -> tuple[str | None, list[str]]:
    root = read_bpmn(path)
    mended = mend(root)  # before anything reads a name
    g = collect(root, str(path))
    if not any(n.kind in ACTIVITIES for n in g.nodes.values()):
        return None, ["tidak ada proses berisi aktivitas (task) dalam berkas ini"]
    shaped = collapse(g)
    mapper = Mapper(g)
    steps, _ = mapper.run()
    if not steps:  # there are activities (checked above), but none is reached from where the process starts
        return None, ["tidak ada aktivitas yang tercapai dari awal proses: peristiwa mulai tanpa alur keluar, atau "
                      "aktivitas tanpa alur dari awal itu; hubungkan peristiwa mulai ke aktivitas pertama"]
    carry(g, mapper, steps)
    own = Identity(g, Target(Path(target).parent if target is not None else None), perangkat_daerah) \
        if g.petaproses else None
    text, said = _written(g, steps, path, perangkat_daerah, own)
    if own is not None and own.kind in ("peta-level-1", "peta-level-0"):  # its processes: no step was added
        steps = [s for s in steps if s.node is not None]
        mapper.msgs = [m for m in mapper.msgs if "ditambahkan langkah" not in m]
    msgs = mended + g.notes + shaped + mapper.msgs + said + _over_limits(path, text, len(steps))
    msgs += [f"cabang-cabang paralel bertemu di gerbang paralel (id {n.id}) tepat sebelum akhir proses: setiap "
             "cabang ditulis berakhir sendiri (selesai), tanpa langkah tambahan; proses selesai sesudah semua "
             "cabangnya selesai, seperti di BPMN (`check` memperingatkan parallel-split pada percabangannya: "
             "cabang-cabang itu memang paralel)" for n in _joins_at_end(g)]
    kept = {s.node.id for s in steps if s.node is not None}
    used = {a for s in steps for a in [s.actor, *s.also]}
    used |= set(lanes_kept(g, list(used)))
    msgs += _look_alike(g, used)
    for a in g.actors.values():
        if a.named and a.key not in used:
            g.skip(a.kind, a.name, a.element, "tidak berisi langkah")
    msgs += [f"tidak dibawa: {jenis} '{name}' (id {ident}): {why}" if name else
             f"tidak dibawa: {jenis} tanpa nama (id {ident}): {why}" for jenis, name, ident, why in g.skipped]
    tasks = [n for n in g.nodes.values() if n.kind in ACTIVITIES]
    named = [a for a in g.actors.values() if a.named]
    # merged activities (shapes.py) live on in their step
    added = [s.uraian for s in steps if s.node is None]
    msgs.append(f"ringkasan: {len(steps)} langkah"
                + (f" ({len(added)} ditambahkan impor: {', '.join(repr(a) for a in added)})" if added else "")
                + f"; tugas dipertahankan {sum(n.id in kept for n in tasks) + g.merged}/"
                f"{len(tasks) + g.merged}, pelaksana {sum(a.key in used for a in named)}/{len(named)}"
                + (f" (ditambah {len(used) - sum(a.key in used for a in named)} tanpa nama)"
                   if len(used) > sum(a.key in used for a in named) else "")
                + f"; {len(g.skipped)} unsur tidak dibawa")
    return text, msgs


def _written(g, steps, path: Path, perangkat_daerah: str, own: Identity | None) -> tuple[str, list[str]]:
    """Return the YAML text and what writing it said; a level-1 or sub-process map that its kind cannot hold (a
    note, a chain: the BPMN was edited after the export) is written as a peta lintas fungsi, and that is said."""
    marks = (len(g.skipped), len(own.notes), len(own.new)) if own is not None else None
    text = write(g, steps, path, perangkat_daerah, own)
    if own is None:
        return text, []
    if own.kind is not None:
        from ..load import load_document

        doc, problems = load_document("impor.yaml", text.encode("utf-8"))
        if doc is None or any(p.is_error for p in problems):
            del g.skipped[marks[0]:], own.notes[marks[1]:], own.new[marks[2]:]
            own.plain = True
            text = write(g, steps, path, perangkat_daerah, own)
            why = next((p.message for p in problems if p.is_error), "")
            own.notes.append(f"berkas ini ekspor {own.values.get('jenis')}, tetapi isinya tidak muat di jenis itu "
                             f"({why}): ditulis sebagai peta-lintas-fungsi")
    return text, own.notes


def _joins_at_end(g) -> list:
    """Return the parallel gateways that join branches right before the process's own end (not a sub-process's:
    that leads on); the format has no join without a step, so each branch ends on its own."""
    if g.petaproses:
        return []
    return [n for n in g.nodes.values() if n.kind == "parallelGateway" and g.out[n.id]
            and len([e for e in g.inc[n.id] if e.kind == "seq"]) >= 2
            and all(g.nodes[e.target].kind == "endEvent" and g.nodes[e.target].scope is None for e in g.out[n.id])]


def _look_alike(g, used: set[str]) -> list[str]:
    """Say which actors differ only in case, spaces or punctuation ('Team-Assistant' the pool, 'Team Assistant'
    its lane): written as two pelaksana, they may be one."""
    groups: dict[str, list[str]] = {}
    for a in sorted(used, key=lambda a: g.actors[a].order if a in g.actors else ()):
        if a in g.actors:
            groups.setdefault(re.sub(r"[\W_]+", "", g.actors[a].name.casefold()), []).append(g.actors[a].name)
    return [f"pelaksana {' dan '.join(repr(n) for n in names)} ditulis sebagai {len(names)} pelaksana berbeda; "
            "bila sama, pakai satu id di peta dan organisasi.yaml"
            for names in groups.values() if len(set(names)) > 1]


def _over_limits(path: Path, text: str, steps: int) -> list[str]:
    """Say where the written map is over what `check` allows (a step count, a text's length): written all the same,
    for the user to split or shorten.  Read from the written text with sanitise's table (no model: impor stays
    quick)."""
    import yaml

    from ..sanitise import FIELDS, KEYS, LONG, MAX_STEPS, thousands

    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    out = []

    def said(where: str, value: str, kind) -> None:
        if len(value) > kind.limit:
            out.append(f"'{where}' {thousands(len(value))} karakter; `check` membatasi {thousands(kind.limit)} untuk "
                       f"{kind.name} (text-too-long): ditulis apa adanya, singkatkan")

    for key in ("kode", "nama"):
        said(key, str(data.get(key, "")), FIELDS[key])
    for i, step in enumerate(data.get("kegiatan") or []):
        named = f" ({step['id']})" if isinstance(step.get("id"), str) else ""
        for key, value in step.items():
            where = f"kegiatan ke-{i + 1}{named}.{key}"  # as `check` names it: kegiatan ke-2 (periksa).uraian
            if isinstance(value, str):
                said(where, value, FIELDS.get(key, LONG))
            elif isinstance(value, list):
                for v in value:
                    said(where, str(v), FIELDS.get(key, LONG))
            elif isinstance(value, dict):  # cabang: label -> id
                for label in value:
                    said(f"{where} '{str(label)[:30]}'", str(label), KEYS.get(key, LONG))
    if steps > MAX_STEPS:
        out.append(f"peta hasil impor berisi {thousands(steps)} langkah; `check` membatasi {MAX_STEPS} per berkas "
                   "(too-many-steps): pecah menjadi beberapa peta yang saling merujuk")
    return out
