"""Tests for tei_edition.archival: Russian archival citations in the article's footnotes."""
from __future__ import annotations

import re

import pytest

from tei_edition.archival import (
    ArchivalParseError,
    ArchivalRef,
    ArchivalUnit,
    Folio,
    FolioRange,
    english_form,
    folios_english,
    folios_russian,
    parse_reference,
    russian_form,
)

# The article's strings, exactly as printed.
REF_1399 = "РГАЭ. Ф. 413. Оп. 3. Д. 1399. Л. 4."
REF_14 = "РГАЭ. Ф. 635. Оп. 3. Д. 14. Л. 353–354."
REF_3 = "РГАЭ. Ф. 635. Оп. 3. Д. 3. Л. 81."
IBID_80 = "Ibid. Л. 80."
IBID = "Ibid."
REPOS = {"РГАЭ": "RGAE"}


def single(number: int, verso: bool = False) -> tuple[FolioRange, ...]:
    return (FolioRange(Folio(number, verso)),)


def error_for(text: str, previous: ArchivalRef | None = None, repositories=None) -> str:
    with pytest.raises(ArchivalParseError) as info:
        parse_reference(text, previous, repositories)
    return str(info.value)


# --- the article's references -------------------------------------------------

def test_article_single_folio():
    ref = parse_reference(REF_1399, repositories=REPOS)
    assert ref == ArchivalRef(ArchivalUnit("РГАЭ", "413", "3", "1399"), single(4))
    assert ref.ibid is False


def test_article_folio_range_en_dash():
    ref = parse_reference(REF_14)
    assert ref.unit == ArchivalUnit("РГАЭ", "635", "3", "14")
    assert ref.folios == (FolioRange(Folio(353), Folio(354)),)


def test_article_ibid_chain():
    first = parse_reference(REF_3)
    assert first.unit == ArchivalUnit("РГАЭ", "635", "3", "3") and first.folios == single(81)
    second = parse_reference(IBID_80, previous=first)
    assert second == ArchivalRef(first.unit, single(80), ibid=True)
    third = parse_reference(IBID, previous=second)
    assert third == ArchivalRef(first.unit, single(80), ibid=True)


def test_ibid_alone_repeats_previous_folios_exactly():
    previous = parse_reference(REF_14)
    assert parse_reference(IBID, previous).folios == previous.folios


def test_what_an_ibid_does_not_print_is_known_as_repeated():
    first = parse_reference(REF_3)
    with_folio, bare = parse_reference(IBID_80, first), parse_reference(IBID, first)
    assert not first.folios_repeated and not with_folio.folios_repeated and bare.folios_repeated
    assert bare == ArchivalRef(first.unit, first.folios, ibid=True)  # a citation of the same folios


@pytest.mark.parametrize("text", [REF_1399, REF_14, REF_3])
def test_russian_form_round_trips_article_strings(text):
    assert russian_form(parse_reference(text)) == text


def test_russian_form_of_ibid_is_the_resolved_full_citation():
    ref = parse_reference(IBID_80, previous=parse_reference(REF_3))
    assert russian_form(ref) == "РГАЭ. Ф. 635. Оп. 3. Д. 3. Л. 80."


# --- folios ---------------------------------------------------------------------

@pytest.mark.parametrize("dash", ["–", "-", "—", " – ", " - "])
def test_range_with_each_dash_normalises_to_en_dash(dash):
    ref = parse_reference(f"РГАЭ. Ф. 635. Оп. 3. Д. 14. Л. 353{dash}354.")
    assert ref.folios == (FolioRange(Folio(353), Folio(354)),)
    assert russian_form(ref) == REF_14


@pytest.mark.parametrize("folio_text", ["Л. 4 об.", "Л. 4об.", "Л. 4 об", "Л.\u00a04\u00a0об."])
def test_verso_spellings(folio_text):
    ref = parse_reference(f"РГАЭ. Ф. 413. Оп. 3. Д. 1399. {folio_text}")
    assert ref.folios == single(4, verso=True)
    assert russian_form(ref) == "РГАЭ. Ф. 413. Оп. 3. Д. 1399. Л. 4 об."


def test_verso_on_range_end_applies_to_end_folio_only():
    ref = parse_reference("РГАЭ. Ф. 413. Оп. 3. Д. 1399. Лл. 5–7 об.")
    assert ref.folios == (FolioRange(Folio(5), Folio(7, verso=True)),)


def test_verso_on_range_start():
    ref = parse_reference("РГАЭ. Ф. 413. Оп. 3. Д. 1399. Л. 5 об.–6.")
    assert ref.folios == (FolioRange(Folio(5, verso=True), Folio(6)),)
    assert folios_russian(ref.folios) == "Л. 5 об.–6"
    assert folios_english(ref.folios) == "ll. 5ob.–6"


def test_recto_to_verso_of_same_leaf_is_a_range():
    ref = parse_reference("РГАЭ. Ф. 413. Оп. 3. Д. 1399. Л. 4–4 об.")
    assert ref.folios == (FolioRange(Folio(4), Folio(4, verso=True)),)


def test_folio_list():
    ref = parse_reference("РГАЭ. Ф. 413. Оп. 3. Д. 1399. Л. 3, 5–6.")
    assert ref.folios == (FolioRange(Folio(3)), FolioRange(Folio(5), Folio(6)))
    assert russian_form(ref) == "РГАЭ. Ф. 413. Оп. 3. Д. 1399. Лл. 3, 5–6."
    assert english_form(ref, "RGAE") == "RGAE, f. 413, op. 3, d. 1399, ll. 3, 5–6."


def test_trailing_period_and_extra_whitespace_optional():
    ref = parse_reference("  РГАЭ.  Ф. 413.\nОп. 3. Д. 1399. Л. 4  ")
    assert ref == parse_reference(REF_1399)


def test_reference_without_folios():
    ref = parse_reference("РГАЭ. Ф. 413. Оп. 3. Д. 1399.")
    assert ref.folios == ()
    assert russian_form(ref) == "РГАЭ. Ф. 413. Оп. 3. Д. 1399."
    assert english_form(ref, "RGAE") == "RGAE, f. 413, op. 3, d. 1399."


def test_folio_str_and_english():
    assert str(Folio(4)) == "4" and str(Folio(4, True)) == "4 об."
    assert Folio(4).english() == "4" and Folio(4, True).english() == "4ob."


def test_folios_parts_alone():
    assert folios_russian(single(4)) == "Л. 4"
    assert folios_english(single(4, verso=True)) == "l. 4ob."
    assert folios_english((FolioRange(Folio(353), Folio(354)),)) == "ll. 353–354"
    assert folios_russian(()) == "" and folios_english(()) == ""


# --- Там же ---------------------------------------------------------------------

def test_tam_zhe_with_and_without_folios():
    previous = parse_reference(REF_3)
    assert parse_reference("Там же.", previous) == ArchivalRef(previous.unit, single(81), ibid=True)
    assert parse_reference("Там же. Л. 82 об.", previous).folios == single(82, verso=True)


# --- fond/opis/delo with letters, register keys -----------------------------------

def test_key_slugs():
    assert parse_reference(REF_1399).unit.key == "rgae-413-3-1399"
    assert parse_reference(REF_14).unit.key == "rgae-635-3-14"
    lettered = ArchivalUnit("ГАРФ", "Р-7523", "1", "5").key
    assert re.fullmatch(r"garf-x[0-9a-f]+-1-5", lettered), lettered  # ASCII, safe in a URL fragment
    assert lettered != ArchivalUnit("ГАРФ", "Р7523", "1", "5").key


def test_register_keys_never_merge_two_files():
    """The issue's example: "Ф. 1-а. Оп. 2." and "Ф. 1. Оп. а-2." once gave one key."""
    first = parse_reference("РГАЭ. Ф. 1-а. Оп. 2. Д. 3.", repositories={"РГАЭ": "rgae"})
    second = parse_reference("РГАЭ. Ф. 1. Оп. а-2. Д. 3.", repositories={"РГАЭ": "rgae"})
    assert first.unit != second.unit
    assert first.unit.key != second.unit.key
    assert first.unit.key.startswith("rgae-") and second.unit.key.startswith("rgae-")


def test_lettered_fond_delo_and_supplementary_opis():
    ref = parse_reference("ГАРФ. Ф. Р-7523. Оп. 1 доп. Д. 14а. Л. 2.")
    assert ref.unit == ArchivalUnit("ГАРФ", "Р-7523", "1 доп.", "14а")
    assert russian_form(ref) == "ГАРФ. Ф. Р-7523. Оп. 1 доп. Д. 14а. Л. 2."
    assert english_form(ref, "GARF") == "GARF, f. R-7523, op. 1 dop., d. 14a, l. 2."
    assert ref.unit.key.startswith("garf-") and ref.unit.key.count("-") == 3


# --- English form -------------------------------------------------------------------

def test_english_forms_of_article_strings():
    assert english_form(parse_reference(REF_1399), "RGAE") == "RGAE, f. 413, op. 3, d. 1399, l. 4."
    assert english_form(parse_reference(REF_14), "RGAE") == "RGAE, f. 635, op. 3, d. 14, ll. 353–354."


def test_english_form_verso():
    ref = parse_reference("РГАЭ. Ф. 413. Оп. 3. Д. 1399. Лл. 5–7 об.")
    assert english_form(ref, "RGAE") == "RGAE, f. 413, op. 3, d. 1399, ll. 5–7ob."
    ref = parse_reference("РГАЭ. Ф. 413. Оп. 3. Д. 1399. Л. 4 об.")
    assert english_form(ref, "RGAE") == "RGAE, f. 413, op. 3, d. 1399, l. 4ob."


# --- errors ---------------------------------------------------------------------------

def test_ibid_without_previous():
    assert '"Ibid." has no preceding archival reference to repeat' in error_for(IBID)
    assert "no preceding archival reference" in error_for(IBID_80)
    assert '"Там же"' in error_for("Там же.")


def test_unknown_repository_names_known_ones():
    message = error_for("ГАРФ. Ф. 413. Оп. 3. Д. 1399. Л. 4.", repositories={"РГАЭ": "RGAE", "РГАСПИ": "RGASPI"})
    assert 'unknown repository "ГАРФ"' in message
    assert '"РГАЭ"' in message and '"РГАСПИ"' in message


def test_unknown_repository_is_fine_without_a_list():
    assert parse_reference("ГАРФ. Ф. 413. Оп. 3. Д. 1399. Л. 4.").unit.repository == "ГАРФ"


def test_missing_fond():
    message = error_for("РГАЭ. Оп. 3. Д. 1399. Л. 4.")
    assert 'expected "Ф. <number>" after the repository' in message
    assert 'found "Оп. 3"' in message
    assert f'write e.g. "{REF_1399}"' in message


def test_spelled_out_fond_matches_documented_message():
    message = error_for("РГАЭ. Фонд 413. Оп. 3. Д. 1399. Л. 4.")
    assert message == (
        'expected "Ф. <number>" after the repository, found "Фонд 413"; '
        'write e.g. "РГАЭ. Ф. 413. Оп. 3. Д. 1399. Л. 4."'
    )


def test_missing_repository():
    message = error_for("Ф. 413. Оп. 3. Д. 1399. Л. 4.")
    assert "repository abbreviation" in message and 'found "Ф. 413"' in message


def test_missing_period_between_parts():
    message = error_for("РГАЭ. Ф. 413 Оп. 3. Д. 1399. Л. 4.")
    assert 'expected "." after "Ф. 413"' in message and 'found "Оп. 3"' in message


@pytest.mark.parametrize("tail", ["Л. 4. Сл. 5.", "Л. 4 extra", "Л. 4, ."])
def test_garbage_after_folios(tail):
    message = error_for(f"РГАЭ. Ф. 413. Оп. 3. Д. 1399. {tail}")
    assert "expected" in message and "found" in message


def test_garbage_after_folios_quotes_it():
    message = error_for("РГАЭ. Ф. 413. Оп. 3. Д. 1399. Л. 4. См. также")
    assert "the end of the reference after the folios" in message
    assert 'found "См. также"' in message


def test_non_numeric_folio():
    message = error_for("РГАЭ. Ф. 413. Оп. 3. Д. 1399. Л. IV.")
    assert "folio number" in message and 'found "IV"' in message


def test_folio_zero_rejected():
    assert "folio number" in error_for("РГАЭ. Ф. 413. Оп. 3. Д. 1399. Л. 0.")


def test_reversed_range():
    message = error_for("РГАЭ. Ф. 635. Оп. 3. Д. 14. Л. 354–353.")
    assert '"354–353"' in message and "runs backwards" in message and "Л. 353–354" in message


def test_reversed_verso_range_and_degenerate_range():
    assert "runs backwards" in error_for("РГАЭ. Ф. 1. Оп. 1. Д. 1. Л. 5 об.–5.")
    assert "same folio" in error_for("РГАЭ. Ф. 1. Оп. 1. Д. 1. Л. 5–5.")


def test_ibid_followed_by_something_other_than_folios():
    message = error_for("Ibid. Д. 5. Л. 3.", previous=parse_reference(REF_3))
    assert 'after "Ibid."' in message and 'found "Д. 5"' in message


def test_empty_reference():
    assert "empty" in error_for("   ")


def test_parse_error_is_a_value_error():
    assert issubclass(ArchivalParseError, ValueError)


def test_folio_range_rejects_backwards_construction():
    with pytest.raises(ValueError):
        FolioRange(Folio(354), Folio(353))


def test_dataclasses_are_frozen():
    ref = parse_reference(REF_1399)
    with pytest.raises(AttributeError):
        ref.unit.fond = "1"  # type: ignore[misc]


def test_tam_zhe_followed_by_something_other_than_folios_suggests_russian_form():
    message = error_for("Там же. Д. 5.", previous=parse_reference(REF_3))
    assert 'after "Там же"' in message and 'write e.g. "Там же. Л. 80."' in message
