"""Reading behaviour in a real browser (Debian chromium via Playwright), over HTTP on 127.0.0.1."""
from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ARTICLE = "ru/shemetova-2020/"


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def reader(request, browser):
    context = browser.new_context(java_script_enabled=request.param, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.javascript = request.param  # what this reader's browser runs
    yield page
    context.close()


class Placement:
    """Whether an element is in view (true or false as a bool), and, when it is not, where it and the
    page were (in the assertion's message: a failure under load says what the browser had done)."""

    def __init__(self, shown: bool, where: str = ""):
        self.shown, self.where = shown, where

    def __bool__(self) -> bool:
        return self.shown

    def __repr__(self) -> str:
        return "in view" if self.shown else f"not in view: {self.where}"


def in_viewport(page, selector: str) -> Placement:
    """Whether the element is (or within 10 s comes) into view: scrolling to a fragment is asynchronous,
    and the test command runs these beside the other tests (3 s was once too short for a page loaded
    under that load, after a link from another page). The wait polls on a timer, not on animation
    frames, which a browser under load may hold back; and the element's place is read once more when
    the wait ends, since a run on CI found it in view by then (top 27 of a 900-pixel window)."""
    page.wait_for_load_state()
    try:
        page.wait_for_function(f"s => ({_IN_VIEW})(s)", arg=selector, timeout=10000, polling=100)
    except PlaywrightTimeoutError:
        shown, where = page.evaluate(
            f"""s => {{ const e = document.querySelector(s), r = e && e.getBoundingClientRect();
                      return [({_IN_VIEW})(s), `${{s}} ${{r ? `top ${{r.top}} bottom ${{r.bottom}}` : "missing"}}, `
                        + `window height ${{window.innerHeight}}, scrolled to ${{window.scrollY}} of `
                        + `${{document.documentElement.scrollHeight}}, ${{document.readyState}}, `
                        + location.href]; }}""",
            selector)
        return Placement(shown, where)
    return Placement(True)


_IN_VIEW = """s => { const e = document.querySelector(s), r = e && e.getBoundingClientRect();
                      return !!r && r.bottom > 0 && r.top < window.innerHeight; }"""


def test_marker_leads_to_note_and_back(reader, site_url):
    reader.goto(f"{site_url}/{ARTICLE}")
    reader.click("#nref-7")
    assert reader.url.endswith("#n7")
    assert in_viewport(reader, "#n7")
    assert reader.evaluate("document.activeElement.id") == "n7"
    reader.click("#n7 .note-backref")
    assert reader.url.endswith("#nref-7")
    assert in_viewport(reader, "#nref-7")
    assert reader.evaluate("document.activeElement.id") == "nref-7"


def test_paragraph_url_lands_on_highlighted_paragraph(reader, site_url):
    reader.goto(f"{site_url}/{ARTICLE}#p12")
    assert in_viewport(reader, "#p12")
    assert reader.evaluate("document.querySelector('#p12').matches(':target')")
    highlighted = reader.evaluate("getComputedStyle(document.querySelector('#p12')).backgroundColor")
    plain = reader.evaluate("getComputedStyle(document.querySelector('#p11')).backgroundColor")
    assert highlighted != plain
    reader.click("#p20 .para-number")
    assert reader.url.endswith("#p20")


def test_archival_reference_leads_to_register_and_back(reader, site_url):
    reader.goto(f"{site_url}/{ARTICLE}#n13")
    reader.click("#n13 a.archival")
    assert reader.url.endswith("/ru/archives/#rgae-635-3-3")
    assert in_viewport(reader, "#rgae-635-3-3")
    reader.click("#rgae-635-3-3 a[href$='#n13']")
    assert reader.url.endswith(f"/{ARTICLE}#n13") and in_viewport(reader, "#n13")
    reader.go_back()
    reader.click("#rgae-635-3-3 a[href$='#p13']")
    assert reader.url.endswith(f"/{ARTICLE}#p13") and in_viewport(reader, "#p13")


def test_popover_on_hover_focus_and_escape(browser, site_url):
    page = browser.new_page()
    page.goto(f"{site_url}/{ARTICLE}")
    popover = page.locator("#note-popover")
    assert popover.get_attribute("role") == "tooltip" and not popover.is_visible()
    page.hover("#nref-9")
    assert popover.is_visible() and "РГАЭ. Ф. 635. Оп. 3. Д. 14. Л. 353–354." in popover.inner_text()
    assert page.get_attribute("#nref-9", "aria-describedby") == "note-popover"
    page.keyboard.press("Escape")
    assert not popover.is_visible()
    page.mouse.move(0, 0)
    page.focus("#nref-6")  # keyboard focus shows the note too; a lost note says so
    assert popover.is_visible() and "утрачен" in popover.inner_text()
    page.keyboard.press("Escape")
    assert not popover.is_visible() and page.evaluate("document.activeElement.id") == "nref-6"
    page.close()


def test_popover_on_touch(browser, site_url):
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(f"{site_url}/{ARTICLE}")
    page.tap("#nref-7")
    popover = page.locator("#note-popover")
    assert popover.is_visible() and "Л. 4." in popover.inner_text()
    assert not page.url.endswith("#n7")  # the first tap shows the note in place
    assert popover.locator("a").count() == 0  # a tooltip holds no controls
    page.tap("h1")  # a tap elsewhere closes it
    assert not popover.is_visible()
    page.tap("#nref-7")
    page.tap("#nref-7")  # a second tap follows the link
    assert page.url.endswith("#n7")
    context.close()


def test_phone_width_never_scrolls_sideways(browser, site_url, site_pages):
    page = browser.new_page(viewport={"width": 375, "height": 740})
    for path in site_pages:
        page.goto(f"{site_url}/{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    page.goto(f"{site_url}/{ARTICLE}")
    region = page.locator(".table-scroll")
    assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
    # The tariff fits its region as cards (test_presentation.py); a wider table would scroll in it.
    assert page.evaluate("(() => { const r = document.querySelector('.table-scroll');"
                         " return r.scrollWidth <= r.clientWidth; })()")
    assert page.locator("#tariff-1923 caption").is_visible()
    page.close()


def test_print_hides_navigation_keeps_notes_and_page_numbers(browser, site_url):
    page = browser.new_page()
    page.emulate_media(media="print")
    page.goto(f"{site_url}/{ARTICLE}")
    assert not page.locator(".site-header").is_visible()
    assert page.locator("#n7").is_visible() and page.locator("#n1").is_visible()
    assert page.locator("#page-166").is_visible() and page.locator("#page-166").bounding_box()["width"] > 0
    assert page.locator("#p1 .para-number").is_visible()
    page.close()


def test_screenshots_for_review(browser, site_url, review_dir):
    shots = [("article-desktop", ARTICLE, 1400, 1000, "screen"), ("article-phone", ARTICLE, 375, 800, "screen"),
             ("article-print", ARTICLE, 800, 1100, "print"), ("register", "ru/archives/", 1280, 900, "screen"),
             ("table-phone", f"{ARTICLE}#tariff-1923", 375, 800, "screen")]
    for name, path, width, height, media in shots:
        page = browser.new_page(viewport={"width": width, "height": height})
        page.emulate_media(media=media)
        page.goto(f"{site_url}/{path}")
        target = review_dir / f"{name}.png"
        page.screenshot(path=str(target), full_page=name != "table-phone")
        assert target.stat().st_size > 10_000
        page.close()


def test_language_switch_keeps_the_place(reader, site_url):
    reader.goto(f"{site_url}/{ARTICLE}#p12")
    reader.click("a.lang-switch")
    if reader.javascript:  # the switch carries the fragment
        assert reader.url.endswith("/en/shemetova-2020/#p12") and in_viewport(reader, "#p12")
    else:
        # Without it the link goes to the page; the same fragment works there.
        assert reader.url.endswith("/en/shemetova-2020/")
        reader.goto(f"{site_url}/en/shemetova-2020/#p12")
        assert in_viewport(reader, "#p12")
    assert reader.evaluate("document.documentElement.lang") == "en"


@pytest.mark.parametrize("width", [375, 1280])
def test_language_switch_carries_the_passage_scrolled_to(reader, site_url, width):
    """A reader who scrolled to ¶12 (no fragment in the address) lands at ¶12 in English: with
    JavaScript by the switch, without it by the passage's own link in its Cite box."""
    reader.set_viewport_size({"width": width, "height": 800})
    reader.goto(f"{site_url}/{ARTICLE}")
    reader.evaluate("document.getElementById('p12').scrollIntoView()")
    reader.mouse.wheel(0, 40)  # a little into the paragraph, as a reader would be
    reader.wait_for_timeout(200)
    if reader.javascript:
        reader.mouse.wheel(0, -30)  # back up a little: on a phone, the header comes back
        reader.wait_for_timeout(200)
        box = reader.locator("a.lang-switch").bounding_box()
        assert box["y"] >= 0  # in view without scrolling to the top
        # The mouse where the link is (Playwright's click would first scroll the page to it).
        with reader.expect_navigation():
            reader.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    else:
        reader.click("#p12 ~ details.cite summary")
        reader.click("#p12 ~ details.cite .passage-in a[hreflang='en']")
    assert reader.url.endswith("/en/shemetova-2020/#p12") and in_viewport(reader, "#p12")


def test_language_switch_back_from_english(browser, site_url):
    page = browser.new_page()
    page.goto(f"{site_url}/en/shemetova-2020/#n13")
    page.click("a.lang-switch")
    assert page.url.endswith("/ru/shemetova-2020/#n13") and in_viewport(page, "#n13")
    page.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_parallel_view_side_by_side_or_stacked(browser, site_url, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{site_url}/en/shemetova-2020/parallel/#p12")
    assert in_viewport(page, "#p12")
    boxes = page.evaluate("""() => [...document.querySelectorAll('#p12 > .parallel-cell')]
                                     .map(c => { const r = c.getBoundingClientRect(); return [r.left, r.top]; })""")
    (ru_left, ru_top), (en_left, en_top) = boxes
    if width == 375:
        assert ru_left == en_left and ru_top < en_top  # stacked: original, then translation
    else:
        assert ru_left < en_left and ru_top == en_top  # side by side
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.click("#p12 .parallel-cell:nth-child(2) a.to-reading")
    assert page.url.endswith("/en/shemetova-2020/#p12") and in_viewport(page, "#p12")
    page.close()


def test_quotation_leads_to_the_russian_original(browser, site_url):
    page = browser.new_page()
    page.goto(f"{site_url}/en/shemetova-2020/#p2")
    page.click("#p2 a.quote-original >> nth=0")
    assert page.url.endswith("/ru/shemetova-2020/#q2") and in_viewport(page, "#q2")
    assert page.evaluate("document.documentElement.lang") == "ru"
    page.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_way_finding_open_beside_the_text_collapsed_on_phones(browser, site_url, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(f"{site_url}/{ARTICLE}")
    pages = page.locator(".wayfinding .print-pages a")
    if width == 375:
        assert not pages.first.is_visible()
        page.click(".wayfinding summary")
    else:
        assert not page.locator(".wayfinding summary").is_visible()
    assert pages.first.is_visible()
    page.locator(".wayfinding .print-pages a", has_text="169").click()
    assert page.url.endswith("#page-169") and in_viewport(page, "#page-169")
    page.click(".back-to-top a")
    page.wait_for_function("() => window.scrollY === 0", timeout=3000)
    page.close()
