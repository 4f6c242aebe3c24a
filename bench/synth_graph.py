"""One generated SOP of N steps for scale tests and bench_scale.py: a graph `check` accepts apart from size.

Steps in order, 2-6 actors; about 10% decisions (one branch to the next step, one back to an earlier step
or on to a later one, sometimes a third to 'selesai'), about 5% parallel splits (`ke: [next, after next]`).
Every step is reached from the first and reaches the end, so the only finding is the step limit.
"""

from __future__ import annotations

import random
from pathlib import Path

ORG = """jenis: organisasi
nama: Pemerintah Kota Sintetis
perangkat_daerah:
  pd: {nama: Dinas Sintetis, kepala: kepala}
pelaksana:
%s
pejabat:
  kepala: {jabatan: Kepala Dinas Sintetis, nama: Nama Kepala, nip: "197001011990031001"}
"""


def sop_graph(n: int, seed: int = 1, actors: int = 6) -> str:
    """Return the YAML of one SOP of ``n`` steps."""
    rng = random.Random(seed)
    lines = ["jenis: sop", f"kode: GRAF.{n}", f"nama: Prosedur Graf {n} Langkah", "nomor: 060/1/SOP/2025",
             "perangkat_daerah: pd", "tanggal: {pembuatan: 2025-01-06}", "disahkan_oleh: kepala", "kegiatan:"]
    for i in range(n):
        actor = f"jabatan_{i % actors if i < actors else rng.randrange(actors)}"
        lines += [f"  - id: s{i}", f"    uraian: Memeriksa berkas nomor {i}", f"    pelaksana: {actor}"]
        if 2 < i < n - 3:
            roll = rng.random()
            if roll < 0.10:
                other = f"s{rng.randint(1, i - 1)}" if rng.random() < 0.6 else f"s{rng.randint(i + 2, min(n - 1, i + 9))}"
                extra = ", Ditolak: selesai" if rng.random() < 0.2 else ""
                lines.append(f"    cabang: {{Sesuai: s{i + 1}, Tidak sesuai: {other}{extra}}}")
            elif roll < 0.15:
                lines.append(f"    ke: [s{i + 1}, s{i + 2}]")
    return "\n".join(lines) + "\n"


def write(folder: Path, n: int, seed: int = 1, actors: int = 6) -> Path:
    """Write the organisation file and the SOP of ``n`` steps into ``folder``; return the SOP's path."""
    folder.mkdir(parents=True, exist_ok=True)
    names = "\n".join(f"  jabatan_{i}: Jabatan Sintetis {i}" for i in range(actors))
    (folder / "organisasi.yaml").write_text(ORG % names, encoding="utf-8")
    path = folder / "sop-graf.yaml"
    path.write_text(sop_graph(n, seed, actors), encoding="utf-8")
    return path
