"""VBA source transformations that let LibreOffice Basic (VBA mode) compile and run the add-in's
modules. Standard library only: tests/lo_basic.py imports it under LibreOffice's Python.

LibreOffice compiles both branches of `#If` (so a module is resolved for one platform first, the
way VBA's preprocessor would), accepts only literals as `Enum` values, and at run time does not
know the `VBA.` library qualifier ("Variable not defined: VBA" for `VBA.IsObject`), so it is
dropped. Nothing else is changed, except procedures a test replaces by name with a stub (a shell,
a file picker, RunPython).
"""
from __future__ import annotations

import re

PLATFORMS = {
    "Win64": {"VBA7": True, "Win64": True, "Win32": True, "Mac": False, "MAC_OFFICE_VERSION": 0},
    "Win32": {"VBA7": True, "Win64": False, "Win32": True, "Mac": False, "MAC_OFFICE_VERSION": 0},
    "Mac": {"VBA7": True, "Win64": False, "Win32": False, "Mac": True, "MAC_OFFICE_VERSION": 16},
}
ENUM_LITERALS = {"VBA.vbBinaryCompare": "0", "VBA.vbTextCompare": "1", "VBA.vbDatabaseCompare": "2"}

_IF = re.compile(r"#(If|ElseIf)\s+(.*?)\s+Then\s*(?:'.*)?$", re.I)


def _evaluate(expr: str, env: dict) -> bool:
    """A #If condition: names, string and number literals, = <> < > <= >=, Not, And, Or."""
    tokens = re.findall(r'"[^"]*"|<>|<=|>=|[=<>()]|\w+', expr)
    py = []
    for tok in tokens:
        low = tok.lower()
        if low in ("not", "and", "or"):
            py.append(low)
        elif tok == "=":
            py.append("==")
        elif tok == "<>":
            py.append("!=")
        elif tok.startswith('"') or tok.isdigit() or tok in ("<", ">", "<=", ">=", "(", ")"):
            py.append(tok)
        else:
            py.append(repr(env.get(tok, False)))
    return bool(eval(" ".join(py), {"__builtins__": {}}, {}))  # noqa: S307 - tokens above only


def resolve_conditionals(source: str, platform: str) -> str:
    """Comment out the lines of every #If branch not taken on ``platform`` (and the directives)."""
    env = dict(PLATFORMS[platform])
    out, stack, active = [], [], True     # stack: (parent active, a branch already taken)
    for line in source.split("\n"):
        s = line.strip()
        m = _IF.match(s)
        if s.lower().startswith("#const"):
            name, value = (part.strip() for part in s[6:].split("'")[0].split("=", 1))
            env[name] = (value.strip('"') if value.startswith('"') else int(value) if value.lstrip("-").isdigit()
                         else value.lower() == "true")
        elif m and m.group(1).lower() == "if":
            take = active and _evaluate(m.group(2), env)
            stack.append((active, take))
            active = take
        elif m:
            parent, taken = stack[-1]
            take = parent and not taken and _evaluate(m.group(2), env)
            stack[-1], active = (parent, taken or take), take
        elif re.match(r"#Else\b", s, re.I):
            parent, taken = stack[-1]
            stack[-1], active = (parent, True), parent and not taken
        elif re.match(r"#End\s*If\b", s, re.I):
            active = stack.pop()[0]
        else:
            out.append(line if active else "'" + line)
            continue
        out.append("'" + line)
    if stack:
        raise ValueError("#If without #End If")
    return "\n".join(out)


def literal_enums(source: str) -> str:
    for name, value in ENUM_LITERALS.items():
        source = source.replace(name, value)
    return source


def unqualified(source: str) -> str:
    """`VBA.IsObject(x)` -> `IsObject(x)`, outside string literals and comments."""
    out = []
    for line in source.split("\n"):
        parts = re.split(r'("[^"]*")', line)
        for i in range(0, len(parts), 2):
            code, _, comment = parts[i].partition("'")
            parts[i] = re.sub(r"(?<![\w.])VBA\.(?=\w)", "", code) + (_ + comment)
            if _:
                parts[i + 1:] = ["".join(parts[i + 1:])] if parts[i + 1:] else []
                break
        out.append("".join(parts))
    return "\n".join(out)


_PROC = r"^[ \t]*(?:(?:Public|Private|Friend)[ \t]+)?(?:Static[ \t]+)?(Sub|Function|Property[ \t]+\w+)[ \t]+{name}\b"


def replace_procedure(source: str, name: str, replacement: str) -> str:
    """Replace the procedure ``name`` (Sub or Function, whole, to its End line) by ``replacement``."""
    start = re.search(_PROC.format(name=re.escape(name)), source, re.M | re.I)
    if not start:
        raise ValueError(f"no procedure {name}")
    kind = start.group(1).split()[0]
    end = re.compile(rf"^[ \t]*End[ \t]+{kind}\b.*$", re.M | re.I).search(source, start.end())
    if not end:
        raise ValueError(f"procedure {name} has no End {kind}")
    return source[:start.start()] + replacement.rstrip("\n") + source[end.end():]


def for_libreoffice(source: str, platform: str, stubs: dict[str, str] | None = None) -> str:
    """A module's source as LibreOffice Basic can compile it, with procedures stubbed by name."""
    text = unqualified(literal_enums(resolve_conditionals(source.replace("\r\n", "\n"), platform)))
    for name, replacement in (stubs or {}).items():
        text = replace_procedure(text, name, replacement)
    return text
