"""The TEI header claims each line-end hyphen was decided by pymorphy3's dictionary where it
could decide (ana="#hyph-dict"): re-run the dictionary on every such decision."""
from __future__ import annotations

import re
from pathlib import Path

import pymorphy3
import pytest
from lxml import etree

from tei_edition.fidelity import print_lines
from tei_edition.tei import NS

ROOT = Path(__file__).resolve().parent.parent
TEI = etree.parse(str(ROOT / "edition" / "shemetova-2020.xml"))
NOTE_LINE = re.compile(r"^\d+\. ")


@pytest.fixture(scope="module")
def morph():
    return pymorphy3.MorphAnalyzer()


def breaks():
    """(left part, right part, lb) for every word broken at a line end, in order."""
    body = [line for line in print_lines(TEI) if not NOTE_LINE.match(line)]
    lbs = TEI.getroot().xpath("//t:text//t:lb[@break='no']", namespaces=NS)
    ends = [n for n, line in enumerate(body) if line.endswith("-")]
    assert len(ends) == len(lbs), "every line ending in a hyphen is a recorded break, and no other"
    for n, lb in zip(ends, lbs, strict=True):
        left = re.findall(r"[\w-]+-$", body[n])[0][:-1].split("-")[-1]
        right = re.match(r"[^\W\d_]+", body[n + 1]).group(0)
        yield left, right, lb


def test_every_break_records_its_evidence():
    for left, right, lb in breaks():
        assert lb.get("ana") in ("#hyph-dict", "#hyph-eye"), (left, right)


def test_dictionary_decisions_hold(morph):
    decided = 0
    for left, right, lb in breaks():
        if lb.get("ana") != "#hyph-dict":
            continue
        decided += 1
        joined = morph.word_is_known((left + right).lower())
        hyphenated = morph.word_is_known(f"{left}-{right}".lower())
        if lb.get("rend") == "hyphen":  # soft: the reading text joins the word
            assert joined and not hyphenated, f"{left}-|{right}: the dictionary does not support joining"
        else:  # hard: the hyphen stays
            assert hyphenated and not joined, f"{left}-|{right}: the dictionary does not support keeping the hyphen"
    assert decided > 140


def test_hard_hyphens_stay_in_the_reading_text():
    hard = [(left, right) for left, right, lb in breaks() if lb.get("rend") != "hyphen"]
    assert ("по", "прежнему") in hard and ("Русско", "Китайское") in hard
