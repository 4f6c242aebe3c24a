"""BPMN 2.0 (Bizagi, Camunda, bpmn.io, petaproses) -> a ``peta-lintas-fungsi`` YAML file.

Activities become steps, lanes become pelaksana, an exclusive gateway right after an activity becomes that
step's ``cabang`` (the shape petaproses exports), and start/end events become the implicit start and
``selesai``.  Everything outside that subset is skipped with a message saying what was skipped.
"""

from __future__ import annotations

import errno
import io
import re
import unicodedata
from pathlib import Path

from lxml import etree
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"

ACTIVITIES = {"task", "userTask", "manualTask", "serviceTask", "scriptTask", "sendTask", "receiveTask",
              "businessRuleTask", "callActivity", "subProcess", "transaction", "adHocSubProcess"}
PASS_THROUGH = {"exclusiveGateway", "parallelGateway", "inclusiveGateway", "complexGateway", "eventBasedGateway",
                "intermediateCatchEvent", "intermediateThrowEvent"}
ENDS = {"endEvent"}
STARTS = {"startEvent"}
NAMA = {"parallelGateway": "gerbang paralel", "inclusiveGateway": "gerbang inklusif",
        "complexGateway": "gerbang kompleks", "eventBasedGateway": "gerbang berbasis peristiwa",
        "intermediateCatchEvent": "peristiwa antara", "intermediateThrowEvent": "peristiwa antara"}
MUTU = {"Kelengkapan": "kelengkapan", "Waktu": "waktu", "Output": "output", "Keterangan": "keterangan",
        "Rincian": "rincian"}
END = "__end__"


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def slug(text: str) -> str:
    """Return ``text`` as a pelaksana/step id: lower case ASCII words joined by '_', starting with a letter."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "_", ascii_.lower()).strip("_")
    if not s or not s[0].isalpha():
        s = f"p_{s}" if s else "pelaksana"
    return s[:60].rstrip("_")


def _label(el: etree._Element) -> str:
    return " ".join((el.get("name") or "").split())


# libxml2's messages (English) -> Bahasa Indonesia; groups are reused with {1}, {2}, ...
XML_ERRORS: list[tuple[str, str]] = [
    (r"Document is empty", "berkas kosong"),
    (r"Start tag expected, '<' not found", "tag pembuka tidak ditemukan (isi berkas tidak diawali '<')"),
    (r"Premature end of data in tag (\S+) line (\d+)",
     "berkas berakhir sebelum tag <{1}> (dibuka di baris {2}) ditutup"),
    (r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)",
     "tag penutup </{3}> tidak cocok dengan tag pembuka <{1}> di baris {2}"),
    (r"Couldn't find end of Start Tag (\S+)", "tag pembuka <{1}> tidak ditutup dengan '>'"),
    (r"Extra content at the end of the document", "ada isi tambahan sesudah elemen akar ditutup"),
    (r"AttValue: \S+ or ' expected", "nilai atribut harus diapit tanda petik (\" atau ')"),
    (r"Unescaped '<' not allowed in attributes values",
     "tanda '<' tidak boleh ada di nilai atribut (atau tanda petik nilai atribut tidak ditutup)"),
    (r"Specification mandates value for attribute (\S+)", "atribut '{1}' tidak memiliki nilai"),
    (r"Attribute (\S+) redefined", "atribut '{1}' ditulis dua kali pada elemen yang sama"),
    (r"attributes construct error", "penulisan atribut salah (mis. tanpa spasi di antara dua atribut)"),
    (r"Namespace prefix (\S+)", "awalan namespace '{1}' belum dideklarasikan (tidak ada xmlns:{1})"),
    (r"Entity '(.+?)' not defined", "entitas '&{1};' tidak dikenal"),
    (r"xmlParseEntityRef: no name", "tanda '&' harus ditulis sebagai &amp;"),
    (r"EntityRef: expecting ';'", "referensi entitas tidak diakhiri ';'"),
    (r"StartTag: invalid element name", "nama elemen tidak sah sesudah '<'"),
    (r"Invalid bytes in character encoding|Input is not proper UTF-8",
     "byte tidak sah untuk penyandian (encoding) berkas; simpan ulang sebagai UTF-8"),
    (r"Unsupported encoding:? *(\S+)", "penyandian (encoding) '{1}' tidak didukung"),
    (r"invalid Char|Char 0x[0-9A-Fa-f]+ out of allowed range", "karakter tidak sah dalam XML"),
    (r"Comment not terminated", "komentar <!-- tidak ditutup dengan -->"),
    (r"CData section not finished", "bagian CDATA tidak ditutup dengan ]]>"),
    (r"PI (\S+) never end", "instruksi <?{1} tidak ditutup dengan ?>"),
    (r"XML declaration allowed only at the start", "deklarasi <?xml ...?> hanya boleh di awal berkas"),
    (r"Excessive depth|Huge input lookup|huge text node", "berkas terlalu besar atau bersarang terlalu dalam"),
]


def _xml_error(path: Path, exc: etree.XMLSyntaxError) -> str:
    """Return ``exc`` as 'FILE:line:column: ...' in Bahasa Indonesia."""
    line, col = exc.position if exc.position else (exc.lineno or 1, 1)
    loc = f"{path}:{line}:{col}"
    text = re.sub(r",? line \d+, column \d+\s*$", "", (exc.msg or "").strip())  # lxml appends the position
    for pattern, desc in XML_ERRORS:
        m = re.search(pattern, text)
        if m:
            for k, g in enumerate(m.groups(), 1):
                desc = desc.replace(f"{{{k}}}", g or "")
            return f"{loc}: bukan XML yang sah: {desc}"
    return f"{loc}: XML tidak sah (baris {line}, kolom {col})"


def _os_error(path: Path, exc: OSError) -> str:
    """Return ``exc`` (reading ``path``) as 'FILE: ...' in Bahasa Indonesia."""
    if isinstance(exc, IsADirectoryError):
        return f"{path}: adalah folder, bukan berkas"
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return f"{path}: berkas tidak ditemukan"
    if isinstance(exc, PermissionError):
        return f"{path}: berkas tidak dapat dibaca: izin ditolak"
    if exc.errno == errno.ENAMETOOLONG:
        return f"{path}: nama berkas terlalu panjang"
    name = errno.errorcode.get(exc.errno or 0)
    return f"{path}: berkas tidak dapat dibaca" + (f" (galat sistem {name})" if name else "")


def import_bpmn(path: Path, perangkat_daerah: str) -> tuple[str | None, list[str]]:
    """Return (YAML text of a peta-lintas-fungsi file, messages in Bahasa Indonesia); text is None on failure.

    Every message starts with the file path (``FILE: ...`` or ``FILE:line:column: ...``).
    """
    text, msgs = _import(path, perangkat_daerah)
    return text, [m if m.startswith(f"{path}:") else f"{path}: {m}" for m in msgs]


def _import(path: Path, perangkat_daerah: str) -> tuple[str | None, list[str]]:
    msgs: list[str] = []
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return None, [_os_error(path, exc)]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        return None, [_xml_error(path, exc)]
    if root.tag != f"{{{BPMN}}}definitions":
        return None, [(f"bukan berkas BPMN 2.0: elemen akarnya <{etree.QName(root).localname}>, "
                       f"seharusnya <definitions> dalam namespace {BPMN}")]
    ns = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC}
    processes = root.findall("bpmn:process", ns)
    candidates = [p for p in processes if any(_local(c) in ACTIVITIES for c in p)]
    if not candidates:
        return None, ["tidak ada proses berisi aktivitas (task) dalam berkas ini"]
    proc = max(candidates, key=lambda p: sum(_local(c) in ACTIVITIES for c in p))
    for other in processes:
        if other is not proc and any(_local(c) in ACTIVITIES for c in other):
            msgs.append(f"proses '{_label(other) or other.get('id')}' dilewati: hanya satu proses yang diimpor "
                        f"('{_label(proc) or proc.get('id')}')")
    for mf in root.iter(f"{{{BPMN}}}messageFlow"):
        msgs.append(f"aliran pesan (messageFlow) '{_label(mf) or mf.get('id')}' dilewati: peta lintas fungsi "
                    "hanya memuat alur urutan dalam satu proses")

    # positions from the diagram (DI) order the steps as drawn, left to right
    pos: dict[str, tuple[float, float]] = {}
    for shape in root.iter(f"{{{BPMNDI}}}BPMNShape"):
        b = shape.find("dc:Bounds", ns)
        if b is not None and shape.get("bpmnElement"):
            try:
                pos[shape.get("bpmnElement")] = (float(b.get("x", 0)), float(b.get("y", 0)))
            except ValueError:
                pass
    if not pos:
        msgs.append("berkas tidak memuat diagram (BPMNDI): urutan langkah diambil dari urutan alur, "
                    "bukan dari gambar")

    elements = {el.get("id"): el for el in proc.iter() if el.get("id")}
    nodes = {i: el for i, el in elements.items() if el.getparent() is proc and _local(el) not in
             ("sequenceFlow", "laneSet", "documentation", "textAnnotation", "association")}
    flows = [el for el in proc if _local(el) == "sequenceFlow"]
    out: dict[str, list[etree._Element]] = {}
    inc: dict[str, list[etree._Element]] = {}
    for f in flows:
        s, t = f.get("sourceRef"), f.get("targetRef")
        if s in nodes and t in nodes:
            out.setdefault(s, []).append(f)
            inc.setdefault(t, []).append(f)
            continue
        fid = f.get("id") or _label(f) or "tanpa id"
        for ref, attr, arah in ((s, "sourceRef", "berasal dari"), (t, "targetRef", "menuju")):
            if not ref:
                msgs.append(f"alur '{fid}' tidak memiliki {attr}; dilewati")
            elif ref not in elements:
                msgs.append(f"alur '{fid}' {arah} elemen '{ref}' yang tidak ada; dilewati")
            elif ref not in nodes:
                msgs.append(f"alur '{fid}' {arah} elemen '{ref}' yang bukan simpul langsung proses ini; dilewati")
    skipped_kinds: dict[str, list[str]] = {}
    for nid, el in nodes.items():
        kind = _local(el)
        if kind in ACTIVITIES | PASS_THROUGH | ENDS | STARTS:
            if kind in NAMA:
                skipped_kinds.setdefault(NAMA[kind], []).append(_label(el) or nid)
            continue
        skipped_kinds.setdefault(kind, []).append(_label(el) or nid)
    for kind, names in sorted(skipped_kinds.items()):
        what = ", ".join(f"'{n}'" for n in names)
        if kind in NAMA.values():
            msgs.append(f"{kind} {what} tidak didukung peta lintas fungsi: alurnya disambung langsung "
                        "(langkah sesudahnya ditulis sebagai 'ke' atau cabang biasa)")
        else:
            msgs.append(f"elemen {kind} {what} dilewati: di luar bagian BPMN yang dipakai SOP")

    # lanes -> pelaksana
    lane_of: dict[str, str] = {}
    lane_names: dict[str, str] = {}
    lane_order: list[str] = []
    for lane in proc.iter(f"{{{BPMN}}}lane"):
        if lane.find("bpmn:childLaneSet", ns) is not None:
            continue  # only the innermost lanes are positions
        name = _label(lane) or lane.get("id")
        m = re.fullmatch(r"Lane_([a-z][a-z0-9_]*)", lane.get("id") or "")
        actor = m.group(1) if m else slug(name)
        lane_names.setdefault(actor, name)
        if actor not in lane_order:
            lane_order.append(actor)
        for ref in lane.findall("bpmn:flowNodeRef", ns):
            lane_of[(ref.text or "").strip()] = actor
    if not lane_order:
        part = next((p for p in root.iter(f"{{{BPMN}}}participant") if p.get("processRef") == proc.get("id")), None)
        name = (_label(part) if part is not None else "") or "Pelaksana"
        lane_order, lane_names = [slug(name)], {slug(name): name}
        msgs.append(f"proses tanpa lajur (lane): semua kegiatan diberi pelaksana '{slug(name)}'; "
                    "sesuaikan pelaksana tiap kegiatan")

    # steps: every activity, plus gateways that decide without an activity right before them
    def absorbed(gw: str) -> str | None:
        """Return the activity whose decision gateway ``gw`` is (its only input, and that activity's only exit)."""
        ins = inc.get(gw, [])
        if _local(nodes[gw]) != "exclusiveGateway" or len(out.get(gw, [])) < 2 or len(ins) != 1:
            return None
        src = ins[0].get("sourceRef")
        if _local(nodes[src]) in ACTIVITIES and len(out.get(src, [])) == 1:
            return src
        return None

    step_nodes = [i for i, el in nodes.items() if _local(el) in ACTIVITIES]
    decision_of: dict[str, str] = {}  # activity -> its gateway
    for i, el in nodes.items():
        if _local(el) == "exclusiveGateway" and len(out.get(i, [])) >= 2:
            owner = absorbed(i)
            if owner:
                decision_of[owner] = i
            else:
                step_nodes.append(i)
                decision_of[i] = i
    if not step_nodes:
        return None, msgs + ["proses tidak memuat aktivitas yang dapat dijadikan langkah"]

    def exits(nid: str) -> list[tuple[str | None, str]]:
        """Return (branch label, step id or END) reached from ``nid`` through non-step nodes."""
        found: list[tuple[str | None, str]] = []
        start = decision_of.get(nid, nid)

        def walk(node: str, label: str | None, seen: set[str]) -> None:
            for f in out.get(node, []):
                t = f.get("targetRef")
                lab = label
                if _local(nodes[node]) in ("exclusiveGateway", "inclusiveGateway") and len(out[node]) > 1:
                    lab = label or _label(f) or _condition_text(f) or None
                if t in step_nodes:
                    found.append((lab, t))
                elif _local(nodes[t]) in ENDS:
                    found.append((lab, END))
                elif t not in seen:
                    walk(t, lab, seen | {t})

        walk(start, None, {start})
        return found

    # order: drawn position, else the order in which a walk from the start event meets the steps
    walk_order: list[str] = []
    starts = [i for i, el in nodes.items() if _local(el) in STARTS]
    stack = list(reversed(starts))
    seen: set[str] = set()
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        if n in step_nodes:
            walk_order.append(n)
        for f in reversed(out.get(n, [])):
            stack.append(f.get("targetRef"))
    rank = {n: i for i, n in enumerate(walk_order)}
    doc_order = {n: i for i, n in enumerate(nodes)}
    if pos:
        step_nodes.sort(key=lambda n: (pos.get(n, (1e9, 1e9)), rank.get(n, 1e9), doc_order[n]))
    else:
        step_nodes.sort(key=lambda n: (rank.get(n, 1e9), doc_order[n]))

    ids: dict[str, str] = {}
    for n in step_nodes:
        m = re.fullmatch(r"(?:Task|CallActivity|Activity|Gateway)_([a-z][a-z0-9_]*)", n)
        base = m.group(1) if m else _short(slug(_label(nodes[n]) or n))
        sid, k = base, 1
        while sid in ids.values():
            k += 1
            sid = f"{base}_{k}"
        ids[n] = sid

    # pelaksana for a step: its lane, else the lane of its gateway
    def actor(n: str) -> str:
        return lane_of.get(n) or lane_of.get(decision_of.get(n, n)) or lane_order[0]

    steps = CommentedSeq()
    referenced: set[str] = set()
    rows: list[tuple[str, CommentedMap]] = []
    extra: list[CommentedMap] = []
    for idx, n in enumerate(step_nodes):
        el = nodes[n]
        item = CommentedMap()
        item["id"] = ids[n]
        name = _label(el) if _local(el) in ACTIVITIES else f"Memutuskan: {_label(el) or 'keputusan'}"
        item["uraian"] = name or f"Kegiatan {idx + 1}"
        item["pelaksana"] = actor(n)
        doc = el.find("bpmn:documentation", ns)
        if doc is not None and (doc.text or "").strip():
            _mutu(item, doc.text)
        found = exits(n)
        nxt = ids[step_nodes[idx + 1]] if idx + 1 < len(step_nodes) else None
        if n in decision_of and len([x for x in found]) >= 2:
            cabang = CommentedMap()
            for k, (lab, t) in enumerate(found):
                lab = lab or f"Cabang {k + 1}"
                if t == END:
                    # a branch straight to an end event: our decisions point at steps, so add a closing one
                    end_el = _end_after(nodes, out, decision_of.get(n, n), lab)
                    eid = f"{ids[n]}_selesai_{k + 1}"
                    closing = CommentedMap()
                    closing["id"] = eid
                    closing["uraian"] = f"Mengakhiri proses ({_label(end_el) if end_el is not None else lab})"
                    closing["pelaksana"] = actor(n)
                    closing["selesai"] = True
                    extra.append(closing)
                    msgs.append(f"cabang '{lab}' dari langkah '{ids[n]}' langsung menuju peristiwa akhir: "
                                f"ditambahkan langkah penutup '{eid}'")
                    t_id = eid
                else:
                    t_id = ids[t]
                if lab in cabang:
                    msgs.append(f"label cabang '{lab}' dari langkah '{ids[n]}' dipakai dua kali: yang kedua dilewati")
                    continue
                cabang[lab] = t_id
                referenced.add(t_id)
            item["cabang"] = cabang
        else:
            targets = [ids[t] for _, t in found if t != END]
            if any(t == END for _, t in found) and targets:
                msgs.append(f"langkah '{ids[n]}' menuju akhir dan ke langkah lain sekaligus: "
                            "alur ke akhir dilewati")
            if not targets:
                if nxt is not None:
                    item["selesai"] = True
            elif targets != [nxt]:
                item["ke"] = targets[0] if len(targets) == 1 else CommentedSeq(targets)
                referenced.update(targets)
        rows.append((ids[n], item))
    for _, item in rows:
        steps.append(item)
    steps.extend(extra)
    for item in steps:
        sid = item["id"]
        if sid not in referenced and re.fullmatch(r"k\d+", sid):
            del item["id"]  # the derived id (k3) needs no writing

    from .flow import build_flow, reachable
    from .model import Kegiatan

    try:
        flow = build_flow([Kegiatan(**{k: v for k, v in it.items()}) for it in steps])
        lost = [n.id for n in flow.nodes if n.id not in reachable(flow, flow.start.id)]
    except ValueError:  # a value the model refuses; petaproses check will say which
        lost = []
    if lost:
        msgs.append("langkah " + ", ".join(f"'{x}'" for x in lost) + " tidak tercapai dari langkah pertama "
                    "(mis. cabang paralel); tambahkan 'ke' atau 'cabang' yang menuju ke sana")
    used = [a for a in lane_order if any(s["pelaksana"] == a for s in steps)]
    part = next((p for p in root.iter(f"{{{BPMN}}}participant") if p.get("processRef") == proc.get("id")), None)
    nama = _label(proc) or (_label(part) if part is not None else "") or Path(path).stem
    kode = None
    pdoc = proc.find("bpmn:documentation", ns)
    if pdoc is not None and pdoc.text:
        m = re.search(r"^Kode: *(\S+)", pdoc.text, re.MULTILINE)
        kode = m.group(1) if m else None
    kode = kode or re.sub(r"[^A-Za-z0-9._-]", "_", Path(path).stem) or "IMPOR.01"
    if not re.match(r"[A-Za-z0-9]", kode):
        kode = "K" + kode

    data = CommentedMap()
    data["jenis"] = "peta-lintas-fungsi"
    data["kode"] = kode
    data["nama"] = nama
    data["perangkat_daerah"] = perangkat_daerah
    data["pelaksana"] = CommentedSeq(used)
    data["kegiatan"] = steps
    header = [f"Diimpor dari {Path(path).name} oleh petaproses impor; periksa lalu jalankan petaproses check.",
              "Tambahkan pelaksana berikut ke organisasi.yaml (bagian pelaksana:) bila belum ada:"]
    header += [f"  {a}: {lane_names.get(a, a)}" for a in used]
    data.yaml_set_start_comment("\n".join(header))
    yaml = YAML()
    yaml.width = 110
    yaml.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    yaml.dump(data, buf)
    msgs.append(f"{len(steps)} langkah dan {len(used)} pelaksana diimpor dari {Path(path).name}")
    return buf.getvalue(), msgs


def _short(sid: str, limit: int = 30) -> str:
    """Return the first words of ``sid`` up to ``limit`` characters (whole words, at least one)."""
    words = sid.split("_")
    out = words[0]
    for w in words[1:]:
        if len(out) + 1 + len(w) > limit:
            break
        out += "_" + w
    return out


def _condition_text(flow: etree._Element) -> str | None:
    cond = flow.find(f"{{{BPMN}}}conditionExpression")
    if cond is None or not (cond.text or "").strip():
        return None
    m = re.fullmatch(r"\s*keputusan == (['\"])(.*)\1\s*", cond.text)  # what petaproses writes
    return m.group(2) if m else " ".join(cond.text.split())


def _end_after(nodes: dict, out: dict, gw: str, label: str) -> etree._Element | None:
    for f in out.get(gw, []):
        t = f.get("targetRef")
        if _local(nodes[t]) in ENDS and (_label(f) == label or not _label(f)):
            return nodes[t]
    return None


def _mutu(item: CommentedMap, text: str) -> None:
    """Fill mutu baku from documentation written as 'Kelengkapan: ...' lines; otherwise keep it as keterangan."""
    found = False
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in MUTU and value.strip():
            field = MUTU[key.strip()]
            value = value.strip()
            if field in ("kelengkapan", "output") and "; " in value:
                item[field] = CommentedSeq(value.split("; "))
            else:
                item[field] = value
            found = True
        elif key.strip() == "Pelaksana":
            found = True
    if not found:
        item["keterangan"] = " ".join(text.split())
