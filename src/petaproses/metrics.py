"""Metrics of a process for review sessions: steps, actors, hand-offs, decisions, loops, time along paths.

Times come from ``durations.parse_duration``: a per-item time ("15 menit/berkas") counts one item, since the
paths follow one case; an upper bound ("paling lambat 3 hari") counts at its bound; a step whose `waktu` is
not a duration ("setiap saat") counts nothing and is counted in ``waktu_tidak_dihitung``.  A first or last row
that says only "Mulai"/"Selesai" (schools number them, review X) is the start or end symbol, not a step.
"""

from __future__ import annotations

import heapq
import io
import json
from dataclasses import asdict, dataclass, fields

from .catalogue import Catalogue, Map
from .durations import format_minutes, parse_duration, with_unit
from .flow import Flow, build_flow
from .model import Organisasi, PetaLintasFungsi, PetaSubProses, Sop
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
    waktu_tidak_dihitung: int  # steps whose waktu is written but is not a duration: left out of the times
    # hand-offs by where they go (Perwal 48/2024 Pasal 10); those between positions of unknown place are in none
    serah_terima_dalam_unit: int = 0
    serah_terima_lintas_unit: int = 0
    serah_terima_lintas_instansi: int = 0

    @property
    def berwaktu(self) -> bool:
        """Whether some step has a time that counts, or the SOP its total only: else the path times are unknown
        ("-"), not 0 minutes."""
        return self.langkah - self.tanpa_waktu - self.waktu_tidak_dihitung > 0 or self.waktu_terpanjang_menit > 0

    @property
    def waktu_terpendek(self) -> str:
        return format_minutes(self.waktu_terpendek_menit) if self.berwaktu else "-"

    @property
    def waktu_terpanjang(self) -> str:
        return format_minutes(self.waktu_terpanjang_menit) if self.berwaktu else "-"

    def plain(self) -> dict:
        """The fields for JSON and CSV: the path times empty (null) when no step's time counts."""
        out = asdict(self)
        if not self.berwaktu:
            out["waktu_terpendek_menit"] = out["waktu_terpanjang_menit"] = None
        return out


def _cost(flow: Flow, node_id: str, high: bool) -> float:
    waktu = getattr(flow.by_id[node_id].item, "waktu_dibaca", None)
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
        ends = _terminator_rows(items, flow)
        items = [s for i, s in enumerate(items) if i not in ends]
        bare = {flow.nodes[i].id for i in ends}
        # a chain or joint step hands on from its last actor and receives at its first
        first = {n.id: n.actors[0] for n in flow.nodes}
        last = {n.id: n.actors[-1] for n in flow.nodes}
        pairs = [(last[e.source], first[e.target]) for e in flow.edges
                 if last[e.source] != first[e.target] and not {e.source, e.target} & bare]
        pairs += [(a, b) for n in flow.nodes if not n.joint for a, b in zip(n.actors, n.actors[1:])]  # a chain
        handoffs = len(pairs)
        kinds = [handoff_kind(cat, a, b) for a, b in pairs]
        actors = len({a for n in flow.nodes for a in n.actors})
        missing = sum(1 for s in items if not (s.kelengkapan and s.waktu and s.output))
        no_time = sum(1 for s in items if not s.waktu)
        left_out = sum(1 for s in items if s.waktu and parse_duration(s.waktu_dibaca) is None)
        # a service time for the whole procedure only (a Standar Pelayanan page: "3 Hari Kerja"): the paths' time
        total = parse_duration(with_unit(doc.jumlah_waktu, doc.satuan_waktu)) if isinstance(doc, Sop) and \
            doc.jumlah_waktu and no_time == len(items) else None
    elif isinstance(doc, PetaSubProses):
        flow = build_flow(list(doc.sub_proses))
        handoffs, actors, missing, no_time, left_out = 0, 1, 0, len(doc.sub_proses), 0
        bare, total = set(), None
        kinds = []
    else:
        return None
    return Metrics(
        kode=doc.kode, nama=doc.nama, jenis=doc.jenis, perangkat_daerah=doc.perangkat_daerah,
        langkah=len(flow.nodes) - len(bare), pelaksana=actors, serah_terima=handoffs,
        keputusan=sum(n.is_decision for n in flow.nodes), putaran=sum(e.back for e in flow.edges),
        waktu_terpendek_menit=shortest_minutes(flow) if total is None else total.low,
        waktu_terpanjang_menit=longest_minutes(flow) if total is None else total.high,
        tanpa_mutu_baku=missing, tanpa_waktu=no_time, waktu_tidak_dihitung=left_out,
        serah_terima_dalam_unit=kinds.count(DALAM_UNIT),
        serah_terima_lintas_unit=kinds.count(LINTAS_UNIT), serah_terima_lintas_instansi=kinds.count(LINTAS_INSTANSI),
    )


_ENDS = ({"mulai", "start", "awal"}, {"selesai", "end", "akhir", "finish"})


def _terminator_rows(items: list, flow: Flow) -> set[int]:
    """Indexes of a first row saying only "Mulai" that goes on, and of the rows saying only "Selesai" that end the
    process (the last, or one ending a branch).  Their times, printed in the table, still count on the paths."""
    said = [" ".join(s.uraian.lower().strip(" .").split()) for s in items]
    found = set()
    if len(items) > 2 and said[0] in _ENDS[0] and not items[0].cabang:
        found.add(0)
    found |= {i for i, node in enumerate(flow.nodes) if i and node.is_end and said[i] in _ENDS[1] and len(items) > 2}
    return found


DALAM_UNIT, LINTAS_UNIT, LINTAS_INSTANSI = "dalam unit", "lintas unit", "lintas instansi"


def _place(org: Organisasi, actor: str) -> tuple[str | None, str | None, bool]:
    """Return (Perangkat Daerah, unit, outside) of a position; a team sits where it says, else with its leader."""
    pos = org.position(actor)
    if pos is None:
        return None, None, False
    if pos.is_team and not pos.perangkat_daerah and pos.ketua:
        lead = org.position(pos.ketua)
        return (lead.perangkat_daerah, lead.unit, lead.luar) if lead else (None, None, False)
    return pos.perangkat_daerah, pos.unit, pos.luar


def handoff_kind(cat: Catalogue, a: str, b: str) -> str | None:
    """Return where a hand-off from ``a`` to ``b`` goes: within a unit, across units, across institutions.

    Outside parties (`luar`) make it lintas instansi; two Perangkat Daerah, or two known units of one, make it
    lintas unit; the rest of one Perangkat Daerah (its head has no unit) and a team with its own members are
    dalam unit.  None when a side's place is not written in the organisation file.
    """
    org = cat.organisasi
    if org is None:
        return None
    for team, other in ((a, b), (b, a)):
        pos = org.position(team)
        if pos is not None and pos.is_team and other in pos.members:
            return DALAM_UNIT
    (pd_a, unit_a, out_a), (pd_b, unit_b, out_b) = _place(org, a), _place(org, b)
    if out_a or out_b:
        return LINTAS_INSTANSI
    if pd_a is None or pd_b is None:
        return None
    if pd_a != pd_b or (unit_a and unit_b and unit_a != unit_b):
        return LINTAS_UNIT
    return DALAM_UNIT


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


def metrics_json(rows: list[Metrics], evaluation: dict | None = None) -> str:
    """Return the metrics as JSON; ``evaluation``: the review findings and coverage per department, if given."""
    data: dict = {"proses": [m.plain() for m in rows], "perangkat_daerah": department_totals(rows)}
    if evaluation is not None:
        data["evaluasi"] = evaluation
    return json.dumps(data, ensure_ascii=False, indent=2)


def _cell(value: object) -> object:
    if isinstance(value, float):  # decimal comma: Excel in the Indonesian locale reads "1,5" as a number
        return f"{value:g}".replace(".", ",")
    return value


def metrics_csv(rows: list[Metrics]) -> str:
    """Return the metrics as CSV for Excel in the Indonesian locale: ';' between fields, decimal comma, CRLF.

    Written to a file with a UTF-8 BOM (``metrics_csv_bytes``), so Excel reads names like "Pengaduan – LAPOR!"
    as UTF-8 rather than the ANSI code page.
    """
    import csv  # here: a check (which imports this module for its rules) writes no CSV

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    names = [f.name for f in fields(Metrics)]
    writer.writerow(names)
    for m in rows:
        values = m.plain()  # a name is never a formula; unknown path times are empty
        writer.writerow(["" if values[n] is None else _cell(spreadsheet_cell(values[n])) for n in names])
    return buf.getvalue()


def metrics_csv_bytes(rows: list[Metrics]) -> bytes:
    return metrics_csv(rows).encode("utf-8-sig")
