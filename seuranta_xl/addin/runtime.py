"""The xlwings VBA runtime as the add-in ships it: the installed xlwings' own custom-add-in runtime
(`xlwings_custom_addin.bas`, `addin/Dictionary.cls`, BSD), with PROJECT_NAME set to ours."""
from __future__ import annotations

from pathlib import Path

from seuranta_xl.addin.ovba import Module, class_module, std_module

PROJECT_NAME = "seuranta"          # xlwings' PROJECT_NAME: config file ~/.seuranta/seuranta.conf


def xlwings_dir() -> Path:
    import xlwings
    return Path(xlwings.__file__).resolve().parent


def xlwings_runtime() -> list[Module]:
    """The xlwings runtime of the installed xlwings, as its custom add-ins use it."""
    d = xlwings_dir()
    text = (d / "xlwings_custom_addin.bas").read_text("utf-8")
    text = text.replace('Public Const PROJECT_NAME As String = "myaddin"',
                        f'Public Const PROJECT_NAME As String = "{PROJECT_NAME}"')
    return [std_module(text), class_module((d / "addin" / "Dictionary.cls").read_text("utf-8"))]
