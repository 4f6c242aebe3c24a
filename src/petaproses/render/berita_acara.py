"""The berita acara of a review session: date, attendees, documents reviewed, findings, signatures.

One .docx per evaluation record (`jenis: evaluasi`), into the folder of the session's Perangkat Daerah.  The
wording is the restylable template ``templates/sop/berita-acara.j2`` (the book's markup, see
``sop_book.markup``); its tables are filled from the record here.  The findings are those the session recorded; each one's
status is the one the site and ``metrik`` give (``evaluation.followup``: a step changed by a later revision
is followed up), so that the three never disagree (review round 4).
"""

from __future__ import annotations

from ..catalogue import Catalogue
from ..evaluation.followup import finding_states
from ..evaluation.records import person_details
from ..evaluation.model import CRITERIA, Evaluasi
from ..flow import step_id
from ..layout.page import mm
from ..model import PetaLintasFungsi
from ..texts import date_in_words, format_date, printed_nip
from . import docx_xml as X
from .docx_package import build_time
from .docx_style import Style, load_style, render_text, templates_dir
from .docx_writer import Writer, context
from .sop_book import markup, render_marked

FOOTER = "Berita Acara {{ kode }}    Halaman {{ halaman }} dari {{ jumlah_halaman }}"
_TABLES = ("[[peserta]]", "[[dokumen]]", "[[temuan]]", "[[tanda_tangan_peserta]]")
_RUNNING = {True: "Berjalan dengan baik", False: "Tidak berjalan dengan baik", None: "-"}
_BLANK = ("(.................................)", "", "")


def applies(doc) -> bool:
    return False  # one per evaluation record, made with the department's files


def render(cat, doc, **options) -> dict[str, bytes]:
    return {}


def file_name(record: Evaluasi) -> str:
    return f"Berita-Acara-Reviu-{record.kode}.docx"


def _states(cat: Catalogue) -> dict[int, dict[tuple[str, int], tuple[str, bool]]]:
    """Per record (``id``): (document, finding's position) -> (status, whether a later revision gave it).  The
    catalogue's findings are followed once (git is asked per document), for every berita acara."""
    out: dict[int, dict[tuple[str, int], tuple[str, bool]]] = {}
    for s in finding_states(cat):
        out.setdefault(id(s.record), {})[s.kode, s.index] = (s.status, s.inferred)
    return out


def _breakable(code: str) -> str:
    """A code that may break after its dots in a narrow column ("DUKCAPIL.CAPIL.SO P.04", review Q)."""
    return code.replace(".", ".\u200b")


class _Tables:
    """The filled tables of one berita acara, as WordprocessingML."""

    def __init__(self, cat: Catalogue, record: Evaluasi, style: Style, width: int,
                 states: dict[tuple[str, int], tuple[str, bool]]) -> None:
        self.cat, self.record, self.st, self.width, self.states = cat, record, style, width, states
        self.size = style.size - 1
        self.line = style.line(self.size)

    def _p(self, text: str, bold: bool = False, align: str | None = None) -> str:
        return X.para(text, size=self.size, bold=bold, align=align, line=self.line, before=40, after=40)

    def _grid(self, heads: list[str], rows: list[list[str]], shares: list[float]) -> str:
        widths = [int(self.width * s) for s in shares]
        widths[-1] = self.width - sum(widths[:-1])
        out = X.row("".join(X.cell(self._p(h, bold=True, align="center"), w, fill=self.st.heading_fill)
                            for h, w in zip(heads, widths)), header=True)
        for row in rows:
            out += X.row("".join(X.cell(self._p(v), w) for v, w in zip(row, widths)))
        return X.table(widths, out, 80) + X.para(line=120, size=1)

    def peserta(self) -> str:
        rows = [[str(i), *person_details(self.cat, p)[:2], role] for i, (p, role) in enumerate(
            [(p, "Tim reviu") for p in self.record.penilai] + [(p, "Peserta") for p in self.record.peserta], 1)]
        if not rows:
            return self._p("(daftar hadir terlampir)")
        return self._grid(["No", "Nama", "Jabatan", "Keterangan"], rows, [0.07, 0.36, 0.39, 0.18])

    def dokumen(self) -> str:
        rows = []
        for i, (kode, entry) in enumerate(self.record.dokumen.items(), 1):
            doc = self.cat.by_code.get(kode)
            answers = [entry.kriteria.answer(k)[0] for k, _ in CRITERIA]
            asked = sum(a is not None for a in answers)  # "0 dari 1" read as one criterion in all (review 4)
            met = f"{sum(a is True for a in answers)} dari {len(answers)}" + \
                (f" ({len(answers) - asked} belum dijawab)" if asked < len(answers) else "") if asked else "-"
            unmet = [label for (_k, label), a in zip(CRITERIA, answers) if a is False]
            met += f"; tidak terpenuhi: {'; '.join(unmet)}" if unmet else ""  # which, not only how many (review Q)
            running = _RUNNING[entry.berjalan_baik]
            name = f"{doc.nama} ({_breakable(kode)})" if doc is not None else _breakable(kode)
            rows.append([str(i), name, running, met, str(len(entry.temuan))])
        if not rows:
            return self._p("(belum ada dokumen)")
        return self._grid(["No", "SOP / peta", "Penerapan", "Kriteria terpenuhi", "Temuan"], rows,
                          [0.07, 0.45, 0.2, 0.16, 0.12])

    def _step(self, kode: str, step: str | None, text: str | None) -> str:
        if step is None:
            return "Seluruh dokumen"
        doc = self.cat.by_code.get(kode)
        if isinstance(doc, PetaLintasFungsi):
            for i, s in enumerate(doc.kegiatan):
                if step_id(s, i) == step and (not text or text == s.uraian):
                    return f"{i + 1}. {s.uraian}"
        # the step as the session saw it: revised since, today's number would go with another text (review Q)
        return text or step

    def temuan(self) -> str:
        rows = []
        for kode, entry in self.record.dokumen.items():
            for i, f in enumerate(entry.temuan):
                status, inferred = self.states.get((kode, i), (f.status, False))
                rows.append([str(len(rows) + 1), _breakable(kode), self._step(kode, f.langkah, f.teks_langkah), f.uraian,
                             f.rekomendasi or "-",
                             status.capitalize() + (" (SOP direvisi sesudah sesi)" if inferred else "")])
        if not rows:
            return self._p("Tidak ada temuan.")
        return self._grid(["No", "Dokumen", "Langkah", "Temuan", "Rekomendasi", "Status"], rows,
                          [0.05, 0.2, 0.18, 0.21, 0.21, 0.15])

    def tanda_tangan_peserta(self) -> str:
        """Signature blocks, two side by side: positions on one row, names on the next, so names line up."""
        people = [(p, "Tim reviu,") for p in self.record.penilai] + [(p, "Peserta,") for p in self.record.peserta]
        if not people:
            people = [("", "Tim reviu,"), ("", "Peserta,")]
        half = self.width // 2
        blocks = []
        for person, role in people:
            name, position, nip = person_details(self.cat, person) if person else _BLANK
            top = (X.para(role, size=self.size, line=self.line, keep_next=True)
                   + X.para(position, size=self.size, line=self.line, keep_next=True))
            bottom = (X.para(line=mm(18), keep_next=True)
                      + X.para(name, size=self.size, bold=True, line=self.line, keep_next=True)
                      + X.para(printed_nip(nip), size=self.size, line=self.line, after=240))
            blocks.append((X.cell(top, half), X.cell(bottom, half)))
        if len(blocks) % 2:
            blocks.append((X.cell("", half), X.cell("", half)))
        rows = "".join(X.row(blocks[i][0] + blocks[i + 1][0]) + X.row(blocks[i][1] + blocks[i + 1][1])
                       for i in range(0, len(blocks), 2))
        return X.para(line=200, size=1, keep_next=True) + X.table([half, half], rows, 80, borders=False)


def berita_acara(cat: Catalogue, record: Evaluasi, style: Style, followed: dict | None = None) -> bytes:
    """Return the berita acara of one review session (.docx); ``followed``: ``_states`` of the catalogue, when
    several are made."""
    w = Writer(cat, style)
    ctx = context(cat, pd_id=record.perangkat_daerah)
    findings = sum(len(e.temuan) for e in record.dokumen.values())
    states = (followed if followed is not None else _states(cat)).get(id(record), {})
    still_open = sum(states.get((kode, i), (f.status,))[0] == "terbuka"
                     for kode, e in record.dokumen.items() for i, f in enumerate(e.temuan))
    ctx.update(kode=record.kode, jumlah_dokumen=len(record.dokumen), jumlah_temuan=findings,
               jumlah_terbuka=still_open,
               sesi={"kode": record.kode, "nama": record.title, "tempat": record.tempat or "",
                     "tanggal": format_date(record.tanggal), "hari_tanggal": date_in_words(record.tanggal)})
    text, values = render_marked(style, "berita-acara.j2", ctx)  # a value is text, never a marker (sop_book)
    width = (style.page[1] if style.landscape else style.page[0]) - style.margin("kiri") - style.margin("kanan")
    tables = _Tables(cat, record, style, width, states)
    body, chunk = [], []
    for line in text.splitlines() + [""]:
        marker = line.strip()
        if marker in _TABLES or marker == "[[spasi_kecil]]":
            xml = markup(w, "\n".join(chunk), width, values)[0]
            # the closing words go with the signatures: never these alone on a page
            body.append(X.keep_next(xml, last_only=True) if marker == "[[tanda_tangan_peserta]]" else xml)
            chunk = []
            body.append(X.para(line=mm(4)) if marker == "[[spasi_kecil]]" else getattr(tables, marker[2:-2])())
        else:
            chunk.append(line)
    body.append(markup(w, "\n".join(chunk), width, values)[0])
    w.append("".join(body))
    w.section(w.doc.sections[0], False, "", render_text(style, FOOTER, **ctx))
    return w.bytes(f"Berita Acara {record.title}", build_time(record.tanggal))


def render_department(cat: Catalogue, pd_id: str, pdf: bool = False, **_options) -> dict[str, bytes]:
    """Return the berita acara of every review session of ``pd_id``; with ``pdf`` (`build --pdf`), their PDFs
    too (they were left out, review U)."""
    records = [r for r in cat.evaluations if r.perangkat_daerah == pd_id]
    if not records:
        return {}
    style = load_style(templates_dir())
    followed = _states(cat)
    files = {file_name(r): berita_acara(cat, r, style, followed) for r in records}
    if pdf:  # one LibreOffice run for all of them
        from .sop_docx import to_pdf

        files.update(to_pdf(files))
    return files
