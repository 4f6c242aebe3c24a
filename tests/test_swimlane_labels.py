"""Branch labels of the swimlane maps, on screen and on the pages of the paged PDF: inside the pool, clear of
the symbols (reviews of real SOPs: a label past the map's right edge, a two-line label under the next box)."""

from __future__ import annotations

import pytest

from petaproses.build import check
from petaproses.model import PetaLintasFungsi
from petaproses.render import diagram, diagram_flow

from .conftest import FIXTURES, PROCESSES

FOLDERS = (PROCESSES, FIXTURES / "nyata", FIXTURES / "sepuluh", FIXTURES / "ulasan4",
           *sorted(p for p in (FIXTURES / "publik").iterdir() if p.is_dir()))


def _grids(monkeypatch, folder, paged: bool):
    """Yield (map, page, grid) of every swimlane map of ``folder``: the screen map, or the pages of its PDF."""
    cat, _ = check([str(folder)])
    seen = []
    real = diagram_flow.page_grid

    def spy(*args, **kwargs):
        out = real(*args, **kwargs)
        seen.append(out[0])
        return out

    monkeypatch.setattr(diagram_flow, "page_grid", spy)
    for doc in cat.maps:
        if not isinstance(doc, PetaLintasFungsi):
            continue
        seen.clear()
        if paged:
            pages, _ = diagram.pdf_pages(cat, doc)
            grids = seen[1:] if len(pages) > 1 else []  # (the first is the trial of one long page)
        else:
            diagram.graphs(cat, doc)
            grids = list(seen)
        for k, grid in enumerate(grids):
            yield doc, k, grid


def labelled_links(monkeypatch, paged: bool):
    """Every branch label's link in the maps of FOLDERS: (doc, page, grid, link)."""
    for folder in FOLDERS:
        for doc, page, grid in _grids(monkeypatch, folder, paged):
            yield from ((doc, page, grid, link) for link in grid.links if link.label)


def _label_box(link):
    (a, c), (la, lc) = link.label_at, link.label_size
    return a - la / 2, a + la / 2, c - lc / 2, c + lc / 2


def _on_symbol(label, box) -> bool:
    """Whether a label's box covers part of a symbol (a diamond by its outline, not its bounding box)."""
    a0, a1, c0, c1 = label
    if a0 >= box.a + box.sa / 2 - 0.5 or a1 <= box.a - box.sa / 2 + 0.5 or \
            c0 >= box.c + box.sc / 2 - 0.5 or c1 <= box.c - box.sc / 2 + 0.5:
        return False
    if box.shape != "decision":
        return True
    points = [(a0 + (a1 - a0) * i / 6, c0 + (c1 - c0) * j / 6) for i in range(7) for j in range(7)]
    return any(abs(a - box.a) / (box.sa / 2) + abs(c - box.c) / (box.sc / 2) < 0.97 for a, c in points)


def test_sumedang_page_2_two_line_label_stands_in_the_gap_over_the_next_box(monkeypatch):
    """Kab. Sumedang's SP2D, page 2 of its PDF: 'Belum benar dan lengkap' (two lines) runs straight down from
    the decision into step 7, in a row gap of 16 pt: it stood under step 7's box.  The gap under a row is as
    tall as the label of a branch that runs down it."""
    [(doc, _, grid)] = [g for g in _grids(monkeypatch, FIXTURES / "publik" / "sumedang_sp2d", True) if g[1] == 1]
    [link] = [lk for lk in grid.links if lk.label == "Belum benar dan lengkap"]
    assert len(link.label_lines) == 2
    source, target = grid.boxes[link.source], grid.boxes[link.target]
    assert target.lane == source.lane and target.row == source.row + 1
    label = _label_box(link)
    assert label[1] <= target.a - target.sa / 2, (label, target.a - target.sa / 2)
    assert not _on_symbol(label, target)


@pytest.mark.parametrize("paged", [False, True], ids=["layar", "pdf"])
def test_no_branch_label_stands_on_a_symbol(monkeypatch, paged):
    """No branch label covers a symbol, on screen or on a page of the PDF (DINKES.P2P.SOP.07's 'Memenuhi kriteria
    KLB' stood on its off-page connector, SETDA.PBJ.SOP.02's 'Tidak memenuhi syarat' on the next step)."""
    found, labels = [], 0
    for doc, page, grid, link in labelled_links(monkeypatch, paged):
        labels += 1
        found += [(doc.kode, page, link.label, b.id) for b in grid.boxes.values() if _on_symbol(_label_box(link), b)]
    assert labels > 200 and not found, found


@pytest.mark.parametrize("paged", [False, True], ids=["layar", "pdf"])
def test_every_branch_label_stands_inside_the_pool(monkeypatch, paged):
    """A branch leaving a decision of the last lane by its right corner stood its label past the pool's right
    edge, on the frame and in the margin (Sumedang's page 2 'Benar dan lengkap', DUKCAPIL.CAPIL.SOP.04's 'Lebih
    dari 1 tahun'): a label that would is put further along its line, inside the lanes."""
    found, labels = [], 0
    for doc, page, grid, link in labelled_links(monkeypatch, paged):
        labels += 1
        _, _, c0, c1 = _label_box(link)
        if c0 < grid.lane_edges[0] or c1 > grid.lane_edges[-1]:
            found.append((doc.kode, page, link.label))
    assert labels > 200 and not found, found


def test_a_moved_label_stays_beside_its_own_line(monkeypatch):
    """Sumedang's 'Benar dan lengkap' (page 2) goes down the last gutter from the decision's right corner to step
    8: its label stands beside that run, in the lane, where no other line or label is."""
    [(_, _, grid)] = [g for g in _grids(monkeypatch, FIXTURES / "publik" / "sumedang_sp2d", True) if g[1] == 1]
    [link] = [lk for lk in grid.links if lk.label == "Benar dan lengkap"]
    a0, a1, c0, c1 = _label_box(link)
    beside = [(p, q) for p, q in zip(link.points, link.points[1:]) if abs(p[1] - q[1]) < 1
              and min(p[0], q[0]) <= a0 and a1 <= max(p[0], q[0]) and 0 < p[1] - c1 <= 6]
    assert beside, (link.points, (a0, a1, c0, c1))
    others = [lk for lk in grid.links if lk is not link and lk.label]
    assert all(_label_box(o)[1] <= a0 or _label_box(o)[0] >= a1 or _label_box(o)[3] <= c0 or _label_box(o)[2] >= c1
               for o in others)


def test_every_end_stands_in_the_lane_its_branch_leaves_on_the_pages_too(monkeypatch):
    """An end terminator in the next actor's lane reads as that actor's end (Sumedang's 'Tidak lengkap', page 1
    of its PDF; Kec. Trenggalek's step 10): on every page it stands in the lane of the box its branch leaves."""
    found, ends = [], 0
    for folder in FOLDERS:
        for doc, page, grid in _grids(monkeypatch, folder, True):
            for link in grid.links:
                if "+selesai" in link.target:
                    ends += 1
                    source = grid.boxes[link.source]
                    last = source.lane == len(grid.lane_edges) - 2 and source.shape == "decision" and source.sc > 40
                    if grid.boxes[link.target].lane != source.lane and not last:  # (last: see test_diagram)
                        found.append((doc.kode, page, link.target))
    assert ends > 10 and not found, found


def test_no_line_runs_on_through_its_own_label(monkeypatch):
    """SETDA.ORG.SOP.05's 'Perlu perbaikan' stood over its line leaving the diamond, and that line turned up
    through it (so did a label in each of ten other maps): the router took the route as legible, checking other
    lines only."""
    from petaproses.layout.swimlane_grid import _through

    found = []
    for doc, _, grid, link in labelled_links(monkeypatch, False):
        if any(_through(p, q, _label_box(link)) for p, q in zip(link.points[1:], link.points[2:])):
            found.append((doc.kode, link.label))
    assert not found, found


def test_a_loop_back_keeps_its_corner_and_its_label_moves_off_its_line(monkeypatch):
    """Struck out by its own line turning up, SETDA.ORG.SOP.05's 'Perlu perbaikan' loop back went out of the
    diamond's bottom instead (down, across, up: two bends more; BPBD.RR.SOP.02, BAPPEDA.PPEP.SOP.03 and
    DISKOMINFO.SOP.04 too): the label moves along its line to a free place and the loop keeps its corner."""
    for folder, kode, label in ((PROCESSES, "SETDA.ORG.SOP.05", "Perlu perbaikan"),
                                (FIXTURES / "ulasan4", "BPBD.RR.SOP.02", "Perlu verifikasi ulang")):
        [link] = [lk for doc, _, grid in _grids(monkeypatch, folder, False) if doc.kode == kode
                  for lk in grid.links if lk.label == label]
        start, turn = link.points[0], link.points[1]
        assert abs(start[0] - turn[0]) < 1, (kode, link.points)  # the first run goes across, out of a corner
        assert len(link.points) <= 5, (kode, link.points)
