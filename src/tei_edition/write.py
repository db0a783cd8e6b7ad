"""Write the rendered site: into a temporary folder first, swapped into place only when complete.

A failed build therefore leaves the previous output untouched.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from tei_edition.errors import EditionError


class SiteFiles:
    """The files of one build, held in memory until written; two writers of one path are an error."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, path: str, content: bytes | str) -> None:
        if path in self.files:
            raise EditionError.at(path, None, "two pages would be written to this path")
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content


def write_site(files: SiteFiles, out_dir: Path) -> None:
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
    try:
        for relative, content in sorted(files.files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        old = out_dir.with_name(f".{out_dir.name}-old-{os.getpid()}")
        if out_dir.exists():
            out_dir.rename(old)
        staging.rename(out_dir)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    os.chmod(out_dir, 0o755)
