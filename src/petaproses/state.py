"""What a build leaves in the output folder for the next one, read back as untrusted data.

Output folders live on shared drives, so everything here is checked on load and nothing can execute:

- the manifest ``.petaproses-build.json``: per unit its hash and the files it wrote (relative paths that must
  stay inside the output folder, also after symlinks are resolved), the review site's page keys;
- the cache ``.petaproses/cache.json`` (small): per input file its hash, its stat signature and its loader
  findings, the rules' findings (``validate``'s memo), and the last result for the no-op check;
- the documents ``.petaproses/dokumen/<0-f>.json`` (large): the parsed model of every input file as JSON, in
  16 files by the sha-256 of its path (an edit rewrites one), read only when something changed, each validated
  by its pydantic class again (an entry that does not validate is a cache miss);
- the hand-offs ``.petaproses/serah-terima/<0-f>.json``: each map's, for a build in a new process (relasi_store.py).

JSON only: no pickle (a crafted pickle runs code).  A state that names a path outside the folder is dropped
whole, with a warning; anything else odd only costs time (a full build).  What is checked is the shape, not
the origin: an entry forged with the right shape (a document that validates, findings, metrics) is taken as
written, as a forged output would be; whoever can write the output folder can write its outputs too.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from . import CODE_SUFFIXES, __version__, code_hash
from .atomic import write_atomic
from .bounded import read_bounded
from .lazyre import Lazy
from .problems import PetaprosesError, Problem

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds into one folder are not serialised there
    fcntl = None  # type: ignore[assignment]

MANIFEST = ".petaproses-build.json"
STATE_DIR = ".petaproses"
CACHE = f"{STATE_DIR}/cache.json"
DOCUMENTS = f"{STATE_DIR}/dokumen"  # folder: the documents in SHARDS files by their path
SHARDS = tuple("0123456789abcdef")
OLD_DOCUMENTS = f"{STATE_DIR}/documents.json"  # earlier versions: one file; deleted on the next write
LOCK = f"{STATE_DIR}/lock"
RUNNING = f"{STATE_DIR}/running"  # exists while a build writes: temporary files to sweep after a crash
OLD_CACHE = ".petaproses-cache.pickle"  # earlier versions; deleted unread
MAX_STATE_BYTES = 512_000_000
PACKAGE_DIR = Path(__file__).resolve().parent
_HEX = Lazy(r"^[0-9a-f]{64}$")
_KODE = Lazy(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_LEVELS = ("galat", "peringatan")


class UnsafeState(ValueError):
    """Build state that names a path outside the output folder: the whole state is dropped."""


def environment_key() -> str:
    """Return what of the environment changes a build's bytes: ``SOURCE_DATE_EPOCH`` (the dates written)."""
    return os.environ.get("SOURCE_DATE_EPOCH", "")


def version_key() -> str:
    """Return petaproses' version and a hash of its code (what every unit's hash starts from)."""
    return f"{__version__}+{_known_code_hash()}"


CODE_HASH_FILE = "kode.json"  # in the check cache's folder: {"cap": sha-256 of code_stamp(), "hash": code_hash()}


def _known_code_hash() -> str:
    """Return ``code_hash()``, kept in the user's cache folder for the code's stat signature (``code_stamp``, which
    Python trusts for its byte code too): hashing the ~1.8 MB of source was ~100 M instructions of every build."""
    import petaproses
    from .cachefolder import cache_folder

    where = cache_folder()
    if petaproses._CODE_HASH or where is None:
        return code_hash()
    folder = Path(where)
    stamp = hashlib.sha256(json.dumps(code_stamp()).encode()).hexdigest()
    kept = read_json(folder / CODE_HASH_FILE, 4096)
    if isinstance(kept, dict) and kept.get("cap") == stamp and isinstance(kept.get("hash"), str) and _HEX.match(kept["hash"]):
        petaproses._CODE_HASH.append(kept["hash"])  # code_hash() answers it from now on (sop_body too)
    else:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(folder / CODE_HASH_FILE, json.dumps({"cap": stamp, "hash": code_hash()}).encode())
        except OSError:  # a folder that cannot be written: worked out again next time
            pass
    return code_hash()


def code_stamp() -> list:
    """Return petaproses' version and the stat signature of its code: cheap, for the no-op check only."""
    found: list = [__version__]
    for folder, dirs, files in os.walk(PACKAGE_DIR):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(CODE_SUFFIXES):
                info = os.stat(os.path.join(folder, name))
                found.append([name, info.st_size, info.st_mtime_ns])
    return found


# ------------------------------------------------------------------------------------------- paths
def safe_rel(rel: object) -> bool:
    """Return whether ``rel`` is a plain relative POSIX path with no '..' (as written in the manifest)."""
    if not isinstance(rel, str) or not rel or len(rel) > 4096 or "\\" in rel or ":" in rel or "\0" in rel:
        return False
    # no part "", "." or "..": not absolute, normalised, no way up (a split per name cost 10,000 a build)
    if rel[0] == "/" or rel[-1] == "/" or "//" in rel:
        return False
    framed = f"/{rel}/"
    return "/./" not in framed and "/../" not in framed


def inside(out: Path, rel: str, seen: dict | None = None) -> bool:
    """Return whether ``out/rel`` stays inside ``out`` once every symlinked folder on the way is resolved.

    The last component itself may be a symlink: unlinking or replacing it never touches its target.
    ``seen`` keeps the answer per folder for a long list of files (resolving is a few system calls each).
    """
    if not safe_rel(rel):
        return False
    folder = rel.rpartition("/")[0]
    if seen is not None and folder in seen:
        return seen[folder]
    ok = _folder_inside(out, folder)
    if seen is not None:
        seen[folder] = ok
    return ok


def _folder_inside(out: Path, folder: str) -> bool:
    """Return whether ``out/folder`` (a plain relative path; "" is ``out``) resolves to ``out`` or inside it."""
    root = out.resolve()
    parent = (out / folder).resolve()
    return parent == root or root in parent.parents


class Present:
    """Whether a file (a manifest's relative name) is in the output folder: each folder is listed once (6,000
    outputs of 1,000 SOPs in some 50 folders are looked at on every build), not each file looked up."""

    def __init__(self, root: str) -> None:
        self.root, self.folders = root, {}

    def __call__(self, rel: str) -> bool:
        folder, _, name = rel.rpartition("/")
        names = self.folders.get(folder)
        if names is None:
            try:
                with os.scandir(os.path.join(self.root, folder)) as listing:
                    names = {e.name for e in listing if e.is_file()}  # a link to a file counts, as isfile says
            except OSError:
                names = set()
            self.folders[folder] = names
        return name in names


def target(out: Path, rel: str) -> Path:
    """Return ``out/rel`` for writing; raise PetaprosesError when its folder leads out of ``out``."""
    if not inside(out, rel):
        raise PetaprosesError(f"'{rel}' di folder keluaran menunjuk ke luar {out} (tautan simbolik?); "
                              "hapus tautan itu lalu bangun lagi")
    return out / rel


def remove(out: Path, rel: str) -> None:
    """Delete ``out/rel`` when it is safely inside ``out`` (a path that is not is left alone)."""
    if inside(out, rel):
        try:
            (out / rel).unlink()
        except FileNotFoundError:
            pass
        except IsADirectoryError:
            pass


def read_regular(path, limit: int, follow_links: bool = False) -> bytes | None:
    """Return the bytes of ``path`` when it is a regular file of at most ``limit`` bytes (a symlink only with
    ``follow_links``), else None; a FIFO or a device never blocks the read, a file that grows past ``limit``
    while read is refused."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        data = read_bounded(fd, info.st_size, limit)
        return None if len(data) > limit else data
    except OSError:
        return None
    finally:
        os.close(fd)


def read_json(path: Path, limit: int = MAX_STATE_BYTES) -> object:
    """Return the JSON in ``path`` (a regular file, not a symlink, at most ``limit`` bytes), or None: what we
    wrote earlier (the build's state, the check cache) is read back as untrusted input."""
    data = read_regular(path, limit)
    return None if data is None else parse_json(data)


def parse_json(data: bytes) -> object:
    """Return the JSON in ``data``, or None when it is not JSON (or nested too deep)."""
    try:
        return json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return None


def write_json(out: Path, rel: str, data: object) -> None:
    write_atomic(target(out, rel), json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                                              sort_keys=True).encode("utf-8"))


# ------------------------------------------------------------------------------------------- manifest
def _entry(e: object) -> dict | None:
    """Return a checked unit entry; raise UnsafeState for a file outside the folder; None when malformed."""
    if not isinstance(e, dict) or not isinstance(e.get("hash"), str) or not isinstance(e.get("berkas"), list):
        return None
    if not all(safe_rel(f) for f in e["berkas"]):
        raise UnsafeState("berkas")
    entry: dict = {"hash": e["hash"], "berkas": list(e["berkas"])}
    if isinstance(e.get("sumber"), str) and len(e["sumber"]) < 4096:
        entry["sumber"] = e["sumber"]  # compared with input paths, never opened
    if e.get("basi") is True:
        entry["basi"] = True
    return entry


def _pieces(data: object) -> dict | None:
    """Return the whole-catalogue files by piece key ({key: {file: size}}); None when malformed.

    Raises UnsafeState for a file outside the folder."""
    if not isinstance(data, dict):
        return None
    pieces = {}
    for key, files in data.items():
        if not (isinstance(key, str) and _HEX.match(key) and isinstance(files, dict)
                and all(type(size) is int and size >= 0 for size in files.values())):
            return None
        if not all(safe_rel(f) for f in files):
            raise UnsafeState("potongan")
        pieces[key] = dict(files)
    return pieces


def read_manifest(out: Path, warn: list[str]) -> dict:
    """Return the manifest, malformed entries left out; a path outside the folder drops it whole, with a warning."""
    data = read_json(out / MANIFEST)
    if not isinstance(data, dict):
        return {}
    try:
        docs = data.get("dokumen") if isinstance(data.get("dokumen"), dict) else {}
        manifest: dict = {"dokumen": {k: e for k, v in docs.items()
                                      if isinstance(k, str) and (e := _entry(v)) is not None}}
        if (cat := _entry(data.get("katalog"))) is not None:
            manifest["katalog"] = cat
            if (pieces := _pieces(data["katalog"].get("potongan"))) is not None:
                manifest["katalog"]["potongan"] = pieces
        # every path is plain (_entry, _pieces checked it): what is left is that no folder on the way leads out
        # through a link, seen once per folder (1,000 SOPs: ~5,000 files in ~40 folders)
        named = [*manifest["dokumen"].values(), manifest.get("katalog", {"berkas": []}),
                 *({"berkas": list(v)} for v in manifest.get("katalog", {}).get("potongan", {}).values())]
        if not all(_folder_inside(out, d) for d in {f.rpartition("/")[0] for e in named for f in e["berkas"]}):
            raise UnsafeState("symlink")
        situs = data.get("situs")
        if isinstance(situs, dict) and all(isinstance(situs.get(k, {}), dict) for k in ("halaman", "ukuran")):
            pages = situs.get("halaman", {})
            if not all(isinstance(k, str) and _KODE.match(k) and isinstance(v, str) for k, v in pages.items()):
                raise UnsafeState("halaman")
            manifest["situs"] = dict(situs, halaman=dict(pages))
    except UnsafeState:
        warn.append(f"catatan build {out / MANIFEST} menyebut berkas di luar folder keluaran; catatan itu "
                    "diabaikan dan semuanya dibangun ulang")
        return {}
    return manifest


def write_manifest(out: Path, entries: dict, catalogue: dict, site: dict) -> None:
    write_atomic(target(out, MANIFEST), json.dumps(
        {"versi": __version__, "dokumen": dict(sorted(entries.items())), "katalog": catalogue, "situs": site},
        ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8"))  # no indent: C encoder


# ------------------------------------------------------------------------------------------- cache
def problem_row(p: Problem) -> list:
    return [p.path, p.line, p.column, p.code, p.message, p.level]


def problem_of(row: object, paths: set[str]) -> Problem:
    """Return the finding a cache row holds; raise ValueError unless it is well formed and about ``paths``."""
    if not (isinstance(row, list) and len(row) == 6 and isinstance(row[0], str) and row[0] in paths
            and type(row[1]) is int and type(row[2]) is int and row[1] > 0 and row[2] > 0 and isinstance(row[3], str)
            and _KODE.match(row[3]) and isinstance(row[4], str) and len(row[4]) < 100_000
            and isinstance(row[5], str) and row[5] in _LEVELS):
        raise ValueError("finding")
    return Problem(*row)


def rule_rows(small: dict, paths: set[str], item: int) -> dict:
    """Return path -> (key, findings) from item ``item`` of each "aturan" entry of the small cache (1: a map's own
    rules; 2: the CATALOGUE_WIDE ones), each row checked; an odd entry is left out (its map's rules run again)."""
    rows = {}
    for path, entry in small.get("aturan", {}).items():
        if path not in paths or not (isinstance(entry, list) and item < len(entry) <= 3 and isinstance(entry[0], str)
                                     and isinstance(entry[item], list)):
            continue
        try:
            rows[path] = (entry[0], [problem_of(row, paths) for row in entry[item]])
        except ValueError:
            continue
    return rows


def file_signature(info: os.stat_result) -> list[int]:
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def read_cache(out: Path, verify: bool = True) -> dict:
    """Return the small cache (``berkas``, ``aturan``, ``hasil``) of the last build, or an empty one.

    ``verify=False`` skips hashing petaproses' code (the no-op check's key holds its stat signature instead).
    """
    if verify and ((out / OLD_CACHE).is_file() or (out / OLD_CACHE).is_symlink()):
        (out / OLD_CACHE).unlink()  # a pickle from an earlier version: never read, it could run code
    data = read_json(out / CACHE)
    if not isinstance(data, dict) or (verify and data.get("versi") != version_key()):
        return {"berkas": {}, "aturan": {}, "hasil": {}}
    files = data.get("berkas") if isinstance(data.get("berkas"), dict) else {}
    clean = {}
    for path, e in files.items():
        if isinstance(e, dict) and isinstance(e.get("sha"), str) and _HEX.match(e["sha"]) \
                and isinstance(e.get("stat"), list) and len(e["stat"]) == 4 and all(type(v) is int for v in e["stat"]) \
                and isinstance(e.get("temuan"), list):
            clean[path] = e
    memo = data.get("aturan") if isinstance(data.get("aturan"), dict) else {}
    result = data.get("hasil") if isinstance(data.get("hasil"), dict) else {}
    wide = {"luas": data["luas"]} if isinstance(data.get("luas"), str) else {}  # rules' context (build._seed_wide)
    return {"berkas": clean, "aturan": memo, "hasil": result, **wide}


def shard_of(path: str) -> str:
    """Return the documents file that holds ``path``'s entry (one of ``SHARDS``, by the path's sha-256)."""
    return hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:1]


def by_shard(entries: dict) -> dict[str, dict]:
    """Return ``entries`` (path -> anything) split by ``shard_of`` their path, in path order within each; every
    one of SHARDS is a key (an empty one: its file holds nothing)."""
    groups: dict[str, dict] = {shard: {} for shard in SHARDS}
    for path in sorted(entries):
        groups[shard_of(path)][path] = entries[path]
    return groups


def read_documents(out: Path) -> dict:
    """Return path -> {"sha", "jenis", "json"} of the documents of the last build (checked again when used).

    A documents file this process last read or wrote, unchanged since (``_DOCUMENTS``: its place and stat
    signature), is not read again: its entries are held here.  Sound even if the signature lied: an entry is
    used only for a file whose bytes have its "sha", and this process made or checked every entry it holds."""
    docs: dict = {}
    for shard in SHARDS:
        docs.update(_read_shard(out, shard))
    return docs


def _read_shard(out: Path, shard: str) -> dict:
    rel = f"{DOCUMENTS}/{shard}.json"
    where = _signature(out / rel)
    held = _DOCUMENTS.get(shard)
    if where is not None and held is not None and held[0] == where:
        return held[1]
    data = read_regular(out / rel, MAX_STATE_BYTES) if where is not None else None
    parsed = parse_json(data) if data is not None else None
    if not isinstance(parsed, dict) or parsed.get("versi") != version_key() or not isinstance(parsed.get("dokumen"), dict):
        _DOCUMENTS.pop(shard, None)
        return {}
    docs = {k: v for k, v in parsed["dokumen"].items() if isinstance(v, dict) and isinstance(v.get("sha"), str)
            and isinstance(v.get("jenis"), str) and isinstance(v.get("json"), str) and shard_of(k) == shard}
    # what was read, if the file did not change while it was and held only good entries: else the next build
    # reads it again and the next write rewrites it
    clean = len(docs) == len(parsed["dokumen"]) and _signature(out / rel) == where
    _DOCUMENTS[shard] = (where if clean else None, docs)
    return docs


def _signature(path: Path) -> tuple | None:
    """Return where ``path`` is and its stat signature (a regular file's only), or None."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (os.path.abspath(path), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def write_documents(out: Path, docs: dict[str, dict]) -> None:
    """Write ``docs`` (path -> {"sha", "jenis", "json"}) into their ``SHARDS`` files, each as ``write_json``
    writes {"versi", "dokumen"}; a file whose entries are those this process last read or wrote there, and that
    is unchanged since, is not written (one SOP edited in 1,000: one file of ~0.3 MB, not 5 MB).  Each entry's
    text is kept for the next write in this process (``_ENTRIES``)."""
    kept: dict = {}
    for shard, entries in by_shard(docs).items():
        rel = f"{DOCUMENTS}/{shard}.json"
        where = _signature(out / rel)
        held = _DOCUMENTS.get(shard)
        if held is not None and where is not None and held[0] == where and held[1] == entries:
            kept.update((path, _ENTRIES[path]) for path in entries if path in _ENTRIES)
            continue
        if not entries and where is None:
            continue
        chunks = [b'{"dokumen":{']
        for path, entry in entries.items():
            hit = _ENTRIES.get(path)
            if hit is None or hit[0] != entry:
                hit = (entry, (json.dumps(path, ensure_ascii=False) + ":" + json.dumps(
                    entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True)).encode("utf-8"))
            kept[path] = hit
            chunks += (hit[1], b",")
        if entries:
            chunks.pop()  # the last comma
        chunks.append(('},"versi":' + json.dumps(version_key(), ensure_ascii=False) + "}").encode("utf-8"))
        write_atomic(target(out, rel), b"".join(chunks))  # the entries' bytes kept: one copy
        _DOCUMENTS[shard] = (_signature(out / rel), entries)
    _ENTRIES.clear()
    _ENTRIES.update(kept)
    remove(out, OLD_DOCUMENTS)  # one file of every document (earlier versions): rewritten whole on every edit


# in this process: each documents file last read or written (shard -> (its place and stat signature, its
# entries)) and each entry's text as last written (path -> (entry, its UTF-8 text))
_DOCUMENTS: dict[str, tuple] = {}
_ENTRIES: dict[str, tuple[dict, bytes]] = {}


# ------------------------------------------------------------------------------------------- lock, crash marker
@contextmanager
def locked(out: Path) -> Iterator[bool]:
    """Hold the output folder's lock while a build writes; yield whether the last build was interrupted.

    Two builds into one folder then run one after the other, and the temporary files of a killed build are
    swept by the next one only (never those of a build still running).
    """
    folder = target(out, STATE_DIR + "/x").parent
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise
            print(f"petaproses: menunggu build lain ke {out} selesai…", flush=True, file=sys.stderr)
            fcntl.flock(fd, fcntl.LOCK_EX)
        running = out / RUNNING
        interrupted = running.exists() or running.is_symlink()
        write_atomic(target(out, RUNNING), b"")
        try:
            yield interrupted
        except BaseException:
            # a failed build's workers were killed, maybe inside a write: their temporary files are garbage now,
            # and nobody else writes here while the lock is held
            sweep_temporary(out)
            raise
        running.unlink(missing_ok=True)
    finally:
        os.close(fd)  # releases the lock


def sweep_temporary(out: Path) -> None:
    """Delete the temporary files (``.<name>.<random>.tmp``) an interrupted build left, never following links."""
    for root, dirs, files in os.walk(out):
        for name in files:
            if name.startswith(".") and name.endswith(".tmp"):
                Path(root, name).unlink(missing_ok=True)


__all__ = ["MANIFEST", "CACHE", "DOCUMENTS", "version_key", "code_stamp", "read_manifest", "write_manifest",
           "write_documents",
           "SHARDS", "shard_of", "by_shard", "read_cache", "read_documents", "write_json", "inside", "target", "remove", "locked", "sweep_temporary",
           "problem_row", "problem_of", "file_signature", "safe_rel"]
