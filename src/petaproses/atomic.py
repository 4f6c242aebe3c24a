"""Write a file through a temporary name and a rename: a reader never sees half a file."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename; ``mode``: its
    permissions (else an ordinary file's under the umask)."""
    write_atomic_all([(path, data, mode)])


def write_atomic_all(files: list[tuple[Path, bytes, int | None]]) -> None:
    """``write_atomic`` for several files as one change: every temporary file is written before the first
    rename, so a full disk or a folder that refuses stops before any file is replaced.  An OSError carries
    ``written``: the files already renamed into place (a rename can still fail after others succeeded)."""
    staged: list[tuple[str, Path]] = []
    written: list[Path] = []
    try:
        for path, data, mode in files:
            staged.append((_stage(path, data, mode), path))
        for tmp, path in staged:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                error = _named(exc, tmp, path)
                error.written = list(written)  # type: ignore[attr-defined]
                raise error from exc
            written.append(path)
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)  # the ones not renamed yet
        raise


def _stage(path: Path, data: bytes, mode: int | None) -> str:
    """Return a temporary file beside ``path`` holding ``data``; an OSError names ``path``, not the temporary."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK if mode is None else mode)  # mkstemp makes 0600; outputs are ordinary files
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _named(exc, tmp, path) from exc
        raise
    return tmp


def _named(exc: OSError, tmp: str, path: Path) -> OSError:
    """``exc`` about ``path`` where it names the temporary file (or nothing): what the user asked to write."""
    return OSError(exc.errno, exc.strerror, str(path)) if exc.filename is None or str(exc.filename) == tmp else exc


def holds(path: Path, data: bytes) -> bool:
    """True when the file at ``path`` holds exactly ``data``.  A file of another size is not read, and one of
    the same size is read in pieces until the first that differs (a 2 MB page after a rename that kept its
    length differs early).  Only a regular file holds anything: a pipe put in its place (the output folder is
    anyone's) is neither waited for nor read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        with open(os.open(path, flags), "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
                return False
            at = 0
            while chunk := fh.read(_PIECE):
                if data[at:at + len(chunk)] != chunk:
                    return False
                at += len(chunk)
            return at == len(data)
    except OSError:
        return False


_PIECE = 1 << 18


class Background:
    """``write_atomic`` in a thread of this process: the caller goes on rendering while the file is written and
    renamed (ext4 starts writing a renamed-over file's blocks within the rename: ~1.5 ms per page while the other
    workers write).  ``close()`` waits for every write and raises the first one's OSError.  Writes keep their
    order (one thread).  A forked worker that inherits it writes in place: the thread is not in the fork."""

    def __init__(self) -> None:
        import queue
        import threading

        self._owner = os.getpid()
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="petaproses-tulis", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is None:  # after a failure the rest is not written: the build stops at close()
                try:
                    write_atomic(*item)
                except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
                    self._error = exc

    def __call__(self, path: Path, data: bytes, mode: int | None = None) -> None:
        if os.getpid() != self._owner:
            write_atomic(path, data, mode)
        else:
            self._queue.put((path, data, mode))

    def close(self) -> None:
        if os.getpid() != self._owner or not self._thread.is_alive():
            return
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def __enter__(self) -> "Background":
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.close()
        else:  # already failing: wait for the writes (no file half-written), keep the first exception
            try:
                self.close()
            except BaseException:  # noqa: BLE001
                pass


_WHY = {
    errno.ENOSPC: "disk penuh",
    errno.EDQUOT: "kuota disk habis",
    errno.EACCES: "izin ditolak",
    errno.EPERM: "izin ditolak",
    errno.EROFS: "disk hanya dapat dibaca",
    errno.ENAMETOOLONG: "nama berkas terlalu panjang",
    errno.EIO: "galat baca/tulis disk",
    errno.EMFILE: "terlalu banyak berkas terbuka",
    errno.ENOTDIR: "jalur melewati berkas, bukan folder",
    errno.EISDIR: "jalur itu sebuah folder",
    errno.EEXIST: "sudah ada sesuatu di jalur itu (berkas atau tautan, bukan folder)",
    errno.EADDRINUSE: "alamat atau soket itu sudah dipakai",
    errno.ELOOP: "tautan (symlink) berputar",
    errno.ENOENT: "berkas atau folder tidak ditemukan",
}


def os_error_text(exc: OSError) -> str:
    """Return why ``exc`` happened, in Bahasa Indonesia, with the file it concerns."""
    why = _WHY.get(exc.errno or 0) or f"galat sistem {exc.errno or ''}{': ' + exc.strerror if exc.strerror else ''}".strip()
    where = f" saat menulis {exc.filename}" if exc.filename else ""
    hint = "; kosongkan ruang disk lalu bangun lagi" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else ""
    return f"{why}{where}{hint} (keluaran yang sudah ada tetap utuh)"


__all__ = ["write_atomic", "write_atomic_all", "Background", "os_error_text"]
