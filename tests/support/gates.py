"""Reusable quality-gate helpers for the test suite (no pytest fixtures here).

* :func:`serve_directory` -- serve a folder over HTTP on 127.0.0.1 (free port);
  :func:`serve_compressed` -- the same, its text gzip-compressed as a static host sends it;
* :data:`LAYOUT_SHIFT` -- a page's cumulative layout shift, measured in it, once its fonts are in;
* :data:`CHROMIUM_ARGS` / :func:`launch_chromium` -- Debian's /usr/bin/chromium
  driven by Playwright (never a Playwright-downloaded browser);
* :func:`run_vnu` -- the Nu Html Checker (``node_modules/vnu-jar``) on a folder;
* :func:`run_axe` -- axe-core (``node_modules/axe-core``) on a Playwright page.

A missing tool (chromium, java, vnu.jar, axe.min.js) raises :class:`GateToolMissing`,
so the tests that need it fail loudly instead of being skipped.  The Node tools
come from ``npm ci --ignore-scripts`` at the repository root.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import json
import re
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from tei_edition.serving import static_host

REPO_ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO_ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM_PATH = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]
VNU_TIMEOUT_S = 600


class GateToolMissing(RuntimeError):
    """A quality-gate tool is not installed; the gate must fail, not skip."""


# --------------------------------------------------------------------- HTTP --
class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_directory(path: Path | str, site_root: str = "/") -> Iterator[str]:
    """Serve *path* on 127.0.0.1 at a free port, as `tei-edition serve` does (the site at `site_root`,
    its 404 page for an address without a page); yield the site's URL ("http://127.0.0.1:PORT/...").

    A threaded ``http.server`` runs in this process (daemon threads); the
    context waits until it answers and shuts it down on exit.
    """
    root = Path(path).resolve()
    if not root.is_dir():
        raise NotADirectoryError(f"serve_directory: {root} is not a directory")
    handler = static_host(root, site_root, quiet=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=f"http:{root.name}",
                              daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}{site_root}"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with urllib.request.urlopen(base_url, timeout=2):
                    break
            except urllib.error.HTTPError:
                break  # it answered (e.g. 404 on an empty folder)
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"serve_directory: {base_url} never answered") from None
                time.sleep(0.05)
        yield base_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def serve_compressed(site: Path) -> Iterator[str]:
    """The site as a static host serves it: text compressed with gzip when the browser accepts it
    (gzip's level 9; fonts and images as they are). Yields the base URL, without its last slash."""
    class Host(_QuietHandler):
        def send_head(self) -> Any:
            path = Path(self.translate_path(self.path))
            path = path / "index.html" if path.is_dir() else path
            text = path.is_file() and path.suffix in {".html", ".css", ".js", ".svg", ".xml", ".json"}
            if not text or "gzip" not in self.headers.get("Accept-Encoding", ""):
                return super().send_head()
            body = gzip.compress(path.read_bytes(), mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Host, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# A page's cumulative layout shift (shifts after user input aside), once its fonts are in and 0.8 s
# later, with the shifting elements and how many PT Serif faces it loaded.
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  const sources = [];
  new PerformanceObserver(list => list.getEntries().forEach(entry => {
    if (entry.hadRecentInput) return;
    total += entry.value;
    sources.push(entry.sources.map(s => s.node ? (s.node.id || s.node.className || s.node.nodeName) : '?').join(' '));
  })).observe({type: 'layout-shift', buffered: true});
  document.fonts.ready.then(() => setTimeout(() => resolve({total, sources, fonts: [...document.fonts]
    .filter(f => f.status === 'loaded' && f.family.includes('PT Serif')).length}), 800));
})"""


# ----------------------------------------------------------------- Chromium --
def launch_chromium(playwright: Any, **launch_kwargs: Any) -> Any:
    """Launch Debian's chromium through a (sync) Playwright instance; return the Browser."""
    if not CHROMIUM_PATH.is_file():
        raise GateToolMissing(
            f"{CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install chromium); "
            "the browser gates need it and do not use Playwright's own browser downloads")
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM_PATH), args=list(CHROMIUM_ARGS), headless=True, **launch_kwargs)


# ---------------------------------------------------------------------- vnu --
# A short run: the client compiler only (the checker starts in a third of the time and its few
# seconds of work take half the processor time), with the deeper stack its frames need (the checker
# asks for at least 512k); one garbage-collector thread.
JAVA_SHORT_RUN = ("-Xss16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
# Jing, the reference RELAX NG validator (the TEI's own), as vnu.jar ships it.
JING_DRIVER = "nu.validator.vendor.thaiopensource.relaxng.util.Driver"
_JING_MESSAGE = re.compile(r"(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?:error|fatal): (?P<message>.*)")


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        raise GateToolMissing("java is not on PATH: install a JRE >= 11 (e.g. apt-get install "
                              "openjdk-17-jre-headless) to run the HTML validator")
    if not VNU_JAR.is_file():
        raise GateToolMissing(f"{VNU_JAR} is missing: run `npm ci --ignore-scripts` in {REPO_ROOT}")
    return java


def run_jing(schema: Path, files: list[Path]) -> dict[Path, list[str]]:
    """Validate every file against a RELAX NG schema with Jing, in one run; each file's messages
    ("line:column: message"), [] for a valid one."""
    result = subprocess.run([_java(), *JAVA_SHORT_RUN, "-cp", str(VNU_JAR), JING_DRIVER, str(schema),
                             *map(str, files)], capture_output=True, text=True, encoding="utf-8",
                            timeout=VNU_TIMEOUT_S, check=False)
    verdicts: dict[Path, list[str]] = {path: [] for path in files}
    for line in (result.stdout + result.stderr).splitlines():
        found = _JING_MESSAGE.fullmatch(line)
        if found is None or Path(found["file"]) not in verdicts:
            raise RuntimeError(f"jing said what this does not read (exit {result.returncode}): {line}")
        verdicts[Path(found["file"])].append(f"{found['line']}:{found['column']}: {found['message']}")
    if result.returncode != (1 if any(verdicts.values()) else 0):
        raise RuntimeError(f"jing failed (exit {result.returncode}):\n{result.stderr[-2000:]}")
    return verdicts


def run_vnu(site_dir: Path | str) -> list[dict]:
    """Run vnu.jar once over every HTML file below *site_dir*; return its errors.

    Each item: ``{"url", "page", "line", "message", "extract", "type"}`` where
    ``page`` is the path relative to *site_dir* (or the raw url) and ``type`` is
    ``"error"`` or ``"non-document-error"`` (e.g. an unreadable file).
    Warnings are not reported (``--errors-only``).
    """
    site = Path(site_dir).resolve()
    java = _java()
    if not site.is_dir():
        raise NotADirectoryError(f"run_vnu: {site} is not a directory")
    cmd = [java, *JAVA_SHORT_RUN, "-jar", str(VNU_JAR),
           "--errors-only", "--format", "json", "--stdout", "--skip-non-html", str(site)]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8",
                          timeout=VNU_TIMEOUT_S, check=False)
    try:
        messages = json.loads(proc.stdout)["messages"]
    except (ValueError, KeyError) as exc:
        raise RuntimeError(f"vnu gave no JSON report (exit {proc.returncode}):\n"
                           f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}") from exc
    errors = []
    for msg in messages:
        if msg.get("type") not in ("error", "non-document-error"):
            continue
        url = msg.get("url", "")
        page = url
        if url.startswith("file:"):
            with contextlib.suppress(ValueError):
                page = Path(unquote(urlsplit(url).path)).resolve().relative_to(site).as_posix()
        errors.append({
            "url": url, "page": page, "line": msg.get("lastLine", msg.get("firstLine")),
            "message": msg.get("message", ""), "extract": msg.get("extract", ""),
            "type": msg["type"],
        })
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and not errors):
        raise RuntimeError(f"vnu failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return errors


def format_vnu_errors(errors: list[dict]) -> str:
    return "\n".join(f"{e['page']}:{e['line']}: {e['message']}" for e in errors)


# ---------------------------------------------------------------------- axe --
_AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' ')),
  }));
}"""


def run_axe(page: Any, media: str = "screen") -> list[dict]:
    """Run axe-core (tags wcag2a, wcag2aa, wcag21aa) on the loaded *page*; return violations.

    *media* ("screen" or "print") is emulated first and left in force.  Each
    violation: ``{"id", "impact", "help", "helpUrl", "targets": [css selector, ...]}``.
    axe is injected as an inline script: a page whose CSP forbids inline
    scripts needs a context created with ``bypass_csp=True``.
    """
    if not AXE_JS.is_file():
        raise GateToolMissing(f"{AXE_JS} is missing: run `npm ci --ignore-scripts` in {REPO_ROOT}")
    page.emulate_media(media=media)
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(_AXE_RUN, AXE_TAGS)


def format_axe_violations(violations: list[dict]) -> str:
    return "\n".join(f"[{v['impact']}] {v['id']}: {v['help']} -> {', '.join(v['targets'])}"
                     for v in violations)
