"""Every validation rule: a broken file gives the rule's code at the right line (and a fix where one is guessed)."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from petaproses.build import check
from petaproses.durations import parse_duration

from .conftest import FIXTURES, PROCESSES

SOP_HEAD = """\
jenis: sop
kode: UJI.01
nama: Prosedur Uji
nomor: 060/01/SOP/2025
perangkat_daerah: setda
tanggal: {pembuatan: 2025-01-06}
disahkan_oleh: sekda
"""


def run(tmp_path: Path, text: str, name: str = "uji.yaml", extra: dict[str, str] | None = None):
    shutil.copy(FIXTURES / "mini" / "organisasi.yaml", tmp_path / "organisasi.yaml")
    shutil.copy(FIXTURES / "mini" / "logo.png", tmp_path / "logo.png")
    (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    for other, body in (extra or {}).items():
        (tmp_path / other).write_text(textwrap.dedent(body), encoding="utf-8")
    _, problems = check([str(tmp_path)])
    return problems


def codes(problems) -> list[tuple[str, int]]:
    return [(p.code, p.line) for p in problems]


def test_sample_catalogue_is_clean():
    _, problems = check([str(PROCESSES)])
    assert [p.format() for p in problems] == []


def test_mini_fixture_is_clean():
    _, problems = check([str(FIXTURES / "mini")])
    assert problems == []


STEPS_OK = """\
kegiatan:
  - uraian: Menerima berkas
    pelaksana: staf_pelaksana
  - uraian: Menyetujui berkas
    pelaksana: kepala_dinas
"""


@pytest.mark.parametrize(
    "text, expected",
    [
        # malformed YAML: an unclosed quote
        (SOP_HEAD + 'peringatan: "tidak ditutup\n' + STEPS_OK, ("yaml-syntax", 8)),
        # tabs for indentation
        (SOP_HEAD + "kegiatan:\n\t- uraian: Menerima\n", ("yaml-syntax", 9)),
        # wrong type: a list where text is expected
        (SOP_HEAD + STEPS_OK.replace("pelaksana: kepala_dinas", "pelaksana: [kepala_dinas]"), ("type-mismatch", 12)),
        # a list where a map is expected
        ("- jenis: sop\n- kode: X\n", ("type-mismatch", 1)),
        # unknown key
        (SOP_HEAD + STEPS_OK + "    outptu: Berkas\n", ("unknown-key", 13)),
        # missing key (no uraian in the second step)
        (SOP_HEAD + "kegiatan:\n  - uraian: Menerima\n    pelaksana: staf_pelaksana\n  - pelaksana: kepala_dinas\n",
         ("missing-key", 11)),
        # duplicate key
        (SOP_HEAD + "nama: Lagi\n" + STEPS_OK, ("duplicate-key", 8)),
        # bad jenis
        ("jenis: sopp\nkode: X\n", ("invalid-value", 1)),
        # bad date
        (SOP_HEAD.replace("2025-01-06", "2025-13-06") + STEPS_OK, ("type-mismatch", 6)),
    ],
)
def test_shape_rules(tmp_path, text, expected):
    assert expected in codes(run(tmp_path, text))


def test_unknown_key_suggests_the_nearest(tmp_path):
    problems = run(tmp_path, SOP_HEAD + STEPS_OK + "    outptu: Berkas\n")
    [p] = [p for p in problems if p.code == "unknown-key"]
    assert (p.line, p.column) == (13, 5)
    assert "maksud Anda 'output'?" in p.message


def test_duplicate_key_names_the_first_line(tmp_path):
    [p] = run(tmp_path, SOP_HEAD + "nama: Lagi\n" + STEPS_OK)
    assert p.code == "duplicate-key" and "baris 3" in p.message


@pytest.mark.parametrize(
    "steps, expected",
    [
        # unknown pelaksana with a suggestion
        ("  - {uraian: Menerima, pelaksana: kasubag_umm}\n  - {uraian: Menyetujui, pelaksana: kepala_dinas}\n",
         ("unknown-pelaksana", 9)),
        # decision with one branch
        ("  - {id: a, uraian: Menerima, pelaksana: staf_pelaksana}\n"
         "  - {id: b, uraian: Memeriksa, pelaksana: kepala_dinas, cabang: {Ya: a}}\n", ("decision-branches", 10)),
        # branch to an unknown step
        ("  - {id: a, uraian: Menerima, pelaksana: staf_pelaksana}\n"
         "  - {id: b, uraian: Memeriksa, pelaksana: kepala_dinas, cabang: {Ya: c, Tidak: a}}\n", ("unknown-step", 10)),
        # unreachable step: the first ends, the second is never reached
        ("  - {uraian: Menerima, pelaksana: staf_pelaksana, selesai: true}\n"
         "  - {uraian: Menyetujui, pelaksana: kepala_dinas}\n", ("unreachable-step", 10)),
        # a cycle with no exit
        ("  - {id: a, uraian: Menerima, pelaksana: staf_pelaksana}\n"
         "  - {id: b, uraian: Meneruskan, pelaksana: kepala_dinas, ke: a}\n", ("no-path-to-end", 9)),
        # duplicate step ids
        ("  - {id: a, uraian: Menerima, pelaksana: staf_pelaksana}\n"
         "  - {id: a, uraian: Menyetujui, pelaksana: kepala_dinas}\n", ("duplicate-id", 10)),
        # durations that do not parse
        ("  - {uraian: Menerima, pelaksana: staf_pelaksana, waktu: sebentar}\n"
         "  - {uraian: Menyetujui, pelaksana: kepala_dinas}\n", ("invalid-duration", 9)),
        # activity that starts with the actor
        ("  - {uraian: Staf menerima berkas, pelaksana: staf_pelaksana}\n"
         "  - {uraian: Menyetujui, pelaksana: kepala_dinas}\n", ("actor-in-activity", 9)),
        # a loop back to the first step, which is drawn as the start terminator (warning)
        ("  - {id: a, uraian: Menerima, pelaksana: staf_pelaksana}\n"
         "  - {id: b, uraian: Memeriksa, pelaksana: kepala_dinas, cabang: {Ya: c, Tidak: a}}\n"
         "  - {id: c, uraian: Menyetujui, pelaksana: kepala_dinas}\n", ("loop-to-start", 10)),
        # one actor only (warning)
        ("  - {uraian: Menerima, pelaksana: staf_pelaksana}\n"
         "  - {uraian: Menyetujui, pelaksana: staf_pelaksana}\n", ("single-actor", 9)),
    ],
)
def test_flow_rules(tmp_path, steps, expected):
    assert expected in codes(run(tmp_path, SOP_HEAD + "kegiatan:\n" + steps))


def test_unknown_pelaksana_suggests(tmp_path):
    problems = run(tmp_path, SOP_HEAD + "kegiatan:\n  - {uraian: Menerima, pelaksana: kasubag_umm}\n"
                   "  - {uraian: Menyetujui, pelaksana: kepala_dinas}\n")
    [p] = [p for p in problems if p.code == "unknown-pelaksana"]
    assert "maksud Anda 'kasubag_umum'?" in p.message


def test_warnings_do_not_count_as_errors(tmp_path):
    problems = run(tmp_path, SOP_HEAD + "kegiatan:\n  - {uraian: Menerima, pelaksana: staf_pelaksana}\n"
                   "  - {uraian: Menyetujui, pelaksana: staf_pelaksana}\n")
    assert [p.level for p in problems] == ["peringatan"]


@pytest.mark.parametrize(
    "head, expected",
    [
        (SOP_HEAD.replace("perangkat_daerah: setda", "perangkat_daerah: setdaa"), ("unknown-perangkat-daerah", 5)),
        (SOP_HEAD.replace("disahkan_oleh: sekda", "disahkan_oleh: sekdaa"), ("unknown-pejabat", 7)),
        (SOP_HEAD + "unit: bagian_orgnisasi\n", ("unknown-unit", 8)),
        (SOP_HEAD + "keterkaitan: [TIDAK.ADA]\n", ("unresolved-link", 8)),
        (SOP_HEAD + "induk: TIDAK.ADA\n", ("unresolved-link", 8)),
    ],
)
def test_reference_rules(tmp_path, head, expected):
    assert expected in codes(run(tmp_path, head + STEPS_OK))


def test_links_between_levels(tmp_path):
    level1 = """\
    jenis: peta-level-1
    kode: UJI.L1
    nama: Peta Level 1
    perangkat_daerah: setda
    proses:
      - {id: a, kode: UJI.1, nama: Layanan, kategori: utama, rincian: UJI.1}
      - {id: b, kode: UJI.2, nama: Umum, kategori: pendukung, rincian: UJI.01}
    alur:
      - {dari: a, ke: c}
    """
    sub = """\
    jenis: peta-sub-proses
    kode: UJI.1.1
    nama: Sub
    perangkat_daerah: setda
    sub_proses:
      - {nama: Satu, rincian: UJI.9}
      - {nama: Dua}
    """
    problems = run(tmp_path, level1, "l1.yaml", {"sub.yaml": sub, "sop.yaml": SOP_HEAD + STEPS_OK})
    found = {(Path(p.path).name, p.code, p.line) for p in problems}
    assert ("l1.yaml", "unresolved-link", 6) in found  # UJI.1 does not exist
    assert ("l1.yaml", "unknown-step", 9) in found  # alur to an unknown process
    assert ("sub.yaml", "unresolved-link", 6) in found
    assert not any(p.line == 7 and Path(p.path).name == "l1.yaml" for p in problems)  # UJI.01 resolves


def test_duplicate_code_across_files(tmp_path):
    problems = run(tmp_path, SOP_HEAD + STEPS_OK, "a.yaml", {"b.yaml": SOP_HEAD + STEPS_OK})
    [p] = problems
    assert (Path(p.path).name, p.code, p.line) == ("b.yaml", "duplicate-id", 2)


def test_missing_organisation(tmp_path):
    (tmp_path / "uji.yaml").write_text(SOP_HEAD + STEPS_OK, encoding="utf-8")
    _, problems = check([str(tmp_path)])
    assert codes(problems) == [("missing-organisation", 1)]


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


def test_encoding_error_points_at_the_byte(tmp_path):
    (tmp_path / "bad.yaml").write_bytes("jenis: sop\nnama: Uji\nuraian: ab\xe9\n".encode("latin-1"))
    _, [p] = check([str(tmp_path / "bad.yaml")])
    assert (p.code, p.line, p.column) == ("encoding", 3, 11)


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
    ],
)
def test_durations_parse(text, low, high):
    d = parse_duration(text)
    assert d is not None and (d.low, d.high) == (low, high)


@pytest.mark.parametrize("text", ["sebentar", "2", "jam", "3-1 hari", "1 abad", "", "99999999999999999999 hari"])
def test_durations_refused(text):
    assert parse_duration(text) is None


def test_parent_must_be_a_higher_level_and_not_a_cycle(tmp_path):
    lf = """\
    jenis: peta-lintas-fungsi
    kode: UJI.LF
    nama: Lintas
    perangkat_daerah: setda
    induk: UJI.01
    kegiatan:
      - {uraian: Menerima, pelaksana: staf_pelaksana}
      - {uraian: Menyetujui, pelaksana: kepala_dinas}
    """
    sub_a = "jenis: peta-sub-proses\nkode: UJI.A\nnama: A\nperangkat_daerah: setda\ninduk: UJI.B\n" \
            "sub_proses:\n  - {nama: Satu}\n"
    sub_b = sub_a.replace("kode: UJI.A", "kode: UJI.B").replace("induk: UJI.B", "induk: UJI.A")
    problems = run(tmp_path, lf, "lf.yaml", {"sop.yaml": SOP_HEAD + STEPS_OK, "a.yaml": sub_a, "b.yaml": sub_b})
    found = {(Path(p.path).name, p.code, p.line) for p in problems}
    assert ("lf.yaml", "invalid-parent", 5) in found  # an SOP cannot be the parent of a map
    assert ("a.yaml", "invalid-parent", 5) in found and ("b.yaml", "invalid-parent", 5) in found


def test_missing_logo_is_a_warning(tmp_path):
    problems = run(tmp_path, SOP_HEAD + STEPS_OK)
    assert [p.code for p in problems] == []  # the mini organisation names no logo
    org = tmp_path / "organisasi.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("logo: logo.png", "logo: tidak-ada.png"), encoding="utf-8")
    _, problems = check([str(tmp_path)])
    assert [(p.code, p.level) for p in problems] == [("missing-logo", "peringatan")]
