"""The keep-current commands (`ubah-peraturan`, `ubah-jabatan`) and the keputusan, at their edges: block scalars,
comments, revocations still to come, files named, second runs, and a write that stops half way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from petaproses.cli import main

from .conftest import ROOT

LKJIP = "setda/sop05-penyusunan-lkjip.yaml"
PERWAL48 = "  - Peraturan Wali Kota Padang Panjang Nomor 48 Tahun 2024 tentang Sistem Kerja di Lingkungan Pemerintah Daerah\n"


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
          "Panjang, nomor: 10, tahun: 2026, judul: Sistem Kerja}\n  perwal_48_2024:\n    dicabut_oleh: perwal_10_2026\n")


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
    from petaproses.orgchange import _compose, _remove_item, _Text

    text = "l:\n  - a\n  - >-\n    b\n  - c\n  - 'd'\n\n  # e\n  - f\n"
    for value, expected in (("b", None), ("d", "l:\n  - a\n  - >-\n    b\n  - c\n\n  # e\n  - f\n"),
                            ("a", "l:\n  - >-\n    b\n  - c\n  - 'd'\n\n  # e\n  - f\n")):
        edit = _Text(text.encode())
        seq = _compose(edit.text).value[0][1]
        item = next(i for i in seq.value if i.value == value)
        assert _remove_item(seq, item, edit) is (expected is not None)
        assert edit.result().decode() == (expected or text)
