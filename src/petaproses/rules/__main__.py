"""`python -m petaproses.rules [README.md]`: rewrite the README's table of codes from rules/table.py."""

from __future__ import annotations

import sys
from pathlib import Path

from .table import with_table

target = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
target.write_text(with_table(target.read_text(encoding="utf-8")), encoding="utf-8")
print(f"{target}: tabel kode aturan diperbarui", file=sys.stderr)
