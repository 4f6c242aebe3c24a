"""Loading one file: the reproducers of issues 15 and 17 (crashes, silent drops, English or misplaced messages).

Every case asserts the code, the line:column and the words of the message a user reads.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from pathlib import Path

import pytest

from petaproses import cli
from petaproses.build import check
from petaproses.load import load_document

from .conftest import FIXTURES

MINI_SOP = (FIXTURES / "mini" / "sop.yaml").read_text(encoding="utf-8")
ONE_LINE = re.compile(r"^[^\n]+:\d+:\d+: [a-z-]+: [^\n]+$")


def check_file(tmp_path: Path, raw: bytes | str, name: str = "uji.yaml"):
    """Check ``raw`` as one file of the mini catalogue; return its findings."""
    for f in ("organisasi.yaml", "logo.png"):
        shutil.copy(FIXTURES / "mini" / f, tmp_path / f)
    path = tmp_path / name
    path.write_bytes(raw.encode("utf-8") if isinstance(raw, str) else raw)
    _, problems = check([str(path)])
    for p in problems:
        assert ONE_LINE.match(p.format()), p.format()
    return problems


def edited(old: str, new: str) -> str:
    assert old in MINI_SOP
    return MINI_SOP.replace(old, new, 1)


# ------------------------------------------------------------------------------------------ issue 17 §4
@pytest.mark.parametrize("text, words", [
    ("!!bool", "!!bool"),
    ('!!int ""', "!!int"),
    ('!!float ""', "!!float"),
    ("!!timestamp x", "!!timestamp"),
    ("n: !!int " + "9" * 4301, "!!int"),
])
def test_tagged_scalars_are_findings_not_tracebacks(tmp_path, text, words):
    [p] = check_file(tmp_path, text + "\n")
    assert (p.code, p.line) == ("invalid-value", 1)
    assert words in p.message and "tidak sah" in p.message


def test_a_4301_digit_number_is_text_not_a_crash(tmp_path):
    [p] = check_file(tmp_path, "n: " + "9" * 4301 + "\n")
    assert p.code == "missing-key"  # the file is read; it only lacks 'jenis'


@pytest.mark.parametrize("text", ["~\n", "null\n", "---\nNULL\n", "# komentar\n~\n"])
def test_a_file_holding_only_null_is_reported(tmp_path, text):
    [p] = check_file(tmp_path, text)
    assert (p.code, p.line, p.column) == ("empty-file", 1, 1)


def test_control_character_is_located_on_its_line_in_indonesian(tmp_path):
    [p] = check_file(tmp_path, b"jenis: sop\nnama: a\033b\n")
    assert (p.code, p.line, p.column) == ("yaml-syntax", 2, 8)
    assert "U+001B" in p.message and "hapus karakter itu" in p.message
    assert "position" not in p.message and "unicode string" not in p.message


def test_control_character_after_multibyte_text_and_cr_line_ends(tmp_path):
    # libyaml reports a byte offset; the column counts characters, lines count \r as a break
    [p] = check_file(tmp_path, "jenis: sop\rnama: éé\x07\r".encode("utf-8"))
    assert (p.line, p.column) == (2, 9)


def test_deep_nesting_is_located(tmp_path):
    [p] = check_file(tmp_path, "jenis: sop\nkegiatan: " + "[" * 5000 + "]" * 5000 + "\n")
    assert (p.code, p.line) == ("yaml-syntax", 2) and "bersarang terlalu dalam" in p.message


def test_user_text_in_a_message_stays_on_one_line(tmp_path):
    problems = check_file(tmp_path, edited("kode: PD.UNIT.01", 'kode: "a\\nb\\u001b"'))
    [p] = [p for p in problems if p.code == "invalid-value"]
    assert r"'a\nb\u001b'" in p.message


# ------------------------------------------------------------------------------------------ exit codes
def test_a_crash_exits_3_never_1(tmp_path, monkeypatch, capsys):
    import petaproses.check

    def boom(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(petaproses.check, "check", boom)
    assert cli.main(["check", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert "galat internal" in err and "RuntimeError" in err


def test_tagged_garbage_through_the_command_exits_1(tmp_path, capsys):
    (tmp_path / "a.yaml").write_text("!!bool\n", encoding="utf-8")
    assert cli.main(["check", str(tmp_path / "a.yaml")]) == 1
    assert ":1:1: invalid-value:" in capsys.readouterr().out


# ------------------------------------------------------------------------------------------ issue 15
def test_colon_inside_uraian_says_quote_it_in_indonesian(tmp_path):
    [p] = check_file(tmp_path, edited("uraian: Memeriksa kelengkapan berkas", "uraian: Memeriksa berkas: KTP dan KK"))
    assert (p.code, p.line) == ("yaml-syntax", 31)
    assert 'uraian: "Memeriksa berkas: KTP dan KK"' in p.message
    assert "mapping" not in p.message and "allowed" not in p.message


def test_forgotten_list_dash_is_one_message(tmp_path):
    problems = check_file(tmp_path, edited("  - id: kembalikan\n", "    id: kembalikan\n"))
    [p] = problems
    assert (p.code, p.line, p.column) == ("duplicate-key", 39, 5)
    assert "'- '" in p.message and "terlupa" in p.message and "'  - id: kembalikan'" in p.message
    assert "hapus" not in p.message


def test_forgotten_list_dash_at_the_dash_column(tmp_path):
    [p] = check_file(tmp_path, edited("  - id: kembalikan\n", "  id: kembalikan\n"))
    assert (p.code, p.line, p.column) == ("yaml-syntax", 39, 3)
    assert "tidak diawali '- '" in p.message and "'  - id: kembalikan'" in p.message


def test_an_ordinary_duplicate_key_keeps_its_message(tmp_path):
    [p] = check_file(tmp_path, edited("nama: Nama Prosedur\n", "nama: Nama Prosedur\nnama: Lagi\n"))
    assert (p.code, p.line) == ("duplicate-key", 5) and "pertama di baris 4" in p.message


@pytest.mark.parametrize("old, new, line, words", [
    # one key indented 3 spaces among keys at 4: its own line, and the two levels it could join
    ("    pelaksana: kasubag_umum\n", "   pelaksana: kasubag_umum\n", 32, "menjorok 3 spasi"),
    # one key indented 5: read as the continuation of the line above
    ("    pelaksana: kasubag_umum\n", "     pelaksana: kasubag_umum\n", 32, "lanjutan nilai di baris 31"),
    ("  pembuatan: 2025-01-06", "   pembuatan: 2025-01-06", 10, "3 spasi seperti baris 9"),
])
def test_indentation_points_at_the_line_and_says_indentation(tmp_path, old, new, line, words):
    [p] = check_file(tmp_path, edited(old, new))
    assert (p.code, p.line) == ("yaml-syntax", line)
    assert words in p.message and "tanda kutip" not in p.message


@pytest.mark.parametrize("old, new, place, words", [
    ("    uraian: Memeriksa kelengkapan berkas", "    uraian:Memeriksa kelengkapan berkas", (31, 11),
     "setelah ':' harus ada spasi; tulis 'uraian: Memeriksa kelengkapan berkas'"),
    ("nama: Nama Prosedur", "nama:Nama Prosedur", (4, 5), "tulis 'nama: Nama Prosedur'"),
    ("    uraian: Memeriksa kelengkapan berkas", '    uraian: "Memeriksa" kelengkapan berkas', (31, 25),
     "ada teks setelah nilai yang sudah selesai"),
    ("    waktu: 30 menit\n", "    waktu: 30 menit\n    - x\n", (35, 5), "butir daftar '- ' sejajar dengan kunci di baris"),
    ("kegiatan:\n", "kegiatan\n", (21, 1), "tanda ': ' tidak ditemukan di baris ini"),
])
def test_common_slips_get_their_own_fix(tmp_path, old, new, place, words):
    [p] = check_file(tmp_path, edited(old, new))
    assert (p.code, p.line, p.column) == ("yaml-syntax", *place)
    assert words in p.message


def test_text_read_as_a_map_says_quote_it(tmp_path):
    # valid YAML (a one-key map), not a glued colon: the type message says how to keep it text
    [p] = check_file(tmp_path, edited("  - Peraturan Menteri", "  - https://jdih.go.id: Peraturan Menteri"))
    assert (p.code, p.line) == ("type-mismatch", 14)
    assert "setelah ':'" not in p.message
    assert 'beri tanda kutip: "https://jdih.go.id: Peraturan Menteri' in p.message


def test_cabang_as_a_list_shows_the_map_form(tmp_path):
    [p] = check_file(tmp_path, edited("      Lengkap: setujui\n      Tidak lengkap: kembalikan",
                                      "      - Lengkap: setujui\n      - Tidak lengkap: kembalikan"))
    assert (p.code, p.line) == ("type-mismatch", 37)
    assert "cabang: {Lengkap: setujui, Tidak lengkap: kembalikan}" in p.message


def test_cabang_as_a_list_of_ids_shows_an_example(tmp_path):
    [p] = check_file(tmp_path, edited("      Lengkap: setujui\n      Tidak lengkap: kembalikan",
                                      "      - setujui\n      - kembalikan"))
    assert "cabang: {Ya: id_langkah_a, Tidak: id_langkah_b}" in p.message


@pytest.mark.parametrize("date, words", [
    ("2025-02-30", "tanggal 2025-02-30 tidak ada: Februari 2025 hanya 28 hari"),
    ("2024-02-30", "Februari 2024 hanya 29 hari"),
    ("2025-13-06", "bulan 13 tidak ada"),
    ("2025-3-1", "YYYY-MM-DD (dua angka untuk bulan dan hari): 2025-03-01"),
    ("6 Jnauari 2025", "harus berupa tanggal YYYY-MM-DD"),  # "6 Januari 2025" is read (test_validate)
    ("20250106", "harus berupa tanggal YYYY-MM-DD"),
])
def test_dates_say_what_is_wrong(tmp_path, date, words):
    [p] = check_file(tmp_path, edited("pembuatan: 2025-01-06", f"pembuatan: {date}"))
    assert (p.code, p.line, p.column) == ("type-mismatch", 9, 14)
    assert words in p.message


def test_text_fields_keep_what_was_written():
    raw = edited("nomor: 060/01/SOP/2025", "nomor: 100.30").replace("nama: Nama Prosedur", "nama: 1e3")
    raw = raw.replace("output: Berkas diterima", "output: true").replace("waktu: 30 menit", "waktu: 01")
    doc, problems = load_document("uji.yaml", raw.encode("utf-8"))
    assert problems == [] and doc is not None
    assert (doc.nomor, doc.nama, doc.kegiatan[0].output, doc.kegiatan[1].waktu) == ("100.30", "1e3", "true", "01")
    assert doc.tanggal.pembuatan == dt.date(2025, 1, 6) and doc.tanggal.revisi is None
    assert doc.kegiatan[2].selesai is True


@pytest.mark.parametrize("value", ["yes", "1", "on", "y"])
def test_booleans_are_true_false_ya_or_tidak_only(tmp_path, value):
    [p] = check_file(tmp_path, edited("selesai: true", f"selesai: {value}"))
    assert (p.code, p.line) == ("type-mismatch", 44)
    assert f"harus ya atau tidak (true atau false), bukan teks '{value}'" in p.message


@pytest.mark.parametrize("value, expected", [("ya", True), ("Ya", True), ("tidak", False), ("true", True)])
def test_indonesian_booleans_in_boolean_fields(value, expected):
    from petaproses.load import load_document

    doc, problems = load_document("uji.yaml", edited("selesai: true", f"selesai: {value}").encode())
    assert problems == [] and doc.kegiatan[2].selesai is expected


@pytest.mark.parametrize("text, code, words", [
    ("jenis: sop\na: !foo x\n", "yaml-syntax", "tag YAML '!foo' tidak didukung"),
    ("jenis: sop\na: !!python/object/apply:os.system [ls]\n", "yaml-syntax", "tidak didukung"),
    ("jenis: sop\n<<: {a: b}\n", "yaml-syntax", "'<<'"),
    ("jenis: sop\n? [a, b]\n: c\n", "yaml-syntax", "kunci harus berupa teks"),
    ("jenis: sop\n---\njenis: sop\n", "yaml-syntax", "lebih dari satu dokumen"),
    ("jenis: sop\nnama: 'tidak ditutup\n", "yaml-syntax", "tanda kutip dibuka di sini"),
])
def test_odd_yaml_is_one_located_indonesian_finding(tmp_path, text, code, words):
    [p] = check_file(tmp_path, text)
    assert p.code == code and p.line == 2 and words in p.message


def test_many_files_are_parsed_in_workers_with_the_same_result(tmp_path):
    """Past catalogue.PARALLEL_FROM files the parsing is shared with a forked worker: the documents, the
    loader's findings (in order) and the positions they point at are those of parsing here."""
    import os
    import sys

    from petaproses import catalogue as catalogue_module
    from petaproses.catalogue import PARALLEL_FROM, load_catalogue

    from .conftest import PROCESSES

    root = tmp_path / "cat"
    shutil.copytree(PROCESSES, root)
    sops = sorted(root.rglob("sop*.yaml"))
    for k in range(PARALLEL_FROM // len(sops) + 1):  # enough copies of the sample SOPs to go past the threshold
        for sop in sops:
            shutil.copy(sop, sop.with_name(f"salinan{k}-{sop.name}"))
    (root / "setda" / "rusak.yaml").write_text("jenis: sop\nnama: [tidak ditutup\n", encoding="utf-8")
    (root / "setda" / "tanpa-jenis.yaml").write_text("nama: Tanpa jenis\n", encoding="utf-8")
    here_cat, here = load_catalogue([str(root)], None, jobs=1)
    pids = tmp_path / "pids"
    real = catalogue_module.load_document

    def recorded(path, raw):  # forked workers inherit it and say which process parsed each file
        with open(pids, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        return real(path, raw)

    catalogue_module.load_document = recorded
    try:
        there_cat, there = load_catalogue([str(root)], None, jobs=2)
    finally:
        catalogue_module.load_document = real
    parsers = set(pids.read_text(encoding="utf-8").split())
    # this process takes a share itself and one fork the rest
    assert sys.platform == "win32" or (len(parsers) == 2 and str(os.getpid()) in parsers)
    assert len(there_cat.sources) > PARALLEL_FROM
    assert there == here and any(p.code == "yaml-syntax" for p in here) and any(p.code == "missing-key" for p in here)
    assert [d.model_dump() for d in there_cat.maps] == [d.model_dump() for d in here_cat.maps]
    # a worker's documents cross as JSON (catalogue._Shipped) and are validated again here: the same fields
    # set as the parsed ones (what exclude_unset dumps), the same types, the same paths
    assert [d.model_dump(exclude_unset=True) for d in there_cat.maps] == \
        [d.model_dump(exclude_unset=True) for d in here_cat.maps]
    assert [type(d) for d in there_cat.maps] == [type(d) for d in here_cat.maps]
    assert [d.path for d in there_cat.maps] == [d.path for d in here_cat.maps]
    assert there_cat.organisasi.model_dump() == here_cat.organisasi.model_dump() and there_cat.reloaded == here_cat.reloaded
    doc = there_cat.maps[-1]
    assert doc._positions() == here_cat.maps[-1]._positions() and doc.loc("kegiatan", 0) != (1, 1)  # parsed again here


def test_a_document_whose_json_fails_again_is_parsed_here(tmp_path, monkeypatch):
    """A document from a worker that does not validate again from its JSON is parsed by this process: the
    same catalogue as parsing everything here."""
    from petaproses import catalogue as catalogue_module
    from petaproses.catalogue import PARALLEL_FROM, load_catalogue

    from .conftest import PROCESSES

    root = tmp_path / "cat"
    shutil.copytree(PROCESSES, root)
    sops = sorted(root.rglob("sop*.yaml"))
    for k in range(PARALLEL_FROM // len(sops) + 1):
        for sop in sops:
            shutil.copy(sop, sop.with_name(f"salinan{k}-{sop.name}"))
    here_cat, here = load_catalogue([str(root)], None, jobs=1)
    revived = []

    def refused(cls, text, path):  # what the parent does with a worker's document: here it always fails
        revived.append(path)
        return catalogue_module._REPARSE

    refused.__qualname__, refused.__module__ = "_revived", catalogue_module.__name__  # pickled by that name
    monkeypatch.setattr(catalogue_module, "_revived", refused)
    there_cat, there = load_catalogue([str(root)], None, jobs=2)
    assert sys.platform == "win32" or len(revived) > PARALLEL_FROM // 4
    assert there == here
    assert [d.model_dump(exclude_unset=True) for d in there_cat.maps] == \
        [d.model_dump(exclude_unset=True) for d in here_cat.maps]


def test_two_loads_at_once_each_get_their_own_files(tmp_path):
    """``serve`` loads in two threads at once (a rebuild, an evaluation request): the files handed to the
    workers are kept per call, so neither load sees the other's."""
    import sys
    import threading

    from petaproses.catalogue import PARALLEL_FROM, load_catalogue

    from .conftest import PROCESSES

    roots = []
    for label in ("Satu", "Dua"):
        root = tmp_path / label
        shutil.copytree(PROCESSES, root)
        sops = sorted(root.rglob("sop*.yaml"))
        for k in range(PARALLEL_FROM // len(sops) + 1):
            for sop in sops:
                text = sop.read_text(encoding="utf-8").replace("nama: ", f"nama: {label} ", 1)
                sop.with_name(f"salinan{k}-{sop.name}").write_text(text, encoding="utf-8")
        roots.append(root)
    alone = [sorted(d.nama for d in load_catalogue([str(r)], None, jobs=1)[0].maps) for r in roots]
    together: list = [None, None]

    def load(i: int) -> None:
        together[i] = sorted(d.nama for d in load_catalogue([str(roots[i])], None, jobs=2)[0].maps)

    interval = sys.getswitchinterval()
    threads = [threading.Thread(target=load, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert together == alone
    # each load shortens the process's switch interval while it parses its share: back as it was after both
    assert sys.getswitchinterval() == interval
    assert sum(n.startswith("Satu ") for n in alone[0]) >= PARALLEL_FROM and not any(n.startswith("Dua ") for n in alone[0])


@pytest.mark.parametrize("old, new, words", [
    ("pelaksana: staf_pelaksana      #", 'pelaksana: "Staf Pelaksana"      #', "bukan pengenal yang sah"),
    ("output: Berkas diterima", 'output: ""', "tidak boleh kosong: isi teksnya, atau tulis \"-\""),
])
def test_a_text_or_list_field_says_what_is_wrong_with_the_text_only(tmp_path, old, new, words):
    """A text that is not a valid id (or is empty) in a field that takes a text or a list: the text's own finding,
    not also "must be a list" at the same place (a text is allowed there)."""
    [p] = check_file(tmp_path, edited(old, new))
    assert p.code == "invalid-value" and words in p.message


# ------------------------------------------------------------------------------------------ review item 4
@pytest.mark.parametrize("old, new, hint", [
    ("pelaksana: kepala_dinas", "pelaksana: Kepala Dinas", "maksud Anda 'kepala_dinas'?"),
    ("pelaksana: kasubag_umum", "pelaksana: Kepala Subbagian Umum", "maksud Anda 'kasubag_umum'?"),  # by its name
    ("pelaksana: kasubag_umum", "pelaksana: Kasubag Keuangan", "maksud Anda 'kasubag_keuangan'?"),  # not in org
    ("disahkan_oleh: sekda ", "disahkan_oleh: Sekretaris Daerah ", "maksud Anda 'sekda'?"),
    ("perangkat_daerah: setda ", "perangkat_daerah: Sekretariat Daerah ", "maksud Anda 'setda'?"),
    ("pelaksana: kepala_dinas", "pelaksana: kepala_dinas, kasubag_umum",
     "tulis beberapa pelaksana sebagai daftar: pelaksana: [kepala_dinas, kasubag_umum]"),
])
def test_a_bad_identifier_suggests_the_one_meant(tmp_path, old, new, hint):
    [p] = check_file(tmp_path, edited(old, new))
    assert p.code == "invalid-value" and "bukan pengenal yang sah" in p.message, p.format()
    assert hint in p.message and "mis. kasubag_umum" not in p.message, p.message


@pytest.mark.parametrize("old, new, hint", [
    ("Tidak lengkap: kembalikan", "Tidak lengkap: Kembalikan", "maksud Anda 'kembalikan'?"),
    # no step is kembali_berkas: the ids there are, never an id that is not there (review O)
    ("Tidak lengkap: kembalikan", "Tidak lengkap: kembali-berkas",
     "tulis id salah satu langkah (terima, periksa, kembalikan, setujui)"),
])
def test_a_bad_step_id_suggests_its_identifier_form(tmp_path, old, new, hint):
    found = check_file(tmp_path, edited(old, new))
    assert [p.code for p in found] == ["invalid-value"] and hint in found[0].message, [p.format() for p in found]


# ------------------------------------------------------------------------------------------ review item 6
def test_every_missing_required_key_is_named_in_one_run(tmp_path):
    [p] = check_file(tmp_path, "jenis: sop\nkode: X.1\n")
    assert (p.code, p.line, p.column) == ("missing-key", 1, 1)
    for key in ("nama", "perangkat_daerah", "kegiatan", "nomor", "tanggal"):
        assert f"'{key}'" in p.message, p.message
    assert p.message.startswith("kunci wajib 'nama', 'perangkat_daerah',"), p.message


def test_missing_keys_of_two_steps_are_two_findings(tmp_path):
    raw = edited("    uraian: Menerima berkas permohonan\n", "").replace(
        "    uraian: Memeriksa kelengkapan berkas\n", "")
    found = check_file(tmp_path, raw)
    assert [(p.code, "'uraian'" in p.message) for p in found] == [("missing-key", True)] * 2, found


# ------------------------------------------------------------------------------------------ review item 5
def test_an_organisation_key_that_is_not_an_id_is_blamed_not_its_title(tmp_path):
    shutil.copytree(FIXTURES / "mini", tmp_path / "k")
    org = tmp_path / "k" / "organisasi.yaml"
    text = org.read_text(encoding="utf-8")
    org.write_text(text.replace("  kasubag_umum: Kepala", "  Kasubag_Umum: Kepala"), encoding="utf-8")
    _, problems = check([str(tmp_path / "k")])
    [p] = [p for p in problems if p.path == str(org)]
    line = text.splitlines().index("  kasubag_umum: Kepala Subbagian Umum") + 1
    assert (p.code, p.line, p.column) == ("invalid-value", line, 3), p.format()
    assert "kunci 'Kasubag_Umum'" in p.message and "maksud Anda 'kasubag_umum'?" in p.message, p.message
    assert "Kepala Subbagian Umum" not in p.message


def test_text_that_starts_with_a_dash_is_told_to_be_quoted(tmp_path):
    """PT Aceh writes each step "- Melakukan ...": YAML reads the dash as a list item, and the message said
    only that a '- ' stood in the wrong place."""
    raw = edited("    uraian: Memeriksa kelengkapan berkas", "    uraian: - Memeriksa kelengkapan berkas")
    [p] = check_file(tmp_path, raw)
    assert p.code == "yaml-syntax" and p.line == 31, p.format()
    assert 'uraian: "- Memeriksa kelengkapan berkas"' in p.message and "hapus tanda '-'" in p.message, p.message


# ------------------------------------------------------------------------------------------ review item 7
@pytest.mark.parametrize("old, new, key", [
    ("  revisi: null", "  revisi: -", "revisi"),
    ("nomor: 060/01/SOP/2025 ", "nomor: -   ", "nomor"),
])
def test_a_dash_for_none_says_how_to_write_none(tmp_path, old, new, key):
    raw = edited(old, new)
    [p] = check_file(tmp_path, raw)
    line = raw.splitlines().index(next(s for s in raw.splitlines() if s.startswith(new.rstrip()))) + 1
    assert (p.code, p.line, p.column) == ("yaml-syntax", line, new.index("-") + 1), p.format()
    assert f"'-' sebagai nilai '{key}'" in p.message and f"{key}: null" in p.message, p.message
    assert f'{key}: "-"' in p.message and "butir daftar ditulis di baris sendiri" not in p.message, p.message
