"""The command line: a thin layer over the core. User errors are one line on stderr.

Only argparse is imported up front, so ``briefing --help`` costs little more than Python's own
start; each command imports what it uses (pathlib included).
"""

from __future__ import annotations

import argparse
import sys

from briefing import __version__
from briefing.errors import BriefingError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy knows the name)
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from briefing.model import Briefing

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_USAGE = 2
EXIT_BUG = 3


def _settings_author() -> str:
    from briefing.settings import load_settings

    return load_settings().author


def _path(text: str) -> Path:
    from pathlib import Path

    return Path(text)


def _print_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def _output_path(briefing: Briefing, args: argparse.Namespace) -> Path:
    """The -o path, with the deck's marking in its name when asked (``deck [SECRET].pptx``)."""
    out = _path(args.output)
    if not args.marking_in_name:
        return out
    from briefing.model.marking import highest

    marking, _ = highest([briefing.marking, *(item.marking for item in briefing.items)])
    return out.with_name(f"{out.stem} [{marking}]{out.suffix}") if marking else out


def _build_and_report(briefing: Briefing, args: argparse.Namespace, base: Path | None) -> int:
    from briefing.deck.build import build

    result = build(
        briefing,
        args.template,
        _output_path(briefing, args),
        base=base,
        keep_template_slides=args.keep_template_slides,
    )
    _print_warnings(result.warnings)
    print(f"Wrote {result.path} ({result.slides} slides, template {result.template.id}).")
    return EXIT_OK


def _add_deck_options(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument("-o", "--output", required=True, help="the .pptx to write")
    parser.add_argument(
        "--template",
        default=None,
        help=f"template id or .pptx/.potx/.pptm file (default: {default})",
    )
    parser.add_argument(
        "--keep-template-slides",
        action="store_true",
        help="keep the template's own example slides ahead of the briefing",
    )
    parser.add_argument(
        "--marking-in-name",
        action="store_true",
        help="put the deck's protective marking into the file name",
    )


def cmd_demo(args: argparse.Namespace) -> int:
    from briefing.library import default_briefing

    return _build_and_report(default_briefing(author=_settings_author()), args, None)


def cmd_new(args: argparse.Namespace) -> int:
    from briefing.library import default_briefing
    from briefing.project import SUFFIX, save_project

    out = _path(args.output)
    if out.suffix == "":
        out = out.with_suffix(SUFFIX)
    if out.exists() and not args.force:
        raise BriefingError(f"{out} already exists.", hint="Use --force to replace it.")
    briefing = default_briefing(author=_settings_author())
    if args.date:
        briefing.date = _parse_date(args.date)
    save_project(briefing, out)
    print(f"Wrote {out} ({len(briefing.items)} items).")
    print(f"Edit it, then: briefing build {out} -o deck.pptx")
    return EXIT_OK


def _parse_date(text: str) -> dt.date:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BriefingError(f"{text!r} is not a date like 2025-10-01.") from None


def cmd_build(args: argparse.Namespace) -> int:
    from briefing.project import open_project

    project = _path(args.project)
    return _build_and_report(open_project(project), args, project.parent)


def cmd_check(args: argparse.Namespace) -> int:
    from briefing.deck.preflight import exit_code, format_findings, preflight
    from briefing.project import open_project

    project = _path(args.project)
    findings = preflight(open_project(project), args.template, base=project.parent)
    for line in format_findings(findings):
        print(line)
    if not findings:
        print(f"{project.name}: no problems found.")
    return exit_code(findings)


def cmd_export(args: argparse.Namespace) -> int:
    from briefing.project import open_project

    project = _path(args.project)
    briefing = open_project(project)
    if args.handout:
        from briefing.export.handout import export_handout

        result = export_handout(briefing, args.template, _path(args.output), base=project.parent)
    else:
        from briefing.export.pdf import export_pdf

        result = export_pdf(briefing, args.template, _path(args.output), base=project.parent)
    _print_warnings(result.warnings)
    kind = "handout" if args.handout else "PDF"
    print(f"Wrote {result.path} ({kind}, {result.slides} slides).")
    return EXIT_OK


def cmd_impressions_list(args: argparse.Namespace) -> int:
    from briefing.library import load_library

    library = load_library()
    rows = sorted(library.entries.values(), key=lambda e: (e.impression.order, e.impression.id))
    width = max((len(e.impression.id) for e in rows), default=2)
    for entry in rows:
        imp = entry.impression
        flag = " (optional)" if imp.optional else ""
        print(f"{imp.id:<{width}}  {imp.title}{flag}  [{entry.folder.kind}: {entry.path.parent}]")
    for problem in library.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    return EXIT_OK


def cmd_templates_list(args: argparse.Namespace) -> int:
    from briefing.deck.registry import list_templates

    catalogue = list_templates()
    for entry in sorted(catalogue.entries.values(), key=lambda e: e.id):
        print(
            f"{entry.id:<12} {entry.name:<16} v{entry.version:<8} [{entry.folder_kind}] "
            f"{entry.path}"
        )
        for shadowed in entry.shadows:
            print(f"{'':<12} (overrides {shadowed})")
    for problem in catalogue.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    return EXIT_OK


EXIT_TEMPLATE_WARNINGS = 3


def cmd_templates_check(args: argparse.Namespace) -> int:
    from briefing.deck.checking import check_template

    report = check_template(args.template)
    for line in report.lines():
        print(line)
    return EXIT_TEMPLATE_WARNINGS if (report.warnings or report.fallbacks) else EXIT_OK


def cmd_templates_import(args: argparse.Namespace) -> int:
    from briefing.deck.sharing import import_template

    entry = import_template(_path(args.source), overwrite=args.force)
    print(f"Imported {entry.id} ({entry.name} v{entry.version}) into {entry.path.parent}.")
    return EXIT_OK


def cmd_templates_export(args: argparse.Namespace) -> int:
    from briefing.deck.registry import resolve_template
    from briefing.deck.sharing import export_template

    out = export_template(resolve_template(args.template), _path(args.output))
    print(f"Wrote {out}.")
    return EXIT_OK


def cmd_templates_map(args: argparse.Namespace) -> int:
    from briefing.deck.layout_map import draw_layout_maps
    from briefing.deck.registry import resolve_template

    entry = resolve_template(args.template)
    written = draw_layout_maps(entry.path, _path(args.output))
    print(f"Drew {len(written) - 1} layouts into {_path(args.output)} (index.png shows all).")
    return EXIT_OK


def cmd_data_inspect(args: argparse.Namespace) -> int:
    from briefing.data.importer import preview

    found = preview(_path(args.file), sheet=args.sheet, rows=args.rows)
    where = f"sheet {found.sheet!r}" if found.sheet else (found.encoding or "text")
    print(
        f"{found.path.name}: {where}, header on row {found.header_row}, "
        f"{found.row_count} data rows, {found.shape} table"
    )
    if found.sheets:
        print(f"sheets: {', '.join(found.sheets)}")
    if found.estimate_years:
        print(f"estimates: {', '.join(str(y) for y in found.estimate_years)}")
    widths = [
        max([len(c), len(t)] + [len(r[i]) for r in found.rows if i < len(r)])
        for i, (c, t) in enumerate(zip(found.columns, found.types, strict=True))
    ]
    widths = [min(w, 24) for w in widths]
    print("  ".join(c[:w].ljust(w) for c, w in zip(found.columns, widths, strict=True)))
    print("  ".join(t[:w].ljust(w) for t, w in zip(found.types, widths, strict=True)))
    for row in found.rows:
        print("  ".join(v[:w].ljust(w) for v, w in zip(row, widths, strict=False)))
    for warning in found.warnings:
        print(f"warning: {warning}")
    return EXIT_OK


def _setup_demo(p: argparse.ArgumentParser) -> None:
    _add_deck_options(p, "the briefing's own")
    p.set_defaults(func=cmd_demo)


def _setup_new(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", required=True, help="the project file to write")
    p.add_argument("--date", help="the briefing's date (YYYY-MM-DD; default today)")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(func=cmd_new)


def _setup_build(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", help="the .briefing project file")
    _add_deck_options(p, "the project's own")
    p.set_defaults(func=cmd_build)


def _setup_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", help="the .briefing project file")
    p.add_argument("--template", default=None, help="check against another template")
    p.set_defaults(func=cmd_check)


def _setup_pdf(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", help="the .briefing project file")
    p.add_argument("-o", "--output", required=True, help="the .pdf to write")
    p.add_argument("--template", default=None, help="template id or file")
    p.add_argument("--handout", action="store_true", help="slides with their notes")
    p.set_defaults(func=cmd_export)


def _setup_impressions(p: argparse.ArgumentParser) -> None:
    imp_sub = p.add_subparsers(dest="impressions_command", metavar="COMMAND", required=True)
    imp_list = imp_sub.add_parser(
        "list",
        help="list impressions with the folder they came from",
        description="List impressions: id, title, folder.",
    )
    imp_list.set_defaults(func=cmd_impressions_list)


def _setup_data(p: argparse.ArgumentParser) -> None:
    data_sub = p.add_subparsers(dest="data_command", metavar="COMMAND", required=True)
    inspect = data_sub.add_parser(
        "inspect",
        help="show what the importer sees in a CSV/XLSX/ODS file",
        description="Show the header, column types and first rows the importer reads.",
    )
    inspect.add_argument("file", help="a .csv/.tsv/.txt/.xlsx/.ods file")
    inspect.add_argument("--sheet", help="the sheet to read (workbooks)")
    inspect.add_argument("--rows", type=int, default=10, help="how many rows to show")
    inspect.set_defaults(func=cmd_data_inspect)


def _setup_templates(p: argparse.ArgumentParser) -> None:
    tpl_sub = p.add_subparsers(dest="templates_command", metavar="COMMAND", required=True)
    tpl_list = tpl_sub.add_parser(
        "list",
        help="list templates and the file each id uses",
        description="List templates: id, name, version, file.",
    )
    tpl_list.set_defaults(func=cmd_templates_list)
    tpl_check = tpl_sub.add_parser(
        "check",
        help="report how a template maps to slide roles",
        description="Report what each slide role maps to, what falls back and why, what was "
        "left out (external links), and warnings. Exit codes: 0 all roles fit, 3 usable with "
        "fallbacks or warnings, 1 the file cannot be used.",
    )
    tpl_check.add_argument("template", help="a .pptx/.potx/.pptm file or a template id")
    tpl_check.set_defaults(func=cmd_templates_check)
    tpl_import = tpl_sub.add_parser(
        "import",
        help="check a template and copy it into your template folder",
        description="Validate a .pptx/.potx/.pptm, a template folder or a template pack (.zip) "
        "and copy it into your user template folder.",
    )
    tpl_import.add_argument("source", help="the file, folder or .zip pack to import")
    tpl_import.add_argument(
        "--force", action="store_true", help="replace an installed template even if it is newer"
    )
    tpl_import.set_defaults(func=cmd_templates_import)
    tpl_export = tpl_sub.add_parser(
        "export",
        help="write a template as a pack (.zip) to share",
        description="Write a template, its manifest and thumbnail as a .zip pack.",
    )
    tpl_export.add_argument("template", help="template id or file")
    tpl_export.add_argument("-o", "--output", required=True, help="the .zip (or folder) to write")
    tpl_export.set_defaults(func=cmd_templates_export)
    tpl_map = tpl_sub.add_parser(
        "map",
        help="draw every layout with its placeholders outlined",
        description="Draw every layout of a template as a PNG with placeholders labelled.",
    )
    tpl_map.add_argument("template", help="template id or file")
    tpl_map.add_argument("-o", "--output", required=True, help="the folder for the pictures")
    tpl_map.set_defaults(func=cmd_templates_map)


# name, help, description, and what adds the command's own arguments
_COMMANDS: list[tuple[str, str, str, Callable[[argparse.ArgumentParser], None]]] = [
    (
        "demo",
        "write the default State of NATO deck",
        "Write the default State of NATO briefing as a .pptx.",
        _setup_demo,
    ),
    (
        "new",
        "write the default briefing as a project file to edit",
        "Write the default briefing as a .briefing project file.",
        _setup_new,
    ),
    (
        "build",
        "build a .pptx from a project file",
        "Build a .pptx from a .briefing project file.",
        _setup_build,
    ),
    (
        "check",
        "pre-flight check a project before presenting it",
        "List what could embarrass a presenter: text that does not fit, empty "
        "placeholders, charts without alt text or source, stale data, repeated titles, "
        "conflicting markings, missing fonts. Exit codes: 0 clean, 3 warnings, 1 errors.",
        _setup_check,
    ),
    (
        "pdf",
        "export a project as PDF (needs LibreOffice)",
        "Build the deck and convert it to PDF with LibreOffice; --handout puts "
        "each slide's speaker notes under it.",
        _setup_pdf,
    ),
    ("impressions", "the content library", "Work with the content library.", _setup_impressions),
    ("data", "data files for charts", "Work with data files for charts.", _setup_data),
    ("templates", "slide templates", "Work with slide templates.", _setup_templates),
]
ALL_COMMANDS = "*"


def _command_in(argv: Sequence[str]) -> str:
    """The command ``argv`` names (the first word that is not an option), or ""."""
    return next((arg for arg in argv if not arg.startswith("-")), "")


def build_parser(command: str = ALL_COMMANDS) -> argparse.ArgumentParser:
    """The parser; only ``command``'s own arguments are set up when it is given (the others
    are listed by name), so a run pays for the command it runs, and ``--help`` for none."""
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Turn impressions and data into a PowerPoint briefing. "
        "With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    known = {name for name, *_ in _COMMANDS}
    for name, help_text, description, setup in _COMMANDS:
        child = sub.add_parser(name, help=help_text, description=description)
        if command in (ALL_COMMANDS, name) or command not in known | {""}:
            setup(child)
    return parser


def _run_gui(debug: bool) -> int:
    import importlib

    try:
        app = importlib.import_module("briefing.gui.app")
    except ImportError as exc:
        raise BriefingError(
            f"The desktop app cannot start here ({exc}).",
            hint="Use 'briefing demo -o deck.pptx' or 'briefing --help' for the command line.",
        ) from None
    status: int = app.run()
    return status


def _print_traceback() -> None:
    import traceback

    traceback.print_exc()


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command_in(words))
    args = parser.parse_args(words)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    try:
        if handler is None:
            return _run_gui(args.debug)
        return handler(args)
    except BriefingError as exc:
        if args.debug:
            _print_traceback()
        print(f"briefing: error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so plainly, traceback only on request
        if args.debug:
            _print_traceback()
        else:
            print(
                f"briefing: internal error: {type(exc).__name__}: {exc} "
                "(run with --debug for details and report it)",
                file=sys.stderr,
            )
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
