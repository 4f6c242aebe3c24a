"""Before/after of a rebuild after one edit, each build a new process (no `siaga`), paired: the trees alternate.

    python bench/bench_edit_pair.py --before SRC [--kind title|text] [-n 1000] [--rounds 5] [--builds 4]

A synthetic catalogue of ``-n`` SOPs (bench/synth.py) is built once per tree, each into an output folder and a
cache folder of its own; then each round times ``--builds`` whole `petaproses build` commands per tree, each
after one SOP was edited again (``title``: its name, shown on the relation pages, the book, the forms and the
index; ``text``: a step's text), the order of the trees flipping every round (bench_goals.py's ``edit`` and
``edit_text`` rows run one tree after the other: on a machine whose speed drifts, this is the figure to trust).
Printed: each round's two medians and their ratio (after/before), the median of each and of the ratios, and
the CPU per build (the command and every process it waited for: workers, `dot`).
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import pairing  # noqa: E402
from synth import generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", type=Path, required=True, help="source tree of the earlier petaproses (its src/)")
    ap.add_argument("--kind", choices=("title", "text"), default="title")
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--builds", type=int, default=4)
    args = ap.parse_args()
    trees = pairing.trees(args.before)
    cpu: dict[str, list[float]] = {label: [] for label in trees}
    with tempfile.TemporaryDirectory(prefix="petaproses-edit-pair-") as tmp_name:
        tmp = Path(tmp_name)
        cat = generate(tmp / "cat", args.n)
        sop = cat / "sop-0007.yaml"
        envs = pairing.environments(trees, tmp)
        for label, env in envs.items():
            print(f"{label}: full build {build(cat, tmp / f'out-{label}', env)[0]:.1f} s", flush=True)
        edits = [0]

        def edited(label: str) -> float:
            edits[0] += 1  # a new text every build: each tree finds one SOP changed since its own last build
            text = sop.read_text(encoding="utf-8")
            if args.kind == "title":
                text = re.sub(r"(?m)^(nama: .*?)( \[\d+\])?$", lambda m: f"{m.group(1)} [{edits[0]}]", text, count=1)
            else:
                text = re.sub(r"(?m)^(    uraian: )(\(\d+\) )?", lambda m: f"{m.group(1)}({edits[0]}) ", text, count=1)
            sop.write_text(text, encoding="utf-8")
            took, spent = build(cat, tmp / f"out-{label}", envs[label])
            cpu[label].append(spent)
            return took

        medians = pairing.alternate(args.rounds, lambda label: statistics.median(
            edited(label) for _ in range(args.builds)))
    print(pairing.summary(f"build after one {args.kind} edit, new process, {args.n} SOPs", medians))
    print("CPU per build (median): " + ", ".join(f"{label} {statistics.median(v):.3f} s" for label, v in cpu.items()))


def build(cat: Path, out: Path, env: dict) -> tuple[float, float]:
    """Return (wall, CPU) seconds of one `petaproses build` (CPU: the command and everything it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "petaproses", "build", str(cat), "-o", str(out)], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"build failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return took, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


if __name__ == "__main__":
    main()
