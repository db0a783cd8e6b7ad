"""Distributed Text Services 1.0, Level 0 (README, "Distributed Text Services"): every response under
/dts/ is valid against the JSON Schemas written from the specification (tests/dts_schemas/), every
URI template expands to a file a static host serves, the requests the DTS validator makes succeed
against the site served on 127.0.0.1, and every passage the navigation lists reads, in the document
endpoint, as the reading page's element with its id reads."""
from __future__ import annotations

import json
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, build_with_fixed_date, parse_html
from jsonschema import Draft202012Validator, FormatChecker
from lxml import etree
from referencing import Registry, Resource
from uritemplate import URITemplate

from tei_edition.passages import DTS_NS, citation_trees, passage
from tei_edition.tei import TEI_NS

SCHEMAS = Path(__file__).parent / "dts_schemas"
BASE = "https://example.org/shemetova-2020/"  # edition/edition.yaml's base_url
SCHEMA_OF = {"EntryPoint": "entry", "Collection": "collection", "Resource": "collection", "Navigation": "navigation"}
FORMATS = FormatChecker()


@FORMATS.checks("uri")
def _absolute_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(re.fullmatch(r"https?://[^\s/?#]+[^\s]*", value))


@FORMATS.checks("uri-reference")
def _uri_reference(value: object) -> bool:
    return not isinstance(value, str) or bool(re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", value))


@FORMATS.checks("uri-template", raises=ValueError)
def _uri_template(value: object) -> bool:
    if isinstance(value, str):
        expanded = URITemplate(value).expand()
        return bool(re.fullmatch(r"https?://[^\s{}]+", expanded)) and value.count("{") == value.count("}")
    return True


def validators() -> dict[str, Draft202012Validator]:
    schemas = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in SCHEMAS.glob("*.json")}
    registry: Registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values())
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
    return {name: Draft202012Validator(schemas[f"{name}.schema.json"], registry=registry, format_checker=FORMATS)
            for name in set(SCHEMA_OF.values())}


def responses(site: Path) -> Iterator[tuple[str, dict]]:
    for path in sorted((site / "dts").rglob("*.json")):
        yield path.relative_to(site).as_posix(), json.loads(path.read_text(encoding="utf-8"))


def local(site: Path, url: str, base: str = BASE) -> Path:
    """The file a URL of the published site is, in the built folder (as a static host maps it)."""
    assert url.startswith(base), url
    return site / urllib.request.url2pathname(url[len(base):])


# --- the reading text of a TEI passage, and of the reading page's element with its id -----------------

GLUE = "\x00"
DECORATIONS = {"noteref", "note-backref", "note-printed", "cite", "para-number", "pagebreak", "mention-link",
               "quote-original", "note-lost-text"}  # what the page adds: markers, numbers, the Cite box


def tei_reading_text(element: etree._Element) -> str:
    """What a reader reads of a TEI element (as test_reading_text.py): its own notes left out (they
    stand beside it), a `choice` read as printed, a line end inside a word joins it, a lost note's
    gap is no text, a translator's addition is in square brackets."""
    def walk(node: etree._Element) -> str:
        name = etree.QName(node).localname
        parent = node.getparent()
        if (name == "note" and node is not element) or name == "gap" or (
                name in ("corr", "reg", "expan") and parent is not None
                and etree.QName(parent).localname == "choice"):
            inner = ""
        elif name in ("lb", "pb"):
            inner = GLUE if node.get("break") == "no" else (" " if name == "lb" else "")
        else:
            inner = (node.text or "") + "".join(walk(child) for child in node if isinstance(child.tag, str))
            inner = f"[{inner}]" if name == "supplied" else inner
        return inner + (node.tail or "") if node is not element else inner
    return " ".join(re.sub(r"\s*\x00\s*", "", walk(element)).split())


def page_reading_text(element) -> str:
    parts: list[str] = [element.text or ""]

    def visit(node) -> None:
        if not set((node.get("class") or "").split()) & DECORATIONS:
            parts.append(node.text or "")
            for child in node:
                visit(child)
        parts.append(node.tail or "")
    for child in element:
        visit(child)
    return " ".join("".join(parts).split())


def wrapped(path: Path) -> list[etree._Element]:
    root = etree.parse(str(path)).getroot()
    assert root.tag == f"{{{TEI_NS}}}TEI"
    wrapper = root.find(f"{{{DTS_NS}}}wrapper")
    assert wrapper is not None, path
    return list(wrapper)


# --- citation trees and passages of a small TEI --------------------------------------------------------

SMALL = f"""<TEI xmlns="{TEI_NS}" xml:lang="en"><teiHeader/><text><body>
<div xml:id="d1"><head>One</head><p xml:id="a">one <hi>two<pb n="2" xml:id="pg2"/>three</hi> four<note xml:id="n1">a
note</note></p></div><p xml:id="b">five<pb n="3" xml:id="pg3"/>six</p></body></text></TEI>"""


def test_a_page_is_cut_from_the_text_with_its_structure():
    tree = etree.ElementTree(etree.fromstring(SMALL))
    units, pages = citation_trees(tree)
    assert [(u.identifier, u.level, u.parent) for u in units.units] == [
        ("d1", 1, None), ("a", 2, "d1"), ("n1", 3, "a"), ("b", 1, None)]
    assert [u.identifier for u in units.members(units.by_id["a"], 0) or []] == ["a"]
    assert [u.identifier for u in units.members(None, 2) or []] == ["d1", "a", "b"]
    assert units.structure()[0]["citeStructure"][0]["citeStructure"] == [{"@type": "CiteStructure", "citeType": "note"}]
    page = etree.fromstring(passage(tree, pages, pages.by_id["pg2"]))
    assert re.sub(r' xmlns(:dts)?="[^"]*"', "", etree.tostring(page[0][0], encoding="unicode")) == (
        '<body><div xml:id="d1"><p xml:id="a"><hi><pb n="2" xml:id="pg2"/>three</hi> four<note xml:id="n1">a\n'
        'note</note></p></div><p xml:id="b">five</p></body>')
    last = etree.fromstring(passage(tree, pages, pages.by_id["pg3"]))
    assert "".join(last[0][0].itertext()) == "six"
    assert etree.tostring(tree).decode() == etree.tostring(etree.fromstring(SMALL)).decode()  # the TEI unchanged


def test_a_text_without_ids_has_an_empty_tree():
    tree = etree.ElementTree(etree.fromstring(f'<TEI xmlns="{TEI_NS}"><text><body><p>x</p></body></text></TEI>'))
    (units,) = citation_trees(tree)
    assert units.depth == 0 and units.members(None, 1) == [] and units.members(None, -1) == []


# --- the edition as it is built ---------------------------------------------------------------------

def test_every_response_is_valid_against_the_schemas(built_site):
    checks = validators()
    found = {kind: 0 for kind in SCHEMA_OF}
    for path, data in responses(built_site):
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in checks[SCHEMA_OF[data["@type"]]].iter_errors(data)]
        assert not errors, (path, errors[:5])
        found[data["@type"]] += 1
    assert found["EntryPoint"] == 1 and found["Collection"] == 9 and found["Resource"] == 6
    assert found["Navigation"] > 600


def test_a_wrong_response_is_refused_by_the_schemas(built_site):
    checks = validators()
    navigation = json.loads((built_site / "dts/navigation/shemetova-2020.ru/p12.json").read_text(encoding="utf-8"))
    assert not list(checks["navigation"].iter_errors(navigation))
    for broken in ({**navigation, "ref": {**navigation["ref"], "parent": 3}},
                   {**navigation, "@id": "dts/navigation/shemetova-2020.ru/p12.json"},
                   {**navigation, "resource": {**navigation["resource"], "citationTrees": [
                       {**tree, "identifier": "units"} for tree in navigation["resource"]["citationTrees"]]}},
                   {**navigation, "resource": {**navigation["resource"], "navigation": "https://x.org/{resource"}}):
        assert list(checks["navigation"].iter_errors(broken)), broken


def test_the_entry_point_names_templates_with_the_parameters_the_validator_asks_for(built_site):
    entry = json.loads((built_site / "dts" / "index.json").read_text(encoding="utf-8"))
    assert entry["@id"] == BASE + "dts/index.json"
    expected = {"collection": {"id", "nav"}, "navigation": {"resource", "ref", "start", "end", "down", "tree"},
                "document": {"resource", "ref", "start", "end", "tree"}}
    for endpoint, parameters in expected.items():
        assert parameters <= set(URITemplate(entry[endpoint]).variable_names), endpoint
    root = json.loads((built_site / "dts" / "collection.json").read_text(encoding="utf-8"))
    for resource in (m for document in root["member"] for m in json.loads(
            local(built_site, URITemplate(document["collection"]).expand()).read_text(encoding="utf-8"))["member"]):
        assert "nav" in URITemplate(resource["collection"]).variable_names
        for endpoint in ("navigation", "document"):
            assert {"ref", "start", "end"} <= set(URITemplate(resource[endpoint]).variable_names)


def test_every_template_expands_to_a_file(built_site):
    """From the entry point down, as a client does: each collection, each resource, each tree, each
    unit with each `down` the README lists, and each passage, by the templates alone."""
    entry = json.loads((built_site / "dts" / "index.json").read_text(encoding="utf-8"))
    collection = URITemplate(entry["collection"])
    root = json.loads(local(built_site, collection.expand()).read_text(encoding="utf-8"))
    assert root == json.loads(local(built_site, collection.expand(id=root["@id"])).read_text(encoding="utf-8"))
    assert local(built_site, collection.expand(nav="parents")).is_file()
    assert local(built_site, collection.expand(id="shemetova-2020", nav="parents")).name == \
        "shemetova-2020;nav=parents.json"
    seen: set[Path] = set()
    for document in root["member"]:
        listed = json.loads(local(built_site, collection.expand(id=document["@id"])).read_text(encoding="utf-8"))
        assert [m["@id"] for m in listed["member"]] == ["shemetova-2020.ru", "shemetova-2020.en"]
        for resource in listed["member"]:
            assert json.loads(local(built_site, collection.expand(id=resource["@id"])).read_text(
                encoding="utf-8"))["citationTrees"] == resource["citationTrees"]
            navigation, document_template = URITemplate(resource["navigation"]), URITemplate(resource["document"])
            assert local(built_site, document_template.expand()).read_bytes().startswith(b"<?xml")
            for tree in resource["citationTrees"]:
                tree_id = {"tree": tree["identifier"]} if "identifier" in tree else {}
                everything = json.loads(local(built_site, navigation.expand(down=-1, **tree_id)).read_text(
                    encoding="utf-8"))
                for unit in everything["member"]:
                    for down in (None, "0", 1, -1):  # "0": uritemplate 4.2 expands the number 0 as ""
                        url = navigation.expand(ref=unit["identifier"], down=down, **tree_id)
                        answer = json.loads(local(built_site, url).read_text(encoding="utf-8"))
                        assert answer["@id"] == url and answer["ref"] == unit
                        assert ("member" in answer) == (down is not None)
                    passage = local(built_site, document_template.expand(ref=unit["identifier"], **tree_id))
                    assert wrapped(passage), passage
                    seen.add(passage)
    assert len(seen) == 63 + 10 + 60  # ru: units and pages; en: units
    assert not local(built_site, URITemplate(entry["document"]).expand(
        resource="shemetova-2020.ru", start="p1", end="p2")).exists()  # Level 0: no ranges (a 404)


def test_the_navigation_answers_as_the_specification_says(built_site):
    def ask(name: str) -> dict:
        return json.loads((built_site / "dts" / "navigation" / name).read_text(encoding="utf-8"))
    top = ask("shemetova-2020.ru;down=1.json")
    assert "ref" not in top and all(u["level"] == 1 and u["parent"] is None for u in top["member"])
    assert [u["identifier"] for u in top["member"]][:3] == ["abstract-ru", "p1", "p2"]
    trees = top["resource"]["citationTrees"]
    assert [t.get("identifier") for t in trees] == [None, "pages"]
    assert [s["citeType"] for s in trees[0]["citeStructure"]] == ["section", "paragraph", "table"]
    everything = ask("shemetova-2020.ru;down=-1.json")["member"]
    identifiers = [u["identifier"] for u in everything]
    assert len(identifiers) == len(set(identifiers)) == 63
    assert identifiers[identifiers.index("p1"):identifiers.index("p1") + 4] == ["p1", "n1", "n2", "p2"]
    assert "member" not in ask("shemetova-2020.ru/p12.json")
    assert [u["identifier"] for u in ask("shemetova-2020.ru;down=-1/p2.json")["member"]] == ["p2", "n3", "n4", "n5"]
    assert [u["identifier"] for u in ask("shemetova-2020.ru;down=0/n4.json")["member"]] == ["n3", "n4", "n5"]
    assert ask("shemetova-2020.ru;down=1/p2.json")["ref"]["@id"] == BASE + "ru/shemetova-2020/#p2"
    (summary,) = [u for u in everything if u["identifier"] == "summary-en"]
    assert summary["dublinCore"]["language"] == ["en"] and summary["dublinCore"]["title"][0]["lang"] == "en"
    pages = ask("shemetova-2020.ru;tree=pages;down=1.json")["member"]
    assert [u["identifier"] for u in pages] == [f"page-{n}" for n in range(165, 175)]
    english = ask("shemetova-2020.en;down=-1.json")
    assert [t.get("identifier") for t in english["resource"]["citationTrees"]] == [None]  # no print pages
    assert english["member"][0]["@id"] == BASE + "en/shemetova-2020/#abstract-ru"
    assert not (built_site / "dts" / "navigation" / "shemetova-2020.en;tree=pages;down=1.json").exists()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_passage_reads_as_the_reading_page(built_site, lang):
    """Each paragraph, note and table the navigation lists: the document endpoint's TEI, read as a
    reader reads it, is the text of the reading page's element with that id (a table is laid out
    anew for reading, README "Tables": its words are compared, not their order)."""
    page = parse_html(built_site / lang / "shemetova-2020" / "index.html")
    resource = f"shemetova-2020.{lang}"
    members = json.loads((built_site / "dts" / "navigation" / f"{resource};down=-1.json").read_text(
        encoding="utf-8"))["member"]
    template = URITemplate(json.loads((built_site / "dts" / "collection" / f"{resource}.json").read_text(
        encoding="utf-8"))["document"])
    compared = 0
    for unit in members:
        if unit["citeType"] not in ("paragraph", "note", "table"):
            continue
        (element,) = wrapped(local(built_site, template.expand(ref=unit["identifier"])))
        (shown,) = page.xpath("//*[@id=$id]", id=unit["identifier"])
        fragment, reading = tei_reading_text(element), page_reading_text(shown)
        if unit["citeType"] == "table":
            fragment, reading = sorted(fragment.split()), sorted(reading.split())
        assert fragment == reading, unit["identifier"]
        compared += 1
    assert compared == {"ru": 61, "en": 58}[lang]


def test_the_pages_hold_the_whole_text_once_in_order(built_site):
    """The print pages' passages, one after the other, are the text of the TEI from the first page on."""
    tei = etree.parse(str(ROOT / "edition" / "shemetova-2020.xml"))
    text = tei.getroot().find(f"{{{TEI_NS}}}text")
    assert text is not None
    whole = "".join("".join(text.itertext()).split())
    folder = built_site / "dts" / "document" / "shemetova-2020.ru;tree=pages"
    pages = "".join("".join(element.itertext()) for n in range(165, 175)
                    for element in wrapped(folder / f"page-{n}.xml"))
    pages = "".join(pages.split())
    assert pages == whole
    (body,) = wrapped(built_site / "dts" / "document" / "shemetova-2020.ru;tree=pages" / "page-167.xml")
    paragraphs = body.findall(f"{{{TEI_NS}}}p")
    assert paragraphs[0].get("{http://www.w3.org/XML/1998/namespace}id") == "p4"  # begun on p. 166
    assert next(paragraphs[0].iter(f"{{{TEI_NS}}}pb")).get("n") == "167"
    assert "".join(paragraphs[0].itertext()).split()[0] == "ветский"  # «Со|ветский»: the print breaks the word


def test_a_passages_pointers_resolve_from_where_it_is_served(built_site):
    """A passage says where its TEI is published (`xml:base`): its relative pointers (a register's
    entry, the original a translation's unit corresponds to, the source text) resolve to the site's files."""
    resolved = 0
    for path in sorted((built_site / "dts" / "document").rglob("*.xml")):
        root = etree.parse(str(path)).getroot()
        if root.find(f"{{{DTS_NS}}}wrapper") is None:
            continue
        base = root.get("{http://www.w3.org/XML/1998/namespace}base")
        assert base in (BASE + "tei/shemetova-2020.xml", BASE + "tei/shemetova-2020.en.xml"), path
        for value in root.xpath("//@ref | //@target | //@corresp | //@sameAs"):
            for pointer in str(value).split():
                if pointer.startswith("#") or "//" in pointer:
                    continue
                assert local(built_site, urllib.parse.urljoin(base, pointer).split("#")[0]).is_file(), (path, pointer)
                resolved += 1
    assert resolved > 800


def test_the_document_endpoint_gives_the_whole_tei_without_a_ref(built_site):
    for resource, tei in (("shemetova-2020.ru", "shemetova-2020.xml"), ("shemetova-2020.en", "shemetova-2020.en.xml")):
        assert (built_site / "dts" / "document" / f"{resource}.xml").read_bytes() == \
            (ROOT / "edition" / tei).read_bytes()


def test_the_sitemap_lists_no_dts_response(built_site):
    assert "/dts/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")


# --- served on 127.0.0.1, as the DTS validator walks an API --------------------------------------------

def test_the_validators_requests_succeed_on_the_served_site(built_site):
    from support.gates import serve_directory

    def get(url: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(url.replace(BASE, served), timeout=10) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, b""
    checks = validators()
    with serve_directory(built_site) as served:
        status, body = get(BASE + "dts/index.json")
        entry = json.loads(body)
        assert status == 200 and not list(checks["entry"].iter_errors(entry))
        root = json.loads(get(URITemplate(entry["collection"]).expand())[1])
        last = json.loads(get(URITemplate(entry["collection"]).expand(id=root["member"][-1]["@id"]))[1])
        for resource in last["member"]:
            assert not list(checks["collection"].iter_errors(
                json.loads(get(URITemplate(entry["collection"]).expand(id=resource["@id"]))[1])))
            navigation = URITemplate(resource["navigation"])
            top = json.loads(get(navigation.expand(resource=resource["@id"], down=1))[1])
            unit = top["member"][-1]
            for down in (-1, 2, 1):
                status, body = get(navigation.expand(resource=resource["@id"], ref=unit["identifier"], down=down))
                assert status == 200 and json.loads(body)["member"], (unit, down)
                assert not list(checks["navigation"].iter_errors(json.loads(body)))
            document = URITemplate(resource["document"])
            status, body = get(document.expand(resource=resource["@id"], ref=unit["identifier"]))
            assert status == 200 and etree.fromstring(body).find(f"{{{DTS_NS}}}wrapper") is not None
            assert get(document.expand(resource=resource["@id"]))[0] == 200
            assert get(navigation.expand(resource=resource["@id"], start="p1", end="p2", down=1))[0] == 404


# --- a collection of born-digital documents, and an edition without base_url ---------------------------

def test_a_collection_of_born_digital_documents(tmp_path):
    project = tmp_path / "collection"
    shutil.copytree(ROOT / "tests" / "roots" / "collection", project)
    shutil.copytree(ROOT / "templates", project / "templates")
    config = project / "edition" / "edition.yaml"
    base = "https://example.org/letters/"
    config.write_text(config.read_text(encoding="utf-8") + f"base_url: {base}\n", encoding="utf-8")
    outputs = []
    for run in ("first", "second"):
        build_with_fixed_date(project / "edition", tmp_path / run)
        outputs.append({p.relative_to(tmp_path / run): p.read_bytes() for p in (tmp_path / run / "dts").rglob("*")
                        if p.is_file()})
    assert outputs[0] == outputs[1]  # deterministic
    site = tmp_path / "first"
    checks = validators()
    for path, data in responses(site):
        assert not list(checks[SCHEMA_OF[data["@type"]]].iter_errors(data)), path
        assert base in json.dumps(data) and "example.org/shemetova" not in json.dumps(data)
    root = json.loads((site / "dts" / "collection.json").read_text(encoding="utf-8"))
    assert [(m["@id"], m["totalChildren"]) for m in root["member"]] == [("letter-a", 1), ("letter-b", 1)]
    letter = json.loads((site / "dts" / "navigation" / "letter-a.en;down=-1.json").read_text(encoding="utf-8"))
    assert [t.get("identifier") for t in letter["resource"]["citationTrees"]] == [None]  # born digital: one tree
    assert [(u["identifier"], u["parent"]) for u in letter["member"]] == [("a1", None), ("a2", None), ("a-n1", "a2")]
    page = parse_html(site / "en" / "letter-a" / "index.html")
    for unit in letter["member"]:
        (element,) = wrapped(site / "dts" / "document" / "letter-a.en" / f"{unit['identifier']}.xml")
        (shown,) = page.xpath("//*[@id=$id]", id=unit["identifier"])
        assert tei_reading_text(element) == page_reading_text(shown), unit


def test_an_edition_without_base_url_publishes_no_dts(tmp_path):
    project = tmp_path / "collection"
    shutil.copytree(ROOT / "tests" / "roots" / "collection", project)
    shutil.copytree(ROOT / "templates", project / "templates")
    build_with_fixed_date(project / "edition", tmp_path / "out")
    assert (tmp_path / "out" / "en" / "letter-a" / "index.html").is_file()
    assert not (tmp_path / "out" / "dts").exists()
