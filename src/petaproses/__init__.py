"""petaproses: peta proses bisnis dan SOP AP dari berkas YAML."""

__version__ = "0.1.0"
CODE_SUFFIXES = (".py", ".c")  # what a hash of petaproses' code reads: its modules and the router's C loop
_CODE_HASH: list[str] = []
# What the editor schema is made from: the modules importing petaproses.schema loads (a test keeps the list
# whole).  Their size and time stamp are taken here, before any of them is imported (~12 stats): schema._maker
# trusts no stamp once they differ, so a petaproses upgraded under a running process (serve, siaga) never
# stamps what its old code made with the new code's digest.
SCHEMA_SOURCES = ("__init__.py", "dates.py", "durations.py", "evaluation/__init__.py", "evaluation/model.py", "kinds.py",
                  "lazyre.py", "legal.py", "model.py", "model_base.py", "model_org.py", "problems.py", "register.py",
                  "scalars.py", "schema.py", "starter.py")


def schema_source_stats() -> tuple | None:
    """Return size and modification time of each of SCHEMA_SOURCES, or None when one is not on disk."""
    import os

    here = os.path.dirname(os.path.abspath(__file__))
    try:
        return tuple((st.st_size, st.st_mtime_ns) for st in (os.stat(os.path.join(here, name))
                                                             for name in SCHEMA_SOURCES))
    except OSError:
        return None


SCHEMA_SOURCES_LOADED = schema_source_stats()


def tree_hash(folder, suffixes: tuple[str, ...] | None = None) -> str:
    """Return the SHA-256 of the files under ``folder`` (their names and bytes, in name order; only those ending
    in ``suffixes`` when given): petaproses' own code, or a folder of templates."""
    import hashlib
    from pathlib import Path

    folder, h = Path(folder), hashlib.sha256()
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and (suffixes is None or path.suffix in suffixes):
                h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def code_hash() -> str:
    """Return the hash of petaproses' own code (once per process): outputs and parts made by other code are
    never reused."""
    if not _CODE_HASH:
        from pathlib import Path

        _CODE_HASH.append(tree_hash(Path(__file__).resolve().parent, CODE_SUFFIXES))
    return _CODE_HASH[0]
