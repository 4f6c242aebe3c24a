"""Rules over the loaded catalogue: references, links between levels, flow graph, durations, wording.

Each rule is a generator of findings; ``validate`` runs them all and never stops at the first.
Rule codes are stable: tests and users' scripts rely on them (see README, "Kode aturan").
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable, Iterator

from .catalogue import Catalogue, Map
from .durations import EXAMPLES, parse_duration
from .flow import build_flow, reachable, step_id, targets
from .model import PetaLevel1, PetaLintasFungsi, PetaSubProses, Sop, as_list
from .problems import Problem, suggest

Rule = Callable[[Catalogue, Map], Iterator[Problem]]

# First words that name a person or position: activity text must start with a verb instead.
ACTOR_WORDS = {
    "staf", "staff", "petugas", "pegawai", "kepala", "kabag", "kabid", "kasubag", "kasubbag", "kasi", "kasie",
    "sekretaris", "sekda", "operator", "admin", "administrator", "pemohon", "analis", "pengelola", "pranata",
    "wali", "walikota", "camat", "lurah", "tim", "bendahara", "verifikator", "pejabat", "asisten", "pelaksana",
    "masyarakat", "pengadu", "ppid", "kadis",
}


def _p(doc: Map, keys: tuple, code: str, message: str, level: str = "galat") -> Problem:
    line, col = doc.loc(*keys)
    return Problem(doc.path, line, col, code, message, level)  # type: ignore[arg-type]


def rule_organisation_refs(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    """perangkat_daerah, unit, disahkan_oleh and pelaksana ids must be defined in the organisation file."""
    org = cat.organisasi
    if org is None:
        yield _p(doc, (), "missing-organisation",
                 "berkas organisasi (jenis: organisasi) tidak ditemukan; sertakan organisasi.yaml dalam katalog")
        return
    pd = org.perangkat_daerah.get(doc.perangkat_daerah)
    if pd is None:
        yield _p(doc, ("perangkat_daerah",), "unknown-perangkat-daerah",
                 f"perangkat daerah '{doc.perangkat_daerah}' tidak dikenal di {org.path}"
                 + suggest(doc.perangkat_daerah, org.perangkat_daerah))
    elif doc.unit and doc.unit not in pd.unit:
        yield _p(doc, ("unit",), "unknown-unit",
                 f"unit '{doc.unit}' tidak dikenal di perangkat daerah '{doc.perangkat_daerah}'"
                 + suggest(doc.unit, pd.unit))
    if isinstance(doc, Sop) and doc.disahkan_oleh not in org.pejabat:
        yield _p(doc, ("disahkan_oleh",), "unknown-pejabat",
                 f"pejabat '{doc.disahkan_oleh}' tidak dikenal di {org.path}" + suggest(doc.disahkan_oleh, org.pejabat))
    if isinstance(doc, PetaLintasFungsi):
        for i, actor in enumerate(doc.pelaksana or []):
            if actor not in org.pelaksana:
                yield _p(doc, ("pelaksana", i), "unknown-pelaksana",
                         f"pelaksana '{actor}' tidak dikenal di {org.path}" + suggest(actor, org.pelaksana))
        for i, step in enumerate(doc.kegiatan):
            if step.pelaksana not in org.pelaksana:
                yield _p(doc, ("kegiatan", i, "pelaksana"), "unknown-pelaksana",
                         f"pelaksana '{step.pelaksana}' tidak dikenal di {org.path}"
                         + suggest(step.pelaksana, org.pelaksana))
            elif doc.pelaksana and step.pelaksana not in doc.pelaksana:
                yield _p(doc, ("kegiatan", i, "pelaksana"), "unknown-pelaksana",
                         f"pelaksana '{step.pelaksana}' tidak ada dalam daftar 'pelaksana' berkas ini; tambahkan")


def _steps(doc: Map) -> tuple[str, list] | None:
    if isinstance(doc, PetaLintasFungsi):
        return "kegiatan", list(doc.kegiatan)
    if isinstance(doc, PetaSubProses):
        return "sub_proses", list(doc.sub_proses)
    return None


def rule_flow(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    """Step ids unique, exits to known steps, decisions with two labelled branches, reachable, reaches an end."""
    found = _steps(doc)
    if found is None:
        return
    key, items = found
    ids = [step_id(item, i) for i, item in enumerate(items)]
    first: dict[str, int] = {}
    bad_exit = False
    for i, (sid, item) in enumerate(zip(ids, items)):
        if sid in first:
            yield _p(doc, (key, i, "id"), "duplicate-id",
                     f"id langkah '{sid}' sudah dipakai oleh langkah {first[sid] + 1}; pakai id lain")
        first.setdefault(sid, i)
        if item.cabang is not None and len(item.cabang) < 2:
            yield _p(doc, (key, i, "cabang"), "decision-branches",
                     "keputusan harus punya sedikitnya dua cabang berlabel, mis. {Ya: lanjut, Tidak: perbaiki}")
        if item.cabang and item.ke:
            yield _p(doc, (key, i, "ke"), "conflicting-exits",
                     "langkah dengan 'cabang' tidak boleh juga punya 'ke'; pilih salah satu")
        if item.selesai and (item.cabang or item.ke):
            yield _p(doc, (key, i, "selesai"), "conflicting-exits",
                     "langkah dengan 'selesai: true' tidak boleh punya 'cabang' atau 'ke'")
        for label, target in targets(item):
            if target not in ids:
                bad_exit = True
                where = ("cabang", label) if item.cabang else ("ke",)
                yield _p(doc, (key, i) + where, "unknown-step",
                         f"langkah tujuan '{target}' tidak ada di berkas ini" + suggest(target, ids))
            elif target == sid:
                where = ("cabang", label) if item.cabang else ("ke",)
                yield _p(doc, (key, i) + where, "unknown-step", f"langkah '{sid}' menunjuk ke dirinya sendiri")
    if bad_exit or len(first) != len(ids):
        return  # the graph rules would only repeat these findings
    flow = build_flow(items)
    for e in flow.into[flow.start.id]:
        source = flow.by_id[e.source]
        yield _p(doc, (key, source.index), "loop-to-start",
                 f"langkah {source.number} kembali ke langkah pertama, yang digambar sebagai simbol mulai; "
                 "tambahkan langkah tersendiri untuk diulang (mis. 'Melengkapi berkas') dan arahkan ke sana",
                 "peringatan")
    from_start = reachable(flow, flow.start.id)
    for node in flow.nodes:
        if node.id not in from_start:
            yield _p(doc, (key, node.index), "unreachable-step",
                     f"langkah {node.number} ('{node.id}') tidak dapat dicapai dari langkah pertama; "
                     "tambahkan cabang atau 'ke' yang menuju ke sini, atau hapus langkah ini")
    to_end: set[str] = set()
    for end in flow.ends:
        to_end |= reachable(flow, end.id, forward=False)
    for node in flow.nodes:
        if node.id in from_start and node.id not in to_end:
            yield _p(doc, (key, node.index), "no-path-to-end",
                     f"dari langkah {node.number} ('{node.id}') proses tidak pernah selesai (putaran tanpa jalan "
                     "keluar); beri salah satu langkah cabang keluar atau 'selesai: true'")


def rule_actors(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    """An SOP AP involves more than one actor; activity text starts with a verb, not with the actor."""
    if not isinstance(doc, PetaLintasFungsi):
        return
    if isinstance(doc, Sop) and len(set(s.pelaksana for s in doc.kegiatan)) < 2:
        yield _p(doc, ("kegiatan",), "single-actor",
                 "SOP hanya punya satu pelaksana; SOP AP menggambarkan prosedur lintas jabatan "
                 "(PermenPANRB 35/2012), untuk satu pelaksana pakailah instruksi kerja", "peringatan")
    names = set(cat.organisasi.pelaksana.values()) if cat.organisasi else set()
    for i, step in enumerate(doc.kegiatan):
        text = step.uraian.strip()
        first_word = text.split()[0].lower().strip(",.:") if text else ""
        starts_with_name = any(text.lower().startswith(n.lower() + " ") for n in names)
        if first_word in ACTOR_WORDS or starts_with_name:
            yield _p(doc, ("kegiatan", i, "uraian"), "actor-in-activity",
                     f"uraian diawali pelaksana ('{text.split()[0]} ...'); tulis kata kerja tanpa subjek, "
                     "mis. 'Memeriksa berkas', pelaksana sudah tercantum di kolomnya", "peringatan")


def rule_durations(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    """Every ``waktu`` parses as a duration."""
    if not isinstance(doc, PetaLintasFungsi):
        return
    for i, step in enumerate(doc.kegiatan):
        if step.waktu is not None and parse_duration(step.waktu) is None:
            yield _p(doc, ("kegiatan", i, "waktu"), "invalid-duration",
                     f"waktu '{step.waktu}' tidak dapat dibaca; tulis seperti {EXAMPLES}")


def _link(cat: Catalogue, doc: Map, keys: tuple, code: str) -> Iterator[Problem]:
    if code not in cat.by_code:
        yield _p(doc, keys, "unresolved-link",
                 f"kode '{code}' tidak ditemukan di katalog" + suggest(code, cat.by_code))
    elif cat.by_code[code] is doc:
        yield _p(doc, keys, "unresolved-link", f"kode '{code}' menunjuk ke berkas ini sendiri")


LEVEL = {"peta-level-0": 0, "peta-level-1": 1, "peta-sub-proses": 2, "peta-lintas-fungsi": 3, "sop": 4}


def rule_links(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    """induk, rincian, keterkaitan and level-1 flows resolve to files of the catalogue."""
    if doc.induk:
        yield from _link(cat, doc, ("induk",), doc.induk)
        parent = cat.by_code.get(doc.induk)
        if parent is not None and parent is not doc:
            if isinstance(parent, Sop) or LEVEL[parent.jenis] > LEVEL[doc.jenis]:
                yield _p(doc, ("induk",), "invalid-parent",
                         f"induk '{doc.induk}' adalah {parent.jenis}, tingkatnya tidak di atas {doc.jenis}; "
                         "induk harus peta yang lebih umum (level 1 → sub proses → lintas fungsi/SOP)")
            else:
                seen, current = {doc.kode}, parent
                while current is not None and current.induk:
                    if current.kode in seen:
                        break
                    seen.add(current.kode)
                    if current.induk == doc.kode:
                        yield _p(doc, ("induk",), "invalid-parent",
                                 f"rantai induk berputar kembali ke '{doc.kode}'; putuskan salah satu 'induk'")
                        break
                    current = cat.by_code.get(current.induk)
    if isinstance(doc, PetaLevel1):
        ids: dict[str, int] = {}
        for i, proc in enumerate(doc.proses):
            if proc.id in ids:
                yield _p(doc, ("proses", i, "id"), "duplicate-id", f"id proses '{proc.id}' sudah dipakai")
            ids.setdefault(proc.id, i)
            if proc.rincian:
                yield from _link(cat, doc, ("proses", i, "rincian"), proc.rincian)
        for i, flow in enumerate(doc.alur):
            for end in ("dari", "ke"):
                value = getattr(flow, end)
                if value not in ids:
                    yield _p(doc, ("alur", i, end), "unknown-step",
                             f"proses '{value}' tidak ada di peta ini" + suggest(value, ids))
    found = _steps(doc)
    if found:
        key, items = found
        for i, item in enumerate(items):
            if item.rincian:
                yield from _link(cat, doc, (key, i, "rincian"), item.rincian)
    if isinstance(doc, Sop):
        for i, code in enumerate(doc.keterkaitan):
            yield from _link(cat, doc, ("keterkaitan", i), code)


RULES: dict[str, Rule] = {
    "organisation-refs": rule_organisation_refs,
    "flow": rule_flow,
    "actors": rule_actors,
    "durations": rule_durations,
    "links": rule_links,
}


def index_codes(cat: Catalogue) -> list[Problem]:
    """Fill ``cat.by_code``; a code used twice is an error at the second file."""
    problems = []
    cat.by_code.clear()
    for doc in cat.maps:
        other = cat.by_code.get(doc.kode)
        if other is not None:
            problems.append(_p(doc, ("kode",), "duplicate-id",
                               f"kode '{doc.kode}' sudah dipakai oleh {other.path}; kode harus unik di katalog"))
            continue
        cat.by_code[doc.kode] = doc
    return problems


def validate(cat: Catalogue, memo: dict | None = None) -> list[Problem]:
    """Return every finding of every rule over the catalogue.

    ``memo`` (kept by the incremental build) maps a document's path to the findings of an earlier run,
    keyed by what the rules read: the file, the organisation file and the set of codes in the catalogue.
    """
    problems = index_codes(cat)
    org_raw = cat.sources.get(cat.organisasi.path, b"") if cat.organisasi else b""
    context = hashlib.sha256(org_raw + "\0".join(sorted(cat.by_code)).encode()).digest()
    if cat.organisasi:
        org = cat.organisasi
        if org.logo:
            logo = Path(org.path).parent / org.logo
            if logo.suffix.lower() not in (".png", ".jpg", ".jpeg") or not logo.is_file():
                line, col = org.loc("logo")
                problems.append(Problem(org.path, line, col, "missing-logo",
                                        f"logo '{org.logo}' tidak ditemukan atau bukan berkas PNG/JPEG; "
                                        "dokumen SOP dibuat tanpa lambang", "peringatan"))
        for pid, pd in org.perangkat_daerah.items():
            if pd.kepala and pd.kepala not in org.pejabat:
                line, col = org.loc("perangkat_daerah", pid, "kepala")
                problems.append(Problem(org.path, line, col, "unknown-pejabat",
                                        f"pejabat '{pd.kepala}' tidak dikenal" + suggest(pd.kepala, org.pejabat)))
    for doc in cat.maps:
        key = hashlib.sha256(context + cat.sources.get(doc.path, b"")).hexdigest() if memo is not None else ""
        hit = memo.get(doc.path) if memo is not None else None
        if hit is not None and hit[0] == key:
            problems.extend(hit[1])
            continue
        found = [p for rule in RULES.values() for p in rule(cat, doc)]
        if memo is not None:
            memo[doc.path] = (key, found)
        problems.extend(found)
    return problems


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)


__all__ = ["validate", "has_errors", "RULES", "as_list"]
