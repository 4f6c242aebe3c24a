"""The `evaluasi` record: one review session (date, place, evaluators) and what it found per document.

One file per session (``processes/evaluasi/<tahun>/<tanggal>-<perangkat daerah>.yaml``), the way a session
ends in one berita acara.  Per document: the revision evaluated, the monitoring verdict (Tabel 7), the seven
criteria of PermenPANRB 35/2012 each with an answer and a note, and findings attached to a step (or to the
whole document) with a recommendation and a status.
"""

# no `from __future__ import annotations`: pydantic would compile every annotation from its text (~3 ms)

from typing import Literal, Union

from pydantic import Field

from ..dates import Day
from ..model import Id, Kode, Teks, _File, _Model, new_dict, new_list

# The seven criteria of the evaluation form (PermenPANRB 35/2012): key in the YAML, label on the form
CRITERIA: tuple[tuple[str, str], ...] = (
    ("kinerja", "Mampu mendorong peningkatan kinerja"),
    ("mudah_dipahami", "Mudah dipahami"),
    ("mudah_dilaksanakan", "Mudah dilaksanakan"),
    ("peran_jelas", "Semua orang dapat menjalankan perannya masing-masing"),
    ("atasi_masalah", "Mampu mengatasi permasalahan yang berkaitan dengan proses"),
    ("kebutuhan_organisasi", "Mampu menjawab kebutuhan peningkatan kinerja organisasi"),
    ("sinergi", "Sinergi satu dengan lainnya"),
)
CRITERION_LABEL = dict(CRITERIA)
STATUSES = ("terbuka", "ditindaklanjuti", "ditutup")
Status = Literal["terbuka", "ditindaklanjuti", "ditutup"]


class Orang(_Model):
    """Someone who is not an official of the organisation file (an analyst, an auditor)."""

    nama: Teks = Field(description="Nama lengkap dengan gelar.")
    jabatan: Teks = Field(description="Jabatan, mis. Analis Kebijakan Ahli Muda.")
    nip: str | None = Field(None, description="NIP, bila ada.")


Person = Union[Id, Orang]


class Jawaban(_Model):
    jawaban: bool | None = Field(None, description="ya atau tidak; kosong: belum dinilai.")
    catatan: str | None = Field(None, description="Catatan penilai untuk kriteria ini.")


Answer = Union[bool, Jawaban]  # short form `kinerja: ya`, or {jawaban: ya, catatan: ...}
_ANSWER = "ya atau tidak, atau {jawaban: ya, catatan: ...}: "


class Kriteria(_Model):
    """The seven criteria; a criterion not written is not answered yet."""

    kinerja: Answer | None = Field(None, description=_ANSWER + CRITERIA[0][1])
    mudah_dipahami: Answer | None = Field(None, description=_ANSWER + CRITERIA[1][1])
    mudah_dilaksanakan: Answer | None = Field(None, description=_ANSWER + CRITERIA[2][1])
    peran_jelas: Answer | None = Field(None, description=_ANSWER + CRITERIA[3][1])
    atasi_masalah: Answer | None = Field(None, description=_ANSWER + CRITERIA[4][1])
    kebutuhan_organisasi: Answer | None = Field(None, description=_ANSWER + CRITERIA[5][1])
    sinergi: Answer | None = Field(None, description=_ANSWER + CRITERIA[6][1])

    def answer(self, key: str) -> tuple[bool | None, str]:
        """Return (ya/tidak or None, note) of criterion ``key``."""
        value = getattr(self, key)
        if isinstance(value, Jawaban):
            return value.jawaban, value.catatan or ""
        return value, ""


class Temuan(_Model):
    """One finding: on a step (`langkah`) or on the whole document."""

    id: Id | None = Field(None, description="Pengenal temuan (diisi otomatis oleh petaproses serve).")
    langkah: Id | None = Field(None, description="Id langkah yang dimaksud; kosong: seluruh dokumen.")
    teks_langkah: str | None = Field(
        None, description="Uraian langkah saat dinilai (tetap terbaca bila langkah itu kemudian dihapus).")
    uraian: Teks = Field(description="Temuan.")
    rekomendasi: str | None = Field(None, description="Rekomendasi perbaikan.")
    status: Status = Field("terbuka", description="terbuka, ditindaklanjuti atau ditutup.")
    revisi_penutup: str | None = Field(
        None, description="Revisi dokumen yang menutup temuan (commit git atau sha256:...); wajib bila ditutup.")


class DokumenDievaluasi(_Model):
    """What the session found about one document."""

    revisi: str | None = Field(
        None, description="Revisi yang dinilai: commit git berkasnya, atau sha256:... isi berkas di luar git.")
    berjalan_baik: bool | None = Field(
        None, description="Monitoring (Tabel 7): ya = berjalan dengan baik, tidak = tidak berjalan dengan baik.")
    catatan: str | None = Field(None, description="Monitoring: catatan hasil penilaian.")
    tindakan: str | None = Field(None, description="Monitoring: tindakan yang harus diambil.")
    kriteria: Kriteria = Field(default_factory=Kriteria, description="Tujuh kriteria evaluasi SOP AP.")
    temuan: list[Temuan] = Field(default_factory=new_list, description="Temuan per langkah atau per dokumen.")


class Evaluasi(_File):
    """A review session (reviu dan evaluasi): who, when, where, and per document what was found."""

    jenis: Literal["evaluasi"]
    kode: Kode = Field(description="Kode sesi, unik di antara rekaman evaluasi (mis. EVAL.SETDA.2026.01).")
    nama: str | None = Field(None, description="Nama sesi, mis. Reviu SOP Bagian Organisasi Semester II 2026.")
    perangkat_daerah: Id = Field(description="Perangkat Daerah yang direviu (berita acara ditulis ke foldernya).")
    tanggal: Day = Field(description="Tanggal sesi: YYYY-MM-DD, hari dulu '07-04-2026' atau '7 April 2026'.")
    tempat: str | None = Field(None, description="Tempat sesi.")
    penilai: list[Person] = Field(
        default_factory=new_list, description="Tim reviu: id pejabat dari organisasi.yaml, atau {nama, jabatan, nip}.")
    peserta: list[Person] = Field(
        default_factory=new_list, description="Peserta lain (pemilik proses): id pejabat atau {nama, jabatan, nip}.")
    dokumen: dict[Kode, DokumenDievaluasi] = Field(
        default_factory=new_dict, description="Dokumen yang dinilai: kode SOP atau peta -> hasil penilaian.")

    @property
    def title(self) -> str:
        from ..texts import format_date

        return self.nama or f"Reviu dan Evaluasi SOP {format_date(self.tanggal)}"  # as the berita acara dates it


__all__ = ["CRITERIA", "CRITERION_LABEL", "STATUSES", "Orang", "Person", "Jawaban", "Kriteria", "Temuan",
           "DokumenDievaluasi", "Evaluasi"]
