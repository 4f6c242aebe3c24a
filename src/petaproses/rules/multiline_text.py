"""multiline-text: a text printed as one line (name, title, nomor, label, id) holds no line break (sanitise.py).

Such texts become headings, table cells of one line, file titles and the lines of the Dokumen SOP book;
a line break there would be read as a new line of the book's own markup or break the layout.
PASS: nama: Prosedur Reviu SOP
FAIL: nama: "Prosedur\\nReviu"   (or a block scalar `nama: |`)
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import Organisasi
from ..problems import Problem
from .helpers import text_findings

CODE = "multiline-text"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    yield from text_findings(doc, CODE)


def check_organisation(cat: Catalogue, org: Organisasi) -> Iterator[Problem]:
    yield from text_findings(org, CODE)


def check_file(cat: Catalogue, doc) -> Iterator[Problem]:
    yield from text_findings(doc, CODE)  # the registers (titles go into the keputusan) and peta-relasi files


def check_evaluation(cat: Catalogue, record) -> Iterator[Problem]:
    yield from text_findings(record, CODE)  # findings and recommendations are printed in the forms
