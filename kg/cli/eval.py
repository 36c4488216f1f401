"""`kg eval`: score extraction + resolution against gold annotation files."""

from __future__ import annotations

import json
from pathlib import Path

from rich.table import Table

from kg.cli._util import Arg, Opt, app, console, fail, use_domain, out


def _score_table(title: str, scores: dict, micro=None, micro_label: str = "micro") -> Table:
    table = Table(title=title)
    for column in ("type", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="right" if column != "type" else "left")
    rows = list(scores.items()) + ([(micro_label, micro)] if micro is not None else [])
    for name, s in rows:
        table.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp), str(s.fn))
    return table


def _veto_table(vetoes: dict[str, int]) -> Table:
    table = Table(title="model entities dropped by the gate")
    table.add_column("label and reason")
    table.add_column("spans", justify="right")
    for reason, n in vetoes.items():
        table.add_row(reason, str(n))
    if not vetoes:
        table.add_row("(none)", "0")
    return table


@app.command("eval")
def eval_cli(
    inputs: list[str] = Arg(None, help="Where the gold files' documents are (files/folders). Default: seeds/."),
    gold: list[Path] = Opt(..., "--gold", "-g", help="Gold file or folder of *.json gold files (repeatable)."),
    show: int = Opt(15, "--show", help="How many misses / false hits to list per document (0: none)."),
    json_out: Path = Opt(None, "--json", help="Also write the full report (scores, misses, false hits) as JSON."),
    half: str = Opt("all", "--half", help="all | odd | even: only gold files whose number is odd (tuning half of "
                                          "realnews-dev) or even (report half)."),
    domain: str = Opt(None, "--domain", help="Domain pack (home region, local publishers and bodies): zhuzhou "
                                             "(default, or $KG_DOMAIN) or generic; kg/domains/ lists them."),
) -> None:
    """Run ingest → extract → resolve on each gold file's document and print P/R/F1 per type."""
    from kg.eval import evaluate
    use_domain(domain)

    try:
        report = evaluate(gold, inputs or None, half=half)
    except (FileNotFoundError, ValueError) as error:
        raise fail(str(error), code=2)
    if not report.documents:
        raise fail("no gold files found", code=2)
    for d in report.documents:
        if d.error:
            console.print(f"[red]error[/]: {d.gold_path}: {d.error}", markup=True)
            continue
        if show:
            out.print(f"[bold]{d.document}[/] ({d.gold_path})")
            for label, items in (("missed entity", d.entity_misses), ("false entity", d.entity_false),
                                 ("missed relation", d.relation_misses), ("false relation", d.relation_false)):
                for item in items[:show]:
                    out.print(f"  {label}: {item}", markup=False)
                if len(items) > show:
                    out.print(f"  … {len(items) - show} more {label}s", markup=False)
    out.print(_score_table("entities", report.entity_scores, report.entity_micro, "micro PER+ORG+LOC+EVENT"))
    out.print(_score_table("relations", report.relation_scores, report.relation_micro))
    out.print(_veto_table(report.vetoes))
    if json_out is not None:
        json_out.write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
        console.print(f"report written to {json_out}")
    if all(d.error for d in report.documents):
        raise fail("no gold file could be scored", code=2)
