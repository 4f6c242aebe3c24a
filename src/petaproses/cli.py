"""The `petaproses` command: a thin shell over build.py; help and messages in Bahasa Indonesia.

Exit codes: 0 clean, 1 findings with errors (or warnings under --ketat), 2 usage, 3 missing tool or
unexpected failure.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import __version__
from .problems import InputError, PetaprosesError, problems_json

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_TOOL = 0, 1, 2, 3


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


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"port harus bilangan 1-65535, bukan '{text}'")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="petaproses", description="Peta proses bisnis dan SOP AP (PermenPANRB 35/2012) "
                "dari berkas YAML: periksa, gambar (BPMN, Graphviz) dan susun dokumen SOP (.docx).")
    p.add_argument("--versi", action="version", version=f"petaproses {__version__}", help="tampilkan versi")
    sub = p.add_subparsers(dest="perintah", metavar="PERINTAH", parser_class=_Parser)

    c = sub.add_parser("check", help="periksa berkas YAML (bawaan: processes/)",
                       description="Periksa berkas peta dan SOP; setiap temuan ditulis sebagai "
                       "berkas:baris:kolom: kode: pesan.")
    c.add_argument("paths", nargs="*", metavar="JALUR", help="berkas atau folder (bawaan: processes/)")
    c.add_argument("--format", choices=["teks", "json"], default="teks", help="bentuk keluaran (bawaan: teks)")
    c.add_argument("--ketat", action="store_true", help="peringatan juga dianggap galat (kode keluar 1)")

    b = sub.add_parser("build", help="periksa lalu bangun BPMN, diagram dan dokumen SOP ke output/",
                       description="Bangun semua keluaran. Tidak menulis apa pun bila ada galat.")
    b.add_argument("paths", nargs="*", metavar="JALUR", help="berkas atau folder (bawaan: processes/)")
    b.add_argument("-o", "--output", default="output", metavar="FOLDER", help="folder keluaran (bawaan: output/)")
    b.add_argument("--pdf", action="store_true",
                   help="juga buat PDF: dokumen SOP (lewat LibreOffice) dan peta A4 (<kode>-peta.pdf)")
    b.add_argument("--ketat", action="store_true", help="peringatan juga menghentikan pembangunan")
    b.add_argument("-j", "--jobs", type=int, metavar="N", help="jumlah proses paralel (bawaan: semua inti)")
    b.add_argument("--ulang", action="store_true", help="bangun ulang semuanya, abaikan yang tidak berubah")

    n = sub.add_parser("new", help="tulis berkas awal yang berisi komentar petunjuk",
                       description="Tulis berkas YAML awal dengan komentar petunjuk.")
    n.add_argument("jenis", metavar="JENIS", choices=_Starters(), help="jenis berkas: %(choices)s")
    n.add_argument("berkas", metavar="BERKAS", help="nama berkas yang akan ditulis, mis. processes/sop-baru.yaml")
    n.add_argument("--timpa", action="store_true", help="timpa bila berkas sudah ada")

    s = sub.add_parser("schema", help="tulis JSON Schema format YAML (untuk VS Code)",
                       description="Tulis JSON Schema format berkas petaproses, dibuat dari model, untuk "
                       "pelengkapan dan pemeriksaan di editor (ekstensi YAML VS Code).")
    s.add_argument("-o", "--output", default="schema/petaproses.schema.json", metavar="BERKAS")

    i = sub.add_parser("impor", help="ubah berkas BPMN (Bizagi, Camunda) menjadi peta-lintas-fungsi YAML",
                       description="Ubah BPMN dengan lajur (lane), seperti ekspor Bizagi atau Camunda, menjadi "
                       "berkas peta-lintas-fungsi. Unsur di luar subset SOP dilewati dan disebutkan.")
    i.add_argument("berkas", metavar="BERKAS.bpmn")
    i.add_argument("-o", "--output", metavar="BERKAS.yaml", help="tujuan (bawaan: nama yang sama, .yaml)")
    i.add_argument("--perangkat-daerah", default="ganti_perangkat_daerah", help="id perangkat daerah untuk berkas")
    i.add_argument("--timpa", action="store_true", help="timpa bila berkas tujuan sudah ada")
    m = sub.add_parser("metrik", help="ukuran proses: langkah, pelaksana, serah terima, keputusan, waktu",
                       description="Ukuran setiap peta lintas fungsi, SOP dan peta sub proses, dan jumlah per "
                       "Perangkat Daerah.")
    m.add_argument("paths", nargs="*", metavar="JALUR", help="berkas atau folder (bawaan: processes/)")
    m.add_argument("--format", choices=["teks", "json", "csv"], default="teks", help="bentuk keluaran")

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
    v.add_argument("paths", nargs="*", metavar="JALUR", help="berkas atau folder (bawaan: processes/)")
    v.add_argument("-o", "--output", default="output", metavar="FOLDER", help="folder keluaran (bawaan: output/)")
    v.add_argument("--port", type=_port, default=8000, help="port 1-65535 (bawaan: 8000)")

    a = sub.add_parser("aturan", help="daftar kode temuan: tingkat, arti, contoh dan perbaikan",
                       description="Tampilkan semua kode temuan dengan tingkat dan artinya, atau rincian satu kode "
                       "(contoh masukan yang memicunya dan cara memperbaikinya).")
    a.add_argument("kode", nargs="?", metavar="KODE", help="kode temuan, mis. unknown-pelaksana")

    t = sub.add_parser("templat", help="salin templat bawaan ke templates/ untuk diubah (gaya SOP, situs)",
                       description="Salin templat bawaan petaproses (gaya dan teks dokumen SOP, situs reviu) ke "
                       "FOLDER. petaproses memakai ./templates bila ada, jadi gaya dapat diubah tanpa kode.")
    t.add_argument("folder", nargs="?", default="templates", metavar="FOLDER", help="tujuan (bawaan: templates)")
    t.add_argument("--timpa", action="store_true", help="timpa berkas yang sudah ada")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    args = _parser().parse_args(argv)
    if not args.perintah:
        _parser().print_help()
        return EXIT_USAGE
    try:
        return {"check": _check, "build": _build, "new": _new, "schema": _schema, "impor": _impor,
                "metrik": _metrik, "banding": _banding, "serve": _serve, "aturan": _aturan,
                "templat": _templat}[args.perintah](args)
    except InputError as exc:
        print(f"petaproses: galat: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except PetaprosesError as exc:
        print(f"petaproses: galat: {exc}", file=sys.stderr)
        return EXIT_TOOL
    except KeyboardInterrupt:
        print("petaproses: dihentikan", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `petaproses metrik | head`: the reader has all it wants
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # the machine, not the input (disk full, permissions): no traceback
        from .atomic import os_error_text

        print(f"petaproses: galat sistem: {os_error_text(exc)}", file=sys.stderr)
        return EXIT_TOOL
    except Exception:  # a bug: exit 3, never 1, so that a crash is not read as findings in the files
        import traceback

        traceback.print_exc()
        print("petaproses: galat internal (bukan kesalahan di berkas Anda); mohon laporkan pesan di atas",
              file=sys.stderr)
        return EXIT_TOOL


def _summary(problems, files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{files} berkas diperiksa: {errors} galat, {warnings} peringatan"


def _report(problems, files: int, fmt: str = "teks") -> None:
    if fmt == "json":
        print(problems_json(problems))
        return
    for p in problems:
        print(p.format())
    print(_summary(problems, files), file=sys.stderr)


def _preset(args) -> str:
    return "ketat" if args.ketat else "bawaan"


def _exit_code(problems) -> int:
    """Return 3 when a rule failed (a bug, not the user's file), else 1 for errors, else 0."""
    if any(p.code == "internal-error" for p in problems):
        return EXIT_TOOL
    return EXIT_FINDINGS if any(p.is_error for p in problems) else EXIT_OK


def _check(args) -> int:
    from .check import check

    cat, problems = check(args.paths or ["processes"], preset=_preset(args))
    _report(problems, len(cat.checked), args.format)
    return _exit_code(problems)


def _build(args) -> int:
    from .build import build

    start = time.perf_counter()
    options = {"sop_docx": {"pdf": True}, "diagram": {"pdf": True}} if args.pdf else {}
    tty = sys.stderr.isatty()

    def progress(done: int, total: int, code: str) -> None:
        if tty:
            bar = "#" * (30 * done // total)
            print(f"\r[{bar:<30}] {done}/{total} {code[:40]:<40}", end="" if done < total else "\n",
                  file=sys.stderr, flush=True)
        else:
            print(f"[{done}/{total}] {code}", file=sys.stderr)

    result = build(args.paths or ["processes"], args.output, options=options, progress=progress,
                   jobs=args.jobs, force=args.ulang, preset=_preset(args))
    problems = result.problems
    for note in result.notes:
        print(f"petaproses: peringatan: {note}", file=sys.stderr)
    for p in problems:
        print(p.format())
    if result.written_nothing:
        print(_summary(problems, 0).split(": ", 1)[1] + "; tidak ada yang ditulis", file=sys.stderr)
        return _exit_code(problems)
    for code, message in result.failed:
        print(f"petaproses: gagal membangun {code}: {message}", file=sys.stderr)
    if result.stale:
        print(f"{len(result.stale)} dokumen bergalat tidak dibangun; keluaran terakhirnya yang baik tetap ada dan "
              f"ditandai basi di situs: {', '.join(result.stale[:5])}{' …' if len(result.stale) > 5 else ''}",
              file=sys.stderr)
    print(f"{len(result.built)} dibangun, {len(result.skipped)} dilewati (tidak berubah), "
          f"{len(result.stale)} bergalat, {len(result.failed)} gagal; {len(result.written)} berkas ditulis ke "
          f"{args.output}/ dalam {time.perf_counter() - start:.1f} detik", file=sys.stderr)
    return EXIT_TOOL if result.failed else _exit_code(problems)


def _new(args) -> int:
    from .kinds import KINDS
    from .model import Organisasi
    from .starter import starter_text

    target = Path(args.berkas)
    if args.berkas == "-" or target.suffix not in (".yaml", ".yml"):
        print("petaproses: galat: nama berkas harus berakhiran .yaml, mis. processes/sop-baru.yaml", file=sys.stderr)
        return EXIT_USAGE
    if target.exists() and not args.timpa:
        print(f"petaproses: galat: {target} sudah ada; pakai --timpa untuk menimpanya", file=sys.stderr)
        return EXIT_USAGE
    from .atomic import write_atomic
    from .compare import find_organisation

    kind = KINDS[args.jenis]
    org = find_organisation(target.parent) if target.parent.exists() and kind.model is not Organisasi else None
    write_atomic(target, starter_text(kind.starter, org).encode("utf-8"))
    print(f"{target} ditulis; isi lalu periksa dengan: petaproses check {target}", file=sys.stderr)
    return EXIT_OK


def _schema(args) -> int:
    from .atomic import write_atomic
    from .schema import schema_text

    write_atomic(Path(args.output), schema_text().encode("utf-8"))
    print(f"{args.output} ditulis", file=sys.stderr)
    return EXIT_OK


def _impor(args) -> int:
    try:
        from .impor import import_bpmn
    except ModuleNotFoundError:  # pragma: no cover
        print("petaproses: galat: impor BPMN belum tersedia di versi ini", file=sys.stderr)
        return EXIT_TOOL
    source = Path(args.berkas)
    target = Path(args.output) if args.output else source.with_suffix(".yaml")
    if target.exists() and not args.timpa:
        print(f"petaproses: galat: {target} sudah ada; pakai --timpa untuk menimpanya, atau -o BERKAS", file=sys.stderr)
        return EXIT_USAGE
    text, messages = import_bpmn(source, args.perangkat_daerah)
    for m in messages:
        print(m, file=sys.stderr)
    if text is None:
        return EXIT_FINDINGS
    from .atomic import write_atomic

    write_atomic(target, text.encode("utf-8"))
    print(f"{target} ditulis", file=sys.stderr)
    return EXIT_OK


def _metrik(args) -> int:
    from .check import check
    from .metrics import catalogue_metrics, metrics_csv, metrics_json

    cat, problems = check(args.paths or ["processes"])
    if any(p.is_error for p in problems):
        _report(problems, len(cat.sources))
        return EXIT_FINDINGS
    rows = catalogue_metrics(cat)
    if args.format == "json":
        print(metrics_json(rows))
    elif args.format == "csv":
        print(metrics_csv(rows), end="")
    else:
        print(f"{'kode':<24} {'langkah':>7} {'pelaksana':>9} {'serah':>5} {'kptsn':>5} {'putar':>5}  waktu (jalur "
              "tercepat s.d. terlama)")
        for m in rows:
            span = m.waktu_terpendek if m.waktu_terpendek == m.waktu_terpanjang else \
                f"{m.waktu_terpendek} s.d. {m.waktu_terpanjang}"
            print(f"{m.kode:<24} {m.langkah:>7} {m.pelaksana:>9} {m.serah_terima:>5} {m.keputusan:>5} "
                  f"{m.putaran:>5}  {span if m.tanpa_waktu < m.langkah else '-'}")
        from .metrics import department_totals

        print("\nper Perangkat Daerah: proses, langkah, serah terima, keputusan, putaran, tanpa mutu baku lengkap")
        for pd_id, t in department_totals(rows).items():
            print(f"{pd_id:<24} {t['proses']:>7} {t['langkah']:>9} {t['serah_terima']:>5} {t['keputusan']:>5} "
                  f"{t['putaran']:>5}  {t['tanpa_mutu_baku']}")
    return EXIT_OK


def _banding(args) -> int:
    from .atomic import write_atomic
    from .compare import compare, to_markdown

    result, problems = compare(args.lama, args.baru)
    for p in problems:
        print(p.format(), file=sys.stderr)
    if result is None:
        return EXIT_FINDINGS
    text = to_markdown(result)
    if args.output:
        write_atomic(Path(args.output), text.encode("utf-8"))
        print(f"{args.output} ditulis", file=sys.stderr)
    else:
        print(text)
    if args.situs:
        from .paths import templates_dir
        from .review_site import render_comparison_page

        target = Path(args.situs) / "banding" / f"{result.after.kode}.html"
        write_atomic(target, render_comparison_page(result, templates_dir()))
        print(f"{target} ditulis; tampil di beranda setelah build berikutnya", file=sys.stderr)
    return EXIT_OK


def _serve(args) -> int:
    from .serve import serve

    try:
        serve(args.paths or ["processes"], args.output, args.port)
    except OSError as exc:
        print(f"petaproses: galat: port {args.port} tidak dapat dipakai ({exc.strerror}); coba --port 8080",
              file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _aturan(args) -> int:
    from .problems import suggest
    from .rules.table import CODES, TABLE

    if args.kode is None:
        width = max(len(c.code) for c in TABLE)
        for c in TABLE:
            print(f"{c.code:<{width}}  {c.level:<10}  {c.meaning}")
        return EXIT_OK
    code = CODES.get(args.kode)
    if code is None:
        print(f"petaproses: galat: kode '{args.kode}' tidak dikenal{suggest(args.kode, CODES)}; "
              "lihat daftarnya dengan: petaproses aturan", file=sys.stderr)
        return EXIT_USAGE
    print(f"{code.code} ({code.level})\n  arti:      {code.meaning}\n  contoh:    {code.example}\n"
          f"  perbaikan: {code.fix}")
    return EXIT_OK


def _templat(args) -> int:
    import shutil

    from .paths import PACKAGE_TEMPLATES

    target = Path(args.folder)
    shipped = sorted(p.relative_to(PACKAGE_TEMPLATES) for p in PACKAGE_TEMPLATES.rglob("*") if p.is_file())
    existing = [rel for rel in shipped if (target / rel).exists()]
    if existing and not args.timpa:
        print(f"petaproses: galat: {target / existing[0]} sudah ada; pakai --timpa untuk menimpanya", file=sys.stderr)
        return EXIT_USAGE
    for rel in shipped:
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PACKAGE_TEMPLATES / rel, target / rel)
    print(f"{len(shipped)} berkas templat disalin ke {target}/; petaproses memakai folder templates/ di folder "
          "tempat perintahnya dijalankan", file=sys.stderr)
    return EXIT_OK
