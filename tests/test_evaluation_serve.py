"""`petaproses serve --evaluasi`: findings and criteria typed in the browser land in the YAML record, with its
comments, from two pages at once, and only with the run's token."""

from __future__ import annotations

import contextlib
import http.client
import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from petaproses.evaluation.api import EvaluationApi
from petaproses.load import load_document
from petaproses.serve import serve

from .conftest import FIXTURES, require
from .test_site import _browser

RECORD = """\
# Sesi reviu uji. Komentar ini ditulis tangan dan harus tetap ada.
jenis: evaluasi
kode: EVAL.UJI.01
perangkat_daerah: setda
tanggal: 2026-03-12
tempat: Ruang Rapat Bagian Organisasi   # diisi sekretaris rapat
penilai: [sekda]
dokumen: {}   # diisi dari peramban
"""


@contextlib.contextmanager
def served(tmp_path: Path):
    """Serve a copy of the mini catalogue in evaluation mode, its record written by hand beforehand."""
    cat = tmp_path / "cat"
    shutil.copytree(FIXTURES / "mini", cat)
    record = cat / "evaluasi" / "2026" / "sesi.yaml"
    record.parent.mkdir(parents=True)
    record.write_text(RECORD, encoding="utf-8")
    api = EvaluationApi([str(cat)], session=record)
    ports: list[int] = []
    stop = threading.Event()
    thread = threading.Thread(target=serve, args=([str(cat)], str(tmp_path / "out"), 0),
                              kwargs={"interval": 0.2, "ready": ports.append, "stop": stop, "evaluation": api},
                              daemon=True)
    thread.start()
    deadline = time.time() + 60
    while not ports and time.time() < deadline:
        time.sleep(0.05)
    try:
        yield ports[0], api, record
    finally:
        stop.set()
        thread.join(10)


def call(port: int, method: str, path: str, body: object = None, headers: dict | None = None) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    data = None if body is None else json.dumps(body).encode("utf-8")
    conn.request(method, path, body=data, headers={"Host": f"127.0.0.1:{port}", **(headers or {})})
    resp = conn.getresponse()
    payload = json.loads(resp.read() or b"{}")
    conn.close()
    return resp.status, payload


def _findings(record: Path) -> list:
    doc, problems = load_document(str(record), record.read_bytes())
    assert problems == [], [p.format() for p in problems]
    entry = doc.dokumen.get("PD.UNIT.01")
    return list(entry.temuan) if entry else []


def test_writes_need_the_token_json_and_the_own_origin(tmp_path):
    with served(tmp_path) as (port, api, record):
        before = record.read_bytes()
        good = {"X-Petaproses-Token": api.token, "Content-Type": "application/json"}
        body = {"kode": "PD.UNIT.01", "langkah": "periksa", "uraian": "Temuan"}
        for headers, status in (({"Content-Type": "application/json"}, 403),  # no token
                                ({**good, "X-Petaproses-Token": "salah"}, 403),
                                ({**good, "Origin": "http://evil.example"}, 403),
                                ({**good, "Sec-Fetch-Site": "cross-site"}, 403),
                                ({**good, "Content-Type": "text/plain"}, 415)):
            code, payload = call(port, "POST", "/__evaluasi/temuan", body, headers)
            assert code == status and payload["ok"] is False and payload["galat"], headers
        assert call(port, "GET", "/__evaluasi/dokumen?kode=PD.UNIT.01")[0] == 403
        assert record.read_bytes() == before  # nothing was written
        code, payload = call(port, "POST", "/__evaluasi/temuan", {**body, "langkah": "tidak_ada"}, good)
        assert code == 422 and "langkah 'tidak_ada' tidak ada" in payload["galat"]
        code, payload = call(port, "POST", "/__evaluasi/temuan", body, {**good, "Origin": f"http://127.0.0.1:{port}"})
        assert code == 200 and payload["dokumen"]["temuan"][0]["teks_langkah"] == "Memeriksa kelengkapan berkas"
        # the page of the read-only site is never given a token: only serve's own pages carry one
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        conn.request("GET", "/setda/PD.UNIT.01.html", headers={"Host": f"127.0.0.1:{port}"})
        page = conn.getresponse().read()
        assert api.token.encode() in page and b"/__evaluasi/evaluasi.js" in page
        assert not list((tmp_path / "out").rglob("evaluasi.js"))


def _raw(port: int, request: bytes, wait: float = 20) -> bytes:
    """Send ``request`` as written and return the whole answer (b"" when the server closed without one)."""
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=wait) as conn:
        conn.sendall(request)
        answer = b""
        with contextlib.suppress(OSError):
            while chunk := conn.recv(65536):
                answer += chunk
        return answer


def test_odd_requests_get_an_answer_and_hold_no_worker(tmp_path):
    """Found by probing a running serve: a finding the build refuses was saved (and the site stopped being
    rebuilt); eight slow bodies without the token held every worker; JSON nested past Python's stack and a
    Content-Length in other digits got no answer at all; a request line naming another host was served."""
    import socket

    with served(tmp_path) as (port, api, record):
        good = {"X-Petaproses-Token": api.token, "Content-Type": "application/json"}
        before = record.read_bytes()
        code, payload = call(port, "POST", "/__evaluasi/temuan",
                             {"kode": "PD.UNIT.01", "langkah": "periksa", "uraian": "y" * 1001}, good)
        assert code == 422 and "1.001 karakter" in payload["galat"] and record.read_bytes() == before
        head = (f"POST /__evaluasi/temuan HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
                "Content-Length: 65536\r\n\r\n").encode()
        slow = [socket.create_connection(("127.0.0.1", port), timeout=20) for _ in range(10)]
        try:
            for conn in slow:  # no token: answered (403) at once, the body never read
                conn.sendall(head + b"{")
            started = time.perf_counter()
            assert b" 403 " in slow[0].recv(65536).split(b"\r\n")[0] + b" "
            assert call(port, "GET", "/__evaluasi/dokumen?kode=PD.UNIT.01", headers=good)[0] == 200
            assert time.perf_counter() - started < 5
        finally:
            for conn in slow:
                conn.close()
        token = f"X-Petaproses-Token: {api.token}\r\n".encode()
        nested = b'{"a":' * 5000 + b"1" + b"}" * 5000
        answer = _raw(port, head.replace(b"Content-Length: 65536", f"Content-Length: {len(nested)}".encode())
                      .replace(b"\r\n\r\n", b"\r\n" + token + b"\r\n") + nested)
        assert answer.startswith(b"HTTP/1.1 400") or answer.startswith(b"HTTP/1.0 400"), answer[:80]
        answer = _raw(port, head.replace(b"Content-Length: 65536", "Content-Length: \u00b2".encode())
                      .replace(b"\r\n\r\n", b"\r\n" + token + b"\r\n") + b"{}")
        assert b" 400 " in answer.split(b"\r\n")[0] + b" ", answer[:80]
        answer = _raw(port, f"GET http://evil.example/index.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                            "Connection: close\r\n\r\n".encode())
        assert b" 403 " in answer.split(b"\r\n")[0] + b" ", answer[:80]


def test_a_body_sent_a_byte_at_a_time_ends_at_the_deadline(tmp_path, monkeypatch):
    """A body that trickles in (with the token) holds a worker BODY_SECONDS at most, then gets 408: each byte
    comes well within the socket's timeout, so only serve's deadline ends it."""
    import socket

    from petaproses import serve as serve_module

    monkeypatch.setattr(serve_module, "BODY_SECONDS", 1.5)
    with served(tmp_path) as (port, api, record):
        before = record.read_bytes()
        conn = socket.create_connection(("127.0.0.1", port), timeout=20)
        try:
            conn.sendall((f"POST /__evaluasi/temuan HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                          f"X-Petaproses-Token: {api.token}\r\nContent-Type: application/json\r\n"
                          "Content-Length: 40\r\n\r\n{").encode())
            started = time.perf_counter()
            answer = b""
            for _ in range(12):  # a byte every 0.5 s: each read comes well within the socket's timeout
                time.sleep(0.5)
                try:
                    conn.sendall(b" ")
                except OSError:  # answered and closed already
                    break
            conn.settimeout(10)
            with contextlib.suppress(OSError):
                while chunk := conn.recv(65536):
                    answer += chunk
            assert b" 408 " in answer.split(b"\r\n")[0] + b" ", answer[:80]
            assert time.perf_counter() - started < 5
        finally:
            conn.close()
        assert record.read_bytes() == before


def test_two_writers_through_the_server_lose_nothing(tmp_path):
    with served(tmp_path) as (port, api, record):
        headers = {"X-Petaproses-Token": api.token, "Content-Type": "application/json"}
        statuses: list[int] = []

        def writer(name: str) -> None:
            for i in range(12):
                statuses.append(call(port, "POST", "/__evaluasi/temuan",
                                     {"kode": "PD.UNIT.01", "uraian": f"{name}{i}", "versi": ""}, headers)[0])

        threads = [threading.Thread(target=writer, args=(n,)) for n in "AB"]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert statuses == [200] * 24
        assert sorted(f.uraian for f in _findings(record)) == sorted(f"{n}{i}" for n in "AB" for i in range(12))
        assert "# Sesi reviu uji. Komentar ini ditulis tangan" in record.read_text(encoding="utf-8")


def _saved(page, action: str, name: str):
    """Do ``action`` (a save), wait for the API's answer and then for the reload the rebuild brings."""
    with page.expect_navigation(timeout=60_000):
        with page.expect_response(lambda r: f"/__evaluasi/{name}" in r.url) as answer:
            action()
        assert answer.value.ok, answer.value.text()
    page.wait_for_selector("#mode-evaluasi .daftar-temuan li")
    page.wait_for_timeout(1500)  # the page's live-reload poll has seen the new version


def _quiet(port: int) -> None:
    """Wait until serve has rebuilt after the last write (its version stays the same for 2.5 seconds)."""
    def version() -> bytes:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        conn.request("GET", "/__versi", headers={"Host": f"127.0.0.1:{port}"})
        data = conn.getresponse().read()
        conn.close()
        return data

    last, since, deadline = version(), time.time(), time.time() + 60
    while time.time() - since < 2.5 and time.time() < deadline:
        time.sleep(0.2)
        now = version()
        if now != last:
            last, since = now, time.time()


def _open(page, port: int) -> None:
    from playwright.sync_api import Error

    try:
        page.goto(f"http://127.0.0.1:{port}/setda/PD.UNIT.01.html")
    except Error as exc:  # the page's own live reload (after a rebuild) came first: that loads it too
        assert "interrupted by another navigation" in str(exc), exc
        page.wait_for_load_state()
    page.wait_for_selector("#mode-evaluasi .daftar-temuan li")
    page.wait_for_timeout(1500)


def test_findings_and_criteria_from_the_browser(tmp_path):
    require("chromium")
    from playwright.sync_api import expect, sync_playwright

    errors: list[str] = []
    with served(tmp_path) as (port, api, record), sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page(viewport={"width": 1300, "height": 1000})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "favicon" not in m.location.get(
            "url", "") else None)
        _open(page, port)
        # step 3 of the SOP: click its row, type the finding and the recommendation
        page.click("#langkah-kembalikan td:nth-child(2)")
        page.fill("tr.form-temuan textarea[name=uraian]", "Alasan pengembalian tidak dicatat")
        page.fill("tr.form-temuan textarea[name=rekomendasi]", "Tambahkan daftar periksa kekurangan berkas")
        _saved(page, lambda: page.click("tr.form-temuan .simpan-temuan"), "temuan")
        _saved(page, lambda: page.check("input[name=kriteria-kinerja][value=ya]"), "kriteria")
        page.fill("input[name=catatan-mudah_dipahami]", "Istilah berkas belum didefinisikan")
        _saved(page, lambda: page.check("input[name=kriteria-mudah_dipahami][value=tidak]"), "kriteria")
        page.reload()
        page.wait_for_selector("#mode-evaluasi .daftar-temuan li[data-id=t1]")
        listed = page.locator("#mode-evaluasi .daftar-temuan li[data-id=t1]").inner_text()
        assert "3. Mengembalikan berkas" in listed and "Alasan pengembalian tidak dicatat" in listed
        assert page.is_checked("input[name=kriteria-kinerja][value=ya]")
        assert page.is_checked("input[name=kriteria-mudah_dipahami][value=tidak]")
        assert page.input_value("input[name=catatan-mudah_dipahami]") == "Istilah berkas belum didefinisikan"
        expect(page.locator("#langkah-kembalikan")).to_contain_text("1 temuan sesi ini")
        # the rebuilt page shows the record read-only as well
        expect(page.locator("section#evaluasi")).to_contain_text("Alasan pengembalian tidak dicatat")
        page.screenshot(path=str(tmp_path / "mode-evaluasi.png"), full_page=True)
        # a box of the diagram opens the same form for its step
        page.locator(".svg-inner g.node", has=page.locator("title", has_text="periksa")).first.click()
        expect(page.locator("tr.form-temuan")).to_contain_text("Temuan untuk langkah 2: Memeriksa kelengkapan berkas")
        page.click("tr.form-temuan button:text('Batal')")
        assert page.locator("tr.form-temuan").count() == 0

        # on disk: the finding and both answers, and every line written by hand, comments included
        text = record.read_text(encoding="utf-8")
        for line in RECORD.splitlines()[:-1]:
            assert line in text, line
        assert "# diisi dari peramban" in text
        doc, problems = load_document(str(record), record.read_bytes())
        assert problems == []
        entry = doc.dokumen["PD.UNIT.01"]
        [finding] = entry.temuan
        assert (finding.langkah, finding.uraian, finding.rekomendasi) == (
            "kembalikan", "Alasan pengembalian tidak dicatat", "Tambahkan daftar periksa kekurangan berkas")
        assert entry.kriteria.answer("kinerja") == (True, "")
        assert entry.kriteria.answer("mudah_dipahami") == (False, "Istilah berkas belum didefinisikan")
        assert entry.revisi.startswith("sha256:")  # the mini catalogue is not in git

        assert errors == []  # before the refused request below, which the console reports as a 403
        # a request without the token is refused, from the page itself
        status = page.evaluate("""() => fetch('/__evaluasi/temuan', {method: 'POST', headers: {'Content-Type':
            'application/json'}, body: JSON.stringify({kode: 'PD.UNIT.01', uraian: 'tanpa token'})})
            .then(r => r.status)""")
        assert status == 403 and "tanpa token" not in record.read_text(encoding="utf-8")
        browser.close()


def test_two_pages_at_once_and_a_file_changed_meanwhile(tmp_path):
    require("chromium")
    from playwright.sync_api import expect, sync_playwright

    with served(tmp_path) as (port, api, record), sync_playwright() as p:
        browser = _browser(p)
        first, second = browser.new_page(), browser.new_page()
        for page in (first, second):
            _open(page, port)
        # both pages fire their saves at the same time
        burst = """(name) => { window.selesai = Promise.all([...Array(8).keys()].map(i => fetch('/__evaluasi/temuan', {
            method: 'POST', headers: {'Content-Type': 'application/json', 'X-Petaproses-Token':
            document.querySelector('meta[name=petaproses-token]').content},
            body: JSON.stringify({kode: 'PD.UNIT.01', langkah: 'periksa', uraian: name + i})}).then(r => r.status)));
            return true; }"""
        first.evaluate(burst, "pertama ")
        second.evaluate(burst, "kedua ")
        assert first.evaluate("() => window.selesai") == [200] * 8
        assert second.evaluate("() => window.selesai") == [200] * 8
        texts = sorted(f.uraian for f in _findings(record))
        assert texts == sorted([f"pertama {i}" for i in range(8)] + [f"kedua {i}" for i in range(8)])
        _quiet(port)
        for page in (first, second):  # the bursts rebuilt the site; start from fresh pages
            _open(page, port)

        # both type a finding; while text is unsaved the page does not reload, even though the record changes
        for page, text in ((first, "Temuan dari halaman pertama"), (second, "Temuan dari halaman kedua")):
            page.click("#langkah-setujui td:nth-child(2)")
            page.fill("tr.form-temuan textarea[name=uraian]", text)
        with first.expect_response(lambda r: "/__evaluasi/temuan" in r.url):
            first.click("tr.form-temuan .simpan-temuan")
        with second.expect_response(lambda r: "/__evaluasi/temuan" in r.url) as answer:
            second.click("tr.form-temuan .simpan-temuan")
        reply = answer.value.json()
        assert reply["berubah"] is True and "diubah di tempat lain" in reply["pesan"]
        # the page writes its message after the reply arrives: wait for it
        expect(second.locator("#mode-evaluasi .pesan")).to_contain_text("diubah di tempat lain")
        texts = [f.uraian for f in _findings(record)]
        assert "Temuan dari halaman pertama" in texts and "Temuan dari halaman kedua" in texts and len(texts) == 18

        # an answer changed by someone else meanwhile is not overwritten: the page says so
        _quiet(port)
        _open(second, port)
        with first.expect_response(lambda r: "/__evaluasi/kriteria" in r.url):
            first.check("input[name=kriteria-sinergi][value=ya]")
        with second.expect_response(lambda r: "/__evaluasi/kriteria" in r.url) as answer:
            second.check("input[name=kriteria-sinergi][value=tidak]")
        assert answer.value.status == 409
        expect(second.locator("#mode-evaluasi .pesan")).to_contain_text("sudah diubah di tempat lain menjadi 'ya'")
        doc, _ = load_document(str(record), record.read_bytes())
        assert doc.dokumen["PD.UNIT.01"].kriteria.answer("sinergi") == (True, "")
        browser.close()


@pytest.mark.parametrize("argv", [["serve", "--evaluasi"], ["serve", "--sesi", "x.yaml"]])
def test_cli_offers_the_evaluation_mode(argv, monkeypatch, tmp_path):
    from petaproses import cli

    seen: dict = {}
    monkeypatch.setattr("petaproses.serve.serve", lambda paths, out, port, evaluation=None: seen.update(api=evaluation))
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "mini", tmp_path / "processes")
    assert cli.main(argv) == 0
    assert isinstance(seen["api"], EvaluationApi) and len(seen["api"].token) >= 40
    assert seen["api"].session == (Path("x.yaml") if "--sesi" in argv else None)
