"""Stand-ins for what LibreOffice Basic does not have of Excel and of the shells, for
tests/test_addin_vba.py. Everything here replaces the host, never our code: the active workbook
(LibreOffice headless cannot make a hidden document active), Application's few properties the
runtime reads, the ribbon's IRibbonControl, our dialogs (file and folder pickers, one question), and the shells
(MacScript, AppleScriptTask, WScript.Shell), which record what they are given instead of running it.
The stubs record into one text, read back with Stubs.Noted()."""
from __future__ import annotations

STUBS = r'''Option VBASupport 1
Public Sent As String
Public Book As Object
Public AppObj As Object
Public Picked As String
Public Answer As Integer
Public HomeDir As String
Public WindowsFiles As String

Sub Note(ByVal line As String)
    Sent = Sent & line & vbLf
End Sub

Function Noted() As String
    Noted = Sent
    Sent = ""
End Function

Function ActiveWorkbook() As Object
    Set ActiveWorkbook = Book
End Function

Function Application() As Object
    If AppObj Is Nothing Then Set AppObj = New AppStub
    Set Application = AppObj
End Function

Function Workbooks() As Object
    Set Workbooks = New WorkbooksStub
End Function

Function MacScript(ByVal script As String) As String
    Dim q As Long
    Note "MacScript " & script
    If InStr(script, "path to home folder") > 0 Then
        MacScript = HomeDir & "/"
    ElseIf InStr(script, "POSIX path of (" & Chr(34)) > 0 Then
        q = InStr(script, Chr(34))
        MacScript = Mid$(script, q + 1, InStrRev(script, Chr(34)) - q - 1)
    End If
End Function

Function AppleScriptTask(ByVal script As String, ByVal handler As String, ByVal parameter As String) As String
    Note "AppleScriptTask " & script & " " & handler & " " & parameter
    AppleScriptTask = "0"
End Function

' The active workbook: name, folder, saved flag; real: the document LibreOffice opened for it, if any.
Sub SetBook(ByVal name As String, ByVal folder As String, ByVal saved As Boolean, ByVal real As String)
    If name = "" Then
        Set Book = Nothing
        Exit Sub
    End If
    Set Book = New BookStub
    Book.Name = name
    Book.Path = folder
    Book.Saved = saved
    If folder = "" Then
        Book.FullName = name
    Else
        Book.FullName = folder & "/" & name
    End If
    If real <> "" Then Set Book.Real = ThisWorkbook.Application.Workbooks(real)
End Sub

' The Windows file system: which "C:\..." files exist (one per line). LibreOffice on Linux reads
' such a name as a URL with the scheme "c", so xlwings' FileExistsOnWindows asks this instead.
Sub SetWindowsFiles(ByVal files As String)
    WindowsFiles = files
End Sub

Sub Setup(ByVal pickerGives As String, ByVal msgBoxGives As Integer, ByVal home As String)
    Picked = pickerGives
    Answer = msgBoxGives
    HomeDir = home
    Sent = ""
End Sub

Sub Press(ByVal button As String)
    Dim c As IRibbonControl
    Set c = New IRibbonControl
    Select Case button
        Case "SeurantaTarkista": SeurantaTarkista c
        Case "SeurantaYhdista": SeurantaYhdista c
        Case "SeurantaTilanne": SeurantaTilanne c
        Case "SeurantaRaportti": SeurantaRaportti c
        Case "SeurantaProjekti": SeurantaProjekti c
    End Select
End Sub
'''

RUNPYTHON_STUB = r'''Option VBASupport 1
Public Const XLWINGS_VERSION As String = "{version}"

Function RunPython(PythonCommand As String)
    Note "RunPython " & PythonCommand
End Function
'''

CLASSES = {
    "IRibbonControl": "Public Id As String\n",
    "AppStub": ('Public Path As String\nPublic Name As String\nPublic Hwnd As Long\nPublic StatusBar As Variant\n'
                'Public ScreenUpdating As Variant\nPublic Version As String\nPublic PathSeparator As String\n'
                'Private Sub Class_Initialize()\n    Path = "/Applications/Microsoft Excel.app/Contents"\n'
                '    Name = "Microsoft Excel"\n    Hwnd = 4242\n    Version = "16.0"\n    PathSeparator = "/"\n'
                'End Sub\n'),
    "BookStub": ('Public Name As String\nPublic Path As String\nPublic FullName As String\nPublic Saved As Boolean\n'
                 'Public Real As Object\n'
                 'Public Function Sheets(Optional ByVal index As Variant) As Object\n'
                 '    If IsMissing(index) Then\n        Set Sheets = Real.Sheets\n    Else\n'
                 '        Set Sheets = Real.Sheets(index)\n    End If\nEnd Function\n'
                 'Public Function Worksheets(Optional ByVal index As Variant) As Object\n'
                 '    If IsMissing(index) Then\n        Set Worksheets = Real.Worksheets\n    Else\n'
                 '        Set Worksheets = Real.Worksheets(index)\n    End If\nEnd Function\n'),
    "WorkbooksStub": ('Public Function Add() As Object\n    Note "Workbooks.Add"\n'
                      '    SetBook "Kirja1", "", True, ""\n    Set Add = Book\nEnd Function\n'),
    "ShellStub": ('Public Function Run(ByVal command As String, Optional ByVal style As Integer = 0, '
                  'Optional ByVal wait As Boolean = False) As Long\n    Note "WScript.Run " & command\n'
                  '    Run = 0\nEnd Function\n'
                  'Public Function ExpandEnvironmentStrings(ByVal s As String) As String\n'
                  '    ExpandEnvironmentStrings = s\nEnd Function\n'
                  'Public Function Popup(ByVal text As String, Optional ByVal wait As Integer = 0, '
                  'Optional ByVal title As String = "", Optional ByVal kind As Integer = 0) As Integer\n'
                  '    Note "WScript.Popup " & text\nEnd Function\n'),
}

PICKERS = {   # RibbonSeuranta's dialogs: the file and folder pickers, the unsaved-changes question
    "SavedVersionWanted": ('Private Function SavedVersionWanted() As Boolean\n'
                           '    Note "MsgBox unsaved changes"\n    SavedVersionWanted = (Answer <> 2)\nEnd Function\n'),
    "PickFile": ('Private Function PickFile(ByVal title As String) As String\n'
                 '    Note "PickFile " & title\n    PickFile = Picked\nEnd Function\n'),
    "PickFolder": ('Private Function PickFolder(ByVal title As String) As String\n'
                   '    Note "PickFolder " & title\n    PickFolder = Picked\nEnd Function\n'),
}

WSCRIPT = {"WScript": ("Function WScript(Optional CreateNew As Boolean) As Object\n"
                       "    Set WScript = New ShellStub\nEnd Function\n"),
           # LibreOffice reads CreateGUID inside CreateGUID as a call (endless recursion): a fixed one
           "CreateGUID": ('Public Function CreateGUID() As String\n'
                          '    CreateGUID = "0123ABCD-4567-89AB-CDEF-0123456789AB"\nEnd Function\n'),
           "FileExistsOnWindows": ("Function FileExistsOnWindows(ByVal FileSpec As String) As Boolean\n"
                                   "    Note \"FileExistsOnWindows \" & FileSpec\n"
                                   "    FileExistsOnWindows = InStr(vbLf & WindowsFiles & vbLf, vbLf & FileSpec & vbLf) > 0\n"
                                   "End Function\n")}


def class_modules(*names: str) -> list[dict]:
    return [{"name": n, "source": f"Option VBASupport 1\nOption ClassModule\n{CLASSES[n]}"} for n in names]
