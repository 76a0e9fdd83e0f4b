"""The helper that readies VBA for LibreOffice (tests/vba_source.py) does only what it says."""
from __future__ import annotations

import pytest

from tests.vba_source import replace_procedure, resolve_conditionals, unqualified

SOURCE = """#Const Flag = True
#Const App = "Microsoft Excel"
#If Mac Or Not Flag Then
A
#Else
B
#End If
#If App = "Microsoft Excel" Then
C
#ElseIf App = "x" Then
D
#End If
#If Win64 Then
E
    #If Mac Then
F
    #End If
#End If"""


def kept(text: str) -> list[str]:
    return [line for line in text.split("\n") if not line.startswith("'")]


@pytest.mark.parametrize("platform, lines", [("Win64", ["B", "C", "E"]), ("Win32", ["B", "C"]), ("Mac", ["A", "C"])])
def test_conditionals_resolved_like_vbas_preprocessor(platform, lines):
    out = resolve_conditionals(SOURCE, platform)
    assert kept(out) == lines and len(out.split("\n")) == len(SOURCE.split("\n"))   # line numbers kept


def test_an_unclosed_if_is_an_error():
    with pytest.raises(ValueError):
        resolve_conditionals("#If Mac Then\nA\n", "Mac")


def test_replace_procedure_replaces_that_one_whole():
    src = "Sub A()\n  x = 1\nEnd Sub\nPrivate Function B(y) As String\n  B = y\nEnd Function\nSub C()\nEnd Sub\n"
    out = replace_procedure(src, "B", "Function B(y)\n  B = \"stub\"\nEnd Function")
    assert out == "Sub A()\n  x = 1\nEnd Sub\nFunction B(y)\n  B = \"stub\"\nEnd Function\nSub C()\nEnd Sub\n"
    with pytest.raises(ValueError):
        replace_procedure(src, "Missing", "")


def test_vba_qualifier_dropped_in_code_only():
    assert unqualified('x = VBA.IsObject(a) & "VBA.x" \' VBA.y') == 'x = IsObject(a) & "VBA.x" \' VBA.y'
    assert unqualified("If VBA.IsEmpty(a) Then y = MyVBA.Z") == "If IsEmpty(a) Then y = MyVBA.Z"
