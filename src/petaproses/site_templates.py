"""The review site's Jinja2 environment, whose templates load compiled ahead when petaproses ships them.

Compiling the site's templates costs ~40 ms a build (Jinja2's code generation ~33 ms, Python's ~7 ms): a tenth
of a one-map build. ``python -m petaproses.site_templates`` writes each shipped template compiled by Jinja2 as
a module of ``petaproses/_site_compiled/`` (committed; a test keeps them current), and its manifest the sha-256
of each source and Jinja2's version. A template whose text has such a hash, under that Jinja2, takes its code
from that module (package code, its bytecode cached by Python like any module; never a file a build wrote);
any other text, a Pemda's restyled copy included, is compiled from its source as before.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
import types
import warnings
from importlib.machinery import SourceFileLoader
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache, Environment, FileSystemLoader, select_autoescape
from jinja2.bccache import Bucket

COMPILED = Path(__file__).parent / "_site_compiled"
_PACKAGE = __package__ + "._site_compiled"


def environment(folder: Path, shipped: bool = True) -> Environment:
    """Return an environment for the site templates in ``folder`` (autoescaped: user text cannot inject
    markup); ``shipped``: the templates petaproses ships load their code compiled ahead."""
    from .paths import search_path

    return Environment(loader=FileSystemLoader(search_path(folder.parent, folder.name)),
                       autoescape=select_autoescape(["j2", "html"]),
                       keep_trailing_newline=True, bytecode_cache=_ShippedCode() if shipped else None)


@functools.lru_cache(maxsize=1)
def jinja2_version() -> str | None:
    """Return the installed Jinja2's version, or None (then every template is compiled from its text).
    ``jinja2.__version__`` is deprecated (to go in 3.3): read without its warning, else from the package's
    metadata (a slower import, only where the attribute is gone)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        version = getattr(jinja2, "__version__", None)
    if not isinstance(version, str):
        try:
            from importlib.metadata import version as installed

            version = installed("jinja2")
        except Exception:  # noqa: BLE001 - no version known: the templates are compiled as before
            return None
    return version


def module_name(name: str) -> str:
    """Return the module of ``_site_compiled`` that holds template ``name`` ("page.html.j2": page_html_j2)."""
    return re.sub(r"\W", "_", name)


def _digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


class _ShippedCode(BytecodeCache):
    """Jinja2's bytecode cache hook, read only: the code of a template petaproses ships, from its module."""

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        bucket = Bucket(environment, name, "")
        bucket.code = _shipped_code(name, source, filename)
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:  # nothing is written
        pass


def _shipped_code(name: str, source: str, filename: str | None) -> types.CodeType | None:
    """Return the code compiled ahead for ``source`` when it is the text of the shipped template ``name``."""
    try:
        from . import _site_compiled as manifest
    except ImportError:
        return None
    if manifest.JINJA2 != jinja2_version() or manifest.SOURCES.get(name) != _digest(source):
        return None
    module = f"{_PACKAGE}.{module_name(name)}"
    try:
        code = SourceFileLoader(module, str(COMPILED / f"{module_name(name)}.py")).get_code(module)
    except (OSError, ImportError, SyntaxError, ValueError):
        return None
    # errors in a template name its .j2 (template_error, Jinja2's tracebacks), as when compiled from source
    return _renamed(code, filename) if filename else code


def _renamed(code: types.CodeType, filename: str) -> types.CodeType:
    consts = tuple(_renamed(c, filename) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


def compiled_sources(folder: Path) -> dict[str, str]:
    """Return, for every template in ``folder``, the module Jinja2 compiles it to (what ``write`` writes)."""
    env = environment(folder, shipped=False)
    found = {}
    for name in sorted(p.name for p in folder.glob("*.j2")):
        source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
        found[name] = env.compile(source, name, None, raw=True) + "\n"  # no header: debug_info counts lines
    return found


def manifest_text(folder: Path) -> str:
    """Return ``_site_compiled/__init__.py``: Jinja2's version and the sha-256 of each template's text."""
    sources = "".join(f"    {p.name!r}: {_digest(p.read_text(encoding='utf-8'))!r},\n"
                      for p in sorted(folder.glob("*.j2")))
    return ('"""The shipped site templates compiled by Jinja2 (site_templates.py); written by `python -m '
            'petaproses.site_templates`."""\n\n'
            f"JINJA2 = {jinja2_version()!r}\nSOURCES = {{\n{sources}}}\n")


def write(folder: Path, target: Path = COMPILED) -> None:
    """Write the compiled templates of ``folder`` and their manifest into ``target`` (a developer's step)."""
    target.mkdir(exist_ok=True)
    for old in target.glob("*.py"):
        old.unlink()
    for name, text in compiled_sources(folder).items():
        (target / f"{module_name(name)}.py").write_text(text, encoding="utf-8")
    (target / "__init__.py").write_text(manifest_text(folder), encoding="utf-8")


if __name__ == "__main__":
    from .paths import PACKAGE_TEMPLATES

    write(PACKAGE_TEMPLATES / "site")
    print(f"{len(list(COMPILED.glob('*.py'))) - 1} templat situs dikompilasi ke {COMPILED}", file=sys.stderr)
