"""The no-op build (noop.py) must notice an edit to every kind of input a build reads: the registers, the
organisation, the peta-relasi settings, the evaluation records and the templates; and a broken file that is
not a map keeps the department and catalogue outputs as they were."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from petaproses.build import build
from petaproses.paths import templates_dir

from .conftest import PROCESSES


def _age(folder: Path, seconds: float = 10) -> None:
    """Make the files look saved a while ago, so that only their signature can tell the edit."""
    past = time.time() - seconds
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (past, past))


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.relative_to(out).parts[0] != ".petaproses"}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# (file under the catalogue or the cwd, text, replacement, output that shows the replacement)
EDITS = [
    ("cat/aplikasi.yaml", "nama: OSS RBA (Online", "nama: OSS RBA Uji (Online", "dpmptsp/DPMPTSP.LF.01.html"),
    ("cat/peraturan.yaml", "judul: Keterbukaan Informasi Publik", "judul: Keterbukaan Informasi Publik Uji", None),
    ("cat/dpmptsp/peta-relasi-dpmptsp.yaml", "label: Laporan penyelenggaraan", "label: Laporan Uji penyelenggaraan",
     "peta-relasi/Peta-Relasi-dpmptsp.svg"),
    ("cat/evaluasi/2026/2026-11-30-diskominfo.yaml", "pratinjau oleh Kepala Bidang IKP",
     "pratinjau Uji oleh Kepala Bidang IKP", "diskominfo/DISKOMINFO.SOP.02.html"),
    ("cat/organisasi.yaml", "nama: Pemerintah Kota Padang Panjang", "nama: Pemerintah Kota Padang Panjang Uji",
     "index.html"),
    ("templates/site/gaya.css", ".basi {", ".basi { outline: 0; /* Uji */", "aset/gaya.css"),
]


def test_an_edit_to_every_kind_of_input_is_built(tmp_path, monkeypatch):
    cat, out = tmp_path / "cat", tmp_path / "out"
    shutil.copytree(PROCESSES, cat)
    shutil.copytree(templates_dir(), tmp_path / "templates")  # petaproses uses ./templates when there is one
    monkeypatch.chdir(tmp_path)
    assert templates_dir().resolve() == (tmp_path / "templates").resolve()
    _age(tmp_path)
    build([str(cat)], str(out))
    assert not build([str(cat)], str(out)).built  # nothing changed: the no-op
    for rel, old, new, shown in EDITS:
        before = _outputs(out)
        _edit(tmp_path / rel, old, new)
        _age(tmp_path)
        result = build([str(cat)], str(out))
        assert not [p for p in result.problems if p.is_error], rel
        after = _outputs(out)
        assert result.written and after != before, f"{rel}: the edit was skipped"
        if shown:  # the edit shows in an output that depends on it
            assert b"Uji" in after[shown] and after[shown] != before.get(shown), rel
        else:  # the register is printed in the SOP documents: those change
            assert any(n.endswith(".docx") and after[n] != before[n] for n in after if n in before), rel
        assert not build([str(cat)], str(out)).written, f"{rel}: not a no-op after the edit was built"


def test_a_broken_evaluation_record_keeps_the_department_outputs(tmp_path):
    cat, out = tmp_path / "cat", tmp_path / "out"
    shutil.copytree(PROCESSES, cat)
    build([str(cat)], str(out))
    good = _outputs(out)
    record = cat / "evaluasi" / "2026" / "2026-11-30-diskominfo.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "dokumen: [tidak ditutup\n", encoding="utf-8")
    sop = cat / "setda" / "sop02-reviu-sop.yaml"  # a valid edit elsewhere is still built
    _edit(sop, "nama: ", "nama: Baru ")
    result = build([str(cat)], str(out))
    assert [p for p in result.problems if p.is_error and p.path == str(record)]
    assert "SETDA.ORG.SOP.02" in result.built
    now = _outputs(out)
    assert now.keys() == good.keys()
    for name in good:  # books, forms, berita acara and whole-catalogue files: their last good version
        if not name.endswith(".html") and "/" in name and name.split("/")[1].startswith(
                ("Dokumen-SOP-", "Formulir-", "Berita-Acara-", "Peta-Relasi", "Matriks-Aplikasi")):
            assert now[name] == good[name], name
    assert any(now[n] != good[n] for n in good if n.startswith("setda/SETDA.ORG.SOP.02."))


def test_a_broken_register_builds_nothing(tmp_path):
    cat, out = tmp_path / "cat", tmp_path / "out"
    shutil.copytree(PROCESSES, cat)
    register = cat / "aplikasi.yaml"
    register.write_text(register.read_text(encoding="utf-8") + "aplikasi: [tidak ditutup\n", encoding="utf-8")
    result = build([str(cat)], str(out))
    assert result.written_nothing and not out.exists()


def _written(out: Path) -> dict[str, bytes]:
    return {k: v for k, v in _outputs(out).items() if not k.startswith(".petaproses")}  # the state: out's own


def test_another_source_date_epoch_builds_again(tmp_path, monkeypatch):
    """SOURCE_DATE_EPOCH sets the dates written into the documents: a build under another one is no no-op, and
    what it writes is what a fresh build under it writes (and back again)."""
    cat = tmp_path / "cat"
    shutil.copytree(PROCESSES / "setda", cat / "setda")
    shutil.copy(PROCESSES / "organisasi.yaml", cat)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    assert not build([str(cat)], str(out), jobs=1).failed
    before = _written(out)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = build([str(cat)], str(out), jobs=1)
    assert not result.failed and result.built and not result.skipped
    assert not build([str(cat)], str(fresh), jobs=1).failed
    assert _written(out) == _written(fresh) != before
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build([str(cat)], str(out), jobs=1).built
    assert _written(out) == before
