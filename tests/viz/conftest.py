"""Headless Chromium (Debian's `chromium`, driven by Playwright) for the viewer's browser tests.

Every request that is not file:/data:/about: is aborted and recorded, so a test can prove the page
never reaches for the network.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# What the user sees once the page is ready: vis's zoom, the share of nodes inside the canvas and of labels drawn.
FIRST_PAINT_JS = """() => {
  const network = window.kgViewer.network;
  const box = document.getElementById("kg-network").getBoundingClientRect();
  const ids = network.body.nodeIndices;
  let inside = 0, labelled = 0;
  for (const id of ids) {
    const p = network.canvasToDOM(network.getPosition(id));
    if (p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height) inside++;
    if (network.body.nodes[id].labelModule.visible()) labelled++;
  }
  return {scale: network.getScale(), nodes: ids.length, inside: inside / ids.length, labelled: labelled / ids.length};
}"""

VIEWPORT = {"width": 1600, "height": 1000}  # the window the first-paint promise is made for
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update"]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


def chromium_path() -> str | None:
    for candidate in (os.environ.get("KG_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        pytest.skip("no chromium binary found (apt-get install chromium, or set KG_CHROMIUM)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class OpenedPage:
    """A page plus what it tried to do behind our back: network requests, dialogs, JS errors."""

    def __init__(self, page):
        self.page = page
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def open_page(browser):
    contexts = []

    def _open(path: Path, *, wait_ready: bool = True, timeout_ms: int = 30_000) -> OpenedPage:
        context = browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
        page = context.new_page()
        opened = OpenedPage(page)

        def route(r):
            if r.request.url.startswith(LOCAL_SCHEMES):
                r.continue_()
            else:
                opened.blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and opened.errors.append(m.text))
        page.goto(Path(path).resolve().as_uri())
        if wait_ready:
            page.wait_for_function("window.kgViewer && window.kgViewer.ready === true", timeout=timeout_ms)
        return opened

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    """Where screenshots go: $KG_TEST_ARTIFACTS, else a pytest temporary folder (never the user's output/)."""
    folder = os.environ.get("KG_TEST_ARTIFACTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
