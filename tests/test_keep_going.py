"""Issue 15 item 2: a build renders every valid document past broken ones, keeps (and marks stale) the last
good outputs of the broken ones, lists the errors and exits 1; `--ketat` still writes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from petaproses.build import build
from petaproses.cli import main

from .conftest import FIXTURES, PROCESSES


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.relative_to(out).parts[0] != ".petaproses"}


def _stale(out: Path) -> dict:
    text = (out / "aset" / "basi.js").read_text(encoding="utf-8")
    return json.loads(text.split("=", 1)[1].rstrip().rstrip(";"))


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_one_broken_document_does_not_stop_the_others(tmp_path, capsys):
    cat, out = tmp_path / "cat", tmp_path / "out"
    shutil.copytree(PROCESSES, cat)
    assert main(["build", str(cat), "-o", str(out)]) == 0
    good = _files(out)
    assert _stale(out) == {}
    sop1 = next((cat / "setda").glob("sop01*.yaml"))  # a rule error: an unknown actor
    _break(sop1, "pelaksana: ", "pelaksana: jabatan_tidak_ada_")
    sop2 = next((cat / "diskominfo").glob("sop02*.yaml"))  # a YAML error: the file does not load at all
    sop2.write_text(sop2.read_text(encoding="utf-8") + "kegiatan: [tidak ditutup\n", encoding="utf-8")
    sop3 = next((cat / "dpmptsp").glob("sop03*.yaml"))  # a valid edit elsewhere
    _break(sop3, "nama: ", "nama: Baru ")
    capsys.readouterr()
    assert main(["build", str(cat), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert str(sop1) in captured.out and str(sop2) in captured.out  # the errors are listed
    assert "bergalat" in captured.err and "tidak ada yang ditulis" not in captured.err
    now = _files(out)
    assert now.keys() == good.keys()
    changed = {name for name in now if now[name] != good[name]}
    assert any(name.startswith("dpmptsp/DPMPTSP.SOP.03.") for name in changed)  # the valid edit is built
    for code, folder in (("SETDA.ORG.SOP.01", "setda"), ("DISKOMINFO.SOP.02", "diskominfo")):
        kept = [name for name in good if name.startswith(f"{folder}/{code}.")]
        assert kept and all(now[name] == good[name] for name in kept), code  # last good outputs, untouched
    for book in ("setda/Dokumen-SOP-setda.docx", "diskominfo/Dokumen-SOP-diskominfo.docx"):
        assert now[book] == good[book]  # a book holding a broken SOP keeps its last good version
    manifest = json.loads((out / ".petaproses-build.json").read_text(encoding="utf-8"))
    assert manifest["dokumen"]["SETDA.ORG.SOP.01"]["basi"] is True
    assert manifest["dokumen"]["DISKOMINFO.SOP.02"]["basi"] is True
    assert "basi" not in manifest["dokumen"]["DPMPTSP.SOP.03"]
    stale = _stale(out)
    # a file that does not load keeps its department's book as it was, not the maps linking to it
    assert {"DISKOMINFO.SOP.02", "SETDA.ORG.SOP.01"} <= set(stale)
    assert all(code.startswith(("SETDA.", "DISKOMINFO.")) for code in stale)
    assert stale["SETDA.ORG.SOP.01"]["url"] == "setda/SETDA.ORG.SOP.01.html"
    assert all(str(sop1) in line for line in stale["SETDA.ORG.SOP.01"]["temuan"])
    # fixed: rebuilt, no longer stale, and the same as a clean build
    shutil.copy(PROCESSES / sop1.relative_to(cat), sop1)
    shutil.copy(PROCESSES / sop2.relative_to(cat), sop2)
    assert main(["build", str(cat), "-o", str(out)]) == 0
    assert _stale(out) == {}
    clean = tmp_path / "bersih"
    assert main(["build", str(cat), "-o", str(clean)]) == 0
    assert _files(out) == _files(clean)


def test_a_broken_document_with_no_earlier_build_has_no_outputs(tmp_path):
    cat, out = tmp_path / "cat", tmp_path / "out"
    shutil.copytree(FIXTURES / "mini", cat)
    (cat / "sop2.yaml").write_text((cat / "sop.yaml").read_text(encoding="utf-8").replace("PD.UNIT.01", "PD.UNIT.02"),
                                   encoding="utf-8")
    _break(cat / "sop.yaml", "pelaksana: ", "pelaksana: tidak_ada_")
    result = build([str(cat)], str(out), jobs=1)
    assert result.stale == ["PD.UNIT.01"] and result.built == ["PD.UNIT.02"] and not result.written_nothing
    assert not list((out / "setda").glob("PD.UNIT.01.*")) and list((out / "setda").glob("PD.UNIT.02.*"))
    assert (out / "index.html").is_file() and "PD.UNIT.01" in _stale(out)


def test_a_catalogue_with_nothing_valid_writes_nothing(tmp_path, capsys):
    (tmp_path / "x.yaml").write_text("jenis: sop\n", encoding="utf-8")
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists() and "tidak ada yang ditulis" in capsys.readouterr().err


def test_an_error_in_the_organisation_file_writes_nothing(tmp_path):
    cat, out = tmp_path / "cat", tmp_path / "out"
    shutil.copytree(FIXTURES / "mini", cat)
    assert not build([str(cat)], str(out), jobs=1).failed
    before = _files(out)
    _break(cat / "organisasi.yaml", "nama:", "nama_salah:")
    result = build([str(cat)], str(out), jobs=1)
    assert result.written_nothing and result.problems and _files(out) == before


def test_ketat_writes_nothing_into_an_empty_folder_nor_an_existing_one(tmp_path, capsys):
    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    _break(cat / "sop.yaml", "uraian: Menerima berkas", "uraian: Kasubag umum menerima berkas")  # a warning
    fresh = tmp_path / "baru"
    assert main(["build", str(cat), "-o", str(fresh), "--ketat"]) == 1
    assert "tidak ada yang ditulis" in capsys.readouterr().err
    assert not fresh.exists() or not any(fresh.rglob("*"))
    existing = tmp_path / "lama"
    assert main(["build", str(cat), "-o", str(existing)]) == 0  # a warning only: built
    before = {p: p.stat().st_mtime_ns for p in existing.rglob("*") if p.is_file()}
    _break(cat / "sop.yaml", "Nama Prosedur", "Nama Prosedur Baru")
    assert main(["build", str(cat), "-o", str(existing), "--ketat"]) == 1
    assert {p: p.stat().st_mtime_ns for p in existing.rglob("*") if p.is_file()} == before


def test_one_error_in_one_file_of_a_large_catalogue(tmp_path):
    """A catalogue of many SOPs with one broken file still builds the rest (the 1,000-SOP case, scaled down)."""
    import sys

    from .conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    from synth import generate

    cat = generate(tmp_path / "cat", 30)
    _break(cat / "sop-0013.yaml", "pelaksana: jabatan_", "pelaksana: salah_")
    result = build([str(cat)], str(tmp_path / "out"), site=False)
    assert result.stale == ["BENCH.0013"] and len(result.built) == 29 and not result.failed


# ------------------------------------------------------------------------------------------- review items 1, 2
@pytest.mark.parametrize("old, new", [
    ("  opd: Perangkat Daerah Terkait", "\topd: Perangkat Daerah Terkait"),  # a tab: the file does not parse
    ("\npelaksana:\n", "\npelaksan:\n"),  # a misspelt key: it parses but does not validate
])
def test_a_broken_organisation_file_is_not_called_missing(tmp_path, capsys, old, new):
    cat = tmp_path / "cat"
    shutil.copytree(PROCESSES, cat)
    _break(cat / "organisasi.yaml", old, new)
    for _ in range(2):  # the second from the check cache
        assert main(["check", str(cat)]) == 1
        out = capsys.readouterr().out
        errors = [line for line in out.splitlines() if "[peringatan]" not in line]
        assert errors and all(line.startswith(str(cat / "organisasi.yaml")) for line in errors), errors
        assert "missing-organisation" not in out
    (cat / "organisasi.yaml").unlink()  # now it is missing: said in every file, cache or not
    assert main(["check", str(cat)]) == 1
    assert "missing-organisation" in capsys.readouterr().out


def test_a_link_to_a_broken_file_is_not_unresolved_and_its_linkers_build(tmp_path, capsys):
    cat, out = tmp_path / "cat", tmp_path / "out"
    shutil.copytree(PROCESSES, cat)
    broken = cat / "dpmptsp" / "sop01-penerbitan-pbg.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "\tx: 1\n", encoding="utf-8")
    assert main(["check", str(cat)]) == 1
    found = capsys.readouterr().out
    assert "unresolved-link" not in found and "DPMPTSP.SOP.07" not in found
    errors = [line for line in found.splitlines() if "[peringatan]" not in line]
    assert errors and all(line.startswith(str(broken)) for line in errors), errors
    assert main(["build", str(cat), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "tetap ada" not in err and "DPMPTSP.SOP.01" in err  # a fresh folder: no last good outputs to speak of
    built = {p.name for p in (out / "dpmptsp").iterdir()}
    assert {"DPMPTSP.SOP.03.docx", "DPMPTSP.SP.04.svg"} <= built  # the documents linking to it are built
    assert not any(name.startswith("DPMPTSP.SOP.01.") for name in built)
    assert "Dokumen-SOP-dpmptsp.docx" not in built  # its department's book would lack it
    shutil.copy(PROCESSES / broken.relative_to(cat), broken)
    assert main(["build", str(cat), "-o", str(out)]) == 0
    broken.write_text(broken.read_text(encoding="utf-8") + "\tx: 1\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(cat), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "tetap ada" in err and "DPMPTSP.SOP.01" in err.split("tetap ada")[1].splitlines()[0]


def test_a_broken_files_code_is_read_only_as_a_code():
    """The code and department of a file that does not load are read from its text and printed (stale
    documents): only what a code or an id may hold is taken, so no control character reaches the terminal."""
    from petaproses.catalogue import head_of

    assert head_of(b"jenis: sop\r\nkode: DPMPTSP.SOP.01\r\nperangkat_daerah: dpmptsp\r\n\tx: 1\r\n") == \
        ("sop", "DPMPTSP.SOP.01", "dpmptsp")
    assert head_of(b"\xef\xbb\xbfjenis: 'sop'  # catatan\nkode: X.1 # kode\n") == ("sop", "X.1", None)
    assert head_of(b"jenis: sop\nkode: A\x1b[31mB\nperangkat_daerah: ../x y\n") == ("sop", None, None)


def test_an_evaluated_document_that_does_not_load_is_not_said_to_be_missing(tmp_path, capsys):
    """A syntax error in an evaluated SOP made its session record warn that the document does not exist, with a
    'maksud Anda' naming another SOP (usability test U, repro 07): the file's own error is what to fix."""
    cat = tmp_path / "cat"
    shutil.copytree(PROCESSES, cat)
    sop = cat / "setda" / "sop02-reviu-sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("uraian: ", "uraian:", 1), encoding="utf-8")
    assert main(["check", str(cat)]) == 1
    found = capsys.readouterr().out
    assert "sop02-reviu-sop.yaml" in found and "yaml-syntax" in found
    assert "SETDA.ORG.SOP.02" not in found and "unknown-evaluated" not in found
    sop.unlink()  # gone for good: said so
    assert main(["check", str(cat)]) == 1
    assert "unknown-evaluated-document: [peringatan] dokumen 'SETDA.ORG.SOP.02' tidak ada" in capsys.readouterr().out
