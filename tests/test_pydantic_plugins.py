"""The petaproses command builds its models without pydantic's plugin search (pydantic_plugins.py, installed by
``cli.run``): a `check` in a new process never imports importlib.metadata, and the stand-in loader still answers
anything else pydantic asks of it; petaproses imported as a library leaves pydantic's own loader in place.  Nor
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


def test_the_check_command_looks_for_no_pydantic_plugin():
    env = dict(os.environ, PETAPROSES_CACHE="0")  # no cache, no siaga to answer: this process does the check
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "petaproses", "check", str(PROCESSES)],
                          capture_output=True, text=True, timeout=120, env=env)
    imported = [line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")]
    assert done.returncode == 0, done.stderr[-2000:]
    assert "pydantic" in imported and "petaproses.model" in imported  # the models were built here
    assert "importlib.metadata" not in imported


def test_petaproses_as_a_library_keeps_pydantics_own_plugin_loader():
    got = _run("""
import json, sys
import pydantic
import petaproses.model
class Mine(pydantic.BaseModel):
    x: int
loader = sys.modules["pydantic.plugin._loader"]
print(json.dumps({"real": type(loader).__module__ != "petaproses.pydantic_plugins",
                  "file": loader.__file__.endswith("_loader.py"), "searched": "importlib.metadata" in sys.modules}))
""")
    assert got == {"real": True, "file": True, "searched": True}


def test_the_stand_in_gives_every_other_name_from_pydantics_own_loader():
    got = _run("""
import json, sys
from petaproses import pydantic_plugins
pydantic_plugins.install()
import petaproses.model
loader = sys.modules["pydantic.plugin._loader"]
print(json.dumps({"stand_in": type(loader).__module__, "plugins": list(loader.get_plugins()),
                  "group": loader.PYDANTIC_ENTRY_POINT_GROUP, "real": callable(loader._real.get_plugins),
                  "missing": hasattr(loader, "no_such_name")}))
""")
    assert got == {"stand_in": "petaproses.pydantic_plugins", "plugins": [], "group": "pydantic", "real": True,
                   "missing": False}


def test_a_loader_imported_before_petaproses_is_left_alone():
    got = _run("""
import json, sys
import pydantic.plugin._loader as real
from petaproses import pydantic_plugins
pydantic_plugins.install()
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
