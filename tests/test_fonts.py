"""Light pages (issue 12, item 3): PT Serif subset at build time to the characters the site shows,
one file per face, with its licence records, the same bytes at every build; each page type within
150 KB and 10 requests, without layout shift, in Chromium."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, parse_html
from fontTools.ttLib import TTFont
from support.gates import LAYOUT_SHIFT, serve_compressed

from tei_edition import build, fonts
from tei_edition.config import load_config
from tei_edition.errors import EditionError

FACES = sorted((ROOT / "templates" / "fonts").glob("*.ttf"))
# Each page type, as a reader opens it (the home page, the reading pages, the print and parallel
# views, a register, the data page, search, a prose page).
PAGE_TYPES = ["", "ru/shemetova-2020/", "en/shemetova-2020/", "ru/shemetova-2020/print/",
              "ru/shemetova-2020/parallel/", "en/shemetova-2020/parallel/", "ru/persons/", "ru/data/",
              "ru/search/", "ru/about/"]
MAX_TRANSFER = 150_000  # bytes over the wire (headers, and bodies as sent: text gzip-compressed)
MAX_REQUESTS = 10
# A CSS string (its escapes decoded below), and the `content:` declarations that hold them.
CSS_CONTENT = re.compile(r"content:\s*([^;}]*)")
CSS_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"' + r"|'((?:[^'\\]|\\.)*)'")
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}) ?|\\(.)")


def characters_of(font: bytes | Path) -> set[str]:
    return {chr(code) for code in TTFont(io.BytesIO(font) if isinstance(font, bytes) else font).getBestCmap()}


def ligatures(font: TTFont) -> set[tuple[str, ...]]:
    """The character sequences that the font's `liga` lookups join."""
    names = {glyph: chr(code) for code, glyph in font.getBestCmap().items()}
    gsub = font["GSUB"].table
    found = set()
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag != "liga":
            continue
        for index in record.Feature.LookupListIndex:
            for table in gsub.LookupList.Lookup[index].SubTable:
                for first, sets in getattr(table, "ligatures", {}).items():
                    found.update((names.get(first, first), *(names.get(g, g) for g in lig.Component)) for lig in sets)
    return found


def published(site: Path, face: Path) -> Path:
    return site / fonts.published_name(face)


def css_content_characters(css: str) -> set[str]:
    """The characters of the style sheet's `content:` strings (`attr()` shows an attribute: the
    pages' attributes are counted with the pages)."""
    found = set()
    for value in CSS_CONTENT.findall(css):
        for double, single in CSS_STRING.findall(value):
            found.update(CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2),
                                        double or single))
    return found


def shown_characters(site: Path) -> dict[str, set[str]]:
    """Per page: the characters of its text and of its attributes; for the site's assets, those
    of the style sheet's `content:` strings and of the scripts (every character of them)."""
    shown = {}
    for path in sorted(site.rglob("*.html")):
        root = parse_html(path)
        characters = set("".join(root.itertext()))
        for element in root.iter():
            characters.update("".join(element.attrib.values()))
        shown[path.relative_to(site).as_posix()] = characters
    shown["assets/edition.css content"] = css_content_characters((site / "assets/edition.css").read_text("utf-8"))
    shown["assets/*.js"] = set("".join(p.read_text("utf-8") for p in (site / "assets").glob("*.js")))
    return shown


def test_there_is_one_published_face_per_source_face_and_no_other(built_site):
    assert [p.name for p in FACES] == ["pt-serif-400-italic.ttf", "pt-serif-400-normal.ttf",
                                      "pt-serif-700-italic.ttf", "pt-serif-700-normal.ttf"]
    assert sorted(p.name for p in (built_site / "assets" / "fonts").iterdir()) == [
        "OFL.txt", "README.md", *(f"{face.stem}.woff2" for face in FACES)]
    css = (built_site / "assets" / "edition.css").read_text(encoding="utf-8")
    assert sorted(re.findall(r'url\("fonts/([^"]+)"\)', css)) == [f"{face.stem}.woff2" for face in FACES]
    assert len(re.findall(r'font-family: "PT Serif";[^}]*font-display: swap;', css)) == len(FACES)


def test_every_character_a_page_shows_is_in_each_subset_if_the_whole_face_has_it(built_site):
    """(a) Every character of every page (text, attributes) and of the style sheet's `content:`
    strings and the scripts, that the whole face has, the published face has too."""
    shown = shown_characters(built_site)
    assert "Ш" in shown["ru/shemetova-2020/index.html"] and "°" in shown["assets/edition.css content"]
    for face in FACES:
        whole, subset = characters_of(face), characters_of(published(built_site, face))
        assert len(subset) < len(whole)  # it is a subset
        for where, characters in shown.items():
            missing = (characters & whole) - subset
            assert not missing, f"{published(built_site, face).name} lacks {sorted(missing)} of {where}"


def test_the_characters_read_from_the_inputs_cover_every_page(built_site):
    """What makes the build fast: the fonts' process subsets the faces to the characters of the inputs,
    before any page is made, and every page of this edition shows only those (else the build
    subsets them again at its end, with the pages' characters too)."""
    config = load_config(ROOT / "edition")
    job = fonts.fonts_job(config.templates, build.font_inputs(config))
    assert job is not None and job.faces == tuple(FACES)
    predicted, covered = fonts.input_characters(job), fonts.covered_characters(FACES)
    for where, characters in shown_characters(built_site).items():
        assert not (characters & covered) - predicted, where
    # Subsetting to the inputs' characters adds few glyphs the pages do not show.
    everything = set().union(*shown_characters(built_site).values())
    assert len((predicted & covered) - everything) <= 10, sorted((predicted & covered) - everything)


def test_a_character_only_a_page_shows_is_added_before_the_fonts_are_published():
    """The pages are checked against the predicted characters as they are written: one that a
    page shows, raw or as a character reference, and the font has, is subset too."""
    predicted = frozenset("<>/=\"apbcdehilmnorstuy &#;0123456789x")
    shown = fonts.SiteCharacters(fonts.FontsJob(tuple(FACES), ()), lambda: predicted)
    shown.add_page(b"<p>abc</p>")
    assert shown.unpredicted == set()
    made = fonts.Subsets(predicted, {"assets/fonts/x.woff2": b"made beside the build"}, fonts.covered_characters(FACES))
    assert fonts.site_fonts(shown, made) == made.files  # nothing new: the fonts' process's subsets
    shown.add_page("<p title=\"Жук\">&#x416;&#1046; 增</p>".encode())
    assert shown.unpredicted == set("ЖукЖ增")
    again = fonts.site_fonts(shown, made)
    assert sorted(again) == [fonts.published_name(face) for face in FACES]
    assert all(set("Жук") <= characters_of(font) for font in again.values())


def test_escaped_characters_of_the_inputs_are_read(tmp_path: Path):
    (tmp_path / "a.css").write_text('p::before { content: "\\2116\\00a0"; } q::after { content: "\\u{2014}" }',
                                    encoding="utf-8")
    (tmp_path / "b.md").write_text("a&nbsp;b &#8470; &#x2013;", encoding="utf-8")
    (tmp_path / "c.png").write_bytes("Ж".encode())
    characters = fonts.input_characters(fonts.FontsJob((), (tmp_path,)))
    assert {"№", "\u00a0", "—", "–"} <= characters and "Ж" not in characters


def test_each_face_keeps_its_name_table_whole_with_the_licence(built_site):
    """(b) The copyright, the licence's URL and every other record of the name table, as in the
    whole face; the OFL beside the faces."""
    for face in FACES:
        whole, subset = TTFont(face), TTFont(published(built_site, face))
        records = sorted((r.platformID, r.platEncID, r.langID, r.nameID, r.toUnicode()) for r in subset["name"].names)
        assert records == sorted((r.platformID, r.platEncID, r.langID, r.nameID, r.toUnicode())
                                 for r in whole["name"].names)
        assert "ParaType" in subset["name"].getDebugName(0)  # copyright
        assert subset["name"].getDebugName(14) == "http://scripts.sil.org/OFL_web"  # the licence's URL
        assert subset["head"].modified == whole["head"].modified  # the source's date, not the build's
        assert {"kern"} <= {f.FeatureTag for f in subset["GPOS"].table.FeatureList.FeatureRecord}
        assert "liga" in {f.FeatureTag for f in subset["GSUB"].table.FeatureList.FeatureRecord}
        assert ligatures(subset) >= {("f", "i")}  # "fi" is in the English texts: its ligature is kept
    assert "SIL OPEN FONT LICENSE Version 1.1" in (built_site / "assets/fonts/OFL.txt").read_text(encoding="utf-8")


def test_a_face_subset_twice_gives_the_same_bytes_and_a_character_it_lacks_changes_nothing():
    text = "".join(sorted(set("Шеметова, «О формах…» — 1921–1923 гг. Shemetova")))
    first = fonts.subset_face(FACES[0], text)
    fonts._SUBSETS.clear()
    assert fonts.subset_face(FACES[0], text) == first
    assert "增" not in characters_of(FACES[0])
    fonts._SUBSETS.clear()
    assert fonts.subset_face(FACES[0], "".join(sorted(text + "增"))) == first
    # so a process that builds many editions subsets a face once for the characters it has
    fonts.subset_face(FACES[0], text)
    assert len(fonts._SUBSETS) == 1


def test_a_font_that_cannot_be_read_is_a_located_error(tmp_path: Path):
    broken = tmp_path / "pt-serif-400-normal.ttf"
    broken.write_bytes(FACES[0].read_bytes()[:2000])
    with pytest.raises(EditionError) as error:
        fonts.subset_face(broken, "abc")
    assert str(error.value.diagnostics[0]).startswith(f"{broken}: cannot subset this font")


@pytest.mark.slow
def test_a_command_line_build_makes_the_same_fonts_as_a_build_in_this_process(built_site, tmp_path: Path):
    """(c) A build from the command line (its fonts' process subsets the faces), dated by the last
    commit, and the session's build (in this process, on a fixed date) publish the same bytes: no
    date or time of the build is in them."""
    out = tmp_path / "build"
    environment = {name: value for name, value in os.environ.items() if name != "SOURCE_DATE_EPOCH"}
    subprocess.run([sys.executable, "-m", "tei_edition", "build", "--strict", "--out", str(out)], cwd=ROOT, check=True,
                   env={**environment, "PYTHONPATH": str(ROOT / "src")}, timeout=300)
    for face in FACES:
        assert published(out, face).read_bytes() == published(built_site, face).read_bytes(), face.name


# --- each page type: its weight, its requests and its layout shift, in Chromium --------------------------
def first_visit(open_page, url: str, width: int) -> tuple[int, int, int, dict]:
    """A page opened with an empty cache: (bytes transferred, requests, fonts, its layout shift)."""
    page = open_page(viewport={"width": width, "height": 900})
    finished: list = []
    failed: list = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.on("requestfailed", lambda request: failed.append(request))
    page.goto(url, wait_until="networkidle")
    shift = page.evaluate(LAYOUT_SHIFT)
    page.wait_for_load_state("networkidle")
    assert not failed, [request.url for request in failed]
    transfer = sum(size["responseHeadersSize"] + size["responseBodySize"] for size in
                   (request.sizes() for request in finished))
    return transfer, len(finished), sum(1 for request in finished if request.url.endswith(".woff2")), shift


@pytest.mark.parametrize("width", [375, 1440])
def test_each_page_type_is_light_and_does_not_shift(open_page, built_site, width):
    """(d) Each page type as a reader first opens it (an empty cache), from a host that compresses
    text with gzip (the fonts are WOFF2, compressed already): every request it makes, and the bytes
    they transfer (each response's headers and its body as sent), within the budget. Nothing moves:
    the faces a page's top shows are preloaded, and in place by its first paint (on a busy machine
    the first paint may come first: the best of three visits counts; fonts that arrive late on
    purpose move a long title by a word at most: test_presentation.py)."""
    figures = []
    with serve_compressed(built_site) as base:
        for path in PAGE_TYPES:
            transfer, requests, faces, shift = first_visit(open_page, f"{base}/{path}", width)
            shifts = [shift["total"]]
            while shifts[-1] > 0 and len(shifts) < 3:
                shifts.append(first_visit(open_page, f"{base}/{path}", width)[3]["total"])
            figures.append(f"/{path} at {width} px: {transfer / 1000:.1f} KB in {requests} requests ({faces} fonts), "
                           f"CLS {' '.join(f'{value:.4f}' for value in shifts)}")
            assert transfer <= MAX_TRANSFER and requests <= MAX_REQUESTS, figures[-1]
            assert shift["fonts"] >= 1 and faces >= 1, figures[-1]  # PT Serif did arrive and is used
            assert min(shifts) == 0, (figures[-1], shift["sources"])
    print("\n".join(figures))
