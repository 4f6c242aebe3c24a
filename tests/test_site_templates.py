"""The site templates petaproses ships load compiled ahead (site_templates.py): the compiled modules are those
Jinja2 makes of the shipped text, the pages are the same bytes, and any other text is compiled from itself."""

from __future__ import annotations

import filecmp
import hashlib
import os
import shutil

import jinja2

from petaproses import _site_compiled as manifest
from petaproses import review_site, site_templates
from petaproses.cli import main
from petaproses.paths import PACKAGE_TEMPLATES

from .conftest import ROOT

SITE = PACKAGE_TEMPLATES / "site"


def test_the_compiled_templates_are_those_of_the_shipped_text():
    """A template edited without `python -m petaproses.site_templates` would only lose the speed (its hash no
    longer matches); this keeps the committed modules current, so the shipped templates load compiled."""
    shipped = {p.name: hashlib.sha256(p.read_text(encoding="utf-8").encode()).hexdigest() for p in SITE.glob("*.j2")}
    assert manifest.SOURCES == shipped, "run `python -m petaproses.site_templates`"
    modules = {p.name for p in site_templates.COMPILED.glob("*.py")} - {"__init__.py"}
    assert modules == {f"{site_templates.module_name(n)}.py" for n in shipped}
    if manifest.JINJA2 == site_templates.jinja2_version():  # another Jinja2 compiles from source (the next test)
        for name, text in site_templates.compiled_sources(SITE).items():
            module = site_templates.COMPILED / f"{site_templates.module_name(name)}.py"
            assert module.read_text(encoding="utf-8") == text, f"{name}: run `python -m petaproses.site_templates`"
        assert (site_templates.COMPILED / "__init__.py").read_text(encoding="utf-8") == site_templates.manifest_text(SITE)


def test_a_build_with_the_compiled_templates_writes_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(review_site, "_ENVS", {})  # no environment an earlier test compiled
    used = []
    real = site_templates._shipped_code
    monkeypatch.setattr(site_templates, "_shipped_code", lambda *a: used.append(real(*a)) or used[-1])
    assert main(["build", str(ROOT / "bench" / "onemap"), "-o", str(tmp_path / "a"), "--ulang"]) == 0
    if manifest.JINJA2 == site_templates.jinja2_version():
        assert len(used) >= 6 and all(code is not None for code in used)
    else:
        assert used and all(code is None for code in used)
    review_site._ENVS.clear()
    compiled = []  # every template compiled from its text
    monkeypatch.setattr(site_templates, "_shipped_code", lambda *a: compiled.append(a[0]))
    assert main(["build", str(ROOT / "bench" / "onemap"), "-o", str(tmp_path / "b"), "--ulang"]) == 0
    compared = filecmp.dircmp(tmp_path / "a", tmp_path / "b", ignore=[".petaproses", ".petaproses-build.json"])
    assert len(compiled) >= 6 and _differing(compared) == []
    assert any(p.suffix == ".html" for p in (tmp_path / "a").rglob("*"))


def _differing(compared: filecmp.dircmp) -> list[str]:
    found = compared.left_only + compared.right_only + compared.funny_files
    found += [f for f in compared.common_files
              if not filecmp.cmp(os.path.join(compared.left, f), os.path.join(compared.right, f), shallow=False)]
    for sub in compared.subdirs.values():
        found += _differing(sub)
    return found


def test_a_restyled_template_is_compiled_from_its_own_text(tmp_path):
    folder = tmp_path / "site"
    shutil.copytree(SITE, folder)
    base = folder / "base.html.j2"
    base.write_text(base.read_text(encoding="utf-8").replace("<head>", "<head><!-- gaya Pemda -->", 1),
                    encoding="utf-8")
    env = site_templates.environment(folder)
    assert "<!-- gaya Pemda -->" in env.get_template("base.html.j2").render()
    assert site_templates._shipped_code("base.html.j2", base.read_text(encoding="utf-8"), str(base)) is None
    page = folder / "page.html.j2"  # copied unchanged: still the shipped text
    found = site_templates._shipped_code("page.html.j2", page.read_text(encoding="utf-8"), str(page))
    assert (found is not None) == (manifest.JINJA2 == site_templates.jinja2_version())


def test_an_error_in_a_compiled_template_names_its_file_and_line(tmp_path):
    """A template's render error is reported at its .j2 file and line, the same for code compiled ahead."""
    class Broken:
        def __str__(self):
            raise jinja2.TemplateRuntimeError("rusak")

    where = []
    for shipped in (True, False):
        template = site_templates.environment(SITE, shipped=shipped).get_template("base.html.j2")
        assert template.filename == str(SITE / "base.html.j2")
        try:
            template.render(title=Broken())
        except jinja2.TemplateError as exc:
            where.append(str(review_site.template_error(exc, PACKAGE_TEMPLATES)))
    assert len(where) == 2 and where[0] == where[1] and f"{SITE / 'base.html.j2'}:6 " in where[0]


def test_without_a_known_jinja2_version_every_template_is_compiled_from_its_text(monkeypatch):
    """``jinja2.__version__`` is deprecated: the version comes from the package's metadata once it is gone,
    and when no version is known the shipped code is not used."""
    monkeypatch.delattr(jinja2, "__version__", raising=False)
    from importlib.metadata import version

    assert site_templates.jinja2_version.__wrapped__() == version("jinja2")
    monkeypatch.setattr(site_templates, "jinja2_version", lambda: None)
    base = SITE / "base.html.j2"
    assert site_templates._shipped_code("base.html.j2", base.read_text(encoding="utf-8"), str(base)) is None
