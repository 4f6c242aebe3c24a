"""`petaproses impor` on input that is not a BPMN file, or is hostile: a message naming the file, no traceback."""

from __future__ import annotations

import io
import os
import time
import zipfile

import pytest

from petaproses.cli import main
from petaproses.impor import MAX_BYTES, import_bpmn

from .bpmn_text import document, nodes, process, seq


def _zip(*names: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in names:
            z.writestr(n, "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize("name, content, expected", [
    ("proses.bpm", _zip("Diagram.diag", "ModelInfo.xml"), "Bizagi Modeler (.bpm), bukan BPMN 2.0 XML. Buka di Bizagi "
     "Modeler lalu ekspor: File > Export > BPMN 2.0"),
    ("proses.bpm", b"\x00\x01binary", "File > Export > BPMN 2.0"),
    ("peta.vsdx", _zip("[Content_Types].xml", "visio/document.xml"), "Visio menyimpan gambar, bukan model BPMN 2.0 XML"),
    ("peta.vsd", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "berkas Microsoft Visio"),
    ("proyek.vpp", b"SQLite format 3\x00rest", "Visual Paradigm (.vpp)"),
    ("sop.docx", _zip("[Content_Types].xml", "word/document.xml"), "dokumen Microsoft Office"),
    ("peta.pdf", b"%PDF-1.7\n", "berkas PDF (gambar)"),
    ("peta.png", b"\x89PNG\r\n\x1a\n", "berkas gambar"),
    ("peta.drawio", b'<mxfile host="app"><diagram/></mxfile>', "draw.io"),
    ("peta.xpdl", b'<Package xmlns="http://www.wfmc.org/2009/XPDL2.2"/>', "ini XPDL"),
])
def test_other_formats_name_the_export_to_use(tmp_path, capsys, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    text, messages = import_bpmn(path, "uji")
    assert text is None and len(messages) == 1 and messages[0].startswith(f"{path}:") and expected in messages[0]
    assert main(["impor", str(path), "-o", str(tmp_path / "hasil.yaml")]) == 1
    assert expected in capsys.readouterr().err and not (tmp_path / "hasil.yaml").exists()


def test_non_regular_files_are_refused_without_reading(tmp_path):
    for device in ("/dev/zero", "/dev/null"):
        if os.path.exists(device):
            start = time.perf_counter()
            text, messages = import_bpmn(device, "uji")  # type: ignore[arg-type]
            assert text is None and messages == [f"{device}: bukan berkas biasa (mis. perangkat, pipa atau soket); "
                                                 "impor hanya membaca berkas .bpmn yang tersimpan di disk"]
            assert time.perf_counter() - start < 1
    fifo = tmp_path / "pipa.bpmn"
    os.mkfifo(fifo)  # opening it would block until a writer came: it must not be opened
    text, messages = import_bpmn(fifo, "uji")
    assert text is None and "bukan berkas biasa" in messages[0]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "besar.bpmn"
    with open(path, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: no disk used, and reading it whole would be the bug

    def no_read(*args, **kwargs):
        raise AssertionError("the file was opened")

    from petaproses.impor import reading

    monkeypatch.setattr(reading, "open", no_read, raising=False)
    text, messages = import_bpmn(path, "uji")
    assert text is None and messages == [f"{path}: berkas terlalu besar (16,0 MB); batasnya 16 MB. Peta proses "
                                         "sebesar itu sebaiknya dibagi menjadi beberapa peta"]


def test_external_entities_are_not_read(tmp_path):
    secret = tmp_path / "rahasia.txt"
    secret.write_text("KATA-SANDI-RAHASIA", encoding="utf-8")
    body = process(nodes(S="startEvent") + '<bpmn:task id="A" name="Memeriksa">&x;</bpmn:task>'
                   '<bpmn:textAnnotation id="N"><bpmn:text>&x;</bpmn:text></bpmn:textAnnotation>'
                   '<bpmn:association id="as" sourceRef="A" targetRef="N"/>' + seq("S>A"))
    xml = f'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>\n' + document(body)
    path = tmp_path / "xxe.bpmn"
    path.write_text(xml, encoding="utf-8")
    text, messages = import_bpmn(path, "uji")
    assert "KATA-SANDI" not in (text or "") + "".join(messages)
    in_attribute = xml.replace('name="Memeriksa"', 'name="&x;"')
    path.write_text(in_attribute, encoding="utf-8")
    text, messages = import_bpmn(path, "uji")
    assert text is None and "atribut merujuk entitas eksternal '&x;' (ditolak)" in messages[0]
    assert messages[0].startswith(f"{path}:3:")


def test_an_entity_bomb_is_refused_quickly(tmp_path):
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    xml = f'<?xml version="1.0"?>\n<!DOCTYPE d [{entities}]>\n' + document(
        process(nodes(S="startEvent") + '<bpmn:task id="A" name="&j;"/>' + seq("S>A")))
    path = tmp_path / "bom.bpmn"
    path.write_text(xml, encoding="utf-8")
    start = time.perf_counter()
    text, messages = import_bpmn(path, "uji")
    assert time.perf_counter() - start < 5
    assert text is None and "entitas XML mengembang terlalu besar (ditolak)" in messages[0]


def test_a_dtd_is_not_fetched(tmp_path):
    xml = ('<?xml version="1.0"?>\n<!DOCTYPE d SYSTEM "http://198.51.100.1/tidak-ada.dtd">\n'
           + document(process(nodes(S="startEvent", A="task:Menerima") + seq("S>A"))))
    path = tmp_path / "dtd.bpmn"
    path.write_text(xml, encoding="utf-8")
    start = time.perf_counter()
    text, messages = import_bpmn(path, "uji")
    assert text is not None and "uraian: Menerima" in text
    assert time.perf_counter() - start < 5  # a network fetch to a blackhole address would hang


def test_wrong_namespace_and_foreign_roots_say_what_they_are(tmp_path):
    path = tmp_path / "salah.bpmn"
    path.write_text('<definitions xmlns="https://www.omg.org/spec/BPMN/20100524"/>', encoding="utf-8")
    text, messages = import_bpmn(path, "uji")
    assert text is None and messages[0].startswith(f"{path}:1:1: bukan berkas BPMN 2.0")
    assert "bukan namespace BPMN 2.0" in messages[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="pipes are POSIX")
def test_timpa_replaces_only_a_regular_file_and_never_the_bpmn_itself(tmp_path, monkeypatch, capsys):
    """--timpa renamed the map over whatever stood there: a device (as root: /dev/full became a file), a pipe,
    or the BPMN being imported.  A symlink going round in a circle was 'not found'."""
    monkeypatch.chdir(tmp_path)
    bpmn = tmp_path / "a.bpmn"
    bpmn.write_text(document(process(nodes(S="startEvent", A="task:Menerima", E="endEvent") + seq("S>A", "A>E"))),
                    encoding="utf-8")
    os.mkfifo(tmp_path / "pipa.yaml")
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "x.bpmn").symlink_to("y.bpmn")
    (tmp_path / "y.bpmn").symlink_to("x.bpmn")
    for argv, said in ((["a.bpmn", "-o", "pipa.yaml", "--timpa"], "bukan berkas biasa"),
                       (["a.bpmn", "-o", "folder.yaml", "--timpa"], "bukan berkas biasa"),
                       (["a.bpmn", "-o", "a.bpmn", "--timpa"], "masukan itu sendiri"),
                       (["x.bpmn"], "symlink yang tidak menuju berkas")):
        assert main(["impor", *argv]) == 2
        assert said in capsys.readouterr().err
    assert bpmn.read_text(encoding="utf-8").startswith("<bpmn:definitions") and (tmp_path / "folder.yaml").is_dir()
    assert main(["impor", "a.bpmn", "-o", "b.yaml"]) == 0 and main(["impor", "a.bpmn", "-o", "b.yaml", "--timpa"]) == 0


def test_text_after_an_entity_left_as_written_is_kept(tmp_path):
    """Entities are not expanded (external ones would read files): the text after one was lost with it."""
    bpmn = tmp_path / "e.bpmn"
    body = process(nodes(S="startEvent", A="task:Menerima", E="endEvent") + seq("S>A", "A>E")).replace(
        '<bpmn:task id="A" name="Menerima"/>',
        '<bpmn:task id="A" name="Menerima"><bpmn:documentation>Catatan &amp; penting &y; akhir'
        '</bpmn:documentation></bpmn:task>')
    bpmn.write_text('<!DOCTYPE d [<!ENTITY y "YY">]>' + document(body), encoding="utf-8")
    text, messages = import_bpmn(bpmn, "pd")
    assert text is not None and "Catatan & penting &y; akhir" in text, (text, messages)


def test_a_file_cut_short_anywhere_says_why_it_is_not_xml(tmp_path):
    """A BPMN cut off (a copy that stopped, a download broken off) ends anywhere: in a tag, an attribute, text.
    Each cut is said in words, never only as 'XML tidak sah (baris, kolom)'."""
    whole = document(process(nodes(S="startEvent", A="task:Menerima berkas", B="task:Memeriksa", E="endEvent")
                             + seq("S>A", "A>B:Lanjut", "B>E"))).encode("utf-8")
    unsaid = []
    for cut in range(20, len(whole) - 1, 7):
        path = tmp_path / "potong.bpmn"
        path.write_bytes(whole[:cut])
        text, messages = import_bpmn(path, "pd")
        assert text is None and len(messages) == 1
        if "bukan XML yang sah: " not in messages[0]:
            unsaid.append((cut, messages[0]))
    assert not unsaid, unsaid[:5]
