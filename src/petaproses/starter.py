"""Commented starter files for `petaproses new` (which kind offers which text: kinds.py; the ids of the
catalogue a starter lands in replace the examples in starting.py)."""

from __future__ import annotations

_HEAD = "# Dibuat oleh `petaproses new`. Periksa dengan: petaproses check <berkas>\n"

_STEPS = """\
kegiatan:
  # Kegiatan berurutan sesuai urutan tulis. Langkah pertama otomatis menjadi simbol mulai,
  # langkah tanpa lanjutan menjadi simbol selesai. Tulis uraian diawali kata kerja, tanpa subjek.
  - id: terima                     # id hanya perlu bila dirujuk oleh 'cabang' atau 'ke'
    uraian: Menerima berkas permohonan
    pelaksana: staf_pelaksana      # id jabatan dari organisasi.yaml
    kelengkapan: Formulir permohonan
    waktu: 15 menit                # mis. 15 menit, 1 jam 30 menit, 1-2 hari, 15 menit/berkas, paling lambat 3 hari
    output: Berkas diterima
  - id: periksa
    uraian: Memeriksa kelengkapan berkas
    pelaksana: kasubag_umum        # beberapa pelaksana dalam satu baris: [id_a, id_b] bergiliran (paraf
                                   # berjenjang), atau tambahkan 'bersama: ya' bila dikerjakan bersama-sama
    kelengkapan: Berkas permohonan
    waktu: 30 menit
    output: Berkas terverifikasi
    cabang:                        # keputusan: label cabang -> id langkah tujuan ('selesai' mengakhiri proses)
      Lengkap: setujui
      Tidak lengkap: kembalikan
  - id: kembalikan
    uraian: Mengembalikan berkas kepada pemohon untuk dilengkapi
    pelaksana: staf_pelaksana
    waktu: 15 menit
    output: Berkas dikembalikan
    selesai: true                  # proses berakhir di sini
  - id: setujui
    uraian: Menyetujui permohonan
    pelaksana: kepala_dinas
    kelengkapan: Berkas lengkap
    waktu: 1 hari
    output: Permohonan disetujui
"""

SOP = f"""{_HEAD}jenis: sop
kode: PD.UNIT.01                   # kode unik di seluruh katalog
nama: Nama Prosedur
nomor: 060/01/SOP/2025             # sesuai tata naskah dinas
perangkat_daerah: setda            # id dari organisasi.yaml
unit: bagian_organisasi
tanggal:
  pembuatan: 2025-01-06            # tanggal SOP selesai dibuat
  revisi: null
  efektif: 2025-02-01
disahkan_oleh: sekda               # id pejabat dari organisasi.yaml
dasar_hukum:
  - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP Administrasi Pemerintahan
kualifikasi_pelaksana:
  - Memahami tugas dan fungsi unit kerja
keterkaitan: []                    # kode SOP lain di katalog, atau judul SOP instansi lain
peralatan: [Komputer, Printer, ATK]
peringatan: Bila SOP tidak dilaksanakan, layanan terlambat
pencatatan: Disimpan sebagai arsip elektronik
{_STEPS}"""

PETA_LINTAS_FUNGSI = f"""{_HEAD}jenis: peta-lintas-fungsi
kode: PD.1.1.1
nama: Nama Peta Lintas Fungsi
perangkat_daerah: setda
induk: PD.1.1                      # kode peta di atasnya
{_STEPS}"""

PETA_SUB_PROSES = f"""{_HEAD}jenis: peta-sub-proses
kode: PD.1.1                       # kode unik di seluruh katalog
nama: Nama Proses
perangkat_daerah: setda            # id dari organisasi.yaml
induk: PD.L1                       # kode peta level 1 di atasnya
sub_proses:
  # berurutan sesuai urutan tulis; 'rincian' menunjuk kode peta lintas fungsi atau SOP di bawahnya
  - nama: Perencanaan
    rincian: PD.1.1.1
  - nama: Pelaksanaan
  - nama: Pelaporan
"""

PETA_LEVEL_1 = f"""{_HEAD}jenis: peta-level-1
kode: PD.L1                        # kode unik di seluruh katalog
nama: Peta Proses Bisnis Level 1
perangkat_daerah: setda            # id dari organisasi.yaml
pemangku_kepentingan:              # digambar di kiri (masukan) dan kanan (keluaran)
  masukan: [Masyarakat]
  keluaran: [Masyarakat]
proses:
  # kategori: manajemen, utama atau pendukung; 'rincian' menunjuk peta di bawahnya
  - {{id: perencanaan, kode: PD.1, nama: Perencanaan dan Evaluasi Kinerja, kategori: manajemen}}
  - {{id: layanan, kode: PD.2, nama: Pelayanan Utama, kategori: utama, rincian: PD.1.1}}
  - {{id: umum, kode: PD.3, nama: Administrasi Umum dan Kepegawaian, kategori: pendukung}}
"""

ORGANISASI = f"""{_HEAD}jenis: organisasi
nama: Pemerintah Kota Contoh
# kedudukan: Contoh                # kabupaten/provinsi: ibu kotanya, dicetak "Ditetapkan di ..."
alamat: Jl. Contoh No. 1
# logo: logo.png                   # lambang daerah (PNG/JPEG), relatif terhadap berkas ini
perangkat_daerah:
  setda:
    nama: Sekretariat Daerah
    kepala: sekda
    unit:
      bagian_organisasi: Bagian Organisasi
pelaksana:                         # id -> nama jabatan lengkap
  staf_pelaksana: Staf Pelaksana
  kasubag_umum: Kepala Subbagian Umum
  kepala_dinas: Kepala Dinas
pejabat:
  sekda:
    jabatan: Sekretaris Daerah
    nama: Nama Lengkap, S.H.
    nip: "197001011990031001"
"""

PERATURAN = f"""{_HEAD}jenis: peraturan
# Register peraturan: setiap peraturan yang dikutip SOP dan peta, sekali saja. SOP mengutipnya dengan id
# (dasar_hukum: [uu_30_2014]) atau dengan teks kutipan yang dicocokkan menurut jenis, nomor dan tahunnya.
nama: Register Peraturan
# Mengingat keputusan Dokumen SOP: tanpa dasar_keputusan, semua dasar hukum SOP Perangkat Daerah itu (yang dicabut
# diganti penggantinya) ditambah PermenPANRB 35/2012. Bila diisi, HANYA daftar ini (ditambah PermenPANRB 35/2012):
# dasar_keputusan: [uu_30_2014, permenpanrb_35_2012]
peraturan:
  uu_30_2014:
    jenis: uu                      # uu, perppu, pp, perpres, permen, peraturan_lembaga, perda, perwal, ...
    nomor: 30
    tahun: 2014
    judul: Administrasi Pemerintahan
    diubah_oleh: [uu_6_2023]       # perubahannya, urut waktu: dicetak 'sebagaimana telah diubah dengan ...'
  uu_6_2023:
    jenis: uu
    nomor: 6
    tahun: 2023
    judul: Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi Undang-Undang
  permenpanrb_35_2012:
    jenis: permen
    pembentuk: Pendayagunaan Aparatur Negara dan Reformasi Birokrasi
    nomor: 35
    tahun: 2012
    judul: Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
  permenpan_21_2008:
    jenis: permen
    pembentuk: Negara Pendayagunaan Aparatur Negara
    nomor: PER/21/M.PAN/11/2008
    tahun: 2008
    judul: Pedoman Penyusunan Standar Operasional Prosedur (SOP) Administrasi Pemerintahan
    dicabut_oleh: permenpanrb_35_2012   # tidak berlaku lagi: SOP yang mengutipnya diberi peringatan
"""

APLIKASI = f"""{_HEAD}jenis: aplikasi
nama: Daftar Aplikasi SPBE Kota Contoh
# Satu register per katalog. Kegiatan merujuk aplikasi dengan id: `aplikasi: [srikandi]`.
aplikasi:
  srikandi:
    nama: SRIKANDI (Sistem Informasi Kearsipan Dinamis Terintegrasi)
    pemilik: Arsip Nasional Republik Indonesia
    umum: ya                       # Aplikasi Umum SPBE: dipakai bersama (Perpres 95/2018)
    fungsi: Persuratan dan kearsipan dinamis
    url: https://srikandi.arsip.go.id
  e_surat:
    nama: E-Surat Dinas
    perangkat_daerah: setda        # aplikasi milik Perangkat Daerah ini
    fungsi: Persuratan dinas
    diganti_oleh: srikandi         # langkah yang masih memakai e_surat mendapat peringatan
"""

PETA_RELASI = f"""{_HEAD}jenis: peta-relasi
# Peta relasi dibuat sendiri dari SOP, peta lintas fungsi dan peta level 1. Berkas ini hanya mengatur
# tampilannya dan menambah relasi yang belum ada di SOP mana pun.
perangkat_daerah: setda            # kosong: peta relasi seluruh Pemda
ambang: 1                          # sembunyikan relasi yang dipakai kurang dari sekian proses
sembunyikan:
  - {{dari: staf_pelaksana, ke: kasubag_umum}}
relasi:
  - dari: kasubag_umum
    ke: kepala_dinas
    label: Laporan bulanan
buku: tidak                        # ya: cetak di buku Dokumen SOP Perangkat Daerah ini
"""
