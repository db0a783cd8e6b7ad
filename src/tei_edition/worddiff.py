"""How a passage's reading text changed between two releases: a diff of its words (difflib), as HTML
with `<del>` and `<ins>` (each with a label that assistive technology reads: most do not announce
the elements themselves). Every word is escaped."""
from __future__ import annotations

from difflib import SequenceMatcher

from markupsafe import Markup, escape


def word_diff(old: str, new: str, deleted: str, inserted: str) -> Markup:
    """`old` and `new` word by word: the words they share as they are, a run of words only `old`
    has in `<del>`, a run only `new` has in `<ins>`; `deleted`, `inserted` are the runs' labels."""
    before, after = old.split(), new.split()
    parts: list[Markup] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(before[i1:i2])))
            continue
        if i2 > i1:
            parts.append(Markup('<del><span class="visually-hidden">{}: </span>{}</del>').format(
                deleted, " ".join(before[i1:i2])))
        if j2 > j1:
            parts.append(Markup('<ins><span class="visually-hidden">{}: </span>{}</ins>').format(
                inserted, " ".join(after[j1:j2])))
    return Markup(" ").join(parts)
