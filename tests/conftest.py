"""Shared fixtures: a copy of the project to break on purpose, and one real build per session."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import lxml.html
import pytest

from tei_edition.cli import main
from tei_edition.config import load_config
from tei_edition.urls import site_root

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1764028800"  # 2025-11-25: any fixed value makes builds reproducible
# Where this edition's site stands on its host (its base_url's path): its 404 page links from there,
# and the tests serve it there, as `tei-edition serve` does.
SITE_ROOT = site_root(load_config(ROOT / "edition").base_url)


MEMORY_FOLDER = Path("/dev/shm")


def _temporary_files_in_memory() -> None:
    """The tests' temporary folders (tmp_path, and the builds' processes, which inherit TMPDIR) in
    memory when the system has room there (1 GiB) and TMPDIR does not say otherwise: the suite makes
    tens of thousands of files, each of which can cost a disk a millisecond to create (ext4 without
    a journal). pyproject keeps only failed tests' folders."""
    if os.environ.get("TMPDIR") or not MEMORY_FOLDER.is_dir() or not os.access(MEMORY_FOLDER, os.W_OK | os.X_OK):
        return
    room = os.statvfs(MEMORY_FOLDER)
    if room.f_bavail * room.f_frsize >= 1 << 30:
        os.environ["TMPDIR"] = str(MEMORY_FOLDER)
        tempfile.tempdir = None  # asked again, from TMPDIR


_temporary_files_in_memory()


def parse_html(path: Path):
    """Pages are UTF-8 (declared in <meta charset>); say so rather than let the parser guess."""
    return lxml.html.parse(str(path), parser=lxml.html.HTMLParser(encoding="utf-8")).getroot()


@pytest.fixture(scope="session", autouse=True)
def _schema_compiled_once():
    """The project schema compiled once for the whole session: the helper process each build forks
    inherits it (a command-line build compiles it in its helper, beside the build)."""
    from tei_edition import schema
    schema._schema()


@pytest.fixture(autouse=True)
def _fixed_build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def copy_project(target: Path) -> Path:
    """A throw-away copy of what a build reads: edition/, templates/, seeds/."""
    for folder in ("edition", "templates", "seeds"):
        shutil.copytree(ROOT / folder, target / folder)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def build_with_fixed_date(edition: Path, out: Path) -> None:
    """A build outside a test function (a session or module fixture), on the fixed date."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        assert main(["build", "--strict", "--edition", str(edition), "--out", str(out)]) == 0
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "build"
    build_with_fixed_date(ROOT / "edition", out)
    return out


@pytest.fixture(scope="session")
def article(built_site: Path):
    return parse_html(built_site / "ru" / "shemetova-2020" / "index.html")


@pytest.fixture(scope="session")
def register(built_site: Path):
    return parse_html(built_site / "ru" / "archives" / "index.html")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's browser is Debian's chromium (a downloaded browser cannot run here)."""
    from support import gates
    if not gates.CHROMIUM_PATH.is_file():
        raise gates.GateToolMissing(f"{gates.CHROMIUM_PATH} is missing: apt-get install chromium")
    return {**browser_type_launch_args, "executable_path": str(gates.CHROMIUM_PATH),
            "args": list(gates.CHROMIUM_ARGS), "headless": True}


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site over HTTP on 127.0.0.1 (never file://)."""
    from support.gates import serve_directory
    with serve_directory(built_site, SITE_ROOT) as base:
        yield base.rstrip("/")


@pytest.fixture
def open_page(browser):
    """A new page in a context of its own (options: viewport, color_scheme, java_script_enabled, ...),
    closed after the test even when it fails."""
    contexts = []

    def open_(**options):
        contexts.append(browser.new_context(**options))
        return contexts[-1].new_page()
    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> list[str]:
    """Every HTML page of the build, as site paths ("ru/archives/index.html")."""
    return sorted(str(p.relative_to(built_site)) for p in built_site.rglob("*.html"))


BROWSER_FIXTURES = {"browser", "page", "context", "chromium", "site_url", "axe_site"}
# Processes (builds, pools, helpers), tei_all, 2,000 hypothesis examples.
SLOW_MODULES = {"test_safety.py", "test_archival_fuzz.py", "test_schema.py", "test_build.py"}


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's, which reads the groups
def pytest_collection_modifyitems(items):
    """Markers, so that the inner loop (`pytest -m "not browser and not slow"`) stays fast:
    `browser` for tests that drive Chromium, `slow` for other tools (Java, processes, tei_all)."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
            # With pytest-xdist (the README's test command: `-n 2 --dist loadgroup`), every browser test
            # runs in one worker, one after another, beside the other tests: one Chromium at a time,
            # whose timings (Lighthouse, layout shift) two browsers at once would disturb.
            item.add_marker(pytest.mark.xdist_group("browser"))
        elif item.path.name in SLOW_MODULES or "vnu" in item.name or "nu_html" in item.name:
            item.add_marker(pytest.mark.slow)


def pytest_runtest_setup(item):
    """With `--dist loadgroup`, pytest-xdist keeps a group in one worker by naming the group at the end
    of each of its tests' ids; if a version of pytest or pytest-xdist stops doing so, the group's
    tests fail and say why, rather than run two browsers at once."""
    if not (os.environ.get("PYTEST_XDIST_WORKER") and item.config.getvalue("loadgroup")):
        return
    groups = sorted(mark.args[0] for mark in item.iter_markers("xdist_group") if mark.args)
    if groups and not item.nodeid.endswith("@" + "_".join(groups)):
        pytest.fail(f"pytest-xdist did not keep this test in its group {groups}: install the versions of "
                    f"pytest and pytest-xdist that pyproject.toml pins", pytrace=False)


REVIEW = ROOT / "build-review"


@pytest.fixture(scope="session")
def review_dir() -> Path:
    """Screenshots for a person to look at (git-ignored)."""
    REVIEW.mkdir(exist_ok=True)
    return REVIEW
