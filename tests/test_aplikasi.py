"""The SPBE applications of the steps: the process x application matrix (CSV for Indonesian-locale Excel,
.xlsx), the SOP's Peralatan/Perlengkapan, and the register's own checks."""

from __future__ import annotations

import csv
import io
import shutil

from petaproses import aplikasi as apps
from petaproses.build import check
from petaproses.model import PetaLintasFungsi
from petaproses.render import matriks

from .conftest import PROCESSES


def _counts(doc) -> dict[str, int]:
    """Steps per application, read straight from the YAML model."""
    out: dict[str, int] = {}
    for step in doc.kegiatan:
        for app in set(step.aplikasi):
            out[app] = out.get(app, 0) + 1
    return out


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode()) and b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_the_sample_uses_the_named_applications(catalogue):
    register = catalogue.aplikasi.aplikasi
    for app in ("oss", "simbg", "sp4n_lapor", "srikandi"):
        assert app in register and register[app].umum and apps.usage(catalogue)[app], app
    internal = [a for a, x in register.items() if x.perangkat_daerah and apps.usage(catalogue)[a]]
    assert internal, "an application of the Pemda itself is used too"


def test_csv_opens_in_indonesian_excel_and_counts_steps(catalogue):
    files = matriks.render_catalogue(catalogue)
    for scope in [None] + apps.departments(catalogue):
        rows = _rows(files[f"matriks-aplikasi/{matriks.stem(scope)}.csv"])
        head, body, total = rows[0], rows[1:-1], rows[-1]
        assert head[:7] == matriks.HEAD and total[0] == matriks.TOTAL
        docs = [d for d in catalogue.maps if isinstance(d, PetaLintasFungsi)
                and (scope is None or d.perangkat_daerah == scope)]
        assert [r[1] for r in body] == [d.kode for d in docs]
        register = catalogue.aplikasi.aplikasi
        columns = {name: i for i, name in enumerate(head)}
        for doc, row in zip(docs, body):
            counts = _counts(doc)
            assert {a: int(row[columns[matriks.column_name(a, register[a])]]) for a in counts} == counts
            assert sum(1 for cell in row[7:] if cell) == len(counts)
            share = 100 * sum(1 for s in doc.kegiatan if s.aplikasi) / len(doc.kegiatan)
            assert row[6] == f"{share:.1f}".replace(".", ",") and "." not in row[6]
    assert files == matriks.render_catalogue(catalogue)  # the .xlsx too: same bytes for the same catalogue


def test_xlsx_reads_back_the_same_matrix(catalogue):
    from openpyxl import load_workbook

    m = apps.matrix(catalogue, "dpmptsp")
    data = matriks.xlsx_bytes(catalogue, m, matriks.build_time(None))
    wb = load_workbook(io.BytesIO(data))
    sheet = [list(r) for r in wb["Matriks"].iter_rows(min_row=4, values_only=True)]
    assert sheet == matriks.table(catalogue, m)
    assert wb["Matriks"].freeze_panes == "D5"
    used = {r[0] for r in wb["Aplikasi"].iter_rows(min_row=2, values_only=True)}
    assert used == {a for a, _ in m.apps} and {"oss", "simbg"} <= used


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    shutil.copytree(PROCESSES, tmp_path / "p")
    sop = tmp_path / "p" / "dpmptsp" / "sop05-informasi-perizinan.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("nama: Pelayanan Informasi Perizinan",
                                                           'nama: "=HYPERLINK(\\"http://contoh\\";\\"klik\\")"'),
                   encoding="utf-8")
    cat, problems = check([str(tmp_path / "p")])
    assert not [p for p in problems if p.is_error]
    m = apps.matrix(cat, "dpmptsp")
    rows = _rows(matriks.csv_bytes(cat, m))
    [cell] = [r[2] for r in rows if r[1] == "DPMPTSP.SOP.05"]
    assert cell.startswith("'=HYPERLINK")
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(matriks.xlsx_bytes(cat, m, matriks.build_time(None))))["Matriks"]
    [found] = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert found.data_type == "s" and found.value.startswith("=HYPERLINK")


def test_peralatan_lists_the_applications_once(catalogue):
    pbg = catalogue.by_code["DPMPTSP.SOP.01"]
    items = apps.peralatan(catalogue, pbg)
    assert items[:len(pbg.peralatan)] == pbg.peralatan
    assert items[len(pbg.peralatan):] == ["Aplikasi SIMBG (Sistem Informasi Manajemen Bangunan Gedung)"]
    info = catalogue.by_code["DPMPTSP.SOP.05"]
    assert apps.peralatan(catalogue, info) == info.peralatan  # no step names an application


def test_sop_document_prints_the_applications(catalogue):
    import zipfile

    from petaproses.render import sop_docx

    data = sop_docx.render(catalogue, catalogue.by_code["DPMPTSP.SOP.03"])["DPMPTSP.SOP.03.docx"]
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "Aplikasi OSS RBA (Online Single Submission Berbasis Risiko)" in xml


def test_matrices_from_rows_worked_out_once_are_the_same(catalogue):
    every = apps.process_rows(catalogue)
    assert [r.doc for r in every] == [d for d in catalogue.maps if isinstance(d, PetaLintasFungsi)]
    for scope in [None] + apps.departments(catalogue):
        alone = apps.matrix(catalogue, scope)
        assert apps.matrix(catalogue, scope, every) == alone and alone.rows
        assert all(scope is None or r.doc.perangkat_daerah == scope for r in alone.rows)
