"""Write templates/fonts/pt-serif-{weight}-{style}.ttf: each face of PT Serif whole, from the
Cyrillic and Latin subsets that @fontsource/pt-serif 5.3.0 ships as WOFF2 files.

The build subsets each face to the characters the site uses (`tei_edition.fonts`), so it needs one
source per face, not the two halves a CSS `unicode-range` chooses between: here the halves are
merged once (fontTools.merge: both halves' glyphs, cmap and layout lookups), and kept as TrueType
so that the build reads them without decompressing them. Every face keeps the Latin half's name
table (its copyright and licence records) and its dates, so that the files are the same bytes at
each run. Run: `python scripts/make_fonts.py DIR`, DIR holding the eight
`pt-serif-{latin,cyrillic}-{400,700}-{normal,italic}.woff2` files (the package's `files/` folder).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from fontTools.merge import Merger
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "templates" / "fonts"
FACES = ("400-normal", "400-italic", "700-normal", "700-italic")
HALVES = ("latin", "cyrillic")  # the first half's records win where both have one (space, no-break space)


def merged(folder: Path, face: str) -> TTFont:
    halves = [folder / f"pt-serif-{half}-{face}.woff2" for half in HALVES]
    font = Merger().merge([str(path) for path in halves])
    first = TTFont(halves[0])
    font["head"].created = first["head"].created  # the merger stamps the time of the merge
    font["head"].modified = first["head"].modified
    font["name"] = first["name"]
    font.flavor = None
    font.recalcTimestamp = False
    return font


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the folder of @fontsource/pt-serif's WOFF2 files")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    for face in FACES:
        target = OUT / f"pt-serif-{face}.ttf"
        merged(args.folder, face).save(target, reorderTables=True)
        print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
