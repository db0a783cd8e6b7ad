"""The built site as a static host serves it, on 127.0.0.1 (`tei-edition serve`; the tests serve it so
too): its files at the path its base_url gives it on its host ("/shemetova-2020/", else the host's
root, `urls.site_root`), as it will be published, so that its 404 page's links (which start from that
path) work; an address without a page gets the site's own 404.html with status 404, and the host's
root leads to the site."""
from __future__ import annotations

import functools
import http.server
from pathlib import Path
from typing import Any


class StaticHost(http.server.SimpleHTTPRequestHandler):
    site_root = "/"  # where the site stands on the host
    quiet = False  # (the tests' servers say nothing of each request)
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".txt": "text/plain; charset=utf-8"}  # a published source text is UTF-8

    def send_head(self) -> Any:
        if self.site_root != "/" and self.path.split("?", 1)[0] in ("", "/", self.site_root.rstrip("/")):
            self.send_response(302)  # the host's root, the site's path without its slash: the site
            self.send_header("Location", self.site_root)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not self.path.startswith(self.site_root):
            self.send_error(404)
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.site_root):])  # (send_head keeps what is outside)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """An address without a page: the site's own 404 page, as a static host serves it."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def static_host(directory: Path, site_root: str = "/", quiet: bool = False) -> Any:
    """The request handler of a server of the site in `directory`, standing at `site_root`."""
    host = type("Host", (StaticHost,), {"site_root": site_root, "quiet": quiet})
    return functools.partial(host, directory=str(directory))
