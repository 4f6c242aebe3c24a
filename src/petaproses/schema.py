"""The JSON Schema of the authoring format, generated from the model (committed under schema/)."""

from __future__ import annotations

import json
from typing import Annotated, Union

from pydantic import Field, TypeAdapter

from .kinds import KINDS, models

SCHEMA_ID = "https://petaproses.example/schema/petaproses.schema.json"


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
    """Return the JSON Schema: one of the kinds of file (kinds.py), chosen by `jenis`."""
    any_file = Annotated[Union[tuple(models())], Field(discriminator="jenis")]  # type: ignore[valid-type]
    result = TypeAdapter(any_file).json_schema()
    descriptions = dict(_DESCRIPTIONS, **{k.model.__name__: k.schema for k in KINDS.values()})
    for name, definition in result.get("$defs", {}).items():
        definition.pop("description", None)
        if name in descriptions:
            definition["description"] = descriptions[name]
    result["$schema"] = "http://json-schema.org/draft-07/schema#"
    result["title"] = "petaproses"
    result["description"] = "Berkas peta proses bisnis atau SOP AP petaproses (satu peta atau SOP per berkas)."
    return result


def schema_text() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
