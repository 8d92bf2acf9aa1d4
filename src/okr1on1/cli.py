"""The `okr1on1` command. Each subcommand is a `configure` function for its parser plus a handler.

    okr1on1 score personal-development 5 6 - 3 7     # values in statement order, '-' skips one

Errors are one line on stderr, `okr1on1: error: ...`; bad input exits 2, unreadable content 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from okr1on1.content.loader import ContentError, _validate
from okr1on1.content.model import DEFAULT_LANGUAGE, LANGUAGES, Survey, TemplateFile
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
            template = _validate(TemplateFile, path)[0].root
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


# --- the command -----------------------------------------------------------------------------

Handler = Callable[[argparse.Namespace], int]

# name: (help, add the subcommand's arguments, run it). Add a subcommand by adding a line.
SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Handler]] = {
    "score": ("score answers to a survey and print the result as JSON", _configure_score, run_score),
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
        _report(str(error))
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
