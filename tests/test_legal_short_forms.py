"""The short names real SOPs give regulations (Permendiknas, PMK, Perka BKN, KEPMENSOS, SK Dirjen, Qanun), the place
of a Perangkat Daerah head's regulation or decision, and the list punctuation after a reordering (review W)."""

from __future__ import annotations

import pytest

from petaproses import legal
from petaproses.register import ordered_texts
from petaproses.render.sop_keputusan import mengingat

SHORT = [
    ("Permendiknas No. 63 Tahun 2009 tentang Sistem Penjaminan Mutu", "permen", "pendidikan nasional", "63", 2009),
    ("Permendikbud Nomor 81 Tahun 2013", "permen", "pendidikan dan kebudayaan", "81", 2013),
    ("Permendikbudristek Nomor 8 Tahun 2022", "permen", "pendidikan, kebudayaan, riset, dan teknologi", "8", 2022),
    ("Permenkes Nomor 43 Tahun 2019 tentang Puskesmas", "permen", "kesehatan", "43", 2019),
    ("Permenkeu Nomor 1 Tahun 2020", "permen", "keuangan", "1", 2020),
    ("PMK Nomor 60 Tahun 2021", "permen", "", "60", 2021),  # Keuangan or Kesehatan: both are written PMK
    ("PMA Nomor 20 Tahun 2019", "permen", "agama", "20", 2019),
    ("Permendag Nomor 68 Tahun 2018", "permen", "perdagangan", "68", 2018),
    ("Permensos 1/2019", "permen", "sosial", "1", 2019),
    ("Permendes PDTT Nomor 21 Tahun 2020", "permen", "desa, pembangunan daerah tertinggal, dan transmigrasi", "21",
     2020),
    ("Permenaker Nomor 5 Tahun 2018", "permen", "ketenagakerjaan", "5", 2018),
    ("Permen ATR/BPN Nomor 16 Tahun 2021", "permen", "agraria dan tata ruang/kepala badan pertanahan nasional", "16",
     2021),
    ("Perka BKN Nomor 7 Tahun 2013", "peraturan_lembaga", "kepala bkn", "7", 2013),
    ("KEPMENSOS No. 50/HUK/2004", "kepmen", "sosial", "50/HUK/2004", 2004),
    ("Kepmendagri Nomor 050-5889 Tahun 2021", "kepmen", "dalam negeri", "050-5889", 2021),
    ("SK Dirjen PKTN Nomor 5 Tahun 2020 tentang Syarat Teknis", "keputusan", "dirjen pktn", "5", 2020),
    ("Kepbup Sleman Nomor 3 Tahun 2020", "keputusan", "bupati sleman", "3", 2020),
    ("Qanun Aceh Nomor 5 Tahun 2019", "perda_provinsi", "aceh", "5", 2019),
    ("Qanun Kabupaten Aceh Besar Nomor 2 Tahun 2018", "perda", "kabupaten aceh besar", "2", 2018),
    ("Peraturan Kepala Daerah Nomor 3 Tahun 2020", "perbup", "", "3", 2020),
    ("Perdes Nomor 1 Tahun 2020", "peraturan_lembaga", "desa", "1", 2020),
]


@pytest.mark.parametrize("text, form, issuer, nomor, tahun", SHORT)
def test_the_short_names_of_regulations_are_read(text, form, issuer, nomor, tahun):
    c = legal.parse(text)
    assert (c.form, c.issuer, c.nomor, c.tahun) == (form, issuer, nomor, tahun)


SEMIN = ["Permendiknas No. 63 Tahun 2009 tentang Sistem Penjaminan Mutu Pendidikan",
         "Permendiknas No. 16 Tahun 2007 tentang Standar Kualifikasi Akademik dan Kompetensi Guru",
         "Peraturan Bupati Gunungkidul Nomor 5 Tahun 2020 tentang Organisasi Sekolah",
         "Peraturan Kepala Dinas Dikpora Kabupaten Gunungkidul No. 03 Tahun 2021 Tentang Pedoman Kalender Pendidikan"]


def test_a_head_of_offices_regulation_follows_its_regions_perkada_and_ministers_go_by_year(mini_catalogue):
    """SMPN 4 Semin: the Kepala Dinas's regulation was printed above the Perbup (a central Peraturan Lembaga), and
    the unread Permendiknas kept their written places; the Keputusan put both below the Perbup."""
    assert ordered_texts(None, SEMIN) == [SEMIN[1], SEMIN[0], SEMIN[2], SEMIN[3]]
    sop = next(d for d in mini_catalogue.maps if d.jenis == "sop")
    cited = mengingat(mini_catalogue, [sop.model_copy(update={"dasar_hukum": SEMIN})])
    assert [cited.index(t) for t in (SEMIN[1], SEMIN[0], SEMIN[2], SEMIN[3])] == sorted(
        cited.index(t) for t in SEMIN), cited


@pytest.mark.parametrize("written, expected", [
    (["Peraturan Kepala Badan Pendapatan Daerah Provinsi Jawa Barat Nomor 5 Tahun 2010 tentang A",
      "Peraturan Daerah Kabupaten Garut Nomor 1 Tahun 2001 tentang B",
      "Peraturan Gubernur Jawa Barat Nomor 9 Tahun 2019 tentang C",
      "Peraturan Kepala BKN Nomor 7 Tahun 2013 tentang D"], [3, 2, 0, 1]),
    (["Keputusan Kepala Dinas Pendidikan Kabupaten X Nomor 1 Tahun 2015 tentang A",
      "Keputusan Bupati X Nomor 4 Tahun 2020 tentang B",
      "Keputusan Menteri Dalam Negeri Nomor 9 Tahun 2021 tentang C",
      "Peraturan Camat X Nomor 2 Tahun 2019 tentang D",
      "Peraturan Bupati X Nomor 3 Tahun 2021 tentang E"], [4, 3, 2, 1, 0]),
])
def test_regional_offices_and_their_decisions_rank_below_their_heads(written, expected):
    assert ordered_texts(None, written) == [written[i] for i in expected]


UML = ["Undang-Undang Nomor 2 Tahun 1981 tentang Metrologi Legal;",
       "Peraturan Daerah Kabupaten X Nomor 3 Tahun 2012 tentang Retribusi;",
       "Peraturan Menteri Perdagangan Nomor 68 Tahun 2018 tentang Tera dan Tera Ulang UTTP; dan",
       "SK Dirjen PKTN Nomor 5 Tahun 2020 tentang Syarat Teknis."]


def test_a_moved_items_list_punctuation_stays_at_its_place(mini_catalogue):
    """The Permendag format ends its second-to-last item "; dan": sorted, that item moved to the middle with it."""
    assert ordered_texts(None, UML) == [
        UML[0], "Peraturan Menteri Perdagangan Nomor 68 Tahun 2018 tentang Tera dan Tera Ulang UTTP;",
        "Peraturan Daerah Kabupaten X Nomor 3 Tahun 2012 tentang Retribusi; dan", UML[3]]
    in_order = [UML[0], UML[2], UML[1], UML[3]]  # already sorted: printed as written, byte for byte
    assert ordered_texts(None, in_order) == in_order
    sop = next(d for d in mini_catalogue.maps if d.jenis == "sop")
    cited = mengingat(mini_catalogue, [sop.model_copy(update={"dasar_hukum": UML})])
    assert "Peraturan Menteri Perdagangan Nomor 68 Tahun 2018 tentang Tera dan Tera Ulang UTTP" in cited, cited
    assert not any(c.endswith((" dan", ";", ".")) for c in cited), cited


def test_a_full_stop_inside_the_list_is_the_items_own_text():
    """Only the last written item's "." closes the list; "Kab." ending an item in the middle stays with it."""
    written = ["Peraturan Bupati X Nomor 3 Tahun 2021 tentang Tugas Dinas Kab.",
               "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
               "Peraturan Pemerintah Nomor 18 Tahun 2016 tentang Perangkat Daerah."]
    assert ordered_texts(None, written) == [
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
        "Peraturan Pemerintah Nomor 18 Tahun 2016 tentang Perangkat Daerah;",
        "Peraturan Bupati X Nomor 3 Tahun 2021 tentang Tugas Dinas Kab."]
