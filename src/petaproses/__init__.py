"""petaproses: peta proses bisnis dan SOP AP dari berkas YAML."""

__version__ = "0.1.0"
CODE_SUFFIXES = (".py", ".c")  # what a hash of petaproses' code reads: its modules and the router's C loop
_CODE_HASH: list[str] = []


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
