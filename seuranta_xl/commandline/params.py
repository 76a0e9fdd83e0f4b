"""Values typed on the command line: dates as Finnish people type them, and the language of the run."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from seuranta_xl.present.i18n import parse_date
from seuranta_xl.present.messages import text
from seuranta_xl.store.project import find_project_root, shell_language


def run_language(ctx: click.Context | None) -> str:
    """The language of the running command (set on the root context by the group), else Finnish."""
    obj = ctx.find_root().obj if ctx is not None else None
    return obj.get("lang", "fi") if isinstance(obj, dict) else "fi"


class DateValue(click.ParamType):
    """15.5.2025 or 2025-05-15 -> datetime.date; anything else a usage error in the user's language."""

    name = "date"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        parsed = parse_date(str(value))
        if parsed is None:
            self.fail(text("date.invalid", run_language(ctx), value=value), param, ctx)
        return parsed


DATE = DateValue()


def absolute(path: str | os.PathLike) -> Path:
    """The path made absolute (lexically: no symlink is resolved), so messages show where things are."""
    return Path(os.path.abspath(os.path.expanduser(path)))


def project_root(ctx: click.Context, param: click.Parameter, value: str | None) -> Path:
    """--project as an absolute path; without it the nearest folder at or above the current one that
    holds seuranta.toml (as git finds its repository), else the current folder (whose missing
    seuranta.toml the command then reports with its full path)."""
    if value is not None:
        return absolute(value)
    return find_project_root() or absolute(Path.cwd())


def project_if_any(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """check's --project: as --project, but None when no project is named or found (the files are then
    checked on their own, without the signature)."""
    if value is not None:
        return absolute(value)
    return find_project_root()


def new_project_folder(ctx: click.Context, param: click.Parameter, value: str | None) -> Path:
    """init's --project: the folder to create the project in (default: the current folder)."""
    return absolute(value if value is not None else Path.cwd())


def argv_language(argv: list[str]) -> str:
    """The language of a run, before click parses it: the project's named by --project (or found from
    the current folder upwards), else SEURANTA_LANG, else Finnish."""
    root: Path | None = None
    for i, arg in enumerate(argv):
        if arg == "--project" and i + 1 < len(argv):
            root = absolute(argv[i + 1])
        elif arg.startswith("--project="):
            root = absolute(arg.split("=", 1)[1])
    return shell_language(root if root is not None else find_project_root())
