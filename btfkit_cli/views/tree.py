"""The member tree of a type.

:func:`build_tree` makes a plain model (:class:`Node`, also the JSON of
``btfkit tree --json``); :func:`render_tree` turns it into a rich Tree whose
labels are Text.

Rules (as a pahole/bpftool user expects):

- a member shows its offset in bytes from the start of the root type (a
  bitfield: ``BYTE:BIT``, the bit inside that byte), its size (bytes; a
  bitfield: bits) and its C declaration as the C printer writes it;
- anonymous structs and unions are expanded in place, at no cost of depth
  (one reached through a typedef, like ``atomic_t``, counts as named);
- a named struct or union member (or array of them) is expanded while the
  depth allows (``--depth``: levels of members shown; 1 = the root's members);
- a pointer to a struct or union is followed while the depth allows; below a
  pointer, offsets start again from 0 (they are offsets in the pointed-to type);
- a type already being expanded on the path from the root is a cycle: marked,
  not followed;
- at most ``max_nodes`` nodes; the rest is marked as cut.
"""

from __future__ import annotations


from btfkit.chains import MODIFIER_KINDS, skip_chain
from btfkit.kinds import Kind, kind_name
from btfkit.layout import strip_mods, type_size

from .console import clean
from .ctype import ANON, CDecl, type_label

_COMPOSITE = (Kind.STRUCT, Kind.UNION)


class Node:
    """One line of a tree: a member (or the root type) and what it holds."""

    __slots__ = ("decl", "type_id", "kind", "size", "offset", "bit_offset", "bitfield_size", "note", "target",
                 "children", "hidden")

    def __init__(self, decl: str, type_id: int, kind: str, size: int, offset: int | None = None,
                 bit_offset: int | None = None, bitfield_size: int = 0, note: str = "", target: str = "",
                 children: "list[Node] | None" = None, hidden: int = 0) -> None:
        self.decl = decl  # C declaration, or the type's title for the root
        self.type_id = type_id
        self.kind = kind  # kind of the member's type after typedefs and qualifiers
        self.size = size  # bytes (0 for a bitfield)
        self.offset = offset  # bytes from the start of the root (or of the pointee)
        self.bit_offset = bit_offset
        self.bitfield_size = bitfield_size
        self.note = note  # 'cycle', 'pointer', 'more', 'cut', 'anonymous'
        self.target = target  # the struct a pointer points to
        self.children: list[Node] = [] if children is None else children
        self.hidden = hidden  # members not shown (depth)

    def to_dict(self) -> dict:
        d: dict = {"decl": self.decl, "type_id": self.type_id, "kind": self.kind, "size": self.size}
        if self.offset is not None:
            d["offset"] = self.offset
            d["bit_offset"] = self.bit_offset
        if self.bitfield_size:
            d["bitfield_size"] = self.bitfield_size
        if self.note:
            d["note"] = self.note
        if self.target:
            d["target"] = self.target
        if self.hidden:
            d["members_not_shown"] = self.hidden
        if self.children:
            d["members"] = [c.to_dict() for c in self.children]
        return d


def _via_typedef(btf, tid: int) -> bool:
    """True if the chain to the struct passes a typedef (``atomic_t``: a
    named type for the reader, expanded by depth like a named struct)."""
    return bool(btf.kind_of(skip_chain(btf, tid, MODIFIER_KINDS)) == Kind.TYPEDEF)


#: Nesting of expanded structs (pointers followed and anonymous members
#: included) beyond which a tree is cut: the builder and the renderers
#: recurse once per level.
MAX_NEST = 100


class _Builder:
    def __init__(self, btf, depth: int, max_nodes: int, follow_pointers: bool) -> None:
        self.btf = btf
        self.depth = depth
        self.max_nodes = max_nodes
        self.follow = follow_pointers
        self.decl = CDecl(btf)
        self.count = 0
        self.cut = False  # max_nodes reached
        self.cut_nest = False  # MAX_NEST reached

    def members(self, parent: Node, comp_id: int, base_bits: int, level: int, path: tuple) -> None:
        btf = self.btf
        t = btf[comp_id]
        for m in t.members:
            if self.count >= self.max_nodes:
                self.cut = True
                parent.children.append(Node("…", 0, "", 0, note="cut"))
                return
            self.count += 1
            st = strip_mods(btf, m.type)
            sk = btf.kind_of(st) if st else Kind.UNKN
            bits = base_bits + m.offset
            size = 0 if m.bitfield_size else type_size(btf, m.type)
            node = Node(self.decl(m.type, m.name) + (f":{m.bitfield_size}" if m.bitfield_size else ""),
                        m.type, kind_name(sk).lower() if st else "void", size,
                        bits // 8, bits, m.bitfield_size)
            parent.children.append(node)
            if sk in _COMPOSITE:
                if not btf[st].name and not _via_typedef(btf, m.type):
                    node.note = "anonymous"
                    self.inline(node, st, bits, level, path)  # in place, same level
                else:
                    self.expand(node, st, bits, level + 1, path)
            elif sk == Kind.ARRAY:
                et = strip_mods(btf, btf[st].type)
                while et and btf.kind_of(et) == Kind.ARRAY:
                    et = strip_mods(btf, btf[et].type)
                if et and btf.kind_of(et) in _COMPOSITE:
                    # element 0, at the array's offset
                    if not btf[et].name:
                        self.inline(node, et, bits, level, path)
                    else:
                        self.expand(node, et, bits, level + 1, path)
            elif sk == Kind.PTR and self.follow:
                pt = strip_mods(btf, btf[st].type)
                if pt and btf.kind_of(pt) in _COMPOSITE:
                    node.note = "pointer"
                    node.target = type_label(btf, pt)
                    self.expand(node, pt, 0, level + 1, path)

    def inline(self, node: Node, comp_id: int, base_bits: int, level: int, path: tuple) -> None:
        """An anonymous struct or union's members, in place (no level used);
        one that contains itself is marked as a cycle, and nesting deeper
        than MAX_NEST levels is cut."""
        if not self._stop(node, comp_id, path):
            self.members(node, comp_id, base_bits, level, path + (comp_id,))

    def _stop(self, node: Node, comp_id: int, path: tuple) -> bool:
        """Mark a struct that contains itself as a cycle, and cut nesting
        deeper than MAX_NEST; true when ``node`` gets no members."""
        if comp_id in path:
            node.note = "cycle"
            node.target = type_label(self.btf, comp_id)
            return True
        if len(path) > MAX_NEST:
            self.cut_nest = True
            node.children.append(Node("…", 0, "", 0, note="cut"))
            return True
        return False

    def expand(self, node: Node, comp_id: int, base_bits: int, level: int, path: tuple) -> None:
        if comp_id not in path and level > self.depth:
            node.hidden = len(self.btf[comp_id].members)
            return
        if self._stop(node, comp_id, path):
            return
        self.members(node, comp_id, base_bits, level, path + (comp_id,))


def build_tree(btf, type_id: int, *, depth: int = 1, max_nodes: int = 20000,
               follow_pointers: bool = True) -> tuple[Node, bool]:
    """The tree of ``type_id`` (typedefs followed to the struct or union they
    name).  Returns (root, cut): cut is true when ``max_nodes`` stopped it,
    or "nest" when structs nested deeper than MAX_NEST levels were cut."""
    b = _Builder(btf, depth, max_nodes, follow_pointers)
    t = btf[type_id]
    st = strip_mods(btf, type_id)
    sk = btf.kind_of(st) if st else Kind.UNKN
    title = type_label(btf, type_id)
    if st != type_id:
        title += f" = {type_label(btf, st)}"
    size = type_size(btf, type_id)
    root = Node(title, type_id, kind_name(sk).lower() if st else "void", size)
    if sk in _COMPOSITE:
        b.members(root, st, 0, 1, (st,))
    elif sk in (Kind.ENUM, Kind.ENUM64):
        for v in btf[st].values:
            root.children.append(Node(f"{v.name} = {v.value}", st, "enumerator", 0))
    elif sk == Kind.FUNC_PROTO or t.kind == Kind.FUNC:
        proto = btf[btf[type_id].type] if t.kind == Kind.FUNC else btf[st]
        if proto.kind != Kind.FUNC_PROTO:
            # (libbpf 1.3+ refuses such BTF: btf_validate_type)
            from btfkit.errors import BtfValidationError
            raise BtfValidationError(f"type [{type_id}] (FUNC '{t.name}'): referenced type [{proto.id}] is not "
                                     "FUNC_PROTO", source=btf.source)
        root.decl = f"{title}: {b.decl(proto.id, t.name if t.kind == Kind.FUNC else '')}"
        for i, p in enumerate(proto.params):
            if p.type == 0 and i == len(proto.params) - 1:
                root.children.append(Node("...", 0, "vararg", 0))
                continue
            root.children.append(Node(b.decl(p.type, p.name), p.type,
                                      kind_name(btf.kind_of(strip_mods(btf, p.type))).lower(),
                                      type_size(btf, p.type)))
    elif sk == Kind.DATASEC:
        for v in btf[st].vars:
            vt = btf[v.type]
            decl = b.decl(vt.type, vt.name) if vt.kind == Kind.VAR else type_label(btf, v.type)
            root.children.append(Node(decl, v.type, Kind(vt.kind).name.lower(), v.size, v.offset, v.offset * 8))
    elif t.kind == Kind.VAR:
        root.decl = f"{title}: {b.decl(t.type, t.name)}"
        st = strip_mods(btf, t.type)
        if st and btf.kind_of(st) in _COMPOSITE:
            b.members(root, st, 0, 1, (st,))
    return root, (b.cut or ("nest" if b.cut_nest else False))


# -- rendering ------------------------------------------------------------------------------

_STYLES = {
    "offset": "cyan",
    "size": "magenta",
    "decl": "",
    "title": "bold",
    "note": "yellow",
    "dim": "dim",
}


def _fmt_offset(n: Node) -> str:
    if n.offset is None:
        return ""
    if n.bitfield_size:
        return f"{n.bit_offset // 8}:{n.bit_offset % 8}"
    return str(n.offset)


def _fmt_size(n: Node) -> str:
    if n.bitfield_size:
        return f"{n.bitfield_size} bit" + ("s" if n.bitfield_size != 1 else "")
    return str(n.size)


def _label_parts(n: Node, root: bool = False) -> "list[tuple[str, str]]":
    """A node's label as (text, style) pieces: the one source of both
    renderings (rich's Text, and the plain text of :func:`plain_tree`)."""
    if root:
        extra = f"  size {n.size}" if n.kind in ("struct", "union", "enum", "enum64", "int", "float",
                                                  "ptr", "array", "typedef") else ""
        return [(clean(n.decl), _STYLES["title"]), (f"{extra}  id {n.type_id}", _STYLES["dim"])]
    if n.note == "cut":
        return [("… (more members not shown: node limit)", _STYLES["note"])]
    parts: list[tuple[str, str]] = []
    off = _fmt_offset(n)
    if off:
        parts += [(off.rjust(6), _STYLES["offset"]), ("  ", ""), (_fmt_size(n).rjust(7), _STYLES["size"]),
                  ("  ", "")]
    parts.append((clean(n.decl), ""))
    if n.note == "cycle":
        parts.append((f"  ↺ cycle: {clean(n.target)}", _STYLES["note"]))
    elif n.note == "pointer" and n.children:
        parts.append((f"  → {clean(n.target)}", _STYLES["note"]))
    if n.hidden:
        parts.append((f"  (+{n.hidden} member{'s' if n.hidden != 1 else ''})", _STYLES["dim"]))
    return parts


def _ascii_marks(s: str) -> str:
    return s.replace("↺", "@").replace("→", "->").replace("…", "...")


def node_label(n: Node, *, root: bool = False, ascii: bool = False):
    """The rich Text label of a node; ``ascii`` swaps the marks ↺ → … for ASCII."""
    from rich.text import Text

    txt = Text()
    for text, style in _label_parts(n, root):
        txt.append(_ascii_marks(text) if ascii else text, style=style)
    return txt


def render_tree(root: Node, *, ascii: bool = False):
    """A rich Tree of the model; ``ascii`` swaps the marks ↺ → … for ASCII."""
    from rich.tree import Tree

    tree = Tree(node_label(root, root=True, ascii=ascii), guide_style="dim")
    # an explicit stack (MAX_NEST bounds the depth, but recursion is not needed)
    stack = [(tree, root)]
    while stack:
        parent, node = stack.pop()
        for c in node.children:
            br = parent.add(node_label(c, ascii=ascii))
            if c.children:
                stack.append((br, c))
    return tree


# -- plain rendering: rich's Tree without rich ----------------------------------------------

# rich.tree.Tree's guides (TREE_GUIDES[0] and ASCII_GUIDES): space, continue, fork, end
_GUIDES = ("    ", "│   ", "├── ", "└── ")
_ASCII_GUIDES = ("    ", "|   ", "+-- ", "`-- ")
# the characters a label may hold for plain_tree(): printable ASCII and the
# marks; anything else (control characters, wide or combining characters,
# tabs) is measured and wrapped by rich's own rules, so such a tree is left
# to rich
_PLAIN_SAFE = frozenset(map(chr, range(0x20, 0x7F))) | frozenset("↺→…")


def plain_tree(root: Node, *, ascii: bool = False, width: int = 10_000) -> "str | None":
    """The text ``render_tree(root)`` prints on a colourless console
    ``width`` cells wide (btfkit's piped output), without importing rich:
    the same guides, one line per node, each ended by a newline.  None when
    a label is not plain printable text or may not fit its line (rich would
    wrap it): the caller prints through rich then."""
    guides = _ASCII_GUIDES if ascii else _GUIDES
    space, cont, fork, end = guides
    safe = _PLAIN_SAFE
    out: list[str] = []

    def label(n: Node, is_root: bool = False) -> "str | None":
        text = "".join(t for t, _ in _label_parts(n, is_root))
        if ascii:
            text = _ascii_marks(text)
        if not safe.issuperset(text) or text.endswith(" "):
            return None
        return text

    top = label(root, True)
    if top is None or 2 * len(top) > width:
        return None
    out.append(top)
    # (children, next index, prefix of their lines) per level, explicitly stacked
    stack: list[tuple[list[Node], int, str]] = [(root.children, 0, "")]
    while stack:
        kids, i, prefix = stack.pop()
        if i >= len(kids):
            continue
        last = i == len(kids) - 1
        stack.append((kids, i + 1, prefix))
        c = kids[i]
        text = label(c)
        # every cell of a label is at most 2 wide: a label this short fits
        if text is None or 2 * len(text) > width - len(prefix) - 4:
            return None
        out.append(prefix + (end if last else fork) + text)
        if c.children:
            stack.append((c.children, 0, prefix + (space if last else cont)))
    out.append("")
    return "\n".join(out)


__all__ = ["Node", "build_tree", "render_tree", "plain_tree", "node_label", "ANON"]
