"""The quality-gate tools are real and can fail.

vnu.jar, axe-core and Debian's chromium are driven through tests/support/gates.py
exactly as the site gates use them; pages are served over HTTP on 127.0.0.1.
A missing tool makes these tests fail (GateToolMissing), never skip.
"""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path

import pytest
from support import gates
from support.gates import launch_chromium, run_axe, run_vnu, serve_directory

VALID = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Valid page</title></head>
<body>
<main><h1>Valid</h1><p>Fine <a href="other.html">link</a>.</p>
<img src="pixel.png" alt="A pixel" width="1" height="1"></main>
</body>
</html>
"""

INVALID = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Invalid page</title></head>
<body>
<div><p>Stray end tag</span></p></div>
<p id="a">one</p><p id="a">duplicate id</p>
</body>
</html>
"""

# Accessibility: no lang on <html>, <img> without alt, unlabeled input.
INACCESSIBLE = """<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Bad page</title></head>
<body>
<main><h1>Bad</h1><img src="pixel.png"><input type="text"></main>
</body>
</html>
"""

# Print styles that break contrast only on paper: axe must see them under print media.
PRINT_ONLY_BAD = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Print page</title>
<style>@media print { p { color: #ddd; background: #fff; } }</style></head>
<body>
<main><h1>Print</h1><p>Readable on screen, too pale on paper.</p></main>
</body>
</html>
"""

PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0f01f0005000201a2b7e2f50000000049454e44ae426082")


def _site(root: Path, pages: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "pixel.png").write_bytes(PIXEL_PNG)
    return root


# ---------------------------------------------------------------------- vnu --
def test_vnu_flags_invalid_page_and_passes_valid_one(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", {"valid.html": VALID, "other.html": VALID})
    (site / "sub").mkdir()
    (site / "sub" / "invalid.html").write_text(INVALID, encoding="utf-8")
    (site / "style.css").write_text("this is { not css", encoding="utf-8")  # skipped: --skip-non-html
    started = time.monotonic()
    errors = run_vnu(site)
    print(f"vnu: {time.monotonic() - started:.2f}s, {len(errors)} errors")
    assert errors, "vnu reported nothing for an invalid page"
    assert {e["page"] for e in errors} == {"sub/invalid.html"}, gates.format_vnu_errors(errors)
    text = gates.format_vnu_errors(errors)
    assert "Stray end tag" in text
    assert "Duplicate ID" in text
    assert all(isinstance(e["line"], int) and e["url"].startswith("file:") for e in errors)


def test_vnu_clean_directory_gives_no_errors(tmp_path: Path) -> None:
    assert run_vnu(_site(tmp_path, {"index.html": VALID, "other.html": VALID})) == []


def test_vnu_missing_jar_fails_loudly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gates, "VNU_JAR", tmp_path / "nope" / "vnu.jar")
    with pytest.raises(gates.GateToolMissing, match="vnu.jar is missing"):
        run_vnu(tmp_path)


def test_vnu_missing_java_fails_loudly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(gates.GateToolMissing, match="java is not on PATH"):
        run_vnu(tmp_path)


# ------------------------------------------------------------------- server --
def test_serve_directory_binds_localhost_and_stops(tmp_path: Path) -> None:
    _site(tmp_path, {"index.html": VALID})
    with serve_directory(tmp_path) as base:
        assert base.startswith("http://127.0.0.1:") and base.endswith("/")
        with urllib.request.urlopen(base + "index.html", timeout=5) as resp:
            assert resp.status == 200 and b"Valid page" in resp.read()
    with pytest.raises(OSError):
        urllib.request.urlopen(base + "index.html", timeout=2)


# ---------------------------------------------------------------------- axe --
@pytest.fixture(scope="module")
def chromium(playwright):  # `playwright` is pytest-playwright's session fixture
    browser = launch_chromium(playwright)
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def axe_site(tmp_path_factory: pytest.TempPathFactory):
    site = _site(tmp_path_factory.mktemp("axe"), {
        "good.html": VALID, "other.html": VALID, "bad.html": INACCESSIBLE, "print.html": PRINT_ONLY_BAD})
    with serve_directory(site) as base:
        yield base


def test_launch_chromium_missing_binary_fails_loudly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(gates, "CHROMIUM_PATH", tmp_path / "chromium")
    with pytest.raises(gates.GateToolMissing, match="chromium is missing"):
        launch_chromium(object())


def test_chromium_is_debian_build_with_flags(chromium) -> None:
    assert "--no-sandbox" in gates.CHROMIUM_ARGS and "--headless" in gates.CHROMIUM_ARGS
    assert chromium.version.split(".")[0].isdigit()


@pytest.mark.parametrize("media", ["screen", "print"])
def test_axe_finds_violations_on_bad_page(chromium, axe_site: str, media: str) -> None:
    page = chromium.new_page()
    try:
        page.goto(axe_site + "bad.html")
        started = time.monotonic()
        violations = run_axe(page, media=media)
        print(f"axe ({media}): {time.monotonic() - started:.2f}s")
        assert page.evaluate(f"matchMedia('{media}').matches")
    finally:
        page.close()
    ids = {v["id"] for v in violations}
    assert {"html-has-lang", "image-alt", "label"} <= ids, gates.format_axe_violations(violations)
    image_alt = next(v for v in violations if v["id"] == "image-alt")
    assert image_alt["targets"] == ["img"] and image_alt["impact"] == "critical" and image_alt["help"]


@pytest.mark.parametrize("media", ["screen", "print"])
def test_axe_passes_good_page(chromium, axe_site: str, media: str) -> None:
    page = chromium.new_page()
    try:
        page.goto(axe_site + "good.html")
        violations = run_axe(page, media=media)
    finally:
        page.close()
    assert violations == [], gates.format_axe_violations(violations)


def test_axe_print_media_sees_print_styles(chromium, axe_site: str) -> None:
    page = chromium.new_page()
    try:
        page.goto(axe_site + "print.html")
        screen = run_axe(page, media="screen")
        printed = run_axe(page, media="print")
    finally:
        page.close()
    assert screen == [], gates.format_axe_violations(screen)
    assert [v["id"] for v in printed] == ["color-contrast"], gates.format_axe_violations(printed)
