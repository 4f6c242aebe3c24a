"""The fixed headings of an SOP document (identity table, flowchart table) and their gaya.yaml keys (`label:`).

Real SOPs print their own ("Tanggal Pengesahan", "Kelengkapan dan Peralatan", "WAKTU (Menit)", review W); the
defaults are PermenPANRB 35/2012's, as printed before the key existed.  Plain data: `check` and the layout
import it cheaply.
"""

from __future__ import annotations

# gaya.yaml key -> default heading, in the document's order
LABELS = {
    "nomor_sop": "Nomor SOP", "tanggal_pembuatan": "Tanggal Pembuatan", "tanggal_revisi": "Tanggal Revisi",
    "tanggal_efektif": "Tanggal Efektif", "disahkan_oleh": "Disahkan oleh", "diperiksa_oleh": "Diperiksa oleh",
    "dibuat_oleh": "Dibuat oleh", "nama_sop": "Nama SOP", "dasar_hukum": "Dasar Hukum",
    "kualifikasi_pelaksana": "Kualifikasi Pelaksana", "keterkaitan": "Keterkaitan",
    "peralatan": "Peralatan/Perlengkapan", "peringatan": "Peringatan", "pencatatan": "Pencatatan dan Pendataan",
    "tujuan": "Tujuan", "ruang_lingkup": "Ruang Lingkup", "definisi": "Definisi",
    "no": "No", "kegiatan": "Kegiatan", "pelaksana": "Pelaksana", "mutu_baku": "Mutu Baku",
    "kelengkapan": "Kelengkapan", "waktu": "Waktu", "output": "Output", "keterangan": "Keterangan",
}
LONGEST = 80  # characters: a heading, not a paragraph
