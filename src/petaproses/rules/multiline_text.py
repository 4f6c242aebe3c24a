"""multiline-text: a text printed as one line (name, title, nomor, label, id) holds no line break (sanitise.py).

Such texts become headings, table cells of one line, file titles and the lines of the Dokumen SOP book;
a line break there would be read as a new line of the book's own markup or break the layout.
PASS: nama: Prosedur Reviu SOP
FAIL: nama: "Prosedur\\nReviu"   (or a block scalar `nama: |`)
"""

from __future__ import annotations

from .helpers import text_check

CODE = "multiline-text"

# one check for maps, the organisation, registers, peta-relasi files and evaluation records
check = check_organisation = check_file = check_evaluation = text_check(CODE)
