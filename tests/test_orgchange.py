"""`petaproses ubah-jabatan`: the sample catalogue's pending change, rewritten byte for byte, and edge cases."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from petaproses.check import check
from petaproses.cli import main

from .conftest import ROOT

OLD, NEW = "kasubag_tata_laksana", "analis_tata_laksana"
RECORD = ("  - {tanggal: 2025-07-01, uraian: \"Jabatan Kepala Subbagian Pelayanan Publik dan Tata Laksana diganti dengan "
          "Analis Kebijakan Ahli Muda Bidang Tata Laksana\"}\n")


@pytest.fixture()
def catalogue(tmp_path, monkeypatch) -> Path:
    shutil.copytree(ROOT / "processes", tmp_path / "processes")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "processes"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _expected(before: str) -> str:
    """What the rewrite must give, derived line by line: ids swapped, the revision recorded, nothing else."""
    text = before.replace(OLD, NEW)
    lines = text.splitlines(keepends=True)
    out = []
    for line in lines:
        if line.startswith("tanggal: {"):
            if "revisi:" in line:
                line = re.sub(r"revisi: [^,}]+", "revisi: 2025-07-01", line)
            else:
                line = re.sub(r"(pembuatan: [0-9-]+)", r"\1, revisi: 2025-07-01", line)
            out += [line, "riwayat:\n", RECORD]
            continue
        out.append(line)
    return "".join(out)


def test_the_sample_change_touches_four_sops_in_two_departments_and_shows_a_diff_first(catalogue, capsys):
    _, before = check([str(catalogue)])
    removed = [p for p in before if p.code == "removed-pelaksana"]
    sops = {Path(p.path).name for p in removed if Path(p.path).name.startswith("sop")}
    departments = {Path(p.path).parent.name for p in removed if Path(p.path).name.startswith("sop")}
    assert len(sops) >= 4 and len(departments) >= 2, (sops, departments)
    untouched = _snapshot(catalogue)
    assert main(["ubah-jabatan", OLD, NEW, str(catalogue), "--tanggal", "2025-07-01"]) == 0
    out, err = capsys.readouterr()
    assert _snapshot(catalogue) == untouched  # no --tulis: nothing written
    assert f"-    pelaksana: {OLD}\n+    pelaksana: {NEW}\n" in out
    assert "+++ b/processes/setda/sop02-reviu-sop.yaml" in out and "--tulis" in err
    text = (catalogue / "setda" / "sop02-reviu-sop.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(text, 1) if "Kepala Subbagian Pelayanan Publik dan Tata Laksana" in t)
    assert (f"sop02-reviu-sop.yaml:{line}:13: teks kegiatan 3 uraian menyebut 'Kepala Subbagian Pelayanan Publik dan "
            "Tata Laksana'") in err


def test_the_rewrite_changes_only_the_ids_and_the_revision_record(catalogue, capsys):
    before = _snapshot(catalogue)
    assert main(["ubah-jabatan", OLD, NEW, str(catalogue), "--tanggal", "2025-07-01", "--tulis"]) == 0
    after = _snapshot(catalogue)
    changed = sorted(k for k in after if after[k] != before[k])
    assert changed == ["diskominfo/sop07-arsitektur-proses-bisnis-spbe.yaml", "dpmptsp/sop07-standar-pelayanan.yaml",
                       "organisasi.yaml", "setda/lf01-penataan-proses-bisnis-sop.yaml",
                       "setda/sop01-penyusunan-peta-proses-bisnis.yaml", "setda/sop02-reviu-sop.yaml"]
    for name in changed:
        old_text = before[name].decode("utf-8")
        if name == "organisasi.yaml":  # the removed post stays defined; only the team's member changes
            expected = old_text.replace(f"anggota: [pranata_komputer_muda, sandiman, {OLD}]",
                                        f"anggota: [pranata_komputer_muda, sandiman, {NEW}]")
        elif "/lf" in name:  # a map has no revision record
            expected = old_text.replace(OLD, NEW)
        else:
            expected = _expected(old_text)
        assert after[name].decode("utf-8") == expected, name
    # comments survive (the rewrite never re-emits the file)
    assert b"# langsung ke keputusan berikutnya" in after["setda/sop02-reviu-sop.yaml"]
    cat, problems = check([str(catalogue)])
    # the ids are gone; the step whose text names the old post is the author's to reword (not an id)
    assert [(Path(p.path).name, p.message.split(" menyebut")[0]) for p in problems
            if p.code == "removed-pelaksana" or p.is_error] == [("sop02-reviu-sop.yaml", "teks kegiatan 3 uraian")]
    sop = cat.by_code["SETDA.ORG.SOP.02"]
    assert sop.tanggal.revisi.isoformat() == "2025-07-01" and "diganti dengan Analis" in sop.riwayat[0].uraian
    # a second run finds nothing to do
    capsys.readouterr()
    assert main(["ubah-jabatan", OLD, NEW, str(catalogue), "--tulis"]) == 0
    assert _snapshot(catalogue) == after and "tidak ada berkas yang memakai" in capsys.readouterr().err


ORG = """jenis: organisasi
nama: Pemerintah Kota Contoh
perangkat_daerah:
  setda: {nama: Sekretariat Daerah, kepala: sekda, unit: {bagian_umum: Bagian Umum}}
pelaksana:
  staf: Staf Pelaksana
  kepala: Kepala Bagian Umum
  analis: Analis Kebijakan Ahli Muda
  kasubag:                          # dihapus pada penyetaraan jabatan
    nama: Kepala Subbagian Umum
    dihapus: 2023-01-02
    diganti_oleh: [analis, staf]    # tugasnya dibagi
pejabat:
  sekda: {jabatan: Sekretaris Daerah, nama: Nama, nip: "197001011990031001"}
"""

SOP = ("\ufeffjenis: sop\r\n"
       "kode: UJI.01\r\n"
       "nama: Prosedur Uji\r\n"
       "nomor: 060/01/SOP/2025\r\n"
       "perangkat_daerah: setda\r\n"
       "tanggal:\r\n"
       "  pembuatan: 2024-01-02   # selesai disusun\r\n"
       "  efektif: 2024-02-01\r\n"
       "riwayat:\r\n"
       "  - tanggal: 2024-06-01\r\n"
       "    uraian: Perbaikan waktu\r\n"
       "disahkan_oleh: sekda\r\n"
       "pelaksana: [staf, 'kasubag', kepala]\r\n"
       "kegiatan:\r\n"
       "  - uraian: Menerima berkas\r\n"
       "    pelaksana: staf\r\n"
       "  - uraian: Memaraf berkas\r\n"
       "    pelaksana: [\"kasubag\", analis]   # diparaf berjenjang\r\n"
       "  - uraian: Menyetujui berkas\r\n"
       "    pelaksana: kepala\r\n")


def test_crlf_bom_quotes_block_dates_and_a_chain_that_already_has_the_new_post(tmp_path, monkeypatch, capsys):
    (tmp_path / "k").mkdir()
    (tmp_path / "k" / "organisasi.yaml").write_text(ORG, encoding="utf-8")
    (tmp_path / "k" / "sop.yaml").write_bytes(SOP.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    assert main(["ubah-jabatan", "kasubag", "analis", "k", "--tanggal", "2025-07-01", "--tulis"]) == 0
    got = (tmp_path / "k" / "sop.yaml").read_bytes().decode("utf-8")
    want = (SOP.replace("'kasubag'", "'analis'")
            .replace("  efektif: 2024-02-01\r\n", "  efektif: 2024-02-01\r\n", 1)
            .replace("  pembuatan: 2024-01-02   # selesai disusun\r\n",
                     "  pembuatan: 2024-01-02   # selesai disusun\r\n  revisi: 2025-07-01\r\n")
            .replace("    uraian: Perbaikan waktu\r\n",
                     "    uraian: Perbaikan waktu\r\n  - {tanggal: 2025-07-01, uraian: \"Jabatan Kepala Subbagian "
                     "Umum diganti dengan Analis Kebijakan Ahli Muda\"}\r\n")
            .replace("[\"kasubag\", analis]", "analis"))
    assert got == want
    cat, problems = check(["k"])
    assert [p.format() for p in problems if p.is_error] == []
    assert [r.uraian for r in cat.by_code["UJI.01"].riwayat][-1].startswith("Jabatan Kepala Subbagian Umum")


def _with_dates(tmp_path, monkeypatch, tanggal: str) -> None:
    """A catalogue ``k`` in ``tmp_path`` (the current folder) whose SOP's dates are written ``tanggal``."""
    (tmp_path / "k").mkdir()
    (tmp_path / "k" / "organisasi.yaml").write_text(ORG, encoding="utf-8")
    sop = SOP.replace("\r\n", "\n").replace("\ufeff", "")
    start, end = sop.index("tanggal:"), sop.index("disahkan_oleh:")
    (tmp_path / "k" / "sop.yaml").write_text(sop[:start] + tanggal + sop[end:], encoding="utf-8")
    monkeypatch.chdir(tmp_path)


def test_a_block_date_with_only_its_creation_date_gets_revisi_then_riwayat(tmp_path, monkeypatch, capsys):
    """`tanggal:` in block style holding only `pembuatan` (as a blank-dated SOP is written, review S tester), and no
    `riwayat` yet: `revisi` and the new `riwayat` were both inserted at the end of the pembuatan line, the riwayat
    first, so `revisi` fell under its list; the rewrite was refused ("tidak dapat dibaca lagi")."""
    _with_dates(tmp_path, monkeypatch, "tanggal:\n  pembuatan: \"-\"   # dicetak titik-titik\n")
    assert main(["ubah-jabatan", "kasubag", "analis", "k", "--tanggal", "2025-07-01", "--tulis"]) == 0
    got = (tmp_path / "k" / "sop.yaml").read_text(encoding="utf-8")
    assert ("tanggal:\n  pembuatan: \"-\"   # dicetak titik-titik\n  revisi: 2025-07-01\nriwayat:\n"
            "  - {tanggal: 2025-07-01, uraian: ") in got, got
    assert [p.format() for p in check(["k"])[1] if p.is_error] == []


def test_a_later_revision_date_is_not_moved_back(tmp_path, monkeypatch, capsys):
    """Review U: an SOP revised on 2026-12-10 got `revisi: 2026-12-07` from an `ubah-jabatan` run on the 7th; the
    later date stays, the change is still recorded in `riwayat` on its own day."""
    _with_dates(tmp_path, monkeypatch, "tanggal: {pembuatan: 2025-01-06, revisi: 2026-12-10}\n")
    assert main(["ubah-jabatan", "kasubag", "analis", "k", "--tanggal", "2026-12-07", "--tulis"]) == 0
    got = (tmp_path / "k" / "sop.yaml").read_text(encoding="utf-8")
    assert "tanggal: {pembuatan: 2025-01-06, revisi: 2026-12-10}" in got and "{tanggal: 2026-12-07, uraian: " in got
    assert [p.format() for p in check(["k"])[1] if p.is_error] == []


@pytest.mark.parametrize("date", ["07-04-2026", "7/4/2026", "07.04.2026", "7 April 2026"])
def test_a_day_first_revision_date_is_read_day_first_and_written_as_given(tmp_path, monkeypatch, capsys, date):
    """Tester: `--tanggal 07-04-2026` was refused ("tanggal harus YYYY-MM-DD") where an SOP's own dates take it;
    it is read day first and written as given, so the SOP prints it so, as its other dates written so."""
    from petaproses.texts import format_date

    _with_dates(tmp_path, monkeypatch, "tanggal: {pembuatan: 2025-01-06}\n")
    assert main(["ubah-jabatan", "kasubag", "analis", "k", "--tanggal", date, "--tulis"]) == 0
    got = (tmp_path / "k" / "sop.yaml").read_text(encoding="utf-8")
    assert f"revisi: {date}}}" in got and f"{{tanggal: {date}, uraian: " in got, got
    assert f"tanggal revisi {date} dan riwayat" in capsys.readouterr().err
    cat, problems = check(["k"])
    assert [p.format() for p in problems if p.is_error] == []
    sop = cat.by_code["UJI.01"]
    assert sop.tanggal.revisi.isoformat() == "2026-04-07" and format_date(sop.tanggal.revisi) == date
    assert format_date(sop.riwayat[-1].tanggal) == date


@pytest.mark.parametrize("date, message", [
    ("31/02/2026", "tanggal 31/02/2026 tidak ada: Februari 2026 hanya 28 hari"),
    ("2026-02-30", "tanggal 2026-02-30 tidak ada: Februari 2026 hanya 28 hari"),
    ("07-13-2026", "tanggal 07-13-2026 tidak ada: bulan 13 tidak ada (hari/bulan/tahun)"),
    ("April 2026", "'April 2026' hanya bulan atau tahun; tulis tanggal lengkap dengan harinya"),
    ("besok", "tanggal harus YYYY-MM-DD (mis. 2026-04-07), hari dulu '07-04-2026' atau '7 April 2026', bukan 'besok'"),
])
def test_a_revision_date_that_is_no_day_says_why(catalogue, capsys, date, message):
    before = _snapshot(catalogue)
    with pytest.raises(SystemExit) as exit_:
        main(["ubah-jabatan", OLD, NEW, str(catalogue), "--tanggal", date, "--tulis"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and f"argumen --tanggal: {message}" in err and "Traceback" not in err, err
    assert _snapshot(catalogue) == before


@pytest.mark.parametrize("args, message", [
    (["kasubag_tata_laksanaa", NEW], "tidak dikenal di organisasi.yaml"),
    ([OLD, "analis_tata_laksanaa"], "pengganti 'analis_tata_laksanaa' tidak dikenal sebagai jabatan"),
    (["analis_tata_laksana", OLD], "sudah dihapus; pakai penggantinya: analis_tata_laksana"),
    (["analis_kelembagaan", NEW], "'analis_kelembagaan' belum diberi 'dihapus' di organisasi.yaml"),  # in use
])
def test_a_change_that_makes_no_sense_is_refused_without_writing(catalogue, capsys, args, message):
    before = _snapshot(catalogue)
    assert main(["ubah-jabatan", *args, str(catalogue), "--tulis"]) == 2
    assert message in capsys.readouterr().err
    assert _snapshot(catalogue) == before


@pytest.mark.parametrize("old, new, changed", [
    ("subbagian_tata_laksana", "bagian_organisasi", {"organisasi.yaml": "unit: bagian_organisasi}",
                                                     "sop.yaml": "unit: bagian_organisasi\n"}),
    ("kantor_lama", "setda", {"peta.yaml": "perangkat_daerah: setda\n"}),
])
def test_a_removed_unit_or_department_is_replaced_too(tmp_path, monkeypatch, old, new, changed):
    fixture = ROOT / "tests" / "rules" / "removed-unit" / "invalid-unit"
    for f in fixture.glob("*.yaml"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    monkeypatch.chdir(tmp_path)
    before = _snapshot(tmp_path)
    assert main(["ubah-jabatan", old, new, ".", "--tulis", "--tanggal", "2025-07-01"]) == 0
    after = _snapshot(tmp_path)
    assert sorted(k for k in after if after[k] != before[k]) == sorted(changed)
    for name, text in changed.items():
        body = after[name].decode()
        assert text in body and f": {old}\n" not in body and f": {old}}}" not in body
    _, problems = check(["."])
    assert [p.format() for p in problems if p.is_error] == []


def test_a_unit_induk_naming_the_replaced_unit_names_its_replacement(tmp_path, monkeypatch, capsys):
    """`unit_induk` is free text (printed in the SOP header): one that is the replaced unit's name (any case or
    spacing) gets the new unit's name, quoted as the place needs; another name, another department's unit and a
    removed unit keep theirs; `check` warned of it before and no more after."""
    fixture = ROOT / "tests" / "rules" / "removed-unit" / "invalid-unit"
    for f in fixture.glob("*.yaml"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    org = tmp_path / "organisasi.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace(
        "      bagian_organisasi: Bagian Organisasi\n",
        "      bagian_organisasi: Bagian Organisasi, Tata Laksana\n"
        "      subbag_a: {nama: Subbagian A, unit_induk: Subbagian Tata Laksana}\n"
        "      subbag_b:\n        nama: Subbagian B\n        unit_induk: 'SUBBAGIAN  TATA LAKSANA'   # kop\n"
        "      subbag_c: {nama: Subbagian C, unit_induk: Sekretariat}\n"
        "      subbag_d: {nama: Subbagian D, unit_induk: Subbagian Tata Laksana, dihapus: 2022-12-30}\n").replace(
        "pelaksana:\n", "  dinkes:\n    nama: Dinas Kesehatan\n    unit:\n"
        "      subbag_tu: {nama: Subbagian Tata Usaha, unit_induk: Subbagian Tata Laksana}\npelaksana:\n", 1),
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, problems = check(["."])
    assert sum("unit_induk" in p.message for p in problems if p.code == "removed-unit") == 2
    assert main(["ubah-jabatan", "subbagian_tata_laksana", "bagian_organisasi", ".", "--tulis",
                 "--tanggal", "2025-07-01"]) == 0
    out = "".join(capsys.readouterr())  # the diff, then what changed per file
    assert "unit_induk subbag_a, unit_induk subbag_b" in out
    text = org.read_text(encoding="utf-8")
    assert 'subbag_a: {nama: Subbagian A, unit_induk: "Bagian Organisasi, Tata Laksana"}' in text
    assert "        unit_induk: 'Bagian Organisasi, Tata Laksana'   # kop\n" in text
    assert "unit_induk: Sekretariat}" in text  # another name
    assert text.count("unit_induk: Subbagian Tata Laksana") == 2  # the removed unit's, the other department's
    _, problems = check(["."])
    assert [p.format() for p in problems if p.is_error or "unit_induk" in p.message] == []


def _marks(node, out: list) -> list:
    """Every node's kind, value and start/end offsets, lines and columns, depth first."""
    import yaml

    out.append((type(node).__name__, node.value if isinstance(node, yaml.ScalarNode) else None,
                node.start_mark.index, node.end_mark.index, node.start_mark.line, node.start_mark.column,
                node.end_mark.line, node.end_mark.column, bool(getattr(node, "flow_style", None))))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _marks(key, out)
            _marks(value, out)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _marks(item, out)
    return out


def test_the_fast_composer_marks_the_text_as_the_pure_python_one_does():
    """The rewrite edits the text at the composer's offsets: libyaml's (what ``_compose`` uses where built)
    count the characters of the text as the pure-Python composer's do, on every sample and fixture file and on
    the shapes that could differ (non-ASCII and astral characters, CRLF, block scalars, comments, quotes)."""
    import yaml

    from petaproses import yamledit

    texts = [p.read_bytes().decode("utf-8-sig") for folder in ("processes", "tests/fixtures")
             for p in sorted((ROOT / folder).rglob("*.yaml"))]
    texts += ['a: "é–x😀"\r\nb: [c, "d😀", e]\r\n', "k: |\n  blok é\n  teks\nm: 'it''s'\n",
              "k:\n- a   # catatan\n-   b\n- {x: 1, y: [2, 3]}\n", "pelaksana: [kasubag, 'kabag', \"staf\"]\n"]
    assert len(texts) > 40
    for text in texts:
        assert _marks(yamledit.compose(text), []) == _marks(yaml.compose(text, Loader=yaml.SafeLoader), []), text[:60]


def test_a_rewrite_check_would_refuse_is_not_written(catalogue, capsys):
    """Found by running it on odd input: a --catatan check refuses (too long, or bytes the shell could not decode:
    a traceback), and a file that is a symlink (replaced by a plain file, its target left as it was), were
    written.  The plan is checked on a copy first: what check would newly refuse stops it, nothing written."""
    before = _snapshot(catalogue)
    assert main(["ubah-jabatan", OLD, NEW, str(catalogue), "--tulis", "--catatan", "x" * 5000]) == 1
    err = capsys.readouterr().err
    assert "text-too-long" in err and "tidak ada berkas yang ditulis" in err and "Traceback" not in err
    assert main(["ubah-jabatan", OLD, NEW, str(catalogue), "--tulis", "--catatan", "bad\udcffbyte"]) == 2
    assert "tidak dapat disimpan dalam UTF-8" in capsys.readouterr().err
    sop = catalogue / "setda" / "sop02-reviu-sop.yaml"
    real = catalogue.parent / "di-luar.yaml"
    real.write_bytes(sop.read_bytes())
    sop.unlink()
    sop.symlink_to(real)
    assert main(["ubah-jabatan", OLD, NEW, str(catalogue), "--tulis"]) == 1
    assert "sop02-reviu-sop.yaml: berkas ini symlink" in capsys.readouterr().err
    assert sop.is_symlink() and {k: v for k, v in _snapshot(catalogue).items()} == before


def test_the_rewrite_keeps_each_files_permissions(catalogue, capsys):
    sop = catalogue / "setda" / "sop02-reviu-sop.yaml"
    sop.chmod(0o640)
    assert main(["ubah-jabatan", OLD, NEW, str(catalogue), "--tulis"]) == 0
    assert OLD not in sop.read_text(encoding="utf-8") and (sop.stat().st_mode & 0o777) == 0o640
    assert not list(catalogue.rglob("*.tmp"))


def test_files_named_are_the_only_ones_rewritten(catalogue, capsys):
    """JALUR was read only to find the catalogue: naming one SOP rewrote every file that used the position."""
    before = _snapshot(catalogue)
    one = catalogue / "setda" / "sop02-reviu-sop.yaml"
    assert main(["ubah-jabatan", OLD, NEW, str(one), "--tulis"]) == 0
    after = _snapshot(catalogue)
    changed = {k for k in before if before[k] != after[k]}
    assert changed <= {"setda/sop02-reviu-sop.yaml", "organisasi.yaml"} and "setda/sop02-reviu-sop.yaml" in changed


def test_the_peta_relasi_and_the_application_register_are_rewritten_too(tmp_path, monkeypatch, catalogue, capsys):
    """Found by running it: a position hidden in peta-relasi.yaml, and the department owning an application in
    aplikasi.yaml, kept the removed id (no note, and check did not say)."""
    org = catalogue / "organisasi.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace(
        "perangkat_daerah: dpmptsp, unit: bidang_pelayanan}",
        "perangkat_daerah: dpmptsp, unit: bidang_pelayanan, dihapus: 2025-01-01, diganti_oleh: petugas_bo}", 1),
        encoding="utf-8")
    assert "petugas_fo" in (catalogue / "peta-relasi.yaml").read_text(encoding="utf-8")
    assert main(["ubah-jabatan", "petugas_fo", "petugas_bo", str(catalogue), "--tulis"]) == 0
    assert "peta-relasi.yaml: sembunyikan 1: dari" in capsys.readouterr().err
    assert "{dari: petugas_bo, ke: tim_teknis}" in (catalogue / "peta-relasi.yaml").read_text(encoding="utf-8")
    # a department: the applications it owned (the fixture of the rule removed-unit, with a register added)
    fixture, small = ROOT / "tests" / "rules" / "removed-unit" / "invalid-unit", tmp_path / "kecil"
    small.mkdir()
    for f in fixture.glob("*.yaml"):
        (small / f.name).write_bytes(f.read_bytes())
    (small / "aplikasi.yaml").write_text("jenis: aplikasi\naplikasi:\n  lama:  # milik kantor yang dihapus\n"
                                         "    nama: Aplikasi Lama\n    perangkat_daerah: kantor_lama\n", encoding="utf-8")
    assert main(["ubah-jabatan", "kantor_lama", "setda", str(small), "--tulis", "--tanggal", "2025-07-01"]) == 0
    text = (small / "aplikasi.yaml").read_text(encoding="utf-8")
    assert "perangkat_daerah: setda\n" in text and "# milik kantor yang dihapus" in text


def test_removing_the_last_item_keeps_a_comment_before_it(catalogue, capsys):
    """`[a, b,  # note` then `c]` with c removed (b is its replacement): the comment went with the comma."""
    sop = catalogue / "setda" / "sop02-reviu-sop.yaml"
    text = sop.read_text(encoding="utf-8")
    lanes = next(line for line in text.splitlines() if line.startswith("pelaksana: ["))
    sop.write_text(text.replace(lanes, f"pelaksana: [kabag_org, pengadministrasi_org, opd, {NEW},  # paraf lalu analis"
                                       f"\n  {OLD}]"), encoding="utf-8")
    assert main(["ubah-jabatan", OLD, NEW, str(catalogue), "--tulis"]) == 0
    after = sop.read_text(encoding="utf-8")
    assert f"pelaksana: [kabag_org, pengadministrasi_org, opd, {NEW}  # paraf lalu analis\n  ]" in after
    _, problems = check([str(catalogue)])
    assert [p.format() for p in problems if p.is_error] == []


def test_a_list_that_must_stay_a_list_keeps_its_replacement_in_a_list(catalogue, capsys):
    """A team's members `[old, new]` became the text `new` (check wants a list there): the whole run was refused.
    The lanes, a team's members and a joint step's actors keep `[new]`."""
    org = catalogue / "organisasi.yaml"
    text = org.read_text(encoding="utf-8")
    members = next(line for line in text.splitlines() if line.strip().startswith("anggota:") and OLD in line)
    org.write_text(text.replace(members, f"    anggota: [{OLD}, {NEW}]"), encoding="utf-8")
    assert main(["ubah-jabatan", OLD, NEW, str(catalogue), "--tulis"]) == 0
    assert f"    anggota: [{NEW}]\n" in org.read_text(encoding="utf-8")
    _, problems = check([str(catalogue)])
    assert [p.format() for p in problems if p.is_error] == []


def test_a_file_of_old_macs_gets_its_own_line_breaks(tmp_path, monkeypatch, capsys):
    """CR only: the revision date went to the end of the file and the riwayat entry came with LF breaks."""
    (tmp_path / "k").mkdir()
    (tmp_path / "k" / "organisasi.yaml").write_text(ORG, encoding="utf-8")
    (tmp_path / "k" / "sop.yaml").write_bytes(SOP.replace("\r\n", "\r").encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    assert main(["ubah-jabatan", "kasubag", "analis", "k", "--tanggal", "2025-07-01", "--tulis"]) == 0
    got = (tmp_path / "k" / "sop.yaml").read_bytes().decode("utf-8")
    assert "\n" not in got and "  pembuatan: 2024-01-02   # selesai disusun\r  revisi: 2025-07-01\r" in got
    assert "  - {tanggal: 2025-07-01, uraian: \"Jabatan Kepala Subbagian Umum diganti dengan Analis Kebijakan Ahli Muda\"}\r" in got
    _, problems = check(["k"])
    assert [p.format() for p in problems if p.is_error] == []


def _replace_head(catalogue: Path, pejabat: bool = True) -> None:
    """Mark the Diskominfo head post removed, replaced by a new post (and, with ``pejabat``, its official)."""
    org = catalogue / "organisasi.yaml"
    text = org.read_text(encoding="utf-8").replace(
        "  kadis_kominfo: {nama: Kepala Dinas Komunikasi dan Informatika, perangkat_daerah: diskominfo}",
        "  kadis_kominfo: {nama: Kepala Dinas Komunikasi dan Informatika, perangkat_daerah: diskominfo, "
        "dihapus: 2026-07-01, diganti_oleh: kadis_kominfosan}\n"
        "  kadis_kominfosan: {nama: Kepala Dinas Kominfo dan Persandian, perangkat_daerah: diskominfo}")
    if pejabat:
        text += ("  kadis_kominfosan:\n    jabatan: Kepala Dinas Kominfo dan Persandian Kota Padang Panjang\n"
                 "    nama: Nama Baru, S.Kom.\n    nip: \"197611092002121006\"\n")
    org.write_text(text, encoding="utf-8")


def test_replacing_a_head_post_changes_who_signs_and_heads_the_department(catalogue, capsys):
    _replace_head(catalogue)
    _, before = check([str(catalogue)])
    signers = [p for p in before if p.code == "removed-pelaksana" and "disahkan_oleh: jabatan 'kadis_kominfo'" in p.message]
    assert len(signers) == 7 and all("ubah-jabatan kadis_kominfo kadis_kominfosan" in p.message for p in signers)
    assert any(p.message.startswith("kepala: jabatan 'kadis_kominfo'") for p in before)
    assert main(["ubah-jabatan", "kadis_kominfo", "kadis_kominfosan", str(catalogue), "--tanggal", "2026-07-02"]) == 0
    out, _ = capsys.readouterr()
    assert out.count("-disahkan_oleh: kadis_kominfo\n") == 7  # in the dry run too
    assert out.count("+disahkan_oleh: kadis_kominfosan\n") == 7
    assert "-    kepala: kadis_kominfo\n+    kepala: kadis_kominfosan\n" in out
    assert main(["ubah-jabatan", "kadis_kominfo", "kadis_kominfosan", str(catalogue), "--tanggal", "2026-07-02",
                 "--tulis"]) == 0
    cat, after = check([str(catalogue)])
    assert [p.format() for p in after if "kadis_kominfo'" in p.message or p.is_error] == []
    assert cat.organisasi.perangkat_daerah["diskominfo"].kepala == "kadis_kominfosan"
    assert {d.disahkan_oleh for d in cat.maps if d.perangkat_daerah == "diskominfo" and d.jenis == "sop"} == \
        {"kadis_kominfosan"}


def test_a_signer_without_an_official_entry_is_left_with_a_note(catalogue, capsys):
    _replace_head(catalogue, pejabat=False)
    assert main(["ubah-jabatan", "kadis_kominfo", "kadis_kominfosan", str(catalogue), "--tanggal", "2026-07-02"]) == 0
    out, err = capsys.readouterr()
    assert "+disahkan_oleh: kadis_kominfosan" not in out and "+    pelaksana: kadis_kominfosan" in out
    assert "'kadis_kominfosan' belum ada di 'pejabat'" in err


def test_merging_a_department_gives_its_sops_the_new_head_as_signer(catalogue, capsys):
    org = catalogue / "organisasi.yaml"
    text = org.read_text(encoding="utf-8").replace(
        "    kepala: kadis_dpmptsp\n", "    kepala: kadis_dpmptsp\n    dihapus: 2027-01-02\n    diganti_oleh: naker\n")
    text = text.replace("  inspektorat:\n", "  naker:\n    nama: Dinas Baru\n    kepala: kadis_naker\n  inspektorat:\n")
    text = text.replace("  pemohon: {", "  kadis_naker: {nama: Kepala Dinas Baru, perangkat_daerah: naker}\n  pemohon: {")
    text += "  kadis_naker:\n    jabatan: Kepala Dinas Baru\n    nama: Nama, S.H.\n    nip: \"197808242003122005\"\n"
    org.write_text(text, encoding="utf-8")
    _, before = check([str(catalogue)])
    assert any("'kadis_dpmptsp' adalah kepala perangkat daerah 'dpmptsp'" in p.message for p in before)
    assert main(["ubah-jabatan", "dpmptsp", "naker", str(catalogue), "--tanggal", "2027-01-02"]) == 0
    out, err = capsys.readouterr()
    assert out.count("-disahkan_oleh: kadis_dpmptsp\n") == out.count("+disahkan_oleh: kadis_naker\n") == 7
    assert "jabatan 'kadis_dpmptsp' (Kepala Dinas Penanaman Modal" in err and "sudah punya 'kadis_naker'" in err


def test_a_replacement_not_written_in_diganti_oleh_is_refused_without_paksa(catalogue, capsys):
    before = _snapshot(catalogue)
    assert main(["ubah-jabatan", OLD, "petugas_fo", str(catalogue), "--tulis"]) == 2
    assert "'petugas_fo' bukan pengganti 'kasubag_tata_laksana'" in capsys.readouterr().err
    assert _snapshot(catalogue) == before
    assert main(["ubah-jabatan", OLD, "petugas_fo", str(catalogue), "--paksa"]) == 0


def test_a_split_post_is_replaced_with_a_note_and_a_cycle_is_named(catalogue, capsys):
    org = catalogue / "organisasi.yaml"
    text = org.read_text(encoding="utf-8")
    org.write_text(text.replace("    diganti_oleh: analis_tata_laksana\n",
                                "    diganti_oleh: [analis_tata_laksana, analis_kinerja]\n"), encoding="utf-8")
    assert main(["ubah-jabatan", OLD, "analis_kinerja", str(catalogue)]) == 0
    assert "dibagi ke analis_tata_laksana, analis_kinerja" in capsys.readouterr().err
    org.write_text(text.replace("  analis_tata_laksana: {nama: Analis Kebijakan Ahli Muda Bidang Tata Laksana, ",
                                "  analis_tata_laksana: {dihapus: 2023-01-01, diganti_oleh: kasubag_tata_laksana, "
                                "nama: Analis Kebijakan Ahli Muda Bidang Tata Laksana, "), encoding="utf-8")
    assert main(["ubah-jabatan", OLD, NEW, str(catalogue)]) == 2
    err = capsys.readouterr().err
    assert "berputar (analis_tata_laksana -> kasubag_tata_laksana -> analis_tata_laksana)" in err
    _, problems = check([str(catalogue)])
    [cycle] = [p for p in problems if p.code == "replacement-cycle"]
    assert cycle.is_error and Path(cycle.path).name == "organisasi.yaml" and cycle.line > 1


def test_a_mistyped_old_id_gets_a_suggestion(catalogue, capsys):
    assert main(["ubah-jabatan", "kabid_perizinn", "kabid_pengaduan", str(catalogue)]) == 2
    assert "maksud Anda 'kabid_perizinan'?" in capsys.readouterr().err


def test_the_notes_after_a_write_point_at_the_lines_of_the_written_file(catalogue, capsys):
    """Review Z: `--tulis` adds the revision record above the steps, then pointed at a text to change by hand with
    the line it had before ("sop02-reviu-sop.yaml:42:13"; check said 44:13)."""
    capsys.readouterr()
    assert main(["ubah-jabatan", OLD, NEW, str(catalogue), "--tulis"]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if line.startswith("perhatian: ") and ".yaml:" in line]
    assert notes
    _, problems = check([str(catalogue)])
    said = {(p.path, p.line, p.column) for p in problems if p.code == "removed-pelaksana"}
    for note in notes:
        path, line, column = re.match(r"perhatian: (.+?):(\d+):(\d+): ", note).groups()
        assert (path, int(line), int(column)) in said, (note, sorted(said))
