"""The command line's arguments: every subcommand, its options and its help, in Bahasa Indonesia.

argparse's own English strings (usage, errors) are translated here too; `cli.py` runs what is parsed.
"""

from __future__ import annotations

import argparse
import sys

from . import __version__

EXIT_USAGE = 2


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[override]
        super().add_usage(usage, actions, groups, prefix="penggunaan: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")

    def add_argument(self, *args, **kwargs):  # type: ignore[override]
        if args and not args[0].startswith("-") and kwargs.get("nargs") == "*":
            kwargs.setdefault("default", None)  # else argparse lists it as missing: "wajib diisi: BARU, JALUR"
        return super().add_argument(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        for en, id_ in (("the following arguments are required", "argumen berikut wajib diisi"),
                        ("unrecognized arguments", "argumen tidak dikenal"),
                        ("invalid choice", "pilihan tidak sah"),
                        ("expected one argument", "perlu satu nilai"),
                        ("invalid int value", "bukan bilangan bulat"), ("invalid", "tidak sah"),
                        ("argument", "argumen"), ("choose from", "pilih dari")):
            message = message.replace(en, id_)
        self.print_usage(sys.stderr)
        print(f"{self.prog}: galat: {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


class _Starters:
    """The kinds `new` offers, read from kinds.py only when `new` (or its help) needs them: importing the
    model takes longer than a no-op build."""

    def _kinds(self) -> list[str]:
        from .kinds import starters

        return starters()

    def __contains__(self, item: object) -> bool:
        return item in self._kinds()

    def __iter__(self):
        return iter(self._kinds())


DEFAULT_CATALOGUE = "processes"
PATHS_HELP = "berkas atau folder (bawaan: processes/, atau folder ini bila berisi organisasi.yaml)"


def catalogue_paths(paths: list[str] | None) -> list[str]:
    """The paths a command reads: those named, else ``processes/``, else this folder when it is a catalogue (a
    user who ran `cd katalog` and then a command the tool suggested got "'processes' tidak ditemukan", review U)."""
    import os

    if paths:
        return paths
    if not os.path.exists(DEFAULT_CATALOGUE) and os.path.isfile("organisasi.yaml"):
        return ["."]
    return [DEFAULT_CATALOGUE]


def _date(text: str):
    """A day as an SOP's is written (2026-04-07, day first 07-04-2026, 7 April 2026), kept as written."""
    from .dates import Day

    found = Day.parse(text)
    if found is None:
        raise argparse.ArgumentTypeError(Day.why(text))
    return found


_REVISION_DATE = "tanggal revisi SOP, mis. 2026-04-07 atau 07-04-2026, ditulis ke SOP seperti ditulis (bawaan: hari ini)"


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"port harus bilangan 1-65535, bukan '{text}'")
    return int(text)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="petaproses", description="Peta proses bisnis dan SOP AP (PermenPANRB 35/2012) "
                "dari berkas YAML: periksa, gambar (BPMN, Graphviz) dan susun dokumen SOP (.docx).")
    p.add_argument("--versi", action="version", version=f"petaproses {__version__}", help="tampilkan versi")
    sub = p.add_subparsers(dest="perintah", metavar="PERINTAH", parser_class=_Parser)

    c = sub.add_parser("check", help="periksa berkas YAML (bawaan: processes/)",
                       description="Periksa berkas peta dan SOP; setiap temuan ditulis sebagai "
                       "berkas:baris:kolom: kode: pesan.")
    c.add_argument("paths", nargs="*", metavar="JALUR", help=PATHS_HELP)
    c.add_argument("--format", choices=["teks", "json"], default="teks", help="bentuk keluaran (bawaan: teks)")
    c.add_argument("--ketat", action="store_true", help="peringatan juga dianggap galat (kode keluar 1)")
    c.add_argument("--tanpa-cache", action="store_true",
                   help="jangan pakai cache pemeriksaan (~/.cache/petaproses; atur dengan PETAPROSES_CACHE, 0 = mati)")

    b = sub.add_parser("build", help="periksa lalu bangun BPMN, diagram dan dokumen SOP ke output/",
                       description="Bangun semua keluaran. Tidak menulis apa pun bila ada galat.")
    b.add_argument("paths", nargs="*", metavar="JALUR", help=PATHS_HELP)
    b.add_argument("-o", "--output", default="output", metavar="FOLDER", help="folder keluaran (bawaan: output/)")
    b.add_argument("--pdf", action="store_true",
                   help="juga buat PDF: dokumen SOP, buku Dokumen SOP dan formulir (lewat LibreOffice) dan peta A4 "
                   "(<kode>-peta.pdf)")
    b.add_argument("--ketat", action="store_true", help="peringatan juga menghentikan pembangunan")
    b.add_argument("-j", "--jobs", type=int, metavar="N", help="jumlah proses paralel (bawaan: semua inti)")
    b.add_argument("--ulang", action="store_true", help="bangun ulang semuanya, abaikan yang tidak berubah")

    n = sub.add_parser("new", help="tulis berkas awal yang berisi komentar petunjuk",
                       description="Tulis berkas YAML awal dengan komentar petunjuk.")
    n.add_argument("jenis", metavar="JENIS", choices=_Starters(), help="jenis berkas: %(choices)s")
    n.add_argument("berkas", metavar="BERKAS", help="nama berkas yang akan ditulis, mis. processes/sop-baru.yaml")
    n.add_argument("--timpa", action="store_true", help="timpa bila berkas sudah ada")
    n.add_argument("--perangkat-daerah", metavar="ID", help="id Perangkat Daerah berkas baru (bawaan: ditebak dari "
                   "folder tujuan: Perangkat Daerah berkas lain di folder itu, atau nama folder)")

    s = sub.add_parser("schema", help="tulis JSON Schema format YAML (untuk VS Code)",
                       description="Tulis JSON Schema format berkas petaproses, dibuat dari model, untuk "
                       "pelengkapan dan pemeriksaan di editor (ekstensi YAML VS Code).")
    s.add_argument("-o", "--output", default="schema/petaproses.schema.json", metavar="BERKAS",
                   help="tujuan (bawaan: schema/petaproses.schema.json); skema petaproses yang sudah ada ditulis ulang")
    s.add_argument("--timpa", action="store_true", help="timpa bila BERKAS ada dan bukan skema petaproses")
    s.add_argument("--katalog", metavar="FOLDER", help="tulis skema katalog FOLDER (dengan id pelaksana, unit, "
                   "Perangkat Daerah, pejabat dan langkahnya) ke FOLDER/.petaproses/skema.json; check dan build "
                   "memperbaruinya")

    i = sub.add_parser("impor", help="ubah berkas BPMN (Bizagi, Camunda) menjadi peta-lintas-fungsi YAML",
                       description="Ubah BPMN dengan lajur (lane), seperti ekspor Bizagi atau Camunda, menjadi "
                       "berkas peta-lintas-fungsi. Unsur di luar subset SOP dilewati dan disebutkan.")
    i.add_argument("berkas", metavar="BERKAS.bpmn")
    i.add_argument("-o", "--output", metavar="BERKAS.yaml", help="tujuan (bawaan: nama yang sama, .yaml)")
    i.add_argument("--perangkat-daerah", metavar="ID", help="id Perangkat Daerah berkas (bawaan: ditebak dari folder "
                   "tujuan seperti `new`, atau ganti_perangkat_daerah untuk diganti)")
    i.add_argument("--timpa", action="store_true", help="timpa bila berkas tujuan sudah ada")
    m = sub.add_parser("metrik", help="ukuran proses: langkah, pelaksana, serah terima, keputusan, waktu",
                       description="Ukuran setiap peta lintas fungsi, SOP dan peta sub proses, dan jumlah per "
                       "Perangkat Daerah.")
    m.add_argument("paths", nargs="*", metavar="JALUR", help=PATHS_HELP)
    m.add_argument("--format", choices=["teks", "json", "csv"], default="teks", help="bentuk keluaran")
    m.add_argument("--tanggal", type=_date, metavar="TANGGAL",
                   help="tanggal acuan untuk 'dievaluasi dalam 12 bulan terakhir' (bawaan: hari ini)")

    d = sub.add_parser("banding", help="bandingkan dua versi satu proses (sebelum/sesudah)",
                       description="Bandingkan LAMA dan BARU: langkah ditambah, dihapus, diubah; serah terima dan "
                       "waktu sebelum dan sesudah. Versi git ditulis REVISI:jalur, mis. HEAD~1:processes/a.yaml.")
    d.add_argument("lama", metavar="LAMA")
    d.add_argument("baru", metavar="BARU")
    d.add_argument("-o", "--output", metavar="BERKAS.md", help="tulis ringkasan Markdown ke berkas")
    d.add_argument("--situs", metavar="FOLDER", help="juga tulis halaman perbandingan ke FOLDER/banding/ (mis. output)")
    v = sub.add_parser("serve", help="sajikan situs reviu di localhost dan bangun ulang saat YAML disimpan",
                       description="Bangun katalog, sajikan output/ di http://127.0.0.1:PORT, dan bangun ulang "
                       "setiap kali berkas YAML disimpan; halaman di peramban memuat ulang sendiri.")
    v.add_argument("paths", nargs="*", metavar="JALUR", help=PATHS_HELP)
    v.add_argument("-o", "--output", default="output", metavar="FOLDER", help="folder keluaran (bawaan: output/)")
    v.add_argument("--port", type=_port, default=8000, help="port 1-65535 (bawaan: 8000)")
    v.add_argument("--evaluasi", action="store_true",
                   help="mode evaluasi: klik langkah untuk mencatat temuan, isi tujuh kriteria dan monitoring; "
                   "disimpan ke evaluasi/<tahun>/<tanggal>-<perangkat daerah>.yaml di katalog")
    v.add_argument("--sesi", metavar="BERKAS.yaml", help="mode evaluasi dengan berkas rekaman sesi ini (dibuat bila "
                   "belum ada), mis. processes/evaluasi/2026/2026-03-12-setda.yaml")

    sub.add_parser("siaga", help="tetap berjalan agar 'check' (mis. dari editor saat menyimpan) dan 'build' menjawab "
                   "seketika",
                       description="Jalankan petaproses sebagai proses yang tetap hidup: selama proses ini berjalan, "
                       "setiap 'petaproses check' dan 'petaproses build' dari pengguna yang sama dijawab olehnya "
                       "(temuan, kode keluar dan berkas yang ditulis sama persis; keluaran build tampil selagi "
                       "berjalan, Ctrl+C menghentikannya) tanpa memuat petaproses lagi. Hentikan siaga dengan Ctrl+C; "
                       "tanpa siaga, 'check' dan 'build' berjalan sendiri seperti biasa.")
    a = sub.add_parser("aturan", help="daftar kode temuan: tingkat, arti, contoh dan perbaikan",
                       description="Tampilkan semua kode temuan dengan tingkat dan artinya, atau rincian satu kode "
                       "(contoh masukan yang memicunya dan cara memperbaikinya).")
    a.add_argument("kode", nargs="?", metavar="KODE", help="kode temuan, mis. unknown-pelaksana")

    u = sub.add_parser("ubah-jabatan", help="ganti jabatan, unit atau Perangkat Daerah yang dihapus di semua berkas",
                       description="Ganti LAMA (jabatan, unit atau Perangkat Daerah yang di organisasi.yaml diberi "
                       "'dihapus') dengan BARU di semua peta, SOP dan tim kerja. Komentar dan tata letak berkas "
                       "tetap; SOP yang berubah mendapat tanggal revisi dan catatan riwayat. Tanpa --tulis hanya "
                       "menampilkan perbedaannya (unified diff).")
    u.add_argument("lama", metavar="LAMA", help="id jabatan, unit atau Perangkat Daerah yang dihapus")
    u.add_argument("baru", metavar="BARU", help="id penggantinya")
    u.add_argument("paths", nargs="*", metavar="JALUR", help="katalog (bawaan: processes/), atau berkas dan folder di dalamnya: hanya itu yang diubah (dan organisasi.yaml)")
    u.add_argument("--tulis", action="store_true", help="tulis perubahan ke berkas (tanpa ini: hanya tampilkan)")
    u.add_argument("--tanggal", type=_date, metavar="TANGGAL", help=_REVISION_DATE)
    u.add_argument("--catatan", default="", metavar="TEKS", help="keterangan tambahan untuk riwayat revisi SOP")
    u.add_argument("--paksa", action="store_true", help="terima BARU walaupun bukan pengganti LAMA menurut "
                   "'diganti_oleh' di organisasi.yaml")

    r = sub.add_parser("ubah-peraturan", help="kutip peraturan pengganti di tempat peraturan yang dicabut di semua "
                       "berkas", description="Ganti kutipan LAMA (peraturan yang di register diberi 'dicabut_oleh') "
                       "dengan BARU di dasar hukum semua peta dan SOP dan di 'dasar_keputusan' register: kutipan id "
                       "menjadi id BARU, kutipan teks menjadi teks lengkap BARU; kutipan yang tidak dapat diubah "
                       "otomatis dan teks lain yang menyebut LAMA ditampilkan dengan letaknya. Komentar dan tata letak "
                       "berkas tetap; SOP yang berubah mendapat tanggal revisi dan catatan riwayat. Tanpa --tulis "
                       "hanya menampilkan perbedaannya (unified diff).")
    r.add_argument("lama", metavar="LAMA", help="id peraturan yang dicabut di register, mis. perwal_48_2024")
    r.add_argument("baru", metavar="BARU", help="id peraturan penggantinya, mis. perwal_10_2026")
    r.add_argument("paths", nargs="*", metavar="JALUR", help="katalog (bawaan: processes/), atau berkas dan folder "
                   "di dalamnya: hanya itu yang diubah (dan register peraturan)")
    r.add_argument("--tulis", action="store_true", help="tulis perubahan ke berkas (tanpa ini: hanya tampilkan)")
    r.add_argument("--tanggal", type=_date, metavar="TANGGAL", help=_REVISION_DATE)
    r.add_argument("--catatan", default="", metavar="TEKS", help="keterangan tambahan untuk riwayat revisi SOP")

    t = sub.add_parser("templat", help="salin templat bawaan ke templates/ untuk diubah (gaya SOP, situs)",
                       description="Salin templat bawaan petaproses (gaya dan teks dokumen SOP, situs reviu) ke "
                       "FOLDER. petaproses memakai templates/ di samping organisasi.yaml katalog (dari folder mana pun perintahnya "
                       "dijalankan), atau bila katalog tidak punya, ./templates; jadi gaya dapat diubah tanpa kode.")
    t.add_argument("folder", nargs="?", default="templates", metavar="FOLDER", help="tujuan (bawaan: templates)")
    t.add_argument("--timpa", action="store_true", help="timpa berkas yang sudah ada")
    return p
