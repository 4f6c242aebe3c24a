"""The application matrix's .xlsx is written as text (render/xlsx.py) with the bytes openpyxl wrote for it.

The oracle below is the openpyxl code that wrote the workbook before (matriks.workbook_bytes up to this change):
every matrix of the sample catalogues and tables drawn by hypothesis (text with markup characters, spaces at
the ends, line breaks, non-ASCII, formula-like text; whole and decimal numbers; empty cells; no processes;
many applications) must give the same parts.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from petaproses.check import load
from petaproses.render import matriks, xlsx
from petaproses.render.docx_package import write_zip

ROOT = Path(__file__).resolve().parent.parent


def openpyxl_workbook(title: str, rows: list[list], register: list[list[str]], when: dt.datetime) -> bytes:
    """What matriks.workbook_bytes was: the workbook built and written by openpyxl."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    ws = wb.active
    ws.title = "Matriks"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(["Angka: jumlah langkah proses yang memakai aplikasi itu. [Aplikasi Umum]: aplikasi SPBE yang "
               "dipakai bersama (Perpres 95/2018 tentang SPBE, Pasal 36)."])
    ws.append([])
    head_fill = PatternFill("solid", fgColor="DDE4EE")
    for i, row in enumerate(rows):
        ws.append(row)
        r = 4 + i
        for c, value in enumerate(row, 1):
            cell = ws.cell(r, c)
            if isinstance(value, str):
                cell.data_type = "s"
            if i == 0:
                cell.font = Font(bold=True)
                cell.fill = head_fill
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif i == len(rows) - 1:
                cell.font = Font(bold=True)
            if c == 7 and isinstance(value, float):
                cell.number_format = "0.0"
    ws.freeze_panes = "D5"
    ws.auto_filter.ref = f"A4:{get_column_letter(len(rows[0]))}{3 + len(rows) - 1}"
    for c, width in enumerate([28, 18, 48, 16, 10, 12, 12] + [16] * (len(rows[0]) - len(matriks.HEAD)), 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    reg = wb.create_sheet("Aplikasi")
    reg.append(["Id", "Nama", "Pemilik", "Perangkat Daerah pemilik", "Aplikasi Umum", "Fungsi", "Diganti oleh",
                "URL", "Dipakai di proses"])
    for cell in reg[1]:
        cell.font, cell.fill = Font(bold=True), head_fill
    for j, values in enumerate(register):
        reg.append(values)
        for cell in reg[2 + j]:
            cell.data_type = "s"
    for c, width in enumerate([16, 48, 40, 20, 14, 40, 16, 32, 40], 1):
        reg.column_dimensions[get_column_letter(c)].width = width
    props = wb.properties
    props.creator, props.lastModifiedBy, props.title = "petaproses", "petaproses", title
    props.created = props.modified = when
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    return write_zip(entries, when)


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def assert_same_as_openpyxl(title: str, rows: list[list], register: list[list[str]], when: dt.datetime) -> None:
    import openpyxl

    ours = matriks.workbook_bytes(title, rows, register, when)
    theirs = openpyxl_workbook(title, rows, register, when)
    if openpyxl.__version__ != "3.1.5":  # app.xml names the version that wrote it: ours is 3.1.5's
        parts = _parts(theirs)
        parts["docProps/app.xml"] = parts["docProps/app.xml"].replace(
            f"Openpyxl {openpyxl.__version__}".encode(), b"Openpyxl 3.1.5")
        theirs = write_zip(parts, when)
    if ours != theirs:  # name the part that differs
        mine, other = _parts(ours), _parts(theirs)
        assert sorted(mine) == sorted(other)
        for name in mine:
            assert mine[name].decode() == other[name].decode(), name
    assert ours == theirs


@pytest.mark.parametrize("catalogue", ["processes", "tests/fixtures/nyata", "bench/onemap"])
def test_every_matrix_of_a_catalogue_is_the_workbook_openpyxl_wrote(catalogue):
    cat = load([str(ROOT / catalogue)]).cat
    pieces = matriks.catalogue_pieces(cat)
    assert pieces
    for _key, make in pieces:
        _name, title, rows, register, when = make.args
        assert_same_as_openpyxl(title, rows, register, when)


# text a cell may hold (openpyxl refused the characters XML cannot carry: those are tested on their own below)
_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x01\x02\x03\x04\x05\x06"
                              "\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d"
                              "\x1e\x1f\ufffe\uffff") | st.sampled_from("&<>\"' \t\r\n=+-@üé漢😀"), max_size=12)
_NUMBER = st.integers(0, 10_000) | st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 1))


@st.composite
def _matrix(draw):
    apps = draw(st.integers(0, 5))
    head = matriks.HEAD + [draw(_TEXT) or "app" for _ in range(apps)]
    body = [[draw(_TEXT), draw(_TEXT), draw(_TEXT), draw(_TEXT), draw(st.integers(0, 99)), draw(st.integers(0, 99)),
             draw(_NUMBER)] + [draw(st.none() | st.integers(1, 40)) for _ in range(apps)]
            for _ in range(draw(st.integers(0, 6)))]
    total = [matriks.TOTAL, None, None, None, draw(st.integers(0, 999)), draw(st.integers(0, 999)), None] + \
        [draw(st.integers(0, 9)) for _ in range(apps)]
    register = [[draw(_TEXT) for _ in range(9)] for _ in range(draw(st.integers(0, 4)))]
    when = draw(st.datetimes(dt.datetime(1980, 1, 1), dt.datetime(2099, 12, 31)))
    when = when.replace(microsecond=0)
    return "Matriks Proses dan Aplikasi " + draw(_TEXT), [head] + body + [total], register, when  # aplikasi.matrix


@settings(max_examples=150, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(_matrix())
def test_drawn_tables_give_the_workbook_openpyxl_wrote(drawn):
    assert_same_as_openpyxl(*drawn)


def test_characters_xml_cannot_hold_are_left_out_and_the_workbook_opens():
    from openpyxl import load_workbook

    rows = [matriks.HEAD, ["Dinas\x07", "K\x1b1", "Nama\x00 proses", "L", 1, 0, 0.0],
            [matriks.TOTAL, None, None, None, 1, 0, None]]
    data = matriks.workbook_bytes("Judul\x0b", rows, [["a\ufffe", "b", "", "", "Ya", "", "", "", ""]],
                                  dt.datetime(2025, 1, 2))
    wb = load_workbook(io.BytesIO(data))
    assert [c.value for c in wb["Matriks"][5]][:3] == ["Dinas", "K1", "Nama proses"]
    assert wb["Matriks"]["A1"].value == "Judul" and wb["Aplikasi"]["A2"].value == "a"
    # every text is a string cell, the title too (openpyxl made a title starting with "=" a formula)
    wb = load_workbook(io.BytesIO(matriks.workbook_bytes("=1+1", rows, [], dt.datetime(2025, 1, 2))))
    assert wb["Matriks"]["A1"].value == "=1+1" and wb["Matriks"]["A1"].data_type == "s"


def test_column_letters():
    assert [xlsx.column(i) for i in (1, 7, 26, 27, 52, 53, 702, 703)] == ["A", "G", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]
