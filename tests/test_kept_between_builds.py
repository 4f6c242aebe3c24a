"""What a process that builds again (`siaga`) keeps from its last build: the application matrix's rows and
pieces, the relation pages' keys.  Each is what a process that kept nothing makes, and follows a change."""

from __future__ import annotations


from petaproses import aplikasi as apps
from petaproses import relasi, review_relasi
from petaproses.build import check
from petaproses.paths import templates_dir
from petaproses.render import matriks
from petaproses.review_site import _env

from .conftest import PROCESSES


def _renamed(cat, code: str, name: str) -> None:
    i = next(i for i, d in enumerate(cat.maps) if d.kode == code)
    cat.maps[i] = cat.by_code[code] = cat.maps[i].model_copy(update={"nama": name})


def _with_application(cat, app_id: str):
    """Give the first step of the first cross-functional map the application ``app_id``; return that map."""
    i, doc = next((i, d) for i, d in enumerate(cat.maps) if isinstance(d, relasi.PetaLintasFungsi))
    steps = list(doc.kegiatan)
    steps[0] = steps[0].model_copy(update={"aplikasi": [*steps[0].aplikasi, app_id]})
    cat.maps[i] = cat.by_code[doc.kode] = doc.model_copy(update={"kegiatan": steps})
    return cat.maps[i]


def test_process_rows_follow_a_changed_map_and_usage_reads_every_map():
    cat, _ = check([str(PROCESSES)])
    first = apps.process_rows(cat)
    assert all(a is b for a, b in zip(apps.process_rows(cat), first, strict=True))  # nothing changed: kept
    changed = _with_application(cat, "aplikasi_baru")
    rows = apps.process_rows(cat)
    row = next(r for r in rows if r.doc.kode == changed.kode)
    assert row.doc is changed and row.per_app["aplikasi_baru"] == 1
    assert all(r is f for r, f in zip(rows, first) if r.doc.kode != changed.kode)
    apps._ROWS.clear()
    assert apps.process_rows(cat) == rows
    want: dict[str, list[str]] = {a: [] for a in cat.aplikasi.aplikasi}
    for doc in cat.maps:  # the definition: every map's applications, in the order first named
        for app in apps.used(doc):
            want.setdefault(app, []).append(doc.kode)
    assert apps.usage(cat) == want and "aplikasi_baru" in want


def test_matrix_pieces_are_kept_until_what_they_show_changes():
    cat, _ = check([str(PROCESSES)])
    keys = [k for k, _ in matriks.catalogue_pieces(cat)]
    assert [k for k, _ in matriks.catalogue_pieces(cat)] == keys
    sop = next(d for d in cat.maps if isinstance(d, relasi.PetaLintasFungsi))
    _renamed(cat, sop.kode, "Nama Proses Yang Baru")
    pieces = matriks.catalogue_pieces(cat)
    renamed = [k for k, _ in pieces]
    assert renamed != keys
    # the Pemda's matrix and the renamed process's department's are made again, the others kept as they were
    scopes = [None] + apps.departments(cat)
    again = {scope for scope, old, new in zip(scopes, keys, renamed) if old != new}
    assert again == {None, sop.perangkat_daerah} and len(scopes) > 2
    assert all(p is matriks._SCOPES[scope][-1] for scope, p in zip(scopes, pieces))
    matriks._LAST[:] = [None, None, None, []]  # nothing kept: the same keys and files
    matriks._SCOPES.clear()
    fresh = matriks.catalogue_pieces(cat)
    assert [k for k, _ in fresh] == renamed
    files = fresh[0][1]()
    assert b"Nama Proses Yang Baru" in files[next(n for n in files if n.endswith(".csv"))]


def test_relation_page_keys_are_kept_until_a_process_is_renamed():
    cat, _ = check([str(PROCESSES)])
    env = _env(templates_dir(None))

    def keys() -> list[str]:
        with relasi.shared(cat):
            derived = relasi.derive(cat)
            views = relasi.views(cat)
            return review_relasi._page_keys(cat, views, derived, review_relasi._Relations(cat, env, derived.parties),
                                            ["dasar"])

    first = keys()
    assert keys() == first
    code = next(h.kode for h in relasi.derive(cat).handoffs if h.kode)  # a process behind a relation
    _renamed(cat, code, "Nama Yang Baru")
    renamed = keys()
    assert renamed != first
    review_relasi._KEYS.clear()
    assert keys() == renamed


def test_relation_rows_are_kept_until_a_process_behind_them_is_renamed():
    """A relation's hand-offs are grouped once per relation (review_relasi._GROUPS): a renamed process's source
    row is made again, the others are the same objects, and every row is what a process that kept nothing makes."""
    cat, _ = check([str(PROCESSES)])
    env = _env(templates_dir(None))
    review_relasi._GROUPS.clear()

    def rows() -> list[dict]:
        with relasi.shared(cat):
            derived = relasi.derive(cat)
            shared = review_relasi._Relations(cat, env, derived.parties)
            return [shared.row(rel) for view in relasi.views(cat) for rel in view.relations + view.hidden]

    first = rows()
    assert first and all(a["sources"][i] is b["sources"][i] for a, b in zip(rows(), first, strict=True)
                         for i in range(len(a["sources"])))
    code = next(s.kode for r in first for s in r["sources"])
    _renamed(cat, code, "Nama Yang Baru")
    renamed = rows()
    behind = [(r, f) for r, f in zip(renamed, first, strict=True) if any(s.kode == code for s in r["sources"])]
    assert behind
    for r, f in behind:
        for new, old in zip(r["sources"], f["sources"], strict=True):
            assert (new is old) == (new.kode != code)
            assert new.nama == ("Nama Yang Baru" if new.kode == code else old.nama)
    review_relasi._GROUPS.clear()
    assert rows() == renamed


def test_document_page_keys_are_kept_until_what_a_page_shows_changes(tmp_path):
    """A process that builds again hashes a document page's key only when what it is made from changed
    (review_site._KEYS): the keys are a fresh process's, and a renamed parent's name changes its children's."""
    import json
    import shutil

    from petaproses import review_site
    from petaproses.build import build

    cat, out = tmp_path / "cat", tmp_path / "out"
    shutil.copytree(PROCESSES, cat)

    def keys(fresh: bool = False) -> dict[str, str]:
        if fresh:
            review_site._KEYS.clear()
        assert not build([str(cat)], str(out), jobs=1, force=fresh).failed
        return json.loads((out / ".petaproses-build.json").read_text(encoding="utf-8"))["situs"]["halaman"]

    first = keys()
    assert review_site._KEYS and keys() == first
    parent = cat / "diskominfo" / "sp04-aplikasi-informatika.yaml"
    parent.write_text(parent.read_text(encoding="utf-8").replace("\nnama: ", "\nnama: Induk Baru ", 1),
                      encoding="utf-8")
    renamed = keys()
    changed = {code for code in first if renamed[code] != first[code]}
    # the map itself, its children and the level-1 map it details
    assert {"DISKOMINFO.SP.04", "DISKOMINFO.SOP.03", "DISKOMINFO.SOP.04", "DISKOMINFO.L1"} <= changed
    assert len(changed) < len(first) // 2
    assert keys(fresh=True) == renamed
