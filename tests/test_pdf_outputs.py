"""`build --pdf` converts the book and the forms too; a plain build afterwards keeps them while their sources are
unchanged, and says which PDFs it removed when it rebuilds a document."""

from __future__ import annotations

import shutil

from petaproses.cli import main

from .conftest import FIXTURES, require


def test_pdf_build_covers_book_and_forms_and_a_plain_build_says_what_it_removed(tmp_path, capsys):
    require("soffice")
    shutil.copytree(FIXTURES / "mini", tmp_path / "cat")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "cat"), "-o", str(out), "--pdf"]) == 0
    names = ("Dokumen-SOP-setda.pdf", "Formulir-Monitoring-SOP-setda.pdf", "Formulir-Evaluasi-SOP-setda.pdf",
             "PD.UNIT.01.pdf", "PD.UNIT.01-peta.pdf")
    for name in names:
        assert (out / "setda" / name).read_bytes().startswith(b"%PDF-"), name
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="setda/Dokumen-SOP-setda.pdf">Dokumen SOP (buku) (PDF)<' in index
    assert 'href="setda/Formulir-Evaluasi-SOP-setda.pdf">Formulir evaluasi SOP (PDF)<' in index
    capsys.readouterr()
    # review U: `serve` (a plain build) after `build --pdf` rebuilt every document and removed every PDF although
    # nothing had changed; what a --pdf build made holds what a plain one makes: kept, PDFs and all
    assert main(["build", str(tmp_path / "cat"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "0 dibangun" in err and "PDF" not in err, err
    # nor is anything written again (it said "51 berkas ditulis", the site's pages and the relation maps and
    # matrices, byte-identical, as every such build after a --pdf one had)
    assert "; 0 berkas ditulis" in err, err
    assert all((out / "setda" / name).exists() for name in names)
    assert 'href="setda/Dokumen-SOP-setda.pdf"' in (out / "index.html").read_text(encoding="utf-8")
    # a step reworded: the SOP and its book rebuilt without their PDFs, and said; the forms (which do not print
    # the step's text) are kept with theirs
    sop = tmp_path / "cat" / "sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("uraian: ", "uraian: (ubah) ", 1), encoding="utf-8")
    assert main(["build", str(tmp_path / "cat"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "3 PDF dari build --pdf sebelumnya dihapus" in err and "petaproses build --pdf" in err
    assert [name for name in names if (out / "setda" / name).exists()] == list(names[1:3])
    assert main(["build", str(tmp_path / "cat"), "-o", str(out)]) == 0
    assert "PDF" not in capsys.readouterr().err  # nothing more to say


def test_pdf_build_converts_the_berita_acara_too(tmp_path):
    """Review U: `build --pdf` left the review sessions' berita acara as .docx only."""
    require("soffice")
    shutil.copytree(FIXTURES / "mini", tmp_path / "cat")
    (tmp_path / "cat" / "evaluasi").mkdir()
    (tmp_path / "cat" / "evaluasi" / "sesi.yaml").write_text(
        "jenis: evaluasi\nkode: EVAL.UJI.02\nperangkat_daerah: setda\ntanggal: 2026-03-12\npenilai: [sekda]\n"
        "dokumen:\n  PD.UNIT.01:\n    revisi: sha256:0000000000000000\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "cat"), "-o", str(out), "--pdf"]) == 0
    assert (out / "setda" / "Berita-Acara-Reviu-EVAL.UJI.02.pdf").read_bytes().startswith(b"%PDF-")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="setda/Berita-Acara-Reviu-EVAL.UJI.02.pdf">Berita acara reviu EVAL.UJI.02 (PDF)<' in index
