"""Before/after comparison of one process (as-is vs to-be, or two git revisions of one file)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path

from .catalogue import Catalogue, load_catalogue
from .compare_identity import FieldChange, identity_changes
from .flow import build_flow
from .load import load_document
from .durations import format_minutes
from .metrics import Metrics, metrics
from .model import PetaLintasFungsi, as_list
from .problems import InputError, PetaprosesError, Problem
from .rules import validate


GONE_SINCE = frozenset({"unknown-pejabat", "unknown-pelaksana", "unknown-unit", "unknown-perangkat-daerah"})


@dataclass
class StepChange:
    id: str
    before: str | None
    after: str | None
    changes: list[str] = field(default_factory=list)  # human-readable, e.g. "waktu: 1 hari -> 2 jam"


@dataclass
class Comparison:
    before_label: str
    after_label: str
    before: Metrics
    after: Metrics
    added: list[StepChange]
    removed: list[StepChange]
    changed: list[StepChange]
    actors_before: list[str]
    actors_after: list[str]
    institution: str = "petaproses"
    identity: list[FieldChange] = field(default_factory=list)  # identity fields and sections that changed
    versions: tuple = field(default=(), repr=False)  # ((catalogue, document) before, (…) after): for the diagrams

    def differences(self) -> dict[str, str]:
        """Return each measure's change in words ("+1", "−2 hari", "tetap"): the summary and the page agree."""
        b, a = self.before, self.after
        out = {k: _delta(getattr(b, k), getattr(a, k)) for k in
               ("langkah", "pelaksana", "serah_terima", "keputusan", "putaran", "tanpa_mutu_baku")}
        for k in ("waktu_terpendek_menit", "waktu_terpanjang_menit"):
            out[k] = _time_delta(getattr(b, k), getattr(a, k))
        return out


def read_revision(spec: str) -> tuple[str, bytes]:
    """Return (label, bytes) for a path, or for `REV:path` the file at that git revision."""
    path = Path(spec)
    if path.exists():
        return str(path), path.read_bytes()
    if ":" in spec:
        rev, _, name = spec.partition(":")
        try:
            top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True,
                                 check=True, cwd=Path(name).parent if Path(name).parent.exists() else None)
            rel = Path(name).resolve().relative_to(Path(top.stdout.strip()))
            out = subprocess.run(["git", "show", f"{rev}:{rel.as_posix()}"], capture_output=True, check=True,
                                 cwd=top.stdout.strip())
            return spec, out.stdout
        except subprocess.CalledProcessError as exc:
            raise InputError(f"tidak dapat membaca '{spec}' dari git ({_git_reason(exc, rev, name)}); "
                             "tulis REVISI:jalur, mis. HEAD~1:processes/setda/sop.yaml (jalur relatif terhadap "
                             "folder saat ini)") from exc
        except (FileNotFoundError, ValueError) as exc:
            raise InputError(f"tidak dapat membaca '{spec}' dari git: bukan berkas di dalam repositori git") from exc
    raise InputError(f"berkas '{spec}' tidak ditemukan")


def _git_reason(exc: subprocess.CalledProcessError, rev: str, name: str) -> str:
    """Why git could not give the file, in Indonesian for the usual causes (git's own words otherwise)."""
    lines = (exc.stderr if isinstance(exc.stderr, str) else (exc.stderr or b"").decode("utf-8", "replace")) \
        .strip().splitlines()
    said = lines[-1] if lines else ""
    if "not a git repository" in said:
        return "folder itu bukan repositori git"
    if any(k in said for k in ("invalid object name", "unknown revision", "bad revision", "ambiguous argument")):
        return f"revisi '{rev}' tidak ada di repositori ini"
    if "does not exist in" in said or "exists on disk, but not in" in said:
        return f"berkas '{name}' belum ada di revisi '{rev}'"
    return f"pesan git: {said}" if said else "git gagal"


def find_context(start: Path) -> Catalogue:
    """Return the organisation file and the registers (regulations, applications) of the catalogue that
    ``start`` lies in: the nearest folder upwards with an organisation file; no maps."""
    for folder in [start.resolve(), *start.resolve().parents]:
        if any(folder.glob("organisasi.y*ml")):
            whole, _ = load_catalogue([str(folder)])
            return Catalogue(organisasi=whole.organisasi, peraturan=whole.peraturan, aplikasi=whole.aplikasi,
                             sources={d.path: whole.sources.get(d.path, b"") for d in whole.others()})
    return Catalogue()


def load_version(spec: str, near: Catalogue | None = None) -> tuple[str, PetaLintasFungsi, Catalogue, list[Problem]]:
    """Return a version's label, document, context and findings.  ``near``: the other version's context, for a
    copy kept outside any catalogue (review Q: an old copy beside the new failed with missing-organisation)."""
    label, raw = read_revision(spec)
    doc, problems = load_document(label, raw)
    if doc is None:
        return label, None, Catalogue(), problems  # type: ignore[return-value]
    if not isinstance(doc, PetaLintasFungsi):
        raise PetaprosesError(f"{label}: banding hanya untuk peta-lintas-fungsi atau sop (ini '{doc.jenis}')")
    path = Path(spec.partition(":")[2] if not Path(spec).exists() and ":" in spec else spec)
    cat = find_context(path.parent)
    if cat.organisasi is None and near is not None and near.organisasi is not None:
        cat = Catalogue(organisasi=near.organisasi, peraturan=near.peraturan, aplikasi=near.aplikasi,
                        sources={d.path: near.sources.get(d.path, b"") for d in near.others()})
    cat.maps = [doc]
    cat.sources[label] = raw
    # only this file's findings; links point outside it
    problems += [p for p in validate(cat) if p.code != "unresolved-link" and p.path == label]
    return label, doc, cat, problems


def _describe(step, name=str) -> dict[str, str]:
    return {
        "uraian": step.uraian, "pelaksana": ", ".join(map(name, step.actors)), "waktu": step.waktu or "-",
        "kelengkapan": "; ".join(as_list(step.kelengkapan)) or "-", "output": "; ".join(as_list(step.output)) or "-",
        "lanjut": _exits(step),
    }


def _exits(step, number=None) -> str:
    """Return the exits an author wrote (a changed branch target is a change); "-" when the next step follows.
    ``number``: step id -> its number, to show a target as people read it ("langkah 5", not ``cek_berkas``)."""
    def shown(target: str) -> str:
        n = number.get(target) if number else None
        return f"langkah {n}" if n else target
    if step.cabang:
        return "; ".join(f"{label}: {shown(target)}" for label, target in step.cabang.items())
    if step.ke:
        return ", ".join(map(shown, as_list(step.ke)))
    return "selesai" if step.selesai else "-"


@dataclass
class StepDiff:
    added: list[StepChange]
    removed: list[StepChange]  # ids of the earlier version
    changed: list[StepChange]  # ids of the later version
    pairs: dict[str, str]  # step id in the later version -> the matching step id in the earlier one


def diff_steps(before: PetaLintasFungsi, after: PetaLintasFungsi, names: tuple = (str, str)) -> StepDiff:
    """Match the steps of two versions by id, else by their text, and say what was added, removed, changed.
    ``names``: each version's actor id -> the position name people read (``Catalogue.actor_name``)."""
    fb, fa = build_flow(before.kegiatan), build_flow(after.kegiatan)
    old = {n.id: n.item for n in fb.nodes}
    new = {n.id: n.item for n in fa.nodes}
    # steps without an author's id get positional ids; match those by text instead
    by_text_old = {s.uraian.casefold(): sid for sid, s in old.items()}
    pairs: dict[str, str] = {}
    for sid, step in new.items():
        if step.id and step.id in old:
            pairs[sid] = sid
        elif step.uraian.casefold() in by_text_old:
            pairs[sid] = by_text_old[step.uraian.casefold()]
    matched_old = set(pairs.values())
    added = [StepChange(sid, None, s.uraian) for sid, s in new.items() if sid not in pairs]
    removed = [StepChange(sid, s.uraian, None) for sid, s in old.items() if sid not in matched_old]
    changed = []
    numbers = ({n.id: i + 1 for i, n in enumerate(fb.nodes)}, {n.id: i + 1 for i, n in enumerate(fa.nodes)})
    for sid, oid in pairs.items():
        a, b = _describe(old[oid], names[0]), _describe(new[sid], names[1])
        diffs = [f"{k}: {a[k]} → {b[k]}" for k in a if a[k] != b[k] and k != "lanjut"]
        if a["lanjut"] != b["lanjut"]:  # compared by id, shown by number (review Q)
            diffs.append(f"lanjut: {_exits(old[oid], numbers[0])} → {_exits(new[sid], numbers[1])}")
        if diffs:
            changed.append(StepChange(sid, old[oid].uraian, new[sid].uraian, diffs))
    return StepDiff(added, removed, changed, pairs)


def compare(before_spec: str, after_spec: str) -> tuple[Comparison | None, list[Problem]]:
    """Compare two versions of a process; steps are matched by id, else by their text."""
    la, after, cat_a, pa = load_version(after_spec)
    lb, before, cat_b, pb = load_version(before_spec, cat_a)
    if cat_a.organisasi is None and cat_b.organisasi is not None:  # the new version is the copy outside
        la, after, cat_a, pa = load_version(after_spec, cat_b)
    # the earlier version names what the organisation has since removed (a signer, a post): read as it was, its
    # ids shown where no name is left (review S tester: a change of signer between revisions could not be shown)
    pb = [replace(p, level="peringatan", message=f"{p.message} (versi lama: ditampilkan dengan id-nya)")
          if p.is_error and p.code in GONE_SINCE else p for p in pb]
    problems = pb + pa
    if before is None or after is None or any(p.is_error for p in problems):
        return None, problems
    if before.kode != after.kode or before.jenis != after.jenis:
        line, col = after.loc("kode")
        problems.append(Problem(la, line, col, "different-process",
                                f"membandingkan dua proses berbeda ({before.jenis} {before.kode} dan {after.jenis} "
                                f"{after.kode}); banding dimaksudkan untuk dua versi satu proses", "peringatan"))
    return compare_documents(lb, before, cat_b, la, after, cat_a), problems


def compare_documents(lb: str, before: PetaLintasFungsi, cat_b: Catalogue, la: str, after: PetaLintasFungsi,
                      cat_a: Catalogue) -> Comparison:
    """Compare two loaded versions of a process (each with the catalogue that names its actors)."""
    diff = diff_steps(before, after, (cat_b.actor_name, cat_a.actor_name))
    mb, ma = metrics(cat_b, before), metrics(cat_a, after)
    assert mb is not None and ma is not None
    return Comparison(lb, la, mb, ma, diff.added, diff.removed, diff.changed,
                      [cat_b.actor_name(a) for a in cat_b.lanes(before)],
                      [cat_a.actor_name(a) for a in cat_a.lanes(after)],
                      cat_a.organisasi.nama if cat_a.organisasi else "petaproses",
                      identity_changes(before, cat_b, after, cat_a), ((cat_b, before), (cat_a, after)))


def _delta(before: float, after: float) -> str:
    diff = after - before
    return "tetap" if diff == 0 else (f"+{diff:g}" if diff > 0 else f"−{-diff:g}")


def _time_delta(before: float, after: float) -> str:
    diff = round(after - before)
    if diff == 0:
        return "tetap"
    return ("+" if diff > 0 else "−") + format_minutes(abs(diff))


_MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>|&])")


def _md(text: str) -> str:
    """Return user text as Markdown text on one line: what would be markup (emphasis, links, code, HTML, table
    cells, entities, a list or heading at its start) escaped with a backslash."""
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return "\\" + text if text[:1] in ("#", "-", "+", "=") else text


def _code(text: str) -> str:
    """Return ``text`` as a code span on one line (a backtick in it: a longer fence)."""
    text = " ".join(str(text).split())
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)  # longer than any run of backticks in it
    return f"{fence} {text} {fence}" if "`" in text else f"`{text}`"


def to_markdown(c: Comparison) -> str:
    """Return the comparison as a short Markdown summary for an evaluation session."""
    b, a = c.before, c.after
    rows = [(name, key, getattr(b, key), getattr(a, key)) for name, key in (
        ("Jumlah langkah", "langkah"), ("Jumlah pelaksana", "pelaksana"),
        ("Serah terima antarpelaksana", "serah_terima"), ("Keputusan", "keputusan"), ("Putaran balik", "putaran"),
        ("Langkah tanpa mutu baku lengkap", "tanpa_mutu_baku"))]
    lines = [
        f"# Perbandingan: {_md(a.nama)} ({_md(a.kode)})", "",
        f"- Sebelum: {_code(c.before_label)}", f"- Sesudah: {_code(c.after_label)}", "",
        "| Ukuran | Sebelum | Sesudah | Selisih |", "|---|---:|---:|---:|",
    ]
    words = c.differences()
    lines += [f"| {name} | {x} | {y} | {words[key]} |" for name, key, x, y in rows]
    lines += [
        f"| Waktu jalur tercepat | {b.waktu_terpendek} | {a.waktu_terpendek} | {words['waktu_terpendek_menit']} |",
        f"| Waktu jalur terlama | {b.waktu_terpanjang} | {a.waktu_terpanjang} | {words['waktu_terpanjang_menit']} |",
        "",
        f"## Identitas diubah ({len(c.identity)})",
        "",
    ]
    for change in c.identity:
        lines.append(f"- {_md(change.label)}")
        lines += [f"  - {_md(w)}" for w in change.words()]
    lines += [] if c.identity else ["- (tidak ada)"]
    lines.append("")
    for title, items in (("Langkah ditambahkan", c.added), ("Langkah dihapus", c.removed),
                         ("Langkah diubah", c.changed)):
        lines.append(f"## {title} ({len(items)})")
        lines.append("")
        for s in items:
            lines.append(f"- {_code(s.id)}: {_md(s.after or s.before)}")
            lines += [f"  - {_md(d)}" for d in s.changes]
        if not items:
            lines.append("- (tidak ada)")
        lines.append("")
    return "\n".join(lines)
