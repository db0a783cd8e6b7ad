"""The build: read and validate every document, render every page, and only then write.

Two passes, as in MkDocs: nothing is written until every page has rendered, so a
mistake anywhere leaves the previous `build/` as it was.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from markupsafe import Markup, escape

from tei_edition import fidelity, tei
from tei_edition.archival import ArchivalRef
from tei_edition.cite import article_citation
from tei_edition.config import Config, DocumentConfig, load_config
from tei_edition.errors import EditionError
from tei_edition.model import Document
from tei_edition.register import build_register
from tei_edition.render import (BuildInfo, Page, article_path, environment, register_path, render_article,
                                render_home, render_register, tei_path)
from tei_edition.transform import build_document
from tei_edition.write import SiteFiles, write_site

ASSETS = ("edition.css", "edition.js")


@dataclass(frozen=True)
class SourceDocument:
    """A parsed, validated TEI document and its archival references."""

    config: DocumentConfig
    tree: etree._ElementTree
    refs: dict[str, ArchivalRef]


def read_documents(config: Config) -> list[SourceDocument]:
    documents = []
    problems = []
    for doc in config.documents:
        try:
            tree = tei.parse(doc.tei)
            tei.check_unique_ids(tree, doc.tei)
            tei.validate_schema(tree, doc.tei)
            refs = tei.check_rules(tree, doc.tei, config.repositories)
        except EditionError as exc:
            problems.extend(exc.diagnostics)
            continue
        documents.append(SourceDocument(doc, tree, refs))
    if problems:
        raise EditionError(problems)
    return documents


def build_date(edition_dir: Path) -> str:
    """Deterministic: SOURCE_DATE_EPOCH if set, else the date of the last commit."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        try:
            epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=edition_dir, capture_output=True,
                                   text=True, check=True).stdout.strip() or None
        except (OSError, subprocess.CalledProcessError):
            epoch = None
    if epoch is None or not epoch.isdigit():
        raise EditionError.at("SOURCE_DATE_EPOCH", None, "no build date: set SOURCE_DATE_EPOCH (seconds since "
                                                         "1970) or build inside the project's git checkout")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()


def render_site(config: Config, sources: list[SourceDocument]) -> SiteFiles:
    env = environment(config.root.parent / "templates")
    build = BuildInfo(config.version, build_date(config.root))
    files = SiteFiles()
    models: dict[str, dict[str, Document]] = {}
    for lang in config.languages:
        strings = config.strings(lang)
        models[lang] = {}
        for source in sources:
            doc_id = source.config.id
            document = build_document(source.tree, source.config.tei, doc_id, source.refs, strings,
                                      "../archives/")
            models[lang][doc_id] = document
            page = Page(article_path(lang, doc_id), lang, document.title_text, strings, config, build,
                        {other: article_path(other, doc_id) for other in config.languages},
                        citation_line(strings, build, article_citation(document.source, lang)))
            files.add(page.path, render_article(env, page, document))
        page = Page(register_path(lang), lang, strings["archives_title"], strings, config, build,
                    {other: register_path(other) for other in config.languages},
                    citation_line(strings, build, Markup(escape(config.title[lang])) + Markup(".")))
        files.add(page.path, render_register(env, page, build_register(models[lang].values()), models[lang]))
    home_lang = config.languages[0]
    page = Page("index.html", home_lang, config.title[home_lang], config.strings(home_lang), config, build,
                citation=citation_line(config.strings(home_lang), build,
                                       Markup(escape(config.title[home_lang])) + Markup(".")))
    files.add(page.path, render_home(env, page, models))
    for source in sources:
        files.add(tei_path(source.config.id), source.config.tei.read_bytes())
    for asset in ASSETS:
        files.add(f"assets/{asset}", (config.root.parent / "templates" / "assets" / asset).read_bytes())
    return files


def citation_line(strings: dict, build: BuildInfo, cited: Markup) -> Markup:
    """What is cited, then which version of the edition shows it."""
    return cited + Markup(" ") + strings["edition_citation"].format(version=build.version, date=build.date)


def build(edition_dir: Path, out_dir: Path) -> SiteFiles:
    config = load_config(edition_dir)
    files = render_site(config, read_documents(config))
    write_site(files, out_dir)
    return files


def fidelity_report(config: Config, sources: list[SourceDocument]) -> dict[str, list[fidelity.Difference]]:
    return {s.config.id: fidelity.compare(s.tree, s.config.source) for s in sources}
