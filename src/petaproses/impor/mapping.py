"""Graph -> steps: every successor comes from the BPMN flows, nothing falls through into an added step.

- Activities (and named intermediate events, and hand-offs with a black-box pool) are steps.
- An exclusive or event-based gateway right after a step, reached only from it, is that step's ``cabang``;
  otherwise it is a step of its own ("Memutuskan: ...").  Branch labels: the flow's name, its condition,
  "Lainnya" for the default flow, the event's name after an event-based gateway, else "Cabang n".
- Parallel gateways vanish: a split is the step's ``ke: [a, b]``, a join is the step with several
  incoming flows.  Inclusive and complex gateways map the same way, and the step says in its keterangan
  that only the branches whose condition holds run (their labels are listed there).
- An interrupting boundary event makes its activity a decision: "Lanjut" or the gateway's branches, plus a
  branch named after the event; a non-interrupting one adds a parallel branch and says so.
- A branch that goes straight to an end event ends the process: ``cabang: {label: selesai}``; a named end event's
  name goes to the deciding step's keterangan.
- Steps are added only where the format needs one, and the log says why: a branch (one label, one step) that
  splits in parallel gets a step holding the ``ke`` list, and several starts (pools not started by a message,
  alternative start events) or a process's event sub-processes (they wait beside the main flow) get a first step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .graph import BOUNDARY_LABEL, DECISION, JENIS, PASS, STEP, Graph, Node, clean, meaningful
from .resolve import END, components, is_end, order, reachable, resolve

BACK = 30.0  # px: a flow drawn this far to the left closes a loop; less is a flow drawn straight down or up
END_KEY = "\0selesai"  # the target of a branch that ends the process (written `selesai`)


@dataclass
class Step:
    key: str
    uraian: str
    actor: str
    node: Node | None = None  # the BPMN node it comes from (None: a step impor added)
    pos: tuple[float, float] | None = None
    process: str = ""
    plane: int = -1
    notes: list[str] = field(default_factory=list)
    ke: list[str] = field(default_factory=list)  # keys of the next steps
    cabang: list[tuple[str, str]] | None = None  # (label, key); key END_KEY: the branch ends the process
    also: list[str] = field(default_factory=list)  # more actors: a chain, or a joint activity when ``joint``
    joint: bool = False


@dataclass
class Branch:
    label: str
    tokens: list[str]
    hint: str | None = None  # the node the flow points at (names an added parallel step)
    crossed: tuple[str, ...] = ()  # inclusive splits on the way


class Mapper:
    def __init__(self, g: Graph):
        self.g = g
        self.steps: dict[str, Step] = {}
        self.msgs: list[str] = []
        n = g.nodes
        self.res = resolve((k for k, v in n.items() if v.role == PASS), lambda k: [e.target for e in g.out[k]],
                           lambda k: n[k].role == PASS,
                           lambda k: n[k].kind in ("inclusiveGateway", "complexGateway") and len(g.out[k]) > 1)
        self.absorbed: dict[str, str] = {}  # decision node -> the step that holds its cabang
        self.added = 0
        self.closing: dict[str, str] = {}  # end event id -> the closing step added for it

    # ------------------------------------------------------------------------------------------ routes
    def route(self, target: str) -> tuple[list[str], tuple[str, ...]]:
        """Return (steps/decisions/END tokens reached through ``target``, inclusive splits crossed)."""
        if self.g.nodes[target].role != PASS:
            return [target], ()
        return list(self.res.tokens[target]), self.res.inclusive[target]

    def exits(self, nid: str) -> tuple[list[str], list[str]]:
        found: dict[str, None] = {}
        crossed: dict[str, None] = {}
        for e in self.g.out[nid]:
            tokens, incl = self.route(e.target)
            found.update(dict.fromkeys(tokens))
            crossed.update(dict.fromkeys(incl))
        return list(found), list(crossed)

    def branches(self, d: Node) -> list[Branch]:
        out = []
        for k, e in enumerate(self.g.out[d.id], 1):
            target = self.g.nodes[e.target]
            label = e.label or ("Lainnya" if e.default else None)
            if not label and d.kind == "eventBasedGateway":
                label = target.name or (f"Peristiwa {target.event}" if target.event else None)
            tokens, incl = self.route(e.target)
            out.append(Branch(label or f"Cabang {k}", tokens, e.target, incl))
        return out

    # ------------------------------------------------------------------------------------------ the run
    def run(self) -> tuple[list[Step], str]:
        g = self.g
        boundaries: dict[str, list[Node]] = {}
        for b in g.nodes.values():
            if b.kind != "boundaryEvent" or b.event == "kompensasi" and not g.out[b.id]:
                continue  # a compensation boundary: said on its activity (compensate.py)
            if b.attached in g.nodes and g.nodes[b.attached].role == STEP and g.out[b.id]:
                boundaries.setdefault(b.attached, []).append(b)
            elif not g.out[b.id]:
                g.skip(b.kind, b.name, b.id, "tidak punya alur keluar")
            else:
                g.skip(b.kind, b.name, b.id, f"menempel pada '{b.attached}', yang bukan kegiatan")
        normal: dict[str, list[str]] = {}
        crossed: dict[str, list[str]] = {}
        for n in g.nodes.values():
            if n.role == STEP:
                normal[n.id], crossed[n.id] = self.exits(n.id)
                ends = bool(normal[n.id]) and all(is_end(t) for t in normal[n.id])  # its own flow ends the process
                for b in boundaries.get(n.id, []):
                    if not b.interrupting:
                        tokens, _ = self.exits(b.id)
                        normal[n.id] += [t for t in tokens if t not in normal[n.id]]
                        names = ", ".join(f"'{self._name(t)}'" for t in tokens if not is_end(t))
                        n.notes.append(f"Bila '{self._boundary_label(b)}' terjadi (tanpa menghentikan kegiatan "
                                       f"ini), {names or 'proses cabang itu selesai'} juga dijalankan")
                        if ends and names:  # `ke` holds the event's steps only: the end is said in words
                            n.notes.append(f"Tanpa '{self._boundary_label(b)}', proses selesai sesudah kegiatan ini")
                            self.msgs.append(f"langkah '{n.name or n.id}' menuju akhir proses, dan peristiwa batas "
                                             f"'{self._boundary_label(b)}' (tidak menghentikan) menjalankan {names}: "
                                             f"ditulis 'ke' {names}; akhir prosesnya dicatat di keterangan")
                # a non-interrupting event sub-process inside: it waits beside the content, as the boundary above
                normal[n.id] += [sid for _, sid in self._triggers(n.id, stopping=False) if sid not in normal[n.id]]
        decisions = {n.id: self.branches(n) for n in g.nodes.values() if n.role == DECISION}
        first = self._roots()
        self._absorb(normal, decisions, boundaries, first)
        for n in g.nodes.values():
            if n.role == STEP or (n.role == DECISION and n.id not in self.absorbed):
                self._make(n)
        for n in g.nodes.values():
            if n.id in self.steps:
                self._exits(n, normal, crossed, decisions, boundaries)
        root = self._first(first)
        return self._ordered(root), root

    def _name(self, token: str) -> str:
        n = self.g.nodes.get(token)
        return (n.uraian or n.name or n.id) if n is not None else token

    def _triggers(self, scope: str | None, stopping: bool = True) -> list[tuple[str, str]]:
        """Return the (label, event sub-process) of ``scope`` in the order they are written: the interrupting
        ones (a choice: the event or the flow), or with ``stopping`` False the others (they wait beside the flow)."""
        far = (float("inf"), float("inf"))
        return sorted((t for t in self.g.triggers.get(scope, []) if self.g.nodes[t[1]].interrupting == stopping),
                      key=lambda t: self.g.nodes[t[1]].pos or far)

    @staticmethod
    def _boundary_label(b: Node) -> str:
        return b.name or BOUNDARY_LABEL.get(b.event or "", "Peristiwa")

    def _roots(self) -> list[Branch]:
        """Return how the map starts: one branch per alternative start, or one branch for all parallel ones."""
        g = self.g
        with_start = {n.process for n in g.nodes.values() if n.kind == "startEvent" and n.scope is None}
        roots: list[Node] = []
        for n in g.nodes.values():
            if (n.scope is not None or g.inc[n.id] or n.kind == "boundaryEvent" or n.triggered
                    or n.compensation or n.kind == "virtual" and n.role == PASS
                    or n.kind == "endEvent" and not g.out[n.id]):  # an end drawn alone starts nothing
                continue
            if n.process in with_start and n.kind != "startEvent":
                g.notes.append(f"{JENIS.get(n.kind, n.kind)} '{n.name or n.id}' tidak punya alur masuk padahal "
                               "prosesnya punya peristiwa mulai: langkah itu tidak tercapai; tambahkan alurnya")
                continue
            roots.append(n)
        if not roots:  # no start event, and every node has a flow in: the process goes round; the first step drawn starts
            lead = next((n for n in g.nodes.values() if n.scope is None and n.role == STEP and n.kind != "virtual"
                         and n.process not in with_start), None)
            if lead is not None:
                roots.append(lead)
                self.msgs.append(f"proses tanpa peristiwa mulai dan setiap langkahnya punya alur masuk (berputar): "
                                 f"'{lead.name or lead.id}' (yang pertama di berkas) dijadikan langkah pertama; "
                                 "tambahkan peristiwa mulai bila bukan")
        # a process's event sub-process waits for its event while the main flow runs: a parallel branch (one that
        # interrupts says so in its keterangan), not a choice made before the flow starts
        triggers: list[tuple[str, str]] = []
        waiting = self._triggers(None) + self._triggers(None, stopping=False)
        waits = [sid for _, sid in waiting]
        procs = {r.process for r in roots}
        # alternative start events of one process; activities with no flow in (and no start event) all start
        # together, as BPMN says
        if len(procs) == 1 and len(roots) > 1 and all(r.kind == "startEvent" for r in roots):
            found = [Branch(r.name or f"Mulai {k}", self.route(r.id)[0], r.id) for k, r in enumerate(roots, 1)]
            triggers += waiting  # alternative starts are a choice already: the event is one more
        else:
            tokens: dict[str, None] = {}
            for r in roots:
                tokens.update(dict.fromkeys(self.route(r.id)[0]))
            tokens.update(dict.fromkeys(waits))
            found = [Branch("Mulai", list(tokens))]
            if len(procs) > 1:
                who = dict.fromkeys(g.actors[r.actor].pool or g.actors[r.actor].name for r in roots
                                    if r.actor in g.actors)
                self.msgs.append(f"{len(procs)} kolam mulai sendiri-sendiri, tidak dimulai oleh aliran pesan "
                                 f"({', '.join(repr(w) for w in who)}): awal-awalnya dijalankan bersamaan dari "
                                 "langkah pertama; bila satu kolam menunggu kolam lain, hubungkan dengan aliran pesan")
        return found + [Branch(label, [sid], sid) for label, sid in triggers]

    def _absorb(self, normal: dict, decisions: dict, boundaries: dict, first: list[Branch]) -> None:
        """A decision reached only from the step just before it becomes that step's cabang."""
        holders: dict[str, set[str]] = {}
        for s, tokens in normal.items():
            for t in tokens:
                holders.setdefault(t, set()).add(s)
        for d, bs in decisions.items():
            for b in bs:
                for t in b.tokens:
                    holders.setdefault(t, set()).add(d)
        for b in first:
            for t in b.tokens:
                holders.setdefault(t, set()).add("")
        for s, bs in boundaries.items():
            for b in bs:
                for t in self.exits(b.id)[0]:
                    holders.setdefault(t, set()).add(s)
        for d, bs in decisions.items():
            owners = holders.get(d, set())
            if len(owners) != 1:
                continue
            s = next(iter(owners))
            node = self.g.nodes.get(s)
            if (node is None or node.role != STEP or node.kind == "virtual" or normal[s] != [d]
                    or any(b.interrupting for b in boundaries.get(s, [])) or self.g.triggers.get(s)
                    or any(s in b.tokens for b in bs)
                    or node.process != self.g.nodes[d].process):  # reached by a message: another pool decides
                continue
            self.absorbed[d] = s

    def _make(self, n: Node) -> Step:
        if n.role == DECISION:
            if n.kind == "eventBasedGateway":
                text = f"Menunggu peristiwa: {n.name}" if n.name else "Menunggu salah satu peristiwa"
            else:
                text = f"Memutuskan: {n.name}" if n.name else "Memutuskan jalur berikutnya"
        else:
            text = n.uraian or n.name or f"Kegiatan tanpa nama ({JENIS.get(n.kind, n.kind)} {n.id})"
        step = Step(n.id, text, n.actor or "", n, n.pos, n.process, n.plane, list(n.notes), also=list(n.also),
                    joint=n.joint)
        self.steps[n.id] = step
        return step

    def _exits(self, n: Node, normal, crossed, decisions, boundaries) -> None:
        step = self.steps[n.id]
        incl = list(crossed.get(n.id, []))
        if n.role == DECISION:
            bs = decisions[n.id]
        else:
            d = next((t for t in normal[n.id] if self.absorbed.get(t) == n.id), None)
            hard = [b for b in boundaries.get(n.id, []) if b.interrupting]
            extra = [Branch(label, [sid], sid) for label, sid in self._triggers(n.id)]
            own = self.g.out[n.id]
            # flows with conditions leaving an activity: each is taken when its condition holds, so they
            # branch like a decision (else an end among them would be dropped with the other END tokens)
            conditional = len(own) > 1 and not boundaries.get(n.id) and all(e.kind == "seq" for e in own) \
                and any(e.conditional or e.default for e in own)
            flows = [t for e in own if e.kind == "seq" for t in self.route(e.target)[0]]  # not a message sent
            ending = any(is_end(t) for t in flows) and any(not is_end(t) for t in flows)
            # an end beside flows that only go back: both taken at once would loop for ever, so the modeller
            # drew a choice without a gateway (ask again, or stop)
            retry = ending and d is None and not hard and not extra and not conditional and not incl \
                and all(e.kind == "seq" for e in own) \
                and all(n.id in reachable(t, self._graph(normal, decisions)) for t in flows if not is_end(t))
            if d is None and not hard and not extra and not conditional and not retry:
                step.ke = self._keys(normal[n.id], step)
                if ending:
                    self.msgs.append(f"langkah '{step.uraian}' menuju akhir proses dan sekaligus ke langkah lain "
                                     "(alur tanpa syarat berjalan bersamaan): alur ke akhir dilewati; bila maksudnya "
                                     "pilihan, beri alur itu syarat atau pakai gerbang eksklusif")
                    for e in own:  # the name the modeller gave the flow left out stays in the document
                        if e.kind == "seq" and e.label and all(is_end(t) for t in self.route(e.target)[0]):
                            _note(step, f"Alur '{e.label}' ke akhir proses tidak ditulis (tanpa syarat: berjalan "
                                        "bersamaan dengan alur lain)")
                self._inclusive(step, incl)
                return
            if retry:
                bs = self.branches(n)
                self.msgs.append(f"langkah '{step.uraian}' menuju akhir proses dan kembali ke langkah sebelumnya, "
                                 "keduanya tanpa syarat: dibaca sebagai pilihan "
                                 f"({', '.join(repr(b.label) for b in bs)}); beri alurnya nama sebagai label cabang")
            elif conditional and d is None and not hard and not extra:
                bs = self.branches(n)
                self.msgs.append(f"langkah '{step.uraian}' punya alur bersyarat: dijadikan cabang "
                                 f"({', '.join(repr(b.label) for b in bs)}); periksa apakah hanya satu yang berlaku")
            elif d is not None:
                bs = decisions[d]
                step.notes += self.g.nodes[d].notes
                if self.g.nodes[d].name and not self.g.petaproses:  # petaproses names it after the labels
                    step.notes.insert(0, f"Keputusan: {self.g.nodes[d].name}")
            else:
                bs = [Branch("Lanjut", normal[n.id])]
            bs = bs + [Branch(self._boundary_label(b), self.exits(b.id)[0], b.id) for b in hard] + extra
        cabang: list[tuple[str, str]] = []
        used: set[str] = set()
        incl += [i for b in bs for i in b.crossed if i not in incl]
        for b in bs:
            label, k = b.label, 1
            while label in used:
                k += 1
                label = f"{b.label} ({k})"
            used.add(label)
            cabang.append((label, self._target(b, step)))
        step.cabang = cabang
        self._inclusive(step, incl)

    def _graph(self, normal: dict[str, list[str]], decisions: dict[str, list[Branch]]) -> dict[str, list[str]]:
        """Steps and decisions -> what they lead to (for the rare question whether a flow goes back)."""
        return {**normal, **{d: [t for b in bs for t in b.tokens] for d, bs in decisions.items()}}

    def _inclusive(self, step: Step, splits: list[str]) -> None:
        for gid in splits:
            gw = self.g.nodes[gid]
            parts = []
            for k, e in enumerate(self.g.out[gid], 1):
                names = [self._name(t) for t in self.route(e.target)[0] if not is_end(t)]
                cond = e.label or ("bawaan" if e.default else "tanpa syarat")
                parts.append(f"{cond} -> {', '.join(names) or 'selesai'}")
            what = "gerbang inklusif" if gw.kind == "inclusiveGateway" else "gerbang kompleks"
            step.notes.append(f"Dari {what}{' ' + repr(gw.name) if gw.name else ''}: hanya cabang yang syaratnya "
                              f"terpenuhi yang dijalankan ({'; '.join(parts)})")

    def _keys(self, tokens: list[str], holder: Step | None) -> list[str]:
        """Return the step keys of ``tokens`` (END tokens dropped; a step never leads to itself)."""
        keys: dict[str, None] = {}
        for t in tokens:
            if is_end(t):
                continue
            key = self.absorbed.get(t, t)
            if holder is not None and key == holder.key:
                self.msgs.append(f"langkah '{holder.uraian}' menuju dirinya sendiri tanpa keputusan: alur itu "
                                 "dilewati")
                continue
            keys[key] = None
        return list(keys)

    def _target(self, b: Branch, holder: Step, may_end: bool = True) -> str:
        """Return the key of the one step a branch leads to (END_KEY: it ends the process), adding a closing or
        parallel step if needed."""
        keys = self._keys(b.tokens, holder) if any(not is_end(t) for t in b.tokens) else []
        if len(keys) == 1:
            return keys[0]
        if not keys and may_end:
            end = next((t for t in b.tokens if is_end(t)), f"{END}:")
            node = self.g.nodes.get(end.split(":", 1)[1])
            if node is not None and node.kind == "endEvent" and meaningful(clean(node.name)):
                # `selesai` ends the branch as the modeller's end event does: its name goes to the keterangan
                # (carry.py reads it there as said), no closing step is invented
                _note(holder, f"Cabang '{b.label}' berakhir di peristiwa akhir '{clean(node.name)}'")
            return END_KEY
        self.added += 1
        if keys:
            hint = self.g.nodes.get(b.hint or "")
            name = hint.name if hint is not None and hint.kind.endswith("Gateway") and hint.name else ""
            step = Step(f"{holder.key} paralel {self.added}", name or "Menjalankan langkah paralel",
                        holder.actor, None, _after(holder.pos), holder.process, holder.plane,
                        ke=keys)
            self.msgs.append(f"cabang '{b.label}' dari langkah '{holder.uraian}' menuju beberapa langkah "
                             f"sekaligus (paralel); label cabang hanya bisa menuju satu langkah, maka ditambahkan "
                             f"langkah '{step.uraian}' yang menuju ke semuanya (ke: [...])")
        else:
            end = next((t for t in b.tokens if is_end(t)), f"{END}:")
            node = self.g.nodes.get(end.split(":", 1)[1])
            name = node.name if node is not None and node.kind == "endEvent" and node.name else b.label
            actor = node.actor if node is not None and node.actor else holder.actor
            where = node.pos if node is not None and node.pos else _after(holder.pos)
            step = Step(f"{holder.key} selesai {self.added}", f"Mengakhiri proses ({name})", actor, None, where,
                        holder.process, node.plane if node is not None and node.pos else holder.plane)
            self.msgs.append(f"cabang '{b.label}' dari langkah '{holder.uraian}' langsung menuju peristiwa "
                             f"akhir: ditambahkan langkah penutup '{step.uraian}'")
            if node is not None:
                self.closing[node.id] = step.key
        self.steps[step.key] = step
        return step.key

    def _first(self, first: list[Branch]) -> str:
        """Return the key of the first step, adding one when the map has several starts."""
        keys = [k for b in first for k in self._keys(b.tokens, None)]
        if len(first) == 1 and len(keys) == 1:
            return keys[0]
        if not keys:
            return ""
        lead = self.steps[keys[0]]
        step = Step("\0mulai", "Memulai proses", lead.actor, None, _after(lead.pos, -1), lead.process,
                    lead.plane)
        self.steps[step.key] = step
        if len(first) == 1:
            step.ke = self._keys(first[0].tokens, step)
            cause = {sid: label.split(": ", 1)[-1] for label, sid in self.g.triggers.get(None, [])}
            waits = [f"'{cause[t]}'" for t in first[0].tokens if t in cause]
            stops = [f"'{cause[t]}'" for t in first[0].tokens if t in cause and self.g.nodes[t].interrupting]
            why = (f"sub-proses peristiwa ({', '.join(waits)}) menunggu peristiwanya bersamaan dengan alur utama"
                   + (f"; bila {' atau '.join(stops)} terjadi, alur utama dihentikan" if stops else
                      " (tanpa menghentikannya)") if waits else
                   "proses ini diawali beberapa langkah yang berjalan bersamaan")
            step.notes.append(f"Ditambahkan oleh impor: {why}")
            self.msgs.append(f"{why}; peta lintas fungsi hanya punya satu langkah pertama (simbol mulai), maka "
                             "ditambahkan langkah pertama 'Memulai proses' yang menuju ke semuanya (ke: [...])")
        else:
            step.cabang = [(b.label, self._target(b, step, may_end=False)) for b in first]
            step.notes.append("Ditambahkan oleh impor: proses ini punya beberapa awal; setiap cabang adalah "
                              "satu awal (peristiwa mulai atau sub-proses peristiwa)")
        return step.key

    def _ordered(self, root: str) -> list[Step]:
        if not root:
            return []
        exits = {k: s.ke + [t for _, t in s.cabang or []] for k, s in self.steps.items()}
        keys = list(self.steps)
        placed = sum(1 for s in self.steps.values() if s.pos is not None)
        if placed * 2 >= len(keys):
            key = {k: s.pos for k, s in self.steps.items()}
            loop = components(keys, exits)  # a flow drawn going left that closes no loop still goes forward

            def back(u: str, v: str) -> bool:
                a, b = self.steps[u], self.steps[v]
                return (a.pos is not None and b.pos is not None and a.process == b.process
                        and a.plane == b.plane and b.pos[0] < a.pos[0] - BACK and loop.get(u) == loop.get(v))
        else:  # no drawing: the order a depth-first walk from the start meets the steps; its back edges
            seen, loops = _depth_first(root, exits)
            key = {k: (float(i), 0.0) for i, k in enumerate(seen)}

            def back(u: str, v: str) -> bool:
                return (u, v) in loops
        done = order(keys, root, exits, key, back)
        lost = set(keys) - reachable(root, exits)
        for k in done:
            if k in lost:
                self.msgs.append(f"langkah '{self.steps[k].uraian}' tidak tercapai dari langkah pertama; "
                                 "tambahkan 'ke' atau 'cabang' yang menuju ke sana")
        return [self.steps[k] for k in done]


def _note(s: Step, text: str) -> None:
    if text not in s.notes:
        s.notes.append(text)


def _after(pos: tuple[float, float] | None, dx: float = 1.0) -> tuple[float, float] | None:
    return (pos[0] + dx, pos[1]) if pos else None


def _depth_first(root: str, exits: dict[str, list[str]]) -> tuple[list[str], set[tuple[str, str]]]:
    """Return (the steps in the order a depth-first walk from ``root`` meets them, the edges closing a loop)."""
    grey: set[str] = {root}
    done: set[str] = set()
    out = [root]
    loops: set[tuple[str, str]] = set()
    stack = [(root, iter(exits.get(root, [])))]
    while stack:
        v, it = stack[-1]
        for w in it:
            if w in grey:
                loops.add((v, w))
            elif w not in done:
                grey.add(w)
                out.append(w)
                stack.append((w, iter(exits.get(w, []))))
                break
        else:
            stack.pop()
            grey.discard(v)
            done.add(v)
    return out, loops


__all__ = ["END_KEY", "Mapper", "Step"]
