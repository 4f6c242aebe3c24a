"""One SOP at every limit `check` allows (sanitise.py): the worst case for the SOP layout.

MAX_STEPS steps over MAX_ACTORS actors with position names of 250 characters, every step text at its limit
(uraian, kelengkapan, output: 1,000; keterangan: 4,000), branch labels of 120 characters, a decision every
third step with one branch back and one forward.  ``words``: the texts are words ("Memeriksa ..."); else one
word without spaces ("WWW...", the widest letter: the word processor breaks it over many lines).

`check` refuses it (crowded-table: the heading of 20 such names takes 73 % of the page, the text columns are
4-5 mm; before that rule 20 steps made 6,240 pages and 200 a build killed for its memory).  The worst it still
accepts: ``--actors 4 --words`` (600 table pages for 200 steps, ~8 s, 160 MB here).

    python bench/synth_worst.py OUT [--steps 200] [--actors 20] [--words]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

ORG = {"jenis": "organisasi", "nama": "Pemerintah Kota Sintetis",
       "perangkat_daerah": {"pd": {"nama": "Dinas Sintetis", "kepala": "kepala"}},
       "pejabat": {"kepala": {"jabatan": "Kepala Dinas Sintetis", "nama": "Nama Kepala",
                              "nip": "197001011990031001"}}}


def _text(n: int, words: bool, tag: str = "") -> str:
    base = ("Memeriksa " * (n // 10 + 1)) if words else "W" * n
    return (tag + base)[:n].strip()


def sop(steps: int, actors: int, words: bool) -> tuple[dict, dict]:
    """Return (organisation, SOP) data."""
    org = dict(ORG, pelaksana={f"j{i}": _text(250, words, f"J{i} ") for i in range(actors)})
    items = []
    for i in range(steps):
        step = {"id": f"s{i}", "uraian": _text(1000, words, f"{i} "), "pelaksana": f"j{i % actors}",
                "kelengkapan": _text(1000, words), "waktu": "1 hari kerja", "output": _text(1000, words),
                "keterangan": _text(4000, words)}
        if i % 3 == 2 and i + 1 < steps:
            step["cabang"] = {_text(120, words, "Ya "): f"s{i + 1}",
                              _text(120, words, "Tidak "): f"s{max(0, i - 2)}" if i % 2 else "selesai"}
        items.append(step)
    doc = {"jenis": "sop", "kode": "BATAS", "nama": _text(250, words), "nomor": "060/1/SOP/2025",
           "perangkat_daerah": "pd", "tanggal": {"pembuatan": "2025-01-06"}, "disahkan_oleh": "kepala",
           "kegiatan": items}
    return org, doc


def write(folder: Path, steps: int = 200, actors: int = 20, words: bool = False) -> Path:
    """Write the organisation file and the SOP into ``folder``; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    org, doc = sop(steps, actors, words)
    for name, data in (("organisasi.yaml", org), ("sop.yaml", doc)):
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6),
                                   encoding="utf-8")
    return folder


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--actors", type=int, default=20)
    ap.add_argument("--words", action="store_true")
    args = ap.parse_args()
    print(write(args.out, args.steps, args.actors, args.words))
