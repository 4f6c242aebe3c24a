"""What `check` tells a new user about the mistakes people make (issue 15): the file, line:column, exit code."""

from __future__ import annotations

import os
import shutil

import pytest

from petaproses.cli import main

from .conftest import PROCESSES

OLD = "setda/sop02-reviu-sop.yaml"


@pytest.fixture
def city(tmp_path, monkeypatch):
    shutil.copytree(PROCESSES, tmp_path / "processes")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "processes"


def _copy_as_new(city, name: str) -> str:
    """Write a new SOP that reuses the old one's kode (as people do when they copy a file); return its path."""
    old = city / OLD
    new = city / "setda" / name
    new.write_text(old.read_text(encoding="utf-8").replace("nama: Reviu", "nama: Salinan Reviu", 1), encoding="utf-8")
    past = old.stat().st_mtime - 3600
    os.utime(old, (past, past))  # the old file was written earlier
    return str(new.relative_to(city.parent))


@pytest.mark.parametrize("name", ["aa-sop-baru.yaml", "zz-sop-baru.yaml"])  # before and after the old file
def test_a_reused_kode_is_reported_on_the_new_file(city, capsys, name):
    new = _copy_as_new(city, name)
    assert main(["check", new]) == 1
    out = [line for line in capsys.readouterr().out.splitlines() if "[peringatan]" not in line]
    assert out == [f"{new}:2:7: duplicate-id: kode 'SETDA.ORG.SOP.02' sudah dipakai oleh processes/{OLD}; "
                   "kode harus unik di katalog"]
    assert main(["check", "processes"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out if "duplicate-id" in line] == [new]
    assert main(["build", "processes", "-o", "out"]) == 1  # keeps going past the clash (issue 15 item 2)
    assert not os.path.exists("out/setda/SETDA.ORG.SOP.02.docx")  # the code two files claim is not built
    assert os.path.exists("out/setda/SETDA.ORG.SOP.01.docx")  # the other documents are


def test_checking_the_old_file_alone_names_the_other(city, capsys):
    _copy_as_new(city, "aa-sop-baru.yaml")
    assert main(["check", f"processes/{OLD}"]) == 1  # the file asked about is the one reported
    [line] = [x for x in capsys.readouterr().out.splitlines() if "[peringatan]" not in x]
    assert line.startswith(f"processes/{OLD}:2:7: duplicate-id:") and "aa-sop-baru.yaml" in line


def test_metrik_of_a_folder_shows_only_that_folder(city, capsys):
    assert main(["metrik", "processes/dpmptsp"]) == 0
    out = capsys.readouterr().out
    codes = [line.split()[0] for line in out.split("\n\n")[0].splitlines()[1:]]
    assert codes and all(c.startswith("DPMPTSP.") for c in codes) and "DPMPTSP.SOP.06" in codes
    assert [line.split()[0] for line in out.split("\n\n")[1].splitlines()[1:]] == ["dpmptsp"]
    assert main(["metrik", "--format", "json", f"processes/{OLD}"]) == 0
    import json
    assert [p["kode"] for p in json.loads(capsys.readouterr().out)["proses"]] == ["SETDA.ORG.SOP.02"]


def test_metrik_csv_opens_in_excel_with_the_indonesian_locale(city, capsysbinary):
    """Excel (id-ID) splits on ';', reads a BOM-marked file as UTF-8 and '1,5' as a number."""
    import csv
    import io

    assert main(["metrik", "--format", "csv", "processes/diskominfo"]) == 0
    raw = capsysbinary.readouterr().out
    assert raw.startswith(b"\xef\xbb\xbfkode;nama;jenis;") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert len(header) > 10 and all(len(r) == len(header) for r in rows[1:])
    minutes = [r[header.index("waktu_terpanjang_menit")] for r in rows[1:]]
    assert all("." not in m for m in minutes) and any("," in m or m.isdigit() for m in minutes)
    assert "Pengaduan" in raw.decode("utf-8-sig")


def test_banding_markdown_and_page_use_the_same_words(city, capsys):
    from petaproses.compare import compare, to_markdown
    from petaproses.paths import PACKAGE_TEMPLATES
    from petaproses.review_site import render_comparison_page

    old = city / OLD
    new = city / "baru.yaml"
    text = old.read_text(encoding="utf-8")
    assert "    waktu: 2 hari kerja\n" in text
    new.write_text(text.replace("    waktu: 2 hari kerja\n", "    waktu: 1 jam\n"), encoding="utf-8")
    result, problems = compare(str(old), str(new))
    assert result is not None, problems
    md = to_markdown(result)
    page = render_comparison_page(result, PACKAGE_TEMPLATES).decode("utf-8")
    words = result.differences()
    assert words["langkah"] == "tetap" and words["waktu_terpanjang_menit"].startswith("−")
    for word in set(words.values()):
        assert f"| {word} |" in md and f">{word}</td>" in page
    import re
    assert not re.search(r">[-+]\d+ menit</td>", page)  # the page's own "-900 menit" / "+0 menit" are gone
