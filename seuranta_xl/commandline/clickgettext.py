"""Click's own messages in the user's language, through gettext.

Click marks every text it prints (``Usage:``, ``Options``, ``Error: No such option …``, ``Try … for
help.``, ``… does not match the format …``) with the standard library's ``gettext`` and ``ngettext``,
bound at import time in each of its modules. The translations are ordinary gettext catalogues,
``seuranta_xl/data/locale/<lang>/click.po`` (a translator edits them with any .po tool), compiled by
Babel into the ``click.mo`` beside them (``python -m seuranta_xl.commandline.clickgettext``; a test
fails when a .mo does not hold what its .po says). The standard library reads the .mo into a
``gettext.GNUTranslations``, whose ``gettext`` and ``ngettext`` are then put in place of the standard
ones in Click's modules. English restores the originals.

Why compiled beforehand: reading the .po with Babel at every command cost 60 ms of a start-up that
status (0.5 s at 15 000 actions, issue 17) cannot spare.

Why this way: the language is the project's (seuranta.toml), known only per command, so the process-wide
gettext domain and locale environment variables (which Click would otherwise consult) are left alone.
"""
from __future__ import annotations

import functools
import gettext
import importlib
import io
import sys
from importlib import resources

# Click's modules that translate text (imported here so the lazily loaded ones are patched too).
CLICK_MODULES = ("click.core", "click.decorators", "click.exceptions", "click.formatting", "click.parser",
                 "click.termui", "click.types", "click.utils", "click._termui_impl", "click.shell_completion")
TRANSLATED = ("fi", "sv")
_ORIGINAL = {"_": gettext.gettext, "ngettext": gettext.ngettext}


def po_text(lang: str) -> str:
    return resources.files("seuranta_xl.data").joinpath("locale", lang, "click.po").read_text("utf-8")


def compiled(lang: str) -> bytes:
    """The .mo that ``lang``'s .po compiles to (Babel: at build time, not at a command's start)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    catalog = read_po(io.StringIO(po_text(lang)), locale=lang, domain="click")
    buf = io.BytesIO()
    write_mo(buf, catalog)
    return buf.getvalue()


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (a NullTranslations, i.e. Click's English, for any other)."""
    if lang not in TRANSLATED:
        return gettext.NullTranslations()
    with resources.files("seuranta_xl.data").joinpath("locale", lang, "click.mo").open("rb") as mo:
        return gettext.GNUTranslations(mo)


def _modules():
    for name in CLICK_MODULES:
        try:
            yield importlib.import_module(name)
        except ImportError:        # pragma: no cover - a module of another Click version
            continue


def install(lang: str) -> None:
    """Make Click speak ``lang`` (fi, sv; anything else: Click's own English)."""
    tr = translations(lang)
    functions = {"_": tr.gettext, "ngettext": tr.ngettext} if lang in TRANSLATED else _ORIGINAL
    for module in _modules():
        for name, function in functions.items():
            if hasattr(module, name):
                setattr(module, name, function)


def main(folder: str) -> None:
    """Write each translated language's click.mo from its click.po into ``folder``/<lang>/."""
    from pathlib import Path
    for lang in TRANSLATED:
        (Path(folder) / lang / "click.mo").write_bytes(compiled(lang))


if __name__ == "__main__":   # python -m seuranta_xl.commandline.clickgettext [seuranta_xl/data/locale]
    main(sys.argv[1] if len(sys.argv) > 1 else "seuranta_xl/data/locale")
