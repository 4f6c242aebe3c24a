"""`petaproses ubah-jabatan` and a step's `tugas` (id -> text of that actor's box): the key is an id too.

It was left as it was: the preview showed no change to it, then `--tulis` refused with task-of-no-actor (the key no
longer an actor of the step) and the author had to edit two places by hand (usability test U, repro 03).
"""

from __future__ import annotations

import pytest

from petaproses.check import check
from petaproses.cli import main

from .test_orgchange import ORG  # kasubag removed, its duties split: diganti_oleh: [analis, staf]

SOP = """jenis: sop
kode: UJI.02
nama: Prosedur Paraf
nomor: 060/02/SOP/2025
perangkat_daerah: setda
tanggal: {pembuatan: 2024-01-02}
disahkan_oleh: sekda
kegiatan:
  - uraian: Menyusun konsep surat
    pelaksana: [staf, kasubag, kepala]   # paraf berjenjang
    tugas: {kasubag: Paraf, kepala: Menandatangani}  # teks kotak
  - uraian: Memeriksa dan meneruskan surat
    pelaksana: [kasubag, kepala]
    tugas:
      kasubag: 'Memeriksa'   # kotak pertama
      kepala: Meneruskan
  - uraian: Mengarsipkan surat
    pelaksana: [kasubag, staf]
    tugas:
      kasubag: Mencatat   # dulu
      staf: Menyimpan
"""
HEAD = "tanggal: {pembuatan: 2024-01-02}\n"


def _catalogue(tmp_path, monkeypatch):
    (tmp_path / "k").mkdir()
    (tmp_path / "k" / "organisasi.yaml").write_text(ORG, encoding="utf-8")
    (tmp_path / "k" / "sop.yaml").write_text(SOP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "k" / "sop.yaml"


def _revised(text: str, name: str) -> str:
    return text.replace(HEAD, "tanggal: {pembuatan: 2024-01-02, revisi: 2025-07-01}\nriwayat:\n  - {tanggal: 2025-07-01, "
                              f"uraian: \"Jabatan Kepala Subbagian Umum diganti dengan {name}\"}}\n")


def test_a_task_key_is_renamed_with_the_actor_keeping_quotes_and_comments(tmp_path, monkeypatch, capsys):
    sop = _catalogue(tmp_path, monkeypatch)
    assert main(["ubah-jabatan", "kasubag", "analis", "k", "--tanggal", "2025-07-01"]) == 0
    out = capsys.readouterr().out
    assert "+    tugas: {analis: Paraf, kepala: Menandatangani}  # teks kotak\n" in out  # the preview shows it
    assert main(["ubah-jabatan", "kasubag", "analis", "k", "--tanggal", "2025-07-01", "--tulis"]) == 0
    assert sop.read_text(encoding="utf-8") == _revised(SOP.replace("kasubag", "analis"), "Analis Kebijakan Ahli Muda")
    assert [p.format() for p in check(["k"])[1] if p.is_error] == []


def test_a_successor_already_in_the_step_keeps_its_own_task_and_the_old_one_goes_with_a_note(tmp_path, monkeypatch,
                                                                                             capsys):
    """`staf` (one of the split successors) already acts in steps 1 and 3: `kasubag`'s box is merged into its box,
    so `kasubag`'s task text goes (a key `staf` twice would not read back); where `staf` had none, it is renamed."""
    sop = _catalogue(tmp_path, monkeypatch)
    assert main(["ubah-jabatan", "kasubag", "staf", "k", "--tanggal", "2025-07-01", "--tulis"]) == 0
    err = capsys.readouterr().err
    want = (SOP.replace("[staf, kasubag, kepala]", "[staf, kepala]")
            .replace("{kasubag: Paraf, kepala: Menandatangani}", "{kepala: Menandatangani}")
            .replace("[kasubag, kepala]", "[staf, kepala]").replace("kasubag: 'Memeriksa'", "staf: 'Memeriksa'")
            .replace("[kasubag, staf]", "staf").replace("      kasubag: Mencatat   # dulu\n", ""))
    assert sop.read_text(encoding="utf-8") == _revised(want, "Staf Pelaksana")
    assert "kegiatan 1: tugas 'kasubag' (Paraf) dihapus karena 'staf' sudah pelaksana kegiatan ini" in err
    assert "kegiatan 3: tugas 'kasubag' (Mencatat) dihapus" in err
    assert [p.format() for p in check(["k"])[1] if p.is_error] == []


@pytest.mark.parametrize("text, expected", [
    ("t: {a: 1, b: 2}\n", "t: {b: 2}\n"),
    ("t: {b: 2, a: 1}\n", "t: {b: 2}\n"),
    ("t: {a: 1}\n", "t: {}\n"),
    ("t: {b: 2,  # catatan b\n  a: 1   # catatan a\n  }\n", "t: {b: 2  # catatan b\n  \n  }\n"),
    ("t:\n  b: 2\n  # tetap\n  a: 'x'   # ikut\n  c: 3\n", "t:\n  b: 2\n  # tetap\n  c: 3\n"),
    ("t:\n  a: |\n    blok\n  c: 3\n", None),  # a block scalar is left to the author
])
def test_removing_a_mapping_entry_keeps_everything_else(text, expected):
    from petaproses.yamledit import Text, compose, key_node, remove_entry

    edit = Text(text.encode())
    mapping = compose(edit.text).value[0][1]
    assert remove_entry(mapping, key_node(mapping, "a"), edit) is (expected is not None)
    assert edit.result().decode() == (expected or text)
