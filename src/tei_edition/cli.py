"""Command line: build, check, serve, ledger, ids, release. A user's mistake is `file:line: message` and exit 1."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tei_edition.errors import EditionError, said_together

DEFAULT_EDITION = Path("edition")
DEFAULT_OUT = Path("build")
INTERNAL_ERROR = 2  # exit code of the last-resort handler: a bug, not a user mistake


def _build(args: argparse.Namespace) -> int:
    from tei_edition.config import load_config, templates_folder
    from tei_edition.helper import Helper
    # The templates and the schema are compiled beside the build from here on, while it reads its
    # configuration and imports what it needs.
    with Helper(templates_folder(args.edition)) as helper:
        config = load_config(args.edition)
        from tei_edition.build import build
        files = build(args.edition, args.out, strict=args.strict, config=config, helper=helper)
    print(f"built {files.pages} pages, {len(files.paths)} files into {args.out}/")
    return 0


def _check(args: argparse.Namespace) -> int:
    from tei_edition.checks import run_checks
    report = run_checks(args.edition, strict=args.strict)
    for doc_id, differences in report.differences.items():
        print(f"fidelity {doc_id}: {len(differences)} difference(s) between the TEI's print lines and the source")
        for difference in differences:
            print(f"  {difference}")
    links = report.links
    if links is None:  # run_checks always checks the links; a report without them has failed
        return 1
    print(f"links: {links.pages} pages, {links.links_checked} links checked, {len(links.problems)} problem(s)")
    for problem in links.problems:
        print(f"  {problem}")
    if report.without_ledger:
        print(f"anchors: {len(report.ledger_problems)} problem(s); no ledger yet: `tei-edition ledger` records the "
              f"{report.without_ledger} anchor(s) this edition publishes, and from then on every build and check "
              f"protects them")
    else:
        print(f"anchors: {len(report.ledger_problems)} problem(s), {len(report.unrecorded)} not in the ledger")
    for ledger_problem in report.ledger_problems:
        print(f"  {ledger_problem}")
    if report.unrecorded:
        print("  new anchors (record them with `tei-edition ledger`): "
              + ", ".join(f"{a.page}#{a.id}" for a in report.unrecorded[:20])
              + (" …" if len(report.unrecorded) > 20 else ""))
    print("check passed" if report.ok else "check FAILED")
    return 0 if report.ok else 1


def _ledger(args: argparse.Namespace) -> int:
    from tei_edition.anchors import append_to_ledger, compare_ledger, read_ledger
    from tei_edition.checks import LEDGER, site_published
    from tei_edition.retirement import RETIRED, Retired, append
    config, published, retired = site_published(args.edition)
    path = config.root / LEDGER
    ledger = read_ledger(path)
    anchors = list(dict.fromkeys(item.anchor for item in published))
    entries = []
    if args.retire:  # several at once: what went together (a note and its marker) is retired together
        from tei_edition.retire import retirement
        live = {(item.anchor.page, item.anchor.id) for item in published if not item.alias}
        entries = [retirement(config, retired or Retired(), ledger, live, anchor_id, args.to, args.page,
                              args.why or [], args.date, config.root / RETIRED, path)
                   for anchor_id in dict.fromkeys(args.retire)]
        anchors += [a for a in ledger if any((a.page, a.id) == (e.page, e.old) for e in entries)]  # kept, as aliases
    elif args.to or args.why or args.page or args.date:
        raise EditionError.at("--retire", None, "--to, --why, --page and --date go with --retire ID")
    problems, new = compare_ledger(ledger, anchors, path)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        asked = " ".join(entry.old for entry in entries)
        print("the ledger's published anchors must be restored or retired first (ids gone together, a note and its "
              f"marker, are retired in one command: --retire {asked + ' ' if asked else ''}ID …); nothing recorded",
              file=sys.stderr)
        return 1
    for entry in entries:
        append(entry.path, entry)
        print(f"retired {entry.page}#{entry.old} to {entry.to} in {entry.path}")
    append_to_ledger(path, new)
    print(f"recorded {len(new)} new anchor(s) in {path}")
    return 0


def _ids(args: argparse.Namespace) -> int:
    from tei_edition.config import load_config
    from tei_edition.ids import write_ids, write_translation_ids
    config = load_config(args.edition)
    faults = []
    for document in config.documents:  # each file on its own: one's faults leave the others' ids to write
        try:
            count = write_ids(document.tei, printed=document.source is not None)
        except EditionError as exc:
            faults.extend(exc.diagnostics)
            continue
        print(f"{document.tei}: {count} id(s) written" if count else f"{document.tei}: every unit has its id")
        for translation in document.translations.values():  # its units take the original's ids
            try:
                count = write_translation_ids(document.tei, translation)
            except EditionError as exc:
                faults.extend(exc.diagnostics)
                continue
            print(f"{translation}: {count} unit(s) given the original's ids" if count
                  else f"{translation}: every unit has the original's id")
    if faults:
        raise EditionError(faults)
    print("record the new anchors with `tei-edition ledger`")
    return 0


def _release(args: argparse.Namespace) -> int:
    from tei_edition.releases import make_release
    folder = make_release(args.edition, args.version, args.date)
    print(f"release {args.version} dated in the changelog and stored in {folder}; commit both, then build")
    return 0


def _serve(args: argparse.Namespace) -> int:
    if not 0 <= args.port <= 65535:
        raise EditionError.at("--port", None, f"{args.port} is not a port: give a number from 1 to 65535 "
                                              f"(0: any free port)")
    from tei_edition.config import load_config
    from tei_edition.urls import site_root
    root = site_root(load_config(args.edition).base_url)  # (the site's path on its host: served there)
    try:  # before building: a busy port should not cost a build
        import http.server  # only for serve: it takes a tenth of a second to import

        from tei_edition.serving import static_host
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), static_host(args.out, root))
    except OSError as exc:
        raise EditionError.at("--port", None, f"cannot serve on 127.0.0.1:{args.port} ({exc.strerror or exc}); "
                                              f"choose another port with --port") from None
    with server:
        _build(args)
        print(f"serving {args.out}/ at http://127.0.0.1:{server.server_address[1]}{root} (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="tei-edition", description=__doc__)
    commands = main_parser.add_subparsers(dest="command", required=True)
    for name, handler, help_text in (
        ("build", _build, "build the site from edition/ into build/"),
        ("check", _check, "every validation (schema, rules, fidelity, links, anchors); writes nothing"),
        ("serve", _serve, "build, then serve build/ on 127.0.0.1 for preview"),
        ("ledger", _ledger, "record newly published anchors in edition/anchors.tsv; with --retire, retire one "
                            "in edition/retired.yaml"),
        ("release", _release, "record a release: date its changelog entry and store a snapshot of what its "
                              "pages are made from (edition/releases/X.Y.Z/), published under /v/X.Y.Z/"),
        ("ids", _ids, "give the paragraphs, divisions, notes, tables, figures and verse groups of each "
                      "original TEI the stable xml:ids they lack (written into the file, once), and their "
                      "counterparts in its translations the same ids, with corresp, paired by their order"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.set_defaults(handler=handler)
        command.add_argument("--edition", type=Path, default=DEFAULT_EDITION, help="the edition folder")
        if name in ("build", "serve"):
            command.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the output folder")
        if name in ("build", "serve", "check"):
            command.add_argument("--strict", action="store_true", help="stop at any warning (an element "
                                                                        "rendered without a rule)")
        if name == "serve":
            command.add_argument("--port", type=int, default=8000)
        if name == "release":
            command.add_argument("version", help="the version released: edition.yaml's version, X.Y.Z")
            command.add_argument("--date", help="the day it is published, YYYY-MM-DD (default: today)")
        if name == "ledger":  # README, "Retired ids and pages"
            command.add_argument("--retire", metavar="ID", nargs="+",
                                 help="retire published ids that the text no longer has (a note and its marker "
                                      "together): each stays on its pages, at the target")
            command.add_argument("--to", metavar="TARGET", help="the id on the same page where its text is now")
            command.add_argument("--why", nargs="+", action="append", metavar="[LANG] TEXT",
                                 help="the reason shown to readers, in the edition's first language or in LANG; "
                                      "once per language")
            command.add_argument("--page", help="the ledger page of the id (a document id, archives, persons, "
                                                "…), if several recorded it")
            command.add_argument("--date", help="the date of the retirement, YYYY-MM-DD (default: today, UTC)")
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except EditionError as exc:
        diagnostics = list(dict.fromkeys(exc.diagnostics))  # one problem met on two paths is reported once
        for said in said_together(diagnostics):
            print(said, file=sys.stderr)
        warned = sum(diagnostic.message.startswith("warning: ") for diagnostic in diagnostics)
        strict = f" ({warned} of them warnings, which --strict makes errors)" if warned else ""
        # `ids` writes each file on its own: the files not named kept their new ids.
        outcome = "the files named were left as they were" if args.command == "ids" else "nothing was written"
        print(f"{len(diagnostics)} error(s){strict}; {outcome}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; the previous output is as it was", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last resort: a bug of ours, never a user's traceback
        print(f"tei-edition: internal error ({type(exc).__name__}: {exc}).\n"
              f"This is a bug in tei-edition, not a mistake in your edition: please report it with the "
              f"command you ran and this message. The previous output is as it was.", file=sys.stderr)
        return INTERNAL_ERROR
