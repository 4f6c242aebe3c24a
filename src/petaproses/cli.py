"""The `petaproses` command: a thin shell over build.py; help and messages in Bahasa Indonesia.

Exit codes: 0 clean, 1 findings with errors (or warnings under --ketat), 2 usage, 3 missing tool or
unexpected failure.
"""

from __future__ import annotations

import gc
import os
import sys
import time

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms of every command)
if TYPE_CHECKING:
    from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_TOOL = 0, 1, 2, 3


def _paths(paths: list[str] | None) -> list[str]:
    from .cli_args import catalogue_paths

    return catalogue_paths(paths)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    from .cli_args import parser as _parser  # here, not above: `check` answered by `siaga` needs neither
    from .problems import InputError, PetaprosesError

    gc.set_threshold(50_000, 20, 20)  # a command keeps most of what it makes (catalogue, state): collect seldom
    args = _parser().parse_args(argv)
    if not args.perintah:
        _parser().print_help()
        return EXIT_USAGE
    try:
        return {"check": _check, "build": _build, "new": _new, "schema": _schema, "impor": _impor,
                "metrik": _metrik, "banding": _banding, "serve": _serve, "aturan": _aturan,
                "templat": _templat, "ubah-jabatan": _ubah, "ubah-peraturan": _ubah,
                "siaga": _siaga}[args.perintah](args)
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


def run() -> None:
    """The console command: ``main``, then an exit that leaves the freeing of every object to the system
    (after a 1,000-file check that freeing took 0.17 s; the output is flushed and atexit handlers run first).
    Where another thread still runs, or the output cannot be flushed, the interpreter exits as usual."""
    # One command, then the exit: what it makes lives until then (imports, catalogue, state), and the cyclic
    # collector's passes find next to nothing (an edit rebuild of 1,000 SOPs: ~60 ms of passes freeing ~1,300
    # objects; a SOP's render leaves ~140).  `serve` and `siaga` run for hours: they turn it on again.
    gc.disable()
    import atexit
    import threading

    answered = None
    if sys.argv[1:2] in (["check"], ["build"]):  # a running `petaproses siaga` answers it (resident.py)
        from .resident import answered_here

        answered = answered_here(sys.argv[1:])
    if answered is None:
        from . import pydantic_plugins

        pydantic_plugins.install()  # this process is petaproses': its models need no plugin search (~12 ms)
    code = main() if answered is None else answered
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    run_exitfuncs = getattr(atexit, "_run_exitfuncs", None)  # CPython's; elsewhere: the usual exit
    if threading.active_count() > 1 or run_exitfuncs is None:
        sys.exit(code)
    run_exitfuncs()
    os._exit(code)


def _summary(problems, files: int | None) -> str:  # files None: the counts only (build's summary)
    errors = sum(p.is_error for p in problems)  # nothing checked is said, not a finding: exit code 0 stays
    none = "petaproses: peringatan: tidak ada berkas YAML (.yaml, .yml) di jalur itu; tidak ada yang diperiksa\n"
    return none * (files == 0) + f"{files or 0} berkas diperiksa: {errors} galat, {len(problems) - errors} peringatan"


def _report(problems, files: int, fmt: str = "teks") -> None:
    if fmt == "json":
        from .problems import problems_json

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


def _missing(paths: list[str]) -> list[str]:
    """Return the named paths that do not exist: a usage error (exit 2), reported as findings too."""
    return [p for p in paths if not os.path.exists(p or ".")]  # Path("") is "."


def _refresh_schema(paths: list[str], cat) -> None:
    """Keep the catalogue's editor schema (written by `new` or `schema --katalog`) up to date with its ids."""
    if cat is None:  # a no-op build loaded nothing (and must not import the model to find that out)
        return
    from pathlib import Path

    from .check import catalogue_roots
    from .checkcache import SCHEMA_FILE

    roots = catalogue_roots(paths)
    if len(roots) == 1 and (Path(roots[0]) / SCHEMA_FILE).is_file():  # else no schema module to import
        from .schema import refresh_catalogue_schema

        refresh_catalogue_schema(roots[0], cat)


def _check(args) -> int:
    paths = _paths(args.paths)
    preset = _preset(args)
    cached = not getattr(args, "tanpa_cache", False)
    listing = None
    if cached:  # nothing changed since the same check: its findings, without loading anything (checkcache.py)
        from .check import catalogue_roots
        from .checkcache import quick_result
        from .load import find_files

        roots = catalogue_roots(paths)
        listing = find_files(roots)  # listed once: the full check, on a miss, loads these
        hit = quick_result(paths, roots, preset, listing)
        if hit is not None:
            _report(hit[0], hit[1], args.format)
            return EXIT_USAGE if _missing(paths) else _exit_code(hit[0])
    from .check import check, check_cached

    cat, problems = check_cached(paths, preset=preset, listing=listing) if cached else check(paths, preset=preset)
    _report(problems, len(cat.checked), args.format)
    if _missing(paths):
        return EXIT_USAGE
    _refresh_schema(paths, cat)
    if cached:
        from .check import catalogue_roots
        from .checkcache import later, record_result

        roots = catalogue_roots(paths)
        later(("results", tuple(paths), preset), lambda: record_result(paths, roots, preset, cat, problems))
    return _exit_code(problems)


def _build(args) -> int:
    from pathlib import Path

    from .build import build
    from .texts import decimal
    from .unit_hashes import PDF_OPTIONS

    start = time.perf_counter()
    options = PDF_OPTIONS if args.pdf else {}
    earlier_pdfs = set() if args.pdf else _pdfs(Path(args.output))
    tty = sys.stderr.isatty()

    def progress(done: int, total: int, code: str) -> None:
        if tty:
            bar = "#" * (30 * done // total)
            print(f"\r[{bar:<30}] {done}/{total} {code[:40]:<40}", end="" if done < total else "\n",
                  file=sys.stderr, flush=True)
        else:
            print(f"[{done}/{total}] {code}", file=sys.stderr)

    paths = _paths(args.paths)
    result = build(paths, args.output, options=options, progress=progress,
                   jobs=args.jobs, force=args.ulang, preset=_preset(args))
    problems = result.problems
    for note in result.notes:
        print(f"petaproses: peringatan: {note}", file=sys.stderr)
    for p in problems:
        print(p.format())
    if result.written_nothing:
        print(_summary(problems, None).split(": ", 1)[1] + "; tidak ada yang ditulis", file=sys.stderr)
        return EXIT_USAGE if _missing(paths) else _exit_code(problems)
    _refresh_schema(paths, getattr(result, "cat", None))
    for code, message in result.failed:
        print(f"petaproses: gagal membangun {code}: {message}", file=sys.stderr)
    for codes, what in (([c for c in result.stale if c not in result.stale_new], "keluaran terakhirnya yang baik "
                         "tetap ada dan ditandai basi di situs"), (result.stale_new, "belum ada keluarannya")):
        if codes:  # only say the last good outputs remain where they do
            print(f"{len(codes)} dokumen bergalat tidak dibangun; {what}: {', '.join(codes[:5])}"
                  f"{' …' if len(codes) > 5 else ''}", file=sys.stderr)
    gone = sorted(p for p in earlier_pdfs if not p.exists())
    if gone:  # a plain build rebuilt what an earlier --pdf build had made, without its PDFs
        print(f"{len(gone)} PDF dari build --pdf sebelumnya dihapus karena sumbernya dibangun ulang tanpa --pdf "
              f"(mis. {gone[0]}); jalankan 'petaproses build --pdf' untuk membuatnya lagi", file=sys.stderr)
    print(f"{len(result.built)} dibangun, {len(result.skipped)} dilewati (tidak berubah), "
          f"{len(result.stale)} bergalat, {len(result.failed)} gagal; {len(result.written)} berkas ditulis ke "
          f"{args.output}/ dalam {decimal(time.perf_counter() - start)} detik", file=sys.stderr)
    return EXIT_TOOL if result.failed else _exit_code(problems)


def _pdfs(out: Path) -> set[Path]:
    """Return the PDFs in the department folders of ``out`` (what a plain build may remove)."""
    return {p for p in out.glob("*/*.pdf") if not p.name.startswith(".")} if out.is_dir() else set()


def _new(args) -> int:
    from pathlib import Path

    from .atomic import write_atomic
    from .check import load
    from .schema import refresh_catalogue_schema
    from .starting import start

    target = Path(args.berkas)
    if args.berkas == "-" or target.suffix not in (".yaml", ".yml"):
        print("petaproses: galat: nama berkas harus berakhiran .yaml, mis. processes/sop-baru.yaml", file=sys.stderr)
        return EXIT_USAGE
    if os.path.lexists(target) and not args.timpa:  # a link to nowhere is there too: not replaced unasked
        print(f"petaproses: galat: {target} sudah ada; pakai --timpa untuk menimpanya", file=sys.stderr)
        return EXIT_USAGE
    started = start(args.jenis, target, args.perangkat_daerah)  # InputError (exit 2) when it cannot fit
    write_atomic(target, started.text.encode("utf-8"))  # makes the missing folders too
    for note in started.notes:
        print(f"petaproses: catatan: {note}", file=sys.stderr)
    if not started.notes:  # the editor's list of the catalogue's ids, which the starter's first line names
        refresh_catalogue_schema(started.root, load([str(started.root)]).cat, create=True)
    print(f"{target} ditulis; isi lalu periksa dengan: petaproses check {target}", file=sys.stderr)
    return EXIT_OK


def _schema(args) -> int:
    from pathlib import Path

    from .atomic import write_atomic
    from .schema import schema_text, written_schema

    if args.katalog:
        from .check import catalogue_roots, load
        from .schema import SCHEMA_FILE, catalogue_schema_text

        if _missing([args.katalog]):
            print(f"petaproses: galat: folder '{args.katalog}' tidak ditemukan", file=sys.stderr)
            return EXIT_USAGE
        root = catalogue_roots([args.katalog])[0]
        cat = load([root]).cat
        if cat.organisasi is None:
            print(f"petaproses: galat: {root} tidak berisi berkas organisasi yang dapat dibaca; periksa dengan: "
                  f"petaproses check {root}", file=sys.stderr)
            return EXIT_FINDINGS
        target = Path(root) / SCHEMA_FILE
        write_atomic(target, catalogue_schema_text(cat).encode("utf-8"))
        print(f"{target} ditulis; berkas dengan baris '# yaml-language-server: $schema=...' yang menunjuknya "
              "mendapat id katalog ini di editor", file=sys.stderr)
        return EXIT_OK
    target = Path(args.output)
    if os.path.lexists(target) and not args.timpa and not written_schema(target):
        print(f"petaproses: galat: {target} sudah ada dan bukan skema petaproses; pakai --timpa untuk menimpanya",
              file=sys.stderr)
        return EXIT_USAGE
    write_atomic(target, schema_text().encode("utf-8"))
    print(f"{target} ditulis", file=sys.stderr)
    return EXIT_OK


def _impor(args) -> int:
    from pathlib import Path

    try:
        from .impor import import_bpmn, refused
    except ModuleNotFoundError:  # pragma: no cover
        print("petaproses: galat: impor BPMN belum tersedia di versi ini", file=sys.stderr)
        return EXIT_TOOL
    source = Path(args.berkas)
    target = Path(args.output) if args.output else source.with_suffix(".yaml")
    why = refused(source, target, args.timpa)
    if why is not None:  # a usage error like every missing named file (README: exit 2)
        print(why, file=sys.stderr)
        return EXIT_USAGE
    from .starting import guess_department

    department = args.perangkat_daerah or guess_department(target) or "ganti_perangkat_daerah"
    text, messages = import_bpmn(source, department, target)
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
    from .metrics import metrics, metrics_csv_bytes, metrics_json

    paths = _paths(args.paths)
    cat, problems = check(paths)
    if any(p.is_error for p in problems):
        _report(problems, len(cat.checked))
        return EXIT_USAGE if _missing(paths) else EXIT_FINDINGS
    asked = set(cat.checked)  # the catalogue gives context; the table shows only what was asked for
    rows = [m for doc in cat.maps if doc.path in asked and (m := metrics(cat, doc)) is not None]
    import datetime

    from .evaluation.followup import department_summary
    from .texts import decimal, format_date

    today = args.tanggal or datetime.date.today()
    departments = {m.perangkat_daerah for m in rows}
    evaluation = {pd: e for pd, e in department_summary(cat, today).items() if pd in departments}
    if args.format == "json":
        print(metrics_json(rows, {"tanggal_acuan": today.isoformat(), "perangkat_daerah": evaluation}))
    elif args.format == "csv":
        sys.stdout.flush()
        sys.stdout.buffer.write(metrics_csv_bytes(rows))
        sys.stdout.buffer.flush()
    else:
        print(f"{'kode':<24} {'langkah':>7} {'pelaksana':>9} {'serah':>5} {'kptsn':>5} {'putar':>5}  waktu (jalur "
              "tercepat s.d. terlama)")
        for m in rows:
            span = m.waktu_terpendek if m.waktu_terpendek == m.waktu_terpanjang else \
                f"{m.waktu_terpendek} s.d. {m.waktu_terpanjang}"
            left_out = f" ({m.waktu_tidak_dihitung} langkah tidak dihitung)" if m.waktu_tidak_dihitung else ""
            print(f"{m.kode:<24} {m.langkah:>7} {m.pelaksana:>9} {m.serah_terima:>5} {m.keputusan:>5} "
                  f"{m.putaran:>5}  {span + left_out}")
        from .metrics import department_totals

        if any(m.waktu_tidak_dihitung for m in rows):
            print("\n'tidak dihitung': langkah yang waktunya bukan lama waktu (mis. 'setiap saat'); waktunya tidak "
                  "dijumlahkan")
        print("\nper Perangkat Daerah: proses, langkah, serah terima, keputusan, putaran, tanpa mutu baku lengkap")
        for pd_id, t in department_totals(rows).items():
            print(f"{pd_id:<24} {t['proses']:>7} {t['langkah']:>9} {t['serah_terima']:>5} {t['keputusan']:>5} "
                  f"{t['putaran']:>5}  {t['tanpa_mutu_baku']}")
        print(f"\nreviu dan evaluasi per Perangkat Daerah: temuan terbuka, ditindaklanjuti, ditutup; SOP dievaluasi "
              f"dalam 12 bulan sampai {format_date(today)}")
        for pd_id, e in evaluation.items():
            share = decimal(e['persen_dievaluasi_12_bulan'])
            print(f"{pd_id:<24} {e['temuan_terbuka']:>7} {e['temuan_ditindaklanjuti']:>9} {e['temuan_ditutup']:>5}  "
                  f"{e['sop_dievaluasi_12_bulan']}/{e['sop']} SOP ({share}%)")
    return EXIT_OK


def _banding(args) -> int:
    from pathlib import Path

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
        from .compare_diagrams import pictures
        from .paths import templates_dir
        from .review_site import render_comparison_page

        from .problems import PetaprosesError

        target = Path(args.situs) / "banding" / f"{result.after.kode}.html"
        try:
            drawn = pictures(result)
        except PetaprosesError as exc:  # no Graphviz here: the page without its diagrams, and why
            print(f"petaproses: peringatan: halaman tanpa diagram: {exc}", file=sys.stderr)
            drawn = (None, None)
        write_atomic(target, render_comparison_page(result, templates_dir(), drawn))
        print(f"{target} ditulis; tampil di beranda setelah build berikutnya", file=sys.stderr)
    return EXIT_OK


def _serve(args) -> int:
    from .serve import serve

    gc.enable()  # it runs until stopped (run() turned the collector off for one command)
    evaluation = None
    if args.evaluasi or args.sesi:
        from .evaluation.api import EvaluationApi

        evaluation = EvaluationApi(_paths(args.paths), session=args.sesi)
        where = args.sesi or f"{evaluation.roots[0]}/evaluasi/<tahun>/<tanggal>-<perangkat daerah>.yaml"
        print(f"mode evaluasi: temuan dan kriteria dari peramban disimpan ke {where}", file=sys.stderr)
    try:
        serve(_paths(args.paths), args.output, args.port, evaluation=evaluation)
    except OSError as exc:
        from .atomic import _WHY  # the reason in Bahasa Indonesia ("Address already in use" was English)

        why = _WHY.get(exc.errno or 0, exc.strerror)
        print(f"petaproses: galat: port {args.port} tidak dapat dipakai ({why}); coba --port 8080", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _siaga(args) -> int:
    from .resident import serve, socket_path

    gc.enable()  # it runs until stopped (run() turned the collector off for one command)
    path = socket_path()
    if path is None:
        print("petaproses: galat: siaga memerlukan folder cache (PETAPROSES_CACHE bukan 0)", file=sys.stderr)
        return EXIT_USAGE
    try:
        serve(path, main, announce=lambda text: print(text, file=sys.stderr, flush=True))
    except KeyboardInterrupt:
        print("petaproses siaga: berhenti", file=sys.stderr)
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
    from pathlib import Path

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
    print(f"{len(shipped)} berkas templat disalin ke {target}/; petaproses memakai templates/ di samping "
          "organisasi.yaml katalog, atau bila katalog tidak punya, templates/ di folder tempat perintahnya dijalankan",
          file=sys.stderr)
    return EXIT_OK


def _ubah(args) -> int:  # ubah-jabatan, ubah-peraturan
    from .rewrite_command import run

    return run(args, _report, _missing)
