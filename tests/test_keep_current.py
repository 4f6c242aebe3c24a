"""The keep-current commands (`ubah-peraturan`, `ubah-jabatan`) and the keputusan, at their edges: block scalars,
comments, revocations still to come, files named, second runs, and a write that stops half way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from petaproses.cli import main

from .conftest import PROCESSES, ROOT

LKJIP = "setda/sop05-penyusunan-lkjip.yaml"
PERWAL48 = ("  - Peraturan Wali Kota Padang Panjang Nomor 48 Tahun 2024 tentang Sistem Kerja di Lingkungan Pemerintah "
            "Daerah\n")


@pytest.fixture()
def catalogue(tmp_path, monkeypatch) -> Path:
    shutil.copytree(ROOT / "processes", tmp_path / "processes")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PETAPROSES_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # 2026-05-28
    return tmp_path / "processes"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _revoke_perwal(catalogue: Path) -> None:
    _edit(catalogue / "peraturan.yaml", "  perwal_48_2024:\n", "  perwal_10_2026: {jenis: perwal, pembentuk: Padang "
          "Panjang, nomor: 10, tahun: 2026, judul: Sistem Kerja}\n  perwal_48_2024:\n"
          "    dicabut_oleh: perwal_10_2026\n")


def test_a_block_scalar_citation_is_left_to_the_author_and_the_next_one_is_kept(catalogue, capsys):
    _revoke_perwal(catalogue)
    sop = catalogue / LKJIP
    _edit(sop, PERWAL48, "  - perwal_10_2026\n  - >-\n    Perwal Padang Panjang Nomor 48 Tahun 2024\n"
          "  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n")
    assert main(["ubah-peraturan", "perwal_48_2024", "perwal_10_2026", str(sop), "--tulis"]) == 0
    err = capsys.readouterr().err
    after = sop.read_text(encoding="utf-8")
    assert "  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n" in after
    assert "  - >-\n    Perwal Padang Panjang Nomor 48 Tahun 2024\n" in after
    assert "dihapus" not in err
    assert f"{LKJIP}:15:5: dasar hukum ditulis sebagai teks beberapa baris; 'perwal_10_2026' sudah dikutip" in err


def test_removing_a_flow_item_takes_its_own_comment_with_it(catalogue, capsys):
    _revoke_perwal(catalogue)
    sop = catalogue / LKJIP
    _edit(sop, "dasar_hukum:\n" + "".join(sop.read_text(encoding="utf-8").split("dasar_hukum:\n")[1]
                                          .split("kualifikasi_pelaksana:")[0]),
          "dasar_hukum: [perwal_10_2026, uu_30_2014,\n  Perwal No 48/2024   # lama\n  ]\n")
    assert main(["ubah-peraturan", "perwal_48_2024", "perwal_10_2026", str(sop), "--tulis"]) == 0
    capsys.readouterr()
    after = sop.read_text(encoding="utf-8")
    assert "dasar_hukum: [perwal_10_2026, uu_30_2014\n  ]\n" in after
    assert "# lama" not in after


def test_removing_a_list_item_never_takes_the_next_items_line():
    from petaproses.yamledit import Text as _Text
    from petaproses.yamledit import compose as _compose
    from petaproses.yamledit import remove_item as _remove_item

    text = "l:\n  - a\n  - >-\n    b\n  - c\n  - 'd'\n\n  # e\n  - f\n"
    for value, expected in (("b", None), ("d", "l:\n  - a\n  - >-\n    b\n  - c\n\n  # e\n  - f\n"),
                            ("a", "l:\n  - >-\n    b\n  - c\n  - 'd'\n\n  # e\n  - f\n")):
        edit = _Text(text.encode())
        seq = _compose(edit.text).value[0][1]
        item = next(i for i in seq.value if i.value == value)
        assert _remove_item(seq, item, edit) is (expected is not None)
        assert edit.result().decode() == (expected or text)


def _revoke_pedoman(catalogue: Path) -> None:
    _edit(catalogue / "peraturan.yaml", "    judul: Pedoman Penyusunan Standar Operasional Prosedur Administrasi "
          "Pemerintahan\n", "    judul: Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan\n"
          "    dicabut_oleh: permenpanrb_12_2026\n    dicabut_tanggal: 2027-03-01\n"
          "  permenpanrb_12_2026:\n    jenis: permen\n    pembentuk: Pendayagunaan Aparatur Negara dan Reformasi "
          "Birokrasi\n    nomor: 12\n    tahun: 2026\n    judul: Pedoman Penyusunan SOP\n")


def _keputusan(catalogue: Path, department: str = "setda") -> dict:
    from petaproses.check import load
    from petaproses.render.sop_keputusan import keputusan_context

    cat = load([str(catalogue)]).cat
    return keputusan_context(cat, [s for s in cat.maps if s.perangkat_daerah == department and s.jenis == "sop"])


@pytest.mark.parametrize("epoch, cited, not_cited", [
    ("1803945600", "Nomor 12 Tahun 2026", "Nomor 35 Tahun 2012"),  # 2027-03-02: revoked the day before
    ("1780000000", "Nomor 35 Tahun 2012", "Nomor 12 Tahun 2026"),  # 2026-05-28: still in force
])
def test_menimbang_and_mengingat_cite_the_pedoman_in_force_once(catalogue, monkeypatch, epoch, cited, not_cited):
    _revoke_pedoman(catalogue)
    # the register's shared basis already rewritten to the successor (ubah-peraturan without JALUR)
    _edit(catalogue / "peraturan.yaml", "permenpanrb_35_2012, permenpanrb_7_2022", "permenpanrb_12_2026, "
          "permenpanrb_7_2022")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    for department in ("setda", "diskominfo"):
        ctx = _keputusan(catalogue, department)
        assert cited in ctx["pedoman_sop"] and not_cited not in ctx["pedoman_sop"]
        pedoman = [d for d in ctx["dasar_hukum"] if "Pendayagunaan" in d and "Pedoman Penyusunan S" in d]
        assert len(pedoman) == 1 and cited in pedoman[0], ctx["dasar_hukum"]


def test_a_revocation_that_took_effect_then_one_still_to_come_stops_at_the_one_governing(catalogue):
    from petaproses.check import load
    import datetime as dt

    _revoke_pedoman(catalogue)
    _edit(catalogue / "peraturan.yaml", "  permenpan_21_2008:\n",
          "  permenpan_21_2008:\n    dicabut_tanggal: 2012-06-01\n")
    reg = load([str(catalogue)]).cat.peraturan
    assert reg.in_force("permenpan_21_2008", dt.date(2026, 5, 28)) == "permenpanrb_35_2012"
    assert reg.in_force("permenpanrb_12_2026", dt.date(2026, 5, 28)) == "permenpanrb_35_2012"
    assert reg.in_force("permenpan_21_2008", dt.date(2027, 3, 2)) == "permenpanrb_12_2026"


def test_files_named_leave_the_registers_shared_basis_with_a_note(catalogue, capsys):
    _revoke_pedoman(catalogue)
    register = (catalogue / "peraturan.yaml").read_bytes()
    sop = catalogue / "setda" / "sop02-reviu-sop.yaml"
    assert main(["ubah-peraturan", "permenpanrb_35_2012", "permenpanrb_12_2026", str(sop), "--tulis"]) == 0
    err = capsys.readouterr().err
    assert (catalogue / "peraturan.yaml").read_bytes() == register
    assert "peraturan.yaml:10:" in err and "dasar_keputusan masih mengutip 'permenpanrb_35_2012'" in err
    assert "1 berkas ditulis" in err and "Nomor 12 Tahun 2026" in sop.read_text(encoding="utf-8")
    # named too, the register follows
    assert main(["ubah-peraturan", "permenpanrb_35_2012", "permenpanrb_12_2026", str(catalogue / "peraturan.yaml"),
                 "--tulis"]) == 0
    assert "permenpanrb_12_2026, permenpanrb_7_2022" in (catalogue / "peraturan.yaml").read_text(encoding="utf-8")


def test_a_second_run_does_not_flag_the_revision_notes_the_first_wrote(catalogue, capsys):
    _revoke_perwal(catalogue)
    sop = catalogue / LKJIP
    for command in (["ubah-peraturan", "perwal_48_2024", "perwal_10_2026"],
                    ["ubah-jabatan", "kasubag_tata_laksana", "analis_tata_laksana"]):
        assert main([*command, str(catalogue), "--tulis"]) == 0
        capsys.readouterr()
        assert "riwayat" in sop.read_text(encoding="utf-8") or command[0] == "ubah-jabatan"
        # the next run: a file named by hand still holding the old id, and the riwayat naming the old one
        assert main([*command, str(catalogue)]) == 0
        notes = [n.split(": ")[1] for n in capsys.readouterr().err.splitlines() if "menyebut" in n]
        for note in notes:  # prose still naming it (sp04's deskripsi) is said again; the revision notes never
            path, line = note.split(":")[:2]
            assert "uraian:" not in Path(path).read_text(encoding="utf-8").splitlines()[int(line) - 1], note
        assert command[0] == "ubah-jabatan" or notes


def test_ubah_jabatan_notes_a_folded_text_as_check_warns_it_and_skips_comments(catalogue, capsys):
    from petaproses.check import check

    sop = catalogue / "setda" / "sop02-reviu-sop.yaml"
    _edit(sop, "nama: Reviu Standar Operasional Prosedur Perangkat Daerah\n",
          "nama: Reviu Standar Operasional Prosedur Perangkat Daerah\n# oleh Kepala Subbagian Pelayanan Publik dan "
          "Tata Laksana\ndeskripsi: >-\n  Disusun oleh Kepala Subbagian Pelayanan Publik\n  dan Tata Laksana.\n")
    warned = [(p.line, p.column) for p in check([str(catalogue)])[1]
              if p.code == "removed-pelaksana" and p.path.endswith("sop02-reviu-sop.yaml") and "teks" in p.message]
    assert main(["ubah-jabatan", "kasubag_tata_laksana", "analis_tata_laksana", str(catalogue)]) == 0
    noted = [n for n in capsys.readouterr().err.splitlines() if "sop02-reviu-sop.yaml:" in n and "menyebut" in n]
    assert len(noted) == len(warned) == 2
    assert [n.split("sop02-reviu-sop.yaml:")[1].split(": ")[0] for n in noted] == [f"{a}:{b}" for a, b in warned]
    assert "teks deskripsi menyebut" in noted[0]


@pytest.mark.parametrize("org_edit, args, message", [
    (("        diganti_oleh: bagian_organisasi\n",
      "        diganti_oleh: bagian_lama\n      bagian_lama: {nama: Bagian Lama, dihapus: 2020-01-01, "
      "diganti_oleh: bagian_organisasi}\n"), ["subbagian_tata_laksana", "bagian_lama"],
     "'bagian_lama' sendiri sudah dihapus; pakai penggantinya: bagian_organisasi"),
    (("    diganti_oleh: setda\n", "    diganti_oleh: kantor_baru\n  kantor_baru: {nama: Kantor Baru, dihapus: "
      "2018-01-01, diganti_oleh: kantor_lama}\n"), ["kantor_lama", "kantor_baru"],
     "berputar (kantor_lama -> kantor_baru -> kantor_lama)"),
])
def test_a_unit_or_department_is_never_replaced_by_one_removed_too(tmp_path, monkeypatch, capsys, org_edit, args,
                                                                     message):
    for f in (ROOT / "tests" / "rules" / "removed-unit" / "invalid-unit").glob("*.yaml"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    _edit(tmp_path / "organisasi.yaml", *org_edit)
    monkeypatch.chdir(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.glob("*.yaml")}
    assert main(["ubah-jabatan", *args, ".", "--tulis"]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.yaml")} == before


@pytest.mark.parametrize("command", [["ubah-jabatan", "kasubag_tata_laksana", "analis_tata_laksana"],
                                     ["ubah-peraturan", "perwal_48_2024", "perwal_10_2026"]])
def test_a_path_that_does_not_exist_is_a_usage_error_as_in_check(catalogue, monkeypatch, capsys, command):
    assert main([*command, str(catalogue / "nope.yaml")]) == 2
    err = capsys.readouterr().out + capsys.readouterr().err
    assert "file-not-found" in err
    monkeypatch.chdir(catalogue / "setda")  # no processes/ here: the default path is missing, as for check
    assert main(["check"]) == 2
    said = capsys.readouterr()
    assert main(command) == 2
    assert capsys.readouterr() == said


def test_a_successor_whose_revocation_is_to_come_is_in_force_until_then(catalogue, monkeypatch, capsys):
    _revoke_pedoman(catalogue)  # permenpanrb_35_2012 revoked on 2027-03-01
    _edit(catalogue / LKJIP, PERWAL48, "  - permenpan_21_2008\n" + PERWAL48)
    command = ["ubah-peraturan", "permenpan_21_2008", "permenpanrb_35_2012", str(catalogue)]
    assert main(command) == 0  # today (SOURCE_DATE_EPOCH) is 2026-05-28
    err = capsys.readouterr().err
    assert "sendiri sudah dicabut" not in err
    assert "'permenpanrb_35_2012' akan dicabut pada 1 Maret 2027 oleh 'permenpanrb_12_2026'" in err
    assert "sebagai pengganti" not in err  # 35/2012 is the one in force today
    assert "tanggal revisi 2026-05-28" in err  # the revision date is SOURCE_DATE_EPOCH's day, as the build's
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1803945600")  # 2027-03-02
    assert main(command) == 2
    assert "'permenpanrb_35_2012' sendiri sudah dicabut; pakai yang berlaku: permenpanrb_12_2026" in \
        capsys.readouterr().err


def test_a_rename_refused_half_way_says_which_files_were_written(catalogue, monkeypatch, capsys):
    import os

    real, calls = os.replace, []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(13, "Permission denied", str(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    assert main(["ubah-jabatan", "kasubag_tata_laksana", "analis_tata_laksana", str(catalogue), "--tulis"]) == 2
    err = capsys.readouterr().err
    assert "tidak ada berkas yang diubah" not in err
    assert f"{calls[1]}: tidak dapat ditulis (Permission denied); sudah ditulis: {calls[0]}; belum ditulis: " in err
    assert str(calls[1]) in err.split("belum ditulis: ")[1]
    assert not [p for p in catalogue.rglob(".*.tmp")]  # the temporary files not renamed are gone


def test_a_citation_two_revocations_back_is_told_to_move_to_the_one_in_force(catalogue, monkeypatch):
    """permenpan_21_2008 was revoked by 35/2012, which 12/2026 revokes on 2027-03-01: before that day the
    check and the impact page name 35/2012 (in force), not the end of the chain; after it, 12/2026."""
    from petaproses.check import check
    from petaproses.impact import regulations

    _revoke_pedoman(catalogue)
    _edit(catalogue / LKJIP, PERWAL48, "  - permenpan_21_2008\n" + PERWAL48)
    for epoch, now in (("1780000000", "permenpanrb_35_2012"), ("1803945600", "permenpanrb_12_2026")):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        cat, problems = check([str(catalogue)])
        [said] = [p.message for p in problems if p.code == "revoked-regulation" and "permenpan_21_2008" in p.message]
        assert f"(id '{now}')" in said and f"ubah-peraturan permenpan_21_2008 {now} --tulis" in said
        row = next(r for r in regulations(cat)[0] if r["id"] == "permenpan_21_2008")
        assert row["fix"] == f"petaproses ubah-peraturan permenpan_21_2008 {now} --tulis"
    # 35/2012 itself, while its revocation is still to come: to change by then to what governs on that day
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    row = next(r for r in regulations(check([str(catalogue)])[0])[0] if r["id"] == "permenpanrb_35_2012")
    assert row["status"].startswith("akan dicabut") and "permenpanrb_12_2026" in row["fix"]


def test_a_revocation_in_force_is_not_undone_by_another_still_to_come(catalogue, monkeypatch):
    """35/2012 revoked 21/2008 long ago and (say) revokes 9/2011 in 2030: a citation of 21/2008 moves to 35/2012,
    not back to 9/2011 (review I: the way back through revocations to come was taken from any regulation)."""
    import datetime as dt

    from petaproses.check import check

    _edit(catalogue / "peraturan.yaml", "  permenpan_21_2008:\n",
          "  permenpan_9_2011:\n    jenis: permen\n    pembentuk: Pendayagunaan Aparatur Negara\n    nomor: 9\n"
          "    tahun: 2011\n    judul: Pedoman Lain\n    dicabut_oleh: permenpanrb_35_2012\n"
          "    dicabut_tanggal: 2030-01-01\n  permenpan_21_2008:\n")
    _edit(catalogue / LKJIP, PERWAL48, "  - permenpan_21_2008\n" + PERWAL48)
    cat, problems = check([str(catalogue)])
    reg = cat.peraturan
    day = dt.date(2026, 5, 28)
    assert reg.in_force("permenpan_21_2008", day) == "permenpanrb_35_2012"
    assert reg.replacement("permenpan_21_2008", day) == "permenpanrb_35_2012"
    assert reg.in_force("permenpanrb_35_2012", day) == "permenpanrb_35_2012"  # it revokes 9/2011 later only
    assert reg.in_force("permenpan_9_2011", day) == "permenpan_9_2011"
    assert reg.replacement("permenpan_9_2011", day) == "permenpanrb_35_2012"  # from 2030
    [said] = [p.message for p in problems if p.code == "revoked-regulation" and "permenpan_21_2008" in p.message]
    assert "ubah-peraturan permenpan_21_2008 permenpanrb_35_2012 --tulis" in said


def test_a_law_amending_several_is_listed_as_amending_each():
    """UU 6/2023 amends UU 23/2014, UU 30/2014 and others; the impact page said it amended one of them only
    (review Q)."""
    from petaproses.check import check
    from petaproses.impact import regulations

    cat, _ = check([str(PROCESSES)])
    row = next(r for r in regulations(cat)[0] if r["id"] == "uu_6_2023")
    bases = [r for r, e in cat.peraturan.peraturan.items() if "uu_6_2023" in e.diubah_oleh]
    assert len(bases) > 1 and all(cat.peraturan.peraturan[b].short_text() in row["status"] for b in bases), row
