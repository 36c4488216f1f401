"""`kg view`: open the interactive graph page, or draw a focused / limited one from graph.graphml."""

from __future__ import annotations

import webbrowser
from pathlib import Path

from kg.cli._util import Arg, Opt, app, console, fail, out


@app.command("view")
def view_cli(
    graph: Path = Arg(None, help="graph.html to open, a graph.graphml to draw, or an output folder. Default: output/graph.html."),
    focus: list[str] = Opt(None, "--focus", metavar="NAME", help="Ego view around this entity (name, alias or id); repeatable."),
    hops: int = Opt(1, "--hops", min=0, help="With --focus: how many steps out from the entity."),
    max_nodes: int = Opt(None, "--max-nodes", min=1, help="Keep at most N entities (nearest, best connected)."),
    min_degree: int = Opt(0, "--min-degree", min=0, help="Drop entities with fewer than N relations."),
    page: Path = Opt(None, "--out", "-o", help="Where to write a regenerated page. Default: next to the graph."),
    title: str = Opt(None, "--title", help="Page title."),
    open_browser: bool = Opt(True, "--open/--no-open", help="Open the page in the default browser."),
) -> None:
    """Open the graph viewer; with --focus/--max-nodes/--min-degree, regenerate it from graph.graphml first."""
    from kg.viz import FocusNotFound
    from kg.viz.view import ViewError, view_page

    try:
        path = view_page(graph, focus=focus, hops=hops, max_nodes=max_nodes, min_degree=min_degree, out=page,
                         title=title)
    except (ViewError, FocusNotFound) as error:
        raise fail(str(error), code=2) from None
    out.print(path.resolve().as_uri())  # a URL a terminal can open, from whatever folder
    if not open_browser:
        return
    try:
        webbrowser.get()
    except webbrowser.Error:
        console.print("no browser found: open the page above yourself")
        return
    if not webbrowser.open(path.resolve().as_uri()):
        console.print("could not start a browser: open the page above yourself")
