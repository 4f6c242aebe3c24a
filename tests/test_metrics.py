"""Metrics and the before/after comparison."""

from __future__ import annotations

import json
import shutil

from petaproses.cli import main
from petaproses.compare import compare, to_markdown
from petaproses.flow import build_flow
from petaproses.metrics import longest_minutes, metrics, shortest_minutes
from petaproses.model import Kegiatan

from .conftest import FIXTURES, PROCESSES


def _steps(*rows):
    return [Kegiatan(**r) for r in rows]


def test_paths_and_loops():
    flow = build_flow(_steps(
        {"id": "a", "uraian": "Menerima", "pelaksana": "x", "waktu": "10 menit"},
        {"id": "b", "uraian": "Memeriksa", "pelaksana": "y", "waktu": "1 jam", "cabang": {"Ya": "d", "Tidak": "c"}},
        {"id": "c", "uraian": "Memperbaiki", "pelaksana": "x", "waktu": "1-2 hari", "ke": "b"},
        {"id": "d", "uraian": "Menyetujui", "pelaksana": "z", "waktu": "30 menit"},
    ))
    assert shortest_minutes(flow) == 10 + 60 + 30
    assert longest_minutes(flow) == 10 + 60 + 30  # the loop back is not walked
    assert sum(e.back for e in flow.edges) == 1


def test_metrics_of_the_mini_sop(mini_catalogue):
    [doc] = mini_catalogue.maps
    m = metrics(mini_catalogue, doc)
    assert (m.langkah, m.pelaksana, m.keputusan, m.putaran) == (4, 3, 1, 0)
    # terima(staf) -> periksa(kasubag) -> setujui(kadis) / kembalikan(staf): three hand-offs
    assert m.serah_terima == 3
    assert m.waktu_terpendek_menit == 15 + 30 + 15  # the rejection path
    assert m.waktu_terpanjang_menit == 15 + 30 + 450


def test_metrik_cli_json_and_csv(capsys):
    assert main(["metrik", "--format", "json", str(FIXTURES / "mini")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["proses"][0]["kode"] == "PD.UNIT.01" and data["perangkat_daerah"]["setda"]["langkah"] == 4
    assert main(["metrik", "--format", "csv", str(FIXTURES / "mini")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("\ufeffkode;nama;jenis") and lines[1].startswith("PD.UNIT.01;")


def test_compare_two_versions(tmp_path, capsys):
    shutil.copytree(FIXTURES / "mini", tmp_path / "lama")
    shutil.copytree(FIXTURES / "mini", tmp_path / "baru")
    new = tmp_path / "baru" / "sop.yaml"
    text = new.read_text(encoding="utf-8")
    text = text.replace("    waktu: 1 hari\n", "    waktu: 2 jam\n")
    text += ("  - id: arsip\n    uraian: Mengarsipkan berkas\n    pelaksana: staf_pelaksana\n"
             "    waktu: 10 menit\n    output: Arsip\n")
    new.write_text(text, encoding="utf-8")
    result, problems = compare(str(tmp_path / "lama" / "sop.yaml"), str(new))
    assert not [p for p in problems if p.is_error], problems
    assert [s.id for s in result.added] == ["arsip"]
    assert result.removed == []
    assert [s.id for s in result.changed] == ["setujui"] and "waktu: 1 hari → 2 jam" in result.changed[0].changes
    assert result.after.serah_terima == result.before.serah_terima + 1
    md = to_markdown(result)
    assert "| Jumlah langkah | 4 | 5 | +1 |" in md
    assert main(["banding", str(tmp_path / "lama" / "sop.yaml"), str(new), "-o", str(tmp_path / "b.md")]) == 0
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == md


def test_a_revision_of_the_identity_is_shown_field_by_field(tmp_path):
    """A revision that changes only the identity (a new dasar hukum, the revision date, another signer) showed
    "Langkah diubah (0)" and nothing else: an evaluation session could not see what the revision did, nor
    could the impact page's before/after of `ubah-jabatan` show its new revision date and record."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "lama")
    shutil.copytree(FIXTURES / "mini", tmp_path / "baru")
    org = tmp_path / "baru" / "organisasi.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace(
        "pejabat:\n", "pejabat:\n  asisten:\n    jabatan: Asisten Pemerintahan\n    nama: Nama Asisten\n"),
        encoding="utf-8")
    new = tmp_path / "baru" / "sop.yaml"
    law = "Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP Administrasi Pemerintahan"
    perwal = "Peraturan Wali Kota Padang Panjang Nomor 48 Tahun 2024"
    text = (new.read_text(encoding="utf-8").replace("  revisi: null", "  revisi: 2026-03-02")
            .replace("disahkan_oleh: sekda", "disahkan_oleh: asisten")
            .replace(f"  - {law}\n", f"  - {law}\n  - {perwal}\n")
            .replace("peralatan: [Komputer, Printer, ATK]", "peralatan: [Komputer, Printer]"))
    new.write_text(text, encoding="utf-8")
    result, problems = compare(str(tmp_path / "lama" / "sop.yaml"), str(new))
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    assert not result.changed and not result.added and not result.removed
    assert {f.label: f.words() for f in result.identity} == {
        "Dasar Hukum": [f"ditambahkan: {perwal}"],
        "Tanggal Revisi": ["- → 2 Maret 2026"],
        "Disahkan oleh": ["Sekretaris Daerah, Nama Lengkap, S.H., NIP. 197001011990031001 → Asisten Pemerintahan, "
                          "Nama Asisten"],
        "Peralatan/Perlengkapan": ["dihapus: ATK"]}
    md = to_markdown(result)
    assert "## Identitas diubah (4)" in md and f"  - ditambahkan: {perwal}" in md
    out = tmp_path / "out"
    assert main(["banding", str(tmp_path / "lama" / "sop.yaml"), str(new), "--situs", str(out)]) == 0
    page = (out / "banding" / "PD.UNIT.01.html").read_text(encoding="utf-8")
    assert "Identitas diubah (4)" in page and "<li>- → 2 Maret 2026</li>" in page
    # the same laws in another order: the document prints them in the hierarchy's order all the same (compared
    # as printed, not as written: an id and its text are one law); printed as written, the new order is said
    shutil.copy(new, tmp_path / "baru" / "sebelum.yaml")
    swapped = text.replace(f"  - {law}\n  - {perwal}\n", f"  - {perwal}\n  - {law}\n")
    new.write_text(swapped, encoding="utf-8")
    again, _ = compare(str(tmp_path / "baru" / "sebelum.yaml"), str(new))
    assert again.identity == []
    for version, body in ((tmp_path / "baru" / "sebelum.yaml", text), (new, swapped)):
        version.write_text(body.replace("dasar_hukum:", "urutan_dasar_hukum: tertulis\ndasar_hukum:"), encoding="utf-8")
    again, _ = compare(str(tmp_path / "baru" / "sebelum.yaml"), str(new))
    assert [(f.label, f.words()) for f in again.identity] == [("Dasar Hukum", ["urutan diubah"])]
    # a law put in between a list lettered by its author: that one added, not every letter after it changed
    lettered = text.replace(f"  - {law}\n  - {perwal}\n", f"  - a. {law}\n  - b. {perwal}\n")
    (tmp_path / "baru" / "sebelum.yaml").write_text(lettered, encoding="utf-8")
    new.write_text(lettered.replace("  - b. ", "  - b. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah\n"
                                    "  - c. "), encoding="utf-8")
    again, _ = compare(str(tmp_path / "baru" / "sebelum.yaml"), str(new))
    assert [(f.label, f.words()) for f in again.identity] == [
        ("Dasar Hukum", ["ditambahkan: Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah"])]


def test_an_old_copy_outside_the_catalogue_is_read_with_the_new_ones_organisation(tmp_path):
    """Planning staff keep the old SOP as a copy beside nothing (no git): banding refused it with
    missing-organisation (review Q).  The copy is read against the other version's catalogue, either way round."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "katalog")
    (tmp_path / "salinan").mkdir()
    old = tmp_path / "salinan" / "sop-lama.yaml"
    shutil.copy(tmp_path / "katalog" / "sop.yaml", old)
    new = tmp_path / "katalog" / "sop.yaml"
    new.write_text(new.read_text(encoding="utf-8").replace("    waktu: 1 hari\n", "    waktu: 2 jam\n"), encoding="utf-8")
    for before, after in ((old, new), (new, old)):
        result, problems = compare(str(before), str(after))
        assert not [p for p in problems if p.is_error], [p.format() for p in problems]
        assert [s.id for s in result.changed] == ["setujui"]


def test_compare_git_revision(tmp_path):
    import subprocess

    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini", repo)
    git = ["git", "-c", "user.email=a@b", "-c", "user.name=a"]
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "a"], cwd=repo, check=True)
    sop = repo / "sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("Menyetujui permohonan", "Menetapkan permohonan"),
                   encoding="utf-8")
    result, _ = compare(f"HEAD:{sop}", str(sop))
    assert [s.id for s in result.changed] == ["setujui"]
    # git's own English stayed in the message (review round 4): the usual causes are said in Indonesian
    import pytest

    from petaproses.problems import InputError

    for spec, reason in ((f"HEAD~9:{sop}", "revisi 'HEAD~9' tidak ada di repositori ini"),
                         (f"HEAD:{repo / 'baru.yaml'}", "belum ada di revisi 'HEAD'")):
        (repo / "baru.yaml").write_text("jenis: sop\n", encoding="utf-8")
        with pytest.raises(InputError) as err:
            compare(spec, str(sop))
        assert reason in str(err.value) and "fatal" not in str(err.value), str(err.value)


def test_comparison_page_is_listed_on_the_site(tmp_path):
    from petaproses.build import build

    shutil.copytree(FIXTURES / "mini", tmp_path / "lama")
    shutil.copytree(FIXTURES / "mini", tmp_path / "baru")
    new = tmp_path / "baru" / "sop.yaml"
    new.write_text(new.read_text(encoding="utf-8").replace("    waktu: 1 hari\n", "    waktu: 2 jam\n")
                   .replace("uraian: Menyetujui permohonan", "uraian: Menetapkan permohonan"), encoding="utf-8")
    out = tmp_path / "out"
    assert not build([str(tmp_path / "baru")], str(out)).failed
    assert main(["banding", str(tmp_path / "lama" / "sop.yaml"), str(new), "--situs", str(out)]) == 0
    page = (out / "banding" / "PD.UNIT.01.html").read_text(encoding="utf-8")
    assert "waktu: 1 hari → 2 jam" in page and "Pemerintah Kota Contoh" in page
    # the two versions' diagrams, inlined (review Q: the session discusses pictures; only measures were shown)
    diagrams = page[page.index("<h2>Diagram</h2>"):page.rindex("</section>")]
    assert diagrams.count("<svg") == 2 and diagrams.index("Sebelum") < diagrams.index("Sesudah")
    before, after = diagrams.split("<h3>Sesudah</h3>")
    assert "Menerima berkas" in before and "Menerima berkas" in after and "<script" not in diagrams
    assert "Menyetujui" in before and "Menetapkan" in after and "Menetapkan" not in before
    build([str(tmp_path / "baru")], str(out))
    assert 'href="banding/PD.UNIT.01.html"' in (out / "index.html").read_text(encoding="utf-8")


def test_times_as_real_sops_write_them():
    """Issue 10 §2: every kind of time text of the fixture; what is not a duration is left out and counted."""
    from petaproses.build import check

    cat, problems = check([str(FIXTURES / "nyata")])
    assert not [p for p in problems if p.is_error]
    m = metrics(cat, cat.by_code["BKPSDM.SEK.SOP.03"])
    # 'pada hari dan jam kerja', 'tentatif', 'sesuai kebutuhan' count nothing
    assert (m.langkah, m.tanpa_waktu, m.waktu_tidak_dihitung) == (12, 0, 3)
    # quickest: 0 + 5 menit + 15 menit/berkas (one berkas) + 10 menit to the rejection
    assert m.waktu_terpendek_menit == 30
    # slowest: + 1 jam 30 menit + 2 jam kerja + 1,5 jam + 10x24 jam (10 days) + paling lambat 17 hari kerja
    # (its bound) + 1-2 hari (its high end)
    assert m.waktu_terpanjang_menit == 5 + 15 + 90 + 120 + 90 + 10 * 450 + 17 * 450 + 2 * 450
    contract = metrics(cat, cat.by_code["SETDA.PBJ.SOP.04"])
    assert contract.waktu_tidak_dihitung == 1  # 'sesuai kontrak'


def test_metrik_cli_says_how_many_steps_it_left_out(capsys):
    assert main(["metrik", str(FIXTURES / "nyata")]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("BKPSDM.SEK.SOP.03"))
    assert line.endswith("30 menit s.d. 29 hari 5 jam 20 menit (3 langkah tidak dihitung)")
    assert "'tidak dihitung': langkah yang waktunya bukan lama waktu" in out
    assert main(["metrik", "--format", "json", str(FIXTURES / "nyata")]) == 0
    rows = {r["kode"]: r for r in json.loads(capsys.readouterr().out)["proses"]}
    assert rows["SETDA.UMUM.SOP.09"]["waktu_tidak_dihitung"] == 1


def test_hand_offs_within_a_unit_across_units_and_across_institutions(tmp_path):
    from petaproses.check import check

    (tmp_path / "organisasi.yaml").write_text("""jenis: organisasi
nama: Pemerintah Kota Contoh
perangkat_daerah:
  dinas: {nama: Dinas A, unit: {bidang_1: Bidang Satu, bidang_2: Bidang Dua}}
  setda: {nama: Sekretariat Daerah, unit: {bagian_organisasi: Bagian Organisasi}}
pelaksana:
  kadis: {nama: Kepala Dinas, perangkat_daerah: dinas}
  staf_1: {nama: Staf Bidang Satu, perangkat_daerah: dinas, unit: bidang_1}
  analis_1: {nama: Analis Bidang Satu, perangkat_daerah: dinas, unit: bidang_1}
  staf_2: {nama: Staf Bidang Dua, perangkat_daerah: dinas, unit: bidang_2}
  analis_org: {nama: Analis Bagian Organisasi, perangkat_daerah: setda, unit: bagian_organisasi}
  pemohon: {nama: Pemohon, luar: true}
  tim: {nama: Tim Kerja Lintas Unit, ketua: staf_2, anggota: [analis_org, staf_1]}
  tanpa_tempat: Jabatan Tanpa Tempat
""", encoding="utf-8")
    (tmp_path / "sop.yaml").write_text("""jenis: peta-lintas-fungsi
kode: UJI.LF
nama: Serah terima
perangkat_daerah: dinas
kegiatan:
  - {uraian: Mengajukan permohonan, pelaksana: pemohon}
  - {uraian: Menerima permohonan, pelaksana: staf_1}
  - {uraian: Menelaah permohonan, pelaksana: analis_1}
  - {uraian: Memaraf berjenjang, pelaksana: [staf_2, kadis]}
  - {uraian: Membahas dalam tim, pelaksana: tim}
  - {uraian: Memeriksa bersama, pelaksana: [staf_1, analis_org], bersama: ya}
  - {uraian: Mencatat, pelaksana: tanpa_tempat}
""", encoding="utf-8")
    cat, problems = check([str(tmp_path)])
    assert [p.format() for p in problems if p.is_error] == []
    m = metrics(cat, cat.by_code["UJI.LF"])
    # pemohon->staf_1 instansi; staf_1->analis_1 dalam; analis_1->staf_2 lintas (bidang); staf_2->kadis dalam
    # (chain; the head has no unit); kadis->tim: the team sits with its leader staf_2 (bidang_2): dalam;
    # tim->staf_1 a member: dalam; analis_org->tanpa_tempat: unknown
    assert m.serah_terima == 7
    assert (m.serah_terima_dalam_unit, m.serah_terima_lintas_unit, m.serah_terima_lintas_instansi) == (4, 1, 1)


def test_the_summary_prints_names_and_steps_as_text(tmp_path):
    """Names and steps went into the Markdown as written: a tag stayed HTML, a line break ended the list item,
    brackets made a link.  They are text now, read by a CommonMark parser as the words they are."""
    from markdown_it import MarkdownIt

    shutil.copytree(FIXTURES / "mini", tmp_path / "lama")
    shutil.copytree(FIXTURES / "mini", tmp_path / "baru")
    new = tmp_path / "baru" / "sop.yaml"
    hostile = "<script>alert(1)</script> *tebal* [tautan](javascript:x) | sel ~~coret~~"
    text = new.read_text(encoding="utf-8").replace("uraian: Menyetujui permohonan",
                                                   f'uraian: "Menyetujui\\n# judul {hostile}"')
    new.write_text(text.replace("nama: Nama Prosedur", "nama: '<b>Nama</b> _Prosedur_'"), encoding="utf-8")
    result, problems = compare(str(tmp_path / "lama" / "sop.yaml"), str(new))
    assert result is not None, problems
    md = to_markdown(result)
    tokens = [t for block in MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(md)
              for t in [block, *(block.children or [])]]
    assert not [t for t in tokens if t.type.startswith(("html", "link", "em_", "strong_", "s_"))]
    assert sum(t.type == "heading_open" for t in tokens) == 5  # the title and four sections, none from the text
    texts = [t.content for t in tokens if t.type == "text"]
    assert any("Menyetujui # judul " + hostile in t for t in texts), texts
    assert any("<b>Nama</b> _Prosedur_" in t for t in texts), texts


def test_a_map_with_no_step_time_has_unknown_path_times_not_zero(capsys, tmp_path):
    """Sub-process maps have no times: the site and the JSON/CSV said "0 menit" / 0 while the text said "-"
    (review round 4).  Unknown is "-" on the page, null in JSON and an empty CSV cell."""
    from petaproses.build import check
    from petaproses.model import PetaSubProses

    cat, _ = check([str(PROCESSES)])
    doc = next(d for d in cat.maps if isinstance(d, PetaSubProses))
    m = metrics(cat, doc)
    assert not m.berwaktu and (m.waktu_terpendek, m.waktu_terpanjang) == ("-", "-")
    assert main(["metrik", "--format", "json", str(PROCESSES)]) == 0
    [row] = [p for p in json.loads(capsys.readouterr().out)["proses"] if p["kode"] == doc.kode]
    assert row["waktu_terpendek_menit"] is None and row["waktu_terpanjang_menit"] is None
    assert main(["metrik", "--format", "csv", str(PROCESSES)]) == 0
    lines = capsys.readouterr().out.splitlines()
    head = lines[0].lstrip("\ufeff").split(";")
    [cells] = [ln.split(";") for ln in lines if ln.startswith(doc.kode + ";")]
    assert cells[head.index("waktu_terpendek_menit")] == "" and cells[head.index("tanpa_waktu")] != ""
    out = tmp_path / "out"
    assert main(["build", str(PROCESSES), "-o", str(out)]) == 0
    page = (out / doc.perangkat_daerah / f"{doc.kode}.html").read_text(encoding="utf-8")
    assert "Waktu jalur tercepat</th><td>-</td>" in page and "0 menit" not in page
    timed = next(d for d in cat.maps if d.jenis == "sop")
    assert metrics(cat, timed).berwaktu and metrics(cat, timed).waktu_terpendek != "-"


def test_times_written_as_bare_numbers_count_in_the_declared_unit():
    """Kel. Sei Putih Timur I (Medan) prints 10, 5, 5, 5, 10 under Waktu and a total of 35: with
    satuan_waktu: menit they count as minutes; without it, none counts.  They print with that unit ("10 menit",
    total "35 menit"): the originals put it in the heading ("WAKTU ( Menit )", Dinas Sosial, review T), which our
    standard heading is not, and a bare "10" left the document without its unit."""
    from petaproses.build import check as check_catalogue
    from petaproses.metrics import metrics
    from petaproses.model import Sop
    from tests.conftest import FIXTURES

    cat, _ = check_catalogue([str(FIXTURES / "publik" / "medan")])
    doc = next(d for d in cat.maps if isinstance(d, Sop))
    assert [s.waktu for s in doc.kegiatan] == ["10", "5", "5", "5", "10"]
    m = metrics(cat, doc)
    assert m.waktu_terpanjang_menit == 35 and m.waktu_tidak_dihitung == 0
    plain = type(doc).model_validate(doc.model_dump(exclude_unset=True) | {"satuan_waktu": None})
    assert metrics(cat, plain).waktu_tidak_dihitung == 5 and not metrics(cat, plain).berwaktu
    import io

    import docx

    from petaproses.render import sop_docx

    document = docx.Document(io.BytesIO(sop_docx.render(cat, doc)[f"{doc.kode}.docx"]))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert cells.count("10 menit") >= 2 and cells.count("5 menit") >= 3 and "35 menit" in cells, cells
    assert "10" not in cells and "35" not in cells
    cells = [c.text for t in docx.Document(io.BytesIO(sop_docx.render(cat, plain)[f"{doc.kode}.docx"])).tables
             for r in t.rows for c in r.cells]
    assert "10" in cells and "10 menit" not in cells  # no unit declared: as written


def test_a_step_keeps_no_private_slot_unless_its_map_declares_a_unit():
    """Reviving 1,000 documents from the build state: a private attribute on every step made pydantic fill a slot
    per step (~40% of the revival).  The unit is put on a step only when its map declares one, and a step object
    reused in another map reads that map's unit, as before."""
    from petaproses.model import Sop
    from tests.conftest import FIXTURES

    from petaproses.build import check as check_catalogue

    cat, _ = check_catalogue([str(FIXTURES / "publik" / "medan")])
    doc = next(d for d in cat.maps if isinstance(d, Sop))
    assert [s.waktu_dibaca for s in doc.kegiatan] == ["10 menit", "5 menit", "5 menit", "5 menit", "10 menit"]
    plain = type(doc).model_validate_json(doc.model_copy(update={"satuan_waktu": None}).model_dump_json())
    assert all(s.__pydantic_private__ is None for s in plain.kegiatan)
    assert [s.waktu_dibaca for s in plain.kegiatan] == ["10", "5", "5", "5", "10"]
    reused = type(doc).model_validate(dict(doc.model_dump(exclude_unset=True), satuan_waktu=None,
                                           kegiatan=list(doc.kegiatan)))
    assert reused.kegiatan[0] is doc.kegiatan[0] and reused.kegiatan[0].waktu_dibaca == "10"
    assert type(doc).model_validate_json(doc.model_dump_json()).kegiatan[0].waktu_dibaca == "10 menit"


def test_a_comparison_page_without_graphviz_is_written_without_its_diagrams(tmp_path, monkeypatch, capsys):
    shutil.copytree(FIXTURES / "mini", tmp_path / "lama")
    shutil.copytree(FIXTURES / "mini", tmp_path / "baru")
    new = tmp_path / "baru" / "sop.yaml"
    new.write_text(new.read_text(encoding="utf-8").replace("    waktu: 1 hari\n", "    waktu: 2 jam\n"), encoding="utf-8")
    monkeypatch.setenv("PATH", str(tmp_path / "kosong"))  # no `dot` anywhere
    assert main(["banding", str(tmp_path / "lama" / "sop.yaml"), str(new), "--situs", str(tmp_path / "out")]) == 0
    page = (tmp_path / "out" / "banding" / "PD.UNIT.01.html").read_text(encoding="utf-8")
    assert "waktu: 1 hari → 2 jam" in page and "<svg" not in page
    assert "halaman tanpa diagram: gagal menjalankan 'dot'" in capsys.readouterr().err


def test_an_earlier_version_signed_by_an_official_since_removed_is_compared(tmp_path):
    """The organisation file moved on (the old signer's entry removed): the old version was refused with
    unknown-pejabat, so a change of signer between two revisions could not be shown (review S tester).  It is read
    as it was, the id shown where no name is left, with a warning."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "katalog")
    (tmp_path / "salinan").mkdir()
    new = tmp_path / "katalog" / "sop.yaml"
    old = tmp_path / "salinan" / "sop-lama.yaml"
    old.write_text(new.read_text(encoding="utf-8").replace("disahkan_oleh: sekda", "disahkan_oleh: sekda_lama"),
                   encoding="utf-8")
    result, problems = compare(str(old), str(new))
    assert result is not None, [p.format() for p in problems]
    assert [(p.code, p.level) for p in problems if p.code == "unknown-pejabat"] == [("unknown-pejabat", "peringatan")]
    assert [(f.label, f.words()) for f in result.identity] == [
        ("Disahkan oleh", ["sekda_lama → Sekretaris Daerah, Nama Lengkap, S.H., NIP. 197001011990031001"])]
    # the later version is still held to the organisation as it is
    new.write_text(new.read_text(encoding="utf-8").replace("disahkan_oleh: sekda", "disahkan_oleh: sekda_baru"),
                   encoding="utf-8")
    result, problems = compare(str(old), str(new))
    assert result is None and [p.code for p in problems if p.is_error] == ["unknown-pejabat"]


def test_rows_numbered_mulai_and_selesai_are_the_start_and_end_not_steps(tmp_path):
    """A school's SOP numbers "Mulai" (1) and "Selesai" (9) as rows with an actor (review X, SMPN Satap 1 Way
    Serdang): drawn as the capsules they are, they are no steps, need no mutu baku and receive no hand-off."""
    from petaproses.check import check

    (tmp_path / "organisasi.yaml").write_text("""jenis: organisasi
nama: Pemerintah Kabupaten Contoh
perangkat_daerah:
  smp: {nama: SMP Negeri 1 Contoh}
pelaksana:
  kepsek: {nama: Kepala Sekolah, perangkat_daerah: smp}
  sarpras: {nama: Wakasek Sarpras, perangkat_daerah: smp}
  karyawan: {nama: Karyawan, perangkat_daerah: smp}
""", encoding="utf-8")
    (tmp_path / "lf.yaml").write_text("""jenis: peta-lintas-fungsi
kode: UJI.LF
nama: Pengelolaan sampah
perangkat_daerah: smp
kegiatan:
  - {uraian: Mulai, pelaksana: sarpras}
  - {uraian: Menyampaikan rencana kerja, pelaksana: sarpras, kelengkapan: Program kerja, waktu: 10 menit, output: Rencana}
  - {uraian: Memberikan persetujuan, pelaksana: kepsek, kelengkapan: Rencana, waktu: 10 menit, output: Persetujuan}
  - {uraian: Mengumpulkan sampah, pelaksana: karyawan, kelengkapan: Gerobak, waktu: 2 jam, output: Sampah}
  - {uraian: "Selesai.", pelaksana: sarpras}
""", encoding="utf-8")
    cat, problems = check([str(tmp_path)])
    assert [p.format() for p in problems if p.is_error] == []
    m = metrics(cat, cat.by_code["UJI.LF"])
    # sarpras -> kepsek -> karyawan: two hand-offs; karyawan -> "Selesai" in sarpras is the end, not one
    assert (m.langkah, m.tanpa_mutu_baku, m.tanpa_waktu, m.serah_terima) == (3, 0, 0, 2)
    assert m.waktu_terpendek_menit == 10 + 10 + 120
    # a "Selesai" row ending a branch is the end symbol too (review Z)
    lf = tmp_path / "lf.yaml"
    lf.write_text(lf.read_text(encoding="utf-8").replace(
        "  - {uraian: Memberikan persetujuan, pelaksana: kepsek,",
        "  - {uraian: Memeriksa rencana, pelaksana: kepsek, cabang: {Ditolak: tolak, Diterima: setuju}}\n"
        "  - {id: tolak, uraian: Selesai, pelaksana: kepsek, selesai: true}\n"
        "  - {id: setuju, uraian: Memberikan persetujuan, pelaksana: kepsek,"), encoding="utf-8")
    cat, problems = check([str(tmp_path)])
    assert [p.format() for p in problems if p.is_error] == []
    m = metrics(cat, cat.by_code["UJI.LF"])
    assert (m.langkah, m.tanpa_mutu_baku) == (4, 1)  # the decision has no mutu baku; neither "Selesai" is a step


def test_a_procedure_with_a_total_time_only_counts_it_and_is_not_told_it_has_no_times(tmp_path):
    """Standar Pelayanan pages give one service time ("1 Hari") and no time per step (review Y, SIPPN Kab.
    Belitung): `jumlah_waktu` holds it; `no-times` warned all the same and `metrik` printed "-"."""
    from petaproses.check import check

    shutil.copytree(FIXTURES / "mini", tmp_path / "kat")
    sop = tmp_path / "kat" / "sop.yaml"
    text = sop.read_text(encoding="utf-8")
    steps = [line for line in text.splitlines(keepends=True) if not line.lstrip().startswith("waktu:")]
    sop.write_text("".join(steps).replace("kegiatan:\n", "jumlah_waktu: 1 hari\nkegiatan:\n", 1), encoding="utf-8")
    cat, problems = check([str(tmp_path / "kat")])
    assert [p.code for p in problems if p.code in ("no-times", "total-time-mismatch") or p.is_error] == []
    m = metrics(cat, cat.maps[0])
    assert m.tanpa_waktu == m.langkah and m.berwaktu
    assert (m.waktu_terpendek, m.waktu_terpanjang) == ("1 hari", "1 hari")
    # the steps' own times, where there are any, still make the paths (the total is checked against them)
    cat, _ = check([str(FIXTURES / "mini")])
    assert metrics(cat, cat.maps[0]).waktu_terpendek_menit == 15 + 30 + 15
