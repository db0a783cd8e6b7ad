"""The rendering rules: TEI element -> ordered (condition, behaviour), first match wins.

Each behaviour is small and has one signature, `(transformer, element, out)`; it writes HTML to
`out` (text is escaped by `out`; markup is built here from escaped values only). An element with
no rule is rendered generically, its text kept in order, with a located warning (`--strict`
makes it an error). A rule that leaves text of its element off the reading page says so in
`hidden`, which the text-preservation check reads.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from lxml import etree

from tei_edition import apparatus, blocks, examples, links, names, phrases, spoken
from tei_edition.blocks import figure, head, item, list_, paragraph_in_block, quote, said, verse_line
from tei_edition.layout import (
    DIVISIONS,
    alignment,
    figure_only,
    in_block_context,
    is_block_quote,
    marks_typed,
    standing_note,
)
from tei_edition.output import css_class, enclose, id_attribute, lang_attribute
from tei_edition.points import (
    anchor_only,
    gap,
    glyph,
    holds_nothing,
    is_break,
    is_empty,
    lb,
    milestone,
    text_break,
    unwritten_character,
)
from tei_edition.schema import odd_elements
from tei_edition.tables import nested_table
from tei_edition.tei import NS, TEI_NS, local_name
from tei_edition.transcription import by_hand, hand_shift

if TYPE_CHECKING:
    from tei_edition.inline import Transformer
    from tei_edition.output import HtmlOutput

Behaviour = Callable[["Transformer", etree._Element, "HtmlOutput"], None]
Condition = Callable[[etree._Element], bool]


@dataclass(frozen=True)
class Rule:
    element: str
    behaviour: Behaviour
    condition: Condition | None = None  # None: any element of that name
    hidden: str = ""  # why the element's text is not on the reading page ("" = it is)
    reorders: bool = False  # shows its children's text in another order (all of it, counted)
    in_text: bool = False  # a note shown where it stands, in the running text (not among the notes)


def enclosed(before: str, after: str, css: str) -> Behaviour:
    """The element's content in marks of the editors' convention (an expansion's "(…)": Leiden's)."""
    def behaviour(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
        enclose(tx, element, out, f'<span class="{css}">{escape(before)}', f"{escape(after)}</span>")
    return behaviour


def wrap(tag: str, css: str = "", block: bool = False) -> Behaviour:
    """`<tag class=css>children</tag>`; a block tag becomes a span inside a paragraph."""
    def behaviour(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
        name = tag
        if block and not in_block_context(element):
            name = "span"
        classes = css_class(css or local_name(element), element.get("type", ""), element.get("rend", ""),
                            alignment(element))  # ("align(right)": right, as the style sheet reads it)
        out.markup(f'<{name} class="{classes}"{id_attribute(tx, element)}{lang_attribute(element)}>')
        tx.children(element, out)
        out.markup(f"</{name}>")
    return behaviour


def title(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A title of a work: <cite> (italic) for monographs and journals; an article's or a chapter's
    (`level="a"`, or `rend="quotes"`: DHQ's) upright, in its language's quotation marks (from the
    browser: a French article's are not English ones), unless the text types them."""
    level = element.get("level", "m")
    if level == "a" or "quotes" in (element.get("rend") or "").split():
        marks = "" if marks_typed(element) else " quote-marks"
        enclose(tx, element, out, f'<cite class="title-a{marks}"{lang_attribute(element)}>', "</cite>")
    else:
        enclose(tx, element, out, f'<cite class="{css_class("title", level)}"{lang_attribute(element)}>', "</cite>")


def choice(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """Every alternative is kept: the reading (corr, reg, expan) shown, the others after it in brackets."""
    preferred = ("corr", "reg", "expan")
    options = sorted((child for child in element if isinstance(child.tag, str)
                      and (len(child) or (child.text or "").strip())),  # (an empty one: nothing to show)
                     key=lambda option: local_name(option) not in preferred)
    out.markup('<span class="choice">')
    for number, option in enumerate(options):
        if number:
            out.markup(f' <span class="choice-alternative {css_class(local_name(option))}">[')
        else:
            out.markup(f'<span class="{css_class(local_name(option))}">')
        tx.children(option, out)
        out.markup("]</span>" if number else "</span>")
    out.markup("</span>")


def fact(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A fact of a person, place or organisation listed in the text (a letter's index in its back:
    birth, death, floruit, occupation, location), labelled as the register pages label it."""
    name = local_name(element)
    out.markup(f'<span class="{name}"><span class="fact-label">{escape(tx.strings[f"names_{name}"])}:</span> ')
    tx.children(element, out)
    out.markup("</span>")


def space(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    out.text(" ")


def blank(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A space the source leaves (`space`): shown as one, a line's or more where its unit is lines
    (it was one space, like any between two words), as wide as its characters where it counts them
    (a Schnitzler letter's `unit="chars" quantity="1"`, shown as a gap of five: the style sheet)."""
    unit, quantity = element.get("unit", ""), (element.get("quantity") or "").strip()
    size = "lines" if unit in ("line", "lines") else \
        f"chars-{quantity}" if unit in ("char", "chars") and quantity in _COUNTED else ""
    out.text(" ")
    out.markup(f'<span class="{css_class("space", size)}"{id_attribute(tx, element)}></span>')
    out.text(" ")


_COUNTED = {str(n) for n in range(1, 10)}  # (edition.css sizes a space of 1 to 9 characters)


def date(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A date with a machine-readable value (`when`) becomes <time>."""
    when = element.get("when")
    if when:
        out.markup(f'<time datetime="{escape(when)}">')
        tx.children(element, out)
        out.markup("</time>")
    else:
        wrap("span", "date")(tx, element, out)


def children_only(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    tx.children(element, out)


def furniture(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """Running heads and page numbers of the print: kept in the TEI, not in the reading text; a page
    break inside them (a signature mark's) still marks its page, and a note on them (the Whitman
    Archive's on a running head) is a note where they stand: it was lost, and numbered by the ledger
    but not by the page."""
    kept: Any = _KEPT_IN_FURNITURE(element)
    for inner in kept:
        tx.element(inner, out)


_KEPT_IN_FURNITURE = etree.XPath(".//t:pb | .//t:note[not(ancestor::t:note)]", namespaces=NS)


def empty_note(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """A note with no words at all: shown nowhere, said once per document (an empty note marker, with
    its Cite box, stood in the text); its id, if any, still a target."""
    if not any("a note with no words" in warning.message for warning in tx.warnings):
        tx.warn(element, "a note with no words at all (this is the first) is shown nowhere: write its words, "
                         "or remove it")
    anchor_only(tx, element, out)


def code(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    out.markup('<code>')
    tx.children(element, out)
    out.markup("</code>")


def generic(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """An element no rule knows (valid TEI P5 the ODD leaves out: `schema.widened`): its text, in
    order, in a div where it stands between blocks (its children then laid out as blocks too:
    `layout`), else in a span; its class names it. One warning per element name and document."""
    name = local_name(element)
    kept = name in odd_elements()  # an element a newer ODD keeps and no rule renders yet
    # (one that holds no text, stand-off markup such as Folger's `join`, shows nothing: what it says is lost)
    shown = "shown as its text, in order" if element.text is not None or len(element) else \
        "it holds no text, so nothing of what it says is shown"
    message = (f"<{name}> has no rendering rule{'' if kept else ' (valid TEI P5, outside tei-edition.odd)'}: {shown} "
               f"(this is its first place); to render it as you want, add "
               f"{'a rule in rules.py' if kept else 'it to the ODD with a rule'} (README, 'Publishing your own TEI "
               f"document')")
    if not any(f"<{name}> has no rendering rule" in warning.message for warning in tx.warnings):
        tx.warn(element, message)
    # (between blocks, not inside running text: a closer's "Gluckwun<c>s</c>chen" is one word)
    parent = element.getparent()
    running = parent is not None and (bool((parent.text or "").strip()) or any(
        (child.tail or "").strip() for child in parent))
    tag = "div" if in_block_context(element) and not running else "span"
    out.markup(f'<{tag} class="{css_class("tei-" + name)}"{id_attribute(tx, element)}{lang_attribute(element)}>')
    tx.children(element, out)
    out.markup(f"</{tag}>")


_FLOATING_TEXT = f"{{{TEI_NS}}}floatingText"


def edition_rules(transformer_class: Any) -> tuple[Rule, ...]:
    """The table. This edition's own behaviours (notes with print numbers, archival references,
    page breaks, duties) are methods of the transformer; the generic ones are functions here."""
    t = transformer_class
    return (
        Rule("lb", lb), Rule("pb", t.pb), Rule("cb", anchor_only),
        Rule("milestone", milestone, lambda e: bool(e.get("n"))), Rule("milestone", text_break, is_break),
        Rule("milestone", anchor_only),
        Rule("anchor", anchor_only), Rule("link", anchor_only), Rule("linkGrp", anchor_only),
        Rule("space", blank), Rule("gap", gap),
        Rule("fw", furniture, hidden="page furniture (running heads, page numbers), listed in the header"),
        # (a note of no words, a pointer's data, the Whitman Archive's `<note type="work_relations"
        # target="…"/>`: no numbered empty note, a target if it has an id; "in the text": numbered by none)
        Rule("note", empty_note, lambda e: not len(e) and not (e.text or "").strip(), in_text=True),
        Rule("note", spoken.transcript_note, spoken.is_transcript_note, in_text=True),
        Rule("note", phrases.inline_note, phrases.is_inline_note, in_text=True),
        Rule("note", phrases.block_note, standing_note, in_text=True),
        Rule("note", t.translator_note, lambda e: e.get("type") == "translator"),
        Rule("note", apparatus.shown_with_its_sic, apparatus.is_editorial_note),
        Rule("note", t.note),
        Rule("q", quote, lambda e: is_block_quote(e) and in_block_context(e)), Rule("q", phrases.quotation),
        Rule("quote", quote), Rule("cit", wrap("div", "cit", block=True)),
        # A text within the text (a letter quoted whole, a tale told in a tale): its parts as blocks.
        Rule("floatingText", wrap("div", "floating-text", block=True)),
        *(Rule(name, children_only, lambda e: getattr(e.getparent(), "tag", "") == _FLOATING_TEXT)
          for name in ("front", "body", "back")),
        *(Rule(name, wrap("div", "division", block=True)) for name in sorted(DIVISIONS)),  # (in such a text)
        Rule("table", nested_table),
        Rule("said", said),
        Rule("date", date), Rule("time", wrap("span", "time")), Rule("num", wrap("span", "num")),
        Rule("measure", phrases.measure),
        Rule("seg", code, lambda e: e.get("type") == "code"),  # (pandoc's inline code)
        Rule("seg", phrases.seg), Rule("bibl", phrases.bibl), Rule("biblStruct", phrases.structured_bibl),
        Rule("listBibl", list_), Rule("list", list_), Rule("item", item),
        Rule("label", wrap("span", "label")), Rule("head", head),
        Rule("hi", phrases.hi), Rule("emph", wrap("em", "emph")), Rule("title", title),
        Rule("foreign", wrap("i", "foreign")), Rule("term", wrap("dfn", "term")),
        Rule("mentioned", wrap("i", "mentioned")), Rule("soCalled", wrap("span", "socalled")),
        Rule("gloss", wrap("span", "gloss")), Rule("distinct", wrap("span", "distinct")),
        Rule("ref", links.ref), Rule("ptr", links.ptr),
        *(Rule(name, names.local_name_link, names.points_into_the_document)
          for name in ("persName", "placeName", "orgName", "rs", "name")),
        Rule("persName", names.mention, names.has_register_pointer),
        Rule("rs", names.mention, names.has_register_pointer),
        Rule("placeName", names.mention, names.has_register_pointer),
        Rule("orgName", names.mention, names.has_register_pointer),
        Rule("name", wrap("span", "name")), Rule("persName", wrap("span", "persname")),
        Rule("placeName", wrap("span", "placename")), Rule("orgName", wrap("span", "orgname")),
        Rule("rs", wrap("span", "rs")), Rule("geogName", wrap("span", "geogname")),
        Rule("roleName", wrap("span", "rolename")), Rule("forename", wrap("span", "forename")),
        Rule("surname", wrap("span", "surname")), Rule("addName", wrap("span", "addname")),
        Rule("genName", wrap("span", "genname")), Rule("nameLink", wrap("span", "namelink")),
        Rule("settlement", wrap("span", "settlement")), Rule("country", wrap("span", "country")),
        Rule("region", wrap("span", "region")), Rule("affiliation", wrap("span", "affiliation")),
        Rule("author", wrap("span", "author")), Rule("editor", wrap("span", "editor")),
        Rule("publisher", wrap("span", "publisher")), Rule("pubPlace", wrap("span", "pubplace")),
        Rule("biblScope", wrap("span", "biblscope")), Rule("imprint", wrap("span", "imprint")),
        Rule("analytic", wrap("span", "analytic")), Rule("monogr", wrap("span", "monogr")),
        Rule("edition", wrap("span", "edition")), Rule("series", wrap("span", "series")),
        Rule("resp", wrap("span", "resp")), Rule("respStmt", wrap("span", "respstmt")),
        Rule("desc", wrap("span", "desc")), Rule("rhyme", wrap("span", "rhyme")),
        Rule("idno", children_only), Rule("citedRange", children_only),
        Rule("msIdentifier", phrases.identifier),
        Rule("repository", children_only), Rule("institution", children_only), Rule("collection", children_only),
        Rule("msName", children_only), Rule("altIdentifier", children_only),
        Rule("bloc", wrap("span", "bloc")), Rule("district", wrap("span", "district")),
        Rule("docEdition", wrap("span", "docedition")), Rule("docImprint", wrap("span", "docimprint")),
        Rule("imprimatur", wrap("span", "imprimatur")),
        Rule("add", by_hand("ins", "add")), Rule("del", by_hand("del", "del")), Rule("handShift", hand_shift),
        Rule("subst", wrap("span", "subst")), Rule("mod", wrap("span", "mod")),
        Rule("restore", wrap("span", "restore")),
        # A transcription of speech: utterances with their speakers, the transcribers' marks apart.
        Rule("u", spoken.utterance), Rule("pause", spoken.pause), Rule("shift", anchor_only),
        *(Rule(name, spoken.transcribed_event) for name in ("vocal", "kinesic", "incident")),
        Rule("writing", wrap("span", "writing")),
        # A transcription of the source's surfaces (`sourceDoc`): its zones' lines, each on its own.
        Rule("zone", wrap("div", "zone", block=True)), Rule("line", wrap("span", "line")),
        Rule("metamark", wrap("span", "metamark")), Rule("retrace", wrap("span", "retrace")),
        Rule("sic", apparatus.misprint),
        Rule("corr", wrap("span", "corr")), Rule("reg", wrap("span", "reg")), Rule("orig", wrap("span", "orig")),
        Rule("abbr", wrap("abbr", "abbr")), Rule("expan", wrap("span", "expan")),
        Rule("choice", apparatus.misprint, apparatus.has_sic, reorders=True), Rule("choice", choice, reorders=True),
        Rule("unclear", wrap("span", "unclear")), Rule("damage", wrap("span", "damage")),
        Rule("surplus", wrap("span", "surplus")), Rule("secl", wrap("span", "secl")),
        Rule("supplied", phrases.supplied),
        Rule("lg", wrap("span", "lg")), Rule("l", verse_line), Rule("caesura", space),
        Rule("figure", figure), Rule("figDesc", furniture, hidden="the image's text alternative (alt)"),
        Rule("graphic", furniture, blocks.shown_by_its_holder, hidden="an image: shown by its figure"),
        Rule("graphic", blocks.inline_graphic, hidden="an image's description: its text alternative"),
        Rule("p", children_only, figure_only),  # (its figure, a block; its id an anchor before it)
        Rule("p", paragraph_in_block),
        Rule("ab", examples.code_example, lambda e: e.get("type") == "codeblock"),  # (pandoc's code block)
        Rule("ab", wrap("span", "ab")),
        Rule("opener", wrap("div", "opener", block=True)), Rule("closer", wrap("div", "closer", block=True)),
        Rule("salute", wrap("div", "salute", block=True)), Rule("dateline", wrap("div", "dateline", block=True)),
        Rule("signed", wrap("div", "signed", block=True)), Rule("epigraph", wrap("div", "epigraph", block=True)),
        Rule("byline", wrap("div", "byline", block=True)), Rule("docAuthor", wrap("span", "author")),
        Rule("docDate", wrap("span", "docdate")), Rule("docTitle", wrap("span", "doctitle")),
        # A title page in its place (after the front's words: the page's title is the header's), each
        # part of its title on a line of its own (a play's title, then its subtitle).
        Rule("titlePage", wrap("div", "title-page", block=True)), Rule("titlePart", wrap("span", "titlepart")),
        Rule("trailer", wrap("div", "trailer", block=True)), Rule("postscript", wrap("div", "postscript", block=True)),
        Rule("argument", wrap("div", "argument", block=True)),
        # A play: its speeches (the speaker, then paragraphs, verse and stage directions), its cast list
        # (each role with its description), its setting; a stage direction in running text is a span.
        Rule("sp", wrap("div", "sp", block=True)), Rule("speaker", wrap("div", "speaker", block=True)),
        Rule("stage", wrap("div", "stage", block=True)), Rule("set", wrap("div", "set", block=True)),
        Rule("castList", blocks.list_head_first("castlist")), Rule("castGroup", blocks.list_head_first("castgroup")),
        Rule("castItem", wrap("div", "castitem", block=True)), Rule("role", wrap("span", "role")),
        Rule("roleDesc", wrap("span", "roledesc")), Rule("actor", wrap("span", "actor")),
        Rule("address", wrap("span", "address")), Rule("addrLine", wrap("span", "addrline")),
        Rule("formula", wrap("span", "formula")), Rule("code", code), Rule("gi", examples.markup_name),
        Rule("att", examples.markup_name), Rule("tag", examples.markup_name), Rule("val", code),
        Rule("ident", code),
        # (an example's text is shown as XML writes it, "a &lt; b": its characters are counted, not ordered)
        Rule("egXML", examples.example, reorders=True), Rule("eg", examples.code_example),
        Rule("email", wrap("span", "email")),
        Rule("index", furniture, hidden="an index entry (a Word conversion's): for an index, not the running text"),
        Rule("listAnnotation", wrap("div", "listannotation", block=True)),
        Rule("annotation", wrap("div", "annotation", block=True)),
        *(Rule(name, wrap("div", name.lower(), block=True)) for name in ("listPerson", "listPlace", "listOrg")),
        *(Rule(name, wrap("div", name, block=True)) for name in ("person", "place", "org")),
        *(Rule(name, fact) for name in ("birth", "death", "floruit", "occupation", "location")),
        # (a person's other traits, a Schnitzler letter's index: their words where they have any; a coded
        # value alone, `<sex value="male"/>`, is data for a machine, shown nowhere)
        *(Rule(name, wrap("span", name.lower())) for name in ("sex", "residence", "nationality", "faith",
                                                              "education")),
        Rule("app", apparatus.variants), Rule("listApp", wrap("div", "listapp", block=True)),
        # A text analysed into words and punctuation (Menota's, EpiDoc's): their text, as it stands.
        # (a linguistic corpus's sentences, clauses and phrases: their words, in the line)
        Rule("s", wrap("span", "s")), Rule("cl", wrap("span", "cl")), Rule("phr", wrap("span", "phr")),
        Rule("w", wrap("span", "w")), Rule("pc", wrap("span", "pc")), Rule("c", unwritten_character, holds_nothing),
        Rule("c", wrap("span", "c")),
        Rule("am", wrap("span", "am")),  # (an abbreviation's mark, shown with the abbreviation)
        Rule("lem", anchor_only, apparatus.lemma_apart, hidden="the lemma of an apparatus entry written apart is the "
                                                              "text it points to, shown before it"),
        Rule("lem", wrap("span", "lem")), Rule("rdg", wrap("span", "rdg")),
        Rule("rdgGrp", wrap("span", "rdggrp")), Rule("wit", wrap("span", "wit")),
        Rule("witDetail", wrap("span", "witdetail")), Rule("listWit", wrap("span", "listwit")),
        Rule("witness", wrap("span", "witness")), Rule("lacunaStart", anchor_only), Rule("lacunaEnd", anchor_only),
        Rule("witStart", anchor_only), Rule("witEnd", anchor_only),
        Rule("ex", anchor_only, is_empty), Rule("ex", enclosed("(", ")", "ex")), Rule("g", glyph, is_empty),
        Rule("g", wrap("span", "g")), Rule("geo", wrap("span", "geo")),
        *(Rule(name, phrases.description_part) for name in phrases.MANUSCRIPT_DESCRIPTION),
    )


class RuleTable:
    """The rules in their order, indexed by element name."""

    def __init__(self, rules: tuple[Rule, ...]):
        check_table(rules)
        self.rules = rules
        self.index: dict[str, list[Rule]] = {}
        for rule in rules:
            self.index.setdefault(rule.element, []).append(rule)
        # The same rules by the element's full tag, as lxml gives it: no name to take apart per lookup.
        self.by_tag = {f"{{{TEI_NS}}}{name}": found for name, found in self.index.items()}

    def find(self, element: etree._Element) -> Rule | None:
        """The first rule for the element's name whose condition holds."""
        found = self.by_tag.get(element.tag)
        for rule in found if found is not None else self.index.get(local_name(element), ()):
            if rule.condition is None or rule.condition(element):
                return rule
        return None

    def replaced(self, element: str, rule: Rule) -> RuleTable:
        """The same table with the rules for `element` replaced by one (for tests that break a rule)."""
        return RuleTable(tuple(r for r in self.rules if r.element != element) + (rule,))


def check_table(rules: tuple[Rule, ...]) -> None:
    """Two unconditional rules for one element would be ambiguous: the second could never apply."""
    seen: set[str] = set()
    for rule in rules:
        if rule.condition is None:
            if rule.element in seen:
                raise ValueError(f"two unconditional rules for <{rule.element}>")
            seen.add(rule.element)
