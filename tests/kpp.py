"""The actors of KPP Pratama Bandar Lampung Satu's SOP as transcribed in review V (a tax office: six actors,
one of them outside), shared by the tests of its flowchart and of its swimlane map."""

KPP_ACTORS = """\
  wp: {nama: Wajib Pajak, luar: true}
  monitor: Petugas Monitoring SPT Lebih Bayar
  aspen: Asisten Penyuluh
  periksa: Seksi Pemeriksaan
  kasi_yan: Kepala Seksi Pelayanan
  pelaksana_yan: Pelaksana Pelayanan
"""
