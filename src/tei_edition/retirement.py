"""Retirement, not disappearance: published ids and pages that are withdrawn keep working.

`edition/retired.yaml` (beside the ledger, read only when it exists) lists, like the ledger, promises
that are never changed or removed (README, "Retired ids and pages"):

- an **id** retired to a target on the same ledger page (`p2` of `essay` → `p2a`): every page that
  publishes the target carries the old id too, as an alias placed at the target, with a notice;
- a **document** withdrawn from edition.yaml: each address its pages could have leaves a redirect
  to the same page of the document that replaces it (else its reading page), carrying every id the
  ledger recorded for it;
- a **path** no longer built (`{lang}/data/`: a page type withdrawn): a redirect to another path.

Each entry has its date and its reason (`why`) in one or more languages, shown to readers. This
module reads and checks the file against the ledger and edition.yaml; what needs the built pages
(a target still published, an id not both live and retired) is checked on the build
(`problems`). No HTML here: `views/retired.py` writes the aliases, notices and redirect pages.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from tei_edition.anchors import RETIRED, Anchor, ledger_line
from tei_edition.config import LANGUAGE_TAG, Config, line_of, load_yaml
from tei_edition.errors import Collector, EditionError, read_text

KEY = "retired"
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
HEADER = ("# Retired ids and pages: each entry is a promise, like a row of anchors.tsv: never change or\n"
          "# remove one. Appended by `tei-edition ledger --retire`; see README, 'Retired ids and pages'.\n"
          f"{KEY}:\n")
KINDS = {"id": {"id", "page", "to", "date", "why"}, "document": {"document", "to", "date", "why"},
         "path": {"path", "to", "date", "why"}}


@dataclass(frozen=True)
class Retirement:
    """One entry: `kind` is id, document or path; `old` the retired id, document id or path template."""

    kind: str
    page: str  # the ledger page of a retired id ("" for the other kinds)
    old: str
    to: str
    date: str
    why: tuple[tuple[str, str], ...]  # (language, reason), in the file's order
    path: Path
    line: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def reason(self, lang: str) -> tuple[str, str]:
        """(language, text) of the reason for a page in `lang`: its own, else the first one given
        (which the page then marks with its language)."""
        return next(((code, text) for code, text in self.why if code == lang), self.why[0])


@dataclass(frozen=True)
class Retired:
    """An edition's retirements, checked against its ledger and edition.yaml."""

    entries: tuple[Retirement, ...] = ()
    ledger: tuple[Anchor, ...] = ()  # the ledger rows, for what a retired id meant

    @cached_property  # followed link by link for every alias of every page
    def ids(self) -> dict[tuple[str, str], Retirement]:
        return {(r.page, r.old): r for r in self.entries if r.kind == "id"}

    @property
    def pages(self) -> tuple[Retirement, ...]:
        return tuple(r for r in self.entries if r.kind != "id")

    def final(self, page: str, target: str) -> str:
        """Where a chain of retirements ends (p2 → p2a → p2c: p2c); `load` has refused cycles."""
        ids = self.ids
        while (page, target) in ids:
            target = ids[(page, target)].to
        return target

    def meaning(self, page: str, anchor_id: str) -> str:
        return next(a.meaning for a in self.ledger if (a.page, a.id) == (page, anchor_id))

    def of_documents(self) -> dict[str, Retirement]:
        return {r.old: r for r in self.entries if r.kind == "document"}


def _entry(item: object, path: Path, languages: tuple[str, ...], errors: Collector) -> Retirement | None:
    line = line_of(item) or 1
    kind = next((k for k in KINDS if isinstance(item, dict) and k in item), "")
    if not kind or not isinstance(item, dict):
        errors.add(path, line, "a retirement names what it retires: `id` (with `page`), `document` or `path`, "
                               "then `to`, `date` and `why`")
        return None
    bad = sorted(set(item) - KINDS[kind]) + sorted(k for k in KINDS[kind] if k not in item)
    if bad:
        errors.add(path, line, f"a retired {kind} has the keys {', '.join(sorted(KINDS[kind]))}; "
                               f"check {', '.join(bad)}")
        return None
    texts = {key: item[key] for key in KINDS[kind] - {"why"}}
    for key, value in texts.items():
        if not isinstance(value, str) or not value.strip() or value != value.strip():
            errors.add(path, line_of(item, key), f"'{key}' must be text without surrounding spaces")
            return None
    if not DATE.fullmatch(texts["date"]):
        errors.add(path, line_of(item, "date"), f"date '{texts['date']}' must be YYYY-MM-DD")
    why = item["why"]
    if not isinstance(why, dict) or not why:
        errors.add(path, line_of(item, "why"), "'why' must map a language to the reason shown to readers, "
                                               f"e.g. {{{languages[0]}: ...}}")
        return None
    reasons = []
    for lang, text in why.items():
        if not isinstance(lang, str) or not LANGUAGE_TAG.match(lang):
            errors.add(path, line_of(why, lang), f"'why': '{lang}' is not a language tag (e.g. {languages[0]})")
        elif not isinstance(text, str) or not text.strip():
            errors.add(path, line_of(why, lang), f"'why' in '{lang}' is empty: readers are shown the reason")
        else:
            reasons.append((lang, " ".join(text.split())))
    if len(reasons) != len(why):
        return None
    return Retirement(kind, texts.get("page", ""), texts[kind], texts["to"], texts["date"], tuple(reasons), path, line)


def _check(entries: list[Retirement], config: Config, ledger: list[Anchor], ledger_path: Path,
           errors: Collector) -> None:
    """What the file and the ledger alone say: an id published once, retired once, no cycle; a
    withdrawn document out of edition.yaml, its replacement in it."""
    recorded = {(a.page, a.id) for a in ledger}
    documents = {d.id for d in config.documents}
    seen: dict[tuple[str, str, str], Retirement] = {}
    for entry in entries:
        key = (entry.kind, entry.page, entry.old)
        if key in seen:
            errors.add(entry.path, entry.line, f"{entry.old} is already retired at line {seen[key].line}: "
                                               f"a retirement is never changed; retire its target instead")
        seen[key] = entry
        if entry.kind == "id" and (entry.page, entry.old) not in recorded:
            errors.add(entry.path, entry.line, f"{entry.page}#{entry.old} was never published (it is not in "
                                               f"{ledger_path}): only a published id is retired")
        if entry.kind == "id" and entry.to == entry.old:
            errors.add(entry.path, entry.line, f"{entry.old} cannot be retired to itself")
        if entry.kind == "document":
            if entry.old in documents:
                errors.add(entry.path, entry.line, f"document '{entry.old}' is retired but still in edition.yaml: "
                                                   f"remove it there, or remove this retirement")
            if entry.to not in documents:
                errors.add(entry.path, entry.line, f"document '{entry.old}' is retired to '{entry.to}', which is "
                                                   f"not a document of edition.yaml")
    ids = {(r.page, r.old): r for r in entries if r.kind == "id"}
    for (page, start), entry in ids.items():
        chain, target = [start], entry.to
        while (page, target) in ids and target not in chain:
            chain.append(target)
            target = ids[(page, target)].to
        if target in chain:
            errors.add(entry.path, entry.line, f"retirements of {page} run in a circle: "
                                               f"{' → '.join([*chain, target])}")


def load(config: Config, ledger: list[Anchor], ledger_path: Path, path: Path | None = None) -> Retired:
    """The edition's retirements (none without the file), checked; every problem at once."""
    path = path or config.root / RETIRED
    if not path.exists():
        return Retired()
    errors = Collector()
    data = load_yaml(path)
    listed = data.get(KEY) if isinstance(data, dict) and set(data) == {KEY} else False
    listed = [] if listed is None else listed  # `retired:` with nothing under it yet
    if not isinstance(listed, list):
        raise EditionError.at(path, line_of(data) or 1, f"{RETIRED} is a mapping with one key, {KEY}: a list of "
                                                        f"retirements (README, 'Retired ids and pages')")
    entries = [e for e in (_entry(item, path, config.languages, errors) for item in listed) if e is not None]
    errors.raise_if_any()
    _check(entries, config, ledger, ledger_path, errors)
    errors.raise_if_any()
    return Retired(tuple(entries), tuple(ledger))


def problems(retired: Retired, live: Iterable[Anchor], ledger_path: Path) -> list[str]:
    """On the built site: each retired id is not published any more, and the end of its chain is.
    (`live`: the anchors the pages publish of their own, aliases aside.)"""
    now = {(a.page, a.id) for a in live}
    found = []
    for (page, old), entry in retired.ids.items():
        if (page, old) in now:
            found.append(f"{entry.where}: {page}#{old} is retired, but the edition still publishes it: an id is "
                         f"either live or retired; remove this retirement or the id from the text")
        target = retired.final(page, entry.to)
        if (page, target) not in now:
            row = ledger_line(ledger_path, page, target)
            recorded = f" (recorded at {ledger_path}:{row})" if row else ""
            found.append(f"{entry.where}: {page}#{old} is retired to {target}, which {page} does not publish any "
                         f"more{recorded}: retire {target} to where its text is now")
    return found


def append(path: Path, entry: Retirement) -> None:
    """Add one retirement to the file (made with its header if new). Values are written as JSON
    strings, which YAML 1.2 reads as they are: a reason may hold any character."""
    lines = [f"  - {entry.kind}: {json.dumps(entry.old, ensure_ascii=False)}"]
    if entry.kind == "id":
        lines.append(f"    page: {json.dumps(entry.page, ensure_ascii=False)}")
    lines += [f"    to: {json.dumps(entry.to, ensure_ascii=False)}", f"    date: \"{entry.date}\"", "    why:"]
    lines += [f"      {lang}: {json.dumps(text, ensure_ascii=False)}" for lang, text in entry.why]
    text = read_text(path) if path.exists() else HEADER
    path.write_text(text + ("" if text.endswith("\n") else "\n") + "\n".join(lines) + "\n", encoding="utf-8")
