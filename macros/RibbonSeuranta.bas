Attribute VB_Name = "RibbonSeuranta"
' seuranta-xl: the coordinator's ribbon (customUI.xml). Each button's sub picks a file or folder
' when one is needed and calls one Python entry point in seuranta_xl.addin through xlwings'
' RunPython. All work, messages and errors are on the Python side; nothing else lives here.
Option Explicit

Private Const PY As String = "import seuranta_xl.addin; seuranta_xl.addin."

' A Python string literal for s (paths can hold quotes and backslashes).
Private Function PyStr(ByVal s As String) As String
    PyStr = "'" & Replace(Replace(s, "\", "\\"), "'", "\'") & "'"
End Function

' xlwings' RunPython needs an active workbook to call from: open an empty one when none is.
Private Sub EnsureBook()
    If ActiveWorkbook Is Nothing Then Workbooks.Add
End Sub

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
                If MsgBox("Työkirjassa on tallentamattomia muutoksia. Tarkistetaan tallennettu versio." _
                          , vbOKCancel + vbInformation, "Seuranta") = vbCancel Then Exit Sub
            End If
            target = ActiveWorkbook.FullName
        End If
    End If
    If target = "" Then target = PickFile("Valitse tarkistettava palautus")
    If target = "" Then Exit Sub
    EnsureBook
    RunPython PY & "check_workbook(" & PyStr(target) & ")"
End Sub

' Yhdistä palautukset: pick the returns folder, then validate, record and rebuild master.xlsx.
Sub SeurantaYhdista(control As IRibbonControl)
    Dim folder As String
    folder = PickFolder("Valitse palautuskansio")
    If folder = "" Then Exit Sub
    EnsureBook
    RunPython PY & "sync_returns(" & PyStr(folder) & ")"
End Sub

' Tilanne: who has returned and what is missing, into a new sheet.
Sub SeurantaTilanne(control As IRibbonControl)
    EnsureBook
    RunPython PY & "show_status()"
End Sub

' Raportti: write the report workbook and open it.
Sub SeurantaRaportti(control As IRibbonControl)
    EnsureBook
    RunPython PY & "make_report()"
End Sub

' Projekti: choose (and remember) the project folder, the one that holds seuranta.toml.
Sub SeurantaProjekti(control As IRibbonControl)
    Dim folder As String
    folder = PickFolder("Valitse projektikansio (jossa on seuranta.toml)")
    If folder = "" Then Exit Sub
    EnsureBook
    RunPython PY & "choose_project(" & PyStr(folder) & ")"
End Sub
