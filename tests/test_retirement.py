"""Retirement, not disappearance (README, "Retired ids and pages"), on tests/roots/retired: since its
ledger was written, paragraph p2 of the essay was split into p2a and p2b (p2 retired to p2a), note n3
was merged into n2 (n3 retired to n2, its reason in English only), the document `draft` was withdrawn
in favour of the essay, and the about pages (`{lang}/about/`) were withdrawn."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import parse_html
from test_roots import make_edition

from tei_edition.cli import main

READING = ("en/essay/index.html", "fr/essay/index.html")
PAGES_OF_P2A = (*READING, "en/essay/parallel/index.html", "fr/essay/parallel/index.html")


@pytest.fixture(scope="module")
def retired_site(tmp_path_factory) -> Path:
    from conftest import build_with_fixed_date
    project = make_edition(tmp_path_factory.mktemp("roots"), "retired")
    build_with_fixed_date(project / "edition", project / "build")
    return project / "build"


@pytest.fixture
def retired_project(tmp_path: Path) -> Path:
    return make_edition(tmp_path, "retired")


def build(project: Path) -> int:
    return main(["build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "build")])


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


# --- a split paragraph, a merged note: the old id at its target, with a notice --------------------

@pytest.mark.parametrize("path", PAGES_OF_P2A)
def test_a_split_paragraph_keeps_its_id_at_the_first_part(retired_site, path):
    page = parse_html(retired_site / path)
    alias = page.xpath("//*[@id='p2']")
    assert len(alias) == 1 and alias[0].get("class") == "retired-notice" and alias[0].get("role") == "note"
    assert alias[0].getparent().get("id") == "p2a" and alias[0].getparent().index(alias[0]) == 0


def test_the_notice_says_when_and_why_escaped_in_the_page_language(retired_site):
    english = parse_html(retired_site / READING[0]).xpath("//*[@id='p2']")[0]
    assert english.xpath("string(time/@datetime)") == "2026-11-20"
    assert " ".join(english.text_content().split()) == \
        "Formerly #p2 (2026-11-20): Split into p2a & p2b <at the turn from rivers to roads>."
    assert not english.xpath(".//at")  # the reason's markup-like text stayed text
    french = parse_html(retired_site / READING[1]).xpath("//*[@id='p2']")[0]
    assert " ".join(french.text_content().split()) == \
        "Anciennement #p2 (2026-11-20) : Divisé en p2a et p2b, au passage des fleuves aux routes."
    assert not french.xpath(".//*[@lang]")  # the reason is in the page's language


def test_a_merged_note_keeps_its_id_in_the_note_it_joined(retired_site):
    for path in READING:
        page = parse_html(retired_site / path)
        alias = page.xpath("//li[@id='n2'][contains(@class, 'note')]/*[1][@id='n3'][@class='retired-notice']")
        assert len(alias) == 1
    # Its reason is given in English only: the French page shows it marked as English.
    french = parse_html(retired_site / READING[1]).xpath("//*[@id='n3']")[0]
    assert french.xpath("string(span[@lang='en'])") == "Merged into note n2, which it continued."


def test_the_search_passage_leaves_the_notice_out(retired_site):
    from tei_edition.search import _text
    paragraph = parse_html(retired_site / READING[0]).xpath("//p[@id='p2a']")[0]
    assert "Formerly" not in _text(paragraph) and "Then the roads" in _text(paragraph)


# --- a withdrawn document and a withdrawn page: redirect pages ----------------------------------

@pytest.mark.parametrize(("old", "new"), [
    ("en/draft/index.html", "../essay/"), ("fr/draft/index.html", "../essay/"),
    ("en/draft/parallel/index.html", "../../essay/parallel/"), ("en/draft/print/index.html", "../../essay/"),
    ("fr/draft/glossary/index.html", "../../essay/"), ("en/about/index.html", "../essay/"),
    ("fr/about/index.html", "../essay/")])
def test_a_withdrawn_page_leaves_a_redirect(retired_site, old, new):
    page = parse_html(retired_site / old)
    lang = old.split("/")[0]
    assert page.get("lang") == lang
    assert page.xpath("string(//meta[@http-equiv='refresh']/@content)") == f"0; url={new}"
    assert page.xpath("string(//meta[@name='robots']/@content)") == "noindex"
    canonical = "https://example.org/retired/" + re.sub(r"^(\.\./)+", "", new)
    canonical = canonical.replace("retired/essay", f"retired/{lang}/essay")
    assert page.xpath("string(//link[@rel='canonical']/@href)") == canonical
    assert page.xpath("//a[@class='redirect-target']/@href") == [new]
    assert not page.xpath("//script[not(@src)]"), "the CSP forbids inline scripts"
    assert page.xpath("//script/@src")[0].endswith("assets/redirect.js")


def test_a_withdrawn_document_keeps_its_ids_on_its_redirects(retired_site):
    page = parse_html(retired_site / "en/draft/index.html")
    # p1 is on the essay too: same fragment; d2 is not: the link leads to the page.
    assert page.xpath("//a[@id='p1']/@href") == ["../essay/#p1"]
    assert page.xpath("//a[@id='d2']/@href") == ["../essay/"]
    assert page.xpath("string(//p[@class='edition-note'])") == \
        "Withdrawn on 2026-11-22: The draft is superseded by the essay."


def test_redirects_are_not_in_the_sitemap(retired_site):
    sitemap = (retired_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/essay/" in sitemap and "draft" not in sitemap and "/about/" not in sitemap


def test_an_edition_without_retirements_has_none_of_it(built_site):
    assert not (built_site / "assets" / "redirect.js").exists()
    article = (built_site / "ru" / "shemetova-2020" / "index.html").read_text(encoding="utf-8")
    assert "retired-notice" not in article


# --- what the build refuses ---------------------------------------------------------------------

def test_an_id_that_vanishes_without_a_retirement_stops_the_build(retired_project, capsys):
    retired = retired_project / "edition" / "retired.yaml"
    text = retired.read_text(encoding="utf-8")
    retired.write_text(text[:text.index("  - id: p2\n")] + text[text.index("  - id: n3\n"):], encoding="utf-8")
    assert build(retired_project) == 1
    ledger = retired_project / "edition" / "anchors.tsv"
    line = line_of(ledger, "essay\tp2\t")
    assert f"{ledger}:{line}: published anchor essay#p2 (p) has disappeared" in capsys.readouterr().err


def test_a_withdrawn_document_without_a_retirement_stops_the_build(retired_project, capsys):
    retired = retired_project / "edition" / "retired.yaml"
    text = retired.read_text(encoding="utf-8")
    retired.write_text(text[:text.index("  - document: draft\n")] + text[text.index("  - path:"):], encoding="utf-8")
    assert build(retired_project) == 1
    err = capsys.readouterr().err
    assert "published anchor draft#p1 (p) has disappeared" in err and "draft#d2" in err


def test_a_target_that_vanishes_later_names_both_files(retired_project, capsys):
    """p2a given another id later: the retirement of p2 points nowhere."""
    edition = retired_project / "edition"
    for name in ("essay.xml", "essay.fr.xml"):
        edit(edition / name, 'xml:id="p2a"', 'xml:id="p2c"')
    edit(edition / "essay.fr.xml", "essay.xml#p2a", "essay.xml#p2c")
    assert build(retired_project) == 1
    err = capsys.readouterr().err
    retired, ledger = edition / "retired.yaml", edition / "anchors.tsv"
    assert (f"{retired}:{line_of(retired, '- id: p2')}: essay#p2 is retired to p2a, which essay does not publish any "
            f"more (recorded at {ledger}:{line_of(ledger, 'p2a')})") in err


def test_an_id_both_live_and_retired_stops_the_build(retired_project, capsys):
    edition = retired_project / "edition"
    edit(edition / "essay.xml", 'xml:id="p2b"', 'xml:id="p2"')
    edit(edition / "essay.fr.xml", 'xml:id="p2b" corresp="essay.xml#p2b"', 'xml:id="p2" corresp="essay.xml#p2"')
    assert build(retired_project) == 1
    retired = edition / "retired.yaml"
    assert (f"{retired}:{line_of(retired, '- id: p2')}: essay#p2 is retired, but the edition still publishes it"
            in capsys.readouterr().err)


def test_a_withdrawn_path_that_is_still_built_stops_the_build(retired_project, capsys):
    edit(retired_project / "edition" / "retired.yaml", '"{lang}/about/"', '"{lang}/essay/parallel/"')
    assert build(retired_project) == 1
    retired = retired_project / "edition" / "retired.yaml"
    assert (f"{retired}:{line_of(retired, '- path:')}: en/essay/parallel/index.html is retired, but the edition "
            f"still builds it") in capsys.readouterr().err


# --- tei-edition ledger --retire ----------------------------------------------------------------

def _without_p2(project: Path) -> None:
    """The root as it was before p2 was retired (its new ids p2a, p2b not yet recorded either)."""
    retired = project / "edition" / "retired.yaml"
    text = retired.read_text(encoding="utf-8")
    retired.write_text(text[:text.index("  - id: p2\n")] + text[text.index("  - id: n3\n"):], encoding="utf-8")
    edit(project / "edition" / "anchors.tsv", "essay\tp2a\tp\nessay\tp2b\tp\n", "")


def test_ledger_retire_appends_a_retirement_and_the_new_ids(retired_project, capsys):
    _without_p2(retired_project)
    edition = retired_project / "edition"
    assert main(["ledger", "--edition", str(edition), "--retire", "p2", "--to", "p2a", "--why", "Split: \"a\" & b.",
                 "--why", "fr", "Divisé.", "--date", "2026-11-20"]) == 0
    assert "retired essay#p2 to p2a" in capsys.readouterr().out
    assert (edition / "retired.yaml").read_text(encoding="utf-8").endswith(
        '  - id: "p2"\n    page: "essay"\n    to: "p2a"\n    date: "2026-11-20"\n    why:\n'
        '      en: "Split: \\"a\\" & b."\n      fr: "Divisé."\n')
    assert (edition / "anchors.tsv").read_text(encoding="utf-8").endswith("essay\tp2a\tp\nessay\tp2b\tp\n")
    assert build(retired_project) == 0
    notice = parse_html(retired_project / "build" / READING[0]).xpath("//*[@id='p2']")[0]
    assert notice.text_content().endswith('Split: "a" & b.')


@pytest.mark.parametrize(("args", "where", "message"), [
    (["--retire", "p2", "--to", "p9", "--why", "x"], "--to", "essay publishes no id p9 now"),
    (["--retire", "p2", "--to", "p2a", "--why", " "], "--why", "the reason in 'en' is empty"),
    (["--retire", "p2", "--to", "p2a"], "--why", "give the reason readers are shown"),
    (["--retire", "p2", "--to", "p2a", "--why", "EN", "x"], "--why", "give the reason as --why TEXT (in en)"),
    (["--retire", "p7", "--to", "p2a", "--why", "x"], "{edition}/anchors.tsv", "p7 was never published"),
    (["--retire", "p1", "--to", "p3", "--why", "x"], "--retire", "p1 was published on draft, essay: say which"),
    (["--retire", "p1", "--page", "essay", "--to", "p3", "--why", "x"], "{edition}/essay.xml:12",
     "p1 is still in the text: an id is either live or retired"),
    (["--retire", "n3", "--to", "n1", "--why", "x"], "{edition}/retired.yaml:4",
     "essay#n3 is already retired (to n2)"),
])
def test_ledger_retire_refuses_with_a_located_error(retired_project, capsys, args, where, message):
    _without_p2(retired_project)
    edition = retired_project / "edition"
    before = {name: (edition / name).read_bytes() for name in ("retired.yaml", "anchors.tsv")}
    assert main(["ledger", "--edition", str(edition), *args]) == 1
    err = capsys.readouterr().err
    assert f"{where.replace('{edition}', str(edition))}: {message}" in err, err
    assert {name: (edition / name).read_bytes() for name in before} == before, "nothing written"


# --- in the browser: old links land ---------------------------------------------------------------

@pytest.fixture(scope="module")
def retired_url(retired_site):
    from support.gates import serve_directory
    with serve_directory(retired_site) as base:
        yield base.rstrip("/")


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def reader(request, browser):
    context = browser.new_context(java_script_enabled=request.param, viewport={"width": 1280, "height": 700})
    page = context.new_page()
    yield page
    context.close()


def test_an_old_paragraph_link_lands_on_its_new_place(reader, retired_url):
    from test_behaviour import in_viewport
    reader.goto(f"{retired_url}/en/essay/#p2")
    assert in_viewport(reader, "#p2a")
    assert reader.is_visible("#p2") and "Formerly #p2" in reader.inner_text("#p2")
    highlighted = reader.evaluate("getComputedStyle(document.querySelector('#p2a')).backgroundColor")
    plain = reader.evaluate("getComputedStyle(document.querySelector('#p2b')).backgroundColor")
    assert highlighted != plain, "the target of the alias is highlighted"


def test_an_old_note_link_lands_on_the_note_it_joined(reader, retired_url):
    from test_behaviour import in_viewport
    reader.goto(f"{retired_url}/fr/essay/#n3")
    assert in_viewport(reader, "#n2") and reader.is_visible("#n3")


def test_a_withdrawn_page_lands_on_its_replacement(reader, retired_url):
    reader.goto(f"{retired_url}/en/draft/")
    reader.wait_for_url(f"{retired_url}/en/essay/", timeout=5000)
    reader.goto(f"{retired_url}/fr/about/")
    reader.wait_for_url(f"{retired_url}/fr/essay/", timeout=5000)


def test_with_javascript_a_withdrawn_page_keeps_the_fragment(browser, retired_url):
    from test_behaviour import in_viewport
    page = browser.new_page(viewport={"width": 1280, "height": 700})
    page.goto(f"{retired_url}/en/draft/#p1")
    page.wait_for_url(f"{retired_url}/en/essay/#p1", timeout=5000)
    assert in_viewport(page, "#p1")
    page.goto(f"{retired_url}/en/draft/#d2")
    page.wait_for_url(f"{retired_url}/en/essay/", timeout=5000)
    page.close()


def test_nu_html_checker_finds_no_error_with_retirements(retired_site):
    """The notices inside their targets and the redirect pages are valid HTML."""
    from support.gates import format_vnu_errors, run_vnu
    errors = run_vnu(retired_site)
    assert errors == [], format_vnu_errors(errors)


@pytest.mark.parametrize("media", ["screen", "print"])
def test_axe_finds_no_violation_in_the_notices(browser, retired_url, media):
    from support.gates import format_axe_violations, run_axe
    page = browser.new_page(bypass_csp=True)  # axe is injected as an inline script, which the CSP forbids
    failures = []
    for path in ("en/essay/#p2", "fr/essay/#n3", "en/essay/parallel/#p2"):
        page.goto(f"{retired_url}/{path}")
        violations = run_axe(page, media=media)
        if violations:
            failures.append(f"{path} ({media}):\n{format_axe_violations(violations)}")
    page.close()
    assert failures == [], "\n".join(failures)


def test_a_note_and_its_marker_are_retired_in_one_command(tmp_path: Path, capsys):
    """A printed document's note is two published anchors, the note and its marker in the text: one
    retired alone was refused for the other, and the other for the first; both in one command."""
    from test_roots import make_edition
    project = make_edition(tmp_path, "printed")
    edition = project / "edition"
    assert main(["ledger", "--edition", str(edition)]) == 0
    assert "pamphlet\tnref-3\t" in (edition / "anchors.tsv").read_text(encoding="utf-8")
    edit(edition / "pamphlet.xml", '<note place="foot" n="1" xml:id="n3">Numbered <hi rend="bold">1</hi> again.</note>',
         "")
    capsys.readouterr()
    alone = ["ledger", "--edition", str(edition), "--to", "p2", "--why", "Withdrawn.", "--retire"]
    assert main([*alone, "n3"]) == 1
    err = capsys.readouterr().err
    ledger = edition / "anchors.tsv"
    line = next(n for n, row in enumerate(ledger.read_text(encoding="utf-8").split("\n"), 1) if "\tnref-3\t" in row)
    assert f"{ledger}:{line}: published anchor pamphlet#nref-3 (p. 8, note 1) has disappeared: restore it, or " \
           f"retire it to where its text is now (tei-edition ledger --retire nref-3 page-8-note-1 --to ID --why …: " \
           f"the ids of a page gone together are retired together, to one id)" in err, err
    assert "are retired in one command: --retire n3 ID …); nothing recorded" in err
    assert main([*alone, "n3", "nref-3", "page-8-note-1"]) == 0
    out = capsys.readouterr().out
    assert "retired pamphlet#n3 to p2" in out and "retired pamphlet#nref-3 to p2" in out
    assert build(project) == 0
