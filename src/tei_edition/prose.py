"""Prose pages in Markdown: `edition/pages/<slug>.<lang>.md`, one file per page and language.

Rendered with markdown-it-py's CommonMark preset, raw HTML off (a page's text is escaped, never
trusted as markup). Every page must exist in every language and begin with a `# Title` line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from tei_edition.errors import Collector, EditionError, read_text
from tei_edition.urls import prose_path

NAME = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2})\.md$")


@dataclass(frozen=True)
class ProsePage:
    slug: str
    lang: str
    title: str
    html: Markup

    @property
    def path(self) -> str:
        return prose_path(self.lang, self.slug)


def load_pages(folder: Path, languages: tuple[str, ...]) -> list[ProsePage]:
    errors = Collector()
    files = sorted(folder.glob("*.md")) if folder.is_dir() else []
    if not files:
        return []
    from markdown_it import MarkdownIt  # imported only for pages to render (it costs a build 70 ms)
    markdown = MarkdownIt("commonmark", {"html": False})
    pages = []
    for file in files:
        match = NAME.match(file.name)
        if not match or match["lang"] not in languages:
            errors.add(file, None, f"a prose page is named <slug>.<language>.md with a language of "
                                   f"{', '.join(languages)}, e.g. about.{languages[0]}.md")
            continue
        try:
            text = read_text(file)
        except EditionError as exc:
            errors.extend(exc)
            continue
        first, _, body = text.lstrip("\n").partition("\n")
        if not first.startswith("# "):
            errors.add(file, 1, "a prose page begins with its title as a '# Title' line")
            continue
        # The title is the page's h1 (text, escaped by the template), the rest its body.
        pages.append(ProsePage(match["slug"], match["lang"], first[2:].strip(), Markup(markdown.render(body))))
    slugs = {page.slug for page in pages}
    for slug in sorted(slugs):
        for lang in languages:
            if not any(p.slug == slug and p.lang == lang for p in pages):
                errors.add(folder / f"{slug}.{lang}.md", None, f"the page '{slug}' has no {lang} version: "
                                                              f"write {slug}.{lang}.md")
    errors.raise_if_any()
    return pages
