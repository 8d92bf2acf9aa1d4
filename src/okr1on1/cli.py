"""The `okr1on1` command. Each subcommand is a `configure` function for its parser plus a handler.

    okr1on1 score personal-development 5 6 - 3 7     # values in statement order, '-' skips one
    okr1on1 build                                     # both editions into site/, swapped in when complete
    okr1on1 serve                                     # serve site/ on 127.0.0.1:8000
    okr1on1 schema                                    # write the JSON Schemas and each content file's schema line
    okr1on1 check [--require-all-languages]           # check the content without building; list untranslated texts
    okr1on1 new survey my-check                       # start content/templates/my-check.yaml

Errors are one line on stderr, `okr1on1: error: ...`; bad input exits 2, unreadable content 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from okr1on1.content.loader import ContentError, content_error_text, load_template
from okr1on1.content.model import DEFAULT_LANGUAGE, LANGUAGES, Survey
from okr1on1.scoring import ScoringError, score
from okr1on1.survey_spec import survey_spec

PROG = "okr1on1"
SKIP = "-"


class UsageError(Exception):
    """Bad input on the command line: exit status 2."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are the one line every other error of the command is."""

    def error(self, message: str) -> NoReturn:
        _fail(f"{message} (see '{self.prog} --help')", 2)


def _report(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _fail(message: str, status: int) -> NoReturn:
    _report(message)
    raise SystemExit(status)


# --- score -----------------------------------------------------------------------------------


def _configure_score(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("survey_id", metavar="SURVEY_ID", help="slug of the survey, e.g. personal-development")
    parser.add_argument("values", metavar="VALUE", nargs="+", help=f"one answer per statement, in statement order; '{SKIP}' skips one")
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help=f"language of the texts (default: {DEFAULT_LANGUAGE})")


def _find_survey(content: Path, survey_id: str) -> Survey:
    """The survey `survey_id` from `content/templates/`.

    Reads only template files, so scoring works while an unrelated guide file is broken; a broken
    file that could be the wanted survey (named after it) is reported.
    """
    folder = content / "templates"
    if not folder.is_dir():
        raise UsageError(f"no templates folder in '{content}'")
    paths = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    slugs: list[str] = []
    for path in paths:
        try:
            template = load_template(path)
        except ContentError:
            if path.stem == survey_id:
                raise
            continue
        if template.slug == survey_id:
            if not isinstance(template, Survey):
                raise UsageError(f"'{survey_id}' is not a survey (kind: {template.kind})")
            return template
        if isinstance(template, Survey):
            slugs.append(template.slug)
    raise UsageError(f"unknown survey '{survey_id}' (surveys: {', '.join(sorted(slugs)) or 'none'})")


def _answers(survey: Survey, values: list[str]) -> dict[str, int]:
    statements = survey.statements
    if len(values) != len(statements):
        raise UsageError(f"survey '{survey.slug}' has {len(statements)} statements; got {len(values)} values")
    answers: dict[str, int] = {}
    for statement, value in zip(statements, values, strict=True):
        if value == SKIP:
            continue
        try:
            answers[statement.id] = int(value)
        except ValueError:
            raise UsageError(f"statement '{statement.id}': '{value}' is not a whole number or '{SKIP}'") from None
    return answers


def run_score(args: argparse.Namespace) -> int:
    survey = _find_survey(args.content, args.survey_id)
    result = score(survey_spec(survey, args.lang), _answers(survey, args.values))
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


# --- build, serve, schema ----------------------------------------------------------------------


def _configure_build(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site-dir", type=Path, default=None, help="where to publish the site (default: site/)")
    parser.add_argument("--project", type=Path, default=Path("."), help="folder holding mkdocs.yml (default: .)")
    parser.add_argument(
        "--site-url",
        default=None,
        help="where the site is published, e.g. https://example.org/okr1on1/ "
        "(default: $OKR1ON1_SITE_URL, else site_url in content/guide.yaml, else none: no canonical links, an empty sitemap)",
    )
    parser.add_argument("--base-path", default=None, help="the path the site is served under, e.g. /okr1on1/ (default: the site URL's path, else /)")
    parser.add_argument("-v", "--verbose", action="store_true", help="say every download and Pyodide file the build makes or reuses")


BUILD_LOG = "mkdocs.plugins.okr1on1"  # okr1on1.site.build_log's logger


def _one_summary_line_per_edition(record: object) -> bool:
    """Warnings and errors, MkDocs' "Documentation built" line and what our build did (build_log);
    not the INFO chatter of each edition (mkdocs-macros' module lists, "Cleaning site directory")."""
    import logging

    assert isinstance(record, logging.LogRecord)
    ours = record.name == BUILD_LOG
    return ours or record.levelno >= logging.WARNING or record.getMessage().startswith(("Building documentation to", "Documentation built"))


def run_build(args: argparse.Namespace) -> int:
    # Imported here: MkDocs is only needed by the commands that build.
    import logging
    import os

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life notice, read (README)

    from mkdocs.exceptions import MkDocsException

    from okr1on1.site.build_site import Publishing, build_site

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.addFilter(_one_summary_line_per_edition)
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    logging.getLogger(BUILD_LOG).setLevel(logging.DEBUG if args.verbose else logging.INFO)
    try:
        site = build_site(args.project, args.site_dir, Publishing(site_url=args.site_url, base_path=args.base_path))
    except MkDocsException as error:
        _report(str(error.message if hasattr(error, "message") else error))
        return 1
    print(f"Site written to {site}", flush=True)
    return 0


def _configure_serve(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="built site to serve (default: site/)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument("--base-path", default="/", help="serve the site under this path, as the host will, e.g. /okr1on1/ (default: /)")


def run_serve(args: argparse.Namespace) -> int:
    from okr1on1.site.serve import serve_site

    try:
        serve_site(args.site_dir, args.host, args.port, args.base_path)
    except (FileNotFoundError, OSError) as error:
        _report(str(error))
        return 1
    return 0


def _configure_schema(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", type=Path, default=None, help="where to write (default: <content>/schema/)")
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder whose files get their schema line (default: content)")


def run_schema(args: argparse.Namespace) -> int:
    from okr1on1.content.schema import write_schema_lines, write_schemas

    for path in write_schemas(args.output or args.content / "schema"):
        print(path)
    for path in write_schema_lines(args.content):
        print(f"{path} (schema line)")
    return 0


def _configure_check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    parser.add_argument("--require-all-languages", action="store_true", help="exit with status 1 when a text lacks a language")


def run_check(args: argparse.Namespace) -> int:
    from okr1on1.content import load_content
    from okr1on1.content.loader import untranslated

    content = load_content(args.content)  # a ContentError lists every problem (main reports it)
    missing = untranslated(args.content)
    for problem in missing:
        print(f"{problem.located()}", file=sys.stderr if args.require_all_languages else sys.stdout)
    languages = " and ".join(LANGUAGES)
    if missing:
        print(f"{PROG}: {len(missing)} texts lack a language (the English edition shows their Dutch)", file=sys.stderr)
        return 1 if args.require_all_languages else 0
    print(f"Content is valid: {len(content.templates)} templates; every text in {languages}.")
    return 0


def _configure_new(parser: argparse.ArgumentParser) -> None:
    from okr1on1.content.starter import KINDS

    parser.add_argument("kind", choices=KINDS, metavar="KIND", help=f"what to start: {', '.join(KINDS)}")
    parser.add_argument("slug", metavar="SLUG", help="the template's name in its address: lowercase words joined by '-'")
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")


def run_new(args: argparse.Namespace) -> int:
    from okr1on1.content.starter import StarterError, write_starter

    try:
        path = write_starter(args.content, args.kind, args.slug)
    except StarterError as error:
        raise UsageError(str(error)) from None
    print(f"Wrote {path}: fill in the texts (both languages), then `okr1on1 check` or `make dev`.")
    return 0


# --- the command -----------------------------------------------------------------------------

Handler = Callable[[argparse.Namespace], int]

# name: (help, add the subcommand's arguments, run it). Add a subcommand by adding a line.
SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Handler]] = {
    "score": ("score answers to a survey and print the result as JSON", _configure_score, run_score),
    "build": ("build both editions of the site (strict) and publish them atomically", _configure_build, run_build),
    "serve": ("serve the built site", _configure_serve, run_serve),
    "schema": ("write the JSON Schemas of the content files for editors, and each file's schema line", _configure_schema, run_schema),
    "check": ("check the content without building and list the texts that lack a language", _configure_check, run_check),
    "new": ("start a template file (agenda, survey or checkin) that builds as it is", _configure_new, run_new),
}
HANDLERS: dict[str, Handler] = {name: handler for name, (_, _, handler) in SUBCOMMANDS.items()}


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog=PROG, description="Tools for the okr1on1 guide site.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, configure, _) in SUBCOMMANDS.items():
        configure(commands.add_parser(name, help=help_text, description=help_text))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return HANDLERS[args.command](args)
    except (UsageError, ScoringError) as error:
        _report(str(error))
        return 2
    except ContentError as error:
        _report(content_error_text(error))
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
