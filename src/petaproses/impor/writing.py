"""Steps -> the text of a ``peta-lintas-fungsi`` YAML file, in the house style of processes/.

The file has one fixed shape, so it is written here rather than by ruamel.yaml, which is pure Python on
this platform and needs about 3 s for 10,000 steps (this writer: about 0.1 s).  A scalar is written plain
only when it is made of letters, digits, spaces and harmless punctuation and PyYAML reads it back as that
same string; everything else is double-quoted with JSON escapes, which YAML reads identically.  The tests
load every file impor writes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from .graph import Graph, clean, short, slug
from .higher import level1
from .identity import Identity
from .mapping import END_KEY, Step

_PLAIN = re.compile(r"[^\W_][\w .,()/+'&%!?=~^$@;*<>|-]*", re.UNICODE)
_KODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# escaped inside double quotes: what YAML cannot carry raw, and what it reads as a line break (NEL, LS, PS)
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
MUTU = {"Kelengkapan": "kelengkapan", "Waktu": "waktu", "Output": "output", "Keterangan": "keterangan",
        "Rincian": "rincian"}


def scalar(text: str) -> str:
    """Return ``text`` as a YAML scalar (in block context) that reads back as exactly ``text``."""
    if (_PLAIN.fullmatch(text) and text == text.strip() and " #" not in text
            and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) < 0x10000
                              else f"\\U{ord(m.group()):08x}", quoted)


def write(g: Graph, steps: list[Step], path: Path, perangkat_daerah: str, ident: Identity | None = None) -> str:
    """Return the YAML text for ``steps`` in their written order (with the map's own keys that ``ident`` read
    back from a petaproses export)."""
    ids = _step_ids(g, steps)
    used = [a for a in dict.fromkeys(a for s in steps for a in [s.actor, *s.also])]
    used += lanes_kept(g, used)
    actor_ids, names = _actor_ids(g, used)
    referenced = {t for s in steps for t in s.ke} | {t for s in steps for _, t in s.cabang or []}
    body: list[str] = []
    kind = ident.kind if ident is not None else None
    for i, s in enumerate(steps):
        nxt = steps[i + 1].key if i + 1 < len(steps) else None
        body += _step(g, s, ids, actor_ids, referenced, nxt, ident,
                      kind == "peta-sub-proses", names)
    head, tail = ident.top() if ident is not None else ([], [])
    lines = [f"# Diimpor dari {clean(Path(path).name)} oleh petaproses impor; periksa lalu jalankan "
             "petaproses check."]
    first = {a: i for i, a in enumerate(used)}
    order = sorted(used, key=lambda a: (g.actors[a].order if a in g.actors else (), first[a]))
    if kind is None:  # a level-1 map's lanes are its categories, a sub-process map's its department
        lines.append("# Tambahkan pelaksana berikut ke organisasi.yaml (bagian pelaksana:) bila belum ada:")
        lines += [f"#   {actor_ids[a]}: {names[a]}" for a in order]
    if ident is not None and ident.new:
        lines.append("# Tidak ada di katalog tujuan: tambahkan ke organisasi.yaml (pejabat:) atau register aplikasi:")
        lines += ident.new
    if kind is None and any(s.notes for s in steps):  # they print in the SOP's Keterangan column as they are
        lines.append("# Keterangan berisi catatan impor tentang asal BPMN-nya (mis. 'Bagian dari sub-proses …', "
                     "'Diawali: …'): ringkas atau hapus sebelum dicetak.")
    lines += [f"# {h}" for h in dict.fromkeys(g.header)]
    kode = g.kode if g.kode and _KODE.fullmatch(g.kode) else re.sub(r"[^A-Za-z0-9._-]", "_", Path(path).stem)
    kode = (kode if re.match(r"[A-Za-z0-9]", kode) else "K" + kode)[:60]
    jenis = kind or ("sop" if ident is not None and ident.sop else "peta-lintas-fungsi")
    lines += [f"jenis: {jenis}", f"kode: {scalar(kode)}",
              f"nama: {scalar(g.name or clean(Path(path).stem) or 'Peta impor')}",
              f"perangkat_daerah: {scalar(ident.pd if ident is not None else perangkat_daerah)}"]
    lines += [line for key, value in head for line in _key(key, value)]
    deskripsi = g.deskripsi or (ident.values.get("deskripsi") if ident is not None else None)
    lines += [f"deskripsi: {scalar(str(deskripsi))}"] if deskripsi else []
    lines += [line for key, value in tail for line in _key(key, value)]
    if kind in ("peta-level-1", "peta-level-0"):
        lines += [line for key, value in level1(g, steps, ids, ident) for line in _key(key, value)]
        return "\n".join(lines) + "\n"
    if kind == "peta-sub-proses":
        return "\n".join(lines + ["sub_proses:"] + body) + "\n"
    lines += [f"pelaksana: [{', '.join(actor_ids[a] for a in order)}]", "kegiatan:"]
    return "\n".join(lines + body) + "\n"


def lanes_kept(g: Graph, used: list[str]) -> list[str]:
    """The named lanes of a petaproses export without a step: columns of the SOP's table all the same."""
    return [a.key for a in g.actors.values() if g.petaproses and a.named and a.kind == "lane" and a.key not in used]


def _key(key: str, value) -> list[str]:
    """Return a top-level key in block style (a plain scalar may hold ', ' or ': ', which flow style breaks)."""
    if isinstance(value, dict):  # tanggal, definisi; pemangku_kepentingan: lists
        return [f"{key}:"] + [line for k, v in value.items() for line in _indent(_key(scalar(str(k)), v))]
    if value == []:
        return [f"{key}: []"]
    if isinstance(value, list):  # a list of texts, or of mappings (proses, alur)
        return [f"{key}:"] + [line for v in value for line in
                              (_indent(_key("", v), "  - ") if isinstance(v, dict) else [f"  - {scalar(str(v))}"])]
    return [f"{key}: {value if isinstance(value, int) else scalar(str(value))}"]


def _indent(lines: list[str], first: str = "  ") -> list[str]:
    """``lines`` one level in; a mapping's first line after ``first`` ("  - ": an item of a list)."""
    if first != "  ":
        lines = lines[1:]  # the empty key's own line
        return [("    " if i else first) + line[2:] for i, line in enumerate(lines)]
    return ["  " + line for line in lines]


def _step(g: Graph, s: Step, ids: dict, actor_ids: dict, referenced: set, nxt: str | None,
          ident: Identity | None, sub: bool = False, names: dict | None = None) -> list[str]:
    """Return the lines of one step (of a sub-process map when ``sub``: kode, nama, rincian and its flow)."""
    fields: dict[str, object] = {}
    if not (g.petaproses and re.fullmatch(r"k\d+", ids[s.key]) and s.key not in referenced):
        fields["id"] = ids[s.key]  # an unreferenced k3 is the id petaproses derives anyway
    if s.node is None or not s.node.doc:
        mutu: dict = {}
    else:
        mutu = ident.step(s.node.doc) if ident is not None and g.petaproses else _mutu(s.node.doc)
    uraian = mutu.pop("uraian", None) or s.uraian  # documented when the tasks show each actor's own text
    if sub:
        fields.update({"kode": mutu.pop("kode")} if mutu.get("kode") else {})
        fields["nama"] = uraian
    else:
        fields["uraian"] = uraian
    for key in ("kode", "kategori"):  # a level-1 or sub-process map's, written as a peta lintas fungsi
        if mutu.get(key):
            mutu["keterangan"] = "\n".join(x for x in (f"{key.capitalize()}: {mutu.pop(key)}",
                                                       mutu.get("keterangan")) if x)
    if s.also and not sub:  # a chain or a joint activity
        fields["pelaksana"] = [actor_ids[a] for a in [s.actor, *s.also]]
        if s.joint:
            fields["bersama"] = True
    elif not sub:
        fields["pelaksana"] = actor_ids[s.actor]
    tugas = _tugas(s, mutu, actor_ids, names or {})
    if tugas and not sub:
        fields["tugas"] = tugas
    if s.node is not None:
        for key in ("kelengkapan", "output"):
            extra = getattr(s.node, key)
            if extra:
                mutu[key] = list(dict.fromkeys(_as_list(mutu.get(key)) + extra))
    notes = [mutu.pop("keterangan")] if "keterangan" in mutu else []
    notes += [n for n in s.notes if n not in notes]
    for key in ("kelengkapan", "waktu", "output"):
        if mutu.get(key):
            fields[key] = mutu[key]
    if notes:
        fields["keterangan"] = "; ".join(notes)
    if mutu.get("rincian") and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", str(mutu["rincian"])):
        fields["rincian"] = mutu["rincian"]
    if mutu.get("aplikasi"):
        fields["aplikasi"] = list(dict.fromkeys(mutu["aplikasi"]))
    if s.cabang:
        fields["cabang"] = {label: ids[t] for label, t in s.cabang}
    elif s.ke:
        if s.ke != [nxt]:
            fields["ke"] = ids[s.ke[0]] if len(s.ke) == 1 else [ids[t] for t in s.ke]
    elif nxt is not None:
        fields["selesai"] = True
    out = []
    first = True
    for key, value in fields.items():
        lead = "  - " if first else "    "
        first = False
        if isinstance(value, bool):
            out.append(f"{lead}{key}: {'ya' if key == 'bersama' else 'true'}")
        elif isinstance(value, dict):
            out.append(f"{lead}{key}:")
            out += [f"      {scalar(k)}: {v if key == 'cabang' else scalar(v)}" for k, v in value.items()]
        elif isinstance(value, list) and key in ("ke", "pelaksana", "aplikasi"):
            out.append(f"{lead}{key}: [{', '.join(value)}]")
        elif isinstance(value, list) and len(value) > 1:
            out.append(f"{lead}{key}:")
            out += [f"      - {scalar(v)}" for v in value]
        elif isinstance(value, list):
            out.append(f"{lead}{key}: {scalar(value[0])}")
        else:
            out.append(f"{lead}{key}: {scalar(str(value))}")
    return out


def _tugas(s: Step, mutu: dict, actor_ids: dict, names: dict) -> dict[str, str]:
    """Return a step's ``tugas`` (actor id -> its box's own text): from its documentation's "Tugas" lines ("Kepala
    Dinas: Menandatangani"), and from a chain whose tasks are named by it ("Paraf (2/3)", shapes.py)."""
    actors = [s.actor, *s.also]
    out = {actor_ids[a]: t for a, t in (s.node.tasks.items() if s.node is not None else []) if a in actor_ids}
    by_name = {names.get(a): actor_ids[a] for a in actors if a in actor_ids}
    for item in _as_list(mutu.pop("tugas", None)):
        name, _, text = item.partition(": ")
        if name in by_name and text:
            out[by_name[name]] = text
        else:  # not one of the step's actors: kept as a note
            s.notes.append(f"Tugas: {item}")
    return out


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _mutu(text: str) -> dict:
    """Read mutu baku from documentation written as 'Kelengkapan: ...' lines; otherwise it is keterangan."""
    found: dict[str, object] = {}
    recognised = False
    for line in text.splitlines():
        key, _, value = line.partition(":")
        value = clean(value)
        if key.strip() in MUTU and value:
            field = MUTU[key.strip()]
            found[field] = value.split("; ") if field in ("kelengkapan", "output") and "; " in value else value
            recognised = True
        elif key.strip() == "Pelaksana":
            recognised = True
    if not recognised:
        text = clean(text)
        return {"keterangan": text} if text else {}
    return found


def _step_ids(g: Graph, steps: list[Step]) -> dict[str, str]:
    """Return a unique id per step: the step id of a petaproses export, else the first words of its uraian."""
    ids: dict[str, str] = {END_KEY: "selesai"}
    used: set[str] = {"selesai"}  # reserved: the branch target that ends the process
    counter: dict[str, int] = {}
    for s in steps:
        base = None
        if g.petaproses and s.node is not None:
            m = re.fullmatch(r"(?:Task|CallActivity|Activity|Gateway)_([a-z][a-z0-9_]*)", s.node.id)
            base = m.group(1) if m else None
        if base is None or base in used:
            base = short(slug(s.uraian, "langkah"))
        sid, k = base, counter.get(base, 1)
        while sid in used:  # the counter makes 5,000 equal names linear, not quadratic
            k += 1
            sid = f"{base}_{k}"
        counter[base] = k
        used.add(sid)
        ids[s.key] = sid
    return ids


def _actor_ids(g: Graph, used: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Return (actor key -> pelaksana id, actor key -> name); a name found in two pools gets its pool."""
    names: dict[str, str] = {}
    pools: dict[str, set[str]] = {}
    for a in used:
        name = g.actors[a].name if a in g.actors else a
        pools.setdefault(name, set()).add(a.split("\n", 1)[0])
        names[a] = name
    for a in used:
        if len(pools[names[a]]) > 1 and a in g.actors and g.actors[a].kind == "lane":
            names[a] = f"{names[a]} ({g.actors[a].pool})"
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for a in used:
        base = None
        if g.petaproses and a in g.actors:
            m = re.fullmatch(r"Lane_([a-z][a-z0-9_]*)", g.actors[a].element)
            base = m.group(1) if m else None
        base = base or slug(names[a])
        aid, k = base, 1
        while aid in taken:
            k += 1
            aid = f"{base}_{k}"
        taken.add(aid)
        ids[a] = aid
    return ids, names
