"""A petaproses export read back as close to its source as the file allows (review P).

petaproses writes a map's own fields in its process's documentation and each step's mutu baku in its task's
(``render/bpmn.py``): "Label: text" for a text, "Label:" and "- item" lines for a list, further lines of a text
indented by two spaces.  ``fields`` reads that form; ``Identity`` turns the process's fields into the map's keys
(an SOP again when its nomor, tanggal and signers are there) and a step's into its keys.  Names stand for ids
in the file (a signer, an application, a unit, a regulation): they are looked up in the catalogue the YAML
is written into; a name it does not know is written as a new id and said, for the user to add.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..durations import BARE
from .graph import Graph, clean, slug

# process documentation label -> the map's key ("" = read elsewhere: kode, nama, perangkat daerah)
PROCESS = {"Kode": "", "Nama": "", "Jenis": "jenis", "Perangkat Daerah": "", "Unit": "unit", "Induk": "induk",
           "Deskripsi": "deskripsi", "Nomor SOP": "nomor", "Tanggal pembuatan": "pembuatan",
           "Tanggal revisi": "revisi", "Revisi ke": "revisi_ke", "Tanggal efektif": "efektif",
           "Disahkan oleh": "disahkan_oleh", "Diperiksa oleh": "diperiksa_oleh", "Dibuat oleh": "dibuat_oleh",
           "Tanda tangan": "tanda_tangan",
           "Tujuan": "tujuan", "Ruang lingkup": "ruang_lingkup", "Definisi": "definisi", "Dasar hukum": "dasar_hukum",
           "Urutan dasar hukum": "urutan_dasar_hukum",
           "Kualifikasi pelaksana": "kualifikasi_pelaksana", "Keterkaitan": "keterkaitan",
           "Peralatan/perlengkapan": "peralatan", "Peringatan": "peringatan",
           "Pencatatan dan pendataan": "pencatatan", "Jumlah waktu": "jumlah_waktu", "Catatan": "catatan",
           "Satuan waktu": "satuan_waktu", "Pemangku kepentingan (masukan)": "masukan",
           "Pemangku kepentingan (keluaran)": "keluaran"}
STEP = {"Pelaksana": "", "Uraian": "uraian", "Tugas": "tugas", "Kode": "kode", "Kategori": "kategori",
        "Kelengkapan": "kelengkapan", "Waktu": "waktu", "Output": "output",
        "Keterangan": "keterangan", "Aplikasi": "aplikasi", "Rincian": "rincian"}
SOP_KEYS = ("nomor", "pembuatan", "disahkan_oleh")  # what the model requires of an SOP
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_ID = re.compile(r"[a-z][a-z0-9_]*")
_BARE = BARE.pattern  # a time without its unit


def fields(text: str) -> list[tuple[str, str | list[str]]]:
    """Return (label, text or list) of a documentation written in petaproses' form, in order; a line in no
    field's form continues the field before it (or stands as a field without label)."""
    out: list[tuple[str, str | list[str]]] = []
    for line in text.splitlines():
        last = out[-1][1] if out else None
        if line.startswith("  ") and out:
            if isinstance(last, list) and last:
                last[-1] += "\n" + line[2:]
            elif isinstance(last, str):
                out[-1] = (out[-1][0], last + "\n" + line[2:])
            continue
        if line.startswith("- ") and isinstance(last, list):
            last.append(line[2:])
            continue
        label, sep, value = line.partition(":")
        if sep and label.strip() and (not value or value.startswith(" ")):
            out.append((label.strip(), value[1:] if value else []))
        elif line.strip():
            out.append(("", line))
    return out


class Target:
    """The catalogue the imported file goes into (its organisation and registers), found from the folder the YAML
    is written to; None of it when there is no catalogue there."""

    def __init__(self, folder: Path | None):
        self.cat = None
        if folder is not None:
            from ..check import catalogue_roots, load

            roots = catalogue_roots([str(folder)])
            if any((Path(r) / n).is_file() for r in roots for n in ("organisasi.yaml", "organisasi.yml")):
                self.cat = load(roots).cat
        self.org = self.cat.organisasi if self.cat is not None else None

    def department(self, name: str) -> str | None:
        found = [k for k, pd in (self.org.perangkat_daerah.items() if self.org else []) if pd.nama == name]
        return found[0] if len(found) == 1 else None

    def unit(self, pd: str, name: str) -> str | None:
        dept = self.org.perangkat_daerah.get(pd) if self.org else None
        found = [u for u in (dept.unit if dept else {}) if dept.unit_name(u) == name]
        return found[0] if len(found) == 1 else None

    def official(self, text: str) -> str | None:
        """The pejabat id of "Jabatan (Nama, NIP n)" as the export writes it, or of a bare id."""
        people = self.org.pejabat if self.org else {}
        if text in people:
            return text
        for pid, p in people.items():
            if text == f"{p.jabatan} ({p.nama}" + (f", NIP {p.nip})" if p.nip else ")"):
                return pid
        return None

    def application(self, name: str) -> str | None:
        apps = self.cat.aplikasi.aplikasi if self.cat is not None and self.cat.aplikasi else {}
        if name in apps:
            return name
        found = [a for a, app in apps.items() if app.nama.casefold() == name.casefold()]
        return found[0] if len(found) == 1 else None

    def regulation(self, text: str) -> str | None:
        register = self.cat.peraturan if self.cat is not None else None
        if register is None:
            return None
        from ..register import ordered_texts

        found = [r for r in register.peraturan if ordered_texts(register, [r]) == [text]]
        return found[0] if len(found) == 1 else None


class Identity:
    """The map's keys read back from a petaproses export's process documentation, and each step's."""

    def __init__(self, g: Graph, target: Target, perangkat_daerah: str):
        self.g, self.target = g, target
        self.values: dict[str, object] = {}
        self.new: list[str] = []  # header lines: ids written that the catalogue does not know
        self.notes: list[str] = []  # messages
        self.apps: list[str] = []  # names of the applications the steps use (the export lists them as peralatan)
        self.pd = perangkat_daerah
        self.plain = False  # written as a peta-lintas-fungsi though the export was of another kind (impor/__init__)
        found = dict(fields(g.process_doc)) if g.petaproses and g.process_doc else {}
        dept = found.get("Perangkat Daerah")
        if isinstance(dept, str) and target.org is not None and perangkat_daerah not in target.org.perangkat_daerah:
            if (pd := target.department(dept)) is not None:
                self.pd = pd
                self.notes.append(f"perangkat_daerah: '{pd}' ({dept}), dari katalog tujuan")
        for label, value in found.items():
            key = PROCESS.get(label)
            if key is None:
                g.skip("process", label, g.process_id, "isian dokumentasi proses ini tidak punya kunci di berkas peta")
            elif key:
                self.values[key] = value

    @property
    def sop(self) -> bool:
        return all(self.values.get(k) for k in SOP_KEYS)

    @property
    def kind(self) -> str | None:
        """The map's jenis when it is a level-1 or sub-process map (written back as one), else None."""
        kind = self.values.get("jenis")
        return kind if kind in ("peta-level-1", "peta-level-0", "peta-sub-proses") and not self.plain else None

    def stakeholders(self) -> dict[str, list[str]]:
        return {key: _list(self.values.get(label)) for key, label in (("masukan", "masukan"), ("keluaran", "keluaran"))
                if self.values.get(label)}

    def _people(self, value, key: str) -> list[str]:
        ids = []
        for text in [value] if isinstance(value, str) else value:
            pid = self.target.official(text)
            if pid is None:
                pid = slug(text.split(" (", 1)[0], "pejabat")
                self.new.append(f"#   pejabat {pid}: {clean(text)} ({key})")  # one line: a comment, never YAML
                self.notes.append(f"{key}: pejabat '{text}' tidak ada di katalog tujuan: ditulis sebagai id '{pid}'; "
                                  "tambahkan ke organisasi.yaml (bagian pejabat:)")
            ids.append(pid)
        return ids

    def top(self) -> tuple[list[tuple[str, object]], list[tuple[str, object]]]:
        """Return the keys after perangkat_daerah and those after deskripsi, in the house order."""
        v = self.values
        head: list[tuple[str, object]] = []
        if isinstance(v.get("unit"), str):
            uid = self.target.unit(self.pd, v["unit"])
            if uid is not None:
                head.append(("unit", uid))
            else:
                self.g.skip("unit", v["unit"], "unit", "unit ini tidak ada di Perangkat Daerah itu di katalog tujuan")
        if isinstance(v.get("induk"), str) and _CODE.fullmatch(v["induk"]):
            head.append(("induk", v["induk"]))
        tail: list[tuple[str, object]] = []
        if self.sop:
            head.insert(0, ("nomor", v["nomor"]))
            dates = {k: v[k] for k in ("pembuatan", "revisi", "revisi_ke", "efektif") if isinstance(v.get(k), str)}
            if "revisi_ke" in dates and dates["revisi_ke"].isdigit():
                dates["revisi_ke"] = int(dates["revisi_ke"])  # type: ignore[assignment]
            head.append(("tanggal", dates))
            for key in ("disahkan_oleh", "diperiksa_oleh", "dibuat_oleh"):
                if v.get(key):
                    ids = self._people(v[key], key)
                    head.append((key, ids[0] if len(ids) == 1 else ids))
            if v.get("tanda_tangan") == "elektronik":
                head.append(("tanda_tangan", "elektronik"))
            for key in ("tujuan", "ruang_lingkup", "definisi"):
                if v.get(key):
                    tail.append((key, _definitions(v[key]) if key == "definisi" else v[key]))
            # a part the export wrote empty ("Keterkaitan:" alone) was written empty on purpose: kept so
            if "dasar_hukum" in v:
                tail.append(("dasar_hukum", [self.target.regulation(t) or t for t in _list(v["dasar_hukum"])]))
            if v.get("urutan_dasar_hukum") in ("hierarki", "tertulis"):
                tail.append(("urutan_dasar_hukum", v["urutan_dasar_hukum"]))
            for key in ("kualifikasi_pelaksana", "keterkaitan"):
                if key in v:
                    tail.append((key, _list(v[key])))
            own = _own_tools(_list(v.get("peralatan")), self.apps)
            if own or v.get("peralatan") == []:
                tail.append(("peralatan", own))
            for key in ("peringatan", "pencatatan", "jumlah_waktu", "catatan"):
                if v.get(key) or (key in ("peringatan", "pencatatan") and v.get(key) == []):
                    tail.append((key, v[key]))
        else:
            for key in ("nomor", "pembuatan", "disahkan_oleh"):
                if key in v:  # partial: not an SOP, so its identity has no place
                    self.g.skip("process", key, self.g.process_id, "identitas SOP tidak lengkap: ditulis sebagai peta")
        if self.kind not in ("peta-level-1", "peta-level-0"):
            for key in ("masukan", "keluaran"):
                if v.get(key):
                    self.g.skip("process", f"pemangku kepentingan ({key})", self.g.process_id,
                                "peta lintas fungsi tidak punya pemangku kepentingan")
        if v.get("satuan_waktu") in ("menit", "jam", "hari"):
            tail.append(("satuan_waktu", v["satuan_waktu"]))
        return head, tail

    def step(self, text: str) -> dict[str, object]:
        """Return the keys of one step from its task's documentation (kelengkapan, waktu, output, keterangan,
        aplikasi, rincian)."""
        out: dict[str, object] = {}
        for label, value in fields(text):
            key = STEP.get(label)
            if key == "aplikasi":
                out[key] = [self._application(n) for n in _list(value)]
            elif key == "waktu" and isinstance(value, str):
                unit = self.values.get("satuan_waktu")
                bare = re.fullmatch(rf"({_BARE}) {unit}", value) if unit else None
                out[key] = bare.group(1) if bare else value  # as written: "10" with satuan_waktu menit
            elif key:
                out[key] = value
            elif label != "Pelaksana":
                text_ = f"{label}: {value}" if label else str(value)
                out["keterangan"] = f"{out['keterangan']}\n{text_}" if out.get("keterangan") else text_
        return out

    def _application(self, name: str) -> str:
        if name not in self.apps:
            self.apps.append(name)
        aid = self.target.application(name)
        if aid is None:
            aid = name if _ID.fullmatch(name) else slug(name, "aplikasi")
            line = f"#   aplikasi {aid}: {clean(name)}"
            if line not in self.new:
                self.new.append(line)
                self.notes.append(f"aplikasi '{name}' tidak ada di register aplikasi katalog tujuan: ditulis sebagai "
                                  f"id '{aid}'; tambahkan ke register aplikasi")
        return aid


def _own_tools(items: list[str], apps: list[str]) -> list[str]:
    """Return the SOP's own peralatan: the fewest first items to which the export's rule (aplikasi.peralatan: each
    application a step uses, unless written) adds the rest of ``items``."""
    for k in range(len(items) + 1):
        out = items[:k]
        written = {i.casefold() for i in out}
        for name in apps:
            label = name if name.casefold().startswith("aplikasi") else f"Aplikasi {name}"
            if name.casefold() not in written and label.casefold() not in written:
                out.append(label)
                written.add(label.casefold())
        if out == items:
            return items[:k]
    return items


def _list(value) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def _definitions(value) -> object:
    """definisi: {istilah: arti} when every item reads "istilah: arti", else the list (or text) as it is."""
    items = _list(value)
    if isinstance(value, list) and items and all(": " in i for i in items):
        return dict(i.split(": ", 1) for i in items)
    return value
