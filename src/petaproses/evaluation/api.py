"""The write API of `petaproses serve --evaluasi`: findings, criteria and monitoring saved from the browser.

Everything lives under ``/__evaluasi/`` on the loopback-only server (serve.py checks the Host first).  Each
serve run makes a secret token, given only inside the pages it serves (a meta tag, readable by the page's own
origin); every API request must carry it in ``X-Petaproses-Token``, writes must be JSON (a cross-origin form
cannot send that without a preflight, which is never answered) and a request whose ``Origin`` or
``Sec-Fetch-Site`` says another site is refused as well.  Records are written by store.py.
"""

from __future__ import annotations

import datetime as _dt
import hmac
import json
import re
import secrets
import threading
import urllib.parse
from pathlib import Path
from typing import Callable

from ..catalogue import Catalogue, load_catalogue
from ..check import catalogue_roots
from ..paths import template_file, templates_dir
from ..texts import format_date
from . import store
from .followup import step_texts
from .model import CRITERIA, Evaluasi
from .revision import revision_of

PREFIX = "/__evaluasi/"
TOKEN_HEADER = "X-Petaproses-Token"
MAX_BODY = 64 * 1024
SCRIPT = "evaluasi.js"
Response = tuple[int, str, bytes]
_JSON = "application/json; charset=utf-8"
_DATED = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?!\d)")  # a session file named after its date


class _Refused(Exception):
    def __init__(self, status: int, message: str, state: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.state = status, message, state


def _reply(status: int, payload: dict) -> Response:
    return status, _JSON, json.dumps(payload, ensure_ascii=False).encode("utf-8")


class EvaluationApi:
    """The evaluation mode of one serve run: its token, its catalogue, where each document's record goes."""

    def __init__(self, paths: list[str], session: str | Path | None = None,
                 today: Callable[[], _dt.date] = _dt.date.today) -> None:
        self.token = secrets.token_urlsafe(32)
        self.roots = catalogue_roots(paths)
        self.session = Path(session) if session else None
        self.today = today
        self.port = 0  # set by serve once the socket is bound (for the Origin check)
        self.store = store.RecordStore()
        self._cache: dict = {}
        self._cat_lock = threading.Lock()
        self.script = template_file(templates_dir(roots=self.roots), "site", SCRIPT).read_bytes()

    # ------------------------------------------------------------------------------------- pages
    def page(self, html: bytes) -> bytes:
        """Return a site page with the evaluation script and this run's token added."""
        tag = (f'<meta name="petaproses-token" content="{self.token}">'
               f'<script src="{PREFIX}{SCRIPT}" defer></script>').encode("ascii")
        cut = html.rfind(b"</body>")
        return html + tag if cut < 0 else html[:cut] + tag + html[cut:]

    # ------------------------------------------------------------------------------------- requests
    def handle(self, method: str, target: str, headers, body: bytes) -> Response:
        """Answer one request under PREFIX; never raises."""
        parts = urllib.parse.urlsplit(target)
        name = parts.path[len(PREFIX):]
        if name == SCRIPT and method in ("GET", "HEAD"):
            return 200, "text/javascript; charset=utf-8", self.script
        try:
            self._guard(method, headers)
            if method in ("GET", "HEAD") and name == "dokumen":
                kode = urllib.parse.parse_qs(parts.query).get("kode", [""])[0]
                return _reply(200, {"ok": True, "dokumen": self.state(kode)})
            if method == "POST" and name in _ACTIONS:
                return _reply(200, self._post(name, self._json(headers, body)))
            raise _Refused(404, "permintaan evaluasi tidak dikenal")
        except _Refused as exc:
            return _reply(exc.status, {"ok": False, "galat": exc.message, "dokumen": exc.state})
        except store.StoreError as exc:
            return _reply(exc.status, {"ok": False, "galat": str(exc)})

    def refused(self, method: str, headers) -> Response | None:
        """The answer to a request without this run's token or from another site, before its body is read (a
        slow body must not hold a worker for whoever cannot write); None when it may go on."""
        try:
            self._guard(method, headers)
        except _Refused as exc:
            return _reply(exc.status, {"ok": False, "galat": exc.message, "dokumen": exc.state})
        return None

    def _guard(self, method: str, headers) -> None:
        given = headers.get(TOKEN_HEADER) or ""
        if not hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode("ascii")):
            raise _Refused(403, "token sesi tidak ada atau salah; buka ulang halaman dari petaproses serve --evaluasi")
        origin = headers.get("Origin")
        allowed = {f"http://{host}:{self.port}" for host in ("127.0.0.1", "localhost", "[::1]")}
        if origin is not None and origin not in allowed:
            raise _Refused(403, "permintaan dari situs lain ditolak")
        if headers.get("Sec-Fetch-Site") not in (None, "same-origin", "none"):
            raise _Refused(403, "permintaan dari situs lain ditolak")

    @staticmethod
    def _json(headers, body: bytes) -> dict:
        if (headers.get("Content-Type") or "").split(";")[0].strip().lower() != "application/json":
            raise _Refused(415, "perubahan dikirim sebagai JSON")
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: nested past Python's stack
            raise _Refused(400, "isi permintaan bukan JSON yang sah") from None
        if not isinstance(data, dict):
            raise _Refused(400, "isi permintaan harus berupa objek JSON")
        return data

    # ------------------------------------------------------------------------------------- catalogue
    def catalogue(self) -> Catalogue:
        with self._cat_lock:  # unchanged files come from the cache: cheap enough for every request
            cat, _ = load_catalogue(self.roots, self._cache)
        cat.index_codes()
        return cat

    def _document(self, cat: Catalogue, kode: object):
        doc = cat.by_code.get(kode) if isinstance(kode, str) else None
        if doc is None:
            raise _Refused(404, f"dokumen '{kode}' tidak ada di katalog")
        return doc

    def record_path(self, cat: Catalogue, doc) -> Path:
        """Return the session file a document's evaluation goes to: --sesi, else today's for its department."""
        if self.session is not None:
            return self.session
        day = self.today()
        return Path(self.roots[0]) / "evaluasi" / str(day.year) / f"{day.isoformat()}-{doc.perangkat_daerah}.yaml"

    def session_day(self) -> _dt.date:
        """Return a new session's date: the one its file is named after (`--sesi .../2027-06-10-setda.yaml`, the
        name serve gives a session itself), else today."""
        found = _DATED.match(self.session.name) if self.session is not None else None
        if found:
            try:
                return _dt.date(*map(int, found.groups()))
            except ValueError:  # 2027-02-30-...: not a date, so not the session's
                pass
        return self.today()

    def _starter(self, cat: Catalogue, doc) -> Callable[[], str]:
        def text() -> str:
            day = self.session_day()
            pd = doc.perangkat_daerah
            code = _free_code(cat, f"EVAL.{pd.upper()}.{day.strftime('%Y%m%d')}")
            return (f"# Rekaman reviu dan evaluasi, dibuat oleh `petaproses serve --evaluasi` pada "
                    f"{self.today().isoformat()}.\n"
                    "# Satu berkas = satu sesi = satu berita acara. Lengkapi tempat, penilai (tim reviu) dan peserta\n"
                    "# di sini; temuan, kriteria dan monitoring diisi dari peramban. Komentar di berkas ini\n"
                    "# tetap ada.\n"
                    "jenis: evaluasi\n"
                    f"kode: {code}\n"
                    f"nama: {json.dumps('Reviu dan Evaluasi SOP ' + cat.department_name(doc), ensure_ascii=False)}\n"
                    f"perangkat_daerah: {pd}\n"
                    f"tanggal: {day.isoformat()}\n"
                    "tempat:                  # mis. Ruang Rapat Bagian Organisasi\n"
                    "penilai: []              # id pejabat dari organisasi.yaml, atau {nama, jabatan, nip}\n"
                    "peserta: []\n"
                    "dokumen: {}\n")
        return text

    # ------------------------------------------------------------------------------------- state
    def state(self, kode: str, cat: Catalogue | None = None) -> dict:
        """Return what the page shows of its document in this session's record."""
        cat = cat or self.catalogue()
        doc = self._document(cat, kode)
        path = self.record_path(cat, doc)
        data, record = self.store.load(path)
        entry = record.dokumen.get(kode) if isinstance(record, Evaluasi) else None
        findings = entry.temuan if entry else []
        criteria = []
        for key, label in CRITERIA:
            answer, note = entry.kriteria.answer(key) if entry else (None, "")
            criteria.append({"kunci": key, "label": label, "jawaban": answer, "catatan": note})
        return {
            "kode": kode, "berkas": _shown(path), "versi": store.version(data),
            "sesi": ({"kode": record.kode, "nama": record.title, "tanggal": format_date(record.tanggal)}
                     if record else None),
            "revisi": entry.revisi if entry else None,
            "monitoring": {"berjalan_baik": entry.berjalan_baik if entry else None,
                           "catatan": (entry.catatan or "") if entry else "",
                           "tindakan": (entry.tindakan or "") if entry else ""},
            "kriteria": criteria,
            "langkah": [{"id": sid, "no": no, "teks": text} for sid, (no, text) in step_texts(doc).items()],
            "temuan": [{"id": f.id, "langkah": f.langkah, "teks_langkah": f.teks_langkah or "", "uraian": f.uraian,
                        "rekomendasi": f.rekomendasi or "", "status": f.status} for f in findings],
        }

    # ------------------------------------------------------------------------------------- writes
    def _post(self, action: str, data: dict) -> dict:
        cat = self.catalogue()
        doc = self._document(cat, data.get("kode"))
        path = self.record_path(cat, doc)
        raw = cat.sources.get(doc.path) or Path(doc.path).read_bytes()
        revision = revision_of(doc.path, raw)
        seen: dict[str, str] = {}

        def change(root) -> str:
            seen["versi"] = store.version(self.store.read(path))
            entry = store.document_entry(root, doc.kode, revision)
            return _ACTIONS[action](self, entry, doc, data, revision)

        try:
            message, _written = self.store.update(path, change, self._starter(cat, doc))
        except store.Conflict as exc:
            raise _Refused(409, str(exc), self.state(doc.kode, cat)) from None
        state = self.state(doc.kode, cat)
        changed = bool(data.get("versi") is not None and data.get("versi") != seen.get("versi"))
        note = (" Berkas rekaman telah diubah di tempat lain sejak halaman dimuat; isi terbaru ditampilkan."
                if changed else "")
        return {"ok": True, "pesan": message + note, "berubah": changed, "dokumen": state}

    def _add_finding(self, entry, doc, data: dict, revision: str) -> str:
        step = data.get("langkah") or None
        number, text = None, None
        if step is not None:
            found = step_texts(doc).get(step) if isinstance(step, str) else None
            if found is None:
                raise _Refused(422, f"langkah '{step}' tidak ada di {doc.kode}")
            number, text = found
        fid = store.add_finding(entry, step, text, store.clean(data.get("uraian")),
                                store.clean(data.get("rekomendasi")))
        where = f"langkah {number}" if step else "dokumen"
        return f"Temuan {fid} pada {where} disimpan."

    def _status(self, entry, doc, data: dict, revision: str) -> str:
        store.set_status(entry, str(data.get("id")), str(data.get("status")), revision)
        return f"Status temuan {data.get('id')} menjadi {data.get('status')}."

    def _delete(self, entry, doc, data: dict, revision: str) -> str:
        store.delete_finding(entry, str(data.get("id")))
        return f"Temuan {data.get('id')} dihapus."

    def _criterion(self, entry, doc, data: dict, revision: str) -> str:
        answer = data.get("jawaban")
        if answer not in (True, False, None):
            raise _Refused(422, "jawaban kriteria harus ya, tidak atau kosong")
        before = data.get("sebelumnya")
        seen = (before.get("jawaban"), before.get("catatan") or "") if isinstance(before, dict) else None
        store.set_criterion(entry, str(data.get("kunci")), answer, store.clean(data.get("catatan")), seen)
        return "Kriteria disimpan."

    def _monitoring(self, entry, doc, data: dict, revision: str) -> str:
        verdict = data.get("berjalan_baik")
        if verdict not in (True, False, None):
            raise _Refused(422, "hasil monitoring harus ya, tidak atau kosong")
        store.set_monitoring(entry, verdict, store.clean(data.get("catatan")), store.clean(data.get("tindakan")))
        return "Hasil monitoring disimpan."


_ACTIONS: dict[str, Callable] = {
    "temuan": EvaluationApi._add_finding, "status": EvaluationApi._status, "hapus": EvaluationApi._delete,
    "kriteria": EvaluationApi._criterion, "monitoring": EvaluationApi._monitoring,
}


def _free_code(cat: Catalogue, code: str) -> str:
    """Return ``code``, or ``code.2``, ``code.3``...: the first no session record of the catalogue has (a second
    session the same day, or of the same date, would take the first's code: duplicate-id)."""
    taken = {r.kode for r in cat.evaluations} | {head[1] for head in cat.unloaded.values() if head[0] == "evaluasi"}
    n = 1
    found = code
    while found in taken:
        n += 1
        found = f"{code}.{n}"
    return found


def _shown(path: Path) -> str:
    """Return the record's path as the terminal would (relative to the current folder when inside it)."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


__all__ = ["EvaluationApi", "PREFIX", "TOKEN_HEADER", "MAX_BODY"]
