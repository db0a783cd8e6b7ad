"""Propose, and on request write, the tagging of the register names in a TEI file (one-off tool:
pymorphy3 proposes, a person decides).

    python scripts/tag_names.py edition/shemetova-2020.xml             # list what is untagged
    python scripts/tag_names.py edition/shemetova-2020.xml --write     # tag it all, except --skip
    python scripts/tag_names.py FILE --write --skip p8:Озарнин --skip glossary:*

Each proposal is a form of a register name (untagged.py, the same search as the build's check)
that stands outside a tagged name. With --write each is wrapped in persName, placeName or orgName
with ref="registers.xml#id" (the text is not changed by one character: the build's checks and
`tei-edition check` prove it); a --skip UNIT:FORM (FORM * for any) leaves it for a person to tag
by hand or to list in untagged.yaml (what untagged.yaml lists is skipped too). A form that names
several entries (two persons of one surname) is never tagged here: it is listed as "ask", with
its entries, for a person to decide. Read the result with `git diff` before committing it.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tei_edition.config import load_config  # noqa: E402
from tei_edition.names import KINDS, load_registers  # noqa: E402
from tei_edition.tei import TEI_NS  # noqa: E402
from tei_edition.untagged import Found, Run, find_untagged, load_exclusions  # noqa: E402


def _get(owner: etree._Element, slot: str) -> str:
    return (owner.text if slot == "text" else owner.tail) or ""


def _set(owner: etree._Element, slot: str, value: str) -> None:
    if slot == "text":
        owner.text = value
    else:
        owner.tail = value


def wrap(run: Run, start: int, end: int, tag: str, ref: str) -> None:
    """Wrap run.text[start:end] in a new element: its text may span line and page breaks of one parent."""
    parent = run.element
    s0, _, first, first_slot = run.piece_at(start)
    e0, _, last, last_slot = run.piece_at(end - 1)
    assert first is not None and last is not None
    new = etree.Element(f"{{{TEI_NS}}}{tag}", ref=ref)
    head = _get(first, first_slot)
    if start - s0 > len(head) or end - e0 > len(_get(last, last_slot)) or min(start - s0, end - e0) < 0:
        raise SystemExit(f"offsets out of range at line {run.line_at(start)}")
    if first is last and first_slot == last_slot:
        new.text, new.tail = head[start - s0:end - s0], head[end - s0:]
        _set(first, first_slot, head[:start - s0])
        if first_slot == "text":
            parent.insert(0, new)
        else:
            first.addnext(new)
        return
    begin = 0 if first_slot == "text" else parent.index(first) + 1
    moved = list(parent)[begin:parent.index(last) + 1]
    tail = _get(last, last_slot)
    new.text, new.tail = head[start - s0:], tail[end - e0:]
    _set(first, first_slot, head[:start - s0])
    last.tail = tail[:end - e0]
    parent.insert(begin, new)
    for child in moved:
        new.append(child)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("tei", type=Path)
    parser.add_argument("--edition", type=Path, default=ROOT / "edition")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--skip", action="append", default=[])
    args = parser.parse_args()
    config = load_config(args.edition)
    assert config.registers is not None
    registers = load_registers(config.registers, config.languages)
    tree = etree.parse(str(args.tei))
    found: list[Found] = find_untagged(tree, args.tei, registers)
    skips = {tuple(s.split(":", 1)) for s in args.skip}
    skips |= {(e.unit, e.form) for e in load_exclusions(config.untagged) if e.file == args.tei.name}
    ref_file = os.path.relpath(config.registers, args.tei.resolve().parent)
    for item in reversed(found):  # from the end: earlier offsets in a run stay valid
        skipped = (item.unit, item.form) in skips or (item.unit, "*") in skips
        entity = registers.entities[item.pattern.entity]
        if item.others:  # several entries bear this name: never chosen here
            print(f"ask  {item.line}\t{item.unit}\t{item.form}\t→ {' or '.join((entity.id, *item.others))}")
            continue
        print(f"{'skip' if skipped else 'tag '} {item.line}\t{item.unit}\t{item.form}\t→ {entity.id}")
        if args.write and not skipped:
            wrap(item.run, *item.span, KINDS[entity.kind][2], f"{ref_file}#{entity.id}")
    if args.write:
        raw = args.tei.read_text(encoding="utf-8")
        declaration = raw[:raw.index("?>") + 2] + "\n" if raw.startswith("<?xml") else ""
        args.tei.write_text(declaration + etree.tostring(tree, encoding="unicode") + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
