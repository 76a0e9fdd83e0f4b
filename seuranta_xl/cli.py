"""The `seuranta` command line: each command opens the project, calls one library function and shows
its result. Typed errors become one line and exit 2; findings of severity error give exit 1.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from seuranta_xl import __version__
from seuranta_xl.core.errors import UserError
from seuranta_xl.core.findings import Finding, findings_document, has_errors
from seuranta_xl.present.i18n import pick

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

_SEVERITY_LABEL = {
    "fi": {"error": "virhe", "warning": "varoitus", "info": "tieto"},
    "sv": {"error": "fel", "warning": "varning", "info": "info"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def cli_language() -> str:
    """The language for messages before a project's config is read: SEURANTA_LANG, else Finnish."""
    import os
    lang = os.environ.get("SEURANTA_LANG", "fi")
    return lang if lang in ("fi", "sv", "en") else "fi"


def handle_errors(func):
    """Turn typed errors into one line on stderr and exit 2; never a traceback."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except UserError as exc:
            err.print(f"[bold red]{pick({'fi': 'Virhe', 'sv': 'Fel', 'en': 'Error'}, cli_language())}:[/] "
                      f"{exc.one_line(cli_language())}", markup=True, highlight=False)
            sys.exit(2)
        except KeyboardInterrupt:
            err.print("Keskeytetty.")
            sys.exit(2)
        except click.ClickException:
            raise
        except Exception as exc:  # a bug: one line for the user, the traceback in a log for us
            log = _crash_log(exc)
            err.print(pick({"fi": "Odottamaton virhe: {e} — tiedot tallennettu: {log}; ilmoita kehittäjille.",
                            "sv": "Oväntat fel: {e} — detaljer sparade: {log}; meddela utvecklarna.",
                            "en": "Unexpected error: {e} — details saved to {log}; please report it."},
                           cli_language(), e=f"{type(exc).__name__}: {exc}", log=log), markup=False)
            sys.exit(2)
    return wrapper


def _crash_log(exc: BaseException) -> str:
    import tempfile
    import traceback
    path = Path(tempfile.gettempdir()) / "seuranta-xl-crash.log"
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} {' '.join(sys.argv)}\n")
            fh.write("".join(traceback.format_exception(exc)))
    except OSError:
        return "-"
    return str(path)


def print_findings(findings: list[Finding], lang: str, title: str | None = None) -> None:
    if not findings:
        out.print(pick({"fi": "Ei havaintoja.", "sv": "Inga fynd.", "en": "No findings."}, lang))
        return
    table = Table(title=title, show_lines=False, expand=False)
    table.add_column(pick({"fi": "Vakavuus", "sv": "Allvar", "en": "Severity"}, lang))
    table.add_column(pick({"fi": "Koodi", "sv": "Kod", "en": "Code"}, lang))
    table.add_column(pick({"fi": "Sijainti", "sv": "Plats", "en": "Location"}, lang), overflow="fold")
    table.add_column("ID")
    table.add_column(pick({"fi": "Havainto", "sv": "Fynd", "en": "Finding"}, lang), overflow="fold")
    table.add_column(pick({"fi": "Mitä tehdä", "sv": "Vad göra", "en": "What to do"}, lang), overflow="fold")
    for f in findings:
        sev = f.severity.value
        table.add_row(f"[{_SEVERITY_STYLE[sev]}]{_SEVERITY_LABEL[lang][sev]}[/]", f.code, f.location(),
                      f.action_id or "", f.message(lang), f.hint(lang))
    out.print(table)


def emit_json(document: dict) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, default=str))


def exit_for(findings: list[Finding]) -> None:
    sys.exit(1 if has_errors(findings) else 0)


project_option = click.option(
    "--project", "project_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
    show_default=True, help="Project folder / Projektikansio.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="seuranta")
def main() -> None:
    """seuranta-xl: strategian seuranta Excel-työkirjoilla.

    Strategy follow-up rounds for Finnish municipalities through protected Excel workbooks.
    """


# ---------------------------------------------------------------------------------------- init
@main.command()
@click.option("--strategy", "strategy_file", required=True, type=click.Path(path_type=Path),
              help="Strategy table (.xlsx or .csv) / Strategiataulukko.")
@click.option("--preset", type=click.Choice(["keuruu", "tuusula", "kemi", "taulukko-2024"]),
              help="Layout preset; detected from the headers when omitted.")
@click.option("--mapping", type=click.Path(path_type=Path), help="Column mapping (TOML) for another layout.")
@click.option("--results-round", help="Import the grades and comments already in the table as this past round.")
@click.option("--scale", help="Scale preset (1-5, 1-5-kuvaus, kylla-kesken-ei); detected when omitted.")
@click.option("--name", help="Organisation name shown in the workbooks.")
@click.option("--force", is_flag=True, help="Re-import into an existing project (the ledger is kept).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@project_option
@handle_errors
def init(strategy_file, preset, mapping, results_round, scale, name, force, as_json, project_dir):
    """Create a project from a strategy table / Luo projekti strategiataulukosta."""
    from seuranta_xl.strategy.importer import init_project

    result = init_project(Path(project_dir), strategy_file, preset=preset, mapping=mapping,
                          results_round=results_round, scale=scale, name=name, force=force)
    lang = result.language
    if as_json:
        emit_json(findings_document(result.findings, lang, **result.summary()))
    else:
        for line in result.summary_lines():
            out.print(line)
        print_findings(result.findings, lang)
    exit_for(result.findings)


# ---------------------------------------------------------------------------------------- rounds
@main.group()
def round():  # noqa: A001 - the command is called "round"
    """Reporting rounds / Seurantakierrokset."""


@round.command("new")
@click.argument("round_id")
@click.option("--title", default="", help="Title shown in the workbooks.")
@click.option("--deadline", type=click.DateTime(formats=["%Y-%m-%d"]), help="YYYY-MM-DD")
@click.option("--scale", help="Scale preset; default: the project's scale.")
@project_option
@handle_errors
def round_new(round_id, title, deadline, scale, project_dir):
    """Open a new round / Avaa uusi kierros."""
    from seuranta_xl.store.rounds import new_round

    rnd, lang = new_round(Path(project_dir), round_id, title=title,
                          deadline=deadline.date() if isinstance(deadline, dt.datetime) else None, scale=scale)
    out.print(pick({"fi": "Kierros {id} avattu (asteikko {scale}).", "sv": "Omgång {id} öppnad (skala {scale}).",
                    "en": "Round {id} opened (scale {scale})."}, lang, id=rnd.id, scale=rnd.scale.name))


@round.command("list")
@project_option
@handle_errors
def round_list(project_dir):
    """List rounds / Listaa kierrokset."""
    from seuranta_xl.store.project import Project

    project = Project(project_dir)
    project.load_config()
    with project.ledger() as ledger:
        for r in ledger.rounds():
            kind = " (tuotu)" if r.imported else ""
            out.print(f"{r.id}\t{r.title}\t{r.deadline or ''}\t{r.scale.name}{kind}")


# ---------------------------------------------------------------------------------------- generate
@main.command()
@click.option("--round", "round_id", help="Round id; default: the latest round.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              help="Output folder (created; files of the same name are replaced); default: PROJECT/lomakkeet/ROUND.")
@project_option
@handle_errors
def generate(round_id, out_dir, project_dir):
    """Write one workbook per department / Kirjoita lomake jokaiselle vastuutaholle."""
    from seuranta_xl.workbook.generate import generate_round

    result = generate_round(Path(project_dir), round_id=round_id, out_dir=out_dir)
    lang = result.language
    out.print(pick({"fi": "Kierros {r}: {n} työkirjaa kansioon {d}", "sv": "Omgång {r}: {n} arbetsböcker i {d}",
                    "en": "Round {r}: {n} workbooks in {d}"}, lang, r=result.round_id, n=len(result.files),
                   d=result.out_dir))
    for path, count in result.files:
        out.print(f"  {path.name}  ({count})")


# ---------------------------------------------------------------------------------------- returns
@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--round", "round_id", help="Round id; default: the latest live round (as sync).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.option("--project", "project_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Project folder / Projektikansio (default: the current folder; outside any project the "
                   "files are checked without the signature).")
@handle_errors
def check(files, round_id, as_json, project_dir):
    """Validate returned workbooks without merging / Tarkista palautukset yhdistämättä."""
    from seuranta_xl.returns.check import check_files, check_standalone
    from seuranta_xl.store.project import Project

    standalone = project_dir is None and not Project(Path(".")).config_path.exists()
    if standalone:
        results, lang = check_standalone(list(files)), cli_language()
    else:
        results, lang = check_files(Path(project_dir or "."), list(files), round_id=round_id)
    findings = [f for v in results for f in v.findings]
    if as_json:
        emit_json(findings_document(findings, lang, files=len(results), signature_verified=not standalone))
    else:
        for v in results:
            verdict = pick({"fi": "hyväksytty", "sv": "godkänd", "en": "accepted"}, lang) if v.accepted and not v.n_errors \
                else pick({"fi": "virheitä", "sv": "fel", "en": "errors"}, lang)
            out.print(f"{v.file_name}: {v.department or '?'} — {verdict}")
        print_findings(findings, lang)
        if standalone:
            out.print(pick(STANDALONE_NOTE, lang))
    exit_for(findings)


STANDALONE_NOTE = {
    "fi": "Tarkistettu ilman projektia: rakenne, asteikko, pituudet ja kaavat. Allekirjoitus tarkistetaan, kun "
          "koordinaattori vastaanottaa tiedoston.",
    "sv": "Kontrollerad utan projekt: struktur, skala, längder och formler. Signaturen kontrolleras när "
          "koordinatorn tar emot filen.",
    "en": "Checked without a project: structure, scale, lengths and formulas. The signature is verified when the "
          "coordinator receives the file."}


@main.group("returns", invoke_without_command=True)
@click.option("--round", "round_id", help="Round id; default: the latest round.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@project_option
@click.pass_context
@handle_errors
def returns_cmd(ctx, round_id, as_json, project_dir):
    """Every version of every return: current / superseded / withdrawn / rejected / Palautusten versiot."""
    if ctx.invoked_subcommand is not None:
        return
    from seuranta_xl.present.versions import versions_table
    from seuranta_xl.returns.history import round_history, version_document

    view, lang = round_history(Path(project_dir), round_id)
    if as_json:
        emit_json({"round": view.round.id, "versions": [version_document(v) for v in view.state.versions]})
        return
    out.print(versions_table(view.round.id, view.state.versions, lang))


def _decision(kind: str, file, round_id, undo, project_dir) -> None:
    from seuranta_xl.present.versions import decision_line
    from seuranta_xl.returns.history import decide

    decision, lang = decide(Path(project_dir), kind, Path(file), round_id=round_id, undo=undo)
    out.print(decision_line(decision, lang))


@returns_cmd.command("withdraw")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--round", "round_id", help="Round id; default: the latest round.")
@click.option("--undo", is_flag=True, help="Take the withdrawal back (the version counts again).")
@project_option
@handle_errors
def returns_withdraw(file, round_id, undo, project_dir):
    """A version that must not count (kept in the ledger) / Vedä versio pois."""
    _decision("withdraw", file, round_id, undo, project_dir)


@returns_cmd.command("prefer")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--round", "round_id", help="Round id; default: the latest round.")
@click.option("--undo", is_flag=True, help="Take the preference back (the version order decides again).")
@project_option
@handle_errors
def returns_prefer(file, round_id, undo, project_dir):
    """Settle two current versions that disagree: this one is in force / Valitse voimassa oleva versio."""
    _decision("prefer", file, round_id, undo, project_dir)


@main.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--round", "round_id", help="Round id; default: the latest round.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@project_option
@handle_errors
def sync(folder, round_id, as_json, project_dir):
    """Validate all returns, record them and rebuild master.xlsx / Yhdistä palautukset."""
    from rich.progress import Progress

    from seuranta_xl.returns.sync import sync_folder

    bar = Progress(console=err, transient=True, disable=as_json)
    with bar:
        task = bar.add_task("sync", total=None)

        def progress(i: int, n: int, name: str) -> None:
            bar.update(task, completed=i, total=n, description=name[:40])

        result = sync_folder(Path(project_dir), folder, round_id, progress=progress)
    lang = result.language
    if as_json:
        emit_json(findings_document(result.findings, lang, **result.summary()))
    else:
        out.print(pick({"fi": "Kierros {r}: {n} tiedostoa, {new} uutta palautusta, {same} ennallaan, {rej} hylätty.",
                        "sv": "Omgång {r}: {n} filer, {new} nya returer, {same} oförändrade, {rej} avvisade.",
                        "en": "Round {r}: {n} files, {new} new returns, {same} unchanged, {rej} refused."}, lang,
                       r=result.round_id, n=result.files_seen, new=result.new_returns, same=result.unchanged,
                       rej=result.rejected))
        print_findings(result.findings, lang)
        out.print(pick({"fi": "Koontityökirja: {p}", "sv": "Sammanställning: {p}", "en": "Master workbook: {p}"},
                       lang, p=result.master))
    exit_for(result.findings)


@main.command()
@click.option("--round", "round_id", help="Round id; default: the latest round.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@project_option
@handle_errors
def status(round_id, as_json, project_dir):
    """Who has returned, what is missing / Kuka on palauttanut, mitä puuttuu."""
    from seuranta_xl.returns.status import round_status

    view, rows, lang = round_status(Path(project_dir), round_id)
    counts = {"departments": len(rows), "returned": sum(r.state in ("returned", "errors") for r in rows),
              "missing": sum(r.state in ("missing", "rejected") for r in rows),
              "with_errors": sum(r.state in ("errors", "rejected") for r in rows),
              "actions": sum(r.actions for r in rows), "graded": sum(r.graded for r in rows)}
    if as_json:
        emit_json({"round": view.round.id, "departments": [r.__dict__ for r in rows], "counts": counts})
        return
    labels = {"returned": {"fi": "palautettu", "sv": "returnerad", "en": "returned"},
              "missing": {"fi": "puuttuu", "sv": "saknas", "en": "missing"},
              "errors": {"fi": "virheitä", "sv": "fel", "en": "errors"},
              "rejected": {"fi": "hylätty", "sv": "avvisad", "en": "refused"}}
    table = Table(title=f"{view.round.id} {view.round.title}")
    for col in ({"fi": "Vastuutaho", "sv": "Ansvarig", "en": "Department"},
                {"fi": "Tila", "sv": "Status", "en": "Status"},
                {"fi": "Arvioitu", "sv": "Bedömda", "en": "Graded"},
                {"fi": "Virheitä", "sv": "Fel", "en": "Errors"},
                {"fi": "Tiedosto", "sv": "Fil", "en": "File"}):
        table.add_column(pick(col, lang))
    style = {"returned": "green", "missing": "yellow", "errors": "bold red", "rejected": "bold red"}
    for r in rows:
        table.add_row(r.department, f"[{style[r.state]}]{pick(labels[r.state], lang)}[/]", f"{r.graded} / {r.actions}",
                      str(r.errors), r.file or "")
    out.print(table)
    out.print(pick({"fi": "Palautettu {a}/{b}, arvioitu {c}/{d} toimenpidettä.",
                    "sv": "Returnerade {a}/{b}, bedömda {c}/{d} åtgärder.",
                    "en": "Returned {a}/{b}, graded {c}/{d} actions."}, lang,
                   a=counts["returned"], b=counts["departments"], c=counts["graded"], d=counts["actions"]))


@main.command()
@click.option("--round", "round_id", help="Round id; default: the latest round.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), required=True)
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), help="Output file; default stdout.")
@project_option
@handle_errors
def export(round_id, fmt, out_path, project_dir):
    """Machine export, one row per action / Koneluettava vienti."""
    from seuranta_xl.outputs.export import export_rows, write_export
    from seuranta_xl.store.project import Project
    from seuranta_xl.store.roundview import load_round, resolve_round

    project = Project(project_dir)
    project.load_config()
    with project.ledger() as ledger:
        view = load_round(ledger, resolve_round(ledger, round_id))
    try:
        text = write_export(export_rows(view), fmt, out_path)
    except OSError as exc:
        raise UserError(f"Vientiä ei voitu kirjoittaa: {exc.strerror or exc}",
                        f"Could not write the export: {exc.strerror or exc}") from None
    if text is not None:
        sys.stdout.write(text)


# ---------------------------------------------------------------------------------------- report
@main.command()
@click.option("--round", "round_id", help="Round id; default: the latest round.")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "docx", "csv", "md"]), default="xlsx", show_default=True,
              help="xlsx (tables + native charts), docx (tables + chart images), csv or md (summary for e-mail).")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file; default: PROJECT/raportit/ROUND_raportti.FORMAT.")
@project_option
@handle_errors
def report(round_id, fmt, out_path, project_dir):
    """Summary for finance: grades per focus area and department, change, charts / Raportti."""
    from seuranta_xl.outputs.report import make_report

    path, built = make_report(Path(project_dir), round_id=round_id, fmt=fmt, out=out_path)
    lang, summary = built.lang, built.s
    if not summary.has_values:
        out.print(pick({"fi": "Kierroksella {r} ei ole vielä palautuksia; raportti kertoo sen.",
                        "sv": "Omgång {r} har ännu inga returer; rapporten säger det.",
                        "en": "Round {r} has no returns yet; the report says so."}, lang, r=summary.round.id))
    out.print(pick({"fi": "Raportti kirjoitettu: {p}", "sv": "Rapporten skriven: {p}", "en": "Report written: {p}"},
                   lang, p=path))


# ---------------------------------------------------------------------------------------- demo
@main.command()
@click.argument("directory", required=False, default="seuranta-demo", type=click.Path(path_type=Path))
@handle_errors
def demo(directory):
    """Build a demo project from bundled data and walk the whole flow / Esittely.

    DIRECTORY (default ./seuranta-demo) must be new, empty or an earlier demo (then it is rebuilt).
    The findings the demo shows are deliberate; it exits 0.
    """
    from seuranta_xl.demo import run_demo

    def echo(line: str) -> None:
        if line.startswith("["):
            out.print(line, style="bold", markup=False)
        else:
            out.print(line, markup=False)

    run_demo(Path(directory), echo=echo)
    sys.exit(0)


# ---------------------------------------------------------------------------------------- add-in
@main.group()
def addin():
    """The coordinator's Excel add-in / Koordinaattorin Excel-apuohjelma (seuranta.xlam)."""


@addin.command("build")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default="seuranta.xlam",
              show_default=True, help="Where to write the add-in.")
@handle_errors
def addin_build(out_path):
    """Build seuranta.xlam from macros/ and xlwings' runtime / Rakenna apuohjelma."""
    from seuranta_xl.addin.build import build_xlam

    path = build_xlam(out_path)
    out.print(pick({"fi": "Apuohjelma kirjoitettu: {p}", "sv": "Tillägget skrivet: {p}", "en": "Add-in written: {p}"},
                   cli_language(), p=path))


@addin.command("install")
@click.option("--file", "xlam", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="An add-in built earlier; default: build a fresh one.")
@handle_errors
def addin_install(xlam):
    """Copy seuranta.xlam to Excel's add-in folder (Windows, macOS) / Asenna apuohjelma."""
    from seuranta_xl.addin.build import install_xlam

    path = install_xlam(xlam)
    out.print(pick({"fi": "Asennettu: {p}. Käynnistä Excel uudelleen; Seuranta-välilehti tulee näkyviin.",
                    "sv": "Installerat: {p}. Starta om Excel; fliken Seuranta visas.",
                    "en": "Installed: {p}. Restart Excel; the Seuranta tab appears."}, cli_language(), p=path))


if __name__ == "__main__":  # pragma: no cover
    main()
