"""Measure `petaproses impor` on the BPMN MIWG corpus (real exports of Camunda/bpmn.io, Bizagi, Signavio).

The source side is counted here from the XML, independently of impor: named activities of every kind
(sub-processes and call activities included), actors (named lanes with no named lane inside them, and
named pools without named lanes, black-box pools included).  The result side: named tasks whose name is
a step's uraian, actors whose name is in the pelaksana list impor writes, and whether the file passes
`petaproses check` inside a minimal catalogue whose organisasi.yaml is generated from that list.

    python tests/bpmn_corpus.py [FOLDER]     prints one line per file and the totals per vendor
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

# ../shared beside the repository (a git worktree may sit one level deeper: look further up too)
CORPUS = next((p / "shared" / "corpus" / "bpmn-miwg" for p in Path(__file__).resolve().parents[1].parents
               if (p / "shared" / "corpus" / "bpmn-miwg").is_dir()),
              Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "bpmn-miwg")
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
ACTIVITIES = {"task", "userTask", "manualTask", "serviceTask", "scriptTask", "sendTask", "receiveTask",
              "businessRuleTask", "callActivity", "subProcess", "transaction", "adHocSubProcess"}
VENDORS = {"bpmn.io-camunda-modeler": "Camunda/bpmn.io", "bizagi-modeler": "Bizagi",
           "sap-signavio-process-manager": "Signavio", "reference": "reference"}


def _name(el: etree._Element) -> str:
    from petaproses.impor.mojibake import repaired

    name = " ".join((el.get("name") or "").split())
    return repaired(name) or name  # the name the modeller typed ('klären'), not its mis-encoded bytes ('klÃƒÂ¤ren')


def source_counts(path: Path) -> tuple[list[str], list[str]]:
    """Return (names of the named activities, names of the actors) drawn in the BPMN file ``path``."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    tasks = [_name(el) for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname in ACTIVITIES
             and etree.QName(el).namespace == BPMN and _name(el)]
    actors: list[str] = []
    named_lanes: dict[str, int] = {}
    for proc in root.iter(f"{{{BPMN}}}process"):
        lanes = list(proc.iter(f"{{{BPMN}}}lane"))
        named = [ln for ln in lanes if _name(ln)]
        named_lanes[proc.get("id") or ""] = len(named)
        for lane in named:
            inner = [d for d in lane.iter(f"{{{BPMN}}}lane") if d is not lane and _name(d)]
            if not inner:
                actors.append(_name(lane))
    for part in root.iter(f"{{{BPMN}}}participant"):
        if _name(part) and not named_lanes.get(part.get("processRef") or "", 0):
            actors.append(_name(part))
    return tasks, actors


@dataclass
class Result:
    file: Path
    vendor: str
    tasks: int = 0
    tasks_kept: int = 0
    actors: int = 0
    actors_kept: int = 0
    clean: bool = False
    added: int = 0  # steps nobody modelled, from impor's summary line ('N ditambahkan impor')
    problems: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def pelaksana_of(text: str) -> dict[str, str]:
    """Return the pelaksana impor lists in its header comment: id -> name."""
    found = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = re.fullmatch(r"#   ([a-z][a-z0-9_]*): (.+)", line)
        if m:
            found[m.group(1)] = m.group(2)
    return found


def organisation(pelaksana: dict[str, str]) -> str:
    """Return a minimal organisasi.yaml text defining ``pelaksana`` and one Perangkat Daerah."""
    import json

    lines = ["jenis: organisasi", "nama: Pemerintah Kota Uji", "perangkat_daerah:", "  uji:",
             "    nama: Dinas Uji", "pelaksana:"]
    lines += [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in pelaksana.items()]
    return "\n".join(lines) + "\n"


def measure(path: Path) -> Result:
    from petaproses.build import check
    from petaproses.impor import import_bpmn

    vendor = next((v for k, v in VENDORS.items() if path.parent.name.startswith(k)), path.parent.name)
    tasks, actors = source_counts(path)
    r = Result(path, vendor, len(tasks), 0, len(actors))
    text, r.messages = import_bpmn(path, "uji")
    if text is None:
        r.problems = r.messages
        return r
    m = re.search(r"\((\d+) ditambahkan impor", r.messages[-1])
    r.added = int(m.group(1)) if m else 0
    pelaksana = pelaksana_of(text)
    with tempfile.TemporaryDirectory() as tmp:
        org = Path(tmp) / "organisasi.yaml"
        org.write_text(organisation(pelaksana), encoding="utf-8")
        target = Path(tmp) / "impor.yaml"
        target.write_text(text, encoding="utf-8")
        cat, problems = check([str(org), str(target)])
        r.problems = [p.format() for p in problems if p.is_error]
        r.clean = not r.problems
        doc = next((d for d in cat.maps if d.path == str(target)), None)
    uraian: Counter = Counter()
    for k in doc.kegiatan if doc is not None else []:
        uraian[" ".join(k.uraian.split())] += len(k.actors)  # a chain or joint step holds one task per actor
    for name in tasks:
        if uraian[name] > 0:
            uraian[name] -= 1
            r.tasks_kept += 1
    names = list(pelaksana.values())
    r.actors_kept = sum(1 for a in actors if any(n == a or n.startswith(a + " (") for n in names))
    return r


def corpus_files(folder: Path = CORPUS) -> list[Path]:
    return sorted(folder.glob("*/*.bpmn"))


def report(results: list[Result]) -> str:
    lines = []
    groups: dict[str, list[Result]] = {}
    for r in results:
        groups.setdefault(r.vendor, []).append(r)
    for vendor, rs in list(groups.items()) + [("semua", results)]:
        t, tk = sum(r.tasks for r in rs), sum(r.tasks_kept for r in rs)
        a, ak = sum(r.actors for r in rs), sum(r.actors_kept for r in rs)
        c = sum(r.clean for r in rs)
        lines.append(f"{vendor:16} tasks {tk}/{t} ({100 * tk / max(t, 1):.1f}%)  actors {ak}/{a} "
                     f"({100 * ak / max(a, 1):.1f}%)  check clean {c}/{len(rs)} ({100 * c / max(len(rs), 1):.0f}%)  "
                     f"added steps {sum(r.added for r in rs)}")
    return "\n".join(lines)


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    results = [measure(f) for f in corpus_files(folder)]
    for r in results:
        flag = "ok " if r.clean else "ERR"
        print(f"{flag} {r.file.parent.name[:14]:14} {r.file.name:24} tasks {r.tasks_kept}/{r.tasks} "
              f"actors {r.actors_kept}/{r.actors} added {r.added}  "
              f"{'; '.join(p.split(': ', 1)[-1][:90] for p in r.problems[:2])}")
    print(report(results))
