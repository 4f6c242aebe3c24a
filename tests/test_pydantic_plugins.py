"""petaproses builds its models without pydantic's plugin search (pydantic_plugins.py): a `check` in a new process
never imports importlib.metadata, and the stand-in loader still answers anything else pydantic asks of it.  Nor
does pydantic parse a builtin's text signature for a field's ``default_factory`` (model.new_list, new_dict)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from .conftest import PROCESSES


def _run(code: str) -> dict:
    env = dict(os.environ, PETAPROSES_CACHE="0")  # no cache, no siaga to answer: this process does the check
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_check_in_a_new_process_looks_for_no_pydantic_plugin():
    got = _run(f"""
import contextlib, io, json, sys
from petaproses import cli
with contextlib.redirect_stdout(io.StringIO()):
    try:
        code = cli.main(["check", {str(PROCESSES)!r}])
    except SystemExit as exc:
        code = exc.code
loader = sys.modules["pydantic.plugin._loader"]
print(json.dumps({{"code": code, "metadata": "importlib.metadata" in sys.modules,
                  "stand_in": type(loader).__module__, "plugins": list(loader.get_plugins())}}))
""")
    assert got == {"code": 0, "metadata": False, "stand_in": "petaproses.pydantic_plugins", "plugins": []}


def test_the_stand_in_gives_every_other_name_from_pydantics_own_loader():
    got = _run("""
import json, sys
import petaproses.model
loader = sys.modules["pydantic.plugin._loader"]
print(json.dumps({"group": loader.PYDANTIC_ENTRY_POINT_GROUP, "real": callable(loader._real.get_plugins),
                  "missing": hasattr(loader, "no_such_name")}))
""")
    assert got == {"group": "pydantic", "real": True, "missing": False}


def test_a_loader_imported_before_petaproses_is_left_alone():
    got = _run("""
import json, sys
import pydantic.plugin._loader as real
import petaproses.model
print(json.dumps({"same": sys.modules["pydantic.plugin._loader"] is real}))
""")
    assert got == {"same": True}


def test_building_the_models_parses_no_builtins_text_signature():
    got = _run(f"""
import contextlib, inspect, io, json
seen = []
parse = inspect._signature_fromstr
def spy(cls, obj, *args, **kwargs):
    seen.append(getattr(obj, "__qualname__", repr(obj)))
    return parse(cls, obj, *args, **kwargs)
inspect._signature_fromstr = spy
from petaproses import cli
with contextlib.redirect_stdout(io.StringIO()):
    try:
        code = cli.main(["check", {str(PROCESSES)!r}])
    except SystemExit as exc:
        code = exc.code
print(json.dumps({{"code": code, "parsed": seen}}))
""")
    assert got == {"code": 0, "parsed": []}
