"""The organisation file (organisasi.yaml): departments, units, positions and signing officials.

Re-exported by ``model``, where the other kinds of file are; field descriptions are editor hover text (Indonesian).
"""

# no `from __future__ import annotations`: pydantic would compile every annotation from its text (~3 ms)

from typing import Literal, Union

from pydantic import Field

from .dates import WrittenDate
from .model_base import Id, Teks, _File, _Model, as_list, new_dict, new_list


class Unit(_Model):
    """The long form of a unit: its name and, when it was removed, since when and what replaced it."""

    nama: Teks = Field(description="Nama unit kerja.")
    unit_induk: str | None = Field(
        None, description="Unit tempat unit ini bernaung, dicetak seperti ditulis (huruf besar) sebagai baris sendiri "
        "di kop SOP di antara nama Perangkat Daerah dan nama unit. Mis. Sekretariat (untuk Sub Bagian Perencanaan).")
    dihapus: WrittenDate | None = Field(None, description="Tanggal unit ini dihapus (penyederhanaan birokrasi).")
    diganti_oleh: Union[Id, list[Id], None] = Field(None, description="Id unit pengganti di Perangkat Daerah yang sama.")


class PerangkatDaerah(_Model):
    nama: Teks = Field(description="Nama resmi Perangkat Daerah, mis. Dinas Komunikasi dan Informatika.")
    singkatan: str | None = Field(None, description="Singkatan, mis. Diskominfo.")
    instansi_induk: str | None = Field(
        None, description="Instansi tempat Perangkat Daerah ini bernaung, dicetak seperti ditulis (huruf besar di kop) "
        "sebagai baris sendiri di antara nama Pemda dan nama Perangkat Daerah: kop SOP, sampul dan keputusan Dokumen "
        "SOP, formulir. Mis. Kecamatan Pahandut (untuk Kelurahan Pahandut), Dinas Kesehatan (untuk UPTD Puskesmas).")
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


