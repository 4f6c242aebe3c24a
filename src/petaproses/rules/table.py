"""Every finding code in one place: its level, what it means, an input that triggers it, and the fix.

Codes are stable (users' scripts and CI read them).  The loader (yamlsource.py, load.py, catalogue.py) raises
the shape codes itself; the rules under rules/ raise the rest, one module each.  A level here is the default:
a preset (rules/presets.py) may raise or lower it without touching the rule.  The README's "Kode aturan"
table is made from this one: `python -m petaproses.rules README.md` rewrites it (a test fails when it is stale).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lazyre import Lazy
from ..problems import Level

LOADER, RULE, COMPARE, ENGINE = "pemuat", "aturan", "banding", "mesin"


@dataclass(frozen=True)
class Code:
    code: str
    level: Level
    meaning: str  # one line, for people
    example: str  # an input that triggers it (YAML, or the situation when it is not one file)
    fix: str
    raised_by: str  # LOADER, RULE (a module rules/<code>.py), COMPARE (`banding`), ENGINE (the rule runner)


TABLE: tuple[Code, ...] = (
    Code("yaml-syntax", "galat", "YAML tidak sah (termasuk tab untuk indentasi, karakter kendali, tag YAML yang tidak didukung, "
         "lebih dari satu dokumen, struktur bersarang lebih dari 40 tingkat)",
         '`peringatan: "tidak ditutup`', "tutup tanda kutip dan kurung, ganti tab dengan spasi, samakan indentasi",
         LOADER),
    Code("encoding", "galat", "berkas bukan UTF-8", "berkas disimpan sebagai ANSI/Latin-1 atau UTF-16",
         "simpan ulang sebagai UTF-8 (Notepad: Simpan Sebagai > Pengodean: UTF-8)", LOADER),
    Code("empty-file", "galat", "berkas kosong, hanya komentar, atau hanya nilai kosong (`~`, `null`)", "berkas tanpa isi atau hanya berisi komentar",
         "mulai dengan `jenis:`; buat contoh dengan `petaproses new sop`", LOADER),
    Code("file-not-found", "galat", "berkas atau folder yang disebut tidak ada atau tidak dapat dibaca (juga: bukan "
         "berkas biasa, mis. perangkat atau pipa)",
         "`petaproses check procesess/` (salah ketik)", "periksa nama dan izin baca berkas atau folder", LOADER),
    Code("file-too-large", "galat", "berkas lebih dari 2 MB (ditolak sebelum dibaca)", "satu berkas berisi seluruh katalog",
         "pecah menjadi beberapa berkas, satu peta atau SOP per berkas", LOADER),
    Code("yaml-alias", "galat", 'anchor/alias YAML (ditolak: mencegah "billion laughs")', "`a: &x [1]` lalu `b: *x`",
         "tulis nilainya langsung", LOADER),
    Code("type-mismatch", "galat", "jenis nilai salah (teks, daftar, kumpulan `kunci: nilai`, tanggal YYYY-MM-DD yang ada, `true`/`false`)", "`pelaksana: [kabag_org]`",
         "tulis nilai sesuai jenisnya: teks, daftar `- ...`, kumpulan `kunci: nilai`, tanggal YYYY-MM-DD", LOADER),
    Code("unknown-key", "galat", "kunci tidak dikenal (dengan saran)", "`outptu: Berkas`",
         "perbaiki ejaan kunci (saran `maksud Anda` menyebut yang terdekat) atau hapus", LOADER),
    Code("missing-key", "galat", "kunci wajib tidak ada", "kegiatan tanpa `uraian`", "tambahkan kunci itu", LOADER),
    Code("invalid-value", "galat", "nilai di luar pilihan atau pola (jenis, kategori, id), atau nilai bertag YAML "
         "(`!!int`, `!!bool` ...) yang tidak sah", "`jenis: sopp`",
         "pilih salah satu nilai yang disebut pesan; id: huruf kecil, angka, garis bawah", LOADER),
    Code("duplicate-key", "galat", "kunci ditulis dua kali; pada butir daftar yang kuncinya terulang: tanda `- ` terlupa", "`nama:` dua kali dalam satu peta",
         "hapus salah satu (pesan menyebut baris yang pertama)", LOADER),
    Code("duplicate-id", "galat", "id langkah, id proses atau kode dipakai dua kali",
         "dua kegiatan dengan `id: periksa`", "beri id atau kode lain; kode harus unik di seluruh katalog", RULE),
    Code("missing-organisation", "galat", "katalog tanpa berkas `organisasi`", "folder tanpa organisasi.yaml",
         "sertakan organisasi.yaml (buat dengan `petaproses new organisasi`)", RULE),
    Code("unknown-perangkat-daerah", "galat", "id Perangkat Daerah tidak ada di berkas organisasi (dengan saran)",
         "`perangkat_daerah: setdaa`", "pakai id dari `perangkat_daerah` di organisasi.yaml", RULE),
    Code("unknown-unit", "galat", "id unit tidak ada di Perangkat Daerah itu (dengan saran)",
         "`unit: bagian_orgnisasi`", "pakai id dari `unit` Perangkat Daerah itu di organisasi.yaml", RULE),
    Code("unknown-pelaksana", "galat", "id pelaksana tidak ada di berkas organisasi (dengan saran)",
         "`pelaksana: kabag_orgg`", "pakai id dari `pelaksana` di organisasi.yaml, atau tambahkan jabatan itu", RULE),
    Code("unknown-pejabat", "galat", "id pejabat tidak ada di berkas organisasi (dengan saran)",
         "`disahkan_oleh: sekdaa`", "pakai id dari `pejabat` di organisasi.yaml", RULE),
    Code("decision-branches", "galat", "keputusan dengan kurang dari dua cabang berlabel", "`cabang: {Ya: a}`",
         "tulis sedikitnya dua cabang, mis. `{Ya: lanjut, Tidak: perbaiki}`, atau `{Ya: lanjut, Tidak: selesai}` bila "
         "cabang lainnya mengakhiri proses", RULE),
    Code("conflicting-exits", "galat", "`cabang` bersama `ke` atau `selesai`", "`cabang: {...}` dan `ke: b`",
         "pilih salah satu: `cabang`, `ke` atau `selesai`", RULE),
    Code("unknown-step", "galat", "cabang, `ke` atau alur menuju langkah yang tidak ada", "`ke: periksaa`",
         "tulis id langkah yang ada di berkas ini", RULE),
    Code("unreachable-step", "galat", "langkah tidak dapat dicapai dari langkah pertama",
         "langkah sesudah `selesai: true` yang tidak dituju cabang mana pun",
         "arahkan cabang atau `ke` ke langkah itu, atau hapus", RULE),
    Code("no-path-to-end", "galat", "dari langkah ini proses tidak pernah selesai (putaran tanpa jalan keluar)",
         "`ke: a` kembali ke awal tanpa cabang keluar", "beri salah satu langkah cabang keluar atau `selesai: true`",
         RULE),
    Code("invalid-duration", "peringatan", "`waktu` tidak dapat dibaca sebagai lama waktu: dicetak apa adanya, "
         "tidak dihitung dalam metrik waktu", "`waktu: sebentar`, `waktu: setiap saat`",
         "biarkan bila memang bukan lama waktu (`setiap saat`, `sesuai kontrak`); bila lama waktu, tulis seperti "
         "`15 menit`, `1 jam 30 menit`, `1-2 hari`, `15 menit/berkas`, `paling lambat 3 hari kerja`", RULE),
    Code("total-time-mismatch", "peringatan", "`jumlah_waktu` SOP tidak sama dengan jumlah waktu kegiatannya (dicetak "
         "seperti ditulis)", "`jumlah_waktu: 2 jam` dengan waktu `1 jam` dan `2 jam`",
         "periksa waktu kegiatan yang diubah, lalu perbarui `jumlah_waktu`", RULE),
    Code("unresolved-link", "galat", "`induk`, `rincian` atau `keterkaitan` tidak menunjuk berkas di katalog (kode "
         "berkas yang ada tetapi bergalat tidak dilaporkan di sini: galatnya di berkas itu)",
         "`induk: TIDAK.ADA`", "tulis kode peta atau SOP yang ada di katalog", RULE),
    Code("invalid-parent", "galat",
         "`induk` bukan peta yang lebih umum (mis. SOP sebagai induk) atau rantai induk berputar",
         "peta lintas fungsi dengan `induk:` sebuah SOP", "induk: level 1 → sub proses → lintas fungsi/SOP", RULE),
    Code("duplicate-in-list", "galat", "id yang sama ditulis dua kali dalam satu daftar (pelaksana kegiatan, lajur "
         "`pelaksana`, `disahkan_oleh`, `diperiksa_oleh`, `dibuat_oleh`)", "`pelaksana: [kasubag_umum, kasubag_umum]`",
         "hapus yang berulang", RULE),
    Code("task-of-no-actor", "galat", "kunci `tugas` yang bukan pelaksana kegiatan itu (tidak punya kotak di peta)",
         "`pelaksana: [staf, kasubag]` dengan `tugas: {kadis: Menandatangani}`",
         "tulis id salah satu pelaksana kegiatan, atau tambahkan jabatan itu ke `pelaksana`", RULE),
    Code("joint-without-list", "galat", "`bersama: ya` (kegiatan bersama) dengan kurang dari dua pelaksana",
         "`pelaksana: ppk` dan `bersama: ya`",
         "tulis semua pelaksana kegiatan bersama, mis. `pelaksana: [ppk, penyedia]`, atau hapus `bersama`", RULE),
    Code("reserved-id", "galat", "langkah ber-id `selesai` (dicadangkan: cabang menuju `selesai` mengakhiri proses)",
         "`id: selesai`", "beri langkah itu id lain, mis. `id: tutup`", RULE),
    Code("control-character", "galat",
         "teks memuat karakter kendali yang tidak dapat dicetak (U+0000–U+001F kecuali tab dan baris baru, "
         "U+007F–U+009F, pengubah arah teks, U+FFFE/U+FFFF; pada teks beberapa baris juga pemisah baris selain "
         "baris baru)", '`uraian: "Menerima\\vberkas"` (tab vertikal yang terbawa dari PDF)',
         "hapus karakter itu; pesan menyebut kodenya dan urutannya di dalam teks", RULE),
    Code("private-use-character", "peringatan",
         "teks memuat karakter Area Guna Pribadi Unicode (U+E000–U+F8FF), mis. butir fon Symbol/Wingdings yang "
         "terbawa dari Word atau PDF: tampil sebagai kotak (dokumen .docx mencetak butir yang dikenal, mis. U+F0B7, "
         "sebagai '•')", '`"\uf0b7 UU Nomor 25 Tahun 2009"`',
         "ganti dengan karakter yang dimaksud (pesan menyebutnya bila dikenal, mis. '•') atau hapus", RULE),
    Code("multiline-text", "galat",
         "teks yang dicetak satu baris (nama, judul, nomor, label cabang, pengenal, alamat, butir dasar hukum) "
         "memuat baris baru", '`nama: "Prosedur\\nReviu"` atau `nama: |` dengan dua baris',
         "tulis dalam satu baris; hanya uraian, kelengkapan, output, keterangan, deskripsi, tujuan, ruang "
         "lingkup, definisi, peringatan dan pencatatan boleh beberapa baris", RULE),
    Code("text-too-long", "galat",
         "teks melebihi batasnya: pengenal 64 karakter, kode 100, nomor/singkatan/NIP/pangkat/waktu 100, label "
         "120, nama/jabatan/alamat 250, butir dasar hukum 500, uraian/kelengkapan/output 1.000, keterangan 4.000, "
         "teks lain 3.000; sebuah daftar yang dicetak di satu tempat juga dibatasi jumlah semua butirnya", "`kode:` 245 karakter (nama berkas terlalu panjang), `uraian:` 3.000 karakter",
         "singkatkan; rincian panjang masuk ke `keterangan` atau ke SOP lain (`rincian`)", RULE),
    Code("too-many-steps", "galat", "peta atau SOP dengan lebih dari 200 langkah (kegiatan, sub proses, proses)",
         "SOP dengan 10.000 kegiatan", "pecah menjadi beberapa peta atau SOP yang saling merujuk (`rincian`, "
         "`keterkaitan`)", RULE),
    Code("too-many-actors", "galat", "SOP dengan lebih dari 20 pelaksana (kolom tabel SOP dalam satu halaman)",
         "kegiatan yang menyebut 21 jabatan berbeda", "gabungkan jabatan yang sama perannya, atau pecah menjadi "
         "beberapa SOP", RULE),
    Code("crowded-table", "galat", "tabel SOP tidak dapat dicetak terbaca: kepala tabel (nama jabatan pelaksana) lebih "
         "dari separuh halaman, atau baris satu langkah lebih dari 5 halaman karena kolom teks dipersempit kolom "
         "pelaksana", "20 pelaksana dengan `keterangan` 1.000 karakter; 16 pelaksana bernama 250 karakter",
         "singkatkan nama jabatan atau teks langkah itu (rincian ke SOP lain lewat `rincian`), atau kurangi "
         "pelaksana", RULE),
    Code("ignore-comment", "peringatan", "komentar `# petaproses: abaikan KODE` menyebut kode yang tidak dikenal "
         "atau sebuah galat (hanya peringatan yang dapat diabaikan), atau tanpa kode",
         "`uraian: JFU mengumpulkan laporan  # petaproses: abaikan galat-tak-ada`",
         "tulis kode peringatan yang dimaksud (`petaproses aturan`), atau perbaiki galatnya", ENGINE),
    Code("internal-error", "galat", "sebuah aturan gagal (cacat petaproses); aturan lain tetap dijalankan",
         "aturan yang melempar pengecualian", "laporkan ke pengembang petaproses bersama berkasnya", ENGINE),
    Code("missing-logo", "peringatan", "berkas `logo` di organisasi tidak ada atau bukan PNG/JPEG",
         "`logo: lambang.gif`", "simpan lambang sebagai PNG/JPEG di samping organisasi.yaml", RULE),
    Code("missing-seat", "peringatan", "instansi yang namanya bukan \"Pemerintah Kota ...\" tanpa `kedudukan`: "
         "\"Ditetapkan di\" keputusan Dokumen SOP dan formulir dicetak dari nama instansi",
         "`nama: Pemerintah Kabupaten Rokan Hilir` tanpa `kedudukan`",
         "tulis tempat kedudukannya di organisasi.yaml, mis. `kedudukan: Bagansiapiapi`", RULE),
    Code("different-process", "peringatan", "`banding` atas dua proses yang berbeda",
         "`petaproses banding sop01.yaml sop02.yaml`", "bandingkan dua versi dari satu proses (kode sama)", COMPARE),
    Code("loop-to-start", "peringatan", "putaran balik ke langkah pertama SOP atau peta lintas fungsi (yang digambar sebagai simbol mulai; "
         "peta sub proses tidak menggambar simbol mulai)",
         "`cabang: {Tidak: terima}` menuju langkah pertama",
         "tambahkan langkah tersendiri untuk diulang dan arahkan ke sana", RULE),
    Code("empty-identity", "peringatan", "SOP tanpa salah satu bagian identitas PermenPANRB 35/2012 (dasar hukum, "
         "kualifikasi pelaksana, keterkaitan, peralatan, peringatan, pencatatan): tercetak \"-\"; atau butirnya hanya tanda "
         "butir tanpa teks", "SOP tanpa `peralatan`; `peringatan: [\"•\"]`",
         "isi bagian itu, atau tulis `\"-\"` bila SOP aslinya mencetaknya kosong", RULE),
    Code("no-times", "peringatan", "tidak satu kegiatan SOP pun punya `waktu` (kolom Waktu kosong)",
         "SOP yang semua kegiatannya tanpa `waktu`", "tulis `waktu` setiap kegiatan (mis. `15 menit`), atau `\"-\"`",
         RULE),
    Code("single-actor", "peringatan", "SOP dengan satu pelaksana (SOP AP bersifat lintas jabatan)",
         "semua kegiatan `pelaksana: staf_pelaksana`", "libatkan jabatan lain, atau jadikan instruksi kerja; SOP "
         "bertanda tangan yang disalin apa adanya: `# petaproses: abaikan single-actor` di akhir baris langkah "
         "pertama atau di baris tersendiri tepat di atasnya", RULE),
    Code("parallel-split", "peringatan", "`ke` berisi daftar (percabangan paralel: semua cabang dijalankan) tetapi "
         "cabangnya tidak bertemu lagi atau kembali ke langkah sebelumnya, jadi mungkin maksudnya pilihan",
         "`ke: [setujui, kembalikan]` dengan `kembalikan` mengakhiri proses",
         "pilihan: `cabang: {Lengkap: setujui, Tidak lengkap: kembalikan}`; paralel: pertemukan cabangnya di satu "
         "langkah", RULE),
    Code("unknown-evaluated-document", "peringatan",
         "rekaman evaluasi menilai dokumen yang tidak ada (lagi) di katalog (kode berkas yang ada tetapi bergalat "
         "tidak dilaporkan di sini: galatnya di berkas itu)",
         "`dokumen: {SETDA.ORG.SOP.99: ...}` di berkas `jenis: evaluasi`",
         "tulis kode SOP atau peta yang ada; rekaman dokumen yang sudah dicabut boleh dibiarkan", RULE),
    Code("unknown-evaluated-step", "peringatan",
         "temuan menunjuk langkah yang tidak ada (lagi) di dokumennya; pesan menyebut teks terakhir langkah itu",
         "`langkah: periksaa` pada temuan", "perbaiki id langkah, atau tutup temuan bila langkahnya sudah dihapus",
         RULE),
    Code("unrevised-evaluation", "peringatan", "dokumen yang dievaluasi punya temuan tetapi tanpa `revisi` (tindak "
         "lanjut tidak terlacak)", "`temuan` tanpa `revisi` pada dokumen itu",
         "tulis commit git berkas SOP saat sesi, atau `sha256:` isi berkasnya (`serve --evaluasi` menulisnya)", RULE),
    Code("closed-without-revision", "peringatan", "temuan berstatus `ditutup` tanpa `revisi_penutup`",
         "`status: ditutup` tanpa `revisi_penutup`",
         "tulis commit git (atau sha256:...) revisi dokumen yang menutup temuan itu", RULE),
    Code("comment-in-text", "peringatan", "teks sesudah ` #` pada baris sebuah nilai adalah komentar YAML dan "
         "dibuang; diperingatkan bila `#` langsung diikuti teks (mis. `#2`), yang mungkin bagian dari nilai",
         "`uraian: Menerima berkas nomor #2 dari loket #3` (terbaca: `Menerima berkas nomor`)",
         'beri tanda kutip: `uraian: "Menerima berkas nomor #2 dari loket #3"`; komentar biasa diberi spasi: '
         "`# catatan`", RULE),
    Code("actor-in-activity", "peringatan", "uraian diawali pelaksana, bukan kata kerja",
         "`uraian: Staf menerima berkas`", "tulis kata kerja tanpa subjek: `Menerima berkas`", RULE),
    Code("list-of-one", "peringatan", "daftar `pelaksana` kegiatan berisi satu id", "`pelaksana: [kepala_dinas]`",
         "tulis satu id tanpa kurung: `pelaksana: kepala_dinas`", RULE),
    Code("unused-pelaksana", "peringatan", "pelaksana dalam daftar lajur `pelaksana` peta tanpa satu kegiatan pun "
         "(lajurnya digambar kosong)", "`pelaksana: [staf, kasubag, kadis]` tanpa kegiatan kasubag",
         "hapus dari daftar, atau tambahkan kegiatannya", RULE),
    Code("zigzag-chain", "peringatan", "rantai pelaksana (kegiatan bergiliran) berbalik arah kolom, panahnya "
         "melintasi kotak lain", "`pelaksana: [kasubag, kadis, staf]` dengan urutan lajur staf, kasubag, kadis",
         "urutkan lajur `pelaksana` atau urutan rantai agar berjalan satu arah", RULE),
    Code("external-link", "peringatan", "`keterkaitan` menyebut judul SOP yang tidak ada di katalog (SOP instansi "
         "lain, atau SOP sendiri yang belum ditulis): dicetak apa adanya tanpa tautan",
         "`keterkaitan: [SOP Pengelolaan Surat Keluar]`",
         "biarkan bila memang SOP instansi lain; bila SOP katalog ini, tulis kodenya", RULE),
    Code("missing-nip", "peringatan", "pejabat penanda tangan, pemeriksa atau penyusun SOP tanpa NIP (dicetak tanpa NIP)",
         "`disahkan_oleh: kabid` dan pejabat `kabid` tanpa `nip`", "tambahkan `nip` pejabat itu di organisasi.yaml "
         "bila ada", RULE),
    Code("invalid-nip", "peringatan", "NIP pejabat yang tidak terdiri atas 18 angka (dicetak seperti ditulis)",
         '`nip: "19650603 19903 1 006"` (17 angka)', "periksa NIP dengan SK pejabat itu; tulis 18 angkanya", RULE),
    Code("unknown-regulation", "galat", "id peraturan tidak ada di register peraturan (`dasar_hukum`, `dasar_keputusan`, "
         "`diubah_oleh`, `dicabut_oleh`), dengan saran", "`dasar_hukum: [uu_30_2041]`",
         "pakai id dari `peraturan` di peraturan.yaml, atau tambahkan peraturan itu ke register", RULE),
    Code("revoked-regulation", "peringatan", "dasar hukum yang sudah dicabut, atau akan dicabut pada `dicabut_tanggal` "
         "yang belum tiba (pesan menyebut peraturan penggantinya)", "`dasar_hukum: [uu_5_2014]` (dicabut oleh UU 20/2023)",
         "`petaproses ubah-peraturan LAMA BARU --tulis` mengutip penggantinya di semua berkas", RULE),
    Code("missing-amendment", "peringatan", "teks dasar hukum mengutip peraturan yang telah diubah tanpa perubahan "
         "terakhirnya (pesan menyebut teks lengkapnya)",
         "`- Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil`",
         "tambahkan \"sebagaimana telah diubah dengan ...\" seperti saran pesan, atau kutip dengan id register", RULE),
    Code("unmatched-citation", "peringatan", "teks dasar hukum yang jenis, nomor atau tahunnya tidak terbaca, atau "
         "tidak ada di register peraturan (hanya bila katalog punya register)",
         "`- Keputusan Wali Kota Padang Panjang tentang Pembentukan Tim`",
         "tulis jenis, nomor dan tahunnya (mis. `Peraturan Wali Kota Padang Panjang Nomor 48 Tahun 2024`), atau "
         "tambahkan peraturan itu ke register", RULE),
    Code("reordered-legal-basis", "peringatan", "dasar hukum SOP dicetak menurut hierarki peraturan dalam urutan lain "
         "dari urutan tulisannya (pesan menyebut butir yang pindah)",
         "`dasar_hukum:` PP 17/2010 lalu PP 19/2005 (dicetak PP 19/2005 dulu)",
         "biarkan bila SOP belum ditetapkan; bila sudah ditetapkan dengan urutan itu, tulis `urutan_dasar_hukum: "
         "tertulis` di SOP (atau di organisasi.yaml untuk seluruh katalog)", RULE),
    Code("removed-pelaksana", "peringatan", "jabatan yang sudah dihapus (`dihapus`) masih dipakai peta, SOP atau tim "
         "kerja (pesan menyebut penggantinya)", "`pelaksana: kasubag_tata_laksana` yang di organisasi.yaml "
         "`dihapus: 2022-12-30`", "`petaproses ubah-jabatan LAMA BARU --tulis` mengganti di semua berkas", RULE),
    Code("removed-unit", "peringatan", "unit atau Perangkat Daerah yang sudah dihapus masih dipakai peta, SOP atau "
         "jabatan, atau nama unit yang dihapus masih ditulis di `unit_induk` unit lain Perangkat Daerah itu",
         "`unit: subbagian_tata_laksana` yang di organisasi.yaml `dihapus`; `unit_induk: Subbagian Tata Laksana`",
         "pakai unit atau Perangkat Daerah penggantinya (`diganti_oleh`); `ubah-jabatan` mengganti keduanya", RULE),
    Code("replacement-cycle", "galat", "`diganti_oleh` jabatan, unit atau Perangkat Daerah yang dihapus kembali ke "
         "dirinya sendiri (A diganti B, B diganti A): tidak ada pengganti yang berlaku",
         "`a: {dihapus: 2026-07-01, diganti_oleh: b}` dan `b: {dihapus: 2026-07-01, diganti_oleh: a}`",
         "tulis di `diganti_oleh` salah satunya id yang masih berlaku (tanpa `dihapus`)", RULE),
    Code("unknown-aplikasi", "galat", "id aplikasi pada kegiatan (atau `diganti_oleh` di register) tidak ada di "
         "register aplikasi (dengan saran)", "`aplikasi: [srikandii]`",
         "pakai id dari register aplikasi (`jenis: aplikasi`), atau daftarkan aplikasi itu di sana", RULE),
    Code("shared-aplikasi-available", "peringatan", "kegiatan memakai aplikasi Perangkat Daerah yang menurut register "
         "sudah diganti aplikasi umum untuk fungsi yang sama (Perpres 95/2018 tentang SPBE, Pasal 36)",
         "`aplikasi: [e_surat]` sedangkan register: `e_surat: {diganti_oleh: srikandi}`",
         "pakai aplikasi penggantinya, mis. `aplikasi: [srikandi]`", RULE),
    Code("relasi-contradicts-sop", "peringatan", "relasi tambahan di berkas `peta-relasi` tidak sesuai SOP atau peta "
         "yang disebutnya di `proses` (pelaksana tidak ada di sana, arah terbalik, atau tidak ada serah terima itu)",
         "`{dari: petugas_bo, ke: pemohon, proses: [DPMPTSP.SOP.05]}`",
         "perbaiki `dari`, `ke` atau `proses` relasi itu, atau perbarui SOP-nya", RULE),
)

CODES: dict[str, Code] = {c.code: c for c in TABLE}


def level_of(code: str) -> Level:
    """Return the default level of ``code`` (KeyError for a code missing from the table)."""
    return CODES[code].level


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown() -> str:
    """Return the README's table of codes."""
    rows = ["| kode | tingkat | arti | contoh | perbaikan |", "|---|---|---|---|---|"]
    rows += [f"| `{c.code}` | {c.level} | {_cell(c.meaning)} | {_cell(c.example)} | {_cell(c.fix)} |" for c in TABLE]
    return "\n".join(rows) + "\n"


BEGIN, END = "<!-- kode-aturan: dibuat dari src/petaproses/rules/table.py -->\n", "<!-- kode-aturan: akhir -->\n"
_SECTION = Lazy(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)


def with_table(readme: str) -> str:
    """Return ``readme`` with the text between the markers replaced by the current table."""
    if not _SECTION.search(readme):
        raise ValueError("penanda tabel kode aturan tidak ditemukan di README")
    return _SECTION.sub(lambda _m: BEGIN + markdown() + END, readme, count=1)

