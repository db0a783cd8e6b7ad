"""Jinja2 rendering: one environment (autoescape on, undefined names are errors), one context per page.

Templates receive a `Page` and plain data; the only HTML marked safe is the
transformer's own output, carried as `Markup` in the page model.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from tei_edition.errors import EditionError
from tei_edition.languages import direction
from tei_edition.urls import (
    abbreviations_path,
    absolute_url,
    article_path,
    changelog_path,
    changes_path,
    favicon_path,
    favicon_svg_path,
    glossary_path,
    names_path,
    register_path,
    relative_url,
    root_of,
    search_path,
    tei_path,
)

if TYPE_CHECKING:
    from tei_edition.config import Config
    from tei_edition.metadata import PageMetadata


@dataclass(frozen=True)
class BuildInfo:
    version: str
    date: str  # ISO date of the build, deterministic (SOURCE_DATE_EPOCH or the source's commit date)
    released: str = ""  # the day this version was released, if it is a stored release ("": in preparation)

    @property
    def cited_date(self) -> str:
        """The date a citation gives the version: its release's, else the build's."""
        return self.released or self.date


@dataclass(frozen=True)
class ReleaseBanner:
    """What a page of a stored release says of itself and of the current version (README, "Releases")."""

    version: str
    date: str
    current: str  # the current version
    current_released: bool  # the current version is a release (else it is in preparation)
    current_url: str  # the current page of the same passage (absolute), or the list of releases
    releases_url: str  # the list of releases on the current site, at this release (absolute)


@dataclass(frozen=True)
class Page:
    """What every template knows about the page it renders."""

    path: str  # output path, relative to the site root
    lang: str
    title: str
    strings: dict[str, Any]
    config: Config
    build: BuildInfo
    alternates: dict[str, str] = field(default_factory=dict)  # language -> path of the same page
    citation: Markup = Markup("")  # how to cite what this page shows
    prose: tuple[tuple[str, str], ...] = ()  # (path, title) of the prose pages in this language, for the menu
    document_id: str = ""  # the document this page shows, if it shows one
    metadata: PageMetadata | None = None  # what reference managers read (a reading page)
    licence: Markup = Markup("")  # the edition's licence statement, its name linked ("" if it states none)
    release: ReleaseBanner | None = None  # a page of a stored release: what it says it is

    @property
    def root(self) -> str:
        return root_of(self.path)

    @property
    def dir(self) -> str:
        """The page's writing direction: its interface language's ("rtl", "ltr")."""
        return self.config.direction(self.lang)

    def dir_of(self, direction: str) -> Markup:
        """` dir="…"` for content written in `direction` where the page's differs (else nothing)."""
        return Markup(f' dir="{direction}"') if direction in ("rtl", "ltr") and direction != self.dir else Markup("")

    def absolute(self, target: str) -> str:
        """The published address of `target` ("" when the edition sets no base_url)."""
        return absolute_url(self.config.base_url, target)

    def url(self, target: str) -> str:
        """A link from this page to `target` (a site path)."""
        return relative_url(self.path, target)

    def document_url(self, tei_file: str) -> str:
        """A link from this page to the document of the edition whose TEI file (resolved, with an
        "#id") is `tei_file`, in the page's language (a translation's file: in the translation's);
        "" if the file is none of the edition's."""
        file, _, fragment = tei_file.partition("#")
        for doc in self.config.documents:
            versions = {doc.tei: "", **{path: lang for lang, path in doc.translations.items()}}
            for path, lang in versions.items():
                if str(path.resolve()) == file:
                    return self.url(article_path(lang or self.lang, doc.id)) + (f"#{fragment}" if fragment else "")
        return ""


def environment(templates: Path, rendering: bool = True) -> jinja2.Environment:
    """The templates' environment; without `rendering`, only what compiling them needs (the build's
    helper compiles them without importing what the pages' functions need)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Without Jinja's constant-folding pass: the same pages, and every build compiles its
        # templates in a fifth less time (the pages' expressions are not constants anyway).
        optimized=False,
    )
    env.filters["romanised"] = romanised
    if not rendering:
        return env
    from tei_edition.archival import folios_english, folios_russian
    from tei_edition.dates import spelled_date
    from tei_edition.links import doi_url
    from tei_edition.register import folios_cited, ibid_resolved, repeated_note, unit_english, unit_russian
    from tei_edition.tei import page_anchor
    env.globals.update(
        russian_form_unit=unit_russian, english_form_unit=unit_english, folios_cited=folios_cited,
        ibid_resolved=ibid_resolved, repeated_note=repeated_note,
        folios_russian=folios_russian, folios_english=folios_english,
        doi_url=doi_url, article_path=article_path, register_path=register_path, tei_path=tei_path,
        favicon_path=favicon_path, favicon_svg_path=favicon_svg_path,
        names_path=names_path, abbreviations_path=abbreviations_path, changelog_path=changelog_path,
        glossary_path=glossary_path, search_path=search_path, changes_path=changes_path,
        text_direction=direction, page_anchor=page_anchor, spelled_date=spelled_date,
    )
    return env


def romanised(text: str, lang: str) -> str:
    """Russian names and titles on a page in another language, in Library of Congress romanisation."""
    from tei_edition.cite import latin
    return text if lang == "ru" else latin(text)


def render(env: jinja2.Environment, template: str, page: Page, **context: Any) -> str:
    """Render one page; any failure of a template is reported at the template file's line."""
    folder = Path(env.loader.searchpath[0]) if isinstance(env.loader, jinja2.FileSystemLoader) else Path("templates")
    try:
        return env.get_template(template).render(page=page, s=page.strings, **context)
    except EditionError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise EditionError.at(exc.filename or folder / (exc.name or template), exc.lineno,
                              f"template error: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        where, line = _template_frame(exc, folder / template)
        raise EditionError.at(where, line, f"template '{exc.name}' not found in {folder}: "
                                           f"restore it or correct the name") from None
    except jinja2.UndefinedError as exc:
        where, line = _template_frame(exc, folder / template)
        from tei_edition.strings import Strings  # the page's interface strings: `s.name` that no i18n file has
        hint = f"an interface string missing from i18n/{page.lang}.yaml?" \
            if f"{Strings.__name__} object" in str(exc.message) \
            else ("its view gives the template no such name or attribute: a template copied from another version "
                  "of tei-edition may need this version's changes")
        raise EditionError.at(where, line, f"template uses an undefined name: {exc.message} ({hint})") from None
    except Exception as exc:  # noqa: BLE001 - a template is the editor's code: locate its failure there
        where, line = _template_frame(exc, folder / template)
        raise EditionError.at(where, line, f"template failed while rendering {page.path}: "
                                           f"{type(exc).__name__}: {exc}") from None


def _template_frame(exc: BaseException, template: Path) -> tuple[Path, int | None]:
    """The innermost template line in the traceback (Jinja maps its frames to template files and lines)."""
    where, line = template, None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".html"):
            where, line = Path(filename), tb.tb_lineno
        tb = tb.tb_next
    return where, line
