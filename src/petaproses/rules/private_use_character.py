"""private-use-character: no text holds a character of the Unicode Private Use Area (sanitise.py).

Word writes a list's bullet in the Symbol or Wingdings font as such a character (U+F0B7 for "•"); copied from
a document or a PDF into YAML it comes along, and every other font, the documents' included, prints a box.
PASS: dasar_hukum: ["• Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"]
FAIL: dasar_hukum: ["\\uf0b7 Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"]
"""

from __future__ import annotations

from .helpers import text_check

CODE = "private-use-character"

# one check for maps, the organisation, registers, peta-relasi files and evaluation records
check = check_organisation = check_file = check_evaluation = text_check(CODE)
