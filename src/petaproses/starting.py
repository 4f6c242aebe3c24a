"""`petaproses new`: a starter that passes `check` in the catalogue it lands in.

The starter texts (starter.py) name example ids; here they become the catalogue's own: the department of
the folder the file lands in (or ``--perangkat-daerah``), a unit of it, positions its maps already use,
its head as signer, and a code no other file has.  Links to maps that do not exist yet become comments.
A new organisation file never lands inside, or above, a catalogue that has one: that would make two.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .catalogue import Catalogue
from .check import catalogue_roots, load
from .kinds import KINDS
from .model import Organisasi, Sop
from .problems import InputError
from .schema import SCHEMA_FILE

ORG_NAMES = ("organisasi.yaml", "organisasi.yml")
# what each kind's starter calls its code, and the code of its first file in a department
_CODE_PART = {"sop": "SOP", "peta-lintas-fungsi": "LF", "peta-sub-proses": "SP", "peta-level-1": "L"}
_EXAMPLE_ACTORS = ("staf_pelaksana", "kasubag_umum", "kepala_dinas")


@dataclass
class Started:
    text: str
    root: Path  # the catalogue folder (where its organisation file is, or will be)
    notes: list[str]  # what the user should know, in Bahasa Indonesia


def catalogue_root(target: Path) -> Path | None:
    """Return the folder of the organisation file ``target`` belongs to (nearest upwards), if any."""
    existing = target.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    root = Path(catalogue_roots([str(existing)])[0])
    return root if any((root / n).is_file() for n in ORG_NAMES) else None


def _organisations_below(folder: Path, limit: int = 5000) -> list[Path]:
    """Return organisation files under ``folder`` (hidden folders skipped; stops after ``limit`` folders)."""
    found: list[Path] = []
    if not folder.is_dir():
        return found
    for seen, (root, dirs, files) in enumerate(os.walk(folder)):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "output"))
        found += [Path(root) / f for f in files if f in ORG_NAMES]
        if seen > limit:
            break
    return found


def start(jenis: str, target: Path, department: str | None = None) -> Started:
    """Return the starter of kind ``jenis`` for ``target``; InputError when it cannot fit its catalogue."""
    kind = KINDS[jenis]
    if kind.model is Organisasi:
        return _start_organisation(target, kind.starter or "")
    root = catalogue_root(target)
    text = kind.starter or ""
    if root is None:
        base = target.parent
        return Started(_with_schema_line(text, target, base), base, [
            f"belum ada organisasi.yaml di {base} atau di atasnya; mulai katalog dengan: "
            f"petaproses new organisasi {base / 'organisasi.yaml'}"])
    if kind.level is None and jenis != "peta-relasi":  # a register: nothing of the catalogue to fill in
        return Started(_with_schema_line(text, target, root), root, [])
    loaded = load([str(root)])
    cat = loaded.cat
    if cat.organisasi is None:
        return Started(_with_schema_line(text, target, root), root,
                       [f"berkas organisasi di {root} belum dapat dibaca; perbaiki dulu (petaproses check {root})"])
    pd_id = _department(cat, target, department)
    if kind.level is None:  # peta-relasi settings: the department and example relations between its positions
        text = _set(text, "perangkat_daerah", pd_id)
        for example, real in zip(_EXAMPLE_ACTORS, _actors(cat, pd_id)):
            text = re.sub(rf"\b(dari|ke): {example}\b", lambda m: f"{m.group(1)}: {real}", text)
        return Started(_with_schema_line(text, target, root), root, [])
    text = _fill(text, cat, jenis, pd_id, target)
    return Started(_with_schema_line(text, target, root), root, [])


def _start_organisation(target: Path, text: str) -> Started:
    here = target.resolve()
    above = catalogue_root(target)
    others = [p for p in ([above / n for n in ORG_NAMES] if above else []) if p.is_file() and p.resolve() != here]
    below = [p for p in _organisations_below(target.parent) if p.resolve() != here]
    where = (f"folder ini berada di dalam katalog {others[0].parent} (berkas organisasinya: {others[0]})" if others
             else f"di bawah folder ini sudah ada katalog (berkas organisasinya: {below[0]})" if below else None)
    if where:
        raise InputError(f"{target}: {where}; satu katalog hanya boleh punya satu berkas organisasi. Tambahkan "
                         "Perangkat Daerah, unit dan jabatan di berkas itu, atau mulai katalog baru di folder "
                         "terpisah, di luar katalog lain")
    return Started(_with_schema_line(text, target, target.parent), target.parent, [])


def guess_department(target: Path) -> str | None:
    """The department a file written to ``target`` belongs to, as `new` finds it, or None (no catalogue there,
    or nothing to tell by): `impor` into katalog/disdukcapil/ wrote a placeholder id (review U)."""
    root = catalogue_root(target)
    cat = load([str(root)]).cat if root is not None else None
    if cat is None or cat.organisasi is None:
        return None
    try:
        return _department(cat, target, None)
    except InputError:
        return None


def _department(cat: Catalogue, target: Path, requested: str | None) -> str:
    """Return the department of a new file: asked for, else its folder's, else the only one."""
    org = cat.organisasi
    assert org is not None
    known = list(org.perangkat_daerah)
    if requested is not None:
        if requested not in known:
            raise InputError(f"Perangkat Daerah '{requested}' tidak ada di {org.path}; pilih salah satu: "
                             + ", ".join(known))
        return requested
    folder = target.parent.resolve()
    here = Counter(m.perangkat_daerah for m in cat.maps if Path(m.path).resolve().parent == folder)
    if here:
        return here.most_common(1)[0][0]
    for part in reversed(folder.parts):  # processes/dpmptsp/perizinan/ -> dpmptsp
        for pd_id, pd in org.perangkat_daerah.items():
            if part.lower() in (pd_id.lower(), (pd.singkatan or "").lower()):
                return pd_id
    if len(known) == 1:
        return known[0]
    raise InputError(f"{target}: Perangkat Daerah berkas ini tidak dapat ditebak dari foldernya; sebutkan dengan "
                     f"--perangkat-daerah, salah satu dari: {', '.join(known)}")


def _fill(text: str, cat: Catalogue, jenis: str, pd_id: str, target: Path) -> str:
    org = cat.organisasi
    assert org is not None
    pd = org.perangkat_daerah[pd_id]
    mine = [m for m in cat.maps if m.perangkat_daerah == pd_id]
    text = _set(text, "perangkat_daerah", pd_id)
    units = Counter(m.unit for m in mine if m.unit and m.unit in pd.unit)
    unit = units.most_common(1)[0][0] if units else next(iter(pd.unit), None)
    text = re.sub(r"^unit: bagian_organisasi\n", f"unit: {unit}\n" if unit else "", text, flags=re.M)
    for example, real in zip(_EXAMPLE_ACTORS, _actors(cat, pd_id)):
        text = re.sub(rf"^( +)pelaksana: {example}\b( *)", lambda m: _keep_column(m, f"pelaksana: {real}"), text,
                      flags=re.M)
    signers = Counter(p for m in mine if isinstance(m, Sop) for p in m.pengesah if p in org.pejabat)
    signer = pd.kepala if pd.kepala in org.pejabat else (signers.most_common(1)[0][0] if signers else
                                                         next(iter(org.pejabat), None))
    if signer:
        text = _set(text, "disahkan_oleh", signer)
    code = new_code(cat, jenis, pd_id)
    text = _set(_set(text, "kode", code), "nomor", _number(cat, pd_id))
    return _links(text, cat, jenis, pd_id)


def _set(text: str, key: str, value: str) -> str:
    """Return ``text`` with the top-level ``key`` set to ``value``, its comment kept in its column."""
    return re.sub(rf"^(){key}: \S+( *)", lambda m: _keep_column(m, f"{key}: {value}"), text, count=1, flags=re.M)


def _keep_column(match: re.Match, written: str) -> str:
    width = len(match.group(0)) - len(match.group(1))
    return match.group(1) + (written.ljust(width) if match.group(2) else written)


def _actors(cat: Catalogue, pd_id: str) -> list[str]:
    """Return up to three positions for the example steps: the department's most used, else its own, else any."""
    org = cat.organisasi
    assert org is not None
    used = Counter(a for m in cat.maps if m.perangkat_daerah == pd_id for step in getattr(m, "kegiatan", [])
                   for a in step.actors if a in org.pelaksana)
    actors = [a for a, _ in used.most_common(3)]
    placed = [a for a in org.pelaksana if (j := org.position(a)) and j.perangkat_daerah == pd_id and not j.luar]
    for a in placed + list(org.pelaksana):
        if len(actors) >= 3:
            break
        if a not in actors:
            actors.append(a)
    return actors


def new_code(cat: Catalogue, jenis: str, pd_id: str) -> str:
    """Return a code no map in ``cat`` has: the department's own pattern for this kind, numbered on."""
    taken = {m.kode for m in cat.maps}
    same = [m.kode for m in cat.maps if m.perangkat_daerah == pd_id and m.jenis == jenis]
    patterns = Counter(m.group(1) for k in same if (m := re.match(r"^(.*?)(\d+)$", k)))
    if patterns:
        prefix = patterns.most_common(1)[0][0]
        width = max(len(k) - len(prefix) for k in same if k.startswith(prefix))
    else:
        prefix, width = f"{pd_id.upper()}.{_CODE_PART.get(jenis, 'PETA')}" + ("" if jenis == "peta-level-1" else "."), 2
    numbers = [int(k[len(prefix):]) for k in taken if k.startswith(prefix) and k[len(prefix):].isdigit()]
    n = max(numbers, default=0) + 1
    while f"{prefix}{n:0{width}d}" in taken:
        n += 1
    return f"{prefix}{n:0{width}d}"


def _number(cat: Catalogue, pd_id: str) -> str:
    """Return the example document number with the next free sequence ("060/07/SOP/2025")."""
    count = sum(1 for m in cat.maps if isinstance(m, Sop) and m.perangkat_daerah == pd_id)
    return f"060/{count + 1:02d}/SOP/2025"


def _links(text: str, cat: Catalogue, jenis: str, pd_id: str) -> str:
    """Point ``induk`` at the department's map one level up, when it has one; comment out the other examples."""
    level = KINDS[jenis].level or 0
    above = [m for m in cat.maps if m.perangkat_daerah == pd_id and KINDS[m.jenis].level is not None
             and KINDS[m.jenis].level < level and not isinstance(m, Sop)]
    above.sort(key=lambda m: (-(KINDS[m.jenis].level or 0), m.kode))
    parent = above[0].kode if above and level < 4 else None

    def induk(match: re.Match) -> str:
        if parent:
            return f"induk: {parent}".ljust(35) + "# kode peta di atasnya"
        return "# induk: KODE.PETA                # kode peta di atasnya, bila sudah ada"
    text = re.sub(r"^induk: \S+ +#.*$", induk, text, flags=re.M)

    def rincian(match: re.Match) -> str:
        indent, code = match.group(1), match.group(2)
        return match.group(0) if code in cat.by_code else f"{indent}# rincian: KODE   # peta atau SOP di bawahnya"
    text = re.sub(r"^( +)rincian: (\S+)$", rincian, text, flags=re.M)
    text = re.sub(r", rincian: ([\w.]+)\}", lambda m: m.group(0) if m.group(1) in cat.by_code else "}", text)
    return re.sub(r"kode: PD\.(\d)", lambda m: f"kode: {pd_id.upper()}.{m.group(1)}", text)


def schema_path(root: Path) -> Path:
    return root / SCHEMA_FILE


def _with_schema_line(text: str, target: Path, root: Path) -> str:
    """Return ``text`` with the modeline that gives the YAML extension the catalogue's schema."""
    rel = os.path.relpath(schema_path(root).resolve(), target.parent.resolve())
    return f"# yaml-language-server: $schema={Path(rel).as_posix()}\n{text}"


__all__ = ["Started", "start", "catalogue_root", "new_code", "schema_path", "ORG_NAMES"]
