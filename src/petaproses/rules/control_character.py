"""control-character: no text holds a character that documents cannot print (sanitise.py).

Control characters (`"a\\vb"`, `"\\x1b"`), lone surrogates, U+FFFE/U+FFFF, bidirectional overrides, and in a
text of several lines the line breaks other than a newline.  YAML lets a double-quoted string carry them;
XML, .docx, Graphviz and the fonts do not.
PASS: uraian: Menerima berkas
FAIL: uraian: "Menerima\\vberkas"
"""

from __future__ import annotations

from .helpers import text_check

CODE = "control-character"

# one check for maps, the organisation, registers, peta-relasi files and evaluation records
check = check_organisation = check_file = check_evaluation = text_check(CODE)
