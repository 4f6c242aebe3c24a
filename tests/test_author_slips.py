"""Slips planning staff make (reviewer's round): each message names the fix in the author's own terms."""

from __future__ import annotations

import re

import pytest

from .test_loading import check_file, edited


# ---------------------------------------------------------------------------------------------------- dates
@pytest.mark.parametrize("date", ["06/01/2025", "6-1-2025", "6/1/2025", "06.01.2025"])
def test_day_month_year_dates_are_read_day_first_and_printed_as_written(tmp_path, date):
    """Review V (Dishub Sidoarjo): a decreed SOP dated "07-04-2014" was refused (the suggested 2014-04-07 then
    printed "7 April 2014", not as decreed); such a date is read day first, the Indonesian order, and printed as
    written, as a date with its month's name already is."""
    from petaproses.dates import WrittenDate
    from petaproses.texts import format_date

    assert check_file(tmp_path, edited("pembuatan: 2025-01-06", f"pembuatan: {date}")) == []
    day = WrittenDate.parse(date)
    assert day is not None and day.isoformat() == "2025-01-06" and format_date(day) == date


def test_day_month_year_that_is_no_date_says_why(tmp_path):
    [p] = check_file(tmp_path, edited("pembuatan: 2025-01-06", "pembuatan: 31/02/2025"))
    assert "maksud Anda" not in p.message and "tanggal 31/02/2025 tidak ada: Februari 2025 hanya 28 hari" in p.message
    [p] = check_file(tmp_path, edited("pembuatan: 2025-01-06", "pembuatan: 06/13/2025"))
    assert "bulan 13 tidak ada" in p.message
    for zero in ("00-00-2000", "00/01/2025", "01/00/2025"):  # accepted and printed as written (review W)
        [p] = check_file(tmp_path, edited("pembuatan: 2025-01-06", f"pembuatan: {zero}"))
        assert p.code == "type-mismatch" and "tidak ada" in p.message, (zero, p.message)


def test_date_message_lists_every_accepted_form(tmp_path):
    [p] = check_file(tmp_path, edited("pembuatan: 2025-01-06", "pembuatan: kemarin"))
    for form in ("YYYY-MM-DD", "YYYY-MM", "6 Januari 2025", "Agustus 2023"):
        assert form in p.message


def test_a_written_date_that_does_not_exist_says_why(tmp_path):
    [p] = check_file(tmp_path, edited("pembuatan: 2025-01-06", "pembuatan: 31 Februari 2025"))
    assert (p.code, p.line, p.column) == ("type-mismatch", 9, 14)
    assert "Februari 2025 hanya 28 hari" in p.message


def test_flat_date_keys_show_the_nested_form(tmp_path):
    raw = edited("tanggal:\n  pembuatan: 2025-01-06            # tanggal SOP selesai dibuat\n  revisi: null\n"
                 "  efektif: 2025-02-01\n",
                 "tanggal_pembuatan: 2025-01-06\ntanggal_revisi: null\ntanggal_efektif: 2025-02-01\n")
    problems = check_file(tmp_path, raw)
    unknown = [p for p in problems if p.code == "unknown-key"]
    assert [p.line for p in unknown] == [8, 9, 10]
    for p in unknown:
        assert "maksud Anda 'tanggal'" not in p.message
        assert "tanggal: {pembuatan: 2025-01-06, revisi: null, efektif: 2025-02-01}" in p.message


def test_a_date_where_the_date_map_belongs_shows_the_map(tmp_path):
    raw = edited("tanggal:\n  pembuatan: 2025-01-06            # tanggal SOP selesai dibuat\n  revisi: null\n"
                 "  efektif: 2025-02-01\n", "tanggal: 2025-01-06\n")
    [p] = check_file(tmp_path, raw)
    assert (p.code, p.line) == ("type-mismatch", 8)
    assert "tanggal: {pembuatan: 2025-01-06" in p.message


# ------------------------------------------------------------------------------ a branch to a step number
@pytest.mark.parametrize("target, code", [("1", "invalid-value"), ("langkah 1", "invalid-value"),
                                          ("langkah_1", "unknown-step"), ("Langkah ke-1", "invalid-value")])
def test_a_branch_to_a_step_number_is_told_that_steps_id(tmp_path, target, code):
    """Cilacap's author wrote "Tidak lengkap: langkah 1"; the hint was 'langkah_1', a step that is not there
    (review O). The step numbered is named by its id."""
    [p] = check_file(tmp_path, edited("Lengkap: setujui", f"Lengkap: '{target}'"))
    assert (p.code, p.line) == (code, 37)
    assert "bukan nomornya: langkah ke-1 ber-id 'terima'" in p.message and "langkah_1'?" not in p.message


def test_a_branch_to_no_step_lists_the_ids_there_are(tmp_path):
    [p] = check_file(tmp_path, edited("Lengkap: setujui", "Lengkap: pemohon"))
    assert (p.code, p.line) == ("unknown-step", 37)
    assert "tulis id salah satu langkah (terima, periksa, kembalikan, setujui)" in p.message


# ------------------------------------------------------------------------- text starting with '*' or '&'
@pytest.mark.parametrize("value", ["&menerima berkas", "*menerima berkas", "& menerima berkas",
                                   "*) coret yang tidak perlu"])
def test_text_starting_with_star_or_ampersand_is_to_be_quoted(tmp_path, value):
    [p] = check_file(tmp_path, edited("    uraian: Menerima berkas permohonan", f"    uraian: {value}"))
    assert p.line == 25 and p.column == 13
    assert "anchor" not in p.message and "alias" not in p.message
    assert f'uraian: "{value}"' in p.message and "tanda kutip" in p.message


def test_quoting_a_star_note_keeps_its_comment_outside(tmp_path):
    [p] = check_file(tmp_path, edited("    output: Berkas diterima",
                                      "    output: Berkas diterima\n    keterangan: *) coret yang tidak perlu  # dari"
                                      " formulir"))
    assert p.line == 30
    assert 'keterangan: "*) coret yang tidak perlu"  # dari formulir' in p.message


def test_a_real_anchor_still_says_anchors_are_not_supported(tmp_path):
    problems = check_file(tmp_path, edited("kegiatan:\n", "kegiatan: &langkah\n"))
    assert problems and "anchor" in problems[0].message


# ----------------------------------------------------------------- suggested fixes keep trailing comments
def test_a_quoted_fix_keeps_the_trailing_comment_outside_the_quotes(tmp_path):
    [p] = check_file(tmp_path, edited("nomor: 060/01/SOP/2025", "nomor: Nomor: 060/01/SOP/2025  "))
    assert (p.code, p.line) == ("yaml-syntax", 5)
    assert re.search(r'nomor: "Nomor: 060/01/SOP/2025" +# sesuai tata naskah dinas$', p.message), p.message


# ----------------------------------------------------------------------------- wording: no programmer terms
def test_a_step_is_named_by_its_number_and_id_not_by_an_index(tmp_path):
    [p] = check_file(tmp_path, edited("    uraian: Memeriksa kelengkapan berkas", "    uraian:"))
    assert (p.code, p.line, p.column) == ("type-mismatch", 31, 12)
    assert p.message.startswith("'kegiatan ke-2 (periksa).uraian' harus berupa teks")


def test_a_list_item_is_named_by_its_number(tmp_path):
    [p] = check_file(tmp_path, edited("  - Memahami tugas dan fungsi unit kerja", "  - [a, b]"))
    assert "'kualifikasi_pelaksana ke-1'" in p.message


def test_a_yaml_mapping_is_not_called_a_peta(tmp_path):
    [p] = check_file(tmp_path, edited("      Lengkap: setujui\n      Tidak lengkap: kembalikan",
                                      "      - setujui\n      - kembalikan"))
    assert "peta 'kunci" not in p.message and "kumpulan 'kunci: nilai'" in p.message
    assert "'kegiatan ke-2 (periksa).cabang'" in p.message


# ------------------------------------------------------------------------- non-breaking spaces from Word
def test_a_non_breaking_space_after_a_colon_is_named(tmp_path):
    [p] = check_file(tmp_path, edited("    uraian: Memeriksa", "    uraian:\u00a0Memeriksa"))
    assert (p.code, p.line, p.column) == ("yaml-syntax", 31, 12)
    assert "spasi tak terputus" in p.message and "Word" in p.message and "spasi biasa" in p.message


def test_a_non_breaking_space_as_indentation_is_named(tmp_path):
    [p] = check_file(tmp_path, edited("    pelaksana: kasubag_umum", "  \u00a0\u00a0pelaksana: kasubag_umum"))
    assert (p.code, p.line, p.column) == ("yaml-syntax", 32, 3)
    assert "spasi tak terputus" in p.message and "spasi biasa" in p.message


# ------------------------------------------------------------------------------ list items and keys
def test_a_dash_glued_to_the_key_says_a_space_is_missing(tmp_path):
    [p] = check_file(tmp_path, edited("  - id: periksa", "  -id: periksa"))
    assert (p.code, p.line, p.column) == ("yaml-syntax", 30, 3)
    assert "setelah tanda '-' harus ada spasi" in p.message and "'  - id: periksa'" in p.message
    assert "indentasi" not in p.message


def test_a_key_without_its_colon_is_reported_on_its_own_line(tmp_path):
    [p] = check_file(tmp_path, edited("  - id: periksa", "  - id periksa"))
    assert (p.code, p.line, p.column) == ("yaml-syntax", 30, 5)
    assert "'- id: periksa'" in p.message


def test_an_empty_branch_label_is_named(tmp_path):
    [p] = check_file(tmp_path, edited("      Lengkap: setujui", "      : setujui"))
    assert (p.code, p.line, p.column) == ("yaml-syntax", 37, 7)
    assert "label" in p.message and "kosong" in p.message and "indentasi" not in p.message


def test_a_comma_separated_text_where_a_list_goes_shows_the_list(tmp_path):
    [p] = check_file(tmp_path, edited("peralatan: [Komputer, Printer, ATK]", "peralatan: Komputer, Printer, ATK"))
    assert (p.code, p.line) == ("type-mismatch", 18)
    assert "peralatan: [Komputer, Printer, ATK]" in p.message
