"""text-too-long: every text is within its kind's limit (sanitise.py: ids 64, codes 100, names 250, ...).

Ids and codes become folder and file names (255 bytes at most on every file system), names become document
titles (255 characters in .docx), step texts become table cells of one page.
PASS: kode: SETDA.ORG.SOP.01
FAIL: a kode of 245 characters, an uraian of 3,000
"""

from __future__ import annotations

from .helpers import text_check

CODE = "text-too-long"

# one check for maps, the organisation, registers, peta-relasi files and evaluation records
check = check_organisation = check_file = check_evaluation = text_check(CODE)
