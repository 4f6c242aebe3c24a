"""`petaproses impor`: BPMN with lanes -> peta-lintas-fungsi YAML; round trip on the sample catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from petaproses.impor import import_bpmn, shapes, slug
from petaproses.build import check
from petaproses.cli import main
from petaproses.flow import build_flow
from petaproses.load import load_document
from petaproses.render import bpmn

from petaproses.rules.empty_identity import PARTS as EMPTY_PARTS

from .conftest import FIXTURES, PROCESSES

BPMN_FIX = FIXTURES / "bpmn"


def _load(text: str):
    doc, problems = load_document("impor.yaml", text.encode("utf-8"))
    assert doc is not None, [p.format() for p in problems]
    return doc


def _shape(doc) -> tuple:
    flow = build_flow(doc.kegiatan)
    steps = [(n.id, n.item.uraian, n.item.pelaksana, n.item.bersama, n.item.kelengkapan, n.item.waktu,
              n.item.output, n.item.keterangan) for n in flow.nodes]
    edges = sorted((e.source, e.target, e.label) for e in flow.edges)
    return steps, edges, [n.id for n in flow.ends]


def _own(cat, doc) -> dict:
    """What a map prints of its own fields (an id and the text it stands for print alike; dates as written)."""
    from petaproses.aplikasi import peralatan
    from petaproses.register import ordered_texts, written_order

    out = {k: getattr(doc, k, None) for k in ("unit", "induk", "deskripsi", "satuan_waktu", "nomor", "pengesah",
                                               "pemeriksa", "tanda_tangan", "tujuan", "ruang_lingkup", "definisi",
                                               "kualifikasi_pelaksana", "keterkaitan", "peringatan", "pencatatan",
                                               "jumlah_waktu", "catatan")}
    if doc.jenis == "sop":
        out["tanggal"] = [getattr(d, "written", None) or (d.isoformat() if d else None) for d in
                          (doc.tanggal.pembuatan, doc.tanggal.revisi, doc.tanggal.efektif)] + [doc.tanggal.revisi_ke]
        out["dasar_hukum"] = ordered_texts(cat.peraturan, list(doc.dasar_hukum), written_order(cat, doc))
        out["peralatan"] = peralatan(cat, doc)
        out["written"] = sorted(k for k in EMPTY_PARTS if k in doc.model_fields_set)  # empty on purpose too
    out["kegiatan"] = [(s.uraian, s.actors, s.bersama, s.tugas, s.kelengkapan, s.waktu, s.output, s.keterangan,
                        s.aplikasi, s.rincian) for s in doc.kegiatan]
    return out


def _cross_functional(*catalogues):
    """Return (catalogue, map) for every cross-functional map and SOP of ``catalogues``."""
    return [(cat, d) for cat in catalogues for d in cat.maps if d.jenis in ("sop", "peta-lintas-fungsi")]


def test_round_trip_keeps_steps_lanes_branches_and_labels(catalogue, nyata_catalogue, tmp_path):
    """Export -> impor gives the same steps, also for chains, joint activities and branches to `selesai`."""
    docs = _cross_functional(catalogue, nyata_catalogue)
    assert len(docs) >= 18
    for catalogue, doc in docs:
        path = tmp_path / f"{doc.kode}.bpmn"
        path.write_bytes(bpmn.render(catalogue, doc)[f"{doc.kode}.bpmn"])
        text, messages = import_bpmn(path, doc.perangkat_daerah, Path(doc.path).parent / "impor.yaml")
        assert text is not None, messages
        back = _load(text)
        assert back.jenis == doc.jenis and back.kode == doc.kode and back.nama == doc.nama
        assert _own(catalogue, back) == _own(catalogue, doc), doc.kode
        assert list(back.pelaksana) == catalogue.lanes(doc), doc.kode
        assert _shape(back) == _shape(doc), doc.kode
        assert any(d.cabang for d in doc.kegiatan) <= any(b.cabang for b in back.kegiatan)
        assert len(back.kegiatan) == len(doc.kegiatan), doc.kode  # no added step (a branch to selesai stays one)


def test_round_trip_through_the_bpmn_js_modeler(catalogue, nyata_catalogue, tmp_path):
    """Issue 11 item 6: export -> load and save in bpmn-js (Modeler.saveXML) -> impor gives the same map."""
    import json
    import subprocess

    from .conftest import ROOT, require

    node = require("node")
    require("chromium")
    tools = ROOT / "tools"
    if not (tools / "node_modules" / "bpmn-js").is_dir():
        pytest.skip("npm ci has not been run in tools/")
    pairs = _cross_functional(catalogue, nyata_catalogue)
    docs = [d for _, d in pairs]
    lanes = {d.kode: cat.lanes(d) for cat, d in pairs}
    cats = {d.kode: cat for cat, d in pairs}
    exported = tmp_path / "ekspor"
    exported.mkdir()
    for cat, doc in pairs:
        (exported / f"{doc.kode}.bpmn").write_bytes(bpmn.render(cat, doc)[f"{doc.kode}.bpmn"])
    saved = tmp_path / "bpmn-js"
    saved.mkdir()
    run = subprocess.run([node, str(tools / "roundtrip-bpmn.mjs"), str(saved),
                          *(str(exported / f"{d.kode}.bpmn") for d in docs)], capture_output=True, text=True,
                         timeout=300)
    reports = [json.loads(line) for line in run.stdout.splitlines()]
    assert run.returncode == 0 and len(reports) == len(docs), run.stdout + run.stderr
    assert not [r for r in reports if r["warnings"]]
    for doc in docs:
        path = saved / f"{doc.kode}.bpmn"
        xml = path.read_text(encoding="utf-8")
        assert xml != (exported / f"{doc.kode}.bpmn").read_text(encoding="utf-8")  # really written by bpmn-js
        # Camunda Modeler stamps itself as the exporter when it saves: impor must not depend on ours
        path.write_text(xml.replace('exporter="petaproses"', 'exporter="Camunda Modeler"'), encoding="utf-8")
        text, messages = import_bpmn(path, doc.perangkat_daerah, Path(doc.path).parent / "impor.yaml")
        back = _load(text)
        assert (back.kode, back.nama) == (doc.kode, doc.nama)
        assert _own(cats[doc.kode], back) == _own(cats[doc.kode], doc), doc.kode
        assert list(back.pelaksana) == lanes[doc.kode], doc.kode
        assert _shape(back) == _shape(doc), doc.kode
        assert [b.cabang for b in back.kegiatan] == [d.cabang for d in doc.kegiatan], doc.kode
        assert messages[-1].endswith("0 unsur tidak dibawa"), messages


def test_imported_file_passes_check_with_the_organisation(catalogue, tmp_path):
    doc = max((d for d in catalogue.maps if d.jenis == "sop"), key=lambda d: len(d.kegiatan))
    src = tmp_path / "in.bpmn"
    src.write_bytes(bpmn.render(catalogue, doc)[f"{doc.kode}.bpmn"])
    text, _ = import_bpmn(src, doc.perangkat_daerah, PROCESSES / "impor.yaml")  # into that catalogue
    assert text.startswith("# Diimpor") and "jenis: sop" in text and "Tidak ada di katalog tujuan" not in text
    target = tmp_path / "impor.yaml"
    target.write_text(text.replace(f"kode: {doc.kode}", "kode: IMPOR.UJI.01"), encoding="utf-8")
    _, problems = check([str(PROCESSES / "organisasi.yaml"), str(PROCESSES / "aplikasi.yaml"), str(target)])
    assert not [p.format() for p in problems if p.is_error]


def test_names_the_target_catalogue_does_not_know_are_written_as_new_ids_and_said(catalogue, tmp_path):
    """Review P item 2: an SOP imported outside any catalogue keeps its signer and applications, as ids made of
    their names, listed at the top of the file and in the messages: never silently dropped."""
    doc = catalogue.by_code["DISKOMINFO.SOP.05"]
    src = tmp_path / "in.bpmn"
    src.write_bytes(bpmn.render(catalogue, doc)[f"{doc.kode}.bpmn"])
    text, messages = import_bpmn(src, doc.perangkat_daerah, tmp_path / "impor.yaml")
    back = _load(text)
    signer = "kepala_dinas_komunikasi_dan_informatika_kota_padang_panjang"
    assert back.jenis == "sop" and back.nomor == doc.nomor and back.disahkan_oleh == signer
    assert f"#   pejabat {signer}: Kepala Dinas Komunikasi" in text
    assert any("tidak ada di katalog tujuan" in m for m in messages)
    assert any("tambahkan ke register aplikasi" in m for m in messages) and any(s.aplikasi for s in back.kegiatan)


def test_camunda_export_with_lanes(tmp_path):
    text, messages = import_bpmn(BPMN_FIX / "camunda-lanes.bpmn", "setda")
    assert text is not None
    assert text.startswith("# Diimpor dari camunda-lanes.bpmn")
    assert "#   kepala_seksi_pelayanan: Kepala Seksi Pelayanan" in text
    doc = _load(text)
    assert list(doc.pelaksana) == ["staf_administrasi", "kepala_seksi_pelayanan", "kepala_dinas"]
    steps = [(s.id, s.pelaksana) for s in doc.kegiatan]
    assert steps[:2] == [("menerima_berkas_permohonan", "staf_administrasi"),
                         ("memeriksa_kelengkapan_berkas", "kepala_seksi_pelayanan")]
    assert ("menandatangani_surat", "kepala_dinas") in steps
    decision = doc.kegiatan[1]
    # the end event 'Berkas dikembalikan' ends the branch (`selesai`): no closing step is added, its name is said
    assert decision.keterangan == ("Periksa KTP dan surat pengantar RT/RW; Keputusan: Berkas lengkap?; Cabang "
                                   "'Tidak' berakhir di peristiwa akhir 'Berkas dikembalikan'")
    assert decision.cabang == {"Ya": "menandatangani_surat", "Tidak": "selesai"}
    assert not any(s.uraian.startswith("Mengakhiri proses") for s in doc.kegiatan)


def test_bpmn_without_di_is_imported_in_flow_order():
    text, messages = import_bpmn(BPMN_FIX / "no-di.bpmn", "setda")
    assert text is not None
    assert any("tidak memuat diagram (BPMNDI)" in m for m in messages)
    assert [s.id for s in _load(text).kegiatan][:3] == [
        "menerima_berkas_permohonan", "memeriksa_kelengkapan_berkas", "menandatangani_surat"]


def test_parallel_gateways_timer_and_message_to_a_black_box_pool():
    """Issue 11: what used to be skipped (parallel split/join, timer, message flow) is now carried over."""
    text, messages = import_bpmn(BPMN_FIX / "parallel-message.bpmn", "setda")
    doc = _load(text)
    assert [s.uraian for s in doc.kegiatan] == [
        "Memulai proses", "Memverifikasi aspek teknis", "Memverifikasi aspek administrasi", "Tunggu 3 hari",
        "Mengirim pemberitahuan", "Menerima pemberitahuan"]
    flow = build_flow(doc.kegiatan)
    name = {n.id: n.item.uraian for n in flow.nodes}
    assert sorted((name[e.source], name[e.target]) for e in flow.edges) == sorted([
        ("Memulai proses", "Memverifikasi aspek teknis"), ("Memulai proses", "Memverifikasi aspek administrasi"),
        ("Memverifikasi aspek teknis", "Tunggu 3 hari"), ("Memverifikasi aspek administrasi", "Tunggu 3 hari"),
        ("Tunggu 3 hari", "Mengirim pemberitahuan"), ("Mengirim pemberitahuan", "Menerima pemberitahuan")])
    assert doc.kegiatan[-1].pelaksana == "warga"
    assert messages[-1].endswith("tugas dipertahankan 3/3, pelaksana 3/3; 0 unsur tidak dibawa")


@pytest.mark.parametrize("name, expected", [
    ("malformed.bpmn", ("malformed.bpmn:5:18: bukan XML yang sah: tag penutup </process> tidak cocok dengan tag "
                        "pembuka <task> di baris 4")),
    ("not-bpmn.xml", "bukan berkas BPMN 2.0: elemen akarnya <laporan>"),
])
def test_bad_files_give_a_message_not_a_traceback(name, expected):
    text, messages = import_bpmn(BPMN_FIX / name, "setda")
    assert text is None and len(messages) == 1 and expected in messages[0]


def test_missing_file_and_cli(tmp_path, capsys):
    text, messages = import_bpmn(tmp_path / "tidak-ada.bpmn", "setda")
    assert text is None and messages == [f"{tmp_path / 'tidak-ada.bpmn'}: berkas tidak ditemukan"]
    assert main(["impor", str(BPMN_FIX / "malformed.bpmn")]) == 1
    assert "bukan XML yang sah" in capsys.readouterr().err
    out = tmp_path / "hasil.yaml"
    assert main(["impor", str(BPMN_FIX / "camunda-lanes.bpmn"), "-o", str(out), "--perangkat-daerah", "setda"]) == 0
    assert _load(out.read_text(encoding="utf-8")).perangkat_daerah == "setda"


def test_an_import_into_a_catalogue_takes_its_department_from_the_folder_as_new_does(tmp_path):
    """Review U: `impor -o katalog/disdukcapil/x.yaml` wrote `perangkat_daerah: ganti_perangkat_daerah`, where
    `new` finds the department from the folder; outside any catalogue the placeholder stays."""
    import shutil

    shutil.copytree(PROCESSES, tmp_path / "cat")
    out = tmp_path / "cat" / "dpmptsp" / "impor.yaml"
    assert main(["impor", str(BPMN_FIX / "camunda-lanes.bpmn"), "-o", str(out)]) == 0
    assert _load(out.read_text(encoding="utf-8")).perangkat_daerah == "dpmptsp"
    alone = tmp_path / "lepas" / "impor.yaml"
    assert main(["impor", str(BPMN_FIX / "camunda-lanes.bpmn"), "-o", str(alone)]) == 0
    assert _load(alone.read_text(encoding="utf-8")).perangkat_daerah == "ganti_perangkat_daerah"


def test_slug():
    assert slug("Kepala Sub Bagian Umum & Kepegawaian") == "kepala_sub_bagian_umum_kepegawaian"
    assert slug("Pétugas 1") == "petugas_1"
    assert slug("123 Loket") == "pelaksana_123_loket"
    assert slug("!!!") == "pelaksana"
    # a step named in another script is a "langkah", not a "pelaksana" (review round 4: step ids pelaksana_2 ...
    # beside actor ids pelaksana_2 ... naming other things)
    assert slug("Регистрация", "langkah") == "langkah" and slug("18-К-ИБ2", "langkah") == "langkah_18_2"


def test_no_traceback_on_empty_process(tmp_path):
    path = tmp_path / "kosong.bpmn"
    path.write_text('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" '
                    'targetNamespace="x"><bpmn:process id="p"/></bpmn:definitions>', encoding="utf-8")
    text, messages = import_bpmn(Path(path), "setda")
    assert text is None and "tidak ada proses berisi aktivitas" in messages[0]


def _cli_err(capsys, *argv) -> str:
    assert main(["impor", *argv]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Error" not in err
    return err


def test_garbage_file_gives_location_and_indonesian_message(tmp_path, capsys):
    path = tmp_path / "g.bpmn"
    path.write_bytes(b"ini bukan xml sama sekali\n")
    text, messages = import_bpmn(path, "setda")
    assert text is None
    assert messages == [f"{path}:1:1: bukan XML yang sah: tag pembuka tidak ditemukan (isi berkas tidak diawali '<')"]
    err = _cli_err(capsys, str(path), "-o", str(tmp_path / "o.yaml"))
    assert f"{path}:1:1: bukan XML yang sah" in err and "Start tag" not in err


@pytest.mark.parametrize("content, expected", [
    (b"", "g.bpmn:1:1: bukan XML yang sah: berkas kosong"),
    (b"<a>\n<b>\n</a>", "g.bpmn:3:5: bukan XML yang sah: tag penutup </a> tidak cocok dengan tag pembuka <b> di baris 2"),
    (b"<a x='1' x='2'/>", "bukan XML yang sah: atribut 'x' ditulis dua kali"),
    (b"<a>&</a>", "bukan XML yang sah: tanda '&' harus ditulis sebagai &amp;"),
    (b"<a>\xff</a>", "bukan XML yang sah: byte tidak sah untuk penyandian (encoding) berkas"),
    (b"<a/><b/>", "bukan XML yang sah: ada isi tambahan sesudah elemen akar ditutup"),
    (b"<bpmn:definitions/>", "awalan namespace 'bpmn' belum dideklarasikan"),
])
def test_common_xml_errors_are_translated(tmp_path, content, expected):
    path = tmp_path / "g.bpmn"
    path.write_bytes(content)
    text, messages = import_bpmn(path, "setda")
    assert text is None and len(messages) == 1 and expected in messages[0], messages
    assert messages[0].startswith(f"{path}:")
    assert "line" not in messages[0] and "column" not in messages[0]


def test_missing_file_message(tmp_path, capsys):
    path = tmp_path / "nonexist.bpmn"
    assert main(["impor", str(path), "-o", str(tmp_path / "o.yaml")]) == 2  # a missing named file: usage (README)
    err = capsys.readouterr().err
    assert f"{path}: berkas tidak ditemukan" in err and "No such file" not in err and "Traceback" not in err


def test_directory_message(tmp_path, capsys):
    folder = tmp_path / "folder"
    folder.mkdir()
    text, messages = import_bpmn(folder, "setda")
    assert text is None and messages == [f"{folder}: adalah folder, bukan berkas"]
    err = _cli_err(capsys, str(folder), "-o", str(tmp_path / "o.yaml"))
    assert f"{folder}: adalah folder, bukan berkas" in err and "Is a directory" not in err


def test_unreadable_file_message(tmp_path, monkeypatch):
    from petaproses.impor import reading

    path = tmp_path / "rahasia.bpmn"
    path.write_bytes(b"<a/>")

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(reading, "open", deny, raising=False)  # root reads any file: fake the refusal
    text, messages = import_bpmn(path, "setda")
    assert text is None and messages == [f"{path}: berkas tidak dapat dibaca: izin ditolak"]


DANGLING = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <bpmn:process id="P" name="Proses Uji">
    <bpmn:startEvent id="S"/>
    <bpmn:task id="A" name="Menerima berkas"/>
    <bpmn:task id="B" name="Memeriksa berkas"/>
    <bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="A"/>
    <bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="B"/>
    <bpmn:sequenceFlow id="f3" sourceRef="B" targetRef="Hilang"/>
    <bpmn:sequenceFlow id="f4" sourceRef="Entah" targetRef="E"/>
    <bpmn:sequenceFlow id="f5" sourceRef="B" targetRef="E"/>
  </bpmn:process>
</bpmn:definitions>
"""


def test_dangling_sequence_flow_is_reported(tmp_path, capsys):
    path = tmp_path / "putus.bpmn"
    path.write_text(DANGLING, encoding="utf-8")
    text, messages = import_bpmn(path, "setda")
    assert text is not None
    assert (f"{path}: tidak dibawa: alur tanpa nama (id f3): menuju 'Hilang', yang bukan unsur alur di berkas ini"
            in messages)
    assert (f"{path}: tidak dibawa: alur tanpa nama (id f4): berasal dari 'Entah', yang bukan unsur alur di "
            "berkas ini" in messages)
    assert all(m.startswith(f"{path}: ") for m in messages), messages
    assert [s.uraian for s in _load(text).kegiatan] == ["Menerima berkas", "Memeriksa berkas"]
    out = tmp_path / "putus.yaml"
    assert main(["impor", str(path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "alur tanpa nama (id f3): menuju 'Hilang'" in err and "Traceback" not in err


def test_every_message_starts_with_the_file_path():
    path = BPMN_FIX / "parallel-message.bpmn"
    text, messages = import_bpmn(path, "setda")
    assert text is not None and messages
    assert all(m.startswith(f"{path}: ") for m in messages), messages


def test_every_scalar_impor_writes_reads_back_identically():
    """impor writes its YAML itself (fast and in house style): every text must load back unchanged."""
    import random

    import yaml

    from petaproses.impor.writing import scalar

    rng = random.Random(17)
    alphabet = list("aZ09 _-:#'\"\\,.[]{}&*!|>%@`?/=~^$;<()\t\n\r") + ["é", "ñ", "ü", "\u00a0", "\u2028", "\x85",
                                                                       "\x07", "\x1b", "\ufeff", "😀", "中"]
    samples = ["yes", "No", "on", "null", "~", "1.0", "0x1F", "2024-01-01", "12:30", "- a", "a: b", "a #b", " a",
               "a ", "", "Ya", "Tidak lengkap", "Memutuskan: Lengkap?", "@x", "`x", "%x", "!x", "&x", "*x", "|", ">"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(4000)]
    for text in samples:
        assert yaml.safe_load(f"k: {scalar(text)}\n") == {"k": text}, repr(text)
        assert yaml.safe_load(f"{scalar(text)}: v\n") == {text: "v"}, repr(text)
    assert scalar("Memeriksa berkas (KTP, KK)") == "Memeriksa berkas (KTP, KK)"  # plain where it can be


def _publik(name: str):
    cat, problems = check([str(FIXTURES / "publik" / name)])
    assert not [p for p in problems if p.is_error]
    return cat


def _exported(cat, doc, tmp_path, target=None):
    path = tmp_path / f"{doc.kode}.bpmn"
    path.write_bytes(bpmn.render(cat, doc)[f"{doc.kode}.bpmn"])
    text, messages = import_bpmn(path, doc.perangkat_daerah, target)
    assert text is not None, messages
    return _load(text), messages


def test_two_rows_with_one_text_come_back_as_two_rows(tmp_path):
    """Review P item 1: PA.KEPEG.01 steps 3 and 4 share their text (atasan, then pansek): 10 steps come back,
    the fourth with its own pelaksana and output, nothing of it in keterangan."""
    cat = _publik("pacuti")
    doc = cat.by_code["PA.KEPEG.01"]
    back, messages = _exported(cat, doc, tmp_path)
    assert len(back.kegiatan) == len(doc.kegiatan) == 10
    for src, got in zip(doc.kegiatan, back.kegiatan):
        assert (got.uraian, got.pelaksana, got.output, got.keterangan) == (
            src.uraian, src.pelaksana, src.output, src.keterangan)


@pytest.mark.parametrize("name", ["medan", "dpmptsp_imb", "pacuti", "bkn_gaji", "bandung", "cilacap_hukum",
                                  "dishub_timbang"])
def test_an_sop_comes_back_as_written(name, tmp_path):
    """Review P item 2: a petaproses export read back into its catalogue is the SOP again: its identity (with the
    ids of its signers, applications, unit and regulations), each step's mutu baku, aplikasi and rincian, an
    uraian of several lines, a text with '; ' (not a list), a bare-number time with the map's satuan_waktu, a
    lane without a step."""
    cat = _publik(name)
    for doc in (d for d in cat.maps if d.jenis == "sop"):
        path = tmp_path / f"{doc.kode}.bpmn"
        path.write_bytes(bpmn.render(cat, doc)[f"{doc.kode}.bpmn"])
        text, messages = import_bpmn(path, doc.perangkat_daerah, Path(doc.path).parent / "impor.yaml")
        back = _load(text)
        assert back.jenis == "sop" and _own(cat, back) == _own(cat, doc), doc.kode
        assert back.pelaksana == cat.lanes(doc)  # also a column without a step (bandung's PPID)
        assert messages[-1].endswith("; 0 unsur tidak dibawa"), messages


def test_level1_and_sub_process_maps_come_back_as_their_kind(catalogue, tmp_path):
    """Review P item 2: a level-1 map comes back with its categories, codes, rincian, stakeholders and labelled
    arcs, a sub-process map with its codes and rincian, each as its own jenis, nothing said to be dropped."""
    keys = {"peta-level-1": ("pemangku_kepentingan", "proses", "alur"), "peta-sub-proses": ("sub_proses",)}
    docs = [d for d in catalogue.maps if d.jenis in keys]
    assert {d.jenis for d in docs} == set(keys)
    for doc in docs:
        back, messages = _exported(catalogue, doc, tmp_path, Path(doc.path).parent / "impor.yaml")
        assert (back.jenis, back.kode, back.nama, back.unit, back.induk, back.deskripsi) == (
            doc.jenis, doc.kode, doc.nama, doc.unit, doc.induk, doc.deskripsi)
        for key in keys[doc.jenis]:
            assert getattr(back, key) == getattr(doc, key), (doc.kode, key)
        assert messages[-1].endswith("; 0 unsur tidak dibawa") and not any("Memulai" in m for m in messages)


def test_a_sub_process_map_edited_past_its_kind_is_written_as_a_cross_functional_map(catalogue, tmp_path):
    doc = next(d for d in catalogue.maps if d.jenis == "peta-sub-proses")
    xml = bpmn.render(catalogue, doc)[f"{doc.kode}.bpmn"].decode()
    head, task, rest = xml.partition("<bpmn:task ")  # the first process's documentation, not the map's
    xml = head + task + rest.replace(">Kode: ", ">Keterangan: ditambahkan di modeler\nKode: ", 1)
    path = tmp_path / "sp.bpmn"
    path.write_text(xml, encoding="utf-8")
    text, messages = import_bpmn(path, doc.perangkat_daerah)
    back = _load(text)
    assert back.jenis == "peta-lintas-fungsi" and "ditambahkan di modeler" in back.kegiatan[0].keterangan
    assert any("ekspor peta-sub-proses, tetapi isinya tidak muat" in m for m in messages)


def test_a_long_chain_text_stands_in_its_first_task_and_comes_back_whole(tmp_path):
    """Review P item 3: the later tasks of a chain whose text is over 80 characters read "lanjutan (2/3)", as in
    the swimlane map; impor joins the numbered tasks back into one chain step with the whole text.  (The name
    is given by bpmn_text.chain_name; layout/bpmn_graph.py calls it once its owner applies it.)"""
    from petaproses.layout import bpmn_text, swimlane

    assert bpmn_text.CHAIN_REPEAT == swimlane.CHAIN_REPEAT and bpmn_text.FOLLOW == shapes.FOLLOW
    text = "Memeriksa, memaraf dan meneruskan konsep keputusan beserta seluruh lampirannya secara berjenjang"
    assert [bpmn_text.chain_name(text, k, 3) for k in range(3)] == [f"{text} (1/3)", "lanjutan (2/3)", "lanjutan (3/3)"]
    assert bpmn_text.chain_name("Memaraf konsep", 1, 2) == "Memaraf konsep (2/2)"
    assert bpmn_text.chain_name(text, 0, 1) == text
    assert bpmn_text.chain_name(text, 1, 3, "Paraf") == "Paraf (2/3)"
    cat, _ = check([str(FIXTURES / "silang")])
    docs = [d for d in cat.maps if any(len(s.actors) > 1 and not s.bersama and len(s.uraian) > 80 for s in d.kegiatan)]
    assert docs
    for doc in docs:
        xml = bpmn.render(cat, doc)[f"{doc.kode}.bpmn"].decode()
        for s in doc.kegiatan:  # as the export will write it: later tasks of a long chain renamed
            if len(s.actors) > 1 and not s.bersama:
                n = len(s.actors)
                for k in range(1, n):
                    xml = xml.replace(f'name="{_attr(s.uraian)} ({k + 1}/{n})"',
                                      f'name="{_attr(bpmn_text.chain_name(s.uraian, k, n))}"')
        assert 'name="lanjutan (2/' in xml
        path = tmp_path / f"{doc.kode}.bpmn"
        path.write_text(xml, encoding="utf-8")
        text_, messages = import_bpmn(path, doc.perangkat_daerah, Path(doc.path).parent / "impor.yaml")
        back = _load(text_)
        assert _own(cat, back) == _own(cat, doc), doc.kode


def _attr(text: str) -> str:
    from xml.sax.saxutils import quoteattr

    return quoteattr(text)[1:-1].replace("\n", "&#10;")
