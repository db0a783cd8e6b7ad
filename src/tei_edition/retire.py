"""`tei-edition ledger --retire ID --to TARGET --why [LANG] TEXT`: one retirement, checked before it is
written (README, "Retired ids and pages"). Every refusal is a located error and writes nothing."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from tei_edition.anchors import Anchor
from tei_edition.config import LANGUAGE_TAG, Config
from tei_edition.errors import Collector, EditionError
from tei_edition.retirement import DATE, Retired, Retirement


def reasons(given: list[list[str]], config: Config, errors: Collector) -> tuple[tuple[str, str], ...]:
    """`--why TEXT` (in the edition's first language) or `--why LANG TEXT`, each given once or more."""
    found: dict[str, str] = {}
    for values in given:
        lang, text = (config.languages[0], values[0]) if len(values) == 1 else (values[0], values[1])
        if len(values) > 2 or not LANGUAGE_TAG.match(lang):
            errors.add("--why", None, f"give the reason as --why TEXT (in {config.languages[0]}) or --why LANG "
                                      f"TEXT (e.g. --why {config.languages[-1]} \"…\"), not {' '.join(values)!r}")
        elif not " ".join(text.split()):
            errors.add("--why", None, f"the reason in '{lang}' is empty: readers are shown why the id moved")
        elif lang in found:
            errors.add("--why", None, f"the reason in '{lang}' is given twice")
        else:
            found[lang] = " ".join(text.split())
    if not given:
        errors.add("--why", None, "give the reason readers are shown, e.g. --why \"Split into two paragraphs.\"")
    return tuple(found.items())


def ledger_page(anchor_id: str, page: str | None, ledger: Iterable[Anchor], ledger_path: Path) -> str:
    """The ledger page of the id to retire: `--page`, or the one page that recorded it."""
    pages = sorted({a.page for a in ledger if a.id == anchor_id and (page is None or a.page == page)})
    if not pages:
        where = f" on {page}" if page else ""
        raise EditionError.at(ledger_path, None, f"{anchor_id} was never published{where} (no row of the ledger "
                                                 f"records it): only a published id is retired")
    if len(pages) > 1:
        raise EditionError.at("--retire", None, f"{anchor_id} was published on {', '.join(pages)}: say which "
                                                f"with --page")
    return pages[0]


def _where_live(anchor_id: str, config: Config) -> tuple[Path | str, int | None]:
    """The TEI element that still carries an id (for the message), else the argument."""
    from tei_edition.tei import elements, parse, source_line
    for path in [*config.tei_files, *config.register_files]:
        found = elements(parse(path), "//*[@xml:id=$id]", id=anchor_id)
        if found:
            return path, source_line(found[0])
    return "--retire", None


def retirement(config: Config, retired: Retired, ledger: list[Anchor], live: set[tuple[str, str]], anchor_id: str,
               target: str, page: str | None, why: list[list[str]], date: str | None, path: Path,
               ledger_path: Path) -> Retirement:
    """The retirement of `anchor_id`, refused if the id is still live, already retired or never
    published, if its target is not published now (at the end of its chain of retirements) or the
    chain runs in a circle, or if the reason is empty."""
    errors = Collector()
    reasons_given = reasons(why, config, errors)
    date = date or dt.datetime.now(dt.UTC).date().isoformat()
    if not DATE.fullmatch(date):
        errors.add("--date", None, f"'{date}' is not a date: give YYYY-MM-DD")
    errors.raise_if_any()
    page = ledger_page(anchor_id, page, ledger, ledger_path)
    earlier = retired.ids.get((page, anchor_id))
    if earlier is not None:
        raise EditionError.at(earlier.path, earlier.line, f"{page}#{anchor_id} is already retired (to "
                                                          f"{earlier.to}): a retirement is never changed")
    if (page, anchor_id) in live:
        raise EditionError.at(*_where_live(anchor_id, config), f"{anchor_id} is still in the text: an id is "
                                                               f"either live or retired; remove it or give it "
                                                               f"another id first")
    chain, end = [anchor_id], target
    while (page, end) in retired.ids and end not in chain:
        chain.append(end)
        end = retired.ids[(page, end)].to
    if end in chain:
        closing = retired.ids[(page, chain[-1])]
        raise EditionError.at(closing.path, closing.line, f"retiring {anchor_id} to {target} would make the "
                                                          f"retirements of {page} run in a circle: "
                                                          f"{' → '.join([*chain, end])}")
    if (page, end) not in live:
        via = f" (the end of the retirements from {target})" if end != target else ""
        raise EditionError.at("--to", None, f"{page} publishes no id {end}{via} now: an id is retired to where its "
                                            f"text is now")
    return Retirement("id", page, anchor_id, target, date, reasons_given, path, 0)
