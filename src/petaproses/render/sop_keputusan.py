"""The keputusan of a Dokumen SOP: what its Mengingat cites, in what order, and how its labelled parts look.

A Keputusan Kepala Perangkat Daerah lists its considerations (Menimbang) as a, b, c with the last one
pointing back to the others by letter, and its legal basis (Mengingat) as 1, 2, 3 in the order of the
legal hierarchy (UU 12/2011 as amended; legal.py), each regulation with its amendments.  The Mengingat
always holds the regulations the SOPs implement: PermenPANRB 35/2012 and what the register lists under
`dasar_keputusan` (the Perwal on Sistem Kerja, the law on regional government...).  Without a register it
holds every regulation the department's SOPs cite.  A revoked regulation is never cited, in the Mengingat nor
in the Menimbang: the one in force that replaced it is.  "In force" is judged on today (SOURCE_DATE_EPOCH's
day when set): before a `dicabut_tanggal` still to come the regulation it revokes is cited.  The wording
itself stays in templates/sop/buku-keputusan.j2.
"""

from __future__ import annotations

from typing import Callable

from .. import legal
from ..catalogue import Catalogue
from ..model import Sop, says_none
from ..register import RegisterPeraturan, read_citations, reference_date
from ..texts import split_mark
from . import docx_xml as X

# the regulation every Dokumen SOP implements, written out when the catalogue has no register entry for it
PEDOMAN_SOP = ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 "
               "tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def huruf(i: int) -> str:
    """Return the letter of the ``i``-th consideration (1 = a; after z: aa, bb ...)."""
    return LETTERS[(i - 1) % 26] * ((i - 1) // 26 + 1)


def rujukan_huruf(n: int) -> str:
    """Return how the last consideration names the ``n`` before it: "huruf a", "huruf a dan huruf b", ..."""
    names = [f"huruf {huruf(i)}" for i in range(1, n + 1)]
    if len(names) <= 2:
        return " dan ".join(names)
    return ", ".join(names[:-1]) + ", dan " + names[-1]


def _basis_ids(reg: RegisterPeraturan, sops: list[Sop]) -> tuple[list[str], list[str]]:
    """Return the register ids the Mengingat cites and the texts it cites that are not in the register."""
    if reg.dasar_keputusan:
        ids, texts = [i for i in reg.dasar_keputusan if i in reg.peraturan], []
    else:
        cited = [c for s in sops for c in read_citations(reg, list(s.dasar_hukum))]
        ids = [c.reg_id for c in cited if c.reg_id is not None]
        texts = [split_mark(c.written)[1] for c in cited if c.reg_id is None and not c.by_id]
    pedoman, _ = reg.find(legal.parse(PEDOMAN_SOP))
    if pedoman is not None:
        ids.append(pedoman)
    elif not any(_same(legal.parse(t), legal.parse(PEDOMAN_SOP)) for t in texts):
        texts.append(PEDOMAN_SOP)
    # an amendment is cited through what it amends, whose text names it ("... sebagaimana telah diubah dengan
    # ..."): cited beside it, it was printed twice (review U: UU 23/2006 and UU 24/2013)
    base = {a: i for i, entry in reg.peraturan.items() for a in entry.diubah_oleh if a != i}
    in_force = []
    day = reference_date()
    for i in ids:  # a keputusan cannot rest on a revoked regulation: cite the one that replaced it
        seen = {i}
        while i in base and base[i] not in seen:
            i = base[i]
            seen.add(i)
        now = reg.in_force(i, day)
        if now is not None and now not in in_force:
            in_force.append(now)
    return in_force, texts


def _same(a: legal.Citation, b: legal.Citation) -> bool:
    return a.readable and (a.form, legal.normalise_number(a.nomor or ""), a.tahun) == \
        (b.form, legal.normalise_number(b.nomor or ""), b.tahun)


# not regulations (peraturan perundang-undangan): a decree cites them under "Memperhatikan", not "Mengingat"
NOTED = frozenset({"surat_edaran"})


def mengingat(cat: Catalogue, sops: list[Sop]) -> list[str]:
    """Return the keputusan's Mengingat: hierarchy, then year, then number; amendments written out."""
    return [text for form, text in _basis(cat, sops) if form not in NOTED]


def memperhatikan(cat: Catalogue, sops: list[Sop]) -> list[str]:
    """Return the keputusan's Memperhatikan: the circulars (Surat Edaran) among the basis (review O: Rokan
    Hilir's SOP named one, and the decree cited it under Mengingat)."""
    return [text for form, text in _basis(cat, sops) if form in NOTED]


def _basis(cat: Catalogue, sops: list[Sop]) -> list[tuple[str | None, str]]:
    """Return (form, text) of every regulation the keputusan names, in the order of the hierarchy."""
    reg = cat.peraturan
    items: list[tuple[tuple, str | None, str]] = []
    if reg is not None:
        ids, texts = _basis_ids(reg, sops)
        items += [(reg.peraturan[i].key(), reg.peraturan[i].form.key, reg.full_text(i)) for i in ids]
    else:
        # the full name wins over "PANRB"; the Mengingat numbers its own lines: an author's "a." is left out
        texts = [PEDOMAN_SOP] + [split_mark(d)[1] for s in sops for d in s.dasar_hukum]
    seen: list[legal.Citation] = []
    for order, written in enumerate(texts):
        if says_none(written):  # "-": a basis the SOP's copy did not show, no regulation
            continue
        # the template ends each line with ";" (Batam's ended with ");" already; an SOP's "; dan" is its own place's)
        text = legal.split_list_end(written.rstrip(" ;,."))[0].rstrip(" ;,.")
        cite = legal.parse(text)
        if any(_same(cite, s) for s in seen) or text in (t for _k, _f, t in items):
            continue
        seen.append(cite)
        items.append((legal.sort_key(cite.form, cite.tahun, cite.nomor, cite.issuer) + (order,), cite.form, text))
    return [(form, text) for _key, form, text in sorted(items, key=lambda kft: kft[0][:3])]


def sistem_kerja(cat: Catalogue) -> str:
    """Return the regional regulation on Sistem Kerja among the keputusan's basis (``RegisterPeraturan.sistem_kerja``)."""
    return cat.peraturan.sistem_kerja() if cat.peraturan is not None else ""


def keputusan_context(cat: Catalogue, sops: list[Sop]) -> dict:
    """Return what buku-keputusan.j2 needs besides the book's common context."""
    reg = cat.peraturan
    pedoman = PEDOMAN_SOP
    if reg is not None:
        found, _ = reg.find(legal.parse(PEDOMAN_SOP))
        now = reg.in_force(found, reference_date()) if found else None  # as the Mengingat: the one in force
        pedoman = reg.peraturan[now or found].text() if found else PEDOMAN_SOP
    return {"dasar_hukum": mengingat(cat, sops), "memperhatikan": memperhatikan(cat, sops), "pedoman_sop": pedoman,
            "sistem_kerja": sistem_kerja(cat),
            "huruf": huruf, "rujukan_huruf": rujukan_huruf}


# ------------------------------------------------------------------------------------------- layout
def labelled(w, lines: list[str], width: int, lit: Callable[[str], str] = str,
             keep_last: bool = False) -> tuple[str, int]:
    """Return a borderless table of labelled parts ("Menimbang : a. ...") and its estimated height.

    ``lines``: "@ Label" or "@ Label | text" starts a row; "* text" (a, b, c) and "- text" (1, 2, 3) are
    items of the row above; any other line continues the row as a paragraph.  The lines hold the book's value
    tokens (sop_book.render_marked): the marks are read first, ``lit`` then puts each value back as text.
    ``keep_last``: the last row stays whole and on the page of what follows (the last diktum with the
    signature: a signature never stands alone on a page).
    """
    st = w.style
    size, line = st.size, st.line(st.size)
    label_w = max([st.measure(lit(ln[2:].split("|")[0]).strip(), size) for ln in lines if ln.startswith("@ ")]
                  + [0]) + 200
    colon_w, item_in = 240, 420
    content_w = width - label_w - colon_w
    rows, height = "", 0
    current: list[str] | None = None
    label = ""
    count = {"*": 0, "-": 0}

    def close(last: bool = False) -> None:
        nonlocal rows
        if current is None:
            return
        cells = (X.cell(X.para(label, size=size, line=line, after=60), label_w)
                 + X.cell(X.para(":", size=size, line=line), colon_w)
                 + X.cell("".join(current) or X.para(size=size), content_w))
        if last:
            cells = X.keep_next(cells)
        rows += X.row(cells, exact=False, cant_split=last)

    for raw in lines:
        s = raw.strip()
        if s.startswith("@ "):
            close()
            label, _, text = (lit(p).strip() for p in s[2:].partition("|"))
            current, count = [], {"*": 0, "-": 0}
            if text:
                current.append(X.para(text, size=size, align="both", line=line, after=80))
                height += st.wrap(text, content_w, size) * line + 80
            continue
        if current is None:
            current = []
        if s[:2] in ("* ", "- "):
            mark = s[0]
            count[mark] += 1
            n = count[mark]
            number = f"{huruf(n)}." if mark == "*" else f"{n}."
            t = lit(s[2:])
            current.append(X.para(f"{number}\t{t}", size=size, align="both", line=line, indent=item_in,
                                  hanging=item_in, after=60))
            height += st.wrap(t, content_w - item_in, size) * line + 60
        else:
            t = lit(s)
            current.append(X.para(t, size=size, align="both", line=line, after=80))
            height += st.wrap(t, content_w, size) * line + 80
    close(keep_last)
    return (X.table([label_w, colon_w, content_w], rows, 0, borders=False) + X.para(line=120, keep_next=keep_last),
            height + 120)
