"""Level-1 maps as real ones are (review M, PermenPANRB 19/2018 maps): many core processes, several flows
into one process, empty bands.  Geometry asserted on the layout's numbers and on the print scale."""

from __future__ import annotations

from pathlib import Path

from petaproses.catalogue import load_catalogue
from petaproses.layout import level1, text
from petaproses.render import diagram

ORG = """jenis: organisasi
nama: Pemerintah Kabupaten Contoh
perangkat_daerah:
  pd: {nama: Dinas Contoh, kepala: kadis}
pelaksana:
  staf: Staf
pejabat:
  kadis: {jabatan: Kepala Dinas, nama: "-", nip: "-"}
"""
HEAD = """jenis: peta-level-1
kode: PD.L1
nama: Peta Proses Bisnis Level 1 Dinas Contoh
perangkat_daerah: pd
"""
NINE = """proses:
  - {id: p1, kode: PD.1, nama: Penerbitan Kartu Keluarga, kategori: utama}
  - {id: p2, kode: PD.2, nama: Penerbitan KTP-el, kategori: utama}
  - {id: p3, kode: PD.3, nama: Penerbitan Kartu Identitas Anak, kategori: utama}
  - {id: p4, kode: PD.4, nama: Penerbitan Surat Keterangan Pindah, kategori: utama}
  - {id: p5, kode: PD.5, nama: Pencatatan Kelahiran, kategori: utama}
  - {id: p6, kode: PD.6, nama: Pencatatan Kematian, kategori: utama}
  - {id: p7, kode: PD.7, nama: Pencatatan Perkawinan dan Perceraian, kategori: utama}
  - {id: p8, kode: PD.8, nama: Pengelolaan SIAK, kategori: utama}
  - {id: p9, kode: PD.9, nama: Pemanfaatan Data Kependudukan, kategori: utama}
  - {id: m1, nama: Perencanaan Program dan Anggaran, kategori: manajemen}
  - {id: s1, nama: Pengelolaan Keuangan dan Aset, kategori: pendukung}
"""
MERGE = """proses:
  - {id: kk, kode: PD.1, nama: Penerbitan Kartu Keluarga, kategori: utama}
  - {id: ktp, kode: PD.2, nama: Penerbitan KTP-el, kategori: utama}
  - {id: kia, kode: PD.3, nama: Penerbitan Kartu Identitas Anak, kategori: utama}
  - {id: pindah, kode: PD.4, nama: Penerbitan Surat Keterangan Pindah, kategori: utama}
  - {id: lahir, kode: PD.5, nama: Pencatatan Kelahiran, kategori: utama}
  - {id: mati, kode: PD.6, nama: Pencatatan Kematian, kategori: utama}
  - {id: siak, kode: PD.7, nama: Pengelolaan SIAK, kategori: utama}
  - {id: blanko, kode: PD.8, nama: Pengelolaan Blangko, kategori: pendukung}
alur:
  - {dari: pindah, ke: kk, label: KK baru di alamat tujuan}
  - {dari: lahir, ke: kk, label: Penambahan anggota keluarga}
  - {dari: mati, ke: kk, label: Pengurangan anggota keluarga}
  - {dari: kk, ke: ktp}
  - {dari: kk, ke: kia}
  - {dari: kk, ke: siak}
  - {dari: ktp, ke: siak}
  - {dari: blanko, ke: ktp, label: Blangko KTP-el}
"""
STAKEHOLDERS = """pemangku_kepentingan:
  masukan: [Penduduk, Pemerintah Desa/Kelurahan, Rumah Sakit]
  keluaran: [Penduduk, Perangkat Daerah Pengguna Data]
"""


def _map(tmp_path: Path, body: str):
    (tmp_path / "pd").mkdir()
    (tmp_path / "organisasi.yaml").write_text(ORG, encoding="utf-8")
    (tmp_path / "pd" / "l1.yaml").write_text(HEAD + body, encoding="utf-8")
    cat, problems = load_catalogue([str(tmp_path)])
    assert not problems, problems
    [doc] = cat.maps
    return cat, doc


def _placed(cat, doc):
    lp = level1.plan(cat, doc)
    level1.place(lp, doc, 12.0, 2000.0)
    return lp


def _label_box(f):
    w = max(text.text_width(t, text.SMALL) for t in f.label)
    h = text.block_height(len(f.label), text.SMALL)
    return f.label_at[0] - w / 2, f.label_at[1] - h / 2, f.label_at[0] + w / 2, f.label_at[1] + h / 2


def _segments(pts):
    return list(zip(pts, pts[1:]))


def _through(box, p, q) -> bool:
    x0, y0, x1, y1 = box
    return min(p[0], q[0]) < x1 and max(p[0], q[0]) > x0 and min(p[1], q[1]) < y1 and max(p[1], q[1]) > y0


def _cross(s, t) -> bool:
    """Whether two segments cross at a point inside both (not where one ends)."""
    (p1, p2), (p3, p4) = s, t

    def side(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2, d3, d4 = side(p3, p4, p1), side(p3, p4, p2), side(p1, p2, p3), side(p1, p2, p4)
    return d1 * d2 < -1e-6 and d3 * d4 < -1e-6


def test_nine_core_processes_print_legibly_on_an_a4_page(tmp_path):
    """Review M 03: nine core processes stood in one row, 1960 x 394 pt; `build --pdf` printed its 10 pt text at
    4.2 pt and left two thirds of the page empty.  Now they wrap into rows, in their order, left to right."""
    cat, doc = _map(tmp_path, NINE + STAKEHOLDERS)
    pages, scale = diagram.pdf_pages(cat, doc)
    width, height = diagram._bb(pages[0])
    assert len(pages) == 1 and width / height < 2.5, (width, height)  # was 5.9
    assert 10 * scale >= 7.0, scale  # the boxes' 10 pt text prints at 7 pt at least
    lp = _placed(cat, doc)
    core = next(b for b in lp.bands if b.kind == "utama").boxes
    rows = sorted({round(box[1]) for _, box in core}, reverse=True)
    assert len(rows) > 1
    reading = [p.id for _, (cx, cy, _w, _h) in sorted(core, key=lambda pb: (-round(pb[1][1]), pb[1][0]))
               for p in [_]]
    assert reading == lp.main  # rows read left to right, top down, in the value chain's order


def test_a_small_value_chain_stays_one_row(catalogue):
    for doc in (d for d in catalogue.maps if d.jenis == "peta-level-1"):
        lp = _placed(catalogue, doc)
        core = next(b for b in lp.bands if b.kind == "utama").boxes
        assert len(core) <= 4 and len({round(box[1]) for _, box in core}) == 1, doc.kode


def test_flows_into_one_process_keep_their_own_lines_and_labels(tmp_path):
    """Review M 11: three flows into one process merged on one track with one arrowhead, their labels floating
    over it; a flow out of it left from the point where they arrived ("Pindah -> KIA" read as a flow)."""
    cat, doc = _map(tmp_path, MERGE)
    lp = _placed(cat, doc)
    ends = [f.points[-1] for f in lp.flows]
    assert len({(round(x), round(y)) for x, y in ends}) == len(ends)  # an arrowhead each
    starts = [f.points[0] for f in lp.flows]
    for f in lp.flows:  # no line leaves where another arrives, nor runs on another's stretch
        assert all(abs(f.points[-1][0] - s[0]) >= 5 or abs(f.points[-1][1] - s[1]) >= 5 for s in starts)
        for g in lp.flows:
            if g is f:
                continue
            for p, q in _segments(f.points):
                for r, s in _segments(g.points):
                    if p[1] == q[1] == r[1] == s[1]:  # two horizontal stretches on one level do not overlap
                        assert max(min(p[0], q[0]), min(r[0], s[0])) >= min(max(p[0], q[0]), max(r[0], s[0])), \
                            (f.source, f.target, g.source, g.target)
    boxes = [(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2) for b in lp.bands for _, (cx, cy, w, h) in b.boxes]
    for f in (f for f in lp.flows if f.label):
        box = _label_box(f)
        # on its own line: a stretch of it runs along the label's foot or side, within 5 pt
        near = (box[0] - 5, box[1] - 5, box[2] + 5, box[3] + 5)
        assert any(_through(near, p, q) for p, q in _segments(f.points)), f.label
        assert not any(_through(box, p, q) for g in lp.flows for p, q in _segments(g.points)), f.label
        assert not any(_through(box, (b[0], b[1]), (b[2], b[3])) for b in boxes), f.label
    lines = [(k, s) for k, f in enumerate(lp.flows) for s in _segments(f.points)]
    crossings = [(i, j) for i, s in lines for j, t in lines if i < j and _cross(s, t)]
    assert not crossings, crossings


def test_an_empty_band_is_drawn_low(tmp_path):
    """Review M 09: bands with no process stood as tall as one with a row of boxes."""
    cat, doc = _map(tmp_path, MERGE)
    lp = _placed(cat, doc)
    heights = {b.kind: b.height for b in lp.bands}
    assert heights["manajemen"] < 50 < heights["pendukung"]


def test_a_flow_from_a_stakeholder_is_told_what_alur_joins(tmp_path):
    """Review M 07: `alur: {dari: penduduk}` said only that no process 'penduduk' exists."""
    from petaproses.check import check

    body = """pemangku_kepentingan:
  masukan: [Penduduk]
proses:
  - {id: a, nama: Pencatatan Kelahiran, kategori: utama}
  - {id: b, nama: Penerbitan Kartu Keluarga, kategori: utama}
alur:
  - {dari: penduduk, ke: a, label: Permohonan}
  - {dari: a, ke: b}
"""
    (tmp_path / "pd").mkdir()
    (tmp_path / "organisasi.yaml").write_text(ORG, encoding="utf-8")
    (tmp_path / "pd" / "l1.yaml").write_text(HEAD + body, encoding="utf-8")
    _cat, problems = check([str(tmp_path)])
    found = [p for p in problems if p.code == "unknown-step"]
    assert len(found) == 1 and found[0].line == 11  # the flow from penduduk
    assert "id proses yang ada: a, b" in found[0].message and "pemangku_kepentingan" in found[0].message
