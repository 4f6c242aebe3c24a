"""text-too-long: every text is within its kind's limit (sanitise.py: ids 64, codes 100, names 250, ...).

Ids and codes become folder and file names (255 bytes at most on every file system), names become document
titles (255 characters in .docx), step texts become table cells of one page.
PASS: kode: SETDA.ORG.SOP.01
FAIL: a kode of 245 characters, an uraian of 3,000
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import Organisasi
from ..problems import Problem
from .helpers import text_findings

CODE = "text-too-long"


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    yield from text_findings(doc, CODE)


def check_organisation(cat: Catalogue, org: Organisasi) -> Iterator[Problem]:
    yield from text_findings(org, CODE)


def check_file(cat: Catalogue, doc) -> Iterator[Problem]:
    yield from text_findings(doc, CODE)  # the registers (titles go into the keputusan) and peta-relasi files


def check_evaluation(cat: Catalogue, record) -> Iterator[Problem]:
    yield from text_findings(record, CODE)  # findings and recommendations are printed in the forms
