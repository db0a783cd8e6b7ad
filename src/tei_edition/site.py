"""What every view of one build shares: the configuration, the templates, the build's version
and date, the prose pages' menu, and how a page is made and cited."""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from tei_edition.config import Config
from tei_edition.errors import EditionError
from tei_edition.helper import Helper, template_cache
from tei_edition.metadata import PageMetadata
from tei_edition.prose import ProsePage, load_pages
from tei_edition.render import BuildInfo, Page, ReleaseBanner, environment, render
from tei_edition.tei import root_id
from tei_edition.urls import abbreviations_path, absolute_url, changelog_path, glossary_path, release_path

if TYPE_CHECKING:
    from tei_edition.abbreviations import Abbreviation
    from tei_edition.changelog import Release
    from tei_edition.datasets import DataTable
    from tei_edition.names import Registers
    from tei_edition.releases import StoredRelease
    from tei_edition.retirement import Retired
    from tei_edition.untagged import Exclusion

# The last second datetime can print (9999-12-31T23:59:59Z).
LATEST_EPOCH = 253402300799


def build_date(edition_dir: Path) -> str:
    """Deterministic: SOURCE_DATE_EPOCH if set, else the date of the last commit."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    where = "SOURCE_DATE_EPOCH"
    if epoch is None:
        where = f"{edition_dir} (git log)"
        try:
            epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=edition_dir, capture_output=True,
                                   text=True, check=True).stdout.strip() or None
        except (OSError, subprocess.CalledProcessError):
            epoch = None
        if epoch is None:
            raise EditionError.at("SOURCE_DATE_EPOCH", None, (
                f"no build date: {edition_dir} is in no git repository with a commit; commit the edition "
                f"(its pages are dated by the last commit), or set SOURCE_DATE_EPOCH to seconds since 1970 "
                f"(e.g. export SOURCE_DATE_EPOCH=$(date +%s))"))
    if not re.fullmatch(r"[0-9]{1,12}", epoch) or int(epoch) > LATEST_EPOCH:
        raise EditionError.at(where, None, f"'{epoch[:40]}' is not a build date: give whole seconds since "
                                           f"1970-01-01 UTC, at most {LATEST_EPOCH} (e.g. 1764028800)")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()


@dataclass(frozen=True)
class Origin:
    """What the pages of a stored release know of the current edition that publishes them."""

    release: StoredRelease
    current: BuildInfo
    base_url: str  # the current site's address
    pages: set[str]  # the current site's pages (the set the build fills)


class Site:
    """One build's shared context: of the current edition, or (with `origin`) of a stored release,
    rendered with the current templates (`templates`)."""

    def __init__(self, config: Config, helper: Helper | None = None, templates: Path | None = None,
                 origin: Origin | None = None):
        self.config = config
        self.helper = helper
        self.templates = templates or config.templates
        self.origin = origin
        self.env = environment(self.templates)
        if helper is not None:
            self.env.bytecode_cache = template_cache(helper)  # compiled beside the build, in this run
        self.prose: list[ProsePage] = load_pages(config.root / "pages", config.languages)
        # The subset fonts (site path -> bytes) as the build has them (README, "Light pages"): a
        # stored release's pages carry the same faces, to work from disk. Set by the build.
        self.fonts: Callable[[], dict[str, bytes]] = dict

    @cached_property
    def documents_by_file(self) -> dict[str, tuple[str, str]]:
        """Each TEI file of the edition (resolved) -> (its document's id, its language if a translation)."""
        found = {}
        for doc in self.config.documents:
            found[str(doc.tei.resolve())] = (doc.id, "")
            found.update({str(path.resolve()): (doc.id, lang) for lang, path in doc.translations.items()})
        return found

    @cached_property
    def documents_by_id(self) -> dict[str, tuple[str, str, str]]:
        """Each TEI file's root xml:id -> (its document's id, its language if a translation, the file
        resolved): where a letter of a collection leads that points to another by its id
        (`ref target="K_0762"`)."""
        found: dict[str, tuple[str, str, str]] = {}
        for doc in self.config.documents:
            for lang, path in (("", doc.tei), *doc.translations.items()):
                if ident := root_id(path):
                    found.setdefault(ident, (doc.id, lang, str(path.resolve())))
        return found

    @cached_property
    def build(self) -> BuildInfo:
        """The version the pages are, its release's date if it is a stored release, the build's date."""
        if self.origin is not None:
            return BuildInfo(self.config.version, self.origin.current.date, self.origin.release.date)
        released = next((r for r in self.releases if r.version == self.config.version), None)
        if released is not None:
            from tei_edition.releases import differences
            changed = differences(self.config, released)
            if changed:
                raise EditionError.at(self.config.changelog or self.config.path, None, (
                    f"the edition differs from its stored release {released.version} ({', '.join(changed[:3])}): "
                    f"its pages would say they are that release; add the next release to the changelog, undated, "
                    f"and set version in edition.yaml"))
        return BuildInfo(self.config.version, build_date(self.config.root), released.date if released else "")

    @cached_property
    def releases(self) -> tuple[StoredRelease, ...]:
        """The stored releases, oldest first (none for a stored release's own pages: they link no other)."""
        if self.origin is not None:
            return ()
        from tei_edition.releases import stored_releases
        return stored_releases(self.config, self.changelog)

    @property
    def compares(self) -> bool:
        """Two versions or more to compare: the stored releases, and the version in preparation."""
        return bool(self.releases) and len(self.releases) + (0 if self.build.released else 1) > 1

    @property
    def cite_base(self) -> str:
        """The address citations give the pages: a released version's versioned one (README, "Releases")."""
        if self.origin is None and self.build.released and self.config.base_url:
            return self.config.base_url + release_path(self.config.version)
        return self.config.base_url

    @cached_property
    def menus(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """(path, title) of the prose pages in each language, for the menu of every page."""
        return {lang: tuple((p.path, p.title) for p in self.prose if p.lang == lang) for lang in self.config.languages}

    @cached_property
    def registers(self) -> Registers | None:
        """The registers of persons, places and organisations, if the edition keeps them."""
        paths = self.config.register_files
        if not paths:
            return None
        from tei_edition.names import load_registers
        # Validated by the helper process when it validates them (compiling the schema here would cost
        # the build a tenth of a second); its verdict is waited for before anything is published.
        helper = self.helper
        if helper is None or not all(helper.validates(path) for path in paths):
            return load_registers(paths, self.config.languages)
        try:
            return load_registers(paths, self.config.languages, validate=False)
        except EditionError as exc:  # the schema's messages first, as if it had been validated first
            raise EditionError(helper.errors_for(list(paths)) or exc.diagnostics) from None

    @cached_property
    def data_tables(self) -> tuple[DataTable, ...]:
        """The tables the edition publishes as data (none without `data:` in edition.yaml)."""
        if self.config.data is None:
            return ()
        from tei_edition.datasets import load_data_tables
        return load_data_tables(self.config.data, self.config.languages, {d.id for d in self.config.documents})

    @cached_property
    def retired(self) -> Retired | None:
        """The retired ids and pages (README, "Retired ids and pages"), checked against the ledger;
        None for an edition without any (nothing of retirement is even imported then)."""
        from tei_edition.anchors import LEDGER, RETIRED, read_ledger
        if not (self.config.root / RETIRED).exists():
            return None
        from tei_edition.retirement import load
        ledger = self.config.root / LEDGER
        return load(self.config, read_ledger(ledger), ledger)

    @cached_property
    def untagged(self) -> list[Exclusion]:
        from tei_edition.untagged import load_exclusions
        return load_exclusions(self.config.untagged)

    @cached_property
    def abbreviations(self) -> list[Abbreviation]:
        if self.config.abbreviations is None:
            return []
        from tei_edition.abbreviations import load_abbreviations
        return load_abbreviations(self.config.abbreviations, self.config)

    @cached_property
    def changelog(self) -> list[Release]:
        if self.config.changelog is None:
            return []
        from tei_edition.changelog import load_changelog
        return load_changelog(self.config.changelog, self.config)

    def guide(self, lang: str, glossaries: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        """(path, title) of the pages that explain the edition, in `lang`: its prose pages, the
        abbreviations, the glossaries of the documents named in `glossaries`, the changelog."""
        strings = self.config.strings(lang)
        pages = list(self.menus[lang])
        if self.config.abbreviations is not None:
            pages.append((abbreviations_path(lang), strings["abbreviations_title"]))
        pages += [(glossary_path(lang, doc_id), strings["glossary"]) for doc_id in glossaries]
        if self.config.changelog is not None:
            pages.append((changelog_path(lang), strings["changelog_title"]))
        return tuple(pages)

    def licence_line(self, lang: str) -> Markup:
        """The licence statement in `lang`, its name linked to the licence ("" without a licence)."""
        licence = self.config.licence
        if licence is None:
            return Markup("")
        before, _, after = licence.statement[lang].partition("{licence}")
        return (escape(before) + Markup('<a rel="license" href="{}">{}</a>').format(licence.url, licence.name)
                + escape(after))

    def preload(self, names: bool = True) -> None:
        """Compile every template now and, with `names` (processes forked later check the names),
        read the registers of names with their forms, so that processes forked later inherit them."""
        for name in sorted(p.name for p in self.templates.glob("*.html")):
            try:
                self.env.get_template(name)
            except Exception:  # noqa: BLE001 - its error is reported, located, when a page renders it
                continue
        if not names:
            return
        try:
            registers, _ = self.registers, self.untagged
            if registers is not None:
                from tei_edition.untagged import patterns
                for lang in self.config.languages:
                    patterns(registers, lang)
        except EditionError:  # reported, located, by each document that needs them
            pass

    def page(self, path: str, lang: str, title: str, alternates: dict[str, str], citation: Markup,
             document_id: str = "", metadata: PageMetadata | None = None) -> Page:
        return Page(path, lang, title, self.config.strings(lang), self.config, self.build, alternates, citation,
                    self.menus[lang], document_id=document_id, metadata=metadata, licence=self.licence_line(lang),
                    release=self.banner(path, lang))

    def banner(self, path: str, lang: str) -> ReleaseBanner | None:
        """On a stored release's page: which release it is, and where the current page of the same
        passage is (else the list of releases)."""
        origin = self.origin
        if origin is None:
            return None
        releases = absolute_url(origin.base_url, changelog_path(lang)) + f"#v{origin.release.version}"
        current = absolute_url(origin.base_url, path) if path in origin.pages else releases
        return ReleaseBanner(origin.release.version, origin.release.date, origin.current.version,
                             bool(origin.current.released), current, releases)

    def render(self, template: str, page: Page, **context: Any) -> str:
        return render(self.env, template, page, **context)

    def citation_line(self, lang: str, cited: Markup) -> Markup:
        """What is cited, then which version of the edition shows it."""
        return cited + Markup(" ") + self.config.strings(lang)["edition_citation"].format(
            version=self.build.version, date=self.build.cited_date)

    def edition_citation(self, lang: str) -> Markup:
        return self.citation_line(lang, Markup(escape(self.config.title[lang])) + Markup("."))
