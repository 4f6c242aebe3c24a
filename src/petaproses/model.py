"""The authoring model: one pydantic class per kind of YAML file.

Pydantic v2 (rather than plain dataclasses) because it gives, from one declaration, the type checks with a
path to every bad value (mapped back to YAML line:column in ``load.py``), ``extra="forbid"`` for unknown keys
and the JSON Schema for editors (``schema.py``).  Field descriptions are the editor hover text, so they are in
Bahasa Indonesia.
"""

# no `from __future__ import annotations`: pydantic would compile every annotation from its text (~3 ms)

import re
from typing import Annotated, Callable, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from .dates import BLANK, BlankableDate, WrittenDate
from .durations import with_unit

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$",
    description="Pengenal singkat: huruf kecil, angka dan garis bawah, diawali huruf (mis. kasubag_umum).")]
Kode = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    description="Kode proses/peta/SOP, unik di seluruh katalog (mis. SETDA.ORG.01).")]
Teks = Annotated[str, Field(min_length=1)]
DaftarTeks = Union[Teks, list[Teks]]


def new_list() -> list:
    """A list field's ``default_factory``: pydantic reads the factory's signature when it builds a model, and a
    builtin's (``list``, ``dict``) is parsed from its text by the tokenizer (~4 ms at every start for ~30 fields)."""
    return []


def new_dict() -> dict:  # a mapping field's ``default_factory`` (see ``new_list``)
    return {}


KATEGORI = ("manajemen", "utama", "pendukung")
END_TARGET = "selesai"  # a branch to this target ends the process there (no step may have this id)
_CODE_LIKE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+")


def looks_like_code(text: str) -> bool:
    """Return whether ``text`` is written like a catalogue code (no spaces, dotted: SETDA.ORG.SOP.01)."""
    return bool(_CODE_LIKE.fullmatch(text))


def says_none(text: str) -> bool:  # "-", "Tidak ada": how originals write that there is no related SOP
    return text.strip().lower() in {*BLANK, "--", "tidak ada", "nihil"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, coerce_numbers_to_str=True)


class _File(_Model):
    """Fields shared by every kind of file; ``_path`` and ``_locs`` are filled by the loader."""

    _path: str = PrivateAttr(default="")
    # (key path) -> (line, column), 1-based, for every node of the YAML file
    _locs: dict = PrivateAttr(default_factory=dict)
    # set instead of _locs by the catalogue for a document taken from the build cache: parses the bytes it
    # loaded (never the file on disk again, which may have changed since)
    _relocate: Callable[[], dict] | None = PrivateAttr(default=None)

    @property
    def path(self) -> str:
        # read from pydantic's private slot: ``self._path`` goes through BaseModel.__getattr__ (~5x slower, and a
        # check of 1,000 files reads it ~6,000 times)
        private = self.__pydantic_private__
        return private.get("_path", "") if private is not None else ""

    def loc(self, *keys: object) -> tuple[int, int]:
        """Return the (line, column) of the YAML node at ``keys``, or of its nearest ancestor."""
        locs = self._positions()
        path = tuple(keys)
        while path and path not in locs:
            path = path[:-1]
        return locs.get(path, (1, 1))

    def _positions(self) -> dict:
        private = self.__pydantic_private__ if self.__pydantic_private__ is not None else {}
        locs = private.get("_locs")
        if locs is None:  # left out of the build cache (it is most of its size): parse the loaded bytes again
            relocate = private.get("_relocate")
            locs = relocate() if relocate is not None else {}
            private["_locs"] = locs
        return locs

    def __getstate__(self) -> dict:
        state = super().__getstate__()
        private = dict(state.get("__pydantic_private__") or {})
        private.pop("_locs", None)
        private.pop("_relocate", None)
        state["__pydantic_private__"] = private
        return state


# --------------------------------------------------------------------------------------------- organisasi
class Unit(_Model):
    """The long form of a unit: its name and, when it was removed, since when and what replaced it."""

    nama: Teks = Field(description="Nama unit kerja.")
    dihapus: WrittenDate | None = Field(None, description="Tanggal unit ini dihapus (penyederhanaan birokrasi).")
    diganti_oleh: Union[Id, list[Id], None] = Field(None, description="Id unit pengganti di Perangkat Daerah yang sama.")


class PerangkatDaerah(_Model):
    nama: Teks = Field(description="Nama resmi Perangkat Daerah, mis. Dinas Komunikasi dan Informatika.")
    singkatan: str | None = Field(None, description="Singkatan, mis. Diskominfo.")
    alamat: str | None = Field(None, description="Alamat kantor (untuk sampul Dokumen SOP).")
    kepala: Id | None = Field(None, description="Id pejabat kepala Perangkat Daerah (penanda tangan keputusan).")
    unit: dict[Id, Union[Teks, Unit]] = Field(default_factory=new_dict, description="Unit kerja: id -> nama unit, atau {nama, dihapus, diganti_oleh}.")
    dihapus: WrittenDate | None = Field(None, description="Tanggal Perangkat Daerah ini dihapus atau digabung.")
    diganti_oleh: Union[Id, list[Id], None] = Field(None, description="Id Perangkat Daerah pengganti.")
    nomor_keputusan: str | None = Field(None, description="Nomor keputusan yang menetapkan SOP-nya (dicetak di keputusan Dokumen SOP; kosong: titik-titik untuk diisi).")
    tanggal_keputusan: WrittenDate | None = Field(None, description="Tanggal keputusan itu ditetapkan (dicetak seperti ditulis).")

    def unit_name(self, unit_id: str) -> str | None:
        """Return the name of unit ``unit_id`` (short or long form), or None."""
        return value.nama if isinstance(value := self.unit.get(unit_id), Unit) else value


class Pejabat(_Model):
    jabatan: Teks = Field(description="Nama jabatan, mis. Sekretaris Daerah Kota Padang Panjang.")
    nama: Teks = Field(description="Nama lengkap dengan gelar.")
    pangkat: str | None = Field(None, description="Pangkat/golongan, dicetak di bawah nama, mis. Pembina Utama Muda (IV/c).")
    nip: str | None = Field(None, description="NIP (18 digit), kosong untuk pejabat negara; nomor lain dengan labelnya: NRP 76071092.")


class Jabatan(_Model):
    """The long form of a position: its name and, for the peta relasi and hand-off counts, where it sits."""

    nama: Teks = Field(description="Nama jabatan lengkap.")
    perangkat_daerah: Id | None = Field(None, description="Id Perangkat Daerah tempat jabatan ini berada.")
    unit: Id | None = Field(None, description="Id unit kerja tempat jabatan ini berada.")
    luar: bool = Field(False, description="true: pihak di luar instansi (pemohon, masyarakat, kementerian, penyedia).")
    dihapus: WrittenDate | None = Field(
        None, description="Tanggal jabatan ini dihapus (mis. penyetaraan jabatan administrasi ke jabatan fungsional).")
    diganti_oleh: Union[Id, list[Id], None] = Field(
        None, description="Id jabatan atau tim kerja pengganti; daftar bila tugasnya dibagi ke beberapa jabatan.")
    ketua: Id | None = Field(None, description="Tim kerja: id jabatan ketua tim.")
    anggota: list[Id] = Field(
        default_factory=new_list, description="Tim kerja: id jabatan anggota, boleh dari beberapa unit atau instansi.")

    @property
    def is_team(self) -> bool:
        """Return whether this pelaksana is a work team (tim kerja, PermenPANRB 7/2022) rather than one position."""
        return bool(self.ketua or self.anggota)

    @property
    def members(self) -> list[str]:
        """Return the team's positions: the leader first, then the members (none for a position)."""
        return ([self.ketua] if self.ketua else []) + [a for a in self.anggota if a != self.ketua]


UrutanDasarHukum = Literal["hierarki", "tertulis"]
URUTAN_DASAR_HUKUM = ("Urutan dasar hukum yang dicetak: hierarki (bawaan: jenis peraturan menurut UU 12/2011, lalu tahun, "
                      "lalu nomor) atau tertulis (urutan seperti ditulis, mis. sama dengan SOP yang sudah ditetapkan). "
                      "Di organisasi.yaml berlaku untuk seluruh katalog; di peta atau SOP hanya untuk berkas itu.")


class Organisasi(_File):
    """The institution: departments, units, positions (pelaksana) and signing officials."""

    jenis: Literal["organisasi"]
    nama: Teks = Field(description="Nama instansi, mis. Pemerintah Kota Padang Panjang.")
    alamat: str | None = Field(None, description="Alamat instansi.")
    kedudukan: str | None = Field(None, description="Tempat kedudukan (ibu kota), dicetak 'Ditetapkan di ...'; bawaan: nama instansi tanpa 'Pemerintah Kota/Kabupaten/Provinsi'.")
    logo: str | None = Field(None, description="Berkas logo (PNG/JPEG), relatif terhadap berkas ini.")
    perangkat_daerah: dict[Id, PerangkatDaerah] = Field(description="Perangkat Daerah: id -> rincian.")
    pelaksana: dict[Id, Union[Teks, Jabatan]] = Field(
        description="Jabatan pelaksana: id -> nama jabatan lengkap, atau {nama, perangkat_daerah, unit, luar}.")
    pejabat: dict[Id, Pejabat] = Field(default_factory=new_dict, description="Pejabat penanda tangan: id -> rincian.")
    urutan_dasar_hukum: UrutanDasarHukum | None = Field(None, description=URUTAN_DASAR_HUKUM)

    def position(self, actor_id: str) -> Jabatan | None:
        """Return the position ``actor_id`` in its long form (the short form has only a name), or None."""
        value = self.pelaksana.get(actor_id)
        return value if value is None or isinstance(value, Jabatan) else Jabatan(nama=value)

    def position_name(self, actor_id: str) -> str | None:
        found = self.position(actor_id)
        return found.nama if found else None

    def replacements(self, actor_id: str) -> list[str]:
        """Return the positions in use that replace a removed one, following replacements removed in turn.

        None when ``actor_id`` is in use, unknown, or removed without a (known) replacement."""
        out: list[str] = []
        todo, seen = [actor_id], {actor_id}
        while todo:
            current = self.position(todo.pop(0))
            if current is None or not current.dihapus:
                continue
            for nxt in as_list(current.diganti_oleh):
                if nxt in seen or nxt not in self.pelaksana:
                    continue
                seen.add(nxt)
                if self.pelaksana_removed(nxt):
                    todo.append(nxt)
                else:
                    out.append(nxt)
        return out

    def pelaksana_removed(self, actor_id: str) -> bool:
        found = self.pelaksana.get(actor_id)  # the short form (a name) is never removed
        return isinstance(found, Jabatan) and bool(found.dihapus)


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

    _satuan: str | None = PrivateAttr(default=None)  # the map's satuan_waktu, for a time written as a bare number

    @property
    def waktu_dibaca(self) -> str | None:
        """``waktu`` as the metrics read it: after a bare number, the map's ``satuan_waktu``."""
        return with_unit(self.waktu, self._satuan)

    @property
    def actors(self) -> list[str]:
        """Return the step's actor ids: one, or several in the written order (a chain or a joint activity)."""
        return [self.pelaksana] if isinstance(self.pelaksana, str) else list(self.pelaksana)


class SubProses(_Node):
    """One box of a sub-process map."""

    kode: Kode | None = Field(None, description="Kode sub proses.")
    nama: Teks = Field(description="Nama sub proses.")
    rincian: Kode | None = Field(None, description="Kode peta atau SOP yang merinci sub proses ini.")


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
            step._satuan = self.satuan_waktu
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


def as_list(value: str | list[str] | None) -> list[str]:
    """Return a text-or-list field as a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)
