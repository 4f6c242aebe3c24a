"""Shared fixtures: the sample catalogue (the demo doubles as the main fixture) and a minimal one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from petaproses.build import check

ROOT = Path(__file__).resolve().parent.parent
PROCESSES = ROOT / "processes"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def _check_cache(tmp_path_factory):
    """`petaproses check` keeps a cache in the user's cache folder (checkcache.py): the tests' goes to a temporary
    one (also for the commands they run as subprocesses)."""
    import os

    old = os.environ.get("PETAPROSES_CACHE")
    os.environ["PETAPROSES_CACHE"] = str(tmp_path_factory.mktemp("check-cache"))
    yield
    if old is None:
        os.environ.pop("PETAPROSES_CACHE", None)
    else:
        os.environ["PETAPROSES_CACHE"] = old


@pytest.fixture(scope="session")
def catalogue():
    """The sample catalogue under processes/, loaded and validated once."""
    cat, problems = check([str(PROCESSES)])
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    return cat


@pytest.fixture(scope="session")
def mini_catalogue():
    cat, problems = check([str(FIXTURES / "mini")])
    assert not problems, [p.format() for p in problems]
    return cat


@pytest.fixture(scope="session")
def nyata_catalogue():
    """The real-shaped fixtures (issue 10): chains, joint activities, branches to `selesai`, every time text."""
    cat, problems = check([str(FIXTURES / "nyata")])
    assert not [p for p in problems if p.is_error], [p.format() for p in problems]
    return cat


def require(tool: str) -> str:
    """Return the path of ``tool``; fail (not skip) in CI where every tool is installed by .ci/run."""
    import os

    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is not installed; .ci/run should have installed it")
        pytest.skip(f"{tool} not installed")
    return path
