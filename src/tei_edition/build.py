"""The build: read and validate every document, render every page, and only then write.

Two passes, as in MkDocs: nothing is written until every page has rendered, so a
mistake anywhere leaves the previous `build/` as it was.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment
from lxml import etree
from markupsafe import Markup, escape

from tei_edition import fidelity, tei
from tei_edition.alignment import check_translation
from tei_edition.anchors import document_anchors
from tei_edition.archival import ArchivalRef
from tei_edition.cite import article_citation
from tei_edition.config import Config, DocumentConfig, load_config
from tei_edition.errors import EditionError, read_bytes
from tei_edition.inline import RULES
from tei_edition.model import Document, DocumentSummary
from tei_edition.preservation import check_page
from tei_edition.prose import load_pages
from tei_edition.register import build_register
from tei_edition.render import (
    BuildInfo,
    Page,
    environment,
    render_article,
    render_home,
    render_parallel,
    render_prose,
    render_register,
)
from tei_edition.tei import XML_LANG, source_line
from tei_edition.transform import build_document, original_info
from tei_edition.urls import article_path, home_path, parallel_path, register_path, root_of, tei_path
from tei_edition.write import SiteFiles, check_output_folder, staged_site


@dataclass(frozen=True)
class SourceDocument:
    """A parsed, validated TEI document, its translations and its archival references."""

    config: DocumentConfig
    tree: etree._ElementTree
    refs: dict[str, ArchivalRef]
    translations: dict[str, etree._ElementTree] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return str(self.tree.getroot().get(XML_LANG))  # present: `_read_tei` refuses a TEI without it

    def version(self, lang: str) -> tuple[etree._ElementTree, Path]:
        """The TEI to show readers of `lang`: its translation into `lang`, else the original."""
        if lang != self.lang and lang in self.translations:
            return self.translations[lang], self.config.translations[lang]
        return self.tree, self.config.tei

    def parallel_pair(self, lang: str) -> tuple[str, str] | None:
        """(original language, translation language) of the parallel view under interface `lang`."""
        if not self.translations:
            return None
        return self.lang, lang if lang in self.translations else sorted(self.translations)[0]


def _read_tei(path: Path, repositories: dict, translation_lang: str | None = None, printed: bool = True):
    """Parse and validate one TEI file; a translation must be in the language it is listed under."""
    tree = tei.parse(path)
    lang = tree.getroot().get(XML_LANG)
    if lang is None:
        raise EditionError.at(path, source_line(tree.getroot()), "the TEI root has no xml:lang: say which language "
                                                               "the document is in, e.g. <TEI xml:lang=\"ru\">")
    if translation_lang is not None and lang != translation_lang:
        raise EditionError.at(path, source_line(tree.getroot()), f"this file is listed as the '{translation_lang}' "
                                                               f"translation, but its xml:lang is '{lang}'")
    translation = translation_lang is not None
    tei.check_unique_ids(tree, path)
    tei.validate_schema(tree, path)
    return tree, tei.check_rules(tree, path, repositories, translation=translation, printed=printed)


def read_document(config: Config, doc: DocumentConfig) -> SourceDocument:
    """One document, its translations and their alignment, parsed and validated."""
    printed = doc.source is not None
    tree, refs = _read_tei(doc.tei, config.repositories, printed=printed)
    translations = {}
    for lang, path in doc.translations.items():
        translations[lang], _ = _read_tei(path, config.repositories, translation_lang=lang, printed=printed)
        check_translation(tree, translations[lang], doc.tei.name, path, refs, config.repositories)
    return SourceDocument(doc, tree, refs, translations)


def iter_documents(config: Config) -> Iterator[SourceDocument]:
    """The documents one at a time, so that a build holds one document's trees at a time. Every
    document is validated; once one has failed, the others are only validated, and all the
    problems are raised together at the end."""
    problems = []
    for doc in config.documents:
        try:
            source = read_document(config, doc)
        except EditionError as exc:
            problems.extend(exc.diagnostics)
            continue
        if not problems:
            yield source
    if problems:
        raise EditionError(problems)


def read_documents(config: Config) -> list[SourceDocument]:
    return list(iter_documents(config))


# The last second datetime can print (9999-12-31T23:59:59Z).
LATEST_EPOCH = 253402300799


def build_date(edition_dir: Path) -> str:
    """Deterministic: SOURCE_DATE_EPOCH if set, else the date of the last commit."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    where = "SOURCE_DATE_EPOCH"
    if epoch is None:
        where = f"{edition_dir} (git log)"
        try:
            epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=edition_dir, capture_output=True,
                                   text=True, check=True).stdout.strip() or None
        except (OSError, subprocess.CalledProcessError):
            epoch = None
        if epoch is None:
            raise EditionError.at("SOURCE_DATE_EPOCH", None, "no build date: set SOURCE_DATE_EPOCH (seconds since "
                                                             "1970) or build inside the project's git checkout")
    if not re.fullmatch(r"[0-9]{1,12}", epoch) or int(epoch) > LATEST_EPOCH:
        raise EditionError.at(where, None, f"'{epoch[:40]}' is not a build date: give whole seconds since "
                                           f"1970-01-01 UTC, at most {LATEST_EPOCH} (e.g. 1764028800)")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()


def render_site(config: Config, sources: Iterable[SourceDocument], files: SiteFiles) -> None:
    """Every page, written to `files` as it is made: each document's own pages first, one document
    at a time; then the pages that list documents (register, home) from their summaries."""
    env = environment(config.root.parent / "templates")
    build = BuildInfo(config.version, build_date(config.root))
    prose = load_pages(config.root / "pages", config.languages)
    menus = {lang: tuple((p.path, p.title) for p in prose if p.lang == lang) for lang in config.languages}
    summaries: dict[str, dict[str, DocumentSummary]] = {lang: {} for lang in config.languages}
    for source in sources:
        render_document(env, build, config, source, menus, files, summaries)
    def edition_citation(lang: str) -> Markup:
        return citation_line(config.strings(lang), build, Markup(escape(config.title[lang])) + Markup("."))

    for lang in config.languages:
        strings = config.strings(lang)
        page = Page(register_path(lang), lang, strings["archives_title"], strings, config, build,
                    {other: register_path(other) for other in config.languages}, edition_citation(lang), menus[lang])
        if config.repositories:  # only an edition that cites archives has their register
            files.add(page.path, render_register(env, page, build_register(summaries[lang].values()),
                                                 summaries[lang]))
        for prose_page in (p for p in prose if p.lang == lang):
            page = Page(prose_page.path, lang, prose_page.title, strings, config, build,
                        {p.lang: p.path for p in prose if p.slug == prose_page.slug}, edition_citation(lang),
                        menus[lang])
            files.add(page.path, render_prose(env, page, prose_page.html))
    home_lang = config.languages[0]
    page = Page(home_path(), home_lang, config.title[home_lang], config.strings(home_lang), config, build,
                citation=edition_citation(home_lang), prose=menus[home_lang])
    files.add(page.path, render_home(env, page, summaries))
    for site_path, image in sorted(files.media.items()):
        files.add(site_path, read_bytes(image))
    assets = config.root.parent / "templates" / "assets"
    for asset in sorted(p for p in assets.rglob("*") if p.is_file()):
        files.add(f"assets/{asset.relative_to(assets).as_posix()}", read_bytes(asset))


def render_document(env: Environment, build: BuildInfo, config: Config, source: SourceDocument,
                    menus: dict[str, tuple[tuple[str, str], ...]], files: SiteFiles,
                    summaries: dict[str, dict[str, DocumentSummary]]) -> None:
    """One document's pages in every interface language: its reading page (checked: nothing of
    its TEI lost) and its parallel view; its TEI files; what the index pages and checks need of it."""
    doc_id = source.config.id
    # The parallel view's columns each speak their own language, inline labels included: the
    # same models serve the parallel page of every interface language.
    parallel = {lang: document_model(source, lang, config.strings(column_strings(config, lang)), anchors=False,
                                     page_path=parallel_path(lang, doc_id))
                for lang in sorted({source.lang, *source.translations})} if source.translations else {}
    models = list(parallel.values())
    for lang in config.languages:
        strings = config.strings(lang)
        document = document_model(source, lang, strings, anchors=True, page_path=article_path(lang, doc_id))
        models.append(document)
        summaries[lang][doc_id] = document.summary()
        citation = citation_line(strings, build, article_citation(document.source, lang, document.title_text))
        page = Page(article_path(lang, doc_id), lang, document.title_text, strings, config, build,
                    {other: article_path(other, doc_id) for other in config.languages}, citation, menus[lang],
                    document_id=doc_id)
        html = render_article(env, page, document)
        check_page(*source.version(lang), html.encode("utf-8"), page.path, RULES)  # nothing lost
        files.add(page.path, html)
        pair = source.parallel_pair(lang)
        if pair:
            page = Page(parallel_path(lang, doc_id), lang, document.title_text, strings, config, build,
                        {other: parallel_path(other, doc_id) for other in config.languages}, citation,
                        menus[lang], document_id=doc_id)
            files.add(page.path, render_parallel(env, page, {code: parallel[code] for code in pair}, source.lang))
    own = source.lang if source.lang in summaries else config.languages[0]  # in its own language if spoken
    files.summaries[doc_id] = summaries[own][doc_id]
    files.anchors.extend(document_anchors(source.tree, doc_id))
    for document in models:
        files.warnings.update(document.warnings)
        files.media.update(document.media)
    files.add(tei_path(doc_id), read_bytes(source.config.tei))
    for lang, path in source.config.translations.items():
        files.add(tei_path(doc_id, lang), read_bytes(path))


def document_model(source: SourceDocument, lang: str, strings: dict, anchors: bool, page_path: str) -> Document:
    """The page model of `source` for readers of `lang` (the original, or its translation),
    to be shown on the page at `page_path` (links in the text are made relative to it)."""
    root = root_of(page_path)
    tree, path = source.version(lang)
    original = None
    if tree is not source.tree:
        href = root + article_path(source.lang, source.config.id).removesuffix("index.html")
        original = (source.tree, original_info(source.tree, source.config.tei, source.refs, href))
    register = root + register_path(lang).removesuffix("index.html")
    return build_document(tree, path, source.config.id, source.refs, strings, register, original, anchors,
                          media_prefix=root, page_lang=lang)


def column_strings(config: Config, lang: str) -> str:
    """The interface strings a column in `lang` speaks: its own, or the edition's first language's."""
    return lang if lang in config.ui else config.languages[0]


def citation_line(strings: dict, build: BuildInfo, cited: Markup) -> Markup:
    """What is cited, then which version of the edition shows it."""
    return cited + Markup(" ") + strings["edition_citation"].format(version=build.version, date=build.date)


def protected_paths(config: Config) -> tuple[list[Path], list[Path]]:
    """What a build must never overwrite: (every input, every source folder), for `check_output_folder`."""
    project = config.root.parent
    inputs = [project, config.path]
    for doc in config.documents:
        inputs += [doc.tei, *([doc.source] if doc.source else []), *doc.translations.values()]
    code = Path(__file__).resolve().parent
    return inputs, [config.root, project / "templates", project / ".git", code, code.parent]


def build(edition_dir: Path, out_dir: Path, strict: bool = False) -> SiteFiles:
    """Read, render and check everything, then swap the new site in; with `strict`, a warning stops it."""
    config = load_config(edition_dir)
    out = check_output_folder(out_dir, *protected_paths(config))
    return build_site(config, out, strict)


def build_site(config: Config, out: Path, strict: bool, verify: bool = True,
               each: Callable[[SourceDocument], None] | None = None) -> SiteFiles:
    """The site of `config` as the folder `out`; `each` is called on every document as it is read
    (`check` proves fidelity there, in the same pass)."""
    from tei_edition.checks import verify_anchors, verify_links  # the checks read this module
    sources = iter_documents(config)
    if each is not None:
        sources = _tapped(sources, each)
    with staged_site(out, verify=verify_links if verify else None) as files:
        render_site(config, sources, files)
        report_warnings(files, strict)
        if verify:
            verify_anchors(config, files)
    return files


def report_warnings(files: SiteFiles, strict: bool) -> None:
    warnings = sorted(files.warnings, key=lambda d: (str(d.path), d.line or 0, d.message))
    if strict and warnings:
        raise EditionError(warnings)
    for warning in warnings:
        print(warning, file=sys.stderr)


def _tapped(sources: Iterator[SourceDocument], each: Callable[[SourceDocument], None]) -> Iterator[SourceDocument]:
    for source in sources:
        each(source)
        yield source


def fidelity_differences(source: SourceDocument) -> list[fidelity.Difference]:
    """The differences between a printed document's TEI print lines and its source ([] without a source)."""
    return fidelity.compare(source.tree, source.config.source) if source.config.source else []
