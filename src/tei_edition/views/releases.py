"""Every stored release on the site (README, "Releases"): its pages under v/{version}/, made again
from its snapshot by the current generator and templates (the same layout and ids as the current
pages, links that name index.html so that they also work from disk), its archive
(v/{name}-{version}.zip, with v/SHA256SUMS), the list of them all (v/), and for each document a page
of how its text changed from release to release (/{lang}/{document}/changes/)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from markupsafe import Markup

from tei_edition.archive import make_archive, sha256, sums
from tei_edition.config import Config, load_config
from tei_edition.errors import Diagnostic, EditionError
from tei_edition.releases import StoredRelease
from tei_edition.site import Origin, Site
from tei_edition.urls import (
    archive_name,
    archive_path,
    archive_sums_path,
    article_path,
    changes_path,
    portable_links,
    release_list_path,
    release_path,
)
from tei_edition.views.base import EditionIndex, Output, Published
from tei_edition.worddiff import word_diff

if TYPE_CHECKING:
    from tei_edition.build import File

Passages = dict[str, dict[str, tuple[str, str]]]  # page folder -> unit id -> (label, words)


def release_config(current: Config, release: StoredRelease) -> Config:
    """A stored release's configuration as its pages are made now: the current interface strings
    (the current templates ask for them) and its own address under v/{version}/."""
    config = load_config(release.edition)
    if config.version != release.version:
        raise EditionError.at(config.path, None, f"the snapshot of release {release.version} says version "
                                                 f"{config.version}")
    for lang in config.languages:
        if lang not in current.ui:
            raise EditionError.at(config.path, None, f"release {release.version} speaks '{lang}', which is no longer "
                                                     f"an interface language: its pages need i18n/{lang}.yaml")
    return replace(config, ui={lang: current.ui[lang] for lang in config.languages},
                   base_url=current.base_url + release_path(release.version))


@dataclass
class MadeRelease:
    files: list[File]  # site path within the release, content, its checks' facts
    passages: Passages
    warnings: list[Diagnostic]


def make_release_pages(site: Site, release: StoredRelease, pages: set[str]) -> MadeRelease:
    """A stored release's files, as if its site stood alone (paths without v/{version}/)."""
    from tei_edition.build import add_to_index, finish, make_document
    from tei_edition.views import RELEASE_DOCUMENT_VIEWS, RELEASE_EDITION_VIEWS
    config = release_config(site.config, release)
    own = Site(config, templates=site.templates, origin=Origin(release, site.build, site.config.base_url, pages))
    own.env = site.env  # the same templates, compiled once for the whole build
    index = EditionIndex({lang: {} for lang in config.languages})
    made = MadeRelease([], {}, [])
    with portable_links():
        for doc in config.documents:
            result = make_document(own, doc, False, validate=False, names=False, views=RELEASE_DOCUMENT_VIEWS)
            made.files += result.files
            made.warnings += result.warnings
            add_to_index(index, doc.id, result, passages=True)
        index.pages = {path for path, _, _ in made.files}
        for view in RELEASE_EDITION_VIEWS:
            for output in view.pages(own, index):
                made.files.append(finish(output))
                index.pages.add(output.path)
        made.files += [(path, content, None) for path, content in sorted(site.fonts().items())]
    made.passages = index.passages
    return made


def archive_top(base_url: str) -> str:
    """The name of an edition's archives: the last segment of its address ("shemetova-2020")."""
    segments = [part for part in urlsplit(base_url).path.split("/") if part]
    return segments[-1] if segments else "edition"


@dataclass(frozen=True)
class PassageChange:
    id: str
    label: str
    diff: Markup


@dataclass(frozen=True)
class Step:
    """What changed in one document's reading page from one version to the next."""

    old: str
    new: str
    old_page: str
    new_page: str
    changed: tuple[PassageChange, ...]
    added: tuple[tuple[str, str], ...]  # (unit id, label)
    removed: tuple[tuple[str, str], ...]


def compare(reading: str, older: tuple[str, str, Passages], newer: tuple[str, str, Passages],
            labels: tuple[str, str]) -> Step | None:
    """What changed on the reading page `reading` from one version (version, path prefix, passages) to
    the next (None if the page is not in both)."""
    (old, old_prefix, old_passages), (new, new_prefix, new_passages) = older, newer
    folder = reading.removesuffix("index.html")
    before, after = old_passages.get(folder), new_passages.get(folder)
    if before is None or after is None:
        return None
    changed = tuple(PassageChange(unit, label, word_diff(before[unit][1], text, *labels))
                    for unit, (label, text) in after.items() if unit in before and before[unit][1] != text)
    return Step(old, new, old_prefix + reading, new_prefix + reading, changed,
                tuple((unit, label) for unit, (label, _) in after.items() if unit not in before),
                tuple((unit, label) for unit, (label, _) in before.items() if unit not in after))


class ReleasesView:
    def pages(self, site: Site, index: EditionIndex) -> Iterator[Output]:
        releases = site.releases
        if not releases:
            return
        if not site.config.base_url:
            raise EditionError.at(site.config.path, None, "an edition with stored releases publishes them at its "
                                                          "address: set base_url")
        name = archive_top(site.config.base_url)
        versions: list[tuple[str, str, Passages]] = []  # (version, path prefix, passages), oldest first
        archives = []
        for release in releases:
            made = make_release_pages(site, release, index.pages)
            index.warnings.update(made.warnings)
            for path, content, facts in made.files:
                yield Output(release_path(release.version, path), content, facts=facts)
            inputs = {f"inputs/{path.relative_to(release.folder).as_posix()}": path.read_bytes()
                      for path in sorted(release.folder.rglob("*")) if path.is_file()}
            archive = make_archive(f"{name}-{release.version}", {**{p: c for p, c, _ in made.files}, **inputs})
            path = archive_path(name, release.version)
            index.archives[release.version] = (path, len(archive), sha256(archive))
            archives.append((archive_name(name, release.version), archive))
            yield Output(path, archive)
            versions.append((release.version, release_path(release.version), made.passages))
        yield Output(archive_sums_path(), sums(archives))
        if not site.build.released:  # the version in preparation, compared with the last release
            versions.append((site.build.version, "", index.passages))
        if len(versions) > 1:
            yield from self.changes(site, index, versions)

    def changes(self, site: Site, index: EditionIndex, versions: list[tuple[str, str, Passages]]) -> Iterator[Output]:
        languages = site.config.languages
        for doc_id in index.own:
            for lang in languages:
                path = changes_path(lang, doc_id)
                strings = site.config.strings(lang)
                labels = (str(strings["diff_deleted"]), str(strings["diff_inserted"]))
                steps = [step for older, newer in zip(reversed(versions[:-1]), reversed(versions[1:]), strict=True)
                         if (step := compare(article_path(lang, doc_id), older, newer, labels))]
                summary = index.summaries[lang][doc_id]
                page = site.page(path, lang, f"{strings['changes_title']}: {summary.title_text}",
                                 {other: changes_path(other, doc_id) for other in languages},
                                 site.edition_citation(lang), document_id=doc_id)
                yield Output(path, site.render("changes.html", page, steps=steps, document=summary,
                                               reading=article_path(lang, doc_id)))

    def anchors(self, site: Site, index: EditionIndex) -> Iterator[Published]:
        return iter(())


class ReleaseListView:
    """/v/: every stored release, newest first, with its date, its pages, its archive and the archive's
    checksum, in every interface language (as the home page lists the documents). After ReleasesView,
    which makes the archives."""

    def pages(self, site: Site, index: EditionIndex) -> Iterator[Output]:
        if not site.releases:
            return
        lang = site.config.languages[0]
        releases = [(release.version, release.date, release_path(release.version, "index.html"),
                     index.archives.get(release.version)) for release in reversed(site.releases)]
        page = site.page(release_list_path(), lang, site.config.strings(lang)["release_list_link"], {},
                         site.edition_citation(lang))
        yield Output(page.path, site.render("releases.html", page, releases=releases))

    def anchors(self, site: Site, index: EditionIndex) -> Iterator[Published]:
        return iter(())
