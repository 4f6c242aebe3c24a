"""BPMN XML -> Graph: every flow node of every process, its actor, the sequence flows, and what joins them.

Sub-processes (and call activities whose process is in the same file) are flattened: the activity stays a
step, its content follows it, and its end leads on to the activity's own successors.  Message flows become
hand-offs, link events are joined, data objects read and written become kelengkapan and output, text
annotations become keterangan.  Everything is walked with explicit stacks, never recursion, so a deep or
long file cannot exhaust Python's stack.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree

from .artefacts import artefacts, local as _local
from .compensate import link_compensation
from .drawn import edge_points, ends_from_drawing
from .graph import (ACTIVITIES, CONTAINERS, DECISION, EVENT_KIND, FLOW_NODES, PASS, STEP, Edge, Graph, Node,
                    clean, documentation)
from .pools import NS, Diagram, Pools, read_diagram
from .reading import BPMN, ReadError
from .replies import replies

PETAPROSES_NS = "https://petaproses.id/bpmn"
MAX_NODES = 50_000  # flow nodes per file; a real map has tens, the test suite's largest has a few hundred


# children of a process that carry nothing a cross-functional map shows (data objects are shown by their
# references; the rest is execution detail)
QUIET = {"laneSet", "dataObject", "property", "ioSpecification", "ioBinding", "documentation", "extensionElements",
         "performer", "humanPerformer", "potentialOwner", "resourceRole", "monitoring", "auditing",
         "correlationSubscription", "dataStore", "category", "multiInstanceLoopCharacteristics",
         "standardLoopCharacteristics", "dataInputAssociation", "dataOutputAssociation"}  # the last: a container's own


class _Walk:
    """What the walk over the processes gathers besides nodes."""

    def __init__(self) -> None:
        self.flows: list[etree._Element] = []
        self.children: dict[str, list[str]] = {}  # container id -> its direct flow nodes
        self.done: set[str] = set()  # processes walked, as a pool or flattened into a call activity
        self.artefacts: list[etree._Element] = []  # data object/store references, annotations, groups
        self.associations: list[etree._Element] = []


def collect(root: etree._Element, path: str) -> Graph:
    """Return the graph of the BPMN document ``root``."""
    g = Graph()
    # exported by petaproses (bpmn-js keeps both; Camunda Modeler rewrites the exporter, not the namespace)
    g.petaproses = root.get("exporter") == "petaproses" or root.get("targetNamespace") == PETAPROSES_NS
    di = read_diagram(root)
    if not di.pos:
        g.notes.append("berkas tidak memuat diagram (BPMNDI): urutan langkah diambil dari urutan alur, "
                       "bukan dari gambar")
    pools = Pools(g, root, di)
    ids = {el.get("id"): el for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    procs = root.findall("bpmn:process", NS)
    walk = _Walk()
    called = {_called(c, ids) for c in root.iter(f"{{{BPMN}}}callActivity")}
    # a process of no pool, or of an unnamed pool a call activity calls (Bizagi draws a called process so)
    flattenable = {p.get("id") for p in procs if p.get("id") not in pools.part_of
                   or p.get("id") in called and not clean(pools.part_of[p.get("id")].get("name"))}
    first = [p for p in procs if p.get("id") not in called or p.get("id") in pools.part_of.keys() - flattenable]
    for index, proc in enumerate(first + [p for p in procs if p not in first]):
        if proc.get("id") not in walk.done:
            walk.done.add(proc.get("id"))
            _walk_process(g, proc, index, pools, di, walk, flattenable, ids)
    for collab in root.findall("bpmn:collaboration", NS):  # bpmn.io writes a pool model's notes here
        for el in collab:
            if _local(el) in ("textAnnotation", "group"):
                walk.artefacts.append(el)
            elif _local(el) == "association":
                walk.associations.append(el)
    points = edge_points(root)

    def drawn(fid: str) -> tuple[str, str] | None:  # asked only for a flow whose ends are not in the file
        return ends_from_drawing(points.get(fid), {k: di.box[k] for k in g.nodes if k in di.box})

    for el in walk.flows:
        _sequence_flow(g, el, drawn)
    _roles(g)
    _containers(g, walk.children)
    _handlers_last(g)
    _links(g)
    _signals(g)
    drawn = {n.process for n in g.nodes.values()}
    _messages(g, root, pools, ids, drawn)
    _empty_pools(g, root, drawn)
    replies(g)
    artefacts(g, walk.associations, walk.artefacts, ids)
    link_compensation(g)
    _identity(g, root, procs, pools, path)
    return g


def _walk_process(g: Graph, proc: etree._Element, index: int, pools: Pools, di: Diagram, walk: _Walk,
                  flattenable: set, ids: dict) -> None:
    """Add the flow nodes of ``proc`` (and of the processes its call activities call) to ``g``."""
    refs, boxes = pools.lanes(proc, index)
    pid = proc.get("id") or f"#{index}"
    stack: list[tuple] = [(proc, None, refs, boxes, lambda: pools.pool_actor(proc, index), pid)]
    while stack:
        container, scope, refs, boxes, fallback, pid = stack.pop()
        for el in container:
            ln = _local(el)
            if ln in FLOW_NODES:
                node = _node(g, el, ln, scope, pid, di, walk)
                if node is None:
                    continue
                node.actor = refs.get(node.id) or pools.inside(boxes, node.id) or fallback()
                if scope is not None:
                    walk.children.setdefault(scope, []).append(node.id)
                if ln in CONTAINERS:
                    stack.append((el, node.id, refs, boxes, _const(node.actor), pid))
                elif ln == "callActivity":
                    target = _called(el, ids)
                    called = ids.get(target) if target in flattenable and target not in walk.done else None
                    if called is not None:
                        walk.done.add(target)
                        lanes = called.find("bpmn:laneSet", NS) is not None
                        crefs, cboxes = pools.lanes(called, index) if lanes else ({}, [])
                        stack.append((called, node.id, crefs, cboxes, _const(node.actor), pid))
                        node.notes.append(f"Memanggil proses '{clean(called.get('name')) or node.name or target}'; "
                                          "langkah-langkahnya diimpor sesudah langkah ini")
                    elif target and not g.petaproses:  # petaproses documents it as 'Rincian: KODE'
                        what = ids.get(target)
                        name = clean(what.get("name")) if what is not None else ""
                        node.notes.append(f"Memanggil '{name or target}' (tidak ada di berkas ini)")
            elif ln == "sequenceFlow":
                walk.flows.append(el)
            elif ln in ("dataObjectReference", "dataStoreReference", "textAnnotation", "group"):
                walk.artefacts.append(el)
            elif ln == "association":
                walk.associations.append(el)
            elif ln not in QUIET and el.get("id") and etree.QName(el).namespace == BPMN:
                g.skip(ln, clean(el.get("name")), el.get("id"), "unsur BPMN ini tidak dikenal peta lintas fungsi")


def _called(el: etree._Element, ids: dict) -> str | None:
    """The process a call activity calls: its calledElement, else (Bizagi writes none) 'Process_<its id>'."""
    guess = f"Process_{(el.get('id') or '').lstrip('_')}"
    return el.get("calledElement") or (guess if guess in ids else None)


def _const(value):
    return lambda: value


def _node(g: Graph, el: etree._Element, ln: str, scope: str | None, pid: str, di: Diagram,
          walk: _Walk) -> Node | None:
    nid = el.get("id")
    name = clean(el.get("name"))
    if not nid or nid in g.nodes:
        g.skip(ln, name, nid or "tanpa id", "id kosong atau dipakai dua kali")
        return None
    if len(g.nodes) >= MAX_NODES:
        limit = f"{MAX_NODES:,}".replace(",", ".")
        raise ReadError(f"berkas memuat lebih dari {limit} unsur alur (tugas, gerbang, peristiwa); peta sebesar "
                        "itu sebaiknya dibagi menjadi beberapa peta")
    n = g.add(Node(nid, ln, name, process=pid, scope=scope, pos=di.pos.get(nid), plane=di.plane.get(nid, -1)))
    if g.petaproses and ln in ACTIVITIES and "\n" in (el.get("name") or ""):  # an uraian of several lines, kept
        n.uraian = "\n".join(clean(line) for line in el.get("name").splitlines() if clean(line))
    if ln in CONTAINERS and nid in di.box:  # ordered by its left edge, so before its own content
        n.pos = (di.box[nid][0], di.pos[nid][1])
    for child in el:
        cl = _local(child)
        if cl in EVENT_KIND and n.event is None:
            n.event = EVENT_KIND[cl]
            if cl == "linkEventDefinition":
                n.link = clean(child.get("name")) or name
            elif cl == "signalEventDefinition":
                n.link = child.get("signalRef") or name  # what pairs a signal's throw with its starts
            elif cl == "compensateEventDefinition":
                n.compensates = child.get("activityRef")
        elif cl == "documentation" and n.doc is None and documentation(child).strip():
            n.doc = documentation(child)
        elif cl == "standardLoopCharacteristics":
            n.notes.append("Diulang sampai syaratnya terpenuhi")
        elif cl == "multiInstanceLoopCharacteristics":
            n.notes.append("Dijalankan " + ("bergantian" if child.get("isSequential") == "true" else "serentak")
                           + " untuk setiap item")
        elif cl in ("dataInputAssociation", "dataOutputAssociation"):
            walk.associations.append(child)
    if ln == "boundaryEvent":
        n.attached = el.get("attachedToRef")
        n.interrupting = el.get("cancelActivity", "true") != "false"
    elif ln == "subProcess" and el.get("triggeredByEvent") == "true":
        n.triggered = True
    elif ln == "startEvent":
        n.interrupting = el.get("isInterrupting", "true") != "false"
    n.default = el.get("default")
    n.compensation = el.get("isForCompensation") == "true"
    return n


def _condition(flow: etree._Element) -> str | None:
    cond = flow.find(f"{{{BPMN}}}conditionExpression")
    written = "".join(cond.itertext()) if cond is not None else ""
    if not written.strip():
        return None
    m = re.fullmatch(r"\s*keputusan == (['\"])(.*)\1\s*", written)  # what petaproses writes
    text = m.group(2) if m else clean(written)
    return text[:120] or None


def _sequence_flow(g: Graph, el: etree._Element, drawn) -> None:
    s, t = el.get("sourceRef"), el.get("targetRef")
    fid = el.get("id") or ""
    ends = drawn(fid) if s not in g.nodes or t not in g.nodes else None  # Signavio lost them; its line did not
    if ends and all(ref not in g.nodes or ref == end for ref, end in zip((s, t), ends)):
        g.notes.append(f"alur {fid} tidak menyebut ujung yang ada di berkas; ujungnya dibaca dari gambarnya: "
                       f"'{g.nodes[ends[0]].name or ends[0]}' -> '{g.nodes[ends[1]].name or ends[1]}'")
        s, t = ends
    doc = el.find(f"{{{BPMN}}}documentation")
    if doc is not None and clean(documentation(doc)):
        g.flow_docs[fid] = clean(documentation(doc))
    if s in g.nodes and t in g.nodes:
        label = clean(el.get("name")) or _condition(el)
        g.connect(Edge(s, t, label or None, fid, "seq", g.nodes[s].default == fid and bool(fid),
                       el.find(f"{{{BPMN}}}conditionExpression") is not None))
        return
    why = []
    for ref, attr, arah in ((s, "sourceRef", "berasal dari"), (t, "targetRef", "menuju")):
        if not ref:
            why.append(f"tidak memiliki {attr}")
        elif ref not in g.nodes:
            why.append(f"{arah} '{ref}', yang bukan unsur alur di berkas ini")
    g.skip("sequenceFlow", clean(el.get("name")), fid or "tanpa id", "; ".join(why))


def _roles(g: Graph) -> None:
    """Decide what becomes a step, a decision, or is followed through."""
    for n in g.nodes.values():
        if n.kind in ACTIVITIES:
            n.role = STEP
        elif n.kind in ("exclusiveGateway", "eventBasedGateway") and len(g.out[n.id]) >= 2:
            n.role = DECISION
        elif n.kind in ("intermediateCatchEvent", "intermediateThrowEvent") and n.name and n.event != "tautan":
            ins = g.inc[n.id]
            if ins and all(g.nodes[e.source].kind == "eventBasedGateway" for e in ins):
                continue  # a branch of an event-based gateway: its name labels that branch
            n.role = STEP
            wait = "menunggu" if n.kind == "intermediateCatchEvent" else "mengirim"
            n.notes.insert(0, f"Peristiwa antara BPMN ({wait} {n.event})" if n.event else "Peristiwa antara BPMN")


def _containers(g: Graph, children: dict[str, list[str]]) -> None:
    """Flatten sub-processes: S -> its start (or first nodes); its ends -> S's exit -> S's successors."""
    has_in = {nid: bool(g.inc[nid]) for nid in g.nodes}  # before any wiring: sequence flows only
    has_out = {nid: bool(g.out[nid]) for nid in g.nodes}
    on: dict[str, list[Node]] = {}
    for b in g.nodes.values():
        if b.kind == "boundaryEvent" and b.attached:
            on.setdefault(b.attached, []).append(b)
    for sid, kids in children.items():
        s = g.nodes[sid]
        exit_id = f"{sid} selesai"
        leads_on = bool(g.out[sid])  # else the content's ends end the process (an event sub-process, say)
        g.add(Node(exit_id, "virtual", "", PASS, actor=s.actor, process=s.process, scope=s.scope, pos=s.pos,
                   plane=s.plane))
        moved = list(g.out[sid])
        g.drop(moved)
        for e in moved:
            g.connect(replace(e, source=exit_id))
        inner = [g.nodes[k] for k in kids if g.nodes[k].kind != "boundaryEvent" and not g.nodes[k].triggered
                 and not g.nodes[k].compensation]
        starts = [n for n in inner if n.kind == "startEvent" or n.kind == "intermediateCatchEvent"
                  and not has_in[n.id]]  # bpmn.io turns a second start event into a catch event
        for n in starts or [n for n in inner if not has_in[n.id]]:
            g.connect(Edge(sid, n.id, None, "", "entry"))
        for n in inner:
            if n.kind == "endEvent" and n.event in ("galat", "eskalasi", "pembatalan"):
                # an error end goes to the boundary event that catches it; uncaught, the process ends
                catch = next((b for b in on.get(sid, []) if b.event == n.event), None)
                if catch is not None:
                    g.connect(Edge(n.id, catch.id, None, "", "exit"))
            elif leads_on and (n.kind == "endEvent" or not has_out[n.id]):
                g.connect(Edge(n.id, exit_id, None, "", "exit"))
        if s.kind == "callActivity":
            what = "proses yang dipanggil"
        else:
            what = "sub-proses"
            s.notes.insert(0, "Sub-proses; langkah-langkahnya diimpor sesudah langkah ini")
        if s.triggered:
            trigger = starts[0] if starts else None
            cause = (trigger.name or trigger.event) if trigger is not None else None
            label = f"Bila terjadi: {cause or s.name or 'peristiwa'}"
            stops = s.interrupting = trigger is None or trigger.interrupting
            s.notes[0] = (f"Sub-proses peristiwa: dijalankan bila '{cause or s.name}' terjadi selama proses "
                          f"({'menghentikan' if stops else 'tanpa menghentikan'} proses)")
            if not s.name:
                s.uraian = f"Menangani peristiwa '{cause}'" if cause else "Menangani peristiwa"
            g.triggers.setdefault(s.scope, []).append((label, sid))
        elif not s.name and s.kind in CONTAINERS:
            s.uraian = "Menjalankan sub-proses"
        for n in inner:
            if n.kind in ACTIVITIES or n.role == STEP:
                n.notes.insert(0, f"Bagian dari {what} '{s.name or s.uraian or sid}'")


def _handlers_last(g: Graph) -> None:
    """Write event sub-processes after the main flow, one after the other: each one's drawn position moves
    to its own band far to the right."""
    band: dict[str, int] = {}
    handlers = 0
    for n in list(g.nodes.values()):  # a container is added before its content
        if n.triggered and not (n.scope is not None and band.get(n.scope)):
            handlers += 1
            band[n.id] = handlers
        else:
            band[n.id] = band.get(n.scope, 0) if n.scope is not None else 0
        if band[n.id] and n.pos is not None:
            n.pos = (n.pos[0] + 1e9 * band[n.id], n.pos[1])


def _links(g: Graph) -> None:
    """Join each link throw event to the link catch event of the same name in the same process; a process
    with one unmatched throw and one unmatched catch (bpmn.io leaves link names empty) pairs those two."""
    catch: dict[tuple, str] = {}
    for n in g.nodes.values():
        if n.event == "tautan" and n.kind == "intermediateCatchEvent":
            catch.setdefault((n.process, n.link), n.id)
    paired: set[str] = set()
    lonely: dict[str, list[Node]] = {}
    for n in list(g.nodes.values()):
        if n.event == "tautan" and n.kind == "intermediateThrowEvent":
            target = catch.get((n.process, n.link))
            if target:
                g.connect(Edge(n.id, target, None, "", "link"))
                paired.add(target)
            else:
                lonely.setdefault(n.process, []).append(n)
    for process, throws in lonely.items():
        catches = [c for (p, _), c in catch.items() if p == process and c not in paired]
        if len(throws) == 1 and len(catches) == 1:
            g.connect(Edge(throws[0].id, catches[0], None, "", "link"))
            g.notes.append(f"peristiwa tautan '{throws[0].link}' dan '{g.nodes[catches[0]].link}' namanya berbeda; "
                           "keduanya satu-satunya di prosesnya, jadi dipasangkan")
            continue
        for n in throws:
            g.skip(n.kind, n.name, n.id, f"peristiwa tautan '{n.link}' tanpa pasangan penangkapnya")


def _signals(g: Graph) -> None:
    """A signal thrown by a step starts the processes whose start event waits for that signal (by signalRef,
    else by name): a hand-off, like a message flow."""
    starts: dict[str, list[Node]] = {}
    for n in g.nodes.values():
        if n.event == "sinyal" and n.kind == "startEvent" and n.scope is None and not g.inc[n.id] and n.link:
            starts.setdefault(n.link, []).append(n)
    for n in list(g.nodes.values()):
        if n.event == "sinyal" and n.kind in ("intermediateThrowEvent", "endEvent") and n.link in starts:
            for s in starts[n.link]:
                if s.process != n.process:
                    g.connect(Edge(n.id, s.id, None, "", "msg"))


def _messages(g: Graph, root: etree._Element, pools: Pools, ids: dict, drawn: set[str]) -> None:
    """Message flows between pools become hand-offs: the receiving step follows the sending one."""
    for mf in root.iter(f"{{{BPMN}}}messageFlow"):
        fid, name = mf.get("id") or "tanpa id", clean(mf.get("name"))
        s, t = mf.get("sourceRef"), mf.get("targetRef")
        src, dst = ids.get(s), ids.get(t)
        # drawn to a pool's border (bpmn.io lets it snap there): the pool's one message event of that side
        s = _message_event(g, src, ("endEvent", "intermediateThrowEvent"), drawn) or s
        t = _message_event(g, dst, ("startEvent", "intermediateCatchEvent"), drawn) or t
        if s in g.nodes and t in g.nodes:
            g.connect(Edge(s, t, name or None, fid, "msg"))
        elif s in g.nodes and _black_box(dst, drawn):
            v = g.add(Node(f"{fid} terima", "virtual", name, STEP, actor=pools.black_box(dst),
                           process=dst.get("id") or "", pos=_shift(g.nodes[s].pos, 1), plane=g.nodes[s].plane,
                           uraian=f"Menerima {_noun(name)}" if name else "Menerima pesan"))
            g.connect(Edge(s, v.id, name or None, fid, "msg"))
        elif t in g.nodes and _black_box(src, drawn):
            target = g.nodes[t]
            v = g.add(Node(f"{fid} kirim", "virtual", name, STEP, actor=pools.black_box(src),
                           process=src.get("id") or "", pos=_shift(target.pos, -1), plane=target.plane,
                           uraian=f"Mengirim {_noun(name)}" if name else "Mengirim pesan"))
            before = list(g.inc[t])  # the sender acts just before the receiver
            g.drop(before)
            for e in before:
                g.connect(replace(e, target=v.id))
            g.connect(Edge(v.id, t, name or None, fid, "msg"))
        else:
            why = ("menghubungkan kolam dengan kolam, bukan langkah dengan langkah" if src is not None
                   and dst is not None else "ujungnya tidak ada di berkas ini")
            g.skip("messageFlow", name, fid, why)


def _message_event(g: Graph, el: etree._Element | None, kinds: tuple[str, ...], drawn: set[str]) -> str | None:
    """The id of the one message event of ``kinds`` in the process of pool ``el`` (a message flow drawn to the
    pool's border sends from, or is received by, it), or None: not a pool with a process, or none or several."""
    if el is None or _local(el) != "participant" or el.get("processRef") not in drawn:
        return None
    found = [n.id for n in g.nodes.values()
             if n.process == el.get("processRef") and n.event == "pesan" and n.kind in kinds]
    return found[0] if len(found) == 1 else None


def _noun(name: str) -> str:
    """'Surat pengantar' -> 'surat pengantar' after a verb; 'KTP' and 'SK Bupati' keep their capitals."""
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def _empty_pools(g: Graph, root: etree._Element, drawn: set[str]) -> None:
    """List named pools that hold no node and exchange no message (unnamed ones are tool artefacts)."""
    used = {a.element for a in g.actors.values()}
    for part in root.iter(f"{{{BPMN}}}participant"):
        if clean(part.get("name")) and part.get("processRef") not in drawn and part.get("id") not in used:
            g.skip("participant", clean(part.get("name")), part.get("id") or "tanpa id",
                   "tidak berisi kegiatan dan tidak bertukar pesan")


def _black_box(el: etree._Element | None, drawn: set[str]) -> bool:
    """Return whether ``el`` is a pool drawn without a process (or with an empty one)."""
    if el is None or _local(el) != "participant":
        return False
    return el.get("processRef") not in drawn


def _shift(pos: tuple[float, float] | None, dx: float) -> tuple[float, float] | None:
    return (pos[0] + dx, pos[1]) if pos else None


def _identity(g: Graph, root: etree._Element, procs: list, pools: Pools, path: str) -> None:
    """Name and kode of the map: the biggest process's, or the file's."""
    sizes = {}
    for n in g.nodes.values():
        if n.kind in ACTIVITIES:
            sizes[n.process] = sizes.get(n.process, 0) + 1
    main = max(procs, key=lambda p: sizes.get(p.get("id"), 0), default=None)
    if main is not None:
        part = pools.part_of.get(main.get("id") or "")
        g.name = clean(main.get("name")) or (clean(part.get("name")) if part is not None else "")
        doc = main.find("bpmn:documentation", NS)
        g.process_id = main.get("id") or ""
        if doc is not None and doc.text:
            m = re.search(r"^Kode: *(\S+)", doc.text, re.MULTILINE)
            g.kode = m.group(1) if m else None
            if g.petaproses:  # petaproses writes the map's own fields there (identity.py)
                g.process_doc = documentation(doc)
            else:
                g.deskripsi = clean(documentation(doc))
    if len(sizes) > 1:
        collab = root.find("bpmn:collaboration", NS)
        g.name = (clean(collab.get("name")) if collab is not None else "") or clean(root.get("name")) or g.name
