"""Renderer "aplikasi": the process x application matrix, as CSV for Indonesian-locale Excel and as .xlsx.

For the Pemda (``matriks-aplikasi/Matriks-Aplikasi.{csv,xlsx}``) and per department
(``matriks-aplikasi/Matriks-Aplikasi-<pd>.{csv,xlsx}``).  A row per cross-functional map or SOP; a column per
application its steps use, holding how many of its steps use it.

CSV: Excel set to Indonesian reads ``;`` as the separator and ``,`` as the decimal mark, and takes the file
as UTF-8 only with a byte-order mark; lines end in CRLF.  The .xlsx is written as text (xlsx.py: the parts
openpyxl wrote, which the tests compare with it) and zipped with fixed timestamps, so that the same catalogue
gives the same bytes.  A text cell that Excel would run as a formula (starting with = + - @) is
kept as text in both.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from functools import partial
from typing import Callable

from .. import aplikasi as apps
from ..catalogue import Catalogue
from ..kinds import KINDS
from ..texts import decimal
from . import xlsx
from .docx_package import build_time, write_zip

FOLDER = "matriks-aplikasi"
HEAD = ["Perangkat Daerah", "Kode", "Nama proses", "Jenis", "Jumlah langkah", "Langkah beraplikasi",
        "Langkah beraplikasi (%)"]
TOTAL = "Jumlah proses yang memakai"


def stem(scope: str | None) -> str:
    return "Matriks-Aplikasi" if scope is None else f"Matriks-Aplikasi-{scope}"


def column_name(app_id: str, app) -> str:
    name = app.nama if app else app_id
    return name + (" [Aplikasi Umum]" if app is not None and app.umum else "")


def _safe(text: str) -> str:
    """Return ``text`` so that a spreadsheet never reads it as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def table(cat: Catalogue, m: apps.Matrix) -> list[list]:
    """Return the matrix as rows of cells (header first, totals last); numbers stay numbers."""
    rows: list[list] = [HEAD + [column_name(a, app) for a, app in m.apps]]
    for r in m.rows:
        rows.append([cat.department_name(r.doc), r.doc.kode, r.doc.nama, KINDS[r.doc.jenis].label, r.steps,
                     r.with_app, round(r.share, 1)] + [r.per_app.get(a) or None for a, _ in m.apps])
    rows.append([TOTAL, None, None, None, sum(r.steps for r in m.rows), sum(r.with_app for r in m.rows), None]
                + [sum(1 for r in m.rows if a in r.per_app) for a, _ in m.apps])
    return rows


def csv_bytes(cat: Catalogue, m: apps.Matrix) -> bytes:
    return csv_of(table(cat, m))


def csv_of(rows: list[list]) -> bytes:
    """Return the CSV of a matrix's ``table`` rows."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow(["" if v is None else decimal(v) if isinstance(v, float) else
                         str(v) if isinstance(v, int) else _safe(v) for v in row])
    return "\ufeff".encode("utf-8") + buf.getvalue().encode("utf-8")


def register_rows(cat: Catalogue, m: apps.Matrix, usage: dict[str, list[str]] | None = None) -> list[list[str]]:
    """Return the .xlsx's "Aplikasi" sheet: one row per application of the matrix (``usage``: apps.usage)."""
    usage = apps.usage(cat) if usage is None else usage
    codes = {r.doc.kode for r in m.rows}
    return [[a, app.nama if app else a, (app.pemilik or "") if app else "",
             (app.perangkat_daerah or "") if app else "", "Ya" if app and app.umum else "Tidak",
             (app.fungsi or "") if app else "", (app.diganti_oleh or "") if app else "",
             (app.url or "") if app else "", ", ".join(k for k in usage.get(a, []) if k in codes)]
            for a, app in m.apps]


def xlsx_bytes(cat: Catalogue, m: apps.Matrix, when: dt.datetime) -> bytes:
    return workbook_bytes(m.title, table(cat, m), register_rows(cat, m), when)


def workbook_bytes(title: str, rows: list[list], register: list[list[str]], when: dt.datetime) -> bytes:
    """Return the .xlsx of a matrix: made from these values only (the build keys it by them)."""
    head = (xlsx.FONT_BOLD, xlsx.FILL_HEAD, xlsx.ALIGN_TOP_WRAP, 0)
    bold = (xlsx.FONT_BOLD, 0, 0, 0)
    plain = (0, 0, 0, 0)
    table_rows = []
    for i, row in enumerate(rows):
        style = head if i == 0 else bold if i == len(rows) - 1 else plain
        table_rows.append([xlsx.Cell(v, style[:3] + (xlsx.NUMBER_ONE_DECIMAL,) if c == 7 and isinstance(v, float)
                                     else style) for c, v in enumerate(row, 1)])
    notes = [[xlsx.Cell(title, (xlsx.FONT_TITLE, 0, 0, 0))],
             [xlsx.Cell("Angka: jumlah langkah proses yang memakai aplikasi itu. [Aplikasi Umum]: aplikasi SPBE "
                        "yang dipakai bersama (Perpres 95/2018 tentang SPBE, Pasal 36).")], []]
    matrix = xlsx.Sheet("Matriks", notes + table_rows, [28, 18, 48, 16, 10, 12, 12] + [16] * (len(rows[0]) - len(HEAD)),
                        freeze="D5", autofilter=f"A4:{xlsx.column(len(rows[0]))}{3 + len(rows) - 1}")
    names = ["Id", "Nama", "Pemilik", "Perangkat Daerah pemilik", "Aplikasi Umum", "Fungsi", "Diganti oleh", "URL",
             "Dipakai di proses"]
    apps_sheet = xlsx.Sheet("Aplikasi", [[xlsx.Cell(n, (xlsx.FONT_BOLD, xlsx.FILL_HEAD, 0, 0)) for n in names]]
                            + [[xlsx.Cell(v) for v in values] for values in register],
                            [16, 48, 40, 20, 14, 40, 16, 32, 40])
    return write_zip(xlsx.parts([matrix, apps_sheet], title, "petaproses", when), when)


def applies(doc) -> bool:
    return False  # no file per document: one set for the whole catalogue


def catalogue_pieces(cat: Catalogue, **_options) -> list[tuple[str, Callable[[], dict[str, bytes]]]]:
    """Return (key, make) per matrix: its files are made from the values its key hashes, nothing else."""
    dates = [t for d in cat.maps if hasattr(d, "tanggal") and (t := d.tanggal.efektif or d.tanggal.pembuatan)]
    when = build_time(max(dates) if dates else None)
    rows = apps.process_rows(cat)  # once, not per matrix: it reads every map
    made_from = (when, [(r.doc.kode, r.doc.nama, r.doc.jenis, r.doc.perangkat_daerah, r.steps, r.with_app, r.per_app)
                        for r in rows])
    if _LAST[0] is cat.organisasi and _LAST[1] is cat.aplikasi and _LAST[2] == made_from:
        return list(_LAST[3])
    pieces = []
    usage = apps.usage(cat, rows)
    scopes = {}
    for scope in [None] + apps.departments(cat):
        m = apps.matrix(cat, scope, rows)
        # a matrix is made from its rows (each the same object while its map is), its columns, the organisation
        # (names), the register and the date alone: a rename remakes the Pemda's and one department's
        made = (cat.organisasi, cat.aplikasi, when, [a for a, _ in m.apps], m.rows)
        last = _SCOPES.get(scope)
        if last is not None and last[0] is made[0] and last[1] is made[1] and last[2:4] == made[2:4] and \
                len(last[4]) == len(m.rows) and all(a is b for a, b in zip(last[4], m.rows)):
            piece = last[5]
        else:
            values = (stem(scope), m.title, table(cat, m), register_rows(cat, m, usage), when)
            key = hashlib.sha256(json.dumps([FOLDER, *values[:4], when.isoformat()]).encode()).hexdigest()
            piece = (key, partial(_files, *values))
        scopes[scope] = (*made, piece)
        pieces.append(piece)
    _LAST[:] = [cat.organisasi, cat.aplikasi, made_from, pieces]
    _SCOPES.clear()  # the last call's matrices only
    _SCOPES.update(scopes)
    return list(pieces)


# [organisation, application register, what the matrices were made from, their pieces] of the last call: the
# pieces are a function of these alone; a process that builds again (`siaga`) reuses them after an edit that
# changes no process's code, name, kind, department, steps or applications, nor any date
_LAST: list = [None, None, None, []]
# scope -> (organisation, register, date, columns, rows, its piece) of the last call: after an edit that changes
# the rows of some matrices, the others are taken as they were (1,000 SOPs: 19 of 21 after a rename)
_SCOPES: dict[str | None, tuple] = {}


def _files(name: str, title: str, rows: list[list], register: list[list[str]], when: dt.datetime) -> dict[str, bytes]:
    return {f"{FOLDER}/{name}.csv": csv_of(rows), f"{FOLDER}/{name}.xlsx": workbook_bytes(title, rows, register, when)}


def render_catalogue(cat: Catalogue, **options) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for _key, make in catalogue_pieces(cat, **options):
        files.update(make())
    return files
