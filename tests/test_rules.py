"""Every finding code, one rule at a time, on its own fixtures (tests/rules/<code>/), and the table of codes.

A fixture folder per code holds ``valid*.yaml`` (the code must not fire) and ``invalid-*.yaml`` (it fires at
exactly the positions the file's ``# expect: LINE:COLUMN [text in the message]`` lines name).  A fixture is
checked inside a small context catalogue (tests/rules/_katalog: the organisation file, the register of
regulations and maps whose codes fixtures may link to) unless it says ``# context: none``; an organisation
fixture replaces the context's organisation file, a register fixture its register; a folder ``invalid-*/`` is several files checked together (its other files, e.g. a logo, go beside the organisation file; a file there that says ``# expect: none``, e.g. the organisation an SOP reads, must have no finding).  Only the fixture's own rule
runs (loader codes: the loader), so a new rule never breaks another rule's fixtures.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from petaproses import rules
from petaproses.catalogue import load_catalogue
from petaproses.check import check
from petaproses.problems import Problem
from petaproses.rules.presets import PRESETS, apply_preset
from petaproses.rules.table import CODES, LOADER, RULE, TABLE, markdown, with_table

from .conftest import ROOT

FIXTURES = Path(__file__).resolve().parent / "rules"
CONTEXT = FIXTURES / "_katalog"
SOURCE = ROOT / "src" / "petaproses"
_EXPECT = re.compile(rb"^# expect: (\d+):(\d+)(?: (.*))?$")

# codes whose case is not one file in a catalogue, and the test that covers each instead
ELSEWHERE = {
    "file-not-found": "test_file_not_found",
    "file-too-large": "test_file_too_large",
    "internal-error": "test_a_failing_rule_is_an_internal_finding_and_the_others_still_run",
    "different-process": "test_banding_of_two_different_processes_warns",
    "ignore-comment": "test_a_warning_is_silenced_on_its_line_or_from_the_line_above_and_only_there",
}


def _fixtures() -> list:
    cases = []
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir() and not p.name.startswith("_")):
        for case in sorted(folder.iterdir()):
            cases.append(pytest.param(folder.name, case, id=f"{folder.name}/{case.name}"))
    return cases


def _expectations(path: Path) -> tuple[list[tuple[int, int, str]], bool]:
    """Return the (line, column, message text) a fixture file expects, and whether it wants the context."""
    expected, context = [], True
    for raw in path.read_bytes().splitlines():
        if not raw.startswith(b"#"):
            break
        if m := _EXPECT.match(raw):
            expected.append((int(m[1]), int(m[2]), (m[3] or b"").decode("utf-8")))
        context = context and raw.strip() != b"# context: none"
    return expected, context


def run_fixture(code: str, case: Path, tmp_path: Path) -> tuple[dict[Path, list[Problem]], list[Problem]]:
    """Check ``case`` with its rule alone; return the findings of ``code`` per fixture file, and loader errors."""
    catalogue = tmp_path / "katalog"
    files = sorted(case.glob("*.yaml")) if case.is_dir() else [case]
    if all(_expectations(f)[1] for f in files):
        shutil.copytree(CONTEXT, catalogue)
    placed: dict[Path, Path] = {}
    for f in files:
        if b"\njenis: organisasi\n" in b"\n" + f.read_bytes():
            target = catalogue / "organisasi.yaml"
        elif b"\njenis: peraturan\n" in b"\n" + f.read_bytes():  # replaces the context's register too
            target = catalogue / "peraturan.yaml"
        elif b"\njenis: aplikasi\n" in b"\n" + f.read_bytes():  # a register replaces the context's register
            target = catalogue / "aplikasi.yaml"
        else:
            target = catalogue / "uji" / (case.name if case.is_dir() else "") / f.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
        placed[f] = target
    for extra in sorted(case.iterdir()) if case.is_dir() else []:  # e.g. a logo: beside the organisation file
        if extra.suffix != ".yaml":
            catalogue.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(extra, catalogue / extra.name)
    cat, loader = load_catalogue([str(catalogue)])
    found = rules.validate(cat, only=[code]) if code in rules.BY_CODE else loader
    by_file = {f: [p for p in found if p.code == code and Path(p.path) == target] for f, target in placed.items()}
    errors = [p for p in loader if p.is_error and Path(p.path) in placed.values()]
    return by_file, errors


@pytest.mark.parametrize("code, case", _fixtures())
def test_rule_on_its_fixture(code, case, tmp_path):
    assert code in CODES, f"tests/rules/{code}/ is not a code of rules/table.py"
    by_file, loader_errors = run_fixture(code, case, tmp_path)
    if code in rules.BY_CODE:  # a rule's fixture must load, or the rule never sees it
        assert loader_errors == [], [p.format() for p in loader_errors]
    for fixture, found in by_file.items():
        expected, _ = _expectations(fixture)
        if case.name.startswith("valid") or fixture.read_bytes().startswith(b"# expect: none\n"):
            assert expected == [] and found == [], [p.format() for p in found]
            continue
        assert expected, f"{fixture} names no '# expect: LINE:COLUMN'"
        assert sorted((p.line, p.column) for p in found) == sorted((line, col) for line, col, _ in expected), \
            [p.format() for p in found]
        for line, col, text in expected:
            [p] = [p for p in found if (p.line, p.column) == (line, col)]
            assert text in p.message and p.level == CODES[code].level


def test_every_code_has_fixtures_or_a_named_test():
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir() and not p.name.startswith("_")}
    for c in TABLE:
        if c.code in ELSEWHERE:
            continue
        assert c.code in folders, f"no fixtures for {c.code}: add tests/rules/{c.code}/"
        names = [p.name for p in (FIXTURES / c.code).iterdir()]
        assert any(n.startswith("valid") for n in names) and any(n.startswith("invalid-") for n in names), c.code
    assert folders <= set(CODES)


def test_the_context_catalogue_is_clean():
    _, problems = check([str(CONTEXT)])
    assert [p.format() for p in problems] == []


def test_every_rule_module_is_registered_and_in_the_table():
    modules = {p.stem for p in (SOURCE / "rules").glob("*.py")} - {"__init__", "__main__", "table", "presets", "helpers"}
    assert {m.__name__.rsplit(".", 1)[1] for m in rules.RULES} == modules
    for rule in rules.RULES:
        assert rule.__name__.endswith("." + rule.CODE.replace("-", "_"))
        assert CODES[rule.CODE].raised_by == RULE
        assert rule.__doc__ and rule.__doc__.startswith(rule.CODE + ":")
    assert {c.code for c in TABLE if c.raised_by == RULE} == set(rules.BY_CODE)


def _code_literals() -> dict[str, set[str]]:
    """Return every finding code written in the source (outside the table), with the files it is in."""
    shape = re.compile(r"^[a-z]+(-[a-z]+)+$")
    found: dict[str, set[str]] = {}
    for path in SOURCE.rglob("*.py"):
        if path.name == "table.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            values: list = []
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                    "Problem", "fail", "at"):
                values = [a for a in node.args if isinstance(a, ast.Constant)]
                values += [k.value for k in node.keywords if k.arg == "code" and isinstance(k.value, ast.Constant)]
            elif isinstance(node, ast.Assign) and any(getattr(t, "id", "") in ("CODE", "INTERNAL") for t in node.targets):
                values = [node.value]
            for v in values:
                if isinstance(v, ast.Constant) and isinstance(v.value, str) and shape.match(v.value):
                    found.setdefault(v.value, set()).add(str(path.relative_to(SOURCE)))
    return found


def test_every_code_in_the_source_is_in_the_table_and_back():
    written = _code_literals()
    assert sorted(set(written) - set(CODES)) == [], "codes raised but missing from rules/table.py"
    text = "\n".join(p.read_text(encoding="utf-8") for p in SOURCE.rglob("*.py") if p.name != "table.py")
    assert [c.code for c in TABLE if f'"{c.code}"' not in text] == [], "table rows no code raises"
    assert {c for c, files in written.items() if any(f.startswith("rules/") for f in files)} <= \
        {c.code for c in TABLE if c.raised_by != LOADER}


def test_readme_table_of_codes_is_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert with_table(readme) == readme, "README is stale: run `python -m petaproses.rules README.md`"
    assert markdown() in readme


def test_table_rows_are_complete_and_levels_known():
    assert len({c.code for c in TABLE}) == len(TABLE)
    for c in TABLE:
        assert c.level in ("galat", "peringatan") and c.meaning and c.example and c.fix, c.code


# ------------------------------------------------------------------------------------------- engine
def test_a_failing_rule_is_an_internal_finding_and_the_others_still_run(tmp_path, monkeypatch):
    shutil.copytree(CONTEXT, tmp_path / "k")
    bad = tmp_path / "k" / "uji.yaml"
    bad.write_text((FIXTURES / "unknown-pelaksana" / "invalid-typo.yaml").read_text(encoding="utf-8"), encoding="utf-8")

    def broken(cat, doc):
        yield from ()
        raise RuntimeError("boom")

    monkeypatch.setattr(rules.single_actor, "check", broken)
    _, problems = check([str(tmp_path / "k")])
    internal = [p for p in problems if p.code == "internal-error"]
    assert len(internal) == 4  # one per map; the organisation file has no single-actor check
    p = next(p for p in internal if Path(p.path) == bad)
    assert (p.line, p.column, p.level) == (1, 1, "galat")
    assert "aturan 'single-actor' gagal" in p.message and "RuntimeError: boom" in p.message
    # (the fixture writes no identity and no times: those two rules find that, as they should)
    assert [q.code for q in problems if Path(q.path) == bad and q.code not in ("internal-error", "empty-identity",
                                                                                 "no-times")] == ["unknown-pelaksana"]


def test_internal_finding_exits_3_after_printing_every_finding(tmp_path, monkeypatch, capsys):
    from petaproses.cli import main

    shutil.copytree(CONTEXT, tmp_path / "k")
    monkeypatch.setattr(rules.unknown_unit, "check", lambda cat, doc: 1 / 0)
    assert main(["check", str(tmp_path / "k")]) == 3
    out = capsys.readouterr().out
    assert "internal-error: aturan 'unknown-unit' gagal" in out and "ZeroDivisionError" in out


def test_file_not_found(tmp_path):
    _, [p] = check([str(tmp_path / "tidak-ada")])
    assert (p.code, p.line, p.column) == ("file-not-found", 1, 1)


def test_file_too_large(tmp_path):
    (tmp_path / "besar.yaml").write_bytes(b"jenis: sop\n" + b"x" * 2_100_000 + b"\n")
    _, [p] = check([str(tmp_path / "besar.yaml")])
    assert (p.code, p.line, p.column, p.level) == ("file-too-large", 1, 1, "galat")


def test_banding_of_two_different_processes_warns(tmp_path):
    from petaproses.compare import compare

    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", tmp_path / "k")
    old = tmp_path / "k" / "sop.yaml"
    new = tmp_path / "k" / "lain.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("kode: PD.UNIT.01", "kode: PD.UNIT.02"), encoding="utf-8")
    result, problems = compare(str(old), str(new))
    [p] = [p for p in problems if p.code == "different-process"]
    assert result is not None and (p.path, p.line, p.column, p.level) == (str(new), 3, 7, "peringatan")
    assert "PD.UNIT.01 dan sop PD.UNIT.02" in p.message


# ------------------------------------------------------------------------------------------- presets
def test_ketat_raises_every_warning_and_nothing_else():
    warnings = {c.code for c in TABLE if c.level == "peringatan"}
    assert set(PRESETS["ketat"]) == warnings and set(PRESETS["ketat"].values()) == {"galat"}
    found = [Problem("a.yaml", 1, 1, "single-actor", "x", "peringatan"), Problem("a.yaml", 2, 1, "unknown-unit", "y")]
    assert [p.level for p in apply_preset(found, "ketat")] == ["galat", "galat"]
    assert apply_preset(found) == found


def test_warnings_do_not_count_as_errors():
    warning = Problem("a.yaml", 1, 1, "single-actor", "x", "peringatan")
    assert not rules.has_errors([warning]) and rules.has_errors([warning, Problem("a.yaml", 2, 1, "unknown-unit", "y")])


def test_ketat_in_the_cli_reports_warnings_as_errors(tmp_path, capsys):
    from petaproses.cli import main

    shutil.copytree(CONTEXT, tmp_path / "k")
    shutil.copy(FIXTURES / "single-actor" / "invalid-one-actor.yaml", tmp_path / "k" / "uji.yaml")
    assert main(["check", str(tmp_path / "k")]) == 0
    assert "single-actor: [peringatan] SOP hanya punya satu pelaksana" in capsys.readouterr().out
    assert main(["check", "--ketat", str(tmp_path / "k")]) == 1
    out, err = capsys.readouterr()
    assert "single-actor: SOP hanya punya satu pelaksana" in out and " galat, 0 peringatan" in err
    assert int(err.split(" galat")[0].split()[-1]) == len(out.splitlines())  # every warning counted as an error


def test_aturan_lists_and_explains_codes(capsys):
    from petaproses.cli import main

    assert main(["aturan"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(TABLE) and lines[0].split()[:2] == ["yaml-syntax", "galat"]
    assert main(["aturan", "unknown-pelaksana"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("unknown-pelaksana (galat)") and "kabag_orgg" in out and "perbaikan:" in out
    assert main(["aturan", "unknown-pelaksna"]) == 2
    assert "maksud Anda 'unknown-pelaksana'?" in capsys.readouterr().err


def test_unresolved_link_never_suggests_the_files_own_code(tmp_path):
    """A map whose parent is not written yet read "maksud Anda 'PD.LF.KK.03'?", its own code, which following
    gives "menunjuk ke berkas ini sendiri" (review M 13)."""
    case = FIXTURES / "unresolved-link" / "invalid-parent-near-own-code.yaml"
    by_file, _ = run_fixture("unresolved-link", case, tmp_path)
    [problem] = by_file[case]
    assert "UJI.LF.KK.03" not in problem.message, problem.message
