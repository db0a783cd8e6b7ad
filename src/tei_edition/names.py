"""The registers of persons, places and organisations (README, "Registers of names").

One TEI file of the edition (`registers:` in edition.yaml) holds a `listPerson`, a `listPlace` and a
`listOrg`; each entry has an `xml:id` (a published anchor), its name in each interface language, the
variants the texts use (`type="variant"`) and at most one identification per language (a `note`,
marked `ana` or `cert` when it is the editors' inference). A mention in a document is a `persName`,
`placeName` or `orgName` whose `ref` points to an entry, relative to the document:
`<persName ref="registers.xml#karakhan">Карахану</persName>`.

Here: the registers read and checked once, every mention's pointer resolved (one to no entry is a
located error), and the rendering rule of a mention (a link to its entry on the register page).
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree

from tei_edition import tei
from tei_edition.errors import Collector, Diagnostic
from tei_edition.model import Mention
from tei_edition.output import enclose, lang_attribute
from tei_edition.schema import validate_schema
from tei_edition.tei import (
    NS,
    TEI_NS,
    XML_ID,
    XML_LANG,
    language_of,
    local_name,
    normalize_space,
    source_line,
    text_of,
)
from tei_edition.urls import folder_link, names_path

if TYPE_CHECKING:
    from tei_edition.inline import Transformer
    from tei_edition.output import HtmlOutput

# Entry kind -> (list element, entry element, the name element that mentions it)
KINDS = {"person": ("listPerson", "person", "persName"), "place": ("listPlace", "place", "placeName"),
         "org": ("listOrg", "org", "orgName")}
KIND_OF_NAME = {name: kind for kind, (_, _, name) in KINDS.items()}
# A referring string's `type` -> the kind of entry it mentions (Schnitzler's letters: rs type="person")
_RS_KINDS = {"person": "person", "place": "place", "org": "org", "organisation": "org", "organization": "org"}
FACTS = ("birth", "death", "floruit", "occupation", "location")  # shown under an entry's name, as written
MENTION_TAGS = tuple(f"{{{TEI_NS}}}{name}" for name in (*sorted(KIND_OF_NAME), "rs"))
# Elements whose rendering is a link: a mention holding one is not itself a link (no link in a link).
_LINKING = {"note", "sic", "choice", "pb", "ref", "ptr", "bibl", "q"}
# The units a back-link leads to, nearest first: a printed note, a paragraph, a table, a division.
_UNIT_TAGS = {f"{{{TEI_NS}}}{name}" for name in ("note", "p", "table", "div", "item", "lg", "quote", "ab")}


@dataclass(frozen=True)
class Name:
    lang: str
    text: str  # as shown: "Карахан, Лев Михайлович"
    key: str  # what the untagged-names check looks for: the surname if marked, else the whole name
    variant: bool = False


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str  # "person", "place", "org"
    names: tuple[Name, ...]
    notes: tuple[tuple[str, str, bool], ...] = ()  # (language, identification, the editors' inference)
    line: int | None = None
    # What the register records of it, as it words it: (kind — birth, death, floruit, occupation,
    # location —, text, language), in the file's order.
    facts: tuple[tuple[str, str, str], ...] = ()

    def name(self, lang: str) -> str:
        """Its name in `lang`, else its first name."""
        return next((n.text for n in self.names if not n.variant and n.lang == lang), self.first_name)

    @property
    def first_name(self) -> str:
        """Its first name in the registers file: what its ledger row records."""
        return next(n.text for n in self.names if not n.variant)

    def variants(self, lang: str) -> tuple[str, ...]:
        return tuple(n.text for n in self.names if n.variant and n.lang == lang)

    def note(self, lang: str) -> tuple[str, bool, str] | None:
        """Its identification in `lang`, else in the language it was written in: (text, the editors'
        inference, its language)."""
        return next(((text, inferred, note_lang) for note_lang, text, inferred in self.notes if note_lang == lang),
                    next(((text, inferred, note_lang) for note_lang, text, inferred in self.notes), None))

    def sort_key(self, lang: str) -> tuple[str, str]:
        """Its place in the alphabet: a name's surname first where the register marks it, then the rest
        of the name ("Schnitzler, Arthur" before "Heinrich Schnitzler": Arthur before Heinrich)."""
        shown = next((n for n in self.names if not n.variant and n.lang == lang), None) or \
            next(n for n in self.names if not n.variant)
        rest = " ".join(shown.text.replace(shown.key, " ", 1).replace(",", " ").split()) if shown.key else shown.text
        return shown.key.casefold(), rest.casefold()


@dataclass(frozen=True)
class Registers:
    path: Path  # the first registers file
    entities: dict[str, Entity]  # in the files' order
    # The file each entry is in, where the registers are several files (else every entry is in `path`)
    files: dict[str, Path] = field(default_factory=dict)

    def file_of(self, entity_id: str) -> Path:
        return self.files.get(entity_id, self.path)

    @property
    def paths(self) -> tuple[Path, ...]:
        """Every registers file, the first first."""
        return tuple(dict.fromkeys((self.path, *self.files.values())))

    def of_kind(self, kind: str, lang: str) -> list[Entity]:
        """The entries of a kind in alphabetical order: a person's by surname, then forename."""
        return sorted((e for e in self.entities.values() if e.kind == kind), key=lambda e: e.sort_key(lang))

    @property
    def kinds(self) -> list[str]:
        """The kinds with a page: the persons' always (the menu links it), the others where the
        registers have entries of them."""
        present = {entity.kind for entity in self.entities.values()}
        return [kind for kind in KINDS if kind == "person" or kind in present]


def _entity(element: etree._Element, kind: str, path: Path, languages: tuple[str, ...],
            errors: Collector, named_languages: frozenset[str]) -> Entity | None:
    line = source_line(element)
    entry_id = element.get(XML_ID)
    name_tag = KINDS[kind][2]
    if not entry_id:
        errors.add(path, line, f"<{KINDS[kind][1]}> has no xml:id: every register entry needs one (its anchor)")
        return None
    names = []
    for name in element.iterfind(f"t:{name_tag}", NS):
        lang = language_of(name)  # its own, or the register's (a register in one language)
        surname = name.find("t:surname", NS)
        text = _name_text(name)
        if not lang:  # (the same words for every name: said once, with its lines)
            errors.add(path, source_line(name), "a register's name needs a language: give the file's root the "
                                                "xml:lang its names are written in (or each name its own)")
            continue
        if not text:
            errors.add(path, source_line(name), f"<{name_tag}> of '{entry_id}' has no text: write the name")
            continue
        key = normalize_space(text_of(surname)) if surname is not None else text
        names.append(Name(lang, text, key, name.get("type") == "variant"))
    for lang in languages:  # (a register written in one language shows its names in every interface)
        if lang in named_languages and not any(n.lang == lang and not n.variant for n in names):
            errors.add(path, line, f"'{entry_id}' has no {name_tag} in '{lang}' (an interface language the "
                                   f"register names its other entries in)")
    notes = tuple((language_of(note), normalize_space(text_of(note)),
                   bool(note.get("ana") or note.get("cert"))) for note in element.iterfind("t:note", NS))
    facts = tuple((local_name(fact), text, language_of(fact)) for fact in element
                  if local_name(fact) in FACTS and (text := normalize_space(text_of(fact))))
    return Entity(entry_id, kind, tuple(names), notes, line, facts) if names else None


def load_registers(paths: Path | tuple[Path, ...], languages: tuple[str, ...], validate: bool = True) -> Registers:
    """The registers, one file or several (a project's persons in one, its places in another): their
    entries together, an id in one of them only."""
    if isinstance(paths, Path):
        return _load_register_file(paths, languages, validate)
    loaded = [_load_register_file(path, languages, validate) for path in paths]
    errors = Collector()
    entities: dict[str, Entity] = {}
    files: dict[str, Path] = {}
    for registers in loaded:
        for entity_id, entity in registers.entities.items():
            if entity_id in files:
                errors.add(registers.path, entity.line, f"the entry '{entity_id}' is in {files[entity_id].name} "
                                                        f"too: an id names one entry of the registers")
            entities.setdefault(entity_id, entity)
            files.setdefault(entity_id, registers.path)
    errors.raise_if_any()
    return Registers(paths[0], entities, files if len(paths) > 1 else {})


def _load_register_file(path: Path, languages: tuple[str, ...], validate: bool = True) -> Registers:
    """A registers file, parsed (refused like any TEI with a DOCTYPE or another namespace's
    elements), valid against the project schema (unless another process validates it: `validate`)
    and with every entry complete."""
    tree = tei.parse(path)
    if validate:
        validate_schema(tree, path)
    errors = Collector()
    entities: dict[str, Entity] = {}
    # The languages the register names its entries in (an entry lacking one of them is incomplete).
    named = frozenset(language_of(name) for _, _, name_tag in KINDS.values()
                      for name in tree.iterfind(f".//t:{name_tag}", NS))
    for kind, (list_tag, entry_tag, _) in KINDS.items():
        for element in tree.iterfind(f".//t:{list_tag}/t:{entry_tag}", NS):
            entity = _entity(element, kind, path, languages, errors, named)
            if entity is not None:
                entities[entity.id] = entity
    errors.raise_if_any()
    return Registers(path, entities)


def register_pointer(ref: str) -> bool:
    """A `ref` of a name that points into the registers (an absolute URL points elsewhere)."""
    return bool(ref) and not urlsplit(ref).scheme


def kind_of(element: etree._Element) -> str:
    """The kind of register entry a name mentions: by its element (persName ...), a referring
    string (`rs`) by its type ("" for none)."""
    name = local_name(element)
    return _RS_KINDS.get((element.get("type") or "").lower(), "") if name == "rs" else KIND_OF_NAME.get(name, "")


def check_mentions(tree: etree._ElementTree, path: Path, registers: Registers | None) -> list[Diagnostic]:
    """Every mention of a document points to an entry of the registers, of its kind."""
    problems = []
    # (each registers file as this document's pointers name it: once for the document, not per pointer)
    files = {file: _pointed(file, path) for file in registers.paths} if registers else {}
    names = "*[self::t:persName or self::t:placeName or self::t:orgName or self::t:rs][@ref]"
    for element in tei.elements(tree, f"//t:text//{names} | //t:correspDesc/t:correspAction/{names}"):
        if not register_pointer(element.get("ref", "").strip()) or not kind_of(element):
            continue
        for ref in element.get("ref", "").split():  # (a name may point to several entries: "See")
            problems += _check_pointer(element, ref, path, files, registers)
    return problems


def _pointed(file: Path, document: Path) -> str:
    """A registers file as a document's pointer names it: relative to the document."""
    return os.path.relpath(file, document.parent)


def _check_pointer(element: etree._Element, ref: str, path: Path, files: dict[Path, str],
                   registers: Registers | None) -> list[Diagnostic]:
    """One pointer of a name to the registers (`files`: each registers file as the document names it):
    into the file of an entry of its kind."""
    name, line = local_name(element), source_line(element)
    where, _, entry_id = ref.partition("#")
    if registers is None:
        # A ref into a file beside the TEI is into registers edition.yaml forgot to name; any other
        # is a key of another index (the project's own prosopography): the name is shown as a name.
        if where and (path.parent / where).is_file():
            return [Diagnostic(path, line, f"<{name} ref=\"{ref[:60]}\">: the edition has no registers file "
                                           f"(registers: in edition.yaml)")]
        return []
    named = list(files.values())
    if where and where not in named and (path.parent / where).is_file():  # (a project's places kept apart, Cavriana's)
        return [Diagnostic(path, line, f"<{name} ref=\"{ref[:60]}\"> points into {where}, which edition.yaml does "
                                       f"not name among its registers: add it (registers: [{', '.join(named)}, "
                                       f"{where}], each path as from edition.yaml)")]
    entity = registers.entities.get(entry_id)
    if where not in named or entity is None:
        return [Diagnostic(path, line, f"<{name} ref=\"{ref[:60]}\"> points to no entry: write ref=\"{named[0]}#id\" "
                                       f"with the id of an entry of {' or '.join(named)}")]
    own = files[registers.file_of(entry_id)]
    if where != own:  # (an entry of another of the registers' files)
        return [Diagnostic(path, line, f"<{name} ref=\"{ref[:60]}\"> points into {where}, but the entry "
                                       f"'{entry_id}' is in {own}: write ref=\"{own}#{entry_id}\"")]
    if entity.kind != kind_of(element):
        return [Diagnostic(path, line, f"<{name} ref=\"{ref[:60]}\"> points to a {entity.kind}: use "
                                       f"<{KINDS[entity.kind][2]}>")]
    return []


_NAME_PARTS = frozenset({"forename", "surname", "roleName", "addName", "nameLink", "genName"})


def _name_text(name: etree._Element) -> str:
    """A register name's text, its parts apart where the file runs them together: a surname before
    the forename as a register writes it (`<surname>Bullinger</surname><forename>Heinrich</forename>`:
    "Bullinger, Heinrich", not "BullingerHeinrich"), other parts with a space."""
    pieces = [name.text or ""]
    previous = ""
    for child in name:
        inner = text_of(child) if isinstance(child.tag, str) else ""
        if local_name(child) in _NAME_PARTS and "".join(pieces)[-1:].strip() and inner[:1].strip():
            pieces.append(", " if previous == "surname" and local_name(child) == "forename" else " ")
        pieces += [inner, child.tail or ""]
        previous = local_name(child) if not (child.tail or "").strip() else ""
    return normalize_space("".join(pieces))


def unmentioned(registers: Registers, mentioned: set[str]) -> Iterator[Diagnostic]:
    """A warning for each entry no text mentions (with --strict, an error)."""
    for entity in registers.entities.values():
        if entity.id not in mentioned:
            yield Diagnostic(registers.file_of(entity.id), entity.line, f"warning: the entry '{entity.id}' "
                                                          f"({entity.name('en')}) is mentioned in no document")


# --- the rendering rule ------------------------------------------------------------------------
def _mention(tx: Transformer, element: etree._Element, entity: str) -> Mention:
    """Where a mention stands: its unit (note, paragraph, table, division) and that unit's number."""
    unit = next((a for a in element.iterancestors() if a.tag in _UNIT_TAGS and a.get(XML_ID)), None)
    if unit is None:  # the title, or a passage without an id ("passage": its back-link leads to the page)
        return Mention(entity, "", "title" if tei.in_title(element) else "other")
    unit_id, name = unit.get(XML_ID, ""), local_name(unit)
    if name == "note":
        match = re.fullmatch(r"n([0-9]{1,6})", unit_id)
        return Mention(entity, unit_id, "note", int(match.group(1)) if match else tx.note_count)  # as the note's
    if name == "p" and unit_id == tx.state.paragraph_id and tx.state.paragraph_number is not None:
        return Mention(entity, unit_id, "paragraph", tx.state.paragraph_number)
    return Mention(entity, unit_id, name)


def mention(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A name that points to a register entry: a link to the entry (its `data-entity` lets the
    reading page highlight the entry's mentions). A name holding a link (a note marker, a misprint's
    marker) is a span, followed by the link."""
    entities = [ref.partition("#")[2] for ref in element.get("ref", "").split()]  # (the first is linked)
    entity = entities[0] if entities else ""
    if not tx.rendering or tx.page is None:
        tx.mentions.extend(_mention(tx, element, each) for each in entities)
        tx.children(element, out)
        return
    if not tx.page.names:  # no registers to link to: the name as a name (its ref a key of another index)
        out.markup(f'<span class="{local_name(element).lower()}">')
        tx.children(element, out)
        out.markup("</span>")
        return
    kind = kind_of(element)
    href = escape(f"{tx.page.root}{folder_link(names_path(tx.page.lang, kind))}#{entity}", quote=True)
    css = f"mention {KINDS[kind][2].lower()}"  # (an rs of a person: "persname", as search filters by it)
    lang = f' lang="{escape(element.get(XML_LANG, ""))}"' if element.get(XML_LANG) else ""
    # (a name holding a link, or a name: no link in a link)
    if any(local_name(d) in _LINKING or (kind_of(d) and (has_register_pointer(d) or points_into_the_document(d)))
           for d in element.iterdescendants() if isinstance(d.tag, str)):
        out.markup(f'<span class="{css}" data-entity="{escape(entity)}"{lang}>')
        tx.children(element, out)
        label = escape(tx.strings["names_entry_label"].format(name=read_as_printed(element)))
        out.markup(f'</span><a class="mention-link" href="{href}" data-entity="{escape(entity)}" '
                   f'aria-label="{label}"></a>')
        return
    out.markup(f'<a class="{css}" href="{href}" data-entity="{escape(entity)}"{lang}>')
    tx.children(element, out)
    out.markup("</a>")


def read_as_printed(element: etree._Element) -> str:
    """A name as readers read it: a word broken at a line or page end whole, a misprint as printed
    (not its correction), without the notes that stand in it."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        parts.append(node.text or "")
        for child in node:
            name = local_name(child)
            if name in ("lb", "pb") and child.get("break") == "no":
                parts.append(_JOIN)
            elif name and name not in ("note", "corr", "reg", "expan"):
                walk(child)
            parts.append(child.tail or "")
    walk(element)
    return normalize_space(re.sub(rf"\s*{_JOIN}\s*", "", "".join(parts)))


_JOIN = "\x00"  # no character of a TEI text (XML allows no U+0000)


def points_into_the_document(element: etree._Element) -> bool:
    """A name whose `ref` is one of the document's own ids (`#pmb11485`: a person of its back's list),
    or several (`#b1 #m1`, two persons one word names: linked to the first)."""
    refs = element.get("ref", "").split()
    return bool(refs) and all(ref.startswith("#") and len(ref) > 1 for ref in refs)


def local_name_link(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A name pointing to an entry of the document's own (a letter's list of persons in its back): a
    link to it on the page (the name was shown unlinked beside its entry). A name holding a link (a
    person's name in a work's title) is a span, followed by its own small link: HTML has no link in
    a link (the outer was an empty link before the inner)."""
    css = local_name(element).lower()
    target = element.get("ref", "").split()[0][1:]
    lang = lang_attribute(element)
    found = tx.target(element, target)
    shown = found is not None and any(local_name(a) == "text" for a in found.iterancestors())  # (not the header's)
    inner = [d for d in element.iterdescendants() if isinstance(d.tag, str)]
    href = escape(tx.id_href(escape(target)), quote=True)
    if not shown or any(local_name(d) in _LINKING for d in inner):
        enclose(tx, element, out, f'<span class="{css}"{lang}>', "</span>")
    elif any(kind_of(d) and (points_into_the_document(d) or has_register_pointer(d)) for d in inner):
        enclose(tx, element, out, f'<span class="{css}"{lang}>', "</span>")
        out.markup(f'<a class="local-name-link" href="{href}" aria-label="{escape(read_as_printed(element))}"></a>')
    else:
        enclose(tx, element, out, f'<a class="{css} local-name" href="{href}"{lang}>', "</a>")


def has_register_pointer(element: etree._Element) -> bool:
    return register_pointer(element.get("ref", "").strip()) and bool(kind_of(element))
