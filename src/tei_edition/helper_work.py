"""The work of the two processes beside the build (`helper.py` starts them and takes their answers):
the helper's (the templates compiled, every TEI file validated, each document's register names
checked) and the fonts' (the characters the pages can show, and the faces subset to them). Each
answer is a pickled tuple on the process's pipe, its first item its kind."""
from __future__ import annotations

import marshal
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tei_edition.errors import Diagnostic, EditionError

if TYPE_CHECKING:
    from tei_edition.fonts import FontsJob, Subsets

TEMPLATES_DONE = "templates done"
CHECKS_DONE = "checks done"
CHARACTERS = "characters"
FONTS = "fonts"


def validate_file(path: Path, trees: dict[Path, Any] | None = None) -> list[Diagnostic]:
    """The schema's complaints about one file ([] when it does not parse: the build reports that);
    the parsed file is kept in `trees`, for the names check."""
    from tei_edition import schema, tei  # imported here: the build forks this process before its own imports
    try:
        tree = tei.parse(path)
    except EditionError:
        return []
    try:
        schema.validate_schema(tree, path)
    except EditionError as exc:
        return exc.diagnostics
    if trees is not None:
        trees[path] = tree
    return []


def _check_names(job: NamesJob, trees: dict[Path, Any], send: Any) -> None:
    """Each document's names check: ("names", document id, errors, warnings). A document whose
    files are not all valid is left out (the build reports the schema's messages for it)."""
    from tei_edition.names import load_registers
    from tei_edition.untagged import check_names, load_exclusions
    try:
        # The registers file, if it was among the files to validate, has just been validated here.
        registers = load_registers(job.registers, job.languages,
                                   validate=not all(path in trees for path in job.registers)) \
            if job.registers else None
        exclusions = load_exclusions(job.untagged)
    except EditionError:  # the build reads them too, and reports it
        return
    for doc_id, paths in job.documents:
        if not all(path in trees for path in paths):
            continue
        try:
            send(("names", doc_id, [], check_names(registers, exclusions, [(trees[p], p) for p in paths])))
        except EditionError as exc:
            send(("names", doc_id, exc.diagnostics, []))


@dataclass(frozen=True)
class NamesJob:
    """What the names check needs: the registers, the exclusions, each document's files."""

    registers: tuple[Path, ...]  # (none: no registers)
    languages: tuple[str, ...]
    untagged: Path | None
    documents: tuple[tuple[str, tuple[Path, ...]], ...]


def _compile_templates(folder: Path, send: Any) -> None:
    """Each template's code, as the build's Jinja environment would compile it; a template that does
    not compile is left to the build, which reports it at its line."""
    import jinja2

    from tei_edition.render import environment
    env = environment(folder, rendering=False)
    cache = jinja2.BytecodeCache()
    for path in sorted(folder.glob("*.html")):
        filename = os.path.join(str(folder), path.name)  # as the build's loader names it (the code keeps it)
        try:
            source = path.read_text(encoding="utf-8")
            code = env.compile(source, path.name, filename)
        except Exception:  # noqa: BLE001 - the build compiles it again and reports the error
            continue
        send(("template", cache.get_cache_key(path.name, filename), cache.get_source_checksum(source),
              marshal.dumps(code)))
    send((TEMPLATES_DONE,))


def _sender(results: IO[bytes]) -> Callable[[tuple], None]:
    def send(message: tuple) -> None:
        pickle.dump(message, results)
        results.flush()
    return send


def helper_process(templates: Path | None, results: IO[bytes], orders: IO[bytes]) -> None:
    send = _sender(results)
    if templates is not None:
        try:
            _compile_templates(templates, send)
        except Exception:  # noqa: BLE001 - the build compiles them itself
            send((TEMPLATES_DONE,))
    from tei_edition import schema
    try:
        schema._schema()  # compiled while the build still reads its configuration and renders
    except Exception:  # noqa: BLE001 - validating the first file reports it
        pass
    try:
        paths: list[Path]
        names: NamesJob | None
        paths, names = pickle.load(orders)
    except EOFError:  # the build stopped before it knew its files
        return
    trees: dict[Path, Any] = {}
    for path in paths:
        try:
            send(("tei", path, validate_file(path, trees)))
        except Exception as exc:  # noqa: BLE001 - reported to the build, which locates it at the file
            send(("tei", path, [Diagnostic(path, None, f"schema validation failed: {type(exc).__name__}: {exc}")]))
    if names is not None:
        try:
            _check_names(names, trees, send)
        except Exception:  # noqa: BLE001 - the build checks what has no answer itself
            pass
    send((CHECKS_DONE,))


def fonts_process(templates: Path, results: IO[bytes], orders: IO[bytes]) -> None:
    """The fonts' process: given its job (none: no fonts), the characters the pages can show, read
    from their inputs (first: the build checks each page against them as it writes it), then the
    faces subset to them (None if that failed: the build subsets them itself, and reports it)."""
    send = _sender(results)
    from tei_edition.fonts import FONTS_FOLDER, SOURCE_SUFFIX, input_characters, make_subsets
    if any((templates / FONTS_FOLDER).glob(f"*{SOURCE_SUFFIX}")):
        # The subsetter and the WOFF2 writer imported while the build imports and reads its configuration.
        import uharfbuzz  # noqa: F401
        from fontTools.ttLib import woff2  # noqa: F401
    try:
        job: FontsJob = pickle.load(orders)
    except EOFError:  # no fonts to subset, or the build stopped before it knew its inputs
        return
    try:
        characters = input_characters(job)
    except Exception:  # noqa: BLE001 - the build reads them itself
        return
    send((CHARACTERS, characters))
    try:
        subsets: Subsets | None = make_subsets(job, characters)
    except Exception:  # noqa: BLE001 - the build subsets them itself, and reports what fails
        subsets = None
    send((FONTS, subsets))
