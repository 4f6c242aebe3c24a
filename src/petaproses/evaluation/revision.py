"""Which version of a document an evaluation saw: the git commit of its file, else a hash of its content.

A commit is named only when the file on disk is exactly what that commit holds (its blob id is computed here,
not by `git hash-object`, which would run the repository's filters); an edited, untracked or git-less file is
named by ``sha256:`` and the first 16 hex digits of its content.  git runs with hooks and fsmonitor off:
a catalogue may come from someone else, and reading its history must not run its configuration.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import subprocess
from pathlib import Path

HASH_PREFIX = "sha256:"
_COMMIT = re.compile(r"[0-9a-f]{7,64}")
_SAFE = ["-c", "core.fsmonitor=false", "-c", "core.hooksPath=" + os.devnull, "-c", "core.pager=cat"]


def content_hash(data: bytes) -> str:
    """Return the revision name of content outside git: sha256: and 16 hex digits."""
    return HASH_PREFIX + hashlib.sha256(data).hexdigest()[:16]


def is_commit(revision: str | None) -> bool:
    return bool(revision) and _COMMIT.fullmatch(revision or "") is not None


def _git(args: list[str], cwd: Path) -> bytes | None:
    """Return git's output, or None when git is missing, the folder is not a repository, or git fails."""
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    try:
        done = subprocess.run(["git", *_SAFE, *args], cwd=cwd, capture_output=True, timeout=20, env=env,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _blob_id(data: bytes, length: int) -> str:
    header = b"blob %d\0" % len(data)
    algo = hashlib.sha256 if length == 64 else hashlib.sha1
    return algo(header + data).hexdigest()


def revision_of(path: str | Path, data: bytes) -> str:
    """Return the revision of the document at ``path`` whose content is ``data``."""
    path = Path(path).resolve()
    head_blob = _git(["rev-parse", "--verify", "--quiet", f"HEAD:./{path.name}"], path.parent)
    blob = head_blob.decode("ascii", "replace").strip() if head_blob else ""
    if blob and _blob_id(data, len(blob)) == blob:  # unchanged since HEAD: the last commit that touched it
        commit = _git(["log", "-1", "--format=%H", "--", path.name], path.parent)
        if commit and is_commit(commit.decode("ascii", "replace").strip()):
            return commit.decode("ascii").strip()
    return content_hash(data)


@functools.lru_cache(maxsize=256)
def content_at(revision: str, path: str) -> bytes | None:
    """Return the content the file at ``path`` had in git commit ``revision``, or None when unknown."""
    if not is_commit(revision):
        return None
    folder = Path(path).resolve().parent
    return _git(["show", f"{revision}:./{Path(path).name}"], folder)


def same_revision(revision: str | None, data: bytes, path: str) -> bool | None:
    """Return whether ``data`` is the content ``revision`` names (None: cannot tell)."""
    if not revision:
        return None
    if revision.startswith(HASH_PREFIX):  # the whole digest `sha256sum` prints names the same content
        return content_hash(data) == revision[:len(HASH_PREFIX) + 16].lower()
    old = content_at(revision, path)
    return None if old is None else old == data


__all__ = ["HASH_PREFIX", "content_hash", "is_commit", "revision_of", "content_at", "same_revision"]
