"""Warnings an author silenced on purpose: ``# petaproses: abaikan KODE`` on the finding's line or the line above.

A faithful transcription of a signed SOP keeps what the original prints (a step "JFU mengumpulkan ..." starts
with its actor, review X), and a warning the author has weighed would otherwise be said at every check and fail
``--ketat``.  As yamllint's ``disable-line``, the comment names the codes it silences, for that line only (a
comment on a line of its own: the line below).  Errors are never silenced: the document would be wrong.
"""

from __future__ import annotations


from .lazyre import Lazy
from .problems import Problem

CODE = "ignore-comment"
_MARK = Lazy(r"#\s*petaproses\s*:\s*abaikan\b(.*)$")
_CODES = Lazy(r"[a-z][a-z0-9-]*")


def silenced(problems: list[Problem], sources: dict[str, bytes]) -> list[Problem]:
    """Return ``problems`` without the warnings a comment silences, with a finding for each comment naming a
    code that is unknown or an error's."""
    marks: dict[str, dict[int, tuple[int, set[str]]]] = {}  # path -> line silenced -> (comment's line, codes)
    out: list[Problem] = []
    for path, raw in sources.items():
        if b"abaikan" not in raw:
            continue
        found, more = _marks(path, raw.decode("utf-8", "replace"))
        if found:
            marks[path] = found
        out += more
    if not marks:
        return problems + out
    for p in problems:
        at = marks.get(p.path, {}).get(p.line)
        if at is None or p.code not in at[1] or p.is_error:
            out.append(p)
    return out


def _marks(path: str, text: str) -> tuple[dict[int, tuple[int, set[str]]], list[Problem]]:
    from .rules.table import CODES

    found: dict[int, tuple[int, set[str]]] = {}
    wrong: list[Problem] = []
    lines = text.splitlines()
    candidates = [(n, m) for n, line in enumerate(lines, 1) if (m := _MARK.search(line)) is not None]
    inside = _scalar_spans(text) if candidates else []
    for number, m in candidates:
        if any(a <= (number - 1, m.start()) < b for a, b in inside):
            continue  # written inside a quoted or block text: printed, no comment
        codes = set(_CODES.findall(m[1].split("#")[0].lower()))
        for code in sorted(codes):
            known = CODES.get(code)
            if known is None or known.level == "galat":
                why = ("tidak dikenal (lihat petaproses aturan)" if known is None else
                       "sebuah galat: galat tidak dapat diabaikan, perbaiki berkasnya")
                wrong.append(Problem(path, number, m.start() + 1, CODE, f"komentar abaikan menyebut '{code}', yang "
                                     f"{why}", "peringatan"))
        if not codes:
            wrong.append(Problem(path, number, m.start() + 1, CODE, "komentar abaikan tanpa kode aturan; tulis "
                                 "mis. '# petaproses: abaikan actor-in-activity'", "peringatan"))
        # a comment on a line of its own speaks of the line below it (with that line's own comment, if any)
        target = number + 1 if not lines[number - 1][:m.start()].strip() else number
        first, before = found.get(target, (number, set()))
        found[target] = (first, before | codes)
    return found, wrong


def _scalar_spans(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Return the (line, column) spans, 0-based, of the file's quoted and block texts: a '#' in them is text."""
    import yaml
    from yaml import events as ev

    from .yamlcompose import Loader

    spans = []
    loader = Loader(text)
    try:
        while (event := loader.get_event()) is not None:
            if type(event) is ev.ScalarEvent and event.style:
                a, b = event.start_mark, event.end_mark
                spans.append(((a.line, a.column), (b.line, b.column)))
    except yaml.YAMLError:
        pass  # the loader reports the file's syntax
    finally:
        loader.dispose()
    return spans
