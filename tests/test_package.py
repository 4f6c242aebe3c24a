"""A wheel built from the repository installs a working tool: templates ship inside the package."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile

import pytest

from .conftest import PROCESSES, ROOT


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_virtualenv_and_builds_the_sample(tmp_path):
    # from a clean copy: a stale *.egg-info of an editable install lists files that package-data may forget
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        "*.egg-info", ".venv", "node_modules", "__pycache__", "build", "dist", "output", ".git", ".pytest_cache"))
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
                   check=True, capture_output=True)
    [wheel] = wheels.glob("petaproses-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(p.relative_to(ROOT / "src").as_posix()
                     for p in (ROOT / "src" / "petaproses" / "templates").rglob("*") if p.is_file())
    assert shipped and set(shipped) <= set(names)

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True,
                   capture_output=True)
    # the dependencies come from the test environment (appended after the fresh site-packages, so the
    # wheel's petaproses is found first); installing them again from an index would only test the network
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    (tmp_path / "venv" / site.split(str(env_dir) + os.sep, 1)[1] / "deps.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    work = tmp_path / "work"  # no templates/ here, and not the repository
    shutil.copytree(PROCESSES, work / "processes")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = subprocess.run([str(python), "-c", "import petaproses, petaproses.paths as p; "
                            "print(petaproses.__file__); print(p.templates_dir())"],
                           cwd=work, env=env, check=True, capture_output=True, text=True).stdout.splitlines()
    assert all(line.startswith(str(env_dir)) for line in where), where
    run = subprocess.run([str(python), "-m", "petaproses", "build", "processes", "-o", "out"], cwd=work, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    out = work / "out"
    assert (out / "index.html").is_file() and (out / "aset" / "gaya.css").is_file()
    books = sorted(p.name for p in out.glob("*/Dokumen-SOP-*.docx"))
    assert books == ["Dokumen-SOP-diskominfo.docx", "Dokumen-SOP-dpmptsp.docx", "Dokumen-SOP-setda.docx"]
    maps = [p for p in PROCESSES.rglob("*.yaml")  # all but the organisation, registers, peta-relasi and records
            if not re.search(rb"^jenis: (organisasi|peraturan|aplikasi|peta-relasi|evaluasi)\s*$", p.read_bytes(), re.M)]
    assert len([p for p in out.glob("*/*.bpmn") if p.parent.name != "peta-relasi"]) == len(maps)
    assert (out / "peta-relasi" / "Peta-Relasi.bpmn").is_file() and (out / "matriks-aplikasi" / "index.html").is_file()
