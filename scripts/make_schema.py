"""Regenerate the project schema: tei_all.rng (TEI P5 4.3.0) pruned to the elements of the ODD.

    python scripts/make_schema.py        # writes src/tei_edition/schemas/tei-edition.rng

Every `moduleRef/@include` of `tei-edition.odd` names elements to keep; the pruning and the
rewriting of mixed content are `tei_edition.pruning`'s (the build prunes too, for a document with
TEI elements the ODD leaves out). Deterministic: the same inputs give the same bytes.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from lxml import etree

from tei_edition.pruning import RNG, mixed_as_interleave, prune, tei_all
from tei_edition.schema import odd_elements

SCHEMAS = Path(__file__).resolve().parent.parent / "src" / "tei_edition" / "schemas"


def main() -> int:
    keep = set(odd_elements())  # the ODD's include lists, read as the build reads them
    try:
        pruned = prune(tei_all(), keep)
    except ValueError as exc:
        raise SystemExit(f"the ODD keeps {exc}") from None
    rewritten = mixed_as_interleave(pruned)
    root = pruned.getroot()
    for annotation in [e for e in root.iter() if isinstance(e.tag, str) and not e.tag.startswith(f"{{{RNG}}}")]:
        annotation.getparent().remove(annotation)  # documentation: tei_all.rng has it, the validator needs none
    for comment in [e for e in root.iter() if isinstance(e, etree._Comment)]:
        comment.getparent().remove(comment)
    root.insert(0, etree.Comment(
        " tei-edition project schema: TEI P5 4.3.0 tei_all.rng pruned to the elements of tei-edition.odd, mixed "
        "content written as interleave with text, by scripts/make_schema.py. Do not edit: regenerate. TEI material: "
        "CC BY 3.0 / BSD-2-Clause, TEI Consortium. "))
    out = SCHEMAS / "tei-edition.rng"
    # Written beside it, then moved over it: a build reading the schema meanwhile (a test runs this
    # script while other tests build) reads the old file or the new one, never a half-written one.
    written = out.with_name(f".{out.name}.{os.getpid()}")
    written.write_bytes(etree.tostring(pruned, xml_declaration=True, encoding="utf-8", pretty_print=True))
    os.replace(written, out)
    kept = len(root.findall(f"{{{RNG}}}define"))
    print(f"{out}: {len(keep)} elements, {kept} definitions, {rewritten} mixed contents as interleave, "
          f"{out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
