"""The identity part of an SOP (bagian identitas): what goes in which cell, and how tall it is (twips).

A table of five grid columns: the institution block (logo, names) on the left, merged down the rows of the
right side (label | value, the value spanning three columns, or two short fields side by side); then rows
of lists in two halves (Dasar Hukum | Kualifikasi Pelaksana, ...); then the optional sections (Tujuan,
Ruang Lingkup, Definisi).  Every height is measured with the document's font, so the layout knows whether
the part fits one page and how much room is left under it for the flowchart.

Fitting, tried in order until the part fits one page (the first that fits wins; if none does, the most
compact one goes on onto the next page, never splitting a row):
0. the normal spacing;
1. tighter spacing in every cell and list, less room above the signatures;
2. also two short fields side by side (Tanggal Revisi | Tanggal Efektif) and short lists in two columns;
3. also a smaller logo;
4. also a long list given the wider share of its row (its half can end at the next rule of the table above:
   40 %, 56 % or 72 % of the width), where that makes the row shorter (17 Dasar Hukum beside 3 short
   Kualifikasi in real SOPs);
5. also the lists one point smaller, then two (never below the flowchart table's size).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalogue import Catalogue
from ..dates import BLANK
from ..model import Sop, as_list
from ..texts import format_date, format_revision, printed_nip, list_items
from .page import PageStyle, mm

MAR = 108  # cell text margin, left and right
SAFETY = mm(4)  # the word processor's rounding of row heights: a page is taken as this much shorter
BORDER = 20  # a row's rule, with rounding
LIST_INDENT = 340  # hanging indent of a numbered list item
SHORT_ITEM = 0.45  # a list whose items all fit this share of the cell goes in two columns (level 2)
ELECTRONIC = "Ditandatangani secara elektronik"
SIGN_MAR = 57  # text margin of a signer's column (signers stand side by side in a table in the value cell)


def signer_width(value_width: int, n: int) -> int:
    """The width of each signer's column in the value cell."""
    return (value_width - 2 * MAR) // n


@dataclass(frozen=True)
class Level:
    pad: int  # space before and after each paragraph of a cell
    sign_room: int  # blank space for a handwritten signature and stamp
    e_room: int  # room for the certificate / QR stamp of an electronic signature
    logo: int  # logo height
    pairs: bool  # two short fields side by side, short lists in two columns
    smaller: float = 0  # pt off the lists' size (down to the flowchart table's size)
    split: bool = False  # a row's two lists may share its width other than 40/60


LEVELS = (Level(60, mm(16), mm(20), mm(22), False), Level(25, mm(13), mm(18), mm(22), False),
          Level(25, mm(13), mm(18), mm(22), True), Level(20, mm(12), mm(17), mm(15), True),
          Level(20, mm(12), mm(17), mm(15), True, 0, True), Level(20, mm(12), mm(17), mm(15), True, 1, True),
          Level(15, mm(11), mm(16), mm(14), True, 2, True))


@dataclass
class Signer:
    jabatan: str
    nama: str
    pangkat: str
    nip: str


@dataclass
class HeadRow:
    """A row of the right side: ``label`` | ``value`` (one text), or two fields side by side (``label2``,
    ``value2``), or signers (``signers``, side by side)."""

    label: str
    value: str = ""
    bold: bool = False
    label2: str = ""
    value2: str = ""
    signers: list[Signer] = field(default_factory=list)
    electronic: bool = False
    height: int = 0


@dataclass
class Block:
    """A titled list in a cell: ``items`` numbered when several; ``columns`` 2 lays short items side by side."""

    label: str
    items: list[str]
    columns: int = 1
    height: int = 0


@dataclass
class Identity:
    level: Level
    list_size: float  # pt, the lists under the identity table
    widths: list[int]  # five grid columns
    left_lines: list[str]  # institution, the body the department sits under, department, unit (upper case)
    address: list[str]  # the department's address, under them (gaya.yaml: alamat_di_identitas)
    head: list[HeadRow]
    rows: list[list[Block]]  # one block spans the width, two share it
    splits: list[int]  # per row of two blocks: the grid columns the left one spans (1: the 40/60 rule)
    heights: list[int]  # the header block, then each row of blocks
    pages: int
    last_used: int  # height taken on the last page

    @property
    def value_width(self) -> int:
        return sum(self.widths[2:])

    @property
    def left_width(self) -> int:
        return self.widths[0]

    @property
    def right_width(self) -> int:
        return sum(self.widths[1:])


def identity(cat: Catalogue, doc: Sop, style: PageStyle, has_logo: bool,
             dasar_hukum: list[str] | None = None, peralatan: list[str] | None = None,
             first_level: int = 0) -> Identity:
    """Lay out the identity part of ``doc`` at the first level that fits one page (see the module).
    ``dasar_hukum``: the legal basis as printed (in hierarchy order, amendments written out); ``peralatan``:
    the equipment as printed (with the applications the steps use)."""
    best = None
    laws = list(doc.dasar_hukum) if dasar_hukum is None else dasar_hukum
    tools = list(doc.peralatan) if peralatan is None else peralatan
    for level in LEVELS[first_level:]:
        ident = _lay_out(cat, doc, style, level, has_logo, laws, tools)
        if ident.pages == 1:
            return ident
        if best is None or (ident.pages, ident.last_used) < (best.pages, best.last_used):
            best = ident
    return _lay_out(cat, doc, style, LEVELS[1], has_logo, laws, tools) if best.pages > 1 else best


def signer(cat: Catalogue, pid: str) -> Signer:
    org = cat.organisasi
    p = org.pejabat.get(pid) if org else None
    if p is None:
        return Signer(pid, "", "", "")
    return Signer(p.jabatan, p.nama, p.pangkat or "", p.nip or "")


def _lay_out(cat: Catalogue, doc: Sop, style: PageStyle, lv: Level, has_logo: bool, laws: list[str],
             tools: list[str]) -> Identity:
    total = style.body_width
    c0 = int(total * 0.40)
    c1 = int(total * 0.16)
    rest = total - c0 - c1
    c3 = int(total * 0.13)
    c2 = (rest - c3) // 2
    widths = [c0, c1, c2, c3, rest - c2 - c3]
    size = style.size
    line = style.line(size)
    big = style.line(size + 1)

    def lines(text: str, width: int, bold: bool = False, sz: float = size, indent: int = 0) -> int:
        return style.wrap(text, width - 2 * MAR - indent, sz, bold)

    org = cat.organisasi
    left_lines = [t.upper() for t in (org.nama if org else "", cat.parent_body(doc.perangkat_daerah),
                                      cat.department_name(doc), cat.parent_unit(doc), cat.unit_name(doc) or "") if t]
    left_h = (lv.logo + 2 * lv.pad if has_logo else lv.pad) + sum(lines(t, c0, True, size + 1) for t in left_lines) * big
    address = address_lines(cat, doc) if style.address else []
    if address:  # Setwan Kota Yogyakarta prints its address, telephone and e-mail there, as its letterhead does
        left_h += lv.pad + sum(lines(t, c0, sz=size - 1) for t in address) * style.line(size - 1)
    value_w = c2 + c3 + widths[4]
    tg = doc.tanggal
    L = style.label
    head = [HeadRow(L("nomor_sop"), doc.nomor)]
    if lv.pairs:
        head += [HeadRow(L("tanggal_pembuatan"), format_date(tg.pembuatan)),
                 HeadRow(L("tanggal_revisi"), format_revision(tg), label2=L("tanggal_efektif"),
                         value2=format_date(tg.efektif))]
    else:
        head += [HeadRow(L("tanggal_pembuatan"), format_date(tg.pembuatan)),
                 HeadRow(L("tanggal_revisi"), format_revision(tg)),
                 HeadRow(L("tanggal_efektif"), format_date(tg.efektif))]
    electronic = doc.tanda_tangan == "elektronik"
    head.append(HeadRow(L("disahkan_oleh"), signers=[signer(cat, p) for p in doc.pengesah], electronic=electronic))
    for label, ids in ((L("diperiksa_oleh"), doc.pemeriksa), (L("dibuat_oleh"), doc.pembuat)):  # by rank, downwards
        if ids:
            head.append(HeadRow(label, signers=[signer(cat, p) for p in ids], electronic=electronic))
    head.append(HeadRow(L("nama_sop"), doc.nama.upper() if style.title_upper else doc.nama, bold=True))
    for r in head:
        label_h = lines(r.label, c1, True) * line
        if r.signers:
            room = signer_width(value_w, len(r.signers)) - 2 * SIGN_MAR + 2 * MAR  # ``lines`` takes MAR off
            r.height = max(_signer_height(s, room, lv, r.electronic, lines, line) for s in r.signers)
            r.height = max(r.height, label_h) + 2 * lv.pad
        elif r.label2:
            r.height = max(label_h, lines(r.value, c2) * line, lines(r.label2, c3, True) * line,
                           lines(r.value2, widths[4]) * line) + 2 * lv.pad
        else:
            r.height = max(label_h, lines(r.value, value_w, r.bold) * line) + 2 * lv.pad
        r.height += BORDER
    head_h = max(left_h + BORDER, sum(r.height for r in head))

    rows = _blocks(cat, doc, laws, tools, style.label)
    heights = [head_h]
    lsize = max(style.table_size, size - lv.smaller)
    lline = style.line(lsize)

    def llines(text: str, width: int, bold: bool = False, indent: int = 0) -> int:
        return style.wrap(text, width - 2 * MAR - indent, lsize, bold)

    def fit(b: Block, w: int) -> int:
        # short items only (an item of several lines is not short; the font cannot measure a newline)
        parts = list_items(b.items)
        opening = opening_leads(parts)  # its lead-ins span the cell, over the two columns
        b.columns = 2 if lv.pairs and len(b.items) > 3 and all(
            "\n" not in t and style.measure(f"{len(b.items)}. {t}", lsize) <= (w - 2 * MAR) * SHORT_ITEM
            for t in b.items[opening:]) and all(i.mark for i in parts[opening:]) else 1  # no lead-in, no line under one
        b.height = _block_height(b, w, lv, llines, lline)
        return b.height

    splits = []
    for row in rows:
        if len(row) == 1:
            heights.append(fit(row[0], total) + BORDER)
            continue
        # the least tall share of the width; the 40/60 rule when no other is shorter
        best = min((max(fit(row[0], sum(widths[:k])), fit(row[1], sum(widths[k:]))), k)
                   for k in ((1, 2, 3) if lv.split else (1,)))
        splits.append(best[1])
        heights.append(max(fit(row[0], sum(widths[:best[1]])), fit(row[1], sum(widths[best[1]:]))) + BORDER)
    pages, used = 1, 0
    for h in heights:
        if used and used + h > style.body_height - SAFETY:
            pages, used = pages + 1, 0
        used += h
    return Identity(lv, lsize, widths, left_lines, address, head, rows, splits, heights, pages, used)


def address_lines(cat: Catalogue, doc: Sop) -> list[str]:
    """Return the address of ``doc``'s department as written (one text, wrapped in its cell: address, telephone
    and e-mail as one line of the organisation file, which holds no line break), or none."""
    org = cat.organisasi
    pd = org.perangkat_daerah.get(doc.perangkat_daerah) if org and doc.perangkat_daerah else None
    return [pd.alamat.strip()] if pd and pd.alamat and pd.alamat.strip() else []


def _signer_height(s: Signer, width: int, lv: Level, electronic: bool, lines, line: int) -> int:
    """Position, the room for the signature (or the electronic-signature note and the room for its stamp),
    then name, rank and NIP."""
    h = lines(s.jabatan, width) * line
    h += (lines(ELECTRONIC, width) * line + lv.e_room) if electronic else lv.sign_room
    return h + sum(lines(t, width, bold=bold) * line for t, bold in signer_tail(s))


def signer_tail(s: Signer) -> list[tuple[str, bool]]:
    """Name (bold), rank and NIP under the signature, as printed (empty ones left out; a name written "-", as
    for an SOP printed with the name left blank, leaves the signature's room alone: RSUD Ba'a).  An NRP stands
    on its rank's line, as Polri and TNI sign ("AKBP NRP 76071092")."""
    number = printed_nip(s.nip)
    rank = s.pangkat
    if rank and number.upper().startswith("NRP"):
        rank, number = f"{rank} {number}", ""
    return [(t, k == 0) for k, t in enumerate((printed_name(s.nama), rank, number)) if t]


def printed_name(nama: str) -> str:
    """Return a signer's name as printed: none for one written "-" (the SOP leaves it blank)."""
    return "" if nama.strip() in BLANK else nama


def opening_leads(parts) -> int:
    """How many lead-ins open a list (``texts.list_items``), above its items."""
    return next((k for k, i in enumerate(parts) if not i.lead), len(parts))


def _block_height(b: Block, width: int, lv: Level, lines, line: int) -> int:
    items = b.items or ["-"]
    if b.columns == 2:
        opening = opening_leads(list_items(items))
        n = sum(lines(t, width) for t in items[:opening]) + (len(items) - opening + 1) // 2
    elif len(items) > 1:
        # a lead-in flush left (render.sop_identity)
        n = sum(lines(t, width, indent=0 if i.lead else LIST_INDENT) for t, i in zip(items, list_items(items)))
    else:
        n = lines(items[0], width)
    return 3 * lv.pad + (n + 1) * line


def _blocks(cat: Catalogue, doc: Sop, laws: list[str], tools: list[str], L) -> list[list[Block]]:
    """The lists under the identity table, in PermenPANRB's pairs, then the optional sections; ``L``: the
    heading of a ``gaya_labels`` key."""
    def related() -> list[str]:
        out = []
        for entry in doc.keterkaitan:
            other = cat.by_code.get(entry)
            out.append(f"{other.nama} ({entry})" if other else entry)
        return out

    rows = [[Block(L("dasar_hukum"), laws), Block(L("kualifikasi_pelaksana"), list(doc.kualifikasi_pelaksana))],
            [Block(L("keterkaitan"), related()), Block(L("peralatan"), tools)],
            [Block(L("peringatan"), as_list(doc.peringatan)), Block(L("pencatatan"), as_list(doc.pencatatan))]]
    extra = []
    if doc.tujuan:
        extra.append(Block(L("tujuan"), as_list(doc.tujuan)))
    if doc.ruang_lingkup:
        extra.append(Block(L("ruang_lingkup"), as_list(doc.ruang_lingkup)))
    if doc.definisi:
        items = [f"{k}: {v}" for k, v in doc.definisi.items()] if isinstance(doc.definisi, dict) else list(doc.definisi)
        extra.append(Block(L("definisi"), items))
    if len(extra) == 3:  # Tujuan across the page, Ruang Lingkup | Definisi side by side
        rows += [[extra[0]], extra[1:]]
    elif len(extra) == 2:
        rows.append(extra)
    elif extra:
        rows.append(extra)
    return rows
