"""After the build: text fidelity, links and anchors, and the ledger of published anchors."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tei_edition.anchors import LEDGER, Anchor, compare_ledger, read_ledger
from tei_edition.build import build_site
from tei_edition.config import Config, load_config
from tei_edition.errors import Diagnostic, EditionError
from tei_edition.linkcheck import LinkReport
from tei_edition.write import SiteFiles

if TYPE_CHECKING:  # every build imports this module; only `check` compares with the source
    from tei_edition.fidelity import Difference
    from tei_edition.retirement import Retired
    from tei_edition.views.base import Published


@dataclass
class CheckReport:
    differences: dict[str, list[Difference]] = field(default_factory=dict)
    links: LinkReport | None = None
    ledger_problems: list[str] = field(default_factory=list)
    unrecorded: list[Anchor] = field(default_factory=list)
    pages: int = 0
    without_ledger: int = 0  # an edition without a ledger yet: the anchors `tei-edition ledger` would record

    @property
    def ok(self) -> bool:
        return (not any(self.differences.values()) and self.links is not None and not self.links.problems
                and not self.ledger_problems and not self.unrecorded)


def current_anchors(files: SiteFiles) -> list[Anchor]:
    """The anchors the site publishes (each once, though several pages may carry it)."""
    return list(dict.fromkeys(item.anchor for item in files.published))


def ledger_report(config: Config, files: SiteFiles) -> tuple[list[str], list[Anchor]]:
    """Problems with the published anchors (a retired id's alias among them) and with the retirements,
    and the anchors not yet recorded."""
    ledger_path = config.root / LEDGER
    anchors = current_anchors(files)
    problems, unrecorded = compare_ledger(read_ledger(ledger_path), anchors, ledger_path)
    live = (item.anchor for item in files.published if not item.alias)
    if files.retired is not None:
        from tei_edition.retirement import problems as retirement_problems
        problems += retirement_problems(files.retired, live, ledger_path)
    return problems + files.anchor_problems, unrecorded


def verify_anchors(config: Config, files: SiteFiles) -> None:
    """For `build`: every anchor is on its pages; every anchor of the ledger (if the edition keeps
    one) is still there and means the same, and every new anchor is recorded. An edition starts its ledger with
    `tei-edition ledger`."""
    ledger_path = config.root / LEDGER
    unrecorded: list[Anchor] = []
    if not ledger_path.exists():  # every anchor still on its pages
        problems = list(files.anchor_problems)
    else:
        problems, unrecorded = ledger_report(config, files)
    if unrecorded:
        listed = ", ".join(f"{a.page}#{a.id}" for a in unrecorded[:8]) + (" …" if len(unrecorded) > 8 else "")
        problems.append(f"{ledger_path}: {len(unrecorded)} new anchor(s) not in the ledger ({listed}): "
                        f"record them with `tei-edition ledger`")
    if problems:
        raise EditionError([Diagnostic(*_split(problem)) for problem in problems])


def _split(problem: str) -> tuple[str, int | None, str]:
    """A ledger problem ("anchors.tsv:12: message") as a located diagnostic's parts."""
    where, _, message = problem.partition(": ")
    path, _, line = where.rpartition(":")
    return (path, int(line), message) if path and line.isdigit() else (where, None, message)


def verify_links(files: SiteFiles) -> None:
    """For `build`, on what was made: every local link and fragment resolves, nothing from other hosts."""
    report = files.links.finish()
    if report.problems:
        raise EditionError([Diagnostic(f"(built page) {problem.page}", problem.line, problem.message)
                            for problem in report.problems])


def run_checks(edition_dir: Path, strict: bool = False) -> CheckReport:
    """Every validation, on a build in a temporary folder; writes nothing else. With `strict`, a
    warning is an error, as in `build --strict`."""
    config = load_config(edition_dir)
    report = CheckReport()
    with tempfile.TemporaryDirectory(prefix="tei-edition-check-") as folder:
        files = build_site(config, Path(folder) / "site", strict=strict, verify=False, prove_fidelity=True)
        report.pages = files.pages
        report.differences = files.differences
        report.links = files.links.finish()
        report.ledger_problems, report.unrecorded = ledger_report(config, files)
        if not (config.root / LEDGER).exists():  # (as `build`: an edition starts its ledger when it publishes)
            report.without_ledger, report.unrecorded = len(report.unrecorded), []
    return report


def site_published(edition_dir: Path) -> tuple[Config, list[Published], Retired | None]:
    """For `tei-edition ledger`: what a build of the edition publishes (aliases of retired ids among
    it), and its retirements."""
    config = load_config(edition_dir)
    with tempfile.TemporaryDirectory(prefix="tei-edition-ledger-") as folder:
        files = build_site(config, Path(folder) / "site", strict=False, verify=False)
    return config, files.published, files.retired
