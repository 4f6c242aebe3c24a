"""The build: refuses bad catalogues, rebuilds only what changed, writes atomically, is deterministic."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from lxml import etree

from petaproses.build import build

from .conftest import FIXTURES, PROCESSES, ROOT


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _intact(path: Path) -> None:
    """Assert that an output file is complete: it parses as what its name says."""
    data = path.read_bytes()
    if path.suffix in (".bpmn", ".svg", ".html") and path.suffix != ".html":
        etree.fromstring(data)
    elif path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None
    elif path.suffix == ".png":
        assert data.startswith(b"\x89PNG") and data.rstrip().endswith(b"IEND\xaeB`\x82")
    elif path.suffix == ".json":
        import json

        json.loads(data)


def test_incremental_build_skips_what_did_not_change(tmp_path):
    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    out = tmp_path / "out"
    first = build([str(cat)], str(out), jobs=1)
    assert first.built == ["PD.UNIT.01"] and not first.failed
    second = build([str(cat)], str(out), jobs=1)
    assert second.built == [] and second.skipped == ["PD.UNIT.01"] and second.written == []
    # editing the SOP rebuilds it; editing the organisation file rebuilds everything
    sop = cat / "sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("Menyetujui permohonan", "Menyetujui permohonan izin"),
                   encoding="utf-8")
    assert build([str(cat)], str(out), jobs=1).built == ["PD.UNIT.01"]
    org = cat / "organisasi.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("Kepala Dinas", "Kepala Dinas Contoh"), encoding="utf-8")
    assert build([str(cat)], str(out), jobs=1).built == ["PD.UNIT.01"]
    # a deleted output is rebuilt
    victim = next(p for p in (out / "setda").iterdir())
    victim.unlink()
    assert build([str(cat)], str(out), jobs=1).built == ["PD.UNIT.01"] and victim.exists()


def test_removed_document_loses_its_outputs(tmp_path):
    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    out = tmp_path / "out"
    build([str(cat)], str(out), jobs=1)
    assert list((out / "setda").glob("PD.UNIT.01.*"))
    (cat / "sop.yaml").unlink()
    build([str(cat)], str(out), jobs=1)
    assert not list((out / "setda").glob("PD.UNIT.01.*"))


def test_two_builds_give_identical_bytes(tmp_path):
    a = build([str(PROCESSES)], str(tmp_path / "a"), jobs=2)
    time.sleep(1.1)  # a clock in the output would show
    b = build([str(PROCESSES)], str(tmp_path / "b"), jobs=1)
    assert a.built and not a.failed and not b.failed, (a.problems, a.failed, b.failed)
    fa, fb = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert sorted(fa) == sorted(fb)
    different = [name for name in fa if fa[name] != fb[name]]
    assert different == []
    # Word refuses a part whose mc:Ignorable names a prefix that is not declared
    docx_files = [name for name in fa if name.endswith(".docx")]
    assert docx_files
    for name in docx_files:
        with zipfile.ZipFile(tmp_path / "a" / name) as z:
            root = etree.fromstring(z.read("word/document.xml"))
        ignorable = root.get("{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable") or ""
        assert all(prefix in root.nsmap for prefix in ignorable.split()), name


def test_killed_build_leaves_no_truncated_output(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from synth import generate

    cat = generate(tmp_path / "cat", 60)
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "petaproses", "build", str(cat), "-o", str(out)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.rglob("*.*"))) < 20:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    finished = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert finished, "the build was killed before it wrote anything"
    for path in finished:
        _intact(path)
    # the next build completes the job and clears the temporary files
    result = build([str(cat)], str(out))
    assert not result.failed
    assert not list(out.rglob(".*.tmp"))
    for path in out.rglob("*"):
        if path.is_file():
            _intact(path)


def test_editing_one_sop_rebuilds_only_its_department(tmp_path):
    cat = tmp_path / "cat"
    shutil.copytree(PROCESSES, cat)
    out = tmp_path / "out"
    assert not build([str(cat)], str(out)).failed
    books = {pd: (out / pd / f"Dokumen-SOP-{pd}.docx") for pd in ("setda", "diskominfo", "dpmptsp")}
    before = {pd: p.stat().st_mtime_ns for pd, p in books.items()}
    sop = next((cat / "setda").glob("sop02*.yaml"))
    sop.write_text(sop.read_text(encoding="utf-8") + "# catatan reviu\n", encoding="utf-8")
    time.sleep(0.01)
    result = build([str(cat)], str(out))
    # the SOP and the documents that show its name (rincian, keterkaitan) are rebuilt, nothing else
    assert "SETDA.ORG.SOP.02" in result.built and all(code.startswith("SETDA.") for code in result.built)
    assert len(result.built) < 5
    assert books["setda"].stat().st_mtime_ns != before["setda"]
    assert books["diskominfo"].stat().st_mtime_ns == before["diskominfo"]
    assert books["dpmptsp"].stat().st_mtime_ns == before["dpmptsp"]


def test_cached_documents_still_report_exact_positions(tmp_path):
    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    out = tmp_path / "out"
    assert not build([str(cat)], str(out)).failed  # the SOP is now in the build cache
    org = cat / "organisasi.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("  kepala_dinas: Kepala Dinas\n", ""), encoding="utf-8")
    result = build([str(cat)], str(out))
    found = [(p.code, p.line, p.column) for p in result.problems if p.path.endswith("sop.yaml")]
    sop_lines = (cat / "sop.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(sop_lines, 1) if "pelaksana: kepala_dinas" in text)
    assert ("unknown-pelaksana", line, sop_lines[line - 1].index("kepala_dinas") + 1) in found


def test_missing_graphviz_stops_before_anything_is_written(tmp_path, monkeypatch):
    import petaproses.build as b
    from petaproses.problems import PetaprosesError

    real = b.shutil.which
    monkeypatch.setattr(b.shutil, "which", lambda tool: None if tool == "dot" else real(tool))
    out = tmp_path / "out"
    try:
        build([str(FIXTURES / "mini")], str(out))
    except PetaprosesError as exc:
        assert "graphviz" in str(exc).lower()
    else:
        raise AssertionError("the build ran without dot")
    assert not out.exists() or not any(out.rglob("*.*"))


def test_outputs_a_unit_no_longer_makes_are_removed(tmp_path):
    out = tmp_path / "out"
    assert not build([str(FIXTURES / "mini")], str(out), only=["bpmn", "diagram"]).failed
    assert (out / "setda" / "PD.UNIT.01.png").exists()
    assert not build([str(FIXTURES / "mini")], str(out), only=["bpmn"]).failed
    assert not (out / "setda" / "PD.UNIT.01.png").exists() and (out / "setda" / "PD.UNIT.01.bpmn").exists()
