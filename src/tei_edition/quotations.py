"""Quotations: when one is a block, and whether the text types its marks (predicates of the rule
table, `rules.py`, and of the print view's, `diplomatic_html.py`)."""
from __future__ import annotations

from lxml import etree

from tei_edition.tei import NS


def is_block_quote(element: etree._Element) -> bool:
    """A quotation of paragraphs or verse, or one that stands alone between blocks (no running text
    of its parent around it): a block quotation wherever a block may stand."""
    if element.find("t:p", NS) is not None or element.find("t:lg", NS) is not None:
        return True
    parent = element.getparent()
    return parent is not None and not (parent.text or "").strip() \
        and not any((sibling.tail or "").strip() for sibling in parent)


# Quotation marks a text may type around a quotation (or at its ends) itself.
OPENING_MARKS = frozenset("«„“‚‘‹\"'")
CLOSING_MARKS = frozenset("»“”‘’›\"'")


def marks_typed(element: etree._Element) -> bool:
    """Whether the text types a quotation's marks itself (just before or after it, or at its ends, as
    this edition's article does); else the page asks the browser for the marks of the quotation's
    language (class `quote-marks`)."""
    previous, parent = element.getprevious(), element.getparent()
    before = ((previous.tail if previous is not None else parent.text if parent is not None else "") or "").rstrip()
    after, inner = (element.tail or "").lstrip(), "".join(str(text) for text in element.itertext()).strip()
    return (before[-1:] or " ") in OPENING_MARKS or (after[:1] or " ") in CLOSING_MARKS \
        or (inner[:1] or " ") in OPENING_MARKS or (inner[-1:] or " ") in CLOSING_MARKS
