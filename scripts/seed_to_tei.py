"""One-off converter: the seed text extraction -> a first draft of the TEI body.

This script did its job once: it drafted `edition/shemetova-2020.xml` from
`seeds/000_18c5ebe104e7b172.txt` (lines, pages, note markers, hyphen decisions,
quotations, dates, the author's interpolations). The draft was then curated by
hand, and from then on the TEI in `edition/` is the authority. Do not re-run it
over the curated file: it writes to standard output only.

    python scripts/seed_to_tei.py > /tmp/draft.xml
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import pymorphy3

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_18c5ebe104e7b172.txt"

# First seed line of each print page; page k (0-based) is print page 165 + k.
PAGE_STARTS = [1, 43, 89, 139, 268, 321, 371, 420, 464, 500]
FOOTNOTE_LINES = {138, 267, 320, 367, 368, 369, 370}

# Body paragraphs: (id, [(first, last), ...]) in seed lines, inclusive.
PARAGRAPHS = [
    ("p1", [(34, 56)]), ("p2", [(58, 77)]), ("p3", [(79, 81)]), ("p4", [(83, 94)]),
    ("p5", [(96, 117)]), ("p6", [(119, 137)]),
    ("TABLE", []),
    ("p7", [(260, 269)]), ("p8", [(271, 277)]), ("p9", [(279, 293)]),
    ("p10", [(295, 297)]), ("p11", [(299, 304)]), ("p12", [(306, 310)]),
    ("p13", [(312, 333)]), ("p14", [(335, 380)]), ("p15", [(382, 388)]),
    ("p16", [(390, 393)]), ("p17", [(395, 399)]), ("p18", [(401, 409)]),
    ("p19", [(411, 415)]), ("p20", [(417, 424)]), ("p21", [(426, 428)]),
    ("p22", [(430, 431)]), ("p23", [(433, 451)]), ("p24", [(453, 460)]),
    ("p25", [(462, 465)]), ("p26", [(467, 469)]), ("p27", [(471, 486)]),
    ("p28", [(488, 499)]),
]
ABSTRACT_RU = (20, 33)

# Line-end hyphens the dictionary cannot decide, decided by eye:
# True = a real (hard) hyphen that stays in the reading text.
BY_EYE = {
    ("Русско", "Китайское"): True,
    ("северо-запад", "ной"): False,
    # Soviet compound "эконом-взаимоотношений": kept as printed (uncertain).
    ("эконом", "взаимоотношений"): True,
}

MONTHS = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}

MORPH = pymorphy3.MorphAnalyzer()
LB, PB, NOTE = "\x01", "\x02", "\x03"  # placeholders in the paragraph string


def read_seed() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def page_of(line_no: int) -> int:
    return 165 + max(i for i, start in enumerate(PAGE_STARTS) if start <= line_no)


def decide_hyphen(left: str, right: str) -> tuple[bool, str]:
    """Return (hard, evidence) for a word broken as 'left-' / 'right'."""
    last = left.split("-")[-1]
    joined, hyphenated = (last + right).lower(), (last + "-" + right).lower()
    known_joined, known_hyph = MORPH.word_is_known(joined), MORPH.word_is_known(hyphenated)
    if known_joined and not known_hyph:
        return False, "dict"
    if known_hyph and not known_joined:
        return True, "dict"
    if (left, right) in BY_EYE:
        return BY_EYE[(left, right)], "eye"
    if right[:1].isupper() and not left[:1].isupper():
        raise SystemExit(f"undecided hyphen: {left}- / {right}")
    return False, "eye"  # an unknown stem (a name) split in mid-word: soft


def paragraph_string(lines: list[str], numbers: list[int], notes: list[str]) -> str:
    """Join print lines into one string with placeholders for lb, pb and notes."""
    out: list[str] = []
    for i, (text, _number) in enumerate(zip(lines, numbers, strict=True)):
        text = text.strip()
        text = re.sub(r"(?<=[^\s\d–])(\d)(?=[\s.,;:?]|$)", lambda m: f"{NOTE}{m.group(1)}{NOTE}", text)
        if i + 1 < len(lines) and text.endswith("-"):
            left = re.findall(r"[\w-]+-$", text)[0][:-1]
            right = re.match(r"[^\W\d]+", lines[i + 1].strip()).group(0)
            hard, evidence = decide_hyphen(left, right)
            print(f"{'hard' if hard else 'soft'} {evidence}: {left}- | {right}", file=sys.stderr)
            out.append(text if hard else text[:-1])
            brk = f"{'hard' if hard else 'soft'}:{evidence}"
        else:
            out.append(text)
            brk = ""
        if i + 1 < len(lines):
            if numbers[i + 1] in PAGE_STARTS:
                out.append(f"{PB}{page_of(numbers[i + 1])}{PB}")
            out.append(f"{LB}{brk}{LB}")
    return "".join(out)


def spans(text: str) -> list[tuple[int, int, str, str]]:
    """Markup spans on the placeholder string: quotations, interpolations, dates."""
    found = []
    stack = []
    for m in re.finditer(r"[«»]", text):
        if m.group() == "«":
            stack.append(m.end())
        else:
            found.append((stack.pop(), m.start(), "q", ""))
    assert not stack, text
    skip = f"(?:[\\s{LB}]|{LB}[^{LB}]*{LB})*"
    for m in re.finditer(rf"\([^()]*?—{skip}Т\.{skip}Ш\.\)", text):
        found.append((m.start(), m.end(), "seg", ' type="interpolation" resp="#TSh"'))
    date = rf"(\d{{1,2}}){skip}({'|'.join(MONTHS)}){skip}(\d{{4}}){skip}(г\.|года)"
    for m in re.finditer(date, text):
        when = f"{m.group(3)}-{MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"
        found.append((m.start(), m.end(), "date", f' when="{when}"'))
    return found


def to_xml(text: str, note_ids: list[str]) -> str:
    marks = spans(text)
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for start, end, tag, attrs in sorted(marks, key=lambda s: (s[0], -s[1])):
        opens.setdefault(start, []).append(f"<{tag}{attrs}>")
        closes.setdefault(end, []).insert(0, f"</{tag}>")
    out = []
    i = 0
    while i <= len(text):
        out.extend(closes.get(i, []))
        out.extend(opens.get(i, []))
        if i == len(text):
            break
        ch = text[i]
        if ch in (LB, PB, NOTE):
            j = text.index(ch, i + 1)
            value = text[i + 1 : j]
            if ch == PB:
                out.append(f'\n<pb n="{value}"/>')
            elif ch == NOTE:
                out.append(f'<note place="foot" n="{value}" xml:id="{note_ids.pop(0)}"/>')
            elif value:
                kind, evidence = value.split(":")
                rend = "" if kind == "hard" else ' rend="hyphen"'
                out.append(f'\n<lb break="no"{rend} ana="#hyph-{evidence}"/>')
            else:
                out.append("\n<lb/>")
            i = j + 1
            continue
        out.append(escape(ch))
        i += 1
    return "".join(out)


def main() -> None:
    seed = read_seed()
    note_no = 0
    chunks = []
    for pid, ranges in PARAGRAPHS:
        if pid == "TABLE":
            chunks.append("<!-- TABLE -->")
            continue
        numbers = [n for a, b in ranges for n in range(a, b + 1)
                   if n not in FOOTNOTE_LINES and seed[n - 1].strip()]
        lines = [seed[n - 1] for n in numbers]
        text = paragraph_string(lines, numbers, [])
        count = text.count(NOTE) // 2
        ids = [f"n{note_no + k + 1}" for k in range(count)]
        note_no += count
        body = to_xml(text, ids)
        chunks.append(f'<p xml:id="{pid}">\n<lb/>{body}\n</p>')
    a, b = ABSTRACT_RU
    numbers = list(range(a, b + 1))
    abstract = to_xml(paragraph_string([seed[n - 1] for n in numbers], numbers, []), [])
    chunks.insert(0, f'<p xml:id="abstract-ru-1">\n<lb/>{abstract}\n</p>')
    print("\n".join(chunks))
    print(f"<!-- notes: {note_no} -->", file=sys.stderr)


if __name__ == "__main__":
    main()
