"""The header/footer texts of gaya.yaml (Jinja2): the environment the renderers fill them in, and `check`'s trial
of each with sample values, so that a text the build could not fill is reported at its gaya.yaml line instead of
failing halfway through a build in English (review Z).
"""

from __future__ import annotations

import functools

from .problems import suggest

SOP_FIELDS = ("kode", "nama", "nomor", "unit")
# the values render/docx_writer.context gives, all text as there (a test keeps the names the same)
DEPARTMENT = {"organisasi": "PEMERINTAH KOTA CONTOH", "kedudukan": "Contoh", "alamat_organisasi": "Jl. Contoh 1",
              "perangkat_daerah": "SEKRETARIAT DAERAH", "singkatan": "SETDA", "instansi_induk": "",
              "alamat": "Jl. Contoh 1", "halaman": "1", "jumlah_halaman": "9"}
WITH_SOP = {**DEPARTMENT, "sop": {"kode": "SOP-01", "nama": "Contoh", "nomor": "800/1/2026", "unit": "Umum"},
            "judul_sop": "SOP Contoh"}
# what gaya.yaml's own comments list: what a message offers
SHOWN = ("organisasi", "perangkat_daerah", "singkatan", "instansi_induk", "sop.kode", "sop.nama", "sop.nomor",
         "judul_sop", "halaman", "jumlah_halaman")
_OFFER = f"variabel yang tersedia: {', '.join(SHOWN)}"
_FRONT = ("halaman depan buku (sampul, keputusan, daftar isi, penjelasan), yang bukan milik satu SOP: di sana sop dan "
          "judul_sop tidak ada")


@functools.lru_cache(maxsize=1)
def environment():
    """The environment of the header/footer texts: undefined names fail, and sandboxed (a text is configuration,
    not code: no Python internals, ranges capped)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, keep_trailing_newline=False, trim_blocks=True,
                                lstrip_blocks=True, autoescape=False)


def explain(exc: BaseException) -> str:
    """Say in Indonesian why filling a text failed (Jinja2's and Python's own words are English)."""
    import jinja2
    from jinja2.exceptions import SecurityError

    if isinstance(exc, jinja2.UndefinedError):
        return "memakai nilai yang tidak ada"
    if isinstance(exc, SecurityError):
        return "memakai bagian yang tidak diizinkan di teks gaya"
    if isinstance(exc, ZeroDivisionError):
        return "pembagian dengan nol"
    if isinstance(exc, (OverflowError, MemoryError, RecursionError)):
        return "angka atau rentang terlalu besar"
    if isinstance(exc, (TypeError, ValueError)):
        return "jenis nilai tidak cocok (setiap variabel berupa teks)"
    return "ungkapan di dalamnya gagal dihitung"


def problems(name: str, source: str, front: bool) -> list[str]:
    """Return what is wrong with the text ``source`` of key ``name`` (messages); ``front``: it is printed on the
    book's front pages too, where there is no SOP."""
    import jinja2
    from jinja2 import meta, nodes

    env = environment()
    try:
        tree = env.parse(source)
    except jinja2.TemplateSyntaxError as exc:
        return [f"{name} bukan templat Jinja2 yang sah (tutup setiap {{{{ dengan }}}} dan {{% dengan %}}): "
                f"{exc.message}"]
    found = []
    for node in tree.find_all((nodes.Filter, nodes.Test)):
        known = env.filters if isinstance(node, nodes.Filter) else env.tests
        if node.name not in known:
            kind = "filter" if isinstance(node, nodes.Filter) else "uji (is ...)"
            found.append(f"{name} memakai {kind} '{node.name}' yang tidak dikenal Jinja2{_hint(node.name, known)}")
    if found:
        return found  # the names below are found by compiling, which an unknown filter stops
    try:
        undeclared = meta.find_undeclared_variables(tree)
    except jinja2.TemplateError as exc:
        return [f"{name} bukan templat Jinja2 yang sah: {exc.message}"]
    for variable in sorted(undeclared - set(WITH_SOP)):
        found.append(f"{name} memakai variabel '{variable}' yang tidak ada{_hint(variable, WITH_SOP)}; {_OFFER}")
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and node.node.name == "sop" and node.attr not in SOP_FIELDS:
            fields = ", ".join(f"sop.{f}" for f in SOP_FIELDS)
            found.append(f"{name} memakai sop.{node.attr} yang tidak ada{_hint(node.attr, SOP_FIELDS)}; yang "
                         f"tersedia: {fields}")
    if found:
        return found
    for context in (WITH_SOP, DEPARTMENT) if front else (WITH_SOP,):
        try:
            env.from_string(source).render(**context)
        except Exception as exc:  # noqa: BLE001 - any failure of the user's text is a finding, never a crash
            if context is DEPARTMENT and isinstance(exc, jinja2.UndefinedError):
                via = ("" if name == "kaki_halaman_buku" else
                       " (dipakai juga untuk buku: kaki_halaman_buku tidak ditulis)")
                return [f"{name}{via} gagal diisi di {_FRONT}; tulis kaki_halaman_buku tanpa keduanya, atau "
                        "{% if sop is defined %}...{% endif %}"]
            return [f"{name} gagal diisi: {explain(exc)}; periksa ungkapan di dalam {{{{ }}}} ({_OFFER})"]
    return []


def _hint(word: str, pool) -> str:
    """" (maksud Anda 'x'?)" for the nearest of ``pool``, or ""."""
    near = suggest(word, pool)
    return f" ({near[2:]})" if near else ""
