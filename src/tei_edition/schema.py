"""The project schema (TEI P5's tei_all pruned to tei-edition.odd: scripts/make_schema.py): compiled
once per process, validated against, and its faults said as an editor reads them."""
from __future__ import annotations

import difflib
import re
from copy import deepcopy as copy_tree
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from tei_edition.errors import Collector
from tei_edition.pruning import (
    ANY_ATTRIBUTE,
    element_attributes,
    mixed_as_interleave,
    prune,
    self_referring,
    tei_all,
    tei_elements,
    without_automata,
)
from tei_edition.tei import DIVISIONS, TEI_NS, local_name, source_line

SCHEMA = Path(__file__).parent / "schemas" / "tei-edition.rng"  # tei_all pruned to tei-edition.odd
RNG = "http://relaxng.org/ns/structure/1.0"
_for_many = False  # set by compile_schema(for_many=True) before a pool of processes forks


@cache
def _schema(for_many: bool = False) -> etree.RelaxNG:
    """The project schema, compiled once per process. Its mixed content is written as an interleave
    with text (scripts/make_schema.py), which libxml2 compiles in a twentieth of a second. For a
    pool that validates many documents it is written back as repeated choices: libxml2 then
    compiles automata (about 0.45 s, once) that validate each document about twice as fast."""
    grammar = etree.parse(str(SCHEMA))
    if for_many:
        _mixed_as_repeats(grammar)
    return etree.RelaxNG(grammar)


def _mixed_as_repeats(grammar: etree._ElementTree) -> None:
    """The inverse of make_schema.mixed_as_interleave: interleave(text, zeroOrMore(choice)) becomes
    zeroOrMore(choice(text, …)). (tei_all has no interleave: every one in the schema is such.)"""
    for mixed in list(grammar.iter(f"{{{RNG}}}interleave")):
        text, repeat = mixed[0], mixed[1]
        repeat[0].insert(0, text)  # into the choice
        parent = mixed.getparent()
        if parent is not None:
            parent.replace(mixed, repeat)


def compile_schema(for_many: bool = False) -> None:
    """Compile the schema now (processes forked later inherit it); `for_many`: for a pool."""
    global _for_many
    _for_many = for_many
    _schema(for_many)


def schema_compiled() -> bool:
    """Whether this process has compiled the schema already (then validating here costs little)."""
    return _schema.cache_info().currsize > 0


def validate_schema(tree: etree._ElementTree, path: Path) -> None:
    """The file against the project schema. A document using TEI elements the ODD leaves out is
    checked against tei_all pruned to the ODD's elements and its own (`widened`): tei_all's verdict
    on it; valid, it publishes, those elements rendered as their text (`rules.generic`, with a
    warning). Elements TEI does not define are reported first, all of them at once with their
    counts (libxml2 reports the first fault of each subtree, often as a fault of its parent)."""
    if next(tree.getroot().iter(f"{{{_XINCLUDE}}}include"), None) is not None:
        return  # (a file with inclusions is refused by its reading, which says how to resolve them)
    tree = _without_schema_hints(tree)
    schema = _schema(_for_many)
    if schema.validate(tree):
        return
    errors = Collector()
    outside: dict[str, list[int]] = {}
    for element in tree.getroot().iter(f"{{{TEI_NS}}}*"):
        name = local_name(element)
        if name not in odd_elements():
            outside.setdefault(name, []).append(source_line(element) or 0)
    not_tei = {name: lines for name, lines in outside.items() if name not in tei_elements()}
    for name, lines in not_tei.items():
        errors.add(path, lines[0], f"not valid TEI P5: <{name}> ({_times(lines)}) is not an element of TEI P5: "
                                   f"remove it, or write the TEI element meant")
    foreign = _foreign(tree)
    for (name, namespace), lines in foreign.items():
        errors.add(path, lines[0], f"not valid TEI P5: <{name}> ({_times(lines)}) is of another vocabulary "
                                   f"({namespace}), which TEI does not allow here: remove it, or write it as TEI")
    # TEI's own elements inside an example (TEI by Example's `<eg:egXML>... <del>`): its markup is of the
    # examples' namespace (libxml2 says "egXML has extra content", naming the element or a text).
    quoted: dict[str, list[int]] = {}
    for example in tree.getroot().iter(f"{{{EXAMPLES_NS}}}egXML"):
        for element in example.iter(f"{{{TEI_NS}}}*"):
            quoted.setdefault(local_name(element), []).append(source_line(element) or 0)
    for name, lines in quoted.items():
        errors.add(path, lines[0], f"not valid TEI P5: <{name}> ({_times(lines)}) inside an example (egXML) is of "
                                   f"TEI's own namespace: an example's markup is in the namespace of TEI's examples; "
                                   f"declare it on the egXML, xmlns=\"{EXAMPLES_NS}\", so that its elements are in it")
    foreign_attributes = _foreign_attributes(tree)
    for (name, namespace), lines in foreign_attributes.items():
        errors.add(path, lines[0], f"not valid TEI P5: the attribute {name} ({_times(lines)}) is of another "
                                   f"vocabulary ({namespace}), which TEI does not allow: remove it, or say what it "
                                   f"says in TEI")
    # An attribute TEI does not give the element (DHQ's `bibl label="..."`): every one at once (libxml2
    # reports the first few of a list, then what their list lacks, as faults of elements around them).
    unknown = _unknown_attributes(tree)
    said: dict[tuple[str, str], list[int]] = {}
    for element, attribute in unknown:
        said.setdefault((attribute, local_name(element)), []).append(source_line(element) or 0)
    for (attribute, element_name), lines in said.items():
        errors.add(path, lines[0], f"not valid TEI P5: the attribute {attribute} of <{element_name}> ({_times(lines)}) "
                                   f"is not one TEI gives it: remove it, or write the TEI attribute meant "
                                   f"({_attributes_of(element_name, attribute)})")
    if not_tei or foreign or foreign_attributes or quoted:
        errors.raise_if_any()
    if unknown:  # the rest validated without them: what libxml2 then says is a fault of its own
        tree = _without(tree, unknown)
    if outside:
        schema = widened(frozenset(outside))
        # (the attributes of an element validated without automata: their names are checked above)
        loose = outside.keys() & self_referring()
        if loose:
            tree = _without(tree, [(element, attribute) for element in tree.getroot().iter(f"{{{TEI_NS}}}*")
                                   if local_name(element) in loose for attribute in map(str, element.attrib)])
    if (outside or unknown) and schema.validate(tree):
        errors.raise_if_any()
        return
    label = "not valid TEI P5" if outside else "not valid TEI P5 (the project schema, tei-edition.odd)"
    log = list(schema.error_log)
    found = [_element(tree, entry.path) for entry in log]
    entries = [(entry.line, plain_schema_message(entry.message.strip(), local_name(element) if element is not None
                                                 else "")) for entry, element in zip(log, found, strict=True)]
    # An invalid attribute makes libxml2 also report "Expecting an element g, got nothing" on its
    # line (the first choice it tried), and each element around it "has extra content" (the element
    # it could not accept): the attribute is the fault.
    faulty = [(line, culprit) for (line, message), culprit in zip(entries, found, strict=True)
              if "(the schema: Invalid attribute" in message]
    attributes = {line for line, _ in faulty}
    # (libxml2's path of "X has extra content: Y" leads to Y: the faulty element, or one around it)
    around = {near for _, culprit in faulty if culprit is not None for near in (culprit, *culprit.iterancestors())}
    # An element where TEI allows none ("<signed> is not allowed here", in a `p`) makes libxml2 also
    # say its container "has extra content": another of its children ("<p> holds <rs>", which it
    # may), or the element itself again. Said once, as the element's fault.
    around |= {near for (_, message), culprit in zip(entries, found, strict=True) if culprit is not None
               and "(the schema: Did not expect element" in message for near in culprit.iterancestors()}
    for (line, message), culprit in zip(entries, found, strict=True):
        if line in attributes and "(the schema: Expecting an element" in message:
            continue
        if culprit is not None and "has extra content" in message and (
                culprit in around or culprit.getparent() in around):
            continue
        errors.add(path, line, f"{label}: {_with_value(message, culprit)}{_hint(message, culprit)}")
    errors.raise_if_any()


# What to write where TEI wants something first: (container, element not allowed) -> the hint.
_PUBLISHED_FIRST = ("a publicationStmt names who published it (publisher, distributor or authority) before its "
                    "{}, or says it all in a <p>")
_HINTS = {("publicationStmt", "date"): _PUBLISHED_FIRST.format("date")
          + " (pandoc writes a bare date: add <publisher>)",
          **{("publicationStmt", name): _PUBLISHED_FIRST.format(name) + " (move it after the <publisher>)"
             for name in ("pubPlace", "address", "idno", "availability")},
          ("profileDesc", "textDesc"): "a textDesc describes a text's situation by all of channel, constitution, "
                                       "derivation, domain, factuality, interaction, preparedness and purpose, in "
                                       "that order: complete it, or remove it (ELTeC's, of its own vocabulary, is "
                                       "not TEI's)"}


def _hint(message: str, culprit: etree._Element | None) -> str:
    parent = culprit.getparent() if culprit is not None else None
    if parent is None or culprit is None or "(the schema: Did not expect element" not in message:
        return ""
    hint = _HINTS.get((local_name(parent), local_name(culprit)))
    if hint is None and any(local_name(before) in DIVISIONS for before in culprit.itersiblings(preceding=True)) \
            and local_name(culprit) not in DIVISIONS:  # (the Escher letters' signature after a closing div)
        hint = (f"after a division, TEI allows only divisions here (and the parts that close one, such as a "
                f"trailer): put this <{local_name(culprit)}> in a <div> of its own, or in the division before it")
    return f"; {hint}" if hint else ""


def _with_value(message: str, culprit: etree._Element | None) -> str:
    """An invalid attribute's message with its value where that holds a space, as an attribute that
    takes one word cannot (pandoc's `<ab type="codeblock xml">`)."""
    found = re.search(r"\(the schema: Invalid attribute (\S+) for element", message)
    value = culprit.get(found.group(1)) if found and culprit is not None and ":" not in found.group(1) else None
    if value is None or " " not in value.strip():
        return message
    return message.replace(" (the schema:", f': its value "{value[:60]}" holds a space, and this attribute takes '
                                            f"one word (the schema:", 1)


def _element(tree: etree._ElementTree, path: str | None) -> etree._Element | None:
    """The element a schema error's path (libxml2's: "/*/*[2]/*[1]") leads to (None if none)."""
    try:
        found: Any = tree.xpath(path) if path else []
    except etree.XPathError:
        return None
    return found[0] if found and isinstance(found[0], etree._Element) else None


def _foreign_attributes(tree: etree._ElementTree) -> dict[tuple[str, str], list[int]]:
    """Attributes of another namespace than TEI's and XML's (`mith:folio`), by their name as written
    and namespace, with their lines: all at once (libxml2 reports the first of each element, a
    build at a time)."""
    found: dict[tuple[str, str], list[int]] = {}
    for element in tree.getroot().iter(f"{{{TEI_NS}}}*"):
        if any(local_name(a) in _FOREIGN_PLACES for a in element.iterancestors()):
            continue
        for attribute in element.attrib:
            namespace = etree.QName(attribute).namespace
            if namespace and namespace != _XML_NS:
                prefix = next((key for key, value in element.nsmap.items() if value == namespace and key), "")
                name = f"{prefix}:{etree.QName(attribute).localname}" if prefix else str(attribute)
                found.setdefault((name, namespace), []).append(source_line(element) or 0)
    return found


def _unknown_attributes(tree: etree._ElementTree) -> list[tuple[etree._Element, str]]:
    """(element, attribute) for each attribute (of no namespace) that TEI P5 does not give its element."""
    found: list[tuple[etree._Element, str]] = []
    allowed = element_attributes()
    for element in tree.getroot().iter(f"{{{TEI_NS}}}*"):
        name = local_name(element)
        if name not in allowed or ANY_ATTRIBUTE in allowed[name] \
                or any(local_name(a) in _FOREIGN_PLACES for a in element.iterancestors()):
            continue  # (an element TEI does not define is said apart; an example's markup is its own)
        found.extend((element, attribute) for attribute in map(str, element.attrib)
                     if "{" not in attribute and attribute not in allowed[name])
    return found


def _attributes_of(element: str, wrong: str) -> str:
    """What an element's attributes are, for a message about one it does not have: its own, beside the
    ones nearly every TEI element has (n, rend, ana ...), and the one meant where that is known (an older
    TEI's `biblScope type`, now `unit`) or spelt nearly so."""
    own = sorted(element_attributes().get(element, frozenset()) - _common_attributes() - {ANY_ATTRIBUTE})
    meant = _RENAMED.get((element, wrong)) or next(iter(difflib.get_close_matches(wrong, own, n=1)), "")
    said = f"<{element}> has {', '.join(own)}, and those of every element: n, rend, ana ..." if own \
        else f"<{element}> has those of every element only: n, rend, ana ..."
    return (f"{meant}? " if meant else "") + said


@cache
def _common_attributes() -> frozenset[str]:
    """The attributes nearly every TEI element has (att.global's: n, rend, ana ...)."""
    defined = [names for names in element_attributes().values() if names]
    return frozenset(name for name in frozenset().union(*defined)
                     if sum(name in names for names in defined) > 0.9 * len(defined))


# Attributes an older TEI gave an element, and the one that says it now.
_RENAMED = {("biblScope", "type"): "unit", ("citedRange", "type"): "unit"}


def _without(tree: etree._ElementTree, attributes: list[tuple[etree._Element, str]]) -> etree._ElementTree:
    """A copy of the tree without these attributes (its lines kept)."""
    copy = copy_tree(tree)
    counterpart = dict(zip(tree.getroot().iter(), copy.getroot().iter(), strict=True))
    for element, attribute in attributes:
        del counterpart[element].attrib[attribute]
    return copy


_XML_NS = "http://www.w3.org/XML/1998/namespace"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
# Where an export says which XML Schema validates it (a publishing platform's `xsi:schemaLocation` on
# its root): a hint to its validators, inert in a browser, no part of the text; TEI has no place for
# it, so the file is validated as if it were not there, and published as written.
_SCHEMA_HINTS = (f"{{{_XSI}}}schemaLocation", f"{{{_XSI}}}noNamespaceSchemaLocation")


def _without_schema_hints(tree: etree._ElementTree) -> etree._ElementTree:
    """The tree, or a copy of it without the XML Schema location hints of its root where it has any
    (elsewhere, they are another vocabulary's attributes, as any other)."""
    root = tree.getroot()
    hints = [(root, name) for name in _SCHEMA_HINTS if name in root.attrib]
    return _without(tree, hints) if hints else tree


EXAMPLES_NS = "http://www.tei-c.org/ns/Examples"
_XINCLUDE = "http://www.w3.org/2001/XInclude"


def _times(lines: list[int]) -> str:
    return f"{len(lines)} times, the first here" if len(lines) > 1 else "once"


# Where TEI takes elements of other vocabularies (an example's markup, other metadata, a formula).
_FOREIGN_PLACES = {"egXML", "xenoData", "formula", "notatedMusic"}


def _foreign(tree: etree._ElementTree) -> dict[tuple[str, str], list[int]]:
    """Elements of another namespace in the TEI, outside the places that take them, by their name as
    written (`dhq:abstract`, not `abstract`, which TEI has too) and namespace, with their lines."""
    found: dict[tuple[str, str], list[int]] = {}
    for element in tree.getroot().iter():
        if not isinstance(element.tag, str) or element.tag.startswith(f"{{{TEI_NS}}}"):
            continue
        parent = element.getparent()
        if parent is None or not parent.tag.startswith(f"{{{TEI_NS}}}") \
                or any(local_name(a) in _FOREIGN_PLACES for a in element.iterancestors()):
            continue  # (inside a foreign element: its parent is reported)
        qname = etree.QName(element)
        if qname.namespace == _XINCLUDE:
            continue  # (an inclusion: the reading says to resolve it, documents._refuse_inclusions)
        if qname.namespace == EXAMPLES_NS and qname.localname == "egXML":
            continue  # (TEI's own element for an example, in its own namespace)
        name = f"{element.prefix}:{qname.localname}" if element.prefix else qname.localname
        found.setdefault((name, qname.namespace or "no namespace"), []).append(source_line(element) or 0)
    return found


@cache
def widened(outside: frozenset[str]) -> etree.RelaxNG:
    """tei_all pruned to the ODD's elements and `outside`, TEI elements the ODD leaves out (about
    0.2 s to make, once per set): what tei_all says of a document that uses only these."""
    grammar = prune(tei_all(), odd_elements() | outside)
    without_automata(grammar, outside & self_referring())  # (the ODD's own compile: the committed schema)
    mixed_as_interleave(grammar)
    return etree.RelaxNG(grammar)


# libxml2's RELAX NG messages, as an editor reads them (its own words kept after them, in brackets).
_SCHEMA_MESSAGES = (
    (re.compile(r"Expecting an element , got nothing"),
     "the element here is incomplete: TEI requires an element inside it"),
    (re.compile(r"Expecting an element (\S+), got nothing"), "an element is missing here: TEI expects <{0}>"),
    (re.compile(r"Expecting element (\S+), got (\S+)"), "<{1}> stands where TEI expects <{0}>"),
    (re.compile(r"Did not expect element (\S+) there"), "<{0}> is not allowed here"),
    (re.compile(r"Did not expect text in element (\S+) content"),
     "<{0}> holds text of its own here, which TEI does not allow: wrap it in the element TEI expects inside "
     "<{0}> (a verse line's <l> in <lg>, a speech's <p> or <l> in <sp>, a <p> in a division)"),
    (re.compile(r"Element (\S+) has extra content: (\S+)"), "<{0}> holds <{1}>, which TEI does not allow there"),
    (re.compile(r"Invalid attribute (\S+) for element (\S+)"),
     "<{1}> has no attribute {0} in TEI, or not with this value (a name, a number, a pointer … as TEI defines it)"),
    (re.compile(r"Element (\S+) failed to validate attributes"), "an attribute of <{0}> is not valid TEI"),
    (re.compile(r"Element (\S+) failed to validate content"), "the content of <{0}> is not valid TEI"),
)


def plain_schema_message(message: str, element: str = "") -> str:
    """libxml2's message as an editor reads it; `element` names the element it is about, where
    libxml2 does not ("Expecting an element , got nothing")."""
    for pattern, plain in _SCHEMA_MESSAGES:
        found = pattern.fullmatch(message.strip())
        if found:
            shown = plain.format(*found.groups())
            if element and shown.startswith("the element here"):
                shown = shown.replace("the element here", f"<{element}> here", 1)
            return f"{shown} (the schema: {message.strip()})"
    return message


@cache
def odd_elements() -> frozenset[str]:
    """The elements the ODD keeps (its modules' `include` lists)."""
    odd = etree.parse(str(SCHEMA.with_name("tei-edition.odd")))
    return frozenset(name for module in odd.iter(f"{{{TEI_NS}}}moduleRef")
                     for name in (module.get("include") or "").split())
