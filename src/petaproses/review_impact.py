"""The review site's impact page: dampak.html (per regulation, per removed position) and its before/after pages
under dampak/ (``impact.py`` says what they hold).

A before/after page is made from its document's file and the organisation file only (the rewrite
`ubah-jabatan` would make of it); its key (``page_key``) is recorded in the site's section of the manifest, and
a page whose key is unchanged and whose file is still there is not made again: a catalogue where a removed
position is still named in 150 processes planned, read back and compared all 150 in every build (~0.4 s).
dampak.html itself is rendered only when the values it is made from change (their key is kept beside).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Callable

from . import __version__
from .atomic import holds
from .catalogue import Catalogue

_HEX = re.compile(r"^[0-9a-f]{64}$")


def page_key(base: str, name: str, doc_hash: str) -> str:
    """Return the key of a before/after page: the site's templates and version (``base``), its name (the removed
    position and the document) and the document's hash (its file, the organisation file and more: build.py)."""
    return hashlib.sha256(json.dumps([base, name, doc_hash]).encode()).hexdigest()


def recorded_keys(data: object) -> dict[str, str]:
    """Return the keys the last build recorded (before/after page name, or "dampak.html" for the impact page
    itself -> key), the well-formed ones (the manifest is read back from output/: untrusted)."""
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str) and _HEX.match(v)
            and k.endswith(".html") and "/" not in k and "\\" not in k}


def write_impact(cat: Catalogue, out: Path, env, institution: str, write, written: list[Path], stale: set[str],
                 doc_hashes: dict[str, str], base: str, previous: dict[str, str], page_url: Callable,
                 render_page: Callable) -> tuple[dict, dict[str, str]]:
    """Write the impact page and its before/after pages; return (a summary for the index, the pages' keys).

    The before/after pages are the ``banding`` pages of the rewrite that `ubah-jabatan` would make
    (``render_page(comparison)``); those of a stale document (its file has errors) stay as the last good build
    left them.  ``page_url(doc)``: a document's page (review_site)."""
    from .impact import regulations, removals

    folder = out / "dampak"
    keys: dict[str, str] = {}

    def kept(name: str, doc) -> bool:
        if doc.kode not in doc_hashes:
            return False
        key = keys[name] = page_key(base, name, doc_hashes[doc.kode])
        return previous.get(name) == key and (folder / name).is_file()

    rows, unmatched = regulations(cat)
    gone = removals(cat, kept)
    keep = set()
    for removal in gone:
        for name, doc, comparison in removal.comparisons:
            keep.add(name)
            if comparison is None or _impact_code(name) in stale:
                continue
            data = render_page(comparison)
            if not holds(folder / name, data):
                write(folder / name, data)
                written.append(folder / name)
    for page in (sorted(folder.glob("*.html")) if folder.is_dir() else []):
        if page.name not in keep and _impact_code(page.name) not in stale:
            page.unlink()
    removed = [{"kind": r.kind, "id": r.id, "nama": r.nama, "since": r.since, "replacements": r.replacements,
                "users": [{"kode": d.kode if d else "", "nama": d.nama if d else "", "url": page_url(d) if d else "",
                           "where": ", ".join(w)} for d, w in r.users],
                "comparisons": [{"url": f"dampak/{name}", "kode": d.kode, "nama": d.nama}
                                for name, d, _ in r.comparisons]} for r in gone]
    regs = [dict(row, users=[{"kode": u["doc"].kode, "nama": u["doc"].nama, "url": page_url(u["doc"]),
                              "how": u["how"]} for u in row["users"]]) for row in rows]
    loose = [{"kode": u["doc"].kode, "url": page_url(u["doc"]), "text": u["text"]} for u in unmatched]
    values = dict(root="", title="Dampak perubahan", institution=institution, version=__version__, regulations=regs,
                  unmatched=loose, removed=removed, register=cat.peraturan.path if cat.peraturan else None)
    # the page itself is made from these values only: rendered (a page of every citation of the catalogue) when
    # they changed, or when the file is gone
    keys["dampak.html"] = hashlib.sha256(json.dumps([base, values], sort_keys=True).encode()).hexdigest()
    if previous.get("dampak.html") != keys["dampak.html"] or not (out / "dampak.html").is_file():
        data = env.get_template("dampak.html.j2").render(**values).encode("utf-8")
        if not holds(out / "dampak.html", data):
            write(out / "dampak.html", data)
            written.append(out / "dampak.html")
    summary = {"peraturan": len(regs), "dihapus": len(removed), "terdampak": sum(len(r["users"]) for r in removed)}
    kept_keys = {name: keys[name] for name in sorted(keep) if name in keys and _impact_code(name) not in stale}
    return summary, dict(kept_keys, **{"dampak.html": keys["dampak.html"]})


def _impact_code(name: str) -> str:
    """Return the document code of a before/after page of the impact page ("<position>--<code>.html")."""
    return name.rsplit("--", 1)[-1].removesuffix(".html")


__all__ = ["write_impact", "page_key", "recorded_keys"]
