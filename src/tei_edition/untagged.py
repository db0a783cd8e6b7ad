"""Register names left untagged: every form of every register name (Russian: all its cases, by
pymorphy3) that occurs in a document's text outside a name tagged with `ref` stops the build,
unless `untagged:` (edition.yaml) lists it with the reason it is not a mention.

The text is read as the reader reads it: print lines joined (`lb break="no"` joins a word),
page breaks ignored; a run of text ends at any other element, so that a name is found within one
element's text. Words are letters and digits with their inner hyphens (Алма-Ате, Озорниным-Кистером);
an English possessive ("Karakhan's") is a form of its name. A name's word that
starts with a capital matches only a word that does (Верный, the town, not верный).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from tei_edition.config import line_of, load_yaml
from tei_edition.errors import Collector, Diagnostic, EditionError
from tei_edition.names import KINDS, MENTION_TAGS, Registers, check_mentions, kind_of, register_pointer
from tei_edition.tei import TEI_NS, XML_ID, XML_LANG, in_title, source_line

WORD = re.compile(r"\w+(?:[-\u2010\u2011'\u2019]\w+)*")
_GAP = re.compile(r"[\s\u00a0]*")  # what may stand between the words of one name
_JOINING = {f"{{{TEI_NS}}}lb", f"{{{TEI_NS}}}pb"}
_UNIT_TAGS = {f"{{{TEI_NS}}}{name}" for name in ("note", "p", "table", "div", "item", "head", "ab", "lg")}
_LETTERS = {"ru": re.compile(r"[а-яё-]+", re.I)}
_POS = {"NOUN", "ADJF"}  # a name's words are nouns and adjectives ("Российский геологический комитет")
# Russian surnames in -ов, -ев, -ин, -ын decline as such whatever pymorphy3 takes them for
# (Измаилбаев: as the genitive plural of a noun "измаилбай").
_SURNAME = re.compile(r"(?:[А-ЯЁ][а-яё-]*)(?:ов|ев|ёв|ин|ын)")
_SURNAME_ENDINGS = ("", "а", "у", "ым", "е", "а", "ой", "у", "ы", "ых", "ым", "ыми")


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3  # only an edition with registers needs it (a runtime dependency)
    import pymorphy3_dicts_ru
    # The dictionary named, not looked for: pymorphy3's search reads every installed package's entry
    # points (70 ms, a sixth of the names check).
    return pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path(), lang="ru")


# A name's possessive or genitive forms, by the endings a language writes them with (languages without
# an inflection dictionary): Karakhan's, Xinjiang’s; Eschers, Marx’.
_POSSESSIVES = {"en": ("'s", "\u2019s"), "de": ("s", "'", "\u2019"), "nl": ("s", "'s", "\u2019s"),
                "sv": ("s",), "da": ("s",), "no": ("s",), "nb": ("s",)}


@lru_cache(maxsize=4096)
def word_forms(word: str, lang: str) -> frozenset[str]:
    """Every form of one word of a name, in lower case: for Russian, each case and number of each
    reading pymorphy3 gives it as a noun or adjective (a hyphenated word inflected whole); for English,
    German, Dutch and the Scandinavian languages, its possessive or genitive."""
    forms = {word.lower().replace("ё", "е")}
    primary = lang.partition("-")[0]
    forms |= {f"{word.lower()}{ending}" for ending in _POSSESSIVES.get(primary, ())}
    if primary == "ru" and _LETTERS["ru"].fullmatch(word):
        for parse in _morph().parse(word):
            if parse.tag.POS in _POS:
                forms.update(form.word.replace("ё", "е") for form in parse.lexeme)
        if _SURNAME.fullmatch(word):
            forms.update(f"{word.lower()}{ending}".replace("ё", "е") for ending in _SURNAME_ENDINGS)
    return frozenset(forms)


@dataclass(frozen=True)
class Pattern:
    entity: str
    name: str  # the register's form: "Карахан"
    words: tuple[tuple[frozenset[str], str], ...]  # each word's forms, and how it is capitalised

    def matches(self, words: list[str]) -> bool:
        return all(_same_case(word, case) and word.lower().replace("ё", "е") in forms
                   for word, (forms, case) in zip(words, self.words, strict=True))


def _case(word: str) -> str:
    return "upper" if word.isupper() and len(word) > 1 else "title" if word[:1].isupper() else "any"


def _same_case(word: str, case: str) -> bool:
    return case == "any" or (word.isupper() if case == "upper" else word[:1].isupper())


def patterns(registers: Registers, lang: str) -> list[Pattern]:
    """What the check looks for in text of `lang`: each name and variant of that language; of an entry
    the register names in other languages only (a register in one language), those names."""
    found = []
    for entity in registers.entities.values():
        own = any(name.lang == lang for name in entity.names)
        for name in entity.names:
            words = WORD.findall(name.key)
            if (name.lang == lang or not own) and words:  # a name of several words may start in lower case
                cases = [_case(w) if n or len(words) == 1 else "any" for n, w in enumerate(words)]
                found.append(Pattern(entity.id, name.key, tuple((word_forms(w, lang), case)
                                                                for w, case in zip(words, cases, strict=True))))
    return sorted(set(found), key=lambda p: (-len(p.words), p.entity, p.name))  # the longest name first; stable


def by_first_word(found: list[Pattern]) -> dict[str, list[Pattern]]:
    """The patterns under each form of their first word (the longest name first)."""
    index: dict[str, list[Pattern]] = {}
    for pattern in found:
        for form in pattern.words[0][0]:
            index.setdefault(form, []).append(pattern)
    return index


@dataclass
class Run:
    """Text read as one: an element's text and the tails of its line and page breaks."""

    element: etree._Element
    lang: str
    text: str = ""
    # Where each piece of the text is: (its offset in the run's text less the white space a word
    # broken at a line end drops from its start, source line, the element, "text" or "tail")
    pieces: tuple[tuple[int, int, etree._Element | None, str], ...] = ()
    glued: bool = False  # after a line break inside a word: the white space around it is dropped

    def add(self, text: str | None, line: int | None, owner: etree._Element | None = None, slot: str = "") -> None:
        if self.glued and text:
            self.text = self.text.rstrip()
            self.pieces = tuple(p for p in self.pieces if p[0] < len(self.text))  # white space only: gone
            dropped = len(text) - len(text.lstrip())
            self.pieces += ((len(self.text) - dropped, line or 0, owner, slot),)
            self.text += text.lstrip()
            self.glued = False
        elif text:
            self.pieces += ((len(self.text), line or 0, owner, slot),)
            self.text += text

    def piece_at(self, offset: int) -> tuple[int, int, etree._Element | None, str]:
        """The piece of TEI text that holds the character at `offset` (offset - its first item is
        the character's offset in the element's text or tail)."""
        return max((p for p in self.pieces if p[0] <= offset and p[2] is not None), key=lambda p: p[0])

    def line_at(self, offset: int) -> int | None:
        return self.piece_at(offset)[1] or None


def runs(element: etree._Element, lang: str) -> Iterator[Run]:
    """The runs of an element's text, outside names that point to the registers."""
    lang = element.get(XML_LANG) or lang
    run = Run(element, lang)
    run.add(element.text, source_line(element), element, "text")
    for child in element:
        if child.tag in _JOINING:
            if child.tag == f"{{{TEI_NS}}}lb" and child.get("break") != "no":
                run.add(" ", source_line(child))
            elif child.tag == f"{{{TEI_NS}}}lb":
                run.glued = True
        elif isinstance(child.tag, str):
            yield run
            if not (child.tag in MENTION_TAGS and register_pointer(child.get("ref", "").strip())):
                yield from runs(child, lang)
            run = Run(element, lang)
        run.add(child.tail, source_line(child), child, "tail")
    yield run


def _named_kind(element: etree._Element) -> str:
    """The kind of entry the name a run stands in names ("" outside a name, or in one of no kind):
    a place's name without a register pointer holds no person of the same name (Nevers the town, not
    the Duke of Nevers)."""
    for candidate in (element, *element.iterancestors()):
        if candidate.tag in MENTION_TAGS:
            return kind_of(candidate)
    return ""


def unit_of(element: etree._Element) -> str:
    """The id of the note, paragraph or other unit a run stands in ("" outside any)."""
    for candidate in (element, *element.iterancestors()):
        if candidate.tag in _UNIT_TAGS and candidate.get(XML_ID):
            return candidate.get(XML_ID, "")
    return ""


@dataclass(frozen=True)
class Found:
    path: Path
    line: int | None
    unit: str
    form: str  # as the text has it
    pattern: Pattern
    run: Run = field(compare=False, hash=False)
    span: tuple[int, int] = (0, 0)  # its offsets in the run's text
    # The other entries the same words name (two persons of one surname, a town and its canton): which
    # one is meant is the editors' decision, never the check's.
    others: tuple[str, ...] = ()


def find_untagged(tree: etree._ElementTree, path: Path, registers: Registers) -> list[Found]:
    """Every form of a register name in the document's text that no name tagged with `ref` holds."""
    text = tree.getroot().find(f"{{{TEI_NS}}}text")
    if text is None:
        return []
    by_lang: dict[str, dict[str, list[Pattern]]] = {}
    found = []
    for run in runs(text, tree.getroot().get(XML_LANG) or ""):
        if run.lang not in by_lang:
            by_lang[run.lang] = by_first_word(patterns(registers, run.lang))
        words = list(WORD.finditer(run.text))
        kind = _named_kind(run.element) if words else ""  # (in a name of a kind: only an entry of that kind)
        start = 0
        while start < len(words):
            candidates = by_lang[run.lang].get(words[start].group().lower().replace("ё", "е"), ())
            fitting = [p for p in candidates if _fits(run.text, words[start:start + len(p.words)], p)
                       and (not kind or registers.entities[p.entity].kind == kind)]
            if not fitting:
                start += 1
                continue
            match = fitting[0]  # the longest name
            others = tuple(dict.fromkeys(p.entity for p in fitting if len(p.words) == len(match.words)
                                         and p.entity != match.entity))
            first, last = words[start], words[start + len(match.words) - 1]
            span = (first.start(), last.end())
            found.append(Found(path, run.line_at(span[0]), unit_of(run.element),
                               " ".join(run.text[span[0]:span[1]].split()), match, run, span, others))
            start += len(match.words)
    return found


def _fits(text: str, words: list[re.Match[str]], pattern: Pattern) -> bool:
    if len(words) != len(pattern.words):
        return False
    joined = all(_GAP.fullmatch(text[a.end():b.start()]) for a, b in zip(words, words[1:]))  # noqa: B905
    return joined and pattern.matches([w.group() for w in words])


@dataclass(frozen=True)
class Exclusion:
    file: str  # the TEI file's name
    unit: str
    form: str
    why: str
    path: Path  # untagged.yaml
    line: int | None
    count: int = 1  # how many times the form stands untagged in that unit


EXCLUSION_KEYS = {"file", "unit", "form", "why"}  # and `count`, if not 1


def load_exclusions(path: Path | None) -> list[Exclusion]:
    """untagged.yaml: `untagged:`, a list of {file, unit, form, why[, count]}: a form of a register
    name in one unit of one TEI file that is not a mention (or not one of the entry), with the
    reason; `count` (default 1) says how many times it stands there, so that another occurrence
    of the same form, left untagged by mistake, is still found."""
    if path is None:
        return []
    data = load_yaml(path)
    errors = Collector()
    listed = data.get("untagged") if isinstance(data, dict) else None
    if not isinstance(listed, list) or set(data) != {"untagged"}:
        raise EditionError.at(path, 1, "untagged.yaml holds one key, untagged: a list of {file, unit, form, why}")
    exclusions = []
    for item in listed:
        line = line_of(item)
        if not isinstance(item, dict) or set(item) - {"count"} != EXCLUSION_KEYS or not all(
                isinstance(item[k], str) and (item[k] or k == "unit") for k in EXCLUSION_KEYS) or not (
                isinstance(item.get("count", 1), int) and item.get("count", 1) >= 1):
            errors.add(path, line, "each item of untagged gives file, unit, form and why (text; unit may be \"\"), "
                                   "and count if the form stands there more than once")
            continue
        exclusions.append(Exclusion(item["file"], item["unit"], item["form"], item["why"], path, line,
                                    item.get("count", 1)))
    errors.raise_if_any()
    return exclusions


def check_untagged(trees: list[tuple[etree._ElementTree, Path]], registers: Registers,
                   exclusions: list[Exclusion]) -> tuple[list[Diagnostic], dict[Exclusion, int]]:
    """Errors for the untagged forms no exclusion lists (beyond its count), and how many times each
    exclusion was used."""
    problems: list[Diagnostic] = []
    used: dict[Exclusion, int] = {}
    listed = {(e.file, e.unit, e.form): e for e in exclusions}
    for tree, path in trees:
        for found in find_untagged(tree, path, registers):
            exclusion = listed.get((path.name, found.unit, found.form))
            if exclusion is not None and used.get(exclusion, 0) < exclusion.count:
                used[exclusion] = used.get(exclusion, 0) + 1
                continue
            entity = registers.entities[found.pattern.entity]
            tags = " or ".join(f"<{KINDS[registers.entities[e].kind][2]} ref=\"…#{e}\">"
                               for e in (entity.id, *found.others))
            named = " or ".join(f"'{e}'" for e in (entity.id, *found.others))
            entries = f"entry '{entity.id}'" if not found.others else f"entries {named}: which is meant is yours to say"
            problems.append(Diagnostic(path, found.line, f"«{found.form}» (a form of «{found.pattern.name}», "
                                                         f"{entries}) in {_place(found)} is not tagged: "
                                                         f"tag it {tags}, or list it in untagged with the reason"))
    return problems, used


def _place(found: Found) -> str:
    """Where a form stands, as untagged.yaml names it: its unit, else the title or a passage without an id."""
    if found.unit:
        return found.unit
    return "the title" if in_title(found.run.element) else 'a passage without an id (unit "" in untagged.yaml)'


def check_names(registers: Registers | None, exclusions: list[Exclusion],
                trees: list[tuple[etree._ElementTree, Path]]) -> list[Diagnostic]:
    """One document's names (its original and translations): every `ref` resolves and no register
    name is left untagged (errors, raised together); a warning for each exclusion of its files
    that excludes nothing."""
    problems = [p for tree, path in trees for p in check_mentions(tree, path, registers)]
    used: dict[Exclusion, int] = {}
    if registers is not None and not problems:
        problems, used = check_untagged(trees, registers, exclusions)
    if problems:
        raise EditionError(problems)
    files = {path.name for _, path in trees}
    return [Diagnostic(e.path, e.line, f"warning: untagged: «{e.form}» in {e.file} {e.unit} stands untagged there "
                                       f"{used.get(e, 0)} time(s), not {e.count}: correct or remove the item")
            for e in exclusions if e.file in files and used.get(e, 0) != e.count]
