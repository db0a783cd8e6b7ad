"""The archival parser under hypothesis: any text gives a reference or the parser's own error;
what is formatted parses back to the same reference; distinct files never share a register key.

Marked slow (each property runs 2,000 examples, ARCHIVAL_FUZZ_EXAMPLES more); the README's test command runs them.
"""
from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tei_edition.archival import (
    ArchivalParseError,
    ArchivalRef,
    ArchivalUnit,
    Folio,
    FolioRange,
    parse_reference,
    russian_form,
)

pytestmark = pytest.mark.slow
# 2,000 examples in the test command (about a quarter of a minute; 10,000 took most of three under
# load); ARCHIVAL_FUZZ_EXAMPLES=N for a longer search before changing the parser.
EXAMPLES = settings(max_examples=int(os.environ.get("ARCHIVAL_FUZZ_EXAMPLES", "2000")), deadline=None,
                    database=None, suppress_health_check=[HealthCheck.too_slow])
REPOSITORIES = {"РГАЭ": "rgae", "ГАРФ": "garf", "ЦГА СПб": "tsga-spb", "RGASPI": "rgaspi"}

# Pieces of real references, so that random text often gets deep into the grammar.
TOKENS = ["РГАЭ.", "ГАРФ.", "ЦГА СПб.", "Ф.", "Оп.", "Д.", "Л.", "Лл.", "об.", "об", "доп.", "Ibid.", "Там же.",
          "Там же,", "413", "3", "1399", "0", "Р-", "-а", "а", "14а", ".", ",", " ", "–", "—", "-", "\u00a0",
          "\n", "١٢", "9" * 40, "Ф. 1.", "Оп. 2.", "Д. 3.", "Л. 4 об.", "Л. 4–5.", "Л. 5–4."]
text_like_a_reference = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=3)), max_size=14).map("".join)

letters = st.text(alphabet="abzABZéßøΩλЖжЁёҚқ中文", min_size=1, max_size=3)  # letters beyond Russian
cyrillic = st.text(alphabet="абвгдежзиклмнопрстуфхцчшэюяАБВГДЕЖЗИКМНПРСТУФХЦЧШЭЮЯ", min_size=1, max_size=3)
digits = st.integers(min_value=0, max_value=10**7).map(str)


def _unit_number(prefix: str, hyphen: bool, number: str, suffix: str, supplementary: bool) -> str:
    return f"{prefix}{'-' if prefix and hyphen else ''}{number}{suffix}{' доп.' if supplementary else ''}"


# A fond, opis or delo as the grammar allows: "413", "Р-7523", "14а", "1-а", "2 доп.". The
# strategies are made once: building them inside a draw costs hypothesis a validation each time.
unit_number = st.builds(_unit_number, st.one_of(st.just(""), cyrillic, letters), st.booleans(), digits,
                        st.one_of(st.just(""), cyrillic.map(lambda s: "-" + s), cyrillic), st.booleans())


def _folio_range(first: int, first_verso: bool, span: int | None, last_verso: bool) -> FolioRange:
    """One folio, or a run forward from it (a run that would not move forward is one folio)."""
    start = Folio(first, first_verso)
    if span is None:
        return FolioRange(start)
    last = Folio(first + span, last_verso)
    return FolioRange(start, last) if last.order() > start.order() else FolioRange(start)


folio_range = st.builds(_folio_range, st.integers(1, 999_000), st.booleans(),
                        st.one_of(st.none(), st.integers(0, 999)), st.booleans())


units = st.builds(lambda repository, fond, opis, delo: ArchivalUnit(repository, fond, opis, delo,
                                                                    repository_key=REPOSITORIES[repository]),
                  st.sampled_from(sorted(REPOSITORIES)), unit_number, unit_number, unit_number)
references = st.builds(ArchivalRef, units, st.lists(folio_range, max_size=3).map(tuple))
previous_refs = st.one_of(st.none(), references)


def any_text_parses_or_raises_the_parsers_own_error(text: str, previous: ArchivalRef | None) -> None:
    try:
        ref = parse_reference(text, previous, REPOSITORIES)
    except ArchivalParseError as exc:
        assert str(exc), "a parse error always says what is wrong"
        return
    assert ref.unit.repository in REPOSITORIES
    assert ref.ibid or ref.unit.repository_key == REPOSITORIES[ref.unit.repository]


def format_then_parse_round_trips(ref: ArchivalRef) -> None:
    printed = russian_form(ref)
    assert parse_reference(printed, None, REPOSITORIES) == ref, printed
    assert russian_form(parse_reference(printed, None, REPOSITORIES)) == printed


def distinct_files_never_share_a_register_key(first: ArchivalUnit, second: ArchivalUnit) -> None:
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", first.key), first.key  # a safe fragment and xml:id
    assert (first.key == second.key) == (first == second), (first, second)


# One test draws for all three properties: each gets every example, at a third of the cost of three tests.
@EXAMPLES
@given(text=st.one_of(text_like_a_reference, st.text()), previous=previous_refs, ref=references,
       first=units, second=st.one_of(units, units.map(lambda u: ArchivalUnit(
           u.repository, u.opis, u.fond, u.delo, repository_key=u.repository_key))))
def test_archival_parser_properties(text, previous, ref, first, second):
    any_text_parses_or_raises_the_parsers_own_error(text, previous)
    format_then_parse_round_trips(ref)
    distinct_files_never_share_a_register_key(first, second)
