"""Examples of markup (`egXML`, TEI's tagdocs module): shown as the markup itself, as the TEI
Guidelines print one — every element, attribute and text of the example, escaped, its white space
kept — a block of code where a block may stand, code within the sentence elsewhere."""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from lxml import etree

from tei_edition.layout import in_block_context

if TYPE_CHECKING:
    from tei_edition.inline import Transformer
    from tei_edition.output import HtmlOutput

_XML_NS = "http://www.w3.org/XML/1998/namespace"


def example(tx: Transformer, element: etree._Element, out: HtmlOutput) -> None:
    block = in_block_context(element)
    out.markup('<pre class="egxml"><code>' if block else '<code class="egxml">')
    _text(out, element.text or "")
    for child in element:
        _markup(child, out)
    out.markup("</code></pre>" if block else "</code>")


def _text(out: HtmlOutput, value: str) -> None:
    """Text as it stands (escaped, its white space kept: the page's text collapses white space)."""
    out.markup(escape(value, quote=False))


def _name(tag: str) -> str:
    qname = etree.QName(tag)
    return f"xml:{qname.localname}" if qname.namespace == _XML_NS else qname.localname


def _markup(node: etree._Element, out: HtmlOutput) -> None:
    """One node of the example as the text of its markup, then its tail."""
    if isinstance(node.tag, str):
        name = _name(node.tag)
        attributes = "".join(f' {_name(str(key))}="{value!s}"' for key, value in node.attrib.items())
        if node.text or len(node):
            _text(out, f"<{name}{attributes}>{node.text or ''}")
            for child in node:
                _markup(child, out)
            _text(out, f"</{name}>")
        else:
            _text(out, f"<{name}{attributes}/>")
    elif isinstance(node, etree._Comment):
        _text(out, f"<!--{node.text or ''}-->")
    elif isinstance(node, etree._ProcessingInstruction):
        _text(out, f"<?{node.target} {node.text or ''}?>")
    _text(out, node.tail or "")
