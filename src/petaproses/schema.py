"""The JSON Schema of the authoring format, generated from the model (committed under schema/)."""

from __future__ import annotations

import json
from typing import Annotated, Union

from pydantic import Field, TypeAdapter

from .model import Organisasi, PetaLevel1, PetaLintasFungsi, PetaSubProses, Sop

SCHEMA_ID = "https://petaproses.example/schema/petaproses.schema.json"


_DESCRIPTIONS = {
    "Organisasi": "Berkas organisasi: instansi, Perangkat Daerah, unit, jabatan pelaksana dan pejabat.",
    "PetaLevel1": "Peta proses bisnis level 1 (atau level 0): proses menurut kategori.",
    "PetaSubProses": "Peta sub proses: satu proses diuraikan menjadi sub proses.",
    "PetaLintasFungsi": "Peta lintas fungsi: kegiatan dalam lajur per pelaksana.",
    "Sop": "SOP Administrasi Pemerintahan (PermenPANRB 35/2012): bagian identitas dan bagian flowchart.",
    "Kegiatan": "Satu kegiatan; berurutan sesuai urutan tulis kecuali ada 'ke', 'cabang' atau 'selesai'.",
    "SubProses": "Satu sub proses; berurutan sesuai urutan tulis kecuali ada 'ke', 'cabang' atau 'selesai'.",
    "ProsesL1": "Satu proses pada peta level 1.",
    "Alur": "Alur dari satu proses ke proses lain.",
    "Tanggal": "Tanggal pembuatan, revisi dan efektif SOP.",
    "PemangkuKepentingan": "Pemangku kepentingan pemberi masukan dan penerima keluaran.",
    "PerangkatDaerah": "Satu Perangkat Daerah.",
    "Pejabat": "Pejabat penanda tangan.",
}


def schema() -> dict:
    """Return the JSON Schema: one of the five kinds of file, chosen by `jenis`."""
    any_file = Annotated[
        Union[Organisasi, PetaLevel1, PetaSubProses, PetaLintasFungsi, Sop], Field(discriminator="jenis")
    ]
    result = TypeAdapter(any_file).json_schema()
    for name, definition in result.get("$defs", {}).items():
        definition.pop("description", None)
        if name in _DESCRIPTIONS:
            definition["description"] = _DESCRIPTIONS[name]
    result["$schema"] = "http://json-schema.org/draft-07/schema#"
    result["title"] = "petaproses"
    result["description"] = "Berkas peta proses bisnis atau SOP AP petaproses (satu peta atau SOP per berkas)."
    return result


def schema_text() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
