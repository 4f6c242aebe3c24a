"""A real-shaped catalogue: the sample catalogue (processes/) with every map and SOP copied under new codes.

    python bench/synth_real.py FOLDER [--copies 30]      # 30 copies: 930 maps, 570 of them SOPs

bench/synth.py's catalogue has no register of regulations, one citation text, no removed position and no links
between maps: what scales with those (the impact page, citations, related documents rendered again after an
edit) does not show there.  Here each copy keeps the samples' shapes: registers, citations, links to other
maps (each copy's links stay inside it), a removed position still named, three departments with large books.
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_MAP = re.compile(r"^jenis: *(sop|peta-(?!relasi))", re.M)
_CODE = re.compile(r"^kode: *['\"]?([^'\"\s]+)", re.M)
_NAME = re.compile(r"^(nama: *)([^'\"\n].*)$", re.M)


def generate(folder: Path, copies: int = 30, samples: Path = ROOT / "processes") -> Path:
    """Write the samples and ``copies - 1`` renamed copies of their maps into ``folder`` (emptied first)."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(samples, folder)
    maps = sorted(p for p in samples.rglob("*.yaml") if _MAP.search(p.read_text(encoding="utf-8")))
    codes = {m.group(1) for p in maps if (m := _CODE.search(p.read_text(encoding="utf-8")))}
    # a code, not followed by more of a longer code: every link to another map of the copy is renamed with it
    pattern = re.compile("|".join(re.escape(c) for c in sorted(codes, key=len, reverse=True)) + r"(?![\w.])")
    for k in range(1, copies):
        for path in maps:
            text = pattern.sub(lambda m: f"{m.group(0)}.K{k}", path.read_text(encoding="utf-8"))
            text = _NAME.sub(lambda m: f"{m.group(1)}{m.group(2)} ({k})", text, count=1)
            (folder / path.relative_to(samples).parent / f"k{k}-{path.name}").write_text(text, encoding="utf-8")
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--copies", type=int, default=30)
    args = ap.parse_args()
    generate(args.folder, args.copies)
    print(f"{args.folder}: {sum(1 for _ in args.folder.rglob('*.yaml'))} berkas")


if __name__ == "__main__":
    main()
