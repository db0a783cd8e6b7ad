"""Writing directions and languages without interface strings: a Hebrew letter (tests/roots/rtl) with
an English translation, in an English edition, then with a right-to-left interface."""
from __future__ import annotations

from pathlib import Path

import yaml
from conftest import parse_html
from test_roots import make_edition

from tei_edition.cli import main
from tei_edition.languages import cldr_name, direction

SRC_I18N = Path(__file__).parent.parent / "src" / "tei_edition" / "i18n"


def build(project: Path) -> Path:
    assert main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    return project / "build"


def test_a_text_is_as_right_to_left_as_most_of_its_letters():
    assert direction("הדרך לירושלים סגורה, 1890") == "rtl"
    assert direction("الطريق إلى القدس") == "rtl"
    assert direction("al-ṭarīq ilā al-Quds") == "ltr"  # a transliteration (ar-Latn)
    assert direction("Letter to Sarah: שרה") == "ltr"  # an English text quoting Hebrew
    assert direction("1890 – 1891") == direction("") == "ltr"  # no letters


def test_a_language_without_interface_strings_is_named_by_the_cldr():
    """As it writes itself; else (no CLDR locale: Ancient Greek) in the page's language; else not at all."""
    assert cldr_name("he") == cldr_name("he", "en") and cldr_name("he").text == "עברית"
    assert (cldr_name("he").lang, cldr_name("he").dir) == ("he", "rtl")
    greek = cldr_name("grc", "en")
    assert greek is not None and (greek.text, greek.lang, greek.dir) == ("Ancient Greek", "en", "ltr")
    assert cldr_name("grc") is None and cldr_name("qaa", "en") is None


def test_a_right_to_left_document_in_a_left_to_right_edition(tmp_path: Path):
    """The original, whose language has no interface strings, has a reading page of its own (/he/…, in
    English), linked from its translation; its text, title and header values are marked right to left,
    as are its column and its language's name in the parallel view; the English pages are not."""
    site = build(make_edition(tmp_path, "rtl"))
    original = parse_html(site / "he" / "mikhtav" / "index.html")
    assert original.get("lang") == "en" and original.get("dir") is None
    body, = original.xpath("//div[@class='doc-body']")
    assert (body.get("lang"), body.get("dir")) == ("he", "rtl") and "הדרך" in body.text_content()
    assert original.xpath("//h1[@id='doc-title'][@lang='he'][@dir='rtl']")
    assert original.xpath("//section[@class='document-metadata']//dd[@dir='rtl'][.='מכתב לשרה']")
    assert not original.xpath("//section[@class='document-metadata']//dd[.='Test Author'][@dir]")
    translation = parse_html(site / "en" / "mikhtav" / "index.html")
    assert not translation.xpath("//*[@dir]") and "the road to" in translation.xpath("string(//p[@id='p1'])")
    assert translation.xpath("//p[@class='translation-notice']/a[@hreflang='he']/@href") == ["../../he/mikhtav/"]
    parallel = parse_html(site / "en" / "mikhtav" / "parallel" / "index.html")
    assert parallel.xpath("//section[@id='p1']//div[@class='parallel-text'][@lang='he']/@dir") == ["rtl"]
    assert parallel.xpath("//section[@id='p1']//div[@class='parallel-text'][@lang='en']/@dir") == []
    labels = parallel.xpath("//section[@id='p1']//span[@class='cell-lang']")
    assert [(label.text, label.get("lang"), label.get("dir")) for label in labels] == [
        ("עברית", "he", "rtl"), ("English", "en", None)]
    assert parallel.xpath("//section[@id='p1']//a[@class='to-reading'][span[@lang='he']]/@href") == \
        ["../../../he/mikhtav/#p1"]


def with_a_hebrew_interface(tmp_path: Path) -> Path:
    """The rtl root with Hebrew as its first interface language, built."""
    project = make_edition(tmp_path, "rtl")
    strings = yaml.safe_load((SRC_I18N / "en.yaml").read_text(encoding="utf-8"))
    strings["language_name"] = "עברית"  # (the other strings left in English: the test is about direction)
    (project / "edition" / "i18n").mkdir()
    (project / "edition" / "i18n" / "he.yaml").write_text(yaml.safe_dump(strings, allow_unicode=True),
                                                           encoding="utf-8")
    config = project / "edition" / "edition.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("languages: [en]", "languages: [he, en]")
                      .replace("  en: A Hebrew letter", "  he: מכתב\n  en: A Hebrew letter"), encoding="utf-8")
    return build(project)


def test_a_right_to_left_interface(tmp_path: Path):
    """An interface language whose name (its strings' language_name) is written right to left makes
    right-to-left pages; content in its direction is not marked again, content in another is."""
    site = with_a_hebrew_interface(tmp_path)
    hebrew = parse_html(site / "he" / "mikhtav" / "index.html")
    assert (hebrew.get("lang"), hebrew.get("dir")) == ("he", "rtl")
    assert hebrew.xpath("//div[@class='doc-body']/@dir") == [] and "הדרך" in hebrew.xpath("string(//p[@id='p1'])")
    english = parse_html(site / "en" / "mikhtav" / "index.html")
    assert english.get("dir") is None
    assert english.xpath("//a[@class='lang-switch'][@hreflang='he']/@dir") == ["rtl"]
    parallel = parse_html(site / "he" / "mikhtav" / "parallel" / "index.html")
    assert parallel.xpath("//section[@id='p1']//div[@class='parallel-text'][@lang='en']/@dir") == ["ltr"]


def test_a_right_to_left_page_is_the_mirror_image(open_page, tmp_path: Path):
    """On a wide screen a paragraph's number stands in the margin before its text and its notes in the
    one after: on the right and the left of a Hebrew page, the left and the right of an English one."""
    from support.gates import serve_directory
    with serve_directory(with_a_hebrew_interface(tmp_path)) as base:
        page = open_page(viewport={"width": 1440, "height": 900})
        sides = {}
        for lang in ("he", "en"):
            page.goto(f"{base.rstrip('/')}/{lang}/mikhtav/")
            text = page.locator("#p2").bounding_box()
            number = page.locator("#p2 .para-number").bounding_box()
            notes = page.locator("#p2 + aside.sidenotes").bounding_box()
            assert text and number and notes
            sides[lang] = ("right" if number["x"] >= text["x"] + text["width"] else
                           "left" if number["x"] + number["width"] <= text["x"] else "over",
                           "right" if notes["x"] >= text["x"] + text["width"] else
                           "left" if notes["x"] + notes["width"] <= text["x"] else "over")
    assert sides == {"he": ("right", "left"), "en": ("left", "right")}
