"""`petaproses impor`: how each BPMN construct a modeller draws maps to the steps of a peta-lintas-fungsi."""

from __future__ import annotations

from petaproses.impor import import_bpmn

from .bpmn_text import Imported, document, lane, nodes, process, seq

END_ = "Mengakhiri proses"


def test_parallel_split_and_join_become_a_ke_list_and_a_meeting_step(tmp_path):
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Menerima berkas", F="parallelGateway", B="task:Memeriksa teknis",
              C="task:Memeriksa administrasi", J="parallelGateway", D="task:Menetapkan", E="endEvent")
        + seq("S>A", "A>F", "F>B", "F>C", "B>J", "C>J", "J>D", "D>E"))))
    assert r.order()[0] == "Menerima berkas" and len(r.order()) == 4  # no step for either gateway
    assert r.edges() == {("Menerima berkas", "Memeriksa teknis", None), ("Menerima berkas", "Memeriksa administrasi", None),
                         ("Memeriksa teknis", "Menetapkan", None), ("Memeriksa administrasi", "Menetapkan", None)}
    assert isinstance(r.step("Menerima berkas").ke, list)  # written as ke: [a, b]: a parallel split
    assert [n.item.uraian for n in r.flow.ends] == ["Menetapkan"]


def test_a_parallel_split_right_after_the_start_gets_a_first_step(tmp_path):
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", F="parallelGateway", A="task:Menyusun anggaran", B="task:Menyusun jadwal",
              J="parallelGateway", C="task:Mengesahkan") + seq("S>F", "F>A", "F>B", "A>J", "B>J", "J>C"))))
    assert r.order()[0] == "Memulai proses"
    assert {e for e in r.edges() if e[0] == "Memulai proses"} == {
        ("Memulai proses", "Menyusun anggaran", None), ("Memulai proses", "Menyusun jadwal", None)}
    assert "beberapa langkah" in r.step("Memulai proses").keterangan


def test_exclusive_gateway_after_a_task_is_its_cabang_default_flow_is_lainnya(tmp_path):
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Memeriksa berkas", G="exclusiveGateway:Berkas lengkap?",
              B="task:Meneruskan berkas", C="task:Mengembalikan berkas", E1="endEvent", E2="endEvent")
        .replace('<bpmn:exclusiveGateway id="G"', '<bpmn:exclusiveGateway id="G" default="f4_G_C"')
        + seq("S>A", "A>G", "G>B:Ya", "G>C", "B>E1", "C>E2"))))
    a = r.step("Memeriksa berkas")
    assert dict(a.cabang) == {"Ya": r.by_text["Meneruskan berkas"].id, "Lainnya": r.by_text["Mengembalikan berkas"].id}
    assert "Keputusan: Berkas lengkap?" in a.keterangan
    assert not any(u.startswith("Memutuskan") for u in r.order())


def test_a_decision_after_a_join_is_a_step_of_its_own(tmp_path):
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Menerima", G1="exclusiveGateway", B="task:Jalur cepat", C="task:Jalur biasa",
              M="exclusiveGateway", G2="exclusiveGateway:Disetujui?", D="task:Menerbitkan", X="task:Menolak")
        + seq("S>A", "A>G1:Cepat", "G1>B:Cepat", "G1>C:Biasa", "B>M", "C>M", "M>G2", "G2>D:Ya", "G2>X:Tidak"))))
    assert "Memutuskan: Disetujui?" in r.order()
    assert {e for e in r.edges() if e[1] == "Memutuskan: Disetujui?"} == {
        ("Jalur cepat", "Memutuskan: Disetujui?", None), ("Jalur biasa", "Memutuskan: Disetujui?", None)}
    assert dict(r.step("Memutuskan: Disetujui?").cabang).keys() == {"Ya", "Tidak"}


def test_a_decision_looping_back_to_its_task_is_not_a_self_reference(tmp_path):
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Menerima", T="task:Memperbaiki konsep", G="exclusiveGateway:Sudah benar?",
              U="task:Menandatangani") + seq("S>A", "A>T", "T>G", "G>T:Belum", "G>U:Sudah"))))
    decide = r.step("Memutuskan: Sudah benar?")
    assert ("Memperbaiki konsep", "Memutuskan: Sudah benar?", None) in r.edges()
    assert dict(decide.cabang) == {"Belum": r.by_text["Memperbaiki konsep"].id, "Sudah": r.by_text["Menandatangani"].id}


def test_inclusive_gateway_runs_in_parallel_and_says_which_branches_are_conditional(tmp_path):
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Menilai usulan", I="inclusiveGateway:Perlu kajian?", B="task:Mengkaji hukum",
              C="task:Mengkaji anggaran", J="inclusiveGateway", D="task:Memutuskan usulan")
        + seq("S>A", "A>I", "I>B:Ada aspek hukum", "I>C:Nilai di atas 1 miliar", "B>J", "C>J", "J>D"))))
    a = r.step("Menilai usulan")
    assert {e for e in r.edges() if e[0] == "Menilai usulan"} == {
        ("Menilai usulan", "Mengkaji hukum", None), ("Menilai usulan", "Mengkaji anggaran", None)}
    assert "hanya cabang yang syaratnya terpenuhi" in a.keterangan
    assert "Ada aspek hukum -> Mengkaji hukum" in a.keterangan and "Nilai di atas 1 miliar" in a.keterangan


def test_event_based_gateway_branches_are_named_after_their_events(tmp_path):
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Meminta dokumen", G="eventBasedGateway", B="task:Memeriksa dokumen",
              E="endEvent:Permohonan gugur")
        + '<bpmn:intermediateCatchEvent id="M" name="Dokumen diterima"><bpmn:messageEventDefinition/>'
          '</bpmn:intermediateCatchEvent><bpmn:intermediateCatchEvent id="W" name="14 hari">'
          '<bpmn:timerEventDefinition/></bpmn:intermediateCatchEvent>'
        + seq("S>A", "A>G", "G>M", "G>W", "M>B", "W>E"))))
    cabang = dict(r.step("Meminta dokumen").cabang)
    assert cabang["Dokumen diterima"] == r.by_text["Memeriksa dokumen"].id
    # the end event is the branch's end (`selesai`), not an added closing step; its name stays in the keterangan
    assert cabang["14 hari"] == "selesai" and not any(k.uraian.startswith(END_) for k in r.doc.kegiatan)
    assert "Cabang '14 hari' berakhir di peristiwa akhir 'Permohonan gugur'" in r.step("Meminta dokumen").keterangan


def test_boundary_events_interrupting_branch_non_interrupting_parallel(tmp_path):
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="userTask:Menunggu tanda tangan", B="task:Mengarsipkan", X="task:Mengingatkan pejabat",
              Y="task:Membatalkan permohonan", E="endEvent")
        + '<bpmn:boundaryEvent id="T1" name="3 hari kerja" attachedToRef="A" cancelActivity="false">'
          '<bpmn:timerEventDefinition/></bpmn:boundaryEvent>'
          '<bpmn:boundaryEvent id="T2" attachedToRef="A"><bpmn:timerEventDefinition/></bpmn:boundaryEvent>'
        + seq("S>A", "A>B", "B>E", "T1>X", "T2>Y"))))
    a = r.step("Menunggu tanda tangan")
    cabang = dict(a.cabang)
    assert cabang["Batas waktu"] == r.by_text["Membatalkan permohonan"].id  # unnamed timer: named by its kind
    parallel = r.flow.by_id[cabang["Lanjut"]].item
    assert parallel.uraian == "Menjalankan langkah paralel"
    assert set(parallel.ke) == {r.by_text["Mengarsipkan"].id, r.by_text["Mengingatkan pejabat"].id}
    assert "Bila '3 hari kerja' terjadi (tanpa menghentikan kegiatan ini)" in a.keterangan


def test_sub_process_is_flattened_after_its_step_and_leads_on(tmp_path):
    inner = nodes(s="startEvent", X="task:Menyusun draf", Y="task:Memaraf draf", e="endEvent") + seq("s>X", "X>Y", "Y>e")
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Menerima disposisi")
        + f'<bpmn:subProcess id="SP" name="Menyiapkan naskah">{inner}</bpmn:subProcess>'
        + nodes(B="task:Mengirim naskah", E="endEvent") + seq("S>A", "A>SP", "SP>B", "B>E"))))
    assert r.order() == ["Menerima disposisi", "Menyiapkan naskah", "Menyusun draf", "Memaraf draf", "Mengirim naskah"]
    assert r.edges() == {("Menerima disposisi", "Menyiapkan naskah", None), ("Menyiapkan naskah", "Menyusun draf", None),
                         ("Menyusun draf", "Memaraf draf", None), ("Memaraf draf", "Mengirim naskah", None)}
    assert "Bagian dari sub-proses 'Menyiapkan naskah'" in r.step("Menyusun draf").keterangan


def test_call_activity_of_a_process_in_the_file_is_flattened_else_noted(tmp_path):
    called = process(nodes(s="startEvent", X="task:Memverifikasi NIK", e="endEvent") + seq("s>X", "X>e"),
                     pid="Cek", name="Verifikasi kependudukan")
    r = Imported(tmp_path, document(
        '<bpmn:collaboration id="C"><bpmn:participant id="PP" name="Dinas" processRef="P"/></bpmn:collaboration>',
        process(nodes(S="startEvent") + '<bpmn:callActivity id="CA" name="Memverifikasi pemohon" calledElement="Cek"/>'
                + '<bpmn:callActivity id="CB" name="Memeriksa pajak" calledElement="Pajak"/>'
                + nodes(E="endEvent") + seq("S>CA", "CA>CB", "CB>E")), called))
    assert r.order() == ["Memverifikasi pemohon", "Memverifikasi NIK", "Memeriksa pajak"]
    assert "Memanggil proses 'Verifikasi kependudukan'" in r.step("Memverifikasi pemohon").keterangan
    assert "Memanggil 'Pajak' (tidak ada di berkas ini)" in r.step("Memeriksa pajak").keterangan
    assert set(r.actors().values()) == {"dinas"}


def test_an_interrupting_event_sub_process_waits_beside_the_flow_and_says_it_stops_it(tmp_path):
    # it was the branch 'Bila terjadi: ...' of an added first step beside 'Mulai': a choice made before the flow
    # starts (MIWG C.9.0), where BPMN has the handler wait while the flow runs and stop it when the event comes
    handler = ('<bpmn:subProcess id="ES" triggeredByEvent="true"><bpmn:startEvent id="es" name="Permohonan dicabut">'
               '<bpmn:messageEventDefinition/></bpmn:startEvent>' + nodes(H="task:Menutup berkas", he="endEvent")
               + seq("es>H", "H>he") + "</bpmn:subProcess>")
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Memproses permohonan", E="endEvent") + handler + seq("S>A", "A>E"))))
    assert r.order()[:2] == ["Memulai proses", "Memproses permohonan"]
    first = r.step("Memulai proses")
    assert not first.cabang and first.ke == [r.by_text["Memproses permohonan"].id,
                                             r.by_text["Menangani peristiwa 'Permohonan dicabut'"].id]
    assert "bila 'Permohonan dicabut' terjadi, alur utama dihentikan" in first.keterangan
    assert ("Menangani peristiwa 'Permohonan dicabut'", "Menutup berkas", None) in r.edges()


def _waiting_handler(sid: str = "ES") -> str:
    return (f'<bpmn:subProcess id="{sid}" triggeredByEvent="true"><bpmn:startEvent id="{sid}s" name="Dokumen '
            'diminta" isInterrupting="false"><bpmn:messageEventDefinition/></bpmn:startEvent>'
            + nodes(**{f"{sid}H": "task:Mengirim dokumen", f"{sid}e": "endEvent"})
            + seq(f"{sid}s>{sid}H", f"{sid}H>{sid}e") + "</bpmn:subProcess>")


def test_a_non_interrupting_event_sub_process_waits_beside_the_flow_not_as_a_choice(tmp_path):
    # MIWG C.9.2: the handlers were the cabang of 'Memulai proses' beside 'Mulai' (either the flow or the
    # event); it waits for its event while the flow runs, as a non-interrupting boundary event does
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Memproses permohonan", E="endEvent") + _waiting_handler()
        + seq("S>A", "A>E"))))
    first = r.step("Memulai proses")
    assert not first.cabang and first.ke == [r.by_text["Memproses permohonan"].id,
                                             r.by_text["Menangani peristiwa 'Dokumen diminta'"].id]
    assert "('Dokumen diminta') menunggu peristiwanya bersamaan" in first.keterangan
    assert any("hanya punya satu langkah pertama" in m for m in r.messages)
    # inside a sub-process: beside the sub-process's content, not a branch 'Bila terjadi' of it
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", E="endEvent") + '<bpmn:subProcess id="SP" name="Memeriksa berkas">'
        + nodes(s2="startEvent", B="task:Membaca berkas", e2="endEvent") + seq("s2>B", "B>e2") + _waiting_handler()
        + "</bpmn:subProcess>" + seq("S>SP", "SP>E"))))
    sub = r.step("Memeriksa berkas")
    assert not sub.cabang and r.by_text["Menangani peristiwa 'Dokumen diminta'"].id in sub.ke
    assert r.order()[0] == "Memeriksa berkas"


def test_link_events_are_joined_and_unnamed_events_pass_through(tmp_path):
    link = '<bpmn:linkEventDefinition name="ke-arsip"/>'
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Mencatat surat") + f'<bpmn:intermediateThrowEvent id="L1">{link}</bpmn:intermediateThrowEvent>'
        + f'<bpmn:intermediateCatchEvent id="L2">{link}</bpmn:intermediateCatchEvent>'
        + nodes(U="intermediateThrowEvent", B="task:Mengarsipkan surat", W="intermediateCatchEvent:Menunggu tanda terima", C="task:Menutup")
        + seq("S>A", "A>L1", "L2>U", "U>B", "B>W", "W>C"))))
    assert r.order() == ["Mencatat surat", "Mengarsipkan surat", "Menunggu tanda terima", "Menutup"]
    assert "Peristiwa antara BPMN" in r.step("Menunggu tanda terima").keterangan


def test_pools_are_actors_and_message_flows_are_hand_offs_in_step_order(tmp_path):
    collab = ('<bpmn:collaboration id="C"><bpmn:participant id="PW" name="Pemohon" processRef="W"/>'
              '<bpmn:participant id="PD" name="Dinas" processRef="D"/>'
              '<bpmn:messageFlow id="m1" name="Berkas" sourceRef="A" targetRef="S2"/>'
              '<bpmn:messageFlow id="m2" name="Izin" sourceRef="C2" targetRef="R"/></bpmn:collaboration>')
    pemohon = process(nodes(S="startEvent", A="task:Mengajukan permohonan",
                            R="intermediateCatchEvent:Menerima izin", E="endEvent") + seq("S>A", "A>R", "R>E"), "W")
    dinas = process(nodes(S2="startEvent", B="task:Memverifikasi berkas", C2="task:Menerbitkan izin", E2="endEvent")
                    + seq("S2>B", "B>C2", "C2>E2"), "D", lanes=lane("L1", "Verifikator", "S2", "B")
                    + lane("L2", "Kepala Dinas", "C2", "E2"))
    r = Imported(tmp_path, document(collab, pemohon, dinas))
    assert list(r.doc.pelaksana) == ["pemohon", "verifikator", "kepala_dinas"]
    assert r.order() == ["Mengajukan permohonan", "Memverifikasi berkas", "Menerbitkan izin", "Menerima izin"]
    assert ("Mengajukan permohonan", "Memverifikasi berkas", None) in r.edges()
    assert ("Menerbitkan izin", "Menerima izin", None) in r.edges()
    assert r.actors()["Mengajukan permohonan"] == "pemohon" and r.actors()["Menerbitkan izin"] == "kepala_dinas"


def test_a_pool_drawn_without_a_process_sends_and_receives_as_steps(tmp_path):
    collab = ('<bpmn:collaboration id="C"><bpmn:participant id="PW" name="Warga"/>'
              '<bpmn:participant id="PD" name="Kelurahan" processRef="D"/>'
              '<bpmn:messageFlow id="m1" name="Surat pengantar" sourceRef="PW" targetRef="S"/>'
              '<bpmn:messageFlow id="m2" name="Surat keterangan" sourceRef="B" targetRef="PW"/></bpmn:collaboration>')
    r = Imported(tmp_path, document(collab, process(
        '<bpmn:startEvent id="S"><bpmn:messageEventDefinition/></bpmn:startEvent>'
        + nodes(A="task:Memeriksa surat", B="task:Menerbitkan surat keterangan", E="endEvent")
        + seq("S>A", "A>B", "B>E"), "D")))
    assert r.order() == ["Mengirim surat pengantar", "Memeriksa surat", "Menerbitkan surat keterangan",
                         "Menerima surat keterangan"]
    assert r.actors()["Mengirim surat pengantar"] == "warga" == r.actors()["Menerima surat keterangan"]


def test_nested_lanes_give_the_innermost_named_lane(tmp_path):
    lanes = lane("Lb", "Bidang Pelayanan", "S", "A", "B", "C", children=lane("Lk", "Kepala Seksi", "B") + lane("Lx", "", "C"))
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Menerima", B="task:Memeriksa", C="task:Mencatat") + seq("S>A", "A>B", "B>C"),
        lanes=lanes)))
    assert r.actors() == {"Menerima": "bidang_pelayanan", "Memeriksa": "kepala_seksi", "Mencatat": "bidang_pelayanan"}
    assert "# Lajur bersarang: pelaksana diambil dari lajur terdalam yang bernama." in r.text


def test_empty_child_lane_sets_and_unnamed_lanes(tmp_path):
    """Bizagi and bpmn.io write <childLaneSet/> in every lane: the lane is still the actor (issue 11)."""
    lanes = (lane("L1", "Approver", "S", "A", children="") + lane("L2", "Accountant", "B", children="")
             + lane("L3", "", "C") + lane("L4", "", "D"))
    r = Imported(tmp_path, document(
        '<bpmn:collaboration id="C"><bpmn:participant id="PP" name="Keuangan" processRef="P"/></bpmn:collaboration>',
        process(nodes(S="startEvent", A="task:Menyetujui", B="task:Membayar", C="task:Mencatat", D="task:Mengarsipkan")
                + seq("S>A", "A>B", "B>C", "C>D"), lanes=lanes)))
    assert r.actors() == {"Menyetujui": "approver", "Membayar": "accountant", "Mencatat": "lajur_1",
                          "Mengarsipkan": "lajur_2"}
    assert "lajur tanpa nama (id L3) di kolam 'Keuangan' diberi nama 'Lajur 1'" in r.joined()


def test_a_single_unnamed_lane_takes_its_pools_name_and_a_task_outside_lanes_its_pool(tmp_path):
    r = Imported(tmp_path, document(
        '<bpmn:collaboration id="C"><bpmn:participant id="PP" name="Sekretariat" processRef="P"/></bpmn:collaboration>',
        process(nodes(S="startEvent", A="task:Menerima", B="task:Mengirim") + seq("S>A", "A>B"),
                lanes=lane("L1", "", "S", "A"))))
    assert r.actors() == {"Menerima": "sekretariat", "Mengirim": "sekretariat"}


def test_a_task_no_lane_lists_is_placed_by_where_it_is_drawn(tmp_path):
    di = ('<bpmndi:BPMNDiagram id="DI"><bpmndi:BPMNPlane id="PL" bpmnElement="P">'
          + "".join(f'<bpmndi:BPMNShape id="{i}_di" bpmnElement="{i}"><dc:Bounds x="{x}" y="{y}" width="{w}" height="{h}"/>'
                    '</bpmndi:BPMNShape>' for i, x, y, w, h in (
                        ("L1", 0, 0, 600, 100), ("L2", 0, 100, 600, 100), ("S", 20, 30, 36, 36),
                        ("A", 100, 10, 100, 80), ("B", 300, 110, 100, 80)))
          + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>")
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Menerima", B="task:Menyetujui") + seq("S>A", "A>B"),
        lanes=lane("L1", "Staf", "S", "A") + lane("L2", "Kepala")), di))
    assert r.actors() == {"Menerima": "staf", "Menyetujui": "kepala"}


def test_data_annotations_and_groups(tmp_path):
    body = ('<bpmn:dataObject id="DO1" name="Surat permohonan"/><bpmn:dataObjectReference id="R1" dataObjectRef="DO1"/>'
            '<bpmn:dataStoreReference id="R2" name="Arsip izin"/><bpmn:dataObjectReference id="R3" name="Lampiran"/>'
            '<bpmn:task id="A" name="Memeriksa permohonan"><bpmn:dataInputAssociation id="di1"><bpmn:sourceRef>R1'
            '</bpmn:sourceRef></bpmn:dataInputAssociation><bpmn:dataOutputAssociation id="do1"><bpmn:targetRef>R2'
            '</bpmn:targetRef></bpmn:dataOutputAssociation></bpmn:task>'
            '<bpmn:textAnnotation id="N1"><bpmn:text>Paling lama 2 hari</bpmn:text></bpmn:textAnnotation>'
            '<bpmn:association id="as1" sourceRef="A" targetRef="N1"/>'
            '<bpmn:textAnnotation id="N2"><bpmn:text>Catatan lepas</bpmn:text></bpmn:textAnnotation>'
            '<bpmn:group id="G1" categoryValueRef="CV1"/>' + nodes(S="startEvent") + seq("S>A"))
    r = Imported(tmp_path, document(
        '<bpmn:category id="CAT"><bpmn:categoryValue id="CV1" value="Tahap awal"/></bpmn:category>', process(body)))
    a = r.step("Memeriksa permohonan")
    assert a.kelengkapan == "Surat permohonan" and a.output == "Arsip izin" and a.keterangan == "Paling lama 2 hari"
    skipped = [m.split(": ", 1)[1] for m in r.messages if m.split(": ", 1)[1].startswith("tidak dibawa")]
    assert skipped == ["tidak dibawa: objek data 'Lampiran' (id R3): tidak dibaca atau ditulis oleh kegiatan mana pun",
                       "tidak dibawa: anotasi 'Catatan lepas' (id N2): tidak terhubung ke langkah mana pun",
                       "tidak dibawa: kelompok 'Tahap awal' (id G1): peta lintas fungsi tidak mengenal kelompok"]
    assert r.messages[-1].endswith("ringkasan: 1 langkah; tugas dipertahankan 1/1, pelaksana 1/1; 3 unsur tidak dibawa")


def test_every_message_names_the_file_and_the_summary_counts_tasks_and_actors(tmp_path):
    collab = ('<bpmn:collaboration id="C"><bpmn:participant id="PD" name="Dinas" processRef="P"/>'
              '<bpmn:participant id="PX" name="Kosong"/>'
              '<bpmn:messageFlow id="m1" sourceRef="PX" targetRef="PD"/></bpmn:collaboration>')
    r = Imported(tmp_path, document(collab, process(
        nodes(S="startEvent", A="task:Menerima", B="task") + seq("S>A", "A>B", "A>Hilang"),
        lanes=lane("L1", "Staf", "S", "A", "B") + lane("L2", "Bendahara"))))
    assert all(m.startswith(f"{r.path}: ") for m in r.messages), r.messages
    body = [m.split(": ", 1)[1] for m in r.messages]
    assert "tidak dibawa: aliran pesan tanpa nama (id m1): menghubungkan kolam dengan kolam, bukan langkah dengan langkah" in body
    assert "tidak dibawa: alur tanpa nama (id f3_A_Hilang): menuju 'Hilang', yang bukan unsur alur di berkas ini" in body
    assert "tidak dibawa: lajur 'Bendahara' (id L2): tidak berisi langkah" in body
    assert "tidak dibawa: kolam (pool) 'Kosong' (id PX): tidak berisi kegiatan dan tidak bertukar pesan" in body
    assert body[-1] == "ringkasan: 2 langkah; tugas dipertahankan 2/2, pelaksana 1/2; 4 unsur tidak dibawa"
    assert "Kegiatan tanpa nama (tugas B)" in r.order()  # an unnamed task is kept, and says so


def test_a_reply_to_a_waiting_step_is_a_note_not_a_loop(tmp_path):
    collab = ('<bpmn:collaboration id="C"><bpmn:participant id="PW" name="Pemohon" processRef="W"/>'
              '<bpmn:participant id="PD" name="Bank" processRef="D"/>'
              '<bpmn:messageFlow id="m1" name="Tagihan" sourceRef="A" targetRef="S2"/>'
              '<bpmn:messageFlow id="m2" name="Bukti bayar" sourceRef="B" targetRef="A"/></bpmn:collaboration>')
    r = Imported(tmp_path, document(
        collab, process(nodes(S="startEvent", A="task:Membayar tagihan", C="task:Mengunduh izin")
                        + seq("S>A", "A>C"), "W"),
        process(nodes(S2="startEvent", B="task:Menerima pembayaran") + seq("S2>B"), "D")))
    assert r.edges() == {("Membayar tagihan", "Mengunduh izin", None), ("Membayar tagihan", "Menerima pembayaran", None)}
    assert ("Menerima pesan 'Bukti bayar' dari 'Menerima pembayaran' (tidak digambar sebagai alur: akan membentuk "
            "putaran)") in r.step("Membayar tagihan").keterangan


# ----------------------------------------------------------------- several actors in one step, ends (issue 10)
def test_same_named_parallel_tasks_in_different_lanes_are_one_joint_step(tmp_path):
    body = (nodes(S="startEvent", A="task:Menyusun rancangan kontrak", F="parallelGateway",
                  B1="task:Menandatangani kontrak", B2="task:Menandatangani kontrak", J="parallelGateway",
                  C="task:Melaksanakan pekerjaan", E="endEvent")
            + seq("S>A", "A>F", "F>B1", "F>B2", "B1>J", "B2>J", "J>C", "C>E"))
    lanes = lane("L1", "Pejabat Pembuat Komitmen", "S", "A", "F", "B1", "J") + lane("L2", "Penyedia", "B2", "C", "E")
    r = Imported(tmp_path, document(process(body, lanes=lanes)))
    assert r.order() == ["Menyusun rancangan kontrak", "Menandatangani kontrak", "Melaksanakan pekerjaan"]
    sign = r.step("Menandatangani kontrak")
    assert sign.pelaksana == ["pejabat_pembuat_komitmen", "penyedia"] and sign.bersama is True
    assert "dikerjakan bersama oleh 2 pelaksana" in r.joined() and r.messages[-1].endswith(
        "tugas dipertahankan 4/4, pelaksana 2/2; 0 unsur tidak dibawa")


def test_consecutive_tasks_numbered_as_one_chain_are_one_step(tmp_path):
    body = (nodes(S="startEvent", A="task:Menyusun konsep", P1="task:Memaraf konsep (1/3)",
                  P2="task:Memaraf konsep (2/3)", P3="task:lanjutan (3/3)", T="task:Menandatangani", E="endEvent")
            + seq("S>A", "A>P1", "P1>P2", "P2>P3", "P3>T", "T>E"))
    lanes = (lane("L1", "Analis", "S", "A") + lane("L2", "Kepala Subbagian", "P1") + lane("L3", "Kepala Bagian", "P2")
             + lane("L4", "Sekretaris", "P3", "T", "E"))
    r = Imported(tmp_path, document(process(body, lanes=lanes)))
    assert r.order() == ["Menyusun konsep", "Memaraf konsep", "Menandatangani"]
    chain = r.step("Memaraf konsep")
    assert chain.pelaksana == ["kepala_subbagian", "kepala_bagian", "sekretaris"] and chain.bersama is False
    assert r.edges() == {("Menyusun konsep", "Memaraf konsep", None), ("Memaraf konsep", "Menandatangani", None)}


def test_a_chain_task_named_by_its_own_text_gives_the_step_its_tugas(tmp_path):
    body = (nodes(S="startEvent", P1="task:Memaraf dan menandatangani konsep (1/3)", P2="task:Paraf (2/3)",
                  P3="task:lanjutan (3/3)", E="endEvent") + seq("S>P1", "P1>P2", "P2>P3", "P3>E"))
    lanes = lane("L1", "Analis", "S", "P1") + lane("L2", "Kepala Bagian", "P2") + lane("L3", "Sekretaris", "P3", "E")
    r = Imported(tmp_path, document(process(body, lanes=lanes)))
    step = r.step("Memaraf dan menandatangani konsep")
    assert step.pelaksana == ["analis", "kepala_bagian", "sekretaris"] and step.tugas == {"kepala_bagian": "Paraf"}


def test_consecutive_same_named_tasks_without_numbers_stay_two_steps(tmp_path):
    """Review P: two SOP rows with one text and two pelaksana (PA.KEPEG.01 steps 3 and 4) are two steps, each
    with its own mutu baku, never one chain with the second's documentation in keterangan."""
    body = (nodes(S="startEvent", P1="task:Meneliti permohonan", P2="task:Meneliti permohonan", E="endEvent")
            .replace('<bpmn:task id="P2" name="Meneliti permohonan"/>',
                     '<bpmn:task id="P2" name="Meneliti permohonan"><bpmn:documentation>Pelaksana: Sekretaris\n'
                     'Output: Persetujuan sekretaris</bpmn:documentation></bpmn:task>')
            + seq("S>P1", "P1>P2", "P2>E"))
    lanes = lane("L1", "Atasan", "S", "P1") + lane("L2", "Sekretaris", "P2", "E")
    r = Imported(tmp_path, document(process(body, lanes=lanes)))
    assert [(s.uraian, s.pelaksana) for s in r.doc.kegiatan] == [("Meneliti permohonan", "atasan"),
                                                                 ("Meneliti permohonan", "sekretaris")]
    assert r.doc.kegiatan[1].output == "Persetujuan sekretaris" and r.doc.kegiatan[1].keterangan is None
    assert "dijadikan satu langkah" not in r.joined()


def test_tasks_that_differ_or_share_a_lane_stay_apart(tmp_path):
    body = (nodes(S="startEvent", A="task:Memeriksa berkas", B="task:Memeriksa berkas", C="task:Memeriksa ulang",
                  F="parallelGateway", D1="task:Membahas", D2="task:Membahas hasil", J="parallelGateway")
            + seq("S>A", "A>B", "B>C", "C>F", "F>D1", "F>D2", "D1>J", "D2>J"))
    lanes = lane("L1", "Analis", "S", "A", "B", "F", "D1", "J") + lane("L2", "Kepala", "C", "D2")
    r = Imported(tmp_path, document(process(body, lanes=lanes)))
    assert len(r.order()) == 5 and all(isinstance(p, str) for p in r.actors().values())
    assert "dijadikan satu langkah" not in r.joined()


def test_exporter_numbering_is_dropped_only_when_it_counts_the_chain(tmp_path):
    body = (nodes(S="startEvent", P1="task:Memaraf (1/2)", P2="task:Memaraf (2/2)", Q1="task:Meneliti (1/3)",
                  Q2="task:Meneliti (2/3)", E="endEvent") + seq("S>P1", "P1>P2", "P2>Q1", "Q1>Q2", "Q2>E"))
    lanes = lane("L1", "Analis", "S", "P1", "Q1") + lane("L2", "Kepala", "P2", "Q2", "E")
    r = Imported(tmp_path, document(process(body, lanes=lanes)))
    assert r.order() == ["Memaraf", "Meneliti (1/3)", "Meneliti (2/3)"]  # the second chain lost a task: kept apart
    assert r.step("Memaraf").pelaksana == ["analis", "kepala"]


def test_a_branch_straight_to_an_unnamed_end_is_a_branch_to_selesai(tmp_path):
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Memeriksa berkas", G="exclusiveGateway", B="task:Menerbitkan surat",
              E1="endEvent", E2="endEvent:Selesai") + seq("S>A", "A>G", "G>B:Lengkap", "G>E1:Tidak lengkap", "B>E2"))))
    assert r.order() == ["Memeriksa berkas", "Menerbitkan surat"]  # no closing step
    assert dict(r.step("Memeriksa berkas").cabang) == {"Lengkap": r.by_text["Menerbitkan surat"].id,
                                                       "Tidak lengkap": "selesai"}
    assert r.flow.end_exits and not any("langkah penutup" in m for m in r.messages)


def test_no_step_is_given_the_reserved_id_selesai(tmp_path):
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Mulai", B="task:Selesai", E="endEvent") + seq("S>A", "A>B", "B>E"))))
    assert "selesai" not in [n.id for n in r.flow.nodes] and r.order() == ["Mulai", "Selesai"]


def test_conditional_flows_leaving_a_task_branch_and_keep_the_way_to_the_end(tmp_path):
    """Flows with a condition (or the default one) leaving an activity: a branch each, so an end among them is
    kept (it was dropped, and the imported map had no way to its end).  Plain flows to an end and on: parallel,
    as BPMN says, and the dropped end is said; but plain flows to an end and back only (both at once would
    loop for ever: a choice drawn without a gateway, as in a bpmn.io map of review round 4) are a choice."""
    conditions = seq("S>A", "A>B", "B>E:Lengkap", "B>A:Kurang").replace(
        'name="Lengkap"/>', 'name="Lengkap"><bpmn:conditionExpression>ok</bpmn:conditionExpression>'
                            '</bpmn:sequenceFlow>')
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Memeriksa berkas", B="task:Menandatangani surat", E="endEvent") + conditions)))
    assert dict(r.step("Menandatangani surat").cabang) == {"Lengkap": "selesai",
                                                          "Kurang": r.by_text["Memeriksa berkas"].id}
    assert [r.flow.by_id[e.source].item.uraian for e in r.flow.end_exits] == ["Menandatangani surat"]
    assert any("alur bersyarat" in m for m in r.messages)
    plain = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Memeriksa berkas", B="task:Menandatangani surat", C="task:Mengarsipkan",
              E="endEvent", E2="endEvent") + seq("S>A", "A>B", "B>E", "B>C", "C>E2"))), name="paralel.bpmn")
    assert plain.step("Menandatangani surat").cabang is None
    assert ("Menandatangani surat", "Mengarsipkan", None) in plain.edges()
    assert any("alur ke akhir dilewati" in m for m in plain.messages)
    again = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Memeriksa berkas", B="task:Menandatangani surat", E="endEvent")
        + seq("S>A", "A>B", "B>E", "B>A"))), name="ulang.bpmn")
    assert dict(again.step("Menandatangani surat").cabang) == {"Cabang 1": "selesai",
                                                              "Cabang 2": again.by_text["Memeriksa berkas"].id}
    assert any("dibaca sebagai pilihan ('Cabang 1', 'Cabang 2')" in m for m in again.messages)
    assert not any("alur ke akhir dilewati" in m for m in again.messages)
    # a message sent to another pool is no flow of this process: the task's one flow to the end is not "dropped"
    from .conftest import FIXTURES

    _, messages = import_bpmn(FIXTURES / "bpmn" / "parallel-message.bpmn", "uji")
    assert not any("alur ke akhir dilewati" in m for m in messages), messages


def test_a_map_over_checks_limits_is_written_and_said_to_be(tmp_path):
    """201 steps, a task named with 1,500 characters: written all the same (the modeller splits or shortens),
    and said, where before only `check` found out."""
    tasks = {f"T{k}": f"task:Tugas {k}" for k in range(201)}
    tasks["T0"] = "task:" + "Menerima " * 167  # 1,502 characters once the last space goes
    r = Imported(tmp_path, document(process(nodes(S="startEvent", **tasks) + seq(
        "S>T0", *(f"T{k}>T{k + 1}" for k in range(200))))))
    assert len(r.order()) == 201
    assert any("text-too-long" in m and "'kegiatan ke-1 (" in m and ").uraian' 1.502 karakter" in m for m in r.messages), r.messages
    assert any("201 langkah" in m and "too-many-steps" in m for m in r.messages), r.messages


def test_a_process_that_only_goes_round_starts_at_its_first_task_and_says_so(tmp_path):
    """No start event and every task with a flow in (a loop): it was refused as holding no activity.  The first
    task in the file starts it now, with a message; a start event with no flow out is refused saying that."""
    r = Imported(tmp_path, document(process(
        nodes(A="task:Memeriksa berkas", B="task:Menandatangani surat") + seq("A>B", "B>A"))))
    assert r.order() == ["Memeriksa berkas", "Menandatangani surat"]
    assert any("'Memeriksa berkas' (yang pertama di berkas) dijadikan langkah pertama" in m for m in r.messages)
    lone = tmp_path / "lepas.bpmn"
    lone.write_text(document(process(nodes(S="startEvent", A="task:Memeriksa berkas", B="task:Menandatangani")
                                     + seq("A>B", "B>A"))), encoding="utf-8")
    text, messages = import_bpmn(lone, "uji")
    assert text is None and "tidak ada aktivitas yang tercapai dari awal proses" in messages[-1]


def test_documentation_written_as_html_becomes_its_words(tmp_path):
    """Bizagi keeps every documentation as escaped HTML; its tags, styles and anchors reached the keterangan
    and the site as visible text (review round 4).  Plain text with a "<" stays as written."""
    bizagi = ('&lt;p style="text-align:left;text-indent:0pt;margin:0pt 0pt 0pt 0pt;"&gt;&lt;a name='
              '"_dx_frag_StartFragment"&gt;&lt;/a&gt;&lt;span style="color:#000000;"&gt;Periksa kelengkapan '
              '&amp;amp; keabsahan berkas&lt;/span&gt;&lt;/p&gt;&lt;p&gt;Paling lambat 1 hari&lt;br/&gt;kerja'
              '&lt;/p&gt;')
    xml = document(process(
        nodes(S="startEvent", A="task:Memeriksa berkas", B="task:Menandatangani surat", E="endEvent")
        .replace('name="Memeriksa berkas"/>', f'name="Memeriksa berkas"><bpmn:documentation>{bizagi}'
                                              '</bpmn:documentation></bpmn:task>')
        .replace('name="Menandatangani surat"/>', 'name="Menandatangani surat"><bpmn:documentation>Waktu &lt;1 jam'
                                                  ' bila pejabat ada</bpmn:documentation></bpmn:task>')
        + seq("S>A", "A>B", "B>E")))
    r = Imported(tmp_path, xml)
    note = r.step("Memeriksa berkas").keterangan
    assert "Periksa kelengkapan & keabsahan berkas" in note and "Paling lambat 1 hari" in note, note
    assert not any(mark in note for mark in ("<", "style", "_dx_frag", "&amp;")), note
    assert r.step("Menandatangani surat").keterangan == "Waktu <1 jam bila pejabat ada"
    from .bpmn_corpus import CORPUS

    # the reference export says textFormat="text/html": "<p>...</p>" in every task's documentation
    text, _ = import_bpmn(CORPUS / "reference" / "C.7.0.bpmn", "uji")
    assert "A very specific requirement to the job vacancy" in text and "<p>" not in text


def test_a_message_flow_drawn_to_a_pools_border_joins_its_message_events(tmp_path):
    """bpmn.io snaps a message flow to the pool's border: the flow from the accounting pool (ending in a
    message end event) to the finance pool (starting with a message start event) was dropped, and payment ran
    in parallel from the start (review round 4).  A pool with one message event of the side joins by it;
    with none, the flow is still left out and said."""
    collab = ('<bpmn:collaboration id="C"><bpmn:participant id="PA" name="Akuntansi" processRef="A1"/>'
              '<bpmn:participant id="PK" name="Keuangan" processRef="K1"/>'
              '<bpmn:messageFlow id="m1" sourceRef="PA" targetRef="PK"/>'
              '<bpmn:messageFlow id="m2" sourceRef="PK" targetRef="PA"/></bpmn:collaboration>')
    akuntansi = process(nodes(S="startEvent", A="task:Mencatat tagihan", B="task:Memverifikasi tagihan")
                        + '<bpmn:endEvent id="E"><bpmn:messageEventDefinition/></bpmn:endEvent>'
                        + seq("S>A", "A>B", "B>E"), "A1")
    keuangan = process('<bpmn:startEvent id="S2"><bpmn:messageEventDefinition/></bpmn:startEvent>'
                       + nodes(P="task:Membayar tagihan", E2="endEvent") + seq("S2>P", "P>E2"), "K1")
    r = Imported(tmp_path, document(collab, akuntansi, keuangan))
    assert r.order() == ["Mencatat tagihan", "Memverifikasi tagihan", "Membayar tagihan"]
    assert ("Memverifikasi tagihan", "Membayar tagihan", None) in r.edges()
    assert not any(e[1] == "Membayar tagihan" and e[0] != "Memverifikasi tagihan" for e in r.edges())
    # the way back has no message event to join: left out, and said so
    assert any("(id m2): menghubungkan kolam dengan kolam" in m for m in r.messages)
    assert not any("(id m1)" in m for m in r.messages)


def test_a_decision_reached_by_a_message_stays_with_the_pool_that_decides(tmp_path):
    """A client's gateway right after the client's message start became a cabang of the courier's step that
    sent the message: the courier chose how the client pays (review round 4)."""
    collab = ('<bpmn:collaboration id="C"><bpmn:participant id="PK" name="Kurir" processRef="K"/>'
              '<bpmn:participant id="PP" name="Pelanggan" processRef="P"/>'
              '<bpmn:messageFlow id="m1" name="Pesanan" sourceRef="A" targetRef="S2"/></bpmn:collaboration>')
    kurir = process(nodes(S="startEvent", A="task:Menyerahkan pesanan") + seq("S>A"), "K")  # the message goes on
    pelanggan = process('<bpmn:startEvent id="S2"><bpmn:messageEventDefinition/></bpmn:startEvent>'
                        + nodes(G="exclusiveGateway:Cara bayar?", T="task:Membayar tunai", K2="task:Membayar kartu",
                                E2="endEvent", E3="endEvent")
                        + seq("S2>G", "G>T:Tunai", "G>K2:Kartu", "T>E2", "K2>E3"), "P")
    r = Imported(tmp_path, document(collab, kurir, pelanggan))
    assert r.step("Menyerahkan pesanan").cabang is None
    decide = r.step("Memutuskan: Cara bayar?")
    assert r.actors()["Memutuskan: Cara bayar?"] == "pelanggan" and dict(decide.cabang).keys() == {"Tunai", "Kartu"}
    assert ("Menyerahkan pesanan", "Memutuskan: Cara bayar?", None) in r.edges()


def test_activities_with_no_flow_in_start_together_and_a_lone_end_starts_nothing(tmp_path):
    """BPMN: without a start event, every activity with no incoming flow starts with the process; they were
    made an either/or choice.  An end event drawn with no flow made its pool count as one that "starts on its
    own" (review round 4)."""
    r = Imported(tmp_path, document(process(nodes(A="task:Menyusun anggaran", B="task:Menyusun jadwal",
                                                  C="task:Menyiapkan ruang"))))
    first = r.step("Memulai proses")
    assert first.cabang is None and sorted(first.ke) == sorted(r.by_text[t].id for t in (
        "Menyusun anggaran", "Menyusun jadwal", "Menyiapkan ruang"))
    collab = ('<bpmn:collaboration id="C"><bpmn:participant id="PU" name="Pengguna" processRef="U"/>'
              '<bpmn:participant id="PS" name="Sistem" processRef="S1"/>'
              '<bpmn:messageFlow id="m1" sourceRef="A" targetRef="G"/></bpmn:collaboration>')
    pengguna = process(nodes(S="startEvent", A="task:Meminta kode bayar") + seq("S>A"), "U")
    sistem = process(nodes(G="task:Membuat kode bayar", W="task:Menunggu pembayaran", E="endEvent")
                     + seq("G>W"), "S1")  # the end drawn apart, with no flow
    two = Imported(tmp_path, document(collab, pengguna, sistem), name="dua.bpmn")
    assert two.order() == ["Meminta kode bayar", "Membuat kode bayar", "Menunggu pembayaran"]
    assert not any("mulai sendiri-sendiri" in m for m in two.messages), two.messages


def test_parallel_branches_joined_right_before_the_end_each_end_without_a_made_up_step(tmp_path):
    """Parallel branches joined by a parallel gateway just before the end (MIWG C.7.0, B.2.0: all vendors) became
    a step "Mengakhiri proses" nobody does (a numbered row of the SOP).  Each branch ends on its own
    (`selesai`), as BPMN ends the process once every branch has ended; the log says why."""
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Meluncurkan kampanye", F="parallelGateway", B="task:Menutup periode",
              C="task:Menganalisis kinerja", J="parallelGateway", E="endEvent:Kampanye selesai")
        + seq("S>A", "A>F", "F>B", "F>C", "B>J", "C>J", "J>E"))))
    assert r.order() == ["Meluncurkan kampanye", "Menutup periode", "Menganalisis kinerja"]
    assert r.step("Meluncurkan kampanye").ke == ["menutup_periode", "menganalisis_kinerja"]
    for name in ("Menutup periode", "Menganalisis kinerja"):
        assert not r.step(name).ke and not r.step(name).cabang, name  # an end: `selesai`, or the last written
        assert "Berakhir: Kampanye selesai" in (r.step(name).keterangan or ""), name
    assert sorted(n.item.uraian for n in r.flow.ends) == ["Menganalisis kinerja", "Menutup periode"]
    assert any("gerbang paralel (id J) tepat sebelum akhir proses: setiap cabang ditulis berakhir sendiri" in m
               for m in r.messages), r.messages
    assert "ditambahkan" not in r.messages[-1], r.messages[-1]


def test_a_flow_name_that_is_no_branch_label_goes_to_keterangan_not_lost_unsaid(tmp_path):
    """Review P: 'Minat investasi' on a flow between two tasks or on a parallel branch was dropped while the
    summary said "0 unsur tidak dibawa"; it is the keterangan of the step the flow leaves."""
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Menerima berkas", B="task:Memeriksa", F="parallelGateway", C="task:Mengarsipkan",
              D="task:Melaporkan", E="endEvent", E2="endEvent")
        + seq("S>A", "A>B:Berkas diserahkan", "B>F", "F>C:Salinan", "F>D", "C>E", "D>E2"))))
    assert r.step("Menerima berkas").keterangan == "Alur 'Berkas diserahkan' ke 'Memeriksa'"
    assert r.step("Memeriksa").keterangan == "Alur 'Salinan' ke 'Mengarsipkan'"
    assert r.messages[-1].endswith("; 0 unsur tidak dibawa")


def test_the_name_of_a_plain_flow_to_the_end_left_out_stays_in_the_keterangan(tmp_path):
    """Signavio A.2.1 writes the conditional flows it draws with no condition: Task 2's flow 'Condition' to the end
    is a plain flow beside one to Task 3, so (as BPMN says) both run and the way to the end is not written; the
    name the modeller gave it was only in the log, now it is in the step's keterangan too."""
    r = Imported(tmp_path, document(process(
        nodes(S="startEvent", A="task:Menandatangani surat", C="task:Mengarsipkan", G="exclusiveGateway",
              E="endEvent", E2="endEvent")
        + seq("S>A", "A>G:Ditolak", "G>E", "A>C", "C>E2"))))
    assert ("Menandatangani surat", "Mengarsipkan", None) in r.edges()
    assert r.step("Menandatangani surat").keterangan == ("Alur 'Ditolak' ke akhir proses tidak ditulis (tanpa syarat: "
                                                         "berjalan bersamaan dengan alur lain)")
    assert any("alur ke akhir dilewati" in m for m in r.messages)
