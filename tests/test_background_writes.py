"""atomic.Background: the review site's pages written in a thread while the next page renders."""

from __future__ import annotations

import errno
import os

import pytest

import petaproses.atomic as atomic
from petaproses.atomic import Background


def test_every_write_has_landed_whole_and_in_order_when_it_closes(tmp_path):
    pages = {tmp_path / "a" / f"{n}.html": os.urandom(50_000 + n) for n in range(20)}
    with Background() as write:
        for path, data in pages.items():
            write(path, data)
        write(tmp_path / "a" / "0.html", b"kedua")  # the same file twice: the later bytes stay
    assert (tmp_path / "a" / "0.html").read_bytes() == b"kedua"
    assert all(path.read_bytes() == data for path, data in list(pages.items())[1:])
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_failed_write_is_raised_by_close_with_its_file_and_stops_the_rest(tmp_path, monkeypatch):
    real = atomic.write_atomic
    done: list[str] = []

    def write_atomic(path, data, mode=None):
        if path.name == "2.html":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, data, mode)
        done.append(path.name)
    monkeypatch.setattr(atomic, "write_atomic", write_atomic)
    write = Background()
    for n in range(5):
        write(tmp_path / f"{n}.html", b"x")
    with pytest.raises(OSError) as raised:
        write.close()
    assert raised.value.errno == errno.ENOSPC and raised.value.filename == str(tmp_path / "2.html")
    assert done == ["0.html", "1.html"]  # none after the failure: the build stops there
    assert "disk penuh" in atomic.os_error_text(raised.value)


def test_a_failing_body_waits_for_the_writes_and_keeps_its_own_exception(tmp_path):
    with pytest.raises(KeyError):
        with Background() as write:
            write(tmp_path / "a.html", b"a")
            raise KeyError("templat")
    assert (tmp_path / "a.html").read_bytes() == b"a" and not list(tmp_path.glob("*.tmp"))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forked workers are POSIX only")
def test_a_forked_worker_writes_in_place(tmp_path):
    """A fork does not have the thread: a page written there is written before the call returns."""
    write = Background()
    pid = os.fork()
    if pid == 0:  # the worker: exit 0 only when the file is there as soon as the call returns
        try:
            write(tmp_path / "anak.html", b"anak")
            os._exit(0 if (tmp_path / "anak.html").read_bytes() == b"anak" else 1)
        finally:
            os._exit(2)
    assert os.waitpid(pid, 0)[1] == 0
    write.close()


def test_the_home_page_links_the_pages_still_being_written(tmp_path, monkeypatch):
    """The home page links the peta relasi and matrix pages this build makes, not those already on disk: their
    writes may still be queued in the thread (a loaded machine gave a home page without them)."""
    import petaproses.build as build
    from petaproses.cli import main

    from .conftest import FIXTURES

    class Late(Background):  # the latest the thread may write: every page lands at close()
        def __init__(self) -> None:
            self.late: list = []
            super().__init__()

        def __call__(self, path, data, mode=None) -> None:
            self.late.append((path, data, mode))

        def close(self) -> None:
            for item in self.late:
                atomic.write_atomic(*item)
            self.late.clear()
            super().close()
    monkeypatch.setattr(build, "Background", Late)
    out = tmp_path / "out"
    assert main(["build", str(FIXTURES / "mini"), "-o", str(out), "-j", "1"]) == 0
    home = (out / "index.html").read_text(encoding="utf-8")
    for page in ("peta-relasi/index.html", "peta-relasi/Peta-Relasi-setda.html", "matriks-aplikasi/index.html"):
        assert (out / page).is_file() == (f'href="{page}"' in home), page
    assert 'href="peta-relasi/index.html"' in home


def test_holds_reads_a_file_of_the_same_size_until_it_differs(tmp_path, monkeypatch):
    """atomic.holds: whether a page must be written at all (a Pemda's relation page is ~2 MB)."""
    monkeypatch.setattr(atomic, "_PIECE", 4)  # pieces of 4 bytes: the read stops at the first that differs
    path = tmp_path / "halaman.html"
    path.write_bytes(b"abcdefghij")
    assert atomic.holds(path, b"abcdefghij")
    assert not atomic.holds(path, b"abcdefghiX") and not atomic.holds(path, b"Xbcdefghij")
    assert not atomic.holds(path, b"abcdefghi") and not atomic.holds(path, b"abcdefghijk")
    assert not atomic.holds(tmp_path / "tidak-ada.html", b"") and not atomic.holds(tmp_path, b"")
    path.write_bytes(b"")
    assert atomic.holds(path, b"") and not atomic.holds(path, b"a")
    reads = []
    real_open = open

    class Counting:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def fileno(self):
            return self.fh.fileno()

        def read(self, n):
            reads.append(n)
            return self.fh.read(n)

    monkeypatch.setattr(atomic, "open", lambda fd, mode: Counting(real_open(fd, mode)), raising=False)
    path.write_bytes(b"x" * 40)
    assert not atomic.holds(path, b"y" + b"x" * 39) and len(reads) == 1  # not the other 36 bytes
    reads.clear()
    assert atomic.holds(path, b"x" * 40) and len(reads) == 11  # ten pieces, then the end


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_holds_neither_waits_for_nor_reads_a_pipe(tmp_path):
    import threading

    pipe = tmp_path / "halaman.html"
    os.mkfifo(pipe)  # someone's pipe where a page goes: opening it for reading would wait for a writer
    found = []
    reader = threading.Thread(target=lambda: found.append(atomic.holds(pipe, b"")), daemon=True)
    reader.start()
    reader.join(5)
    assert found == [False]


def test_a_system_error_is_said_in_words():
    """A link where `templat` makes a folder gave 'galat sistem 17'; the common errors are said in words, any
    other with the system's own text beside its number."""
    import errno

    said = atomic.os_error_text(FileExistsError(errno.EEXIST, "File exists", "t2/site"))
    assert said.startswith("sudah ada sesuatu di jalur itu") and "t2/site" in said and "17" not in said
    assert "galat sistem 71: Protocol error" in atomic.os_error_text(OSError(errno.EPROTO, "Protocol error"))


def test_several_files_are_written_all_or_none(tmp_path):
    """write_atomic_all (ubah-jabatan's rewrite): a file that cannot be staged stops the change before any
    rename; nothing is replaced and no temporary file is left."""
    first = tmp_path / "a.yaml"
    first.write_bytes(b"lama")
    (tmp_path / "bukan-folder").write_bytes(b"")
    with pytest.raises(OSError) as raised:
        atomic.write_atomic_all([(first, b"baru", None), (tmp_path / "bukan-folder" / "b.yaml", b"baru", None)])
    assert "bukan-folder" in str(raised.value.filename)
    assert first.read_bytes() == b"lama" and sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "bukan-folder"]
    atomic.write_atomic_all([(first, b"baru", 0o640), (tmp_path / "c.yaml", b"c", None)])
    assert first.read_bytes() == b"baru" and first.stat().st_mode & 0o777 == 0o640 and (tmp_path / "c.yaml").exists()
