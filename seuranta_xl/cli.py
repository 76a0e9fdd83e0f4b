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
from seuranta_xl.present.console import is_utf, prepare_streams, write_utf8
from seuranta_xl.present.messages import text
from seuranta_xl.present.tables import finding_row, headers, severity_label, state_label

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_STATE_STYLE = {"returned": "green", "missing": "yellow", "errors": "bold red", "rejected": "bold red"}
FINDING_COLUMNS = ("severity", "code", "location", "id", "finding", "hint")
STATUS_COLUMNS = ("department", "status", "graded", "errors", "file")


def cli_language(project_dir: Path | None = None) -> str:
    """The language to speak in: the project's (from --project or the current folder), else
    SEURANTA_LANG, else Finnish."""
    from seuranta_xl.store.project import shell_language
    return shell_language(project_dir if project_dir is not None else Path.cwd())


def handle_errors(func):
    """Turn typed errors into one line on stderr and exit 2, in the project's language; never a traceback."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            _warn_location(kwargs.get("project_dir"))
            return func(*args, **kwargs)
        except UserError as exc:
            lang = cli_language(kwargs.get("project_dir"))
            err.print(f"[bold red]{text('cli.error', lang)}:[/] {exc.one_line(lang)}", markup=True, highlight=False)
            sys.exit(2)
        except KeyboardInterrupt:
            err.print(text("cli.interrupted", cli_language(kwargs.get("project_dir"))))
            sys.exit(2)
        except click.ClickException:
            raise
        except Exception as exc:  # a bug: one line for the user, the traceback in a log for us
            log = _crash_log(exc)
            err.print(text("cli.unexpected", cli_language(kwargs.get("project_dir")), e=f"{type(exc).__name__}: {exc}",
                           log=log), markup=False)
            sys.exit(2)
    return wrapper


def _warn_location(project_dir: Path | None) -> None:
    """On a network share or in a synced folder: say how the project runs there, and what to do (stderr)."""
    if project_dir is None or not (Path(project_dir) / "seuranta.toml").exists():
        return
    from seuranta_xl.store.location import conflict_copies, project_location
    where = project_location(Path(project_dir))
    lang = cli_language(project_dir)
    if not where.local:
        err.print(text("location.warning", lang, where=text(f"location.{where.kind}", lang), detail=where.detail),
                  markup=False)
    copies = conflict_copies(Path(project_dir))
    if copies:
        err.print(text("location.conflict", lang, files=", ".join(copies)), markup=False)


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
        out.print(text("no-findings", lang))
        return
    table = Table(title=title, show_lines=False, expand=False)
    for key, header in zip(FINDING_COLUMNS, headers(FINDING_COLUMNS, lang), strict=True):
        table.add_column(header, overflow="fold" if key in ("location", "finding", "hint") else "ellipsis")
    for f in findings:
        sev = f.severity.value
        _, *cells = finding_row(f, FINDING_COLUMNS, lang)
        table.add_row(f"[{_SEVERITY_STYLE[sev]}]{severity_label(sev, lang)}[/]", *cells)
    out.print(table)


def emit_json(document: dict) -> None:
    # \uXXXX escapes where the console's code page cannot hold the text itself (still the same JSON)
    click.echo(json.dumps(document, ensure_ascii=not is_utf(sys.stdout), indent=2, default=str))


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
    prepare_streams()   # a legacy console code page (cp1252, cp850) gets "?", never a crash


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
            out.print(line, markup=False)
        print_findings(result.findings, lang)
    exit_for(result.findings)


@main.group()
def strategy():
    """The strategy between rounds / Strategian muutokset."""


@strategy.command("update")
@click.argument("strategy_file", type=click.Path(path_type=Path))
@click.option("--preset", type=click.Choice(["keuruu", "tuusula", "kemi", "taulukko-2024"]),
              help="Layout preset; detected from the headers when omitted.")
@click.option("--mapping", type=click.Path(path_type=Path), help="Column mapping (TOML) for another layout.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@project_option
@handle_errors
def strategy_update(strategy_file, preset, mapping, as_json, project_dir):
    """Re-import the strategy: the diff printed and saved, ids kept, outdated workbooks named / Päivitä strategia."""
    from seuranta_xl.store.project import Project
    from seuranta_xl.strategy.importer import init_project

    Project(project_dir).load_config()        # an existing project only (project-missing otherwise)
    result = init_project(Path(project_dir), strategy_file, preset=preset, mapping=mapping, force=True)
    if as_json:
        emit_json(findings_document(result.findings, result.language, **result.summary()))
    else:
        for line in result.summary_lines():
            out.print(line, markup=False)
        print_findings(result.findings, result.language)
    exit_for(result.findings)


# ---------------------------------------------------------------------------------------- rounds
@main.group()
def round():  # noqa: A001 - the command is called "round"
    """Reporting rounds / Seurantakierrokset."""


DATES = click.DateTime(formats=["%Y-%m-%d", "%d.%m.%Y"])   # ISO 2024-05-15 or Finnish 15.5.2024


@round.command("new")
@click.argument("round_id")
@click.option("--title", default="", help="Title shown in the workbooks.")
@click.option("--deadline", type=DATES, help="YYYY-MM-DD or D.M.YYYY")
@click.option("--scale", help="Scale preset; default: the project's scale.")
@click.option("--carry-comments", is_flag=True,
              help="Start the workbooks from the previous round's comments (an untouched one is reported).")
@project_option
@handle_errors
def round_new(round_id, title, deadline, scale, carry_comments, project_dir):
    """Open a new round / Avaa uusi kierros."""
    from seuranta_xl.store.rounds import new_round

    rnd, lang = new_round(Path(project_dir), round_id, title=title,
                          deadline=deadline.date() if isinstance(deadline, dt.datetime) else None, scale=scale,
                          carry_comments=carry_comments)
    out.print(text("cli.round-opened", lang, id=rnd.id, scale=rnd.scale.name))
    if rnd.carried_from:
        out.print(text("round.carried", lang, p=rnd.carried_from))


@round.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@project_option
@handle_errors
def round_list(as_json, project_dir):
    """List rounds: open or closed, deadline, days left / Listaa kierrokset."""
    from seuranta_xl.core.roundlife import round_facts
    from seuranta_xl.present.roundtext import round_deadline, state_word
    from seuranta_xl.store.project import Project

    project = Project(project_dir)
    lang = project.load_config().language
    today = dt.date.today()
    with project.ledger() as ledger:
        rounds = ledger.rounds()
    if as_json:
        emit_json({"rounds": [round_facts(r, today) for r in rounds]})
        return
    for r in rounds:
        when = "" if r.imported else f"\t{round_deadline(r, today, lang)}"
        out.print(f"{r.id}\t{r.title}\t{state_word(r, lang)}{when}\t{r.scale.name}")


@round.command("edit")
@click.argument("round_id")
@click.option("--title", default=None, help="A new title.")
@click.option("--deadline", type=DATES, help="A new deadline: YYYY-MM-DD or D.M.YYYY.")
@click.option("--no-deadline", is_flag=True, help="Remove the deadline.")
@project_option
@handle_errors
def round_edit(round_id, title, deadline, no_deadline, project_dir):
    """Change a round's title or deadline (recorded) / Muuta kierroksen otsikkoa tai määräaikaa."""
    from seuranta_xl.present.roundtext import deadline_phrase
    from seuranta_xl.store.rounds import edit_round

    rnd, lang = edit_round(Path(project_dir), round_id, title=title,
                           deadline=deadline.date() if isinstance(deadline, dt.datetime) else None,
                           clear_deadline=no_deadline)
    out.print(text("round.edited", lang, r=rnd.id, title=rnd.title,
                   deadline=deadline_phrase(rnd.deadline, dt.date.today(), lang)))


@round.command("close")
@click.argument("round_id")
@project_option
@handle_errors
def round_close(round_id, project_dir):
    """Close a round: its state is frozen and marked final / Sulje kierros."""
    from seuranta_xl.returns.closing import close_round

    rnd, master, lang = close_round(Path(project_dir), round_id)
    out.print(text("round.closed-line", lang, r=rnd.id, m=master))


@round.command("reopen")
@click.argument("round_id")
@project_option
@handle_errors
def round_reopen(round_id, project_dir):
    """Reopen a closed round (recorded) / Avaa suljettu kierros uudelleen."""
    from seuranta_xl.returns.closing import reopen_round

    rnd, _master, lang = reopen_round(Path(project_dir), round_id)
    out.print(text("round.reopened-line", lang, r=rnd.id))


# ---------------------------------------------------------------------------------------- generate
@main.command()
@click.option("--round", "round_id", help="Round id; default: the latest round.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              help="Output folder (created; files of the same name are replaced); default: PROJECT/lomakkeet/ROUND.")
@click.option("--only-changed", is_flag=True,
              help="Only the departments whose workbook was made from an older strategy text (or never made).")
@project_option
@handle_errors
def generate(round_id, out_dir, only_changed, project_dir):
    """Write one workbook per department / Kirjoita lomake jokaiselle vastuutaholle."""
    from seuranta_xl.workbook.generate import generate_round

    result = generate_round(Path(project_dir), round_id=round_id, out_dir=out_dir, only_changed=only_changed)
    lang = result.language
    out.print(text("cli.generated", lang, r=result.round_id, n=len(result.files), d=result.out_dir))
    for path, count in result.files:
        out.print(f"  {path.name}  ({count})")
    if result.unchanged:
        out.print(text("generate.unchanged", lang, n=len(result.unchanged), d=", ".join(result.unchanged)))
    out.print(text("generate.returns-go", lang, d=result.returns_dir))


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
            verdict = text("check.accepted" if v.accepted and not v.n_errors else "check.errors", lang)
            out.print(f"{v.file_name}: {v.department or '?'} — {verdict}")
        print_findings(findings, lang)
        if standalone:
            out.print(text("check.standalone", lang))
    exit_for(findings)


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
        out.print(text("sync.summary", lang, r=result.round_id, n=result.files_seen, new=result.new_returns,
                       same=result.unchanged, rej=result.rejected))
        if result.view is not None and result.view.round.closed:   # issue 13: recorded as late, nothing merged
            out.print(text("sync.late", lang, r=result.round_id, n=result.late))
        print_findings(result.findings, lang)
        out.print(text("cli.sync-master", lang, p=result.master))
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
        from seuranta_xl.returns.status import status_facts
        facts = {k: v for k, v in status_facts(view).items() if k in ("state", "deadline", "days_left", "closed_at")}
        emit_json({"round": view.round.id, **facts, "departments": [r.__dict__ for r in rows], "counts": counts})
        return
    table = Table(title=f"{view.round.id} {view.round.title}")
    for header in headers(STATUS_COLUMNS, lang):
        table.add_column(header)
    for r in rows:
        table.add_row(r.department, f"[{_STATE_STYLE[r.state]}]{state_label(r.state, lang)}[/]",
                      f"{r.graded} / {r.actions}", str(r.errors), r.file or "")
    out.print(table)
    out.print(text("cli.status-totals", lang, a=counts["returned"], b=counts["departments"], c=counts["graded"],
                   d=counts["actions"]))
    if not view.round.imported:   # issue 13: open or closed, the deadline and the days to or past it
        from seuranta_xl.present.roundtext import round_line
        out.print(round_line(view.round, dt.date.today(), lang))
        without = [r.department for r in rows if not r.contacts]
        if without:
            out.print(text("contacts.without", lang, n=len(without), d=", ".join(without)))


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
        raise UserError("export-not-written", reason=exc.strerror or str(exc)) from None
    if text is not None:
        write_utf8(text)   # the export is UTF-8 (with BOM for csv) whatever the console's code page


# ---------------------------------------------------------------------------------------- contacts
@main.group()
def contacts():
    """Department contacts for the mail drafts / Vastuutahojen yhteystiedot."""


@contacts.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@project_option
@handle_errors
def contacts_import(file, as_json, project_dir):
    """Contacts from a .csv/.xlsx table (Vastuutaho, Nimi, Sähköposti) into seuranta.toml / Tuo yhteystiedot."""
    from seuranta_xl.strategy.contacts import CONFIG_NAME, import_contacts

    found = import_contacts(Path(project_dir), file)
    lang = found.language
    people = sum(len(c) for c in found.contacts.values())
    if as_json:
        emit_json(findings_document(found.findings, lang, departments=len(found.contacts), contacts=people,
                                    without=found.without))
    else:
        out.print(text("contacts.imported", lang, f=found.file, d=len(found.contacts), n=people, c=CONFIG_NAME))
        if found.findings:
            print_findings(found.findings, lang)
        if found.without:
            out.print(text("contacts.without", lang, n=len(found.without), d=", ".join(found.without)))
    exit_for(found.findings)


# ---------------------------------------------------------------------------------------- mail drafts
def _print_drafts(result, as_json: bool, done_key: str) -> None:
    lang = result.language
    if as_json:
        drafts = [{"department": d, "draft": str(p), "recipients": n, "attachment": a} for d, p, n, a in result.drafts]
        emit_json(findings_document(result.findings, lang, round=result.round_id, drafts=drafts,
                                    skipped=result.skipped, templates_written=[str(p) for p in result.templates_written]))
        return
    for path in result.templates_written:
        out.print(text("mail.template-written", lang, p=path))
    out.print(text(done_key, lang, n=len(result.drafts), d=result.out_dir))
    for dept, path, n, attached in result.drafts:
        out.print(f"  {path.name}  ({text('mail.recipients', lang, n=n)}; {attached})")
    if result.skipped:
        out.print(text("mail.skipped", lang, n=len(result.skipped), d=", ".join(result.skipped)))
    if result.findings:
        print_findings(result.findings, lang)
    out.print(text("mail.never-sent", lang))


@main.command()
@click.option("--round", "round_id", help="Round id; default: the latest round.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder; default: PROJECT/lahetys/ROUND.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@project_option
@handle_errors
def send(round_id, out_dir, as_json, project_dir):
    """One .eml draft per department, its workbook attached (never sent) / Lähetysluonnokset."""
    from seuranta_xl.returns.mailing import send_drafts

    result = send_drafts(Path(project_dir), round_id, out_dir)
    _print_drafts(result, as_json, "mail.sent")
    exit_for(result.findings)


@main.command()
@click.option("--round", "round_id", help="Round id; default: the latest round.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder; default: PROJECT/lahetys/ROUND/muistutus_DATE.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@project_option
@handle_errors
def remind(round_id, out_dir, as_json, project_dir):
    """Drafts for the departments that still owe something, saying what / Muistutusluonnokset."""
    from seuranta_xl.returns.mailing import remind_drafts

    result = remind_drafts(Path(project_dir), round_id, out_dir)
    _print_drafts(result, as_json, "mail.reminded")
    exit_for(result.findings)


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
    from seuranta_xl.outputs.report import build_report, check_format, save_report

    check_format(fmt)
    built = build_report(Path(project_dir), round_id)
    path = save_report(built, Path(project_dir), fmt, out_path)
    lang, summary = built.lang, built.s
    if not summary.has_values:
        out.print(text("cli.report-empty", lang, r=summary.round.id))
    out.print(text("cli.report-written", lang, p=path))


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
@click.option("--interpreter", default=None, metavar="PATH",
              help="The Python the buttons run, on the Excel machine (default: this Python on Windows/macOS).")
@handle_errors
def addin_build(out_path, interpreter):
    """Build seuranta.xlam from macros/ and xlwings' runtime / Rakenna apuohjelma."""
    from seuranta_xl.addin.build import build_xlam
    from seuranta_xl.addin.settings import default_interpreter

    interpreter = interpreter or default_interpreter()
    path = build_xlam(out_path, interpreter=interpreter)
    out.print(text("cli.addin-written", cli_language(), p=path), markup=False)
    out.print(_interpreter_note(interpreter), markup=False)


def _interpreter_note(interpreter: str | None) -> str:
    if interpreter:
        return text("cli.addin-python", cli_language(), i=interpreter)
    return text("cli.addin-no-python", cli_language())


@addin.command("install")
@click.option("--file", "xlam", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="An add-in built earlier (as built); default: build a fresh one for this Python.")
@handle_errors
def addin_install(xlam):
    """Install seuranta.xlam into Excel's add-in folder (Windows, macOS) / Asenna apuohjelma."""
    from seuranta_xl.addin.build import install_xlam

    path = install_xlam(xlam)
    out.print(text("cli.addin-installed", cli_language(), p=path), markup=False)
    if xlam is None:
        out.print(_interpreter_note(sys.executable), markup=False)


if __name__ == "__main__":  # pragma: no cover
    main()
