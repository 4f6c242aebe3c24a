"""Fuzzing `check` in process: 2,000 mutants of the sample YAML, fixed seed, no traceback, every finding located.

The longer run with figures is bench/fuzz_check.py.  Reproducers found by fuzzing are in test_loading.py.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings

from .fuzzing import Workspace, mutants, unlocated

FUZZ_EXAMPLES = 2000
_SEEN: Counter = Counter()


def test_fuzz_check_never_crashes_and_locates_every_finding():
    with tempfile.TemporaryDirectory() as tmp:
        space = Workspace(Path(tmp) / "katalog")

        @seed(20250117)
        @settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck), print_blob=True)
        @given(mutants())
        def run(mutant):
            name, raw, _ = mutant
            problems, files = space.check(name, raw)  # an exception here fails the test with the shrunk mutant
            assert unlocated(problems, files) == []
            _SEEN.update(p.code for p in problems)

        run()
    # the mutants reach the parser, the shape checks and the graph rules, not just one layer
    assert {"yaml-syntax", "type-mismatch", "unknown-key", "missing-key", "encoding"} <= set(_SEEN), _SEEN
