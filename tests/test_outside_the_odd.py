"""Valid TEI P5 with elements the ODD leaves out (a play's group of speeches, its sounds) publishes:
each such element is shown as its text, in order — a block where it stands between blocks, else
running text — with one located warning per element name (`--strict`: an error). The play's
speeches, stage directions and cast list have their rules."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import parse_html
from test_roots import make_edition

from tei_edition.cli import main

OUTSIDE = ("spGrp", "sound")  # (the drama root's elements that tei-edition.odd leaves out)


def test_a_play_publishes_its_speeches_as_blocks_with_one_warning_per_element(tmp_path: Path, capsys):
    project = make_edition(tmp_path, "drama")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    err = capsys.readouterr().err
    tei = project / "edition" / "scene.xml"
    lines = tei.read_text(encoding="utf-8").split("\n")
    warned = [line for line in err.splitlines() if "has no rendering rule" in line]
    # One per element name, at its first place; the header's particDesc is not rendered: no warning.
    first = {name: next(n for n, text in enumerate(lines, 1) if f"<{name}>" in text or f"<{name} " in text)
             for name in OUTSIDE}
    assert sorted(warned) == sorted(f"{tei}:{line}: warning: <{name}> has no rendering rule (valid TEI P5, outside "
                                    f"tei-edition.odd): shown as its text, in order (this is its first place); to "
                                    f"render it as you want, add it to the ODD with a rule (README, 'Publishing "
                                    f"your own TEI document')" for name, line in first.items()), err
    page = parse_html(project / "build" / "en" / "scene" / "index.html")
    # Between blocks, its children are blocks: the group's speeches are speeches, a sound between them
    # a block; a sound in a verse line is running text.
    group = page.xpath("//div[@class='tei-spgrp']")[0]
    speeches = group.xpath("div[@class='sp']")
    assert [speech.xpath("string(div[@class='speaker'])") for speech in speeches] == ["KATE", "TOM"]
    assert group.xpath("div[@class='tei-sound'][.='A bell rings.']")
    assert speeches[1].xpath("span[@class='l']/span[@class='tei-sound'][.='splash']")
    # The play's own rules: a stage direction in the paragraph is running text, between blocks a block.
    assert speeches[0].xpath("p[@id='p1']/span[@class='stage'][.='pointing']")
    assert speeches[0].xpath("div[@class='stage'][.='She sits down.']")
    assert speeches[1].get("id") == "sp2" and not page.xpath("//*[@class='anchor'][@id='sp2']")  # its own id
    assert [line.text_content() for line in speeches[1].xpath("span[@class='l']")] == \
        ["Then I shall wait,", "and watch the splash water."]
    # A cast item is running text: its role and description stay on one line.
    assert [item.text_content() for item in page.xpath("//div[@class='castlist']/div[@class='castitem']")] \
        == ["Kate, a ferrywoman", "Tom, a traveller"]
    assert page.xpath("//div[@class='castitem']/span[@class='role'][.='Kate']")
    assert page.xpath("//li[@id='n1'][contains(., 'The ferry ran until six.')]")


def test_a_strict_build_refuses_them_located(tmp_path: Path, capsys):
    project = make_edition(tmp_path, "drama")
    assert main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    err = capsys.readouterr().err
    tei = project / "edition" / "scene.xml"
    line = next(n for n, text in enumerate(tei.read_text(encoding="utf-8").split("\n"), 1) if "<spGrp>" in text)
    assert f"{tei}:{line}: warning: <spGrp> has no rendering rule" in err
    assert err.splitlines()[-1] == f"{len(OUTSIDE)} error(s) ({len(OUTSIDE)} of them warnings, which --strict " \
                                   f"makes errors); nothing was written"
    assert not (project / "build").exists()
    # `check` takes --strict too (it was "unrecognized arguments"): the same warnings, errors.
    main(["check", "--edition", str(project / "edition")])
    assert "links: 4 pages" in capsys.readouterr().out  # (without --strict: checked through)
    assert main(["check", "--strict", "--edition", str(project / "edition")]) == 1
    out, err = capsys.readouterr()
    assert f"{tei}:{line}: warning: <spGrp> has no rendering rule" in err and "links:" not in out


def test_every_word_of_a_play_is_in_the_search_records_under_its_nearest_id(tmp_path: Path):
    """A play's speeches, verse and cast list are in no passage with an id (a paragraph, note or
    table): they are recorded under the nearest id they stand in — a speech's own, else its scene's
    — with their lines apart, so that every word can be found (they could not be)."""
    from lxml import etree

    from tei_edition.search import passage_records
    from tei_edition.transform import build_document
    project = make_edition(tmp_path, "drama")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    tei = project / "edition" / "scene.xml"
    model = build_document(etree.parse(str(tei)), tei, "scene", {}, None, page_lang="en")
    page = parse_html(project / "build" / "en" / "scene" / "index.html")
    records = {record.url: record.content for record in
               passage_records(page, "en/scene/index.html", model, {"unit_paragraph": "¶ {number}",
                               "unit_note": "note {number}", "unit_table": "table", "search_page": "p. {page}"}, "T")}
    assert records["en/scene/#sp2"] == "TOM Then I shall wait, and watch the splash water."
    assert records["en/scene/#scene-1"] == \
        "Scene one Kate, a ferrywoman Tom, a traveller A river bank at dusk. KATE She sits down. A bell rings."
    assert records["en/scene/#p1"] == "The last boat has gone, pointing over there."
    text = etree.parse(str(tei)).find(".//{http://www.tei-c.org/ns/1.0}body")
    words = re.findall(r"\w+", " ".join(text.itertext()))
    found = set(re.findall(r"\w+", " ".join(records.values())))
    assert all(word in found for word in words), [word for word in words if word not in found]


def test_a_division_s_number_is_no_search_record(tmp_path: Path):
    """A text divided by numbers only (`<div n="1">`): the numbers are not words of the text (a PTA
    text had records "1" … "6")."""
    from lxml import etree

    from tei_edition.search import passage_records
    from tei_edition.transform import build_document
    project = make_edition(tmp_path, "drama")
    tei = project / "edition" / "scene.xml"
    tei.write_text(tei.read_text(encoding="utf-8").replace('<div type="scene" xml:id="scene-1">',
                                                           '<div type="scene" xml:id="scene-1" n="7">').replace(
        "<head>Scene one</head>", ""), encoding="utf-8")
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 0
    model = build_document(etree.parse(str(tei)), tei, "scene", {}, None, page_lang="en")
    page = parse_html(project / "build" / "en" / "scene" / "index.html")
    assert page.xpath("//p[@class='division-number'][.='7']")
    records = passage_records(page, "en/scene/index.html", model, {"unit_paragraph": "¶ {number}",
                              "unit_note": "note {number}", "unit_table": "table", "search_page": "p. {page}"}, "T")
    assert all(not record.content.startswith("7 ") and record.content != "7" for record in records), records
