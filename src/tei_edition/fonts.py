"""The site's fonts: each face of PT Serif subset, at every build, to the characters the site shows.

The whole faces stand in `templates/fonts/` (`pt-serif-{weight}-{style}.ttf`, never published);
each build publishes `assets/fonts/pt-serif-{weight}-{style}.woff2` with only the glyphs those
characters need (and what the font's layout features reach from them: kerning, ligatures), one
file per face, and the face's name table whole (its copyright and licence records).

Which characters: every character of the files the pages are made from — the edition's folder
and its other inputs (TEI, YAML, Markdown), the templates (their HTML, the style sheet's `content:`
strings, the scripts' strings) and the generator's own code (such as the chart's marks) — with the
characters that CSS, JavaScript and HTML write as escapes. That set is known before anything is
rendered, so the fonts' process subsets the faces beside the build (`helper`). Every page the
build writes is then read for a character that set missed (one that a library made, such as a
citation style's term: `SiteCharacters`); if the font has such a character, the faces are subset
again, with it, before anything is published. So the published faces always cover every page, and
a build makes the same bytes whichever process subset them. Every face gets the whole set: which
face CSS gives each character is a question of the cascade, and the set is small.
"""
from __future__ import annotations

import hashlib
import html
import io
import re
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tei_edition.errors import EditionError, read_bytes

FONTS_FOLDER = "fonts"  # in the templates folder: the whole faces
SOURCE_SUFFIX = ".ttf"
# The files whose characters a page can show; others (images, fonts) are not read.
TEXT_SUFFIXES = frozenset({".xml", ".yaml", ".yml", ".md", ".txt", ".tsv", ".html", ".css", ".js", ".json", ".py"})
# How CSS, JavaScript and HTML write a character by its number, and HTML by its name.
ESCAPED = re.compile(r"\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})|\\([0-9a-fA-F]{1,6})"
                     r"|&#[xX]([0-9a-fA-F]{1,6});|&#([0-9]{1,7});")
ESCAPING_SUFFIXES = frozenset({".css", ".js", ".html", ".md", ".xml"})
ENTITY = re.compile(r"&#?[0-9A-Za-z]{1,32};")
ENTITY_BYTES = re.compile(ENTITY.pattern.encode("ascii"))
# A face subset in this process, by (its source's digest, the characters of the set that it has): a
# long-lived process (the tests, each edition of another text) subsets each face for each set once;
# a command-line build starts empty (nothing is stored).
_SUBSETS: dict[tuple[bytes, str], bytes] = {}
_UNICODES: dict[bytes, frozenset[int]] = {}  # a face's characters, by its source's digest


@dataclass(frozen=True)
class FontsJob:
    """What subsetting needs: the whole faces, and the files and folders the pages are made from."""

    faces: tuple[Path, ...]
    inputs: tuple[Path, ...]


def fonts_job(templates: Path, inputs: Iterable[Path]) -> FontsJob | None:
    """The job for a templates folder (None when it has no fonts to subset); `inputs` are the
    edition's folder and files, to which the templates and this package are added."""
    folder = templates / FONTS_FOLDER
    faces = tuple(sorted(folder.glob(f"*{SOURCE_SUFFIX}"))) if folder.is_dir() else ()
    if not faces:
        return None
    return FontsJob(faces, (*dict.fromkeys(inputs), templates, Path(__file__).resolve().parent))


def published_name(face: Path) -> str:
    """The site path of a face's subset (assets/fonts/pt-serif-400-normal.woff2)."""
    return f"assets/fonts/{face.stem}.woff2"


def _text_files(inputs: Iterable[Path]) -> list[Path]:
    found: dict[Path, None] = {}
    for path in inputs:
        if path.is_dir():
            found.update(dict.fromkeys(sorted(p for p in path.rglob("*") if p.suffix in TEXT_SUFFIXES
                                              and p.is_file())))
        elif path.is_file():
            found[path] = None
    return list(found)


def _unescaped(text: str) -> set[str]:
    """The characters that `text` writes as escapes (CSS `\\a0`, JavaScript `\\u00a0`, HTML `&#160;`, `&nbsp;`)."""
    found = set()
    for match in ESCAPED.finditer(text):
        number = int(next(group for group in match.groups() if group is not None), 16 if match.group(5) is None
                     else 10)
        if 0 < number <= 0x10FFFF:
            found.add(chr(number))
    found.update(html.unescape(entity) for entity in set(ENTITY.findall(text)))
    return {character for text in found for character in text}


def input_characters(job: FontsJob) -> frozenset[str]:
    """Every character of the files the pages are made from (a file that is not UTF-8 text is not
    one of them)."""
    characters: set[str] = set()
    for path in _text_files(job.inputs):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        characters.update(text)
        if path.suffix in ESCAPING_SUFFIXES:
            characters |= _unescaped(text)
    return frozenset(characters)


class SiteCharacters:
    """The characters the pages show beyond the predicted set, found as each page is written: the
    page's bytes without the predicted ASCII (a byte of a longer UTF-8 sequence is never ASCII),
    searched for any character not predicted, and its character references decoded."""

    def __init__(self, job: FontsJob, predicted: Callable[[], frozenset[str] | None] = lambda: None):
        self.job = job
        # The fonts' process's characters (None: read here), asked for when the first page comes: by then
        # they have come, long since.
        self._predict = predicted
        self._predicted: frozenset[str] | None = None
        self._ascii = b""
        self._other = re.compile(r"[\s\S]")
        self.unpredicted: set[str] = set()

    @property
    def predicted(self) -> frozenset[str]:
        if self._predicted is None:
            self._predicted = self._predict() or input_characters(self.job)
            self._ascii = bytes(sorted(ord(c) for c in self._predicted if ord(c) < 128))
            others = "".join(re.escape(c) for c in sorted(self._predicted) if ord(c) >= 128)
            if others:
                self._other = re.compile(f"[^{others}]")
        return self._predicted

    def add_page(self, content: bytes) -> None:
        predicted = self.predicted
        for entity in set(ENTITY_BYTES.findall(content)):
            self.unpredicted.update(set(html.unescape(entity.decode("ascii"))) - predicted)
        rest = content.translate(None, self._ascii).decode("utf-8", errors="replace")
        if self._other.search(rest) is not None:
            self.unpredicted.update(set(rest) - predicted)


@dataclass(frozen=True)
class Subsets:
    """The subset faces (site path -> WOFF2 bytes), made for `characters`; `covered`: every
    character any of the whole faces has."""

    characters: frozenset[str]
    files: dict[str, bytes]
    covered: frozenset[str]


# fontTools' WOFF2 writer asks Brotli for its highest quality (11); 10 made this edition's four faces
# 24 bytes larger in all (89,588 bytes instead of 89,564, subset by fontTools) in 70 % of the time.
BROTLI_QUALITY = 10


class _Brotli:
    """The brotli module as fontTools' WOFF2 writer sees it: compressing at BROTLI_QUALITY."""

    def __init__(self, module: Any):
        self.module = module

    def __getattr__(self, name: str) -> Any:
        return getattr(self.module, name)

    def compress(self, data: bytes, mode: int = 0, **_options: Any) -> bytes:
        return bytes(self.module.compress(data, mode=mode, quality=BROTLI_QUALITY))


def _woff2_writer() -> None:
    from fontTools.ttLib import woff2
    if not isinstance(woff2.brotli, _Brotli):
        woff2.brotli = _Brotli(woff2.brotli)


def subset_face(face: Path, characters: str) -> bytes:
    """One face as WOFF2 with the glyphs of `characters` (in sorted order: the same set gives the
    same bytes). Its dates are the source's, never the time of the build."""
    source = read_bytes(face)
    digest = hashlib.sha256(source).digest()
    import uharfbuzz as hb
    from fontTools.ttLib import TTFont, TTLibError
    try:
        if digest not in _UNICODES:
            _UNICODES[digest] = frozenset(hb.Face(source).unicodes)
        # A character the face lacks reaches no glyph: the subset is that of the characters it has.
        key = (digest, "".join(c for c in characters if ord(c) in _UNICODES[digest]))
        if key in _SUBSETS:
            return _SUBSETS[key]
        # HarfBuzz's subsetter (its default layout features: kern, liga, ccmp, locl ..., and the glyphs
        # they reach), thirty times faster than fontTools' and without its imports; fontTools writes
        # the WOFF2.
        wanted = hb.SubsetInput()
        wanted.sets(hb.SubsetInputSets.UNICODE).update(ord(character) for character in key[1])
        for names in (hb.SubsetInputSets.NAME_ID, hb.SubsetInputSets.NAME_LANG_ID):
            kept = wanted.sets(names)  # by default, names 0-6 in English only: here, every name
            kept.clear()
            kept.invert()  # the name table whole: copyright, licence, its URL
        subset = hb.subset(hb.Face(source), wanted).blob.data
        font = TTFont(io.BytesIO(subset), recalcBBoxes=False, recalcTimestamp=False)
        font.flavor = "woff2"
        _woff2_writer()
        woff2 = io.BytesIO()
        font.save(woff2)
    except (RuntimeError, TTLibError, KeyError, AssertionError, ValueError, struct.error) as exc:
        raise EditionError.at(face, None, f"cannot subset this font ({type(exc).__name__}: {exc}): "
                                          f"replace it with a TrueType font") from None
    _SUBSETS[key] = woff2.getvalue()
    return _SUBSETS[key]


def covered_characters(faces: Iterable[Path]) -> frozenset[str]:
    import uharfbuzz as hb
    return frozenset(chr(code) for face in faces for code in hb.Face(read_bytes(face)).unicodes)


def make_subsets(job: FontsJob, characters: frozenset[str]) -> Subsets:
    text = "".join(sorted(characters))
    return Subsets(characters, {published_name(face): subset_face(face, text) for face in job.faces},
                   covered_characters(job.faces))


def site_fonts(shown: SiteCharacters, made: Subsets | None) -> dict[str, bytes]:
    """The published faces: `made` (by the fonts' process, from the predicted characters) if it has every
    character of the pages that the whole faces have, else subset here with the pages' characters
    too (the same bytes either way: a character no face has changes no subset)."""
    characters = shown.predicted | shown.unpredicted
    if made is not None and not (characters - made.characters) & made.covered:
        return made.files
    return make_subsets(shown.job, characters).files
