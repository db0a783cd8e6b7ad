"""Stable anchors: the ledger's anchors exist and keep their meaning; new ones must be recorded."""
from __future__ import annotations

from pathlib import Path

from tei_edition.anchors import LEDGER_HEADER, Anchor, compare_ledger, read_ledger
from tei_edition.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_ledger_matches_the_edition(capsys):
    assert main(["check", "--edition", str(ROOT / "edition")]) == 0
    assert "anchors: 0 problem(s), 0 not in the ledger" in capsys.readouterr().out


def test_ledger_records_the_public_ids():
    ledger = {(a.page, a.id): a.meaning for a in read_ledger(ROOT / "edition" / "anchors.tsv")}
    for n in range(1, 29):
        assert ("shemetova-2020", f"p{n}") in ledger and ("shemetova-2020", f"n{n}") in ledger
    assert ledger[("shemetova-2020", "n7")] == "p. 167, note 2"
    assert ledger[("shemetova-2020", "tariff-1923")] == "p. 168, table"
    assert ledger[("shemetova-2020", "p1")] == "p. 165, l. 21"
    assert ("archives", "rgae-413-3-1399") in ledger


def test_disappeared_and_changed_anchors_are_problems(tmp_path):
    ledger = [Anchor("doc", "p1", "p. 1, l. 1"), Anchor("doc", "p2", "p. 1, l. 5")]
    current = [Anchor("doc", "p1", "p. 1, l. 2"), Anchor("doc", "p3", "p. 2, l. 1")]
    problems, new = compare_ledger(ledger, current, tmp_path / "anchors.tsv")
    assert any("doc#p2" in p and "disappeared" in p for p in problems)
    assert any("doc#p1" in p and 'meant "p. 1, l. 1"' in p for p in problems)
    assert new == [Anchor("doc", "p3", "p. 2, l. 1")]


def test_splitting_a_paragraph_breaks_the_check(project: Path, capsys):
    """Renumbering paragraphs would change what p5 means: the check refuses."""
    tei = project / "edition" / "shemetova-2020.xml"
    text = tei.read_text(encoding="utf-8")
    text = text.replace('<p xml:id="p4">', '<p xml:id="p4-new">', 1)  # p4's id disappears
    tei.write_text(text, encoding="utf-8")
    assert main(["check", "--edition", str(project / "edition")]) == 1
    err = capsys.readouterr().err
    assert 'body paragraph 4 must have xml:id="p4"' in err


def test_ledger_command_refuses_to_record_over_a_broken_promise(project: Path, capsys):
    ledger = project / "edition" / "anchors.tsv"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("p. 165, l. 21", "p. 165, l. 22"), encoding="utf-8")
    before = ledger.read_bytes()
    assert main(["ledger", "--edition", str(project / "edition")]) == 1
    err = capsys.readouterr().err
    row = next(n for n, line in enumerate(before.decode("utf-8").split("\n"), 1) if "p. 165, l. 22" in line)
    # Located at its row, and what to do when the text has moved for good.
    assert f"{ledger}:{row}: published anchor shemetova-2020#p1 meant \"p. 165, l. 22\", now it means \"p. 165, " \
           f"l. 21\": restore it there, or, if its text has moved for good, give the text a new id and retire this " \
           f"one to it (tei-edition ledger --retire p1 --to NEW-ID --why …)" in err, err
    assert ledger.read_bytes() == before


def test_an_anchor_missing_from_its_page_stops_a_build_with_or_without_a_ledger(tmp_path: Path, monkeypatch,
                                                                               capsys):
    """Each anchor is checked on the pages its view names as they are made (a build without a ledger
    keeps no anchors in memory, but still checks them)."""
    from test_roots import make_edition

    from tei_edition.views.article import ArticleView
    from tei_edition.views.base import Published

    anchors = ArticleView.anchors

    def with_a_stray(self, pages):
        found = list(anchors(self, pages))
        yield from found
        yield Published(Anchor(found[0].anchor.page, "nowhere", "p. 0"), found[0].paths)

    edition = make_edition(tmp_path, "letter") / "edition"
    out = tmp_path / "site"
    assert main(["build", "--edition", str(edition), "--out", str(out)]) == 0
    monkeypatch.setattr(ArticleView, "anchors", with_a_stray)
    capsys.readouterr()
    assert main(["build", "--edition", str(edition), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "anchor #nowhere (p. 0) is not on the page" in err and "Traceback" not in err
    assert main(["check", "--edition", str(edition)]) == 1
    assert "anchor #nowhere (p. 0) is not on the page" in capsys.readouterr().out + capsys.readouterr().err


def _letter(tmp_path: Path, pages: str, closer: str) -> Path:
    from test_elsewhere import edition
    text = (f'<text><body><div xml:id="d1"><pb{pages}/><p xml:id="p1">Erster Absatz.</p><pb{pages.replace("1", "2")}/>'
            f'<p xml:id="p2">Zweiter Absatz.</p><closer>{closer}</closer></div></body></text>')
    return edition(tmp_path, text, lang="de")


def _ledger(project: Path) -> dict[str, str]:
    return {a.id: a.meaning for a in read_ledger(project / "edition" / "anchors.tsv")}


def test_a_letter_without_print_lines_is_recorded_by_kind_whatever_its_closers_line_break(tmp_path: Path):
    """A Schnitzler letter: numbered pages, and one `lb` in its closer (no print view: its prose has no
    lines). Its anchors were recorded as print places ("p. 2, l. 1" for every paragraph of page 2), so
    that numbering its pages, or its next line break, changed every meaning the ledger had promised."""
    project = _letter(tmp_path, ' n="1"', "Dein treuer<lb/><signed>Paul.</signed>")
    assert main(["ledger", "--edition", str(project / "edition")]) == 0
    assert _ledger(project) == {"d1": "div", "page-1": "p. 1", "p1": "p", "page-2": "p. 2", "p2": "p"}
    assert not (project / "build").exists() or not list((project / "build").rglob("print/index.html"))


def test_numbering_a_prints_pages_after_its_anchors_were_recorded_keeps_its_promises(tmp_path: Path, capsys):
    """A print whose anchors were recorded before its pages were numbered (each by its kind) is
    located in its pages once they are: "p" is now "p. 2, l. 1", the same paragraph, no broken promise."""
    project = _letter(tmp_path, "", "Dein treuer <signed>Paul.</signed>")
    tei = project / "edition" / "doc.xml"
    tei.write_text(tei.read_text(encoding="utf-8").replace("Absatz.</p>", "<lb/>Absatz.</p>"), encoding="utf-8")
    assert main(["ledger", "--edition", str(project / "edition")]) == 0
    assert _ledger(project) == {"d1": "div", "p1": "p", "p2": "p"}
    tei.write_text(tei.read_text(encoding="utf-8").replace("<pb/>", '<pb n="1"/>', 1).replace("<pb/>", '<pb n="2"/>'),
                   encoding="utf-8")
    main(["check", "--edition", str(project / "edition")])
    assert "anchors: 0 problem(s), 7 not in the ledger" in capsys.readouterr().out  # (its pages and lines: new)
    assert main(["ledger", "--edition", str(project / "edition")]) == 0
    assert _ledger(project)["p2"] == "p"  # (the row stays: a promise)
    assert main(["check", "--edition", str(project / "edition")]) == 0
    problems, _ = compare_ledger([Anchor("doc", "p1", "div")], [Anchor("doc", "p1", "p. 1, l. 1")],
                                 tmp_path / "anchors.tsv")
    assert problems  # (another kind is another element: still broken)


def test_a_born_digital_documents_notes_and_markers_are_promised_too(tmp_path: Path):
    """The ledger covers every document: a born-digital essay's notes (`note-1`, or their own id) and
    their markers (`nref-1`) are anchors its page publishes; they were in no ledger."""
    from test_elsewhere import edition
    project = edition(tmp_path, '<text><body><p xml:id="p1">Eins<note>Erste.</note> zwei<note xml:id="own">'
                                'Zweite.</note>.</p></body></text>', lang="de")
    assert main(["ledger", "--edition", str(project / "edition")]) == 0
    assert _ledger(project) == {"p1": "p", "note-1": "note", "nref-1": "note", "own": "note", "nref-2": "note"}


def test_a_letter_recorded_as_a_print_by_an_earlier_version_keeps_its_promises(tmp_path: Path):
    """A letter whose closer's one line break made it a print before the ledger and the print view
    agreed (its anchors recorded as print places): the same elements, now meant by their kind."""
    project = _letter(tmp_path, ' n="1"', "Dein treuer<lb/><signed>Paul.</signed>")
    (project / "edition" / "anchors.tsv").write_text(
        LEDGER_HEADER + "doc\tpage-1\tp. 1\ndoc\td1\tp. 1, l. 1, div\ndoc\tp1\tp. 1, l. 1\ndoc\tpage-2\tp. 2\n"
                        "doc\tp2\tp. 2, l. 1\n", encoding="utf-8")
    assert main(["check", "--edition", str(project / "edition")]) == 0
