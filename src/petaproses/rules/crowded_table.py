"""crowded-table: the SOP's flowchart table can be laid out legibly on its page.

Every text may be within its limit (text-too-long) and the actors within theirs (too-many-actors), and the
table still not fit: 20 actor columns of 12 mm leave the six text columns 4-5 mm, a line of one or two
letters, and 250-character position names in such columns make a heading taller than half the page, which
is repeated on every page.  An SOP at those limits made 6,240 pages for 20 steps, and a build of 200 steps
was killed for its memory (bench/synth_worst.py).  Measured as ``build`` lays the table out (its column
designs, on A4 landscape with the default margins), before rows are split over pages.
PASS: every SOP of processes/ and of the real-shape fixtures (heading at most a fifth of the page, every
step's row under a page)
FAIL: 20 pelaksana and a keterangan of 1,000 characters; 16 pelaksana whose names are 250 characters
"""

from __future__ import annotations

from typing import Iterator

from ..catalogue import Catalogue, Map
from ..model import Sop, as_list
from ..problems import Problem
from ..sanitise import MAX_ACTORS
from .helpers import at, sound_flow

CODE = "crowded-table"

# below all three no SOP comes near either limit (measured on adversarial names and texts: heading 0.42 of the
# page, rows 2.7 pages): the table is not measured (~7 ms an SOP, and the layout's import), so `check` of 1,000
# synthetic SOPs is no slower; real SOPs with longer position names are measured
EASY_ACTORS, EASY_NAME, EASY_STEP = 8, 50, 2_000
HEADER_SHARE = 0.5  # the heading may take at most this share of a page's body (it is on every page)
ROW_PAGES = 5  # a step's row may take at most this many pages (a keterangan of 4,000 characters takes ~3)
TEXT_FIELDS = ("keterangan", "uraian", "kelengkapan", "output", "waktu")


def check(cat: Catalogue, doc: Map) -> Iterator[Problem]:
    if not isinstance(doc, Sop):
        return
    found = sound_flow(cat, doc)
    lanes = set(cat.lanes(doc)) | {a for step in doc.kegiatan for a in step.actors}
    known = cat.organisasi.pelaksana if cat.organisasi is not None else {}
    if found is None or len(lanes) > MAX_ACTORS or not lanes <= set(known):
        return  # other rules say what is wrong; the table is not laid out
    if _easy(cat, doc, lanes):
        return
    from ..layout.page import PageStyle, mm
    from ..layout.sop_chart import measure

    style = PageStyle()
    try:
        m = measure(cat, doc, style)
    except Exception:  # noqa: BLE001 - an SOP the layout refuses: other rules name the cause
        return
    key = found[0]
    n = len(lanes)
    text_cols = [m.widths[1], *m.widths[-4:]]
    narrow = f"kolom teks tabel selebar {min(text_cols) / mm(1):.0f}-{max(text_cols) / mm(1):.0f} mm di samping {n} kolom pelaksana"
    fix_actors = "kurangi pelaksana (gabungkan jabatan yang sama perannya, atau pecah menjadi beberapa SOP)"
    if m.header > HEADER_SHARE * style.body_height:
        names = {a: cat.organisasi.position_name(a) or a for a in lanes}
        longest = max(sorted(lanes), key=lambda a: len(names[a]))
        yield at(doc, ("pelaksana",) if doc.pelaksana else (key,), CODE,
                 f"kepala tabel SOP (nama {n} jabatan pelaksana) setinggi {m.header / style.body_height:.0%} "
                 "halaman dan diulang di setiap halaman, sehingga tabel tidak terbaca: singkatkan nama jabatan di "
                 f"organisasi.yaml (terpanjang: '{longest}', {len(names[longest])} karakter; cukup nama "
                 f"jabatannya, misalnya 'Kepala Subbagian Umum'), atau {fix_actors}")
        return  # the rows' pages follow from the heading: its fix comes first
    for index, height in zip(m.steps, m.heights):
        pages = height / m.room
        if pages > ROW_PAGES:
            item = doc.kegiatan[index] if index < len(doc.kegiatan) else None
            field = max((f for f in TEXT_FIELDS if item is not None and getattr(item, f, None)),
                        key=lambda f: len(str(getattr(item, f))), default=None)
            keys = (key, index, field) if field else (key, index)
            yield at(doc, keys, CODE,
                     f"baris langkah {index + 1} memerlukan sekitar {pages:.0f} halaman tabel SOP ({narrow}): "
                     f"singkatkan teks langkah ini (rincian panjang ke SOP lain lewat `rincian`), atau {fix_actors}")


def _easy(cat: Catalogue, doc: Sop, lanes: set[str]) -> bool:
    """Few actors, short names, short steps: see EASY_*."""
    if len(lanes) > EASY_ACTORS or any(len(cat.organisasi.position_name(a) or a) > EASY_NAME for a in lanes):
        return False
    return all(sum(len(t) for f in TEXT_FIELDS for t in as_list(getattr(step, f, None) or [])) <= EASY_STEP
               for step in doc.kegiatan)
