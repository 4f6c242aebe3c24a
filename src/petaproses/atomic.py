"""Write a file through a temporary name and a rename: a reader never sees half a file."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename; ``mode``: its
    permissions (else an ordinary file's under the umask)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK if mode is None else mode)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.filename is None or str(exc.filename) == tmp:
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
}


def os_error_text(exc: OSError) -> str:
    """Return why ``exc`` happened, in Bahasa Indonesia, with the file it concerns."""
    why = _WHY.get(exc.errno or 0) or f"galat sistem {exc.errno or ''}".strip()
    where = f" saat menulis {exc.filename}" if exc.filename else ""
    hint = "; kosongkan ruang disk lalu bangun lagi" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else ""
    return f"{why}{where}{hint} (keluaran yang sudah ada tetap utuh)"


__all__ = ["write_atomic", "os_error_text"]
