"""The rewriting commands `ubah-jabatan` (orgchange.py) and `ubah-peraturan` (regchange.py): load the catalogue,
plan, show the unified diff, and with --tulis check the result on a copy and write every file at once.

Kept out of cli.py (a module stays under 500 lines); the two differ only in their planner and their words.
"""

from __future__ import annotations

import shlex
import sys

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def run(args, report, missing) -> int:
    """Run `ubah-jabatan` or `ubah-peraturan` as parsed in ``args``; ``report``: cli._report (findings);
    ``missing``: cli._missing (the named paths that are not there)."""
    from .check import load, requested_files
    from .cli_args import catalogue_paths
    from .legal import reference_date
    from .orgchange import refusals, summary, write

    paths = catalogue_paths(args.paths)
    loaded = load(paths)
    broken = [p for p in loaded.problems if p.is_error]
    if missing(paths):  # a path that is not there is a usage error, said as check says it (file-not-found)
        chosen = requested_files(loaded)
        report(broken, len(loaded.cat.sources if chosen is None else chosen))
        return EXIT_USAGE
    if broken:
        report(broken, len(loaded.cat.sources))
        print("petaproses: perbaiki galat di atas dulu; tidak ada berkas yang diubah", file=sys.stderr)
        return EXIT_FINDINGS
    if args.perintah == "ubah-peraturan":
        from .regchange import plan_regulation_change as planner
        unused = f"tidak ada berkas yang mengutip '{args.lama}'"
    else:
        from .orgchange import plan_change as planner
        unused = f"tidak ada berkas yang memakai '{args.lama}'"
    # files named: those (and the organisation file or register) only; --paksa: a post not among diganti_oleh
    extra = (args.paksa,) if args.perintah == "ubah-jabatan" else ()
    plan = planner(loaded.cat, args.lama, args.baru, args.tanggal or reference_date(), args.catatan,
                   requested_files(loaded), *extra)
    for change in plan.changes:
        print(change.diff(), end="")
    for line in summary(plan) if not (args.tulis and plan.changes) else []:  # --tulis: said after the write
        print(line, file=sys.stderr)
    if not plan.changes:
        print(unused, file=sys.stderr)
        return EXIT_OK
    if not args.tulis:
        print(f"{len(plan.changes)} berkas akan diubah ({plan.old_name} -> {plan.new_name}); jalankan lagi dengan "
              "--tulis untuk menulisnya", file=sys.stderr)
        return EXIT_OK
    refused = refusals(plan, loaded)  # every new text was computed and checked before a write
    for line in (summary(plan) if refused else []) + refused:
        print(line, file=sys.stderr)
    if refused:
        print("petaproses: hasil penggantian akan bergalat seperti di atas; tidak ada berkas yang ditulis",
              file=sys.stderr)
        return EXIT_FINDINGS
    write(plan)
    for line in summary(plan, written=True):
        print(line, file=sys.stderr)
    named = " ".join(shlex.quote(p) for p in args.paths) if args.paths else ""  # to be run as printed
    print(f"{len(plan.changes)} berkas ditulis; periksa dengan: petaproses check {named}".rstrip(), file=sys.stderr)
    return EXIT_OK
