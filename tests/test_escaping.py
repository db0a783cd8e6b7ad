"""Everything from the TEI and YAML reaches HTML escaped; every page has a strict CSP.

A hostile copy of the edition puts `<`, `&`, `"`, `<script>` and `javascript:` into every kind of
input that reaches a page; the built pages are read with lxml and opened in Chromium: nothing
runs, no markup or handler is made of the input, and the text shows literally.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import build_with_fixed_date, copy_project, parse_html
from lxml import etree
from support.gates import serve_directory

# (file, old text, new text): each new text carries a payload that sets window.__xss if it runs.
HOSTILE = [
    ("edition/edition.yaml", "  ru: Цифровое издание статьи Т.А. Шеметовой (2020)",
     "  ru: 'Издание <script>window.__xss=1</script> & \"кавычки\" javascript:window.__xss=1'"),
    ("edition/edition.yaml", "  en: A digital edition of T.A. Shemetova's article (2020)",
     "  en: 'Edition <img src=x onerror=\"window.__xss=1\"> & \"quotes\"'"),
    ("edition/shemetova-2020.xml", "Новые советские представители",
     "Новые &lt;script&gt;window.__xss=2&lt;/script&gt; &amp; &quot;q&quot; javascript:window.__xss=2 представители"),
    ("edition/shemetova-2020.xml", "<title level=\"a\">О формах и методах советского руководства в поисках "
     "нормализации торгово-экономических и политических отношений с Синьцзяном в 1921–1923 г.</title>",
     "<title level=\"a\">О формах и методах советского руководства в поисках нормализации "
     "торгово-экономических и политических отношений с Синьцзяном в 1921–1923 г. "
     "&lt;img src=x onerror=&quot;window.__xss=3&quot;&gt;</title>"),
    ("edition/shemetova-2020.xml", "<idno type=\"DOI\">10.31857/S013128120009755-1</idno>",
     "<idno type=\"DOI\">10.31857/S013128120009755-1&quot;&gt;&lt;script&gt;window.__xss=4&lt;/script&gt;</idno>"),
    ("edition/shemetova-2020.xml", 'quantity="25" unit="kopeck" corresp="#tariff-1-2"',
     'quantity="25" unit="kop&quot;onmouseover=&quot;window.__xss=5" corresp="#tariff-1-2"'),
    ("edition/shemetova-2020.en.xml", 'quantity="25" unit="kopeck" corresp="#tariff-1-2"',
     'quantity="25" unit="kop&quot;onmouseover=&quot;window.__xss=5" corresp="#tariff-1-2"'),
    ("edition/shemetova-2020.xml", "П. 2. Кишмиш",
     "П. 2. Кишмиш &lt;script&gt;window.__xss=10&lt;/script&gt; &amp; &quot;"),
    # The edition's strings replace the generator's: these two are added to its file.
    ("edition/i18n/ru.yaml", "article: Статья",
     "article: Статья\ncite_as: 'Как цитировать <script>window.__xss=6</script>'"),
    ("edition/i18n/ru.yaml", "article: Статья",
     'article: Статья\nnote_label: "Примечание {number} \\" onmouseover=\\"window.__xss=7"'),
    ("edition/archives.yaml", "ru: Российский государственный архив экономики",
     "ru: 'Российский <b onmouseover=\"window.__xss=8\">архив</b> & javascript:window.__xss=8'"),
]
MARKDOWN = ("\n<script>window.__xss=9</script>\n\n[ссылка](javascript:window.__xss=9)\n\n"
            "<img src=x onerror=\"window.__xss=9\">\n")
# What each page must show as text, literally.
LITERAL = {
    "ru/shemetova-2020/index.html": ["<script>window.__xss=2</script> & \"q\" javascript:window.__xss=2",
                                     '<img src=x onerror="window.__xss=3">', "<script>window.__xss=4</script>",
                                     "Как цитировать <script>window.__xss=6</script>"],
    "ru/about/index.html": ["<script>window.__xss=9</script>", "[ссылка](javascript:window.__xss=9)",
                            '<img src=x onerror="window.__xss=9">'],
    "index.html": ['Издание <script>window.__xss=1</script> & "кавычки" javascript:window.__xss=1'],
    "ru/archives/index.html": ['Российский <b onmouseover="window.__xss=8">архив</b> & javascript:window.__xss=8'],
    "en/about/index.html": ['Edition <img src=x onerror="window.__xss=1"> & "quotes"'],
    "ru/data/index.html": ['Кишмиш <script>window.__xss=10</script> & "'],
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    for file, old, new in HOSTILE:
        path = project / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    about = project / "edition" / "pages" / "about.ru.md"
    about.write_text(about.read_text(encoding="utf-8") + MARKDOWN, encoding="utf-8")
    out = project / "build"
    build_with_fixed_date(project / "edition", out)
    return out


def test_no_markup_or_handler_is_made_of_the_input(hostile_site: Path):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 9
    for page in pages:
        html = parse_html(page)
        name = page.relative_to(hostile_site).as_posix()
        for script in html.iter("script"):
            if script.get("type") == "application/ld+json":  # metadata: data, never run; nothing ends it early
                assert "<" not in script.text and isinstance(json.loads(script.text), dict), name
                continue
            # The site's own scripts only: edition.js everywhere, search.js on the search page.
            allowed = ("assets/edition.js", "assets/search.js") if "/search/" in f"/{name}" else ("assets/edition.js",)
            assert (script.get("src") or "").endswith(allowed) and not (script.text or "").strip(), name
        assert html.xpath("//@*[starts-with(name(), 'on')]") == [], name
        # The one image a page may show is a data table's chart, the site's own SVG (checked below).
        charts = "starts-with(@src, '../../data/') and substring(@src, string-length(@src) - 3) = '.svg'"
        assert html.xpath(f"//img[not({charts})] | //iframe | //object | //embed | //svg | //b[@onmouseover]") == [], \
            name
        for url in html.xpath("//@href | //@src | //@action"):
            assert not re.match(r"\s*(javascript|data|vbscript):", url, re.I), (name, url)
    for name, texts in LITERAL.items():
        shown = parse_html(hostile_site / name).text_content()
        for text in texts:
            assert text in shown, (name, text)
    for chart in sorted(hostile_site.glob("data/*.svg")):  # the hostile goods are text in it, never markup
        svg = etree.parse(str(chart))
        assert svg.xpath("//*[local-name() = 'script' or local-name() = 'foreignObject'] | //@*[starts-with("
                         "name(), 'on')]") == [], chart.name
    svg_text = "".join(etree.parse(str(hostile_site / "data" / "tariff-1923.ru.svg")).getroot().itertext())
    assert "Кишмиш <script>window.__xss=10</script>" in svg_text


def test_the_doi_link_stays_one_url(hostile_site: Path):
    html = parse_html(hostile_site / "ru" / "shemetova-2020" / "index.html")
    links = [href for href in html.xpath("//a/@href") if "doi.org" in href]
    assert links and all(href.startswith("https://doi.org/10.31857/S013128120009755-1%22%3E%3Cscript%3E")
                         for href in links), links


def test_nothing_runs_in_the_browser_and_the_text_shows_literally(browser, hostile_site: Path):
    context = browser.new_context()
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    with serve_directory(hostile_site) as base:
        for name, texts in LITERAL.items():
            page.goto(base + name)
            page.wait_for_load_state("load")
            page.evaluate("""() => {  // what an inline handler would wait for, on every element
                for (const element of document.querySelectorAll('*')) {
                    for (const type of ['mouseover', 'focus', 'error', 'load']) {
                        element.dispatchEvent(new Event(type, {cancelable: true}));
                    }
                }
            }""")
            assert page.evaluate("typeof window.__xss") == "undefined", name
            shown = page.inner_text("body")
            for text in texts:
                assert text in shown, (name, text)
    context.close()
    assert not [m for m in messages if "Content Security Policy" in m], \
        "the CSP had to stop something: the escaping let markup through"


REQUIRED_CSP = ("default-src 'none'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                "base-uri 'none'")


def test_every_page_carries_a_strict_csp(built_site: Path, site_pages):
    for name in site_pages:
        policies = parse_html(built_site / name).xpath("//head/meta[@http-equiv='Content-Security-Policy']/@content")
        assert len(policies) == 1, name
        for directive in REQUIRED_CSP:
            assert directive in policies[0], (name, directive)
        # The search page alone lets the site's own script run WebAssembly (Pagefind's index); still
        # no inline script, no eval of text.
        policy = policies[0].replace(" 'wasm-unsafe-eval'", "") if name.endswith("search/index.html") else policies[0]
        assert "unsafe" not in policy and "http" not in policy and "*" not in policy, name


def test_the_csp_stops_an_inline_script_in_the_browser(browser, site_url):
    page = browser.new_page()
    violations: list[str] = []
    page.expose_function("reportViolation", lambda directive: violations.append(directive))
    page.goto(f"{site_url}/ru/shemetova-2020/")
    page.evaluate("""() => {
        document.addEventListener('securitypolicyviolation', e => window.reportViolation(e.violatedDirective));
        const script = document.createElement('script');
        script.textContent = 'window.__inline = 1';
        document.body.append(script);
    }""")
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__inline") == "undefined"
    assert violations and violations[0].startswith("script-src")
    page.close()
