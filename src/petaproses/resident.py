"""`petaproses siaga`: a process that stays, so that `check` on save and `build` answer without starting petaproses
again.

A `check` command spends most of its time importing petaproses and building its models (~0.2-0.4 s), more than
checking one saved file (~30 ms in a warm process); a small catalogue's `build` likewise.  While `petaproses
siaga` runs, every `petaproses check` and `petaproses build` of the same user and the same installation hands its
arguments and working folder to it over a local socket and prints what it answers: the same findings, the same
exit code, the same files written (the command runs the same code, ``cli.main``, in the folder it was typed in,
with the variables that change a build's bytes, ``ENV``, as the command has them).  A build's output reaches the
command as it is written (its progress too); the command interrupted (Ctrl+C) interrupts the build.  When no
`siaga` runs, or it does not answer in time, or petaproses' code changed since it started (it then stops), the
command runs by itself as usual.

The answer is a line of JSON per piece of output (``{"out": text}``, ``{"err": text}``) and a last one with the
exit code (``{"rc": n}``; ``{"rc": null}``, before any output: run it yourself).

Where Python has Unix sockets (Linux, macOS), the socket is one in the user's cache folder (checkcache.py),
readable and writable by its owner only, and a peer of another user is refused where the system says who it is
(Linux).  Elsewhere (Windows) siaga listens on 127.0.0.1 at a port the system picks and writes the port and a
random secret to a file in the user's cache folder (``%LOCALAPPDATA%``: the user's own); a request without that
secret is refused, so another user of the machine cannot use it.  ``PETAPROSES_SIAGA=tcp`` chooses the second
way anywhere (the tests run it on Linux).  The request is untrusted input all the same: JSON only, size-capped,
a `check` command line and an existing folder, nothing else.

The client half (``forward``) imports only what Python starts with, and ``socket`` only when a siaga's socket or
address file is there to connect to; it must stay that cheap.
"""

from __future__ import annotations

import _socket  # socket's C half: whether Unix sockets exist; socket.py (~2 ms of enums) only to connect
import json
import os
import sys

TYPE_CHECKING = False  # not typing's: importing typing costs ~2 ms
if TYPE_CHECKING:
    import socket

try:  # CPython's own SHA-256 (3.11: _sha256, 3.12+: _sha2): hashlib would load OpenSSL, ~2.5 ms of every command
    from _sha256 import sha256
except ImportError:  # pragma: no cover - other Pythons
    try:
        from _sha2 import sha256  # type: ignore[no-redef]
    except ImportError:
        from hashlib import sha256

MAX_REQUEST = 1_000_000  # a command line and a folder
MAX_ANSWER = 256_000_000
ACCEPT_WAIT = 2.0  # seconds a command waits for `siaga` to take its request (a busy or stopped one: check alone)
READ_WAIT = 5.0  # seconds `siaga` waits for a request's bytes
_ACK = b"+\n"
IDLE_WRITE = 1.0  # seconds without a request after which siaga writes the check caches put off
KEEP_CATALOGUES = 4  # catalogues whose check cache stays in memory (~35 MB per 1,000 SOPs)
COMMANDS = ("check", "build")
ENV = ("SOURCE_DATE_EPOCH", "PETAPROSES_DEBUG")  # what a build reads from the environment (dates, tracebacks)


def _tcp() -> bool:
    return not hasattr(_socket, "AF_UNIX") or os.environ.get("PETAPROSES_SIAGA") == "tcp"


def socket_path() -> str | None:
    """Return where this installation's `siaga` for this user is found (its Unix socket, or the file with its
    port and secret), or None when the user turned the cache folder off."""
    chosen = os.environ.get("PETAPROSES_CACHE")  # checkcache.cache_dir, without pathlib (kept cheap)
    if chosen is not None:
        if chosen.strip() in ("", "0"):
            return None
        folder = chosen
    elif sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        folder = os.path.join(os.environ["LOCALAPPDATA"], "petaproses", "cache")
    else:
        folder = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
                              "petaproses")
    # one per interpreter and installed code: another virtualenv or checkout has its own
    who = sha256(f"{sys.executable}\0{os.path.dirname(os.path.abspath(__file__))}".encode()).hexdigest()
    return os.path.join(os.path.abspath(folder), f"siaga-{who[:12]}" + (".json" if _tcp() else ".sock"))


def _connect(path: str) -> tuple[socket.socket, str | None]:
    """Return a connection to the siaga found at ``path`` and the secret its requests carry (TCP only)."""
    import socket

    if not _private(os.path.dirname(path)):
        raise OSError("folder siaga bukan milik pengguna ini saja")  # whoever can write there could answer
    if not _tcp():
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            conn.settimeout(ACCEPT_WAIT)
            conn.connect(path)
            if not _same_user(conn):  # a socket someone else put there: not our siaga
                raise OSError("soket siaga milik pengguna lain")
        except OSError:
            conn.close()
            raise
        return conn, None
    with open(path, "rb") as fh:
        where = json.loads(fh.read(4096).decode("utf-8"))
    port, secret = where.get("port"), where.get("rahasia")
    if not (type(port) is int and 0 < port < 65536 and isinstance(secret, str)):
        raise ValueError("alamat siaga")
    return socket.create_connection(("127.0.0.1", port), timeout=ACCEPT_WAIT), secret


def _private(folder: str) -> bool:
    """True when ``folder`` is this user's and nobody else may write in it (where getuid says; else True)."""
    if not hasattr(os, "getuid"):
        return True
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    import stat

    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022


def _proof(secret: str, who: str, nonce: str) -> str:
    """The secret's proof for one request (TCP): neither side ever sends the secret itself, so something that
    took siaga's port after siaga died learns nothing and cannot answer as siaga."""
    import hmac

    return hmac.new(secret.encode(), f"{who}:{nonce}".encode(), "sha256").hexdigest()


def _greeting(secret: str | None) -> tuple[dict, bytes]:
    """Return what a request carries to prove itself, and the answer that proves siaga (TCP); ``_ACK`` alone on
    a Unix socket (its mode and the peer's user decide)."""
    if secret is None:
        return {}, _ACK
    import secrets

    nonce = secrets.token_hex(16)
    return {"nonce": nonce, "rahasia": _proof(secret, "klien", nonce)}, b"+" + _proof(secret, "siaga", nonce).encode() + b"\n"


def forward(argv: list[str], out=None, err=None, tty: bool = False) -> tuple[int, str, str] | None:
    """Return (exit code, standard output, standard error) of the `check` or `build` command ``argv`` as a running
    `siaga` answered it, or None when none answered (the caller then runs it by itself).  ``out``/``err``: called
    with each piece of output as it comes (then not in the texts returned); ``tty``: the command's standard error
    is a terminal (a build draws its progress bar)."""
    path = socket_path()
    if path is None or not os.path.exists(path):
        return None
    texts: dict[str, list[str]] = {"out": [], "err": []}
    writers = {"out": out or texts["out"].append, "err": err or texts["err"].append}
    said, code = False, None
    try:
        conn, secret = _connect(path)
        with conn:
            env = {name: os.environ.get(name) for name in ENV}
            proof, ack = _greeting(secret)
            conn.sendall(json.dumps({"argv": argv, "cwd": os.getcwd(), **proof, "env": env,
                                     "tty": tty}).encode() + b"\n")
            if _read(conn, len(ack)) != ack:
                return None
            conn.settimeout(None)  # taken: the command takes as long as it takes
            for line in _lines(conn):
                frame = json.loads(line.decode("utf-8"))
                if not isinstance(frame, dict):
                    break
                if "rc" in frame:
                    code = frame["rc"]
                    break
                for name in ("out", "err"):
                    if isinstance(frame.get(name), str):
                        writers[name](frame[name])
                        said = True
    except (OSError, ValueError, RecursionError):  # no siaga (a socket left by one that was killed), a broken answer
        pass
    if type(code) is not int and not said:  # none answered, or "run it yourself" (null) before any output
        return None
    # no exit code after some output: siaga went away (killed) in the middle; what it printed was printed
    return (code if type(code) is int else 1), "".join(texts["out"]), "".join(texts["err"])


def answered_here(argv: list[str]) -> int | None:
    """Return the exit code of ``argv`` as a running siaga ran it, printing its output as it comes; None when
    none answered (the command then runs by itself)."""
    closed: list = []

    def out(text: str) -> None:
        if closed:
            return
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:  # `petaproses check | head`: as cli.main does
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            closed.append(True)

    def err(text: str) -> None:
        sys.stderr.write(text)
        sys.stderr.flush()

    try:
        answered = forward(argv, out, err, tty=sys.stderr.isatty())
    except KeyboardInterrupt:  # siaga finds the command gone and interrupts the build
        print("petaproses: dihentikan", file=sys.stderr)
        return 130
    if answered is None:
        return None
    return 0 if closed else answered[0]


def _lines(conn: socket.socket):
    """Yield the answer's lines (the last one may lack its newline), at most MAX_ANSWER bytes in all."""
    left = MAX_ANSWER
    buf = b""
    while left > 0:
        chunk = conn.recv(min(1 << 20, left))
        if not chunk:
            break
        left -= len(chunk)
        buf += chunk
        *lines, buf = buf.split(b"\n")
        yield from (line for line in lines if line)
    if buf:
        yield buf


def _read(conn: socket.socket, limit: int, line: bool = False) -> bytes:
    """Return the bytes up to the end of the stream or ``limit``; with ``line``, up to a newline too."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = conn.recv(min(1 << 20, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if line and chunk.endswith(b"\n"):
            break
    return b"".join(chunks)


# ------------------------------------------------------------------------------------------- the process
def serve(path: str, command, announce=print) -> None:
    """Answer `check` and `build` requests on the socket ``path`` with ``command`` (cli.main: argv -> exit code, printing its
    output) until interrupted (Ctrl+C, SIGTERM)."""
    import signal
    import socket

    from .checkcache import pending
    from .problems import InputError
    from .state import code_stamp

    if not _tcp() and len(path.encode()) > 100:  # what a Unix socket's address holds
        raise InputError(f"jalur soket terlalu panjang ({path}); setel PETAPROSES_CACHE ke folder yang lebih pendek")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if not _private(os.path.dirname(path)):
        raise InputError(f"folder {os.path.dirname(path)} bukan milik pengguna ini saja (pengguna lain dapat menulis "
                         "di sana dan menjawab sebagai siaga); setel PETAPROSES_CACHE ke folder milik Anda")
    if os.path.lexists(path):
        if forward_alive(path):
            raise InputError(f"petaproses siaga sudah berjalan untuk pengguna ini ({path})")
        os.unlink(path)  # left by a siaga that was killed (or a link put there: removed, its target untouched)
    stamp = code_stamp()
    _warm()
    listener, secret = _listen(path)
    previous = [(sig, signal.signal(sig, _interrupt)) for sig in (signal.SIGTERM, signal.SIGINT)]
    announce(f"petaproses siaga: `petaproses check` dan `petaproses build` dijawab oleh proses ini ({path}); "
             "hentikan dengan Ctrl+C")
    try:
        while True:
            # the caches a check wrote are written once no command waits (a second without a request), so that
            # checks saved in quick succession do not each wait for the last one's writing
            listener.settimeout(IDLE_WRITE if pending() else None)
            try:
                conn, _ = listener.accept()
            except socket.timeout:
                _write_caches(announce)
                continue
            with conn:
                if not handle(conn, stamp, command, secret):
                    announce("petaproses siaga: kode petaproses berubah; berhenti (jalankan lagi untuk kode baru)")
                    return
            if _STOP:  # the check swallows Ctrl+C as its own interruption (exit 130): stop after it
                raise KeyboardInterrupt
    finally:
        for sig, handler in previous:
            signal.signal(sig, handler)
        listener.close()
        try:
            os.unlink(path)
        except OSError:
            pass
        _write_caches(announce)


def _write_caches(announce) -> None:
    """Write the check caches put off (checkcache.later); a failure is said, and siaga goes on."""
    from .checkcache import run_later

    try:
        run_later()
    except Exception as exc:  # a bug in writing a cache must not stop the checks (the next check is colder)
        announce(f"petaproses siaga: cache pemeriksaan tidak tersimpan ({type(exc).__name__}: {exc})")


_STOP: list[int] = []


def _interrupt(signum, frame) -> None:
    _STOP.append(signum)
    raise KeyboardInterrupt


def _listen(path: str) -> tuple[socket.socket, str | None]:
    """Return the listening socket of a siaga found at ``path``, and the secret its requests must carry."""
    import socket

    if not _tcp():
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o077)  # the socket: its owner only
        try:
            listener.bind(path)
        finally:
            os.umask(old)
        listener.listen(8)
        return listener, None
    import secrets
    from pathlib import Path

    from .atomic import write_atomic

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))  # this machine only, at a free port
    listener.listen(8)
    secret = secrets.token_hex(32)
    where = {"port": listener.getsockname()[1], "rahasia": secret}
    write_atomic(Path(path), json.dumps(where).encode(), mode=0o600)  # its owner's only, as the cache folder
    return listener, secret


def forward_alive(path: str) -> bool:
    """Return whether a siaga answers at ``path`` (not merely something listening at a port it once had)."""
    try:
        conn, secret = _connect(path)
        with conn:
            proof, ack = _greeting(secret)
            conn.sendall(json.dumps({"ping": True, **proof}).encode() + b"\n")
            return _read(conn, len(ack)) == ack
    except (OSError, ValueError):
        return False


def _warm() -> None:
    """Import what every check and build uses and build the models now, not in the first request; render the
    starter catalogue once; keep the check caches of the last catalogues checked in memory (checkcache.KEEP)."""
    from . import build, check, checkcache, kinds, review_site  # noqa: F401
    from .render import RENDERERS
    from .rules import validate  # noqa: F401

    for r in RENDERERS:  # what a build's forks import: here once, not in every fork of every build
        getattr(r.module, "warm", lambda: None)()
    from .rehearse import rehearse

    rehearse()  # and what they fill on their first render (rehearse.py)
    from . import units

    units.LONE_DOCUMENT_HERE = True  # this process is as warm as a fork would be, and waits for it otherwise

    checkcache.KEEP["stores"] = KEEP_CATALOGUES


def handle(conn: socket.socket, stamp: list, command, secret: str | None = None) -> bool:
    """Answer one request with ``command`` (one that carries ``secret``, when given); return False when
    petaproses' code changed since ``stamp`` (siaga must stop)."""
    from .resident_run import run_check, run_streamed
    from .state import code_stamp

    try:
        if not _same_user(conn):
            return True
        conn.settimeout(READ_WAIT)
        request, ack = _request(_read(conn, MAX_REQUEST, line=True), secret)
        if request == "ping":  # another siaga asking whether this one lives
            conn.sendall(ack)
            return True
        if request is None:
            return True
        if code_stamp() != stamp:
            _send(conn, {"rc": None})
            return False
        conn.sendall(ack)
        argv, cwd, env, tty = request
        if argv[0] == "build":  # its output as it comes (a long build shows its progress)
            run_streamed(command, argv, cwd, env, tty, send=lambda frame: _send(conn, frame))
        else:  # stopped meanwhile: the command checks by itself
            run_check(command, argv, cwd, reply=lambda answer: _reply(conn, {"rc": None} if _STOP else answer))
    except OSError:  # the command gave up waiting, or went away
        pass
    return True


def _same_user(conn: socket.socket) -> bool:
    """Return whether the peer runs as this user (Linux says; elsewhere the socket's mode decides)."""
    import socket

    option = getattr(socket, "SO_PEERCRED", None)
    if option is None or conn.family != getattr(socket, "AF_UNIX", None):
        return True
    import struct

    _, uid, _ = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i")))
    return uid == os.getuid()


def _request(raw: bytes, secret: str | None = None) -> tuple[tuple[list[str], str, dict, bool] | str | None, bytes]:
    """Return (argv, working folder, ``ENV`` variables, tty) of a well-formed `check` or `build` request proving
    ``secret`` (when given: ``_greeting``), "ping" for a ping that proves it, else None; and the answer that takes
    it (``_ACK``, or siaga's own proof)."""
    import hmac

    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # RecursionError: nested past Python's stack
        return None, b""
    if not isinstance(data, dict):
        return None, b""
    ack = _ACK
    if secret is not None:
        nonce, given = data.get("nonce"), data.get("rahasia")
        if not (isinstance(nonce, str) and 16 <= len(nonce) <= 128 and isinstance(given, str)
                and hmac.compare_digest(given.encode(), _proof(secret, "klien", nonce).encode())):
            return None, b""
        ack = b"+" + _proof(secret, "siaga", nonce).encode() + b"\n"
    if data.get("ping") is True:
        return "ping", ack
    argv, cwd = data.get("argv"), data.get("cwd")
    if not (isinstance(argv, list) and argv[:1] and argv[0] in COMMANDS and all(isinstance(a, str) and "\0" not in a
                                                                                for a in argv)):
        return None, b""
    if not (isinstance(cwd, str) and "\0" not in cwd and os.path.isabs(cwd) and os.path.isdir(cwd)):
        return None, b""
    env, tty = data.get("env", {}), data.get("tty", False)
    if not (isinstance(env, dict) and set(env) <= set(ENV) and type(tty) is bool and all(
            v is None or (isinstance(v, str) and "\0" not in v and len(v) < 1000) for v in env.values())):
        return None, b""
    return (argv, cwd, env, tty), ack


def _send(conn: socket.socket, frame: dict) -> None:
    conn.sendall(json.dumps(frame, ensure_ascii=False).encode("utf-8") + b"\n")


def _reply(conn: socket.socket, answer: dict) -> None:
    """Send a check's whole answer: its output, then its exit code."""
    for name in ("out", "err"):
        if answer.get(name):
            _send(conn, {name: answer[name]})
    _send(conn, {"rc": answer["rc"]})


__all__ = ["socket_path", "forward", "answered_here", "serve", "handle"]
