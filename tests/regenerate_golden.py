"""Regenerate the golden output of tests/test_roots.py: `python tests/regenerate_golden.py`.

Run it only after a deliberate change of the page markup, and read the diff before committing.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("SOURCE_DATE_EPOCH", "1764028800")

from test_roots import GOLDEN, build_root, main_of

with tempfile.TemporaryDirectory() as folder:
    site = build_root(Path(folder), "essay-pl")
    (GOLDEN / "essay-pl.main.html").write_text(main_of(site / "en" / "esej" / "index.html"), encoding="utf-8")
    print(f"wrote {GOLDEN / 'essay-pl.main.html'}")
