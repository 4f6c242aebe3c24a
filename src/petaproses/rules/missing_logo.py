"""missing-logo: the organisation's `logo` is a PNG or JPEG file beside organisasi.yaml.

Only a warning: SOP documents are made without the emblem.
FAIL: logo: lambang.gif, or a logo file that is not there
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..catalogue import Catalogue
from ..model import Organisasi
from ..problems import Problem
from .helpers import at

CODE = "missing-logo"


def check_organisation(cat: Catalogue, org: Organisasi) -> Iterator[Problem]:
    if org.logo:
        logo = Path(org.path).parent / org.logo
        if logo.suffix.lower() not in (".png", ".jpg", ".jpeg") or not logo.is_file():
            yield at(org, ("logo",), CODE, f"logo '{org.logo}' tidak ditemukan atau bukan berkas PNG/JPEG; "
                     "dokumen SOP dibuat tanpa lambang")
