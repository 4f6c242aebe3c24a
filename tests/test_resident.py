"""`petaproses siaga` (resident.py): a check answered by the process that stays is the check run alone.

A real `siaga` process answers `check` commands on a copy of the samples mutated step by step (the same
mutations as the check cache's test), compared each time with `check` run by itself without any cache: the
output, the findings as JSON and the exit code.  The request is untrusted: malformed ones get no answer, a
changed code base stops siaga, a socket left by a killed siaga is not trusted, a second siaga is refused.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from petaproses import resident
from petaproses.cli import main

from .conftest import PROCESSES
from .test_check_cache import mutations



@pytest.fixture(params=["unix", "tcp"])
def transport(request, monkeypatch) -> str:
    """Both ways a command reaches siaga: a Unix socket (Linux, macOS) and 127.0.0.1 with a secret (Windows)."""
    monkeypatch.setenv("PETAPROSES_SIAGA", request.param)
    return request.param


@pytest.fixture
def cache(tmp_path, monkeypatch, transport) -> Path:
    folder = tmp_path / "c"  # short: a Unix socket's path is limited to ~100 bytes
    monkeypatch.setenv("PETAPROSES_CACHE", str(folder))
    return folder


def _start() -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "petaproses", "siaga"], stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()  # announced once the socket listens
    assert "dijawab oleh proses ini" in line, line
    return proc


def _stop(proc: subprocess.Popen) -> str:
    if proc.stderr.closed:  # stopped already
        return ""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    return err


@pytest.fixture
def siaga(cache):
    proc = _start()
    yield proc
    _stop(proc)


def _alone(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """The check run by itself: no cache, so no siaga either."""
    env = dict(os.environ, PETAPROSES_CACHE="0")
    done = subprocess.run([sys.executable, "-m", "petaproses", "check", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    return done.returncode, done.stdout, done.stderr


def _answered(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """The check as siaga answers it (``forward``: what the command does before checking by itself)."""
    here = os.getcwd()
    os.chdir(cwd)
    try:
        got = resident.forward(["check", *args])
    finally:
        os.chdir(here)
    assert got is not None, "siaga did not answer"
    return got


def _same(args: list[str], cwd: Path) -> tuple[int, str, str]:
    got = _answered(args, cwd)
    assert got == _alone(args, cwd), args
    return got


def test_siaga_answers_as_the_check_alone(siaga, tmp_path):
    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    sop = "processes/setda/sop02-reviu-sop.yaml"
    for args in (["processes"], [sop], ["--format", "json", sop], ["--ketat", "processes/setda"]):
        _same(args, tmp_path)
    before = _same(["--format", "json", "processes"], tmp_path)
    for i, step in enumerate(mutations(cat)):
        step()
        now = _same(["--format", "json", "processes"], tmp_path)
        assert json.loads(now[1]) != json.loads(before[1]), f"mutation {i} changed no finding"
        _same([sop], tmp_path)
        before = now
    assert before[0] == 1  # the mutations left errors: the exit code travels too
    # a usage error and a missing path: argparse's message and exit code 2, as alone
    assert _same(["--bogus"], tmp_path)[0] == 2
    assert _same(["tidak-ada.yaml"], tmp_path)[0] == 2
    # the whole command, with its own output streams, goes through siaga as well
    done = subprocess.run([sys.executable, "-m", "petaproses", "check", sop], cwd=tmp_path, capture_output=True,
                          text=True)
    assert (done.returncode, done.stdout, done.stderr) == _alone([sop], tmp_path)
    assert siaga.poll() is None


def _quick(cwd: Path, paths: list[str]):
    here = os.getcwd()
    os.chdir(cwd)
    try:
        from petaproses.check import catalogue_roots
        from petaproses.checkcache import quick_result

        return quick_result(paths, catalogue_roots(paths), "bawaan")
    finally:
        os.chdir(here)


def test_siaga_writes_the_check_caches_when_idle(siaga, cache, tmp_path):
    """The caches a check wrote are written once siaga is idle, in the command's folder, and only the newest of
    one catalogue and request: a later check without siaga finds them (the quick path's results included)."""
    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    sop = cat / "setda" / "sop02-reviu-sop.yaml"
    for n in range(3):  # in quick succession: each answer comes before any cache is written
        sop.write_text(sop.read_text(encoding="utf-8").replace("    uraian: ", f"    uraian: ({n}) ", 1),
                       encoding="utf-8")
        _answered(["processes"], tmp_path)
    # written once siaga has been idle for resident.IDLE_WRITE (atomically: a file seen is whole); waited for
    # rather than slept out, as on a loaded machine that write may come later than the idle second
    deadline = time.monotonic() + 60
    hit, names = None, []
    while (hit is None or len(names) < 2) and time.monotonic() < deadline:
        time.sleep(0.2)
        hit = _quick(tmp_path, ["processes"])  # the newest state of the files
        names = sorted(p.name for p in cache.glob("periksa-*") if not p.is_dir() or any(p.iterdir()))
    assert hit is not None and hit[1] == len(list(cat.rglob("*.yaml")))
    assert len(names) == 2 and names[1] == names[0] + "-hasil.json", names  # the documents (a folder), the results
    assert siaga.poll() is None


def test_siaga_writes_what_is_left_when_stopped(siaga, cache, tmp_path):
    shutil.copytree(PROCESSES, tmp_path / "processes")
    _answered(["processes"], tmp_path)
    _stop(siaga)  # at once: before a second of idleness
    assert len([p for p in cache.glob("periksa-*") if not p.is_dir() or any(p.iterdir())]) == 2
    assert _quick(tmp_path, ["processes"]) is not None


def _ask(stamp: list, payload: bytes, secret: str | None = None) -> tuple[bool, bytes]:
    """Hand ``payload`` to ``resident.handle`` over a socket pair; return (keep serving, what came back)."""
    ours, theirs = socket.socketpair()
    with ours, theirs:
        ours.sendall(payload)
        ours.shutdown(socket.SHUT_WR)
        go_on = resident.handle(theirs, stamp, main, secret)
        theirs.close()
        back = b""
        while chunk := ours.recv(65536):
            back += chunk
    return go_on, back


@pytest.mark.parametrize("payload", [
    b"not json\n", b"[]\n", b'{"argv": ["serve", "processes"], "cwd": "/"}\n',
    b'{"argv": ["build"], "cwd": "/", "env": {"PATH": "/tmp"}}\n', b'{"argv": ["build"], "cwd": "/", "tty": "ya"}\n',
    b'{"argv": ["build"], "cwd": "/", "env": {"SOURCE_DATE_EPOCH": 1}}\n',
    b'{"argv": ["check"], "cwd": "relatif"}\n', b'{"argv": ["check"], "cwd": "/tidak/ada"}\n',
    b'{"argv": ["check", 3], "cwd": "/"}\n', b'{"argv": "check", "cwd": "/"}\n', b"",
])
def test_a_malformed_request_gets_no_answer(payload):
    from petaproses.state import code_stamp

    assert _ask(code_stamp(), payload) == (True, b"")


def test_changed_code_stops_siaga_and_the_command_checks_alone(tmp_path):
    request = json.dumps({"argv": ["check", "processes"], "cwd": str(tmp_path)}).encode() + b"\n"
    go_on, back = _ask(["an older code base"], request)
    assert not go_on and json.loads(back) == {"rc": None}


def _leave_a_dead_siaga(transport: str, path: str) -> None:
    """What a killed siaga leaves: its socket file, or its address file naming a port nobody listens at."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if transport == "unix":
        left = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        left.bind(path)
        left.close()  # the file stays, nobody listens
        return
    with socket.socket() as gone:
        gone.bind(("127.0.0.1", 0))
        port = gone.getsockname()[1]
    Path(path).write_text(json.dumps({"port": port, "rahasia": "x" * 64}))


def test_a_socket_left_by_a_killed_siaga(cache, transport, tmp_path):
    path = resident.socket_path()
    _leave_a_dead_siaga(transport, path)
    assert os.path.exists(path) and resident.forward(["check", "processes"]) is None
    shutil.copytree(PROCESSES, tmp_path / "processes")
    assert _alone(["processes"], tmp_path)[0] == 0
    proc = _start()  # takes the place of the dead one
    try:
        assert _answered(["processes"], tmp_path) == _alone(["processes"], tmp_path)
        second = subprocess.run([sys.executable, "-m", "petaproses", "siaga"], capture_output=True, text=True,
                                timeout=60)
        assert second.returncode == 2 and "sudah berjalan" in second.stderr
        assert proc.poll() is None
    finally:
        err = _stop(proc)
    assert "berhenti" in err and not os.path.exists(path)


def test_the_socket_is_its_owners_only(siaga, transport):
    path = resident.socket_path()
    assert path.endswith(".sock" if transport == "unix" else ".json")
    mode = os.stat(path).st_mode & 0o777
    assert mode & 0o077 == 0, oct(mode)  # the socket, or the file with the port and the secret


def test_over_tcp_a_request_without_the_secret_gets_no_answer(tmp_path):
    from petaproses.state import code_stamp

    good = {"argv": ["check", "processes"], "cwd": str(tmp_path)}
    for secret in (None, "salah", 7, "a" * 64):  # the secret itself is never sent: only a proof of it
        payload = json.dumps(dict(good, rahasia=secret) if secret is not None else good).encode() + b"\n"
        assert _ask(code_stamp(), payload, secret="a" * 64) == (True, b"")
    proof, ack = resident._greeting("a" * 64)
    ping = json.dumps({"ping": True, **proof}).encode() + b"\n"
    assert ack != b"+\n" and _ask(code_stamp(), ping, secret="a" * 64) == (True, ack)  # proved: siaga proves itself
    assert _ask(code_stamp(), b"[" * 200000 + b"\n", secret="a" * 64) == (True, b"")  # nested: no traceback


def test_the_client_takes_no_answer_from_a_stranger(cache, transport, tmp_path):
    """Found by an audit: something that took a dead siaga's port (TCP), or put its own socket in a cache folder
    others can write, answered the command (exit 0, fake findings) and got the secret.  The client now checks
    the folder is its user's only and the peer's user (socket), and wants siaga's proof of the secret (TCP)."""
    import threading

    path = resident.socket_path()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    got: list[bytes] = []
    stranger = socket.socket(socket.AF_UNIX if transport == "unix" else socket.AF_INET, socket.SOCK_STREAM)
    if transport == "unix":
        stranger.bind(path)
    else:
        stranger.bind(("127.0.0.1", 0))
        Path(path).write_text(json.dumps({"port": stranger.getsockname()[1], "rahasia": "x" * 64}))
    stranger.listen(1)

    def answer() -> None:
        try:
            conn, _ = stranger.accept()
            with conn:
                got.append(conn.recv(65536))
                conn.sendall(b'+\n{"out": "0 galat (palsu)\\n"}\n{"rc": 0}\n')
        except OSError:  # closed by the test: nobody came
            pass
    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    try:
        if transport == "unix":  # the socket is ours here: make the folder writable by others instead
            os.chmod(os.path.dirname(path), 0o777)
        assert resident.forward(["check", "processes"]) is None
        if transport != "unix":
            thread.join(10)
            assert got and b"x" * 64 not in got[0]  # the secret never left
    finally:
        os.chmod(os.path.dirname(path), 0o700)
        stranger.close()


def test_the_cache_folder_is_checkcaches(monkeypatch, tmp_path):
    """resident.socket_path finds the cache folder without pathlib: the same folder as checkcache.cache_dir."""
    from petaproses.checkcache import cache_dir

    monkeypatch.delenv("PETAPROSES_CACHE", raising=False)
    for xdg in (None, str(tmp_path / "xdg")):
        if xdg is None:
            monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        else:
            monkeypatch.setenv("XDG_CACHE_HOME", xdg)
        assert os.path.dirname(resident.socket_path()) == os.path.abspath(cache_dir())
    monkeypatch.setenv("PETAPROSES_CACHE", "rel/c")
    assert os.path.dirname(resident.socket_path()) == os.path.abspath(cache_dir())


def test_the_command_siaga_answers_starts_cheap(tmp_path):
    """What a command answered by siaga imports: no typing, no hashlib (OpenSSL), nothing of petaproses but the
    command and the client, and socket only to connect (not to find that no siaga runs); its socket's name is the
    SHA-256 hashlib gives (the name siaga listens at)."""
    import hashlib

    code = ("import sys; from petaproses import cli, resident; resident.socket_path(); "
            "print(sorted(m for m in sys.modules if m in ('typing', 'hashlib', '_hashlib', 'socket') "
            "or (m.startswith('petaproses.') and m not in ('petaproses.cli', 'petaproses.resident'))))")
    env = dict(os.environ, PETAPROSES_CACHE=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stdout + done.stderr
    who = hashlib.sha256(f"{sys.executable}\0{os.path.dirname(os.path.abspath(resident.__file__))}".encode())
    assert os.path.basename(resident.socket_path()).startswith(f"siaga-{who.hexdigest()[:12]}.")


def test_without_a_cache_folder_there_is_no_siaga(monkeypatch):
    monkeypatch.setenv("PETAPROSES_CACHE", "0")
    assert resident.socket_path() is None and resident.forward(["check"]) is None
    done = subprocess.run([sys.executable, "-m", "petaproses", "siaga"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "folder cache" in done.stderr


def _listening(transport: str) -> tuple[str, socket.socket]:
    """Return where a siaga is found and a socket listening there that is no siaga (the test answers)."""
    path = resident.socket_path()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if transport == "unix":
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(path)
    else:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        Path(path).write_text(json.dumps({"port": listener.getsockname()[1], "rahasia": "x" * 64}))
    listener.listen(2)
    return path, listener


def test_a_check_waits_for_a_busy_siaga_only_so_long(cache, transport, monkeypatch, tmp_path):
    """A siaga that takes no request (stopped, busy) leaves the command to check alone after ACCEPT_WAIT."""
    path, mute = _listening(transport)  # accepts into the backlog, never answers
    monkeypatch.setattr(resident, "ACCEPT_WAIT", 0.3)
    try:
        start = time.monotonic()
        assert resident.forward(["check", "processes"]) is None
        assert time.monotonic() - start < 5
    finally:
        mute.close()
        os.unlink(path)


# ------------------------------------------------------------------------------------------- build
def _outputs(out: Path) -> dict[str, bytes]:
    """Every file a build wrote, its own state left out (stat signatures, the code's hash)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.relative_to(out).parts[0].startswith(".petaproses")}


def _untimed(text: str) -> str:
    import re

    return re.sub(r"dalam [0-9.,]+ detik", "dalam … detik", text)


def _build_alone(args: list[str], cwd: Path) -> tuple[int, str, str]:
    env = dict(os.environ, PETAPROSES_CACHE="0")
    done = subprocess.run([sys.executable, "-m", "petaproses", "build", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    return done.returncode, done.stdout, _untimed(done.stderr)


def _build_answered(args: list[str], cwd: Path, err=None) -> tuple[int, str, str]:
    here = os.getcwd()
    os.chdir(cwd)
    try:
        got = resident.forward(["build", *args], err=err)
    finally:
        os.chdir(here)
    assert got is not None, "siaga did not answer"
    return got[0], got[1], _untimed(got[2])


def test_siaga_builds_as_the_build_alone(siaga, tmp_path, monkeypatch):
    """Output files, messages and exit code as the build run alone; the build's variables are the command's."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the command's, not siaga's: it changes the dates
    for side in ("sendiri", "siaga"):
        shutil.copytree(PROCESSES, tmp_path / side / "processes")
    alone = _build_alone(["processes", "-o", "keluaran"], tmp_path / "sendiri")
    frames: list[str] = []
    answered = _build_answered(["processes", "-o", "keluaran"], tmp_path / "siaga", err=frames.append)
    assert answered == (alone[0], alone[1], "") and alone[0] == 0
    assert _untimed("".join(frames)) == alone[2]
    progress = [line + "\n" for line in alone[2].splitlines() if line.startswith("[")]
    assert len(progress) > 30 and [f for f in frames if f.startswith("[")] == progress  # a piece per line
    assert _outputs(tmp_path / "siaga" / "keluaran") == _outputs(tmp_path / "sendiri" / "keluaran")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")  # other dates: every file that shows one is made again
    again = _build_answered(["processes", "-o", "keluaran"], tmp_path / "siaga")
    assert again == _build_alone(["processes", "-o", "keluaran"], tmp_path / "sendiri") and "31 dibangun" in again[2]
    assert _outputs(tmp_path / "siaga" / "keluaran") == _outputs(tmp_path / "sendiri" / "keluaran")
    same = _build_answered(["processes", "-o", "keluaran"], tmp_path / "siaga")
    assert same[0] == 0 and "0 dibangun, 31 dilewati" in same[2]
    # errors in the files, a usage error: the same messages and exit codes
    sop = tmp_path / "siaga" / "processes" / "setda" / "sop02-reviu-sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("pelaksana: opd", "pelaksana: tidak_ada", 1),
                   encoding="utf-8")
    shutil.copy(sop, tmp_path / "sendiri" / "processes" / "setda" / sop.name)
    for args in (["processes", "-o", "keluaran", "--ketat"], ["--bogus"]):
        got = _build_answered(args, tmp_path / "siaga")
        assert got == _build_alone(args, tmp_path / "sendiri") and got[0] in (1, 2)
    # the whole command goes through siaga as well
    done = subprocess.run([sys.executable, "-m", "petaproses", "build", "processes", "-o", "keluaran"],
                          cwd=tmp_path / "siaga", capture_output=True, text=True)
    assert (done.returncode, done.stdout, _untimed(done.stderr)) == _build_alone(
        ["processes", "-o", "keluaran"], tmp_path / "sendiri")
    assert siaga.poll() is None


def test_an_interrupted_command_interrupts_its_build_in_siaga(siaga, tmp_path):
    shutil.copytree(PROCESSES, tmp_path / "processes")
    cmd = subprocess.Popen([sys.executable, "-m", "petaproses", "build", "processes", "-o", "keluaran"],
                           cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    first = cmd.stderr.readline()
    assert first.startswith("[1/"), first  # building, in siaga
    cmd.send_signal(signal.SIGINT)
    _, err = cmd.communicate(timeout=30)
    assert cmd.returncode == 130 and "dihentikan" in err
    # siaga stopped that build at its next line of output and goes on: the next build finishes what was left
    got = _build_answered(["processes", "-o", "keluaran"], tmp_path)
    assert got[0] == 0 and "0 gagal" in got[2] and siaga.poll() is None
    fresh = tmp_path / "sendiri"
    shutil.copytree(PROCESSES, fresh / "processes")
    assert _build_alone(["processes", "-o", "keluaran"], fresh)[0] == 0
    assert _outputs(tmp_path / "keluaran") == _outputs(fresh / "keluaran")


def test_an_answer_without_its_end(cache, transport, tmp_path):
    """An answer cut short: nothing printed yet, the command runs alone; output printed, it fails (exit 1)."""
    import threading

    path, server = _listening(transport)
    answers = [b'+\n{"rc": null}', b'+\n{"err": "[1/3] A\\n"}\n', b'+\n{"out": "x"}\n{"rc": 0}\n']

    def serve() -> None:
        for answer in answers:
            conn, _ = server.accept()
            with conn:
                asked = json.loads(conn.recv(65536))
                if transport == "tcp":  # siaga proves the secret it shares with the command (resident._greeting)
                    answer = answer.replace(b"+\n", b"+" + resident._proof("x" * 64, "siaga", asked["nonce"]).encode()
                                            + b"\n", 1)
                conn.sendall(answer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        assert resident.forward(["build", "processes"]) is None  # an older siaga's "run it yourself"
        assert resident.forward(["build", "processes"]) == (1, "", "[1/3] A\n")  # siaga killed mid-build
        assert resident.forward(["build", "processes"]) == (0, "x", "")
    finally:
        thread.join(timeout=10)
        server.close()
        os.unlink(path)
