"""Checking as a whole: the sample catalogue is clean, bad input is one located finding, durations parse.

Each rule's own cases (positions, messages, levels) are fixtures under tests/rules/<code>/, run by
tests/test_rules.py with that rule alone.
"""

from __future__ import annotations

import pytest

from petaproses.build import check
from petaproses.durations import parse_duration

from .conftest import FIXTURES, PROCESSES


# the sample's warnings teach (issue 12): a pending organisation change, a revoked and an unamended citation,
# a decree cited without number and year; anything else is a regression
TEACHING = {"removed-pelaksana", "revoked-regulation", "missing-amendment", "unmatched-citation"}


def test_sample_catalogue_is_clean():
    _, problems = check([str(PROCESSES)])
    assert [p.format() for p in problems if p.is_error or p.code not in TEACHING] == []
    assert {p.code for p in problems} == TEACHING


def test_mini_fixture_is_clean():
    _, problems = check([str(FIXTURES / "mini")])
    assert problems == []


# ------------------------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    "raw, code",
    [
        (b"", "empty-file"),
        (b"# hanya komentar\n", "empty-file"),
        (b"jenis: sop\nnama: \xff\xfe\n", "encoding"),
        (b"a: &a [1,2]\nb: *a\n", "yaml-alias"),
        (b"jenis: sop\nkegiatan:\n\t- x\n", "yaml-syntax"),
        (b"[1, 2, 3]\n", "type-mismatch"),
        (b"just text\n", "type-mismatch"),
        (b"jenis: sop\n" + b"x" * 2_100_000 + b"\n", "file-too-large"),
    ],
)
def test_bad_input_is_located_not_a_crash(tmp_path, raw, code):
    (tmp_path / "bad.yaml").write_bytes(raw)
    _, problems = check([str(tmp_path / "bad.yaml")])
    assert [p.code for p in problems] == [code]
    assert problems[0].line >= 1 and problems[0].column >= 1


def test_billion_laughs_is_refused_quickly(tmp_path):
    import time

    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    _, problems = check([str(tmp_path / "bomb.yaml")])
    assert time.perf_counter() - start < 2
    assert problems and {p.code for p in problems} == {"yaml-alias"}
    assert problems[0].line == 1


def test_ten_megabyte_file(tmp_path):
    (tmp_path / "big.yaml").write_bytes(b"- " + b"a" * 10_000_000)
    _, [p] = check([str(tmp_path / "big.yaml")])
    assert p.code == "file-too-large"


# ------------------------------------------------------------------------------------------- durations
@pytest.mark.parametrize(
    "text, low, high",
    [
        ("15 menit", 15, 15),
        ("2 jam", 120, 120),
        ("1 hari", 450, 450),
        ("1 hari kerja", 450, 450),
        ("1-2 hari", 450, 900),
        ("1 s.d. 3 jam", 60, 180),
        ("0,5 jam", 30, 30),
        ("2 Hari Kerja", 900, 900),
        # as real SOPs write them (issue 10)
        ("1 jam 30 menit", 90, 90),
        ("1 jam dan 30 menit", 90, 90),
        ("2 jam kerja", 120, 120),
        ("1,5 jam", 90, 90),
        ("10x24 jam", 4500, 4500),  # the regulations' "ten times 24 hours": ten days
        ("1 x 24 jam", 450, 450),
        ("30 menit - 1 jam", 30, 60),
        ("1 (satu) hari", 450, 450),
        ("tiga hari", 1350, 1350),
        ("± 15 menit", 15, 15),
        ("14 hari kalender", 4500, 4500),  # 14 calendar days hold 10 working days
        # the short forms of real SOP tables
        ("5 HK", 2250, 2250),  # hari kerja
        ("3-4 HK", 1350, 1800),
        ("1 hr", 450, 450),
        ("30'", 30, 30),  # minutes
        ("15’", 15, 15),
        ("2 jm", 120, 120),
        ("2 mgg", 4500, 4500),
        ("1/2 jam", 30, 30),
        ("½ jam", 30, 30),
        ("1½ jam", 90, 90),
        ("1 1/2 jam", 90, 90),
        # a remark after the time
        ("1 hari kerja (setelah berkas lengkap)", 450, 450),
        ("14 hari kerja sejak berkas diterima", 6300, 6300),
        ("2 hari setelah diterima", 900, 900),
    ],
)
def test_durations_parse(text, low, high):
    d = parse_duration(text)
    assert d is not None and (d.low, d.high) == (low, high) and d.text == text
    assert d.per_item is None and not d.upper_bound


@pytest.mark.parametrize("text, minutes, item", [("15 menit/berkas", 15, "berkas"), ("15 menit per berkas", 15, "berkas"),
                                                 ("5 menit / permohonan", 5, "permohonan"), ("1 jam tiap orang", 60, "orang"),
                                                 ("30 menit/SP2D", 30, "sp2d")])
def test_per_item_durations_count_one_item(text, minutes, item):
    d = parse_duration(text)
    assert (d.low, d.high, d.per_item, d.upper_bound) == (minutes, minutes, item, False)


@pytest.mark.parametrize("text, minutes", [("paling lambat 17 hari kerja", 17 * 450), ("maksimal 2 jam", 120),
                                           ("selambat-lambatnya 3 hari", 1350), ("paling lama 30 menit", 30),
                                           # the regulations' wording (review V #6, KPP step g)
                                           ("Dalam jangka waktu satu bulan sejak tanggal diterimanya SPT", 22 * 450),
                                           ("dalam jangka waktu 1 bulan", 22 * 450),
                                           ("dalam waktu 3 hari kerja", 1350),
                                           ("dalam kurun waktu 14 hari kalender", 4500),
                                           # its short form, as real SOP tables write it
                                           ("dalam 3 hari", 1350), ("Dalam 2 jam", 120),
                                           ("dalam 3 hari kerja", 1350), ("dalam tiga hari", 1350)])
def test_upper_bounds_count_at_the_bound(text, minutes):
    d = parse_duration(text)
    assert (d.low, d.high, d.upper_bound) == (minutes, minutes, True)


@pytest.mark.parametrize("text", ["sebentar", "2", "jam", "3-1 hari", "1 abad", "", "99999999999999999999 hari",
                                  "2 jam/hari", "0 menit", "1-2", "setiap minggu", "sesuai kontrak",
                                  "2 jam (tentatif)", "(1 hari)", "1/0 jam", "24/7", "60''", "langsung",
                                  # "dalam" before something that is not a time stays prose
                                  "dalam 1 berkas", "dalam hari kerja", "dalam satu map", "dalam"])
def test_durations_refused(text):
    assert parse_duration(text) is None


@pytest.mark.parametrize("text, why", [("setiap saat", "seberapa sering"), ("setiap minggu", "seberapa sering"),
                                       ("pada hari dan jam kerja", "kapan"), ("sesuai kebutuhan", "ketentuan lain"),
                                       ("Sesuai kontrak", "ketentuan lain"), ("tentatif", "tidak tetap"),
                                       ("2 jam (tentatif)", "tidak tetap"), ("langsung", "segera"),
                                       ("saat itu juga", "segera"), ("1 bulan sekali", "seberapa sering"),
                                       ("per semester", "seberapa sering"), ("5 HK", None),
                                       ("sebentar", None), ("15 menit", None)])
def test_phrases_that_are_not_durations_are_named(text, why):
    from petaproses.durations import not_duration_reason

    found = not_duration_reason(text)
    assert (found is None) if why is None else (why in found)


@pytest.mark.parametrize("name, what", [("organisasi.yaml", "berkas organisasi"),
                                        ("peraturan.yaml", "register peraturan"),
                                        ("aplikasi.yaml", "register aplikasi")])
def test_a_second_organisation_or_register_is_refused(tmp_path, name, what):
    import shutil
    shutil.copytree(PROCESSES, tmp_path / "p")
    shutil.copy(tmp_path / "p" / name, tmp_path / "p" / f"zz-{name}")
    _, problems = check([str(tmp_path / "p")])
    found = [p for p in problems if p.code == "duplicate-id" and p.path.endswith(f"zz-{name}")]
    assert len(found) == 1 and f"{what} kedua" in found[0].message and name in found[0].message, found


def test_an_external_link_naming_a_catalogue_sop_hints_its_code(tmp_path):
    """keterkaitan by title: a title of an SOP in the catalogue gets its code as the fix; its own title does not."""
    import shutil
    shutil.copytree(PROCESSES, tmp_path / "p")
    sop = tmp_path / "p" / "setda" / "sop02-reviu-sop.yaml"
    sop.write_text(sop.read_text().replace(
        "keterkaitan: [SETDA.ORG.SOP.01]",
        "keterkaitan: [SETDA.ORG.SOP.01, SOP Penyusunan Peta Proses Bisnis Perangkat Daerah,"
        " Reviu Standar Operasional Prosedur Perangkat Daerah]"))
    _, problems = check([str(tmp_path / "p")])
    found = sorted(p.message for p in problems if p.code == "external-link" and p.path.endswith(sop.name))
    assert len(found) == 2, found
    own, other = found  # sorted: 'Reviu ...' (its own title) before 'SOP Penyusunan ...'
    assert "tanpa tautan" in own and "tulis kodenya 'SETDA.ORG.SOP.01'" in other


# ------------------------------------------------------------------------------------------- dates
def _dated(tmp_path, written: str):
    """The nyata catalogue with its two-step SOP's creation date written as ``written``, checked."""
    import shutil

    shutil.copytree(FIXTURES / "nyata", tmp_path / "cat")
    path = tmp_path / "cat" / "sop-dua-langkah.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("pembuatan: 2023-08", f"pembuatan: {written}"),
                    encoding="utf-8")
    cat, problems = check([str(tmp_path / "cat")])
    return cat, problems, path


@pytest.mark.parametrize("written, iso", [("Agustus 2023", "2023-08"), ("17 Agustus 2023", "2023-08-17"),
                                          ("Agt. 2023", "2023-08"), ("Nopember 2020", "2020-11"),
                                          ("2023-08", "2023-08"), ("2022", "2022"), ("'2022'", "2022"),
                                          ("16-Pebruari-2016", "2016-02-16"), ("16/Feb/2016", "2016-02-16"),
                                          ("09 Mei 2014", "2014-05-09"), ("18 APRIL 2015", "2015-04-18")])
def test_dates_as_sops_write_them(tmp_path, written, iso):
    """Real SOPs date themselves 'Agustus 2023' (3 of 14), or by the year alone (Kec. Pendopo Barat: 2022):
    read as the month, day or year it names, printed so."""
    cat, problems, path = _dated(tmp_path, written)
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    doc = next(d for d in cat.maps if d.path == str(path))
    assert doc.tanggal.pembuatan.isoformat() == iso
    from petaproses.texts import format_date

    if any(c.isalpha() for c in written):  # with its month's name: printed as written (reviews J, K)
        assert format_date(doc.tanggal.pembuatan) == " ".join(written.split())
        back = type(doc).model_validate_json(doc.model_dump_json())  # the check cache's round trip
        assert format_date(back.tanggal.pembuatan) == " ".join(written.split())
    if iso == "2022":

        assert format_date(doc.tanggal.pembuatan) == "2022"
        back = type(doc).model_validate_json(doc.model_dump_json())  # the check cache's round trip
        assert back.tanggal.pembuatan.year_only and back.tanggal.pembuatan.isoformat() == "2022"


@pytest.mark.parametrize("written, first", [
    ("4-6 Mei 2018", (2018, 5, 4)), ("4 s.d. 6 Mei 2018", (2018, 5, 4)), ("4 - 6 Mei 2018", (2018, 5, 4)),
    ("4–6 Mei 2018", (2018, 5, 4)), ("4 sampai dengan 6 Mei 2018", (2018, 5, 4)),
    # across two months or years
    ("30 April - 2 Mei 2018", (2018, 4, 30)), ("30 April-2 Mei 2018", (2018, 4, 30)),
    ("28 Desember 2017 s.d. 3 Januari 2018", (2017, 12, 28)), ("4 Mei 2018 - 6 Mei 2018", (2018, 5, 4))])
def test_a_creation_date_printed_as_a_day_range(tmp_path, written, first):
    """Disdukcapil Aceh Barat prints "Tanggal Pembuatan 4-6 Mei 2018" (review V #5): read, printed as written, its
    first day where dates are compared (the book's year, sorting), kept through the check cache and the editor;
    so is a range across months ("30 April - 2 Mei 2018") or years."""
    import datetime as _dt
    import json
    import pickle

    import jsonschema

    from petaproses.schema import schema_text
    from petaproses.texts import format_date

    cat, problems, path = _dated(tmp_path, written)
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    made = next(d for d in cat.maps if d.path == str(path)).tanggal.pembuatan
    day = _dt.date(*first)
    assert made.isoformat() == day.isoformat() and format_date(made) == written
    one = _dt.timedelta(days=1)
    assert sorted([day + one, made, day - one])[1] is made
    doc = next(d for d in cat.maps if d.path == str(path))
    back = type(doc).model_validate_json(doc.model_dump_json())  # the check cache's round trip
    assert format_date(back.tanggal.pembuatan) == written and back.tanggal.pembuatan == made
    assert format_date(pickle.loads(pickle.dumps(made))) == written
    schema = json.loads(schema_text())
    jsonschema.validate({"pembuatan": written}, {"$defs": schema["$defs"], **schema["$defs"]["Tanggal"]})


@pytest.mark.parametrize("written, said", [
    ("6-4 Mei 2018", "rentang tanggal '6-4 Mei 2018' terbalik: tulis hari pertama lebih dulu, '4-6 Mei 2018'"),
    ("4-32 Mei 2018", "rentang tanggal '4-32 Mei 2018' tidak ada: Mei 2018 hanya 31 hari"),
    ("28-30 Februari 2018", "Februari 2018 hanya 28 hari"),
    ("4-4 Mei 2018", "hanya satu hari; tulis '4 Mei 2018'"),
    ("2 Mei - 30 April 2018", "terbalik: tulis hari pertama lebih dulu, '30 April - 2 Mei 2018'"),
    ("28 Desember - 3 Januari 2018", "tulis tahunnya, '28 Desember 2017 - 3 Januari 2018'"),
    ("31 April - 2 Mei 2018", "tidak ada: April 2018 hanya 30 hari"),
    ("2 Mei - 2 Mei 2018", "hanya satu hari; tulis '2 Mei 2018'"),
    ("30 April - 2 Foo 2018", "'30 April - 2 Mei 2018'")])  # what is read is listed
def test_an_impossible_day_range_is_said_with_its_fix(tmp_path, written, said):
    import shutil

    shutil.copytree(FIXTURES / "nyata", tmp_path / "cat")
    path = tmp_path / "cat" / "sop-dua-langkah.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("pembuatan: 2023-08", f"pembuatan: {written}"),
                    encoding="utf-8")
    _, problems = check([str(tmp_path / "cat")])
    errors = [p for p in problems if p.is_error]
    assert len(errors) == 1 and errors[0].code == "type-mismatch" and said in errors[0].message, errors


def test_a_day_range_is_no_day_outside_the_identity():
    """Only the identity's dates may be a range: an evaluation's day, a unit's dissolution name one day."""
    from petaproses.dates import Day, WrittenDate

    for written in ("4-6 Mei 2018", "30 April - 2 Mei 2018"):
        assert WrittenDate.parse(written) is None and Day.parse(written) is None


def test_a_date_printed_blank_may_be_written_as_a_dash(tmp_path):
    """DIY's SOP prints "Tanggal Revisi -" (review K): "-" reads as a date left out, printed "-".  The date the SOP
    was made too (review S: DPUPR Badung prints "Tanggal Pembuatan ......."; review F wrote placeholder months for
    such blanks, an invented date in the document): its key is still required, so that a blank is written on
    purpose; the book, the BPMN export and `impor` of it cope with no date at all."""
    import shutil

    from petaproses.texts import format_revision

    shutil.copytree(FIXTURES / "nyata", tmp_path / "cat")
    path = tmp_path / "cat" / "sop-dua-langkah.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("efektif: 2023-09", 'revisi: "-", efektif: \u2013'),
                    encoding="utf-8")
    cat, problems = check([str(tmp_path / "cat")])
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    doc = next(d for d in cat.maps if d.path == str(path))
    assert doc.tanggal.revisi is None and doc.tanggal.efektif is None and format_revision(doc.tanggal) == "-"
    path.write_text(text.replace("pembuatan: 2023-08", 'pembuatan: "-"'), encoding="utf-8")
    cat, problems = check([str(tmp_path / "cat")])
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    assert next(d for d in cat.maps if d.path == str(path)).tanggal.pembuatan is None
    path.write_text(text.replace("  pembuatan: 2023-08\n", "").replace("pembuatan: 2023-08, ", ""), encoding="utf-8")
    _, problems = check([str(tmp_path / "cat")])
    assert [p.code for p in problems if p.is_error] == ["missing-key"], [p.format() for p in problems]
    import json

    import jsonschema

    from petaproses.schema import schema_text

    schema = json.loads(schema_text())  # the editor agrees: "-" for any of the dates, the key still required
    tanggal = {"$defs": schema["$defs"], **schema["$defs"]["Tanggal"]}
    jsonschema.validate({"pembuatan": "2023-08", "revisi": "-", "efektif": "\u2013"}, tanggal)
    jsonschema.validate({"pembuatan": "-"}, tanggal)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"revisi": "-"}, tanggal)


def test_an_sop_with_no_date_at_all_builds_its_book_and_round_trips(tmp_path):
    """Every date of every SOP of a department blank: the book has no year to print on its cover (it failed with
    "max() arg is an empty sequence"), the identity prints "-", and the BPMN export brings the blank back."""
    import shutil
    import zipfile

    from petaproses.build import build
    from petaproses.cli import main

    shutil.copytree(FIXTURES / "mini", tmp_path / "cat")
    sop = tmp_path / "cat" / "sop.yaml"
    text = sop.read_text(encoding="utf-8")
    sop.write_text(text.replace("  pembuatan: 2025-01-06", '  pembuatan: "-"').replace("  efektif: 2025-02-01",
                                                                                      '  efektif: "-"'),
                   encoding="utf-8")
    result = build([str(tmp_path / "cat")], str(tmp_path / "out"))
    assert not result.failed
    [book] = (tmp_path / "out").glob("*/Dokumen-SOP-*.docx")
    body = zipfile.ZipFile(book).read("word/document.xml").decode("utf-8")
    assert "TAHUN" not in body and "STANDAR OPERASIONAL PROSEDUR" in body
    # a dated one: the year on a line of its own, the space under it kept (a slip joined "[[spasi]]" to it)
    import io

    import docx as python_docx

    from petaproses.render import sop_book
    from petaproses.render.docx_style import load_style, templates_dir

    cat, _ = check([str(FIXTURES / "mini")])
    dated = next(d for d in cat.maps if d.jenis == "sop")
    cover = [p.text for p in python_docx.Document(io.BytesIO(sop_book.book_document(
        cat, dated.perangkat_daerah, [dated], load_style(templates_dir())))).paragraphs[:12]]
    assert cover[cover.index("TAHUN 2025") + 1] == "", cover
    [bpmn] = (tmp_path / "out").glob("*/PD.UNIT.01.bpmn")
    assert main(["impor", str(bpmn), "-o", str(tmp_path / "cat" / "kembali.yaml")]) == 0
    again = (tmp_path / "cat" / "kembali.yaml").read_text(encoding="utf-8")
    assert 'pembuatan: "-"' in again, again[:600]


def test_a_date_that_is_none_is_a_located_error(tmp_path):
    (tmp_path / "x.yaml").write_text("jenis: sop\nkode: X.1\nnama: X\ntanggal: {pembuatan: 31 Februari 2023}\n")
    _, problems = check([str(tmp_path / "x.yaml")])
    assert any(p.code == "type-mismatch" and "pembuatan" in p.message for p in problems), [p.format() for p in problems]


def test_a_folder_of_several_institutions_says_so_once_per_organisation_file():
    """Real SOPs of 24 institutions in one folder (tests/fixtures/publik): each organisation file after the
    first once brought a cascade of unknown ids for every file beside it (86 errors for the first ten); now one
    error per further organisation file, saying how many it stands for and how to check that one alone."""
    from petaproses.build import check
    from tests.conftest import FIXTURES

    folder = FIXTURES / "publik"
    _, problems = check([str(folder)])
    errors = [p for p in problems if p.is_error]
    seconds = [p for p in errors if p.code == "duplicate-id"]
    institutions = sum(1 for d in folder.iterdir() if (d / "organisasi.yaml").is_file())
    assert institutions >= 17 and len(seconds) == institutions - 1 and len(errors) == institutions - 1
    one = next(p for p in seconds if p.path.endswith("medan/organisasi.yaml"))
    assert "10 temuan id tak dikenal di folder ini tidak ditampilkan" in one.message
    assert f"petaproses check {folder / 'medan'} lalu petaproses build" in one.message
    # each institution alone: no error
    _, alone = check([str(folder / "medan")])
    assert not [p for p in alone if p.is_error]


def test_days_in_month_is_calendar_s():
    """dates.days_in_month stands for calendar.monthrange (a check imports neither calendar nor locale)."""
    import calendar

    from petaproses.dates import days_in_month

    for year in [*range(0, 2101), 2400, 9999, 12000]:
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1], (year, month)
