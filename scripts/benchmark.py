"""Prints how long the pipeline's stages take (never asserted in a test: timings vary by machine).

    .venv/bin/python scripts/benchmark.py [--runs 3]
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tei_edition import tei
from tei_edition.build import read_documents, render_site
from tei_edition.checks import run_checks
from tei_edition.config import load_config
from tei_edition.write import write_site

EDITION = Path(__file__).resolve().parent.parent / "edition"


def timed(label: str, runs: int, action) -> None:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - start)
    print(f"{label:<34} median {statistics.median(seconds) * 1000:8.1f} ms   min {min(seconds) * 1000:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    start = time.perf_counter()
    tei._schema()
    print(f"{'compile tei_all.rng (once)':<34} {(time.perf_counter() - start) * 1000:8.1f} ms")
    config = load_config(EDITION)
    timed("read + validate documents", runs, lambda: read_documents(config))
    sources = read_documents(config)
    timed("render every page (in memory)", runs, lambda: render_site(config, sources))
    with tempfile.TemporaryDirectory() as folder:
        files = render_site(config, sources)
        timed("write + swap build folder", runs, lambda: write_site(files, Path(folder) / "build"))
    timed("tei-edition check (all checks)", runs, lambda: run_checks(EDITION))


if __name__ == "__main__":
    main()
