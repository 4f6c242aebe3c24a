"""The shape of the code: no import cycles, one table of kinds that the renderers agree with, the registry."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from petaproses.kinds import KINDS
from petaproses.model import _Map
from petaproses.render import RENDERERS, select

from .conftest import ROOT

PACKAGE = ROOT / "src" / "petaproses"



def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Return module -> the petaproses modules it imports, anywhere in its text (inside functions too)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                # `from . import x` imports the module x when there is one, else a name of the package
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            else:
                continue
            edges |= {t for t in targets if t in modules and t != name}
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Return the strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def test_the_cycle_finder_finds_cycles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [{"a", "b", "c"}]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_import_graph_sees_imports_inside_functions():
    graph = import_graph()
    # cli imports build only inside its command functions
    assert "petaproses.build" in graph["petaproses.cli"]
    assert "petaproses.rules.table" in graph["petaproses.rules"]


def test_no_import_cycles():
    found = [sorted(c) for c in cycles(import_graph())]
    assert found == [], f"import cycles: {found}"


def test_build_imports_the_renderers_it_runs():
    graph = import_graph()
    assert "petaproses.render" in graph["petaproses.build"]
    text = (PACKAGE / "build.py").read_text(encoding="utf-8")
    assert "importlib" not in text
    for r in RENDERERS:
        assert r.module.__name__ in graph["petaproses.render"]


@pytest.mark.parametrize("jenis", sorted(KINDS))
def test_kinds_table_and_renderers_agree(catalogue, jenis):
    """kinds.py says which renderers a kind gets; each renderer's own applies() must say the same."""
    kind = KINDS[jenis]
    docs = [d for d in catalogue.maps if d.jenis == jenis]
    if kind.model.__name__ == "Organisasi":
        docs = [catalogue.organisasi]
    elif kind.model.__name__ == "Evaluasi":
        docs = list(catalogue.evaluations)
    elif kind.level is None:  # the registers, the peta-relasi files
        docs = [d for d in catalogue.others() if d.jenis == jenis]
    elif not docs:  # peta-level-0: none in the sample; a level-1 map relabelled stands in
        docs = [d.model_copy(update={"jenis": jenis}) for d in catalogue.maps if type(d) is kind.model][:1]
    assert docs, jenis
    for doc in docs:
        assert [r.name for r in RENDERERS if r.module.applies(doc)] == list(kind.outputs)
        assert [r.name for r in RENDERERS if r.applies(doc)] == list(kind.outputs)


def test_every_kind_names_registered_renderers_and_a_hierarchy_level():
    names = {r.name for r in RENDERERS}
    for kind in KINDS.values():
        assert set(kind.outputs) <= names
        assert (kind.level is None) == (not issubclass(kind.model, _Map))  # the organisation file, records
        assert kind.label and kind.schema


def test_the_registry_says_what_each_renderer_module_has():
    """The build plans from the registry without importing a renderer: its declarations must be the module's."""
    for r in RENDERERS:
        m = r.module
        assert r.has_tools == hasattr(m, "TOOLS"), r.name
        assert r.per_department == hasattr(m, "render_department"), r.name
        assert r.per_catalogue == (hasattr(m, "render_catalogue") and not hasattr(m, "render_department")), r.name


def test_a_department_renderer_makes_files_exactly_for_the_kinds_it_declares(catalogue):
    """The build calls render_department only where the department holds a document of the declared kinds."""
    departments = sorted({d.perangkat_daerah for d in [*catalogue.maps, *catalogue.evaluations]})
    seen = set()
    for r in RENDERERS:
        if not r.per_department:
            continue
        for pd_id in departments:
            makes = r.makes_for_department(catalogue, pd_id)
            seen.add((r.name, makes))
            assert bool(r.module.render_department(catalogue, pd_id)) == makes, (r.name, pd_id)
    assert {makes for _name, makes in seen} == {True, False}  # the sample has departments of both sorts


def test_a_catalogue_without_sops_never_loads_python_docx(tmp_path):
    """A one-map build imports the renderers it runs, not the .docx machinery (its start-up is most of it), nor
    the rewrite of `ubah-jabatan` (PyYAML, difflib: the impact page plans one only for a removed position in use),
    nor importlib.resources (zipfile and its readers, for a file beside a module)."""
    import subprocess
    import sys

    code = ("import sys; from petaproses.cli import main; main(['build', sys.argv[1], '-o', sys.argv[2]]); "
            "print(sorted(m for m in sys.modules if m in ('docx', 'yaml', 'difflib', 'petaproses.orgchange', "
            "'importlib.readers', 'importlib.resources.readers') or m.startswith(('docx.', 'petaproses.layout.sop'))))")
    run = subprocess.run([sys.executable, "-c", code, str(ROOT / "bench" / "onemap"), str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "out" / "dpmptsp" / "DPMPTSP.LF.BENCH.svg").is_file()


def test_select_refuses_an_unknown_renderer():
    assert [r.name for r in select(["diagram", "bpmn"])] == ["bpmn", "diagram"]
    with pytest.raises(ValueError, match="unknown renderer 'pdf'"):
        select(["pdf"])


def test_no_module_is_over_500_lines():
    """Every module stays readable in one sitting."""
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if p.parent.name != "_site_compiled"  # Jinja2's code of the site templates, not read by people
            and (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert long == {}
