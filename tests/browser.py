"""Headless Chromium through Playwright, for the page's tests and ``make screenshot``.

``python -m tests.browser GRAPH.html SHOT.png`` opens a rendered graph, waits until it is laid out and writes a
screenshot at the default zoom (the README's picture).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 860}
READY = "body[data-state=stabilized]"


@contextmanager
def chromium() -> Iterator:
    """Debian's chromium, launched headless by Playwright (raises if it is not installed)."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(html: Path, png: Path, browser=None) -> Path:
    """Open ``html`` offline, wait until the network is drawn, and write ``png`` (the whole window, 256 colours).

    ``browser`` is a Playwright browser to use; without one, :func:`chromium` starts one.
    """
    if browser is None:
        with chromium() as started:
            return screenshot(html, png, started)
    page = browser.new_page(viewport=VIEWPORT)
    page.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort()
    )
    page.goto(html.resolve().as_uri())
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    shot = page.screenshot()
    page.close()
    png.parent.mkdir(parents=True, exist_ok=True)
    image = (
        Image.open(io.BytesIO(shot))
        .convert("RGB")
        .quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    )
    image.save(png, optimize=True)  # a palette PNG: small enough to keep in the repository
    return png


if __name__ == "__main__":
    print(screenshot(Path(sys.argv[1]), Path(sys.argv[2])))
