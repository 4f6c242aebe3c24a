"""missing-logo: the organisation's `logo` is a PNG or JPEG file beside organisasi.yaml.

Only a warning: SOP documents are made without the emblem.
FAIL: logo: lambang.gif, a logo file that is not there, or one named .png/.jpg that is not a PNG/JPEG inside
(a renamed WebP, a saved web page): the documents would silently lack the emblem
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..catalogue import Catalogue
from ..model import Organisasi
from ..problems import Problem
from .helpers import at

CODE = "missing-logo"
_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # how a PNG and a JPEG file begin


def check_organisation(cat: Catalogue, org: Organisasi) -> Iterator[Problem]:
    if org.logo:
        logo = Path(org.path).parent / org.logo
        if logo.suffix.lower() not in (".png", ".jpg", ".jpeg") or not logo.is_file():
            yield at(org, ("logo",), CODE, f"logo '{org.logo}' tidak ditemukan atau bukan berkas PNG/JPEG; "
                     "dokumen SOP dibuat tanpa lambang")
        elif not _starts_as_image(logo):
            yield at(org, ("logo",), CODE, f"logo '{org.logo}' bukan gambar PNG/JPEG (isinya tidak dimulai seperti "
                     "berkas PNG atau JPEG); simpan ulang lambangnya sebagai PNG atau JPEG, karena dokumen SOP "
                     "dibuat tanpa lambang")


def _starts_as_image(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        return False
    return head.startswith(_SIGNATURES)
