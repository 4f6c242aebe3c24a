"""Running Graphviz: one ``neato -n2`` process per drawing (every format at once), ``dot -Tjson`` for layouts."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..problems import PetaprosesError


@functools.lru_cache(maxsize=None)
def _guard() -> tuple[str, ...]:
    """Return the prefix that makes Graphviz die with the process that runs it (Linux: util-linux setpriv).

    A build killed with ``kill -9`` takes its workers with it (workers.py); this takes their ``dot`` too.
    """
    exe = shutil.which("setpriv") if sys.platform.startswith("linux") else None
    if exe is None:
        return ()
    try:  # setpriv older than util-linux 2.33 has no --pdeathsig
        ok = subprocess.run([exe, "--pdeathsig", "KILL", "--", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return (exe, "--pdeathsig", "KILL", "--") if ok else ()


def _dot() -> str:
    exe = shutil.which("dot")
    if exe is None:
        raise PetaprosesError("gagal menjalankan 'dot': pasang Graphviz (paket 'graphviz') dan pastikan ada di PATH")
    return exe


def run_dot(dot_source: str, formats: list[str], extra: tuple[str, ...] = (), engine: str | None = None) -> dict[str, bytes]:
    """Return ``{format: bytes}`` from one ``neato -n2`` process writing every format (``extra``: more args);
    ``engine`` (e.g. "dot"): let that Graphviz engine place the drawing instead."""
    with tempfile.TemporaryDirectory(prefix="petaproses-dot-") as tmp:
        args = [*_guard(), _dot(), f"-K{engine}"] if engine else [*_guard(), _dot(), "-Kneato", "-n2"]
        args += list(extra)
        for fmt in formats:
            args += [f"-T{fmt}", "-o", str(Path(tmp) / f"out.{fmt}")]
        proc = subprocess.run(args, input=dot_source.encode("utf-8"), capture_output=True, check=False)
        if proc.returncode != 0:
            msg = proc.stderr.decode("utf-8", "replace").strip()
            raise PetaprosesError(f"Graphviz gagal menggambar diagram: {msg}")
        return {fmt: (Path(tmp) / f"out.{fmt}").read_bytes() for fmt in formats}


def layout_json(dot_source: str) -> dict:
    """Return ``dot``'s layout of ``dot_source`` (positions and splines) as parsed -Tjson."""
    proc = subprocess.run([*_guard(), _dot(), "-Tjson"], input=dot_source.encode("utf-8"), capture_output=True, check=False)
    if proc.returncode != 0:
        raise PetaprosesError(f"Graphviz gagal menata diagram: {proc.stderr.decode('utf-8', 'replace').strip()}")
    return json.loads(proc.stdout)
