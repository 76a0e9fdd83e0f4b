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
    "col.actions": ("Toimenpiteitä", "Åtgärder", "Actions"),
    "col.errors": ("Virheitä", "Fel", "Errors"),
    "col.warnings": ("Varoituksia", "Varningar", "Warnings"),
    "col.received": ("Vastaanotettu", "Mottagen", "Received"),
    "col.saved": ("Tallennettu", "Sparad", "Saved"),
    "col.rows": ("Rivejä", "Rader", "Rows"),
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
    "state.rejected": ("hylätty", "avvisad", "refused"),
    # ------------------------------------------------------------------ versions of returns (seuranta returns)
    "version.current": ("mukana", "med", "current"),
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
    "cli.round-imported": ("tuotu", "importerad", "imported"),
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
    "sync.summary": ("Kierros {r}: {n} tiedostoa, {new} uutta palautusta, {same} ennallaan, {rej} hylätty.",
                     "Omgång {r}: {n} filer, {new} nya returer, {same} oförändrade, {rej} avvisade.",
                     "Round {r}: {n} files, {new} new returns, {same} unchanged, {rej} refused."),
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
    "demo.import-findings": ("tuonnin havainnot: ", "importfynd: ", "import findings: "),
    "demo.mistakes": ("Tahalliset virheet, jotta havainnot näkyvät:", "Avsiktliga fel, så att fynden syns:",
                      "Deliberate mistakes, so that the findings show:"),
    "demo.done": ("Valmis. Avaa {x} tai {d}; koontityökirja: {m}", "Klart. Öppna {x} eller {d}; sammanställning: {m}",
                  "Done. Open {x} or {d}; master workbook: {m}"),
    "demo.try": ("Kokeile: seuranta status --project {p}", "Prova: seuranta status --project {p}",
                 "Try: seuranta status --project {p}"),

    # ------------------------------------------------------------------ the round's life (issue 13)
    "master.final": ("lopullinen", "slutlig", "final"),
    "report.final": ("lopullinen, suljettu {d}", "slutlig, stängd {d}", "final, closed {d}"),
    "round.open": ("avoinna", "öppen", "open"),
    "round.closed": ("suljettu", "stängd", "closed"),
    "round.imported": ("tuotu", "importerad", "imported"),
    "round.no-deadline": ("ei määräaikaa", "ingen sista dag", "no deadline"),
    "round.days-left": ("määräaika {d}, {n} pv jäljellä", "sista dag {d}, {n} d kvar", "deadline {d}, {n} days left"),
    "round.due-today": ("määräaika {d} on tänään", "sista dag {d} är i dag", "deadline {d} is today"),
    "round.days-over": ("määräaika {d} meni {n} pv sitten", "sista dag {d} gick ut för {n} d sedan",
                        "deadline {d} passed {n} days ago"),
    "round.line": ("Kierros {r}: {state}, {deadline}", "Omgång {r}: {state}, {deadline}", "Round {r}: {state}, {deadline}"),
    "round.edited": ("Kierros {r} muutettu: {title}, {deadline}", "Omgång {r} ändrad: {title}, {deadline}",
                     "Round {r} changed: {title}, {deadline}"),
    "round.closed-line": ("Kierros {r} suljettu: tila jäädytetty; koontityökirja merkitty lopulliseksi ({m}). "
                          "Myöhästyneet palautukset kirjataan, mutta niitä ei yhdistetä.",
                          "Omgång {r} stängd: läget fryst; sammanställningen märkt slutlig ({m}). Sena returer "
                          "registreras men slås inte samman.",
                          "Round {r} closed: its state is frozen; the master is marked final ({m}). Late returns are "
                          "recorded, never merged."),
    "round.reopened-line": ("Kierros {r} avattu uudelleen (kirjattu). Seuraava seuranta sync ottaa kansion "
                            "palautukset mukaan.",
                            "Omgång {r} öppnad igen (registrerat). Nästa seuranta sync tar med returerna i mappen.",
                            "Round {r} reopened (recorded). The next seuranta sync takes in the returns in the folder."),
    "round.carried": ("Lomakkeille tuodaan kierroksen {p} kommentit pohjaksi; koskematon kommentti raportoidaan.",
                      "Omgång {p}s kommentarer förs in i blanketterna som utgångspunkt; en orörd kommentar rapporteras.",
                      "The workbooks start from round {p}'s comments; a comment left untouched is reported."),
    "sync.late": ("Kierros {r} on suljettu: myöhästyneiksi kirjattuja uusia tiedostoja {n}, mitään ei yhdistetty.",
                  "Omgång {r} är stängd: nya filer registrerade som sena {n}, inget slogs samman.",
                  "Round {r} is closed: new files recorded as late returns: {n}; nothing merged."),
    "round.deadline": ("määräaika {d}", "sista dag {d}", "deadline {d}"),
    "contacts.imported": ("Yhteystiedot tuotu tiedostosta {f}: {d} vastuutahoa, {n} henkilöä → {c}",
                          "Kontaktuppgifter importerade från {f}: {d} ansvariga, {n} personer → {c}",
                          "Contacts imported from {f}: {d} departments, {n} people → {c}"),
    "contacts.without": ("Ilman yhteyshenkilöä ({n}): {d}", "Utan kontaktperson ({n}): {d}", "Without a contact ({n}): {d}"),
    "mail.template-written": ("Viestipohja kirjoitettu: {p} (muokkaa sitä kunnan omaksi tekstiksi)",
                              "Meddelandemall skriven: {p} (redigera den till kommunens egen text)",
                              "Message template written: {p} (edit it into the municipality's own text)"),
    "mail.sent": ("{n} lähetysluonnosta kansioon {d}", "{n} utkast till utskick i {d}", "{n} drafts in {d}"),
    "mail.reminded": ("{n} muistutusluonnosta kansioon {d}", "{n} utkast till påminnelser i {d}",
                      "{n} reminder drafts in {d}"),
    "mail.recipients": ("vastaanottajia {n}", "mottagare {n}", "recipients {n}"),
    "mail.skipped": ("Ei muistutettavaa ({n}): {d}", "Inget att påminna om ({n}): {d}", "Nothing to remind of ({n}): {d}"),
    "mail.never-sent": ("Luonnoksia ei lähetetty: avaa .eml-tiedosto (Outlook avaa sen lähetettäväksi viestiksi), "
                        "tarkista ja lähetä.",
                        "Utkasten skickades inte: öppna .eml-filen (Outlook öppnar den som ett meddelande att skicka), "
                        "kontrollera och skicka.",
                        "Nothing was sent: open an .eml file (Outlook opens it as a message ready to send), check it, "
                        "send it."),
    "diff.head": ("Strategian muutokset (versio {a} → {b}): {added} lisätty, {removed} poistettu, {reworded} muotoiltu "
                  "uudelleen, {moved} siirretty, {renamed} otsikkoa muutettu; tunnisteet säilyivät ({same} ennallaan)",
                  "Ändringar i strategin (version {a} → {b}): {added} tillagda, {removed} borttagna, {reworded} "
                  "omformulerade, {moved} flyttade, {renamed} rubriker ändrade; id:na behölls ({same} oförändrade)",
                  "Strategy changes (version {a} → {b}): {added} added, {removed} removed, {reworded} reworded, "
                  "{moved} moved, {renamed} headings renamed; ids kept ({same} unchanged)"),
    "diff.none": ("Toimenpiteisiin ei tullut muutoksia.", "Inga ändringar i åtgärderna.", "No action changed."),
    "diff.added": ("+ {id} ({d}): ”{t}”", "+ {id} ({d}): ”{t}”", "+ {id} ({d}): “{t}”"),
    "diff.removed": ("- {id} ({d}): ”{t}”", "- {id} ({d}): ”{t}”", "- {id} ({d}): “{t}”"),
    "diff.reworded-text": ("~ {id} ({d}): ”{old}” → ”{new}”", "~ {id} ({d}): ”{old}” → ”{new}”",
                           "~ {id} ({d}): “{old}” → “{new}”"),
    "diff.reworded-indicator": ("~ {id} ({d}) mittari: ”{old}” → ”{new}”", "~ {id} ({d}) mätare: ”{old}” → ”{new}”",
                                "~ {id} ({d}) indicator: “{old}” → “{new}”"),
    "diff.moved": ("> {id}: {a} → {b} (”{t}”)", "> {id}: {a} → {b} (”{t}”)", "> {id}: {a} → {b} (“{t}”)"),
    "diff.renamed-focus_area": ("~ painopiste {id}: ”{old}” → ”{new}”", "~ fokusområde {id}: ”{old}” → ”{new}”",
                                "~ focus area {id}: “{old}” → “{new}”"),
    "diff.renamed-goal": ("~ tavoite {id}: ”{old}” → ”{new}”", "~ mål {id}: ”{old}” → ”{new}”",
                          "~ goal {id}: “{old}” → “{new}”"),
    "diff.outdated": ("Kierroksen {r} lomakkeet on tehty vanhasta tekstistä ({n}): {d} — seuranta generate "
                      "--only-changed, sitten seuranta send",
                      "Omgång {r}s blanketter gjordes av den gamla texten ({n}): {d} — seuranta generate "
                      "--only-changed, sedan seuranta send",
                      "Round {r}'s workbooks were made from the old text ({n}): {d} — seuranta generate "
                      "--only-changed, then seuranta send"),
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
    "generate.returns-go": ("Palautukset tallennetaan kansioon {d}, sitten: seuranta sync",
                            "Returerna sparas i mappen {d}, sedan: seuranta sync",
                            "Save the returns into {d}, then run: seuranta sync"),}


def text(key: str, lang: str = DEFAULT_LANGUAGE, **fields: object) -> str:
    """The message ``key`` in ``lang`` (Finnish for an unknown language), formatted with ``fields``."""
    entry = MESSAGES[key]
    template = entry[LANGUAGES.index(lang)] if lang in LANGUAGES else entry[0]
    return template.format(**fields) if fields else template


def fields_of(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
