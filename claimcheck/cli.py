"""The command line. The only place that turns errors into messages and exit codes.

Exit codes: 0 no finding at or above the fail level; 1 findings at or above it;
2 a usage, configuration or input error, printed as one line naming the file and
position. Heavy modules are imported inside the commands, so `--version` and
`--help` stay instant.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import ClaimcheckError

LEVEL_CHOICE = click.Choice(["info", "warning", "error"])
FORMATS = ("rich", "json", "jsonl", "sarif", "github", "junit", "markdown")
EXIT_FINDINGS, EXIT_ERROR = 1, 2


class Group(click.Group):
    """Every command runs inside one guard: ClaimcheckError → one line on stderr, exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        signal.signal(signal.SIGTERM, _terminated)
        try:
            return super().invoke(ctx)
        except ClaimcheckError as err:
            click.echo(str(err), err=True)
            sys.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            click.echo("claimcheck: interrupted", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as err:
            if os.environ.get("CLAIMCHECK_DEBUG"):
                raise
            where = _innermost(err)
            click.echo(
                f"claimcheck: internal error: {type(err).__name__}: {err} ({where}); "
                "rerun with CLAIMCHECK_DEBUG=1 for details and please report it",
                err=True,
            )
            sys.exit(EXIT_ERROR)


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _innermost(err: BaseException) -> str:
    tb = err.__traceback__
    while tb and tb.tb_next:
        tb = tb.tb_next
    return f"{Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}" if tb else "?"


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="claimcheck", message="%(prog)s %(version)s")
def main() -> None:
    """Check a draft's figures, dates, quotations and attributions against its sources."""


def _config(config_file: Path | None, no_config: bool):
    from .config import Config, find_config, load_config
    from .rules import option_defaults

    if no_config:
        return Config.default(Path.cwd())
    path = config_file or find_config(Path.cwd())
    if path is None:
        return Config.default(Path.cwd())
    if not path.is_file():
        raise ClaimcheckError("no such file", str(path))
    return load_config(path, option_defaults())


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def _use_color(no_color: bool, output: Path | None) -> bool:
    if no_color or output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _default_format(output: Path | None) -> str:
    if os.environ.get("GITHUB_ACTIONS") == "true" and output is None:
        return "github"
    return "rich"


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from .fsutil import write_atomic

    write_atomic(output, text)


@main.command()
@click.argument("drafts", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--source",
    "-s",
    "sources",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A source document or folder (repeatable). Default: claims.yaml's sources.",
)
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="claims.yaml to use.")
@click.option("--no-config", is_flag=True, help="Ignore any claims.yaml: an ad-hoc check.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Report format (default: rich; github in Actions).")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write the report here (atomically).")
@click.option("--min-level", type=LEVEL_CHOICE, help="Show findings at or above this level.")
@click.option("--fail-level", type=LEVEL_CHOICE, help="Exit 1 on findings at or above this level (default: error).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), help="Show findings at or above this confidence.")
@click.option("--select", multiple=True, metavar="RULE", help="Run only these rules (repeatable).")
@click.option("--ignore", multiple=True, metavar="RULE", help="Do not run these rules (repeatable).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach the fail level.")
@click.option("--no-color", is_flag=True, help="Plain text, no colour (also: NO_COLOR).")
@click.option("--baseline", type=click.Path(path_type=Path), help="Report only findings not in this baseline.")
@click.option("--no-inline-suppressions", is_flag=True, help="Ignore claimcheck: disable directives (audits).")
@click.option("--changed-since", metavar="REV", help="Only findings on lines changed since this git revision.")
@click.option("--strict", is_flag=True, help="Stop on an unreadable source instead of warning.")
@click.option("--cache-dir", type=click.Path(path_type=Path), help="Source index folder (default: .claimcheck/).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the source index.")
def check(
    drafts,
    sources,
    config_file,
    no_config,
    fmt,
    output,
    min_level,
    fail_level,
    min_confidence,
    select,
    ignore,
    exit_zero,
    no_color,
    baseline,
    no_inline_suppressions,
    changed_since,
    strict,
    cache_dir,
    no_cache,
) -> None:
    """Check DRAFTS against their sources and report what conflicts or lacks credit."""
    from .engine import CheckOptions, failed
    from .engine import check as run_check
    from .report import github_summary, render
    from .rules import BY_ID

    for rule_id in (*select, *ignore):
        if rule_id not in BY_ID:
            raise ClaimcheckError(f"unknown rule {rule_id!r}; `claimcheck rules` lists them")
    config = _config(config_file, no_config)
    options = CheckOptions(
        min_level=min_level,
        fail_level=fail_level,
        min_confidence=min_confidence,
        select=tuple(select),
        ignore=tuple(ignore),
        inline_suppressions=not no_inline_suppressions,
        baseline=baseline,
        changed_since=changed_since,
        strict=strict,
        cache_dir=None if no_cache else (cache_dir or _cache_dir(config)),
    )
    result = run_check(config, list(drafts), list(sources), options, warn=_warn)
    fmt = fmt or _default_format(output)
    _emit(render(fmt, result, color=_use_color(no_color, output), width=_width()), output)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(github_summary(result))
    if failed(result) and not exit_zero:
        sys.exit(EXIT_FINDINGS)


def _cache_dir(config) -> Path:
    return (config.path.parent if config.path else Path.cwd()) / ".claimcheck"


def _width() -> int:
    try:
        return max(60, min(160, os.get_terminal_size().columns))
    except OSError:
        return 100


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["rich", "json"]), default="rich")
@click.option("--config", "config_file", type=click.Path(path_type=Path))
@click.option("--no-config", is_flag=True)
@click.option("--no-color", is_flag=True)
def claims(file: Path, fmt: str, config_file: Path | None, no_config: bool, no_color: bool) -> None:
    """The claims found in one document: figures, dates, quotations, attributions."""
    from .claims_view import claims_json, claims_table
    from .engine import display, meta_of
    from .pipeline import analyse_path

    config = _config(config_file, no_config)
    analysis = analyse_path(file, config.extract_options(), display(file), meta_of(config, file))
    if fmt == "json":
        click.echo(claims_json(analysis), nl=False)
    else:
        click.echo(claims_table(analysis, color=_use_color(no_color, None), width=_width()), nl=False)


@main.command("rules")
def rules_command() -> None:
    """Every rule: its id, default level and what it checks."""
    from .engine import _rule_infos

    infos = _rule_infos()
    width = max(len(r.id) for r in infos)
    for info in infos:
        click.echo(f"{info.id:<{width}}  {info.level:<7}  {info.summary}")


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """A rule's documentation, with a failing and a passing example."""
    from .engine import _rule_infos

    infos = {r.id: r for r in _rule_infos()}
    if rule not in infos:
        import difflib

        close = difflib.get_close_matches(rule, infos, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else "; `claimcheck rules` lists them"
        raise ClaimcheckError(f"unknown rule {rule!r}{hint}")
    info = infos[rule]
    options = ", ".join(f"{k}={v!r}" for k, v in info.options) or "none"
    reads = ", ".join(info.reads) or "the document"
    click.echo(f"{info.id} (default level: {info.level}; reads: {reads}; options: {options})\n\n{info.doc}\n")


@main.group()
def baseline() -> None:
    """Record accepted findings, so that a check reports only new ones."""


def _check_for_baseline(config_file, no_config, drafts, sources):
    from .engine import CheckOptions
    from .engine import check as run_check

    config = _config(config_file, no_config)
    options = CheckOptions(cache_dir=_cache_dir(config), min_level="info")
    return config, run_check(config, list(drafts), list(sources), options, warn=_warn)


def _baseline_options(f: Callable) -> Callable:
    for option in reversed(
        [
            click.argument("drafts", nargs=-1, type=click.Path(path_type=Path)),
            click.option("--source", "-s", "sources", multiple=True, type=click.Path(path_type=Path)),
            click.option("--config", "config_file", type=click.Path(path_type=Path)),
            click.option("--no-config", is_flag=True),
            click.option("--output", "-o", type=click.Path(path_type=Path)),
        ]
    ):
        f = option(f)
    return f


@baseline.command("write")
@_baseline_options
def baseline_write(drafts, sources, config_file, no_config, output) -> None:
    """Record every current finding by fingerprint (line numbers are not part of it)."""
    from datetime import date

    from .baseline import write_baseline

    config, result = _check_for_baseline(config_file, no_config, drafts, sources)
    path = output or config.baseline or Path(".claimcheck-baseline.json")
    write_baseline(path, result.findings, date.today())
    click.echo(f"wrote {len(result.findings)} findings to {path}")


@baseline.command("prune")
@_baseline_options
def baseline_prune(drafts, sources, config_file, no_config, output) -> None:
    """Drop baseline entries that no longer match a finding."""
    from .baseline import prune, read_baseline, save_baseline

    config, result = _check_for_baseline(config_file, no_config, drafts, sources)
    path = output or config.baseline or Path(".claimcheck-baseline.json")
    old = read_baseline(path)
    new = prune(old, [*result.findings, *result.suppressed])
    save_baseline(path, new)
    click.echo(f"kept {len(new.entries)} of {len(old.entries)} entries in {path}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--config", "config_file", type=click.Path(path_type=Path))
@click.option("--no-config", is_flag=True)
@click.option("--cache-dir", type=click.Path(path_type=Path))
def index(paths, config_file, no_config, cache_dir) -> None:
    """Read, segment and extract sources once, into the on-disk index checks reuse."""
    from .index_command import build_index

    config = _config(config_file, no_config)
    build_index(config, list(paths), cache_dir or _cache_dir(config), warn=_warn)


if __name__ == "__main__":  # pragma: no cover
    main()
