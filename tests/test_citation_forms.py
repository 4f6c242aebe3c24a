"""Citations as real SOPs write them (review round E/D): year abbreviations, short forms, the written order kept
on request, and amendment notices that keep the ministry's name."""

from __future__ import annotations

import shutil

import pytest

from petaproses import legal
from petaproses.build import check
from petaproses.register import ordered_texts, read_citations
from petaproses.render.sop_body import dasar_hukum

from .conftest import PROCESSES


@pytest.mark.parametrize("text", ["UU No.1 th. 2004 tentang Perbendaharaan Negara", "UU No. 1 Thn 2004",
                                  "UU No 1 Th. 2004", "UU NO 1 TH 2004", "UU No. 1/2004", "UU Nomor 1 tahun 2004"])
def test_the_year_is_read_in_every_common_spelling(text):
    c = legal.parse(text)
    assert (c.form, c.nomor, c.tahun) == ("uu", "1", 2004)


def test_uu_1_2004_written_th_sorts_after_the_older_laws():
    written = ["UU No.2 Tahun 1989 tentang Sistem Pendidikan Nasional", "UU No.1 th. 2004 tentan Perbendaharaan Negara",
               "UU No. 13 Tahun 2003 tentang Keuangan Negara"]
    assert ordered_texts(None, written) == [written[0], written[2], written[1]]


@pytest.mark.parametrize("text", ["Perwal No 48/2024", "Perwal No. 48/2024", "Perwal Nomor 48/2024",
                                  "Perwal Padang Panjang No. 48/2024"])
def test_short_citations_with_a_number_word_are_found_in_the_register(text):
    cat, _ = check([str(PROCESSES)])
    [c] = read_citations(cat.peraturan, [text])
    assert c.reg_id == "perwal_48_2024"


def test_the_amendment_notice_keeps_the_ministry(tmp_path):
    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    reg = cat / "peraturan.yaml"
    reg.write_text(reg.read_text(encoding="utf-8").replace(
        "    judul: Pedoman Analisis Beban Kerja di Lingkungan Departemen Dalam Negeri dan Pemerintah Daerah\n",
        "    judul: Pedoman Analisis Beban Kerja di Lingkungan Departemen Dalam Negeri dan Pemerintah Daerah\n"
        "    diubah_oleh: [permendagri_12_2026]\n  permendagri_12_2026:\n    jenis: permen\n    pembentuk: Dalam Negeri\n"
        "    nomor: 12\n    tahun: 2026\n    judul: Perubahan atas Permendagri 12/2008\n", 1), encoding="utf-8")
    sop = cat / "setda" / "sop02-reviu-sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace(
        "dasar_hukum:\n", "dasar_hukum:\n  - Peraturan Menteri Dalam Negeri Nomor 12 Tahun 2008 tentang Pedoman ABK\n", 1),
        encoding="utf-8")
    _, problems = check([str(cat)])
    said = [p.message for p in problems if p.code == "missing-amendment" and "Dalam Negeri Nomor 12 Tahun 2008" in p.message]
    assert said and all("(Peraturan Menteri Dalam Negeri Nomor 12 Tahun 2026)" in m for m in said)


@pytest.mark.parametrize("where", ["sop", "organisasi"])
def test_the_written_order_is_kept_when_asked(tmp_path, where):
    cat = tmp_path / "kat"
    shutil.copytree(PROCESSES, cat)
    sop = cat / "setda" / "sop02-reviu-sop.yaml"
    text = sop.read_text(encoding="utf-8")
    if where == "sop":
        sop.write_text(text.replace("dasar_hukum:\n", "urutan_dasar_hukum: tertulis\ndasar_hukum:\n", 1), encoding="utf-8")
    else:
        org = cat / "organisasi.yaml"
        org.write_text(org.read_text(encoding="utf-8") + "urutan_dasar_hukum: tertulis\n", encoding="utf-8")
    loaded, problems = check([str(cat)])
    assert not [p for p in problems if p.is_error]
    doc = next(m for m in loaded.maps if m.path.endswith("sop02-reviu-sop.yaml"))
    written = [loaded.peraturan.full_text(c.reg_id) for c in read_citations(loaded.peraturan, list(doc.dasar_hukum))]
    assert dasar_hukum(loaded, doc) == written
    other = next(m for m in loaded.maps if m.path.endswith("sop05-penyusunan-lkjip.yaml"))
    hierarchy = ordered_texts(loaded.peraturan, list(other.dasar_hukum))
    assert dasar_hukum(loaded, other) == (hierarchy if where == "sop" else
                                          [loaded.peraturan.full_text(c.reg_id) for c in
                                           read_citations(loaded.peraturan, list(other.dasar_hukum))])
