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
        "fill_hint": "Täytä sarakkeet {grade} ja {comment} ja merkitse lomake valmiiksi yläosassa (vain ne voi "
                     "muokata). Asteikko ja palautusohje: välilehti {instructions}.",
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
        "ready_label": "Valmis:",
        "approver_label": "Hyväksyjä:",
        "ready_prompt_title": "Valmis",
        "ready_prompt": "Valitse {yes}, kun kaikki vastaukset ovat lopulliset ja hyväksytty. {no} tai tyhjä: "
                        "lomake on luonnos eikä sitä lasketa palautetuksi.",
        "ready_error_title": "Valitse {yes} tai {no}",
        "ready_error": "Valitse luettelosta {yes} (vastaukset ovat lopulliset) tai {no} (luonnos).",
        "approver_prompt_title": "Hyväksyjä",
        "approver_prompt": "Kirjoita vastaukset hyväksyneen henkilön nimi (enintään {max} merkkiä).",
        "approver_error_title": "Nimi on liian pitkä",
        "approver_error": "Nimessä voi olla enintään {max} merkkiä.",
        "state_draft": "Luonnos — merkitse valmiiksi, kun vastaukset ovat lopulliset",
        "state_ready": "Valmis",
        "state_incomplete": "Merkitty valmiiksi, mutta vastauksia puuttuu (katso sarake {status})",
        "state_no_approver": "Merkitty valmiiksi — kirjoita hyväksyjän nimi",
        "instr_ready_head": "Valmis ja hyväksytty",
        "instr_ready": [
            "Kun kaikki vastaukset ovat lopulliset, valitse välilehden {data_sheet} yläosassa kohtaan "
            "{ready_label} {yes} ja kirjoita kohtaan {approver_label} vastaukset hyväksyneen henkilön nimi.",
            "Ilman merkintää ({no} tai tyhjä) lomake on luonnos: koordinaattori näkee sen arvot, mutta sitä ei "
            "lasketa palautetuksi. Keskeneräisen lomakkeen voi palauttaa luonnoksena.",
            "Valmiiksi merkitystä lomakkeesta ei saa puuttua arvioita eikä vaadittuja kommentteja: puuttuvat "
            "kohdat ilmoitetaan virheinä.",
        ],
        "instr_round": "Kierros: {round_id}",
    },
    "sv": {
        "department": "Ansvarig: {department}",
        "deadline": "Returneras senast {date}",
        "no_deadline": "Returnera blanketten till koordinatorn inom avtalad tid",
        "count": "{done} / {total} bedömda",
        "fill_hint": "Fyll i kolumnerna {grade} och {comment} och markera blanketten som klar överst (bara de "
                     "kan ändras). Skalan och returanvisningen: fliken {instructions}.",
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
        "ready_label": "Klar:",
        "approver_label": "Godkänd av:",
        "ready_prompt_title": "Klar",
        "ready_prompt": "Välj {yes} när alla svar är slutliga och godkända. {no} eller tomt: blanketten är ett "
                        "utkast och räknas inte som returnerad.",
        "ready_error_title": "Välj {yes} eller {no}",
        "ready_error": "Välj {yes} (svaren är slutliga) eller {no} (utkast) i listan.",
        "approver_prompt_title": "Godkänd av",
        "approver_prompt": "Skriv namnet på den som godkände svaren (högst {max} tecken).",
        "approver_error_title": "Namnet är för långt",
        "approver_error": "Namnet får ha högst {max} tecken.",
        "state_draft": "Utkast — markera som klar när svaren är slutliga",
        "state_ready": "Klar",
        "state_incomplete": "Markerad som klar, men svar saknas (se kolumnen {status})",
        "state_no_approver": "Markerad som klar — skriv godkännarens namn",
        "instr_ready_head": "Klar och godkänd",
        "instr_ready": [
            "När alla svar är slutliga, välj {yes} i fältet {ready_label} överst på fliken {data_sheet} och "
            "skriv namnet på den som godkände svaren i fältet {approver_label}.",
            "Utan markering ({no} eller tomt) är blanketten ett utkast: koordinatorn ser dess värden, men den "
            "räknas inte som returnerad. En halvfärdig blankett kan returneras som utkast.",
            "En blankett som markerats som klar får inte sakna bedömningar eller obligatoriska kommentarer: "
            "det som saknas rapporteras som fel.",
        ],
        "instr_round": "Omgång: {round_id}",
    },
    "en": {
        "department": "Responsible: {department}",
        "deadline": "Return by {date}",
        "no_deadline": "Return the form to the coordinator by the agreed date",
        "count": "{done} / {total} graded",
        "fill_hint": "Fill in the columns {grade} and {comment} and mark the form ready at the top (only they "
                     "can be edited). The scale and how to return: sheet {instructions}.",
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
        "ready_label": "Ready:",
        "approver_label": "Approved by:",
        "ready_prompt_title": "Ready",
        "ready_prompt": "Choose {yes} when all answers are final and approved. {no} or empty: the form is a "
                        "draft and does not count as returned.",
        "ready_error_title": "Choose {yes} or {no}",
        "ready_error": "Choose {yes} (the answers are final) or {no} (a draft) from the list.",
        "approver_prompt_title": "Approved by",
        "approver_prompt": "Write the name of whoever approved the answers (at most {max} characters).",
        "approver_error_title": "The name is too long",
        "approver_error": "The name may hold at most {max} characters.",
        "state_draft": "Draft — mark it ready when the answers are final",
        "state_ready": "Ready",
        "state_incomplete": "Marked ready, but answers are missing (see the column {status})",
        "state_no_approver": "Marked ready — write the approver's name",
        "instr_ready_head": "Ready and approved",
        "instr_ready": [
            "When all answers are final, choose {yes} in the field {ready_label} at the top of the sheet "
            "{data_sheet} and write the name of whoever approved them in the field {approver_label}.",
            "Without the mark ({no} or empty) the form is a draft: the coordinator sees its values, but it does "
            "not count as returned. You may return an unfinished form as a draft.",
            "A form marked ready must not lack grades or required comments: what is missing is reported as "
            "an error.",
        ],
        "instr_round": "Round: {round_id}",
    },
}


# The words of a round whose inputs are data (core/inputs.py): prompts and errors per kind of input,
# the title block's hint and count, the instructions' lines. {range}, {decimals}: INPUT_PARTS below.
INPUT_TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "count_filled": "{done} / {total} täytetty",
        "fill_hint_inputs": "Täytä {columns} ja merkitse lomake valmiiksi yläosassa (muita sarakkeita ei voi "
                            "muokata). Ohjeet ja palautus: välilehti {instructions}.",
        "instr_ready_inputs": "Valmiiksi merkitystä lomakkeesta ei saa puuttua pakollisia vastauksia: puuttuvat "
                              "kohdat ilmoitetaan virheinä.",
        "columns_one": "sarake {titles}", "columns_many": "sarakkeet {titles}",
        "instr_previous_text": "Harmaa sarake {title} näyttää edellisen kierroksen tekstin vertailuksi.",
        "status_check": "tarkista",
        "and": "ja",
        "required": "pakollinen",
        "optional": "vapaaehtoinen",
        "instr_intro_inputs": "Tässä työkirjassa ovat vastuutahon {department} toimenpiteet. Täytä jokaiselle "
                              "toimenpiteelle {columns}.",
        "instr_fill_inputs": "Avaa välilehti {data_sheet}. Täytä jokaiselle riville {columns}.",
        "instr_inputs_head": "Täytettävät sarakkeet",
        "text_prompt": "Kirjoita teksti, enintään {max} merkkiä.",
        "text_error_title": "Teksti on liian pitkä",
        "text_error": "Sarakkeessa {title} voi olla enintään {max} merkkiä. Lyhennä tekstiä.",
        "number_prompt": "Kirjoita luku{range}{decimals}. Pelkkä luku ilman sanoja{unit}, esim. {example}.",
        "number_error_title": "Luku ei kelpaa",
        "number_error": "Sarakkeeseen {title} kirjoitetaan luku{range}{decimals}, esim. {example}. Älä kirjoita "
                        "sanoja tai yksikköä.",
        "date_prompt": "Kirjoita päivämäärä muodossa 15.5.2025{range}.",
        "date_error_title": "Päivämäärä ei kelpaa",
        "date_error": "Sarakkeeseen {title} kirjoitetaan päivämäärä muodossa 15.5.2025{range}.",
        "choice_prompt": "Valitse luettelosta: {values}.",
        "choice_error_title": "Valinta ei kelpaa",
        "choice_error": "Valitse sarakkeeseen {title} jokin luettelon arvoista: {values}.",
        "range_between": " väliltä {min}–{max}", "range_min": " vähintään {min}", "range_max": " enintään {max}",
        "decimals_none": " (kokonaisluku)", "decimals_n": " (enintään {n} desimaalia)",
        "unit": " tai yksikköä ({unit})",
        "date_between": " väliltä {min}–{max}", "date_min": " aikaisintaan {min}", "date_max": " viimeistään {max}",
    },
    "sv": {
        "count_filled": "{done} / {total} ifyllda",
        "fill_hint_inputs": "Fyll i {columns} och markera blanketten som klar överst (de övriga kolumnerna kan "
                            "inte ändras). Anvisningar och retur: fliken {instructions}.",
        "instr_ready_inputs": "En blankett som markerats som klar får inte sakna obligatoriska svar: det som saknas "
                              "rapporteras som fel.",
        "columns_one": "kolumnen {titles}", "columns_many": "kolumnerna {titles}",
        "instr_previous_text": "Den grå kolumnen {title} visar föregående omgångs text som jämförelse.",
        "status_check": "kontrollera",
        "and": "och",
        "required": "obligatorisk",
        "optional": "frivillig",
        "instr_intro_inputs": "Arbetsboken innehåller åtgärderna för {department}. Fyll i {columns} "
                              "för varje åtgärd.",
        "instr_fill_inputs": "Öppna fliken {data_sheet}. Fyll i {columns} på varje rad.",
        "instr_inputs_head": "Kolumner att fylla i",
        "text_prompt": "Skriv en text, högst {max} tecken.",
        "text_error_title": "Texten är för lång",
        "text_error": "Kolumnen {title} får ha högst {max} tecken. Korta av texten.",
        "number_prompt": "Skriv ett tal{range}{decimals}. Bara talet, utan ord{unit}, t.ex. {example}.",
        "number_error_title": "Ogiltigt tal",
        "number_error": "I kolumnen {title} skrivs ett tal{range}{decimals}, t.ex. {example}. Skriv inga ord "
                        "eller enheter.",
        "date_prompt": "Skriv ett datum som 15.5.2025{range}.",
        "date_error_title": "Ogiltigt datum",
        "date_error": "I kolumnen {title} skrivs ett datum som 15.5.2025{range}.",
        "choice_prompt": "Välj i listan: {values}.",
        "choice_error_title": "Ogiltigt val",
        "choice_error": "Välj ett av listans värden i kolumnen {title}: {values}.",
        "range_between": " mellan {min} och {max}", "range_min": " minst {min}", "range_max": " högst {max}",
        "decimals_none": " (heltal)", "decimals_n": " (högst {n} decimaler)",
        "unit": " eller enhet ({unit})",
        "date_between": " mellan {min} och {max}", "date_min": " tidigast {min}", "date_max": " senast {max}",
    },
    "en": {
        "count_filled": "{done} / {total} filled in",
        "fill_hint_inputs": "Fill in {columns} and mark the form ready at the top (the other columns cannot be "
                            "edited). Instructions and how to return: sheet {instructions}.",
        "instr_ready_inputs": "A form marked ready must not lack required answers: what is missing is reported as "
                              "an error.",
        "columns_one": "the column {titles}", "columns_many": "the columns {titles}",
        "instr_previous_text": "The grey column {title} shows the previous round's text for comparison.",
        "status_check": "check",
        "and": "and",
        "required": "required",
        "optional": "optional",
        "instr_intro_inputs": "This workbook holds the actions of {department}. Fill in {columns} "
                              "for every action.",
        "instr_fill_inputs": "Open the sheet {data_sheet}. On every row fill in {columns}.",
        "instr_inputs_head": "The columns to fill in",
        "text_prompt": "Write a text of at most {max} characters.",
        "text_error_title": "Text too long",
        "text_error": "The column {title} holds at most {max} characters. Please shorten the text.",
        "number_prompt": "Type a number{range}{decimals}. The number only, no words{unit}, e.g. {example}.",
        "number_error_title": "Invalid number",
        "number_error": "The column {title} takes a number{range}{decimals}, e.g. {example}. Do not type words "
                        "or a unit.",
        "date_prompt": "Type a date as 2025-05-15{range}.",
        "date_error_title": "Invalid date",
        "date_error": "The column {title} takes a date as 2025-05-15{range}.",
        "choice_prompt": "Choose from the list: {values}.",
        "choice_error_title": "Invalid choice",
        "choice_error": "Choose one of the list's values for the column {title}: {values}.",
        "range_between": " from {min} to {max}", "range_min": " of at least {min}", "range_max": " of at most {max}",
        "decimals_none": " (a whole number)", "decimals_n": " (at most {n} decimals)",
        "unit": " or unit ({unit})",
        "date_between": " from {min} to {max}", "date_min": " on or after {min}", "date_max": " on or before {max}",
    },
}


def texts(lang: str) -> dict:
    return {**(TEXTS.get(lang) or TEXTS["fi"]), **(INPUT_TEXTS.get(lang) or INPUT_TEXTS["fi"])}
