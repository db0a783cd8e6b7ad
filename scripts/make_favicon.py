"""Write templates/assets/favicon.ico (16, 32 and 48 px) from templates/assets/favicon.svg.

Browsers that ask for /favicon.ico, whatever the page says, get this file (the pages link the SVG
too). Chromium draws the SVG (Debian's, as the browser tests use it); the ICO holds PNG images.
Run after editing the SVG: `python scripts/make_favicon.py` (needs chromium and playwright).
"""
from __future__ import annotations

import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
SIZES = (16, 32, 48)


def ico(images: list[tuple[int, bytes]]) -> bytes:
    """An ICO file whose images are PNGs (ICONDIR, one ICONDIRENTRY each, then the PNGs)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, data = b"", b""
    for size, png in images:
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    return header + entries + data


def main() -> None:
    from playwright.sync_api import sync_playwright
    from support.gates import launch_chromium
    svg = (ROOT / "templates/assets/favicon.svg").read_text(encoding="utf-8")
    images = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for size in SIZES:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(svg.replace("<svg ", f'<svg width="{size}" height="{size}" style="display:block" ', 1)
                             + "<style>html,body{margin:0;background:transparent}</style>")
            images.append((size, page.screenshot(omit_background=True)))
            page.close()
        browser.close()
    (ROOT / "templates/assets/favicon.ico").write_bytes(ico(images))


if __name__ == "__main__":
    main()
