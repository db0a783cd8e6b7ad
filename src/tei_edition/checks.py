"""After the build: text fidelity, links and anchors, and the ledger of published anchors."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lxml.html

from tei_edition.anchors import Anchor, compare_ledger, read_ledger, register_anchors
from tei_edition.build import SourceDocument, build_site, fidelity_differences
from tei_edition.config import Config, load_config
from tei_edition.errors import Diagnostic, EditionError
from tei_edition.fidelity import Difference
from tei_edition.linkcheck import LinkReport, check_site_links
from tei_edition.register import build_register
from tei_edition.urls import article_path, parallel_path, register_path
from tei_edition.write import SiteFiles

LEDGER = "anchors.tsv"


@dataclass
class CheckReport:
    differences: dict[str, list[Difference]] = field(default_factory=dict)
    links: LinkReport | None = None
    ledger_problems: list[str] = field(default_factory=list)
    unrecorded: list[Anchor] = field(default_factory=list)
    pages: int = 0

    @property
    def ok(self) -> bool:
        return (not any(self.differences.values()) and self.links is not None and not self.links.problems
                and not self.ledger_problems and not self.unrecorded)


def current_anchors(files: SiteFiles) -> list[Anchor]:
    """The anchors the site publishes: each document's (from its TEI) and the register's."""
    return list(files.anchors) + register_anchors(build_register(files.summaries.values()))


def anchors_missing_from_pages(anchors: list[Anchor], files: SiteFiles, config: Config) -> list[str]:
    """Every anchor must be an id on its page in every language, and the units of the parallel
    view (paragraphs, notes, the table) on that page too."""
    problems = []
    ids_by_path: dict[str, set[str]] = {}
    aligned = {doc_id: summary.aligned_ids for doc_id, summary in files.summaries.items()}
    has_parallel = {path.split("/")[1]: True for path in files.paths if path.endswith("/parallel/index.html")}
    for lang in config.languages:
        for anchor in anchors:
            paths = [register_path(lang)] if anchor.page == "archives" else [article_path(lang, anchor.page)]
            if anchor.id in aligned.get(anchor.page, ()) and has_parallel.get(anchor.page):
                paths.append(parallel_path(lang, anchor.page))
            for path in paths:
                if path not in ids_by_path:
                    html = files.read(path)
                    page = lxml.html.fromstring(html.decode("utf-8")) if html else None
                    found: Any = page.xpath("//@id") if page is not None else []
                    ids_by_path[path] = {str(value) for value in found}
                if anchor.id not in ids_by_path[path]:
                    problems.append(f"{path}: anchor #{anchor.id} ({anchor.meaning}) is not on the page")
    return problems


def ledger_report(config: Config, files: SiteFiles) -> tuple[list[str], list[Anchor]]:
    """Problems with the published anchors, and the anchors not yet recorded."""
    ledger_path = config.root / LEDGER
    anchors = current_anchors(files)
    problems, unrecorded = compare_ledger(read_ledger(ledger_path), anchors, ledger_path)
    return problems + anchors_missing_from_pages(anchors, files, config), unrecorded


def verify_anchors(config: Config, files: SiteFiles) -> None:
    """For `build`: every anchor of the ledger (if the edition keeps one) is still there, means the
    same and is on its pages, and every new anchor is recorded. An edition starts its ledger with
    `tei-edition ledger`."""
    ledger_path = config.root / LEDGER
    if not ledger_path.exists():
        return
    problems, unrecorded = ledger_report(config, files)
    if unrecorded:
        listed = ", ".join(f"{a.page}#{a.id}" for a in unrecorded[:8]) + (" …" if len(unrecorded) > 8 else "")
        problems.append(f"{ledger_path}: {len(unrecorded)} new anchor(s) not in the ledger ({listed}): "
                        f"record them with `tei-edition ledger`")
    if problems:
        raise EditionError([Diagnostic(*_split(problem)) for problem in problems])


def _split(problem: str) -> tuple[str, None, str]:
    where, _, message = problem.partition(": ")
    return where, None, message


def verify_links(site: Path) -> None:
    """For `build`, on the staging folder: every local link and fragment resolves, nothing from other hosts."""
    report = check_site_links(site)
    if report.problems:
        raise EditionError([Diagnostic(f"(built page) {problem.page}", problem.line, problem.message)
                            for problem in report.problems])


def run_checks(edition_dir: Path) -> CheckReport:
    """Every validation, on a build in a temporary folder; writes nothing else."""
    config = load_config(edition_dir)
    report = CheckReport()

    def prove_fidelity(source: SourceDocument) -> None:
        if source.config.source:
            report.differences[source.config.id] = fidelity_differences(source)

    with tempfile.TemporaryDirectory(prefix="tei-edition-check-") as folder:
        site = Path(folder) / "site"
        files = build_site(config, site, strict=False, verify=False, each=prove_fidelity)
        report.pages = files.pages
        report.links = check_site_links(site)
        report.ledger_problems, report.unrecorded = ledger_report(config, files)
    return report


def site_anchors(edition_dir: Path) -> tuple[Config, list[Anchor]]:
    """For `tei-edition ledger`: the anchors a build of the edition publishes."""
    config = load_config(edition_dir)
    with tempfile.TemporaryDirectory(prefix="tei-edition-ledger-") as folder:
        files = build_site(config, Path(folder) / "site", strict=False, verify=False)
    return config, current_anchors(files)
