"""The flow graph impor works on: every flow node of every process of a BPMN file, with its actor.

``collect`` (collect.py) fills it from the XML; ``mapping.py`` turns it into steps.  Nodes keep their BPMN
id; virtual nodes (a sub-process's exit, a step for a lane-less black-box pool) get ids that cannot clash
(they contain a space).
"""

from __future__ import annotations

import html.parser
import re
import unicodedata
from dataclasses import dataclass, field

# what a node is for the mapping
STEP = "step"  # becomes a kegiatan: activities, named intermediate events, black-box hand-offs
DECISION = "decision"  # an exclusive or event-based gateway that splits: a cabang
PASS = "pass"  # followed through: other gateways, start/end/unnamed events, sub-process exits

ACTIVITIES = {"task", "userTask", "manualTask", "serviceTask", "scriptTask", "sendTask", "receiveTask",
              "businessRuleTask", "callActivity", "subProcess", "transaction", "adHocSubProcess"}
CONTAINERS = {"subProcess", "transaction", "adHocSubProcess"}
GATEWAYS = {"exclusiveGateway", "parallelGateway", "inclusiveGateway", "complexGateway", "eventBasedGateway"}
EVENTS = {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
          "implicitThrowEvent"}
FLOW_NODES = ACTIVITIES | GATEWAYS | EVENTS

# Indonesian names of BPMN element types, for messages
JENIS = {
    "task": "tugas", "userTask": "tugas pengguna", "manualTask": "tugas manual", "serviceTask": "tugas layanan",
    "scriptTask": "tugas skrip", "sendTask": "tugas kirim", "receiveTask": "tugas terima",
    "businessRuleTask": "tugas aturan bisnis", "callActivity": "aktivitas panggil (call activity)",
    "subProcess": "sub-proses", "transaction": "transaksi", "adHocSubProcess": "sub-proses ad hoc",
    "exclusiveGateway": "gerbang eksklusif", "parallelGateway": "gerbang paralel",
    "inclusiveGateway": "gerbang inklusif", "complexGateway": "gerbang kompleks",
    "eventBasedGateway": "gerbang berbasis peristiwa", "startEvent": "peristiwa mulai",
    "endEvent": "peristiwa akhir", "intermediateCatchEvent": "peristiwa antara",
    "intermediateThrowEvent": "peristiwa antara", "boundaryEvent": "peristiwa batas",
    "implicitThrowEvent": "peristiwa antara", "sequenceFlow": "alur", "messageFlow": "aliran pesan",
    "dataObjectReference": "objek data", "dataStoreReference": "penyimpanan data", "dataObject": "objek data",
    "textAnnotation": "anotasi", "group": "kelompok", "lane": "lajur", "participant": "kolam (pool)",
    "process": "proses",
}
EVENT_KIND = {  # event definition -> words used in labels and notes
    "messageEventDefinition": "pesan", "timerEventDefinition": "waktu", "errorEventDefinition": "galat",
    "escalationEventDefinition": "eskalasi", "signalEventDefinition": "sinyal",
    "conditionalEventDefinition": "kondisi", "compensateEventDefinition": "kompensasi",
    "cancelEventDefinition": "pembatalan", "linkEventDefinition": "tautan",
    "terminateEventDefinition": "penghentian",
}
BOUNDARY_LABEL = {"waktu": "Batas waktu", "galat": "Galat", "pesan": "Pesan diterima", "eskalasi": "Eskalasi",
                  "sinyal": "Sinyal", "kondisi": "Kondisi terpenuhi", "kompensasi": "Kompensasi",
                  "pembatalan": "Dibatalkan"}


@dataclass
class Node:
    id: str
    kind: str  # BPMN local name ('task', 'parallelGateway', ...) or 'virtual'
    name: str
    role: str = PASS
    actor: str | None = None  # Actor key
    process: str = ""  # id of the process (pool) the node belongs to
    scope: str | None = None  # id of the enclosing sub-process
    pos: tuple[float, float] | None = None  # DI position (x, y)
    plane: int = -1  # which DI plane the position is on
    event: str | None = None  # kind of event definition (EVENT_KIND value)
    doc: str | None = None
    notes: list[str] = field(default_factory=list)  # become keterangan
    kelengkapan: list[str] = field(default_factory=list)
    output: list[str] = field(default_factory=list)
    attached: str | None = None  # boundary event: the activity it sits on
    interrupting: bool = True
    default: str | None = None  # gateway: id of its default flow
    triggered: bool = False  # an event sub-process
    compensation: bool = False  # an activity that only runs to compensate (isForCompensation)
    link: str | None = None  # link event: the name that pairs a throw with its catch
    compensates: str | None = None  # compensation throw event: the activity it undoes (activityRef)
    uraian: str | None = None  # text for a step that is not the node's name (virtual steps)
    also: list[str] = field(default_factory=list)  # actors after ``actor`` of a merged chain or joint step
    joint: bool = False  # ``also`` act together with ``actor`` (bersama), not in turn
    tasks: dict[str, str] = field(default_factory=dict)  # actor -> its own text in a merged chain ("Paraf (2/3)")


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str | None  # flow name, or its condition
    flow: str  # BPMN id of the flow ('' for edges impor adds)
    kind: str = "seq"  # seq, msg (message flow), entry/exit (sub-process), link, comp (compensation)
    default: bool = False
    conditional: bool = False  # a sequence flow with a conditionExpression


@dataclass
class Actor:
    key: str
    name: str
    order: tuple  # sort key: pool position, lane position
    kind: str  # 'lane' or 'pool'
    element: str  # BPMN id of the lane or participant/process
    pool: str = ""  # name of the pool
    named: bool = True  # False: impor made the name up (an unnamed lane or pool)


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    out: dict[str, list[Edge]] = field(default_factory=dict)
    inc: dict[str, list[Edge]] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    skipped: list[tuple[str, str, str, str]] = field(default_factory=list)  # (jenis, name, id, why)
    notes: list[str] = field(default_factory=list)  # messages about choices impor made
    header: list[str] = field(default_factory=list)  # extra comment lines for the YAML file
    triggers: dict[str | None, list[tuple[str, str]]] = field(default_factory=dict)  # scope -> (label, evsub)
    petaproses: bool = False  # exported by petaproses: ids carry the step and actor ids
    name: str = ""
    kode: str | None = None
    merged: int = 0  # activities merged into another's step (shapes.py): kept, not lost
    flow_docs: dict[str, str] = field(default_factory=dict)  # sequence flow id -> its documentation
    deskripsi: str = ""  # the main process's documentation
    process_doc: str = ""  # of a petaproses export: the map's own fields (identity.py reads them)
    process_id: str = ""  # the main process's id

    def add(self, node: Node) -> Node:
        self.nodes[node.id] = node
        self.out.setdefault(node.id, [])
        self.inc.setdefault(node.id, [])
        return node

    def connect(self, edge: Edge) -> None:
        self.out[edge.source].append(edge)
        self.inc[edge.target].append(edge)

    def drop(self, edges: list[Edge]) -> None:
        """Remove ``edges``, touching each affected list once (no quadratic list.remove)."""
        gone = set(map(id, edges))
        for nid in {e.source for e in edges}:
            self.out[nid] = [e for e in self.out[nid] if id(e) not in gone]
        for nid in {e.target for e in edges}:
            self.inc[nid] = [e for e in self.inc[nid] if id(e) not in gone]

    def skip(self, kind: str, name: str, ident: str, why: str) -> None:
        self.skipped.append((JENIS.get(kind, kind), name, ident, why))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str | None) -> str:
    """Return ``text`` on one line: whitespace runs become one space, control characters go."""
    return " ".join(_CONTROL.sub(" ", text or "").split())


# a documentation written as HTML (Bizagi keeps every documentation so, escaped: "<p style=...><a name=...>")
_HTML_TAG = re.compile(r"</?(?:p|br|div|span|a|font|b|i|u|strong|em|ul|ol|li|table|tr|td|h[1-6])\b[^<>]*>", re.I)
_BLOCK = {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}


class _Words(html.parser.HTMLParser):
    """The text of an HTML fragment: its words, a line break where a block or a <br> stands."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def documentation(el) -> str:
    """The text of a ``documentation`` element (all of it: ``.text`` stops at an entity reference left as
    written); HTML in it becomes its words, as the modeller saw them."""
    text = "".join(el.itertext())
    if el.get("textFormat") != "text/html" and not _HTML_TAG.search(text):
        return text
    words = _Words()
    words.feed(text)
    words.close()
    return "\n".join(ln.strip() for ln in "".join(words.parts).splitlines() if ln.strip())


# a name made only of these words and numbers names the element's type ("Start", "EndEvent_1", "End Event
# Message", "Message Flow 2": what a modelling tool or a test suite writes): nothing to carry
TYPE_WORDS = {"start", "end", "intermediate", "boundary", "event", "none", "message", "timer", "signal",
               "conditional", "condition", "escalation", "error", "terminate", "compensation", "cancel", "link", "multiple",
               "parallel", "catch", "throw", "catching", "throwing", "non", "interrupting", "flow", "sequence",
               "startevent", "endevent", "messageflow", "mulai", "selesai", "akhir", "awal", "peristiwa", "pesan",
               "alur", "begin", "finish", "stop"}


def meaningful(name: str) -> bool:
    """Whether ``name`` says more than the element's type ('Start', 'EndEvent_1', 'Message Flow 2')."""
    words = re.split(r"[\s_\-]+", name.casefold().strip())
    return bool(name.strip()) and not all(w in TYPE_WORDS or w.isdigit() or not w for w in words)


def slug(text: str, word: str = "pelaksana") -> str:
    """Return ``text`` as a pelaksana/step id: lower case ASCII words joined by '_', starting with a letter;
    ``word`` (what the id names: "pelaksana", "langkah") when no Latin letter is left (a Cyrillic name), or
    before one that starts with a digit."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "_", ascii_.lower()).strip("_")
    if not s or not s[0].isalpha():
        s = f"{word}_{s}" if s else word
    return s[:60].rstrip("_")


def short(sid: str, limit: int = 30) -> str:
    """Return the first words of ``sid`` up to ``limit`` characters (whole words, at least one)."""
    words = sid.split("_")
    out = words[0]
    for w in words[1:]:
        if len(out) + 1 + len(w) > limit:
            break
        out += "_" + w
    return out[:limit].rstrip("_") or "langkah"
