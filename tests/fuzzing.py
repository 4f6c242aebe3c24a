"""Mutants of the sample YAML for fuzzing `check` (used by tests/test_fuzz.py and bench/fuzz_check.py).

Three layers, drawn through hypothesis so that a run is reproducible from its seed and a failure shrinks:
structure-aware edits of the parsed sample (drop keys, swap value types, odd text, huge numbers, deep
nesting) dumped back to YAML; text edits that YAML dumping cannot produce (tags, duplicate keys, tabs,
BOMs, broken indentation, forgotten dashes, truncation); and raw byte edits (invalid UTF-8, UTF-16 marks).
The oracle: `check` never raises, and every finding is one located line `path:line:col: code: message`
in Bahasa Indonesia, with line and column inside the file.
"""

from __future__ import annotations

import copy
import functools
import re
import shutil
from pathlib import Path
from typing import Any, Callable

import yaml
from hypothesis import strategies as st

from petaproses.build import check
from petaproses.problems import Problem

ROOT = Path(__file__).resolve().parents[1]
PROCESSES = ROOT / "processes"

TAGS = ["!!bool", "!!int", "!!float", "!!timestamp", "!!null", "!!str", "!!binary", "!!set", "!!omap", "!!map",
        "!!seq", "!foo", "!<tag:yaml.org,2002:int>", "!!python/object/apply:os.system", "!", "!!merge"]
ODD = list("\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\xa0\u2028\u2029\ufeff\ufffe\U0001f600:#&*!|>'\"{}[],%@`\t-?\\\r")
ODD_TEXTS = ["", " ", "~", "null", "true", "no", "9" * 4301, "-" * 4400, "0x1F", "0o17", ".inf", ".nan", "1e400",
             "2025-02-30", "2025-3-1", "2025-13-01", "0000-01-01", "100.30", "01", "a: b", "- x", "a\nb", "é" * 300,
             "x" * 5000, "<<", "*a", "&a", "%YAML 1.1", "---", "...", "{a: b}", "[a, b]", "'", '"']
SPECIAL_LINES = ["---", "...", "%YAML 1.1", "%TAG ! tag:x,2000:", "? [a, b]\n: c", "<<: {a: b}", "&a x: 1",
                 "a: *b", "- - - -", "{", "[", "|", ">-", "  # komentar", "kegiatan: []", "jenis: sop"]

_Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # libyaml: mutants are made 10x faster


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:  # shared values are written out, not as anchors
        return True


_ENGLISH = re.compile(r"not allowed|expected|while (scanning|parsing)|Input should|unicode string|position \d|"
                      r"could not|found (character|unexpected|undefined|unknown)|Traceback|Error\b")
_FORMAT = re.compile(r"^(?P<path>[^\n]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[a-z][a-z-]*): (?P<msg>[^\n\r]+)$")


@functools.lru_cache(maxsize=1)
def samples() -> list[tuple[str, str]]:
    """Return (name, text) of every sample file: the organisation file and each map and SOP."""
    return [(str(p.relative_to(PROCESSES)), p.read_text(encoding="utf-8")) for p in sorted(PROCESSES.rglob("*.yaml"))]


# ------------------------------------------------------------------------------------------ values
def odd_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(ODD_TEXTS),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=20),
        st.text(st.sampled_from(ODD + list("abc 01")), max_size=12),
    )


def scalars() -> st.SearchStrategy[Any]:
    return st.one_of(odd_text(), st.integers(), st.booleans(), st.none(), st.floats(), st.dates(),
                     st.datetimes())


def values() -> st.SearchStrategy[Any]:
    return st.recursive(scalars(), lambda kids: st.lists(kids, max_size=3) |
                        st.dictionaries(odd_text(), kids, max_size=3), max_leaves=6)


# ------------------------------------------------------------------------------------------ structure
def _slots(tree: Any) -> list[tuple[Any, Any]]:
    """Return every (container, key or index) of ``tree``, without recursion."""
    out, todo = [], [tree]
    while todo:
        node = todo.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for k, v in items:
            out.append((node, k))
            todo.append(v)
    return out


def _nest(depth: int, leaf: Any, as_map: bool) -> Any:
    for _ in range(depth):
        leaf = {"a": leaf} if as_map else [leaf]
    return leaf


def _mutate_flow(draw: Callable, tree: Any) -> bool:
    """Rewire the steps (ke, cabang, selesai, id, order) so the graph rules see broken flows; False if none."""
    steps = [n for n, _ in _slots(tree) if isinstance(n, dict) and ("uraian" in n or "nama" in n)]
    if not steps:
        return False
    step = draw(st.sampled_from(steps))
    ids = [s.get("id") or "x" for s in steps if isinstance(s.get("id"), str)] + ["tidak_ada"]
    op = draw(st.sampled_from(["ke", "cabang", "selesai", "id", "no-id", "swap"]))
    if op == "ke":
        step["ke"] = draw(st.sampled_from(ids)) if draw(st.booleans()) else draw(st.lists(st.sampled_from(ids), max_size=3))
    elif op == "cabang":
        step["cabang"] = draw(st.dictionaries(st.sampled_from(["Ya", "Tidak", "Lengkap", "", "a b"]),
                                              st.sampled_from(ids), max_size=3))
    elif op == "selesai":
        step["selesai"] = draw(st.sampled_from(["true", "false", "ya"]))
    elif op == "id":
        step["id"] = draw(st.sampled_from(ids))
    elif op == "no-id":
        step.pop("id", None)
    else:
        step.update(copy.deepcopy(draw(st.sampled_from(steps))))
    return True


def mutate_tree(draw: Callable, tree: Any) -> Any:
    slots = _slots(tree)
    if not slots:
        return draw(values())
    if draw(st.integers(0, 3)) == 0 and _mutate_flow(draw, tree):
        return tree
    parent, key = draw(st.sampled_from(slots))
    op = draw(st.sampled_from(["drop", "replace", "replace", "text", "deep", "rename", "huge"]))
    if op == "drop":
        del parent[key]
    elif op == "replace":
        parent[key] = draw(values())
    elif op == "text":
        parent[key] = draw(odd_text())
    elif op == "deep":
        parent[key] = _nest(draw(st.integers(1, 120)), parent[key], draw(st.booleans()))
    elif op == "huge":
        parent[key] = draw(st.sampled_from(["9" * 4301, "9" * 4300, "-" + "1" * 5000, "1" * 50 + ".5"]))
    elif isinstance(parent, dict):  # rename
        parent[draw(odd_text())] = parent.pop(key)
    return tree


def dump(draw: Callable, tree: Any) -> str:
    return yaml.dump(tree, Dumper=_Dumper, allow_unicode=draw(st.booleans()), sort_keys=False,
                     width=draw(st.integers(20, 200)), default_flow_style=draw(st.sampled_from([False, None, True])))


# ------------------------------------------------------------------------------------------ text
def mutate_text(draw: Callable, text: str) -> str:
    lines = text.split("\n")
    i = draw(st.integers(0, max(len(lines) - 1, 0)))
    line = lines[i]
    op = draw(st.sampled_from(["tag", "dup", "drop", "swap", "indent", "tab", "dash", "char", "bom", "truncate",
                               "colon", "quote", "special", "comment", "crlf", "anchor"]))
    indent = len(line) - len(line.lstrip(" "))
    if op == "tag" and ": " in line:
        k, _, v = line.partition(": ")
        lines[i] = f"{k}: {draw(st.sampled_from(TAGS))} {v if draw(st.booleans()) else ''}"
    elif op == "dup":
        lines.insert(i, line)
    elif op == "drop":
        del lines[i]
    elif op == "swap" and i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    elif op == "indent":
        shift = draw(st.integers(-3, 3))
        lines[i] = " " * max(indent + shift, 0) + line.lstrip(" ")
    elif op == "tab":
        lines[i] = "\t" + line.lstrip(" ") if draw(st.booleans()) else line.replace(" ", "\t", 1)
    elif op == "dash":
        body = line.lstrip(" ")
        lines[i] = " " * indent + (body[2:] if body.startswith("- ") else "- " + body)
    elif op == "char":
        at = draw(st.integers(0, len(line)))
        lines[i] = line[:at] + draw(st.sampled_from(ODD)) + line[at:]
    elif op == "bom":
        return "\ufeff" + text if draw(st.booleans()) else "\n".join(lines[:i] + ["\ufeff" + line] + lines[i + 1:])
    elif op == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    elif op == "colon" and ": " in line:
        lines[i] = line + ": " + draw(st.sampled_from(["x", "KTP", "", "a: b"]))
    elif op == "quote":
        at = draw(st.integers(0, len(line)))
        lines[i] = line[:at] + draw(st.sampled_from(["'", '"', '"\\q', "'''"])) + line[at:]
    elif op == "special":
        lines.insert(i, " " * draw(st.sampled_from([0, indent])) + draw(st.sampled_from(SPECIAL_LINES)))
    elif op == "comment":
        lines[i] = line + " #" + draw(odd_text())
    elif op == "crlf":
        return text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\x85", "\u2028"])))
    elif op == "anchor" and ": " in line:
        k, _, v = line.partition(": ")
        lines[i] = f"{k}: {draw(st.sampled_from(['&a ', '*a', '&a [', '*b ']))}{v}"
    return "\n".join(lines)


def mutate_bytes(draw: Callable, raw: bytes) -> bytes:
    op = draw(st.sampled_from(["flip", "insert", "delete", "prefix", "utf16", "latin1"]))
    at = draw(st.integers(0, len(raw)))
    if op == "flip" and raw:
        at = min(at, len(raw) - 1)
        return raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at + 1:]
    if op == "insert":
        return raw[:at] + draw(st.binary(min_size=1, max_size=4)) + raw[at:]
    if op == "delete":
        return raw[:at] + raw[at + draw(st.integers(1, 64)):]
    if op == "prefix":
        return draw(st.sampled_from([b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x00", b"\xef\xbb\xbf" * 2])) + raw
    if op == "utf16":
        return raw.decode("utf-8", "replace").encode("utf-16")
    return raw.decode("utf-8", "replace").encode("latin-1", "replace")


@st.composite
def mutants(draw: Callable) -> tuple[str, bytes, list[str]]:
    """Return (sample name, mutated bytes, the operations applied)."""
    name, text = draw(st.sampled_from(samples()))
    applied = []
    for _ in range(draw(st.integers(0, 2))):
        tree = yaml.load(text, Loader=_Loader)
        text = dump(draw, mutate_tree(draw, tree))
        applied.append("structure")
    for _ in range(draw(st.integers(0 if applied else 1, 2))):
        text = mutate_text(draw, text)
        applied.append("text")
    raw = text.encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        raw = mutate_bytes(draw, raw)
        applied.append("bytes")
    return name, raw, applied


# ------------------------------------------------------------------------------------------ oracle
class Workspace:
    """A copy of the sample catalogue in ``folder`` where one file at a time is replaced by a mutant.

    The whole catalogue is there so that links resolve and the graph rules run on what the mutant keeps;
    the load and rule caches of the incremental build keep a check at a few milliseconds.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        shutil.copytree(PROCESSES, folder)
        self.cache: dict = {}
        self.memo: dict = {}
        self.restore: Path | None = None

    def check(self, name: str, raw: bytes) -> tuple[list[Problem], dict[str, bytes]]:
        if self.restore is not None:  # put back the file the previous mutant replaced
            shutil.copy(PROCESSES / self.restore, self.folder / self.restore)
        self.restore = Path(name)
        target = self.folder / name
        target.write_bytes(raw)
        _, problems = check([str(target)], self.cache, self.memo)
        return problems, {str(target.resolve()): raw}


def unlocated(problems: list[Problem], files: dict[str, bytes]) -> list[str]:
    """Return the findings that are not one Indonesian line located inside their file."""
    bad = []
    for p in problems:
        text = p.format()
        m = _FORMAT.match(text)
        if m is None or _ENGLISH.search(p.message):
            bad.append(text)
            continue
        raw = files.get(str(Path(p.path).resolve()))
        if raw is None:
            bad.append(f"{text}  [file unknown]")
            continue
        decoded = raw.decode("utf-8", "replace")
        lines = re.split(r"\r\n|\r|\n|\x85|\u2028|\u2029", decoded)  # every break libyaml counts
        if not 1 <= p.line <= len(lines) or not 1 <= p.column <= len(lines[p.line - 1]) + 1:
            bad.append(f"{text}  [outside the file: {len(lines)} lines]")
    return bad
