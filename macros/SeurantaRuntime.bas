Attribute VB_Name = "SeurantaRuntime"
' seuranta-xl: what the add-in changes in xlwings' runtime (seuranta_xl/addin/runtime.py patches
' the runtime to call these).
'
' Settings (xlwings' GetConfig calls ConfigValue) come from two places only, both the coordinator's:
'   1. the user's config file, which overrides: Windows %USERPROFILE%\.seuranta\seuranta.conf,
'      macOS ~/Library/Containers/com.microsoft.Excel/Data/seuranta.conf; lines "KEY","VALUE";
'      read as UTF-8 when it is valid UTF-8 (with or without a BOM), otherwise as Windows-1252;
'   2. the add-in's own sheet seuranta.conf (`seuranta addin build` writes the interpreter there).
' Never the active workbook's sheets nor a file beside it: a returned workbook cannot choose the
' interpreter, PYTHONPATH or environment. An empty value counts as not set.
Option Explicit

Private Const CONF_SHEET As String = "seuranta.conf"
' Windows-1252 bytes &H80-&H9F as UTF-16 code units (the undefined five kept as they are)
Private Const CP1252_80_9F As String = "20AC0081201A0192201E20262020202102C62030016020390152008D017D008F" & _
                                       "009020182019201C201D20222013201402DC21220161203A0153009D017E0178"

Public Function ConfigValue(ByVal key As String, Optional ByVal default As String = "", _
                            Optional ByVal source As String = "") As String
    Dim value As String
    If source = "" Or source = "user" Then
        If SettingInText(ConfigFileText(GetConfigFilePath()), key, value) Then
            ConfigValue = value
            Exit Function
        End If
    End If
    If source = "" Or source = "sheet" Then
        If SettingInSheet(key, value) Then
            ConfigValue = value
            Exit Function
        End If
    End If
    ConfigValue = default
End Function

' The add-in's own seuranta.conf sheet: KEY in column A, VALUE in column B, to the first empty row.
Private Function SettingInSheet(ByVal key As String, ByRef value As String) As Boolean
    Dim sht As Object, row As Long
    On Error Resume Next
    Set sht = ThisWorkbook.Worksheets(CONF_SHEET)
    On Error GoTo 0
    If sht Is Nothing Then Exit Function
    row = 1
    Do While CStr(sht.Cells(row, 1).Value) <> ""
        If UCase$(CStr(sht.Cells(row, 1).Value)) = UCase$(key) Then
            value = CStr(sht.Cells(row, 2).Value)
            SettingInSheet = value <> ""
            Exit Function
        End If
        row = row + 1
    Loop
End Function

' The value of key in a config file's text: lines "KEY","VALUE" as VBA's Write # writes them.
Public Function SettingInText(ByVal text As String, ByVal key As String, ByRef value As String) As Boolean
    Dim lines As Variant, i As Long, name As String, found As String
    lines = Split(Replace(text, vbCr, ""), vbLf)
    For i = LBound(lines) To UBound(lines)
        If LineSetting(CStr(lines(i)), name, found) Then
            If LCase$(name) = LCase$(key) And found <> "" Then
                value = found
                SettingInText = True
                Exit Function
            End If
        End If
    Next i
End Function

Private Function LineSetting(ByVal line As String, ByRef name As String, ByRef value As String) As Boolean
    Dim rest As String
    rest = line
    name = TakeField(rest)
    If Left$(rest, 1) <> "," Then Exit Function
    rest = Mid$(rest, 2)
    value = TakeField(rest)
    LineSetting = name <> ""
End Function

' The first field of rest ("quoted" or bare up to a comma); rest keeps what follows it.
Private Function TakeField(ByRef rest As String) As String
    Dim q As Long
    rest = LTrim$(rest)
    If Left$(rest, 1) = """" Then
        q = InStr(2, rest, """")
        If q = 0 Then q = Len(rest) + 1
        TakeField = Mid$(rest, 2, q - 2)
        rest = LTrim$(Mid$(rest, q + 1))
    Else
        q = InStr(rest, ",")
        If q = 0 Then q = Len(rest) + 1
        TakeField = Trim$(Left$(rest, q - 1))
        rest = Mid$(rest, q)
    End If
End Function

' A text file's content ("" when it is missing or unreadable), decoded by DecodeText.
Public Function ConfigFileText(ByVal path As String) As String
    Dim fileNo As Integer, size As Long, bytes() As Byte
    ConfigFileText = ""
    If path = "" Then Exit Function
    If Not FileExists(path) Then Exit Function
    On Error GoTo Unreadable
    fileNo = FreeFile
    Open path For Binary Access Read As #fileNo
    size = LOF(fileNo)
    If size > 0 Then
        ReDim bytes(0 To size - 1)
        Get #fileNo, , bytes
    End If
    Close #fileNo
    If size > 0 Then ConfigFileText = DecodeText(bytes, size)
    Exit Function
Unreadable:
    On Error Resume Next
    Close #fileNo
    ConfigFileText = ""
End Function

' UTF-8 when the bytes are valid UTF-8 (a BOM is skipped), otherwise Windows-1252 ("ANSI").
Public Function DecodeText(bytes() As Byte, ByVal size As Long) As String
    Dim text As String
    If Utf8Decoded(bytes, size, text) Then
        DecodeText = text
    Else
        DecodeText = Cp1252Decoded(bytes, size)
    End If
End Function

Private Function Utf8Decoded(bytes() As Byte, ByVal size As Long, ByRef text As String) As Boolean
    Dim i As Long, k As Long, b As Long, cp As Long, need As Long
    text = ""
    i = 0
    If size >= 3 Then
        If bytes(0) = &HEF And bytes(1) = &HBB And bytes(2) = &HBF Then i = 3
    End If
    Do While i < size
        b = bytes(i)
        need = Utf8Continuations(b)
        If need < 0 Then Exit Function
        If i + need > size - 1 Then Exit Function
        cp = b And Choose(need + 1, &H7F, &H1F, &HF, &H7)
        For k = 1 To need
            b = bytes(i + k)
            If (b And &HC0) <> &H80 Then Exit Function
            cp = cp * 64 + (b And &H3F)
        Next k
        If Not CodePointValid(cp, need) Then Exit Function
        text = text & CodePointText(cp)
        i = i + need + 1
    Loop
    Utf8Decoded = True
End Function

' How many continuation bytes follow a UTF-8 lead byte; -1 for a byte that cannot lead.
Private Function Utf8Continuations(ByVal b As Long) As Long
    If b < &H80 Then
        Utf8Continuations = 0
    ElseIf b >= &HC2 And b <= &HDF Then
        Utf8Continuations = 1
    ElseIf b >= &HE0 And b <= &HEF Then
        Utf8Continuations = 2
    ElseIf b >= &HF0 And b <= &HF4 Then
        Utf8Continuations = 3
    Else
        Utf8Continuations = -1
    End If
End Function

' Not overlong, not a surrogate, not past U+10FFFF.
Private Function CodePointValid(ByVal cp As Long, ByVal need As Long) As Boolean
    If need = 2 And cp < &H800& Then Exit Function
    If need = 3 And (cp < &H10000 Or cp > &H10FFFF) Then Exit Function
    If cp >= &HD800& And cp <= &HDFFF& Then Exit Function
    CodePointValid = True
End Function

Private Function CodePointText(ByVal cp As Long) As String
    If cp < &H10000 Then
        CodePointText = ChrW(cp)
    Else
        cp = cp - &H10000
        CodePointText = ChrW(&HD800& + cp \ 1024) & ChrW(&HDC00& + (cp Mod 1024))
    End If
End Function

Private Function Cp1252Decoded(bytes() As Byte, ByVal size As Long) As String
    Dim i As Long, b As Long, text As String
    For i = 0 To size - 1
        b = bytes(i)
        If b >= &H80 And b <= &H9F Then
            text = text & ChrW(CLng("&H" & Mid$(CP1252_80_9F, (b - &H80) * 4 + 1, 4)))
        Else
            text = text & ChrW(b)
        End If
    Next i
    Cp1252Decoded = text
End Function

' The PYTHONPATH setting's entries, each after a ";" (xlwings' RunPython appends them to its
' list). Empty ones are dropped: xlwings' prepare_sys_path puts an empty entry on sys.path, and an
' empty entry is the working folder.
Public Function PythonPathTail(ByVal setting As String) As String
    Dim parts As Variant, i As Long, tail As String
    tail = ""
    parts = Split(setting, ";")
    For i = LBound(parts) To UBound(parts)
        If Trim$(parts(i)) <> "" Then tail = tail & ";" & parts(i)
    Next i
    PythonPathTail = tail
End Function

' ------------------------------------------------------------------------------------ messages
' In SEURANTA_LANG's language (fi, sv or en; Finnish by default). These two are shown before Python
' runs, so the remembered project's language, which the Python side speaks first, is not known here.

Public Function SeurantaLanguage() As String
    Select Case LCase$(Environ("SEURANTA_LANG"))
        Case "sv", "en"
            SeurantaLanguage = LCase$(Environ("SEURANTA_LANG"))
        Case Else
            SeurantaLanguage = "fi"
    End Select
End Function

' macOS: the AppleScript of this add-in's xlwings version is not installed (first use, or xlwings
' was upgraded after the add-in was built).
Public Function ReinstallMessage() As String
    Select Case SeurantaLanguage()
        Case "sv"
            ReinstallMessage = "Seuranta-tillägget kan inte starta Python (xlwings " & XLWINGS_VERSION & _
                               "). Kör kommandot 'seuranta addin install' i Terminal och starta om Excel."
        Case "en"
            ReinstallMessage = "The Seuranta add-in cannot start Python (xlwings " & XLWINGS_VERSION & _
                               "). Run 'seuranta addin install' in Terminal and restart Excel."
        Case Else
            ReinstallMessage = "Seuranta-apuohjelma ei saa Pythonia käyntiin (xlwings " & XLWINGS_VERSION & _
                               "). Aja komento 'seuranta addin install' Päätteessä ja käynnistä Excel uudelleen."
    End Select
End Function

' Windows: the interpreter in the settings does not exist (Python moved, or a venv removed).
Public Function InterpreterMissingMessage(ByVal interpreter As String) As String
    Select Case SeurantaLanguage()
        Case "sv"
            InterpreterMissingMessage = "Python hittades inte: " & interpreter & vbCrLf & vbCrLf & _
                "Kör 'seuranta addin install' i kommandotolken med den Python där seuranta-xl är installerat."
        Case "en"
            InterpreterMissingMessage = "Python was not found: " & interpreter & vbCrLf & vbCrLf & _
                "Run 'seuranta addin install' in a command prompt, with the Python seuranta-xl is installed in."
        Case Else
            InterpreterMissingMessage = "Pythonia ei löydy: " & interpreter & vbCrLf & vbCrLf & _
                "Aja komentokehotteessa 'seuranta addin install' sillä Pythonilla, johon seuranta-xl on asennettu."
    End Select
End Function
