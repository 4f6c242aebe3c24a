"""`petaproses serve`: the review site on localhost, rebuilt when a YAML file is saved.

A browser visits it, so it is locked down: only ``Host`` 127.0.0.1/localhost/[::1] (a web page cannot reach
it through DNS rebinding), only the site's own files (pages, ``aset/``, the outputs pages link; never the
build state, hidden files, folders or anything through a symlink), and bounded resources: idle connections
wait in a selector (no thread each), ready ones go to a small thread pool, every read has a timeout.
The port is bound before the first build, so a busy port is reported at once.
"""

from __future__ import annotations

import html
import io
import json
import os
import selectors
import socket
import stat
import sys
import threading
import time
import traceback
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from .build import build
from .check import catalogue_roots
from .schema import refresh_catalogue_schema
from .texts import decimal
from .watch import snapshot_of, wait_until_stable
from .evaluation.api import MAX_BODY as MAX_EVALUATION_BODY, PREFIX as EVALUATION_PREFIX

HOSTS = ("127.0.0.1", "localhost", "[::1]")
_DOWNLOAD = "attachment"
# file kinds the site links, with how they are sent; anything else is not served
SITE_TYPES = {
    ".html": ("text/html; charset=utf-8", None),
    ".svg": ("image/svg+xml", None),
    ".png": ("image/png", None),
    ".pdf": ("application/pdf", None),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _DOWNLOAD),
    ".bpmn": ("application/xml", _DOWNLOAD),
    ".csv": ("text/csv; charset=utf-8", _DOWNLOAD),  # the process x application matrix (issue 13)
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _DOWNLOAD),
}
ASSET_TYPES = {**SITE_TYPES, ".css": ("text/css; charset=utf-8", None),
               ".js": ("text/javascript; charset=utf-8", None), ".woff2": ("font/woff2", None)}
ASSETS = "aset"
MAX_HEAD = 64 * 1024  # request line and headers; http.server refuses longer lines itself
BODY_SECONDS = 10  # a POST body arrives within this, or the request ends (408)

_ERRORS = {
    400: ("Permintaan tidak sah", "Alamat atau permintaan ini tidak dapat dibaca."),
    403: ("Ditolak", "Situs reviu hanya dapat dibuka lewat http://127.0.0.1 atau http://localhost di komputer ini."),
    404: ("Halaman tidak ditemukan", "Berkas ini tidak ada di situs reviu. Mungkin kodenya berubah; mulai dari "
          "beranda."),
    405: ("Metode tidak didukung", "Situs reviu hanya dapat dibaca (GET dan HEAD)."),
    408: ("Waktu habis", "Permintaan tidak selesai dikirim."),
    414: ("Alamat terlalu panjang", "Alamat ini terlalu panjang."),
    431: ("Kepala permintaan terlalu besar", "Kepala permintaan terlalu besar."),
    500: ("Galat internal", "Terjadi galat di petaproses; lihat terminal."),
    501: ("Metode tidak didukung", "Situs reviu hanya dapat dibaca (GET dan HEAD)."),
    505: ("Versi HTTP tidak didukung", "Versi HTTP ini tidak didukung."),
}
_ERROR_PAGE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
{refresh}<title>{title}</title><link rel="stylesheet" href="/aset/gaya.css"></head>
<body><main><h1>{code} · {title}</h1><p>{text}</p>{building}<p><a href="/index.html">Beranda situs reviu</a></p></main>
</body></html>
"""


def site_file(root: Path, url: str) -> tuple[Path, os.stat_result] | None:
    """Return the file of ``root`` that ``url`` names, if the site may serve it; else None.

    Refused: hidden names (build state, ``.isi`` parts, temporary files), folders, kinds the site does not
    link, and every symlink (output/ may sit on a shared drive: its content is not trusted).
    """
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path, errors="strict")
    if path == "/":
        path = "/index.html"
    if not path.startswith("/") or "\\" in path or "\x00" in path:
        return None
    parts = path[1:].split("/")
    if any(p in ("", ".", "..") or p.startswith(".") for p in parts):
        return None  # also a trailing "/" (a folder): no listings
    kinds = ASSET_TYPES if parts[0] == ASSETS and len(parts) > 1 else SITE_TYPES
    if Path(parts[-1]).suffix.lower() not in kinds:
        return None
    current = root
    for i, part in enumerate(parts):
        current = current / part
        try:
            info = os.lstat(current)
        except (OSError, ValueError):
            return None
        if stat.S_ISLNK(info.st_mode) or (i < len(parts) - 1 and not stat.S_ISDIR(info.st_mode)):
            return None
    return (current, info) if stat.S_ISREG(info.st_mode) else None


class _Handler(BaseHTTPRequestHandler):
    """One request per connection (HTTP/1.0), so a worker is never held by a keep-alive connection.

    The request head was read by the selector loop already (``SiteServer``): a slow sender never holds a worker.
    """

    server: SiteServer  # type: ignore[assignment]
    protocol_version = "HTTP/1.0"
    server_version = "petaproses"
    sys_version = ""

    def __init__(self, request: socket.socket, client_address: tuple, server: SiteServer, head: bytes) -> None:
        self.head = head
        super().__init__(request, client_address, server)  # type: ignore[arg-type]

    def version_string(self) -> str:
        return self.server_version

    def setup(self) -> None:
        super().setup()
        self.rfile = io.BytesIO(self.head)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._respond(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(body=False)

    def do_POST(self) -> None:  # noqa: N802 - only the evaluation mode writes (evaluation/api.py)
        if not self._host_allowed():
            self.send_error(403)
        elif self.server.api is None:
            self.send_error(501)  # as for any method the read-only site does not know
        elif not urllib.parse.urlsplit(self.path).path.startswith(EVALUATION_PREFIX):
            self.send_error(405)
        else:
            self._evaluation(body=True)

    def _evaluation(self, body: bool) -> None:
        """Hand a request under /__evaluasi/ to the evaluation API, with its JSON body (bounded)."""
        data = b""
        if self.command == "POST":
            refusal = self.server.api.refused(self.command, self.headers)
            length = self.headers.get("Content-Length", "")
            if refusal is None and not (length.isascii() and length.isdigit() and int(length) <= MAX_EVALUATION_BODY):
                self.send_error(400)
                return
            if refusal is not None:
                status, ctype, payload = refusal
                self._send(status, ctype, len(payload), True, extra={"Cache-Control": "no-store", "Connection": "close"})
                self.wfile.write(payload)
                self.close_connection = True  # its body is not read
                return
            data = self._body(int(length))
            if data is None:
                self.send_error(408)
                return
        status, ctype, payload = self.server.api.handle(self.command, self.path, self.headers, data)
        self._send(status, ctype, len(payload), body, extra={"Cache-Control": "no-store"})
        if body:
            self.wfile.write(payload)

    def _body(self, length: int) -> bytes | None:
        """Return the request's body, or None when it does not all come within BODY_SECONDS (a worker is not
        held by a client that sends a byte now and then)."""
        data = self.rfile.read(length)  # what came with the head (a buffer); the rest is still on the socket
        deadline = time.monotonic() + BODY_SECONDS
        try:
            while len(data) < length:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.connection.settimeout(min(left, self.server.io_timeout))
                try:
                    chunk = self.connection.recv(min(1 << 16, length - len(data)))
                except OSError:  # the deadline (socket.timeout) or the client gone
                    return None
                if not chunk:
                    break
                data += chunk
        finally:
            self.connection.settimeout(self.server.io_timeout)  # the answer's writes
        return data

    def _respond(self, body: bool) -> None:
        if not self._host_allowed():
            self.send_error(403)
            return
        if self.server.api is not None and urllib.parse.urlsplit(self.path).path.startswith(EVALUATION_PREFIX):
            self._evaluation(body)
            return
        route = self.server.routes.get(urllib.parse.urlsplit(self.path).path)
        if route is not None:  # internal pages of `serve` (the seam for findings in the browser)
            ctype, data = route(self.server.state)
            self._send(200, ctype, len(data), body, extra={"Cache-Control": "no-store"})
            if body:
                self.wfile.write(data)
            return
        try:
            found = site_file(self.server.root, self.path)
        except UnicodeDecodeError:
            found = None
        if found is None:
            self.send_error(404)
            return
        self._send_file(*found, body=body)

    def _host_allowed(self) -> bool:
        if not self.path.startswith("/"):  # "GET http://other/ HTTP/1.1": the host there would win over Host
            return False
        hosts = self.headers.get_all("Host") or []
        if len(hosts) != 1:
            return False
        host = hosts[0].strip().lower()
        cut = host.find("]") + 1 if host.startswith("[") else host.find(":")
        name, port = (host, "") if cut <= 0 else (host[:cut], host[cut:])
        return name in HOSTS and port in ("", f":{self.server.port}")

    def _send_file(self, path: Path, info: os.stat_result, body: bool) -> None:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        except OSError:
            self.send_error(404)
            return
        with os.fdopen(fd, "rb") as fh:
            now = os.fstat(fh.fileno())
            if (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino) or not stat.S_ISREG(now.st_mode):
                self.send_error(404)  # swapped between the check and the open
                return
            ctype, disposition = ASSET_TYPES[path.suffix.lower()]
            extra = {"Cache-Control": "no-cache"}
            if not ctype.startswith("text/html") and not path.parent.name == ASSETS:
                # an .svg opened on its own is a document: written by someone else into output/, it runs no script
                extra["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
            if disposition:
                extra["Content-Disposition"] = f'{disposition}; filename="{path.name}"'
            if self.server.api is not None and ctype.startswith("text/html"):  # evaluation mode: script and token
                page = self.server.api.page(fh.read(now.st_size))
                self._send(200, ctype, len(page), body, dict(extra, **{"Cache-Control": "no-store"}))
                if body:
                    self.wfile.write(page)
                return
            self._send(200, ctype, now.st_size, body, extra)
            if body:
                remaining = now.st_size
                while remaining > 0:
                    chunk = fh.read(min(remaining, 1 << 16))
                    if not chunk:
                        break
                    self.wfile.write(chunk)
                    remaining -= len(chunk)

    def _send(self, code: int, ctype: str, length: int, body: bool, extra: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(length))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Every error page in Bahasa Indonesia (http.server's own are English)."""
        title, text = _ERRORS.get(code, (f"Galat {code}", "Permintaan tidak dapat dilayani."))
        building = code == 404 and getattr(self.server, "state", {}).get("building")
        page = _ERROR_PAGE.format(
            code=code, title=html.escape(title), text=html.escape(text),
            refresh='<meta http-equiv="refresh" content="3">' if building else "",
            building="<p>Build pertama sedang berjalan; halaman ini dimuat ulang sendiri.</p>" if building else "",
        ).encode("utf-8")
        self.close_connection = True
        try:
            self.send_response(code, title)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD" and code >= 200 and code not in (204, 304):
                self.wfile.write(page)
        except OSError:
            pass

    def log_message(self, format: str, *args) -> None:  # quiet: the terminal shows rebuilds, not requests
        pass


def _version(state: dict) -> tuple[str, bytes]:
    return "text/plain; charset=utf-8", str(state["version"]).encode()


def _findings(state: dict) -> tuple[str, bytes]:
    """The last build's findings, for the pages to show until they are fixed (situs.js puts them in as text)."""
    rows = [{"berkas": p.path, "baris": p.line, "kolom": p.column, "kode": p.code, "pesan": p.message,
             "tingkat": p.level} for p in state.get("problems", [])[:500]]
    return "application/json; charset=utf-8", json.dumps({"versi": state["version"], "temuan": rows},
                                                         ensure_ascii=False).encode("utf-8")


def _listen(port: int, backlog: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        if os.name == "posix":  # restart at once after Ctrl+C (on Windows the option would let ports be shared)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen(backlog)  # 128, not http.server's 5: a burst of requests must not wait for SYN retries
        sock.setblocking(False)
    except OSError:
        sock.close()
        raise
    return sock


class SiteServer:
    """127.0.0.1 only. Idle connections wait in a selector until they send; ready ones go to a bounded pool."""

    def __init__(self, root: str | Path, port: int, state: dict, workers: int = 8, backlog: int = 128,
                 idle_timeout: float = 15.0, io_timeout: float = 5.0, max_waiting: int = 256) -> None:
        self.sock = _listen(port, backlog)  # raises at once on a busy port, before any build

        self.port: int = self.sock.getsockname()[1]
        self.root = Path(root).resolve()
        self.state = state
        self.routes = {"/__versi": _version, "/__temuan": _findings}
        self.api = None  # evaluation/api.py EvaluationApi in `serve --evaluasi`: the only writer
        self.idle_timeout, self.io_timeout, self.max_waiting = idle_timeout, io_timeout, max_waiting
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="petaproses-serve")
        self._selector = selectors.DefaultSelector()
        self._selector.register(self.sock, selectors.EVENT_READ, None)
        # connection -> (deadline, request head so far), oldest first
        self._waiting: dict[socket.socket, tuple[float, bytearray]] = {}
        self._stop = threading.Event()

    def serve_forever(self) -> None:
        try:
            while not self._stop.is_set():
                for key, _ in self._selector.select(timeout=0.2):
                    if key.data is None:
                        self._accept()
                    else:
                        self._read(key.fileobj, key.data)
                now = time.monotonic()
                for conn in [c for c, (deadline, _) in self._waiting.items() if deadline < now]:
                    self._drop(conn)
        finally:
            for conn in list(self._waiting):
                self._drop(conn)
            self._selector.close()
            self.sock.close()
            self._pool.shutdown(wait=True)

    def shutdown(self) -> None:
        self._stop.set()

    def _accept(self) -> None:
        for _ in range(64):  # a burst of connections at a time; the selector calls again for more
            try:
                conn, addr = self.sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:  # out of file descriptors: make room by closing the oldest idle connection
                if self._waiting:
                    self._drop(next(iter(self._waiting)))
                return
            if len(self._waiting) >= self.max_waiting:
                self._drop(next(iter(self._waiting)))
            conn.setblocking(False)
            self._selector.register(conn, selectors.EVENT_READ, addr)
            self._waiting[conn] = (time.monotonic() + self.idle_timeout, bytearray())

    def _read(self, conn: socket.socket, addr: tuple) -> None:
        """Collect the request head without blocking; hand the connection to a worker once it is complete."""
        _, head = self._waiting[conn]
        try:
            data = conn.recv(8192)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._drop(conn)
            return
        head += data
        if b"\r\n\r\n" in head or b"\n\n" in head or len(head) > MAX_HEAD:
            self._selector.unregister(conn)
            del self._waiting[conn]
            self._pool.submit(self._handle, conn, addr, bytes(head))

    def _drop(self, conn: socket.socket) -> None:
        self._waiting.pop(conn, None)
        try:
            self._selector.unregister(conn)
        except (KeyError, ValueError):
            pass
        conn.close()

    def _handle(self, conn: socket.socket, addr: tuple, head: bytes) -> None:
        try:
            conn.setblocking(True)
            conn.settimeout(self.io_timeout)  # a client that stops reading holds a worker at most this long per write
            _Handler(conn, addr, self, head)
        except Exception:  # a broken connection or a bug in one request must not stop the server
            pass
        finally:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()


# ------------------------------------------------------------------------------------------- rebuilds
def rebuild(paths: list[str], out: str, state: dict) -> None:
    """Build; publish (bump the version pages poll) when anything was written; never raise."""
    start = time.perf_counter()
    try:
        result = build(paths, out)
    except Exception:  # a bug must not stop the server: say so and keep the last good site
        traceback.print_exc()
        print("galat internal saat membangun ulang; situs belum diperbarui (mohon laporkan pesan di atas)", file=sys.stderr)
        state["problems"] = []
        return
    state["problems"] = list(result.problems)  # shown in the browser (/__temuan) until fixed
    for p in result.problems:
        print(p.format(), file=sys.stderr)
    if result.cat is not None and len(roots := catalogue_roots(paths)) == 1:
        refresh_catalogue_schema(roots[0], result.cat)  # the editor learns new ids on every save
    if any(p.is_error for p in result.problems):  # the others' documents are built all the same (review U)
        kept = "dokumennya tetap versi terakhir yang berhasil" if result.written else "situs belum diperbarui"
        print(f"galat: perbaiki berkas di atas; {kept}", file=sys.stderr)
        if not result.written:
            return
    state["version"] += 1
    # documents built again, and every file written (a saved evaluation record rewrites forms and pages only)
    print(f"dibangun ulang: {len(result.built)} dokumen berubah, {len(result.written)} berkas ditulis "
          f"({decimal(time.perf_counter() - start)} detik)", file=sys.stderr)


def serve(paths: list[str], out: str, port: int, interval: float = 1.0, ready=None, stop=None,
          settle: float = 0.5, evaluation=None) -> None:
    """Serve ``out`` on 127.0.0.1:``port``, build, and rebuild whenever the YAML files change.

    ``evaluation`` (an evaluation.api.EvaluationApi) turns on the evaluation mode: pages get its script and
    token, and findings typed in the browser are written to the catalogue's evaluation records.
    """
    state: dict = {"version": 0, "problems": [], "building": True}
    server = SiteServer(out, port, state)  # bind first: a busy port fails here, before a long build
    if evaluation is not None:
        evaluation.port = server.port
        server.api = evaluation
    thread = threading.Thread(target=server.serve_forever, name="petaproses-serve", daemon=True)
    thread.start()
    try:
        print(f"situs reviu: http://127.0.0.1:{server.port}/index.html (Ctrl+C untuk berhenti)", file=sys.stderr)
        snapshot = snapshot_of(paths)
        rebuild(paths, out, state)
        state["building"] = False
        if ready:
            ready(server.port)
        while not (stop and stop.is_set()):
            time.sleep(interval)
            now = snapshot_of(paths)
            if now != snapshot:
                snapshot = wait_until_stable(paths, now, settle, stop)
                rebuild(paths, out, state)
    finally:
        server.shutdown()
        thread.join(5)
