"""Distributed Text Services 1.0, Level 0 (README, "Distributed Text Services"): the edition as
static JSON-LD and TEI under /dts/, for an edition that says where it is published (`base_url`:
DTS identifies requests and templates by absolute URLs).

The entry point (/dts/index.json) names three URI templates (`urls.DTS_*`) that expand to files:
the collection endpoint (the edition, each document, each of its language versions: the original
and every translation, the Resources), the navigation endpoint (each Resource's citation trees:
its units and, for a version that marks print pages, its pages; every `ref` and `down` a client may
ask of them) and the document endpoint (each Resource's TEI whole, and the TEI passage of each unit
of each tree, `<TEI><dts:wrapper>`). A document view makes a document's files, an edition view the
entry point and the root collection. JSON keys are sorted; members are in document order.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from tei_edition.errors import read_bytes
from tei_edition.passages import CitationTree, Unit, citation_trees, passage, version_title
from tei_edition.site import Site
from tei_edition.urls import (
    DTS_COLLECTION,
    DTS_DOCUMENT,
    DTS_NAVIGATION,
    DTS_ROOT_COLLECTION,
    absolute_url,
    article_path,
    dts_collection_path,
    dts_document_path,
    dts_entry_path,
    dts_navigation_path,
    dts_resource_id,
    dts_template,
    tei_path,
)
from tei_edition.views.base import DocumentPages, EditionIndex, Output, Published

CONTEXT = "https://dtsapi.org/context/v1.0.json"
DTS_VERSION = "1.0"
TEI_MEDIA_TYPE = "application/tei+xml"
NAVS = (None, "children", "parents")  # the collection endpoint's `nav`: absent means children


def dumps(response: dict) -> str:
    return _encoded(response) + "\n"


@cache
def _key(key: str) -> str:
    return _encoded(key)


def _encoded(value: object) -> str:
    # Compact: without `indent` the json module uses its C encoder (about ten times faster, and
    # a document has hundreds of responses).
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def response(kind: str, base_url: str, path: str, body: dict) -> Output:
    """A top-level response: its context, version and (for all but a collection) its own URL as `@id`."""
    own = {"@id": absolute_url(base_url, path)} if kind in ("EntryPoint", "Navigation") else {}
    return Output(path, dumps({"@context": CONTEXT, "dtsVersion": DTS_VERSION, "@type": kind, **own, **body}))


def titles(values: dict[str, str]) -> list[dict]:
    return [{"lang": lang, "value": value} for lang, value in sorted(values.items()) if value]


def root_collection(site: Site) -> dict:
    config = site.config
    return {"@id": DTS_ROOT_COLLECTION, "@type": "Collection", "title": config.title[config.languages[0]],
            "totalParents": 0, "totalChildren": len(config.documents),
            "collection": dts_template(config.base_url, DTS_COLLECTION),
            "dublinCore": {"title": titles(dict(config.title))}}


def document_collection(site: Site, doc_id: str, title: str, by_lang: dict[str, str], versions: int) -> dict:
    """A document as a collection of its language versions."""
    return {"@id": doc_id, "@type": "Collection", "title": title, "totalParents": 1, "totalChildren": versions,
            "collection": dts_template(site.config.base_url, DTS_COLLECTION, id=doc_id),
            "dublinCore": {"title": titles(by_lang), "language": sorted(by_lang)}}


@dataclass(frozen=True)
class Version:
    """One language version of a document: a DTS Resource."""

    lang: str
    tree: etree._ElementTree
    tei: Path
    published: str  # its TEI's site path
    title: str
    page: str  # the reading page that shows it ("" if none does)
    trees: tuple[CitationTree, ...]

    def resource(self, site: Site, doc_id: str) -> dict:
        base, rid = site.config.base_url, dts_resource_id(doc_id, self.lang)
        return {"@id": rid, "@type": "Resource", "title": self.title, "totalParents": 1, "totalChildren": 0,
                "collection": dts_template(base, DTS_COLLECTION, id=rid),
                "navigation": dts_template(base, DTS_NAVIGATION, resource=rid),
                "document": dts_template(base, DTS_DOCUMENT, resource=rid),
                "download": absolute_url(base, self.published), "mediaTypes": [TEI_MEDIA_TYPE],
                "citationTrees": [{"@type": "CitationTree", "description": tree.description,
                                   "citeStructure": tree.structure(),
                                   **({"identifier": tree.identifier} if tree.identifier else {})}
                                  for tree in self.trees],
                "dublinCore": {"title": titles({self.lang: self.title}), "language": [self.lang]}}

    def unit(self, site: Site, unit: Unit) -> dict:
        found: dict = {"identifier": unit.identifier, "@type": "CitableUnit", "level": unit.level,
                       "parent": unit.parent, "citeType": unit.cite_type}
        if self.page:
            found["@id"] = f"{absolute_url(site.config.base_url, self.page)}#{unit.identifier}"
        metadata: dict = {}
        if unit.title:
            metadata["title"] = titles({unit.lang or self.lang: unit.title})
        if unit.lang and unit.lang != self.lang:
            metadata["language"] = [unit.lang]  # the author's English summary in the Russian text
        if metadata:
            found["dublinCore"] = metadata
        return found


def versions(document: DocumentPages) -> list[Version]:
    """The original, then each translation by language."""
    source, languages = document.source, document.site.config.languages
    shown: dict[str, tuple[str, str]] = {}  # version language -> (interface language showing it, title)
    for lang in languages:
        model = document.model(lang)
        shown.setdefault(model.lang, (lang, model.title_text))
    found = [(source.lang, source.tree, source.config.tei, tei_path(source.id))]
    found += [(lang, source.translations[lang], path, tei_path(source.id, lang))
              for lang, path in sorted(source.config.translations.items())]
    return [Version(lang, tree, tei, published, shown[lang][1] if lang in shown else version_title(tree),
                    article_path(shown[lang][0], source.id) if lang in shown else "", citation_trees(tree))
            for lang, tree, tei, published in found]


class DtsView:
    """A document's collection, and each of its versions' resource, navigation and passages."""

    def pages(self, document: DocumentPages) -> Iterator[Output]:
        site = document.site
        base = site.config.base_url
        if not base:
            return
        own = versions(document)
        languages = site.config.languages
        shown = {document.model(lang).lang: document.model(lang).title_text for lang in reversed(languages)}
        collection = document_collection(site, document.id, document.model(languages[0]).title_text, shown,
                                         len(own))
        resources = [version.resource(site, document.id) for version in own]
        for nav in NAVS:
            members = [root_collection(site)] if nav == "parents" else resources
            yield response("Collection", base, dts_collection_path(document.id, nav),
                           {**collection, "member": members})
        for version, resource in zip(own, resources, strict=True):
            rid = dts_resource_id(document.id, version.lang)
            for nav in NAVS:
                yield response("Resource", base, dts_collection_path(rid, nav),
                               {**resource, **({"member": [collection]} if nav == "parents" else {})})
            yield from self.navigation(site, version, rid, resource)
            yield from self.passages(site, version, rid)

    @staticmethod
    def navigation(site: Site, version: Version, rid: str, resource: dict) -> Iterator[Output]:
        """Every Navigation request a Level 0 client may make: `down` from the top (1 to the tree's
        depth, -1), and for each unit as `ref` without `down`, with 0 (its siblings), 1 to the depth, -1."""
        base = site.config.base_url
        for tree in version.trees:
            depths = [*range(1, max(tree.depth, 1) + 1), -1]  # an empty tree answers `down=1` too: no member
            requests: list[tuple[Unit | None, int | None]] = [(None, down) for down in depths]
            requests += [(unit, down) for unit in tree.units for down in (None, 0, *depths)]
            # Each unit's description, and the resource's, encoded once: they stand in a dozen responses
            # each (as `ref`, as a member), which are assembled from them as `dumps` would write them.
            described = {unit.identifier: _encoded(version.unit(site, unit)) for unit in tree.units}
            fixed = {"@context": _encoded(CONTEXT), "dtsVersion": _encoded(DTS_VERSION),
                     "@type": _encoded("Navigation"), "resource": _encoded(resource)}
            for ref, down in requests:
                members = tree.members(ref, down)
                path = dts_navigation_path(rid, ref.identifier if ref else None, tree.identifier, down)
                parts = {**fixed, "@id": _encoded(absolute_url(base, path))}
                if ref is not None:
                    parts["ref"] = described[ref.identifier]
                if members is not None:
                    parts["member"] = "[" + ",".join(described[unit.identifier] for unit in members) + "]"
                yield Output(path, "{" + ",".join(f"{_key(key)}:{parts[key]}" for key in sorted(parts)) + "}\n")

    @staticmethod
    def passages(site: Site, version: Version, rid: str) -> Iterator[Output]:
        whole, published = read_bytes(version.tei), absolute_url(site.config.base_url, version.published)
        for tree in version.trees:
            yield Output(dts_document_path(rid, tree=tree.identifier), whole)  # `tree` alone changes nothing
            for unit in tree.units:
                yield Output(dts_document_path(rid, unit.identifier, tree.identifier),
                             passage(version.tree, tree, unit, published))

    def anchors(self, document: DocumentPages) -> Iterator[Published]:
        return iter(())


class DtsEntryView:
    """The entry point and the root collection (the edition, its documents as members)."""

    def pages(self, site: Site, index: EditionIndex) -> Iterator[Output]:
        config = site.config
        base = config.base_url
        if not base:
            return
        yield response("EntryPoint", base, dts_entry_path(), {
            "collection": dts_template(base, DTS_COLLECTION), "navigation": dts_template(base, DTS_NAVIGATION),
            "document": dts_template(base, DTS_DOCUMENT)})
        members = []
        for doc in config.documents:
            shown = {index.summaries[lang][doc.id].lang: index.summaries[lang][doc.id].title_text
                     for lang in reversed(config.languages)}
            members.append(document_collection(site, doc.id, index.summaries[config.languages[0]][doc.id].title_text,
                                               shown, 1 + len(doc.translations)))
        root = root_collection(site)
        for collection_id in (None, DTS_ROOT_COLLECTION):
            for nav in NAVS:
                yield response("Collection", base, dts_collection_path(collection_id, nav),
                               {**root, "member": [] if nav == "parents" else members})

    def anchors(self, site: Site, index: EditionIndex) -> Iterator[Published]:
        return iter(())
