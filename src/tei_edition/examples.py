"""Examples of markup and code (`egXML`, `eg`, and the names of markup in a sentence: `gi`, `tag`,
`att`; TEI's tagdocs module): shown as the TEI Guidelines print them. An example of markup is the
markup itself — every element, attribute and text of it, written as XML writes them (an example's
"a < b" is "a &lt; b", as it was written in the file) — and an example of code its text; both with
their lines as written, the indentation they all share removed: a block of code where a block may
stand, code within the sentence elsewhere. An element's name is shown in its brackets (`<div>`), a
tag as a tag (`<lb/>`, `</div>`), an attribute's name after its "@"."""
from __future__ import annotations

import textwrap
from html import escape
from typing import TYPE_CHECKING

from lxml import etree

from tei_edition.layout import in_block_context

if TYPE_CHECKING:
    from tei_edition.inline import Transformer
    from tei_edition.output import HtmlOutput

_XML_NS = "http://www.w3.org/XML/1998/namespace"


def example(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    parts = [_escaped(element.text or "")]
    for child in element:
        _markup(child, parts)
    _code(element, "egxml", "".join(parts), out)


def code_example(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """`eg`: code (a query, a stylesheet's lines) as its text, its lines as written."""
    _code(element, "eg", "".join(str(part) for part in element.itertext()), out)


def _code(element: etree._Element, css: str, text: str, out: HtmlOutput) -> None:
    # (the example's first line break and its last line's indentation are the file's layout)
    shown = textwrap.dedent(text.lstrip("\r\n").rstrip())
    block = in_block_context(element)
    lines = " lines" if "\n" in shown and not block else ""  # (in a sentence, several lines: set apart)
    out.markup(f'<pre class="{css}"><code>' if block else f'<code class="{css}{lines}">')
    out.markup(escape(shown, quote=False))  # (as markup: the page's text would collapse its white space)
    out.markup("</code></pre>" if block else "</code>")


def _escaped(value: str, attribute: bool = False) -> str:
    """Text as XML writes it (an attribute's value in its quotation marks)."""
    value = value.replace("&", "&amp;").replace("<", "&lt;")
    return value.replace('"', "&quot;") if attribute else value


def _name(tag: str) -> str:
    qname = etree.QName(tag)
    return f"xml:{qname.localname}" if qname.namespace == _XML_NS else qname.localname


def _markup(node: etree._Element, parts: list[str]) -> None:
    """One node of the example as the text of its markup, then its tail."""
    if isinstance(node.tag, str):
        name = _name(node.tag)
        attributes = "".join(f' {_name(str(key))}="{_escaped(str(value), True)}"' for key, value in node.attrib.items())
        if node.text or len(node):
            parts.append(f"<{name}{attributes}>{_escaped(node.text or '')}")
            for child in node:
                _markup(child, parts)
            parts.append(f"</{name}>")
        else:
            parts.append(f"<{name}{attributes}/>")
    elif isinstance(node, etree._Comment):
        parts.append(f"<!--{node.text or ''}-->")
    elif isinstance(node, etree._ProcessingInstruction):
        parts.append(f"<?{node.target} {node.text or ''}?>")
    parts.append(_escaped(node.tail or ""))


# What a markup name is shown between (`tag`'s by its type: a start tag, an empty one, an end tag ...).
_TAG_MARKS = {"start": ("<", ">"), "empty": ("<", "/>"), "end": ("</", ">"), "pi": ("<?", "?>"),
              "comment": ("<!--", "-->"), "ms": ("<![CDATA[", "]]>")}


def markup_name(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    """`gi` (an element's name: `<div>`), `tag` (a tag as written: `<lb/>`, `</div>`) and `att` (an
    attribute's name: `@xml:id`), as code, with the marks that tell them apart."""
    kind = etree.QName(element).localname
    if kind == "att":
        before, after = "@", ""
    elif kind == "tag":
        before, after = _TAG_MARKS.get(element.get("type", "start"), _TAG_MARKS["start"])
        written = "".join(str(part) for part in element.itertext()).rstrip()
        if element.get("type", "start") in ("start", "empty") and written.endswith("/"):
            after = ">"  # (an empty tag written with its slash: `<tag type="empty">lb/</tag>`)
    else:
        before, after = "<", ">"
    out.markup(f'<code class="{kind}">{escape(before)}')
    tx.children(element, out)
    out.markup(f"{escape(after)}</code>")
