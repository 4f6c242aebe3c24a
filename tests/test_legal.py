"""Citations of regulations: reading them, the order of the legal hierarchy, the book's keputusan."""

from __future__ import annotations

import io
import random

import docx
import pytest

from petaproses import legal
from petaproses.dates import WrittenDate
from petaproses.build import check
from petaproses.register import RegisterPeraturan, ordered_texts, read_citations
from petaproses.render import sop_docx
from petaproses.render.sop_keputusan import PEDOMAN_SOP, memperhatikan, mengingat, rujukan_huruf

from .conftest import FIXTURES, PROCESSES


CITATIONS = [
    ("Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP AP", "permen", "panrb", "35", 2012),
    ("PermenPANRB 35/2012", "permen", "pendayagunaan aparatur negara dan reformasi birokrasi", "35", 2012),
    ("Permenpan RB No. 7 Tahun 2022", "permen", "pendayagunaan aparatur negara dan reformasi birokrasi", "7", 2022),
    ("UU 30/2014", "uu", "", "30", 2014),
    ("UU No. 20 Tahun 2023 tentang ASN", "uu", "", "20", 2023),
    ("Undang Undang Nomor 25 Tahun 2009", "uu", "", "25", 2009),
    ("Perwal Padang Panjang No. 48 Tahun 2024", "perwal", "padang panjang", "48", 2024),
    ("Peraturan Walikota Padang Panjang Nomor 12 Tahun 2022 tentang X", "perwal", "padang panjang", "12", 2022),
    ("Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor PER/21/M.PAN/11/2008 tentang Pedoman",
     "permen", "negara pendayagunaan aparatur negara", "PER/21/M.PAN/11/2008", 2008),
    ("Permendagri 90/2019", "permen", "dalam negeri", "90", 2019),
    ("Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022", "perppu", "", "2", 2022),
    ("Peraturan Daerah Provinsi Sumatera Barat Nomor 3 Tahun 2020", "perda_provinsi", "sumatera barat", "3", 2020),
    ("Peraturan Daerah Kota Padang Panjang Nomor 9 Tahun 2016", "perda", "kota padang panjang", "9", 2016),
    ("Peraturan Badan Siber dan Sandi Negara Nomor 10 Tahun 2020", "peraturan_lembaga", "badan siber dan sandi negara",
     "10", 2020),
    ("Instruksi Presiden Nomor 9 Tahun 2015 tentang Pengelolaan Komunikasi Publik", "inpres", "", "9", 2015),
    ("Undang-Undang Dasar Negara Republik Indonesia Tahun 1945", "uud", "negara republik indonesia", "1945", 1945),
    ("Keputusan Wali Kota Padang Panjang tentang Pembentukan Tim", "keputusan", "wali kota padang panjang", None, None),
    ("Pedoman dari kementerian", None, "", None, None),
    # as Pemda SOPs write them (review K: Setwan Kota Yogyakarta, Setwan DIY)
    ("Pergub 117 Tahun 2014 tentang Pedoman Penyusunan SOP", "pergub", "", "117", 2014),
    ("Pergub No, 54 Tahun 2018 tentang Kedudukan", "pergub", "", "54", 2018),
    ("Perdais Nomor 1 Tahun 2018 tentang Kelembagaan", "perda_provinsi", "", "1", 2018),
    ("Peraturan Dewan Perwakilan Rakyat Daerah Kota Yogyakarta Nomor 1 Tahun 2010 tentang Tata Tertib",
     "peraturan_dprd", "kota yogyakarta", "1", 2010),
    ("Peraturan MENPAN dan RB RI Nomor 35 Tahun 2012 tentang Pedoman", "permen",
     "pendayagunaan aparatur negara dan reformasi birokrasi", "35", 2012),
    ("Peraturan Gubernur DIY Nomor Tahun tentang Rincian Tugas", "pergub", "diy", None, None),
    ("Peraturan Walikota Yogyakarta Nomor Tahun 2016", "perwal", "yogyakarta", None, 2016),
    ("Undang \u2013 Undang nomor 5 tahun 2014 tentang ASN", "uu", "", "5", 2014),  # Satpol PP Batam (review M)
    ("Undang - Undang Nomor 23 Tahun 2014", "uu", "", "23", 2014),
    ("Peraturan Menpan Nomor PER/21/M.PAN/11/2008", "permen", "pendayagunaan aparatur negara", "PER/21/M.PAN/11/2008",
     2008),
]


@pytest.mark.parametrize("text, form, issuer, nomor, tahun", CITATIONS)
def test_citations_are_read(text, form, issuer, nomor, tahun):
    c = legal.parse(text)
    assert (c.form, c.issuer, c.nomor, c.tahun) == (form, issuer, nomor, tahun)


def test_amendments_named_after_sebagaimana_are_read():
    c = legal.parse("Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali "
                    "diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah "
                    "Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi Undang-Undang")
    assert (c.form, c.nomor, c.tahun, c.title) == ("uu", "23", 2014, "Pemerintahan Daerah")
    assert c.mentions_amendment and ("uu", "6", 2023) in [(a.form, a.nomor, a.tahun) for a in c.amendments]
    short = legal.parse("Perpres 16/2018 sebagaimana telah diubah dengan Perpres 12/2021")
    assert [(a.form, a.nomor, a.tahun) for a in short.amendments] == [("perpres", "12", 2021)]


def test_the_patterns_compiled_when_first_used_copy_and_pickle_like_patterns():
    """The citation patterns are compiled on first use; copying or pickling one (a worker, a deepcopy of a
    reader) must give a pattern that reads the same, not recurse into itself."""
    import copy
    import pickle

    text = "Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman"
    for pattern in (legal._NUMBER, copy.copy(legal._NUMBER), copy.deepcopy(legal._NUMBER),
                    pickle.loads(pickle.dumps(legal._NUMBER))):
        assert pattern.search(text).group("nomor", "tahun") == ("35", "2012")
    with pytest.raises(AttributeError):
        legal._ABOUT.__not_a_pattern_attribute__


def test_amendment_chains_are_written_as_the_drafting_rules_say():
    base = "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil"
    assert legal.with_amendments(base, []) == base
    assert legal.with_amendments(base, ["B"]) == base + " sebagaimana telah diubah dengan B"
    assert legal.with_amendments(base, ["B", "C"]) == base + " sebagaimana telah beberapa kali diubah, terakhir dengan C"
    assert rujukan_huruf(1) == "huruf a"
    assert rujukan_huruf(2) == "huruf a dan huruf b"
    assert rujukan_huruf(3) == "huruf a, huruf b, dan huruf c"


@pytest.fixture(scope="module")
def register() -> RegisterPeraturan:
    cat, _ = check([str(PROCESSES)])
    assert cat.peraturan is not None
    return cat.peraturan


# written in the order the old book printed them: alphabetical (the BKPM regulation and the Perda first, the
# UU last, "Nomor 7" after "Nomor 53"); the expected order is UU 12/2011's hierarchy, then year, then number
MIXED = [
    "Peraturan Badan Koordinasi Penanaman Modal Nomor 4 Tahun 2021 tentang Pedoman dan Tata Cara Pelayanan Perizinan "
    "Berusaha Berbasis Risiko dan Fasilitas Penanaman Modal",
    "Peraturan Daerah Kota Padang Panjang Nomor 9 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah",
    "Peraturan Menteri PANRB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan "
    "Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah",
    "permenpanrb_7_2022",
    "Instruksi Presiden Nomor 9 Tahun 2015 tentang Pengelolaan Komunikasi Publik",
    "Peraturan Wali Kota Padang Panjang Nomor 48 Tahun 2024 tentang Sistem Kerja di Lingkungan Pemerintah Daerah",
    "PP 11/2017",
    "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik",
    "Keputusan Wali Kota Padang Panjang tentang Pembentukan Tim Tanggap Insiden Siber",
    "UU 30/2014",
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "Permendagri 90/2019",
    "uu_5_2014",
]
EXPECTED = [
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara",
    "Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan sebagaimana telah diubah dengan Undang-"
    "Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 "
    "tentang Cipta Kerja menjadi Undang-Undang",
    "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil sebagaimana telah diubah dengan "
    "Peraturan Pemerintah Nomor 17 Tahun 2020 tentang Perubahan atas Peraturan Pemerintah Nomor 11 Tahun 2017 tentang "
    "Manajemen Pegawai Negeri Sipil",
    "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang Petunjuk "
    "Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah",
    "Peraturan Menteri Dalam Negeri Nomor 90 Tahun 2019 tentang Klasifikasi, Kodefikasi, dan Nomenklatur "
    "Perencanaan Pembangunan dan Keuangan Daerah",
    "Peraturan Badan Koordinasi Penanaman Modal Nomor 4 Tahun 2021 tentang Pedoman dan Tata Cara Pelayanan "
    "Perizinan Berusaha Berbasis Risiko dan Fasilitas Penanaman Modal",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 7 Tahun 2022 tentang Sistem Kerja "
    "pada Instansi Pemerintah untuk Penyederhanaan Birokrasi",
    "Peraturan Daerah Kota Padang Panjang Nomor 9 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah",
    "Peraturan Wali Kota Padang Panjang Nomor 48 Tahun 2024 tentang Sistem Kerja di Lingkungan Pemerintah Daerah",
    "Instruksi Presiden Nomor 9 Tahun 2015 tentang Pengelolaan Komunikasi Publik",
    "Keputusan Wali Kota Padang Panjang tentang Pembentukan Tim Tanggap Insiden Siber",
]


def test_a_table_of_mixed_citations_sorts_into_the_legal_hierarchy(register):
    assert ordered_texts(register, MIXED) == EXPECTED
    shuffled = list(MIXED)
    random.Random(12).shuffle(shuffled)
    assert ordered_texts(register, shuffled)[:-1] == EXPECTED[:-1]  # what cannot be read stays last
    assert [c.reg_id is not None for c in read_citations(register, MIXED)].count(False) == 1


@pytest.mark.parametrize("written", [
    # Setwan Kota Yogyakarta: a Peraturan DPRD is its region's, after the Perda and the Perwal (it ranked as a
    # central agency's, first)
    ["Peraturan Daerah Kota Yogyakarta Nomor 8 Tahun 2008 tentang Pembentukan",
     "Peraturan Walikota Yogyakarta Nomor 59 Tahun 2008 tentang Fungsi",
     "Peraturan Dewan Perwakilan Rakyat Daerah Kota Yogyakarta Nomor 1 Tahun 2010 tentang Tata Tertib"],
    # Setwan DIY: a Perdais is a Perda Provinsi (it went last, unread); a Pergub without number or year after the
    # Pergubs that have them (it went first)
    ["Perdais Nomor 1 Tahun 2018 tentang Kelembagaan", "Pergub 117 Tahun 2014 tentang Pedoman",
     "Pergub No, 54 Tahun 2018 tentang Kedudukan", "Peraturan Gubernur DIY Nomor Tahun tentang Rincian Tugas"],
])
def test_pemda_lists_already_in_order_keep_it(written):
    assert ordered_texts(None, written) == written
    assert ordered_texts(None, written[::-1]) == written


def test_what_cannot_be_read_keeps_its_written_place():
    """A line the hierarchy cannot place (its form unread) is not moved: the others fill the other places."""
    written = ["Peraturan Wali Kota Padang Panjang Nomor 48 Tahun 2024 tentang Sistem Kerja",
               "Pedoman teknis dari kementerian", "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"]
    assert ordered_texts(None, written) == [written[2], written[1], written[0]]


def test_a_citation_from_another_ministry_with_the_same_number_is_not_matched(register):
    [c] = read_citations(register, ["Peraturan Menteri Dalam Negeri Nomor 35 Tahun 2012 tentang Lain"])
    assert c.reg_id is None and c.citation.readable
    [c] = read_citations(register, ["Permenpan 35/2012"])
    assert c.reg_id == "permenpanrb_35_2012"


def _find_by_reading_the_register(register, cite):
    """``RegisterPeraturan.find`` as it was before its index: every entry compared with the citation."""
    if not cite.readable:
        return None, []
    number = legal.normalise_number(cite.nomor or "")
    fits = [rid for rid, p in register.peraturan.items()
            if p.tahun == cite.tahun and legal.normalise_number(p.nomor or str(p.tahun)) == number
            and legal.forms_match(cite.form, p.jenis)]
    if len(fits) > 1:
        scores = {rid: legal.issuer_score(cite.issuer, register.peraturan[rid].pembentuk or "") for rid in fits}
        fits = [rid for rid in fits if scores[rid] == max(scores.values())]
    elif len(fits) == 1 and register.peraturan[fits[0]].form.issuer and cite.issuer:
        if legal.issuer_score(cite.issuer, register.peraturan[fits[0]].pembentuk or "") == 0:
            return None, []
    return (fits[0], []) if len(fits) == 1 else (None, fits)


def test_finding_a_citation_through_the_index_is_reading_the_register(register):
    """``find`` looks the citation's year and number up (made once per register) instead of comparing it with
    every entry: the same answer, ties (same number and year from two issuers) in the same order."""
    register = register.model_copy(deep=True)
    twin = register.peraturan["permenpanrb_35_2012"].model_copy(update={"pembentuk": "Menteri Dalam Negeri"})
    register.peraturan["permendagri_35_2012"] = twin  # Permendagri 35/2012 beside PermenPANRB 35/2012
    register._by_number = None
    texts = MIXED + [text for text, *_ in CITATIONS] + [p.text() for p in register.peraturan.values()] + [
        "Permen 35/2012", "Peraturan Menteri Dalam Negeri Nomor 35 Tahun 2012", "PermenPANRB Nomor 035 Tahun 2012",
        "UU 23/2014", "Peraturan Menteri Nomor 35 Tahun 2013"]
    answers = [register.find(legal.parse(t)) for t in texts]
    assert register._by_number is not None  # the index was made and used
    assert answers == [_find_by_reading_the_register(register, legal.parse(t)) for t in texts]
    assert any(fits for _, fits in answers) and sum(rid is not None for rid, _ in answers) > len(texts) // 2


def _book_text(cat, pd_id: str) -> list[str]:
    data = sop_docx.render_department(cat, pd_id)[f"Dokumen-SOP-{pd_id}.docx"]
    d = docx.Document(io.BytesIO(data))
    lines = []
    for table in d.tables:  # the keputusan's labelled parts are a borderless table: label | : | items
        for row in table.rows:
            cells = row.cells
            if len(cells) == 3 and cells[1].text == ":":
                lines += [f"{cells[0].text}|{p.text}" for p in cells[2].paragraphs if p.text]
    return lines


def test_the_keputusan_letters_its_considerations_and_cites_in_hierarchy_order(catalogue):
    lines = _book_text(catalogue, "diskominfo")
    menimbang = [t.split("|", 1)[1] for t in lines if t.startswith("Menimbang|")]
    assert [m.split("\t")[0] for m in menimbang] == ["a.", "b.", "c."]
    assert "sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan Kepala Dinas" in menimbang[2]
    assert all(m.endswith(";") for m in menimbang)
    mengingat_lines = [t.split("|", 1)[1] for t in lines if t.startswith("Mengingat|")]
    numbers = [m.split("\t")[0] for m in mengingat_lines]
    assert numbers == [f"{i}." for i in range(1, len(numbers) + 1)]
    cited = [m.split("\t", 1)[1] for m in mengingat_lines]
    assert any(c.startswith("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun "
                            "2012 tentang Pedoman Penyusunan Standar Operasional Prosedur") for c in cited)
    assert any(c.startswith("Peraturan Wali Kota Padang Panjang Nomor 48 Tahun 2024 tentang Sistem Kerja") for c in cited)
    keys = [legal.sort_key(p.form, p.tahun, p.nomor) for p in (legal.parse(c) for c in cited)]
    assert keys == sorted(keys) and all(k[0] < legal.UNREAD_RANK for k in keys)
    assert [t.split("|")[0] for t in lines if t.split("|")[0] in ("KESATU", "KEDUA", "KETIGA", "KEEMPAT")] == \
        ["KESATU", "KEDUA", "KETIGA", "KEEMPAT"]


def test_a_revoked_regulation_in_the_basis_is_replaced_by_the_one_in_force(catalogue):
    reg = catalogue.peraturan.model_copy(update={"dasar_keputusan": ["uu_5_2014", "pp_5_2021"]})
    cat = type(catalogue)(organisasi=catalogue.organisasi, maps=catalogue.maps, peraturan=reg)
    cited = mengingat(cat, [])
    assert cited[0].startswith("Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara")
    assert cited[1].startswith("Peraturan Pemerintah Nomor 28 Tahun 2025")
    assert cited[2].startswith("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35")
    assert not any("Nomor 5 Tahun 2014" in c or "Nomor 5 Tahun 2021" in c for c in cited)


def test_the_decree_names_the_department_where_it_is_and_its_head_as_running_text(mini_catalogue):
    """Review T (Sekretariat DPRD Kab. Pangandaran): a head's post written in capitals, as the heading prints it,
    was printed so inside sentences ("perlu menetapkan Keputusan SEKRETARIS DPRD ... tentang"), and the decree's
    title said "DI LINGKUNGAN SEKRETARIAT DPRD" without the regency."""
    from petaproses.texts import in_region, running_case

    assert running_case("SEKRETARIS DPRD KAB. PANGANDARAN") == "Sekretaris DPRD Kab. Pangandaran"
    assert running_case("KEPALA DINAS SOSIAL DAN PEMBERDAYAAN MASYARAKAT") == \
        "Kepala Dinas Sosial dan Pemberdayaan Masyarakat"
    assert running_case("KEPALA BPKAD KOTA BIMA") == "Kepala BPKAD Kota Bima"  # acronyms kept
    assert running_case("Kepala BAPPEDA") == "Kepala BAPPEDA"  # not all capitals: as written
    assert in_region("Sekretariat DPRD", "Pemerintah Kabupaten Pangandaran") == \
        "Sekretariat DPRD Kabupaten Pangandaran"
    assert in_region("Dinas Sosial Kota Bima", "Pemerintah Kota Bima") == "Dinas Sosial Kota Bima"
    assert in_region("Kantor Kesbangpol", "Pemerintah Kabupaten") == "Kantor Kesbangpol"  # a region without its name
    # a name that says where in short: left as written (not "... Prov. NTB Provinsi Nusa Tenggara Barat")
    assert in_region("Dinas Sosial Prov. NTB", "Pemerintah Provinsi Nusa Tenggara Barat") == "Dinas Sosial Prov. NTB"
    org = mini_catalogue.organisasi
    head = org.pejabat["sekda"].model_copy(update={"jabatan": "SEKRETARIS DAERAH KOTA CONTOH"})
    cat = type(mini_catalogue)(organisasi=org.model_copy(update={"pejabat": {**org.pejabat, "sekda": head}}),
                               maps=mini_catalogue.maps)
    data = sop_docx.render_department(cat, "setda")["Dokumen-SOP-setda.docx"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs) + "\n".join(_book_text(cat, "setda"))
    assert "perlu menetapkan Keputusan Sekretaris Daerah Kota Contoh tentang Standar Operasional Prosedur " \
           "Administrasi Pemerintahan di Lingkungan Sekretariat Daerah Kota Contoh;" in text, text
    assert "KEPUTUSAN SEKRETARIS DAERAH KOTA CONTOH" in text
    assert "DI LINGKUNGAN SEKRETARIAT DAERAH KOTA CONTOH" in text


def test_a_set_already_decreed_prints_its_decrees_number_and_date(mini_catalogue):
    """Review V (Dishub Lombok Tengah, Keputusan 36.a/2020 of 31 Maret 2020): the decree's number and date were
    dots in the template, to be typed into every build's .docx; the department may carry them."""
    def text(cat) -> str:
        data = sop_docx.render_department(cat, "setda")["Dokumen-SOP-setda.docx"]
        document = docx.Document(io.BytesIO(data))
        cells = [p.text for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs]
        return "\n".join([p.text for p in document.paragraphs] + cells)

    blank = text(mini_catalogue)
    assert "NOMOR ........................................" in blank and "pada tanggal ...................." in blank
    org = mini_catalogue.organisasi
    pd = org.perangkat_daerah["setda"].model_copy(update={"nomor_keputusan": "36.a/2020",
                                                          "tanggal_keputusan": WrittenDate(2020, 3, 31)})
    cat = type(mini_catalogue)(organisasi=org.model_copy(update={"perangkat_daerah": {"setda": pd}}),
                               maps=mini_catalogue.maps)
    decreed = text(cat)
    assert decreed.count("NOMOR 36.a/2020") == 2 and "pada tanggal 31 Maret 2020" in decreed, decreed
    assert "TANGGAL 31 MARET 2020" in decreed and "........................................" not in decreed


def test_an_amendment_is_cited_through_the_law_it_amends_once(catalogue):
    """Review U: an SOP citing UU 23/2006 (its register text "... sebagaimana telah diubah dengan UU 24/2013")
    and another citing UU 24/2013 printed the amendment twice in the Mengingat; an amendment cited alone is cited
    through what it amends, as UU 12/2011's drafting guide has it."""
    for basis in (["uu_23_2014", "uu_9_2015"], ["uu_9_2015"]):
        reg = catalogue.peraturan.model_copy(update={"dasar_keputusan": basis})
        cat = type(catalogue)(organisasi=catalogue.organisasi, maps=catalogue.maps, peraturan=reg)
        cited = mengingat(cat, [])
        assert cited[0].startswith("Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana"), cited
        assert not any(c.startswith("Undang-Undang Nomor 9 Tahun 2015") for c in cited), cited
        assert len(cited) == 2  # and the SOP guideline


def test_without_a_register_the_keputusan_cites_the_sops_and_the_sop_guideline(mini_catalogue):
    assert mini_catalogue.peraturan is None
    cited = mengingat(mini_catalogue, [m for m in mini_catalogue.maps])
    assert PEDOMAN_SOP in cited  # written in full, once, though the SOP cites it as "Peraturan Menteri PANRB"
    assert sum("Nomor 35 Tahun 2012" in c for c in cited) == 1
    keys = [legal.sort_key(p.form, p.tahun, p.nomor) for p in (legal.parse(c) for c in cited)]
    assert keys == sorted(keys)
    assert len(cited) == len(set(cited))


def test_sample_register_is_clean_and_every_sample_citation_is_read():
    cat, problems = check([str(PROCESSES)])
    assert [p.format() for p in problems if p.code in ("unknown-regulation",) or p.is_error] == []
    unmatched = [p for p in problems if p.code == "unmatched-citation"]
    assert len(unmatched) == 1 and "Keputusan Wali Kota" in unmatched[0].message  # the teaching example
    assert {p.code for p in problems if "dasar" in p.message or p.code.endswith(("regulation", "amendment"))} >= {
        "revoked-regulation", "missing-amendment"}


def test_mini_fixture_has_no_register():
    cat, _ = check([str(FIXTURES / "mini")])
    assert cat.peraturan is None


def test_an_amendment_listed_apart_is_printed_inside_its_base(register):
    printed = ordered_texts(register, ["PP 17/2020", "Peraturan Pemerintah Nomor 11 Tahun 2017"])
    assert len(printed) == 1 and printed[0].endswith("sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 "
                                                     "Tahun 2020 tentang Perubahan atas Peraturan Pemerintah Nomor 11 "
                                                     "Tahun 2017 tentang Manajemen Pegawai Negeri Sipil")


@pytest.mark.parametrize("slug", ["diy_pph", "yogya_konsultasi"])
def test_real_pemda_lists_print_in_their_signed_order(slug):
    """Review K's transcriptions (tests/fixtures/publik): their Mengingat lists already follow the hierarchy, so
    the hierarchy order is theirs (a Perdais, a Peraturan DPRD and a Pergub without number were moved)."""
    cat, _ = check([str(FIXTURES / "publik" / slug)])
    doc = next(d for d in cat.maps if d.jenis == "sop")
    assert ordered_texts(cat.peraturan, list(doc.dasar_hukum)) == list(doc.dasar_hukum)


def test_a_dprd_regulation_registered_before_its_form_still_matches_and_follows_the_perkada():
    """Before `peraturan_dprd` a register could hold a Peraturan DPRD only as `peraturan_lembaga`: its citation
    still finds it (review L).  Unregistered, it follows the region's Perkada of any year."""
    reg = RegisterPeraturan.model_validate({"jenis": "peraturan", "peraturan": {"dprd_1_2018": {
        "jenis": "peraturan_lembaga", "pembentuk": "DPRD Kota Padang Panjang", "nomor": 1, "tahun": 2018,
        "judul": "Tata Tertib DPRD"}}})
    [c] = read_citations(reg, ["Peraturan DPRD Kota Padang Panjang Nomor 1 Tahun 2018 tentang Tata Tertib DPRD"])
    assert c.reg_id == "dprd_1_2018"
    written = ["Peraturan Daerah Kota X Nomor 2 Tahun 2012 tentang A", "Peraturan Wali Kota X Nomor 5 Tahun 2016 tentang B",
               "Peraturan DPRD Kota X Nomor 1 Tahun 2010 tentang Tata Tertib"]
    assert ordered_texts(None, written[::-1]) == written


def test_the_keputusan_cites_no_dash_and_ends_each_line_once(mini_catalogue):
    """Batam's Perda ends ");", a copy that showed no basis writes "-" (review M): the Mengingat printed ");;" and
    a line "2. -;".  Without a register the SOPs' lines are cited as written, less their own end mark."""
    sop = next(d for d in mini_catalogue.maps if d.jenis == "sop")
    written = ["-", "Peraturan Daerah Kota Batam Nomor 3 Tahun 2015 tentang Perangkat Daerah (Lembaran Daerah Kota "
                    "Batam Nomor 100);", "Undang \u2013 Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara."]
    cited = mengingat(mini_catalogue, [sop.model_copy(update={"dasar_hukum": written})])
    assert "-" not in cited and cited[0].startswith("Undang \u2013 Undang Nomor 5")  # a UU first, as it is read now
    assert all(not c.endswith((";", ".")) for c in cited), cited


def test_a_circular_is_noted_not_cited_as_a_regulation(mini_catalogue):
    """Rokan Hilir's SOP names a Surat Edaran among its basis; the decree cited it under Mengingat, where only
    regulations belong (review O).  It stands under Memperhatikan, after the regulations."""
    sop = next(d for d in mini_catalogue.maps if d.jenis == "sop")
    circular = "Surat Edaran Menteri PANRB Nomor 2 Tahun 2019 tentang Pelaksanaan Reformasi Birokrasi"
    doc = sop.model_copy(update={"dasar_hukum": [circular, "Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara"]})
    assert circular not in mengingat(mini_catalogue, [doc]) and memperhatikan(mini_catalogue, [doc]) == [circular]
    assert memperhatikan(mini_catalogue, [sop]) == []
    from petaproses.render import sop_book
    from petaproses.render.docx_style import load_style, templates_dir

    book = sop_book.book_document(mini_catalogue, doc.perangkat_daerah, [doc], load_style(templates_dir()))
    text = "\n".join(p.text for t in docx.Document(io.BytesIO(book)).tables for r in t.rows for p in r.cells[-1].paragraphs)
    assert text.index("Aparatur Sipil Negara") < text.index(circular)
    labels = [r.cells[0].text for t in docx.Document(io.BytesIO(book)).tables for r in t.rows if r.cells[0].text]
    assert labels.index("Mengingat") + 1 == labels.index("Memperhatikan"), labels


def test_an_authors_own_list_marks_are_read_and_printed_once(mini_catalogue, catalogue):
    """Review S (BKKBN Sumsel): a basis transcribed "a. Peraturan Pemerintah ...", "b. ..." printed "2. a. ..." in the
    book's Mengingat, and was not read as a regulation at all (no register match, no impact of its change).  The
    mark is not part of the citation: read without it; the Mengingat numbers its own lines; the identity keeps the
    author's marks in the author's order (they fix it), a register entry written out under its mark."""
    written = ["a. Peraturan Menteri Keuangan Nomor 78 Tahun 2019 tentang Standar Biaya Masukan",
               "b. Undang-Undang Nomor 17 Tahun 2003 tentang Keuangan Negara"]
    assert [c.citation.form for c in read_citations(None, written)] == ["permen", "uu"]
    sop = next(d for d in mini_catalogue.maps if d.jenis == "sop")
    cited = mengingat(mini_catalogue, [sop.model_copy(update={"dasar_hukum": written})])
    assert cited[0] == "Undang-Undang Nomor 17 Tahun 2003 tentang Keuangan Negara", cited
    assert not [c for c in cited if c[:3] in ("a. ", "b. ")], cited
    assert ordered_texts(None, written) == written  # marked: as written, in the written order
    # with a register: the entry it matches is written out in full, under the author's mark
    reg = catalogue.peraturan
    law = "1) Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"
    got = ordered_texts(reg, ["2) Peraturan Wali Kota Padang Panjang Nomor 48 Tahun 2024", law][::-1])
    assert got[0].startswith("1) Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana"), got
    assert got[1].startswith("2) Peraturan Wali Kota"), got
    assert [c.reg_id for c in read_citations(reg, [law])] == ["uu_23_2014"]
    # an id under a mark is an id (it printed "f. uu_23_2014"); an unknown one is still an error (the tester)
    got = ordered_texts(reg, ["a. uu_23_2014", "b. uu_99_2099"])
    assert got[0].startswith("a. Undang-Undang Nomor 23 Tahun 2014") and got[1] == "b. uu_99_2099", got
    got = ordered_texts(reg, ["f. uu_23_2014", "g. uu_99_2099"])  # not a list's first mark: numbered 1, 2
    assert got[0].startswith("Undang-Undang Nomor 23 Tahun 2014") and got[1] == "uu_99_2099", got
    assert [(c.reg_id, c.by_id) for c in read_citations(reg, ["f. uu_23_2014", "g. uu_99_2099"])] == [
        ("uu_23_2014", True), (None, True)]
    # a stray mark in a list that is numbered 1, 2, 3 (its first item has none) is left out, not printed twice
    assert ordered_texts(None, ["Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara",
                                "b. Undang-Undang Nomor 17 Tahun 2003 tentang Keuangan Negara"]) == [
        "Undang-Undang Nomor 17 Tahun 2003 tentang Keuangan Negara",
        "Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara"]


def test_a_bulleted_basis_is_read_without_its_bullets_and_keeps_them_in_hierarchy_order(mini_catalogue, catalogue):
    """Review X (Kec. Galang): a basis printed with bullets, kept as "• UU ...", or pasted with Word's Symbol
    bullet (U+F0B7), was not read as a regulation: the keputusan's Mengingat put PermenPANRB 35/2012 before the
    UU and PP, "2. \uf0b7 UU ...", and the identity printed "1. • UU ...".  The bullet is the author's mark: read
    without it, the Mengingat numbers its own lines with no bullet; a bullet fixes no order, so the identity
    lists the regulations in hierarchy order, each under its bullet."""
    for bullet in ("\u2022", "\uf0b7", "-", "\u27a2"):
        written = [f"{bullet} PP No. 41 Tahun 2007 tentang Organisasi Perangkat Daerah",
                   f"{bullet} UU No. 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional"]
        assert [c.citation.form for c in read_citations(None, written)] == ["pp", "uu"], bullet
        sop = next(d for d in mini_catalogue.maps if d.jenis == "sop")
        cited = mengingat(mini_catalogue, [sop.model_copy(update={"dasar_hukum": written})])
        assert cited[:2] == [written[1][2:], written[0][2:]] and cited[2].startswith("Peraturan Menteri"), cited
        assert ordered_texts(None, written) == written[::-1]  # hierarchy order, the bullets kept
        assert ordered_texts(None, written, as_written=True) == written
    reg = catalogue.peraturan  # a register entry is written out in full under the bullet
    got = ordered_texts(reg, ["\u2022 Peraturan Wali Kota Padang Panjang Nomor 48 Tahun 2024",
                              "\u2022 Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"])
    assert got[0].startswith("\u2022 Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana"), got
    assert got[1].startswith("\u2022 Peraturan Wali Kota"), got
    from petaproses.render import sop_book
    from petaproses.render.docx_style import load_style, templates_dir

    doc = sop.model_copy(update={"dasar_hukum": ["\uf0b7 PP No. 41 Tahun 2007 tentang Organisasi Perangkat Daerah",
                                                 "\uf0b7 UU No. 25 Tahun 2004 tentang Sistem Perencanaan"]})
    book = docx.Document(io.BytesIO(sop_book.book_document(mini_catalogue, doc.perangkat_daerah, [doc],
                                                           load_style(templates_dir()))))
    decree = [p.text for t in book.tables for r in t.rows for p in r.cells[-1].paragraphs]
    at = decree.index("1.\tUU No. 25 Tahun 2004 tentang Sistem Perencanaan;")  # numbered, no bullet, UU first
    assert decree[at + 1] == "2.\tPP No. 41 Tahun 2007 tentang Organisasi Perangkat Daerah;", decree[at:at + 3]
    printed = [p.text for t in book.tables for c in t._cells for p in c.paragraphs]
    assert "\u2022\tUU No. 25 Tahun 2004 tentang Sistem Perencanaan" in printed  # the SOP: its bullet, printed once
    assert not [t for t in printed if "\uf0b7" in t or t.startswith("1.\t\u2022")]


def test_the_books_summary_leaves_out_a_number_written_as_a_dash(mini_catalogue):
    """Review S (RSUD Banjarnegara): an SOP whose copy shows no number (`nomor: "-"`) was summed up in the book as
    "Rapat Dinas (-)"."""
    from petaproses.render import sop_book
    from petaproses.render.docx_style import load_style, templates_dir

    sop = next(d for d in mini_catalogue.maps if d.jenis == "sop")
    for nomor, shown in (("-", f"1.\t{sop.nama}, "), ("060/01/SOP/2025", f"1.\t{sop.nama} (060/01/SOP/2025), ")):
        doc = sop.model_copy(update={"nomor": nomor})
        book = sop_book.book_document(mini_catalogue, doc.perangkat_daerah, [doc], load_style(templates_dir()))
        lines = [p.text for p in docx.Document(io.BytesIO(book)).paragraphs if p.text.startswith(f"1.\t{sop.nama}")]
        assert lines and lines[0].startswith(shown), lines
