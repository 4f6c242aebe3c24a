"""The one sanitiser (sanitise.py) and issue 17 §4's "check passes but build fails" reproducers.

Each reproducer is now refused by `check` at the line:column of the text, and `build` writes nothing.
"""

from __future__ import annotations

import copy
import typing

import pydantic
import pytest
import yaml

from petaproses import model, register
from petaproses.build import build, check
from petaproses.sanitise import FIELDS, KEYS, LONG, VALUES, bad_characters, describe, for_xml, one_line, scan

ORG = {"jenis": "organisasi", "nama": "Pemerintah Kota Contoh", "alamat": "Jl. Contoh No. 1",
       "perangkat_daerah": {"setda": {"nama": "Sekretariat Daerah", "kepala": "sekda",
                                      "unit": {"bagian_organisasi": "Bagian Organisasi"}}},
       "pelaksana": {"staf": "Staf Pelaksana", "kasubag": "Kepala Subbagian Umum"},
       "pejabat": {"sekda": {"jabatan": "Sekretaris Daerah", "nama": "Nama Lengkap", "nip": "197001011990031001"}}}
SOP = {"jenis": "sop", "kode": "UJI.01", "nama": "Prosedur Uji", "nomor": "060/01/SOP/2025",
       "perangkat_daerah": "setda", "unit": "bagian_organisasi", "tanggal": {"pembuatan": "2025-01-06"},
       "disahkan_oleh": "sekda",
       "kegiatan": [{"id": "a", "uraian": "Menerima berkas", "pelaksana": "staf"},
                    {"uraian": "Memeriksa berkas", "pelaksana": "kasubag", "cabang": {"Ya": "c", "Tidak": "a"}},
                    {"id": "c", "uraian": "Menyetujui", "pelaksana": "kasubag"}]}


def _rename_department(org, sop, new):
    org["perangkat_daerah"][new] = org["perangkat_daerah"].pop("setda")
    sop["perangkat_daerah"] = new


# (name, change, file, code, the line of the text in the file as written below)
REPRODUCERS = [
    ("uraian a\\vb", lambda o, s: s["kegiatan"][0].update(uraian="a\vb"), "sop", "control-character", "uraian:"),
    ("label with newline", lambda o, s: s["kegiatan"][1].update(cabang={"Ya\nx": "c", "Tidak": "a"}), "sop",
     "multiline-text", "? 'Ya"),
    ("label of 255+", lambda o, s: s["kegiatan"][1].update(cabang={"Y" * 256: "c", "Tidak": "a"}), "sop",
     "text-too-long", "YYYY"),
    ("nomor a\\nb", lambda o, s: s.update(nomor="a\nb"), "sop", "multiline-text", "nomor:"),
    ("name over 255", lambda o, s: s.update(nama="Nama " * 60), "sop", "text-too-long", "Nama Nama"),
    ("kode of 245", lambda o, s: s.update(kode="K" * 245), "sop", "text-too-long", "kode:"),
    ("department id of 300", lambda o, s: _rename_department(o, s, "p" * 300), "organisasi", "text-too-long",
     "pppp"),
    ("uraian of 3,000", lambda o, s: s["kegiatan"][0].update(uraian="Menerima " * 333 + "berkas"), "sop",
     "text-too-long", "uraian: Menerima"),
    ("unit name of 5,000 without spaces", lambda o, s: o["perangkat_daerah"]["setda"]["unit"].update(
        bagian_organisasi="U" * 5000), "organisasi", "text-too-long", "bagian_organisasi:"),
]


@pytest.mark.parametrize("name, change, file, code, marker", REPRODUCERS, ids=[r[0] for r in REPRODUCERS])
def test_issue_reproducers_are_refused_at_check_and_build_writes_nothing(tmp_path, name, change, file, code, marker):
    org, sop = copy.deepcopy(ORG), copy.deepcopy(SOP)
    change(org, sop)
    folder = tmp_path / "katalog"
    folder.mkdir()
    texts = {"organisasi": yaml.safe_dump(org, allow_unicode=True, width=10**6),
             "sop": yaml.safe_dump(sop, allow_unicode=True, width=10**6)}
    for stem, text in texts.items():
        (folder / f"{stem}.yaml").write_text(text, encoding="utf-8")
    _, problems = check([str(folder)])
    found = [p for p in problems if p.code == code]
    assert found and all(p.is_error for p in found), [p.format() for p in problems]
    line = next(i for i, ln in enumerate(texts[file].splitlines(), 1) if marker in ln)
    assert any(p.path.endswith(f"{file}.yaml") and p.line == line and p.column > 1 for p in found), \
        [p.format() for p in found]
    result = build([str(folder)], str(tmp_path / "out"), jobs=1)
    assert result.written == [] and not (tmp_path / "out").exists()


def test_characters():
    assert bad_characters("a\vb\x1bc", one_line=False) == [(1, "\v"), (3, "\x1b")]
    assert bad_characters("a\tb\nc", one_line=False) == []  # tab and newline are text
    assert bad_characters("a\nb", one_line=True) == []  # a line break in one line is multiline-text instead
    assert bad_characters("a\u2028b\rc", one_line=False) == [(1, "\u2028"), (3, "\r")]
    assert [ch for _, ch in bad_characters("\u202eabc\ufffe\x85\x9f", one_line=True)] == ["\u202e", "\ufffe", "\x9f"]
    assert bad_characters("Menerima « é » 日本 👩\u200d💻 \ue000", one_line=True) == []
    assert describe("\v") == "U+000B (tab vertikal)" and describe("\u202e").endswith("(kendali arah teks)")
    assert for_xml("a\x00b\x1bc\td\ne\ufffef") == "abc\td\nef"
    assert one_line("  a\n\tb\u2028c\x1b d ") == "a b c d"


def test_scan_classifies_keys_values_and_unknown_fields():
    class Extra(pydantic.BaseModel):
        nama: str
        catatan_baru: str  # a field the table does not know: free text, checked for control characters
        cabang: dict[str, str]
        unit: dict[str, str]

    doc = Extra(nama="a\nb", catatan_baru="x\ny\vz", cabang={"Ya\nTidak": "ok", "L" * 121: "ok"},
                unit={"u": "Bagian\nUmum"})
    found = {(f.keys, f.code) for f in scan(doc)}
    assert found == {(("nama",), "multiline-text"), (("catatan_baru",), "control-character"),
                     (("cabang", "Ya\nTidak", "<key>"), "multiline-text"),
                     (("cabang", "L" * 121, "<key>"), "text-too-long"), (("unit", "u"), "multiline-text")}


def _string_fields() -> set[str]:
    """Every field of the model that holds text (also inside lists, maps and unions)."""
    def holds_text(tp) -> bool:
        if tp is str:
            return True
        return any(holds_text(a) for a in typing.get_args(tp))

    out = set()
    for cls in [*vars(model).values(), *vars(register).values()]:
        if isinstance(cls, type) and issubclass(cls, pydantic.BaseModel):
            for name, info in cls.model_fields.items():
                if holds_text(info.annotation):
                    out.add(name)
    return out


FREE_TEXT = {"deskripsi", "tujuan", "ruang_lingkup", "definisi", "peringatan", "pencatatan", "catatan"}  # LONG on purpose


def test_every_text_field_of_the_model_has_a_kind():
    """A new text field must say whether it is one line and how long it may be (or be free text here)."""
    unknown = _string_fields() - set(FIELDS) - set(KEYS) - set(VALUES) - FREE_TEXT
    assert unknown == set(), f"add these fields to sanitise.FIELDS (or FREE_TEXT here): {sorted(unknown)}"
    assert set(KEYS) | set(VALUES) <= _string_fields()
    assert all(FIELDS.get(name, LONG) is LONG for name in FREE_TEXT)


def test_metrics_csv_never_holds_a_formula(tmp_path):
    """CSV opened in a spreadsheet is a markup layer too: a name "=HYPERLINK(...)" must stay text."""
    import csv
    import io

    from petaproses.metrics import catalogue_metrics, metrics_csv

    sop = copy.deepcopy(SOP)
    sop["nama"] = '=HYPERLINK("http://contoh.invalid","klik")'
    (tmp_path / "organisasi.yaml").write_text(yaml.safe_dump(ORG), encoding="utf-8")
    (tmp_path / "sop.yaml").write_text(yaml.safe_dump(sop), encoding="utf-8")
    cat, problems = check([str(tmp_path)])
    assert not [p for p in problems if p.is_error]
    rows = list(csv.DictReader(io.StringIO(metrics_csv(catalogue_metrics(cat))), delimiter=";"))
    assert rows[0]["nama"] == "'" + sop["nama"] and rows[0]["langkah"] == "3"


@pytest.mark.parametrize("folder, line, old, new", [
    ("evaluasi/2026", "rekomendasi: Persingkat", "rekomendasi: Persingkat", 'rekomendasi: "Persingkat\\x1b"\n#'),
    (".", "    url: ", "    url: ", '    url: "https://a\\u202eb"\n#'),
])
def test_records_and_registers_are_sanitised_too(tmp_path, folder, line, old, new):
    """Evaluation records print in the forms, the application register on the site: same policy as the maps."""
    import shutil
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    shutil.copytree(root / "processes", tmp_path / "p")
    target = next(p for p in sorted((tmp_path / "p" / folder).glob("*.yaml")) if line in p.read_text())
    target.write_text(target.read_text().replace(old, new, 1))
    _, problems = check([str(tmp_path / "p")])
    found = [p for p in problems if p.code == "control-character"]
    assert len(found) == 1 and found[0].path.endswith(target.name), found


def test_clean_says_what_scan_finds():
    """``_clean`` (the quick walk most files take) is True exactly when ``scan`` finds nothing: on the samples and
    on copies with one bad text in each place a text can be (a field, a list item, a map's key and value, a
    nested model, a list's total)."""
    from petaproses.check import load
    from petaproses.sanitise import _clean

    from .conftest import PROCESSES

    cat = load([str(PROCESSES)]).cat
    docs = [d for d in [cat.organisasi, cat.peraturan, cat.aplikasi, *cat.maps, *cat.relasi] if d is not None]
    sop = next(d for d in cat.maps if isinstance(d, model.Sop))
    step = sop.kegiatan[0]
    bad = ["a\vb", "a\nb", "a\u2028b", "x" * 5000, "\u202eabc", "a\tb", "é" * 50]
    for text in bad:
        docs += [sop.model_copy(update={"nama": text}), sop.model_copy(update={"dasar_hukum": ["ok", text]}),
                 sop.model_copy(update={"dasar_hukum": [text[:400]] * 20}),
                 sop.model_copy(update={"kegiatan": [step.model_copy(update={"uraian": text}), *sop.kegiatan[1:]]}),
                 sop.model_copy(update={"kegiatan": [step.model_copy(update={"cabang": {text: "x"}})]}),
                 sop.model_copy(update={"kegiatan": [step.model_copy(update={"cabang": {"Ya": text}})]}),
                 sop.model_copy(update={"kegiatan": [step.model_copy(update={"output": [text]})]})]
        if cat.organisasi is not None:
            org = cat.organisasi
            docs += [org.model_copy(update={"pelaksana": {**org.pelaksana, "baru": text}}),
                     org.model_copy(update={"pelaksana": {**org.pelaksana, text: "Nama"}})]
    assert len(docs) > 60
    assert [_clean(d) for d in docs] == [not scan(d) for d in docs]
    assert not all(_clean(d) for d in docs) and any(_clean(d) for d in docs)


def test_a_check_compiles_only_the_patterns_its_files_need(tmp_path):
    """Most module-level patterns read a mistake for its message or serve another command: they are compiled when
    first used (lazyre), not on import; the sanitiser's character classes (the costliest) are not compiled for
    texts that are all printable.  Before: some 65 patterns compiled by every check (~3 ms)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from .conftest import PROCESSES

    program = """
import gc, sys
from petaproses.cli import main
main(["check", sys.argv[1]])
from petaproses import dates, load, sanitise, yamlerrors
from petaproses.lazyre import Lazy
made = [o for o in gc.get_objects() if isinstance(o, Lazy)]
kept = [*sanitise._FLAGGED.values(), sanitise._HIDDEN, sanitise._NOT_XML, sanitise._PRIVATE_USE, yamlerrors.BREAK,
        yamlerrors._GLUED, dates._WRITTEN, load._KIND_LINE]
print(len(made), sum("search" in vars(o) for o in made), all(isinstance(o, Lazy) for o in kept),
      sum("search" in vars(o) for o in kept))
"""
    import petaproses

    src = str(Path(petaproses.__file__).parents[1])
    env = dict(os.environ, PETAPROSES_CACHE="0", PYTHONPATH=src + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", program, str(PROCESSES / "setda")], env=env, capture_output=True,
                         text=True, check=True).stdout.splitlines()[-1].split()
    made, compiled, all_lazy, kept_compiled = int(out[0]), int(out[1]), out[2] == "True", int(out[3])
    assert all_lazy and kept_compiled == 0
    assert made >= 40 and compiled <= 3
