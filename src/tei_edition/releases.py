"""Releases (README, "Releases"): `tei-edition release X.Y.Z` dates the release's changelog entry and
stores a snapshot of everything the edition's pages are made from, so that every build can publish
that release's pages again, the same, under v/X.Y.Z/.

A snapshot is `edition/releases/X.Y.Z/`, laid out as the project is: `edition/` (a copy of the
edition folder, its own `releases/` left out) and, for a file edition.yaml names outside the
edition folder (a source text in `../seeds/`), the same path under the snapshot (`seeds/…`), so
that the snapshot's edition.yaml reads as it is. The TEI is never modified.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tei_edition.changelog import DATE, VERSION, Release, load_changelog, version_key
from tei_edition.config import Config, line_of, load_config, load_yaml
from tei_edition.errors import Collector, EditionError, read_text

SNAPSHOTS = "releases"  # the folder of the snapshots, inside the edition folder
LEDGER = "anchors.tsv"  # recorded after a release too: not what the pages are made of


@dataclass(frozen=True)
class StoredRelease:
    """A dated release of the changelog whose snapshot is stored."""

    version: str
    date: str
    folder: Path  # edition/releases/X.Y.Z

    @property
    def edition(self) -> Path:
        return self.folder / "edition"


def stored_releases(config: Config, changelog: list[Release]) -> tuple[StoredRelease, ...]:
    """The edition's stored releases, oldest first; a snapshot that is not a dated release of the
    changelog is a located error."""
    folder = config.root / SNAPSHOTS
    if not folder.is_dir():
        return ()
    dated = {release.version: release.date for release in changelog if release.date}
    errors = Collector()
    found = []
    for snapshot in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        if not (snapshot / "edition" / "edition.yaml").is_file():
            errors.add(snapshot, None, "a release's snapshot holds edition/edition.yaml (made by `tei-edition "
                                       "release`): remove this folder or restore its files")
        elif snapshot.name not in dated:
            errors.add(snapshot, None, f"a snapshot of release {snapshot.name}, but the changelog has no dated "
                                       f"release {snapshot.name}")
        else:
            found.append(StoredRelease(snapshot.name, str(dated[snapshot.name]), snapshot))
    errors.raise_if_any()
    return tuple(sorted(found, key=lambda release: version_key(release.version)))


def _snapshot_files(config: Config) -> dict[Path, Path]:
    """Relative path in the snapshot -> the file to copy: the edition folder (without its snapshots),
    and what edition.yaml names outside it, at its place in the project."""
    project = config.root.parent
    files: dict[Path, Path] = {}
    for path in sorted(config.root.rglob("*")):
        relative = path.relative_to(config.root)
        if path.is_file() and relative.parts[0] != SNAPSHOTS and not any(p.startswith(".") for p in relative.parts):
            files[Path("edition") / relative] = path
    for path in config.named_files:
        resolved = Path(os.path.normpath(path))
        if resolved.is_relative_to(config.root):
            continue
        if not resolved.is_relative_to(project):
            raise EditionError.at(config.path, None, f"'{path}' is outside the project folder {project}: a "
                                                     f"release's snapshot keeps the files it names in the project")
        files[resolved.relative_to(project)] = resolved
    return files


def differences(config: Config, release: StoredRelease) -> list[str]:
    """The edition's files that differ from a stored release's snapshot (its ledger aside)."""
    current = {path: source for path, source in _snapshot_files(config).items() if path.name != LEDGER}
    stored = {path.relative_to(release.folder): path for path in release.folder.rglob("*")
              if path.is_file() and path.name != LEDGER}
    return sorted(str(path) for path in current.keys() | stored.keys() if path not in current
                  or path not in stored or current[path].read_bytes() != stored[path].read_bytes())


def _git_changes(config: Config, files: list[Path]) -> list[str]:
    """The files, of those given, with changes git has not committed (none outside a git checkout)."""
    try:
        listed = subprocess.run(["git", "status", "--porcelain", "--", *map(str, files)], cwd=config.root,
                                capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return [line[3:] for line in listed.splitlines() if line.strip()]


def _dated(text: str, entry: dict, date: str) -> str:
    """The changelog's text with `date` given to `entry` (its `date:` line, or one after `version:`)."""
    lines = text.split("\n")
    if "date" in entry:
        number = line_of(entry, "date") or 0
        lines[number - 1] = re.sub(r"^(\s*(?:-\s*)?date:)[^#]*", rf"\g<1> {date} ", lines[number - 1]).rstrip()
    else:
        number = line_of(entry, "version") or 0
        column = lines[number - 1].index("version")
        lines.insert(number, " " * column + f"date: {date}")
    return "\n".join(lines)


def _is_day(text: str) -> bool:
    try:
        return bool(DATE.fullmatch(text)) and bool(dt.date.fromisoformat(text))
    except ValueError:
        return False


def make_release(edition_dir: Path, version: str, date: str | None = None) -> Path:
    """Date release `version` in the changelog and store its snapshot; its folder. Every problem is
    found before anything is written."""
    where = f"release {version}"
    if not VERSION.fullmatch(version):
        raise EditionError.at(where, None, f"version '{version}' must look like 1.2.3")
    date = date or dt.date.today().isoformat()
    if not _is_day(date):
        raise EditionError.at(where, None, f"--date '{date[:40]}' is not a day: give YYYY-MM-DD")
    config = load_config(edition_dir)
    if config.changelog is None:
        raise EditionError.at(config.path, None, "a release is recorded in the changelog: name it in edition.yaml "
                                                 "(changelog: changelog.yaml)")
    if not config.base_url:
        raise EditionError.at(config.path, None, "a release is published at an address its citations name: set "
                                                 "base_url in edition.yaml")
    releases = load_changelog(config.changelog, config)
    listed = load_yaml(config.changelog)["releases"]
    newest, entry = releases[0], listed[0]
    if version != config.version:
        raise EditionError.at(config.path, line_of(load_yaml(config.path), "version"),
                              f"releasing {version}, but edition.yaml says version {config.version}: the release "
                              f"made is the version in preparation (see README, \"Releases\")")
    if newest.date is not None:
        raise EditionError.at(config.changelog, line_of(entry, "date"), f"release {version} is dated {newest.date}: "
                                                                        f"it was made; prepare the next one")
    last = next((release for release in releases[1:] if release.date), None)
    if last is not None and last.date and date < last.date:
        raise EditionError.at(where, None, f"--date {date} is before release {last.version} of {last.date}")
    folder = config.root / SNAPSHOTS / version
    if folder.exists():
        raise EditionError.at(folder, None, f"release {version} is stored already")
    stored = stored_releases(config, releases)
    if stored and version_key(stored[-1].version) >= version_key(version):
        raise EditionError.at(stored[-1].folder, None, f"release {stored[-1].version} is stored: {version} must "
                                                       f"be greater")
    files = _snapshot_files(config)
    uncommitted = _git_changes(config, sorted(set(files.values())))
    if uncommitted:
        raise EditionError.at(where, None, f"commit the edition's changes first, so that the release is a commit: "
                                           f"{', '.join(uncommitted[:5])}")
    dated = _dated(read_text(config.changelog), entry, date)
    staging = folder.with_name(f".{version}-new")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        for relative, source in files.items():
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, staging / relative)
        changelog = staging / next(relative for relative, source in files.items() if source == config.changelog)
        changelog.write_text(dated, encoding="utf-8")
        load_changelog(changelog, config)
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    config.changelog.write_text(dated, encoding="utf-8")
    return folder
