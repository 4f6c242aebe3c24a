"""The identity part of an SOP as WordprocessingML: draws a finished ``layout.sop_identity.Identity``."""

from __future__ import annotations

from ..layout.sop_identity import (ELECTRONIC, LIST_INDENT, MAR, SIGN_MAR, Block, HeadRow, Identity, opening_leads,
                                   signer_tail, signer_width)
from ..texts import list_items
from . import docx_xml as X


def identity_xml(w, ident: Identity) -> str:
    """Return the identity table of ``ident`` (``w``: the Writer, for the logo and the style)."""
    st = w.style
    lv = ident.level
    size = st.size
    line = st.line(size)
    big = st.line(size + 1)
    c = ident.widths
    pad = lv.pad
    logo = w.logo_xml(lv.logo)
    left = (X.para(align="center", before=pad, after=pad, extra=logo) if logo else "") + "".join(
        X.para(t, size=size + 1, bold=True, align="center", line=big, before=0 if (logo or i) else pad)
        for i, t in enumerate(ident.left_lines)) + "".join(
        X.para(t, size=size - 1, align="center", line=st.line(size - 1), before=pad if i == 0 else 0)
        for i, t in enumerate(ident.address))
    value_w = ident.value_width

    def vpara(text: str, bold: bool = False) -> str:
        return X.para(text, size=size, bold=bold, line=line, before=pad, after=pad)

    rows = ""
    for i, r in enumerate(ident.head):
        first = X.cell(left, c[0], vmerge="restart", valign="center") if i == 0 else X.cell("", c[0], vmerge="continue")
        cells = first + X.cell(vpara(r.label, True), c[1])
        if r.signers:
            cells += X.cell(_signers(r, value_w, size, line, pad, lv), value_w, span=3)
        elif r.label2:
            cells += X.cell(vpara(r.value), c[2]) + X.cell(vpara(r.label2, True), c[3]) + X.cell(vpara(r.value2), c[4])
        else:
            cells += X.cell(vpara(r.value, r.bold), value_w, span=3)
        rows += X.row(cells)
    splits = iter(ident.splits)
    for row in ident.rows:
        if len(row) == 1:
            rows += X.row(X.cell(_block(row[0], st, pad, sum(c), ident.list_size), sum(c), span=5))
        else:
            k = next(splits)
            left, right = sum(c[:k]), sum(c[k:])
            rows += X.row(X.cell(_block(row[0], st, pad, left, ident.list_size), left, span=k)
                          + X.cell(_block(row[1], st, pad, right, ident.list_size), right, span=5 - k))
    return X.table(c, rows, MAR)


def _signers(r: HeadRow, value_w: int, size: float, line: int, pad: int, lv) -> str:
    """The signers of a row side by side: a borderless table in the value cell, one column each."""
    each = signer_width(value_w, len(r.signers))
    cells = ""
    for k, s in enumerate(r.signers):
        parts = [X.para(s.jabatan, size=size, line=line)]
        if r.electronic:
            parts += [X.para(ELECTRONIC, size=size, line=line, italic=True), X.para(line=lv.e_room)]
        else:
            parts.append(X.para(line=lv.sign_room))
        parts += [X.para(t, size=size, bold=bold, line=line) for t, bold in signer_tail(s)]
        # the first signer's text starts where the other rows' values do (the outer cell's margin), not 1 mm in
        cells += X.cell("".join(parts), each, margins=None if k else (0, SIGN_MAR))
    table = X.table([each] * len(r.signers), X.row(cells), SIGN_MAR, borders=False)
    return X.para(line=pad, size=1) + table + X.para(line=pad, size=1)


def _block(b: Block, st, pad: int, width: int, size: float) -> str:
    """A titled list: the title on a shaded line, the items numbered (in two columns when short)."""
    line = st.line(size)
    head = X.para(b.label + ":", size=size, bold=True, line=line, before=pad, after=pad).replace(
        "<w:pPr>", f'<w:pPr><w:shd w:val="clear" w:color="auto" w:fill="{st.heading_fill}"/>', 1)
    items = b.items or ["-"]
    parts = list_items(items)  # 1., 2., ... or the marks the items are written with
    if b.columns == 2:
        half = (width - 2 * MAR) // 2
        opening = opening_leads(parts)  # the lead-ins across the cell, the items in two columns under them
        body = "".join(X.para(t, size=size, line=line) for _, t, _ in parts[:opening])
        marks = [(m, t) for m, t, _ in parts[opening:]]
        n = (len(marks) + 1) // 2
        for k in range(n):
            left = "\t".join(marks[k])
            right = "\t" + "\t".join(marks[k + n]) if k + n < len(marks) else ""
            body += X.para(left + right, size=size, line=line, indent=LIST_INDENT, hanging=LIST_INDENT,
                           tabs=[LIST_INDENT, half, half + LIST_INDENT])
    elif len(items) == 1:
        body = X.para(items[0], size=size, line=line)
    else:
        # an item without a mark continues the one above it, or is a lead-in ("Hambatan dapat saja terjadi :",
        # "Untuk badan usaha:" before a list starting again), flush left
        body = "".join(X.para(f"{m}\t{t}" if m else t, size=size, line=line, indent=0 if lead else LIST_INDENT,
                              hanging=LIST_INDENT if m else 0) for m, t, lead in parts)
    return head + body + X.para(line=pad, size=1)
