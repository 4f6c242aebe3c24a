"""Issue 17 §4/§5: a build killed (SIGKILL) or interrupted (SIGINT) at any moment leaves no process behind
after 2 s and no truncated file, and the next build is identical to a clean one; a full disk gives a clear
message and half-writes nothing; a crash exits 3, never 1."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from petaproses.build import MANIFEST, build
from petaproses.cli import main

from .conftest import FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "bench"))
from synth import generate  # noqa: E402


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
            and p.relative_to(out).as_posix() not in (".petaproses/cache.json", ".petaproses/lock")}


def _intact(path: Path) -> None:
    """Assert that an output file is complete: it parses as what its name says."""
    data = path.read_bytes()
    if path.suffix in (".bpmn", ".svg"):
        etree.fromstring(data)
    elif path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None
    elif path.suffix == ".png":
        assert data.startswith(b"\x89PNG") and data.rstrip().endswith(b"IEND\xaeB`\x82")
    elif path.suffix == ".json":
        import json

        json.loads(data)
    elif path.suffix == ".html":
        assert data.rstrip().endswith(b"</html>")


def _session(leader: int) -> list[int]:
    """Return the processes of the session ``leader`` started (the build, its workers, their Graphviz)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == leader and fields[0] != "Z":  # session id; zombies are already dead
                found.append(int(entry))
    return found


def _start(cat: Path, out: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.Popen([sys.executable, "-m", "petaproses", "build", str(cat), "-o", str(out), "-j", "2"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _no_orphans(leader: int) -> None:
    deadline = time.time() + 2
    while _session(leader) and time.time() < deadline:
        time.sleep(0.05)
    left = _session(leader)
    for pid in left:  # do not leave them running for the other tests
        os.kill(pid, signal.SIGKILL)
    assert left == [], "processes outlived the build by 2 s"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_sigkill_and_sigint_at_random_moments(tmp_path):
    cat = generate(tmp_path / "cat", 24)
    out = tmp_path / "out"
    rng = random.Random(17)
    for sig in (signal.SIGKILL, signal.SIGINT, signal.SIGKILL):
        proc = _start(cat, out)
        time.sleep(rng.uniform(0.4, 2.5))  # start-up, loading, rendering or writing the site
        os.kill(proc.pid, sig)  # the build only, as `kill` does, not its process group
        stderr = proc.communicate(timeout=30)[1].decode()
        _no_orphans(proc.pid)
        if sig == signal.SIGINT and proc.returncode != 0:
            assert proc.returncode == 130 and "Traceback" not in stderr, stderr
        for path in out.rglob("*"):
            if path.is_file() and not path.name.endswith(".tmp"):
                _intact(path)
        # the document outputs are complete or absent; each run goes a little further
        cat.joinpath("sop-0003.yaml").write_text(cat.joinpath("sop-0003.yaml").read_text() + "# lagi\n")
    # the synthetic SOPs write no identity and no times: those two warnings are expected, nothing else
    expected = ("empty-identity", "no-times")
    assert [p for p in build([str(cat)], str(out), jobs=2).problems if p.code not in expected] == []
    assert not [p for p in out.rglob("*.tmp")]
    clean = tmp_path / "bersih"
    assert [p for p in build([str(cat)], str(clean), jobs=2).problems if p.code not in expected] == []
    assert _files(out) == _files(clean)


class _FullDisk:
    """Stand-in for the file object write_atomic writes to: fails with ENOSPC once ``budget`` bytes are written."""

    def __init__(self, real, budget: list[int]):
        self.real, self.budget = real, budget

    def write(self, data: bytes) -> int:
        if self.budget[0] < len(data):
            raise OSError(errno.ENOSPC, "No space left on device")
        self.budget[0] -= len(data)
        return self.real.write(data)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


def test_a_full_disk_stops_with_a_clear_message_and_half_writes_nothing(tmp_path, monkeypatch, capsys):
    import petaproses.atomic as atomic

    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    out = tmp_path / "out"
    assert main(["build", str(cat), "-o", str(out), "-j", "1"]) == 0
    before = _files(out)
    sop = cat / "sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("Nama Prosedur", "Nama Prosedur Baru"), encoding="utf-8")
    real_fdopen = os.fdopen
    budget = [150_000]  # room for a few files, not for the whole build
    def fdopen(fd, mode="r", *a, **k):  # write_atomic's temporary file is the one opened "wb"
        fh = real_fdopen(fd, mode, *a, **k)
        return _FullDisk(fh, budget) if mode == "wb" else fh

    monkeypatch.setattr(atomic.os, "fdopen", fdopen)
    capsys.readouterr()
    assert main(["build", str(cat), "-o", str(out), "-j", "1"]) == 3
    err = capsys.readouterr().err
    assert "disk penuh" in err and "Traceback" not in err, err
    assert not list(out.rglob("*.tmp"))
    for name in before:  # every file is the old one or a complete new one
        _intact(out / name)
    monkeypatch.undo()
    assert main(["build", str(cat), "-o", str(out), "-j", "1"]) == 0
    clean = tmp_path / "bersih"
    assert main(["build", str(cat), "-o", str(clean), "-j", "1"]) == 0
    assert _files(out) == _files(clean)


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("mount"), reason="mounting a small tmpfs needs root")
def test_a_really_full_disk(tmp_path):
    """The same on a real 1 MB file system (the build's outputs need about 600 kB more than that)."""
    out = tmp_path / "kecil"
    out.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(out)], capture_output=True).returncode:
        pytest.skip("this machine does not allow mounting a tmpfs")
    try:
        cat = generate(tmp_path / "cat", 6)
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        proc = subprocess.run([sys.executable, "-m", "petaproses", "build", str(cat), "-o", str(out)], env=env,
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 3 and "disk penuh" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
        assert not list(out.rglob("*.tmp"))
        for path in out.rglob("*"):
            if path.is_file() and path.suffix in (".svg", ".png", ".docx", ".bpmn", ".json", ".html"):
                _intact(path)
    finally:
        subprocess.run(["umount", "-l", str(out)], check=False)


def test_a_crash_exits_3_not_1(tmp_path, monkeypatch, capsys):
    import petaproses.build as b

    def boom(*_a, **_k):
        raise RuntimeError("cacat uji")

    monkeypatch.setattr(b, "write_review_site", boom)
    assert main(["build", str(FIXTURES / "mini"), "-o", str(tmp_path / "out"), "-j", "1"]) == 3
    assert "galat internal" in capsys.readouterr().err


def test_a_failed_build_leaves_no_temporary_file(tmp_path, monkeypatch, capsys):
    """A worker killed inside a write (the pool is killed when the build fails) leaves its temporary file: the
    failing build sweeps it before it lets the lock go, not only the next build."""
    import petaproses.build as b

    out = tmp_path / "out"

    def killed_mid_write(*_a, **_k):
        (out / "peta").mkdir(parents=True, exist_ok=True)
        (out / "peta" / ".X.svg.k2j4.tmp").write_bytes(b"<svg")
        raise RuntimeError("cacat uji")

    monkeypatch.setattr(b, "write_review_site", killed_mid_write)
    assert main(["build", str(FIXTURES / "mini"), "-o", str(out), "-j", "1"]) == 3
    assert "galat internal" in capsys.readouterr().err
    assert not list(out.rglob("*.tmp"))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bug_in_the_whole_catalogue_files_stops_the_build_with_its_message(tmp_path, monkeypatch, capsys, jobs):
    """The peta relasi and the matrix are made by a worker beside the units (units.py): a renderer's bug there
    stops the build with what went wrong, in a worker as here, and no manifest says the build is done."""
    import petaproses.pieces as pieces

    def boom(*_a, **_k):
        raise RuntimeError("cacat uji")

    monkeypatch.setattr(pieces, "render_catalogue_files", boom)
    out = tmp_path / "out"
    assert main(["build", str(FIXTURES / "mini"), "-o", str(out), "-j", jobs]) == 3
    err = capsys.readouterr().err
    assert "peta relasi dan matriks aplikasi gagal dibuat: RuntimeError: cacat uji" in err and "Traceback" not in err
    assert not (out / MANIFEST).exists()


def test_a_system_without_process_pools_builds_and_checks_in_one_process(tmp_path, monkeypatch):
    """Where no process pool can be made (no fork, or no semaphores: a container without /dev/shm), the work
    that would be shared among workers (parsing, rules, units) is done here, with the same result."""
    import concurrent.futures

    from petaproses.catalogue import PARALLEL_FROM, load_catalogue

    cat = tmp_path / "cat"
    shutil.copytree(ROOT / "processes", cat)
    sops = sorted(cat.rglob("sop*.yaml"))
    for k in range(PARALLEL_FROM // len(sops) + 1):
        for sop in sops:
            shutil.copy(sop, sop.with_name(f"salinan{k}-{sop.name}"))
    with_pool = [d.model_dump() for d in load_catalogue([str(cat)], None, jobs=2)[0].maps]
    assert main(["build", str(FIXTURES / "mini"), "-o", str(tmp_path / "dengan"), "-j", "2"]) == 0

    tried: list = []

    def no_pool(*_a, **_k):
        tried.append(1)
        raise OSError(38, "Function not implemented (sem_open)")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    assert [d.model_dump() for d in load_catalogue([str(cat)], None, jobs=2)[0].maps] == with_pool
    assert main(["check", str(cat), "--tanpa-cache"]) == 1  # the copies repeat every code: errors, no crash
    assert main(["build", str(FIXTURES / "mini"), "-o", str(tmp_path / "tanpa"), "-j", "2"]) == 0
    assert _files(tmp_path / "tanpa") == _files(tmp_path / "dengan")
    assert len(tried) >= 4  # parsing twice, the check's rules, the build's units: each asked for a pool
