"""The hash of what each build unit's outputs are made from: a unit whose hash is the one recorded is up to date.

A document's hash covers its file, the organisation, the registers, the renderers and their options, and what it
shows of the documents it links to; a department's covers its documents' hashes, its peta relasi and evaluation
records.  Kept out of build.py (a module stays under 500 lines).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from . import state as st
from . import tree_hash
from .legal import reference_date

# the options of `build --pdf` (cli.py): a plain build keeps a unit built with them, PDFs and all
PDF_OPTIONS = {"sop_docx": {"pdf": True}, "diagram": {"pdf": True}, "forms": {"pdf": True},
               "berita_acara": {"pdf": True}}


def unit_hashes(cat, renderers: list, options: dict) -> tuple[str, dict[str, str]]:
    """Return (the base every unit's hash starts from, unit -> hash) for a build with ``options``."""
    base = base_of(renderers, options)
    hashes = document_hashes(cat, base)
    if any(r.per_department for r in renderers):
        hashes.update(department_hashes(cat, hashes, base, renderers))
    return base, hashes


def base_of(renderers: list, options: dict) -> str:
    """Return the hash input every unit of a build with ``renderers`` and ``options`` shares."""
    from .paths import templates_dir

    return json.dumps([st.version_key(), tree_hash(templates_dir()), sorted(r.name for r in renderers), options]
                      + ([env] if (env := st.environment_key()) else []), sort_keys=True)


def catalogue_base(renderers: list, options: dict) -> str:
    """``base_of`` with only the options of the whole-catalogue renderers (none takes --pdf): the relation maps
    and matrices a `build --pdf` made are those a plain build makes, and are kept (they were written again)."""
    return base_of(renderers, {k: v for k, v in options.items() if any(r.name == k and r.per_catalogue
                                                                       for r in renderers)})


def _dependencies(cat, doc) -> list[str]:
    """Return the codes of the documents whose names and places ``doc``'s outputs show (``_shown``)."""
    return sorted(set(code for _keys, code, _relation in doc.links() if code in cat.by_code))


def document_hashes(cat, base: str) -> dict[str, str]:
    """Return code -> hash of everything a document's outputs are made from."""
    org = cat.sources.get(cat.organisasi.path, b"") if cat.organisasi else b""
    logo = b""
    if cat.organisasi and cat.organisasi.logo:
        logo_path = Path(cat.organisasi.path).parent / cat.organisasi.logo
        logo = logo_path.read_bytes() if logo_path.is_file() else b""
    register = b"".join(cat.sources.get(r.path, b"") for r in (cat.peraturan, cat.aplikasi) if r)  # dasar hukum
    # as printed, application names in SOPs
    if cat.peraturan is not None:  # the keputusan cites what is in force today: a revocation's day rebuilds it
        register += repr(cat.peraturan.pending(reference_date())).encode()
    common = hashlib.sha256(base.encode() + org + logo + register).hexdigest().encode()
    out = {}
    shown: dict[str, bytes] = {}
    for doc in cat.maps:
        h = hashlib.sha256(common + cat.digest_of(doc.path).encode())  # the load hashed its bytes already
        for code in _dependencies(cat, doc):
            if code not in shown:
                shown[code] = _shown(cat.by_code[code])
            h.update(shown[code])
        out[doc.kode] = h.hexdigest()
    return out


def _shown(linked) -> bytes:
    """Return what a document's outputs show of a document it links to: its code and kind (the link, the call
    activity), its name, its Perangkat Daerah (the link's folder).  Rewording its steps rebuilds no other
    document (tested: such a build equals a fresh one)."""
    return json.dumps([linked.kode, linked.jenis, linked.nama, linked.perangkat_daerah]).encode()


def department_hashes(cat, doc_hashes: dict[str, str], base: str, renderers: list = ()) -> dict[str, str]:
    """Return "pd:<id>" -> hash of the department's documents (what its book is made from), and for each of
    ``renderers`` with a unit of its own (the forms), "pd:<id>/<unit>" -> hash of what that one reads."""
    from .render import department_kinds

    kinds = department_kinds(cat)
    own = {}
    for r in renderers:
        if r.per_department and r.unit:
            for pd_id in sorted({d.perangkat_daerah for d in cat.maps}):
                if r.makes_for_department(cat, pd_id, kinds):
                    own[f"pd:{pd_id}/{r.unit}"] = hashlib.sha256(
                        base.encode() + b"\0" + r.name.encode() + b"\0" + r.reads(cat, pd_id)).hexdigest()
    # the book's unit, for a department of whose documents a renderer of that unit makes files (no unit for one
    # with maps only: a one-map catalogue forked a worker that made nothing)
    book = [r for r in renderers if r.per_department and not r.unit]
    booked = {pd_id for pd_id in {d.perangkat_daerah for d in cat.maps}
              if any(r.makes_for_department(cat, pd_id, kinds) for r in book)}
    out: dict[str, hashlib._Hash] = {}
    for doc in cat.maps:
        if doc.perangkat_daerah not in booked:
            continue
        h = out.setdefault(f"pd:{doc.perangkat_daerah}", hashlib.sha256(base.encode()))
        h.update(doc.kode.encode() + doc_hashes[doc.kode].encode())
    # a book that prints the department's peta relasi (issue 13) changes with that map, which other
    # departments' processes shape too: its content is part of the book's hash
    wanted = [r.perangkat_daerah for r in cat.relasi if r.buku and f"pd:{r.perangkat_daerah}" in out]
    if wanted:
        from . import relasi
        from .relasi_keys import fingerprint

        derived = relasi.derive(cat)
        for pd_id in wanted:
            out[f"pd:{pd_id}"].update(fingerprint(relasi.view(cat, derived, pd_id)))
    from .evaluation.records import department_key

    for unit, h in out.items():  # the berita acara are filled from the evaluation records
        h.update(department_key(cat, unit[3:]))
    return dict(sorted([*((k, h.hexdigest()) for k, h in out.items()), *own.items()]))
