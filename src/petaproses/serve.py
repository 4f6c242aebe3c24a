"""`petaproses serve`: the review site on localhost, rebuilt when a YAML file is saved."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from pathlib import Path

from .build import build


def _snapshot(paths: list[str]) -> dict[str, float]:
    seen: dict[str, float] = {}
    for p in paths:
        root = Path(p)
        files = [root] if root.is_file() else [f for f in root.rglob("*") if f.suffix in (".yaml", ".yml", ".png")]
        for f in files:
            try:
                seen[str(f)] = f.stat().st_mtime
            except OSError:
                pass
    return seen


class _Handler(http.server.SimpleHTTPRequestHandler):
    state: dict = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path.split("?")[0].endswith("/__versi"):
            body = str(self.state["version"]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args) -> None:  # quiet: the terminal shows rebuilds, not requests
        pass


def rebuild(paths: list[str], out: str, state: dict) -> None:
    start = time.perf_counter()
    result = build(paths, out)
    for p in result.problems:
        print(p.format(), file=sys.stderr)
    if any(p.is_error for p in result.problems):
        print("galat: perbaiki berkas di atas; situs belum diperbarui", file=sys.stderr)
        return
    state["version"] += 1
    print(f"dibangun ulang: {len(result.built)} berubah ({time.perf_counter() - start:.1f} detik)", file=sys.stderr)


def serve(paths: list[str], out: str, port: int, interval: float = 1.0, ready=None, stop=None) -> None:
    """Build, serve ``out`` on 127.0.0.1:``port`` and rebuild on every change to the YAML files."""
    state = {"version": 0}
    rebuild(paths, out, state)
    handler = type("Handler", (_Handler,), {"state": state})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=out))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(f"situs reviu: http://127.0.0.1:{server.server_port}/index.html (Ctrl+C untuk berhenti)", file=sys.stderr)
    if ready:
        ready(server.server_port)
    snapshot = _snapshot(paths)
    try:
        while not (stop and stop.is_set()):
            time.sleep(interval)
            now = _snapshot(paths)
            if now != snapshot:
                snapshot = now
                rebuild(paths, out, state)
    finally:
        server.shutdown()
        server.server_close()
