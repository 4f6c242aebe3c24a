"""`build --pdf` converts the book and the forms too; a plain build afterwards says which PDFs it removed."""

from __future__ import annotations

from petaproses.cli import main

from .conftest import FIXTURES, require


def test_pdf_build_covers_book_and_forms_and_a_plain_build_says_what_it_removed(tmp_path, capsys):
    require("soffice")
    out = tmp_path / "out"
    assert main(["build", str(FIXTURES / "mini"), "-o", str(out), "--pdf"]) == 0
    names = ("Dokumen-SOP-setda.pdf", "Formulir-Monitoring-SOP-setda.pdf", "Formulir-Evaluasi-SOP-setda.pdf",
             "PD.UNIT.01.pdf", "PD.UNIT.01-peta.pdf")
    for name in names:
        assert (out / "setda" / name).read_bytes().startswith(b"%PDF-"), name
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="setda/Dokumen-SOP-setda.pdf">Dokumen SOP (buku) (PDF)<' in index
    assert 'href="setda/Formulir-Evaluasi-SOP-setda.pdf">Formulir evaluasi SOP (PDF)<' in index
    capsys.readouterr()
    assert main(["build", str(FIXTURES / "mini"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "5 PDF dari build --pdf sebelumnya dihapus" in err and "petaproses build --pdf" in err
    assert not any((out / "setda" / name).exists() for name in names)
    assert main(["build", str(FIXTURES / "mini"), "-o", str(out)]) == 0
    assert "PDF" not in capsys.readouterr().err  # nothing more to say
