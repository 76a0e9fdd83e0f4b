"""The words of the mail drafts, in Finnish, Swedish and English (pure data).

TEMPLATES are the default message templates: the first time `seuranta send` or `seuranta remind` runs,
the one in the project's language is written to viestipohjat/lahetys.txt or viestipohjat/muistutus.txt,
where the municipality edits it (docs/mail.md lists the {placeholders}). PARTS are the generated
pieces a template puts in its placeholders (the reminder's list of what is missing, the deadline phrase).
"""
from __future__ import annotations

SEND, REMIND = "send", "remind"
FILE_NAMES = {SEND: "lahetys.txt", REMIND: "muistutus.txt"}
SUBJECT_WORDS = ("aihe", "ämne", "subject")   # the template's first line: "Aihe: …"

_HELP = {
    "fi": """# Viestipohja: {kind}. Muokkaa vapaasti; seuranta-xl käyttää tätä tiedostoa, kun se on olemassa.
# Ensimmäinen rivi "Aihe: …" on viestin aihe, sen jälkeen tyhjä rivi ja viestin teksti.
# #-alkuiset rivit tiedoston alussa ovat ohjeita eivätkä tule viestiin. Aaltosulkeissa olevat nimet
# korvataan (kirjoita {{{{ ja }}}}, jos tarvitset itse aaltosulkeen):
{names}
""",
    "sv": """# Meddelandemall: {kind}. Redigera fritt; seuranta-xl använder den här filen när den finns.
# Första raden "Ämne: …" är meddelandets ämne, sedan en tom rad och meddelandets text.
# Rader som börjar med # i början av filen är anvisningar och kommer inte med. Namnen inom
# klammerparenteser ersätts (skriv {{{{ och }}}} om du själv behöver en klammerparentes):
{names}
""",
    "en": """# Message template: {kind}. Edit freely; seuranta-xl uses this file whenever it exists.
# The first line "Subject: …" is the subject, then an empty line and the message.
# Lines starting with # at the top of the file are notes and stay out of the message. The names in
# braces are replaced (write {{{{ and }}}} for a brace of your own):
{names}
""",
}

PLACEHOLDERS = {
    "organisation": {"fi": "kunnan nimi (seuranta.toml: organisation)", "sv": "kommunens namn",
                     "en": "the municipality (seuranta.toml: organisation)"},
    "round": {"fi": "kierroksen tunnus", "sv": "omgångens id", "en": "the round's id"},
    "title": {"fi": "kierroksen otsikko", "sv": "omgångens rubrik", "en": "the round's title"},
    "department": {"fi": "vastuutaho", "sv": "den ansvariga", "en": "the department"},
    "contact": {"fi": "yhteyshenkilöiden nimet", "sv": "kontaktpersonernas namn", "en": "the contacts' names"},
    "deadline": {"fi": "määräaika (15.5.2024)", "sv": "sista dag (15.5.2024)", "en": "the deadline (2024-05-15)"},
    "return_by": {"fi": "”viimeistään 15.5.2024”, ”sovitussa ajassa” tai (määräajan jälkeen) ”mahdollisimman pian”",
                  "sv": "”senast 15.5.2024”, ”inom överenskommen tid” eller (efter sista dagen) ”så snart som möjligt”",
                  "en": "“by 2024-05-15”, “by the agreed date” or (after the deadline) “as soon as possible”"},
    "days": {"fi": "päiviä määräaikaan tai sen ohi (”3 päivää jäljellä”)", "sv": "dagar till eller efter sista dagen",
             "en": "days to or past the deadline (“3 days left”)"},
    "actions": {"fi": "toimenpiteiden määrä", "sv": "antal åtgärder", "en": "the number of actions"},
    "workbook": {"fi": "liitteen nimi", "sv": "bilagans namn", "en": "the attachment's name"},
    "grade": {"fi": "arviosarakkeen otsikko", "sv": "bedömningskolumnens rubrik", "en": "the grade column's title"},
    "comment": {"fi": "kommenttisarakkeen otsikko", "sv": "kommentarkolumnens rubrik", "en": "the comment column's title"},
    "fill": {"fi": "rivit siitä, mitä kierros kysyy (arvio, kommentti ja kierroksen muut sarakkeet)",
             "sv": "raderna om vad omgången frågar (bedömning, kommentar och omgångens övriga kolumner)",
             "en": "the lines on what the round asks (grade, comment and the round's other columns)"},
    "ready": {"fi": "Valmis-valinnan kyllä-sana lomakkeen kielellä (”Kyllä”)", "sv": "ja-ordet i fältet Klar på "
              "blankettens språk (”Ja”)", "en": "the yes word of the Ready field in the workbook's language (“Yes”)"},
    "sender": {"fi": "lähettäjän nimi (seuranta.toml: [mail] sender)", "sv": "avsändarens namn",
               "en": "the sender's name (seuranta.toml: [mail] sender)"},
    "status": {"fi": "muistutus: palautuksen tila yhtenä lauseena", "sv": "påminnelse: returens läge i en mening",
               "en": "reminder: the return's state in one sentence"},
    "missing": {"fi": "muistutus: luettelo puuttuvista kohdista ja virheistä", "sv": "påminnelse: lista över det som "
                "saknas och felen", "en": "reminder: the list of what is missing and the errors"},
    "attachment": {"fi": "muistutus: mikä lomake on liitteenä", "sv": "påminnelse: vilken blankett som bifogas",
                   "en": "reminder: which workbook is attached"},
}
REMIND_ONLY = ("status", "missing", "attachment")

TEMPLATES = {
    SEND: {
        "fi": """Aihe: {organisation}: strategian seuranta {title} – {department}

Hei,

{organisation} seuraa strategian toteutumista. Liitteenä on vastuutahon {department} seurantalomake ({workbook}), jossa on {actions} toimenpidettä seurattavana.

Näin täytät lomakkeen:
- Avaa liite Excelissä tai LibreOfficessa.
{fill}
- Muut sarakkeet on lukittu. Lomakkeen yläosan laskuri ja Tila-sarake näyttävät, mitä vielä puuttuu. Ohjeet-välilehti kertoo, mitä kuhunkin sarakkeeseen kirjoitetaan.
- Kun vastaukset ovat lopulliset, valitse lomakkeen yläosan Valmis-kohtaan {ready} ja kirjoita kohtaan Hyväksyjä vastaukset hyväksyneen henkilön nimi. Ilman merkintää palautus on luonnos, eikä sitä lasketa palautetuksi.

Palauta lomake {return_by}: tallenna se samalla nimellä ja lähetä se liitteenä vastauksena tähän viestiin. Älä kopioi sisältöä uuteen tiedostoon, jotta palautus tunnistetaan.

Kiitos!
{sender}
""",
        "sv": """Ämne: {organisation}: uppföljning av strategin {title} – {department}

Hej,

{organisation} följer upp hur strategin genomförs. Bifogad finns uppföljningsblanketten för {department} ({workbook}) med {actions} åtgärder att följa upp.

Så här fyller du i blanketten:
- Öppna bilagan i Excel eller LibreOffice.
{fill}
- De övriga kolumnerna är låsta. Räknaren överst och kolumnen Status visar vad som ännu saknas. Bladet Anvisningar förklarar vad som skrivs i varje kolumn.
- När svaren är slutliga, välj {ready} i fältet Klar överst på blanketten och skriv namnet på den som godkände svaren i fältet Godkänd av. Utan markering är returen ett utkast och räknas inte som returnerad.

Returnera blanketten {return_by}: spara den med samma namn och skicka den som bilaga i ett svar på detta meddelande. Kopiera inte innehållet till en ny fil, så att returen känns igen.

Tack!
{sender}
""",
        "en": """Subject: {organisation}: strategy follow-up {title} – {department}

Hello,

{organisation} follows up how its strategy is carried out. Attached is the follow-up workbook of {department} ({workbook}) with {actions} actions to report on.

How to fill it in:
- Open the attachment in Excel or LibreOffice.
{fill}
- The other columns are locked. The counter at the top and the Status column show what is still missing. The Instructions sheet explains what goes in each column.
- When the answers are final, choose {ready} in the Ready field at the top of the workbook and write the name of whoever approved them in the field Approved by. Without the mark the return is a draft and does not count as returned.

Return the workbook {return_by}: save it under the same name and send it as an attachment in a reply to this message. Do not copy its content into a new file, so that the return is recognised.

Thank you!
{sender}
""",
    },
    REMIND: {
        "fi": """Aihe: Muistutus: strategian seuranta {title} – {department}

Hei,

{status}

{missing}

Liitteenä on {attachment}. Palauta lomake {return_by} ({days}) liitteenä vastauksena tähän viestiin.

Kiitos!
{sender}
""",
        "sv": """Ämne: Påminnelse: uppföljning av strategin {title} – {department}

Hej,

{status}

{missing}

Bifogad finns {attachment}. Returnera blanketten {return_by} ({days}) som bilaga i ett svar på detta meddelande.

Tack!
{sender}
""",
        "en": """Subject: Reminder: strategy follow-up {title} – {department}

Hello,

{status}

{missing}

Attached is {attachment}. Please return the workbook {return_by} ({days}) as an attachment in a reply to this message.

Thank you!
{sender}
""",
    },
}

PARTS = {
    "fi": {
        "kind.send": "lomakkeiden lähetys (seuranta send)", "kind.remind": "muistutus (seuranta remind)",
        "return_by": "viimeistään {date}", "return_by.none": "sovitussa ajassa", "return_by.late": "mahdollisimman pian",
        "days.left": "{n} päivää jäljellä", "days.one": "1 päivä jäljellä", "days.today": "määräaika on tänään",
        "days.over": "määräaika meni {n} päivää sitten", "days.none": "ei määräaikaa",
        "sender": "{organisation}, strategian seuranta",
        "status.missing": "Vastuutahon {department} seurantalomaketta ei ole vielä palautettu. Lomakkeessa on {actions} toimenpidettä seurattavana.",
        "status.rejected": "Vastuutahon {department} palauttamaa tiedostoa {file} ei voitu ottaa vastaan: {reason}",
        "status.partial": "Kiitos palautuksesta ({file}). Siitä puuttuu vielä {n} kohtaa, ja se on voimassa oleva versio.",
        "status.errors": "Kiitos palautuksesta ({file}). Siinä on virheitä, joiden vuoksi osaa vastauksista ei voitu ottaa mukaan.",
        "status.draft": "Kiitos palautuksesta ({file}). Sitä ei ole vielä merkitty valmiiksi, joten se on luonnos eikä sitä lasketa palautetuksi.",
        "ready.todo": "Kun vastaukset ovat lopulliset, valitse lomakkeen yläosan Valmis-kohtaan {ready}, kirjoita kohtaan Hyväksyjä vastaukset hyväksyneen henkilön nimi ja palauta lomake.",
        "missing.head": "Puuttuu ({n}):", "errors.head": "Korjattavaa ({n}):",
        "input.grade": "arvio", "input.comment": "kommentti", "cell": "solu {cell}",
        "fill.grade": "- Valitse jokaiselle toimenpiteelle arvio sarakkeeseen {grade} pudotusvalikosta.",
        "fill.comment": "- Kirjoita sarakkeeseen {comment} lyhyesti, mitä on tehty ja mitä seuraavaksi.",
        "fill.required": "- Täytä jokaiselle toimenpiteelle sarake {title} (pakollinen).",
        "fill.optional": "- Täytä tarvittaessa sarake {title}.",
        "missing.none": "Kaikki toimenpiteet odottavat vastausta.",
        "attachment.return": "palauttamanne lomake ({file}); jatka siihen ja lähetä se uudelleen",
        "attachment.blank": "tyhjä lomake ({file})",
    },
    "sv": {
        "kind.send": "utskick av blanketterna (seuranta send)", "kind.remind": "påminnelse (seuranta remind)",
        "return_by": "senast {date}", "return_by.none": "inom överenskommen tid", "return_by.late": "så snart som möjligt",
        "days.left": "{n} dagar kvar", "days.one": "1 dag kvar", "days.today": "sista dagen är i dag",
        "days.over": "sista dagen gick ut för {n} dagar sedan", "days.none": "ingen sista dag",
        "sender": "{organisation}, uppföljning av strategin",
        "status.missing": "Uppföljningsblanketten för {department} har ännu inte returnerats. Blanketten har {actions} åtgärder att följa upp.",
        "status.rejected": "Filen {file} som {department} returnerade kunde inte tas emot: {reason}",
        "status.partial": "Tack för returen ({file}). Det saknas ännu {n} uppgifter i den, och den är den gällande versionen.",
        "status.errors": "Tack för returen ({file}). Den har fel som gör att en del av svaren inte kunde tas med.",
        "status.draft": "Tack för returen ({file}). Den är ännu inte markerad som klar, så den är ett utkast och räknas inte som returnerad.",
        "ready.todo": "När svaren är slutliga, välj {ready} i fältet Klar överst på blanketten, skriv godkännarens namn i fältet Godkänd av och returnera blanketten.",
        "missing.head": "Saknas ({n}):", "errors.head": "Att rätta ({n}):",
        "input.grade": "bedömning", "input.comment": "kommentar", "cell": "cell {cell}",
        "fill.grade": "- Välj en bedömning för varje åtgärd i kolumnen {grade} i rullgardinsmenyn.",
        "fill.comment": "- Skriv kort i kolumnen {comment} vad som har gjorts och vad som görs härnäst.",
        "fill.required": "- Fyll i kolumnen {title} för varje åtgärd (obligatorisk).",
        "fill.optional": "- Fyll vid behov i kolumnen {title}.",
        "missing.none": "Alla åtgärder väntar på svar.",
        "attachment.return": "blanketten ni returnerade ({file}); fortsätt i den och skicka den på nytt",
        "attachment.blank": "en tom blankett ({file})",
    },
    "en": {
        "kind.send": "sending the workbooks (seuranta send)", "kind.remind": "reminder (seuranta remind)",
        "return_by": "by {date}", "return_by.none": "by the agreed date", "return_by.late": "as soon as possible",
        "days.left": "{n} days left", "days.one": "1 day left", "days.today": "the deadline is today",
        "days.over": "the deadline passed {n} days ago", "days.none": "no deadline",
        "sender": "{organisation}, strategy follow-up",
        "status.missing": "The follow-up workbook of {department} has not been returned yet. It has {actions} actions to report on.",
        "status.rejected": "The file {file} that {department} returned could not be accepted: {reason}",
        "status.partial": "Thank you for your return ({file}). It still lacks {n} items, and it is the version in force.",
        "status.errors": "Thank you for your return ({file}). It has errors because of which some answers could not be taken in.",
        "status.draft": "Thank you for your return ({file}). It is not marked ready yet, so it is a draft and does not count as returned.",
        "ready.todo": "When the answers are final, choose {ready} in the Ready field at the top of the workbook, write the approver's name in the field Approved by and return the workbook.",
        "missing.head": "Missing ({n}):", "errors.head": "To fix ({n}):",
        "input.grade": "grade", "input.comment": "comment", "cell": "cell {cell}",
        "fill.grade": "- Choose a grade for every action in the column {grade} from the dropdown.",
        "fill.comment": "- Write briefly in the column {comment} what has been done and what comes next.",
        "fill.required": "- Fill in the column {title} for every action (required).",
        "fill.optional": "- Fill in the column {title} where needed.",
        "missing.none": "Every action is waiting for an answer.",
        "attachment.return": "the workbook you returned ({file}); carry on in it and send it again",
        "attachment.blank": "a blank workbook ({file})",
    },
}


def template_help(kind: str, lang: str) -> str:
    """The #-lines at the top of a template file written for the municipality to edit."""
    names = [k for k in PLACEHOLDERS if kind == REMIND or k not in REMIND_ONLY]
    width = max(len(n) for n in names) + 2
    listed = "\n".join(f"#   {{{n}}}".ljust(width + 6) + PLACEHOLDERS[n][lang] for n in names)
    return _HELP[lang].format(kind=PARTS[lang][f"kind.{kind}"], names=listed)
