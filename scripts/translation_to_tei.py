"""One-off converter: the translator's YAML draft -> a first draft of the English TEI.

It did its job once: it wrote `edition/shemetova-2020.en.xml` from
`edition/drafts/shemetova-2020.en.yaml`, aligning each unit to the Russian TEI by id
(paragraphs, notes, quotations in order, dates in order). The result was then curated by
hand; from then on the English TEI is the authority. The YAML draft was a working file and is
not kept in the repository. It writes to standard output only.

    python scripts/translation_to_tei.py > /tmp/en.xml
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import yaml
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "edition" / "drafts" / "shemetova-2020.en.yaml"
RUSSIAN = ROOT / "edition" / "shemetova-2020.xml"
RU = "shemetova-2020.xml"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Where one Russian quotation is split in two by the English word order.
QUOTE_MAP = {"p23": ["q31", "q32", "q33", "q33", "q34", "q35"]}
CYRILLIC_RUN = re.compile(r"[А-Яа-яЁё][А-Яа-яЁё0-9\s.,;:!?()«»—–-]*[А-Яа-яЁё.)»]|[А-Яа-яЁё]")


def russian_units(tree):
    units = {}
    for p in tree.iterfind(".//t:p", NS):
        units[p.get(XML_ID)] = {
            "quotes": [q.get(XML_ID) for q in p.iterfind(".//t:q", NS)],
            "dates": [d.get("when") for d in p.iterfind(".//t:date", NS)],
            "notes": {n.get(XML_ID): n for n in p.iterfind(".//t:note", NS)},
        }
    return units


def english_note(note: etree._Element, english_text: str | None) -> str:
    note_id = note.get(XML_ID)
    head = f'<note place="foot" xml:id="{note_id}" corresp="{RU}#{note_id}">'
    bibl = note.find(".//t:bibl", NS)
    if bibl is None:
        return head + '<gap reason="lost" agent="text-extraction"/></note>'
    return head + f'<bibl type="archival" corresp="{RU}#{bibl.get(XML_ID)}">{escape(english_text)}</bibl></note>'


def foreign(text: str) -> str:
    """Russian words quoted in the translator's notes are marked as Russian."""
    return CYRILLIC_RUN.sub(lambda m: f'<foreign xml:lang="ru">{m.group(0)}</foreign>', text)


def inline(pid: str, text: str, unit: dict, notes_en: dict, translator_notes: list[str]) -> str:
    text = escape(text)
    quotes = iter(QUOTE_MAP.get(pid, unit["quotes"]))
    # The quotation marks stay as characters outside <q>, as the Russian keeps its guillemets.
    text = re.sub(r"[“‘]", lambda m: f'{m.group(0)}<q corresp="{RU}#{next(quotes)}">', text)
    text = re.sub(r"[”’](?![a-z])", lambda m: f"</q>{m.group(0)}", text)
    text = re.sub(r"\(([^()]*?— T\. Sh\.)\)",
                  r'<seg type="interpolation" resp="#shemetova">(\1)</seg>', text)
    text = re.sub(r"\[([^\]]+)\]", r'<supplied reason="translator" resp="#translator">\1</supplied>', text)
    dates = iter(unit["dates"])
    text = re.sub(rf"\b(\d{{1,2}} (?:{MONTHS})(?: \d{{4}})?)\b",
                  lambda m: f'<date when="{next(dates)}">{m.group(1)}</date>', text)
    text = re.sub(r"\{(n\d+)\}", lambda m: english_note(unit["notes"][m.group(1)], notes_en.get(m.group(1))), text)
    for note in translator_notes:
        text += f'<note type="translator" resp="#translator">{foreign(escape(note))}</note>'
    return text


def main() -> None:
    # The author's own English summary spells the name "Kazansky": the translation follows her.
    draft = yaml.safe_load(DRAFT.read_text(encoding="utf-8").replace("Kazanskii", "Kazansky"))
    units = russian_units(etree.parse(str(RUSSIAN)))
    by_unit: dict[str, list[str]] = {}
    for note in draft["translator_notes"]:
        by_unit.setdefault(note["at"], []).append(note["text"])
    out = []
    for pid in ["abstract-ru-1"] + [f"p{n}" for n in range(1, 29)]:
        body = inline(pid, draft[pid], units[pid], draft["notes"], by_unit.get(pid, []))
        out.append(f'<p xml:id="{pid}" corresp="{RU}#{pid}">{body}</p>')
    print("\n".join(out))
    print("\n".join(f"<!-- {key}: {text} -->" for key in ("title", "table", "notes")
                    for text in by_unit.get(key, [])), file=sys.stderr)


if __name__ == "__main__":
    main()
