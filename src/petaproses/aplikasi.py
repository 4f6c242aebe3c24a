"""The SPBE applications each process uses: names for documents, and the process x application matrix.

A step names applications by their register id (``aplikasi: [srikandi]``, register ``jenis: aplikasi``).
Perwal Padang Panjang 48/2024 Pasal 16 asks departments to use the shared SPBE applications; the matrix is
the process-application part of a Pemda's SPBE architecture, per department and for the whole Pemda.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import Catalogue, Map
from .model import Aplikasi, PetaLintasFungsi


def used(doc: Map) -> list[str]:
    """Return the application ids the steps of ``doc`` name, each once, in the order first named."""
    if not isinstance(doc, PetaLintasFungsi):
        return []
    return list(dict.fromkeys(app for step in doc.kegiatan for app in step.aplikasi))


def display_name(cat: Catalogue, app_id: str) -> str:
    """Return an application's name from the register (its id when it is not there)."""
    app = cat.aplikasi.aplikasi.get(app_id) if cat.aplikasi else None
    return app.nama if app else app_id


def peralatan(cat: Catalogue, doc) -> list[str]:
    """Return what the SOP's "Peralatan/Perlengkapan" lists: its own items, then each application its steps
    use (by its register name) that is not already written there."""
    items = list(getattr(doc, "peralatan", []))
    written = {i.casefold() for i in items}
    for app_id in used(doc):
        name = display_name(cat, app_id)
        label = name if name.casefold().startswith("aplikasi") else f"Aplikasi {name}"
        if name.casefold() not in written and label.casefold() not in written:
            items.append(label)
            written.add(label.casefold())
    return items


@dataclass(frozen=True)
class Row:
    doc: Map
    steps: int  # all steps of the process
    with_app: int  # steps that name at least one application
    per_app: dict[str, int]  # application id -> steps that use it

    @property
    def share(self) -> float:
        """Return the percentage of steps that use an application (0 for a process without steps)."""
        return 100.0 * self.with_app / self.steps if self.steps else 0.0


@dataclass(frozen=True)
class Matrix:
    scope: str | None  # a department, or None for the Pemda
    title: str
    apps: list[tuple[str, Aplikasi | None]]  # the columns: applications the rows use, register order first
    rows: list[Row]


def process_rows(cat: Catalogue) -> list[Row]:
    """Return the row of every cross-functional map and SOP, in catalogue order (what ``matrix`` filters)."""
    rows = []
    for doc in cat.maps:
        if not isinstance(doc, PetaLintasFungsi):
            continue
        row = _ROWS.get(doc.path)
        if row is None or row.doc is not doc:
            per_app: dict[str, int] = {}
            with_app = 0
            for step in doc.kegiatan:  # most steps name no application: one look at each (1,000 SOPs: ~25,000)
                if step.aplikasi:
                    with_app += 1
                    for app in dict.fromkeys(step.aplikasi):
                        per_app[app] = per_app.get(app, 0) + 1
            row = Row(doc, len(doc.kegiatan), with_app, per_app)
        rows.append(row)
    _ROWS.clear()  # this catalogue's only
    _ROWS.update((r.doc.path, r) for r in rows)
    return rows


# map path -> its row of the last call: a process that builds again (`siaga`) is handed the same document objects
# for unchanged files (catalogue.LIVE), whose rows are not counted again (rows are only read)
_ROWS: dict[str, Row] = {}


def matrix(cat: Catalogue, scope: str | None = None, rows: list[Row] | None = None) -> Matrix:
    """Return the process x application matrix of a department (``scope``) or of the Pemda (None).

    Rows are the cross-functional maps and SOPs (in catalogue order); columns the applications they use.
    ``rows``: ``process_rows(cat)``, worked out once for the matrices of every department."""
    rows = [r for r in (process_rows(cat) if rows is None else rows)
            if scope is None or r.doc.perangkat_daerah == scope]
    register = cat.aplikasi.aplikasi if cat.aplikasi else {}
    named = {app for r in rows for app in r.per_app}
    order = [a for a in register if a in named] + sorted(named - set(register))
    who = "Pemerintah Daerah" if scope is None else scope
    if scope is None and cat.organisasi:
        who = cat.organisasi.nama
    elif cat.organisasi and scope in cat.organisasi.perangkat_daerah:
        who = cat.organisasi.perangkat_daerah[scope].nama
    return Matrix(scope, f"Matriks Proses dan Aplikasi {who}", [(a, register.get(a)) for a in order], rows)


def departments(cat: Catalogue) -> list[str]:
    """Return the departments that have processes with steps, in organisation order."""
    have = {d.perangkat_daerah for d in cat.maps if isinstance(d, PetaLintasFungsi)}
    order = list(cat.organisasi.perangkat_daerah) if cat.organisasi else []
    return [pd for pd in order if pd in have] + sorted(have - set(order))


def usage(cat: Catalogue, rows: list[Row] | None = None) -> dict[str, list[str]]:
    """Return application id -> codes of the processes that use it (every register entry, used or not);
    ``rows``: ``process_rows(cat)``, when the caller has them."""
    out: dict[str, list[str]] = {a: [] for a in (cat.aplikasi.aplikasi if cat.aplikasi else {})}
    for row in process_rows(cat) if rows is None else rows:  # a row's applications are ``used(doc)``, in order
        for app in row.per_app:
            out.setdefault(app, []).append(row.doc.kode)
    return out


__all__ = ["used", "display_name", "peralatan", "Row", "Matrix", "process_rows", "matrix", "departments", "usage"]
