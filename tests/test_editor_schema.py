"""The editor schema (issue 15 item 1): per catalogue, its ids as choices; checked with two independent tools,
check-jsonschema and yaml-language-server (what VS Code's YAML extension runs)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from petaproses.catalogue import load_catalogue
from petaproses.cli import main

from .conftest import PROCESSES, ROOT, require
from .lsp_client import LspClient

SERVER = ROOT / "tools" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
SOP = "setda/sop02-reviu-sop.yaml"


@pytest.fixture
def city(tmp_path, monkeypatch):
    shutil.copytree(PROCESSES, tmp_path / "processes")
    monkeypatch.chdir(tmp_path)
    assert main(["schema", "--katalog", "processes"]) == 0
    return tmp_path / "processes"


def jsonschema(schema, *files) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
                          capture_output=True, text=True)


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_sample_catalogue_passes_both_schemas(city):
    files = sorted(city.rglob("*.yaml"))
    for schema in (city / ".petaproses" / "skema.json", ROOT / "schema" / "petaproses.schema.json"):
        done = jsonschema(schema, *files)
        assert done.returncode == 0, done.stdout + done.stderr


def test_a_session_date_is_written_as_an_sops_day_in_the_schema_too(city):
    """A session dated day first ("25-11-2026", as check reads it) passes; a month alone, which check refuses, not."""
    session = city / "evaluasi" / "2026" / "2026-11-25-setda.yaml"
    text = session.read_text(encoding="utf-8")
    for date, passes in (("25-11-2026", True), ("25/11/2026", True), ("25 November 2026", True), ("2026-11", False)):
        session.write_text(text.replace("tanggal: 2026-11-25", f"tanggal: {date}", 1), encoding="utf-8")
        done = jsonschema(ROOT / "schema" / "petaproses.schema.json", session)
        assert (done.returncode == 0) == passes, (date, done.stdout + done.stderr)


def test_catalogue_schema_names_a_typo_and_the_ids_it_could_be(city):
    sop = city / SOP
    edit(sop, "pelaksana: kabag_org", "pelaksana: kabag_orgg")
    edit(sop, "Sesuai: rapat_reviu", "Sesuai: rapat_reviuu")
    assert main(["check", str(sop)]) == 1  # check refreshes the schema too (same ids: unchanged)
    done = jsonschema(city / ".petaproses" / "skema.json", sop)
    assert done.returncode == 1
    assert "$.kegiatan[" in done.stdout and "'kabag_orgg' is not one of [" in done.stdout
    assert "'kabag_org'" in done.stdout.split("'kabag_orgg' is not one of", 1)[1]
    verbose = jsonschema(city / ".petaproses" / "skema.json", "--verbose", sop)
    assert "'rapat_reviuu' is not one of" in verbose.stdout and "'selesai'" in verbose.stdout


def test_the_kind_is_chosen_by_jenis_so_the_message_is_about_that_kind(city):
    sop = city / SOP
    text = sop.read_text(encoding="utf-8")
    sop.write_text("\n".join(ln for ln in text.splitlines() if not ln.startswith("nomor:")) + "\n", encoding="utf-8")
    done = jsonschema(ROOT / "schema" / "petaproses.schema.json", sop)
    assert done.returncode == 1 and "'nomor' is a required property" in done.stdout
    assert "is not valid under any of the given schemas" not in done.stdout  # no oneOf of five kinds


def test_new_ids_reach_the_schema_when_check_runs(city):
    org = city / "organisasi.yaml"
    edit(org, "  pemohon: {nama: Pemohon, luar: true}\n",
         "  pemohon: {nama: Pemohon, luar: true}\n  verifikator: Verifikator Perizinan\n")
    schema = city / ".petaproses" / "skema.json"
    assert "verifikator" not in schema.read_text(encoding="utf-8")
    assert main(["check", str(city)]) == 0
    pelaksana = json.loads(schema.read_text(encoding="utf-8"))["$defs"]["Kegiatan"]["properties"]["pelaksana"]
    assert "verifikator" in pelaksana["anyOf"][0]["enum"]


def test_a_schema_made_for_these_ids_is_not_made_again(city, monkeypatch):
    """check on save reads the file's stamp: made from these ids by this petaproses, so the schema (~0.1 s
    for 1,000 SOPs) is not made again; a file changed by hand, a new id or another petaproses is."""
    from petaproses import schema as made_by

    path = city / ".petaproses" / "skema.json"
    fresh = path.read_bytes()
    assert fresh.startswith(b'{\n "$comment": "Dibuat petaproses dari katalog ini')
    made = []
    real = made_by._catalogue_schema
    monkeypatch.setattr(made_by, "_catalogue_schema", lambda ids: made.append(1) or real(ids))
    edit(city / SOP, "    uraian: ", "    uraian: Segera ")  # a step's text is not in the schema
    assert main(["check", str(city)]) == 0
    assert made == [] and path.read_bytes() == fresh
    path.write_bytes(fresh.replace(b'"Id langkah di berkas ini."', b'"Id langkah."', 1))  # the stamp kept
    assert main(["check", str(city)]) == 0
    assert made == [1] and path.read_bytes() == fresh
    path.write_bytes(fresh[:-2])  # cut short
    assert main(["check", str(city)]) == 0
    assert made == [1, 1] and path.read_bytes() == fresh
    edit(city / "organisasi.yaml", "  pemohon: {nama: Pemohon, luar: true}\n",
         "  pemohon: {nama: Pemohon, luar: true}\n  verifikator: Verifikator Perizinan\n")
    assert main(["check", str(city)]) == 0
    assert len(made) == 3 and b'"verifikator"' in path.read_bytes()
    again = path.read_bytes()
    monkeypatch.setattr(made_by, "_maker", lambda: b"another petaproses")
    edit(city / SOP, "    uraian: Segera ", "    uraian: ")  # a full check (the quick path refreshes nothing)
    assert main(["check", str(city)]) == 0
    assert len(made) == 4 and path.read_bytes() != again
    assert path.read_bytes().split(b"\n", 2)[2] == again.split(b"\n", 2)[2]  # the same schema, a new stamp


def test_a_petaproses_upgraded_while_it_runs_does_not_stamp_its_old_schema(city, monkeypatch):
    """serve and siaga run for hours: when the sources on disk change under them (an upgrade), the schema
    their old code makes must not carry the new code's stamp, or the next run would trust it."""
    from petaproses import schema as made_by

    path = city / ".petaproses" / "skema.json"
    fresh = path.read_bytes()
    loaded = made_by.SCHEMA_SOURCES_LOADED
    assert made_by._maker() is not None and loaded == made_by.schema_source_stats()
    monkeypatch.setattr(made_by, "SCHEMA_SOURCES_LOADED", tuple((size + 1, mtime) for size, mtime in loaded))
    made_by._maker.cache_clear()
    try:
        assert made_by._maker() is None
        path.write_bytes(fresh.replace(b'"Id langkah di berkas ini."', b'"Id langkah."', 1))
        assert main(["check", str(city)]) == 0
        written = path.read_bytes()
        assert written.split(b"\n", 2)[2] == fresh.split(b"\n", 2)[2]  # made again, the same schema
        assert not made_by._is_current(written, made_by._ids_key(made_by.catalogue_ids(load_catalogue([str(city)])[0])))
    finally:
        made_by._maker.cache_clear()
    monkeypatch.undo()
    assert main(["check", str(city)]) == 0  # the next run stamps it as its own
    assert path.read_bytes() == fresh


def test_the_schema_stamp_covers_every_module_the_schema_is_made_from():
    """The stamp digests the sources in schema.SOURCES: they must be every module of petaproses that the
    schema can come from, i.e. all that importing it loads (a model moved elsewhere would go unnoticed)."""
    from petaproses import schema

    code = ("import os, sys, petaproses.schema as s\n"
            "s._base(), s._maker()\n"
            "here = os.path.dirname(s.__file__)\n"
            "print('\\n'.join(sorted(os.path.relpath(m.__file__, here).replace(os.sep, '/') for n, m in "
            "list(sys.modules.items()) if n == 'petaproses' or n.startswith('petaproses.'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == sorted(schema.SOURCES)
    # their stats are taken when the package is imported, before any model is (siaga loads the models early)
    early = "import sys, petaproses as p; print(p.SCHEMA_SOURCES_LOADED is not None, 'petaproses.model' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", early], capture_output=True, text=True, check=True).stdout.split() == \
        ["True", "False"]


@pytest.fixture
def language_server(city):
    require("node")
    if not SERVER.is_file():
        if os.environ.get("CI"):
            pytest.fail("tools/node_modules is missing; .ci/run should have run npm ci in tools/")
        pytest.skip("tools/node_modules not installed")
    client = LspClient(["node", str(SERVER), "--stdio"], city)
    yield client
    client.close()


def test_vscode_yaml_completes_and_flags_the_catalogues_ids(city, language_server):
    target = city / "setda" / "sop-baru.yaml"
    assert main(["new", "sop", str(target)]) == 0
    assert language_server.open(target) == []  # the starter: nothing to flag
    lines = target.read_text(encoding="utf-8").splitlines()
    row = next(i for i, ln in enumerate(lines) if ln.startswith("    pelaksana: "))
    offered = language_server.complete(target, row, len("    pelaksana: "))
    assert {"kabag_org", "analis_kelembagaan", "kadis_dpmptsp"} <= set(offered)
    assert main(["check", str(target)]) == 0  # now the schema knows this file's steps
    assert reopen(language_server, target) == []
    edit(target, lines[row], lines[row].replace("pelaksana: ", "pelaksana: kabag_orgx  # "))
    edit(target, "      Lengkap: setujui", "      Lengkap: setujuii")
    found = reopen(language_server, target)
    places = sorted((d["range"]["start"]["line"], d["range"]["start"]["character"]) for d in found)
    branch = next(i for i, ln in enumerate(target.read_text(encoding="utf-8").splitlines()) if "setujuii" in ln)
    assert places == [(row, 15), (branch, 15)], found
    assert all(d["severity"] == 1 for d in found)
    assert "kabag_org" in found[0]["message"] and '"setujui"' in found[1]["message"]


def reopen(client: LspClient, path) -> list[dict]:
    """Tell the server what the editor would after a save and a check: the schema file changed, the text
    changed; return the new diagnostics."""
    schema = path.parents[1] / ".petaproses" / "skema.json"
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": schema.as_uri(), "type": 2}]})
    return client.change(path)
