"""The `seuranta` command line: each command opens the project, calls one library function and shows
its result, ending with a one-line summary and the next step. Typed errors become one line and exit 2;
findings of severity error give exit 1.

Everything it says is in the project's language (seuranta.toml, else SEURANTA_LANG, else Finnish):
help texts come from the message catalogue (console/helptext.py), Click's own words from gettext
catalogues (console/clickgettext.py). Without --project a command works on the nearest folder at or
above the current one that holds seuranta.toml.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import sys
import time
from pathlib import Path

import click

from seuranta_xl import __version__
from seuranta_xl.commandline import clickgettext, helptext
from seuranta_xl.commandline.params import DATE, argv_language, new_project_folder, project_if_any, project_root
from seuranta_xl.commandline.printing import err, next_step, out, print_lines, say, width
from seuranta_xl.core.errors import UserError
from seuranta_xl.core.findings import Finding, Severity, counted, findings_document, has_errors
from seuranta_xl.present.console import is_utf, prepare_streams, write_utf8
from seuranta_xl.present.i18n import fmt_date
from seuranta_xl.present.messages import plural, text
from seuranta_xl.present.terminal import (Layout, StatusRow, counts_text, deadline_text, example_round, finding_lines,
                                          status_lines)
from seuranta_xl.store.project import find_project_root, shell_language

PER_CODE = 3          # findings of one code shown per department without --all


def cli_language(project_dir: Path | None = None) -> str:
    """The language to speak in: the project's (from --project or the nearest project folder), else
    SEURANTA_LANG, else Finnish."""
    return shell_language(project_dir if project_dir is not None else find_project_root())


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
        say(text("location.warning", lang, where=text(f"location.{where.kind}", lang), detail=where.detail),
            console=err, keep=[where.detail])
    copies = conflict_copies(Path(project_dir))
    if copies:
        say(text("location.conflict", lang, files=", ".join(copies)), console=err, keep=copies)


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


def print_findings(findings: list[Finding], lang: str, where: str = "", show_all: bool = False) -> None:
    """Findings as blocks grouped by department, fitted to the terminal (present/terminal.py)."""
    if not findings:
        say(text("no-findings", lang))
        return
    print_lines(finding_lines(findings, Layout(lang, width(), None if show_all else PER_CODE, where)))


def findings_counts(findings: list[Finding], lang: str) -> str:
    return counts_text(findings, lang)


def emit_json(document: dict) -> None:
    # \uXXXX escapes where the console's code page cannot hold the text itself (still the same JSON)
    click.echo(json.dumps(document, ensure_ascii=not is_utf(sys.stdout), indent=2, default=str))


def exit_for(findings: list[Finding]) -> None:
    sys.exit(1 if has_errors(findings) else 0)


project_option = click.option("--project", "project_dir", callback=project_root, metavar="metavar.folder",
                              help="Project folder / Projektikansio.")
json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
all_option = click.option("--all", "show_all", is_flag=True, help="Show every finding.")
round_option = click.option("--round", "round_id", metavar="metavar.round", help="Round id; default: the latest.")


class SeurantaGroup(click.Group):
    """Speaks the user's language from the first word: the language is settled from the command line
    (--project) before click parses it, then Click's own texts and every help text are set to it."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        prepare_streams()   # a legacy console code page (cp1252, cp850) gets "?", never a crash
        argv = list(sys.argv[1:] if args is None else args)
        lang = argv_language(argv)
        clickgettext.install(lang)
        helptext.localise(self, lang)
        extra.setdefault("obj", {"lang": lang})
        return super().main(argv, prog_name, complete_var, standalone_mode, **extra)


@click.group(name="seuranta", cls=SeurantaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="seuranta")
def main() -> None:
    """seuranta-xl: strategy follow-up rounds through protected Excel workbooks (help: cmd.main)."""


# ---------------------------------------------------------------------------------------- init
@main.command()
@click.option("--strategy", "strategy_file", required=True, type=click.Path(path_type=Path), metavar="metavar.file")
@click.option("--preset", type=click.Choice(["keuruu", "tuusula", "kemi", "taulukko-2024"]))
@click.option("--mapping", type=click.Path(path_type=Path), metavar="metavar.file")
@click.option("--results-round", metavar="metavar.round")
@click.option("--scale", metavar="metavar.scale")
@click.option("--name", metavar="metavar.name")
@click.option("--language", type=click.Choice(["fi", "sv", "en"]))
@click.option("--force", is_flag=True)
@all_option
@json_option
@click.option("--project", "project_dir", callback=new_project_folder, metavar="metavar.folder")
@handle_errors
def init(strategy_file, preset, mapping, results_round, scale, name, language, force, show_all, as_json, project_dir):
    """Create a project from a strategy table (help: cmd.init)."""
    from seuranta_xl.store.project import CONFIG_NAME
    from seuranta_xl.strategy.importer import init_project

    if name is None and not as_json and not (project_dir / CONFIG_NAME).exists() and _interactive():
        name = click.prompt(text("init.ask-name", cli_language(project_dir))).strip() or None
    result = init_project(project_dir, strategy_file, preset=preset, mapping=mapping, results_round=results_round,
                          scale=scale, name=name, force=force, language=language or shell_language(None))
    lang = result.language
    if as_json:
        emit_json(findings_document(result.findings, lang, **result.summary()))
        exit_for(result.findings)
    _import_lines(result, project_dir)
    print_findings(result.findings, lang, text("findings.where-all", lang), show_all)
    out.print()
    s = result.summary()
    say(text("init.done", lang, actions=plural("actions", s["actions"], lang),
             departments=plural("departments", len(s["departments"]), lang),
             counts=findings_counts(result.findings, lang)))
    key = "init.organisation-default" if result.organisation_defaulted else "init.organisation"
    say(text(key, lang, name=result.organisation))
    rid, deadline = example_round(dt.date.today(), lang)
    then = text("next.round-new", lang, id=rid, date=deadline)
    if result.update is not None and result.update.outdated:
        then = text("next.only-changed", lang)
    elif result.update is not None and result.update.rounds:
        then = text("next.status", lang)
    fix = any(f.severity is not Severity.INFO and f.code != "organisation-defaulted" for f in result.findings)
    next_step(text("next.fix-import", lang, then=then) if fix else then, lang)
    exit_for(result.findings)


def _import_lines(result, project_dir: Path) -> None:
    """What an import did: counts, departments and (a re-import) the diff, its lines hanging under their sign."""
    for line in result.summary_lines():
        changed = line[:2] in ("+ ", "- ", "~ ", "> ")
        say(line, keep=[str(project_dir)], hang="  " if changed else "")
    out.print()


# ---------------------------------------------------------------------------------------- strategy
@main.group()
def strategy():
    """The strategy between rounds (help: cmd.strategy)."""


@strategy.command("update")
@click.argument("strategy_file", type=click.Path(path_type=Path), metavar="metavar.file")
@click.option("--preset", type=click.Choice(["keuruu", "tuusula", "kemi", "taulukko-2024"]))
@click.option("--mapping", type=click.Path(path_type=Path), metavar="metavar.file")
@all_option
@json_option
@project_option
@handle_errors
def strategy_update(strategy_file, preset, mapping, show_all, as_json, project_dir):
    """Re-import the strategy, print and save the diff (help: cmd.strategy.update)."""
    from seuranta_xl.store.project import Project
    from seuranta_xl.strategy.importer import init_project

    Project(project_dir).load_config()        # an existing project only (project-missing otherwise)
    result = init_project(project_dir, strategy_file, preset=preset, mapping=mapping, force=True)
    lang = result.language
    if as_json:
        emit_json(findings_document(result.findings, lang, **result.summary()))
        exit_for(result.findings)
    _import_lines(result, project_dir)
    print_findings(result.findings, lang, text("findings.where-all", lang), show_all)
    out.print()
    s = result.summary()
    say(text("strategy.done", lang, v=result.strategy_id, actions=plural("actions", s["actions"], lang),
             departments=plural("departments", len(s["departments"]), lang),
             counts=findings_counts(result.findings, lang)))
    note = result.update
    if note is not None and note.outdated:
        next_step(text("next.only-changed", lang), lang)
    elif note is not None and note.rounds:
        next_step(text("next.status", lang), lang)
    else:
        rid, deadline = example_round(dt.date.today(), lang)
        next_step(text("next.round-new", lang, id=rid, date=deadline), lang)
    exit_for(result.findings)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


# ---------------------------------------------------------------------------------------- rounds
@main.group()
def round():  # noqa: A001 - the command is called "round"
    """Reporting rounds (help: cmd.round)."""


@round.command("new")
@click.argument("round_id", metavar="metavar.round")
@click.option("--title", default="", metavar="metavar.text")
@click.option("--deadline", type=DATE, metavar="metavar.date")
@click.option("--scale", metavar="metavar.scale")
@click.option("--inputs", metavar="metavar.inputs")
@click.option("--carry-comments", is_flag=True)
@json_option
@project_option
@handle_errors
def round_new(round_id, title, deadline, scale, inputs, carry_comments, as_json, project_dir):
    """Open a new round (help: cmd.round.new)."""
    from seuranta_xl.store.rounds import new_round

    rnd, lang = new_round(project_dir, round_id, title=title, deadline=deadline, scale=scale,
                          carry_comments=carry_comments, inputs=inputs)
    if as_json:
        emit_json({"project": str(project_dir), "round": _round_json(rnd)})
        return
    from seuranta_xl.present.inputs import asks_grade
    key = "cli.round-opened" + ("" if asks_grade(rnd) else "-nograde")
    if rnd.deadline:
        key += "-deadline" if asks_grade(rnd) else ""
        say(text(key, lang, id=rnd.id, title=rnd.title, scale=rnd.scale.name, deadline=fmt_date(rnd.deadline, lang)))
    else:
        say(text(key + "-no-deadline", lang, id=rnd.id, title=rnd.title, scale=rnd.scale.name))
    if rnd.inputs is not None:
        titles = [text("cli.input-required", lang, title=s.title_in(lang)) if s.required else s.title_in(lang)
                  for s in rnd.inputs]
        say(text("cli.round-inputs", lang, inputs=", ".join(titles)))
    if rnd.carried_from:
        say(text("round.carried", lang, p=rnd.carried_from))
    next_step(text("next.generate", lang), lang)


def _round_json(rnd, today: dt.date | None = None) -> dict:
    """A round as --json gives it (docs/json.md): main's keys and the round's life (state, days left, …)."""
    from seuranta_xl.core.roundlife import round_facts

    facts = round_facts(rnd, today or dt.date.today())
    return {"id": rnd.id, "title": rnd.title, "deadline": facts["deadline"], "scale": rnd.scale.name,
            "imported": rnd.imported, "state": facts["state"], "days_left": facts["days_left"],
            "closed_at": facts["closed_at"], "strategy_id": facts["strategy_id"],
            "carried_from": facts["carried_from"],
            "inputs": [s.model_dump(mode="json", exclude_defaults=True) for s in rnd.inputs]
            if rnd.inputs is not None else None}


@round.command("list")
@json_option
@project_option
@handle_errors
def round_list(as_json, project_dir):
    """List rounds (help: cmd.round.list)."""
    from seuranta_xl.store.project import Project

    from seuranta_xl.present.roundtext import round_list_lines

    project = Project(project_dir)
    lang = project.load_config().language
    with project.ledger() as ledger:
        rounds = ledger.rounds()
    today = dt.date.today()
    if as_json:
        emit_json({"project": str(project_dir), "rounds": [_round_json(r, today) for r in rounds]})
        return
    if not rounds:
        say(text("round.list-empty", lang))
        rid, deadline = example_round(today, lang)
        next_step(text("next.round-new", lang, id=rid, date=deadline), lang)
        return
    print_lines(round_list_lines(rounds, today, lang, width()))
    out.print()
    live = [r for r in rounds if not r.imported and not r.closed]
    say(text("round.list-line", lang, rounds=plural("rounds", len(rounds), lang), open=len(live), latest=rounds[-1].id))
    next_step(text("next.status", lang), lang)


@round.command("edit")
@click.argument("round_id", metavar="metavar.round")
@click.option("--title", default=None, metavar="metavar.text")
@click.option("--deadline", type=DATE, metavar="metavar.date")
@click.option("--no-deadline", is_flag=True)
@json_option
@project_option
@handle_errors
def round_edit(round_id, title, deadline, no_deadline, as_json, project_dir):
    """Change a round's title or deadline (help: cmd.round.edit)."""
    from seuranta_xl.store.rounds import edit_round

    rnd, lang = edit_round(project_dir, round_id, title=title, deadline=deadline, clear_deadline=no_deadline)
    if as_json:
        emit_json({"project": str(project_dir), "round": _round_json(rnd)})
        return
    say(text("round.edited", lang, r=rnd.id, title=rnd.title))
    say(deadline_text(rnd.deadline, dt.date.today(), lang))        # as status says it
    next_step(text("next.round-edited", lang), lang)


@round.command("close")
@click.argument("round_id", metavar="metavar.round")
@json_option
@project_option
@handle_errors
def round_close(round_id, as_json, project_dir):
    """Close a round: frozen and final (help: cmd.round.close)."""
    from seuranta_xl.returns.closing import close_round

    _say_round_state(close_round(project_dir, round_id), "closed", as_json, project_dir)


@round.command("reopen")
@click.argument("round_id", metavar="metavar.round")
@json_option
@project_option
@handle_errors
def round_reopen(round_id, as_json, project_dir):
    """Reopen a closed round (help: cmd.round.reopen)."""
    from seuranta_xl.returns.closing import reopen_round

    _say_round_state(reopen_round(project_dir, round_id), "reopened", as_json, project_dir)


def _say_round_state(done: tuple, state: str, as_json: bool, project_dir) -> None:
    """What `round close` and `round reopen` print: the round, its rebuilt master, the next step."""
    rnd, master, lang = done
    master = Path(master).absolute()
    if as_json:
        emit_json({"project": str(project_dir), "round": _round_json(rnd), "master": str(master)})
        return
    say(text(f"round.{state}-line", lang, r=rnd.id, m=master), keep=[str(master)])
    next_step(text(f"next.round-{state}", lang), lang)


# ---------------------------------------------------------------------------------------- generate
@main.command()
@round_option
@click.option("--department", metavar="metavar.name")
@click.option("--only-changed", is_flag=True)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), metavar="metavar.folder")
@json_option
@project_option
@handle_errors
def generate(round_id, department, only_changed, out_dir, as_json, project_dir):
    """Write one workbook per department (help: cmd.generate)."""
    from seuranta_xl.workbook.generate import generate_round

    result = generate_round(project_dir, round_id=round_id, out_dir=out_dir, only=department,
                            only_changed=only_changed)
    lang = result.language
    folder = Path(result.out_dir).absolute()
    returns = Path(result.returns_dir).absolute()
    if as_json:
        emit_json({"project": str(project_dir), "round": result.round_id, "folder": str(folder),
                   "workbooks": [{"file": p.name, "actions": n} for p, n in result.files],
                   "unchanged": result.unchanged, "returns_folder": str(returns)})
        return
    say(text("cli.generated-n", lang, r=result.round_id, workbooks=plural("workbooks", len(result.files), lang),
             d=folder), keep=[str(folder)])
    for path, count in result.files:
        out.print(f"  {path.name} ({plural('actions', count, lang)})", markup=False)
    if result.unchanged:
        say(text("generate.unchanged", lang, n=len(result.unchanged), d=", ".join(result.unchanged)))
    next_step(text("next.send", lang, folder=returns), lang, keep=[str(returns)])


# ---------------------------------------------------------------------------------------- returns
@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="metavar.files")
@round_option
@all_option
@json_option
@click.option("--project", "project_dir", callback=project_if_any, metavar="metavar.folder")
@handle_errors
def check(files, round_id, show_all, as_json, project_dir):
    """Validate returned workbooks without merging (help: cmd.check)."""
    from seuranta_xl.returns.check import check_files, check_standalone

    standalone = project_dir is None          # outside any project: checked without the signature
    if standalone:
        results, lang = check_standalone(list(files)), cli_language()
    else:
        results, lang = check_files(project_dir, list(files), round_id=round_id)
    findings = [f for v in results for f in v.findings]
    if as_json:
        emit_json(findings_document(findings, lang, files=len(results), signature_verified=not standalone))
        exit_for(findings)
    ok = 0
    for v in results:
        good = v.accepted and not v.n_errors
        ok += good
        verdict = text("check.accepted" if good else "check.errors", lang)
        say(f"{v.file_name}: {v.department or '?'} — {verdict}", keep=[v.file_name])
    out.print()
    print_findings(findings, lang, text("findings.where-all", lang), show_all)
    out.print()
    if standalone:
        say(text("check.standalone", lang))
    say(text("check.summary", lang, files=plural("files", len(results), lang), ok=ok, bad=len(results) - ok,
             counts=findings_counts(findings, lang)))
    next_step(text("next.check-fix" if has_errors(findings) else "next.sync", lang), lang)
    exit_for(findings)


@main.group("returns", invoke_without_command=True)
@round_option
@json_option
@project_option
@click.pass_context
@handle_errors
def returns_cmd(ctx, round_id, as_json, project_dir):
    """Every version of every return: current / superseded / withdrawn / rejected / Palautusten versiot."""
    if ctx.invoked_subcommand is not None:
        return
    from seuranta_xl.present.versions import version_lines, versions_summary
    from seuranta_xl.returns.history import round_history, version_document

    view, lang = round_history(Path(project_dir), round_id)
    versions = view.state.versions
    if as_json:
        emit_json({"round": view.round.id, "versions": [version_document(v) for v in versions]})
        return
    say(text("versions.title", lang, r=view.round.id), style="head")
    out.print()
    if not versions:
        say(text("versions.none", lang, r=view.round.id))
        next_step(text("next.sync", lang), lang)
        return
    print_lines(version_lines(versions, lang, width()))
    out.print()
    say(versions_summary(versions, lang))
    conflict = any(f.code == "conflicting-versions" for f in view.findings)
    next_step(text("next.versions-conflict" if conflict else "next.versions", lang), lang)


def _decision(kind: str, file, round_id, undo, project_dir) -> None:
    from seuranta_xl.present.versions import decision_line
    from seuranta_xl.returns.history import decide

    decision, lang = decide(Path(project_dir), kind, Path(file), round_id=round_id, undo=undo)
    say(decision_line(decision, lang), keep=[decision.file_name])
    next_step(text("next.status", lang), lang)


@returns_cmd.command("withdraw")
@click.argument("file", type=click.Path(path_type=Path), metavar="metavar.file")
@round_option
@click.option("--undo", is_flag=True, help="Take the withdrawal back (the version counts again).")
@project_option
@handle_errors
def returns_withdraw(file, round_id, undo, project_dir):
    """A version that must not count (kept in the ledger) / Vedä versio pois."""
    _decision("withdraw", file, round_id, undo, project_dir)


@returns_cmd.command("prefer")
@click.argument("file", type=click.Path(path_type=Path), metavar="metavar.file")
@round_option
@click.option("--undo", is_flag=True, help="Take the preference back (the version order decides again).")
@project_option
@handle_errors
def returns_prefer(file, round_id, undo, project_dir):
    """Settle two current versions that disagree: this one is in force / Valitse voimassa oleva versio."""
    _decision("prefer", file, round_id, undo, project_dir)


@main.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path), metavar="metavar.folder")
@round_option
@all_option
@json_option
@project_option
@handle_errors
def sync(folder, round_id, show_all, as_json, project_dir):
    """Validate all returns, record them and rebuild master.xlsx (help: cmd.sync)."""
    from rich.progress import Progress

    from seuranta_xl.returns.sync import sync_folder

    # refreshed by each file, not by rich's thread: sync forks workers only from a process with one thread
    bar = Progress(console=err, transient=True, disable=as_json, auto_refresh=False)
    with bar:
        task = bar.add_task("sync", total=None)

        shown = [0.0]

        def progress(i: int, n: int, name: str) -> None:   # drawn at most ten times a second
            now = time.monotonic()
            drawn = now - shown[0] >= 0.1 or i == n
            shown[0] = now if drawn else shown[0]
            bar.update(task, completed=i, total=n, description=name[:40], refresh=drawn)

        result = sync_folder(project_dir, folder, round_id, progress=progress)
    lang = result.language
    if as_json:
        emit_json(findings_document(result.findings, lang, **result.summary()))
        exit_for(result.findings)
    print_findings(result.findings, lang, text("findings.where-status", lang), show_all)
    out.print()
    say(text("sync.done", lang, r=result.round_id, files=plural("files", result.files_seen, lang),
             new=plural("new-returns", result.new_returns, lang), same=result.unchanged, rej=result.rejected,
             counts=findings_counts(result.findings, lang)))
    closed = result.closed
    if closed:   # recorded as late, nothing merged (round reopen takes them in)
        say(text("sync.late", lang, r=result.round_id, n=result.late))
    say(text("cli.sync-master", lang, p=result.master), keep=[str(result.master)])
    late = closed and any(f.code == "late-return" for f in result.findings)
    next_step(text("next.late", lang, r=result.round_id) if late else text("next.status", lang), lang)
    exit_for(result.findings)


def status_rows(view, rows) -> list[StatusRow]:
    """Per department, counts that match the findings shown (a finding that sums up others is not
    counted again: one bad row counts once)."""
    found = counted(view.findings)
    out_rows = []
    for r in rows:
        mine = [f for f in found if f.department == r.department]
        errors = sum(1 for f in mine if f.severity is Severity.ERROR)
        warnings = sum(1 for f in mine if f.severity is Severity.WARNING)
        state = r.state if r.state in ("missing", "rejected", "draft") else ("errors" if errors else "returned")
        contact = ", ".join(f"{c['name']} <{c['email']}>" if c.get("name") else c["email"] for c in r.contacts)
        out_rows.append(StatusRow(r.department, state, r.graded, r.actions, errors, warnings, r.file, contact or None,
                                  r.approver))
    return out_rows


def _status_json(project_dir: Path, view, rows, srows: list[StatusRow], findings: list[Finding], lang: str,
                 today: dt.date) -> dict:
    found = counted(findings)
    deadline = view.round.deadline
    counts = {"departments": len(srows), "returned": sum(r.state in ("returned", "errors") for r in srows),
              "missing": sum(r.state in ("missing", "rejected") for r in srows),
              "drafts": sum(r.state == "draft" for r in srows),
              "with_errors": sum(r.state in ("errors", "rejected") for r in srows),
              "actions": sum(r.actions for r in srows), "graded": sum(r.graded for r in srows),
              "errors": sum(f.severity is Severity.ERROR for f in found),
              "warnings": sum(f.severity is Severity.WARNING for f in found),
              "infos": sum(f.severity is Severity.INFO for f in found)}
    departments = [{**r.__dict__, "state": s.state, "errors": s.errors, "warnings": s.warnings}
                   for r, s in zip(rows, srows, strict=True)]
    facts = _round_json(view.round, today)
    return {"project": str(project_dir), "round": view.round.id, "title": view.round.title,
            "deadline": deadline.isoformat() if deadline else None,
            "days_left": (deadline - today).days if deadline else None,
            "state": facts["state"], "closed_at": facts["closed_at"],
            "departments": departments, "counts": counts, "findings": [f.to_json(lang) for f in findings]}


@main.command()
@round_option
@click.option("--department", metavar="metavar.name")
@all_option
@json_option
@project_option
@handle_errors
def status(round_id, department, show_all, as_json, project_dir):
    """Who has returned, what is missing (help: cmd.status)."""
    from seuranta_xl.returns.status import round_status
    from seuranta_xl.store.roundview import department_named

    view, rows, lang = round_status(project_dir, round_id)
    findings = view.findings
    if department is not None:
        name = department_named(view.departments, department)
        rows = [r for r in rows if r.department == name]
        findings = [f for f in findings if f.department == name]
    today = dt.date.today()
    srows = status_rows(view, rows)
    if as_json:
        emit_json(_status_json(project_dir, view, rows, srows, findings, lang, today))
        exit_for(findings)
    from seuranta_xl.present.inputs import asks_grade
    from seuranta_xl.present.roundtext import state_word, status_round_line

    say(text("cli.project", lang, p=project_dir), keep=[str(project_dir)])
    say(text("status.title-state", lang, r=view.round.id, t=view.round.title, state=state_word(view.round, lang)),
        style="head")
    say(status_round_line(view.round, today, lang) or deadline_text(view.round.deadline, today, lang))
    out.print()
    graded = asks_grade(view.round)
    print_lines(status_lines(srows, lang, width(), graded))
    without = [r.department for r in rows if not r.contacts]
    if without:   # the drafts of send / remind would have no recipient
        out.print()
        say(text("contacts.without", lang, n=len(without), d=", ".join(without)))
    out.print()
    if findings:
        say(text("findings.title", lang, counts=findings_counts(findings, lang)), style="head")
        print_findings(findings, lang, text("findings.where-status", lang), show_all)
        out.print()
    say(text("status.totals" if graded else "status.totals-filled", lang,
             a=sum(r.state in ("returned", "errors") for r in srows), b=len(srows),
             c=sum(r.graded for r in srows), d=sum(r.actions for r in srows), counts=findings_counts(findings, lang)))
    drafts = [r.department for r in srows if r.state == "draft"]
    if drafts:   # not counted as returned above; their values are merged
        say(text("status.drafts", lang, n=len(drafts), d=", ".join(drafts)))
    next_step(_status_next(view, srows, findings, today, lang), lang)
    exit_for(findings)


def _status_next(view, srows: list[StatusRow], findings: list[Finding], today: dt.date, lang: str) -> str:
    missing = ", ".join(r.department for r in srows if r.state in ("missing", "rejected"))
    if view.round.closed and not view.round.imported:
        return text("next.closed", lang, r=view.round.id)
    if has_errors(findings):
        return text("next.check-fix", lang)
    if missing:
        late = view.round.deadline is not None and view.round.deadline < today
        return text("next.chase" if late else "next.wait", lang, missing=missing)
    drafts = ", ".join(r.department for r in srows if r.state == "draft")
    if drafts:
        return text("next.drafts", lang, drafts=drafts)
    return text("next.report", lang)


@main.command()
@round_option
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), required=True)
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), metavar="metavar.file")
@json_option
@project_option
@handle_errors
def export(round_id, fmt, out_path, as_json, project_dir):
    """Machine export, one row per action (help: cmd.export)."""
    from seuranta_xl.outputs.export import export_rows, write_export
    from seuranta_xl.store.project import Project
    from seuranta_xl.store.roundview import load_round, resolve_round

    project = Project(project_dir)
    lang = project.load_config().language
    if as_json and out_path is None:
        raise click.UsageError(text("export.json-needs-out", lang))
    with project.ledger() as ledger:
        view = load_round(ledger, resolve_round(ledger, round_id))
    rows = export_rows(view)
    target = Path(out_path).absolute() if out_path is not None else None
    try:
        written = write_export(rows, fmt, target)
    except OSError as exc:
        raise UserError("export-not-written", reason=exc.strerror or str(exc)) from None
    if written is not None:
        write_utf8(written)   # the export is UTF-8 (with BOM for csv) whatever the console's code page
        return
    if as_json:
        emit_json({"project": str(project_dir), "round": view.round.id, "format": fmt, "file": str(target),
                   "rows": len(rows)})
        return
    say(text("export.written", lang, p=target, rows=plural("rows", len(rows), lang), fmt=fmt), keep=[str(target)])
    next_step(text("next.report", lang), lang)


# ---------------------------------------------------------------------------------------- contacts
@main.group()
def contacts():
    """Department contacts for the mail drafts (help: cmd.contacts)."""


@contacts.command("import")
@click.argument("file", type=click.Path(path_type=Path), metavar="metavar.file")
@all_option
@json_option
@project_option
@handle_errors
def contacts_import(file, show_all, as_json, project_dir):
    """Contacts from a .csv/.xlsx table into seuranta.toml (help: cmd.contacts.import)."""
    from seuranta_xl.strategy.contacts import CONFIG_NAME, import_contacts

    found = import_contacts(project_dir, file)
    lang = found.language
    people = sum(len(c) for c in found.contacts.values())
    if as_json:
        emit_json(findings_document(found.findings, lang, departments=len(found.contacts), contacts=people,
                                    without=found.without))
        exit_for(found.findings)
    if found.findings:
        print_findings(found.findings, lang, text("findings.where-all", lang), show_all)
        out.print()
    if found.without:
        say(text("contacts.without", lang, n=len(found.without), d=", ".join(found.without)))
    say(text("contacts.imported", lang, f=found.file, departments=plural("departments", len(found.contacts), lang),
             people=plural("people", people, lang), c=CONFIG_NAME, counts=findings_counts(found.findings, lang)),
        keep=[found.file])
    fix = any(f.severity is not Severity.INFO for f in found.findings)
    next_step(text("next.contacts-fix", lang, f=file) if fix else text("next.contacts", lang), lang, keep=[str(file)])
    exit_for(found.findings)


# ---------------------------------------------------------------------------------------- mail drafts
def _print_drafts(result, as_json: bool, project_dir: Path, remind: bool, show_all: bool) -> None:
    from seuranta_xl.present.roundtext import draft_lines
    from seuranta_xl.store.project import RETURNS_DIR

    lang = result.language
    if as_json:
        drafts = [{"department": d, "draft": str(p), "recipients": n, "attachment": a} for d, p, n, a in result.drafts]
        emit_json(findings_document(result.findings, lang, round=result.round_id, drafts=drafts,
                                    skipped=result.skipped, templates_written=[str(p) for p in result.templates_written]))
        return
    for path in result.templates_written:
        say(text("mail.template-written", lang, p=Path(path).absolute()), keep=[str(Path(path).absolute())])
    folder = Path(result.out_dir).absolute()
    counted = plural("reminders" if remind else "drafts", len(result.drafts), lang)
    say(text("mail.reminded" if remind else "mail.sent", lang, r=result.round_id, drafts=counted, d=folder),
        keep=[str(folder)])
    print_lines(draft_lines(result.drafts, lang, width()))
    if result.skipped:
        say(text("mail.skipped", lang, n=len(result.skipped), d=", ".join(result.skipped)))
    out.print()
    if result.findings:
        print_findings(result.findings, lang, text("findings.where-all", lang), show_all)
        out.print()
    say(text("mail.summary", lang, drafts=counted, recipients=plural("recipients", sum(d[2] for d in result.drafts), lang),
             counts=findings_counts(result.findings, lang)))
    returns = project_dir / RETURNS_DIR / result.round_id
    if remind and not result.drafts:
        next_step(text("next.nothing-owed", lang, r=result.round_id), lang)
    elif remind:
        next_step(text("next.remind-drafts", lang), lang)
    else:
        next_step(text("next.send-drafts", lang, folder=returns), lang, keep=[str(returns)])


def _drafts_options(command):
    """The options of `send` and `remind`: the round, the drafts' folder, --all, --json, the project."""
    for option in (handle_errors, project_option, json_option, all_option,
                   click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                                metavar="metavar.folder"), round_option):
        command = option(command)
    return command


@main.command()
@_drafts_options
def send(round_id, out_dir, show_all, as_json, project_dir):
    """One .eml draft per department, its workbook attached, never sent (help: cmd.send)."""
    from seuranta_xl.returns.mailing import send_drafts

    result = send_drafts(project_dir, round_id, out_dir)
    _print_drafts(result, as_json, project_dir, remind=False, show_all=show_all)
    exit_for(result.findings)


@main.command()
@_drafts_options
def remind(round_id, out_dir, show_all, as_json, project_dir):
    """Drafts for the departments that still owe something, saying what (help: cmd.remind)."""
    from seuranta_xl.returns.mailing import remind_drafts

    result = remind_drafts(project_dir, round_id, out_dir)
    _print_drafts(result, as_json, project_dir, remind=True, show_all=show_all)
    exit_for(result.findings)


# ---------------------------------------------------------------------------------------- report
@main.command()
@round_option
@click.option("--format", "fmt", type=click.Choice(["xlsx", "docx", "csv", "md", "all"]), default="xlsx",
              show_default=True)
@click.option("--out", "out_path", type=click.Path(path_type=Path), metavar="metavar.file")
@json_option
@project_option
@handle_errors
def report(round_id, fmt, out_path, as_json, project_dir):
    """Summary for finance (help: cmd.report)."""
    from seuranta_xl.outputs.report import FORMATS, build_report, check_format, default_path, save_report

    formats = FORMATS if fmt == "all" else (fmt,)
    for f in formats:
        check_format(f)
    built = build_report(project_dir, round_id)
    lang, summary = built.lang, built.s
    paths = {}
    for f in formats:
        target = out_path
        if fmt == "all":
            folder = Path(out_path) if out_path is not None else default_path(project_dir, summary.round.id, f).parent
            target = folder / default_path(project_dir, summary.round.id, f).name
        paths[f] = Path(save_report(built, project_dir, f, target)).absolute()
    if as_json:
        emit_json({"project": str(project_dir), "round": summary.round.id, "has_values": summary.has_values,
                   "reports": {f: str(p) for f, p in paths.items()}})
        return
    if not summary.has_values:
        say(text("cli.report-empty", lang, r=summary.round.id))
    if len(paths) == 1:
        path = next(iter(paths.values()))
        say(text("cli.report-written", lang, p=path), keep=[str(path)])
    else:
        folder = next(iter(paths.values())).parent
        say(text("report.written-all", lang, d=folder, names=", ".join(p.name for p in paths.values())),
            keep=[str(folder), *(p.name for p in paths.values())])
    next_step(text("next.paste", lang), lang)


# ---------------------------------------------------------------------------------------- demo
@main.command()
@click.argument("directory", required=False, default="seuranta-demo", type=click.Path(path_type=Path),
                metavar="metavar.folder")
@handle_errors
def demo(directory):
    """Build a demo project from bundled data and walk the whole flow (help: cmd.demo)."""
    from seuranta_xl.demo import run_demo
    from seuranta_xl.present.terminal import wrap

    def echo(line: str) -> None:
        """A step "[i/7] …" in bold, the lines under it indented; wrapped to the terminal, paths kept whole."""
        body = line.lstrip(" ")
        indent = line[: len(line) - len(body)]
        hang = "      " if line.startswith("[") else "  "
        paths = [p for p in body.split() if "/" in p or "\\" in p]
        for part in wrap(body, width(), indent, keep=paths, hang=hang) if body else [""]:
            out.print(part, style="bold" if line.startswith("[") else None, markup=False, highlight=False)

    run_demo(Path(directory), echo=echo, language=shell_language(None))
    sys.exit(0)


# ---------------------------------------------------------------------------------------- add-in
@main.group()
def addin():
    """The coordinator's Excel add-in (help: cmd.addin)."""


@addin.command("build")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default="seuranta.xlam",
              show_default=True, metavar="metavar.file")
@click.option("--interpreter", default=None, metavar="metavar.file")
@handle_errors
def addin_build(out_path, interpreter):
    """Build seuranta.xlam (help: cmd.addin.build)."""
    from seuranta_xl.addin.build import build_xlam
    from seuranta_xl.addin.settings import default_interpreter

    interpreter = interpreter or default_interpreter()
    path = Path(build_xlam(out_path, interpreter=interpreter)).absolute()
    lang = cli_language()
    say(text("cli.addin-written", lang, p=path), keep=[str(path)])
    out.print(_interpreter_note(interpreter), markup=False, highlight=False)     # a path, whole on its line
    next_step(text("next.addin-install", lang, p=path), lang, keep=[str(path)])


def _interpreter_note(interpreter: str | None) -> str:
    if interpreter:
        return text("cli.addin-python", cli_language(), i=interpreter)
    return text("cli.addin-no-python", cli_language())


@addin.command("install")
@click.option("--file", "xlam", type=click.Path(dir_okay=False, exists=True, path_type=Path), metavar="metavar.file")
@handle_errors
def addin_install(xlam):
    """Install seuranta.xlam into Excel's add-in folder (help: cmd.addin.install)."""
    from seuranta_xl.addin.build import install_xlam

    path = install_xlam(xlam)
    out.print(text("cli.addin-installed", cli_language(), p=path), markup=False)
    if xlam is None:
        out.print(_interpreter_note(sys.executable), markup=False)


if __name__ == "__main__":  # pragma: no cover
    main()
