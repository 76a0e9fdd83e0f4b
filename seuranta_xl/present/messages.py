"""Every plain-language label and line the tool shows people, in Finnish, Swedish and English (pure data).

One catalogue for the CLI, the master, the reports, the add-in, the import and the demo, so the same
thing is said the same way everywhere. A key names where a text belongs (``col.`` column headers
shared by every table, ``severity.`` and ``state.`` words, then one prefix per shell); each entry is
(fi, sv, en) with the same ``{fields}`` in all three (tests/test_present.py checks both).
The words of a department workbook are in workbook/texts.py; errors in core/error_catalogue.py;
findings in core/findings.py.
"""
from __future__ import annotations

import string

from babel import Locale

DEFAULT_LANGUAGE = "fi"
LANGUAGES = ("fi", "sv", "en")

MESSAGES: dict[str, tuple[str, str, str]] = {
    # ------------------------------------------------------------------ column headers of every table
    "col.round": ("Kierros", "Omgång", "Round"),
    "col.severity": ("Vakavuus", "Allvar", "Severity"),
    "col.code": ("Koodi", "Kod", "Code"),
    "col.location": ("Sijainti", "Plats", "Location"),
    "col.id": ("ID", "ID", "ID"),
    "col.department": ("Vastuutaho", "Ansvarig", "Department"),
    "col.file": ("Tiedosto", "Fil", "File"),
    "col.sheet": ("Taulukko", "Blad", "Sheet"),
    "col.cell": ("Solu", "Cell", "Cell"),
    "col.finding": ("Havainto", "Fynd", "Finding"),
    "col.hint": ("Mitä tehdä", "Vad göra", "What to do"),
    "col.status": ("Tila", "Status", "Status"),
    "col.graded": ("Arvioitu", "Bedömda", "Graded"),
    "col.filled": ("Täytetty", "Ifyllda", "Filled in"),
    "col.actions": ("Toimenpiteitä", "Åtgärder", "Actions"),
    "col.errors": ("Virheitä", "Fel", "Errors"),
    "col.warnings": ("Varoituksia", "Varningar", "Warnings"),
    "col.received": ("Vastaanotettu", "Mottagen", "Received"),
    "col.saved": ("Tallennettu", "Sparad", "Saved"),
    "col.rows": ("Rivejä", "Rader", "Rows"),
    "col.approver": ("Hyväksyjä", "Godkänd av", "Approved by"),
    "total": ("Yhteensä", "Totalt", "Total"),
    "no-findings": ("Ei havaintoja.", "Inga fynd.", "No findings."),
    # ------------------------------------------------------------------ severities and states
    "severity.error": ("virhe", "fel", "error"),
    "severity.warning": ("varoitus", "varning", "warning"),
    "severity.info": ("tieto", "info", "info"),
    "state.returned": ("palautettu", "returnerad", "returned"),
    "state.missing": ("puuttuu", "saknas", "missing"),
    "state.errors": ("virheitä", "fel", "errors"),
    "state.imported": ("tuotu taulukosta", "importerad", "imported"),
    "state.draft": ("luonnos", "utkast", "draft"),
    # ------------------------------------------------------------------ command-line help (terminal/helptext.py)
    # cmd.<path> is a command's help, cmd.<path>.short its line in the command list; opt.<name> an
    # option's help (opt.<command>.<name> where one command says it differently); metavar.<kind> the
    # placeholder shown for a value.
    "cmd.main": ("Kunnan strategian seurantakierros suojatuilla Excel-työkirjoilla.\n\n"
                 "Kierros komento kerrallaan: init → round new → generate → send → vastuutahot täyttävät "
                 "työkirjat → check ja sync → status ja remind → round close → report.\n\n"
                 "Komennot etsivät projektin (seuranta.toml) nykyisestä kansiosta ja sen yläkansioista; "
                 "--project KANSIO valitsee toisen. Kieli: seuranta.toml (language) tai SEURANTA_LANG (fi, sv, en).",
                 "Kommunens uppföljningsomgång av strategin med skyddade Excel-arbetsböcker.\n\n"
                 "Omgången kommando för kommando: init → round new → generate → send → de ansvariga fyller i "
                 "arbetsböckerna → check och sync → status och remind → round close → report.\n\n"
                 "Kommandona söker projektet (seuranta.toml) i den aktuella mappen och dess överordnade mappar; "
                 "--project MAPP väljer en annan. Språk: seuranta.toml (language) eller SEURANTA_LANG (fi, sv, en).",
                 "A municipality's strategy follow-up round through protected Excel workbooks.\n\n"
                 "A round command by command: init → round new → generate → send → departments fill in their "
                 "workbooks → check and sync → status and remind → round close → report.\n\n"
                 "Commands find the project (seuranta.toml) in the current folder or a folder above it; "
                 "--project DIR picks another. Language: seuranta.toml (language) or SEURANTA_LANG (fi, sv, en)."),
    "cmd.init": ("Lukee strategiataulukon (.xlsx tai .csv), tunnistaa sen rakenteen otsikoista ja luo projektin: "
                 "seuranta.toml, kirjanpito seuranta.db ja tuonnin havainnot.",
                 "Läser strategitabellen (.xlsx eller .csv), känner igen dess layout från rubrikerna och skapar "
                 "projektet: seuranta.toml, liggaren seuranta.db och importens fynd.",
                 "Reads the strategy table (.xlsx or .csv), recognises its layout from the headers and creates the "
                 "project: seuranta.toml, the ledger seuranta.db and the import's findings."),
    "cmd.init.short": ("Luo projekti strategiataulukosta", "Skapa ett projekt från strategitabellen",
                       "Create a project from the strategy table"),
    "cmd.round": ("Seurantakierrokset: uuden avaaminen, luettelo, otsikon tai määräajan muutos, sulkeminen ja "
                  "uudelleen avaaminen (jokainen muutos kirjataan).",
                  "Uppföljningsomgångar: öppna en ny, lista dem, ändra rubrik eller tidsfrist, stäng och öppna igen "
                  "(varje ändring registreras).",
                  "Reporting rounds: open a new one, list them, change a title or deadline, close and reopen "
                  "(every change is recorded)."),
    "cmd.round.short": ("Seurantakierrokset (new, list, edit, close, reopen)",
                        "Uppföljningsomgångar (new, list, edit, close, reopen)",
                        "Reporting rounds (new, list, edit, close, reopen)"),
    "cmd.round.edit": ("Muuttaa kierroksen TUNNUS otsikkoa tai määräaikaa; muutos kirjataan kirjanpitoon. "
                       "Määräajan voi kirjoittaa muodossa 15.5.2025 tai 2025-05-15.",
                       "Ändrar rubriken eller tidsfristen för omgången ID; ändringen registreras i liggaren. "
                       "Tidsfristen kan skrivas som 15.5.2025 eller 2025-05-15.",
                       "Changes round ID's title or deadline; the change is recorded in the ledger. "
                       "The deadline may be written 15.5.2025 or 2025-05-15."),
    "cmd.round.edit.short": ("Muuta otsikkoa tai määräaikaa", "Ändra rubrik eller tidsfrist",
                             "Change the title or deadline"),
    "cmd.round.close": ("Sulkee kierroksen: sen tila jäädytetään, master.xlsx ja raportit merkitään lopullisiksi. "
                        "Myöhemmin saapuva palautus kirjataan myöhästyneeksi (late-return) eikä sitä yhdistetä.",
                        "Stänger omgången: läget fryses, master.xlsx och rapporterna märks slutliga. En retur som "
                        "kommer senare registreras som sen (late-return) och slås inte samman.",
                        "Closes the round: its state is frozen, master.xlsx and the reports are marked final. A return "
                        "arriving later is recorded as late (late-return) and not merged."),
    "cmd.round.close.short": ("Sulje kierros (lopullinen)", "Stäng omgången (slutlig)", "Close the round (final)"),
    "cmd.round.reopen": ("Avaa suljetun kierroksen uudelleen (kirjataan); seuraava sync ottaa kansion palautukset, "
                         "myös myöhästyneet, mukaan.",
                         "Öppnar en stängd omgång igen (registreras); nästa sync tar med returerna i mappen, även de "
                         "sena.",
                         "Reopens a closed round (recorded); the next sync takes in the returns in the folder, late "
                         "ones too."),
    "cmd.round.reopen.short": ("Avaa suljettu kierros uudelleen", "Öppna en stängd omgång igen",
                               "Reopen a closed round"),
    "cmd.strategy": ("Strategian muutokset kierrosten välillä ja aikana.", "Ändringar i strategin mellan och under "
                     "omgångarna.", "Changes to the strategy between and during rounds."),
    "cmd.strategy.short": ("Strategian muutokset (update)", "Ändringar i strategin (update)",
                           "Strategy changes (update)"),
    "cmd.strategy.update": ("Tuo muokatun strategiataulukon TIEDOSTO projektiin (kuten init --force): tulostaa ja "
                            "tallentaa muutokset (lisätyt, poistetut, uudelleen muotoillut ja vastuutaholta toiselle "
                            "siirretyt toimenpiteet; tunnisteet säilyvät) ja nimeää vastuutahot, joiden avoimen "
                            "kierroksen työkirja on tehty vanhasta tekstistä.",
                            "Importerar den ändrade strategitabellen FIL till projektet (som init --force): skriver ut "
                            "och sparar ändringarna (tillagda, borttagna, omformulerade och flyttade åtgärder; id:na "
                            "behålls) och namnger de ansvariga vars arbetsbok i den öppna omgången gjordes av den "
                            "gamla texten.",
                            "Re-imports the edited strategy table FILE into the project (as init --force): prints and "
                            "saves the changes (actions added, removed, reworded, moved between departments; ids kept) "
                            "and names the departments whose workbook of an open round was made from the old text."),
    "cmd.strategy.update.short": ("Päivitä strategia ja näytä muutokset", "Uppdatera strategin och visa ändringarna",
                                  "Update the strategy and show the changes"),
    "cmd.contacts": ("Vastuutahojen yhteyshenkilöt viestiluonnoksia varten (seuranta.toml: [departments.\"Nimi\"]).",
                     "De ansvarigas kontaktpersoner för utkasten (seuranta.toml: [departments.\"Namn\"]).",
                     "The departments' contacts for the mail drafts (seuranta.toml: [departments.\"Name\"])."),
    "cmd.contacts.short": ("Vastuutahojen yhteyshenkilöt (import)", "De ansvarigas kontaktpersoner (import)",
                           "Department contacts (import)"),
    "cmd.contacts.import": ("Tuo yhteystiedot taulukosta TIEDOSTO (.csv tai .xlsx; sarakkeet Vastuutaho, Nimi, "
                            "Sähköposti) tiedostoon seuranta.toml. Virheellinen osoite tai tuntematon vastuutaho on "
                            "havainto invalid-contact, eikä sitä kirjoiteta.",
                            "Importerar kontaktuppgifterna från tabellen FIL (.csv eller .xlsx; kolumnerna Ansvarig, "
                            "Namn, E-post) till seuranta.toml. En felaktig adress eller okänd ansvarig är fyndet "
                            "invalid-contact och skrivs inte.",
                            "Imports the contacts from the table FILE (.csv or .xlsx; columns Vastuutaho / Department, "
                            "Nimi / Name, Sähköposti / E-mail) into seuranta.toml. A bad address or an unknown "
                            "department is the finding invalid-contact and is not written."),
    "cmd.contacts.import.short": ("Tuo yhteystiedot taulukosta", "Importera kontaktuppgifter från en tabell",
                                  "Import contacts from a table"),
    "cmd.send": ("Kirjoittaa jokaiselle vastuutaholle viestiluonnoksen (.eml) kansioon lahetys/KIERROS: "
                 "vastaanottajat yhteystiedoista, työkirja liitteenä, teksti tiedostosta viestipohjat/lahetys.txt. "
                 "Mitään ei lähetetä: Outlook avaa luonnoksen lähetettäväksi viestiksi.",
                 "Skriver ett utkast (.eml) till varje ansvarig i mappen lahetys/OMGÅNG: mottagarna från "
                 "kontaktuppgifterna, arbetsboken som bilaga, texten från viestipohjat/lahetys.txt. Inget skickas: "
                 "Outlook öppnar utkastet som ett meddelande att skicka.",
                 "Writes one mail draft (.eml) per department into lahetys/ROUND: recipients from the contacts, its "
                 "workbook attached, the text from viestipohjat/lahetys.txt. Nothing is sent: Outlook opens the "
                 "draft as a message ready to send."),
    "cmd.send.short": ("Viestiluonnokset työkirjoineen (ei lähetä)", "Utkast med arbetsböckerna (skickar inte)",
                       "Mail drafts with the workbooks (never sent)"),
    "cmd.remind": ("Kirjoittaa muistutusluonnoksen (.eml) vain vastuutahoille, joilta palautus puuttuu tai joiden "
                   "palautuksessa on virheitä tai puuttuvia arvioita; viesti luettelee ne ja päivät määräaikaan, "
                   "liitteenä viimeisin palautus (tai tyhjä työkirja). Mitään ei lähetetä.",
                   "Skriver ett påminnelseutkast (.eml) bara till de ansvariga vars retur saknas eller har fel eller "
                   "saknade bedömningar; meddelandet listar dem och dagarna till tidsfristen, med den senaste returen "
                   "(eller den tomma arbetsboken) som bilaga. Inget skickas.",
                   "Writes a reminder draft (.eml) only for the departments whose return is missing or has errors or "
                   "missing grades; it lists them and the days to the deadline, with the latest return (or the blank "
                   "workbook) attached. Nothing is sent."),
    "cmd.remind.short": ("Muistutusluonnokset puuttuvista (ei lähetä)", "Påminnelseutkast om det som saknas",
                         "Reminder drafts for what is missing"),
    "cmd.round.new": ("Avaa uusi seurantakierros. TUNNUS on kierroksen tunnus, esimerkiksi 2025-kevat "
                      "(kirjaimet, numerot, - _ .). Määräajan voi kirjoittaa muodossa 15.5.2025 tai 2025-05-15.",
                      "Öppnar en ny uppföljningsomgång. ID är omgångens id, till exempel 2025-var "
                      "(bokstäver, siffror, - _ .). Tidsfristen kan skrivas som 15.5.2025 eller 2025-05-15.",
                      "Opens a new reporting round. ID is the round's id, for example 2025-spring "
                      "(letters, digits, - _ .). The deadline may be written 15.5.2025 or 2025-05-15."),
    "cmd.round.new.short": ("Avaa uusi kierros", "Öppna en ny omgång", "Open a new round"),
    "cmd.round.list": ("Luettelee projektin kierrokset vanhimmasta uusimpaan.",
                       "Listar projektets omgångar från den äldsta till den nyaste.",
                       "Lists the project's rounds, oldest first."),
    "cmd.round.list.short": ("Luettele kierrokset", "Lista omgångarna", "List the rounds"),
    "cmd.generate": ("Kirjoittaa jokaiselle vastuutaholle oman suojatun työkirjan (.xlsx) kansioon "
                     "lomakkeet/KIERROS (tai --out). Samannimiset tiedostot korvataan. Luo palautuksille kansion "
                     "palautukset/KIERROS.",
                     "Skriver en skyddad arbetsbok (.xlsx) för varje ansvarig i mappen lomakkeet/OMGÅNG "
                     "(eller --out). Filer med samma namn ersätts. Skapar mappen palautukset/OMGÅNG för returerna.",
                     "Writes one protected workbook (.xlsx) per department into lomakkeet/ROUND (or --out). "
                     "Files of the same name are replaced. Creates palautukset/ROUND for the returns."),
    "cmd.generate.short": ("Kirjoita lomake jokaiselle vastuutaholle", "Skriv en blankett för varje ansvarig",
                           "Write one workbook per department"),
    "cmd.check": ("Tarkistaa palautetut työkirjat yhdistämättä niitä: sama tarkistus kuin sync, mutta mitään ei "
                  "kirjata.", "Kontrollerar returnerade arbetsböcker utan att slå samman dem: samma kontroll som "
                  "sync, men inget registreras.", "Validates returned workbooks without merging them: the same "
                  "checks as sync, but nothing is recorded."),
    "cmd.check.short": ("Tarkista palautukset yhdistämättä", "Kontrollera returer utan att slå samman",
                        "Validate returns without merging"),
    "cmd.sync": ("Tarkistaa kaikki kansion KANSIO (oletus palautukset/KIERROS) palautukset, kirjaa hyväksytyt "
                 "kirjanpitoon ja kokoaa master.xlsx:n uudelleen (edellinen jää nimellä master.bak.xlsx).",
                 "Kontrollerar alla returer i MAPP (standard palautukset/OMGÅNG), registrerar de godkända i "
                 "liggaren och bygger om master.xlsx (den förra blir kvar som master.bak.xlsx).",
                 "Validates every return in FOLDER (default palautukset/ROUND), records the accepted ones in the "
                 "ledger and rebuilds master.xlsx (the previous one is kept as master.bak.xlsx)."),
    "cmd.sync.short": ("Kokoa palautukset kirjanpitoon ja master.xlsx:ään", "Samla returerna i liggaren och master.xlsx",
                       "Merge the returns into the ledger and master.xlsx"),
    "cmd.status": ("Näyttää kierroksen tilanteen: kuka on palauttanut, mitä puuttuu, määräaika ja havainnot. "
                   "Paluuarvo 1, kun virheitä on jäljellä.",
                   "Visar omgångens läge: vem som har returnerat, vad som saknas, tidsfristen och fynden. "
                   "Returkod 1 när fel återstår.",
                   "Shows the round's state: who has returned, what is missing, the deadline and the findings. "
                   "Exit code 1 while errors remain."),
    "cmd.status.short": ("Kuka on palauttanut, mitä puuttuu", "Vem har returnerat, vad saknas",
                         "Who has returned, what is missing"),
    "cmd.report": ("Kirjoittaa kierroksen raportin talousarvioon ja tilinpäätökseen: yhteenveto painopisteittäin "
                   "ja vastuutahoittain, muutos edellisestä kierroksesta, kaaviot ja koko luettelo.",
                   "Skriver omgångens rapport för budget och bokslut: sammanfattning per fokusområde och per "
                   "ansvarig, förändringen sedan föregående omgång, diagram och hela listan.",
                   "Writes the round's report for the budget and the financial statements: the summary by focus "
                   "area and by department, the change from the previous round, charts and the full list."),
    "cmd.report.short": ("Raportti talousarvioon ja tilinpäätökseen", "Rapport för budget och bokslut",
                         "Report for the budget book"),
    "cmd.export": ("Koneluettava vienti, yksi rivi toimenpidettä kohden (csv tai json; avaimet ks. docs/json.md). "
                   "Ilman --out-valintaa vienti tulostetaan.",
                   "Maskinläsbar export, en rad per åtgärd (csv eller json; nycklarna i docs/json.md). "
                   "Utan --out skrivs exporten ut.",
                   "Machine export, one row per action (csv or json; keys in docs/json.md). "
                   "Without --out it is printed."),
    "cmd.export.short": ("Koneluettava vienti (csv, json)", "Maskinläsbar export (csv, json)",
                         "Machine export (csv, json)"),
    "cmd.demo": ("Rakentaa esittelyprojektin mukana tulevasta aineistosta (Keuruu) ja käy läpi koko kierroksen. "
                 "KANSIO (oletus ./seuranta-demo) on uusi, tyhjä tai aiempi esittely (se rakennetaan uudelleen). "
                 "Esittelyn havainnot ovat tahallisia.",
                 "Bygger ett demoprojekt av de medföljande uppgifterna (Keuruu) och går igenom hela omgången. "
                 "MAPP (standard ./seuranta-demo) är ny, tom eller en tidigare demo (den byggs om). "
                 "Demons fynd är avsiktliga.",
                 "Builds a demo project from the bundled data (Keuruu) and walks the whole round. "
                 "DIR (default ./seuranta-demo) must be new, empty or an earlier demo (then it is rebuilt). "
                 "The demo's findings are deliberate."),
    "cmd.demo.short": ("Esittely: koko kierros valmiilla aineistolla", "Demo: hela omgången med färdiga uppgifter",
                       "Demo: the whole round on bundled data"),
    "cmd.addin": ("Koordinaattorin Excel-apuohjelma seuranta.xlam: samat toiminnot Excelin valintanauhasta.",
                  "Koordinatorns Excel-tillägg seuranta.xlam: samma funktioner från Excels menyflik.",
                  "The coordinator's Excel add-in seuranta.xlam: the same actions from Excel's ribbon."),
    "cmd.addin.short": ("Koordinaattorin Excel-apuohjelma", "Koordinatorns Excel-tillägg",
                        "The coordinator's Excel add-in"),
    "cmd.addin.build": ("Rakentaa apuohjelman seuranta.xlam kansion macros/ makroista ja xlwingsin ajoympäristöstä.",
                        "Bygger tillägget seuranta.xlam av makrona i macros/ och xlwings körmiljö.",
                        "Builds seuranta.xlam from the macros in macros/ and xlwings' runtime."),
    "cmd.addin.build.short": ("Rakenna apuohjelma", "Bygg tillägget", "Build the add-in"),
    "cmd.addin.install": ("Kopioi seuranta.xlam Excelin apuohjelmakansioon (Windows, macOS).",
                          "Kopierar seuranta.xlam till Excels mapp för tillägg (Windows, macOS).",
                          "Copies seuranta.xlam to Excel's add-in folder (Windows, macOS)."),
    "cmd.addin.install.short": ("Asenna apuohjelma", "Installera tillägget", "Install the add-in"),
    "cmd.returns": ("Jokainen palautuksen versio vastuutahoittain: voimassa, mukana, korvattu, vedetty pois tai "
                    "hylätty, ja sen havainnot (ks. docs/returns.md). Alakomennoilla withdraw ja prefer "
                    "koordinaattori ratkaisee, mikä versio lasketaan.",
                    "Varje version av varje retur per ansvarig: gäller, med, ersatt, återkallad eller avvisad, och "
                    "dess fynd (se docs/returns.md). Med underkommandona withdraw och prefer avgör koordinatorn "
                    "vilken version som räknas.",
                    "Every version of every return by department: in force, current, superseded, withdrawn or "
                    "rejected, and its findings (see docs/returns.md). With withdraw and prefer the coordinator "
                    "decides which version counts."),
    "cmd.returns.short": ("Palautusten versiot ja koordinaattorin ratkaisut", "Returernas versioner och beslut",
                          "Every version of the returns, and decisions"),
    "cmd.returns.withdraw": ("Vetää version pois: se ei lasketa, mutta jää kirjanpitoon (kumoa: --undo).",
                             "Återkallar en version: den räknas inte men blir kvar i liggaren (ångra: --undo).",
                             "Withdraws a version: it does not count but stays in the ledger (undo: --undo)."),
    "cmd.returns.withdraw.short": ("Vedä versio pois", "Återkalla en version", "Withdraw a version"),
    "cmd.returns.prefer": ("Ratkaisee kaksi toisistaan poikkeavaa versiota: tämä on voimassa (kumoa: --undo).",
                           "Avgör två versioner som skiljer sig: denna gäller (ångra: --undo).",
                           "Settles two current versions that disagree: this one is in force (undo: --undo)."),
    "cmd.returns.prefer.short": ("Valitse voimassa oleva versio", "Välj versionen som gäller",
                                 "Choose the version in force"),
    "opt.returns.withdraw.undo": ("Kumoa poisveto (versio lasketaan taas).", "Ångra återkallelsen (versionen räknas "
                                  "igen).", "Take the withdrawal back (the version counts again)."),
    "opt.returns.prefer.undo": ("Kumoa valinta (versioiden järjestys ratkaisee taas).",
                                "Ångra valet (versionernas ordning avgör igen).",
                                "Take the preference back (the version order decides again)."),
    "opt.check.project": ("Projektikansio (oletus: nykyinen kansio tai lähin yläkansio, jossa on seuranta.toml); "
                          "projektin ulkopuolella tiedostot tarkistetaan ilman allekirjoitusta.",
                          "Projektmappen (standard: den aktuella mappen eller närmaste överordnade med seuranta.toml); "
                          "utanför ett projekt kontrolleras filerna utan signaturen.",
                          "Project folder (default: the current folder or the nearest above it with seuranta.toml); "
                          "outside any project the files are checked without the signature."),
    "opt.addin.build.interpreter": ("Python, jota painikkeet ajavat Excel-koneella (oletus: tämä Python Windowsissa "
                                    "ja macOS:ssä).", "Python som knapparna kör på Excel-datorn (standard: denna "
                                    "Python på Windows och macOS).", "The Python the buttons run, on the Excel "
                                    "machine (default: this Python on Windows and macOS)."),
    "opt.project": ("Projektikansio (oletus: nykyinen kansio tai lähin yläkansio, jossa on seuranta.toml).",
                    "Projektmappen (standard: den aktuella mappen eller närmaste överordnade mapp med seuranta.toml).",
                    "Project folder (default: the current folder or the nearest folder above it with seuranta.toml)."),
    "opt.init.project": ("Kansio, johon projekti luodaan (oletus: nykyinen kansio).",
                         "Mappen där projektet skapas (standard: den aktuella mappen).",
                         "Folder to create the project in (default: the current folder)."),
    "opt.round": ("Kierroksen tunnus (oletus: uusin kierros).", "Omgångens id (standard: den senaste omgången).",
                  "Round id (default: the latest round)."),
    "opt.json": ("Tulosta yksi JSON-asiakirja eikä mitään muuta (avaimet englanniksi, ks. docs/json.md).",
                 "Skriv ut ett JSON-dokument och inget annat (nycklar på engelska, se docs/json.md).",
                 "Print one JSON document and nothing else (keys in English, see docs/json.md)."),
    "opt.all": ("Näytä kaikki havainnot (oletus: enintään 3 samaa havaintoa vastuutahoa kohden).",
                "Visa alla fynd (standard: högst 3 likadana fynd per ansvarig).",
                "Show every finding (default: at most 3 of one kind per department)."),
    "opt.department": ("Vain tämä vastuutaho.", "Bara denna ansvariga.", "Only this department."),
    "opt.strategy": ("Strategiataulukko (.xlsx tai .csv).", "Strategitabellen (.xlsx eller .csv).",
                     "The strategy table (.xlsx or .csv)."),
    "opt.preset": ("Taulukon rakenne; tunnistetaan otsikoista, jos ei annettu.",
                   "Tabellens layout; känns igen från rubrikerna om den inte anges.",
                   "The table's layout; detected from the headers when omitted."),
    "opt.mapping": ("Sarakemääritys (TOML) muulle rakenteelle (ks. docs/mapping.md).",
                    "Kolumnbeskrivning (TOML) för en annan layout (se docs/mapping.md).",
                    "Column mapping (TOML) for another layout (see docs/mapping.md)."),
    "opt.results-round": ("Tuo taulukon arviot ja kommentit aiempana kierroksena tällä tunnuksella.",
                          "Importera tabellens bedömningar och kommentarer som en tidigare omgång med detta id.",
                          "Import the grades and comments in the table as a past round with this id."),
    "opt.scale": ("Asteikko (1-5, 1-5-kuvaus, kylla-kesken-ei tai seuranta.toml:n oma); oletus: projektin asteikko.",
                  "Skala (1-5, 1-5-kuvaus, kylla-kesken-ei eller en egen i seuranta.toml); standard: projektets skala.",
                  "Scale (1-5, 1-5-kuvaus, kylla-kesken-ei or one of seuranta.toml); default: the project's scale."),
    "opt.name": ("Organisaation nimi työkirjoissa ja raporteissa, esim. ”Kemin kaupunki”.",
                 "Organisationens namn i arbetsböckerna och rapporterna, t.ex. ”Kemi stad”.",
                 "The organisation's name in the workbooks and reports, e.g. “City of Kemi”."),
    "opt.language": ("Uuden projektin kieli (oletus: SEURANTA_LANG tai fi); myöhemmin seuranta.toml: language.",
                     "Det nya projektets språk (standard: SEURANTA_LANG eller fi); senare seuranta.toml: language.",
                     "The new project's language (default: SEURANTA_LANG or fi); later seuranta.toml: language."),
    "opt.force": ("Tuo uudelleen olemassa olevaan projektiin (kirjanpito ja tunnisteet säilyvät).",
                  "Importera på nytt till ett befintligt projekt (liggaren och id:n behålls).",
                  "Re-import into an existing project (the ledger and the ids are kept)."),
    "opt.title": ("Kierroksen otsikko työkirjoissa, esim. ”Kevät 2025” (oletus: tunnus).",
                  "Omgångens rubrik i arbetsböckerna, t.ex. ”Våren 2025” (standard: id).",
                  "The round's title in the workbooks, e.g. “Spring 2025” (default: the id)."),
    "opt.deadline": ("Palautuksen määräaika: 15.5.2025 tai 2025-05-15.", "Tidsfrist för returen: 15.5.2025 eller "
                     "2025-05-15.", "The return deadline: 15.5.2025 or 2025-05-15."),
    "opt.round.new.scale": ("Kierroksen asteikko (oletus: projektin asteikko).",
                            "Omgångens skala (standard: projektets skala).", "The round's scale (default: the project's)."),
    "opt.carry-comments": ("Tuo edellisen kierroksen kommentit työkirjoihin pohjaksi (koskematon kommentti "
                           "raportoidaan, sitä ei oteta uudeksi arvioksi).",
                           "För in föregående omgångs kommentarer i arbetsböckerna som utgångspunkt (en orörd "
                           "kommentar rapporteras och tas inte som en ny bedömning).",
                           "Start the workbooks from the previous round's comments (one left untouched is reported, "
                           "never taken as a new assessment)."),
    "opt.inputs": ("Mitä kierros kysyy (keuruu, tuusula, kemi, taulukko-2024 tai seuranta.toml:n [inputs]); "
                   "oletus: arvio ja kommentti.",
                   "Vad omgången frågar (keuruu, tuusula, kemi, taulukko-2024 eller [inputs] i seuranta.toml); "
                   "standard: bedömning och kommentar.",
                   "What the round asks (keuruu, tuusula, kemi, taulukko-2024 or seuranta.toml's [inputs]); "
                   "default: grade and comment."),
    "opt.round.edit.title": ("Uusi otsikko.", "Ny rubrik.", "A new title."),
    "opt.round.edit.deadline": ("Uusi määräaika: 15.5.2025 tai 2025-05-15.", "Ny tidsfrist: 15.5.2025 eller 2025-05-15.",
                                "A new deadline: 15.5.2025 or 2025-05-15."),
    "opt.no-deadline": ("Poista määräaika.", "Ta bort tidsfristen.", "Remove the deadline."),
    "opt.only-changed": ("Vain vastuutahot, joiden työkirja on tehty vanhemmasta strategian tekstistä (tai "
                         "puuttuu).", "Bara de ansvariga vars arbetsbok gjordes av en äldre strategitext (eller "
                         "saknas).", "Only the departments whose workbook was made from an older strategy text "
                         "(or never made)."),
    "opt.send.out": ("Kansio luonnoksille; oletus: PROJEKTI/lahetys/KIERROS.", "Mapp för utkasten; standard: "
                     "PROJEKT/lahetys/OMGÅNG.", "Folder for the drafts; default: PROJECT/lahetys/ROUND."),
    "opt.remind.out": ("Kansio luonnoksille; oletus: PROJEKTI/lahetys/KIERROS/muistutus_PVM.",
                       "Mapp för utkasten; standard: PROJEKT/lahetys/OMGÅNG/muistutus_DATUM.",
                       "Folder for the drafts; default: PROJECT/lahetys/ROUND/muistutus_DATE."),
    "opt.generate.out": ("Kansio työkirjoille (luodaan; samannimiset korvataan); oletus: PROJEKTI/lomakkeet/KIERROS.",
                         "Mapp för arbetsböckerna (skapas; filer med samma namn ersätts); standard: "
                         "PROJEKT/lomakkeet/OMGÅNG.", "Folder for the workbooks (created; files of the same name are "
                         "replaced); default: PROJECT/lomakkeet/ROUND."),
    "opt.report.format": ("xlsx (taulukot ja kaaviot), docx (Word, pystysivu), csv, md (sähköpostiin) tai all "
                          "(kaikki neljä).", "xlsx (tabeller och diagram), docx (Word, stående), csv, md (för e-post) "
                          "eller all (alla fyra).", "xlsx (tables and charts), docx (Word, portrait), csv, md (for "
                          "e-mail) or all (all four)."),
    "opt.report.out": ("Tiedosto (kansio, kun --format all); oletus: PROJEKTI/raportit/KIERROS_raportti.MUOTO.",
                       "Fil (mapp med --format all); standard: PROJEKT/raportit/OMGÅNG_raportti.FORMAT.",
                       "Output file (a folder with --format all); default: PROJECT/raportit/ROUND_raportti.FORMAT."),
    "opt.export.format": ("csv (Excel avaa sellaisenaan) tai json.", "csv (Excel öppnar den direkt) eller json.",
                          "csv (Excel opens it as it is) or json."),
    "opt.export.out": ("Tiedosto; oletus: tulosta.", "Fil; standard: skriv ut.", "Output file; default: print it."),
    "opt.addin.build.out": ("Mihin apuohjelma kirjoitetaan.", "Var tillägget skrivs.", "Where to write the add-in."),
    "opt.addin.install.file": ("Aiemmin rakennettu apuohjelma; oletus: rakenna uusi.",
                               "Ett tidigare byggt tillägg; standard: bygg ett nytt.",
                               "An add-in built earlier; default: build a fresh one."),
    "opt.version": ("Näytä versio.", "Visa versionen.", "Show the version."),
    "metavar.file": ("TIEDOSTO", "FIL", "FILE"),
    "metavar.files": ("TIEDOSTO...", "FIL...", "FILE..."),
    "metavar.folder": ("KANSIO", "MAPP", "DIR"),
    "metavar.round": ("TUNNUS", "ID", "ID"),
    "metavar.date": ("PVM", "DATUM", "DATE"),
    "metavar.name": ("NIMI", "NAMN", "NAME"),
    "metavar.text": ("TEKSTI", "TEXT", "TEXT"),
    "metavar.scale": ("ASTEIKKO", "SKALA", "SCALE"),
    "metavar.inputs": ("SYÖTTEET", "INMATNINGAR", "INPUTS"),
    "metavar.options": ("[VALINNAT]", "[ALTERNATIV]", "[OPTIONS]"),
    "metavar.command": ("KOMENTO [ARGUMENTIT]...", "KOMMANDO [ARGUMENT]...", "COMMAND [ARGS]..."),
    "date.invalid": ("”{value}” ei ole päivämäärä: kirjoita muodossa 15.5.2025 tai 2025-05-15.",
                     "”{value}” är inget datum: skriv 15.5.2025 eller 2025-05-15.",
                     "“{value}” is not a date: write 15.5.2025 or 2025-05-15."),
    "state.rejected": ("hylätty", "avvisad", "refused"),
    # ------------------------------------------------------------------ versions of returns (seuranta returns)
    "version.current": ("mukana", "med", "current"),
    "version.ready": ("valmis, hyväksyjä {a}", "klar, godkänd av {a}", "ready, approved by {a}"),
    "version.ready-unapproved": ("valmis (hyväksyjä puuttuu)", "klar (godkännare saknas)", "ready (no approver)"),
    "version.in_force": ("voimassa", "gäller", "in force"),
    "version.superseded": ("korvattu", "ersatt", "superseded"),
    "version.withdrawn": ("vedetty pois", "återkallad", "withdrawn"),
    "version.rejected": ("hylätty", "avvisad", "rejected"),
    "version.why.preferred": ("koordinaattorin valinta", "koordinatorns val", "preferred by the coordinator"),
    "version.why.saved": ("tallennettu viimeksi", "senast sparad", "saved last"),
    "version.why.arrival": ("saapui viimeksi", "kom sist", "arrived last"),
    "version.withdraw": ("{f} vedetty pois; se ei enää ole voimassa (kumoa: --undo).",
                         "{f} återkallad; den gäller inte längre (ångra: --undo).",
                         "{f} withdrawn; it no longer counts (undo: --undo)."),
    "version.reinstate": ("{f} palautettu; se on taas voimassa, jos se on kansiossa.",
                          "{f} återställd; den gäller igen om den finns i mappen.",
                          "{f} reinstated; it counts again while it is in the folder."),
    "version.prefer": ("{f} on nyt voimassa vastuutahonsa versioista (kumoa: --undo).",
                       "{f} gäller nu bland den ansvarigas versioner (ångra: --undo).",
                       "{f} is now in force among its department's versions (undo: --undo)."),
    "version.unprefer": ("{f}: valinta kumottu; versioiden järjestys ratkaisee taas.",
                         "{f}: valet ångrat; versionernas ordning avgör igen.",
                         "{f}: preference taken back; the version order decides again."),
    "col.first_seen": ("Nähty ensin", "Sågs först", "First seen"),
    "col.state": ("Tila", "Status", "State"),
    "col.findings": ("Havainnot", "Fynd", "Findings"),
    "master.history": ("Versiot", "Versioner", "Versions"),
    "check.standalone": ("Tarkistettu ilman projektia: rakenne, asteikko, pituudet ja kaavat. Allekirjoitus "
                         "tarkistetaan, kun koordinaattori vastaanottaa tiedoston.",
                         "Kontrollerad utan projekt: struktur, skala, längder och formler. Signaturen kontrolleras "
                         "när koordinatorn tar emot filen.",
                         "Checked without a project: structure, scale, lengths and formulas. The signature is "
                         "verified when the coordinator receives the file."),
    # ------------------------------------------------------------------ the command line
    "cli.error": ("Virhe", "Fel", "Error"),
    "cli.interrupted": ("Keskeytetty.", "Avbrutet.", "Interrupted."),
    "cli.unexpected": ("Odottamaton virhe: {e} — tiedot tallennettu: {log}; ilmoita kehittäjille.",
                       "Oväntat fel: {e} — detaljer sparade: {log}; meddela utvecklarna.",
                       "Unexpected error: {e} — details saved to {log}; please report it."),
    "cli.round-opened": ("Kierros {id} avattu (asteikko {scale}).", "Omgång {id} öppnad (skala {scale}).",
                         "Round {id} opened (scale {scale})."),
    "cli.generated": ("Kierros {r}: {n} työkirjaa kansioon {d}", "Omgång {r}: {n} arbetsböcker i {d}",
                      "Round {r}: {n} workbooks in {d}"),
    "cli.sync-master": ("Koontityökirja: {p}", "Sammanställning: {p}", "Master workbook: {p}"),
    "cli.status-totals": ("Palautettu {a}/{b}, arvioitu {c}/{d} toimenpidettä.",
                          "Returnerade {a}/{b}, bedömda {c}/{d} åtgärder.",
                          "Returned {a}/{b}, graded {c}/{d} actions."),
    "cli.report-empty": ("Kierroksella {r} ei ole vielä palautuksia; raportti kertoo sen.",
                         "Omgång {r} har ännu inga returer; rapporten säger det.",
                         "Round {r} has no returns yet; the report says so."),
    "cli.report-written": ("Raportti kirjoitettu: {p}", "Rapporten skriven: {p}", "Report written: {p}"),
    "cli.addin-written": ("Apuohjelma kirjoitettu: {p}", "Tillägget skrivet: {p}", "Add-in written: {p}"),
    "cli.addin-installed": ("Asennettu: {p}. Käynnistä Excel uudelleen; Seuranta-välilehti tulee näkyviin.",
                            "Installerat: {p}. Starta om Excel; fliken Seuranta visas.",
                            "Installed: {p}. Restart Excel; the Seuranta tab appears."),
    "cli.next": ("Seuraavaksi: {what}", "Nästa steg: {what}", "Next: {what}"),
    "cli.project": ("Projekti: {p}", "Projekt: {p}", "Project: {p}"),
    "cli.round-opened-deadline": ("Kierros {id} avattu: ”{title}”, asteikko {scale}, määräaika {deadline}.",
                                  "Omgång {id} öppnad: ”{title}”, skala {scale}, tidsfrist {deadline}.",
                                  "Round {id} opened: “{title}”, scale {scale}, deadline {deadline}."),
    "cli.round-opened-nograde": ("Kierros {id} avattu: ”{title}”, ilman arviota, määräaika {deadline}.",
                                 "Omgång {id} öppnad: ”{title}”, utan bedömning, tidsfrist {deadline}.",
                                 "Round {id} opened: “{title}”, no grade, deadline {deadline}."),
    "cli.round-opened-nograde-no-deadline": ("Kierros {id} avattu: ”{title}”, ilman arviota, ei määräaikaa.",
                                             "Omgång {id} öppnad: ”{title}”, utan bedömning, ingen tidsfrist.",
                                             "Round {id} opened: “{title}”, no grade, no deadline."),
    "cli.round-opened-no-deadline": ("Kierros {id} avattu: ”{title}”, asteikko {scale}, ei määräaikaa.",
                                     "Omgång {id} öppnad: ”{title}”, skala {scale}, ingen tidsfrist.",
                                     "Round {id} opened: “{title}”, scale {scale}, no deadline."),
    "cli.round-inputs": ("Kysytään: {inputs}.", "Frågas: {inputs}.", "Asked: {inputs}."),
    "cli.input-required": ("{title} (pakollinen)", "{title} (obligatorisk)", "{title} (required)"),
    "cli.generated-n": ("Kierros {r}: {workbooks} kansioon {d}", "Omgång {r}: {workbooks} i {d}",
                        "Round {r}: {workbooks} in {d}"),
    "next.round-new": ("seuranta round new {id} --deadline {date}", "seuranta round new {id} --deadline {date}",
                       "seuranta round new {id} --deadline {date}"),
    "next.generate": ("seuranta generate", "seuranta generate", "seuranta generate"),
    "next.send": ("seuranta send (viestiluonnokset työkirjoineen); palautukset tallennetaan kansioon {folder}, "
                  "sitten seuranta sync",
                  "seuranta send (utkast med arbetsböckerna); returerna sparas i {folder}, sedan seuranta sync",
                  "seuranta send (mail drafts with the workbooks); save the returns in {folder}, then seuranta sync"),
    "next.fix-import": ("korjaa lähdetaulukko tai lisää [aliases] tiedostoon seuranta.toml ja tuo uudelleen "
                        "(seuranta init … --force), tai jatka: {then}",
                        "rätta källtabellen eller lägg till [aliases] i seuranta.toml och importera på nytt "
                        "(seuranta init … --force), eller fortsätt: {then}",
                        "fix the source table or add [aliases] to seuranta.toml and re-import (seuranta init … "
                        "--force), or go on: {then}"),
    "next.check-fix": ("pyydä vastuutahoa korjaamaan virheet ja palauttamaan työkirja (seuranta remind kirjoittaa "
                       "viestin, joka luettelee ne); sitten seuranta sync",
                       "be den ansvariga rätta felen och returnera arbetsboken (seuranta remind skriver ett "
                       "meddelande som listar dem); sedan seuranta sync",
                       "ask the department to fix the errors and return the workbook (seuranta remind writes a "
                       "message listing them); then seuranta sync"),
    "next.sync": ("seuranta sync", "seuranta sync", "seuranta sync"),
    "next.status": ("seuranta status", "seuranta status", "seuranta status"),
    "next.wait": ("odota puuttuvia palautuksia ({missing}) ja aja seuranta sync, kun niitä tulee",
                  "vänta på de returer som saknas ({missing}) och kör seuranta sync när de kommer",
                  "wait for the missing returns ({missing}) and run seuranta sync when they arrive"),
    "next.chase": ("määräaika on mennyt: seuranta remind (muistutukset vastuutahoille, joilta palautus puuttuu: "
                   "{missing})",
                   "tidsfristen har gått ut: seuranta remind (påminnelser till de ansvariga vars retur saknas: "
                   "{missing})",
                   "the deadline has passed: seuranta remind (reminders for the departments whose return is missing: "
                   "{missing})"),
    "next.drafts": ("pyydä luonnosvaiheessa olevia merkitsemään lomake valmiiksi ({drafts}): seuranta remind "
                    "kirjoittaa viestit; sitten seuranta sync",
                    "be dem vars retur är ett utkast att markera blanketten som klar ({drafts}): seuranta remind "
                    "skriver meddelandena; sedan seuranta sync",
                    "ask the departments whose return is a draft to mark it ready ({drafts}): seuranta remind "
                    "writes the messages; then seuranta sync"),
    "next.report": ("seuranta report --format all", "seuranta report --format all", "seuranta report --format all"),
    "next.paste": ("liitä docx-raportin taulukot talousarvioon tai tilinpäätökseen; koneluettava vienti: "
                   "seuranta export --format csv --out vienti.csv",
                   "klistra in docx-rapportens tabeller i budgeten eller bokslutet; maskinläsbar export: "
                   "seuranta export --format csv --out export.csv",
                   "paste the docx report's tables into the budget book; machine export: "
                   "seuranta export --format csv --out export.csv"),
    "next.addin-install": ("seuranta addin install --file {p}", "seuranta addin install --file {p}",
                           "seuranta addin install --file {p}"),
    "next.demo": ("cd {p} && seuranta status", "cd {p} && seuranta status", "cd {p} && seuranta status"),
    "round.spring": ("kevat", "var", "spring"),
    "round.autumn": ("syksy", "host", "autumn"),
    "init.organisation": ("Organisaatio: {name}", "Organisation: {name}", "Organisation: {name}"),
    "init.organisation-default": ("Organisaatio: {name} (oletus, koska --name puuttui; vaihda rivi organisation "
                                  "tiedostossa seuranta.toml ennen seuranta generate)",
                                  "Organisation: {name} (standard, eftersom --name saknades; ändra raden organisation "
                                  "i seuranta.toml före seuranta generate)",
                                  "Organisation: {name} (a default, as --name was not given; change the line "
                                  "organisation in seuranta.toml before seuranta generate)"),
    "init.ask-name": ("Organisaation nimi (näkyy työkirjoissa ja raporteissa)",
                      "Organisationens namn (syns i arbetsböckerna och rapporterna)",
                      "The organisation's name (shown in the workbooks and reports)"),
    "init.done": ("Valmis: {actions}, {departments}; havainnot: {counts}.",
                  "Klart: {actions}, {departments}; fynd: {counts}.",
                  "Done: {actions}, {departments}; findings: {counts}."),
    "status.title-state": ("Kierros {r} – {t} ({state})", "Omgång {r} – {t} ({state})", "Round {r} – {t} ({state})"),
    "status.deadline-left": ("Määräaika {date}: {days} jäljellä.", "Tidsfrist {date}: {days} kvar.",
                             "Deadline {date}: {days} left."),
    "status.deadline-today": ("Määräaika on tänään {date}.", "Tidsfristen är i dag {date}.",
                              "The deadline is today, {date}."),
    "status.deadline-passed": ("Määräaika {date} meni {days} sitten.", "Tidsfristen {date} gick ut för {days} sedan.",
                               "The deadline {date} passed {days} ago."),
    "status.no-deadline": ("Kierroksella ei ole määräaikaa.", "Omgången har ingen tidsfrist.",
                           "The round has no deadline."),
    "status.totals-filled": ("Palautettu {a}/{b}, täytetty {c}/{d} toimenpidettä; havainnot: {counts}.",
                             "Returnerade {a}/{b}, ifyllda {c}/{d} åtgärder; fynd: {counts}.",
                             "Returned {a}/{b}, {c}/{d} actions filled in; findings: {counts}."),
    "status.totals": ("Palautettu {a}/{b}, arvioitu {c}/{d} toimenpidettä; havainnot: {counts}.",
                      "Returnerade {a}/{b}, bedömda {c}/{d} åtgärder; fynd: {counts}.",
                      "Returned {a}/{b}, graded {c}/{d} actions; findings: {counts}."),
    "status.approved": ("hyväksyjä: {a}", "godkänd av: {a}", "approved by: {a}"),
    "status.drafts": ("Luonnoksia {n} (ei merkitty valmiiksi, ei laskettu palautetuiksi; arvot ovat koosteessa "
                      "luonnoksina): {d}.",
                      "Utkast {n} (inte markerade som klara, inte räknade som returnerade; värdena finns i "
                      "sammanställningen som utkast): {d}.",
                      "Drafts {n} (not marked ready, not counted as returned; their values are in the master as "
                      "drafts): {d}."),
    "findings.title": ("Havainnot ({counts}):", "Fynd ({counts}):", "Findings ({counts}):"),
    "findings.group": ("{department}: {counts}", "{department}: {counts}", "{department}: {counts}"),
    "findings.other": ("Muut havainnot", "Övriga fynd", "Other findings"),
    "findings.file": ("tiedosto {f}", "fil {f}", "file {f}"),
    "findings.more": ("{more}: {code} ({where})", "{more}: {code} ({where})", "{more}: {code} ({where})"),
    "findings.where-status": ("kaikki: seuranta status --all tai master.xlsx", "alla: seuranta status --all eller "
                              "master.xlsx", "all: seuranta status --all or master.xlsx"),
    "findings.where-all": ("kaikki: lisää --all", "alla: lägg till --all", "all: add --all"),
    "findings.none": ("ei havaintoja", "inga fynd", "no findings"),
    "check.summary": ("Tarkistettu {files}: {ok} hyväksytty, {bad} virheineen; havainnot: {counts}.",
                      "Kontrollerade {files}: {ok} godkända, {bad} med fel; fynd: {counts}.",
                      "Checked {files}: {ok} accepted, {bad} with errors; findings: {counts}."),
    "sync.done": ("Kierros {r}: {files}; {new}, {same} ennallaan, {rej} hylätty; havainnot: {counts}.",
                  "Omgång {r}: {files}; {new}, {same} oförändrade, {rej} avvisade; fynd: {counts}.",
                  "Round {r}: {files}; {new}, {same} unchanged, {rej} refused; findings: {counts}."),
    "export.written": ("Vienti kirjoitettu: {p} ({rows}, {fmt}).", "Exporten skriven: {p} ({rows}, {fmt}).",
                       "Export written: {p} ({rows}, {fmt})."),
    "export.json-needs-out": ("--json kertoo, mihin vienti kirjoitettiin: anna myös --out TIEDOSTO.",
                              "--json berättar var exporten skrevs: ange också --out FIL.",
                              "--json tells where the export was written: give --out FILE too."),
    "report.written-all": ("Raportit kirjoitettu kansioon {d}: {names}", "Rapporterna skrivna i {d}: {names}",
                           "Reports written to {d}: {names}"),
    "cli.addin-python": ("Python, jota painikkeet käyttävät: {i}", "Python som knapparna använder: {i}",
                         "Python the buttons run: {i}"),
    "cli.addin-no-python": ("Pythonia ei kirjattu (tässä käyttöjärjestelmässä ei ole Exceliä): anna Excel-koneen "
                            "Python valitsimella --interpreter tai aja 'seuranta addin install' Excel-koneella.",
                            "Ingen Python angiven (det här systemet har inget Excel): ange Excel-datorns Python med "
                            "--interpreter eller kör 'seuranta addin install' på Excel-datorn.",
                            "No Python recorded (this OS has no Excel): pass the Excel machine's Python with "
                            "--interpreter, or run 'seuranta addin install' on the Excel machine."),
    # ------------------------------------------------------------------ check and sync (CLI and add-in)
    "check.accepted": ("hyväksytty", "godkänd", "accepted"),
    "check.errors": ("virheitä", "fel", "errors"),
    "check.errors-n": ("virheitä: {n}", "fel: {n}", "errors: {n}"),
    # ------------------------------------------------------------------ strategy import
    "init.detected": ("Rakenne tunnistettiin otsikoista: {l}", "Layouten identifierades: {l}",
                      "Layout detected from the headers: {l}"),
    "init.layout": ("Rakenne: {l}", "Layout: {l}", "Layout: {l}"),
    "init.created": ("Projekti luotu", "Projekt skapat", "Project created"),
    "init.reimported": ("Tuotiin uudelleen", "Omimporterat", "Re-imported"),
    "init.counts": ("{verb} {root}: {a} toimenpidettä, {g} tavoitetta, {f} painopistettä",
                    "{verb} {root}: {a} åtgärder, {g} mål, {f} fokusområden",
                    "{verb} {root}: {a} actions, {g} goals, {f} focus areas"),
    "init.departments": ("Vastuutahot ({n}): {d}", "Ansvariga ({n}): {d}", "Departments ({n}): {d}"),
    "init.past-round": ("Aiempi kierros {r} tuotu ({c})", "Tidigare omgång {r} importerad ({c})",
                        "Past round {r} imported ({c})"),
    "init.goal-statuses": ("Tavoitteiden oma tilanne tuotu: {n} (Tavoitteet-välilehti raportissa ja "
                           "koontityökirjassa)",
                           "Målens eget läge importerat: {n} (fliken Mål i rapporten och sammanställningen)",
                           "Goals' own status imported: {n} (the Goals sheet of the report and the master)"),
    "init.past-round-title": ("Tuotu: {f}", "Importerad: {f}", "Imported: {f}"),
    # ------------------------------------------------------------------ master.xlsx
    "master.title": ("Strategian seuranta", "Uppföljning av strategin", "Strategy follow-up"),
    "master.wide": ("Toimenpiteet", "Åtgärder", "Actions"),
    "master.long": ("Kaikki arviot", "Alla bedömningar", "All entries"),
    "master.returns": ("Palautukset", "Returer", "Returns"),
    "master.findings": ("Havainnot", "Fynd", "Findings"),
    "master.grade": ("arvio", "bedömning", "grade"),
    "master.label": ("selite", "beskrivning", "label"),
    "master.comment": ("kommentti", "kommentar", "comment"),
    "master.source": ("lähde", "källa", "source"),
    "master.open": ("Avaa kohta", "Öppna", "Open"),
    # ------------------------------------------------------------------ reports
    "report.title": ("Strategian seuranta", "Uppföljning av strategin", "Strategy follow-up"),
    "report.round": ("Kierros", "Omgång", "Round"),
    "report.previous": ("Edellinen kierros", "Föregående omgång", "Previous round"),
    "report.no_previous": ("ei edellistä kierrosta", "ingen föregående omgång", "no previous round"),
    "report.not_comparable": ("asteikot eivät ole vertailukelpoisia", "skalorna är inte jämförbara",
                              "the scales cannot be compared"),
    "report.deadline": ("Määräaika", "Sista dag", "Deadline"),
    "report.made": ("Raportti laadittu", "Rapporten skapad", "Report made"),
    "report.scale": ("Asteikko", "Skala", "Scale"),
    "report.no_returns": ("Kierrokselle {r} ei ole vielä yhtään palautusta: taulukoissa ei ole arvioita.",
                          "Omgång {r} har ännu inga returer: tabellerna har inga bedömningar.",
                          "Round {r} has no returns yet: the tables hold no grades."),
    "report.drafts": ("Luonnoksina ({n}; ei merkitty valmiiksi, arviot ovat mukana luvuissa): {d}",
                      "Som utkast ({n}; inte markerade som klara, bedömningarna ingår i siffrorna): {d}",
                      "As drafts ({n}; not marked ready, their grades are in the figures): {d}"),
    "report.drafts_filled": ("Luonnoksina ({n}; ei merkitty valmiiksi, vastaukset ovat mukana luvuissa): {d}",
                             "Som utkast ({n}; inte markerade som klara, svaren ingår i siffrorna): {d}",
                             "As drafts ({n}; not marked ready, their answers are in the figures): {d}"),
    "report.missing": ("Palauttamatta ({n}): {d}", "Inte returnerat ({n}): {d}", "Not returned ({n}): {d}"),
    "report.returned": ("Palauttanut {a}/{b} vastuutahoa, arvioitu {c}/{d} toimenpidettä.",
                        "{a}/{b} ansvariga har returnerat, {c}/{d} åtgärder bedömda.",
                        "{a}/{b} departments returned, {c}/{d} actions graded."),
    "report.by_fa": ("Painopisteittäin", "Per fokusområde", "By focus area"),
    "report.by_dept": ("Vastuutahoittain", "Per ansvarig", "By department"),
    "report.shares_fa": ("Arvioiden osuudet painopisteittäin", "Bedömningarnas andelar per fokusområde",
                         "Grade shares by focus area"),
    "report.shares_dept": ("Arvioiden osuudet vastuutahoittain", "Bedömningarnas andelar per ansvarig",
                           "Grade shares by department"),
    "report.counts_fa": ("Arviot painopisteittäin, lukumäärät", "Bedömningar per fokusområde, antal",
                         "Grades by focus area, counts"),
    "report.counts_dept": ("Arviot vastuutahoittain, lukumäärät", "Bedömningar per ansvarig, antal",
                           "Grades by department, counts"),
    "report.measures_fa": ("Tunnusluvut painopisteittäin", "Nyckeltal per fokusområde", "Key figures by focus area"),
    "report.measures_dept": ("Tunnusluvut vastuutahoittain", "Nyckeltal per ansvarig", "Key figures by department"),
    "report.chart_alt": ("{title}: vaakasuora pinottu pylväs kullekin ryhmälle, osuudet arvioittain (ei arviota: "
                         "valkoinen, pisteytetty). Samat luvut ovat taulukossa ”{table}”.",
                         "{title}: en liggande staplad stapel per grupp, andelar per bedömning (ingen bedömning: vit, "
                         "prickad). Samma siffror finns i tabellen ”{table}”.",
                         "{title}: one horizontal stacked bar per group, shares by grade (no grade: white, dotted). "
                         "The same figures are in the table “{table}”."),
    "report.moves_caption": ("Toimenpiteet, joiden arvio muuttui", "Åtgärder vars bedömning ändrades",
                             "Actions whose grade changed"),
    "report.list_caption": ("{fa}: toimenpiteet ja arviot", "{fa}: åtgärder och bedömningar", "{fa}: actions and grades"),
    "report.focus_area": ("Painopiste", "Fokusområde", "Focus area"),
    "report.grouping": ("Ryhmittely", "Gruppering", "Grouping"),
    "report.group": ("Ryhmä", "Grupp", "Group"),
    "report.all": ("Kaikki", "Alla", "All"),
    "report.no_grade": ("Ei arviota", "Ingen bedömning", "No grade"),
    "report.average": ("Keskiarvo", "Medelvärde", "Average"),
    "report.done": ("Valmiina ({v})", "Klara ({v})", "Done ({v})"),
    "report.improved": ("Parani", "Bättre", "Improved"),
    "report.same": ("Ennallaan", "Oförändrad", "Same"),
    "report.worse": ("Heikkeni", "Sämre", "Worse"),
    "report.changes": ("Muutokset edellisestä kierroksesta", "Förändringar sedan föregående omgång",
                       "Changes from the previous round"),
    "report.changes_sheet": ("Muutokset", "Förändringar", "Changes"),
    "report.summary_sheet": ("Yhteenveto", "Sammanfattning", "Summary"),
    "report.list_sheet": ("Toimenpiteet", "Åtgärder", "Actions"),
    "report.no_moves": ("Yhdenkään toimenpiteen arvio ei muuttunut.", "Ingen bedömning ändrades.",
                        "No grade changed."),
    "report.moves_line": ("{i} parani, {s} ennallaan, {w} heikkeni ({c} verrattavissa, {n} ilman vertailuparia).",
                          "{i} bättre, {s} oförändrade, {w} sämre ({c} jämförbara, {n} utan jämförelse).",
                          "{i} improved, {s} same, {w} worse ({c} compared, {n} without a pair)."),
    "report.list": ("Toimenpiteet painopisteittäin", "Åtgärder per fokusområde", "Actions by focus area"),
    "report.goal": ("Tavoite", "Mål", "Goal"),
    "report.goals": ("Tavoitteiden tilanne", "Målens läge", "Status per goal"),
    "report.goals_sheet": ("Tavoitteet", "Mål", "Goals"),
    "report.goals_caption": ("Tavoitteiden tilanne: toimenpiteiden arvioiden mediaani",
                             "Målens läge: medianen av åtgärdernas bedömningar",
                             "Status per goal: the median of its actions' grades"),
    "report.goals_note": ("Tavoitteen tilanne on sen toimenpiteiden arvioiden mediaani (parillisesta määrästä "
                          "alempi keskimmäisistä); arvioimattomat toimenpiteet eivät ole mukana.",
                          "Målets läge är medianen av dess åtgärders bedömningar (vid ett jämnt antal den lägre av "
                          "de två mittersta); åtgärder utan bedömning räknas inte.",
                          "A goal's status is the median of its actions' grades (the lower middle one of an even "
                          "number); actions without a grade are left out."),
    "report.goals_source_note": ("”Lähteen tilanne” on tavoitteen kokonaistilanne tuodusta taulukosta "
                                 "sellaisenaan.",
                                 "”Källans läge” är målets helhetsläge i den importerade tabellen, som sådant.",
                                 "“Source status” is the goal's overall status in the imported table, as it was."),
    "report.level": ("Taso", "Nivå", "Level"),
    "report.graded": ("Arvioitu", "Bedömda", "Graded"),
    "report.median": ("Mediaani", "Median", "Median"),
    "report.source_status": ("Lähteen tilanne", "Källans läge", "Source status"),
    "report.action": ("Toimenpide", "Åtgärd", "Action"),
    "report.grade": ("Arvio", "Bedömning", "Grade"),
    "report.label": ("Selite", "Beskrivning", "Label"),
    "report.comment": ("Kommentti", "Kommentar", "Comment"),
    "report.before": ("Aiempi", "Tidigare", "Before"),
    "report.now": ("Nyt", "Nu", "Now"),
    "report.direction": ("Suunta", "Riktning", "Direction"),
    "report.up": ("parani", "bättre", "improved"),
    "report.down": ("heikkeni", "sämre", "worse"),
    "report.shares_note": ("Osuudet lasketaan kaikista toimenpiteistä; valmiina = asteikon ylin arvo ({v}).",
                           "Andelarna räknas av alla åtgärder; klara = skalans högsta steg ({v}).",
                           "Shares are of all actions; done = the scale's top step ({v})."),
    # ------------------------------------------------------------------ the Excel add-in
    "addin.findings-sheet": ("Havainnot", "Fynd", "Findings"),
    "addin.status-sheet": ("Tilanne", "Läge", "Status"),
    "addin.reading": ("Seuranta: luetaan {i}/{n} {name}", "Seuranta: läser {i}/{n} {name}",
                      "Seuranta: reading {i}/{n} {name}"),
    "addin.unexpected": ("Odottamaton virhe: {e}\n\nLisätiedot: {log}", "Oväntat fel: {e}\n\nDetaljer: {log}",
                         "Unexpected error: {e}\n\nDetails: {log}"),
    "addin.project-folder": ("Projektikansio: {p}", "Projektmapp: {p}", "Project folder: {p}"),
    # ------------------------------------------------------------------ the demo
    "demo.step1": ("Lähtötaulukko (Keuruu, seuranta 2023): {table}", "Källtabell (Keuruu, uppföljning 2023): {table}",
                   "Source table (Keuruu, follow-up 2023): {table}"),
    "demo.step2": ("seuranta init: {actions}, {departments}; aiempi kierros {r} tuotu ({counts})",
                   "seuranta init: {actions}, {departments}; tidigare omgång {r} importerad ({counts})",
                   "seuranta init: {actions}, {departments}; past round {r} imported ({counts})"),
    "demo.step3": ("Alias ”{a}” → ”{b}”, tuotu uudelleen: {departments}, tunnisteet säilyivät",
                   "Alias ”{a}” → ”{b}”, omimporterat: {departments}, id:na behölls",
                   "Alias “{a}” → “{b}”, re-imported: {departments}, the ids were kept"),
    "demo.step4": ("seuranta round new {r} + generate: {workbooks} → {d}",
                   "seuranta round new {r} + generate: {workbooks} → {d}",
                   "seuranta round new {r} + generate: {workbooks} → {d}"),
    "demo.step5": ("Vastuutahot täyttävät työkirjat (vain lukitsemattomat solut) → {d}",
                   "De ansvariga fyller i arbetsböckerna (bara olåsta celler) → {d}",
                   "The departments fill in their workbooks (unlocked cells only) → {d}"),
    "demo.silent": ("- {dept}: ei palauta lainkaan", "- {dept}: returnerar inte alls", "- {dept}: does not return at all"),
    "demo.twice": ("- {dept}: palauttaa kahdesti (keskeneräinen luonnos 20.5., valmiiksi merkitty 28.5.)",
                   "- {dept}: returnerar två gånger (ofärdigt utkast 20.5., markerad som klar 28.5.)",
                   "- {dept}: returns twice (an unfinished draft on 20 May, marked ready on 28 May)"),
    "demo.draft": ("lomaketta ei merkitty valmiiksi: luonnos", "blanketten inte markerad som klar: utkast",
                   "the form is not marked ready: a draft"),
    "demo.empty": ("{aid}: arvio jätetty tyhjäksi", "{aid}: bedömningen lämnad tom", "{aid}: grade left empty"),
    "demo.six": ("{aid}: arvio 6 (asteikko 1-5)", "{aid}: bedömning 6 (skala 1-5)", "{aid}: grade 6 on a 1-5 scale"),
    "demo.long": ("{aid}: kommentti {n} merkkiä", "{aid}: kommentar på {n} tecken", "{aid}: a comment of {n} characters"),
    "demo.space": ("{aid}: arvio kirjoitettu ”{g} ” välilyönnillä", "{aid}: bedömningen skriven ”{g} ” med mellanslag",
                   "{aid}: grade typed “{g} ” with a space"),
    "demo.step6": ("seuranta sync: {files}, {returns} kirjattu; havainnot: {counts} (tahallisia)",
                   "seuranta sync: {files}, {returns} registrerade; fynd: {counts} (avsiktliga)",
                   "seuranta sync: {files}, {returns} recorded; findings: {counts} (deliberate)"),
    "demo.step7": ("seuranta report ({formats}) → {d}", "seuranta report ({formats}) → {d}",
                   "seuranta report ({formats}) → {d}"),
    "demo.import-findings": ("tuonnin havainnot: ", "importfynd: ", "import findings: "),
    "demo.mistakes": ("Tahalliset virheet, jotta havainnot näkyvät:", "Avsiktliga fel, så att fynden syns:",
                      "Deliberate mistakes, so that the findings show:"),
    "demo.done": ("Valmis. Avaa {x} tai {d}; koontityökirja: {m}", "Klart. Öppna {x} eller {d}; sammanställning: {m}",
                  "Done. Open {x} or {d}; master workbook: {m}"),

    # ------------------------------------------------------------------ the round's life (issue 13)
    "master.final": ("lopullinen", "slutlig", "final"),
    "report.returned_filled": ("Palauttanut {a}/{b} vastuutahoa, täytetty {c}/{d} toimenpidettä.",
                               "Returnerat {a}/{b} ansvariga, ifyllt {c}/{d} åtgärder.",
                               "Returned by {a}/{b} departments, {c}/{d} actions filled in."),
    "report.asked": ("Kysytty: {inputs}", "Frågat: {inputs}", "Asked: {inputs}"),
    "report.filled": ("Täytetty", "Ifyllda", "Filled in"),
    "report.not_filled": ("Puuttuu", "Saknas", "Missing"),
    "report.filled_share": ("Täytetty %", "Ifyllda %", "Filled in %"),
    "report.filled_fa": ("Täyttö painopisteittäin", "Ifyllnad per fokusområde", "Filled in by focus area"),
    "report.filled_dept": ("Täyttö vastuutahoittain", "Ifyllnad per ansvarig", "Filled in by department"),
    "report.filled_note": ("Kierroksella ei ole arviota: täytetty = kaikki pakolliset sarakkeet ({inputs}) on täytetty.",
                           "Omgången har ingen bedömning: ifylld = alla obligatoriska kolumner ({inputs}) är ifyllda.",
                           "The round asks no grade: filled in = every required column ({inputs}) holds a value."),
    "report.indicator": ("Mittari", "Mätare", "Indicator"),
    "report.list_caption_inputs": ("{fa}: toimenpiteet ja {inputs}", "{fa}: åtgärder och {inputs}",
                                   "{fa}: actions and {inputs}"),
    "report.final": ("lopullinen, suljettu {d}", "slutlig, stängd {d}", "final, closed {d}"),
    "round.open": ("avoinna", "öppen", "open"),
    "round.closed": ("suljettu", "stängd", "closed"),
    "round.imported": ("tuotu", "importerad", "imported"),
    "round.no-deadline": ("ei määräaikaa", "ingen tidsfrist", "no deadline"),
    "round.days-left": ("määräaika {d}, {days} jäljellä", "tidsfrist {d}, {days} kvar", "deadline {d}, {days} left"),
    "round.due-today": ("määräaika {d} on tänään", "tidsfristen {d} är i dag", "deadline {d} is today"),
    "round.days-over": ("määräaika {d} meni {days} sitten", "tidsfristen {d} gick ut för {days} sedan",
                        "deadline {d} passed {days} ago"),
    "round.scale": ("asteikko {s}", "skala {s}", "scale {s}"),
    "round.list-empty": ("Projektissa ei ole vielä kierroksia.", "Projektet har ännu inga omgångar.",
                         "The project has no rounds yet."),
    "round.list-line": ("{rounds}, joista avoinna {open}; uusin {latest}.", "{rounds}, öppna: {open}; den senaste "
                        "{latest}.", "{rounds}, {open} open; the latest {latest}."),
    "status.closed": ("Kierros suljettiin {date} (määräaika {deadline}); sen tila on jäädytetty, myöhästyneet "
                      "palautukset kirjataan mutta niitä ei yhdistetä.",
                      "Omgången stängdes {date} (tidsfrist {deadline}); dess läge är fryst, sena returer registreras "
                      "men slås inte samman.",
                      "The round was closed on {date} (deadline {deadline}); its state is frozen, late returns are "
                      "recorded but not merged."),
    "round.edited": ("Kierros {r} muutettu (kirjattu): ”{title}”.", "Omgång {r} ändrad (registrerat): ”{title}”.",
                     "Round {r} changed (recorded): “{title}”."),
    "round.closed-line": ("Kierros {r} suljettu (kirjattu): tila jäädytetty; koontityökirja merkitty "
                          "lopulliseksi: {m}. Myöhästyneet palautukset kirjataan, mutta niitä ei yhdistetä.",
                          "Omgång {r} stängd (registrerat): läget fryst; sammanställningen märkt slutlig: {m}. Sena "
                          "returer registreras men slås inte samman.",
                          "Round {r} closed (recorded): its state is frozen; the master is marked final: {m}. Late "
                          "returns are recorded, never merged."),
    "round.reopened-line": ("Kierros {r} avattu uudelleen (kirjattu); koontityökirja: {m}.",
                            "Omgång {r} öppnad igen (registrerat); sammanställning: {m}.",
                            "Round {r} reopened (recorded); master workbook: {m}."),
    "round.carried": ("Lomakkeille tuodaan kierroksen {p} kommentit pohjaksi; koskematon kommentti raportoidaan.",
                      "Omgång {p}s kommentarer förs in i blanketterna som utgångspunkt; en orörd kommentar rapporteras.",
                      "The workbooks start from round {p}'s comments; a comment left untouched is reported."),
    "sync.late": ("Kierros {r} on suljettu: myöhästyneinä kirjattuja uusia tiedostoja {n}; mitään ei yhdistetty.",
                  "Omgång {r} är stängd: nya filer registrerade som sena: {n}; inget slogs samman.",
                  "Round {r} is closed: new files recorded as late returns: {n}; nothing merged."),
    "round.deadline": ("määräaika {d}", "tidsfrist {d}", "deadline {d}"),
    "contacts.imported": ("Yhteystiedot tuotu tiedostosta {f}: {departments}, {people} → {c}; havainnot: {counts}.",
                          "Kontaktuppgifter importerade från {f}: {departments}, {people} → {c}; fynd: {counts}.",
                          "Contacts imported from {f}: {departments}, {people} → {c}; findings: {counts}."),
    "contacts.without": ("Ilman yhteyshenkilöä ({n}): {d}", "Utan kontaktperson ({n}): {d}", "Without a contact ({n}): {d}"),
    "contacts.shown": ("yhteyshenkilö: {c}", "kontaktperson: {c}", "contact: {c}"),
    "mail.template-written": ("Viestipohja kirjoitettu: {p} (muokkaa sitä kunnan omaksi tekstiksi)",
                              "Meddelandemall skriven: {p} (redigera den till kommunens egen text)",
                              "Message template written: {p} (edit it into the municipality's own text)"),
    "mail.sent": ("Kierros {r}: {drafts} kansioon {d}", "Omgång {r}: {drafts} i {d}", "Round {r}: {drafts} in {d}"),
    "mail.reminded": ("Kierros {r}: {drafts} kansioon {d}", "Omgång {r}: {drafts} i {d}", "Round {r}: {drafts} in {d}"),
    "mail.draft-line": ("{recipients}; liite {a}", "{recipients}; bilaga {a}", "{recipients}; attached {a}"),
    "mail.skipped": ("Ei muistutettavaa ({n}): {d}", "Inget att påminna om ({n}): {d}", "Nothing to remind of ({n}): {d}"),
    "mail.summary": ("{drafts}, {recipients}; havainnot: {counts}. Mitään ei lähetetty.",
                     "{drafts}, {recipients}; fynd: {counts}. Inget skickades.",
                     "{drafts}, {recipients}; findings: {counts}. Nothing was sent."),
    "diff.head": ("Strategian muutokset (versio {a} → {b}): {added} lisätty, {removed} poistettu, {reworded} muotoiltu "
                  "uudelleen, {moved} siirretty, otsikoita muutettu {renamed}; tunnisteet säilyivät ({same} ennallaan)",
                  "Ändringar i strategin (version {a} → {b}): {added} tillagda, {removed} borttagna, {reworded} "
                  "omformulerade, {moved} flyttade, ändrade rubriker {renamed}; id:na behölls ({same} oförändrade)",
                  "Strategy changes (version {a} → {b}): {added} added, {removed} removed, {reworded} reworded, "
                  "{moved} moved, headings renamed {renamed}; ids kept ({same} unchanged)"),
    "diff.none": ("Toimenpiteisiin ei tullut muutoksia.", "Inga ändringar i åtgärderna.", "No action changed."),
    "diff.added": ("+ {id} ({d}): ”{t}”", "+ {id} ({d}): ”{t}”", "+ {id} ({d}): “{t}”"),
    "diff.removed": ("- {id} ({d}): ”{t}”", "- {id} ({d}): ”{t}”", "- {id} ({d}): “{t}”"),
    "diff.reworded-text": ("~ {id} ({d}): ”{old}” → ”{new}”", "~ {id} ({d}): ”{old}” → ”{new}”",
                           "~ {id} ({d}): “{old}” → “{new}”"),
    "diff.reworded-indicator": ("~ {id} ({d}) mittari: ”{old}” → ”{new}”", "~ {id} ({d}) mätare: ”{old}” → ”{new}”",
                                "~ {id} ({d}) indicator: “{old}” → “{new}”"),
    "diff.reworded-target": ("~ {id} ({d}) mittarin tavoitetaso: ”{old}” → ”{new}”",
                             "~ {id} ({d}) målnivå för mätaren: ”{old}” → ”{new}”",
                             "~ {id} ({d}) target level: “{old}” → “{new}”"),
    "diff.reworded-sdg": ("~ {id} ({d}) SDG-tavoitteet: ”{old}” → ”{new}”",
                          "~ {id} ({d}) mål för hållbar utveckling: ”{old}” → ”{new}”",
                          "~ {id} ({d}) SDG goals: “{old}” → “{new}”"),
    "diff.reworded-responsible": ("~ {id} ({d}) vastuuhenkilö: ”{old}” → ”{new}”",
                                  "~ {id} ({d}) ansvarsperson: ”{old}” → ”{new}”",
                                  "~ {id} ({d}) responsible person: “{old}” → “{new}”"),
    "diff.reworded-schedule": ("~ {id} ({d}) aikataulu: ”{old}” → ”{new}”", "~ {id} ({d}) tidtabell: ”{old}” → ”{new}”",
                               "~ {id} ({d}) schedule: “{old}” → “{new}”"),
    "diff.moved": ("> {id}: {a} → {b} (”{t}”)", "> {id}: {a} → {b} (”{t}”)", "> {id}: {a} → {b} (“{t}”)"),
    "diff.renamed-focus_area": ("~ painopiste {id}: ”{old}” → ”{new}”", "~ fokusområde {id}: ”{old}” → ”{new}”",
                                "~ focus area {id}: “{old}” → “{new}”"),
    "diff.renamed-goal": ("~ tavoite {id}: ”{old}” → ”{new}”", "~ mål {id}: ”{old}” → ”{new}”",
                          "~ goal {id}: “{old}” → “{new}”"),
    "diff.outdated": ("Kierroksen {r} lomakkeet on tehty vanhasta tekstistä ({n}): {d}; uudet: seuranta generate "
                      "--only-changed",
                      "Omgång {r}s blanketter gjordes av den gamla texten ({n}): {d}; nya: seuranta generate "
                      "--only-changed",
                      "Round {r}'s workbooks were made from the old text ({n}): {d}; new ones: seuranta generate "
                      "--only-changed"),
    "diff.saved": ("Muutokset tallennettu: {p}", "Ändringarna sparade: {p}", "Changes saved: {p}"),
    "location.network": ("verkkolevyllä", "på en nätverksenhet", "on a network share"),
    "location.synced": ("synkronoidussa kansiossa", "i en synkroniserad mapp", "in a synced folder"),
    "location.warning": ("Huom: projektikansio on {where} ({detail}). Kirjanpito seuranta.db käyttää siksi "
                         "rollback-journalia (ei erillistä -wal-tiedostoa), ja lukitus on tiedosto .seuranta.lock, "
                         "joka nimeää koneen. Aja seurantaa yhdeltä koneelta kerrallaan ja anna synkronoinnin "
                         "valmistua ennen kuin avaat projektin toisella koneella.",
                         "Obs: projektmappen finns {where} ({detail}). Liggaren seuranta.db använder därför en "
                         "återställningsjournal (ingen separat -wal-fil), och låset är filen .seuranta.lock som "
                         "namnger datorn. Kör seuranta från en dator i taget och låt synkroniseringen bli klar "
                         "innan du öppnar projektet på en annan dator.",
                         "Note: the project folder is {where} ({detail}). So the ledger seuranta.db uses a rollback "
                         "journal (no separate -wal file), and the lock is the file .seuranta.lock, which names its "
                         "host. Run seuranta from one machine at a time, and let the sync finish before you open the "
                         "project on another machine."),
    "location.conflict": ("Kansiossa on synkronoinnin ristiriitakopioita kirjanpidosta: {files}. Kirjanpito on voinut "
                          "haarautua kahdella koneella: älä poista niitä ennen kuin olet selvittänyt, kumpi on oikea "
                          "(docs/reliability.md).",
                          "Mappen har synkroniseringens konfliktkopior av liggaren: {files}. Liggaren kan ha delats "
                          "på två datorer: ta inte bort dem innan du har utrett vilken som är rätt (docs/reliability.md).",
                          "The folder holds a sync client's conflict copies of the ledger: {files}. The ledger may "
                          "have forked on two machines: do not delete them before you know which one is right "
                          "(docs/reliability.md)."),
    "generate.unchanged": ("Ajan tasalla, ei kirjoitettu uudelleen ({n}): {d}", "Aktuella, skrevs inte om ({n}): {d}",
                           "Up to date, not written again ({n}): {d}"),
    "strategy.done": ("Strategia päivitetty (versio {v}): {actions}, {departments}; havainnot: {counts}.",
                      "Strategin uppdaterad (version {v}): {actions}, {departments}; fynd: {counts}.",
                      "Strategy updated (version {v}): {actions}, {departments}; findings: {counts}."),
    "versions.summary": ("{versions}, {departments}: {states}.", "{versions}, {departments}: {states}.",
                         "{versions}, {departments}: {states}."),
    "versions.none": ("Kierroksella {r} ei ole vielä palautuksia.", "Omgång {r} har ännu inga returer.",
                      "Round {r} has no returns yet."),
    "versions.title": ("Kierros {r}: palautusten versiot", "Omgång {r}: returernas versioner", "Round {r}: versions of the returns"),
    # ------------------------------------------------------------------ next steps of the round's life
    "next.send-drafts": ("avaa luonnokset (Outlook avaa .eml-tiedoston lähetettäväksi viestiksi), tarkista ja lähetä; "
                         "palautukset tallennetaan kansioon {folder}, sitten seuranta sync",
                         "öppna utkasten (Outlook öppnar en .eml-fil som ett meddelande att skicka), kontrollera och "
                         "skicka; returerna sparas i {folder}, sedan seuranta sync",
                         "open the drafts (Outlook opens an .eml file as a message ready to send), check and send "
                         "them; save the returns in {folder}, then seuranta sync"),
    "next.remind-drafts": ("avaa muistutusluonnokset, tarkista ja lähetä; kun korjatut palautukset tulevat, "
                           "seuranta sync",
                           "öppna påminnelseutkasten, kontrollera och skicka; när de rättade returerna kommer, "
                           "seuranta sync",
                           "open the reminder drafts, check and send them; when the corrected returns arrive, "
                           "seuranta sync"),
    "next.nothing-owed": ("kaikki ovat palauttaneet: seuranta round close {r}, sitten seuranta report --format all",
                          "alla har returnerat: seuranta round close {r}, sedan seuranta report --format all",
                          "everyone has returned: seuranta round close {r}, then seuranta report --format all"),
    "next.contacts": ("seuranta send", "seuranta send", "seuranta send"),
    "next.contacts-fix": ("korjaa taulukko ja tuo uudelleen (seuranta contacts import {f}), tai jatka: seuranta send",
                          "rätta tabellen och importera på nytt (seuranta contacts import {f}), eller fortsätt: "
                          "seuranta send",
                          "fix the table and import it again (seuranta contacts import {f}), or go on: seuranta send"),
    "next.only-changed": ("seuranta generate --only-changed, sitten seuranta send",
                          "seuranta generate --only-changed, sedan seuranta send",
                          "seuranta generate --only-changed, then seuranta send"),
    "next.round-edited": ("seuranta generate ja seuranta send: työkirjat ja viestit kertovat otsikon ja määräajan",
                          "seuranta generate och seuranta send: arbetsböckerna och meddelandena visar rubriken och "
                          "tidsfristen",
                          "seuranta generate and seuranta send: the workbooks and drafts show the title and deadline"),
    "next.round-closed": ("seuranta report --format all (raportit merkitään lopullisiksi)",
                          "seuranta report --format all (rapporterna märks slutliga)",
                          "seuranta report --format all (the reports are marked final)"),
    "next.round-reopened": ("seuranta sync (kansion palautukset otetaan mukaan)",
                            "seuranta sync (returerna i mappen tas med)",
                            "seuranta sync (the returns in the folder are taken in)"),
    "next.late": ("ota myöhästyneet mukaan: seuranta round reopen {r} ja seuranta sync; muuten seuranta status",
                  "ta med de sena: seuranta round reopen {r} och seuranta sync; annars seuranta status",
                  "to take the late ones in: seuranta round reopen {r} and seuranta sync; otherwise seuranta status"),
    "next.closed": ("kierros on suljettu: seuranta report --format all; myöhästynyt palautus otetaan mukaan "
                    "komennolla seuranta round reopen {r}",
                    "omgången är stängd: seuranta report --format all; en sen retur tas med genom seuranta round "
                    "reopen {r}",
                    "the round is closed: seuranta report --format all; a late return is taken in with seuranta "
                    "round reopen {r}"),
    "next.versions": ("seuranta status; versio, joka ei saa laskea: seuranta returns withdraw TIEDOSTO",
                      "seuranta status; en version som inte ska räknas: seuranta returns withdraw FIL",
                      "seuranta status; a version that must not count: seuranta returns withdraw FILE"),
    "next.versions-conflict": ("ratkaise ristiriitaiset versiot: seuranta returns prefer TIEDOSTO (ks. seuranta status)",
                               "avgör versioner som skiljer sig: seuranta returns prefer FIL (se seuranta status)",
                               "settle the versions that disagree: seuranta returns prefer FILE (see seuranta status)"),
}


# Counted words: (one, other) per language, chosen by the language's CLDR plural rule (Babel): Finnish
# "1 työkirja" / "3 työkirjaa", Swedish "1 arbetsbok" / "3 arbetsböcker". Each form holds {n}.
PLURALS: dict[str, tuple[tuple[str, str], tuple[str, str], tuple[str, str]]] = {
    "actions": (("{n} toimenpide", "{n} toimenpidettä"), ("{n} åtgärd", "{n} åtgärder"), ("{n} action", "{n} actions")),
    "departments": (("{n} vastuutaho", "{n} vastuutahoa"), ("{n} ansvarig", "{n} ansvariga"),
                    ("{n} department", "{n} departments")),
    "workbooks": (("{n} työkirja", "{n} työkirjaa"), ("{n} arbetsbok", "{n} arbetsböcker"),
                  ("{n} workbook", "{n} workbooks")),
    "files": (("{n} tiedosto", "{n} tiedostoa"), ("{n} fil", "{n} filer"), ("{n} file", "{n} files")),
    "reports": (("{n} raportti", "{n} raporttia"), ("{n} rapport", "{n} rapporter"), ("{n} report", "{n} reports")),
    "rows": (("{n} rivi", "{n} riviä"), ("{n} rad", "{n} rader"), ("{n} row", "{n} rows")),
    "rounds": (("{n} kierros", "{n} kierrosta"), ("{n} omgång", "{n} omgångar"), ("{n} round", "{n} rounds")),
    "days": (("{n} päivä", "{n} päivää"), ("{n} dag", "{n} dagar"), ("{n} day", "{n} days")),
    "returns": (("{n} palautus", "{n} palautusta"), ("{n} retur", "{n} returer"), ("{n} return", "{n} returns")),
    "new-returns": (("{n} uusi palautus", "{n} uutta palautusta"), ("{n} ny retur", "{n} nya returer"),
                    ("{n} new return", "{n} new returns")),
    "errors": (("{n} virhe", "{n} virhettä"), ("{n} fel", "{n} fel"), ("{n} error", "{n} errors")),
    "warnings": (("{n} varoitus", "{n} varoitusta"), ("{n} varning", "{n} varningar"), ("{n} warning", "{n} warnings")),
    "infos": (("{n} tieto", "{n} tietoa"), ("{n} info", "{n} info"), ("{n} info", "{n} info")),
    "versions": (("{n} versio", "{n} versiota"), ("{n} version", "{n} versioner"), ("{n} version", "{n} versions")),
    "drafts": (("{n} lähetysluonnos", "{n} lähetysluonnosta"), ("{n} utkast till utskick", "{n} utkast till utskick"),
               ("{n} draft", "{n} drafts")),
    "reminders": (("{n} muistutusluonnos", "{n} muistutusluonnosta"), ("{n} påminnelseutkast", "{n} påminnelseutkast"),
                  ("{n} reminder draft", "{n} reminder drafts")),
    "recipients": (("{n} vastaanottaja", "{n} vastaanottajaa"), ("{n} mottagare", "{n} mottagare"),
                   ("{n} recipient", "{n} recipients")),
    "people": (("{n} henkilö", "{n} henkilöä"), ("{n} person", "{n} personer"), ("{n} person", "{n} people")),
    "more": (("… ja {n} muu", "… ja {n} muuta"), ("… och {n} till", "… och {n} till"), ("… and {n} more", "… and {n} more")),
}


def plural(key: str, n: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """``n`` with its word in the right form: plural("workbooks", 1, "fi") == "1 työkirja"."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    one, other = PLURALS[key][LANGUAGES.index(lang)]
    return (one if plural_form(n, lang) == "one" else other).format(n=n)


def plural_form(n: int, lang: str) -> str:
    """CLDR's plural category of a whole number in fi, sv and en: "one" for 1 (their rule is
    ``one: i = 1 and v = 0``), else "other" — what babel's Locale.plural_form gives (tests check it),
    without loading babel's locale data at every command's start (about 0.1 s)."""
    if lang not in _PLURAL_LOCALES:
        return Locale.parse(lang).plural_form(abs(n))
    return "one" if abs(n) == 1 else "other"


_PLURAL_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}


def severity_counts(errors: int, warnings: int, infos: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """"2 virhettä, 1 varoitus" (the severities that occur; "ei havaintoja" when none)."""
    parts = [plural(key, n, lang) for key, n in (("errors", errors), ("warnings", warnings), ("infos", infos)) if n]
    return ", ".join(parts) if parts else text("findings.none", lang)


def text(key: str, lang: str = DEFAULT_LANGUAGE, **fields: object) -> str:
    """The message ``key`` in ``lang`` (Finnish for an unknown language), formatted with ``fields``."""
    entry = MESSAGES[key]
    template = entry[LANGUAGES.index(lang)] if lang in LANGUAGES else entry[0]
    return template.format(**fields) if fields else template


def fields_of(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
