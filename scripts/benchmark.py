"""Speed and memory, measured cold in fresh processes (never asserted in a test: figures vary by machine).

    .venv/bin/python scripts/benchmark.py [--runs 5] [--collections 100,1000] [--skip-peer] [--against REV]

The package's bytecode is compiled first (`compileall`, as `make install` and pip's install of any
package do), so that no run pays for compiling Python source, whatever PYTHONDONTWRITEBYTECODE says.

Prints, each as the median of --runs whole-process runs (start-up and imports included, no cache
of an earlier run), wall time, peak memory and processor time (every process of the run, user and
system: steadier than wall time when the machine's speed drifts):
  - this edition: `tei-edition build` (every page, both languages: rebuilt into one folder, as a
    user rebuilds, and each time into a new folder, which creates every file) and `tei-edition
    check` (all checks);
  - the peer route: the TEI Consortium's Stylesheets, html5 profile, on Saxon-HE (saxonche), turning
    the same TEI into its one page (the Stylesheets are found in ../shared/peers/tei-stylesheets or
    $TEI_STYLESHEETS; saxonche comes with `pip install -e '.[bench]'`);
  - the parts of this edition's build that no faster renderer removes, each measured alone in processor
    seconds (start-up and imports, compiling the schema, subsetting the fonts, Pagefind's indexing),
    and the least time they take on this machine's cores: the floor under the build;
  - collections of N copies of the article (each its own document id): time, peak RSS, cost per
    document, processor time and Pagefind's share of it. Both runs of a collection must give
    byte-identical sites.
And, from the built files, the weight of each page type: the page, the style sheet, scripts, images,
icon and fonts it references (every face the style sheet declares: an upper bound, since a browser fetches
only the faces a page shows; tests/test_fonts.py measures what Chromium fetches), text gzip-compressed
as a static host sends it (level 9), without the responses' headers; and the number of requests.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import lxml.html
import yaml

ROOT = Path(__file__).resolve().parent.parent
EDITION = ROOT / "edition"
PEER = Path(os.environ.get("TEI_STYLESHEETS", ROOT.parent / "shared" / "peers" / "tei-stylesheets"))
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1764028800"}
PAGEFIND = "pagefind"  # its binary's program name, as /proc gives it

PEER_SCRIPT = """
import sys
from saxonche import PySaxonProcessor
with PySaxonProcessor(license=False) as processor:
    xslt = processor.new_xslt30_processor()
    stylesheet = xslt.compile_stylesheet(stylesheet_file=sys.argv[1])
    html = stylesheet.transform_to_string(source_file=sys.argv[2])
    assert html and "<html" in html, "the Stylesheets gave no page"
"""


# Runs one command and reports its peak memory: the largest sum of the resident sets of the
# command and all its descendants (a build forks a helper and, for a collection, a pool), sampled
# every 20 ms from /proc, and never below the largest single process's peak (RUSAGE_CHILDREN).
# And the processor time of each program of the tree (Pagefind's binary apart from Python), as last
# sampled: a lower bound, short of what a process spent in its last 20 ms.
LAUNCHER = """
import json, os, resource, subprocess, sys, time
PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")
cpu = {}  # pid -> (program, processor seconds)
def tree_rss(root):
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm") as statm:
                total += int(statm.read().split()[1]) * PAGE
            with open(f"/proc/{pid}/stat") as stat:
                name, rest = stat.read().split("(", 1)[1].rsplit(")", 1)
            fields = rest.split()
            cpu[pid] = (name, (int(fields[11]) + int(fields[12])) / TICK)
        except (OSError, IndexError):
            pass
        todo.extend(children.get(pid, ()))
    return total
start = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
peak = 0
while True:
    try:
        process.wait(timeout=0.02)
        break
    except subprocess.TimeoutExpired:
        peak = max(peak, tree_rss(process.pid))
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # every process of the build: each waits for its own
programs = {}
for name, seconds_used in cpu.values():
    programs[name] = programs.get(name, 0) + seconds_used
print(json.dumps(programs), file=sys.stderr)
print(seconds, max(peak, usage.ru_maxrss * 1024) // 1024, usage.ru_utime + usage.ru_stime, file=sys.stderr)
sys.exit(process.returncode)
"""


class Run(NamedTuple):
    seconds: float  # wall, from its start to its end, measured beside it
    peak: int  # peak RSS, KiB, all its processes together
    processor: float  # seconds, all its processes, user and system
    programs: dict[str, float]  # processor seconds by program (a lower bound: see LAUNCHER)


def run(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """One fresh command, measured."""
    result = subprocess.run([sys.executable, "-c", LAUNCHER, *command], capture_output=True, text=True,
                            env=env or ENV, cwd=cwd)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    *_, programs, figures = result.stderr.strip().splitlines()
    seconds, peak, processor = figures.split()
    return Run(float(seconds), int(peak), float(processor), json.loads(programs))


def measure(label: str, command: list[str] | Callable[[int], list[str]], runs: int) -> tuple[float, list[Run]]:
    """The median of `runs` runs of `command` (a function of the run's number: a new command each),
    and the runs."""
    made = [run(command(n) if callable(command) else command) for n in range(runs)]
    median = statistics.median(one.seconds for one in made)
    print(f"{label:<52} median {median:7.3f} s   min {min(one.seconds for one in made):7.3f} s   "
          f"peak RSS {max(one.peak for one in made) / 1024:6.0f} MiB   "
          f"processor {statistics.median(one.processor for one in made):6.2f} s")
    return median, made


# Each page type, as a reader opens it.
PAGE_TYPES = {"home": "index.html", "article (ru)": "ru/shemetova-2020/index.html",
              "article (en)": "en/shemetova-2020/index.html", "print view": "ru/shemetova-2020/print/index.html",
              "parallel view": "ru/shemetova-2020/parallel/index.html", "register (persons)": "ru/persons/index.html",
              "data page": "ru/data/index.html", "search page": "ru/search/index.html", "about": "ru/about/index.html"}
COMPRESSED = {".html", ".css", ".js", ".svg", ".json", ".xml"}  # what a static host sends gzip-compressed
CSS_URL = re.compile(r"""url\(["']?([^"')]+)["']?\)""")


def page_files(site: Path, page: Path) -> set[Path]:
    """A page and what it references: style sheets (and what they load), scripts, preloads, images,
    one icon."""
    tree = lxml.html.parse(str(page), parser=lxml.html.HTMLParser(encoding="utf-8"))
    references = tree.xpath("//link[@rel='stylesheet' or @rel='preload']/@href | //script/@src | //img/@src"
                            " | (//link[@rel='icon'][@type='image/svg+xml'])[1]/@href")
    files = {page, *((page.parent / href).resolve() for href in references)}
    for sheet in [f for f in files if f.suffix == ".css"]:
        files.update((sheet.parent / url).resolve() for url in CSS_URL.findall(sheet.read_text(encoding="utf-8")))
    return {f for f in files if f.is_file() and f.resolve().is_relative_to(site.resolve())}


def page_weights(site: Path) -> None:
    for name, path in PAGE_TYPES.items():
        files = page_files(site, site / path)
        size = sum(len(gzip.compress(f.read_bytes(), 9, mtime=0)) if f.suffix in COMPRESSED else f.stat().st_size
                   for f in files)
        fonts = sum(f.stat().st_size for f in files if f.suffix == ".woff2")
        print(f"{f'page weight: {name}':<52} {size / 1000:7.1f} KB in {len(files)} requests "
              f"(fonts {fonts / 1000:.1f} KB)")


def tei_edition(*args: str) -> list[str]:
    return [sys.executable, "-m", "tei_edition", *args]


def site_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def make_collection(target: Path, count: int) -> Path:
    """An edition of `count` copies of the article, each under its own document id."""
    edition = target / "edition"
    # Not the prose pages: they link passages of this edition's one article by its id.
    shutil.copytree(EDITION, edition, ignore=shutil.ignore_patterns("shemetova-2020*.xml", "anchors.tsv", "pages"))
    shutil.copytree(ROOT / "templates", target / "templates")
    (target / "seeds").mkdir()
    shutil.copy(ROOT / "seeds" / "000_18c5ebe104e7b172.txt", target / "seeds" / "seed.txt")
    original = (EDITION / "shemetova-2020.xml").read_text(encoding="utf-8")
    translation = (EDITION / "shemetova-2020.en.xml").read_text(encoding="utf-8")
    entries = []
    for number in range(1, count + 1):
        doc_id = f"article-{number:04d}"
        (edition / f"{doc_id}.xml").write_text(original, encoding="utf-8")
        (edition / f"{doc_id}.en.xml").write_text(translation.replace("shemetova-2020.xml", f"{doc_id}.xml"),
                                                  encoding="utf-8")
        entries.append(f"  - id: {doc_id}\n    tei: {doc_id}.xml\n    source: ../seeds/seed.txt\n"
                       f"    translations:\n      en: {doc_id}.en.xml\n")
    config = (EDITION / "edition.yaml").read_text(encoding="utf-8")
    head = config[:config.index("documents:")]
    (edition / "edition.yaml").write_text(head + "documents:\n" + "".join(entries) + "archives: archives.yaml\n"
                                          "registers: registers.xml\nuntagged: untagged.yaml\n", encoding="utf-8")
    # Each copy's names left untagged on purpose, as the article's are.
    listed = yaml.safe_load((EDITION / "untagged.yaml").read_text(encoding="utf-8"))["untagged"]
    copies = [{**item, "file": item["file"].replace("shemetova-2020", f"article-{number:04d}")}
              for number in range(1, count + 1) for item in listed]
    (edition / "untagged.yaml").write_text(yaml.safe_dump({"untagged": copies}, allow_unicode=True), encoding="utf-8")
    return edition


def collection(count: int, runs: int, per_document: dict[int, float], per_document_floor: dict[int, float]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        edition = make_collection(Path(folder), count)
        digests = set()
        runs_made = []
        for run_number in range(runs):
            out = Path(folder) / f"build-{run_number}"
            runs_made.append(run(tei_edition("build", "--edition", str(edition), "--out", str(out))))
            digests.add(site_digest(out))
            shutil.rmtree(out)
        median = statistics.median(made.seconds for made in runs_made)
        per_document[count] = median / count
        print(f"{f'collection of {count} documents: build':<52} median {median:7.3f} s   "
              f"peak RSS {max(made.peak for made in runs_made) / 1024:6.0f} MiB   "
              f"{median / count * 1000:7.1f} ms per document   "
              f"{'identical' if len(digests) == 1 else 'DIFFERENT'} output")
        processor = statistics.median(made.processor for made in runs_made)
        indexing = statistics.median(made.programs.get(PAGEFIND, 0.0) for made in runs_made)
        print(f"{'':<52} processor {processor:6.1f} s ({processor / count * 1000:.0f} ms per document), "
              f"of which Pagefind's indexing {indexing:.1f} s ({indexing / count * 1000:.0f} ms per document)")
        per_document_floor[count] = indexing / count


def against(revision: str, runs: int) -> None:
    """This edition built by the code and templates of `revision` and by this working tree, one after
    the other, `runs` times: this machine's speed drifts by a third from one half hour to the next,
    so only runs side by side compare two versions fairly."""
    with tempfile.TemporaryDirectory() as folder:
        tree = Path(folder) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), revision], check=True)
        try:
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "src")], check=True,
                           stdout=subprocess.DEVNULL)
            sides = {revision: tree, "this tree": ROOT}
            times: dict[str, list[tuple[float, int, float]]] = {name: [] for name in sides}
            for _ in range(runs):
                for number, (name, root) in enumerate(sides.items()):
                    command = tei_edition("build", "--edition", str(root / "edition"), "--out",
                                          str(Path(folder) / f"build-{number}"))  # rebuilt: the same folder each time
                    times[name].append(run(command, env={**ENV, "PYTHONPATH": str(root / "src")}))
            for name, values in times.items():
                wall = [value[0] for value in values]
                print(f"{f'this edition, side by side: {name}':<52} median {statistics.median(wall):7.3f} s   "
                      f"min {min(wall):7.3f} s   processor {statistics.median(v[2] for v in values):6.2f} s")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)


# The parts of a build that a faster renderer would not remove, each measured alone as processor
# seconds of this edition's build: what is left to everything else is the gap. Start-up: the
# interpreter and the libraries every build imports; the schema: compiling the project's RELAX NG;
# the fonts: subsetting and writing the four faces (issue 12: subset at build time); Pagefind: its
# binary indexing the passages (issue 11; from the build's own runs).
IMPORTS = "import lxml.etree, jinja2, yaml, tei_edition.cli"
SCHEMA = """
import time
from tei_edition import schema
start = time.process_time()
schema.compile_schema()
print(time.process_time() - start)
"""
FONTS = """
import sys, time
from pathlib import Path
from tei_edition.build import font_inputs
from tei_edition.config import load_config
from tei_edition.fonts import fonts_job, input_characters, make_subsets
config = load_config(Path(sys.argv[1]))
start = time.process_time()
job = fonts_job(config.templates, font_inputs(config))
make_subsets(job, input_characters(job))
print(time.process_time() - start)
"""


def timed_part(script: str, *args: str) -> float:
    """The processor seconds a script prints, the median of three fresh processes."""
    return statistics.median(float(subprocess.run([sys.executable, "-c", script, *args], check=True, env=ENV,
                                                  capture_output=True, text=True).stdout) for _ in range(3))


def floors(build_runs: list[Run], peer: float | None) -> None:
    cores = os.cpu_count() or 1
    parts = {"start-up and imports": statistics.median(run([sys.executable, "-c", IMPORTS]).processor
                                                       for _ in range(3)),
             "the schema compiled": timed_part(SCHEMA),
             "the fonts subset": timed_part(FONTS, str(EDITION)),
             "Pagefind's indexing": statistics.median(one.programs.get(PAGEFIND, 0.0) for one in build_runs)}
    total = sum(parts.values())
    print("parts of this edition's build no renderer removes (processor): "
          + ", ".join(f"{name} {seconds:.3f} s" for name, seconds in parts.items()))
    target = f"; the 2x target is {peer / 2:.3f} s" if peer else ""
    print(f"{'':<52} {total:.3f} s in all: at least {total / cores:.3f} s on {cores} cores{target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--collections", default="100,1000", help="collection sizes, comma-separated ('' for none)")
    parser.add_argument("--skip-peer", action="store_true", help="do not run the TEI Stylesheets")
    parser.add_argument("--against", metavar="REVISION",
                        help="also build this edition with a git revision's code, alternately with this tree's "
                             "(only side by side is fair on a machine whose speed drifts)")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as folder:
        build_command = tei_edition("build", "--edition", str(EDITION), "--out", str(Path(folder) / "build"))
        ours, build_runs = measure("this edition: tei-edition build (all pages, 2 languages)", build_command, args.runs)
        page_weights(Path(folder) / "build")
        # A rebuild writes over the previous site's files (the spare, README "Safety"); a first
        # build into a new folder creates every file.
        measure("  the same, each into a new folder (no spare)",
                lambda n: tei_edition("build", "--edition", str(EDITION), "--out", str(Path(folder) / f"new-{n}")),
                args.runs)
        measure("this edition: tei-edition check (all checks)", tei_edition("check", "--edition", str(EDITION)),
                args.runs)
    peer = None
    if not args.skip_peer:
        stylesheet = PEER / "profiles" / "default" / "html5" / "to.xsl"
        if not stylesheet.is_file():
            print(f"the TEI Stylesheets are not at {PEER}: set TEI_STYLESHEETS")
        else:
            peer, _ = measure("TEI Stylesheets html5 on Saxon-HE: one page",
                              [sys.executable, "-c", PEER_SCRIPT, str(stylesheet), str(EDITION / "shemetova-2020.xml")],
                              args.runs)
            print(f"{'':<52} this edition (all pages) is {peer / ours:4.1f}x the speed of the Stylesheets (one page)")
    floors(build_runs, peer)
    if args.against:
        against(args.against, args.runs)
    per_document: dict[int, float] = {}
    indexing: dict[int, float] = {}
    for size in (int(n) for n in args.collections.split(",") if n):
        collection(size, min(args.runs, 2), per_document, indexing)
    if len(per_document) > 1:
        small, large = min(per_document), max(per_document)
        print(f"cost per document at {large} / at {small}: {per_document[large] / per_document[small]:.2f}x")
    if indexing:
        cores, rate = os.cpu_count() or 1, indexing[max(indexing)]
        print(f"1,000 documents' search index at that rate: {rate * 1000:.0f} s of processor, at least "
              f"{rate * 1000 / cores:.0f} s on {cores} cores (the target for the whole build: 60 s)")


if __name__ == "__main__":
    main()
