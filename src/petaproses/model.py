"""The authoring model: one pydantic class per kind of YAML file.

Pydantic v2 (rather than plain dataclasses) because it gives, from one declaration, the type checks with a path to
every bad value (mapped back to YAML line:column in ``load.py``), ``extra="forbid"`` for unknown keys and the JSON
Schema for editors (``schema.py``).  Field descriptions are the editor hover text, so they are in Bahasa Indonesia.
"""

# no `from __future__ import annotations`: pydantic would compile every annotation from its text (~3 ms)

import re
from typing import Literal, Union

from pydantic import Field, model_validator

from .dates import BLANK, BlankableDate, WrittenDate
from .durations import with_unit
# the shared types and the organisation file have their own modules; their names are imported from here as before
from .model_base import DaftarTeks, Id, Kode, Teks, _File, _Model, as_list, new_dict, new_list  # noqa: F401
from .model_org import (URUTAN_DASAR_HUKUM, Jabatan, Organisasi, PerangkatDaerah, Pejabat, Unit,  # noqa: F401
                        UrutanDasarHukum)


KATEGORI = ("manajemen", "utama", "pendukung")
END_TARGET = "selesai"  # a branch to this target ends the process there (no step may have this id)
_CODE_LIKE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+")


def looks_like_code(text: str) -> bool:
    """Return whether ``text`` is written like a catalogue code (no spaces, dotted: SETDA.ORG.SOP.01)."""
    return bool(_CODE_LIKE.fullmatch(text))


def says_none(text: str) -> bool:  # "-", "Tidak ada": how originals write that there is no related SOP
    return text.strip().lower() in {*BLANK, "--", "tidak ada", "nihil"}




# --------------------------------------------------------------------------------------------- steps
Tujuan = Union[Id, list[Id]]


class _Node(_Model):
    """Flow fields shared by steps and sub-processes: implicit next unless ``ke``/``cabang``/``selesai``."""

    id: Id | None = Field(None, description="Pengenal langkah; wajib bila dirujuk oleh cabang atau ke.")
    ke: Tujuan | None = Field(None, description="Langkah berikutnya bila bukan langkah yang ditulis sesudahnya.")
    cabang: dict[Teks, Id] | None = Field(
        None, description="Keputusan: label cabang -> id langkah tujuan, mis. {Ya: tetapkan, Tidak: susun}; "
                          "tujuan 'selesai' mengakhiri proses pada cabang itu."
    )
    selesai: bool = Field(False, description="true: proses berakhir setelah langkah ini.")


class Kegiatan(_Node):
    """One activity of a cross-functional map or SOP."""

    uraian: Teks = Field(description="Uraian kegiatan, diawali kata kerja tanpa subjek (mis. Memeriksa berkas).")
    pelaksana: Union[Id, list[Id]] = Field(
        description="Id jabatan pelaksana dari berkas organisasi; daftar id: beberapa pelaksana dalam satu baris, "
                    "bergiliran sesuai urutan tulis (mis. diparaf berjenjang), atau bersama bila 'bersama: ya'.")
    bersama: bool = Field(False, description="ya: pelaksana dalam daftar mengerjakan kegiatan ini bersama-sama "
                                             "(kotak mereka dihubungkan garis, bukan panah).")
    tugas: dict[Id, Teks] | None = Field(None, description="Beberapa pelaksana: id -> teks kotaknya di peta, mis. "
                                                           "{kasubag: Paraf, kadis: Menandatangani}; bawaan: uraian.")
    aplikasi: list[Id] = Field(default_factory=new_list, description="Id aplikasi (SPBE) yang dipakai kegiatan ini.")
    kelengkapan: DaftarTeks | None = Field(None, description="Mutu baku: kelengkapan/persyaratan.")
    waktu: str | None = Field(None, description="Mutu baku: waktu, dicetak apa adanya, mis. '15 menit', '1-2 hari', "
                                            "'15 menit/berkas'; teks lain (mis. 'setiap saat') tidak dihitung metrik.")
    output: DaftarTeks | None = Field(None, description="Mutu baku: output.")
    keterangan: str | None = Field(None, description="Keterangan.")
    rincian: Kode | None = Field(None, description="Kode SOP atau peta yang merinci kegiatan ini.")

    # the map's satuan_waktu, for a time written as a bare number, is kept in pydantic's private slot, set by the map
    # only when it has one: a PrivateAttr made pydantic initialise every step's slot (~40% of reviving a document)

    @property
    def waktu_dibaca(self) -> str | None:
        """``waktu`` as the metrics read it: after a bare number, the map's ``satuan_waktu``."""
        private = self.__pydantic_private__
        return with_unit(self.waktu, private.get("_satuan") if private is not None else None)

    @property
    def actors(self) -> list[str]:
        """Return the step's actor ids: one, or several in the written order (a chain or a joint activity)."""
        return [self.pelaksana] if isinstance(self.pelaksana, str) else list(self.pelaksana)


class SubProses(_Node):
    """One box of a sub-process map."""

    kode: Kode | None = Field(None, description="Kode sub proses.")
    nama: Teks = Field(description="Nama sub proses.")
    rincian: Kode | None = Field(None, description="Kode peta atau SOP yang merinci sub proses ini.")
    output: DaftarTeks | None = Field(None, description="Output (keluaran) sub proses, mis. 'Daftar Barang Ruangan "
                                                         "(DBR)'; dicetak di kotaknya pada peta sub proses.")


# --------------------------------------------------------------------------------------------- maps
Link = tuple[tuple, str, str]  # (key path of the value, code it names, "induk" | "rincian" | "keterkaitan")


DASAR_HUKUM = ("Peraturan yang mendasari: id dari register peraturan (mis. permenpanrb_35_2012), atau teks kutipan "
               "(mis. Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang ...).")


class _Map(_File):
    kode: Kode
    nama: Teks = Field(description="Nama peta atau SOP.")
    perangkat_daerah: Id = Field(description="Id Perangkat Daerah dari berkas organisasi.")
    unit: Id | None = Field(None, description="Id unit kerja dari berkas organisasi.")
    induk: Kode | None = Field(None, description="Kode peta di atasnya (tingkat lebih tinggi).")
    deskripsi: str | None = Field(None, description="Penjelasan singkat.")
    dasar_hukum: list[Teks] = Field(default_factory=new_list, description=DASAR_HUKUM)
    urutan_dasar_hukum: UrutanDasarHukum | None = Field(None, description=URUTAN_DASAR_HUKUM)

    def flow_items(self) -> tuple[str, list] | None:
        """Return (key, items) of the steps that form a flow graph (see flow.py), or None for a map without."""
        return None

    def links(self) -> list[Link]:
        """Return every code this map names, where: its parent, the maps detailing its items, related SOPs."""
        return [(("induk",), self.induk, "induk")] if self.induk else []

    def _item_links(self, key: str, items: list) -> list[Link]:
        return [((key, i, "rincian"), item.rincian, "rincian") for i, item in enumerate(items) if item.rincian]


class ProsesL1(_Model):
    id: Id
    kode: Kode | None = None
    nama: Teks
    kategori: Literal["manajemen", "utama", "pendukung"] = Field(description="manajemen, utama atau pendukung.")
    rincian: Kode | None = Field(None, description="Kode peta sub proses, peta lintas fungsi atau SOP di bawahnya.")


class Alur(_Model):
    dari: Id
    ke: Id
    label: str | None = None


class PemangkuKepentingan(_Model):
    masukan: list[Teks] = Field(default_factory=new_list, description="Pemberi masukan (digambar di kiri).")
    keluaran: list[Teks] = Field(default_factory=new_list, description="Penerima keluaran (digambar di kanan).")


class PetaLevel1(_Map):
    """A department's processes by category (level 1, or level 0 for the whole institution)."""

    jenis: Literal["peta-level-1", "peta-level-0"]
    pemangku_kepentingan: PemangkuKepentingan = Field(default_factory=PemangkuKepentingan)
    proses: list[ProsesL1] = Field(min_length=1)
    alur: list[Alur] = Field(
        default_factory=new_list, description="Alur antarproses; bila kosong, proses utama berurutan.")

    def links(self) -> list[Link]:
        return super().links() + self._item_links("proses", list(self.proses))


class PetaSubProses(_Map):
    jenis: Literal["peta-sub-proses"]
    sub_proses: list[SubProses] = Field(min_length=1)

    def flow_items(self) -> tuple[str, list] | None:
        return "sub_proses", list(self.sub_proses)

    def links(self) -> list[Link]:
        return super().links() + self._item_links("sub_proses", list(self.sub_proses))


class PetaLintasFungsi(_Map):
    jenis: Literal["peta-lintas-fungsi"]
    pelaksana: list[Id] | None = Field(None, description="Urutan kolom/lajur pelaksana; bawaan: urutan kemunculan.")
    satuan_waktu: Literal["menit", "jam", "hari"] | None = Field(None, description="Satuan waktu yang ditulis angka "
        "saja (mis. '5', '10', '1-2'), seperti kolom Waktu SOP yang sudah ditetapkan: dicetak dengan satuan ini "
        "('30 menit') dan dihitung dalam satuan ini.")
    kegiatan: list[Kegiatan] = Field(min_length=1)

    @model_validator(mode="after")
    def _unit_of_bare_times(self) -> "PetaLintasFungsi":
        for step in self.kegiatan:
            if self.satuan_waktu is not None or step.__pydantic_private__ is not None:  # a step reused: as this map says
                object.__setattr__(step, "__pydantic_private__", {"_satuan": self.satuan_waktu})
        return self

    def flow_items(self) -> tuple[str, list] | None:
        return "kegiatan", list(self.kegiatan)

    def links(self) -> list[Link]:
        return super().links() + self._item_links("kegiatan", list(self.kegiatan))


class Tanggal(_Model):
    pembuatan: BlankableDate = Field(description="Tanggal SOP selesai dibuat (YYYY-MM-DD, atau YYYY-MM); '-' bila SOP aslinya mencetaknya kosong.")
    revisi: BlankableDate = None
    revisi_ke: int | None = Field(None, ge=0, description="Nomor revisi, bila SOP mencetaknya (mis. 'Revisi ke: 2').")
    efektif: BlankableDate = None


IdAtauDaftar = Union[Id, list[Id]]


class Riwayat(_Model):
    """One revision of an SOP: when, and what changed (ubah-jabatan writes one per change it makes)."""

    tanggal: WrittenDate = Field(description="Tanggal revisi (YYYY-MM-DD).")
    uraian: Teks = Field(description="Apa yang diubah, mis. Jabatan X diganti Y (penyetaraan jabatan).")


class Sop(PetaLintasFungsi):
    """An SOP AP: a cross-functional procedure plus its identity part (PermenPANRB 35/2012)."""

    jenis: Literal["sop"]  # type: ignore[assignment]
    nomor: Teks = Field(description="Nomor SOP sesuai tata naskah dinas.")
    tanggal: Tanggal
    disahkan_oleh: IdAtauDaftar = Field(
        description="Id pejabat pengesah dari berkas organisasi; daftar id bila ditandatangani beberapa pejabat.")
    diperiksa_oleh: IdAtauDaftar | None = Field(None, description="Id pejabat yang memeriksa (dicetak 'Diperiksa oleh').")
    dibuat_oleh: IdAtauDaftar | None = Field(None, description="Id pejabat penyusun (dicetak 'Dibuat oleh', di bawah pemeriksa).")
    tanda_tangan: Literal["basah", "elektronik"] = Field(
        "basah", description="elektronik: dicetak 'Ditandatangani secara elektronik' dengan ruang untuk cap QR/BSrE.")
    tujuan: DaftarTeks | None = Field(None, description="Tujuan SOP (bagian tambahan sebelum bagan alir); daftar bila bernomor.")
    ruang_lingkup: DaftarTeks | None = Field(None, description="Ruang lingkup SOP (bagian tambahan).")
    definisi: Union[dict[Teks, Teks], list[Teks], None] = Field(
        None, description="Definisi/istilah: {istilah: arti} atau daftar kalimat (bagian tambahan).")
    dasar_hukum: list[Teks] = Field(default_factory=new_list, description=DASAR_HUKUM)
    riwayat: list[Riwayat] = Field(default_factory=new_list, description="Riwayat revisi: tanggal dan uraian perubahan.")
    kualifikasi_pelaksana: list[Teks] = Field(default_factory=new_list)
    keterkaitan: list[Teks] = Field(
        default_factory=new_list, description="SOP terkait: kode SOP di katalog ini (mis. SETDA.ORG.SOP.01), atau "
                                              "judul SOP instansi lain (mis. SOP Pengelolaan Surat Keluar).")
    peralatan: list[Teks] = Field(default_factory=new_list, description="Peralatan/perlengkapan.")
    peringatan: DaftarTeks | None = None
    pencatatan: DaftarTeks | None = Field(None, description="Pencatatan dan pendataan.")
    jumlah_waktu: Teks | None = Field(
        None, description="Jumlah waktu seperti dicetak di baris terakhir tabel bagan alir (mis. 35 menit; 3 hari kerja).")
    catatan: DaftarTeks | None = Field(
        None, description="Catatan di bawah tabel bagan alir (mis. keterangan singkatan atau ketentuan waktu).")

    def links(self) -> list[Link]:
        return super().links() + [(("keterkaitan", i), code, "keterkaitan") for i, code in enumerate(self.keterkaitan)
                                  if looks_like_code(code)]

    @property
    def pengesah(self) -> list[str]:  # the officials who sign ("Disahkan oleh"): one or several
        return as_list(self.disahkan_oleh)

    @property
    def pemeriksa(self) -> list[str]:  # who check ("Diperiksa oleh"): possibly none
        return as_list(self.diperiksa_oleh)

    @property
    def pembuat(self) -> list[str]:  # who drew it up ("Dibuat oleh"): possibly none
        return as_list(self.dibuat_oleh)


# --------------------------------------------------------------------------------------------- aplikasi (SPBE)
class Aplikasi(_Model):
    """One application of the register: what a step may name in ``aplikasi``."""

    nama: Teks = Field(description="Nama aplikasi, mis. SRIKANDI (Sistem Informasi Kearsipan Dinamis Terintegrasi).")
    pemilik: str | None = Field(None, description="Pemilik atau pengelola, mis. Arsip Nasional Republik Indonesia.")
    perangkat_daerah: Id | None = Field(
        None, description="Id Perangkat Daerah yang memiliki atau mengelola aplikasi ini (aplikasi milik Pemda).")
    umum: bool = Field(False, description="ya: Aplikasi Umum SPBE, dipakai bersama lintas instansi/Perangkat Daerah "
                                          "(Perpres 95/2018); tidak: aplikasi khusus.")
    fungsi: str | None = Field(None, description="Untuk apa aplikasi dipakai, mis. Persuratan dan kearsipan dinamis.")
    url: str | None = Field(None, description="Alamat aplikasi, mis. https://srikandi.arsip.go.id.")
    diganti_oleh: Id | None = Field(
        None, description="Id aplikasi umum yang menggantikan aplikasi ini untuk fungsi yang sama (Perwal 48/2024 "
                          "Pasal 16): langkah yang masih memakai aplikasi ini mendapat peringatan.")


class RegisterAplikasi(_File):
    """The register of SPBE applications the steps of the catalogue use (one per catalogue)."""

    jenis: Literal["aplikasi"]
    nama: str | None = Field(None, description="Judul register, mis. Daftar Aplikasi SPBE Kota Padang Panjang.")
    aplikasi: dict[Id, Aplikasi] = Field(description="Aplikasi: id -> rincian.")


# --------------------------------------------------------------------------------------------- peta relasi
class RelasiTambahan(_Model):
    """A relation written by hand: one not (yet) in any SOP or cross-functional map."""

    dari: Id = Field(description="Id pelaksana yang menyerahkan.")
    ke: Id = Field(description="Id pelaksana yang menerima.")
    label: str | None = Field(None, description="Apa yang diserahkan, mis. Rekomendasi teknis.")
    proses: list[Kode] = Field(default_factory=new_list, description="Kode peta atau SOP tempat relasi ini terjadi.")
    keterangan: str | None = None


class Sembunyikan(_Model):
    """Relations to leave out of the picture: from ``dari``, to ``ke``, or from one to the other."""

    dari: Id | None = Field(None, description="Id pelaksana pengirim (kosong: dari siapa pun).")
    ke: Id | None = Field(None, description="Id pelaksana penerima (kosong: kepada siapa pun).")

    @model_validator(mode="after")
    def _one_end(self) -> "Sembunyikan":
        if self.dari is None and self.ke is None:
            raise ValueError("tulis 'dari', 'ke' atau keduanya (id pelaksana)")
        return self


class PetaRelasi(_File):
    """How the derived peta relasi of the Pemda (no perangkat_daerah) or of one department is shown."""

    jenis: Literal["peta-relasi"]
    perangkat_daerah: Id | None = Field(
        None, description="Id Perangkat Daerah yang peta relasinya diatur; kosong: peta relasi seluruh Pemda "
                          "(ambang dan sembunyikan lalu berlaku juga bagi setiap Perangkat Daerah).")
    nama: str | None = Field(None, description="Judul, bila bukan 'Peta Relasi <Perangkat Daerah>'.")
    ambang: int | None = Field(None, ge=1, description="Sembunyikan relasi yang dipakai kurang dari sekian proses.")
    sembunyikan: list[Sembunyikan] = Field(default_factory=new_list, description="Relasi yang tidak digambar.")
    relasi: list[RelasiTambahan] = Field(default_factory=new_list, description="Relasi tambahan yang ditulis tangan.")
    buku: bool = Field(False, description="ya: peta relasi Perangkat Daerah ini dicetak di buku Dokumen SOP.")

    def links(self) -> list[Link]:
        return [(("relasi", i, "proses", j), code, "proses") for i, r in enumerate(self.relasi)
                for j, code in enumerate(r.proses)]


Document = Union[Organisasi, PetaLevel1, PetaSubProses, PetaLintasFungsi, Sop,  # which `jenis` is which: kinds.py
                 RegisterAplikasi, PetaRelasi]
