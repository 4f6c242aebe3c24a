"""The VS Code tasks shipped in .vscode/tasks.json: `petaproses siaga` on folder open, and a check of the open
file whose findings reach the Problems panel through the tasks' problem matchers.

The matchers' patterns (JavaScript regular expressions, written so that Python reads them the same) are applied
to real `check` output: every finding line is taken by exactly one matcher, with its file, line, column, code,
message and severity (a warning by the `[peringatan]` tag, else an error); the summary line by none.
"""

from __future__ import annotations

import json
import re
import shutil

from petaproses.cli import main

from .conftest import FIXTURES, PROCESSES, ROOT

TASKS = json.loads((ROOT / ".vscode" / "tasks.json").read_text(encoding="utf-8"))["tasks"]


def _task(label: str) -> dict:
    return next(t for t in TASKS if t["label"] == label)


def _matchers() -> list[tuple[re.Pattern, dict, str]]:
    found = []
    for m in _task("petaproses check: berkas ini")["problemMatcher"]:
        assert m["fileLocation"] == ["relative", "${workspaceFolder}"]
        found.append((re.compile(m["pattern"]["regexp"]), m["pattern"], m["severity"]))
    return found


def test_the_tasks_run_the_commands_the_readme_names():
    siaga, check, build = _task("petaproses siaga"), _task("petaproses check: berkas ini"), _task("petaproses build")
    assert siaga["args"] == ["siaga"] and siaga["isBackground"] and siaga["runOptions"] == {"runOn": "folderOpen"}
    assert check["args"] == ["check", "${relativeFile}"]
    assert build["args"] == ["build"] and build["group"] == {"kind": "build", "isDefault": True}  # Ctrl+Shift+B
    assert build["problemMatcher"] == check["problemMatcher"]  # a build prints its findings as check does
    for task in (siaga, check, build):  # the virtualenv `./run build` makes, and the Windows steps of the README
        assert task["command"] == "${workspaceFolder}/.venv/bin/petaproses"
        assert task["windows"]["command"] == "${workspaceFolder}\\.venv\\Scripts\\petaproses.exe"


def test_every_finding_reaches_the_problems_panel(tmp_path, monkeypatch, capsys):
    """Findings of every level and code family, from the rule fixtures and a broken copy of the samples."""
    cat = tmp_path / "processes"
    shutil.copytree(PROCESSES, cat)
    sop = cat / "setda" / "sop02-reviu-sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("ke: cek_format", "ke: cek_formatt", 1), encoding="utf-8")
    (cat / "setda" / "rusak.yaml").write_text("jenis: [sop\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "--tanpa-cache", "processes", str(FIXTURES / "nyata")])
    out, err = capsys.readouterr()
    lines = out.splitlines()
    levels = set()
    for line in lines:
        taken = [(m, pattern, severity) for regexp, pattern, severity in _matchers() if (m := regexp.match(line))]
        assert len(taken) == 1, line
        m, pattern, severity = taken[0]
        path, row, column, code, message = (m.group(pattern[k]) for k in ("file", "line", "column", "code",
                                                                         "message"))
        assert line == f"{path}:{row}:{column}: {code}: " + ("[peringatan] " if severity == "warning" else "") + message
        assert (tmp_path / path).is_file(), path  # relative to the folder of the command, or absolute
        levels.add((severity, code))
    severities = {s for s, _ in levels}
    assert severities == {"warning", "error"}, levels  # both kinds were seen
    assert ("error", "yaml-syntax") in levels and ("error", "unknown-step") in levels
    summary = err.strip().splitlines()[-1]
    assert "berkas diperiksa" in summary and not any(r.match(summary) for r, _, _ in _matchers())
