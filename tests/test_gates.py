"""Quality gates over every built page: Nu Html Checker, axe-core in Chromium, links and anchors."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SITE_ROOT
from support.gates import format_axe_violations, format_vnu_errors, run_axe, run_vnu

from tei_edition.linkcheck import check_site_links


def test_site_has_the_expected_pages(site_pages):
    assert {"index.html", "ru/shemetova-2020/index.html", "ru/archives/index.html"} <= set(site_pages)


def test_nu_html_checker_finds_no_error(built_site: Path, site_pages):
    errors = run_vnu(built_site)  # one call over the whole build
    print(f"Nu Html Checker: {len(site_pages)} pages, {len(errors)} errors")
    assert errors == [], format_vnu_errors(errors)


def test_every_link_and_fragment_resolves(built_site: Path, site_pages):
    report = check_site_links(built_site, SITE_ROOT)
    print(f"links: {report.pages} pages, {report.links_checked} links checked, {len(report.problems)} problems")
    assert report.pages == len(site_pages)
    assert report.problems == [], "\n".join(map(str, report.problems))
    assert report.links_checked > 100


@pytest.mark.parametrize("media", ["screen", "print"])
def test_axe_finds_no_violation_on_any_page(browser, site_url, site_pages, media):
    page = browser.new_page(bypass_csp=True)  # axe is injected as an inline script, which the CSP forbids
    failures = []
    for path in site_pages:
        page.goto(f"{site_url}/{path}")
        violations = run_axe(page, media=media)
        if violations:
            failures.append(f"{path} ({media}):\n{format_axe_violations(violations)}")
    page.close()
    print(f"axe-core ({media}): {len(site_pages)} pages, {len(failures)} with violations")
    assert failures == [], "\n".join(failures)
