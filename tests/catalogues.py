"""Whole catalogues that `check` should accept, drawn by hypothesis (tests/test_property_build.py, bench).

Valid by construction where the rules need it (ids unique, every step reached from the first and reaching an
end, decisions of two or more labelled branches, durations that parse, at most 20 pelaksana per SOP), hostile
everywhere else: texts from every script, XML/Jinja2/book-markup characters, the token marks of the book
(U+E000/U+E001), emoji, combining marks, unassigned code points, words without spaces, tabs and newlines
where allowed, and every length up to the limit of its field (sanitise.py), ids of 64 and codes of 100
characters.  A drawn catalogue that `check` still refuses is counted and skipped by the test.
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path
from typing import Any, Callable

import yaml
from hypothesis import strategies as st

from petaproses.sanitise import MAX_ACTORS
from petaproses.sanitise import BIDI, FIELDS, KEYS, LABEL, NAME, VALUES, Kind

WORDS = ["Menerima", "berkas", "permohonan", "Memeriksa", "kelengkapan", "persyaratan", "Kepala", "Dinas", "Surat",
         "Keputusan", "Wali", "Kota", "Padang", "Panjang", "Nomor", "Tahun", "dan", "atau", "sesuai", "ketentuan"]
HOSTILE = ["<", ">", "&", '"', "'", "{{", "}}", "{%", "%}", "{#", "#", "# ", "## ", "^ ", "> ", "- ", "[[", "]]",
           "[[tanda_tangan|A|B]]", "[[logo]]", "|", "\\", "/", ":", "%", "$", "\ue000", "\ue001", "\ue0000\ue001",
           "\u00ad", "\u200b", "\u200d", "\ufeff", "\u00a0", "\u3000", "é", "ß", "ﬁ", "İ", "Σ", "عربي", "עברית",
           "日本語", "한국어", "ไทย", "👩\u200d💻", "🇮🇩", "e\u0301", "\U0001f600", "\ufffd", "\U0010fffd", "\u0378",
           "\t", "&amp;", "]]>", "<!--", "PAGE", "\u2026"]
DURATIONS = ["15 menit", "2 jam", "1 hari", "1 hari kerja", "1-2 hari", "1 s.d. 3 jam", "0,5 jam", "30 detik",
             "1 minggu", "1 bulan"]
# a position name: names of 250 characters make the SOP table's heading taller than half the page, and check
# refuses such an SOP (crowded-table; tests/test_sop_limits.py lays them out): drawn at most so long
NAME_RUN = 60
# pelaksana of one SOP: more, beside texts at their limits, leave the text columns too narrow and check refuses
# the SOP (crowded-table); 20 actors are laid out by tests/test_sop_limits.py whatever check says
SOP_ACTORS = MAX_ACTORS // 2
LIMIT_MARK = "W"  # a wide letter: a text at its limit without spaces is the worst case for every layout


_UNICODE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters=BIDI + "\ufffe\uffff"),
                   min_size=1, max_size=60)
_WORDS = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12)
_PIECES = st.lists(st.sampled_from(HOSTILE + WORDS), min_size=1, max_size=16)
_STYLES = st.sampled_from(["words", "words", "hostile", "unicode", "limit", "limit-words"])


def _plain(draw: Callable, kind: Kind) -> str:
    """One text of ``kind``: words, hostile pieces, any printable character, lengths up to the limit."""
    style = draw(_STYLES)
    if style == "words":
        text = " ".join(draw(_WORDS))
    elif style == "hostile":
        pieces = draw(_PIECES)
        text = draw(st.sampled_from([" ", ""])).join(pieces)
    elif style == "unicode":
        text = draw(_UNICODE)
    elif style == "limit":
        text = LIMIT_MARK * kind.limit
    else:
        text = ("Memeriksa " * (kind.limit // 10 + 1))[: kind.limit]
    if not kind.one_line and draw(st.integers(0, 4)) == 0:  # lines where lines are allowed
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + "\n" + text[cut:]
    if kind.one_line:
        text = text.replace("\n", " ")
    text = text[: kind.limit].strip()
    return text or "x"


@functools.lru_cache(maxsize=None)
def text(kind: Kind) -> st.SearchStrategy[str]:
    return st.composite(lambda draw: _plain(draw, kind))()


def field(name: str) -> st.SearchStrategy[str]:
    return text(FIELDS[name])


ID_WORDS = ["staf", "kasubag_umum", "kabag_org", "sekda", "setda", "diskominfo", "analis", "terima", "periksa",
            "bagian_organisasi", "x"]


def idents(min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    """Distinct ids: short and readable, some at the 64-character limit."""
    def make(parts: list[tuple[str, bool]]) -> list[str]:
        out = []
        for i, (word, long) in enumerate(parts):
            base = f"{word}_{i}"
            out.append((base + "_" + "z" * 64)[:64] if long else base)
        return out
    one = st.tuples(st.sampled_from(ID_WORDS), st.integers(0, 4).map(lambda r: r == 0))
    return st.lists(one, min_size=min_size, max_size=max_size).map(make)


def codes(n: int) -> st.SearchStrategy[list[str]]:
    """Distinct codes (no two equal without regard to case: Windows folders), some at the 100-character limit."""
    def make(parts: list[tuple[str, int]]) -> list[str]:
        out = []
        for i, (shape, size) in enumerate(parts):
            base = f"{shape}.{i:02d}"
            out.append((base + "-" + "K" * 100)[:100] if size == 0 else base)
        return out
    one = st.tuples(st.sampled_from(["SETDA.ORG.SOP", "A", "x-y_z", "9", "Dinas.Kominfo..SOP", "a.B-c"]),
                    st.integers(0, 3))
    return st.lists(one, min_size=n, max_size=n).map(make)


def text_list(name: str, kind: Kind | None = None) -> st.SearchStrategy[Any]:
    kind = kind or FIELDS[name]
    many = st.lists(text(kind), min_size=1, max_size=6)
    if kind.total:
        many = many.map(lambda items: _within(items, kind.total))
    return many


def _within(items: list[str], total: int) -> list[str]:
    out, used = [], 0
    for item in items:
        if used + len(item) > total:
            break
        out.append(item)
        used += len(item)
    return out or [items[0][:total]]


# ----------------------------------------------------------------------------------------------- files
@st.composite
def organisation(draw: Callable) -> dict:
    pds = draw(idents(1, 2))
    actors = draw(idents(2, MAX_ACTORS + 4))
    officials = draw(idents(1, 3))
    org: dict = {"jenis": "organisasi", "nama": draw(field("nama"))}
    if draw(st.booleans()):
        org["alamat"] = draw(field("alamat"))
    if draw(st.booleans()):
        org["logo"] = "logo.png"
    org["perangkat_daerah"] = {}
    for pd in pds:
        entry: dict = {"nama": draw(field("nama")), "kepala": draw(st.sampled_from(officials))}
        for key in ("singkatan", "alamat"):
            if draw(st.booleans()):
                entry[key] = draw(field(key))
        units = draw(idents(0, 2))
        if units:
            entry["unit"] = {u: draw(text(VALUES["unit"])) for u in units}
        org["perangkat_daerah"][pd] = entry
    org["pelaksana"] = {}
    for a in actors:
        if draw(st.integers(0, 3)) == 0:
            org["pelaksana"][a] = {"nama": draw(field("nama"))[:NAME_RUN], "perangkat_daerah": draw(st.sampled_from(pds)),
                                   "luar": draw(st.booleans())}
        else:
            org["pelaksana"][a] = draw(text(VALUES["pelaksana"]))[:NAME_RUN]
    org["pejabat"] = {}
    for o in officials:
        entry = {"jabatan": draw(field("jabatan")), "nama": draw(field("nama"))}
        for key in ("nip", "pangkat"):
            if draw(st.booleans()):
                entry[key] = draw(field(key))
        org["pejabat"][o] = entry
    return org


@st.composite
def steps(draw: Callable, actors: list[str]) -> list[dict]:
    """A flow `check` accepts: each step reached from the one before it, or from a branch to it."""
    n = draw(st.integers(1, 14))
    ids = draw(idents(n, n))
    out: list[dict] = []
    for i in range(n):
        step: dict = {"id": ids[i], "uraian": draw(field("uraian"))}
        who = draw(st.lists(st.sampled_from(actors), min_size=1, max_size=3, unique=True))
        step["pelaksana"] = who[0] if len(who) == 1 else who
        if len(who) > 1 and draw(st.booleans()):
            step["bersama"] = True
        for key in ("kelengkapan", "output"):
            roll = draw(st.integers(0, 3))
            if roll == 1:
                step[key] = draw(field(key))
            elif roll == 2:
                step[key] = draw(text_list(key))
        if draw(st.booleans()):
            step["waktu"] = draw(st.sampled_from(DURATIONS))
        if draw(st.integers(0, 3)) == 0:
            step["keterangan"] = draw(field("keterangan"))
        last = i == n - 1
        roll = draw(st.integers(0, 9))
        if not last and roll < 3:  # a decision: one branch to the next step, the others anywhere after the first
            labels = draw(st.lists(text(KEYS["cabang"]), min_size=2, max_size=4, unique_by=lambda s: s.strip()))
            elsewhere = [x for x in ids[1:] if x != ids[i]] + ["selesai"]  # not itself: unknown-step
            targets = [ids[i + 1]] + [draw(st.sampled_from(elsewhere)) for _ in labels[1:]]
            step["cabang"] = dict(zip(labels, targets))
        elif i + 2 < n and roll == 3:
            step["ke"] = [ids[i + 1], ids[i + 2]]
        elif last and roll < 5:
            step["selesai"] = True
        out.append(step)
    return out


@st.composite
def sop(draw: Callable, org: dict, kode: str, others: list[str]) -> dict:
    pd = draw(st.sampled_from(sorted(org["perangkat_daerah"])))
    actors = draw(st.lists(st.sampled_from(sorted(org["pelaksana"])), min_size=1, max_size=SOP_ACTORS, unique=True))
    doc: dict = {"jenis": "sop", "kode": kode, "nama": draw(field("nama")), "nomor": draw(field("nomor")),
                 "perangkat_daerah": pd}
    units = sorted(org["perangkat_daerah"][pd].get("unit", {}))
    if units and draw(st.booleans()):
        doc["unit"] = draw(st.sampled_from(units))
    doc["tanggal"] = {"pembuatan": draw(st.sampled_from(["2025-01-06", "2024-08", "2023-12-31"]))}
    if draw(st.booleans()):
        doc["tanggal"]["efektif"] = "2025-02-01"
    officials = sorted(org["pejabat"])
    signers = draw(st.lists(st.sampled_from(officials), min_size=1, max_size=2, unique=True))
    doc["disahkan_oleh"] = signers[0] if len(signers) == 1 else signers
    if draw(st.integers(0, 3)) == 0:
        doc["diperiksa_oleh"] = draw(st.sampled_from(officials))
    if draw(st.integers(0, 3)) == 0:
        doc["tanda_tangan"] = "elektronik"
    for key in ("deskripsi", "tujuan"):
        if draw(st.booleans()):
            doc[key] = draw(text(FIELDS.get(key, _LONG)))
    for key in ("dasar_hukum", "kualifikasi_pelaksana", "peralatan"):
        if draw(st.booleans()):
            doc[key] = draw(text_list(key))
    if "dasar_hukum" in doc:  # a single word would be read as the id of a regulation in the register
        doc["dasar_hukum"] = [("Peraturan " + t)[:500] for t in doc["dasar_hukum"]]
    for key in ("ruang_lingkup", "peringatan", "pencatatan"):
        roll = draw(st.integers(0, 2))
        if roll:
            doc[key] = draw(text(_LONG)) if roll == 1 else draw(text_list(key, _LONG))
    if draw(st.integers(0, 3)) == 0:
        terms = draw(st.lists(text(KEYS["definisi"]), min_size=1, max_size=3, unique_by=lambda s: s.strip()))
        doc["definisi"] = {t: draw(text(VALUES["definisi"])) for t in terms}
    if draw(st.booleans()):
        doc["keterkaitan"] = draw(st.lists(st.one_of(st.sampled_from(others or ["SOP Lain"]),
                                                     text(NAME).map(lambda t: t[:240] + " x")), max_size=3))
    doc["kegiatan"] = draw(steps(actors))
    return doc


_LONG = Kind("teks", False, 3_000, "", 3_000)


@st.composite
def cross_functional(draw: Callable, org: dict, kode: str) -> dict:
    """A peta lintas fungsi: steps like an SOP's, no identity part, no limit on its lanes (no SOP table)."""
    actors = draw(st.lists(st.sampled_from(sorted(org["pelaksana"])), min_size=1, max_size=len(org["pelaksana"]),
                           unique=True))
    doc = {"jenis": "peta-lintas-fungsi", "kode": kode, "nama": draw(field("nama")),
           "perangkat_daerah": draw(st.sampled_from(sorted(org["perangkat_daerah"])))}
    if draw(st.booleans()):
        doc["deskripsi"] = draw(text(_LONG))
    doc["kegiatan"] = draw(steps(actors))
    return doc


@st.composite
def sub_processes(draw: Callable, org: dict, kode: str, details: list[str]) -> dict:
    """A peta sub proses whose boxes may name the catalogue's SOPs as their rincian."""
    n = draw(st.integers(1, 8))
    ids = draw(idents(n, n))
    items = []
    for i in range(n):
        item: dict = {"id": ids[i], "nama": draw(field("nama"))}
        if details and draw(st.booleans()):
            item["rincian"] = draw(st.sampled_from(details))
        if i + 1 < n and draw(st.integers(0, 4)) == 0:
            labels = draw(st.lists(text(KEYS["cabang"]), min_size=2, max_size=3, unique_by=lambda t: t.strip()))
            item["cabang"] = dict(zip(labels, [ids[i + 1]] + ["selesai"] * (len(labels) - 1)))
        items.append(item)
    return {"jenis": "peta-sub-proses", "kode": kode, "nama": draw(field("nama")),
            "perangkat_daerah": draw(st.sampled_from(sorted(org["perangkat_daerah"]))), "sub_proses": items}


@st.composite
def level_one(draw: Callable, org: dict, kode: str, details: list[str]) -> dict:
    """A peta level 1: processes by category, stakeholders, flows with labels."""
    n = draw(st.integers(1, 8))
    ids = draw(idents(n, n))
    procs = []
    for i in range(n):
        p: dict = {"id": ids[i], "nama": draw(field("nama")),
                   "kategori": draw(st.sampled_from(["manajemen", "utama", "pendukung"]))}
        if details and draw(st.booleans()):
            p["rincian"] = draw(st.sampled_from(details))
        procs.append(p)
    doc: dict = {"jenis": "peta-level-1", "kode": kode, "nama": draw(field("nama")),
                 "perangkat_daerah": draw(st.sampled_from(sorted(org["perangkat_daerah"])))}
    if draw(st.booleans()):
        doc["pemangku_kepentingan"] = {"masukan": draw(text_list("masukan")), "keluaran": draw(text_list("keluaran"))}
    doc["proses"] = procs
    if n > 1 and draw(st.booleans()):
        doc["alur"] = [{"dari": ids[i], "ke": ids[i + 1], "label": draw(field("label"))} for i in range(n - 1)]
    return doc


@st.composite
def register(draw: Callable) -> dict:
    """A register of regulations: their titles and issuers are printed in the keputusan's Mengingat."""
    n = draw(st.integers(1, 3))
    ids = [f"uu_{i}_20{10 + i}" for i in range(n)]
    entries = {}
    for i, rid in enumerate(ids):
        entry: dict = {"jenis": draw(st.sampled_from(["uu", "pp", "permen", "perwal"])), "nomor": str(i + 1),
                       "tahun": 2010 + i, "judul": draw(field("judul"))}
        if entry["jenis"] in ("permen", "perwal"):
            entry["pembentuk"] = draw(field("pembentuk"))
        entries[rid] = entry
    return {"jenis": "peraturan", "dasar_keputusan": draw(st.lists(st.sampled_from(ids), max_size=n, unique=True)),
            "peraturan": entries}


@st.composite
def catalogues(draw: Callable) -> dict[str, dict]:
    """Return {relative path: data} of one catalogue: the organisation file, 1-3 SOPs and, in some, a peta
    lintas fungsi, a peta sub proses detailed by the SOPs and a peta level 1 detailed by the sub proses."""
    org = draw(organisation())
    n = draw(st.integers(1, 3))
    kodes = draw(codes(n + 3))
    files: dict[str, dict] = {"organisasi.yaml": org}
    for i, kode in enumerate(kodes[:n]):
        doc = draw(sop(org, kode, [k for k in kodes[:n] if k != kode]))
        files[f"{doc['perangkat_daerah']}/sop{i}.yaml"] = doc
    if draw(st.integers(0, 2)) == 0:
        files["peraturan.yaml"] = draw(register())
    if draw(st.integers(0, 2)) == 0:
        files["peta/lf.yaml"] = draw(cross_functional(org, kodes[n]))
    if draw(st.integers(0, 2)) == 0:
        files["peta/sp.yaml"] = draw(sub_processes(org, kodes[n + 1], kodes[:n]))
        if draw(st.booleans()):
            files["peta/l1.yaml"] = draw(level_one(org, kodes[n + 2], [kodes[n + 1]]))
    return files


LOGO = Path(__file__).resolve().parent / "fixtures" / "mini" / "logo.png"


def write(files: dict[str, dict], folder: Path) -> Path:
    """Write the catalogue into ``folder`` (emptied first); return it."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for rel, data in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    shutil.copy(LOGO, folder / "logo.png")
    return folder


__all__ = ["catalogues", "write", "text", "HOSTILE", "LABEL"]
