"""Metrics of a process for review sessions: steps, actors, hand-offs, decisions, loops, time along paths."""

from __future__ import annotations

import csv
import heapq
import io
import json
from dataclasses import asdict, dataclass, fields

from .catalogue import Catalogue, Map
from .durations import format_minutes, parse_duration
from .flow import Flow, build_flow
from .model import PetaLintasFungsi, PetaSubProses
from .sanitise import spreadsheet_cell


@dataclass(frozen=True)
class Metrics:
    kode: str
    nama: str
    jenis: str
    perangkat_daerah: str
    langkah: int  # steps
    pelaksana: int  # actors
    serah_terima: int  # hand-offs: flows between two different actors
    keputusan: int
    putaran: int  # loops back
    waktu_terpendek_menit: float  # along the quickest path from start to an end
    waktu_terpanjang_menit: float  # along the slowest path that repeats no loop
    tanpa_mutu_baku: int  # steps missing kelengkapan, waktu or output
    tanpa_waktu: int

    @property
    def waktu_terpendek(self) -> str:
        return format_minutes(self.waktu_terpendek_menit)

    @property
    def waktu_terpanjang(self) -> str:
        return format_minutes(self.waktu_terpanjang_menit)


def _cost(flow: Flow, node_id: str, high: bool) -> float:
    waktu = getattr(flow.by_id[node_id].item, "waktu", None)
    d = parse_duration(waktu) if waktu else None
    return 0.0 if d is None else (d.high if high else d.low)


def shortest_minutes(flow: Flow) -> float:
    """Return the least time from the first step to any end (each step costs its shortest duration)."""
    start = flow.start.id
    best = {start: _cost(flow, start, False)}
    heap = [(best[start], start)]
    ends = {n.id for n in flow.finishing()}
    while heap:
        cost, node = heapq.heappop(heap)
        if node in ends:
            return cost
        if cost > best.get(node, float("inf")):
            continue
        for e in flow.out[node]:
            nxt = cost + _cost(flow, e.target, False)
            if nxt < best.get(e.target, float("inf")):
                best[e.target] = nxt
                heapq.heappush(heap, (nxt, e.target))
    return 0.0


def longest_minutes(flow: Flow) -> float:
    """Return the most time from the first step to an end along a path that repeats no step.

    Loops go back up the list, so leaving out back edges leaves a DAG in list order; a step whose only
    way on is a loop back cannot end a path on its own.
    """
    longest: dict[str, float] = {}
    for node in reversed(flow.nodes):
        tail = [longest[e.target] for e in flow.out[node.id] if not e.back and longest.get(e.target, -1) >= 0]
        if node.is_end or tail or any(e.source == node.id for e in flow.end_exits):
            longest[node.id] = _cost(flow, node.id, True) + (max(tail) if tail else 0.0)
    return longest.get(flow.start.id, 0.0)


def metrics(cat: Catalogue, doc: Map) -> Metrics | None:
    """Return the metrics of a map with steps (None for level-1 maps)."""
    if isinstance(doc, PetaLintasFungsi):
        items = list(doc.kegiatan)
        flow = build_flow(items)
        # a chain or joint step hands on from its last actor and receives at its first
        first = {n.id: n.actors[0] for n in flow.nodes}
        last = {n.id: n.actors[-1] for n in flow.nodes}
        handoffs = sum(1 for e in flow.edges if last[e.source] != first[e.target])
        handoffs += sum(len(n.actors) - 1 for n in flow.nodes if not n.joint)  # hand-offs inside a chain
        actors = len({a for n in flow.nodes for a in n.actors})
        missing = sum(1 for s in items if not (s.kelengkapan and s.waktu and s.output))
        no_time = sum(1 for s in items if not s.waktu)
    elif isinstance(doc, PetaSubProses):
        flow = build_flow(list(doc.sub_proses))
        handoffs, actors, missing, no_time = 0, 1, 0, len(doc.sub_proses)
    else:
        return None
    return Metrics(
        kode=doc.kode, nama=doc.nama, jenis=doc.jenis, perangkat_daerah=doc.perangkat_daerah,
        langkah=len(flow.nodes), pelaksana=actors, serah_terima=handoffs,
        keputusan=sum(n.is_decision for n in flow.nodes), putaran=sum(e.back for e in flow.edges),
        waktu_terpendek_menit=shortest_minutes(flow), waktu_terpanjang_menit=longest_minutes(flow),
        tanpa_mutu_baku=missing, tanpa_waktu=no_time,
    )


def catalogue_metrics(cat: Catalogue) -> list[Metrics]:
    return [m for doc in cat.maps if (m := metrics(cat, doc)) is not None]


def department_totals(rows: list[Metrics]) -> dict[str, dict[str, float]]:
    """Return per department: number of processes and the sums of the counts."""
    out: dict[str, dict[str, float]] = {}
    for m in rows:
        t = out.setdefault(m.perangkat_daerah, {"proses": 0, "langkah": 0, "serah_terima": 0, "keputusan": 0,
                                                "putaran": 0, "tanpa_mutu_baku": 0})
        t["proses"] += 1
        for key in ("langkah", "serah_terima", "keputusan", "putaran", "tanpa_mutu_baku"):
            t[key] += getattr(m, key)
    return out


def metrics_json(rows: list[Metrics]) -> str:
    return json.dumps({"proses": [asdict(m) for m in rows], "perangkat_daerah": department_totals(rows)},
                      ensure_ascii=False, indent=2)


def metrics_csv(rows: list[Metrics]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    names = [f.name for f in fields(Metrics)]
    writer.writerow(names)
    for m in rows:
        writer.writerow([spreadsheet_cell(getattr(m, n)) for n in names])  # a name is never a formula
    return buf.getvalue()
