"""`serve` is reachable only as localhost, serves only the site, and stays responsive (issue 17 §3, issue 15)."""

from __future__ import annotations

import http.client
import re
import shutil
import socket
import threading
import time

import pytest

from petaproses import cli, serve
from petaproses.build import MANIFEST, build

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The mini catalogue built once; a SiteServer over it on a free port."""
    tmp = tmp_path_factory.mktemp("serve")
    out = tmp / "output"
    result = build([str(FIXTURES / "mini")], str(out))
    assert not [p for p in result.problems if p.is_error]
    secret = tmp / "rahasia.html"
    secret.write_text("RAHASIA", encoding="utf-8")
    (out / "setda" / "bocor.html").symlink_to(secret)
    (out / "setda" / "luar").symlink_to(tmp)
    state = {"version": 7, "problems": [], "building": False}
    server = serve.SiteServer(out, 0, state, idle_timeout=30)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, out
    server.shutdown()
    thread.join(5)


def get(port: int, path: str, host: str | None = None, method: str = "GET") -> tuple[int, bytes, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
    conn.endheaders()
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, body, dict(resp.getheaders())


def test_the_site_is_served(site):
    server, _ = site
    status, body, headers = get(server.port, "/setda/PD.UNIT.01.html")
    assert status == 200 and b"Nama Prosedur" in body
    assert headers["Content-Type"].startswith("text/html") and headers["X-Content-Type-Options"] == "nosniff"
    assert get(server.port, "/")[0] == 200
    assert get(server.port, "/aset/gaya.css")[0] == 200
    status, _, headers = get(server.port, "/setda/PD.UNIT.01.docx")
    assert status == 200 and headers["Content-Disposition"].startswith("attachment")
    status, _, headers = get(server.port, "/setda/PD.UNIT.01.svg")
    assert status == 200 and "sandbox" in headers["Content-Security-Policy"]  # no script in a foreign .svg
    assert get(server.port, "/__versi")[1] == b"7"
    status, body, _ = get(server.port, "/setda/PD.UNIT.01.html", method="HEAD")
    assert status == 200 and body == b""


@pytest.mark.parametrize("host, allowed", [
    ("evil.example", False), ("evil.example:{port}", False), ("127.0.0.1.nip.io:{port}", False),
    ("localhost:1", False), ("", False), ("127.0.0.1:{port}", True), ("localhost:{port}", True),
    ("LOCALHOST", True), ("[::1]:{port}", True),
])
def test_only_localhost_host_headers(site, host, allowed):
    server, _ = site
    status, body, _ = get(server.port, "/index.html", host=host.format(port=server.port))
    assert status == (200 if allowed else 403)
    if not allowed:
        assert "Ditolak".encode() in body


@pytest.mark.parametrize("path", [
    f"/{MANIFEST}", "/.petaproses-cache.pickle", "/setda/.PD.UNIT.01.isi", "/setda/", "/setda", "/aset/",
    "/setda/bocor.html", "/setda/luar/rahasia.html", "/../rahasia.html", "/setda/../index.html",
    "/%2e%2e/rahasia.html", "/index.html%00.png", "/setda%2f..%2findex.html", "/setda/PD.UNIT.01.yaml",
])
def test_only_the_sites_own_files(site, path):
    server, _ = site
    status, body, _ = get(server.port, path)
    assert status == 404
    assert b"RAHASIA" not in body and "Halaman tidak ditemukan".encode() in body and b'lang="id"' in body


def test_other_methods_get_an_indonesian_page(site):
    server, _ = site
    status, body, _ = get(server.port, "/index.html", method="POST")
    assert status == 501 and "hanya dapat dibaca".encode() in body


def test_idle_and_slow_connections_do_not_block_a_request(site):
    server, _ = site
    idle = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(200)]
    slow = idle[:100]
    for s in slow:  # a request head that never ends
        s.sendall(b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    try:
        start = time.perf_counter()
        assert get(server.port, "/index.html")[0] == 200
        assert time.perf_counter() - start < 2
    finally:
        for s in idle:
            s.close()


def test_fifty_concurrent_requests_do_not_wait_for_the_backlog(site):
    server, _ = site
    times: list[float] = []

    def one() -> None:
        start = time.perf_counter()
        assert get(server.port, "/setda/PD.UNIT.01.html")[0] == 200
        times.append(time.perf_counter() - start)

    threads = [threading.Thread(target=one) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert len(times) == 50 and max(times) < 3  # a full backlog of 5 made one wait 7 s (SYN retries)


def test_busy_port_is_reported_before_any_build(tmp_path, monkeypatch, capsys):
    built = []
    monkeypatch.setattr(serve, "build", lambda *a, **k: built.append(a))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        start = time.perf_counter()
        assert cli.main(["serve", str(FIXTURES / "mini"), "--port", str(port), "-o", str(tmp_path / "out")]) == 2
    assert built == [] and time.perf_counter() - start < 2 and not (tmp_path / "out").exists()
    said = capsys.readouterr().err
    assert f"port {port} tidak dapat dipakai (alamat atau soket itu sudah dipakai)" in said  # not "Address already ..."


def test_half_written_save_is_not_published(tmp_path, monkeypatch):
    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    sop = cat / "sop.yaml"
    full = sop.read_text(encoding="utf-8")
    half = full[: full.index("  - id: kembalikan")]  # still a valid SOP, with two steps fewer
    seen: list[str] = []
    real_build = serve.build

    def recording_build(paths, out, *args, **kwargs):
        seen.append(sop.read_text(encoding="utf-8"))
        return real_build(paths, out, *args, **kwargs)

    monkeypatch.setattr(serve, "build", recording_build)
    ports: list[int] = []
    stop = threading.Event()
    thread = threading.Thread(target=serve.serve, args=([str(cat)], str(tmp_path / "out"), 0),
                              kwargs={"interval": 0.1, "settle": 0.6, "ready": ports.append, "stop": stop}, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not ports and time.time() < deadline:
        time.sleep(0.05)
    changed = full.replace("nama: Nama Prosedur", "nama: Prosedur Baru")
    with open(sop, "w", encoding="utf-8") as fh:  # an editor that writes in two pieces
        fh.write(changed[: len(half)])
        fh.flush()
        time.sleep(0.3)
        fh.write(changed[len(half):])
    while len(seen) < 2 and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    stop.set()
    thread.join(10)
    assert seen[1:] == [changed]  # one rebuild, of the whole file


def test_a_crash_in_a_rebuild_keeps_serving(tmp_path, monkeypatch, capsys):
    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    calls = []

    def flaky(paths, out, *args, **kwargs):
        calls.append(1)
        raise RuntimeError("bug")

    monkeypatch.setattr(serve, "build", flaky)
    ports: list[int] = []
    stop = threading.Event()
    thread = threading.Thread(target=serve.serve, args=([str(cat)], str(tmp_path / "out"), 0),
                              kwargs={"interval": 0.1, "settle": 0.1, "ready": ports.append, "stop": stop}, daemon=True)
    thread.start()
    deadline = time.time() + 10
    while not ports and time.time() < deadline:
        time.sleep(0.05)
    (cat / "sop.yaml").write_text("!!bool\n", encoding="utf-8")
    while len(calls) < 2 and time.time() < deadline:
        time.sleep(0.05)
    assert thread.is_alive() and len(calls) == 2
    assert get(ports[0], "/__versi")[0] == 200
    stop.set()
    thread.join(10)
    assert "galat internal" in capsys.readouterr().err


def test_site_file_refuses_what_is_not_the_site(tmp_path):
    (tmp_path / "index.html").write_text("x")
    (tmp_path / "aset").mkdir()
    (tmp_path / "aset" / "situs.js").write_text("x")
    (tmp_path / "catatan.txt").write_text("x")
    assert serve.site_file(tmp_path, "/index.html") is not None
    assert serve.site_file(tmp_path, "/aset/situs.js") is not None
    assert serve.site_file(tmp_path, "/situs.js") is None  # scripts only under aset/
    assert serve.site_file(tmp_path, "/catatan.txt") is None


def test_the_rebuild_log_counts_files_written_not_only_documents(tmp_path, capsys):
    """A saved evaluation record rewrites the forms and pages but no document: the log said "0 berubah"
    (review round 4)."""
    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    out = tmp_path / "out"
    assert not build([str(cat)], str(out)).failed
    (cat / "evaluasi").mkdir()
    (cat / "evaluasi" / "sesi.yaml").write_text(
        "jenis: evaluasi\nkode: EVAL.UJI.02\nperangkat_daerah: setda\ntanggal: 2026-03-12\npenilai: [sekda]\n"
        "dokumen:\n  PD.UNIT.01:\n    revisi: sha256:0000000000000000\n", encoding="utf-8")
    state = {"version": 0, "problems": []}
    capsys.readouterr()
    serve.rebuild([str(cat)], str(out), state)
    log = capsys.readouterr().err
    assert state["version"] == 1 and "dibangun ulang: 0 dokumen berubah, " in log, log
    assert re.search(r"berkas ditulis \(\d+,\d detik\)\n", log), log  # a decimal comma, as build says it (tester)
    written = int(log.split("dokumen berubah, ")[1].split()[0])
    assert written >= 2 and (out / "setda" / "Berita-Acara-Reviu-EVAL.UJI.02.docx").is_file()


def test_a_rebuild_past_a_broken_file_publishes_the_documents_it_built(tmp_path, capsys):
    """Review U: one SOP broken, another saved: the build wrote the other's new page (it keeps going past
    broken files), but serve said "situs belum diperbarui" and the browsers were not told to reload."""
    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    sop = cat / "sop.yaml"
    good = sop.read_text(encoding="utf-8")
    (cat / "sop-lain.yaml").write_text(good.replace("kode: PD.UNIT.01", "kode: PD.UNIT.02"), encoding="utf-8")
    out = tmp_path / "out"
    assert not build([str(cat)], str(out)).failed
    sop.write_text(good.replace("pelaksana: kasubag_umum", "pelaksana: kasubag_umumm", 1), encoding="utf-8")
    other = cat / "sop-lain.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("uraian: ", "uraian: Baru ", 1), encoding="utf-8")
    state = {"version": 0, "problems": []}
    capsys.readouterr()
    serve.rebuild([str(cat)], str(out), state)
    log = capsys.readouterr().err
    assert state["version"] == 1, log
    assert "dokumennya tetap versi terakhir yang berhasil" in log and "situs belum diperbarui" not in log, log
    assert "dibangun ulang: 1 dokumen berubah" in log, log
    assert "Baru " in (out / "setda" / "PD.UNIT.02.html").read_text(encoding="utf-8")
    # nothing else to build: nothing published, as before
    other.write_text(other.read_text(encoding="utf-8"), encoding="utf-8")
    serve.rebuild([str(cat)], str(out), state)
    assert state["version"] == 1 and "situs belum diperbarui" in capsys.readouterr().err
