"""The templates a Pemda restyles (`petaproses templat`): check reports every problem of gaya.yaml and build refuses
it before writing anything; a catalogue's own templates/ are used wherever the command runs."""

from __future__ import annotations

import re
import shutil
import zipfile

from petaproses.cli import main

from .conftest import FIXTURES


def _restyle(gaya, old: str, new: str) -> None:
    text = gaya.read_text(encoding="utf-8")
    assert old in text
    gaya.write_text(text.replace(old, new, 1), encoding="utf-8")


def _paper(docx) -> str:
    """The SOP's page size, as "width x height" in twips."""
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
    size = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', xml)
    return f"{size[1]}x{size[2]}"


A4_LANDSCAPE, F4_LANDSCAPE, A4_PORTRAIT = "16838x11906", "18709x12189", "11906x16838"


def test_check_reports_every_problem_of_the_style_file_and_build_refuses_it_first(tmp_path, monkeypatch, capsys):
    """The tester's report: an unknown key in gaya.yaml was found by `build` only, after the maps were written (rc 3,
    no .docx, a stale .petaproses/running marker), and only the first of them."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "cat")
    monkeypatch.chdir(tmp_path)
    assert main(["templat"]) == 0
    gaya = tmp_path / "templates" / "sop" / "gaya.yaml"
    _restyle(gaya, "  kiri: 15", "  kir: 15")
    _restyle(gaya, "jarak_kaki_mm: 7 ", "jarak_kaki_mm: 90 ")
    _restyle(gaya, "huruf: Arial", "hurup: Arial")
    _restyle(gaya, "ukuran_huruf_tabel: 8 ", "ukuran_hurf_tabel: 8 ")
    _restyle(gaya, "orientasi: lanskap", "orientasi: miring")
    capsys.readouterr()
    assert main(["check", "cat"]) == 1
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "gaya.yaml" in line]
    text = gaya.read_text(encoding="utf-8").splitlines()

    def at(needle: str) -> int:  # the line the edit above put ``needle`` on (the file's comments may grow)
        [number] = [i for i, line in enumerate(text, 1) if needle in line]
        return number

    assert lines == [
        f"templates/sop/gaya.yaml:{at('miring')}:12: invalid-value: orientasi harus lanskap atau potret, bukan 'miring'",
        f"templates/sop/gaya.yaml:{at('kir:')}:3: unknown-key: kunci 'kir' tidak dikenal di berkas gaya; maksud Anda "
        "'kiri'?",
        f"templates/sop/gaya.yaml:{at('kaki_mm: 90')}:16: invalid-value: jarak_kaki_mm harus 0 sampai 50 mm, bukan 90",
        f"templates/sop/gaya.yaml:{at('hurup:')}:1: unknown-key: kunci 'hurup' tidak dikenal di berkas gaya; maksud Anda "
        "'huruf'?",
        f"templates/sop/gaya.yaml:{at('hurf_tabel')}:1: unknown-key: kunci 'ukuran_hurf_tabel' tidak dikenal di berkas "
        "gaya; maksud Anda 'ukuran_huruf_tabel'?"], out
    assert main(["check", "cat/sop.yaml"]) == 1  # it shapes every SOP: a check of one says so too
    capsys.readouterr()
    # the build: the same findings, exit 1 (the user's file, not a crash), nothing written, no marker left
    assert main(["build", "cat", "-o", "out"]) == 1
    said = capsys.readouterr()
    assert [line for line in said.out.splitlines() if "gaya.yaml" in line] == lines
    assert "5 galat" in said.err and "tidak ada yang ditulis" in said.err
    assert not (tmp_path / "out").exists()
    # fixed: the check says so at once (its cache keys the style file too), and the build writes
    gaya.write_text(gaya.read_text(encoding="utf-8").replace("kir:", "kiri:").replace("hurup:", "huruf:")
                    .replace("hurf_", "huruf_").replace("miring", "potret").replace(": 90 ", ": 7 "), encoding="utf-8")
    assert main(["check", "cat"]) == 0
    assert main(["build", "cat", "-o", "out"]) == 0
    assert _paper(tmp_path / "out" / "setda" / "PD.UNIT.01.docx") == A4_PORTRAIT
    assert not (tmp_path / "out" / ".petaproses" / "running").exists()


def test_a_catalogues_own_templates_are_used_wherever_the_command_runs(tmp_path, monkeypatch, capsys):
    """The tester's report: `petaproses build kat` from the parent folder ignored kat/templates/.  The catalogue's
    templates (beside organisasi.yaml) win; the current folder's are used when the catalogue has none."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "kat")
    monkeypatch.chdir(tmp_path)
    assert main(["templat", "kat/templates"]) == 0
    _restyle(tmp_path / "kat" / "templates" / "sop" / "gaya.yaml", "kertas: A4", "kertas: F4")
    assert main(["build", "kat", "-o", "out"]) == 0
    assert _paper(tmp_path / "out" / "setda" / "PD.UNIT.01.docx") == F4_LANDSCAPE
    # the current folder's templates too: the catalogue's win, in check and build alike
    assert main(["templat"]) == 0
    _restyle(tmp_path / "templates" / "sop" / "gaya.yaml", "orientasi: lanskap", "orientasi: potret")
    _restyle(tmp_path / "templates" / "sop" / "gaya.yaml", "huruf: Arial", "hurup: Arial")
    capsys.readouterr()
    assert main(["check", "kat"]) == 0 and "gaya.yaml" not in capsys.readouterr().out
    assert main(["build", "kat", "-o", "out"]) == 0
    assert _paper(tmp_path / "out" / "setda" / "PD.UNIT.01.docx") == F4_LANDSCAPE
    _restyle(tmp_path / "kat" / "templates" / "sop" / "gaya.yaml", "huruf: Arial", "huruf_: Arial")
    capsys.readouterr()
    assert main(["check", "kat"]) == 1
    line = (tmp_path / "kat" / "templates" / "sop" / "gaya.yaml").read_text(encoding="utf-8").split("huruf_:")[0].count(
        "\n") + 1
    assert f"kat/templates/sop/gaya.yaml:{line}:1: unknown-key: kunci 'huruf_'" in capsys.readouterr().out
    assert main(["build", "kat", "-o", "out"]) == 1
    # from inside the catalogue, the same templates
    monkeypatch.chdir(tmp_path / "kat")
    capsys.readouterr()
    assert main(["check", "."]) == 1
    assert f"templates/sop/gaya.yaml:{line}:1: unknown-key: kunci 'huruf_'" in capsys.readouterr().out
    # a catalogue without templates of its own: the current folder's, as before
    monkeypatch.chdir(tmp_path)
    shutil.rmtree(tmp_path / "kat" / "templates")
    _restyle(tmp_path / "templates" / "sop" / "gaya.yaml", "hurup: Arial", "huruf: Arial")
    assert main(["build", "kat", "-o", "out"]) == 0
    assert _paper(tmp_path / "out" / "setda" / "PD.UNIT.01.docx") == A4_PORTRAIT


def _catalogue_with_templates(tmp_path, monkeypatch):
    shutil.copytree(FIXTURES / "mini", tmp_path / "kat")
    monkeypatch.chdir(tmp_path)
    assert main(["templat", "kat/templates"]) == 0
    return tmp_path / "kat" / "templates"


def _line(path, needle: str) -> int:
    [number] = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return number


def _refused(tmp_path, capsys, *expected: str) -> str:
    """check and build both report ``expected`` (rc 1); build writes nothing and leaves no marker."""
    capsys.readouterr()
    assert main(["check", "kat"]) == 1
    out = capsys.readouterr().out
    for text in expected:
        assert text in out, out
    assert main(["build", "kat", "-o", "out"]) == 1
    said = capsys.readouterr()
    assert all(text in said.out for text in expected) and "tidak ada yang ditulis" in said.err
    assert not (tmp_path / "out").exists()
    assert "Traceback" not in out + said.out + said.err and "Error" not in out + said.out + said.err
    return out


def test_check_fills_each_header_and_footer_text_and_build_refuses_one_that_fails(tmp_path, monkeypatch, capsys):
    """Review Z: `{{ judul }}` (a typo for judul_sop), `{{ 1/0 }}` and an unknown filter passed check; build then
    failed halfway, in English, rc 3, part of the output written and its running marker left."""
    gaya = _catalogue_with_templates(tmp_path, monkeypatch) / "sop" / "gaya.yaml"
    original = gaya.read_text(encoding="utf-8")
    _restyle(gaya, "{{ organisasi }} — {{ judul_sop }}", "{{ organisasi }} — {{ judul }}")
    line = _line(gaya, "kepala_halaman:")
    _refused(tmp_path, capsys, f"kat/templates/sop/gaya.yaml:{line}:17: invalid-value: kepala_halaman memakai "
             "variabel 'judul' yang tidak ada (maksud Anda 'judul_sop'?); variabel yang tersedia: organisasi, "
             "perangkat_daerah, singkatan, instansi_induk, sop.kode, sop.nama, sop.nomor, judul_sop, halaman, "
             "jumlah_halaman")
    for text, said in [("{{ 1/0 }}", "kepala_halaman gagal diisi: pembagian dengan nol"),
                       ("{{ organisasi | nofilter }}", "kepala_halaman memakai filter 'nofilter' yang tidak dikenal"),
                       ("{{ sop.judul }}", "kepala_halaman memakai sop.judul yang tidak ada"),
                       ("{{ halaman + 1 }}", "kepala_halaman gagal diisi: jenis nilai tidak cocok"),
                       ("{{ range(100000000) | list | length }}", "gaya.yaml:" f"{line}:17: invalid-value: "
                        "kepala_halaman gagal diisi: angka atau rentang terlalu besar")]:
        gaya.write_text(original.replace("{{ organisasi }} — {{ judul_sop }}", text), encoding="utf-8")
        _refused(tmp_path, capsys, said)
    # the book's front pages have no SOP: without kaki_halaman_buku, kaki_halaman (which prints sop.nomor) is theirs
    gaya.write_text("\n".join(row for row in original.splitlines() if not row.startswith("kaki_halaman_buku:")),
                    encoding="utf-8")
    _refused(tmp_path, capsys, f"gaya.yaml:{_line(gaya, 'kaki_halaman:')}:15: invalid-value: kaki_halaman (dipakai "
             "juga untuk buku: kaki_halaman_buku tidak ditulis) gagal diisi di halaman depan buku")
    # fixed: check passes and the build writes, its header as written
    gaya.write_text(original.replace("{{ organisasi }} — {{ judul_sop }}", "{{ singkatan }} {{ sop.kode }}"),
                    encoding="utf-8")
    assert main(["check", "kat"]) == 0
    assert main(["build", "kat", "-o", "out"]) == 0
    headers = [n for n in zipfile.ZipFile(tmp_path / "out" / "setda" / "PD.UNIT.01.docx").namelist() if "header" in n]
    assert any("PD.UNIT.01" in zipfile.ZipFile(tmp_path / "out" / "setda" / "PD.UNIT.01.docx").read(n).decode()
               for n in headers)


def test_the_sample_values_are_the_renderers_names(mini_catalogue):
    """check fills the texts with the names render/docx_writer.context gives: none more, none fewer."""
    from petaproses import gaya_texts
    from petaproses.render.docx_writer import context

    [sop] = [d for d in mini_catalogue.maps if d.__class__.__name__ == "Sop"]
    assert set(context(mini_catalogue, sop)) == set(gaya_texts.WITH_SOP)
    assert set(context(mini_catalogue, sop)["sop"]) == set(gaya_texts.SOP_FIELDS) == set(gaya_texts.WITH_SOP["sop"])
    assert set(context(mini_catalogue, pd_id=sop.perangkat_daerah)) == set(gaya_texts.DEPARTMENT)


def test_a_templates_folder_holding_some_files_takes_the_rest_from_petaproses(tmp_path, monkeypatch, capsys):
    """Review Z: a templates/ holding only sop/gaya.yaml (all a Pemda that changes the paper needs) passed check, and
    build failed halfway on the missing site templates; without site/gaya.css, "saat menulis" and a claim that the
    output was untouched.  What the copy lacks is petaproses' own, in check and build alike."""
    from petaproses.paths import PACKAGE_TEMPLATES

    templates = _catalogue_with_templates(tmp_path, monkeypatch)
    shutil.rmtree(templates / "site")
    for name in ("buku-sampul.j2", "berita-acara.j2"):
        (templates / "sop" / name).unlink()
    _restyle(templates / "sop" / "gaya.yaml", "kertas: A4", "kertas: F4")
    assert main(["check", "kat"]) == 0
    assert main(["build", "kat", "-o", "out"]) == 0
    assert _paper(tmp_path / "out" / "setda" / "PD.UNIT.01.docx") == F4_LANDSCAPE
    assert (tmp_path / "out" / "aset" / "gaya.css").read_bytes() == (PACKAGE_TEMPLATES / "site" / "gaya.css").read_bytes()
    assert (tmp_path / "out" / "index.html").is_file() and (tmp_path / "out" / "setda" / "Dokumen-SOP-setda.docx").is_file()
    # a copy of the style sheet alone: it is used, with the shipped page templates
    (templates / "site").mkdir()
    (templates / "site" / "gaya.css").write_text("body { color: #123456; }\n", encoding="utf-8")
    assert main(["build", "kat", "-o", "out"]) == 0
    assert (tmp_path / "out" / "aset" / "gaya.css").read_text(encoding="utf-8") == "body { color: #123456; }\n"


def test_a_broken_base_document_is_reported_by_check_and_refused_by_build(tmp_path, monkeypatch, capsys):
    """Review Z: a templates/sop/dasar.docx that is no .docx passed check; build failed with PackageNotFoundError."""
    templates = _catalogue_with_templates(tmp_path, monkeypatch)
    assert main(["check", "kat"]) == 0  # remembered by the check cache: the broken file below must miss it
    (templates / "sop" / "dasar.docx").write_bytes(b"not a word document")
    _refused(tmp_path, capsys, "kat/templates/sop/dasar.docx:1:1: invalid-value: dasar.docx bukan dokumen Word (.docx) "
             "yang dapat dibaca", "hapus berkas itu agar gaya bawaan dipakai")
    import docx

    docx.Document().save(str(templates / "sop" / "dasar.docx"))  # a real one: used
    assert main(["check", "kat"]) == 0
    assert main(["build", "kat", "-o", "out"]) == 0


def test_style_file_aliases_and_odd_values_are_said_plainly(tmp_path, monkeypatch, capsys):
    """Review Z: nested aliases in gaya.yaml exhausted memory in check (catalogue files refuse them: yaml-alias);
    an empty value was "bukan 'None'", a complex key a dump of PyYAML's nodes."""
    gaya = _catalogue_with_templates(tmp_path, monkeypatch) / "sop" / "gaya.yaml"
    original = gaya.read_text(encoding="utf-8")
    _restyle(gaya, "kertas: A4", "kertas: &k A4")
    _restyle(gaya, "orientasi: lanskap", "orientasi: *k")
    out = _refused(tmp_path, capsys, f"kat/templates/sop/gaya.yaml:{_line(gaya, '&k')}:9: yaml-alias: anchor/alias YAML")
    assert out.count("gaya.yaml") == 1  # the first, as in catalogue files
    gaya.write_text(original.replace("kertas: A4", "kertas: ~").replace("  atas: 20", "  atas:")
                    .replace("ukuran_huruf_tabel: 8 ", "ukuran_huruf_tabel: [8] ") + "? [a, b]\n: c\n",
                    encoding="utf-8")
    out = _refused(tmp_path, capsys,
                   f"gaya.yaml:{_line(gaya, 'kertas:')}:9: invalid-value: kertas kosong; tulis A4 atau F4, atau hapus "
                   "barisnya agar nilai bawaan dipakai",
                   f"gaya.yaml:{_line(gaya, '  atas:')}:8: invalid-value: margin_mm.atas kosong; tulis angka (mm)",
                   f"gaya.yaml:{_line(gaya, '? [a, b]')}:3: type-mismatch: kunci berkas gaya harus berupa nama biasa",
                   "ukuran_huruf_tabel harus berupa satu nilai, bukan daftar atau kumpulan")
    assert "None" not in out and "Node" not in out and "[8]" not in out


def test_check_compiles_the_copys_jinja2_templates_and_build_refuses_a_broken_one(tmp_path, monkeypatch, capsys):
    """Review Z: a syntax error or an unknown filter in templates/site/*.j2 or templates/sop/*.j2 passed check; build
    found it halfway (rc 3, part of the output written).  check compiles each .j2 the copy holds, in its renderer's
    environment, and says where; build refuses before writing."""
    templates = _catalogue_with_templates(tmp_path, monkeypatch)
    assert main(["check", "kat"]) == 0  # remembered by the check cache: the broken files below must miss it
    book, index = templates / "sop" / "buku-sampul.j2", templates / "site" / "index.html.j2"
    book_text, index_text = book.read_text(encoding="utf-8"), index.read_text(encoding="utf-8")
    book.write_text(book_text + "{% if sop %}\nterbuka\n", encoding="utf-8")
    assert "{{ total_maps }}" in index_text
    index.write_text(index_text.replace("{{ total_maps }}", "{{ total_maps | nofilter }}", 1), encoding="utf-8")
    (templates / "site" / "tambahan.html.j2").write_text("<p>\n{% if %}x{% endif %}\n", encoding="utf-8")
    fix = "perbaiki templat itu, atau hapus berkasnya agar templat bawaan petaproses dipakai"
    out = _refused(tmp_path, capsys,
                   f"kat/templates/sop/buku-sampul.j2:{len(book.read_text(encoding='utf-8').splitlines())}:1: "
                   "invalid-value: templat berakhir sebelum setiap blok {% ... %} ditutup", fix,
                   f"kat/templates/site/index.html.j2:{_line(index, 'nofilter')}:1: invalid-value: templat memakai "
                   f"filter 'nofilter' yang tidak dikenal Jinja2; {fix}",
                   "kat/templates/site/tambahan.html.j2:2:1: invalid-value: templat bukan Jinja2 yang sah")
    assert out.count(".j2:") == 3
    # an unknown test, in the SOP book's environment too
    book.write_text(book_text.replace("{{", "{% if sop is nottest %}{% endif %}{{", 1), encoding="utf-8")
    _refused(tmp_path, capsys, "kat/templates/sop/buku-sampul.j2:", "uji (is ...) 'nottest' yang tidak dikenal")
    # fixed or deleted (the package's own is used): check passes and the build writes
    book.write_text(book_text, encoding="utf-8")
    index.unlink()
    (templates / "site" / "tambahan.html.j2").unlink()
    assert main(["check", "kat"]) == 0
    assert main(["build", "kat", "-o", "out"]) == 0
    assert (tmp_path / "out" / "index.html").is_file()


def test_the_template_check_uses_the_renderers_environments(tmp_path):
    """check and build agree: the SOP book's templates are compiled in the environment render/docx_style renders
    them in (trim_blocks, autoescape ... change what a template means); the site's are site_templates'."""
    from petaproses import gaya_j2
    from petaproses.render.docx_style import load_style
    from petaproses.paths import PACKAGE_TEMPLATES

    def settings(env) -> dict:
        return {**{k: getattr(env, k) for k in ("trim_blocks", "lstrip_blocks", "keep_trailing_newline", "undefined",
                                                "block_start_string", "variable_start_string", "finalize")},
                "autoescape": [env.autoescape(n) if callable(env.autoescape) else env.autoescape
                               for n in ("a.html.j2", "a.j2", "a.txt")], "filters": sorted(env.filters)}

    assert settings(gaya_j2.sop_environment(PACKAGE_TEMPLATES)) == settings(load_style(PACKAGE_TEMPLATES).env)
    assert gaya_j2.template_problems(PACKAGE_TEMPLATES) == []  # the shipped ones compile
    assert gaya_j2.template_problems(tmp_path) == []  # no copy: nothing to compile


def test_an_empty_font_name_is_refused_at_its_line(tmp_path, monkeypatch, capsys):
    """Review Z: `huruf: ""` was accepted (the SOP then had no font name)."""
    gaya = _catalogue_with_templates(tmp_path, monkeypatch) / "sop" / "gaya.yaml"
    original = gaya.read_text(encoding="utf-8")
    for empty in ('""', "'  '"):
        gaya.write_text(original.replace("huruf: Arial", f"huruf: {empty}", 1), encoding="utf-8")
        _refused(tmp_path, capsys, f"kat/templates/sop/gaya.yaml:{_line(gaya, f'huruf: {empty}')}:8: invalid-value: huruf "
                 "kosong; tulis nama huruf yang terpasang (mis. Arial), atau hapus barisnya agar nilai bawaan dipakai")
