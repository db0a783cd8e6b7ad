"""Releases (README, "Releases"): `tei-edition release` stores a snapshot; every build publishes each
stored release's pages under /v/X.Y.Z/ with the same ids, its archive with checksums, and what
changed in the text. A test root (tests/roots/releases: the printed pamphlet) is released as 0.1.0,
a paragraph's words are changed, and it is released again as 0.2.0."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import EPOCH, ROOT, copy_project, parse_html

from tei_edition.cli import main
from tei_edition.linkcheck import check_site_links
from tei_edition.worddiff import word_diff

ROOTS = Path(__file__).parent / "roots"
BASE = "https://example.org/pamphlet/"


def run(*args: str) -> None:
    assert main(list(args)) == 0


def start_next(edition: Path, version: str, change: str) -> None:
    """What an editor does after a release: the next version, in preparation, in the changelog."""
    changelog = edition / "changelog.yaml"
    changelog.write_text(changelog.read_text(encoding="utf-8").replace(
        "releases:\n", f"releases:\n  - version: {version}\n    date:\n    changes:\n      en:\n        - {change}\n"),
        encoding="utf-8")
    config = edition / "edition.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(text[text.index("version: "):].split("\n")[0], f"version: {version}"),
                      encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def released_twice(folder: Path) -> Path:
    """The pamphlet released as 0.1.0, its words changed, released as 0.2.0; the project folder."""
    project = folder / "releases"
    shutil.copytree(ROOTS / "releases", project)
    shutil.copytree(ROOT / "templates", project / "templates")
    edition = project / "edition"
    tei_before = (edition / "pamphlet.xml").read_bytes()
    run("release", "--edition", str(edition), "0.1.0", "--date", "2026-01-15")
    assert (edition / "pamphlet.xml").read_bytes() == tei_before, "a release never modifies the TEI"
    start_next(edition, "0.2.0", "The first words corrected.")
    edit(edition / "pamphlet.xml", "The first line of a para", "The opening line of a para")
    edit(edition / "pamphlet.xml", "&lt;script&gt;alert(1)", "&lt;script&gt;alert(2)")
    run("release", "--edition", str(edition), "0.2.0", "--date", "2026-03-01")
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    project = released_twice(tmp_path_factory.mktemp("released"))
    run("build", "--strict", "--edition", str(project / "edition"), "--out", str(project / "build"))
    return project


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return project / "build"


def words(element) -> str:
    return " ".join(element.text_content().split())


def test_the_snapshots_and_the_dated_changelog(project: Path):
    stored = project / "edition" / "releases"
    assert sorted(p.name for p in stored.iterdir()) == ["0.1.0", "0.2.0"]
    first = stored / "0.1.0" / "edition"
    assert "The first line of a para" in (first / "pamphlet.xml").read_text(encoding="utf-8")
    assert "version: 0.1.0" in (first / "edition.yaml").read_text(encoding="utf-8")
    assert "date: 2026-01-15" in (first / "changelog.yaml").read_text(encoding="utf-8")
    changelog = (project / "edition" / "changelog.yaml").read_text(encoding="utf-8")
    assert "date: 2026-03-01" in changelog and "date: 2026-01-15" in changelog
    assert not (stored / "0.2.0" / "edition" / "releases").exists(), "a snapshot holds no snapshots"


def test_the_old_release_still_shows_the_old_words(site: Path):
    old = parse_html(site / "v" / "0.1.0" / "en" / "pamphlet" / "index.html")
    assert words(old.xpath("//p[@id='p1']")[0]).startswith("The first line of a paragraph")
    for page in (site / "v" / "0.2.0" / "en" / "pamphlet" / "index.html", site / "en" / "pamphlet" / "index.html"):
        assert words(parse_html(page).xpath("//p[@id='p1']")[0]).startswith("The opening line of a paragraph")
    # The same ids on every release's pages (the print view's too).
    current_ids = set(parse_html(site / "en" / "pamphlet" / "index.html").xpath("//main//@id"))
    assert current_ids == set(old.xpath("//main//@id"))
    print_view = parse_html(site / "v" / "0.1.0" / "en" / "pamphlet" / "print" / "index.html")
    assert "The first line of a para" in words(print_view.xpath("//main")[0])


def test_an_old_release_says_which_it_is_and_links_the_current_page(site: Path):
    old = parse_html(site / "v" / "0.1.0" / "en" / "pamphlet" / "index.html")
    banner = old.xpath("//aside[@class='release-banner']")[0]
    assert "release 0.1.0" in words(banner) and "2026-01-15" in words(banner)
    assert "The current release is 0.2.0." in words(banner)
    assert banner.xpath(".//a[@class='carry-place']/@href") == [f"{BASE}en/pamphlet/"]
    assert f"{BASE}en/changelog/#v0.1.0" in banner.xpath(".//a/@href")
    assert old.xpath("//link[@rel='canonical']/@href") == [f"{BASE}en/pamphlet/"]
    assert "Version 0.1.0 · 2026-01-15" in words(old.xpath("//footer")[0])
    # The current pages are not a release's copy: no banner; their footer links the releases.
    current = parse_html(site / "en" / "pamphlet" / "index.html")
    assert not current.xpath("//aside[@class='release-banner']")
    assert "../changelog/" in current.xpath("//footer//a/@href")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/v/" not in sitemap and f"{BASE}en/pamphlet/changes/" in sitemap


def test_every_citation_names_the_release_and_its_versioned_address(site: Path):
    for prefix, version in (("", "0.2.0"), ("v/0.2.0/", "0.2.0"), ("v/0.1.0/", "0.1.0")):
        page = parse_html(site / prefix / "en" / "pamphlet" / "index.html")
        cite = page.xpath("//p[@id='cite-p1']")[0]
        url = f"{BASE}v/{version}/en/pamphlet/#p1"
        assert f"Version {version}" in words(cite) and cite.xpath("a/@href") == [url], words(cite)
        items = json.loads((site / prefix / "cite" / "pamphlet.en.json").read_text(encoding="utf-8"))
        edition = next(item for item in items if item["type"] == "webpage")
        assert edition["version"] == version and edition["URL"] == f"{BASE}v/{version}/en/pamphlet/"
        assert edition["issued"] == {"date-parts": [[2026, 3 if version == "0.2.0" else 1, 1 if version == "0.2.0"
                                                     else 15]]}


def test_the_changes_page_shows_each_changed_passage_as_a_word_diff(site: Path):
    page = parse_html(site / "en" / "pamphlet" / "changes" / "index.html")
    section = page.xpath("//section[@id='changes-0.1.0-0.2.0']")[0]
    diffs = section.xpath(".//p[@class='word-diff']")
    assert len(diffs) == 2  # p1 and p3; nothing else changed
    assert [words(d) for d in diffs[0].xpath("del | ins")] == ["removed: first", "added: opening"]
    assert diffs[0].xpath("preceding::h3[1]//a/@href") == ["../../../v/0.1.0/en/pamphlet/#p1",
                                                           "../../../v/0.2.0/en/pamphlet/#p1"]
    # The TEI's text is text: "<script>alert(1)</script>" is a word, escaped, struck through.
    assert words(diffs[1].xpath("del")[0]) == "removed: <script>alert(1)</script>"
    assert not page.xpath("//script[not(@src)]")
    assert "changes/" in parse_html(site / "en" / "pamphlet" / "index.html").xpath("//header//a/@href")


def test_word_diff_marks_runs_and_escapes():
    html = str(word_diff("a <b> c d", "a <b> x d e", "removed", "added"))
    assert html == ('a &lt;b&gt; <del><span class="visually-hidden">removed: </span>c</del> '
                    '<ins><span class="visually-hidden">added: </span>x</ins> d '
                    '<ins><span class="visually-hidden">added: </span>e</ins>')


def test_the_release_list_links_each_release_and_its_archive_with_its_checksum(site: Path):
    page = parse_html(site / "en" / "changelog" / "index.html")
    sums = (site / "v" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    for version in ("0.1.0", "0.2.0"):
        release = page.xpath(f"//section[@id='v{version}']")[0]
        archive = site / "v" / f"pamphlet-{version}.zip"
        checksum = hashlib.sha256(archive.read_bytes()).hexdigest()
        assert release.xpath(".//code[@class='checksum']/text()") == [checksum]
        assert release.xpath(".//a/@href") == [f"../../v/{version}/", f"../../v/pamphlet-{version}.zip"]
        assert f"{checksum}  pamphlet-{version}.zip" in sums


def test_the_releases_folder_lists_every_release_newest_first(site: Path):
    """/v/ is a page, not a 404: each release, newest first, with its date, pages, archive and checksum."""
    page = parse_html(site / "v" / "index.html")
    items = page.xpath("//section[@lang='en']//li")
    assert [item.xpath("string(.//time/@datetime)") for item in items] == ["2026-03-01", "2026-01-15"]
    for item, version in zip(items, ("0.2.0", "0.1.0"), strict=True):
        archive = site / "v" / f"pamphlet-{version}.zip"
        assert item.xpath(".//a/@href") == [f"{version}/", f"pamphlet-{version}.zip"]
        assert item.xpath(".//code[@class='checksum']/text()") == [hashlib.sha256(archive.read_bytes()).hexdigest()]
        assert (site / "v" / version / "index.html").is_file()
    assert page.xpath("//section[@lang='en']/p/a/@href") == ["../en/changelog/"]


def test_nu_html_checker_finds_no_error_in_a_released_site(site: Path):
    """The stored releases' pages, the changes pages and the list of releases, as the Nu checker reads them."""
    from support.gates import format_vnu_errors, run_vnu
    errors = run_vnu(site)
    assert errors == [], format_vnu_errors(errors)


def test_axe_finds_no_violation_on_the_list_of_releases_and_a_changes_page(browser, site: Path):
    from support.gates import format_axe_violations, run_axe, serve_directory
    page = browser.new_page(bypass_csp=True)  # axe is injected as an inline script, which the CSP forbids
    failures = []
    with serve_directory(site) as base:
        for path in ("v/", "en/pamphlet/changes/", "v/0.1.0/en/pamphlet/"):
            response = page.goto(base.rstrip("/") + "/" + path)
            assert response is not None and response.status == 200, path
            if violations := run_axe(page):
                failures.append(f"{path}:\n{format_axe_violations(violations)}")
    page.close()
    assert failures == [], "\n".join(failures)


def test_an_edition_without_releases_has_no_releases_folder(built_site: Path):
    assert not (built_site / "v").exists()


def unzipped(archive: Path, folder: Path) -> Path:
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        assert names == sorted(names[:-1]) + ["pamphlet-0.1.0/SHA256SUMS"]
        assert {info.date_time for info in opened.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        opened.extractall(folder)
    return folder / "pamphlet-0.1.0"


def test_the_archive_works_from_disk_and_carries_its_checksums(site: Path, tmp_path: Path):
    top = unzipped(site / "v" / "pamphlet-0.1.0.zip", tmp_path)
    listed = dict(reversed(line.split("  ", 1)) for line in (top / "SHA256SUMS").read_text().splitlines())
    files = {p.relative_to(top).as_posix() for p in top.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(listed) == files
    for path, checksum in listed.items():
        assert hashlib.sha256((top / path).read_bytes()).hexdigest() == checksum, path
    # Its pages, TEI, source of its citations, and the inputs they were made from.
    for needed in ("index.html", "en/pamphlet/index.html", "en/pamphlet/print/index.html", "tei/pamphlet.xml",
                   "cite/pamphlet.en.json", "assets/edition.css", "inputs/edition/pamphlet.xml",
                   "inputs/edition/edition.yaml"):
        assert needed in files, needed
    assert "The first line of a para" in (top / "en" / "pamphlet" / "index.html").read_text(encoding="utf-8")
    # file:// serves no folder's index: every local link names a file, and every fragment an id.
    report = check_site_links(top)
    assert report.ok, report.problems
    for page in top.rglob("*.html"):
        for url in parse_html(page).xpath("//@href | //@src"):
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("#", "//")):
                continue
            assert (page.parent / unquote(parts.path)).is_file(), f"{page.relative_to(top)}: {url}"


def test_two_builds_make_the_same_archive(project: Path, site: Path):
    again = project / "again"
    run("build", "--strict", "--edition", str(project / "edition"), "--out", str(again))
    for version in ("0.1.0", "0.2.0"):
        name = f"v/pamphlet-{version}.zip"
        assert (again / name).read_bytes() == (site / name).read_bytes()


def test_a_version_in_preparation_is_compared_with_the_last_release(tmp_path: Path):
    project = tmp_path / "releases"
    shutil.copytree(ROOTS / "releases", project)
    shutil.copytree(ROOT / "templates", project / "templates")
    edition = project / "edition"
    run("release", "--edition", str(edition), "0.1.0", "--date", "2026-01-15")
    out = project / "build"
    edit(edition / "pamphlet.xml", "The first line of a para", "The opening line of a para")
    # The edition's words changed, but it still says it is release 0.1.0: refused.
    assert main(["build", "--edition", str(edition), "--out", str(out)]) == 1
    start_next(edition, "0.2.0", "In preparation.")
    run("build", "--strict", "--edition", str(edition), "--out", str(out))
    current = parse_html(out / "en" / "pamphlet" / "index.html")
    # Not released: cited as before, at the current address, on the build's date.
    cite = current.xpath("//p[@id='cite-p1']")[0]
    assert cite.xpath("a/@href") == [f"{BASE}en/pamphlet/#p1"] and "Version 0.2.0" in words(cite)
    old = parse_html(out / "v" / "0.1.0" / "en" / "pamphlet" / "index.html")
    assert "The current version is 0.2.0, in preparation." in words(old.xpath("//aside")[0])
    changes = parse_html(out / "en" / "pamphlet" / "changes" / "index.html")
    assert [words(d) for d in changes.xpath("//section[@id='changes-0.1.0-0.2.0']//del")] == ["removed: first"]


def test_a_release_is_refused_when_it_is_stored_already_or_not_committed(tmp_path: Path, capsys):
    project = tmp_path / "releases"
    shutil.copytree(ROOTS / "releases", project)
    shutil.copytree(ROOT / "templates", project / "templates")
    edition = project / "edition"
    (edition / "releases" / "0.1.0").mkdir(parents=True)
    assert main(["release", "--edition", str(edition), "0.1.0"]) == 1
    assert f"{edition / 'releases' / '0.1.0'}: release 0.1.0 is stored already" in capsys.readouterr().err
    (edition / "releases" / "0.1.0").rmdir()
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", str(project)], check=True)
    subprocess.run([*git, "-C", str(project), "add", "."], check=True)
    subprocess.run([*git, "-C", str(project), "commit", "-qm", "edition"], check=True)
    edit(edition / "pamphlet.xml", "The first line", "The opening line")
    before = (edition / "changelog.yaml").read_bytes()
    assert main(["release", "--edition", str(edition), "0.1.0"]) == 1
    assert ("release 0.1.0: commit the edition's changes first, so that the release is a commit: "
            "edition/pamphlet.xml") in capsys.readouterr().err
    assert (edition / "changelog.yaml").read_bytes() == before and not (edition / "releases" / "0.1.0").exists()


def test_this_edition_released_publishes_both_languages_under_its_version(tmp_path: Path):
    """The real edition, released in a copy (this repository's edition is not released yet)."""
    project = copy_project(tmp_path / "project")
    edition = project / "edition"
    run("release", "--edition", str(edition), "0.1.0", "--date", "2026-12-01")
    stored = edition / "releases" / "0.1.0"
    assert (stored / "seeds" / "000_18c5ebe104e7b172.txt").read_bytes() == \
        (ROOT / "seeds" / "000_18c5ebe104e7b172.txt").read_bytes()
    run("build", "--strict", "--edition", str(edition), "--out", str(project / "build"))
    for lang, version_words in (("ru", "Версия 0.1.0"), ("en", "Version 0.1.0")):
        page = parse_html(project / "build" / "v" / "0.1.0" / lang / "shemetova-2020" / "index.html")
        cite = page.xpath("//p[@id='cite-p12']")[0]
        url = f"https://example.org/shemetova-2020/v/0.1.0/{lang}/shemetova-2020/#p12"
        assert version_words in words(cite) and cite.xpath("a/@href") == [url]
        assert page.xpath("//aside[@class='release-banner']")
    assert (project / "build" / "v" / "shemetova-2020-0.1.0.zip").is_file()


def test_a_snapshot_that_is_no_dated_release_is_a_located_error(tmp_path: Path, capsys):
    project = tmp_path / "releases"
    shutil.copytree(ROOTS / "releases", project)
    shutil.copytree(ROOT / "templates", project / "templates")
    stray = project / "edition" / "releases" / "0.0.5"
    shutil.copytree(project / "edition", stray / "edition", ignore=shutil.ignore_patterns("releases"))
    assert main(["build", "--edition", str(project / "edition"), "--out", str(project / "build")]) == 1
    assert f"{stray}: a snapshot of release 0.0.5, but the changelog has no dated release 0.0.5" in \
        capsys.readouterr().err
