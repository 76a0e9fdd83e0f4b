Attribute VB_Name = "RibbonSeuranta"
' seuranta-xl: the coordinator's ribbon (customUI.xml). Each button's sub picks a file or folder
' when one is needed and calls one Python entry point in seuranta_xl.addin through xlwings'
' RunPython (CallPython). All work, messages and errors are on the Python side. What reaches the
' command line is inert in cmd.exe and sh: paths as PyStr literals, the calling workbook's name
' only when SafeName.
Option Explicit

Private Const PY As String = "import seuranta_xl.addin; seuranta_xl.addin."

' A Python string literal for s, inert in every shell the command passes through (cmd.exe on
' Windows, sh on macOS): ASCII letters, digits, space and . _ - / : as they are, every other
' character as a \uXXXX or \UXXXXXXXX escape. Paths with quotes, backslashes, ä, $ or % arrive exactly.
Private Function PyStr(ByVal s As String) As String
    Dim i As Long, c As Long, low As Long, out As String
    out = "'"
    i = 1
    Do While i <= Len(s)
        c = AscW(Mid$(s, i, 1)) And &HFFFF&
        low = 0
        If c >= &HD800& And c <= &HDBFF& And i < Len(s) Then low = AscW(Mid$(s, i + 1, 1)) And &HFFFF&
        If IsPlain(c) Then
            out = out & ChrW(c)
        ElseIf low >= &HDC00& And low <= &HDFFF& Then
            out = out & "\U" & Right$("0000000" & Hex$(&H10000 + (c - &HD800&) * 1024 + (low - &HDC00&)), 8)
            i = i + 1
        Else
            out = out & "\u" & Right$("000" & Hex$(c), 4)
        End If
        i = i + 1
    Loop
    PyStr = out & "'"
End Function

Private Function IsPlain(ByVal c As Long) As Boolean
    IsPlain = (c >= 48 And c <= 57) Or (c >= 65 And c <= 90) Or (c >= 97 And c <= 122) Or _
              c = 32 Or c = 46 Or c = 95 Or c = 45 Or c = 47 Or c = 58
End Function

' A workbook name that xlwings can pass on its command line as it is (it goes inside quotes to
' cmd.exe or sh): letters (any alphabet), digits, space and . _ - ( ) , +
Private Function SafeName(ByVal name As String) As Boolean
    Dim i As Long, c As Long
    SafeName = name <> ""
    For i = 1 To Len(name)
        c = AscW(Mid$(name, i, 1)) And &HFFFF&
        If c = 47 Or c = 58 Or Not (IsPlain(c) Or c >= 160 Or InStr("(),+", ChrW(c)) > 0) Then SafeName = False
    Next i
End Function

' xlwings' RunPython calls from the active workbook and puts its name on the command line. When
' none is active, or its name is not SafeName (a returned file can be named anything), call from
' a new empty workbook instead.
Private Sub CallFromSafeBook()
    If ActiveWorkbook Is Nothing Then
        Workbooks.Add
    ElseIf Not SafeName(ActiveWorkbook.Name) Then
        Workbooks.Add
    End If
End Sub

' One Python entry point of seuranta_xl.addin (with its one argument, or none when ""), told
' which xlwings this add-in was built with.
Private Sub CallPython(ByVal entry As String, ByVal argument As String)
    Dim args As String
    args = ""
    If argument <> "" Then args = PyStr(argument) & ", "
    CallFromSafeBook
    RunPython PY & entry & "(" & args & "built_with=" & PyStr(XLWINGS_VERSION) & ")"
End Sub

' The active workbook has unsaved changes: OK checks the saved version, Cancel stops.
Private Function SavedVersionWanted() As Boolean
    SavedVersionWanted = MsgBox("Työkirjassa on tallentamattomia muutoksia. Tarkistetaan tallennettu versio.", _
                                vbOKCancel + vbInformation, "Seuranta") <> vbCancel
End Function

Private Function PickFolder(ByVal title As String) As String
    PickFolder = ""
    On Error GoTo Failed
    #If Mac Then
        PickFolder = MacScript("POSIX path of (choose folder with prompt """ & title & """)")
    #Else
        With Application.FileDialog(4) ' msoFileDialogFolderPicker
            .Title = title
            .AllowMultiSelect = False
            If .Show = -1 Then PickFolder = .SelectedItems(1)
        End With
    #End If
    Exit Function
Failed:
    PickFolder = ""
End Function

Private Function PickFile(ByVal title As String) As String
    Dim chosen As Variant
    PickFile = ""
    #If Mac Then
        chosen = Application.GetOpenFilename()
    #Else
        chosen = Application.GetOpenFilename("Excel-työkirjat (*.xlsx),*.xlsx", 1, title)
    #End If
    If VarType(chosen) = vbString Then PickFile = chosen
End Function

' Tarkista työkirja: the active workbook when it is a saved .xlsx, otherwise a file the user picks.
Sub SeurantaTarkista(control As IRibbonControl)
    Dim target As String
    target = ""
    If Not ActiveWorkbook Is Nothing Then
        If ActiveWorkbook.Path <> "" And LCase(Right(ActiveWorkbook.Name, 5)) = ".xlsx" Then
            If Not ActiveWorkbook.Saved Then
                If Not SavedVersionWanted() Then Exit Sub
            End If
            target = ActiveWorkbook.FullName
        End If
    End If
    If target = "" Then target = PickFile("Valitse tarkistettava palautus")
    If target = "" Then Exit Sub
    CallPython "check_workbook", target
End Sub

' Yhdistä palautukset: pick the returns folder, then validate, record and rebuild master.xlsx.
Sub SeurantaYhdista(control As IRibbonControl)
    Dim folder As String
    folder = PickFolder("Valitse palautuskansio")
    If folder = "" Then Exit Sub
    CallPython "sync_returns", folder
End Sub

' Tilanne: who has returned and what is missing, into a new sheet.
Sub SeurantaTilanne(control As IRibbonControl)
    CallPython "show_status", ""
End Sub

' Raportti: write the report workbook and open it.
Sub SeurantaRaportti(control As IRibbonControl)
    CallPython "make_report", ""
End Sub

' Projekti: choose (and remember) the project folder, the one that holds seuranta.toml.
Sub SeurantaProjekti(control As IRibbonControl)
    Dim folder As String
    folder = PickFolder("Valitse projektikansio (jossa on seuranta.toml)")
    If folder = "" Then Exit Sub
    CallPython "choose_project", folder
End Sub
