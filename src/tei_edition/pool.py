"""The documents of a large edition made in a pool of processes, one per core (`TEI_EDITION_JOBS`
sets how many; below `POOL_FROM` documents, one process): forked, so that each inherits the site
and the compiled schema, and its results taken in the order of edition.yaml, a few ahead, so that
the site is the same byte for byte however it was made and a finished document does not wait in
memory for long."""
from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from tei_edition import schema
from tei_edition.errors import EditionError
from tei_edition.forked import die_with_parent

if TYPE_CHECKING:
    from tei_edition.config import Config, DocumentConfig
    from tei_edition.site import Site

JOBS_VARIABLE = "TEI_EDITION_JOBS"
# Below this many documents one process is faster than starting others.
POOL_FROM = 8


class BuildCrash(Exception):
    """An unexpected failure in a worker process (a bug), with the worker's traceback."""


# The work of a pool's processes, inherited when they are forked (nothing of it is pickled).
_WORK: tuple[Callable[..., Any], Site, tuple[DocumentConfig, ...], bool] | None = None


def _pool_job(index: int) -> Any:
    """One document made in a pool's process: its result, or its failure (an EditionError, a BuildCrash)."""
    assert _WORK is not None
    make, site, documents, prove_fidelity = _WORK
    try:
        return make(site, documents[index], prove_fidelity, validate=True)
    except EditionError as exc:
        return exc
    except Exception:  # noqa: BLE001 - sent back to the build, which stops with it
        return BuildCrash(traceback.format_exc())


def jobs_for(count: int) -> int:
    value = os.environ.get(JOBS_VARIABLE)
    if value is None:
        return min(os.cpu_count() or 1, count) if count >= POOL_FROM else 1
    if not value.isdigit() or int(value) < 1:
        raise EditionError.at(JOBS_VARIABLE, None, f"'{value[:20]}' is not a number of processes: give a whole "
                                                   f"number of at least 1 (1: build in this process)")
    return int(value)


def pooled(config: Config) -> int:
    """How many processes make the documents (1: this one)."""
    jobs = jobs_for(len(config.documents))
    return min(jobs, len(config.documents)) if hasattr(os, "fork") else 1


def made_documents(make: Callable[..., Any], site: Site, jobs: int, prove_fidelity: bool, validate: bool,
                   names: bool = True, split: bool = False) -> Iterator[tuple[DocumentConfig, Any]]:
    """Each document's result by `make` (`build.make_document`) or its failure, in the order of
    edition.yaml; with `validate`, each is validated against the schema first. In a pool, each
    process validates its documents (the schema compiled here once, before they fork)."""
    global _WORK
    documents = site.config.documents
    if jobs == 1:
        for doc in documents:
            try:
                yield doc, make(site, doc, prove_fidelity, validate, names, split)
            except Exception as exc:  # noqa: BLE001 - the caller decides what the failure means
                yield doc, exc
        return
    # Only for a pool: importing these costs a one-document build 30 ms. A pool of the standard
    # library's executor, so that a worker that dies (killed, out of memory) stops the build with
    # an error instead of leaving it waiting for an answer that will not come.
    from concurrent.futures.process import BrokenProcessPool

    site.preload()
    schema.compile_schema(for_many=True)
    _WORK = (make, site, documents, prove_fidelity)
    try:
        with executor(jobs) as pool:
            try:
                for doc, result in zip(documents, _in_order(pool, len(documents), 2 * jobs), strict=True):
                    yield doc, result
            except BrokenProcessPool:
                raise EditionError.at(JOBS_VARIABLE, None, "a process making the documents died (out of "
                                                           "memory?): build again, with fewer processes "
                                                           "(TEI_EDITION_JOBS=1 builds in one)") from None
    finally:
        _WORK = None


def executor(jobs: int) -> Any:
    """A pool of `jobs` forked processes, each ended by Linux if this process dies (`die_with_parent`)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=die_with_parent,
                               initargs=(os.getpid(),))


def _in_order(pool: Any, count: int, ahead: int) -> Iterator[Any]:
    """The pool's results for documents 0..count-1, in order, with at most `ahead` documents asked
    for and not yet taken: a finished document waits with all its files in memory until the build
    has written the ones before it, so asking for all at once (`pool.map`) would hold the whole
    collection when the pool outruns the writing."""
    from collections import deque
    waiting: deque[Any] = deque()
    for index in range(count):
        waiting.append(pool.submit(_pool_job, index))
        if len(waiting) >= ahead:
            yield waiting.popleft().result()
    while waiting:
        yield waiting.popleft().result()
