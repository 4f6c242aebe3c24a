"""A synthetic catalogue for benchmarks: N SOPs of 10-40 steps, 2-7 actors, decisions and loops back."""

from __future__ import annotations

import argparse
import random
from pathlib import Path

VERBS = ["Menerima", "Memeriksa", "Mencatat", "Menyusun", "Meneruskan", "Memaraf", "Menandatangani", "Mengarsipkan",
         "Memverifikasi", "Mendisposisikan", "Mengolah", "Menyampaikan"]
OBJECTS = ["berkas permohonan", "surat masuk", "konsep laporan", "data pendukung", "nota dinas", "rekomendasi teknis"]
ACTORS = [f"jabatan_{i}" for i in range(1, 8)]

DEPARTMENTS = 20  # a city has 20-40 departments; 1,000 SOPs over 20 is about 50 each

ORG = """jenis: organisasi
nama: Pemerintah Kota Sintetis
perangkat_daerah:
{departments}
pelaksana:
{actors}
pejabat:
  kepala: {{jabatan: Kepala Dinas Sintetis, nama: Nama Kepala, nip: "197001011990031001"}}
"""


def sop_text(n: int, rng: random.Random) -> str:
    steps = rng.randint(10, 40)
    actors = ACTORS[: rng.randint(2, 7)]
    lines = [
        "jenis: sop", f"kode: BENCH.{n:04d}", f"nama: Prosedur Sintetis {n}", f"nomor: 060/{n}/SOP/2025",
        f"perangkat_daerah: pd{n % DEPARTMENTS:02d}", "tanggal: {pembuatan: 2025-01-06, efektif: 2025-02-01}", "disahkan_oleh: kepala",
        "dasar_hukum: [Peraturan Menteri PANRB Nomor 35 Tahun 2012]", "peralatan: [Komputer, Printer]",
        "kualifikasi_pelaksana: []", "keterkaitan: []",  # written empty: printed "-", as before they were written
        "peringatan: Layanan terlambat bila SOP tidak dilaksanakan", "pencatatan: Arsip elektronik", "kegiatan:",
    ]
    for i in range(steps):
        actor = actors[i % len(actors)] if i < len(actors) else rng.choice(actors)
        lines += [f"  - id: s{i}", f"    uraian: {rng.choice(VERBS)} {rng.choice(OBJECTS)}", f"    pelaksana: {actor}",
                  f"    kelengkapan: {rng.choice(OBJECTS).capitalize()}",
                  f"    waktu: {rng.choice(['15 menit', '30 menit', '1 jam', '1 hari', '1-2 hari kerja'])}",
                  f"    output: {rng.choice(OBJECTS).capitalize()}"]
        if 2 < i < steps - 2 and rng.random() < 0.15:  # a check that loops back
            lines.append(f"    cabang: {{Sesuai: s{i + 1}, Tidak sesuai: s{rng.randint(1, i - 1)}}}")
    return "\n".join(lines) + "\n"


def generate(out: Path, count: int, seed: int = 1) -> Path:
    """Write the synthetic catalogue into ``out`` and return it."""
    out.mkdir(parents=True, exist_ok=True)
    actors = "\n".join(f"  {a}: Jabatan Sintetis {a[-1]}" for a in ACTORS)
    departments = "\n".join(f"  pd{i:02d}: {{nama: Dinas Sintetis {i}, kepala: kepala}}" for i in range(DEPARTMENTS))
    (out / "organisasi.yaml").write_text(ORG.format(actors=actors, departments=departments), encoding="utf-8")
    rng = random.Random(seed)
    for n in range(count):
        (out / f"sop-{n:04d}.yaml").write_text(sop_text(n, rng), encoding="utf-8")
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("-n", type=int, default=1000)
    args = ap.parse_args()
    print(generate(args.out, args.n))
