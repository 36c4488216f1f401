"""`kg update`: add new and changed files to a built graph, drop deleted ones (kg/archive/update.py)."""

from __future__ import annotations

from pathlib import Path

from kg.cli._util import Arg, Opt, app, fail, keep, leave_fast


@app.command("update")
def update_cli(
    files: list[str] = Arg(None, help="New or changed files, folders or globs (files of the earlier build that "
                                      "changed on disk are found without being named)."),
    out: Path = Opt(Path("output"), "--out", "-o", help="The output folder of an earlier kg build."),
    remove: list[str] = Opt([], "--remove", help="A file of the earlier build to take out (deleted files go "
                                                 "without it). Repeatable."),
    jobs: int = Opt(None, "--jobs", "-j", min=1, help="Worker processes for reading and NLP (default: the cores)."),
    quiet: bool = Opt(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Update a built graph: only new and changed documents are read; what a changed or deleted document alone
    supported goes. The exports equal a full kg build of the final files."""
    from kg.archive.engines import default_jobs
    from kg.archive.update import update
    from kg.cli.build import show_report, with_progress

    leave_fast()
    try:
        report = with_progress(lambda progress: update(files or [], out, remove=remove, progress=progress,
                                                       jobs=jobs or default_jobs()), quiet)
    except ValueError as error:
        raise fail(str(error), code=2) from None
    keep(report)
    show_report(report, "kg update")
