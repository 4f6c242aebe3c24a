"""A rehearsal: the starter catalogue of `petaproses new` rendered once in a process whose forks will render
(``siaga``), so that each fork inherits what a first render fills instead of filling it again.

A fork of a process that never rendered finds the fonts (fc-match), loads them, reads and prepares the .docx
base, compiles the templates and measures the common words again: ~50 ms CPU of a 150 ms document unit and
~40 ms of a department's book, in every build that siaga answers (measured on one edit of 1,000 SOPs).  Only
caches that map the same input to the same output are filled, so what a build writes does not change
(tests/test_rehearse.py).  What the load and the relation maps keep of their last catalogue (catalogue.LIVE,
relasi._KEPT) is the rehearsal's until the first build replaces it, as any catalogue's would be.
"""

from __future__ import annotations

import tempfile
from pathlib import Path


def rehearse() -> bool:
    """Render the starter SOP (every renderer that applies) and its department's files here, writing nothing
    but a temporary folder.  Returns whether it ran through; a failure (no Graphviz, say) is the real build's
    to report, not this one's."""
    try:
        _rehearse()
    except Exception:  # noqa: BLE001 - a warm-up only: a build reports the same fault itself
        return False
    return True


def _rehearse() -> None:
    from .check import findings, load
    from .render import RENDERERS
    from .starting import start

    with tempfile.TemporaryDirectory(prefix="petaproses-latihan-") as tmp:
        root = Path(tmp)
        org = root / "organisasi.yaml"
        org.write_text(start("organisasi", org).text, encoding="utf-8")
        cat = load([str(root)]).cat
        pd_id = sorted(cat.organisasi.perangkat_daerah)[0]
        sop = root / pd_id / "sop.yaml"
        sop.parent.mkdir()
        sop.write_text(start("sop", sop).text, encoding="utf-8")
        loaded = load([str(root)])
        if any(p.is_error for p in findings(loaded)):
            raise ValueError("the starter SOP does not pass check")
        cat = loaded.cat
        parts: dict[str, bytes] = {}
        for doc in cat.maps:
            for r in RENDERERS:
                if r.applies(doc):
                    parts.update({k: v for k, v in r.module.render(cat, doc).items() if k.startswith(".")})
        for r in RENDERERS:
            if r.per_department and r.makes_for_department(cat, pd_id):
                r.module.render_department(cat, pd_id, parts=parts)


__all__ = ["rehearse"]
