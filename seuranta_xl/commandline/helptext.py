"""Every help text of the command line from the message catalogue, in the user's language.

Click reads a command's help and an option's help as plain attributes when it formats ``--help``;
``localise`` sets them for one language before the command line is parsed: ``cmd.<path>`` (and
``cmd.<path>.short`` for the command list) for commands, ``opt.<command path>.<option>`` or
``opt.<option>`` for options, ``metavar.<kind>`` for the placeholders of values (an option declared with
``metavar="metavar.folder"`` keeps that key). A command or option without a catalogue entry keeps
the help it was declared with (tests/test_present.py fails on such a gap).
"""
from __future__ import annotations

from collections.abc import Iterator

import click

from seuranta_xl.present.messages import MESSAGES, text

_METAVAR_KEYS: dict[int, str] = {}      # id(param) -> its metavar's catalogue key, remembered at first sight


def commands(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    """(dotted path, command) for every command under ``group``: "init", "round.new", …"""
    for name, cmd in group.commands.items():
        path = f"{prefix}{name}"
        yield path, cmd
        if isinstance(cmd, click.Group):
            yield from commands(cmd, f"{path}.")


def option_key(path: str, param: click.Parameter) -> str | None:
    """The catalogue key of an option's help: the command's own wording first, then the shared one."""
    name = (param.opts[-1] if param.opts else param.name or "").lstrip("-")
    for key in (f"opt.{path}.{name}", f"opt.{name}"):
        if key in MESSAGES:
            return key
    return None


def _localise_params(path: str, cmd: click.Command, lang: str) -> None:
    if getattr(cmd, "_help_option", None) is not None:
        cmd._help_option = None      # Click keeps its --help option (and its translated help) once made
    for param in cmd.params:
        meta = _METAVAR_KEYS.setdefault(id(param), param.metavar if (param.metavar or "").startswith("metavar.") else "")
        if meta:
            param.metavar = text(meta, lang)
        if isinstance(param, click.Option):
            key = option_key(path, param)
            if key:
                param.help = text(key, lang)


def localise(group: click.Group, lang: str) -> None:
    """Set every help text, heading placeholder and metavar under ``group`` to ``lang``."""
    group.help = text("cmd.main", lang)
    group.options_metavar = text("metavar.options", lang)
    group.subcommand_metavar = text("metavar.command", lang)
    _localise_params("main", group, lang)
    for path, cmd in commands(group):
        if f"cmd.{path}" in MESSAGES:
            cmd.help = text(f"cmd.{path}", lang)
        if f"cmd.{path}.short" in MESSAGES:
            cmd.short_help = text(f"cmd.{path}.short", lang)
        cmd.options_metavar = text("metavar.options", lang)
        if isinstance(cmd, click.Group):
            cmd.subcommand_metavar = text("metavar.command", lang)
        _localise_params(path, cmd, lang)
