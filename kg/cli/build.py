"""`kg build`: run the whole pipeline over files, folders and globs."""

from __future__ import annotations

import gc
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.markup import escape
from rich.table import Table

from kg.cli._util import Arg, Opt, app, console, fail, keep, leave_fast, use_domain


@app.command("build")
def build_cli(
    inputs: list[str] = Arg(None, help="Files, folders (recursive) or globs. Default: the shipped seeds/."),
    out: Path = Opt(Path("output"), "--out", "-o", help="Output folder."),
    base_iri: str = Opt(None, "--base-iri", help="Base IRI for minted resources (default https://kg.example.org/)."),
    formats: list[str] = Opt(
        ["ttl"], "--format", "-f", help="RDF formats to write besides the flat JSONL and GraphML: ttl, jsonld, nt."
    ),
    html: bool = Opt(True, "--html/--no-html", help="Write the interactive graph.html viewer."),
    quiet: bool = Opt(False, "--quiet", "-q", help="No progress bar."),
    domain: str = Opt(None, "--domain", help="Domain pack (home region, local publishers and bodies): zhuzhou "
                                             "(default, or $KG_DOMAIN) or generic; kg/domains/ lists them."),
    jobs: int = Opt(None, "--jobs", "-j", min=1, help="Worker processes for reading and NLP (default: the cores)."),
    engine: str = Opt("local", "--engine", help="local (worker processes) or dask (a Dask cluster)."),
    address: str = Opt(None, "--address", help="With --engine dask: the scheduler (tcp://host:8786); without it a "
                                               "local cluster of --jobs workers."),
) -> None:
    """Ingest → extract → resolve → write graph.ttl, graph.html and the other exports."""
    from kg.archive.engines import ENGINES, default_jobs
    from kg.pipeline import build, check_options
    use_domain(domain)
    if engine not in ENGINES:
        raise fail(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}", code=2)

    try:
        check_options(base_iri, formats)
    except ValueError as error:
        raise fail(str(error), code=2) from None
    leave_fast()
    report = with_progress(lambda progress: build(
        inputs or None, out, base_iri=base_iri, formats=formats, html=html, progress=progress,
        jobs=jobs or default_jobs(), engine=engine, address=address), quiet)
    keep(report)
    show_report(report, "kg build")


def with_progress(run, quiet: bool):
    """Run `run(progress)` under a progress bar (none with `quiet`); returns what it returns."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=quiet,
        transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        result = run(progress)
    # a command runs one build: what it made lives until the process exits, so no full collection walks it again
    # while the report is printed (a second and a half on a 10 M chars archive)
    gc.freeze()
    return result


def show_report(report, title: str) -> None:
    """The problems, then the summary table; a non-zero exit when nothing usable was read."""
    for problem in report.problems:
        style = "red" if problem.severity == "error" else "yellow"
        # paths and reasons quote the input ('[/b]' in a front-matter date): printed as text, not as markup
        console.print(f"[{style}]{problem.severity}[/]: {escape(problem.path)}: {escape(problem.reason)}", markup=True)

    corpus = report.corpus
    summary = Table(title=title, show_header=False, box=None)
    summary.add_row("files read / skipped / seen", f"{report.files_read} / {report.files_skipped} / {report.files_seen}")
    summary.add_row("documents", str(len(corpus.documents)))
    summary.add_row("articles", str(len(corpus.articles)))
    summary.add_row("entities", str(len(corpus.entities)))
    summary.add_row("relations", str(len(corpus.relations)))
    summary.add_row("triples", str(report.triples))
    summary.add_row("warnings / errors", f"{sum(p.severity != 'error' for p in report.problems)} / "
                    f"{sum(p.severity == 'error' for p in report.problems)}")
    counts = report.counts
    if counts is not None and counts.reused:
        summary.add_row("files reused / re-extracted", f"{counts.reused} / {counts.reextracted}")
    summary.add_row("seconds", f"{report.seconds:.1f}")
    if counts is not None and counts.seconds:
        summary.add_row("by stage", " · ".join(f"{stage} {sec:.1f}" for stage, sec in counts.seconds.items()))
    for index, path in enumerate(sorted(map(str, report.outputs.values()))):  # the counts above are named already
        summary.add_row("written" if index == 0 else "", path)
    console.print(summary)
    if not report.ok:
        raise fail("no usable article was read from the inputs", code=2)
