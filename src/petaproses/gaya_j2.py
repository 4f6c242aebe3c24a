"""The Jinja2 templates of a restyled copy (templates/site/*.j2, templates/sop/*.j2): `check` compiles each one the
copy holds, in the environment its renderer uses, so that a syntax error or an unknown filter is reported at its
line and `build` refuses it before writing (review Z: build found them halfway, rc 3, part of the output written).
Compiled, not rendered: what a template does with the catalogue's values is the build's.
"""

from __future__ import annotations

from pathlib import Path

from .lazyre import Lazy
from .problems import Problem, suggest

PARTS = ("site", "sop")
_FIX = "perbaiki templat itu, atau hapus berkasnya agar templat bawaan petaproses dipakai"
_UNKNOWN = Lazy(r"No (filter|test) named '([^']*)'")


def sop_environment(templates: Path):
    """The environment of the SOP book's text templates (buku-*.j2, berita-acara.j2): render/docx_style's."""
    import jinja2

    from .paths import search_path

    return jinja2.Environment(loader=jinja2.FileSystemLoader(search_path(templates, "sop")),
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=False,
                              trim_blocks=True, lstrip_blocks=True, autoescape=False)


def template_files(templates: Path) -> list[Path]:
    """Return the .j2 files ``templates`` holds itself (what it lacks is petaproses' own: not checked)."""
    found: list[Path] = []
    for part in PARTS:
        folder = templates / part
        if folder.is_dir():
            found += sorted(p for p in folder.glob("*.j2") if p.is_file())
    return found


def template_problems(templates: Path) -> list[Problem]:
    """Return, for each .j2 file of ``templates``, what stops it compiling in its renderer's environment."""
    from .gaya import shown

    files = template_files(templates)
    if not files:
        return []
    from .site_templates import environment as site_environment

    envs = {"site": site_environment(templates / "site", shipped=False), "sop": sop_environment(templates)}
    found = []
    for path in files:
        env, name = envs[path.parent.name], shown(path)
        try:
            source = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            found.append(Problem(name, 1, 1, "encoding", "berkas templat bukan UTF-8; simpan ulang sebagai UTF-8"))
            continue
        except OSError:
            found.append(Problem(name, 1, 1, "file-not-found", f"berkas templat tidak dapat dibaca; {_FIX}"))
            continue
        found += [Problem(name, line, 1, "invalid-value", _explain(message, env))
                  for line, message in _compile(env, source, path)]
    return found


def _compile(env, source: str, path: Path) -> list[tuple[int, str]]:
    """Return (line, Jinja2's words) of what stops ``source`` compiling: its syntax error, else each unknown filter or
    test (also those in an {% if %} condition, which Jinja2's code generation lets pass to fail when the page
    renders), else what the code generation refuses (a block defined twice ...)."""
    import jinja2
    from jinja2 import nodes
    from jinja2.compiler import generate

    try:
        tree = env.parse(source, path.name, str(path))
    except jinja2.TemplateSyntaxError as exc:
        return [(exc.lineno or 1, exc.message or "")]
    found = set()
    for node in tree.find_all((nodes.Filter, nodes.Test)):
        pool, kind = (env.filters, "filter") if isinstance(node, nodes.Filter) else (env.tests, "test")
        if node.name not in pool:
            found.add((node.lineno, f"No {kind} named '{node.name}'."))
    if found:
        return sorted(found)
    try:
        generate(tree, env, path.name, str(path), optimized=env.optimized)  # Python source, not compiled further: nothing to run
    except jinja2.TemplateSyntaxError as exc:
        return [(exc.lineno or 1, exc.message or "")]
    return []


def _explain(message: str, env) -> str:
    """Say in Indonesian what Jinja2 found (its own words, English, follow for the detail) and what to do."""
    unknown = _UNKNOWN.search(message)
    if unknown:
        kind, word = unknown.groups()
        pool = env.filters if kind == "filter" else env.tests
        near = suggest(word, pool)
        said = "filter" if kind == "filter" else "uji (is ...)"
        return f"templat memakai {said} '{word}' yang tidak dikenal Jinja2{f' ({near[2:]})' if near else ''}; {_FIX}"
    if message.startswith("Unexpected end of template"):
        what = "templat berakhir sebelum setiap blok {% ... %} ditutup (mis. {% if %} tanpa {% endif %})"
    elif message.startswith("Encountered unknown tag"):
        what = "templat memakai tag {% ... %} yang tidak dikenal atau tidak pada tempatnya"
    elif "defined twice" in message:
        what = "templat menulis blok {% block %} yang sama dua kali"
    elif "xpected" in message:  # "Expected an expression", "unexpected '}'"
        what = "templat bukan Jinja2 yang sah (tutup setiap {{ dengan }} dan {% dengan %})"
    else:
        what = "templat bukan Jinja2 yang sah"
    return f"{what}; {_FIX} (Jinja2: {message.splitlines()[0] if message else '-'})"
