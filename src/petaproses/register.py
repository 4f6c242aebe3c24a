"""The register of regulations (`jenis: peraturan`): what each regulation is, and whether it is still in force.

SOPs and maps cite a regulation by its id here, or by a written citation that is matched to an entry by its
form, number and year (legal.py reads them).  From the register come the citations written out in full
(issuer, number, year, title and the latest amendment) in the order of the legal hierarchy, for the SOP's
identity block and the Mengingat of the Dokumen SOP's keputusan.
"""

# no `from __future__ import annotations`: pydantic would compile every annotation from its text (~3 ms)

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, PrivateAttr

from . import legal
from .legal import reference_date  # the rules and renderers ask here too
from .model import Id, WrittenDate, _File, _Model, new_list

Jenis = Literal["uud", "tap_mpr", "uu", "perppu", "pp", "perpres", "permen", "peraturan_lembaga", "perda_provinsi",
                "pergub", "perda", "perwal", "perbup", "peraturan_dprd", "keppres", "inpres", "kepmen", "keputusan",
                "instruksi", "surat_edaran"]
assert set(Jenis.__args__) == set(legal.FORMS)  # type: ignore[attr-defined]
_ID = re.compile(r"[a-z][a-z0-9_]*")


class Peraturan(_Model):
    """One regulation: what it is, and what amended or revoked it."""

    jenis: Jenis = Field(description="Jenis peraturan: uu, perppu, pp, perpres, permen, peraturan_lembaga, "
                                     "perda_provinsi, pergub, perda, perwal, perbup, peraturan_dprd; bukan peraturan "
                                     "perundang-undangan: keppres, inpres, kepmen, keputusan, instruksi, surat_edaran.")
    pembentuk: str | None = Field(None, description="Yang menetapkan, sesudah nama jenisnya: 'Pendayagunaan Aparatur "
                                                    "Negara dan Reformasi Birokrasi' (permen), 'Kota Padang Panjang' "
                                                    "(perda), 'Padang Panjang' (perwal), 'Badan Siber dan Sandi Negara'.")
    nomor: str | None = Field(None, description="Nomor, mis. 35 atau PER/21/M.PAN/11/2008.")
    tahun: int = Field(ge=1900, le=2100, description="Tahun penetapan.")
    judul: str | None = Field(None, description="Judul sesudah 'tentang'.")
    diubah_oleh: list[Id] = Field(default_factory=new_list, description="Id peraturan yang mengubahnya, urut waktu.")
    dicabut_oleh: Id | None = Field(None, description="Id peraturan yang mencabutnya (tidak berlaku lagi).")
    dicabut_tanggal: WrittenDate | None = Field(None, description="Tanggal dicabut (YYYY-MM-DD).")
    catatan: str | None = None

    @property
    def form(self) -> legal.Form:
        return legal.FORMS[self.jenis]

    def text(self) -> str:
        """Return the citation of this regulation alone: form, issuer, number, year and title."""
        return legal.citation_text(self.jenis, self.pembentuk, self.nomor, self.tahun, self.judul)

    def short_text(self) -> str:
        """Return the citation without its title, issuer kept ("Peraturan Menteri Dalam Negeri Nomor 12 Tahun 2026")."""
        return legal.citation_text(self.jenis, self.pembentuk, self.nomor, self.tahun, None)

    def key(self) -> tuple:
        return legal.sort_key(self.jenis, self.tahun, self.nomor, self.pembentuk or "")


class RegisterPeraturan(_File):
    """The catalogue's register of regulations, one entry per regulation, cited by id."""

    jenis: Literal["peraturan"]
    nama: str | None = Field(None, description="Judul register, mis. Register Peraturan Pemerintah Kota Padang Panjang.")
    dasar_keputusan: list[Id] = Field(
        default_factory=new_list, description="Id peraturan yang selalu dikutip pada 'Mengingat' keputusan penetapan "
                                              "Dokumen SOP (mis. UU Pemerintahan Daerah, PermenPANRB 35/2012, Perwal "
                                              "tentang Sistem Kerja).")
    peraturan: dict[Id, Peraturan] = Field(description="Peraturan: id -> rincian.")
    # (tahun, number as compared) -> ids in register order, made at the first ``find``: a catalogue's every
    # citation is looked up (site, rules, SOP bodies), and reading the whole register for each was quadratic
    _by_number: dict | None = PrivateAttr(default=None)
    # id -> its amendments, id -> its full text: asked for each citation of each SOP (bodies, site, rules)
    _amended: dict = PrivateAttr(default_factory=dict)
    _full: dict = PrivateAttr(default_factory=dict)
    _found: dict = PrivateAttr(default_factory=dict)  # citation -> what ``find`` answered

    # --------------------------------------------------------------------------------------- status
    def amendments(self, reg_id: str) -> list[str]:
        """Return the ids that amended ``reg_id``, oldest first (unknown ids left out)."""
        memo = self.__pydantic_private__["_amended"]  # type: ignore[index]  # not pydantic's slow __getattr__
        known = memo.get(reg_id)
        if known is None:
            entry = self.peraturan.get(reg_id)
            found = [a for a in entry.diubah_oleh if a in self.peraturan and a != reg_id] if entry else []
            known = memo[reg_id] = tuple(sorted(
                found, key=lambda a: (self.peraturan[a].tahun, legal.sort_key(None, 0, self.peraturan[a].nomor))))
        return list(known)

    def replacement(self, reg_id: str, on: _dt.date) -> str | None:
        """Return what a citation of revoked ``reg_id`` moves to: the regulation in force on ``on`` once the
        revocation took effect, else the one in force on the day it takes effect (not the end of a chain of
        revocations, whose last may still be to come); None when the register names none."""
        entry = self.peraturan.get(reg_id)
        if entry is None or not entry.dicabut_oleh:
            return None
        now = self.in_force(reg_id, on if self.revoked(reg_id, on) else entry.dicabut_tanggal)
        return None if now == reg_id else now

    def revoked(self, reg_id: str, on: _dt.date) -> bool:
        """Return whether ``reg_id`` is revoked on the day ``on`` (a revocation without a date: always)."""
        entry = self.peraturan.get(reg_id)
        if entry is None or not entry.dicabut_oleh:
            return False
        return entry.dicabut_tanggal is None or entry.dicabut_tanggal <= on

    def in_force(self, reg_id: str, on: _dt.date) -> str | None:
        """Return the regulation in force on ``on`` in place of ``reg_id``: itself until its revocation takes
        effect, then its successor (None when the register names none in force).  A regulation whose only
        revocation takes effect after ``on`` does not govern yet: cited, the one it will revoke is in force."""
        current: str | None = reg_id
        seen = {reg_id}
        while True:  # back from a cited regulation still to govern, to the one it will revoke
            olds = [rid for rid, e in sorted(self.peraturan.items()) if e.dicabut_oleh == current]
            later = [rid for rid in olds if self.peraturan[rid].dicabut_tanggal is not None
                     and self.peraturan[rid].dicabut_tanggal > on]  # type: ignore[operator]
            if len(later) != 1 or len(olds) > 1 or later[0] in seen:  # it governs already (one it revoked is
                break  # gone), or of several none is the one meant
            current = olds[0]
            seen.add(current)
        while current is not None and self.revoked(current, on):  # revocations that took effect: forward
            nxt = self.peraturan[current].dicabut_oleh
            current = nxt if nxt in self.peraturan and nxt not in seen else None
            seen.add(current or "")
        return current

    def pending(self, on: _dt.date) -> list[str]:
        """Return the ids whose revocation takes effect after ``on``: what a cache keyed by files must add to its
        key, since their findings and the keputusan change on that day with no file changed."""
        return sorted(i for i, e in self.peraturan.items() if e.dicabut_oleh and e.dicabut_tanggal is not None
                      and e.dicabut_tanggal > on)

    def sistem_kerja(self) -> str:
        """Return the regional regulation on Sistem Kerja among the decree's basis, in force today (empty when
        there is none): the Pemda's own rule on reviewing its processes (Padang Panjang's Perwal 48/2024)."""
        day = reference_date()
        for i in self.dasar_keputusan:
            now = self.in_force(i, day) if i in self.peraturan else None  # as the Mengingat: the one in force
            entry = self.peraturan[now] if now is not None else None
            if entry is not None and entry.form.rank in (7, 9) and "sistem kerja" in (entry.judul or "").lower():
                return entry.text()
        return ""

    def full_text(self, reg_id: str) -> str:
        """Return the citation with its amendments ("sebagaimana telah diubah dengan ...")."""
        memo = self.__pydantic_private__["_full"]  # type: ignore[index]
        text = memo.get(reg_id)
        if text is None:
            text = memo[reg_id] = legal.with_amendments(
                self.peraturan[reg_id].text(), [self.peraturan[a].text() for a in self.amendments(reg_id)])
        return text

    # --------------------------------------------------------------------------------------- matching
    def find(self, cite: legal.Citation) -> tuple[str | None, list[str]]:
        """Return the id ``cite`` names (or None) and, when several fit equally, their ids."""
        memo = self.__pydantic_private__["_found"]  # type: ignore[index]
        found = memo.get(cite)
        if found is None:
            found = memo[cite] = self._find(cite)
        return found[0], list(found[1])

    def _find(self, cite: legal.Citation) -> tuple[str | None, tuple[str, ...]]:
        if not cite.readable:
            return None, ()
        number = legal.normalise_number(cite.nomor or "")
        index = self.__pydantic_private__["_by_number"]  # type: ignore[index]
        if index is None:
            index = {}
            for rid, p in self.peraturan.items():
                index.setdefault((p.tahun, legal.normalise_number(p.nomor or str(p.tahun))), []).append(rid)
            self._by_number = index
        fits = [rid for rid in index.get((cite.tahun, number), ())
                if legal.forms_match(cite.form, self.peraturan[rid].jenis)]  # type: ignore[arg-type]
        if len(fits) > 1:  # same form, number and year from two issuers: the issuer's words decide
            scores = {rid: legal.issuer_score(cite.issuer, self.peraturan[rid].pembentuk or "") for rid in fits}
            best = max(scores.values())
            fits = [rid for rid in fits if scores[rid] == best]
        elif len(fits) == 1 and self.peraturan[fits[0]].form.issuer and cite.issuer:
            if legal.issuer_score(cite.issuer, self.peraturan[fits[0]].pembentuk or "") == 0:
                return None, ()  # "Permendagri 35/2012" is not PermenPANRB 35/2012
        return (fits[0], ()) if len(fits) == 1 else (None, tuple(fits))


@dataclass(frozen=True)
class Cited:
    """One entry of a `dasar_hukum` list, read and looked up."""

    index: int
    written: str
    reg_id: str | None  # the register entry it names
    citation: legal.Citation | None  # what the text says (None for an id)
    by_id: bool
    ambiguous: tuple[str, ...] = ()

    def key(self, register: RegisterPeraturan | None) -> tuple:
        """Return its place in the hierarchy; what cannot be read keeps its written order after the rest."""
        if register is not None and self.reg_id is not None:
            return register.peraturan[self.reg_id].key() + (self.index,)
        c = self.citation
        if c is None or c.form is None:
            return (legal.UNREAD_RANK, 0, (0, 0, ""), self.index)
        return legal.sort_key(c.form, c.tahun, c.nomor, c.issuer) + (self.index,)


def looks_like_id(text: str) -> bool:
    return bool(_ID.fullmatch(text))


def read_citations(register: RegisterPeraturan | None, entries: list[str]) -> list[Cited]:
    """Return every `dasar_hukum` entry read and, where there is a register, matched to it."""
    from .texts import split_mark  # here: the schema (made from this module's models) does not need it

    out = []
    for i, text in enumerate(entries):
        bare = split_mark(text)[1]  # "a. Peraturan ..." or "a. uu_23_2014", as transcribed SOPs number them
        if looks_like_id(bare):
            known = register is not None and bare in register.peraturan
            out.append(Cited(i, text, bare if known else None, None, True))
            continue
        cite = legal.parse(bare)
        reg_id, ambiguous = register.find(cite) if register is not None else (None, [])
        out.append(Cited(i, text, reg_id, cite, False, tuple(ambiguous)))
    return out


def written_order(cat, doc) -> bool:
    """Return whether ``doc``'s `dasar_hukum` is printed as written (`urutan_dasar_hukum: tertulis` on the map,
    else on the organisation file), not in hierarchy order."""
    chosen = getattr(doc, "urutan_dasar_hukum", None)
    if chosen is None and cat.organisasi is not None:
        chosen = cat.organisasi.urutan_dasar_hukum
    return chosen == "tertulis"


def ordered_texts(register: RegisterPeraturan | None, entries: list[str], as_written: bool = False) -> list[str]:
    """Return a `dasar_hukum` list as printed: hierarchy order (``as_written``: the written order, as a signed
    SOP lists them); register entries written out with amendments."""
    return [text for _i, text in printed(register, entries, as_written)]


def printed(register: RegisterPeraturan | None, entries: list[str], as_written: bool = False) -> list[tuple[int, str]]:
    """Return (written index, text) of each printed item of a `dasar_hukum` list, in the printed order
    (``ordered_texts``)."""
    from .texts import bulleted, own_marks, split_mark

    out: list[str] = []
    marked = own_marks(entries)  # written "a.", "b." (or "1.") by the author: that order is the signed one
    as_written = as_written or marked and not bulleted(entries)  # a bullet ("• UU ...") says no order
    cited = read_citations(register, entries)
    ids = {c.reg_id for c in cited if c.reg_id is not None}
    # an amendment listed on its own is already written out in its base's "sebagaimana telah diubah ..."
    folded = {a for i in ids for a in register.amendments(i)} if register is not None else set()
    order = cited
    if not as_written:  # what cannot be read keeps its written place; the rest fill the others in hierarchy order
        unread = [c.reg_id is None and (c.citation is None or c.citation.form is None) for c in cited]
        ranked = iter(sorted((c for c, u in zip(cited, unread) if not u), key=lambda c: c.key(register)))
        order = [c if u else next(ranked) for c, u in zip(cited, unread)]
    shown: list[int] = []  # the written place of each printed item
    for c in order:
        if c.reg_id in folded:
            continue
        text = register.full_text(c.reg_id) if register is not None and c.reg_id is not None else c.written
        if marked and text is not c.written and (mark := split_mark(c.written)[0]):
            text = f"{mark} {text}"  # the register's full text under the author's mark
        elif not marked:  # numbered 1, 2, 3 when printed: a stray mark of the author's would print twice
            text = split_mark(text)[1]
        if text not in out:
            out.append(text)
            shown.append(c.index)
    if shown != sorted(shown):  # moved: "; dan" and the closing "." stay at their places (review W)
        ends = legal.list_ends([c.written for c in cited])
        out = legal.repunctuate(out, [ends[i] for i in shown], ends)
    return list(zip(shown, out))


def sorted_ids(register: RegisterPeraturan, ids: list[str]) -> list[str]:
    """Return register ids in hierarchy order, each once."""
    return sorted(dict.fromkeys(i for i in ids if i in register.peraturan), key=lambda i: register.peraturan[i].key())


__all__ = ["Peraturan", "RegisterPeraturan", "Cited", "reference_date", "read_citations", "ordered_texts", "printed",
           "written_order", "sorted_ids", "looks_like_id"]
