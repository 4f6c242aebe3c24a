"""What the paired before/after benchmarks share: the two source trees, rounds that alternate them, the summary.

A paired run is the figure to trust on a machine whose speed drifts (a shared VM): each round measures both
trees back to back, in an order that flips every round, and the ratio is taken per round.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent


def trees(before: Path) -> dict[str, Path]:
    """Return {"before": ``before``, "after": this checkout's src/}, each compiled once (as an installed package
    runs), and print the machine's cores and load."""
    found = {"before": before.resolve(), "after": ROOT / "src"}
    for src in found.values():
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=False)
    print(f"cores: {os.cpu_count()}, load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return found


def environment(src: Path, cache: Path) -> dict[str, str]:
    """Return the variables a command of the tree ``src`` runs with: its code first on the path, a cache folder of
    its own, byte code kept (as an installed package runs, whatever this machine's PYTHONDONTWRITEBYTECODE)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(src), PETAPROSES_CACHE=str(cache))
    return env


def environments(trees: dict[str, Path], tmp: Path) -> dict[str, dict[str, str]]:
    """Return each tree's ``environment``, its cache folder in ``tmp``."""
    return {label: environment(src, tmp / f"cache-{label}") for label, src in trees.items()}


def alternate(rounds: int, measure: Callable[[str], float]) -> dict[str, list[float]]:
    """Return each tree's figure per round (``measure(label)``: a median of its own), printing each round."""
    medians: dict[str, list[float]] = {"before": [], "after": []}
    for r in range(rounds):
        for label in (("before", "after") if r % 2 == 0 else ("after", "before")):
            medians[label].append(measure(label))
        print(f"round {r + 1}: before {medians['before'][-1]:.3f} s, after {medians['after'][-1]:.3f} s, "
              f"ratio {medians['after'][-1] / medians['before'][-1]:.2f}", flush=True)
    return medians


def summary(what: str, medians: dict[str, list[float]]) -> str:
    ratios = [a / b for a, b in zip(medians["after"], medians["before"])]
    return (f"{what}: before {statistics.median(medians['before']):.3f} s, after "
            f"{statistics.median(medians['after']):.3f} s, median ratio {statistics.median(ratios):.2f}")
