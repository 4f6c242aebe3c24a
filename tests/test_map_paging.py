"""The A4 map PDF's pages: the fewest that fit, and no page holding a lone step when the steps can be shared
out better (issue 15: a 10-step SOP had step 1 alone on page 1)."""

from __future__ import annotations

from collections import Counter

from petaproses.flow import Edge
from petaproses.layout import swimlane


def _steps(count: int, height: float) -> list[swimlane.Step]:
    return [swimlane.Step(f"s{i}", i + 1, ["x"], None, "process", None, i % 2, height, 100.0) for i in range(count)]


def test_ten_steps_with_loops_back_never_leave_step_1_alone():
    """Cutting right after step 1 crosses one flow only (the loops back to step 2 cross every other cut), so
    "fewest connectors" alone put step 1 on a page of its own."""
    steps = _steps(10, 60.0)
    edges = [Edge(f"s{i}", f"s{i + 1}", None, False, 0) for i in range(9)]
    edges += [Edge("s5", "s1", "Tidak", True, 1), Edge("s8", "s1", "Tidak", True, 1)]
    sheet = swimlane.Sheet(600.0)
    above = (150.0, 40.0)  # the first page carries the title block and legend
    page_of = swimlane.paginate(steps, edges, ["A", "B"], sheet, above, 12.0)
    sizes = Counter(page_of.values())
    assert len(sizes) == 3 and min(sizes.values()) >= 2, sizes
    assert [page_of[s.id] for s in steps] == sorted(page_of[s.id] for s in steps)
    letters = swimlane.crossing_letters(edges, page_of)
    for p in range(3):  # every page still fits its sheet
        grid, _ = swimlane.page_grid(steps, edges, ["A", "B"], page_of, p, letters, sheet)
        assert above[0 if p == 0 else 1] + grid.row_end + 12.0 <= sheet.height


def test_the_fewest_pages_still_win():
    steps = _steps(12, 60.0)
    edges = [Edge(f"s{i}", f"s{i + 1}", None, False, 0) for i in range(11)]
    page_of = swimlane.paginate(steps, edges, ["A", "B"], swimlane.Sheet(600.0), (150.0, 40.0), 12.0)
    assert max(page_of.values()) + 1 == 3  # two pages cannot hold 12 steps here; three can
