"""Peta relasi as Graphviz: parties grouped by department (clusters, units nested), one edge per relation.

``dot`` places the parties and lines (top to bottom), so the picture stays readable at 30+ parties, and
``relasi_labels`` then moves any label that lies on another label or a party along its own line: every hand-off
between two parties is one edge (parallel hand-offs bundled), labelled with its number, how many processes
use it and what passes (above 60 relations: number and count only; the rest is in the tooltip and on
the site); thicker when more processes use it, dashed when only written by hand.  A relation to
or from a department as a whole (level-1 stakeholders) ends at the department's frame.  The title block on
top holds the legend.  Each edge links to its row on the site page (``#relasi-<n>``), where the SOPs behind
it are listed.
"""

from __future__ import annotations

import graphviz

from ..layout import relasi as lay
from ..relasi import DEPARTMENT, INFERRED, LINTAS, LUAR, PEMANGKU, Party, RelationMap
from . import diagram_style as st

GROUP_FILL = {LINTAS: "#f2f2f2", LUAR: "#fdf6e3", PEMANGKU: "#eef7ee"}
DEPARTMENT_FILL = "#eef3fa"
UNIT_FILL = "#ffffff"
NODE_FILL = {LUAR: "#fffaf0", PEMANGKU: "#ffffff"}
MANUAL_COLOUR = "#7a4a00"


def anchor(party_id: str) -> str:
    return "anchor_" + party_id


def _node_name(parties: dict[str, Party], pid: str) -> str:
    return f"n{list(parties).index(pid)}"


def _cluster_of(rmap: RelationMap, group: str) -> str:
    return f"cluster_g{[g for g, _ in rmap.groups].index(group)}"


def _legend(rmap: RelationMap, institution: str) -> str:
    rows = [f'<TR><TD ALIGN="LEFT">{st.html_lines([rmap.title], 14.0, bold=True, align="LEFT")}</TD></TR>']
    facts = [institution, f"{len(rmap.parties)} pihak, {len(rmap.relations)} relasi"]
    if rmap.hidden:
        why = f"ambang {rmap.threshold} proses" if rmap.threshold > 1 else "pengaturan peta relasi"
        facts[-1] += f"; {len(rmap.hidden)} relasi tidak digambar ({why} dan daftar sembunyikan)"
    rows.append(f'<TR><TD ALIGN="LEFT">{st.html_lines([" · ".join(facts)], st.SMALL, align="LEFT")}</TD></TR>')
    legend = [
        "→  serah terima dari SOP atau peta lintas fungsi: #nomor, jumlah proses yang memakainya, yang diserahkan "
        "(garis makin tebal makin banyak prosesnya)",
        "- - →  relasi tambahan yang ditulis di berkas peta-relasi",
        "kotak bergaris putus-putus: Perangkat Daerah jabatan disimpulkan dari peta/SOP yang memakainya "
        "(tidak ditulis di organisasi.yaml)",
        "panah ke atau dari bingkai Perangkat Daerah: pemangku kepentingan peta level 1",
    ]
    rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{st.html_lines(legend, st.SMALL, align="LEFT")}</TD></TR>')
    return st.label(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">{"".join(rows)}</TABLE>')


def build(rmap: RelationMap, institution: str) -> graphviz.Digraph:
    """Return the DOT graph of one relation map (laid out by ``dot``)."""
    g = graphviz.Digraph(name="peta_relasi", engine="dot")
    g.attr("graph", rankdir="TB", compound="true", newrank="true", nodesep="0.25", ranksep="0.9",
           fontname=st.FONT, labelloc="t", labeljust="l", label=_legend(rmap, institution), pad="0.2",
           bgcolor="white", outputorder="edgesfirst", remincross="true")
    g.attr("node", fontname=st.FONT, fontsize=f"{st.FONT_SIZE:g}", shape="box", style="rounded,filled",
           fillcolor="white", color=st.LINE_COLOUR, fontcolor=st.INK, penwidth="1.1", margin="0.08,0.05")
    g.attr("edge", fontname=st.FONT, fontsize=f"{st.SMALL:g}", color=st.LINE_COLOUR, fontcolor=st.INK,
           arrowsize="0.7")
    parties = rmap.parties
    for group, name in rmap.groups:
        members = [p for p in parties.values() if p.group == group]
        with g.subgraph(name=_cluster_of(rmap, group)) as c:
            c.attr(label=st.label(st.html_lines(st.wrap(name, 260, st.FONT_SIZE, True), st.FONT_SIZE, bold=True)),
                   style="rounded,filled", fillcolor=GROUP_FILL.get(group, DEPARTMENT_FILL), color="#8899aa",
                   fontname=st.FONT, margin="10")
            units = list(dict.fromkeys(p.unit for p in members if p.unit))
            for p in members:
                if p.unit is None:
                    _node(c, rmap, p)
            for j, unit in enumerate(units):
                with c.subgraph(name=f"{_cluster_of(rmap, group)}_u{j}") as u:
                    u.attr(label=st.label(st.html_lines([rmap.units[(group, unit)]], st.SMALL)),
                           style="rounded,filled", fillcolor=UNIT_FILL, color="#aab4c0")
                    for p in members:
                        if p.unit == unit:
                            _node(u, rmap, p)
    compact = len(rmap.relations) > COMPACT_OVER
    for rel in rmap.relations:
        (tail, head), attrs = _edge(rmap, rel, compact)
        g.edge(tail, head, **attrs)
    return g


COMPACT_OVER = 60  # relations: above this, edge labels show numbers and counts only (items: tooltip, site)


def label_forms(rmap: RelationMap, rel, compact: bool | None = None) -> list[str]:
    """Return a relation's label, fullest first: as laid out (number, count and, up to COMPACT_OVER relations,
    what passes), its first line, its number alone (where no spot is clear for more: relasi_labels)."""
    if compact is None:
        compact = len(rmap.relations) > COMPACT_OVER
    number = rmap.number(rel)
    head = st.html_lines([f"#{number} · {lay.count_text(rel)}"], st.SMALL, bold=True)
    full = head
    if rel.items and not compact:
        full += '<BR ALIGN="CENTER"/>' + st.html_lines(lay.item_lines(rel), st.SMALL)
    return [st.label(full), st.label(head), st.label(st.html_lines([f"#{number}"], st.SMALL, bold=True))]


def _edge(rmap: RelationMap, rel, compact: bool) -> tuple:
    parties = rmap.parties
    src, dst = parties[rel.source], parties[rel.target]
    number = rmap.number(rel)
    tooltip = _tooltip(rmap, rel, number)
    attrs = {
        "label": label_forms(rmap, rel, compact)[0], "penwidth": f"{1.0 + min(3.0, 0.5 * max(rel.count - 1, 0)):.1f}",
        "href": f"#relasi-{number}", "target": "_top", "id": f"garis-{number}",
        "tooltip": tooltip, "labeltooltip": tooltip,  # else the label's tooltip is its HTML source
    }
    if not rel.derived:
        attrs.update(style="dashed", color=MANUAL_COLOUR)
    if src.how == DEPARTMENT:
        attrs["ltail"] = _cluster_of(rmap, src.group)
    if dst.how == DEPARTMENT:
        attrs["lhead"] = _cluster_of(rmap, dst.group)
    return (_node_name(parties, rel.source), _node_name(parties, rel.target)), attrs


def _node(g, rmap: RelationMap, p: Party) -> None:
    name = _node_name(rmap.parties, p.id)
    if p.how == DEPARTMENT:  # stands for the whole department: edges end at its frame (lhead/ltail)
        g.node(name, label="", shape="point", width="0.01", height="0.01", style="invis")
        return
    attrs = {"label": st.label(st.html_lines(lay.party_lines(p))), "tooltip": st.plain(p.name),
             "fillcolor": NODE_FILL.get(p.group, "white")}
    if p.how == INFERRED:
        attrs["style"] = "rounded,filled,dashed"
    if p.group == PEMANGKU:
        attrs["shape"] = "note"
        attrs["style"] = "filled"
    if p.group == LUAR:
        attrs["penwidth"] = "1.6"
    g.node(name, **attrs)


def _tooltip(rmap: RelationMap, rel, number: int) -> str:
    src, dst = rmap.parties[rel.source], rmap.parties[rel.target]
    text = f"#{number} {src.name} → {dst.name}: {lay.count_text(rel)}"
    if rel.processes:
        text += " (" + ", ".join(rel.processes) + ")"
    if rel.items:
        text += "; " + "; ".join(rel.items)
    return st.plain(text[:1000])  # Graphviz expands \N, \G... in tooltips too
