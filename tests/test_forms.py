"""Monitoring (Tabel 7) and evaluation forms per department."""

from __future__ import annotations

import io

import docx

from petaproses.model import Sop
from petaproses.render import forms


def _text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def test_forms_list_every_sop_of_the_department(catalogue):
    out = forms.render_catalogue(catalogue)
    for pd_id in {d.perangkat_daerah for d in catalogue.maps if isinstance(d, Sop)}:
        sops = [d for d in catalogue.maps if isinstance(d, Sop) and d.perangkat_daerah == pd_id]
        monitoring = _text(out[f"{pd_id}/Formulir-Monitoring-SOP-{pd_id}.docx"])
        evaluation = _text(out[f"{pd_id}/Formulir-Evaluasi-SOP-{pd_id}.docx"])
        for sop in sops:
            assert sop.nama in monitoring and sop.kode in evaluation
        for heading in ("Penilaian terhadap penerapan", "Berjalan dengan baik", "Tidak berjalan dengan baik",
                        "Catatan hasil penilaian", "Tindakan yang harus diambil", "Paraf penilai"):
            assert heading in monitoring
        for criterion in forms.KRITERIA:
            assert criterion in evaluation
        assert "Padang Panjang, ....." in monitoring


def test_forms_are_deterministic(catalogue):
    assert forms.render_catalogue(catalogue) == forms.render_catalogue(catalogue)
