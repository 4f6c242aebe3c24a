"""Before/after of `petaproses check FILE` on save, paired: the two source trees alternate command by command.

    python bench/bench_check_pair.py --before SRC [-n 1000] [--rounds 5] [--checks 6] [--whole]

A synthetic catalogue of ``-n`` SOPs (bench/synth.py), one check cache per tree, filled by a check of the whole
catalogue; then each round times ``--checks`` whole commands per tree, each after a step's text of one SOP was
changed (what an editor's check on save does: bench_goals.py's ``checkfile_edit`` row; ``--whole``: a check of the
whole catalogue after that save, its ``check_edit`` row); the order of the trees
flips every round.  Printed: each round's two medians and their ratio (after/before), then the median of each
and of the ratios (the figure to trust on a machine whose speed drifts).
"""

from __future__ import annotations

import argparse
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
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--checks", type=int, default=6)
    ap.add_argument("--whole", action="store_true", help="check the whole catalogue, not the saved file")
    args = ap.parse_args()
    trees = pairing.trees(args.before)
    with tempfile.TemporaryDirectory(prefix="petaproses-check-pair-") as tmp_name:
        tmp = Path(tmp_name)
        cat = generate(tmp / "cat", args.n)
        sop = cat / "sop-0001.yaml"
        envs = pairing.environments(trees, tmp)
        for env in envs.values():
            run([sys.executable, "-m", "petaproses", "check", str(cat)], env)  # fills the cache
        edits = [0]

        def check(label: str) -> float:
            edits[0] += 1
            text = sop.read_text(encoding="utf-8")
            sop.write_text(text.replace("    uraian: ", f"    uraian: ({edits[0]}) ", 1), encoding="utf-8")
            return run([sys.executable, "-m", "petaproses", "check", str(cat if args.whole else sop)], envs[label])

        medians = pairing.alternate(args.rounds, lambda label: statistics.median(
            check(label) for _ in range(args.checks)))
    print(pairing.summary(f"check {'the catalogue' if args.whole else 'FILE'} after a save, {args.n} SOPs", medians))


def run(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: the check found errors
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-2000:]}")
    return took


if __name__ == "__main__":
    main()
