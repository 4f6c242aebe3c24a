"""A warning the author has weighed is silenced by `# petaproses: abaikan KODE` on its line (review X)."""

from __future__ import annotations

import shutil

from petaproses.check import check
from petaproses.cli import main

from .conftest import FIXTURES

# Samarinda's rows start with the actor as the signed SOP prints them
STEPS = """kegiatan:
  - uraian: Staf mengumpulkan data aset lancar   # petaproses: abaikan actor-in-activity
    pelaksana: staf_pelaksana
  # petaproses: abaikan actor-in-activity, missing-key, tak-ada
  - uraian: Staf mengumpulkan data aset lainnya
    pelaksana: staf_pelaksana
  - uraian: Staf memverifikasi buku kas umum
    pelaksana: staf_pelaksana
  - uraian: Menandatangani laporan
    pelaksana: kepala_dinas
"""


def _catalogue(tmp_path):
    shutil.copytree(FIXTURES / "mini", tmp_path / "kat")
    sop = tmp_path / "kat" / "sop.yaml"
    sop.write_text(sop.read_text(encoding="utf-8").split("kegiatan:")[0] + STEPS, encoding="utf-8")
    return tmp_path / "kat", sop


def test_a_warning_is_silenced_on_its_line_or_from_the_line_above_and_only_there(tmp_path, capsys):
    kat, sop = _catalogue(tmp_path)
    _, problems = check([str(kat)])
    start = sop.read_text(encoding="utf-8").splitlines().index("kegiatan:") + 1
    found = sorted((p.line - start, p.code) for p in problems if p.path == str(sop))
    # steps 1 (inline) and 2 (the comment above) silenced; step 3 still warned; the comment's unknown code and
    # an error's code are said at the comment
    assert (6, "actor-in-activity") in found
    assert (1, "actor-in-activity") not in found and (4, "actor-in-activity") not in found
    said = [p.message for p in problems if p.code == "ignore-comment"]
    assert any("'tak-ada'" in m and "tidak dikenal" in m for m in said)
    assert any("'missing-key'" in m and "galat tidak dapat diabaikan" in m for m in said)
    # --ketat makes the remaining warnings errors; the silenced ones stay silent
    assert main(["check", str(kat), "--ketat"]) == 1
    out = capsys.readouterr().out
    assert out.count("actor-in-activity: uraian diawali") == 1


def test_an_error_is_never_silenced(tmp_path):
    kat, sop = _catalogue(tmp_path)
    text = sop.read_text(encoding="utf-8")
    sop.write_text(text.replace("    pelaksana: kepala_dinas",
                                "    pelaksana: tidak_ada  # petaproses: abaikan unknown-pelaksana"), encoding="utf-8")
    _, problems = check([str(kat)])
    assert any(p.code == "unknown-pelaksana" and p.is_error for p in problems)


def test_only_a_real_comment_silences_in_any_case_and_two_comments_on_one_line_add_up(tmp_path):
    """Review Z: the marker written inside a quoted text (printed, no comment) silenced all the same; an upper-case
    code was "tanpa kode"; a comment above a line with its own comment was dropped."""
    kat, sop = _catalogue(tmp_path)
    sop.write_text(sop.read_text(encoding="utf-8").split("kegiatan:")[0] + """kegiatan:
  - uraian: "Staf mengumpulkan data aset lancar # petaproses: abaikan actor-in-activity"
    pelaksana: staf_pelaksana
  - uraian: |
      Staf mengumpulkan data aset lainnya
      # petaproses: abaikan actor-in-activity
    pelaksana: staf_pelaksana
  # petaproses: abaikan ACTOR-IN-ACTIVITY
  - uraian: Staf memverifikasi buku kas umum  # petaproses: abaikan no-times
    pelaksana: staf_pelaksana
  - uraian: Menandatangani laporan
    pelaksana: kepala_dinas
""", encoding="utf-8")
    _, problems = check([str(kat)])
    start = sop.read_text(encoding="utf-8").splitlines().index("kegiatan:") + 1
    found = sorted((p.line - start, p.code) for p in problems if p.path == str(sop))
    assert [f for f in found if f[1] == "actor-in-activity"] == [(1, "actor-in-activity"), (3, "actor-in-activity")]
    assert not [f for f in found if f[1] == "ignore-comment"]


def test_single_actor_says_how_to_silence_it_and_both_places_it_names_work(tmp_path):
    """Review V #9: a signed Puskesmas SOP of one "Petugas" is transcribed as is; the warning's fix named only a
    work instruction.  It names the comment and where it goes, and both places silence it."""
    kat, sop = _catalogue(tmp_path)
    one = STEPS.replace("kepala_dinas", "staf_pelaksana").replace("  # petaproses: abaikan actor-in-activity, "
                                                                  "missing-key, tak-ada\n", "")
    base = sop.read_text(encoding="utf-8").split("kegiatan:")[0]
    sop.write_text(base + one, encoding="utf-8")
    _, problems = check([str(kat)])
    [said] = [p for p in problems if p.code == "single-actor"]
    assert "'# petaproses: abaikan single-actor' di akhir baris langkah pertama" in said.message
    assert "di baris tersendiri tepat di atasnya" in said.message
    for written in (one.replace("actor-in-activity\n", "actor-in-activity, single-actor\n", 1),
                    one.replace("kegiatan:\n", "kegiatan:\n  # petaproses: abaikan single-actor\n")):
        sop.write_text(base + written, encoding="utf-8")
        _, problems = check([str(kat)])
        assert not [p for p in problems if p.code == "single-actor"], written
