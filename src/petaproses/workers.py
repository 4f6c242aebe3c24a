"""The build's worker processes: forked (they share the loaded catalogue), and never outliving the build.

A worker asks the kernel to kill it when its parent dies (Linux ``PR_SET_PDEATHSIG``; elsewhere a thread
watches the parent), so ``kill -9`` of a build leaves no worker writing into output/.  Workers ignore Ctrl-C:
the parent gets it, kills them and stops; the programs a worker runs (Graphviz) get the same death signal.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Have the kernel send SIGKILL to this process when the thread that started it ends (Linux only)."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # pragma: no cover - every Linux libc has prctl
            pass


def _watch(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def _init_worker(parent: int) -> None:
    # what the fork inherited (the catalogue) is never this worker's garbage: the collector leaves it alone
    # instead of walking it, and copying its pages, at each full collection (1,000 SOPs: build 2 % faster)
    gc.freeze()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        die_with_parent()
    else:
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the death signal was set
        os._exit(1)


@contextmanager
def pool(workers: int) -> Iterator:
    """Yield a ProcessPoolExecutor of ``workers`` forked processes, or None where this system has none (no
    fork, or no working semaphores, e.g. a container without /dev/shm); on any exception (Ctrl-C too) the
    processes are killed first."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                       initializer=_init_worker, initargs=(os.getpid(),))
    except (OSError, ImportError, NotImplementedError, ValueError):
        yield None
        return
    try:
        yield executor
    except BaseException:
        kill(executor)
        raise
    executor.shutdown(wait=True)


def kill(executor) -> None:
    """Kill the pool's processes now (the standard library only offers to wait for them)."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for proc in processes:
        try:
            proc.kill()
        except (OSError, AttributeError):
            pass
    for proc in processes:
        proc.join(timeout=2)
    # the pool's own thread now finds its workers dead and fails the pending tasks (nobody waits for them);
    # cancelling them here as well races with it
    executor.shutdown(wait=True)


def _chunk(fn: Callable, items: list) -> list:
    return [fn(item) for item in items]


RECYCLE = 200  # items per set of workers: what renderers keep in memory (caches, allocator) cannot pile up


def run(fn: Callable, items: Iterable, workers: int, chunksize: int = 1, recycle: int = RECYCLE,
        meanwhile: Callable[[], object] | None = None, weight: Callable[[object], int] | None = None,
        crashed: Callable[[object], object] | None = None) -> Iterator:
    """Yield ``fn(item)`` for each item, in order: in ``workers`` processes, or here when that is 1 (or there is
    one item and nothing to do ``meanwhile``).

    Every ``recycle`` items (of ``weight(item)`` each; 1 when not given) the workers are replaced by fresh forks
    of this process, so a 10,000-document build needs no more memory than a 1,000-document one (besides the
    catalogue itself).  ``meanwhile()`` is called here once, after the first workers have their items (work this
    process would otherwise wait out).  ``crashed(item)``: the result of an item whose worker died (killed for
    its memory, a crash in C); the items after it run again, each alone, so that one item's death is not the
    others' (without ``crashed``, BrokenProcessPool is raised).
    """
    items = list(items)
    if workers < 2 or not items or (len(items) < 2 and meanwhile is None):  # one item: forked beside meanwhile()
        if meanwhile is not None:
            meanwhile()
        yield from map(fn, items)
        return
    from concurrent.futures.process import BrokenProcessPool

    for batch in batches(items, recycle, weight):
        with pool(min(workers, len(batch))) as executor:
            if executor is None:  # no process pool on this system: the same work, here
                if meanwhile is not None:
                    meanwhile, later = None, meanwhile
                    later()
                yield from map(fn, batch)
                continue
            # not executor.map: on Ctrl-C it cancels the pending tasks, which races with the pool's own thread
            # failing them once kill() has stopped the workers (a traceback from that thread)
            chunks = [batch[i:i + chunksize] for i in range(0, len(batch), chunksize)]
            futures = [executor.submit(_chunk, fn, chunk) for chunk in chunks]
            if meanwhile is not None:
                meanwhile, later = None, meanwhile
                with _short_switches():  # the pool's threads hand the items to the workers meanwhile
                    later()
            broken: list = []
            for k, future in enumerate(futures):
                try:
                    done = future.result()
                except BrokenProcessPool:
                    if crashed is None:
                        raise
                    broken = [item for chunk in chunks[k:] for item in chunk]
                    break
                yield from done
        for item in broken:  # which of them killed the pool is not known: each in a fresh worker of its own
            yield from _alone(fn, item, crashed)


def _alone(fn: Callable, item: object, crashed: Callable[[object], object]) -> Iterator:
    from concurrent.futures.process import BrokenProcessPool

    with pool(1) as executor:
        if executor is None:
            yield fn(item)
            return
        try:
            done = executor.submit(_chunk, fn, [item]).result()
        except BrokenProcessPool:
            done = [crashed(item)]
    yield from done


def batches(items: list, size: int, weight: Callable[[object], int] | None = None) -> list[list]:
    """Cut ``items`` into runs of ``size`` (weights summed, each run at least one item)."""
    if weight is None:
        return [items[i:i + size] for i in range(0, len(items), size)]
    out: list[list] = [[]]
    total = 0
    for item in items:
        w = weight(item)
        if out[-1] and total + w > size:
            out.append([])
            total = 0
        out[-1].append(item)
        total += w
    return out


def cores(jobs: int | None) -> int:
    """Return how many processes to share work among: ``jobs``, else one per core; one on Windows (no fork)."""
    return 1 if sys.platform == "win32" else max(1, jobs or os.cpu_count() or 1)


# what shared_map's forks read, per call (``serve`` may run two at once): token -> (function, data)
_SHARED: dict[int, tuple[Callable, object]] = {}


def shared_map(fn: Callable, shared: object, count: int, workers: int) -> list:
    """Return ``[fn(shared, i) for i in range(count)]``, worked out by this process and ``workers - 1``
    forked ones when ``workers`` is more than 1: ``shared`` (and ``fn``, which may be a closure) reach them by
    the fork, only indices and results cross processes.  This process takes the last share itself rather than
    waiting: what it would wait for is mostly the reading of the results, which its share spares."""
    if workers < 2 or count < 2:
        return [fn(shared, i) for i in range(count)]
    mine = count // workers
    theirs = count - mine
    token = id(shared)
    _SHARED[token] = (fn, shared)
    try:
        with pool(workers - 1) as executor:
            if executor is None:  # no process pool on this system: the same work, here
                return [fn(shared, i) for i in range(count)]
            size = max(1, -(-theirs // (8 * (workers - 1))))
            futures = [executor.submit(_shared_chunk, token, start, min(start + size, theirs))
                       for start in range(0, theirs, size)]
            with _short_switches():
                here = [fn(shared, i) for i in range(theirs, count)]
            return [r for future in futures for r in future.result()] + here
    finally:
        del _SHARED[token]


_SWITCH = {"depth": 0, "interval": 0.0}
_SWITCH_LOCK = threading.Lock()


@contextmanager
def _short_switches() -> Iterator[None]:
    """A worker's answer waits in a pipe until the pool's thread here reads it, which needs the GIL that this
    process's own share holds: a 1 ms switch interval lets that thread in (1,000 files: 0.64 -> 0.56 s).  The
    interval is the process's: set by the first of concurrent calls (``serve``), restored by the last."""
    with _SWITCH_LOCK:
        if _SWITCH["depth"] == 0:
            _SWITCH["interval"] = sys.getswitchinterval()
            sys.setswitchinterval(min(_SWITCH["interval"], 0.001))
        _SWITCH["depth"] += 1
    try:
        yield
    finally:
        with _SWITCH_LOCK:
            _SWITCH["depth"] -= 1
            if _SWITCH["depth"] == 0:
                sys.setswitchinterval(_SWITCH["interval"])


def _shared_chunk(token: int, start: int, stop: int) -> list:
    fn, shared = _SHARED[token]
    return [fn(shared, i) for i in range(start, stop)]


__all__ = ["pool", "run", "kill", "die_with_parent", "cores", "shared_map"]
