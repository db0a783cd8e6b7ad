"""The build: every document read and checked once, its pages made by the document views, then the
edition's own pages (home, register, prose) from what the documents left in the index.

- Each file is streamed into a staging folder as it is made (memory stays flat however many
  documents there are); nothing reaches the output folder until everything has been made and
  checked — links, anchors, the ledger, each reading page's text — and then it is swapped in whole.
- The templates and the schema are compiled, and the TEI validated, beside the build (`helper`);
  documents are made on every core
  when there are enough of them to pay for it (`TEI_EDITION_JOBS`): the output is the same
  byte for byte, in the same order, whichever way it was made.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from tei_edition import tei
from tei_edition.config import Config, DocumentConfig, load_config
from tei_edition.documents import NotReadable, fidelity_differences, read_document, said_once
from tei_edition.errors import Diagnostic, EditionError, said_together
from tei_edition.fonts import SiteCharacters, fonts_job, make_subsets, site_fonts
from tei_edition.forked import Forked
from tei_edition.helper import Helper
from tei_edition.helper_work import NamesJob
from tei_edition.inline import RULES
from tei_edition.linkcheck import PageFacts, page_facts, parse_page
from tei_edition.model import DocumentSummary
from tei_edition.names import unmentioned
from tei_edition.pool import BuildCrash, made_documents, pooled
from tei_edition.preservation import check_page
from tei_edition.search import Record, passage_records
from tei_edition.search_index import SearchIndex
from tei_edition.site import Site
from tei_edition.untagged import check_names
from tei_edition.urls import site_root
from tei_edition.views import (
    DOCUMENT_VIEWS,
    EDITION_VIEWS,
    DocumentPages,
    DocumentView,
    EditionIndex,
    Output,
    Published,
)
from tei_edition.views.data import Dataset, document_datasets
from tei_edition.views.retired import Aliases
from tei_edition.write import SiteFiles, check_output_folder, staged_site

# A document built alone is made in two processes (`Forked`): the views before this index here, the
# rest in the other (about the same work each: the reading and parallel pages; the print view, DTS).
SPLIT_AT = 2

File = tuple[str, bytes, "PageFacts | None"]  # site path, content, the checks' facts of an HTML page


@dataclass
class DocumentResult:
    """One document's files and what the index pages and checks need of it."""

    files: list[File]
    summaries: dict[str, DocumentSummary]  # interface language -> summary
    own: DocumentSummary
    published: list[Published]
    warnings: list[Diagnostic]
    media: dict[str, Path]
    differences: list | None = None  # fidelity.Difference: only when `check` asks
    records: list[Record] = field(default_factory=list)  # its passages, for the search index
    datasets: list[Dataset] = field(default_factory=list)  # its tables declared as data


def finish(output: Output, records: list[Record] | None = None, pages: DocumentPages | None = None) -> File:
    """The bytes of one output; an HTML page is parsed once, for its reading text check, its links
    and (a reading page of `pages`) its passages' search `records`."""
    content = output.content.encode("utf-8") if isinstance(output.content, str) else output.content
    if not output.path.endswith(".html") or output.facts is not None:
        return output.path, content, output.facts
    tree = parse_page(content)
    if output.reading is not None:
        check_page(*output.reading, tree, output.path, RULES)  # nothing of the TEI's text lost
        if records is not None and pages is not None:
            records.extend(reading_page_records(pages, output.path, tree, output.version))
    return output.path, content, page_facts(tree)


def reading_page_records(pages: DocumentPages, path: str, tree: Any, version: str = "") -> list[Record]:
    site = pages.site
    lang = tree.get("lang", "")  # the page's interface language
    model = pages.model(version or lang)
    return passage_records(tree, path, model, site.config.strings(lang), model.title_text)


def made_pages(pages: DocumentPages, views: tuple[DocumentView, ...], aliases: Aliases
               ) -> tuple[list[File], list[Record]]:
    """The files of `views` for one document, each with its retired ids' aliases and finished, and
    its reading pages' passages."""
    records: list[Record] = []
    return [finish(aliases.apply(output), records, pages) for view in views for output in view.pages(pages)], \
        records


def make_document(site: Site, doc: DocumentConfig, prove_fidelity: bool, validate: bool = False,
                  names: bool = True, split: bool = False, views: tuple[DocumentView, ...] = DOCUMENT_VIEWS
                  ) -> DocumentResult:
    """One document read (with `validate`, against the schema too) and its pages made by `views` and
    checked (with `names`, its register names too; else the helper process checks them). With
    `split`, a second process makes the later views' pages meanwhile (`SPLIT_AT`)."""
    source = read_document(site.config, doc, validate=validate)
    names_warnings = check_names(site.registers, site.untagged, [source.version(lang) for lang in
                                                                  (source.lang, *source.translations)]) \
        if names else []
    pages = DocumentPages(site, source)
    published = [item for view in views for item in view.anchors(pages)]
    aliases = Aliases(site, published)  # its retired ids, where their targets are
    if split:
        pages.prepare()  # first: it needs no template, and the helper may still be compiling them
        site.preload(names)  # the child finds every template compiled: it cannot ask the helper process
        later = Forked(partial(made_pages, pages, views[SPLIT_AT:], aliases), doc.tei)
        try:
            files, records = made_pages(pages, views[:SPLIT_AT], aliases)
        except BaseException:
            later.abandon()
            raise
        more_files, more_records = later.result()
        files, records = files + more_files, records + more_records
    else:
        files, records = made_pages(pages, views, aliases)
    published += aliases.published
    languages = site.config.languages
    summaries = {lang: pages.model(lang).summary() for lang in languages}
    warnings = sorted({w for model in pages.models for w in model.warnings} | set(names_warnings), key=str)
    media = {path: image for model in pages.models for path, image in model.media}
    return DocumentResult(files, summaries, summaries[pages.own_lang], published, warnings, media,
                          fidelity_differences(source) if prove_fidelity else None, records,
                          document_datasets(site, source))


def render_site(site: Site, files: SiteFiles, helper: Helper, prove_fidelity: bool = False) -> None:
    """Every file of the site into `files`. A document that fails is reported by the schema's
    messages when the schema refuses it (as if it had been validated first), else by its own;
    once one has failed, the others are still read and checked, and all problems raised together."""
    with SearchIndex() as search:
        _render_site(site, files, helper, prove_fidelity, search)


def _render_site(site: Site, files: SiteFiles, helper: Helper, prove_fidelity: bool, search: SearchIndex) -> None:
    index = EditionIndex({lang: {} for lang in site.config.languages})
    site.retired  # noqa: B018 - read and checked before any document, and inherited by a pool's processes
    site.documents_by_id  # noqa: B018 - (the same: each file's root id, read once)
    problems: list[Diagnostic] = []
    names_pending: list[tuple[str, list[Path]]] = []  # documents whose names the helper checks meanwhile
    jobs = pooled(site.config)
    config = site.config
    fonts = fonts_job(config.templates, font_inputs(config))
    if jobs == 1:  # the registers file too, last: its verdict is needed only before anything is published
        registers = config.register_files
        names = NamesJob(registers, config.languages, config.untagged,
                         tuple((doc.id, (doc.tei, *doc.translations.values())) for doc in config.documents))
        helper.validate([*config.tei_files, *registers], names, fonts)
    else:
        helper.validate([], None, fonts)
    if fonts is not None:
        job, characters = fonts, SiteCharacters(fonts, helper.predicted_characters)
        files.characters = characters
        site.fonts = lambda: (helper.subsets() or make_subsets(job, characters.predicted)).files
    by_helper = jobs == 1 and helper.validating  # else each document is validated as it is read
    # One process, beside a helper (a command-line build): each document's pages on both cores.
    split = by_helper and (os.cpu_count() or 1) > 1
    for doc, result in made_documents(make_document, site, jobs, prove_fidelity, validate=not by_helper,
                                      names=not by_helper, split=split):
        paths = [doc.tei, *doc.translations.values()] if by_helper else []
        if isinstance(result, Exception):
            early = result.diagnostics if isinstance(result, NotReadable) else []
            schema = helper.errors_for(paths)
            if early or schema:  # the schema's first, then the project's rules' (all in one round)
                rules = result.diagnostics if isinstance(result, EditionError) and not early else []
                problems.extend(early + said_once(schema, [d for d in rules if d not in schema], early))
            elif isinstance(result, EditionError):
                problems.extend(result.diagnostics)
            else:
                raise RuntimeError(str(result)) if isinstance(result, BuildCrash) else result
            continue
        problems.extend(helper.errors_for(paths))
        if problems:
            continue
        if by_helper:  # the helper's names check, taken once the edition's pages are made (below)
            names_pending.append((doc.id, paths))
        for path, content, facts in result.files:
            files.add(path, content, facts)
        add_to_index(index, doc.id, result, passages=bool(site.releases))
        files.publish(result.published)
        files.warnings.update(result.warnings)
        if result.differences is not None:
            files.differences[doc.id] = result.differences
        search.add(result.records)
        for path, content in search.finished().items():  # a part of the index, written meanwhile
            files.add(path, content)
    validated = [path for path in config.register_files if helper.validates(path)]
    if validated:
        problems.extend(helper.errors_for(validated))
    if problems:  # with the names check's faults too: every problem found is reported together
        raise EditionError(problems + names_faults(site, helper, names_pending, files))
    files.summaries.update(index.own)
    if site.registers is not None:  # an entry no text mentions: a warning (--strict: an error)
        summaries = [*index.own.values(), *(s for by_doc in index.summaries.values() for s in by_doc.values())]
        files.warnings.update(unmentioned(site.registers, {m.entity for s in summaries for m in s.mentions}))
    index.pages = files.paths  # the set itself: the last views see the pages the first ones made
    search.start()  # every passage is in: Pagefind indexes them while the edition's pages are made
    index.search_parts = search.parts
    index.ids = files.links.ids
    for view in EDITION_VIEWS:
        published = list(view.anchors(site, index))
        aliases = Aliases(site, published)
        for output in view.pages(site, index):
            files.add(*finish(aliases.apply(output)))
        files.publish(published + aliases.published)
    for path, content in search.files().items():
        files.add(path, content)
    files.warnings.update(index.warnings)
    # The names check, taken last: it never changes a page (an untagged name is a fault of the TEI),
    # and the helper makes it after validating every file, while this process made the pages above.
    problems = names_faults(site, helper, names_pending, files)
    if problems:
        raise EditionError(problems)
    if fonts is not None:  # last: every page has been read for its characters
        for path, content in sorted(site_fonts(files.characters, helper.subsets()).items()):
            files.add(path, content)


def add_to_index(index: EditionIndex, doc_id: str, result: DocumentResult, passages: bool) -> None:
    """What the edition's pages need of one document's result (with `passages`, its passages' words)."""
    for lang, summary in result.summaries.items():
        index.summaries[lang][doc_id] = summary
    index.own[doc_id] = result.own
    index.media.update(result.media)
    index.datasets.update((dataset.table.name, dataset) for dataset in result.datasets)
    if passages:
        for record in result.records:
            folder, _, unit = record.url.partition("#")
            index.passages.setdefault(folder, {})[unit] = (dict(record.meta)["unit"], record.content)


def font_inputs(config: Config) -> list[Path]:
    """The edition's folder and every file the configuration names (some may stand outside it)."""
    return [config.root, *config.named_files]


def names_faults(site: Site, helper: Helper, documents: list[tuple[str, list[Path]]], files: SiteFiles
                 ) -> list[Diagnostic]:
    """The names check's errors for `documents` (doc id, its files); its warnings go to `files`."""
    found = []
    for doc_id, paths in documents:
        errors, warnings = names_checked(site, helper, doc_id, paths)
        found.extend(errors)
        files.warnings.update(warnings)
    return found


def names_checked(site: Site, helper: Helper, doc_id: str, paths: list[Path]
                  ) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """One document's names check, (errors, warnings): the helper's, or made here if it has none."""
    checked = helper.names_of(doc_id)
    if checked is not None:
        return checked
    try:
        return [], check_names(site.registers, site.untagged, [(tei.parse(path), path) for path in paths])
    except EditionError as exc:
        return exc.diagnostics, []


def protected_paths(config: Config) -> tuple[list[Path], list[Path]]:
    """What a build must never overwrite: (every input, every source folder), for `check_output_folder`."""
    project = config.root.parent
    inputs = [project, *config.named_files]
    code = Path(__file__).resolve().parent
    return inputs, [config.root, project / "templates", project / ".git", code, code.parent]


def build(edition_dir: Path, out_dir: Path, strict: bool = False, config: Config | None = None,
          helper: Helper | None = None) -> SiteFiles:
    """Read, render and check everything, then swap the new site in; with `strict`, a warning stops it.
    (The command line reads the configuration and starts the helper before it imports this module:
    they are passed in.)"""
    config = config or load_config(edition_dir)
    out = check_output_folder(out_dir, *protected_paths(config))
    return build_site(config, out, strict, helper=helper)


def build_site(config: Config, out: Path, strict: bool, verify: bool = True, prove_fidelity: bool = False,
               helper: Helper | None = None) -> SiteFiles:
    """The site of `config` as the folder `out`. With `verify` (a build), a broken link, a lost or
    unrecorded anchor stops it; `check` reports them instead. `prove_fidelity` compares each printed
    document's print lines with its source in the same pass."""
    from tei_edition.anchors import LEDGER
    from tei_edition.checks import verify_anchors, verify_links  # the checks read this module
    with helper or Helper(config.templates) as helper, \
            staged_site(out) as files:
        # Every anchor is checked on its pages as it comes; all of them are kept (a large edition's
        # take a third of the memory the build keeps) only for a ledger to compare, or for `check`.
        files.keep_published = not verify or (config.root / LEDGER).is_file()
        files.links.site_root = site_root(config.base_url)
        site = Site(config, helper)
        render_site(site, files, helper, prove_fidelity)
        files.retired = site.retired
        report_warnings(files, strict)
        if verify:
            verify_links(files)
            verify_anchors(config, files)
    return files


def report_warnings(files: SiteFiles, strict: bool) -> None:
    warnings = sorted(files.warnings, key=lambda d: (str(d.path), d.line or 0, d.message))
    if strict and warnings:
        raise EditionError(warnings)
    for said in said_together(warnings):
        print(said, file=sys.stderr)
