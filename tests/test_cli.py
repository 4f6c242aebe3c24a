"""The command line: exit codes, output formats, starter files, the committed JSON Schema."""

from __future__ import annotations

import json
import shutil

import pytest

from petaproses.build import check
from petaproses.cli import main
from petaproses.schema import schema_text

from .conftest import FIXTURES, ROOT


def test_schema_is_up_to_date():
    committed = (ROOT / "schema" / "petaproses.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "schema/ is stale: run `petaproses schema` and commit the result"


def test_schema_accepts_the_sample_catalogue_shape():
    schema = json.loads(schema_text())
    kinds = {m["properties"]["jenis"].get("const") or tuple(m["properties"]["jenis"].get("enum", []))
             for m in schema["$defs"].values() if "jenis" in m.get("properties", {})}
    assert {"organisasi", "sop", "peta-lintas-fungsi", "peta-sub-proses"} <= {k for k in kinds if isinstance(k, str)}


def test_check_clean_exits_0(capsys):
    assert main(["check", str(FIXTURES / "mini")]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "0 galat, 0 peringatan" in err


def test_check_errors_exit_1_with_located_lines(tmp_path, capsys):
    shutil.copytree(FIXTURES / "mini", tmp_path / "cat")
    sop = tmp_path / "cat" / "sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("pelaksana: kasubag_umum", "pelaksana: kasubag_umm"),
                   encoding="utf-8")
    assert main(["check", str(tmp_path / "cat")]) == 1
    out, err = capsys.readouterr()
    line = next(ln for ln in out.splitlines() if "unknown-pelaksana" in ln)
    assert line.startswith(f"{sop}:") and "maksud Anda 'kasubag_umum'?" in line
    assert "1 galat" in err


def test_the_command_hands_over_all_its_output_and_its_exit_code(tmp_path):
    """The console command ends without freeing every object (cli.run): what it printed still arrives whole,
    more than a pipe holds, with the exit code of ``main`` and atexit handlers run."""
    import subprocess
    import sys

    shutil.copytree(FIXTURES / "mini", tmp_path / "cat")
    sop = tmp_path / "cat" / "sop.yaml"
    text = sop.read_text(encoding="utf-8").replace("pelaksana: kasubag_umum", "pelaksana: kasubag_umm")
    for k in range(300):  # each copy: a finding, some 360 bytes of output
        (tmp_path / "cat" / f"sop{k}.yaml").write_text(text.replace("kode: ", f"kode: X{k}", 1), encoding="utf-8")
    hook = tmp_path / "hook.py"
    hook.write_text("import atexit, sys\nfrom petaproses.cli import run\n"
                    "atexit.register(lambda: print('atexit ran', file=sys.stderr))\nrun()\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(hook), "check", "--tanpa-cache", "--format", "json",
                           str(tmp_path / "cat")], capture_output=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    found = json.loads(proc.stdout)
    assert len(proc.stdout) > 70_000 and len(found) >= 300
    assert proc.stderr.decode().rstrip().endswith("atexit ran")


def test_one_command_runs_no_cyclic_collection_but_serve_and_siaga_do(tmp_path, monkeypatch):
    """cli.run turns the cyclic collector off for the one command it runs (its passes free next to nothing,
    ~60 ms of an edit rebuild of 1,000 SOPs); `serve` and `siaga`, which run for hours, turn it on again."""
    import gc
    import subprocess
    import sys

    from petaproses import resident, serve

    hook = tmp_path / "hook.py"
    hook.write_text("import atexit, gc, sys\nfrom petaproses.cli import run\npasses = []\n"
                    "gc.callbacks.append(lambda phase, info: phase == 'stop' and passes.append(info['generation']))\n"
                    "atexit.register(lambda: print('passes', len(passes), gc.isenabled(), file=sys.stderr))\n"
                    "run()\n", encoding="utf-8")
    shutil.copytree(ROOT / "processes", tmp_path / "cat")
    for args in (["check", "--tanpa-cache", str(tmp_path / "cat")],
                 ["build", str(tmp_path / "cat" / "setda"), "-o", str(tmp_path / "out")]):
        proc = subprocess.run([sys.executable, str(hook), *args], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert proc.stderr.rstrip().endswith("passes 0 False"), proc.stderr[-500:]
    seen = []
    monkeypatch.setattr(serve, "serve", lambda *a, **k: seen.append(("serve", gc.isenabled())))
    monkeypatch.setattr(resident, "serve", lambda *a, **k: seen.append(("siaga", gc.isenabled())))
    monkeypatch.setenv("PETAPROSES_CACHE", str(tmp_path / "cache"))
    gc.disable()
    try:
        assert main(["serve", str(tmp_path / "cat")]) == 0
        gc.disable()
        assert main(["siaga"]) == 0
    finally:
        gc.enable()
    assert seen == [("serve", True), ("siaga", True)]


def test_check_json(tmp_path, capsys):
    (tmp_path / "x.yaml").write_text("jenis: sopp\n", encoding="utf-8")
    assert main(["check", "--format", "json", str(tmp_path)]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["code"] == "invalid-value" and rows[0]["line"] == 1 and rows[0]["level"] == "error"


def test_strict_turns_warnings_into_failure(tmp_path):
    shutil.copytree(FIXTURES / "mini", tmp_path / "cat")
    sop = tmp_path / "cat" / "sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").replace("Menyetujui permohonan", "Kepala menyetujui permohonan"),
                   encoding="utf-8")
    assert main(["check", str(tmp_path / "cat")]) == 0
    assert main(["check", "--ketat", str(tmp_path / "cat")]) == 1


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "xml"])
    assert exc.value.code == 2
    assert "galat" in capsys.readouterr().err


@pytest.mark.parametrize("args, missing", [(["ubah-jabatan", "kasubag"], "BARU"), (["ubah-jabatan"], "LAMA, BARU"),
                                           (["ubah-peraturan", "perwal_48_2024"], "BARU")])
def test_a_missing_argument_is_named_alone_not_the_optional_paths(capsys, args, missing):
    """Tester: `ubah-jabatan LAMA` said "wajib diisi: BARU, JALUR" though JALUR may be left out."""
    with pytest.raises(SystemExit) as exc:
        main(args)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and err.endswith(f"galat: argumen berikut wajib diisi: {missing}\n"), err


def test_help_is_indonesian(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "penggunaan:" in out and "periksa berkas YAML" in out
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("penggunaan: petaproses check") and "opsi:" in out


@pytest.mark.parametrize("kind", ["sop", "peta-lintas-fungsi", "peta-sub-proses", "peta-level-1", "peraturan"])
def test_new_writes_a_valid_commented_starter(tmp_path, kind):
    shutil.copy(FIXTURES / "mini" / "organisasi.yaml", tmp_path / "organisasi.yaml")
    shutil.copy(FIXTURES / "mini" / "logo.png", tmp_path / "logo.png")
    target = tmp_path / f"{kind}.yaml"
    assert main(["new", kind, str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.count("#") >= 3
    _, problems = check([str(tmp_path)])
    # starters point at codes the user has yet to write: only unresolved links may remain
    assert {p.code for p in problems} <= {"unresolved-link"}, [p.format() for p in problems]
    assert main(["new", kind, str(target)]) == 2  # refuses to overwrite


def test_build_refuses_to_write_with_errors(tmp_path):
    (tmp_path / "x.yaml").write_text("jenis: sop\n", encoding="utf-8")
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    top = readme.split("## Windows")[0]
    assert "./run build" in top and "./run test" in top
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert [ln for ln in ci.splitlines() if ln.startswith("exec ")] == ["exec ./run test"]


def test_check_one_file_sees_its_catalogue(tmp_path, capsys):
    shutil.copytree(ROOT / "processes", tmp_path / "processes")
    sop = next((tmp_path / "processes" / "setda").glob("sop02*.yaml"))
    assert main(["check", str(sop)]) == 0
    assert "1 berkas diperiksa: 0 galat" in capsys.readouterr().err
    sop.write_text(sop.read_text(encoding="utf-8").replace("pelaksana: kabag_org", "pelaksana: kabag_orgg", 1),
                   encoding="utf-8")
    assert main(["check", str(tmp_path / "processes" / "setda")]) == 1
    out = [line for line in capsys.readouterr().out.splitlines() if "[peringatan]" not in line]
    assert len(out) == 1 and "unknown-pelaksana" in out[0] and "maksud Anda 'kabag_org'?" in out[0]


@pytest.mark.parametrize("name, broken, line", [
    ("page.html.j2", "{% block main %}{% if %}", 2),  # does not compile
    ("index.html.j2", "{% block main %}{{ tidak.ada }}", None),  # fails while the index renders
])
def test_a_broken_site_template_is_a_clear_error(tmp_path, monkeypatch, capsys, name, broken, line):
    """A Pemda's restyled site template that is wrong says which file and line, never a traceback; one that
    is missing is the shipped one (review Z: a copy need not hold every file)."""
    monkeypatch.chdir(tmp_path)
    assert main(["templat"]) == 0
    gone = tmp_path / "templates" / "site" / "dampak.html.j2"
    kept = gone.read_bytes()
    gone.unlink()
    capsys.readouterr()
    assert main(["build", str(FIXTURES / "mini"), "-o", str(tmp_path / "out")]) == 0
    gone.write_bytes(kept)
    template = tmp_path / "templates" / "site" / name
    text = template.read_text(encoding="utf-8")
    assert "{% block main %}" in text
    template.write_text(text.replace("{% block main %}", broken, 1), encoding="utf-8")
    capsys.readouterr()
    at = text.splitlines().index(next(t for t in text.splitlines() if "{% block main %}" in t)) + 1
    if line:  # one that does not compile is a finding of check, and build refuses it before writing (review Z)
        assert main(["build", str(FIXTURES / "mini"), "-o", str(tmp_path / "out")]) == 1
        said = capsys.readouterr()
        assert f"templates/site/{name}:{line}:1: invalid-value: templat bukan Jinja2 yang sah" in said.out, said.out
        assert "tidak ada yang ditulis" in said.err
        err = said.err
    else:  # one that fails only while a page renders: the build says where
        assert main(["build", str(FIXTURES / "mini"), "-o", str(tmp_path / "out")]) == 3
        err = capsys.readouterr().err
        assert f"templat situs templates/site/{name}:{at} tidak valid" in err, err
    assert "Traceback" not in err and "galat internal" not in err


def test_templat_copies_the_shipped_templates_and_the_copy_restyles_the_site(tmp_path, monkeypatch, capsys):
    from petaproses.build import build
    from petaproses.paths import PACKAGE_TEMPLATES

    monkeypatch.chdir(tmp_path)
    assert main(["templat"]) == 0
    shipped = sorted(p.relative_to(PACKAGE_TEMPLATES) for p in PACKAGE_TEMPLATES.rglob("*") if p.is_file())
    assert shipped and all((tmp_path / "templates" / rel).read_bytes() == (PACKAGE_TEMPLATES / rel).read_bytes()
                           for rel in shipped)
    assert main(["templat"]) == 2 and "--timpa" in capsys.readouterr().err  # never overwrites silently
    css = tmp_path / "templates" / "site" / "gaya.css"
    css.write_text("/* gaya Pemda */\n", encoding="utf-8")
    assert not build([str(FIXTURES / "mini")], str(tmp_path / "out"), only=["bpmn"]).failed
    assert (tmp_path / "out" / "aset" / "gaya.css").read_text(encoding="utf-8") == "/* gaya Pemda */\n"
    assert main(["templat", "--timpa"]) == 0 and css.read_bytes() == (PACKAGE_TEMPLATES / "site" / "gaya.css").read_bytes()


def test_schema_rewrites_its_own_file_and_asks_before_replacing_another(tmp_path, monkeypatch, capsys):
    """`schema` writes its file again unasked (it is made from the model); a file that is not a petaproses schema,
    or a link, stays unless --timpa is given."""
    import os

    from petaproses.schema import schema_text

    monkeypatch.chdir(tmp_path)
    assert main(["schema"]) == 0 and main(["schema"]) == 0  # the default path, made then made again
    assert (tmp_path / "schema" / "petaproses.schema.json").read_text(encoding="utf-8") == schema_text()
    other = tmp_path / "catatan.json"
    for text in ("penting\n", '{"title": "petaproses"}\n', "[" * 100_000):  # not a schema of ours
        other.write_text(text, encoding="utf-8")
        assert main(["schema", "-o", str(other)]) == 2
        assert "bukan skema petaproses; pakai --timpa" in capsys.readouterr().err
        assert other.read_text(encoding="utf-8") == text
    os.symlink("hilang.json", tmp_path / "tautan.json")
    assert main(["schema", "-o", "tautan.json"]) == 2 and os.readlink(tmp_path / "tautan.json") == "hilang.json"
    assert main(["schema", "-o", str(other), "--timpa"]) == 0
    assert other.read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize("name", ["", "logo.png"])
def test_check_with_nothing_to_check_warns(tmp_path, monkeypatch, capsys, name):
    monkeypatch.setenv("PETAPROSES_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "katalog"
    folder.mkdir()
    (folder / "catatan.txt").write_text("bukan YAML\n", encoding="utf-8")
    if name == "logo.png":  # a file of a catalogue that is not YAML
        shutil.copytree(FIXTURES / "mini", folder, dirs_exist_ok=True)
    assert main(["check", str(folder / name) if name else str(folder)]) == 0  # no finding: exit codes unchanged
    err = capsys.readouterr().err.strip().splitlines()
    assert "tidak ada berkas YAML" in err[0] and "peringatan" in err[0]
    assert err[-1] == "0 berkas diperiksa: 0 galat, 0 peringatan"


def test_a_command_run_inside_its_catalogue_reads_that_catalogue(tmp_path, monkeypatch, capsys):
    """Review U: a user who went into the catalogue's folder and ran the command a warning suggested
    (`petaproses ubah-jabatan A B --tulis`, `petaproses check`) got "'processes' tidak ditemukan" (rc 2): with no
    path and no processes/ here, a folder holding organisasi.yaml is the catalogue; elsewhere the finding says
    how to name one."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "katalog")
    monkeypatch.chdir(tmp_path / "katalog")
    assert main(["check"]) == 0
    assert "2 berkas diperiksa" in capsys.readouterr().err
    main(["ubah-jabatan", "staf_pelaksana", "kepala_dinas"])  # read this catalogue: the post is not removed yet
    said = capsys.readouterr()
    assert "'staf_pelaksana' belum diberi 'dihapus'" in said.err and "tidak ditemukan" not in said.out + said.err
    assert main(["templat"]) == 0 and (tmp_path / "katalog" / "templates" / "sop" / "gaya.yaml").is_file()
    assert main(["check"]) == 0  # the templates' copy beside the catalogue's files is no file of it (review W)
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    out = capsys.readouterr().out
    assert "'processes' tidak ditemukan; sebutkan folder katalognya (mis. petaproses check katalog/)" in out
    assert main(["check", "katalog"]) == 0


def test_a_yaml_file_in_a_build_output_is_no_catalogue_file(tmp_path, monkeypatch, capsys):
    """Tester: a .yaml left in the folder `build` wrote (output/ when run inside the catalogue, or `-o hasil`) was
    read as a file of the catalogue by check and build; that folder is known by the build's manifest in it."""
    from petaproses.watch import snapshot_of

    shutil.copytree(FIXTURES / "mini", tmp_path / "katalog")
    monkeypatch.chdir(tmp_path / "katalog")
    assert main(["build"]) == 0 and main(["build", ".", "-o", "hasil"]) == 0
    copy = (tmp_path / "katalog" / "sop.yaml").read_text(encoding="utf-8")  # same kode: read, it is an error
    for folder in ("output", "hasil", "hasil/setda"):
        (tmp_path / "katalog" / folder / "salinan.yaml").write_text(copy, encoding="utf-8")
    (tmp_path / "katalog" / "output" / "rusak.yaml").write_text("jenis: [\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check"]) == 0 and "2 berkas diperiksa" in capsys.readouterr().err
    assert main(["build", "--ulang"]) == 0  # all read again, none of those files with them
    assert sorted(snapshot_of(["."])) == ["logo.png", "organisasi.yaml", "sop.yaml"]  # serve: no save either
    (tmp_path / "katalog" / "arsip").mkdir()  # a folder no build wrote is the catalogue's, whatever it holds
    (tmp_path / "katalog" / "arsip" / "salinan.yaml").write_text(copy, encoding="utf-8")
    assert main(["check"]) == 1 and "3 berkas diperiksa" in capsys.readouterr().err


def test_a_build_into_a_folder_of_the_catalogue_is_refused(tmp_path, monkeypatch, capsys):
    """Review Z: `build . -o setda` wrote its manifest beside setda's SOPs; from then on the folder was skipped as
    output, its SOPs gone from check (a check of one of them: 0 files, rc 0) and their documents removed."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "katalog")
    (tmp_path / "katalog" / "setda").mkdir()
    (tmp_path / "katalog" / "sop.yaml").rename(tmp_path / "katalog" / "setda" / "sop.yaml")
    monkeypatch.chdir(tmp_path / "katalog")
    capsys.readouterr()
    assert main(["build", ".", "-o", "setda"]) == 2
    assert "folder keluaran 'setda' berisi berkas katalog" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "katalog" / "setda").iterdir()) == ["sop.yaml"]  # nothing written
    assert main(["check"]) == 0 and "2 berkas diperiksa" in capsys.readouterr().err
    assert main(["build", ".", "-o", "keluaran"]) == 0  # a folder of its own is fine


def test_the_build_says_its_time_with_a_decimal_comma(tmp_path, capsys):
    """Review U: "dalam 1.1 detik" beside "0,5 jam" everywhere else; Indonesian writes a decimal comma."""
    import re

    assert main(["build", str(FIXTURES / "mini"), "-o", str(tmp_path / "out.d")]) == 0
    said = capsys.readouterr().err
    assert re.search(r"ke \S*out\.d/ dalam \d+,\d detik", said), said  # the folder keeps its dot
