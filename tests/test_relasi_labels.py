"""The labels of the peta relasi: in every map of the samples no label lies on another label or on a party, few
lie on a line, each is found by its number, and the label placer keeps to its own statements of the DOT text."""

from __future__ import annotations

import functools
import re

import pytest
from lxml import etree

from petaproses import relasi
from petaproses.build import check
from petaproses.render import relasi_labels
from petaproses.render.relasi import pictures

from .conftest import FIXTURES, PROCESSES
from .relasi_overlap import SVG, Count, count, parse

# the catalogues whose maps had labels overlapping (Graphviz placing them itself): 76 pairs of labels, 9 labels on
# parties, 165 labels crossed by another relation's line
CATALOGUES = [PROCESSES] + [FIXTURES / name for name in ("nyata", "ulasan2", "ulasan4", "sepuluh")]


@functools.lru_cache(maxsize=None)
def _maps() -> list[tuple[str, relasi.RelationMap, bytes]]:
    out = []
    for path in CATALOGUES:
        cat, problems = check([str(path)])
        assert cat is not None, problems
        out += [(f"{path.name}/{rmap.scope}", rmap, pictures(cat, rmap, formats=("svg",))["svg"])
                for rmap in relasi.views(cat)]
    return out


def test_no_label_lies_on_another_label_or_on_a_party():
    total = Count()
    for name, _rmap, svg in _maps():
        counted = count(svg)
        assert (name, counted.label_pairs, counted.on_nodes) == (name, 0, 0)
        total += counted
    assert total.labels > 300
    assert total.crossed <= 80  # Graphviz placing them itself: 165


def test_every_relation_is_found_by_its_number_on_its_own_line():
    bare = 0  # labels shortened to their number: no clear spot for more
    for name, rmap, svg in _maps():
        edges, _nodes = parse(svg)
        assert sorted(e.number for e in edges) == list(range(1, len(rmap.relations) + 1)), name
        for e in edges:
            assert e.texts and (e.texts[0].startswith(f"#{e.number} ·") or e.texts == [f"#{e.number}"]), (name, e.texts)
            bare += e.texts == [f"#{e.number}"]
            # the label sits beside its line: within a few points of it (Graphviz sets text a little wider than
            # the font's advances this box is measured with)
            box = e.label
            gap = min(max(box[0] - x, 0, x - box[2]) + max(box[1] - y, 0, y - box[3]) for x, y in e.points)
            assert gap <= relasi_labels.NEAR + 3, (name, e.number, gap)
    assert bare <= 5


def test_a_label_links_to_its_row_and_its_tooltip_is_the_relation_not_markup():
    name, rmap, svg = next(m for m in _maps() if m[0] == "processes/setda")
    root = etree.fromstring(svg)
    link = "{http://www.w3.org/1999/xlink}"
    for rel in rmap.relations:
        n = rmap.number(rel)
        label = root.find(f".//{SVG}g[@id='a_garis-{n}-label']/{SVG}a")
        assert label.get(f"{link}href") == f"#relasi-{n}"
        assert label.get(f"{link}title").startswith(f"#{n} ") and "<FONT" not in label.get(f"{link}title")


def test_the_pictures_are_the_same_every_time():
    cat, _problems = check([str(FIXTURES / "ulasan4")])
    rmap = relasi.views(cat)[0]
    assert pictures(cat, rmap) == pictures(cat, rmap)


# ------------------------------------------------------------------------------------------- the placer alone
def _layout(obstacle: tuple[float, float, float, float]) -> dict:
    """One relation running left to right at y=50 from (0,50) to (200,50), its label (90 x 20 pt) above the
    middle, and a party drawn as ``obstacle`` (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = obstacle
    return {
        "bb": "0,0,200,100", "_ldraw_": [],
        "objects": [{"name": "n0", "pos": f"{(x0 + x1) / 2},{(y0 + y1) / 2}", "width": str((x1 - x0) / 72),
                     "height": str((y1 - y0) / 72)}],
        "edges": [{"id": "garis-1", "lp": "100,66", "_draw_": [{"op": "b", "points": [[0, 50], [60, 50], [140, 50], [200, 50]]}],
                   "_ldraw_": [{"op": "F", "size": 8.0}, {"op": "T", "pt": [55, 66], "align": "l", "width": 90, "text": "#1 · 1 proses"},
                               {"op": "F", "size": 8.0}, {"op": "T", "pt": [55, 58], "align": "l", "width": 90, "text": "Surat"}]}],
    }


FORMS = {1: ["<FULL>", "<HEAD>", "<N>"]}


def test_a_clear_label_stays_where_dot_put_it():
    [label] = relasi_labels.place(_layout((0, 90, 10, 100)), FORMS)
    assert label.form == 0
    assert label.box == pytest.approx((55, 56, 145, 73.6), abs=0.01)


def test_a_label_on_a_party_moves_along_its_line_and_one_without_room_is_shortened():
    [label] = relasi_labels.place(_layout((40, 53, 160, 100)), FORMS)  # the party covers the spot above the line
    assert label.form == 0 and label.box[3] <= 50
    [label] = relasi_labels.place(_layout((20, 0, 180, 46)), {1: FORMS[1]})  # room above only, 100 x 46 pt
    assert label.form == 0 and label.box[1] >= 50
    crowded = _layout((20, 0, 180, 46))
    crowded["bb"] = "0,0,200,62"  # room above for one line: the number and count
    [label] = relasi_labels.place(crowded, FORMS)
    assert label.form == 1


def test_only_the_labels_own_statement_changes_whatever_the_texts_hold():
    tricky = 'id=\\"garis-1\\" lp=\\"0,0\\" label=<x> ];'  # written by a user into a tooltip
    dot = ('digraph {\n\tgraph [bb="0,0,200,100"];\n'
           f'\tn0 -> n1\t[id="garis-2", label=<<B>#2</B>>, lp="10,10", tooltip="{tricky}"];\n'
           f'\tn1 -> n0\t[tooltip="{tricky}", id="garis-1", label=<<B>#1 · x</B><BR/>y>, lp="5,5"];\n}}\n')
    label = relasi_labels.Label(1, ["<FULL>", "<<B>#1</B>>"], [], (0, 0), [], [], form=1, box=(20, 30, 40, 50))
    out = relasi_labels.moved(dot, [label])
    assert out == dot.replace('label=<<B>#1 · x</B><BR/>y>, lp="5,5"', 'label=<<B>#1</B>>, lp="30.00,40.00"')
    assert re.search(r'garis-2", label=<<B>#2</B>>, lp="10,10"', out)


def test_a_map_whose_labels_are_all_clear_is_drawn_by_dot_itself():
    from petaproses.render import diagram_relasi
    from petaproses.render.diagram import clean_svg
    from petaproses.render.dot import run_dot
    from petaproses.render.relasi import institution

    cat, _problems = check([str(FIXTURES / "mini")])
    rmap = relasi.views(cat)[0]
    assert rmap.relations
    alone = run_dot(diagram_relasi.build(rmap, institution(cat)).source, ["svg"], engine="dot")["svg"]
    assert pictures(cat, rmap, formats=("svg",))["svg"] == clean_svg(alone)
