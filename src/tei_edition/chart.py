"""A data table's chart, drawn at build time as a static SVG: the duty per kilogram of each goods
line, one bar per line, the lines grouped by class (raw materials against manufactures), each
class's basis marked; with a title and a description that say the same in words.

Written element by element with lxml (no plotting library, no script, no style sheet: presentation
attributes only), so that the same records give the same bytes.
"""
from __future__ import annotations

import math
import textwrap
from typing import Any

from lxml import etree

from tei_edition.datasets import DataTable

SVG = "http://www.w3.org/2000/svg"
WIDTH, LABEL_WIDTH, BAR_WIDTH, ROW, TOP = 960, 490, 370, 26, 64
COLOURS = ("#1f5f8b", "#a4461d", "#4d6b24", "#6b3f7d")  # per class, in data.yaml's order (AA on white)
GREY = "#555555"
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"


def number(value: float, places: int, mark: str) -> str:
    return f"{value:.{places}f}".replace(".", mark)


def short(text: str, head: int = 20, tail: int = 38) -> str:
    """`text`, or its first and last words when it is longer than `head` + `tail` (the end tells
    sub-items apart; the bar's title has all of it)."""
    if len(text) <= head + tail:
        return text
    start = text[:head + 1].rsplit(" ", 1)[0].rstrip(",:;")  # whole words only
    end = text[-tail - 1:].split(" ", 1)[-1]
    return f"{start} … {end}"


def groups(table: DataTable, records: list[dict[str, Any]]) -> list[tuple[str | None, list[dict[str, Any]]]]:
    """The lines by class, in data.yaml's order of classes (unclassified last), each in the print's order."""
    order = [*table.classes, None]
    found = [(kind, [r for r in records if r["class"] == kind]) for kind in order]
    return [(kind, lines) for kind, lines in found if lines]


def money_name(table: DataTable, lang: str) -> str:
    """The smallest money unit as the edition names it in `lang` (data.yaml), else its code."""
    return table.money_name.get(lang, table.money_unit)


def goods_of(record: dict[str, Any], lang: str) -> str:
    """The line's goods in `lang`, else in the first language the record has."""
    own = record.get(f"goods_{lang}")
    return str(own if own is not None else next(v for k, v in record.items() if k.startswith("goods_") and v))


def summary(table: DataTable, records: list[dict[str, Any]], lang: str, s: Any) -> list[str]:
    """The chart in words: what it shows, then per class how many lines, how many duty-free, the range."""
    mark = s["data_decimal_mark"]
    money = money_name(table, lang)
    sentences = [s["data_chart_summary"].format(title=table.title.get(lang, table.name), lines=len(records),
                                                money=money)]
    for kind, lines in groups(table, records):
        rates = [r["rate_per_kg"] for r in lines if r["rate_per_kg"] is not None]
        label = table.classes[kind].get(lang, kind) if kind else s["data_unclassified"]
        label = label[:1].upper() + label[1:]  # it begins a sentence
        free = sum(r["duty_free"] for r in lines)
        if rates:
            sentences.append(s["data_chart_class"].format(label=label, lines=len(lines), free=free,
                                                          low=number(min(rates), 2, mark),
                                                          high=number(max(rates), 2, mark), money=money))
        else:
            sentences.append(s["data_chart_class_free"].format(label=label, lines=len(lines), free=free))
    for basis, words in table.bases.items():
        count = sum(r["class_basis"] == basis for r in records)
        if count:
            sentences.append(s["data_chart_bases"].format(marker=marker(table, basis), lines=count,
                                                          basis=words.get(lang, basis)))
    return sentences


def _text(parent: etree._Element, x: float, y: float, content: str, attributes: dict[str, str]) -> etree._Element:
    element = etree.SubElement(parent, f"{{{SVG}}}text", {"x": _n(x), "y": _n(y), **attributes})
    element.text = content
    return element


def _n(value: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros (the same text on every machine)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _scale_top(highest: float) -> tuple[float, float]:
    """A round end for the axis and its tick step (1, 2 or 5 times a power of ten)."""
    if highest <= 0:
        return 1.0, 1.0
    power = 10 ** math.floor(math.log10(highest))
    step = next(m * power for m in (0.2, 0.5, 1, 2, 5) if highest / (m * power) <= 6)
    return math.ceil(highest / step) * step, step


def marker(table: DataTable, basis: str | None) -> str:
    """The mark of a class's basis (¹, ², … in data.yaml's order of bases), "" for none."""
    return SUPERSCRIPTS[list(table.bases).index(basis)] if basis in table.bases else ""


def basis_notes(table: DataTable, lang: str, s: Any) -> list[str]:
    return [f"{marker(table, b)} {s['data_chart_basis']} {words.get(lang, b)}" for b, words in table.bases.items()]


def height(table: DataTable, records: list[dict[str, Any]], lang: str, s: Any) -> int:
    rows = sum(len(lines) + 1 for _, lines in groups(table, records))
    wrapped = [line for note in basis_notes(table, lang, s) for line in textwrap.wrap(note, 130)]
    return TOP + rows * ROW + 40 + 18 * len(wrapped) + 16


def draw(table: DataTable, records: list[dict[str, Any]], lang: str, s: Any) -> bytes:
    """The SVG of one language: labels, bars, axis, legend; titles and a description for assistive technology."""
    mark = s["data_decimal_mark"]
    top, step = _scale_top(max((r["rate_per_kg"] or 0 for r in records), default=0))
    rows = sum(len(lines) + 1 for _, lines in groups(table, records))
    wrapped = [line for note in basis_notes(table, lang, s) for line in textwrap.wrap(note, 130)]
    tall = height(table, records, lang, s)
    svg = etree.Element(f"{{{SVG}}}svg", nsmap={None: SVG},  # type: ignore[dict-item]
                        version="1.1", width=str(WIDTH), height=str(tall),
                        viewBox=f"0 0 {WIDTH} {tall}", role="img")
    svg.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    svg.set("aria-labelledby", "chart-title chart-desc")
    title = etree.SubElement(svg, f"{{{SVG}}}title", id="chart-title")
    title.text = s["data_chart_title"].format(title=table.title.get(lang, table.name))
    desc = etree.SubElement(svg, f"{{{SVG}}}desc", id="chart-desc")
    desc.text = " ".join(summary(table, records, lang, s))
    etree.SubElement(svg, f"{{{SVG}}}rect", width=str(WIDTH), height=str(tall), fill="#ffffff")
    font = {"font-family": "DejaVu Serif, Georgia, serif", "font-size": "13", "fill": "#1a1a1a"}
    _text(svg, 12, 24, title.text, {**font, "font-size": "15", "font-weight": "bold"})
    axis_label = s["data_chart_axis"].format(money=money_name(table, lang))
    _text(svg, LABEL_WIDTH, 48, axis_label, {**font, "fill": GREY})
    y = TOP + rows * ROW
    axis = etree.SubElement(svg, f"{{{SVG}}}g", {"class": "axis"})
    etree.SubElement(axis, f"{{{SVG}}}line", x1=_n(LABEL_WIDTH), x2=_n(LABEL_WIDTH + BAR_WIDTH), y1=_n(y + 4),
                     y2=_n(y + 4), stroke=GREY)
    for tick in range(int(round(top / step)) + 1):
        x = LABEL_WIDTH + BAR_WIDTH * tick * step / top
        etree.SubElement(axis, f"{{{SVG}}}line", x1=_n(x), x2=_n(x), y1=_n(TOP), y2=_n(y + 8), stroke="#dddddd")
        _text(axis, x, y + 22, number(tick * step, 0 if step >= 1 else 1, mark),
              {**font, "font-size": "12", "text-anchor": "middle", "fill": GREY})
    bottom, y = y, TOP
    for index, (kind, lines) in enumerate(groups(table, records)):
        colour = COLOURS[index % len(COLOURS)] if kind else GREY
        label = table.classes[kind].get(lang, kind) if kind else s["data_unclassified"]
        _text(svg, 12, y + 17, f"{label} ({len(lines)})", {**font, "font-weight": "bold", "fill": colour})
        y += ROW
        for record in lines:
            goods = goods_of(record, lang)
            per_kg = record["rate_per_kg"]
            value = s["data_duty_free"] if record["duty_free"] else \
                number(per_kg, 2, mark) if per_kg is not None else s["data_no_factor"]
            printed = " / ".join(p for p in (record["duty_printed"], record["unit"]) if p)
            bar = etree.SubElement(svg, f"{{{SVG}}}g", {"class": "bar", "data-line": record["line"]})
            bar_title = etree.SubElement(bar, f"{{{SVG}}}title")
            bar_title.text = f"{goods}: {value}" + (f" {axis_label} ({printed})" if per_kg is not None
                                                     else f" ({printed})")
            _text(bar, 24, y + 17, f"{short(goods)}{marker(table, record['class_basis'])}", font)
            length = BAR_WIDTH * (per_kg or 0) / top
            etree.SubElement(bar, f"{{{SVG}}}rect", x=_n(LABEL_WIDTH), y=_n(y + 5), width=_n(length), height="16",
                             fill=colour)
            _text(bar, LABEL_WIDTH + length + 6, y + 17, value, {**font, "fill": "#1a1a1a"})
            y += ROW
    y = bottom + 40
    for line in wrapped:
        _text(svg, 12, y, line, {**font, "font-size": "12", "fill": GREY})
        y += 18
    return etree.tostring(svg, encoding="utf-8", xml_declaration=True) + b"\n"
