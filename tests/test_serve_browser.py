"""The query page of `kg serve` in headless Chromium: YASGUI runs a query against the endpoint and shows a table,
with nothing fetched from anywhere but the server, and nothing refused by the page's Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.test_render_browser import browser  # noqa: F401  (the Chromium fixture)
from tests.test_serve import Server, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    yield from serve(tmp_path_factory, timeout=30)


class Page:
    """A page that may only talk to the server; other requests are aborted and recorded, as are errors."""

    def __init__(self, browser, server: Server) -> None:  # noqa: F811
        self.origin = f"http://127.0.0.1:{server.port}/"
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", self._console)
        self.page.goto(self.origin)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:  # the page's policy refused something it needs
            self.errors.append(message.text)

    def _route(self, route) -> None:
        if route.request.url.startswith(self.origin):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def table(self) -> list[list[str]]:
        """The rows of the result table, once it shows some."""
        rows = self.page.locator(".yasr table.dataTable tbody tr")
        rows.first.wait_for(timeout=30_000)
        return [[cell.inner_text() for cell in row.locator("td").all()] for row in rows.all()]


def test_a_canned_query_runs_from_the_page_and_shows_a_table(browser, server):  # noqa: F811
    page = Page(browser, server)
    page.page.get_by_role("button", name="who-sanctions-whom").click()
    rows = page.table()
    text = [" ".join(row) for row in rows]
    assert any("United States" in row and "Russia" in row for row in text), text
    assert any("European Union" in row and "Russia" in row for row in text), text
    assert page.blocked == [] and page.errors == []


def test_the_editor_starts_with_our_prefixes_and_runs_its_query(browser, server):  # noqa: F811
    page = Page(browser, server)
    editor = page.page.locator(".yasqe .CodeMirror")
    editor.wait_for()
    assert "PREFIX nkga: <https://w3id.org/newskg/id/actor/>" in editor.inner_text()
    page.page.locator(".yasqe_queryButton").click()
    rows = page.table()
    subject, who, relation, obj, whom, statements = (cell.strip() for cell in rows[0][1:])
    assert (subject, who, relation, obj, whom) == (
        "nkga:Q30",
        "United States",
        "sanctions",
        "nkga:Q159",
        "Russia",
    )
    assert statements.startswith('"2"'), rows  # YASR shows a typed literal with its datatype
    # an actor in the table links to its page: description and statements, other actors linked in turn
    page.page.locator(".yasr table.dataTable tbody tr").first.get_by_role("link", name="nkga:Q159").click()
    page.page.wait_for_url("**/actor/Q159")
    assert page.page.locator("h1").inner_text() == "Russia"
    assert "Moscow" in page.page.locator("body").inner_text()  # a name it goes by
    statements = page.page.locator("#statements tbody tr").all_inner_texts()
    assert len(statements) == 5 and "the first, as --max-rows allows" in page.page.locator("h2").inner_text()
    assert any("European Union\tsanctions\tRussia\tasserted" in row for row in statements), statements
    page.page.get_by_role("link", name="Ukraine").first.click()
    page.page.wait_for_url("**/actor/Q212")
    assert page.page.locator("h1").inner_text() == "Ukraine"
    assert page.blocked == [] and page.errors == []
