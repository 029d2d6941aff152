"""`penholder library votes FILE.csv` and what the other commands then say: search/sources JSON (``adoption``,
``delegation``), the agreed-language DOCX's column for the delegation, lineage's adoption."""

from __future__ import annotations

import json

from docx import Document

from penholder.cli import main
from penholder.library import Library
from tests.library import voting_files as vf


def test_votes_command_and_what_search_sources_and_lineage_then_say(tmp_path, shared_dir, capsys):
    votes = vf.recorded_votes(shared_dir, 30)
    library = tmp_path / "library.sqlite3"
    symbol = votes[0].symbol
    assert main(["library", "--library", str(library), "add", str(vf.text_file(shared_dir, symbol))]) == 0
    capsys.readouterr()
    assert main(["library", "--library", str(library), "votes", str(tmp_path / "missing.csv")]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    csv_file = vf.write_resolution_level(tmp_path / "votes.csv", votes)
    assert main(["library", "--library", str(library), "votes", str(csv_file), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["recorded"] == [symbol] and report["layout"] == "resolution" and report["resolutions"] == 31
    with Library.open(library) as opened:
        paragraph = opened.get(symbol).operative[0].full_text()
    assert main(["search", "--library", str(library), "--json", "--limit", "1", "--delegation", "usa",
                 paragraph]) == 0
    hit = json.loads(capsys.readouterr().out)[0]
    yes, no, abstaining, _ = votes[0].totals()
    assert hit["symbol"] == symbol and hit["badge"] == f"vote {yes}–{no}–{abstaining}"
    assert hit["adoption"]["mode"] == "recorded vote" and hit["delegation"]["vote"] == votes[0].votes["USA"]
    assert main(["search", "--library", str(library), "--json", "--limit", "1", paragraph]) == 0
    assert json.loads(capsys.readouterr().out)[0]["delegation"] is None  # no setting, no option
    draft = tmp_path / "draft.txt"
    draft.write_text(vf.text_file(shared_dir, symbol).read_text("utf-8"), "utf-8")
    output = tmp_path / "report.docx"
    assert main(["sources", "--library", str(library), "--json", "--delegation", "USA", "-o", str(output),
                 str(draft)]) == 0
    rows = json.loads(capsys.readouterr().out)["paragraphs"]
    voted = [r for r in rows if r["precedent"] and r["precedent"]["symbol"] == symbol]
    assert voted and all(r["precedent"]["delegation"]["state"] == "USA" for r in voted)
    table = Document(str(output)).tables[0]
    assert [c.text for c in table.rows[0].cells][3] == "USA vote"
    word = {"Y": "yes", "N": "no", "A": "abstained", "X": "did not vote"}[votes[0].votes["USA"]]
    assert word in {row.cells[3].text for row in table.rows[1:]}
    assert main(["lineage", "--library", str(library), "--json", symbol, "operative", "1"]) == 0
    steps = json.loads(capsys.readouterr().out)
    assert steps[0]["symbol"] == symbol and steps[0]["badge"] == hit["badge"]
