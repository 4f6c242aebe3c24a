"""The offline review site: output/index.html and one page per map or SOP, readable from file://.

Runs after the renderers, because its pages show their outputs (the SVG inline, links to .docx/.bpmn/.png).
Pages come from Jinja2 templates in templates/site/ (autoescaped: user text cannot inject markup).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, fields
from pathlib import Path
from typing import Callable, Iterator

from jinja2 import Environment, TemplateError, TemplateNotFound, TemplateSyntaxError
from markupsafe import Markup

from . import __version__, review_relasi, site_templates, svg_inline
from .review_impact import recorded_keys, write_impact
from .atomic import holds, write_atomic
from .aplikasi import display_name, peralatan
from .catalogue import Catalogue, Map
from .durations import parse_duration, with_unit
from .evaluation import site as evaluation_site
from .flow import build_flow
from .kinds import kind_of
from .metrics import Metrics, department_totals, metrics
from .model import PetaLevel1, PetaLintasFungsi, Sop, as_list, says_none
from .paths import template_file
from .problems import PetaprosesError, Problem
from . import tree_hash
from .state import Present, environment_key, read_regular, version_key
from .register import ordered_texts, written_order
from .texts import format_date, format_revision, printed_nip, list_items, list_marks, marked_lines, printed_marks

KATEGORI_LABEL = {"manajemen": "manajemen", "utama": "utama", "pendukung": "pendukung"}
DOWNLOADS = [(".docx", "Dokumen SOP (.docx)"), (".pdf", "Dokumen SOP (PDF)"), ("-peta.pdf", "Peta (PDF, A4)"),
             (".bpmn", "BPMN 2.0"), (".svg", "SVG"), (".png", "Gambar PNG")]


def page_url(doc: Map) -> str:
    """Return the page of ``doc`` relative to output/."""
    return f"{doc.perangkat_daerah}/{doc.kode}.html"


_ENVS: dict[tuple[str, str, str], Environment] = {}  # (folder, where it is, its templates' hash) -> environment


def _env(templates: Path) -> Environment:
    """Return the site's Jinja2 environment: one per content of ``templates/site`` in a process, so that the
    templates ``compile_ahead`` compiled are not compiled again (an edited template: a fresh environment)."""
    folder = templates / "site"
    key = (str(folder), str(folder.resolve()), tree_hash(folder, (".j2",)))
    env = _ENVS.get(key)
    if env is None:
        _ENVS.clear()
        env = _ENVS[key] = site_templates.environment(folder)
    return env


# the templates every build renders (the comparison and application pages only when those change)
_EVERY_BUILD = ("base.html.j2", "page.html.j2", "index.html.j2", "dampak.html.j2", "relasi.html.j2",
                "relasi_sumber.html.j2")


def compile_ahead(templates: Path) -> None:
    """Compile the templates every build renders (~45 ms), e.g. while the build waits for its workers; a
    template that does not compile is a PetaprosesError saying where (a Pemda's restyled copy is user input)."""
    env = _env(templates)
    for name in _EVERY_BUILD:
        try:
            env.get_template(name)
        except TemplateError as exc:
            raise template_error(exc, templates) from None


def template_error(exc: TemplateError, templates: Path) -> PetaprosesError:
    """Return the error to show for a site template that fails to compile or render: the file, the line."""
    where = f"{templates / 'site'}"
    if isinstance(exc, TemplateNotFound):
        return PetaprosesError(f"templat situs {templates / 'site' / str(exc.name)} tidak ditemukan (templat bawaan "
                               "dapat disalin lagi dengan 'petaproses templat --timpa')")
    if isinstance(exc, TemplateSyntaxError):
        where = f"{exc.filename or where}:{exc.lineno}"
    else:  # a render error: Jinja2 puts the template's file and line in the traceback (not after a worker)
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename.endswith(".j2"):
                where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}"
            tb = tb.tb_next
    return PetaprosesError(f"templat situs {where} tidak valid: {exc.message or type(exc).__name__}; perbaiki "
                           "templat itu (templat bawaan dapat disalin lagi dengan 'petaproses templat --timpa')")


# a diagram's links: to another map's SVG, in its department's folder or beside it (render/diagram_common.link_for)
_DIAGRAM_HREF = re.compile(r"(\.\./[a-z][a-z0-9_]*/)?[A-Za-z0-9][A-Za-z0-9._-]*\.svg")
_SVG_LINK = re.compile(r'(href=")([^"#]+?)\.svg(")')  # "xlink:" before it stays as it is: starting at the
# literal lets the engine skip to each href (an optional prefix tried at every character: 0.7 ms a page)


def inline_svg(path: Path) -> Markup | None:
    """Return the SVG at ``path`` for inlining, its links to other diagrams pointed at their pages (svg_inline:
    read back from output/, it is not trusted); None when missing or not an SVG."""
    raw = read_regular(path, svg_inline.MAX_BYTES)  # a link in place of the picture is not followed
    data = svg_inline.inline(raw, _DIAGRAM_HREF) if raw is not None else None
    return None if data is None else Markup(_SVG_LINK.sub(r"\1\2.html\3", data))


def _crumbs(cat: Catalogue, doc: Map) -> list[Map]:
    chain: list[Map] = []
    seen = {doc.kode}
    current = doc
    while current.induk and current.induk in cat.by_code and current.induk not in seen:
        current = cat.by_code[current.induk]
        seen.add(current.kode)
        chain.append(current)
    return list(reversed(chain))


def children(cat: Catalogue, doc: Map) -> list[Map]:
    """Return the maps that detail ``doc``: its `rincian` links and the maps naming it as `induk`."""
    codes = [code for _keys, code, relation in doc.links() if relation == "rincian"]
    codes += [m.kode for m in cat.children(doc.kode)]
    out: list[Map] = []
    for code in codes:
        m = cat.by_code.get(code)
        if m is not None and m not in out and m is not doc:
            out.append(m)
    return out


def _link(from_doc: Map | None, to: Map) -> str:
    return ("../" if from_doc else "") + page_url(to)


def _page_context(cat: Catalogue, doc: Map, out: Path, warnings: list[Problem]) -> dict:
    folder = out / doc.perangkat_daerah
    files = [{"url": f"{doc.kode}{ext}", "label": label} for ext, label in DOWNLOADS
             if (folder / f"{doc.kode}{ext}").is_file()]
    ctx: dict = {
        "doc": doc, "jenis_label": kind_of(doc).label, "department": cat.department_name(doc),
        "unit": cat.unit_name(doc), "files": files, "warnings": warnings,
        "crumbs": [{"kode": c.kode, "url": _link(doc, c)} for c in _crumbs(cat, doc)],
        "children": [{"kode": c.kode, "nama": c.nama, "url": _link(doc, c)} for c in children(cat, doc)],
        "m": metrics(cat, doc), "svg": inline_svg(folder / f"{doc.kode}.svg"),
    }
    if isinstance(doc, PetaLevel1):
        ctx["level1"] = [
            {"label": KATEGORI_LABEL[k], "entries": [
                {"kode": p.kode, "id": p.id, "nama": p.nama,
                 "url": _link(doc, cat.by_code[p.rincian]) if p.rincian in cat.by_code else None}
                for p in doc.proses if p.kategori == k]}
            for k in ("manajemen", "utama", "pendukung")]
    if isinstance(doc, PetaLintasFungsi):
        flow = build_flow(doc.kegiatan)
        steps = []
        for n in flow.nodes:
            s = n.item
            outs = flow.out[n.id]
            nxt = outs[0].target if len(outs) == 1 and not n.is_decision and \
                flow.by_id[outs[0].target].index != n.index + 1 else None
            steps.append({
                "id": n.id, "no": n.number, "uraian": s.uraian, "pelaksana": cat.actors_name(s.actors, s.bersama), "bersama": n.joint,
                "bergiliran": len(n.actors) > 1 and not n.joint,
                "waktu_dihitung": not s.waktu or parse_duration(s.waktu_dibaca) is not None,
                "kelengkapan": _lines(s.kelengkapan), "waktu": s.waktu_dibaca or "",
                "output": _lines(s.output), "keterangan": s.keterangan or "",
                "branches": [{"label": e.label, "no": flow.by_id[e.target].number} for e in outs if e.label],
                "ends": [e.label for e in flow.end_exits if e.source == n.id],
                "next": flow.by_id[nxt].number if nxt else None,
                "url": _link(doc, cat.by_code[s.rincian]) if s.rincian in cat.by_code else None,
                "aplikasi": [display_name(cat, a) for a in s.aplikasi],
            })
        ctx["steps"] = steps
    if isinstance(doc, Sop):
        officials = cat.organisasi.pejabat if cat.organisasi else {}

        def person(pid: str) -> str:
            p = officials.get(pid)
            return f"{p.jabatan} — {p.nama}" + (f", {printed_nip(p.nip)}" if printed_nip(p.nip) else "") if p else pid

        ctx.update(
            sop=doc, total_time=with_unit(doc.jumlah_waktu, doc.satuan_waktu),  # with its unit, as the .docx
            dates={k: format_date(getattr(doc.tanggal, k)) for k in ("pembuatan", "efektif")}
            | {"revisi": format_revision(doc.tanggal)},
            signer="; ".join(person(p) for p in doc.pengesah),
            checker="; ".join(person(p) for p in doc.pemeriksa), maker="; ".join(person(p) for p in doc.pembuat),
            # an entry written as a title names an SOP outside the catalogue: shown as written, without a link
            related=[{"kode": c, "nama": cat.by_code[c].nama if c in cat.by_code else "", "none": says_none(c),
                      "url": _link(doc, cat.by_code[c]) if c in cat.by_code else None} for c in doc.keterkaitan],
            warning_text="; ".join(as_list(doc.peringatan)), records_text="; ".join(as_list(doc.pencatatan)),
            # listed with marks, also when typed in one text ("1. ...\n2. ...")
            warning_items=marked_lines(doc.peringatan), record_items=marked_lines(doc.pencatatan),
            note=marked_lines(doc.catatan),  # under the steps, as under the document's table
            history=[{"tanggal": format_date(r.tanggal), "uraian": r.uraian} for r in doc.riwayat],  # (review Q)
            dasar_hukum=ordered_texts(cat.peraturan, list(doc.dasar_hukum), written_order(cat, doc)),  # amendments
            peralatan=peralatan(cat, doc),
            marks=list_marks, parts=list_items, own_marks=printed_marks,  # "A. Kompetensi", "2. ...": those marks
        )
    evaluation_site.add_to_page(ctx, cat, doc)  # the review sessions' records of this document (read-only)
    return ctx


def _lines(value) -> list[str]:
    """Return a text or list field as the lines its author wrote (list items, and lines of a `|` block)."""
    return [line.strip() for item in as_list(value) for line in str(item).splitlines() if line.strip()]


def _tree(cat: Catalogue, docs: list[Map], known: dict[str, list[Map]] | None = None) -> list[dict]:
    """Return the department's hierarchy: roots are maps with no parent in the catalogue (``known``: each
    document's ``children``, when already worked out)."""
    placed: set[str] = set()

    def node(doc: Map, depth: int) -> dict:
        placed.add(doc.kode)
        below = known[doc.kode] if known is not None and doc.kode in known else children(cat, doc)
        kids = [c for c in below if c.kode not in placed] if depth < 8 else []
        return {"kode": doc.kode, "nama": doc.nama, "jenis": doc.jenis, "jenis_label": kind_of(doc).label,
                "url": page_url(doc), "children": [node(c, depth + 1) for c in kids if c.kode not in placed]}

    def order(d: Map) -> tuple:
        return kind_of(d).level, d.kode

    roots = sorted((d for d in docs if not (d.induk and d.induk in cat.by_code)), key=order)
    result = [node(d, 0) for d in roots if d.kode not in placed]
    rest = sorted((d for d in docs if d.kode not in placed), key=order)
    result += [node(d, 0) for d in rest if d.kode not in placed]
    return result


_BOOK_LABELS = {"Dokumen-SOP-": "Dokumen SOP (buku)", "Formulir-Monitoring-SOP-": "Formulir monitoring SOP",
                "Formulir-Evaluasi-SOP-": "Formulir evaluasi SOP"}


def _book_label(name: str) -> str:
    kind = " (PDF)" if name.endswith(".pdf") else ""
    if name.startswith("Berita-Acara-Reviu-"):  # one per review session: its code tells them apart
        return "Berita acara reviu " + name[len("Berita-Acara-Reviu-"):].rsplit(".", 1)[0] + kind
    for prefix, label in _BOOK_LABELS.items():
        if name.startswith(prefix):
            return label + kind
    return name.rsplit(".", 1)[0].replace("-", " ") + kind


def _code_of(name: str) -> str:
    """Return the document code an output file belongs to: SETDA.ORG.01.bpmn, SETDA.ORG.01-peta.pdf."""
    stem = name.rsplit(".", 1)[0]
    return stem[:-5] if stem.endswith("-peta") else stem


def _tree_hash_light(templates: Path) -> list:
    folder = templates / "site"
    return sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()) if folder.is_dir() else []


_PAGES: dict = {}
# document code -> (what its page's key was made from, the key) in the last call: a process that builds again
# (`siaga`) hashes again only the keys of pages whose inputs changed (1,000 SOPs: ~10 ms a build)
_KEYS: dict[str, tuple[list, str]] = {}


def _write_page(code: str) -> tuple[str, str, Metrics | None]:
    """Render and write the page of ``code`` (run in the build's worker processes); return its code, its path
    and the metrics it shows (the index's totals need them too: not worked out twice)."""
    cat: Catalogue = _PAGES["cat"]
    doc = cat.by_code[code]
    out: Path = _PAGES["out"]
    tpl = _PAGES["page"]  # compiled once per build (a new environment per page compiled it every time)
    ctx = _page_context(cat, doc, out, _PAGES["by_path"].get(doc.path, []))
    html = tpl.render(root="../", title=f"{doc.kode} {doc.nama}", institution=_PAGES["institution"],
                      version=__version__, **ctx)
    target = out / doc.perangkat_daerah / f"{doc.kode}.html"
    write_atomic(target, html.encode("utf-8"))
    return code, str(target), ctx["m"]


def _in_process(fn: Callable, items: list, meanwhile: Callable[[], object]) -> Iterator:
    """``write_site``'s mapper without workers: ``meanwhile()``, then ``fn`` of each item."""
    meanwhile()
    return map(fn, items)


def write_site(cat: Catalogue, problems: list[Problem], out: Path, doc_hashes: dict[str, str], templates: Path,
               previous: dict, write, mapper=None, basi: dict[str, dict] | None = None) -> tuple[dict, list[Path]]:
    """Write the pages whose content changed and the index; return (manifest section, files written).

    ``basi``: code -> {"url": its page, "temuan": findings} of the documents whose files have errors (stale);
    their pages stay as the last good build left them, and ``aset/basi.js`` tells the site which they are and
    why (situs.js shows it).
    """
    basi = basi or {}
    env = _env(templates)
    institution = cat.organisasi.nama if cat.organisasi else "petaproses"
    by_path: dict[str, list[Problem]] = {}
    for p in problems:
        by_path.setdefault(p.path, []).append(p)
    written: list[Path] = []
    pages: dict[str, str] = {}
    stale: list[str] = []
    listing: dict[str, list[str]] = {}  # one directory listing per department, not a glob per page
    for pd_id in sorted({d.perangkat_daerah for d in cat.maps}):
        folder = out / pd_id
        listing[pd_id] = sorted(os.listdir(folder)) if folder.is_dir() else []
    present = Present(str(out))  # the pages there: each folder looked at once, not a stat per page
    outputs: dict[str, list[str]] = {}
    for pd_id, names in listing.items():
        for name in names:
            if not name.startswith(".") and not name.endswith(".html"):
                outputs.setdefault(_code_of(name), []).append(name)
    for code in basi:  # kept as they are, also when the file no longer loads (no document to render)
        if code in previous.get("halaman", {}):
            pages[code] = previous["halaman"][code]
    kids = {doc.kode: children(cat, doc) for doc in cat.maps}  # here and on the index (_tree): once
    keys: dict[str, tuple[list, str]] = {}
    for doc in cat.maps:
        if doc.kode in basi:
            continue
        existing = [n for n in outputs.get(doc.kode, []) if n.startswith(doc.kode + ".") or
                    n.startswith(doc.kode + "-")]
        related = [(m.kode, m.nama) for m in _crumbs(cat, doc) + kids[doc.kode]]
        related += [(c, cat.by_code[c].nama) for c in getattr(doc, "keterkaitan", []) if c in cat.by_code]
        made_from = [doc_hashes[doc.kode], existing, related, [w.format() for w in by_path.get(doc.path, [])],
                     institution, evaluation_site.records_key(cat, doc.kode)]  # strings, lists of them
        last = _KEYS.get(doc.kode)
        key = last[1] if last is not None and last[0] == made_from else \
            hashlib.sha256(json.dumps(made_from).encode()).hexdigest()
        keys[doc.kode] = (made_from, key)
        pages[doc.kode] = key
        if previous.get("halaman", {}).get(doc.kode) == key and present(f"{doc.perangkat_daerah}/{doc.kode}.html"):
            continue
        stale.append(doc.kode)
    _KEYS.clear()  # this call's documents only
    _KEYS.update(keys)
    _PAGES.update(cat=cat, out=out, templates=templates, by_path=by_path, institution=institution,
                  page=env.get_template("page.html.j2"))  # before the workers fork: they inherit it compiled
    shown: dict[str, Metrics | None] = {}  # the metrics on the pages written now
    # the peta relasi and the application matrix: pages of their own, rewritten when their bytes change; made
    # here while the workers write the documents' pages (they need none of those)
    relation_keys = _relation_keys(previous.get("relasi"))
    done: list = []

    base = version_key() + tree_hash(templates / "site") + environment_key()

    def other_pages() -> None:
        done.extend(review_relasi.write_pages(cat, env, institution, __version__, out, write, relation_keys, base))
    try:
        for code, target, m in (mapper or _in_process)(_write_page, stale, other_pages):
            written.append(Path(target))
            shown[code] = m
    finally:
        _PAGES.clear()
    more, relation_keys = done
    written += more
    comparisons_dir = out / "banding"
    compared = sorted(os.listdir(comparisons_dir)) if comparisons_dir.is_dir() else []
    others = hashlib.sha256(b"".join(cat.sources.get(d.path, b"") for d in cat.others())).hexdigest()
    # pages are written by this function: leave them out, or a fresh build's key differs from an incremental one's
    # and the temporary files of a write still going on (build.EarlySite): ".name.*.tmp"
    files = {pd_id: [n for n in names if not n.endswith(".html") and not n.startswith(".")]
             for pd_id, names in listing.items()}
    site_key = hashlib.sha256(json.dumps([sorted(pages.items()), files, compared, institution,
                                          _tree_hash_light(templates), others, sorted(basi.items())]).encode()).hexdigest()
    if previous.get("kunci") == site_key and (out / "index.html").is_file() and not written:
        return dict(previous, relasi=relation_keys), written  # nothing on the index can have changed
    departments, new_metric_cache = _departments(cat, listing, doc_hashes, previous.get("ukuran", {}), set(basi),
                                                 shown, kids)
    comparisons = [{"url": f"banding/{p.name}", "label": p.stem} for p in sorted((out / "banding").glob("*.html"))]
    impact, impact_keys = write_impact(  # dampak.html, dampak/
        cat, out, env, institution, write, written, set(basi), doc_hashes, base, recorded_keys(previous.get("dampak")),
        page_url, lambda comparison: render_comparison_page(comparison, templates))
    basis = cat.peraturan.sistem_kerja() if cat.peraturan is not None else ""  # the Pemda's rule on reviews
    shown_index = dict(institution=institution, basis=basis, departments=departments,
                       total_maps=len(cat.maps), comparisons=comparisons, impact=impact,
                       extra_pages=review_relasi.index_links(cat, relation_keys))
    # the home page is a function of what it shows, the templates and petaproses: rendered when that changed
    index_key = hashlib.sha256((base + json.dumps(shown_index, sort_keys=True)).encode()).hexdigest()
    kept_index = previous.get("indeks") == index_key and (out / "index.html").is_file()
    index = None if kept_index else env.get_template("index.html.j2").render(
        root="", title="Beranda", version=__version__, **shown_index)
    search = [{"kode": d.kode, "nama": d.nama, "url": page_url(d)} for d in sorted(cat.maps, key=lambda d: d.kode)]
    assets = {
        **({} if index is None else {out / "index.html": index.encode("utf-8")}),
        out / "aset" / "indeks.js": ("window.PETAPROSES_INDEKS = " + json.dumps(search, ensure_ascii=False, indent=0)
                                     + ";\n").encode("utf-8"),
        out / "aset" / "gaya.css": template_file(templates, "site", "gaya.css").read_bytes(),
        out / "aset" / "situs.js": template_file(templates, "site", "situs.js").read_bytes(),
        out / "aset" / "basi.js": ("window.PETAPROSES_BASI = " + json.dumps(
            dict(sorted(basi.items())), ensure_ascii=True, indent=0) + ";\n").encode("utf-8"),
    }
    for path, data in assets.items():
        if not holds(path, data):
            write(path, data)
            written.append(path)
    for gone in set(previous.get("halaman", {})) - set(pages):
        for doc_folder in out.iterdir() if out.is_dir() else []:
            if doc_folder.is_dir() and not doc_folder.is_symlink():  # never through a link out of output/
                (doc_folder / f"{gone}.html").unlink(missing_ok=True)
    return {"halaman": dict(sorted(pages.items())), "kunci": site_key, "indeks": index_key,
            "relasi": relation_keys, "ukuran": dict(sorted(new_metric_cache.items())), "dampak": impact_keys}, written


def _relation_keys(data: object) -> dict[str, list]:
    """Return the relation pages' keys the last build recorded (page -> [key, size]), the well-formed ones."""
    if not isinstance(data, dict):
        return {}
    return {k: list(v) for k, v in data.items() if isinstance(k, str) and isinstance(v, list) and len(v) == 2
            and isinstance(v[0], str) and type(v[1]) is int}


def _departments(cat: Catalogue, listing: dict[str, list[str]], doc_hashes: dict[str, str],
                 metric_cache: dict, stale: set[str] = frozenset(),
                 shown: dict[str, Metrics | None] | None = None,
                 kids: dict[str, list[Map]] | None = None) -> tuple[list[dict], dict]:
    """Return the index's departments (hierarchy, totals, books) and the metrics to keep for the next build.
    ``shown``: the metrics of the documents whose pages were just written (by the workers); ``kids``: each
    document's ``children``."""
    rows = []
    shown = shown or {}
    for doc in cat.maps:
        cached = metric_cache.get(doc.kode)
        if isinstance(cached, list) and len(cached) == 2 and cached[0] == doc_hashes[doc.kode] \
                and (row := _metrics_row(cached[1], doc)) is not None:
            rows.append(row)
        elif doc.kode in stale:
            continue  # its file has errors: its metrics are those of the last good build, or none
        elif (m := shown[doc.kode] if doc.kode in shown else metrics(cat, doc)) is not None:
            rows.append(m)
    totals = department_totals(rows)
    findings = evaluation_site.open_findings(cat, page_url)
    org_pd = cat.organisasi.perangkat_daerah if cat.organisasi else {}
    departments = []
    by_department: dict[str, list[Map]] = {}  # in catalogue order, as each tree lists them
    for doc in cat.maps:
        by_department.setdefault(doc.perangkat_daerah, []).append(doc)
    for pd_id in sorted(by_department):
        docs = by_department[pd_id]
        codes = tuple(d.kode for d in docs)
        files = [{"url": f"{pd_id}/{name}", "label": _book_label(name)}
                 for name in listing[pd_id] if name.endswith((".docx", ".pdf")) and not name.startswith(codes)]
        departments.append({
            "id": pd_id, "nama": org_pd[pd_id].nama if pd_id in org_pd else pd_id,
            "totals": totals.get(pd_id, {"proses": 0, "langkah": 0, "serah_terima": 0, "keputusan": 0, "putaran": 0,
                                         "tanpa_mutu_baku": 0}),
            "tree": _tree(cat, docs, kids), "files": files, "temuan_terbuka": findings.get(pd_id, []),
        })
    return departments, {m.kode: [doc_hashes[m.kode], _metrics_data(m)] for m in rows}


_METRIC_FIELDS = tuple(f.name for f in fields(Metrics))


def _metrics_data(m: Metrics) -> dict:
    """``asdict(m)`` for the flat ``Metrics`` (asdict copies each value deeply: 13 against 1 µs a row)."""
    return {name: getattr(m, name) for name in _METRIC_FIELDS}


_METRIC_TYPES = {f.name: f.type for f in fields(Metrics)}  # "str", "int", "float" (annotations as text)


def _metrics_row(data: object, doc: Map) -> Metrics | None:
    """Return the metrics of ``doc`` cached in the manifest (untrusted), or None when they are not what
    ``Metrics`` holds: each field of its type, counts and minutes not negative, the document's code and
    department."""
    if not isinstance(data, dict) or data.get("kode") != doc.kode or data.get("perangkat_daerah") != doc.perangkat_daerah:
        return None
    for key, value in data.items():
        kind = _METRIC_TYPES.get(key)
        if not (kind == "str" and isinstance(value, str) and len(value) < 10_000
                or kind == "int" and type(value) is int and 0 <= value < 10**7
                or kind == "float" and type(value) in (int, float) and 0 <= value < 1e12):
            return None
    try:
        return Metrics(**data)
    except TypeError:  # a field missing
        return None


def render_comparison_page(comparison, templates: Path, pictures: tuple = (None, None)) -> bytes:
    """Return the before/after page for output/banding/; ``pictures``: the versions' diagrams (inline SVG)."""
    env = _env(templates)
    tpl = env.get_template("banding.html.j2")

    data = {k: v for k, v in vars(comparison).items() if k != "versions"}
    data["gambar"] = pictures
    data["before"] = dict(asdict(comparison.before), waktu_terpendek=comparison.before.waktu_terpendek,
                          waktu_terpanjang=comparison.before.waktu_terpanjang)
    data["after"] = dict(asdict(comparison.after), waktu_terpendek=comparison.after.waktu_terpendek,
                         waktu_terpanjang=comparison.after.waktu_terpanjang)
    data["selisih"] = comparison.differences()  # the Markdown summary's words ("−2 hari", "tetap")
    return tpl.render(root="../", title=f"Perbandingan {comparison.after.kode}", institution=comparison.institution,
                      version=__version__, c=data).encode("utf-8")
