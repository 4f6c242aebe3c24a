"""The JSON Schema of the authoring format, generated from the model (committed under schema/), and the
per-catalogue schema that also lists the catalogue's own ids, for completion and typo marks in the editor.

The kind of a file is chosen with ``if``/``then`` on ``jenis`` (not ``oneOf`` with a discriminator): every
JSON Schema validator then reports the mistakes of the one kind the file is, not "matches none of 5".
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Union

from pydantic import TypeAdapter

from . import SCHEMA_SOURCES, SCHEMA_SOURCES_LOADED, schema_source_stats
from .kinds import KINDS, models
from .scalars import FIELD_BOOL_FORMS

if TYPE_CHECKING:
    from .catalogue import Catalogue

SCHEMA_ID = "https://petaproses.example/schema/petaproses.schema.json"
SCHEMA_FILE = ".petaproses/skema.json"  # the per-catalogue schema, beside the organisation file
# What the schema is made from (with pydantic's and Python's versions); with the catalogue's ids they make the
# catalogue schema's stamp (see _stamped)
SOURCES = SCHEMA_SOURCES
_STAMP_NOTE = "Dibuat petaproses dari katalog ini dan diperbarui setiap check dan build; jangan disunting. Cap: "
_STAMP_LINE = re.compile(rb' "\$comment": "' + re.escape(_STAMP_NOTE.encode()) + rb'([0-9a-f]{64})",')


# the parts of a file; each kind's own description comes from kinds.py
_DESCRIPTIONS = {
    "Kegiatan": "Satu kegiatan; berurutan sesuai urutan tulis kecuali ada 'ke', 'cabang' atau 'selesai'.",
    "SubProses": "Satu sub proses; berurutan sesuai urutan tulis kecuali ada 'ke', 'cabang' atau 'selesai'.",
    "ProsesL1": "Satu proses pada peta level 1.",
    "Alur": "Alur dari satu proses ke proses lain.",
    "Tanggal": "Tanggal pembuatan, revisi dan efektif SOP.",
    "PemangkuKepentingan": "Pemangku kepentingan pemberi masukan dan penerima keluaran.",
    "PerangkatDaerah": "Satu Perangkat Daerah.",
    "Pejabat": "Pejabat penanda tangan.",
    "Orang": "Penilai atau peserta yang bukan pejabat di organisasi.yaml: nama, jabatan, NIP.",
    "Jawaban": "Jawaban satu kriteria evaluasi (ya/tidak) dengan catatan.",
    "Kriteria": "Tujuh kriteria evaluasi SOP AP (PermenPANRB 35/2012); yang tidak ditulis belum dinilai.",
    "Temuan": "Satu temuan reviu pada sebuah langkah (atau seluruh dokumen) dengan rekomendasi dan statusnya.",
    "DokumenDievaluasi": "Hasil penilaian satu dokumen dalam sesi: revisi, monitoring, kriteria, temuan.",
}


def schema() -> dict:
    """Return the JSON Schema: a file is one of the kinds (kinds.py), chosen by `jenis` with if/then."""
    defs = TypeAdapter(Union[tuple(models())]).json_schema(ref_template="#/$defs/{model}")  # type: ignore[arg-type]
    defs = defs.get("$defs", {})
    descriptions = dict(_DESCRIPTIONS, **{k.model.__name__: k.schema for k in KINDS.values()})
    for name, definition in defs.items():
        definition.pop("description", None)
        if name in descriptions:
            definition["description"] = descriptions[name]
    _scalars_as_text(defs)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "petaproses",
        "description": "Berkas peta proses bisnis atau SOP AP petaproses (satu peta atau SOP per berkas).",
        "type": "object",
        "required": ["jenis"],
        "properties": {"jenis": {"enum": list(KINDS), "description": "Jenis berkas: " + ", ".join(KINDS) + "."}},
        "allOf": [{"if": {"properties": {"jenis": {"const": jenis}}, "required": ["jenis"]},
                   "then": {"$ref": f"#/$defs/{kind.model.__name__}"}} for jenis, kind in KINDS.items()],
        "$defs": defs,
    }


def _scalars_as_text(node: object) -> None:
    """Let free-text fields take any YAML scalar: petaproses keeps `nomor: 12` or `uraian: true` as the text
    written, while an editor's YAML parser hands the validator a number or a boolean; booleans take ya/tidak."""
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            if cur.get("type") == "string" and not {"pattern", "enum", "const", "format"} & cur.keys():
                cur["type"] = ["string", "number", "boolean"]
            elif cur.get("type") == "boolean":  # petaproses reads `ya`/`tidak` as true/false (scalars.py)
                del cur["type"]
                cur["anyOf"] = [{"type": "boolean"}, {"enum": sorted(FIELD_BOOL_FORMS)}]
                continue  # its new parts need no rewriting
            stack.extend(cur.values())
        elif isinstance(cur, list):
            stack.extend(cur)


def schema_text() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


WRITTEN_LIMIT = 16_000_000  # bytes of an existing file read to tell whether it is a schema we wrote (~0.1 MB)


def written_schema(path: Path) -> bool:
    """Return whether ``path`` is a regular file holding a schema `petaproses schema` wrote: `schema -o` writes
    such a file again without asking, anything else only with ``--timpa``."""
    from .state import read_regular

    raw = read_regular(path, WRITTEN_LIMIT)
    try:
        data = json.loads(raw) if raw is not None else None
    except (ValueError, RecursionError):  # not JSON, not UTF-8, nested past the parser's depth
        return False
    return isinstance(data, dict) and data.get("title") == "petaproses" and "$schema" in data and "$defs" in data


@functools.lru_cache(maxsize=1)
def _base() -> str:
    return json.dumps(schema())


def _one_of(values: list[str], description: str) -> dict:
    return {"enum": sorted(set(values)), "description": description}


def _id_or_list(values: list[str], description: str, null: bool = False) -> dict:
    one = _one_of(values, description)
    options = [one, {"type": "array", "items": one}] + ([{"type": "null"}] if null else [])
    return {"anyOf": options, "description": description}


def catalogue_ids(cat: Catalogue) -> dict:
    """Return what the catalogue schema lists of ``cat`` (the schema is made from this alone): positions,
    departments (their names and units), officials, the codes of its maps and every map's step ids."""
    ids: dict = {"codes": sorted(m.kode for m in cat.maps),
                 "steps": [[m.kode, *found] for m in cat.maps if (found := _flow_ids(m)) is not None]}
    org = cat.organisasi
    if org is not None:
        ids["org"] = {"actors": list(org.pelaksana), "pds": list(org.perangkat_daerah), "officials": list(org.pejabat),
                      "units": [[pd_id, pd.nama, list(pd.unit)] for pd_id, pd in org.perangkat_daerah.items()
                                if pd.unit]}
    return ids


def catalogue_schema(cat: Catalogue) -> dict:
    return _catalogue_schema(catalogue_ids(cat))


def _catalogue_schema(ids: dict) -> dict:
    """Return the schema with the catalogue's ids as choices: positions, departments (and their units),
    officials, the codes of its maps (suggested, not enforced), and every map's step ids (by its code)."""
    result = json.loads(_base())
    defs = result["$defs"]
    codes = ids["codes"]
    if "org" in ids:
        org = ids["org"]
        actors, pds, officials = org["actors"], org["pds"], org["officials"]
        kegiatan = defs["Kegiatan"]["properties"]
        kegiatan["pelaksana"] = _id_or_list(actors, kegiatan["pelaksana"].get("description", ""))
        for name in ("PetaLevel1", "PetaSubProses", "PetaLintasFungsi", "Sop"):
            props = defs[name]["properties"]
            props["perangkat_daerah"] = _one_of(pds, props["perangkat_daerah"].get("description", ""))
            if "pelaksana" in props:
                props["pelaksana"] = {"anyOf": [{"type": "array", "items": _one_of(actors, "Id jabatan pelaksana.")},
                                                {"type": "null"}], "description": props["pelaksana"].get("description")}
        sop = defs["Sop"]["properties"]
        for key, null in (("disahkan_oleh", False), ("diperiksa_oleh", True), ("dibuat_oleh", True)):
            sop[key] = _id_or_list(officials, sop[key].get("description", ""), null)
        result["allOf"] += [{"if": {"properties": {"perangkat_daerah": {"const": pd_id}}, "required": ["perangkat_daerah"]},
                             "then": {"properties": {"unit": {"anyOf": [_one_of(units, f"Unit kerja {name}."),
                                                                         {"type": "null"}]}}}}
                            for pd_id, name, units in org["units"]]
    for name in ("PetaLevel1", "PetaSubProses", "PetaLintasFungsi", "Sop"):
        props = defs[name]["properties"]
        props["induk"] = dict(copy.deepcopy(props["induk"]), examples=codes)
    defs["Kegiatan"]["properties"]["rincian"]["examples"] = codes
    defs["SubProses"]["properties"]["rincian"]["examples"] = codes
    defs["Sop"]["properties"]["keterkaitan"]["items"]["examples"] = codes
    result["allOf"] += [_steps_of(*found) for found in ids["steps"]]
    result["description"] += " Skema katalog ini: id dari berkas organisasi dan id langkah setiap berkas."
    return result


def _flow_ids(doc) -> tuple[str, list[str]] | None:
    found = doc.flow_items()
    if not found:
        return None
    key, items = found
    ids = [item.id for item in items if getattr(item, "id", None)]
    return (key, ids) if ids else None


def _steps_of(code: str, key: str, ids: list[str]) -> dict:
    """Return: in the file with ``code``, `ke` and `cabang` name one of its steps (or `selesai`)."""
    target = _one_of(ids, "Id langkah di berkas ini.")
    branch = _one_of(ids + ["selesai"], "Id langkah di berkas ini, atau 'selesai' (proses berakhir).")
    step = {"properties": {"ke": {"anyOf": [target, {"type": "array", "items": target}, {"type": "null"}]},
                           "cabang": {"anyOf": [{"type": "object", "additionalProperties": branch}, {"type": "null"}]}}}
    return {"if": {"properties": {"kode": {"const": code}}, "required": ["kode"]},
            "then": {"properties": {key: {"type": "array", "items": step}}}}


def catalogue_schema_text(cat: Catalogue) -> str:
    ids = catalogue_ids(cat)
    return _stamped(ids, _ids_key(ids))


def _stamped(ids: dict, key: bytes | None) -> str:
    """Return the catalogue schema's text with a ``$comment`` first (where sorted keys put it) that stamps
    it: the sha-256 of what made it (``key``) and of the text itself.  A refresh whose stamp matches need not
    make the schema again (~0.1 s for 1,000 SOPs); a file edited by hand or cut short does not match."""
    body = json.dumps(_catalogue_schema(ids), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    stamp = hashlib.sha256((key or b"") + body.encode("utf-8")).hexdigest()
    return body[:2] + f' "$comment": "{_STAMP_NOTE}{stamp}",\n' + body[2:]


def _is_current(data: bytes, key: bytes | None) -> bool:
    """Whether ``data`` (a schema file, untrusted) is the one ``key`` makes: its stamp matches its body."""
    if key is None:
        return False
    head, _, rest = data.partition(b"\n")
    line, _, tail = rest.partition(b"\n")
    found = _STAMP_LINE.fullmatch(line)
    body = head + b"\n" + tail
    return found is not None and head == b"{" and found[1].decode() == hashlib.sha256(key + body).hexdigest()


def _ids_key(ids: dict) -> bytes | None:
    maker = _maker()
    return None if maker is None else maker + json.dumps(ids, ensure_ascii=False, sort_keys=True).encode("utf-8")


@functools.lru_cache(maxsize=1)
def _maker() -> bytes | None:
    """Return a digest of what makes the schema: the sources it is made from, pydantic's and Python's
    versions; None (no stamp is trusted) when a source is not on disk or changed since this process loaded it."""
    import sys

    import pydantic

    here = Path(__file__).parent
    h = hashlib.sha256(f"{pydantic.VERSION} {sys.version}".encode())
    for name in SOURCES:
        try:
            h.update(b"\0" + name.encode() + b"\0" + (here / name).read_bytes())
        except OSError:  # a zipped install
            return None
    if SCHEMA_SOURCES_LOADED is None or schema_source_stats() != SCHEMA_SOURCES_LOADED:
        return None
    return h.digest()


def refresh_catalogue_schema(root: str | Path, cat: Catalogue, create: bool = False) -> Path | None:
    """Rewrite ``root``/.petaproses/skema.json when it exists (or ``create``) and its content changed.

    Best effort: a read-only catalogue keeps working, only without fresh ids in the editor.
    Returns the path written, else None.
    """
    from .atomic import write_atomic

    path = Path(root) / SCHEMA_FILE
    if cat.organisasi is None or not (create or path.is_file()):
        return None
    try:
        old = path.read_bytes() if path.is_file() else None
        ids = catalogue_ids(cat)
        key = _ids_key(ids)
        if old is not None and _is_current(old, key):
            return None
        data = _stamped(ids, key).encode("utf-8")
        if old == data:
            return None
        write_atomic(path, data)
    except OSError:
        return None
    return path
