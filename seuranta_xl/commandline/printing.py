"""Printing for the command line (rich): styled lines from present/terminal.py, wrapped sentences, the
closing "next step" line, and the width of the terminal."""
from __future__ import annotations

import os
import shutil
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from seuranta_xl.present.messages import text
from seuranta_xl.present.terminal import Line, wrap

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan", "head": "bold", "dim": "dim", "code": "",
          "returned": "green", "missing": "yellow", "errors": "bold red", "draft": "yellow", "": ""}
MAX_WIDTH = 120


def width() -> int:
    """The terminal's width (COLUMNS when set, as in a transcript), between 40 and 120 columns."""
    try:
        cols = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        cols = 0
    return max(40, min(cols or shutil.get_terminal_size((80, 24)).columns, MAX_WIDTH))


def print_lines(lines: Sequence[Line], console: Console = out) -> None:
    """The lines as one text, printed at once (a print per line made 630 lines take 0.1 s)."""
    if not lines:
        return
    styled = Text()
    for line in lines:
        for part, style in line:
            styled.append(part, STYLES.get(style, ""))
        styled.append("\n")
    console.print(styled, end="")


def say(sentence: str, console: Console = out, style: str = "", keep: Sequence[str] = (), hang: str = "") -> None:
    """A sentence wrapped at spaces to the terminal's width (paths and file names in ``keep`` whole; the
    lines after the first indented by ``hang``)."""
    for line in wrap(sentence, width(), keep=keep, hang=hang):
        console.print(Text(line, STYLES.get(style, "")))


def next_step(what: str, lang: str, keep: Sequence[str] = ()) -> None:
    """The closing line of a command: "Seuraavaksi: …"."""
    say(text("cli.next", lang, what=what), style="head", keep=keep)
