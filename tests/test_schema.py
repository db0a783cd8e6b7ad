"""The project schema: generated from its ODD by pruning tei_all, committed, and accepting every
document of the repository and of the test roots, as tei_all does."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import etree
from support.gates import run_jing

from tei_edition import schema

SCHEMAS = ROOT / "src" / "tei_edition" / "schemas"
# One worker runs Jing over every document and every broken case, once.
pytestmark = pytest.mark.xdist_group("tei_all")
DOCUMENTS = sorted([*ROOT.glob("edition/*.xml"), *ROOT.glob("tests/roots/**/*.xml")])


def test_the_committed_schema_is_what_the_odd_makes(tmp_path: Path):
    committed = (SCHEMAS / "tei-edition.rng").read_bytes()
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_schema.py")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (SCHEMAS / "tei-edition.rng").read_bytes() == committed, \
        "tei-edition.rng is out of date: run python scripts/make_schema.py and commit it"


@pytest.mark.parametrize("document", DOCUMENTS, ids=[str(d.relative_to(ROOT)) for d in DOCUMENTS])
def test_every_document_is_valid_against_both_schemas(document: Path, tei_all):
    tree = etree.parse(str(document))
    assert tei_all[document] == [], tei_all[document]
    schema.validate_schema(tree, document)  # raises a located error if the project schema refuses it
    # The form a pool of processes compiles; a test root with TEI elements the ODD leaves out (drama)
    # is valid only with them (`schema.widened`).
    inside = all(etree.QName(element).localname in schema.odd_elements()
                 for element in tree.iter(f"{{{schema.TEI_NS}}}*"))
    assert schema._schema(for_many=True).validate(tree) == inside


# Mixed content in the project schema is RELAX NG's own form of it (interleave with text): what
# tei_all refuses in and around mixed content, the project schema refuses too.
REFUSED = [
    ("an element not allowed in a paragraph", '<p xml:id="p3">', '<p xml:id="p3"><div><p>x</p></div>'),
    ("text where only elements may stand", '<p xml:id="p3">', '<list>stray text<item>a</item></list><p xml:id="p3">'),
    ("a paragraph inside a paragraph", '<p xml:id="p3">', '<p xml:id="p3"><p>x</p>'),
    ("a division inside a heading", '<p xml:id="p3">', '<div><head>h<div/></head></div><p xml:id="p3">'),
    ("an item outside a list", '<p xml:id="p3">', '<p xml:id="p3"><item>x</item>'),
    ("an unknown attribute", '<p xml:id="p3">', '<p xml:id="p3" colour="red">'),
]
# TEI elements the ODD leaves out (a dictionary's): tei_all pruned to the ODD's and the document's own
# (`schema.widened`) must give tei_all's verdict: the valid one publishes, the others are refused.
OUTSIDE = [
    ("a dictionary entry", '<p xml:id="p3">',
     '<entry><form><orth>A</orth></form><sense><def>x</def></sense></entry><p xml:id="p3">'),
    ("text in an entry", '<p xml:id="p3">', '<entry>A<sense><def>x</def></sense></entry><p xml:id="p3">'),
    ("a sense outside an entry", '<p xml:id="p3">', '<sense>A</sense><p xml:id="p3">'),
    ("an entry in a heading", '<p xml:id="p3">',
     '<div><head>h<entry><sense>x</sense></entry></head></div><p xml:id="p3">'),
]


@pytest.fixture(scope="session")
def tei_all(tmp_path_factory) -> dict[Path, list[str]]:
    """tei_all's verdict on every document and on each REFUSED case (this edition's article broken,
    in `refused/<index>.xml`): Jing, the TEI's own validator (libxml2 takes seconds to compile
    tei_all), in one run for the session."""
    folder = tmp_path_factory.mktemp("refused", numbered=False)
    text = (ROOT / "edition" / "shemetova-2020.xml").read_text(encoding="utf-8")
    cases = [*REFUSED, *OUTSIDE]
    for index, (_, old, new) in enumerate(cases):
        assert old in text
        (folder / f"{index}.xml").write_text(text.replace(old, new, 1), encoding="utf-8")
    verdicts = run_jing(SCHEMAS / "tei_all.rng", [*DOCUMENTS, *(folder / f"{i}.xml" for i in range(len(cases)))])
    return {(Path("refused") / path.name if path.parent == folder else path): errors
            for path, errors in verdicts.items()}


@pytest.mark.parametrize("what, old, new", REFUSED, ids=[case[0] for case in REFUSED])
def test_both_schemas_refuse_the_same_broken_content(what, old, new, tei_all):
    document = ROOT / "edition" / "shemetova-2020.xml"
    assert tei_all[Path("refused") / f"{REFUSED.index((what, old, new))}.xml"], \
        f"tei_all accepts {what}: not a useful case"
    tree = etree.ElementTree(etree.fromstring(document.read_text(encoding="utf-8").replace(old, new, 1)
                                              .encode("utf-8")))
    from tei_edition.errors import EditionError
    with pytest.raises(EditionError, match="not valid TEI P5"):
        schema.validate_schema(tree, document)
    assert not schema._schema(for_many=True).validate(tree)  # the form a pool of processes compiles


@pytest.mark.parametrize("what, old, new", OUTSIDE, ids=[case[0] for case in OUTSIDE])
def test_tei_elements_outside_the_odd_are_judged_as_tei_all_judges_them(what, old, new, tei_all):
    document = ROOT / "edition" / "shemetova-2020.xml"
    valid = tei_all[Path("refused") / f"{len(REFUSED) + OUTSIDE.index((what, old, new))}.xml"] == []
    tree = etree.ElementTree(etree.fromstring(document.read_text(encoding="utf-8").replace(old, new, 1)
                                              .encode("utf-8")))
    assert not schema._schema().validate(tree)  # the ODD alone refuses it
    from tei_edition.errors import EditionError
    if valid:
        schema.validate_schema(tree, document)
    else:
        with pytest.raises(EditionError, match="not valid TEI P5: "):
            schema.validate_schema(tree, document)
    assert what != "a dictionary entry" or valid, "tei_all refuses the valid case: not a useful case"


def test_a_fault_libxml2_does_not_locate_by_name_is_named():
    """libxml2 says "Expecting an element , got nothing" without saying of which element: the path of
    its error leads to it ("<list> here is incomplete")."""
    from tei_edition.errors import EditionError
    document = etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc><titleStmt><title>T</title>'
        '</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>'
        '</teiHeader><text><body><p>a</p><list></list><p>b</p></body></text></TEI>')
    with pytest.raises(EditionError) as raised:
        schema.validate_schema(etree.ElementTree(document), Path("doc.xml"))
    assert [d.message for d in raised.value.diagnostics] == [
        "not valid TEI P5 (the project schema, tei-edition.odd): <list> here is incomplete: TEI requires an element "
        "inside it (the schema: Expecting an element , got nothing)"]


def test_an_inclusion_is_left_to_the_reading_which_says_how_to_resolve_it(tmp_path: Path):
    """A Shelley-Godwin file with its surfaces included: beside the reading's advice to resolve the
    inclusions (documents._refuse_inclusions), the build's helper said from the schema "<xi:include>
    is of another vocabulary: remove it, or write it as TEI"."""
    from tei_edition.errors import EditionError
    document = etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude" xml:lang="en"><teiHeader>'
        '<fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x'
        '</p></sourceDesc></fileDesc></teiHeader><text><body><p>a</p><xi:include href="other.xml"/></body></text>'
        '</TEI>')
    schema.validate_schema(etree.ElementTree(document), Path("doc.xml"))  # (nothing said: the reading says it)
    # The reading says it first, before any other fault of the file (its language, said by what it includes).
    del document.attrib["{http://www.w3.org/XML/1998/namespace}lang"]
    from tei_edition import documents
    path = tmp_path / "doc.xml"
    path.write_bytes(etree.tostring(document))
    with pytest.raises(EditionError) as raised:
        documents._read_tei(path, {}, None, False, validate=True)
    assert [d.message[:60] for d in raised.value.diagnostics] == [
        'xi:include href="other.xml": a document is read from one fil']


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_attribute_of_a_valid_document_is_taken_for_one_tei_does_not_give(document: Path):
    """The attributes each TEI element takes, read from tei_all for the faults' messages
    (`pruning.element_attributes`): every attribute of every valid document is one of them."""
    assert schema._unknown_attributes(etree.parse(str(document))) == []
