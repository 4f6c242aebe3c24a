"""`petaproses impor` stays linear: generated graphs of 10,000 tasks and the shapes of issue 17 §5.

The goal (10,000 tasks in <= 5 s on 2 cores) is measured by bench/bench_impor.py (~1.8 s there); the bounds
here are four times looser so that a slow CI machine passes while the old exponential or quadratic walks
(23 s for 20 gateway layers, > 120 s for 5,000 equal names, RecursionError for 5,000 chained events) fail.
"""

from __future__ import annotations

import sys
import time

from petaproses.build import check
from petaproses.flow import build_flow
from petaproses.impor import MAX_NODES, import_bpmn
from petaproses.load import load_document

from .bpmn_corpus import organisation, pelaksana_of
from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from synth_bpmn import big_map, diamonds, event_chain, nested_sub_processes, same_names  # noqa: E402

BOUND = 20.0  # seconds; see the module docstring


def _run(tmp_path, data: bytes, name: str = "besar.bpmn"):
    path = tmp_path / name
    path.write_bytes(data)
    start = time.perf_counter()
    text, messages = import_bpmn(path, "uji")
    return text, messages, time.perf_counter() - start


def test_ten_thousand_tasks_import_and_check_clean(tmp_path):
    text, messages, took = _run(tmp_path, big_map(10_000))
    assert took < BOUND, f"{took:.1f} s"
    assert messages[-1].endswith("tugas dipertahankan 10000/10000, pelaksana 6/6; 0 unsur tidak dibawa")
    org = tmp_path / "organisasi.yaml"
    org.write_text(organisation(pelaksana_of(text)), encoding="utf-8")
    target = tmp_path / "impor.yaml"
    target.write_text(text, encoding="utf-8")
    _, problems = check([str(org), str(target)])
    # every rule runs on it; the only error is the step limit (rules/too_many_steps.py: build refuses it)
    assert [p.code for p in problems if p.is_error] == ["too-many-steps"], [p.format() for p in problems][:3]
    doc, _ = load_document("impor.yaml", text.encode("utf-8"))
    flow = build_flow(doc.kegiatan)
    by_name = {n.item.uraian: n for n in flow.nodes}
    loop = by_name["Memeriksa berkas nomor 20"]  # its decision goes back three tasks
    assert dict(loop.item.cabang) == {"Tidak": by_name["Memeriksa berkas nomor 17"].id,
                                      "Ya": by_name["Memeriksa berkas nomor 21"].id}
    split = by_name["Memeriksa berkas nomor 25"]  # a parallel split: ke [26, 27], and both meet at 28
    assert [by_name[f"Memeriksa berkas nomor {k}"].id for k in (26, 27)] == list(split.item.ke)
    assert len(flow.into[by_name["Memeriksa berkas nomor 28"].id]) == 2


def test_twenty_layers_of_parallel_gateways_are_linear(tmp_path):
    text, messages, took = _run(tmp_path, diamonds(20))
    assert took < 2, f"{took:.1f} s"  # 2**20 paths: the old walk took 23 s and 692 MB
    doc, _ = load_document("impor.yaml", text.encode("utf-8"))
    assert [(k.uraian, k.ke, k.selesai) for k in doc.kegiatan] == [("Menerima", None, False),
                                                                   ("Menyelesaikan", None, False)]


def test_five_thousand_equal_names_get_unique_ids_quickly(tmp_path):
    text, messages, took = _run(tmp_path, same_names(5000))
    assert took < BOUND, f"{took:.1f} s"
    doc, _ = load_document("impor.yaml", text.encode("utf-8"))
    ids = [k.id for k in doc.kegiatan]
    assert len(ids) == len(set(ids)) == 5000 and ids[:3] == ["memeriksa_berkas", "memeriksa_berkas_2",
                                                             "memeriksa_berkas_3"]


def test_five_thousand_chained_events_need_no_recursion(tmp_path):
    assert sys.getrecursionlimit() < 5000
    text, _, took = _run(tmp_path, event_chain(5000))
    assert took < BOUND and "uraian: Menerima\n" in text and "uraian: Menyelesaikan\n" in text
    text, _, took = _run(tmp_path, event_chain(5000, named=True))
    assert took < BOUND and text.count("uraian: Peristiwa ") == 5000


def test_nested_sub_processes_flatten_and_too_deep_xml_is_refused(tmp_path):
    text, _, _ = _run(tmp_path, nested_sub_processes(200))
    doc, _ = load_document("impor.yaml", text.encode("utf-8"))
    assert [k.uraian for k in doc.kegiatan][:4] == ["Tingkat 0", "Tugas 0", "Tingkat 1", "Tugas 1"]
    text, messages, _ = _run(tmp_path, nested_sub_processes(400), "dalam.bpmn")
    assert text is None and "bersarang terlalu dalam" in messages[0] and "dalam.bpmn:3:" in messages[0]


def test_more_flow_nodes_than_the_limit_are_refused(tmp_path):
    text, messages, took = _run(tmp_path, same_names(MAX_NODES + 10))
    assert text is None and took < BOUND
    assert messages == [f"{tmp_path / 'besar.bpmn'}: berkas memuat lebih dari 50.000 unsur alur (tugas, gerbang, "
                        "peristiwa); peta sebesar itu sebaiknya dibagi menjadi beberapa peta"]
