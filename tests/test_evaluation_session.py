"""A session record made by `serve --evaluasi`: its code is one no other record has, its date the one its file is
named after.  A second session took the first's code (built from today's date), the browser said "disimpan" and
`check` then failed with duplicate-id (usability test U, repro 12)."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from petaproses.check import check
from petaproses.evaluation.api import PREFIX, TOKEN_HEADER, EvaluationApi
from petaproses.load import load_document

from .conftest import FIXTURES

FIRST = """jenis: evaluasi
kode: EVAL.SETDA.20261207
perangkat_daerah: setda
tanggal: 2026-12-07
dokumen: {}
"""


@pytest.mark.parametrize("name, kode, tanggal", [
    ("2027/2027-06-10-setda.yaml", "EVAL.SETDA.20270610", "2027-06-10"),  # the date the file is named after
    ("2026/sesi-kedua.yaml", "EVAL.SETDA.20261207.2", "2026-12-07"),  # today's, taken by the first session
    ("2026/2026-12-07-setda-lanjutan.yaml", "EVAL.SETDA.20261207.2", "2026-12-07"),
    ("2026/2026-02-30-setda.yaml", "EVAL.SETDA.20261207.2", "2026-12-07"),  # not a date: today's
])
def test_a_second_session_gets_a_code_of_its_own(tmp_path, name, kode, tanggal):
    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    (cat / "evaluasi" / "2026").mkdir(parents=True)
    (cat / "evaluasi" / "2026" / "2026-12-07-setda.yaml").write_text(FIRST, encoding="utf-8")
    session = cat / "evaluasi" / name
    api = EvaluationApi([str(cat)], session=session, today=lambda: dt.date(2026, 12, 7))
    body = json.dumps({"kode": "PD.UNIT.01", "langkah": "periksa", "uraian": "Batas waktu tidak jelas"}).encode()
    status, _, reply = api.handle("POST", PREFIX + "temuan", {TOKEN_HEADER: api.token,
                                                              "Content-Type": "application/json"}, body)
    assert status == 200, reply
    record, problems = load_document(str(session), session.read_bytes())
    assert problems == [] and (record.kode, record.tanggal.isoformat()) == (kode, tanggal)
    assert "dibuat oleh `petaproses serve --evaluasi` pada 2026-12-07" in session.read_text(encoding="utf-8")
    assert [p.format() for p in check([str(cat)])[1] if p.is_error] == []
