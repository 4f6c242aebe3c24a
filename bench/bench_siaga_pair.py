"""Before/after of a build answered by `petaproses siaga`, paired: sessions of the two source trees alternate.

    python bench/bench_siaga_pair.py --before SRC [--row edit_text|edit_title|edit_real|onemap] [-n 1000] [--rounds 5]
                                     [--builds 6] [--copies 30]

Each round starts one siaga per tree (its own cache folder and output folder), lets it answer two builds
unmeasured (the first loads everything), then times ``--builds`` whole `petaproses build` commands through it
and stops it; the order of the two trees flips every round.  ``edit_text`` changes a step's text in one SOP of a
synthetic catalogue of ``-n`` SOPs before each build; ``edit_title`` that SOP's title (shown on the relation pages,
the department's book and forms, the index); ``edit_real`` the same in a real-shaped catalogue
(bench/synth_real.py, ``--copies`` copies of the samples: registers, links, a removed position still named);
``onemap`` builds bench/onemap into an emptied folder.
Printed: each round's two medians and their ratio (after/before), then the median of each and of the ratios,
and the CPU siaga and the workers it waited for spent per build (/proc; Linux).
On a machine whose speed drifts (a shared VM) the per-round ratio is the figure to trust: bench_goals.py's
``--before`` measures one tree after the other.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import pairing  # noqa: E402
from synth import generate  # noqa: E402
from synth_real import generate as generate_real  # noqa: E402


CPU: dict[str, list[float]] = {"before": [], "after": []}  # siaga's CPU seconds per timed build, per tree


def _cpu(pid: int) -> float:
    """CPU seconds of ``pid`` and of the children it has waited for (its build's workers), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime, stime, cutime, cstime


def session(src: Path, tmp: Path, label: str, build, builds: int) -> list[float]:
    """Time ``builds`` calls of ``build(env, out)`` answered by a siaga running the code in ``src`` (and note the
    CPU siaga spent on each in ``CPU``: steadier than wall time on a shared VM)."""
    env = dict(pairing.environment(src, tmp / f"cache-{label}"), SOURCE_DATE_EPOCH="1790000000")
    os.makedirs(env["PETAPROSES_CACHE"], exist_ok=True)
    siaga = subprocess.Popen([sys.executable, "-m", "petaproses", "siaga"], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)
    if "dijawab" not in (siaga.stderr.readline() if siaga.stderr else ""):
        siaga.wait()
        sys.exit(f"siaga of {src} did not start")
    try:
        for _ in range(2):  # unmeasured: the first loads everything (and builds the catalogue in full)
            build(env, tmp / f"out-{label}")
        took = []
        for _ in range(builds):
            cpu = _cpu(siaga.pid)
            took.append(build(env, tmp / f"out-{label}"))
            CPU[label].append(_cpu(siaga.pid) - cpu)
        return took
    finally:
        siaga.terminate()
        siaga.wait(timeout=60)


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-2000:]}")
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", type=Path, required=True, help="source tree of the earlier petaproses (its src/)")
    ap.add_argument("--row", choices=("edit_text", "edit_title", "edit_real", "onemap"), default="edit_text")
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--copies", type=int, default=30, help="edit_real: copies of the samples")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--builds", type=int, default=6)
    args = ap.parse_args()
    trees = pairing.trees(args.before)
    with tempfile.TemporaryDirectory(prefix="petaproses-siaga-pair-") as tmp_name:
        tmp = Path(tmp_name)
        cat = {"edit_text": lambda: generate(tmp / "cat", args.n),
               "edit_title": lambda: generate(tmp / "cat", args.n),
               "edit_real": lambda: generate_real(tmp / "cat", args.copies),
               "onemap": lambda: ROOT / "bench" / "onemap"}[args.row]()
        edits = [0]

        def build(env: dict, out: Path) -> float:
            if args.row != "onemap":
                edits[0] += 1
                sop = cat / ("setda/sop02-reviu-sop.yaml" if args.row == "edit_real" else "sop-0007.yaml")
                text = sop.read_text(encoding="utf-8")
                if args.row == "edit_title":  # as bench_goals.py's "edit" row (a new title of the same length)
                    text = re.sub(r"(?m)^nama: Prosedur Sintetis.*$", f"nama: Prosedur Sintetis {edits[0]:05d}",
                                  text, count=1)
                else:
                    text = text.replace("    uraian: ", f"    uraian: ({edits[0]}) ", 1)
                sop.write_text(text, encoding="utf-8")
            else:
                shutil.rmtree(out, ignore_errors=True)
            return timed([sys.executable, "-m", "petaproses", "build", str(cat), "-o", str(out)], env)

        medians = pairing.alternate(args.rounds, lambda label: statistics.median(
            session(trees[label], tmp, label, build, args.builds)))
    print(pairing.summary(f"{args.row} through siaga", medians))
    print(f"CPU of siaga and its workers per build (median of every build): before "
          f"{statistics.median(CPU['before']):.3f} s, after {statistics.median(CPU['after']):.3f} s "
          f"({len(CPU['after'])} builds each; Graphviz left running between builds not counted)")


if __name__ == "__main__":
    main()
