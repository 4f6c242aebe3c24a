"""Issue 16's goals, one row each, as whole commands a user runs, with processpiper side by side.

    python bench/bench_goals.py [-n 1000] [--big 10000] [--repeat 5] [--before SRC] [--no-processpiper]
                                [--rows full,edit,edit_text]

processpiper 0.8.1 is installed into a throwaway virtualenv (never into petaproses' own) and draws the same
12-step, 4-lane swimlane as bench/onemap/ (bench/processpiper_swimlane.py).  ``--before SRC`` runs every
petaproses row a second time with another source tree first on PYTHONPATH (e.g. an export of an earlier
commit), for before/after figures in one run.  Wall times are medians; the load average is printed because a
busy machine inflates them.  Peak memory is the largest sum of PSS over the build and its workers.  The
``*_siaga`` rows run the same command (`check FILE`, `build`) with `petaproses siaga` running (started and warmed
by one such command first); their CPU is the command's alone, not siaga's.  Every other row runs with a cache
folder of its own (``PETAPROSES_CACHE``), so a siaga the user has running answers none of them.  The
``*_schema`` rows check the saved file in a catalogue that has the editor schema `petaproses new` writes
(``.petaproses/skema.json``, which every check keeps current), as a catalogue started with `new` has.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from synth import generate  # noqa: E402

GOALS = {"full": 30.0, "noop": 0.3, "edit": 0.5, "check": 1.0, "onemap": 0.1, "checkfile": 0.15, "memory": 500.0}


def _session_pss(leader: int) -> float:
    """Return the PSS (MB) of every process in the session ``leader`` started: forked workers share pages."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) != leader:
                continue
            for line in Path(f"/proc/{entry}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total / 1024


CPU: dict[str, list[float]] = {}  # command label -> CPU seconds (the command and every process it waited for)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd: list[str], env: dict | None = None, memory: bool = False, check: bool = True) -> tuple[float, float]:
    """Run ``cmd``; return (wall seconds, peak MB or 0).  Its CPU time goes to ``CPU[LABEL]``."""
    peak = [0.0]
    cpu = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    if memory and Path("/proc/self/smaps_rollup").exists():
        def sample() -> None:
            # twice a second: reading smaps_rollup walks a process's page tables (3.8 ms for a 1.3 GB one),
            # and at 20 per second the sampler took a quarter of a core from a 10,000-SOP build on 2 cores
            while proc.poll() is None:
                peak[0] = max(peak[0], _session_pss(proc.pid))
                time.sleep(0.5)
        thread = threading.Thread(target=sample, daemon=True)
        thread.start()
    err = proc.communicate()[1]
    took = time.perf_counter() - start
    WALL.append(took)
    if check and proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-3000:]}")
    CPU.setdefault(LABEL[0], []).append(_children_cpu() - cpu)
    return took, peak[0]


LABEL = ["?"]
WALL: list[float] = []


def timed(label: str, fn, repeat: int = 1) -> tuple[float, float]:
    """Return (median wall, median CPU) of ``fn`` (which calls run()) over ``repeat`` runs."""
    LABEL[0] = label
    CPU[label] = []
    walls = [fn() for _ in range(repeat)]
    return statistics.median(walls), statistics.median(CPU[label])


def processpiper(tmp: Path, repeat: int) -> tuple[float, float] | None:
    """Return (wall, CPU) of the processpiper script, installed in a throwaway virtualenv; None when it fails."""
    env_dir = tmp / "processpiper-venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    pip = subprocess.run([str(py), "-m", "pip", "install", "-q", "processpiper==0.8.1"], capture_output=True, text=True)
    if pip.returncode != 0:
        print(f"processpiper: pip install failed:\n{pip.stderr[-1000:]}")
        return None
    out = tmp / "processpiper.png"
    return timed("processpiper", lambda: run([str(py), str(HERE / "processpiper_swimlane.py"), str(out)])[0], repeat)


ROWS = ("onemap", "onemap_noop", "onemap_siaga", "checkfile", "checkfile_saved", "checkfile_siaga", "checkfile_schema",
        "check", "check_edit", "check_same", "checkfile_big", "checkfile_edit", "checkfile_edit_siaga",
        "checkfile_edit_schema", "full", "noop", "edit", "edit_siaga", "edit_text", "edit_text_siaga")


def with_siaga(pp: list[str], env: dict, measure):
    """Return ``measure()`` while `petaproses siaga` runs with ``env`` (its own CPU is not in the rows' CPU), or
    None when this petaproses has no siaga (an older tree given to --before)."""
    proc = subprocess.Popen(pp + ["siaga"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    if "dijawab" not in (proc.stderr.readline() if proc.stderr else ""):
        proc.wait()
        return None
    try:
        return measure()
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def rows(label: str, pp: list[str], env: dict, tmp: Path, n: int, big: int, repeat: int,
         wanted: tuple[str, ...] = ROWS) -> dict:
    """Measure the goals ``wanted`` with the petaproses command ``pp``; return {row: (wall, CPU)}."""
    got: dict = {}
    onemap_out = tmp / f"{label}-onemap"
    if not {"onemap", "onemap_noop", "onemap_siaga", "checkfile", "checkfile_saved", "checkfile_siaga",
            "checkfile_schema"} & set(wanted):
        return _catalogue_rows(got, label, pp, env, tmp, n, big, repeat, wanted)

    def fresh_onemap() -> float:
        shutil.rmtree(onemap_out, ignore_errors=True)
        return run(pp + ["build", str(HERE / "onemap"), "-o", str(onemap_out)], env)[0]

    got["onemap"] = timed("onemap", fresh_onemap, repeat)
    got["onemap_noop"] = timed("onemap_noop", lambda: run(pp + ["build", str(HERE / "onemap"), "-o",
                                                               str(onemap_out)], env)[0], repeat)
    if "onemap_siaga" in wanted:  # the same fresh build, answered by `petaproses siaga` (warmed by one build)
        siaga = with_siaga(pp, env, lambda: fresh_onemap() and timed("onemap_siaga", fresh_onemap, repeat))
        if siaga is not None:
            got["onemap_siaga"] = siaga
    sample = next((ROOT / "processes" / "setda").glob("sop01*.yaml"))
    got["checkfile"] = timed("checkfile", lambda: run(pp + ["check", str(sample)], dict(
        env, PETAPROSES_CACHE=tempfile.mkdtemp(dir=tmp, prefix="cache-")))[0], repeat)
    # what an editor's check on save does in a catalogue of the Pemda's size: the cache filled, one SOP saved
    copy = tmp / f"{label}-sample"
    shutil.copytree(ROOT / "processes", copy)
    saved_env = dict(env, PETAPROSES_CACHE=str(tmp / f"{label}-sample-cache"))
    target = copy / sample.relative_to(ROOT / "processes")
    run(pp + ["check", str(copy)], saved_env)
    saves = [0]

    def check_saved() -> float:
        saves[0] += 1
        target.write_text(target.read_text(encoding="utf-8").replace("    uraian: ", f"    uraian: ({saves[0]}) ", 1),
                          encoding="utf-8")
        return run(pp + ["check", str(target)], saved_env)[0]

    got["checkfile_saved"] = timed("checkfile_saved", check_saved, repeat)
    if "checkfile_siaga" in wanted:  # the same, answered by `petaproses siaga` (warmed by one check first)
        siaga = with_siaga(pp, saved_env, lambda: run(pp + ["check", str(target)], saved_env) and timed(
            "checkfile_siaga", check_saved, repeat))
        if siaga is not None:
            got["checkfile_siaga"] = siaga
    if "checkfile_schema" in wanted:  # the same with the editor schema that `new` writes (check keeps it current)
        run(pp + ["schema", "--katalog", str(copy)], saved_env)
        run(pp + ["check", str(target)], saved_env)
        got["checkfile_schema"] = timed("checkfile_schema", check_saved, repeat)
    return _catalogue_rows(got, label, pp, env, tmp, n, big, repeat, wanted)


def _catalogue_rows(got: dict, label: str, pp: list[str], env: dict, tmp: Path, n: int, big: int, repeat: int,
                    wanted: tuple[str, ...]) -> dict:
    """The rows on the synthetic catalogue of ``n`` SOPs (the full build runs when any later row needs it)."""
    cat = generate(tmp / f"{label}-cat", n)
    past = time.time() - 60  # saved a minute ago, as files usually are (a just-saved file is never trusted by stat)
    for path in [cat, *cat.iterdir()]:
        os.utime(path, (past, past))
    # check keeps a cache (checkcache.py): "check"/"checkfile_big" run with an empty one each time (cold),
    # "check_edit"/"checkfile_edit" after one SOP was saved (what an editor's check on save does), "check_same"
    # with nothing changed
    def cold(args: list[str]) -> float:
        return run(pp + args, dict(env, PETAPROSES_CACHE=tempfile.mkdtemp(dir=tmp, prefix="cache-")))[0]

    warm_env = dict(env, PETAPROSES_CACHE=str(tmp / f"{label}-check-cache"))
    saves = [0]

    def save(name: str) -> None:
        saves[0] += 1
        sop = cat / name
        sop.write_text(sop.read_text(encoding="utf-8").replace("    uraian: ", f"    uraian: ({saves[0]}) ", 1),
                       encoding="utf-8")

    if "check" in wanted:
        got["check"] = timed("check", lambda: cold(["check", str(cat)]), repeat)
    if {"check_edit", "check_same", "checkfile_edit"} & set(wanted):
        run(pp + ["check", str(cat)], warm_env)  # fills the cache
    if "check_edit" in wanted:
        got["check_edit"] = timed("check_edit", lambda: save("sop-0003.yaml") or run(pp + ["check", str(cat)],
                                                                                        warm_env)[0], repeat)
    if "check_same" in wanted:
        got["check_same"] = timed("check_same", lambda: run(pp + ["check", str(cat)], warm_env)[0], repeat)
    if "checkfile_big" in wanted:
        got["checkfile_big"] = timed("checkfile_big", lambda: cold(["check", str(cat / "sop-0001.yaml")]), repeat)
    if "checkfile_edit" in wanted:
        got["checkfile_edit"] = timed("checkfile_edit", lambda: save("sop-0001.yaml") or run(
            pp + ["check", str(cat / "sop-0001.yaml")], warm_env)[0], repeat)
    if "checkfile_edit_siaga" in wanted:
        siaga = with_siaga(pp, warm_env, lambda: run(pp + ["check", str(cat)], warm_env) and timed(
            "checkfile_edit_siaga", lambda: save("sop-0001.yaml") or run(
                pp + ["check", str(cat / "sop-0001.yaml")], warm_env)[0], repeat))
        if siaga is not None:
            got["checkfile_edit_siaga"] = siaga
    if "checkfile_edit_schema" in wanted:  # with the editor schema `new` writes; removed again for the builds
        run(pp + ["schema", "--katalog", str(cat)], warm_env)
        run(pp + ["check", str(cat)], warm_env)
        got["checkfile_edit_schema"] = timed("checkfile_edit_schema", lambda: save("sop-0001.yaml") or run(
            pp + ["check", str(cat / "sop-0001.yaml")], warm_env)[0], repeat)
        (cat / ".petaproses" / "skema.json").unlink()
    if not {"full", "noop", "edit", "edit_siaga", "edit_text", "edit_text_siaga"} & set(wanted) and not big:
        return got
    out = tmp / f"{label}-out"
    peak: list[float] = []
    got["full"] = timed("full", lambda: peak.append(run(pp + ["build", str(cat), "-o", str(out)], env,
                                                         memory=True)[1]) or 0.0)
    got["full"] = (WALL[-1], got["full"][1])
    got["memory"] = (peak[0], 0.0)
    got["noop"] = timed("noop", lambda: run(pp + ["build", str(cat), "-o", str(out)], env)[0], repeat)
    counter = [0]

    def edit() -> float:
        counter[0] += 1
        sop = cat / "sop-0007.yaml"
        sop.write_text(re.sub(r"(?m)^nama: Prosedur Sintetis.*$", f"nama: Prosedur Sintetis {counter[0]:05d}",
                              sop.read_text(encoding="utf-8"), count=1), encoding="utf-8")  # bounded: many edits
        return run(pp + ["build", str(cat), "-o", str(out)], env)[0]

    if "edit" in wanted:  # the title: shown on the relation pages, the book, the forms, the index
        got["edit"] = timed("edit", edit, repeat)
    if "edit_siaga" in wanted:  # the same, answered by `petaproses siaga` (warmed by one such build)
        siaga = with_siaga(pp, env, lambda: edit() and timed("edit_siaga", edit, repeat))
        if siaga is not None:
            got["edit_siaga"] = siaga

    def edit_text() -> float:
        counter[0] += 1
        sop = cat / "sop-0007.yaml"
        sop.write_text(sop.read_text(encoding="utf-8").replace("    uraian: ", f"    uraian: ({counter[0]}) ", 1),
                       encoding="utf-8")
        return run(pp + ["build", str(cat), "-o", str(out)], env)[0]

    if "edit_text" in wanted:  # a step's text: the SOP's own files, its book and its page only
        got["edit_text"] = timed("edit_text", edit_text, repeat)
    if "edit_text_siaga" in wanted:  # the same, answered by `petaproses siaga` (warmed by one such build)
        siaga = with_siaga(pp, env, lambda: edit_text() and timed("edit_text_siaga", edit_text, repeat))
        if siaga is not None:
            got["edit_text_siaga"] = siaga
    if big:
        big_cat = generate(tmp / f"{label}-big", big)
        big_peak: list[float] = []
        cpu = timed("big", lambda: big_peak.append(run(pp + ["build", str(big_cat), "-o", str(tmp / f"{label}-bigout")],
                                                       env, memory=True)[1]) or 0.0)[1]
        got["big"] = (WALL[-1], cpu)
        got["big_memory"] = (big_peak[0], 0.0)
        got["big_ratio"] = (got["big"][0] / got["full"][0], got["big"][1] / got["full"][1])
        shutil.rmtree(tmp / f"{label}-bigout", ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return got


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--big", type=int, default=0, help="also build this many SOPs (the issue: 10000)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--before", type=Path, help="source tree of an earlier petaproses (its src/ folder)")
    ap.add_argument("--no-processpiper", action="store_true")
    ap.add_argument("--rows", default=",".join(ROWS), help=f"comma-separated, of: {', '.join(ROWS)}")
    args = ap.parse_args()
    wanted = tuple(r for r in args.rows.split(",") if r)
    if set(wanted) - set(ROWS):
        ap.error(f"unknown rows: {', '.join(sorted(set(wanted) - set(ROWS)))}")
    print(f"cores: {os.cpu_count()}, load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    pp = [sys.executable, "-m", "petaproses"]
    with tempfile.TemporaryDirectory(prefix="petaproses-bench-") as tmp_name:
        tmp = Path(tmp_name)
        pp_time = None if args.no_processpiper else processpiper(tmp, args.repeat)
        # as an installed package runs: its modules compiled once (this machine may set PYTHONDONTWRITEBYTECODE)
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        base["PETAPROSES_CACHE"] = str(tmp / "cache")  # no siaga of the user's answers a row by mistake
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=False)
        results = {"after": rows("after", pp, base, tmp, args.n, args.big, args.repeat, wanted)}
        if args.before:
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(args.before)], check=False)
            env = dict(base, PYTHONPATH=str(args.before.resolve()))
            results["before"] = rows("before", pp, env, tmp, args.n, args.big, args.repeat, wanted)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    labels = [k for k in ("before", "after") if k in results]
    table = [
        ("full build, %d SOPs (s)" % args.n, "full", GOALS["full"]),
        ("peak memory of that build (MB)", "memory", GOALS["memory"]),
        ("no-op rebuild (s)", "noop", GOALS["noop"]),
        ("rebuild after one edit (s)", "edit", GOALS["edit"]),
        ("the same (a title), answered by `petaproses siaga` (s)", "edit_siaga", GOALS["edit"]),
        ("rebuild after one step's text edit (s)", "edit_text", GOALS["edit"]),
        ("the same, answered by `petaproses siaga` (s)", "edit_text_siaga", GOALS["edit"]),
        ("check %d SOPs, no cache (s)" % args.n, "check", GOALS["check"]),
        ("check %d SOPs, cache, one SOP saved (s)" % args.n, "check_edit", GOALS["check"]),
        ("check %d SOPs, cache, nothing changed (s)" % args.n, "check_same", None),
        ("build one-map catalogue, fresh output (s)", "onemap", GOALS["onemap"]),
        ("build one-map catalogue, no-op (s)", "onemap_noop", None),
        ("the fresh one, answered by `petaproses siaga` (s)", "onemap_siaga", GOALS["onemap"]),
        ("check FILE, sample catalogue (s)", "checkfile", GOALS["checkfile"]),
        ("check FILE just saved, sample catalogue, cache (s)", "checkfile_saved", GOALS["checkfile"]),
        ("the same, answered by `petaproses siaga` (s)", "checkfile_siaga", GOALS["checkfile"]),
        ("the same, with the editor schema `new` writes (s)", "checkfile_schema", GOALS["checkfile"]),
        ("check FILE, %d-SOP catalogue, no cache (s)" % args.n, "checkfile_big", None),
        ("check FILE just saved, %d-SOP catalogue, cache (s)" % args.n, "checkfile_edit", GOALS["checkfile"]),
        ("the same, answered by `petaproses siaga` (s)", "checkfile_edit_siaga", GOALS["checkfile"]),
        ("the same, with the editor schema `new` writes (s)", "checkfile_edit_schema", GOALS["checkfile"]),
    ]
    if args.big:
        table += [("full build, %d SOPs (s)" % args.big, "big", None),
                  ("peak memory, %d SOPs (MB)" % args.big, "big_memory", None),
                  ("%d / %d time ratio (goal <= 10.5)" % (args.big, args.n), "big_ratio", None)]
    print(f"\n{'measure (wall s / CPU s; memory MB)':46} " + " ".join(f"{k:>17}" for k in labels) + "   goal (wall)")
    for name, key, goal in table:
        if not any(key in results[k] for k in labels):
            continue
        cells = " ".join(f"{results[k][key][0]:8.3f}/{results[k][key][1]:8.3f}" if key in results[k]
                         else f"{'-':>17}" for k in labels)
        print(f"{name:46} {cells}" + (f"   <= {goal:g}" if goal else ""))
    if pp_time is not None and "onemap" in results["after"]:
        after = results["after"]["onemap"]
        print(f"{'processpiper 0.8.1 script, same swimlane':46} {pp_time[0]:8.3f}/{pp_time[1]:8.3f}   petaproses/"
              f"processpiper: wall {after[0] / pp_time[0]:.2f}, CPU {after[1] / pp_time[1]:.2f} (goal <= 0.33)")


if __name__ == "__main__":
    main()
