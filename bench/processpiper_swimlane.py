"""The same 12-step, 4-lane swimlane as bench/onemap/peta.yaml, drawn by processpiper (run by bench_goals.py
in a throwaway virtualenv; not a petaproses dependency).

    python processpiper_swimlane.py OUT.png
"""

import sys

from processpiper import ActivityType, EventType, GatewayType, ProcessMap

with ProcessMap("Pelayanan Izin Usaha (12 langkah, 4 lajur)", colour_theme="BLUEMOUNTAIN") as pm:
    with pm.add_lane("Pemohon") as pemohon:
        ajukan = pemohon.add_element("Mengajukan permohonan izin", EventType.START)
        lengkapi = pemohon.add_element("Melengkapi berkas", ActivityType.TASK)
        unduh = pemohon.add_element("Menerima izin usaha", EventType.END)
    with pm.add_lane("Petugas Front Office") as loket:
        terima = loket.add_element("Menerima berkas permohonan", ActivityType.TASK)
        periksa = loket.add_element("Memeriksa kelengkapan berkas", GatewayType.EXCLUSIVE)
        catat = loket.add_element("Mencatat permohonan dalam sistem", ActivityType.TASK)
        serahkan = loket.add_element("Menyerahkan izin kepada pemohon", ActivityType.TASK)
    with pm.add_lane("Verifikator Teknis") as verifikator:
        verifikasi = verifikator.add_element("Memverifikasi persyaratan teknis", ActivityType.TASK)
        survei = verifikator.add_element("Meninjau lokasi usaha", ActivityType.TASK)
        rekomendasi = verifikator.add_element("Menyusun rekomendasi teknis", ActivityType.TASK)
    with pm.add_lane("Kepala Bidang Pelayanan Perizinan") as kabid:
        setujui = kabid.add_element("Menyetujui rekomendasi", GatewayType.EXCLUSIVE)
        terbitkan = kabid.add_element("Menandatangani izin secara elektronik", ActivityType.TASK)
    ajukan.connect(terima).connect(periksa)
    periksa.connect(catat, "Lengkap")
    periksa.connect(lengkapi, "Tidak lengkap")
    lengkapi.connect(terima)
    catat.connect(verifikasi).connect(survei).connect(rekomendasi).connect(setujui)
    setujui.connect(terbitkan, "Setuju")
    setujui.connect(verifikasi, "Tidak setuju")
    terbitkan.connect(serahkan).connect(unduh)
    pm.draw()
    pm.save(sys.argv[1] if len(sys.argv) > 1 else "processpiper.png")
