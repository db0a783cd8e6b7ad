"""tei_all pruned to a set of elements: the project schema is tei_all pruned to the ODD's elements
(scripts/make_schema.py, committed); a document with valid TEI elements the ODD leaves out is
checked against tei_all pruned to the ODD's and its own (`schema.py`), which is tei_all's verdict on
it: a document that uses only kept elements is valid against the pruned grammar exactly when it is
valid against tei_all (a removed element is only an alternative the document does not take).

Mixed content — `zeroOrMore` or `oneOrMore` of a `choice` with `text` in it — is then written as
RELAX NG itself defines mixed content (spec section 4.13): `interleave` of `text` with `zeroOrMore`
of the other choices. The same documents are valid; but libxml2 builds an automaton for each content
model it can (about 2 ms per element here), and none for an interleave: the project schema compiles
in about 0.04 s instead of 0.45 s (tei_all: 7 s).
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

TEI_ALL = Path(__file__).parent / "schemas" / "tei_all.rng"  # TEI P5 4.3.0
RNG = "http://relaxng.org/ns/structure/1.0"


def tei_all() -> etree._ElementTree:
    """A fresh copy of tei_all's grammar (pruning changes it in place)."""
    return etree.parse(str(TEI_ALL), etree.XMLParser(remove_blank_text=True))


@cache
def tei_elements() -> frozenset[str]:
    """The names of the elements TEI P5 defines."""
    return frozenset(str(name) for name in _xpath(tei_all(), "//r:define/r:element/@name"))


ANY_ATTRIBUTE = "*"  # an element that takes any attribute (an example's, another vocabulary's)


@cache
def element_attributes() -> dict[str, frozenset[str]]:
    """The attributes (of no namespace) TEI P5 gives each element: those its definition names and
    those of the classes it refers to (att.global, att.typed ...), not those of the elements inside it."""
    grammar = tei_all()
    defines = {str(define.get("name")): define for define in grammar.getroot().iter(f"{{{RNG}}}define")}
    found: dict[str, frozenset[str]] = {}

    def of_define(name: str) -> frozenset[str]:
        if name not in found:
            found[name] = frozenset()  # (a class that refers to itself adds nothing more)
            found[name] = of_pattern(defines[name]) if name in defines else frozenset()
        return found[name]

    def of_pattern(pattern: etree._Element) -> frozenset[str]:
        names: set[str] = set()
        for child in pattern:
            tag = child.tag
            if tag == f"{{{RNG}}}attribute":
                named = child.get("name") or (child.findtext(f"{{{RNG}}}name") or "").strip()
                if ":" not in named:
                    names.add(named or ANY_ATTRIBUTE)  # (anyName: the attributes of another vocabulary)
            elif tag == f"{{{RNG}}}ref":
                names |= of_define(str(child.get("name")))
            elif tag != f"{{{RNG}}}element" and isinstance(tag, str):
                names |= of_pattern(child)
        return frozenset(names)

    return {str(element.get("name")): of_pattern(element)
            for define in defines.values() for element in define.iterfind(f"{{{RNG}}}element")}


@cache
def self_referring() -> frozenset[str]:
    """The elements whose definition in TEI P5 refers to itself (`state`: its own repetition)."""
    return frozenset(str(element.get("name")) for define in tei_all().getroot().iter(f"{{{RNG}}}define")
                     if (element := define.find(f"{{{RNG}}}element")) is not None
                     and define.get("name") in {ref.get("name") for ref in element.iter(f"{{{RNG}}}ref")})


def without_automata(grammar: etree._ElementTree, names: frozenset[str]) -> None:
    """The definition of each element of `names` written as an interleave with `empty`: the same
    content is valid, but libxml2 builds no automaton for it. (For tei_all's `state` and `trait` —
    a choice of their own repetition or paragraphs — its compilation never ends: a Folger play's
    header stopped the build for good.) libxml2 then refuses every attribute of such an element:
    `schema.validate_schema` validates it without them, their names checked apart."""
    for define in grammar.getroot().iter(f"{{{RNG}}}define"):
        element = define.find(f"{{{RNG}}}element")
        if element is None or element.get("name") not in names:
            continue
        patterns = [child for child in element if isinstance(child.tag, str) and child.tag.startswith(f"{{{RNG}}}")]
        interleave = etree.SubElement(element, f"{{{RNG}}}interleave")
        etree.SubElement(interleave, f"{{{RNG}}}group").extend(patterns)
        etree.SubElement(interleave, f"{{{RNG}}}empty")


def _xpath(grammar: etree._ElementTree, path: str) -> list:
    found = grammar.xpath(path, namespaces={"r": RNG})
    assert isinstance(found, list)
    return found


def _replace(old: etree._Element, new: etree._Element) -> None:
    """`old` replaced by `new` where it stands (a pattern of a define always has a parent)."""
    parent = old.getparent()
    assert parent is not None
    parent.replace(old, new)


def _patterns(element: etree._Element) -> list[etree._Element]:
    """The RELAX NG children of a pattern (annotations in other namespaces are not patterns)."""
    return [child for child in element if isinstance(child.tag, str) and child.tag.startswith(f"{{{RNG}}}")
            and etree.QName(child).localname not in ("name", "anyName", "nsName", "except", "param")]


def _not_allowed(element: etree._Element) -> bool:
    return element.tag == f"{{{RNG}}}notAllowed"


def simplify(pattern: etree._Element) -> None:
    """The RELAX NG simplification of notAllowed (spec section 4.19), bottom-up, in place: libxml2
    refuses some patterns that only contain notAllowed (e.g. zeroOrMore of it among attributes)."""
    for child in _patterns(pattern):
        simplify(child)
    kind = etree.QName(pattern).localname
    children = _patterns(pattern)
    if kind == "choice":
        for child in children:
            if _not_allowed(child) and len(_patterns(pattern)) > 1:
                pattern.remove(child)
        children = _patterns(pattern)
        if len(children) == 1 and pattern.getparent() is not None:
            _replace(pattern, children[0])
            return
    if kind in ("group", "interleave"):
        for child in children:  # group(p, empty) is p
            if child.tag == f"{{{RNG}}}empty" and len(_patterns(pattern)) > 1:
                pattern.remove(child)
        children = _patterns(pattern)
    blocked = any(_not_allowed(child) for child in children)
    if kind in ("zeroOrMore", "optional") and blocked and len(children) == 1:
        _replace(pattern, etree.Element(f"{{{RNG}}}empty"))
    elif kind in ("group", "interleave", "oneOrMore", "element", "attribute", "list", "mixed") and blocked \
            and pattern.getparent() is not None:
        _replace(pattern, etree.Element(f"{{{RNG}}}notAllowed"))


def prune(grammar: etree._ElementTree, keep: set[str] | frozenset[str]) -> etree._ElementTree:
    """`grammar` (tei_all) with only the elements of `keep`, in place: a reference to any other element
    becomes `<notAllowed/>`, and definitions no longer reachable from `start` are dropped, so each kept
    element keeps exactly its tei_all content model and attributes. (ValueError: `keep` names an
    element TEI P5 does not define.)"""
    root = grammar.getroot()
    start = root.find(f"{{{RNG}}}start")
    assert start is not None, "a grammar has a start"
    defines: dict[str, list[etree._Element]] = {}
    for define in root.iterfind(f"{{{RNG}}}define"):
        defines.setdefault(define.get("name") or "", []).append(define)
    element_defines = {name for name, parts in defines.items()
                       if any(child.tag == f"{{{RNG}}}element" for part in parts for child in part)}
    unknown = keep - {part[0].get("name") for name in element_defines for part in defines[name]
                      if len(part) and part[0].get("name")}
    if unknown:
        raise ValueError(f"elements that TEI P5 does not define: {', '.join(sorted(unknown))}")
    # An element pattern without a name is a wildcard (egXML's any element of an example): it stays.
    dropped = {name for name in element_defines
               if not any(child.get("name") in keep or child.get("name") is None for part in defines[name]
                          for child in part if child.tag == f"{{{RNG}}}element")}
    for ref in list(root.iter(f"{{{RNG}}}ref")):
        if ref.get("name") in dropped:
            _replace(ref, etree.Element(f"{{{RNG}}}notAllowed"))
    # Simplify to a fixpoint: a definition that became notAllowed makes its references notAllowed.
    while True:
        for define in [*root.iterfind(f"{{{RNG}}}define"), start]:
            simplify(define)
        blocked = {name for name, parts in defines.items()
                   if all(any(_not_allowed(child) for child in _patterns(part)) for part in parts)}
        refs = [ref for ref in root.iter(f"{{{RNG}}}ref") if ref.get("name") in blocked]
        if not refs:
            break
        for ref in refs:
            _replace(ref, etree.Element(f"{{{RNG}}}notAllowed"))
    reachable: set[str] = set()
    pending = [ref.get("name") or "" for ref in start.iter(f"{{{RNG}}}ref")]
    while pending:
        name = pending.pop()
        if name in reachable or name not in defines:
            continue
        reachable.add(name)
        for part in defines[name]:
            pending.extend(ref.get("name") or "" for ref in part.iter(f"{{{RNG}}}ref"))
    for name, parts in defines.items():
        if name not in reachable:
            for part in parts:
                root.remove(part)
    return grammar


def mixed_as_interleave(grammar: etree._ElementTree) -> int:
    """Rewrite each repeated choice that holds `text` as interleave(text, zeroOrMore(the rest)).

    Equivalent: text matches any string, the empty one included, so text anywhere between any
    number of the other choices (oneOrMore included: one `text` may match nothing) is what the
    repetition allowed. Returns how many were rewritten."""
    count = 0
    for repeat in _xpath(grammar, "//r:zeroOrMore[count(*) = 1][r:choice[r:text]]"
                                  " | //r:oneOrMore[count(*) = 1][r:choice[r:text]]"):
        choice = repeat[0]
        for text in choice.findall(f"{{{RNG}}}text"):
            choice.remove(text)
        mixed = etree.Element(f"{{{RNG}}}interleave")
        etree.SubElement(mixed, f"{{{RNG}}}text")
        etree.SubElement(mixed, f"{{{RNG}}}zeroOrMore").append(choice)
        _replace(repeat, mixed)
        count += 1
    return count
