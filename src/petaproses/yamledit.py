"""Edits of a YAML file's text at the offsets of its nodes (PyYAML's composer marks each node's start and end),
so that everything but the changed values stays byte for byte as the author wrote it: comments, order,
quoting, flow or block style, line endings.  Used by the rewriting commands (orgchange.py, regchange.py).
"""

from __future__ import annotations

import yaml


class Text:
    """A file's text with edits at node offsets, applied together (offsets refer to the original)."""

    def __init__(self, raw: bytes) -> None:
        self.bom = raw.startswith(b"\xef\xbb\xbf")
        self.text = raw.decode("utf-8-sig")
        self.edits: list[tuple[int, int, str]] = []
        self.newline = "\r\n" if "\r\n" in self.text else "\r" if "\r" in self.text and "\n" not in self.text else "\n"

    def replace_scalar(self, node: yaml.Node, old: str, new: str) -> bool:
        start, end = node.start_mark.index, node.end_mark.index
        written = self.text[start:end]
        for quote in ("", "'", '"'):
            if written == f"{quote}{old}{quote}":
                self.edits.append((start, end, f"{quote}{new}{quote}"))
                return True
        return False  # written in a form we do not rewrite (block scalar...): left to the author

    def insert(self, offset: int, text: str) -> None:
        self.edits.append((offset, offset, text))

    def line_end(self, offset: int) -> int:
        """Return the offset just after the line break that ends the line holding ``offset``."""
        nl = self.text.find(self.newline[-1], offset)  # "\n", or "\r" in a file of old Macs
        return len(self.text) if nl < 0 else nl + 1

    def result(self) -> bytes:
        out = self.text
        # from the end back; inserts at one place keep the order made (`revisi`, then a new `riwayat`)
        ranks = sorted(range(len(self.edits)), key=lambda k: (self.edits[k][0], self.edits[k][1], k), reverse=True)
        for start, end, new in (self.edits[k] for k in ranks):
            out = out[:start] + new + out[end:]
        return (b"\xef\xbb\xbf" if self.bom else b"") + out.encode("utf-8")


def compose(text: str) -> yaml.Node | None:
    # libyaml's composer where built (~10x faster than the pure-Python one: the review site's impact page plans
    # the rewrite of every file that names a removed position, each build), without tag resolution (tags are
    # never read here).  Given a str, its marks count characters of this very text as the pure-Python
    # composer's do (what the edits need; the same marks on every sample and fixture, tested); the text has no
    # BOM (Text takes it off), the one place where the two count differently.
    return yaml.compose(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))


def get(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def key_node(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    for k, _v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k
    return None


def scalars(node: yaml.Node | None) -> list[yaml.ScalarNode]:
    """Return the scalar itself, or the scalars of a sequence."""
    if isinstance(node, yaml.ScalarNode):
        return [node]
    if isinstance(node, yaml.SequenceNode):
        return [n for n in node.value if isinstance(n, yaml.ScalarNode)]
    return []


def remove_item(seq: yaml.SequenceNode, item: yaml.ScalarNode, edit: Text) -> bool:
    """Remove ``item`` with its own comment; False where unsafe (a block scalar ends on the next item's line)."""
    text = edit.text
    if item.style in ("|", ">"):
        return False
    if seq.flow_style:
        i = seq.value.index(item)
        if len(seq.value) == 1:
            return False
        _cut_flow(edit, item.start_mark.index, item.end_mark.index,
                  seq.value[i - 1].end_mark.index if i > 0 else None,
                  seq.value[i + 1].start_mark.index if i + 1 < len(seq.value) else None)
        return True
    line_start = text.rfind(edit.newline[-1], 0, item.start_mark.index) + 1
    if text[line_start:item.start_mark.index].strip() != "-":
        return False
    own = text[item.start_mark.index:item.end_mark.index].rstrip()  # a scalar's end mark may be past blank lines
    edit.edits.append((line_start, edit.line_end(item.start_mark.index + max(len(own) - 1, 0)), ""))
    return True


def remove_entry(mapping: yaml.MappingNode, key: yaml.Node, edit: Text) -> bool:
    """Remove ``key`` and its value from ``mapping`` with its own comment (the only entry of a flow mapping
    leaves ``{}``); False where unsafe (a block scalar, a key sharing its line with a dash or another key)."""
    text = edit.text
    pairs = mapping.value
    i = next(k for k, (n, _v) in enumerate(pairs) if n is key)
    value = pairs[i][1]
    if getattr(value, "style", None) in ("|", ">"):
        return False
    start = key.start_mark.index
    if mapping.flow_style:
        _cut_flow(edit, start, value.end_mark.index, pairs[i - 1][1].end_mark.index if i > 0 else None,
                  pairs[i + 1][0].start_mark.index if i + 1 < len(pairs) else None)
        return True
    line_start = text.rfind(edit.newline[-1], 0, start) + 1
    if text[line_start:start].strip():
        return False
    own = text[start:node_end(value)].rstrip()  # a scalar's end mark may be past blank lines
    edit.edits.append((line_start, edit.line_end(start + max(len(own) - 1, 0)), ""))
    return True


def _cut_flow(edit: Text, start: int, end: int, prev_end: int | None, next_start: int | None) -> None:
    """Cut the item of a flow collection at ``start``-``end`` with its comma, between the previous item's end and
    the next item's start (None: there is none)."""
    text = edit.text
    if next_start is not None:  # "a, " up to the next item
        edit.edits.append((start, next_start, ""))
    elif prev_end is not None:  # ", a" after the previous item
        between = text[prev_end:start]
        rest = text[end:edit.line_end(end)].rstrip("\r\n")
        if rest.lstrip().startswith("#"):  # the item's own comment goes with it, not onto the item before
            end += len(rest)
        if "#" in between:  # a comment on the line before: only the comma goes, and the item
            comma = prev_end + between.index(",")
            edit.edits += [(comma, comma + 1, ""), (start, end, "")]
        else:
            edit.edits.append((prev_end, end, ""))
    else:  # the only item
        edit.edits.append((start, end, ""))


def node_end(node: yaml.Node) -> int:
    """Return where a node's own text ends (a block collection's end mark is at the next key, after comments)."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
        node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
    return node.end_mark.index


def key_index(mapping: yaml.MappingNode, key: str) -> int:
    for i, (k, _v) in enumerate(mapping.value):
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return i
    return len(mapping.value) - 1
