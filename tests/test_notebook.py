"""notebooks/quickstart.ipynb runs top to bottom in a fresh kernel (nbclient) without a cell error."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "quickstart.ipynb"


@pytest.mark.slow
def test_quickstart_notebook_runs_and_shows_its_results():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        nb, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    ).execute()
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    html = [out.data["text/html"] for out in outputs if "text/html" in out.get("data", {})]
    assert sum('class="dataframe"' in h for h in html) >= 4  # two SPARQL results, centrality, timeline
    # the SPARQL cells answer DataFrames (kg.open(db).query_df) with rows in them
    sparql = [
        out.data["text/html"]
        for cell in nb.cells
        if cell.cell_type == "code" and "query_df(" in cell.source
        for out in cell.outputs
        if "text/html" in out.get("data", {})
    ]
    assert len(sparql) == 2 and all(h.count("<tr>") >= 3 for h in sparql)  # the header and 2+ rows
    assert "Russia" in sparql[1]
    assert any("<iframe srcdoc=" in h and "vis.Network" in h for h in html)
    assert any("image/png" in out.get("data", {}) for out in outputs)
    text = "".join(out.get("text", "") for out in outputs if out.output_type == "stream")
    assert "community 1:" in text and "articles" in text
    assert "Warning" not in text
