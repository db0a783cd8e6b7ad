"""Prose pages written in Markdown: one per language, linked from every page's menu, HTML escaped."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import parse_html

from tei_edition.errors import EditionError
from tei_edition.prose import load_pages


def test_about_pages_in_both_languages(built_site: Path):
    for lang, title in (("ru", "Об издании"), ("en", "About this edition")):
        page = parse_html(built_site / lang / "about" / "index.html")
        assert page.get("lang") == lang
        assert page.xpath("string(//main//h1)") == title
        assert page.xpath("//a[@class='lang-switch']/@href") == [f"../../{'en' if lang == 'ru' else 'ru'}/about/"]
        article = parse_html(built_site / lang / "shemetova-2020" / "index.html")
        assert "../about/" in article.xpath("//nav//a/@href")


def test_markdown_cannot_inject_html(tmp_path: Path):
    (tmp_path / "about.ru.md").write_text("# О\n\n<script>alert(1)</script> *текст*\n", encoding="utf-8")
    (tmp_path / "about.en.md").write_text("# About\n\ntext\n", encoding="utf-8")
    page = next(p for p in load_pages(tmp_path, ("ru", "en")) if p.lang == "ru")
    assert "<script>" not in page.html and "&lt;script&gt;" in page.html and "<em>текст</em>" in page.html
    assert page.title == "О"


def test_a_page_missing_in_one_language_is_a_located_error(tmp_path: Path):
    (tmp_path / "about.ru.md").write_text("# О\n", encoding="utf-8")
    with pytest.raises(EditionError) as error:
        load_pages(tmp_path, ("ru", "en"))
    assert str(error.value) == f"{tmp_path / 'about.en.md'}: the page 'about' has no en version: write about.en.md"


def test_a_page_without_a_title_is_a_located_error(tmp_path: Path):
    (tmp_path / "about.ru.md").write_text("Текст без заголовка\n", encoding="utf-8")
    (tmp_path / "about.en.md").write_text("# About\n", encoding="utf-8")
    with pytest.raises(EditionError, match=r"about\.ru\.md:1: a prose page begins with its title"):
        load_pages(tmp_path, ("ru", "en"))
