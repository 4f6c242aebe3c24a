"""invalid-duration: a `waktu` that is not a length of time is printed as written and left out of time metrics.

A warning, never an error: real SOPs write "setiap saat", "tentatif" or "sesuai kontrak" in the Waktu column,
and the document must keep it.  The message says why when the phrase is a known one, else how a duration is
written (it may be a typo such as "15 mnt.").
A bare number ("5", as real SOPs print minutes) reads in the map's ``satuan_waktu``; without one, the message
says to write the unit or declare it.
PASS: waktu: 15 menit / 1 jam 30 menit / 1-2 hari / 15 menit/berkas / paling lambat 17 hari kerja
PASS: satuan_waktu: menit, waktu: 5; waktu: "-" (left blank)
FAIL: waktu: sebentar / setiap saat / 5
FAIL: jumlah_waktu: sesuai kebutuhan (with no kegiatan's `waktu`: the procedure's only time)
"""

from __future__ import annotations

import functools
from typing import Iterator

from ..catalogue import Catalogue, Map
from ..durations import EXAMPLES, not_duration_reason, parse_duration, with_unit
from ..model import PetaLintasFungsi, says_none
from ..problems import Problem
from .helpers import at

CODE = "invalid-duration"


@functools.lru_cache(maxsize=4096)
def _reads(text: str) -> bool:
    """Whether ``text`` reads as a duration: the same few texts recur in every SOP ("1 hari", "15 menit")."""
    return parse_duration(text) is not None


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if not isinstance(doc, PetaLintasFungsi):
        return
    bare: list[int] = []  # steps whose waktu is a number alone: said once, at the first (review W: 7 alike)
    for i, step in enumerate(doc.kegiatan):
        if step.waktu is None or says_none(step.waktu) or _reads(step.waktu_dibaca):
            continue  # ("-": a time the SOP leaves blank, as everywhere else, review M)
        why = not_duration_reason(step.waktu)
        if step.waktu_dibaca != step.waktu or _reads(f"{step.waktu} menit"):  # a bare number: "5", "1-2"
            bare.append(i)
            continue
        if why:
            text = f"waktu '{step.waktu}' {why}: dicetak apa adanya dan tidak dihitung dalam metrik waktu"
        else:
            text = (f"waktu '{step.waktu}' tidak terbaca sebagai lama waktu: dicetak apa adanya dan tidak dihitung "
                    f"dalam metrik waktu; bila maksudnya lama waktu, tulis seperti {EXAMPLES}")
        yield at(doc, ("kegiatan", i, "waktu"), CODE, text)
    if bare:
        yield at(doc, ("kegiatan", bare[0], "waktu"), CODE, _bare_numbers(doc, bare))
    total = getattr(doc, "jumlah_waktu", None)
    if total and not says_none(total) and not any(s.waktu for s in doc.kegiatan) and \
            not _reads(with_unit(total, doc.satuan_waktu)):  # the procedure's only time (no-times is silent then)
        why = not_duration_reason(total)
        yield at(doc, ("jumlah_waktu",), CODE,
                 f"jumlah_waktu '{total}' {why or 'tidak terbaca sebagai lama waktu'}: dicetak apa adanya, tetapi "
                 "tanpa waktu kegiatan metrik tidak menghitung lama prosedur; bila maksudnya lama waktu, tulis seperti "
                 f"{EXAMPLES}")


def _bare_numbers(doc: PetaLintasFungsi, steps: list[int]) -> str:
    """Return the one message for every `waktu` of ``doc`` written as a number alone (``steps``: their indexes)."""
    first = doc.kegiatan[steps[0]].waktu.strip()  # type: ignore[union-attr]
    if len(steps) == 1:
        what = f"waktu '{first}' hanya angka tanpa satuan"
    else:
        what = (f"{len(steps)} waktu hanya angka tanpa satuan (langkah "
                f"{', '.join(str(i + 1) for i in steps)}; yang pertama '{first}')")
    return (f"{what}: dicetak apa adanya dan tidak dihitung dalam metrik waktu; tulis satuannya (mis. "
            f"'{first} menit'), atau bila semua waktu di berkas ini angka saja seperti di SOP aslinya, nyatakan sekali "
            "'satuan_waktu: menit' (atau jam, hari)")
