"""The edition's changelog: `changelog:` in edition.yaml names a YAML file of releases, newest first,
each with its version, its date (none while it is in preparation) and its changes in every
interface language. The newest release is the edition's `version`."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tei_edition.config import Config, line_of, yaml_list
from tei_edition.errors import Collector

VERSION = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
KEYS = {"version", "date", "changes"}


@dataclass(frozen=True)
class Release:
    version: str
    date: str | None  # YYYY-MM-DD; None: in preparation
    changes: dict[str, tuple[str, ...]]  # language -> what changed


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def load_changelog(path: Path, config: Config) -> list[Release]:
    errors = Collector()
    listed = yaml_list(path, "releases", "a changelog is a mapping with one key, releases: a list of "
                                                    "releases, newest first, each with version, date and changes")
    releases: list[Release] = []
    for entry in listed:
        line = line_of(entry)
        if not isinstance(entry, dict) or set(entry) - KEYS or not {"version", "changes"} <= set(entry):
            errors.add(path, line, f"a release has the keys {', '.join(sorted(KEYS))} (date empty while it is in "
                                   f"preparation)")
            continue
        version = str(entry["version"])
        if not VERSION.fullmatch(version):
            errors.add(path, line_of(entry, "version"), f"version '{version}' must look like 1.2.3")
            continue
        date = entry.get("date")
        if date is not None and not (isinstance(date, str) and DATE.fullmatch(date)):
            errors.add(path, line_of(entry, "date"), f"release {version}: its date is YYYY-MM-DD, or empty while it "
                                                     f"is in preparation")
            date = None
        changes = entry["changes"]
        found: dict[str, tuple[str, ...]] = {}
        for lang in config.languages:
            items = changes.get(lang) if isinstance(changes, dict) else None
            if not isinstance(items, list) or not items or not all(isinstance(i, str) and i.strip() for i in items):
                errors.add(path, line_of(entry, "changes"), f"release {version}: its changes in '{lang}' must be a "
                                                            f"list of texts (quote a change that contains ': ')")
                continue
            found[lang] = tuple(" ".join(item.split()) for item in items)
        if isinstance(changes, dict):
            for lang in sorted(set(changes) - set(config.languages)):
                errors.add(path, line_of(changes, lang), f"release {version}: '{lang}' is not one of the edition's "
                                                         f"languages ({', '.join(config.languages)})")
        releases.append(Release(version, date, found))
    for newer, older in zip(releases, releases[1:], strict=False):
        if version_key(newer.version) <= version_key(older.version):
            errors.add(path, None, f"releases are listed newest first: {newer.version} stands before {older.version}")
    if releases and releases[0].version != config.version:
        errors.add(path, line_of(listed[0]), f"the newest release is {releases[0].version}, but edition.yaml says "
                                             f"version {config.version}: they must agree")
    for release in releases[1:]:
        if release.date is None:
            errors.add(path, None, f"release {release.version} has no date, but only the newest can be in preparation")
    errors.raise_if_any()
    return releases
