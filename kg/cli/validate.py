"""`kg validate`: check a graph against the SHACL shapes in ontology/shapes.ttl."""

from __future__ import annotations

from pathlib import Path

from kg.cli._util import Arg, Opt, app, console, fail, out


@app.command("validate")
def validate_cli(
    graph: Path = Arg(Path("output"), help="Graph file (.ttl/.nt/.jsonld) or build folder."),
    shapes: Path = Opt(None, "--shapes", help="SHACL shapes file (default: ontology/shapes.ttl)."),
    quiet: bool = Opt(False, "--quiet", "-q", help="Only the verdict, not the violation report."),
    rdfs: bool = Opt(False, "--rdfs", help="Apply RDFS entailment with the ontology (kg.ttl) before validating."),
) -> None:
    """Validate a graph with SHACL (pyshacl); exit status 1 when it does not conform."""
    from kg.graph.validate import validate_graph
    from kg.query import QueryError

    try:
        report = validate_graph(graph, shapes, rdfs=rdfs)
    except (QueryError, OSError) as error:
        raise fail(str(error), code=2) from None
    except Exception as error:  # rdflib parse errors come in many types
        raise fail(f"{graph}: cannot read graph: {error}", code=2) from None
    if report.conforms:
        console.print(f"[green]conforms[/]: {graph}", markup=True)
        return
    if not quiet:
        out.print(report.text, markup=False, highlight=False)
    raise fail(f"{graph}: {report.violations} SHACL violation(s)", code=1)
