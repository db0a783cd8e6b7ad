"""A release's archive (README, "Releases"): one .zip of its pages, TEI, data, source texts and the
inputs they were made from, with a SHA256SUMS file of every other file in it, that works opened
from disk (its pages' links name the files they lead to). Deterministic: entries sorted, each with
the same fixed time and mode, so that two builds give the same bytes."""
from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterable

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
SUMS = "SHA256SUMS"
# Pages, TEI and JSON shrink to a fifth at the lowest level; fonts and images are compressed already.
STORED = (".woff2", ".png", ".jpg", ".jpeg", ".gif", ".ico", ".zip")


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def sums(files: Iterable[tuple[str, bytes]]) -> str:
    """Lines of `sha256sum`: the checksum, two spaces, the path."""
    return "".join(f"{sha256(content)}  {path}\n" for path, content in files)


def make_archive(top: str, files: dict[str, bytes]) -> bytes:
    """A zip of `files` (path -> content) under the folder `top`, with their SHA256SUMS."""
    entries = sorted(files.items())
    entries.append((SUMS, sums(entries).encode("utf-8")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, content in entries:
            info = zipfile.ZipInfo(f"{top}/{path}", FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever system builds it
            stored = path.endswith(STORED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, content, compresslevel=None if stored else 1)
    return buffer.getvalue()
