"""Documents written elsewhere, journals and plays: what a newcomer met publishing articles of Digital
Humanities Quarterly, an OpenEdition (Lodel) export and plays of DraCor, each on a tiny edition built
in tmp_path, read with XPath."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import parse_html
from test_elsewhere import build, edition

from tei_edition.cli import main

XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
LODEL_ROOT = (f'<TEI xmlns="http://www.tei-c.org/ns/1.0" {XSI}\n    xsi:schemaLocation="http://www.tei-c.org/ns/1.0 '
              f'https://lodel.org/ns/tei/tei.openedition.1.6.4/document.xsd"')


def _with_root(project: Path, root: str) -> Path:
    doc = project / "edition" / "doc.xml"
    doc.write_text(doc.read_text(encoding="utf-8").replace('<TEI xmlns="http://www.tei-c.org/ns/1.0"', root, 1),
                   encoding="utf-8")
    return doc


def test_a_schema_location_on_the_root_publishes_and_the_file_is_published_as_written(tmp_path: Path):
    """An OpenEdition export names its XML Schema on the root (`xsi:schemaLocation`): it was refused
    as an attribute of another vocabulary. A hint to validators, inert in a browser, no part of the
    text: the file is validated without it and published as written."""
    doc = _with_root(edition(tmp_path, '<text><body><!-- c --><p xml:id="p1">Un.<?pi x?></p></body></text>',
                             lang="fr"), LODEL_ROOT)
    site = build(tmp_path)
    assert (site / "tei" / "doc.xml").read_bytes() == doc.read_bytes()
    assert parse_html(site / "en" / "doc" / "index.html").xpath("string(//p[@id='p1'])").strip().endswith("Un.")


@pytest.mark.parametrize(("text", "root", "expected"), [
    # the copy validated keeps its lines: a fault further down is said where it stands
    ('<text><body>\n<p>Un <hi rend="b" when="x">deux</hi>.</p></body></text>', LODEL_ROOT, "doc.xml:4: "),
    # another attribute of XML Schema's is still another vocabulary's
    ('<text><body><p xsi:type="x">Un.</p></body></text>', f'<TEI xmlns="http://www.tei-c.org/ns/1.0" {XSI}',
     "the attribute xsi:type (once) is of another vocabulary"),
])
def test_a_fault_beside_a_schema_location_is_still_said(tmp_path: Path, capsys, text: str, root: str, expected: str):
    _with_root(edition(tmp_path, text, lang="fr"), root)
    assert main(["build", "--edition", str(tmp_path / "edition"), "--out", str(tmp_path / "build")]) == 1
    assert expected in capsys.readouterr().err
