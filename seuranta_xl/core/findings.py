"""The findings catalogue: every problem the tool can report, with a stable kebab-case code.

Data problems never raise: they become Findings, collected in lists and shown by the shells.
Each code has a severity, a title, and a message and hint in Finnish, Swedish and English.
Message templates use ``{name}`` fields filled from ``Finding.params``.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from seuranta_xl.core.clock import show_date, show_time


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    tags: tuple[str, ...]
    message: dict[str, str]   # lang -> template
    hint: dict[str, str]      # lang -> text


def _c(code: str, severity: Severity, tags: tuple[str, ...], fi: str, sv: str, en: str,
       hint_fi: str, hint_sv: str, hint_en: str) -> Code:
    return Code(code, severity, tags, {"fi": fi, "sv": sv, "en": en},
                {"fi": hint_fi, "sv": hint_sv, "en": hint_en})


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

_CODES: list[Code] = [
    # ------------------------------------------------------------------ import
    _c("near-duplicate-text", W, ("import",),
       "Lähes sama teksti kirjoitettu eri tavoin: ”{text}” ≈ ”{other}” (rivi {other_row})",
       "Nästan samma text skriven på olika sätt: ”{text}” ≈ ”{other}” (rad {other_row})",
       "Nearly the same text written differently: “{text}” ≈ “{other}” (row {other_row})",
       "Yhtenäistä kirjoitusasu lähdetaulukossa, jos tarkoitetaan samaa tavoitetta.",
       "Förenhetliga stavningen i källtabellen om samma mål avses.",
       "Make the spelling the same in the source table if the same goal is meant."),
    _c("inconsistent-name", W, ("import",),
       "Vastuutaho kirjoitettu eri tavoin: ”{name}” ja ”{other}”",
       "Ansvarig skriven på olika sätt: ”{name}” och ”{other}”",
       "Responsible department written in different ways: “{name}” and “{other}”",
       "Lisää seuranta.toml-tiedoston [aliases]-osioon rivi \"{name}\" = \"{other}\" (tai päinvastoin).",
       "Lägg till raden \"{name}\" = \"{other}\" under [aliases] i seuranta.toml (eller tvärtom).",
       "Add the line \"{name}\" = \"{other}\" under [aliases] in seuranta.toml (or the other way round)."),
    _c("duplicate-action", W, ("import",),
       "Sama toimenpide on taulukossa kahdesti (myös rivillä {other_row}): ”{text}”",
       "Samma åtgärd finns två gånger i tabellen (även på rad {other_row}): ”{text}”",
       "The same action appears twice in the table (also on row {other_row}): “{text}”",
       "Poista toinen rivi tai erota toimenpiteet toisistaan tekstillä.",
       "Ta bort den ena raden eller skilj åtgärderna åt med texten.",
       "Remove one of the rows, or make the two actions' texts different."),
    _c("empty-cell", W, ("import",),
       "Tyhjä solu sarakkeessa ”{column}”",
       "Tom cell i kolumnen ”{column}”",
       "Empty cell in column “{column}”",
       "Täydennä solu lähdetaulukkoon ja tuo strategia uudelleen (--force).",
       "Fyll i cellen i källtabellen och importera strategin på nytt (--force).",
       "Fill in the cell in the source table and import the strategy again (--force)."),
    _c("multiple-items-in-cell", W, ("import",),
       "Solussa on {count} kappaletta; ne tuotiin yhtenä toimenpiteenä",
       "Cellen har {count} stycken; de importerades som en åtgärd",
       "The cell holds {count} paragraphs; they were imported as one action",
       "Jos kappaleet ovat eri toimenpiteitä, jaa ne omille riveilleen lähdetaulukossa.",
       "Om styckena är olika åtgärder, dela upp dem på egna rader i källtabellen.",
       "If the paragraphs are separate actions, split them onto rows of their own in the source table."),
    _c("hierarchy-mismatch", W, ("import",),
       "Koodi {code} on sarakkeessa ”{column}”, vaikka se kuuluu tasolle {level}; sijoitettu koodin mukaan",
       "Koden {code} står i kolumnen ”{column}” fast den hör till nivå {level}; placerad enligt koden",
       "Code {code} is in column “{column}” although it belongs to level {level}; placed by its code",
       "Siirrä koodi oikeaan sarakkeeseen lähdetaulukossa.",
       "Flytta koden till rätt kolumn i källtabellen.",
       "Move the code to the right column in the source table."),
    _c("mixed-levels-in-row", W, ("import",),
       "Rivillä on {row_code} ja {code}, joka ei kuulu sen alle; {code} sijoitettiin koodinsa mukaan kohdan {parent} alle",
       "Raden har {row_code} och {code}, som inte hör under den; {code} placerades enligt sin kod under {parent}",
       "The row holds {row_code} and {code}, which does not belong under it; {code} was placed by its code under {parent}",
       "Siirrä koodi {code} omalle rivilleen lähdetaulukossa.",
       "Flytta koden {code} till en egen rad i källtabellen.",
       "Move code {code} onto a row of its own in the source table."),
    _c("scale-label-mismatch", W, ("import",),
       "Asteikon sanallinen kuvaus poikkeaa: ”{text}” (asteikolla: ”{label}”)",
       "Skalans beskrivning avviker: ”{text}” (på skalan: ”{label}”)",
       "The scale label differs: “{text}” (on the scale: “{label}”)",
       "Arvo tuotiin numeron mukaan; yhtenäistä kuvaukset lähdetaulukossa.",
       "Värdet importerades enligt siffran; förenhetliga beskrivningarna i källtabellen.",
       "The value was imported by its number; make the labels the same in the source table."),
    _c("department-missing", W, ("import",),
       "Taulukossa ei ole vastuutahosaraketta; toimenpiteet annettiin vastuutaholle ”{department}”",
       "Tabellen har ingen kolumn för ansvarig; åtgärderna gavs till ”{department}”",
       "The table has no responsible-department column; the actions were given to “{department}”",
       "Lisää vastuutahosarake tai aseta default_department seuranta.toml-tiedostoon.",
       "Lägg till en kolumn för ansvarig eller sätt default_department i seuranta.toml.",
       "Add a responsible-department column or set default_department in seuranta.toml."),
    _c("organisation-defaulted", W, ("import",),
       "Organisaation nimeä ei annettu: työkirjoissa ja raporteissa lukee ”{name}”",
       "Organisationens namn angavs inte: arbetsböckerna och rapporterna visar ”{name}”",
       "No organisation name was given: the workbooks and reports say “{name}”",
       "Muuta rivi organisation tiedostossa seuranta.toml ennen seuranta generate (tai anna --name ”Kunnan nimi”).",
       "Ändra raden organisation i seuranta.toml före seuranta generate (eller ange --name ”Kommunens namn”).",
       "Change the line organisation in seuranta.toml before seuranta generate (or give --name “Town name”)."),
    _c("layout-detected", I, ("import",),
       "Taulukon rakenne tunnistettiin: {preset}",
       "Tabellens layout identifierades: {preset}",
       "Table layout detected: {preset}",
       "Jos valinta on väärä, anna --preset tai --mapping.",
       "Om valet är fel, ange --preset eller --mapping.",
       "If the choice is wrong, give --preset or --mapping."),
    _c("id-changed", I, ("import",),
       "Toimenpiteen tunnus vaihtui uudelleentuonnissa: {old} → {new}",
       "Åtgärdens id ändrades vid omimport: {old} → {new}",
       "The action id changed on re-import: {old} → {new}",
       "Tunnus vaihtuu vain, kun toimenpiteen teksti tai paikka muuttui.",
       "Id ändras bara när åtgärdens text eller plats ändrades.",
       "An id changes only when the action's text or place changed."),
    # ------------------------------------------------------------------ returns: cell level
    _c("missing-grade", W, ("return", "cell"),
       "Arvio puuttuu",
       "Bedömning saknas",
       "The grade is missing",
       "Valitse arvio pudotusvalikosta.",
       "Välj en bedömning i rullgardinsmenyn.",
       "Choose a grade from the dropdown."),
    _c("invalid-grade", E, ("return", "cell"),
       "Arvio ”{value}” ei ole asteikolla ({allowed})",
       "Bedömningen ”{value}” finns inte på skalan ({allowed})",
       "Grade “{value}” is not on the scale ({allowed})",
       "Valitse arvio pudotusvalikosta; älä kirjoita tai liitä sitä.",
       "Välj bedömningen i rullgardinsmenyn; skriv eller klistra inte in den.",
       "Choose the grade from the dropdown; do not type or paste it."),
    _c("missing-comment", W, ("return", "cell"),
       "Kommentti puuttuu ({reason})",
       "Kommentar saknas ({reason})",
       "The comment is missing ({reason})",
       "Kirjoita lyhyt perustelu arviolle.",
       "Skriv en kort motivering till bedömningen.",
       "Write a short reason for the grade."),
    _c("comment-too-long", E, ("return", "cell"),
       "Kommentti on {length} merkkiä, enintään {max} sallitaan",
       "Kommentaren har {length} tecken, högst {max} tillåts",
       "The comment has {length} characters; at most {max} are allowed",
       "Lyhennä kommenttia; pitkä selvitys kannattaa lähettää liitteenä.",
       "Förkorta kommentaren; en lång utredning skickas hellre som bilaga.",
       "Shorten the comment; send a long account as an attachment."),
    _c("formula-in-input", E, ("return", "cell"),
       "Syöttösolussa on kaava: {formula}",
       "Inmatningscellen innehåller en formel: {formula}",
       "The input cell holds a formula: {formula}",
       "Kirjoita soluun pelkkä arvo tai teksti, ei kaavaa.",
       "Skriv bara ett värde eller en text i cellen, ingen formel.",
       "Type a plain value or text into the cell, not a formula."),
    _c("illegal-characters", W, ("return", "cell"),
       "Tekstistä poistettiin {count} näkymätöntä ohjausmerkkiä",
       "{count} osynliga styrtecken togs bort ur texten",
       "{count} invisible control characters were removed from the text",
       "Tarkista teksti; se on todennäköisesti liitetty toisesta ohjelmasta.",
       "Kontrollera texten; den har troligen klistrats in från ett annat program.",
       "Check the text; it was probably pasted from another program."),
    _c("structure-changed", E, ("return", "row"),
       "Lukittu teksti on muutettu: {column}",
       "En låst text har ändrats: {column}",
       "A locked text has been changed: {column}",
       "Lukittuja sarakkeita ei saa muuttaa. Pyydä koordinaattorilta uusi lomake, jos rakenne on väärä.",
       "Låsta kolumner får inte ändras. Be koordinatorn om en ny blankett om strukturen är fel.",
       "Locked columns must not be changed. Ask the coordinator for a new workbook if the structure is wrong."),
    _c("row-deleted", E, ("return", "row"),
       "Toimenpiteen rivi puuttuu työkirjasta: ”{text}”",
       "Åtgärdens rad saknas i arbetsboken: ”{text}”",
       "The action's row is missing from the workbook: “{text}”",
       "Palauta alkuperäinen lomake, jossa kaikki rivit ovat mukana.",
       "Returnera den ursprungliga blanketten med alla rader.",
       "Return the original workbook with all rows in it."),
    _c("row-added", W, ("return", "row"),
       "Työkirjaan on lisätty rivejä, joita ei ole strategiassa: {count} kpl, ensimmäinen ”{text}”",
       "Rader som inte finns i strategin har lagts till: {count} st, den första ”{text}”",
       "Rows that are not in the strategy have been added: {count}, the first “{text}”",
       "Lisättyjen rivien sisältöä ei yhdistetä; ilmoita uudesta toimenpiteestä koordinaattorille.",
       "Innehållet på de tillagda raderna slås inte samman; meddela koordinatorn om en ny åtgärd.",
       "The added rows' content is not merged; tell the coordinator about a new action."),
    _c("columns-moved", W, ("return", "file"),
       "Sarakkeita tai rivejä on lisätty, siirretty tai poistettu otsikkorivin ympäriltä; arvot luettiin otsikoiden mukaan",
       "Kolumner eller rader har lagts till, flyttats eller tagits bort kring rubrikraden; värdena lästes enligt rubrikerna",
       "Columns or rows were inserted, moved or deleted around the header row; values were read by their titles",
       "Tarkista yhdistetyt arvot; käytä jatkossa alkuperäistä lomaketta sellaisenaan.",
       "Kontrollera de sammanslagna värdena; använd i fortsättningen blanketten som den är.",
       "Check the merged values; from now on use the workbook as it is."),
    _c("protection-removed", W, ("return", "file"),
       "Taulukon suojaus on poistettu ({sheet_or_book})",
       "Bladets skydd har tagits bort ({sheet_or_book})",
       "The protection has been removed ({sheet_or_book})",
       "Käytä koordinaattorin lähettämää lomaketta äläkä poista suojausta.",
       "Använd koordinatorns blankett och ta inte bort skyddet.",
       "Use the coordinator's workbook and do not remove the protection."),
    # ------------------------------------------------------------------ returns: file level
    _c("unknown-workbook", E, ("return", "file"),
       "Työkirja ei ole tämän projektin seurantalomake",
       "Arbetsboken är inte en uppföljningsblankett från detta projekt",
       "The workbook is not a follow-up workbook of this project",
       "Täytä koordinaattorin lähettämä lomake; älä kopioi sisältöä uuteen tiedostoon.",
       "Fyll i koordinatorns blankett; kopiera inte innehållet till en ny fil.",
       "Fill in the coordinator's workbook; do not copy its content into a new file."),
    _c("signature-invalid", E, ("return", "file"),
       "Työkirjan tunnisteen allekirjoitus ei täsmää ({detail})",
       "Arbetsbokens identitetssignatur stämmer inte ({detail})",
       "The workbook's identity signature does not match ({detail})",
       "Käytä juuri tälle vastuutaholle lähetettyä lomaketta.",
       "Använd blanketten som skickades just till denna ansvariga.",
       "Use the workbook that was sent to exactly this department."),
    _c("wrong-round", E, ("return", "file"),
       "Työkirja kuuluu kierrokseen {found}, ei kierrokseen {expected}",
       "Arbetsboken hör till omgången {found}, inte {expected}",
       "The workbook belongs to round {found}, not {expected}",
       "Täytä kuluvan kierroksen lomake.",
       "Fyll i blanketten för den pågående omgången.",
       "Fill in the workbook of the current round."),
    _c("corrupt-file", E, ("return", "file"),
       "Tiedosto on vioittunut eikä sitä voi lukea ({detail})",
       "Filen är skadad och kan inte läsas ({detail})",
       "The file is damaged and cannot be read ({detail})",
       "Pyydä vastuutahoa tallentamaan ja lähettämään tiedosto uudelleen.",
       "Be den ansvariga spara och skicka filen på nytt.",
       "Ask the department to save and send the file again."),
    _c("encrypted-file", E, ("return", "file"),
       "Tiedosto on salattu salasanalla",
       "Filen är krypterad med lösenord",
       "The file is encrypted with a password",
       "Pyydä vastuutahoa poistamaan avaussalasana ja lähettämään tiedosto uudelleen.",
       "Be den ansvariga ta bort lösenordet och skicka filen på nytt.",
       "Ask the department to remove the password to open and send the file again."),
    _c("not-xlsx", E, ("return", "file"),
       "Tiedosto ei ole .xlsx-työkirja ({detail})",
       "Filen är inte en .xlsx-arbetsbok ({detail})",
       "The file is not an .xlsx workbook ({detail})",
       "Tallenna tiedosto Excel-työkirjana (.xlsx) ja lähetä uudelleen.",
       "Spara filen som Excel-arbetsbok (.xlsx) och skicka den på nytt.",
       "Save the file as an Excel workbook (.xlsx) and send it again."),
    _c("file-too-large", E, ("return", "file"),
       "Tiedosto on liian suuri ({detail})",
       "Filen är för stor ({detail})",
       "The file is too large ({detail})",
       "Poista tiedostosta kuvat ja ylimääräiset taulukot ja lähetä uudelleen.",
       "Ta bort bilder och extra blad ur filen och skicka den på nytt.",
       "Remove pictures and extra sheets from the file and send it again."),
    _c("skipped-file", I, ("return", "file"),
       "Ohitettiin: {detail}",
       "Hoppades över: {detail}",
       "Skipped: {detail}",
       "Ei toimenpiteitä.",
       "Ingen åtgärd behövs.",
       "Nothing to do."),
    # ------------------------------------------------------------------ merge
    _c("duplicate-return", W, ("merge",),
       "Vastuutaholla on kansiossa {count} mukana olevaa versiota; {newest} on voimassa ({why_fi}); {filling}",
       "Den ansvariga har {count} versioner med i mappen; {newest} gäller ({why_sv}); {filling}",
       "The department has {count} current versions; {newest} is in force ({why_en}); {filling}",
       "Jos vanhempi versio ei enää päde, poista se palautuskansiosta tai aja seuranta returns withdraw TIEDOSTO.",
       "Om en äldre version inte längre gäller, ta bort den ur returmappen eller kör seuranta returns withdraw FIL.",
       "If an older version no longer holds, remove it from the returns folder or run seuranta returns withdraw FILE."),
    _c("stale-return", W, ("merge",),
       "Palautus saapui myöhemmin kuin uudempi {newer}, joka on voimassa; tästä tiedostosta on voimassa {used} arvoa soluissa, jotka {newer} jättää tyhjiksi",
       "Returen kom senare än den nyare {newer}, som gäller; {used} värden ur denna fil gäller i celler som {newer} lämnar tomma",
       "The return arrived after the newer {newer}, which is in force; {used} values of this file are in force in cells {newer} leaves empty",
       "Tarkista, kumpi versio on oikea; jos tämä on, aja seuranta returns prefer TIEDOSTO.",
       "Kontrollera vilken version som är rätt; om denna är det, kör seuranta returns prefer FIL.",
       "Check which version is right; if this one is, run seuranta returns prefer FILE."),
    _c("value-cleared", W, ("merge",),
       "Uudempi palautus {newer} jättää solun ({field_fi}) tyhjäksi; vanhemman {older} arvo ”{value}” on voimassa",
       "Den nyare returen {newer} lämnar cellen ({field_sv}) tom; värdet ”{value}” ur den äldre {older} gäller",
       "The newer return {newer} leaves the cell ({field_en}) empty; the value “{value}” from the older {older} is in force",
       "Jos arvo on tarkoitus poistaa, pyydä vastuutahoa kirjoittamaan uusi arvo.",
       "Om värdet ska tas bort, be den ansvariga skriva ett nytt värde.",
       "If the value is meant to go, ask the department to write a new value."),
    _c("missing-return", W, ("merge",),
       "Vastuutaho ei ole palauttanut lomaketta",
       "Den ansvariga har inte returnerat blanketten",
       "The department has not returned its workbook",
       "Muistuta vastuutahoa määräajasta.",
       "Påminn den ansvariga om tidsfristen.",
       "Remind the department of the deadline."),
    _c("rows-not-merged", E, ("merge",),
       "{count} riviä virheineen jätettiin yhdistämättä; muut rivit yhdistettiin",
       "{count} rader med fel slogs inte samman; övriga rader slogs samman",
       "{count} rows with errors were not merged; the other rows were merged",
       "Korjaa virheet ja palauta lomake uudelleen; arvot on tallennettu kirjanpitoon.",
       "Rätta felen och returnera blanketten på nytt; värdena har sparats i liggaren.",
       "Fix the errors and return the workbook again; the values are kept in the ledger."),
    # ------------------------------------------------------------------ returns over time (issue 12)
    _c("conflicting-versions", W, ("merge",),
       "Versiot ovat eri mieltä toimenpiteen {action} kentästä {field_fi}: {file_a} antaa ”{value_a}”, {file_b} antaa ”{value_b}”; voimassa on {file_a} ({why_fi})",
       "Versionerna är oense om fältet {field_sv} för åtgärd {action}: {file_a} ger ”{value_a}”, {file_b} ger ”{value_b}”; {file_a} gäller ({why_sv})",
       "The versions disagree on the {field_en} of action {action}: {file_a} gives “{value_a}”, {file_b} gives “{value_b}”; {file_a} is in force ({why_en})",
       "Jos voimassa oleva arvo on väärä, aja seuranta returns prefer TIEDOSTO oikealle versiolle tai poista väärä versio kansiosta.",
       "Om det gällande värdet är fel, kör seuranta returns prefer FIL för rätt version eller ta bort fel version ur mappen.",
       "If the value in force is wrong, run seuranta returns prefer FILE for the right version or remove the wrong one from the folder."),
    _c("text-after-grade", W, ("return", "cell"),
       "Arvion solussa on ”{value}”: arvio {grade} luettiin, ja sanat ”{words}” lisättiin kommenttiin ({comment_cell})",
       "Bedömningscellen innehåller ”{value}”: bedömningen {grade} lästes och orden ”{words}” lades till kommentaren ({comment_cell})",
       "The grade cell holds “{value}”: grade {grade} was read and the words “{words}” were added to the comment ({comment_cell})",
       "Kirjoita perustelut kommenttisarakkeeseen ja valitse arvio pudotusvalikosta.",
       "Skriv motiveringen i kommentarkolumnen och välj bedömningen i rullgardinsmenyn.",
       "Write reasons in the comment column and choose the grade from the dropdown."),
    _c("content-outside-inputs", W, ("return", "cell"),
       "Syöttösolujen ulkopuolella on sisältöä, jota ei yhdistetä: {what_fi}: ”{text}”",
       "Innehåll utanför inmatningscellerna slås inte samman: {what_sv}: ”{text}”",
       "Content outside the input cells is not merged: {what_en}: “{text}”",
       "Kirjoita kaikki arviota koskeva arvio- ja kommenttisarakkeisiin; muu sisältö ei päädy koosteeseen.",
       "Skriv allt om bedömningen i bedömnings- och kommentarkolumnerna; annat innehåll kommer inte med i sammanställningen.",
       "Put everything about the grade in the grade and comment columns; other content does not reach the master."),
    _c("duplicate-row", E, ("return", "row"),
       "Toimenpide {action} on työkirjassa kahdesti (rivit {rows}) eri arvoin: {values}; kumpaakaan ei yhdistetty",
       "Åtgärd {action} finns två gånger i arbetsboken (rader {rows}) med olika värden: {values}; ingen av dem slogs samman",
       "Action {action} is in the workbook twice (rows {rows}) with different values: {values}; neither was merged",
       "Poista ylimääräinen rivi ja jätä yksi rivi oikein arvoin.",
       "Ta bort den extra raden och behåll en rad med rätt värden.",
       "Delete the extra row and keep one row with the right values."),
    _c("header-renamed", W, ("return", "file"),
       "Sarakeotsikko on muutettu: ”{found}” (odotettiin ”{expected}”); sarake luettiin paikkansa mukaan",
       "Kolumnrubriken har ändrats: ”{found}” (väntat ”{expected}”); kolumnen lästes enligt sin plats",
       "A column title was changed: “{found}” (expected “{expected}”); the column was read by its place",
       "Tarkista sarakkeen arvot; älä muuta lomakkeen otsikoita.",
       "Kontrollera kolumnens värden; ändra inte blankettens rubriker.",
       "Check the column's values; do not change the workbook's titles."),
    _c("column-missing", E, ("return", "file"),
       "Saraketta ”{expected}” ei löytynyt otsikkoriviltä; sen arvoja ei luettu, muut sarakkeet luettiin",
       "Kolumnen ”{expected}” hittades inte på rubrikraden; dess värden lästes inte, de övriga kolumnerna lästes",
       "The column “{expected}” was not found in the header row; its values were not read, the other columns were",
       "Palauta sarakkeen otsikko ennalleen ja palauta lomake uudelleen.",
       "Återställ kolumnens rubrik och returnera blanketten på nytt.",
       "Restore the column's title and return the workbook again."),
    _c("sheet-renamed", W, ("return", "file"),
       "Tietotaulukko on nimetty uudelleen: ”{found}” (lähetettiin nimellä ”{expected}”); se luettiin otsikoidensa mukaan",
       "Datablad har bytt namn: ”{found}” (skickades som ”{expected}”); det lästes enligt sina rubriker",
       "The data sheet was renamed: “{found}” (sent as “{expected}”); it was read by its titles",
       "Arvot luettiin; älä jatkossa nimeä taulukoita uudelleen.",
       "Värdena lästes; byt inte namn på bladen i fortsättningen.",
       "The values were read; do not rename the sheets from now on."),
    # ------------------------------------------------------------------ the round's life (issue 13)
    _c("invalid-contact", W, ("contact",),
       "Yhteystieto ”{value}” ei kelpaa: {problem_fi}",
       "Kontaktuppgiften ”{value}” duger inte: {problem_sv}",
       "The contact “{value}” is not valid: {problem_en}",
       "Korjaa yhteystieto seuranta.toml-tiedoston departments-osioon tai yhteystietotaulukkoon ja tuo se uudelleen (seuranta contacts import).",
       "Rätta kontaktuppgiften i avsnittet departments i seuranta.toml eller i kontakttabellen och importera den på nytt (seuranta contacts import).",
       "Fix the contact in the departments section of seuranta.toml or in the contacts table and import it again (seuranta contacts import)."),
    _c("missing-contact", W, ("contact",),
       "Vastuutaholla ei ole yhteyshenkilöä; viestin vastaanottaja jäi tyhjäksi",
       "Den ansvariga har ingen kontaktperson; meddelandets mottagare lämnades tom",
       "The department has no contact; the draft's To is empty",
       "Lisää yhteyshenkilö komennolla seuranta contacts import TIEDOSTO tai seuranta.toml-tiedoston departments-osioon.",
       "Lägg till en kontaktperson med seuranta contacts import FIL eller i avsnittet departments i seuranta.toml.",
       "Add a contact with seuranta contacts import FILE or in the departments section of seuranta.toml."),
    _c("late-return", W, ("return", "file"),
       "Palautus saapui {seen_on}, kun kierros {round} oli jo suljettu ({closed_on}); sitä ei yhdistetty",
       "Returen kom {seen_on}, när omgång {round} redan var stängd ({closed_on}); den slogs inte samman",
       "The return arrived on {seen_on}, after round {round} was closed ({closed_on}); it was not merged",
       "Jos palautus otetaan mukaan, avaa kierros (seuranta round reopen {round}) ja aja seuranta sync.",
       "Om returen ska tas med, öppna omgången (seuranta round reopen {round}) och kör seuranta sync.",
       "To take the return in, reopen the round (seuranta round reopen {round}) and run seuranta sync."),
    _c("outdated-workbook", E, ("return", "row"),
       "Lomake on tehty strategian vanhemmasta versiosta: {change_fi}",
       "Blanketten gjordes av en äldre version av strategin: {change_sv}",
       "The workbook was made from an older version of the strategy: {change_en}",
       "Lähetä vastuutaholle uusi lomake (seuranta generate --only-changed ja seuranta send); muuttumattomien toimenpiteiden arviot on yhdistetty.",
       "Skicka en ny blankett till den ansvariga (seuranta generate --only-changed och seuranta send); bedömningarna av oförändrade åtgärder har slagits samman.",
       "Send the department a new workbook (seuranta generate --only-changed and seuranta send); the unchanged actions' grades were merged."),
    # ------------------------------------------------------------------ a round's inputs as data (issue 16)
    _c("inputs-changed", E, ("return", "file"),
       "Työkirja kysyy eri sarakkeita ({found}) kuin kierros {round} ({expected})",
       "Arbetsboken frågar andra kolumner ({found}) än omgång {round} ({expected})",
       "The workbook asks other columns ({found}) than round {round} ({expected})",
       "Täytä tämän kierroksen lomake: koordinaattori voi tehdä sen uudelleen (seuranta generate).",
       "Fyll i denna omgångs blankett: koordinatorn kan göra den på nytt (seuranta generate).",
       "Fill in this round's workbook: the coordinator can make it again (seuranta generate)."),
    _c("missing-input", W, ("return", "cell"),
       "{column} puuttuu",
       "{column} saknas",
       "{column} is missing",
       "Täytä sarake {column}: se on tällä kierroksella pakollinen.",
       "Fyll i kolumnen {column}: den är obligatorisk i denna omgång.",
       "Fill in the column {column}: this round requires it."),
    _c("invalid-number", E, ("return", "cell"),
       "Sarakkeen {column} arvo ”{value}” ei kelpaa: {problem_fi}",
       "Värdet ”{value}” i kolumnen {column} duger inte: {problem_sv}",
       "The value “{value}” in the column {column} is not valid: {problem_en}",
       "Kirjoita soluun pelkkä luku ({allowed_fi}), ilman sanoja ja yksikköä; esimerkiksi {example}.",
       "Skriv bara ett tal i cellen ({allowed_sv}), utan ord och enhet; till exempel {example}.",
       "Type only a number in the cell ({allowed_en}), without words or a unit; for example {example}."),
    _c("number-looks-like-percent", W, ("return", "cell"),
       "Sarakkeen {column} arvo on {value}: jos kirjoitit ”{percent} %”, Excel tallensi sen prosenttina muodossa {value}",
       "Värdet i kolumnen {column} är {value}: om du skrev ”{percent} %” sparade Excel det som procent, {value}",
       "The value in the column {column} is {value}: if you typed “{percent}%”, Excel stored it as a percentage, {value}",
       "Kirjoita pelkkä luku ilman %-merkkiä (esim. {percent}); jos {value} on oikein, tätä ei tarvitse korjata.",
       "Skriv bara talet utan %-tecken (t.ex. {percent}); om {value} är rätt behöver inget rättas.",
       "Type the number without a % sign (e.g. {percent}); if {value} is right, nothing needs fixing."),
    _c("invalid-date", E, ("return", "cell"),
       "Sarakkeen {column} arvo ”{value}” ei ole päivämäärä{problem_fi}",
       "Värdet ”{value}” i kolumnen {column} är inget datum{problem_sv}",
       "The value “{value}” in the column {column} is not a date{problem_en}",
       "Kirjoita päivämäärä muodossa 15.5.2025{allowed_fi}.",
       "Skriv datumet som 15.5.2025{allowed_sv}.",
       "Type the date as 2025-05-15{allowed_en}."),
    _c("invalid-choice", E, ("return", "cell"),
       "Sarakkeen {column} arvo ”{value}” ei ole vaihtoehto ({allowed})",
       "Värdet ”{value}” i kolumnen {column} är inget alternativ ({allowed})",
       "The value “{value}” in the column {column} is not one of the choices ({allowed})",
       "Valitse arvo pudotusvalikosta; älä kirjoita tai liitä sitä.",
       "Välj värdet i rullgardinsmenyn; skriv eller klistra inte in det.",
       "Choose the value from the dropdown; do not type or paste it."),
    _c("input-too-long", E, ("return", "cell"),
       "Sarakkeessa {column} on {length} merkkiä, enintään {max} sallitaan",
       "Kolumnen {column} har {length} tecken, högst {max} tillåts",
       "The column {column} holds {length} characters; at most {max} are allowed",
       "Lyhennä tekstiä; pitkä selvitys kannattaa lähettää liitteenä.",
       "Förkorta texten; en lång utredning skickas hellre som bilaga.",
       "Shorten the text; send a long account as an attachment."),
    _c("carried-comment", W, ("return", "cell"),
       "Kommentti on sama kuin kierroksen {round} kommentti, joka tuotiin lomakkeelle pohjaksi; sitä ei otettu tämän kierroksen arvioksi",
       "Kommentaren är densamma som omgång {round}s kommentar som fördes in som utgångspunkt; den togs inte som denna omgångs bedömning",
       "The comment is round {round}'s comment, carried into the workbook as starting text; it was not taken as this round's assessment",
       "Päivitä kommentti kuvaamaan tämän kierroksen tilannetta; jos mikään ei muuttunut, kirjoita se omin sanoin.",
       "Uppdatera kommentaren så att den beskriver läget i denna omgång; om inget ändrats, skriv det med egna ord.",
       "Update the comment to describe this round; if nothing changed, say so in your own words."),
    # ------------------------------------------------------------------ ready and approved (issue 13)
    _c("draft-return", W, ("return", "file"),
       "Palautus on luonnos ({state}): sitä ei lasketa palautetuksi, mutta sen arvot näkyvät koosteessa luonnoksena",
       "Returen är ett utkast ({state}): den räknas inte som returnerad, men dess värden syns i sammanställningen som utkast",
       "The return is a draft ({state}): it does not count as returned, but its values show in the master as a draft",
       "Kun vastaukset ovat lopulliset, valitse soluun {mark_cell} {yes}, kirjoita hyväksyjän nimi soluun {approver_cell} ja palauta lomake uudelleen.",
       "När svaren är slutliga, välj {yes} i cellen {mark_cell}, skriv godkännarens namn i cellen {approver_cell} och returnera blanketten på nytt.",
       "When the answers are final, choose {yes} in cell {mark_cell}, write the approver's name in cell {approver_cell} and return the workbook again."),
    _c("invalid-ready-mark", E, ("return", "cell"),
       "Valmis-kohdassa on ”{value}”, joka ei ole {yes} eikä {no}; palautus luettiin luonnoksena",
       "Klar-fältet innehåller ”{value}”, som varken är {yes} eller {no}; returen lästes som utkast",
       "The ready mark holds “{value}”, which is neither {yes} nor {no}; the return was read as a draft",
       "Valitse soluun {mark_cell} pudotusvalikosta {yes} (vastaukset ovat lopulliset) tai {no} (luonnos).",
       "Välj {yes} (svaren är slutliga) eller {no} (utkast) i rullgardinsmenyn i cellen {mark_cell}.",
       "Choose {yes} (the answers are final) or {no} (a draft) from the dropdown in cell {mark_cell}."),
    _c("missing-approver", W, ("return", "cell"),
       "Palautus on merkitty valmiiksi, mutta hyväksyjän nimi puuttuu",
       "Returen är markerad som klar, men godkännarens namn saknas",
       "The return is marked ready, but the approver's name is missing",
       "Palautus lasketaan valmiiksi; pyydä vastuutahoa kirjoittamaan soluun {approver_cell} vastaukset hyväksyneen henkilön nimi.",
       "Returen räknas som klar; be den ansvariga skriva namnet på den som godkände svaren i cellen {approver_cell}.",
       "The return counts as ready; ask the department to write the name of whoever approved the answers in cell {approver_cell}."),
    _c("ready-incomplete", E, ("return", "file"),
       "Palautus on merkitty valmiiksi, mutta siitä puuttuu {count} kohtaa: {missing_fi}",
       "Returen är markerad som klar, men {count} uppgifter saknas: {missing_sv}",
       "The return is marked ready, but {count} inputs are missing: {missing_en}",
       "Täydennä puuttuvat kohdat ja palauta lomake uudelleen, tai valitse soluun {mark_cell} {no}, kunnes vastaukset ovat lopulliset; annetut arvot on yhdistetty.",
       "Fyll i det som saknas och returnera blanketten på nytt, eller välj {no} i cellen {mark_cell} tills svaren är slutliga; de givna värdena har slagits samman.",
       "Fill in what is missing and return the workbook again, or choose {no} in cell {mark_cell} until the answers are final; the values given were merged."),
    # ------------------------------------------------------------------ import (added with the strategy import)
    _c("unreadable-block", W, ("import",),
       "Lohkossa ”{heading}” ei ole riveittäistä taulukkoa (otsikkorivi Tavoite · Toimenpiteet · … puuttuu); sen sisältöä ei tuotu",
       "Blocket ”{heading}” har ingen radvis tabell (rubrikraden Tavoite · Toimenpiteet · … saknas); dess innehåll importerades inte",
       "The block “{heading}” has no row-wise table (the header row Tavoite · Toimenpiteet · … is missing); its content was not imported",
       "Muotoile lohko taulukoksi (yksi toimenpide riviä kohden) ja tuo strategia uudelleen (--force).",
       "Gör om blocket till en tabell (en åtgärd per rad) och importera strategin på nytt (--force).",
       "Turn the block into a table (one action per row) and import the strategy again (--force)."),
]

CATALOGUE: dict[str, Code] = {c.code: c for c in _CODES}


_ROW_WORD = {"fi": "rivi", "sv": "rad", "en": "row"}


# Words a finding's message puts in a field ({detail}, {reason}, {column}): the pure code gives the
# field as a code in a param named "<field>_code" (e.g. detail_code="empty-file"), with any numbers as
# params of their own, and the message is written in the reader's language. Never a phrase in params.
DETAILS: dict[str, dict[str, str]] = {
    "empty-file": {"fi": "tyhjä tiedosto", "sv": "tom fil", "en": "empty file"},
    "legacy-xls": {"fi": "vanha .xls-muoto", "sv": "gammalt .xls-format", "en": "legacy .xls"},
    "not-zip": {"fi": "ei zip-paketti", "sv": "inget zip-paket", "en": "not a zip package"},
    "too-many-parts": {"fi": "{parts} osaa", "sv": "{parts} delar", "en": "{parts} parts"},
    "compression-ratio": {"fi": "pakkaussuhde {ratio}:1", "sv": "komprimeringsgrad {ratio}:1",
                          "en": "compression ratio {ratio}:1"},
    "uncompressed-size": {"fi": "{mb} MB purettuna", "sv": "{mb} MB uppackad", "en": "{mb} MB uncompressed"},
    "file-size": {"fi": "{mb} MB > {limit} MB", "sv": "{mb} MB > {limit} MB", "en": "{mb} MB > {limit} MB"},
    "workbook-part-missing": {"fi": "xl/workbook.xml puuttuu", "sv": "xl/workbook.xml saknas",
                              "en": "xl/workbook.xml is missing"},
    "macro-enabled": {"fi": ".xlsm (makroja)", "sv": ".xlsm (makron)", "en": ".xlsm (macros)"},
    "encrypted-package": {"fi": "salattu paketti", "sv": "krypterat paket", "en": "encrypted package"},
    "other-project": {"fi": "toisen projektin työkirja", "sv": "ett annat projekts arbetsbok",
                      "en": "another project's workbook"},
    "identity-altered": {"fi": "tunnistetiedot muutettu", "sv": "identitetsuppgifterna ändrade",
                         "en": "identity data altered"},
    "identity-rows-mismatch": {"fi": "tunnistetiedot eivät vastaa työkirjan rivejä",
                               "sv": "identitetsuppgifterna motsvarar inte arbetsbokens rader",
                               "en": "the identity does not match the workbook's rows"},
    "header-row": {"fi": "otsikkorivi", "sv": "rubrikraden", "en": "header row"},
    "sheet-missing": {"fi": "taulukko ”{sheet_name}” puuttuu", "sv": "bladet ”{sheet_name}” saknas",
                      "en": "sheet “{sheet_name}” is missing"},
    "grade-at-or-below": {"fi": "arvio {grade} ≤ {limit}", "sv": "bedömning {grade} ≤ {limit}",
                          "en": "grade {grade} ≤ {limit}"},
    "grade-changed": {"fi": "arvio muuttui {old} → {new}", "sv": "bedömningen ändrades {old} → {new}",
                      "en": "grade changed {old} → {new}"},
    "others-fill-some": {"fi": "{others} täyttää {filled} solua, jotka {newest} jättää tyhjiksi",
                         "sv": "{others} fyller {filled} celler som {newest} lämnar tomma",
                         "en": "{others} fills {filled} cells that {newest} leaves empty"},
    "others-fill-none": {"fi": "{others} ei anna yhtään arvoa, jota {newest} ei antaisi",
                         "sv": "{others} ger inget värde som {newest} inte ger",
                         "en": "{others} gives no value that {newest} does not give"},
    "mark-no": {"fi": "Valmis: Ei", "sv": "Klar: Nej", "en": "Ready: No"},
    "mark-empty": {"fi": "Valmis-kohta on tyhjä", "sv": "Klar-fältet är tomt", "en": "the ready mark is empty"},
    "excel-lock-file": {"fi": "Excelin lukitustiedosto", "sv": "Excels låsfil", "en": "Excel lock file"},
    "temporary-file": {"fi": "väliaikainen tiedosto", "sv": "tillfällig fil", "en": "temporary file"},
    "not-spreadsheet": {"fi": "ei taulukkotiedosto", "sv": "ingen kalkylbladsfil", "en": "not a spreadsheet"},
}


def _fields(params: dict[str, Any], lang: str) -> _Safe:
    """The template fields of a finding: its params, shortened, with each "<field>_code" written out."""
    fields = _Safe({k: _short(v) for k, v in params.items()})
    for key, value in params.items():     # moments are stored as UTC ISO text, read in local time
        if key.endswith("_at") and isinstance(value, str):
            fields[key] = show_time(value, lang)
        elif key.endswith("_on") and isinstance(value, str):
            fields[key] = show_date(value, lang)
    for key, code in params.items():
        if key.endswith("_code") and isinstance(code, str) and code in DETAILS:
            texts = DETAILS[code]
            fields[key.removesuffix("_code")] = (texts.get(lang) or texts["fi"]).format_map(fields)
    return fields


class _Safe(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Finding(BaseModel):
    """One problem found, located as precisely as the source allows."""

    model_config = ConfigDict(extra="forbid")

    code: str
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    action_id: str | None = None
    department: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)

    @field_validator("code")
    @classmethod
    def _known(cls, v: str) -> str:
        if v not in CATALOGUE:
            raise ValueError(f"unknown finding code {v!r}")
        return v

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    def message(self, lang: str = "fi") -> str:
        template = CATALOGUE[self.code].message.get(lang) or CATALOGUE[self.code].message["fi"]
        return template.format_map(_fields(self.params, lang))

    def hint(self, lang: str = "fi") -> str:
        template = CATALOGUE[self.code].hint.get(lang) or CATALOGUE[self.code].hint["fi"]
        return template.format_map(_fields(self.params, lang))

    def location(self, lang: str = "fi") -> str:
        """file › sheet!cell, or file › sheet, row 12 (the word for row in ``lang``)."""
        parts = [p for p in (self.file, self.sheet) if p]
        where = " › ".join(parts)
        if self.cell:
            where = f"{where}!{self.cell}" if where else self.cell
        elif self.row is not None:
            row = f"{_ROW_WORD.get(lang, _ROW_WORD['fi'])} {self.row}"
            where = f"{where}, {row}" if where else row
        return where

    def to_json(self, lang: str = "fi") -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "row": self.row,
            "action_id": self.action_id,
            "department": self.department,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }

    def key(self) -> tuple:
        """A flat tuple for tests and sorting."""
        return (self.code, self.file, self.sheet, self.cell, self.action_id, self.department)


def _short(value: Any, limit: int = 120) -> Any:
    if isinstance(value, str) and len(value) > limit:
        return value[: limit - 1] + "…"
    return value


# Findings that sum up others (``rows-not-merged``: N rows with errors, each its own finding): shown as a
# note, never counted again, so one bad row counts once.
SUMMARY_CODES = frozenset({"rows-not-merged"})


def counted(findings: Iterable[Finding]) -> list[Finding]:
    """The findings a person counts: all but those that sum up others (:data:`SUMMARY_CODES`)."""
    return [f for f in findings if f.code not in SUMMARY_CODES]


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def count_findings(findings: Iterable[Finding]) -> dict[str, Any]:
    """How many findings of each severity and of each code."""
    findings = list(findings)
    by_sev = Counter(f.severity.value for f in findings)
    by_code = Counter(f.code for f in findings)
    return {
        "errors": by_sev.get("error", 0),
        "warnings": by_sev.get("warning", 0),
        "infos": by_sev.get("info", 0),
        "by_code": dict(sorted(by_code.items())),
    }


def findings_document(findings: Iterable[Finding], lang: str = "fi", **extra: Any) -> dict[str, Any]:
    """The JSON findings contract of DESIGN.md."""
    findings = list(findings)
    summary = count_findings(findings)
    summary.update(extra)
    return {"findings": [f.to_json(lang) for f in findings], "summary": summary}


def catalogue_markdown() -> str:
    """docs/findings.md, generated from the catalogue so the two cannot drift
    (regenerate: python -m seuranta_xl.core.findings > docs/findings.md)."""
    lines = ["# Findings catalogue", "",
             "Generated from `seuranta_xl/core/findings.py`; a test fails when this file drifts from it.", "",
             "| code | severity | tags | message (fi) | message (en) | what to do (en) |",
             "| --- | --- | --- | --- | --- | --- |"]
    for c in _CODES:
        cells = [f"`{c.code}`", c.severity.value, ", ".join(c.tags), c.message["fi"], c.message["en"], c.hint["en"]]
        lines.append("| " + " | ".join(x.replace("|", "\\|") for x in cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(catalogue_markdown(), end="")
