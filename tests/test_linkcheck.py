"""Tests of tei_edition.linkcheck on small sites written into tmp_path."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tei_edition.linkcheck import LinkProblem, LinkReport, check_site_links


def page(body: str, head: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>t</title>{head}</head>\n'
            f"<body>\n{body}\n</body>\n</html>\n")


def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def messages(report: LinkReport) -> list[str]:
    return [str(p) for p in report.problems]


CLEAN_INDEX = page(
    '<p id="x"><a href="#x">self</a> <a href="page.html#sec">sec</a> <a href="sub/">sub</a>\n'
    '<a href="sub">sub dir</a> <a href="/page.html?lang=en#sec">root-absolute with query</a>\n'
    '<a href="%D1%84%D0%B0%D0%B9%D0%BB.html#%D0%B0">cyrillic</a> <a href="https://example.org/">out</a>\n'
    '<a href="mailto:a@example.org">mail</a> <a href="">self</a></p>\n'
    '<img src="img/a.png" srcset="img/a.png 1x, img/b.png 2x" alt="a">\n'
    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">\n'
    '<form action="https://example.org/search"><input name="q"></form>\n'
    '<div style="background: url(\'img/a.png\')">bg</div>',
    head='<link rel="stylesheet" href="css/site.css"><link rel="icon" href="img/a.png">'
         '<link rel="canonical" href="https://example.org/">'
         '<style>@import "css/print.css"; body { color: black }</style>'
         '<script src="js/app.js"></script>',
)
CLEAN_FILES = {
    "index.html": CLEAN_INDEX,
    "page.html": page('<h2 id="sec">Section</h2><a href="index.html#x">back</a>'),
    "sub/index.html": page('<a href="../index.html">up</a> <a href="../page.html">page</a>'),
    "файл.html": page('<p id="а">Cyrillic id</p>'),
    "css/site.css": '@font-face { src: url("../fonts/f.woff2") format("woff2"); }\n'
                    "body { background: url(../img/b.png) }\n.f { filter: url(#blur) }\n",
    "css/print.css": "a::after { content: '' }\n",
    "fonts/f.woff2": b"\0",
    "img/a.png": b"\0",
    "img/b.png": b"\0",
    "js/app.js": "",
}


def test_clean_site_has_no_problems_and_counts(tmp_path: Path) -> None:
    report = check_site_links(write_site(tmp_path, CLEAN_FILES))
    assert report.problems == []
    assert report.ok
    assert report.pages == 4
    # index.html: 9 <a href> + form action + 3 img (src, srcset x2) + data: img
    #             + style url() + 3 <link> + @import + script src = 20
    # page.html 1, sub/index.html 2, css/site.css 3 url()s  => 26
    assert report.links_checked == 26


def test_empty_site(tmp_path: Path) -> None:
    report = check_site_links(tmp_path)
    assert (report.problems, report.pages, report.links_checked) == ([], 0, 0)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<a href="missing.html">x</a>', "index.html:5: <a href> 'missing.html': 'missing.html' does not exist"),
        ('<img src="img/none.png" alt="">', "<img src> 'img/none.png': 'img/none.png' does not exist"),
        ('<a href="nodir/">x</a>', "'nodir/': 'nodir/index.html' does not exist"),
        ('<a href="empty/">x</a>', "'empty/': 'empty/index.html' does not exist"),
        ('<a href="%20other.html">x</a>', "<a href> '%20other.html': ' other.html' does not exist"),
        ('<a href="../outside.html">x</a>', "<a href> '../outside.html' points outside the site"),
        ('<a href="#nowhere">x</a>', "<a href> '#nowhere': no id 'nowhere' in index.html"),
        ('<a href="#top">x</a>', "no id 'top' in index.html"),
        ('<a href="other.html#gone">x</a>', "'other.html#gone': no id 'gone' in other.html"),
        ('<a href="#">x</a>', "<a href> '#' has an empty fragment"),
        ('<a href="other.html#">x</a>', "'other.html#' has an empty fragment"),
        ('<form action="search.html"></form>', "<form action> 'search.html': 'search.html' does not exist"),
        ('<object data="doc.svg"></object>', "<object data> 'doc.svg': 'doc.svg' does not exist"),
        ('<img src="a.png" srcset="a.png 1x, b.png 2x" alt="">', "<img srcset> 'b.png': 'b.png' does not exist"),
        ('<div style="background:url(bg.png)">x</div>', "<div style> 'bg.png': 'bg.png' does not exist"),
        ('<p id="d">1</p>\n<p id="d">2</p>', "index.html:6: duplicate id 'd' (first at line 5)"),
    ],
)
def test_local_problem_kinds(tmp_path: Path, body: str, expected: str) -> None:
    (tmp_path / "empty").mkdir()
    write_site(tmp_path, {"index.html": page(body), "other.html": page('<p id="here">o</p>'),
                          "a.png": b"\0"})
    found = messages(check_site_links(tmp_path))
    assert len(found) == 1, found
    assert expected in found[0]


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ('<script src="https://cdn.example.com/x.js"></script>', "", "<script src> loads 'https://cdn"),
        ('<link rel="stylesheet" href="//cdn.example.com/x.css">', "", "<link href> loads '//cdn"),
        ('<link rel="icon" href="http://example.com/favicon.ico">', "", "<link href> loads 'http://"),
        ('<link rel="shortcut icon" href="https://example.com/f.ico">', "", "<link href> loads"),
        ('<link rel="preload" as="font" href="https://fonts.example.com/f.woff2">', "", "<link href> loads"),
        ('<link rel="modulepreload" href="https://example.com/m.js">', "", "<link href> loads"),
        ('<link rel="manifest" href="https://example.com/app.webmanifest">', "", "<link href> loads"),
        ("", '<img src="https://example.com/a.png" alt="">', "<img src> loads 'https://example.com/a.png'"),
        ("", '<img src="a.png" srcset="a.png 1x, https://example.com/b.png 2x" alt="">',
         "<img srcset> loads 'https://example.com/b.png'"),
        ("", '<picture><source srcset="//example.com/b.webp"><img src="a.png" alt=""></picture>',
         "<source srcset> loads '//example.com/b.webp'"),
        ("", '<iframe src="https://example.com/embed"></iframe>', "<iframe src> loads"),
        ("", '<video poster="https://example.com/p.jpg"></video>', "<video poster> loads"),
        ("", '<object data="https://example.com/d.svg"></object>', "<object data> loads"),
        ("", '<div style="background-image: url(&quot;https://example.com/bg.png&quot;)">x</div>',
         "index.html:5: <div style> loads 'https://example.com/bg.png' from another host"),
        ("<style>\nbody { color: red }\n@import url(//fonts.example.com/css);\n</style>", "",
         "index.html:5: <style> loads '//fonts.example.com/css'"),
        ("<style>@import 'https://example.com/a.css';</style>", "", "<style> loads 'https://example.com/a.css'"),
    ],
)
def test_external_loads_are_problems(tmp_path: Path, head: str, body: str, expected: str) -> None:
    write_site(tmp_path, {"index.html": page(body, head=head), "a.png": b"\0"})
    found = messages(check_site_links(tmp_path))
    assert len(found) == 1, found
    assert expected in found[0]
    assert "from another host" in found[0]


def test_external_url_in_local_css_file(tmp_path: Path) -> None:
    write_site(tmp_path, {
        "index.html": page("", head='<link rel="stylesheet" href="css/site.css">'),
        "css/site.css": "body { margin: 0 }\n\n@font-face { src: url('https://fonts.example.com/f.woff2') }\n"
                        "h1 { background: url(../missing.png) }\n",
    })
    assert messages(check_site_links(tmp_path)) == [
        "css/site.css:3: CSS url() loads 'https://fonts.example.com/f.woff2' from another host",
        "css/site.css:4: CSS url() '../missing.png': 'missing.png' does not exist",
    ]


def test_links_out_are_not_loads(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.html": page(
        '<a href="https://example.org/">a</a> <a href="//example.org/">b</a> <a href="mailto:x@example.org">m</a>\n'
        '<a href="tel:+100">t</a> <blockquote cite="https://example.org/q">q</blockquote>\n'
        '<form action="https://example.org/s"></form>',
        head='<link rel="canonical" href="https://example.org/"><link rel="alternate" href="https://example.org/ru">')})
    report = check_site_links(tmp_path)
    assert report.problems == []
    assert report.links_checked == 8


def test_several_pages_sorted_problems(tmp_path: Path) -> None:
    write_site(tmp_path, {
        "a.html": page('<a href="b.html#x">to b</a>'),
        "b.html": page('<p id="y">b</p>\n<a href="c.html">c</a>'),
        "sub/c.html": page('<a href="../a.html#">a</a>'),
    })
    report = check_site_links(tmp_path)
    assert report.pages == 3 and report.links_checked == 3
    assert messages(report) == [
        "a.html:5: <a href> 'b.html#x': no id 'x' in b.html",
        "b.html:6: <a href> 'c.html': 'c.html' does not exist",
        "sub/c.html:5: <a href> '../a.html#' has an empty fragment",
    ]


def test_problem_str_and_frozen() -> None:
    problem = LinkProblem("dir/p.html", 12, "broken")
    assert str(problem) == "dir/p.html:12: broken"
    assert str(LinkProblem("p.html", None, "broken")) == "p.html:?: broken"
    with pytest.raises(dataclasses.FrozenInstanceError):
        problem.line = 3  # type: ignore[misc]


def test_xlink_href_in_inline_svg_is_checked(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.html": page(
        '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://example.com/i.png"/>'
        '<use xlink:href="missing.svg#icon"/></svg>')})
    found = messages(check_site_links(tmp_path))
    assert any("<image xlink:href> loads 'https://example.com/i.png' from another host" in m for m in found), found
    assert any("'missing.svg#icon': 'missing.svg' does not exist" in m for m in found), found


def test_links_resolve_whatever_order_the_pages_arrive_in() -> None:
    """A build streams its pages: a link to a page not yet made waits for it, and a broken link
    repeated many times is reported at its first places and counted, not listed without end."""
    import lxml.html as html

    from tei_edition.linkcheck import SHOWN_PER_TARGET, SiteLinks, page_facts

    def facts(body: str):
        return page_facts(html.document_fromstring(page(body).encode(), parser=html.HTMLParser(encoding="utf-8")))

    links = SiteLinks()
    links.add_page("a/index.html", facts('<a href="../b/#x">b</a>' + '<a href="../gone/">g</a>' * 4))
    for n in range(SHOWN_PER_TARGET + 2):
        links.add_page(f"p{n}.html", facts('<a href="gone/#y">g</a>'))
    links.add_page("b/index.html", facts('<p id="x">x</p>'))
    report = links.finish()
    found = messages(report)
    assert not any("b/" in m for m in found), found  # resolved once b/ arrived
    assert "a/index.html:5: <a href> '../gone/': 'gone/index.html' does not exist" in found
    assert sum("'gone/#y'" in m for m in found) == SHOWN_PER_TARGET + 1  # the first places, then a count
    assert any("'gone/#y': and 2 more link(s) like it" in m for m in found), found
    assert any("'../gone/': and 3 more link(s) like it" in m for m in found), found
    assert report.pages == SHOWN_PER_TARGET + 4
