"""The words a department workbook shows, in Finnish, Swedish and English (pure data).

Column titles and sheet names are part of the workbook contract and live in identity.TITLES; the
input column titles come from the config (`[columns]`). Everything else a person reads is here.
Validation titles are at most 32 characters and messages at most 255 (Excel's limits).
"""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "department": "Vastuutaho: {department}",
        "deadline": "Palautettava viimeistään {date}",
        "no_deadline": "Palauta lomake koordinaattorille sovitussa ajassa",
        "count": "{done} / {total} arvioitu",
        "fill_hint": "Täytä sarakkeet {grade} ja {comment} (vain ne voi muokata). Asteikko ja "
                     "palautusohje: välilehti {instructions}.",
        "status_missing": "puuttuu",
        "status_invalid": "tarkista arvio",
        "status_comment": "kommentti puuttuu",
        "status_ok": "ok",
        "status_carried": "päivitä kommentti",
        "instr_references": "Harmaat sarakkeet {columns} ovat strategiasta: niihin toimenpidettä verrataan. "
                            "Ne on lukittu.",
        "instr_carried": "Sarakkeessa {comment} on pohjana edellisen kierroksen kommentti. Päivitä se kuvaamaan "
                         "tämän kierroksen tilannetta: muuttamatonta kommenttia ei oteta tämän kierroksen arvioksi.",
        "grade_prompt_title": "Arvio",
        "grade_prompt": "Valitse arvio luettelosta ({values}). Asteikon selitykset: välilehti {instructions}.",
        "grade_error_title": "Arvio ei kelpaa",
        "grade_error": "Valitse arvio luettelosta. Sallitut arvot: {values}.",
        "comment_prompt_title": "Kommentti",
        "comment_prompt": "Kerro lyhyesti, mitä on tehty ja mitä seuraavaksi (enintään {max} merkkiä).",
        "comment_error_title": "Kommentti on liian pitkä",
        "comment_error": "Kommentissa voi olla enintään {max} merkkiä. Lyhennä tekstiä.",
        "footer": "Sivu &P / &N",
        "instr_title": "Ohjeet: {title}",
        "instr_intro": "Tässä työkirjassa ovat vastuutahon {department} toimenpiteet. Arvioi jokaisen "
                       "toimenpiteen eteneminen ja kirjoita lyhyt kommentti.",
        "instr_fill_head": "Näin täytät",
        "instr_fill": [
            "Avaa välilehti {data_sheet}. Täytä jokaiselle riville sarake {grade} (valitse luettelosta) "
            "ja sarake {comment}.",
            "Muut sarakkeet on lukittu: ne ovat strategian tekstit eikä niitä muuteta.",
            "Sarake {status} ja laskuri lomakkeen yläosassa kertovat, mitkä rivit vielä puuttuvat.",
            "Harmaat sarakkeet näyttävät edellisen kierroksen arvion ja kommentin vertailuksi.",
        ],
        "instr_scale_head": "Asteikko: {scale}",
        "instr_value": "Arvo",
        "instr_label": "Merkitys",
        "instr_deadline_head": "Määräaika",
        "instr_return_head": "Palauttaminen",
        "instr_return": [
            "Tallenna työkirja ja lähetä se takaisin sellaisenaan (.xlsx).",
            "Älä nimeä välilehtiä uudelleen, älä lisää tai poista rivejä äläkä kopioi tietoja uuteen "
            "tiedostoon: lomake tunnistetaan sisältönsä perusteella.",
            "Tiedoston nimen voi pitää ennallaan; uudelleen nimetty tiedosto tunnistetaan silti.",
            "Jos lähetät korjatun version, uusin tallennettu versio korvaa aiemman.",
        ],
        "instr_round": "Kierros: {round_id}",
    },
    "sv": {
        "department": "Ansvarig: {department}",
        "deadline": "Returneras senast {date}",
        "no_deadline": "Returnera blanketten till koordinatorn inom avtalad tid",
        "count": "{done} / {total} bedömda",
        "fill_hint": "Fyll i kolumnerna {grade} och {comment} (bara de kan ändras). Skalan och "
                     "returanvisningen: fliken {instructions}.",
        "status_missing": "saknas",
        "status_invalid": "kontrollera",
        "status_comment": "kommentar saknas",
        "status_ok": "ok",
        "status_carried": "uppdatera kommentaren",
        "instr_references": "De grå kolumnerna {columns} kommer från strategin: åtgärden jämförs med dem. "
                            "De är låsta.",
        "instr_carried": "Kolumnen {comment} har föregående omgångs kommentar som utgångspunkt. Uppdatera den så "
                         "att den beskriver läget nu: en oförändrad kommentar tas inte som denna omgångs bedömning.",
        "grade_prompt_title": "Bedömning",
        "grade_prompt": "Välj en bedömning i listan ({values}). Skalan förklaras på fliken {instructions}.",
        "grade_error_title": "Ogiltig bedömning",
        "grade_error": "Välj en bedömning i listan. Tillåtna värden: {values}.",
        "comment_prompt_title": "Kommentar",
        "comment_prompt": "Beskriv kort vad som gjorts och vad som följer (högst {max} tecken).",
        "comment_error_title": "Kommentaren är för lång",
        "comment_error": "Kommentaren får ha högst {max} tecken. Korta av texten.",
        "footer": "Sida &P / &N",
        "instr_title": "Anvisningar: {title}",
        "instr_intro": "Arbetsboken innehåller åtgärderna för {department}. Bedöm hur varje åtgärd har "
                       "framskridit och skriv en kort kommentar.",
        "instr_fill_head": "Så här fyller du i",
        "instr_fill": [
            "Öppna fliken {data_sheet}. Fyll i kolumnen {grade} (välj i listan) och kolumnen {comment} "
            "på varje rad.",
            "De andra kolumnerna är låsta: de är strategins texter och ändras inte.",
            "Kolumnen {status} och räknaren överst visar vilka rader som ännu saknas.",
            "De grå kolumnerna visar föregående omgångs bedömning och kommentar som jämförelse.",
        ],
        "instr_scale_head": "Skala: {scale}",
        "instr_value": "Värde",
        "instr_label": "Betydelse",
        "instr_deadline_head": "Tidsfrist",
        "instr_return_head": "Returnering",
        "instr_return": [
            "Spara arbetsboken och skicka tillbaka den som den är (.xlsx).",
            "Byt inte namn på flikarna, lägg inte till eller ta bort rader och kopiera inte uppgifterna "
            "till en ny fil: blanketten känns igen på sitt innehåll.",
            "Filnamnet kan vara kvar; en fil med nytt namn känns ändå igen.",
            "Om du skickar en rättad version ersätter den senast sparade versionen den tidigare.",
        ],
        "instr_round": "Omgång: {round_id}",
    },
    "en": {
        "department": "Responsible: {department}",
        "deadline": "Return by {date}",
        "no_deadline": "Return the form to the coordinator by the agreed date",
        "count": "{done} / {total} graded",
        "fill_hint": "Fill in the columns {grade} and {comment} (only they can be edited). The scale and "
                     "how to return: sheet {instructions}.",
        "status_missing": "missing",
        "status_invalid": "check grade",
        "status_comment": "comment missing",
        "status_ok": "ok",
        "status_carried": "update the comment",
        "instr_references": "The grey columns {columns} come from the strategy: the action is measured against "
                            "them. They are locked.",
        "instr_carried": "The column {comment} starts from the previous round's comment. Update it to describe this "
                         "round: a comment left unchanged is not taken as this round's assessment.",
        "grade_prompt_title": "Grade",
        "grade_prompt": "Choose a grade from the list ({values}). The scale is explained on sheet {instructions}.",
        "grade_error_title": "Invalid grade",
        "grade_error": "Choose a grade from the list. Allowed values: {values}.",
        "comment_prompt_title": "Comment",
        "comment_prompt": "Say briefly what has been done and what comes next (at most {max} characters).",
        "comment_error_title": "Comment too long",
        "comment_error": "A comment may hold at most {max} characters. Please shorten it.",
        "footer": "Page &P / &N",
        "instr_title": "Instructions: {title}",
        "instr_intro": "This workbook holds the actions of {department}. Grade how far each action has "
                       "progressed and write a short comment.",
        "instr_fill_head": "How to fill it in",
        "instr_fill": [
            "Open the sheet {data_sheet}. On every row fill in {grade} (choose from the list) and {comment}.",
            "The other columns are locked: they are the strategy's texts and are not changed.",
            "The column {status} and the counter at the top show which rows are still missing.",
            "The grey columns show the previous round's grade and comment for comparison.",
        ],
        "instr_scale_head": "Scale: {scale}",
        "instr_value": "Value",
        "instr_label": "Meaning",
        "instr_deadline_head": "Deadline",
        "instr_return_head": "Returning the file",
        "instr_return": [
            "Save the workbook and send it back as it is (.xlsx).",
            "Do not rename the sheets, add or delete rows, or copy the data into a new file: the form "
            "is recognised by its content.",
            "You may keep the file name; a renamed file is still recognised.",
            "If you send a corrected version, the most recently saved version replaces the earlier one.",
        ],
        "instr_round": "Round: {round_id}",
    },
}


def texts(lang: str) -> dict:
    return TEXTS.get(lang) or TEXTS["fi"]
