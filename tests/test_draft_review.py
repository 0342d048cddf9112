"""The review loop of the drafting how-to closes: draft, fill, merge, validate, diff."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import aifactories
from aifactories._cli import main
from aifactories._draft import TO_FILL
from aifactories._merge import merge_files

_RELEASE = (
    "Trondheim, 12 March 2025 \u2013 NORDLYS, the Norwegian AI Factory, was selected "
    "today by the EuroHPC Joint Undertaking.\n"
    "The AI Factory will be hosted by the Nordic Centre for Computational Science "
    "(NCCS) in Trondheim.\n"
)


def _fill(draft: Path, **fields: object) -> None:
    # What the reviewer does by hand: set the fields and drop the note.
    data = json.loads(draft.read_text(encoding="utf-8"))
    for entry in data["factories"]:
        entry.update(fields)
        entry["notes"] = None
    draft.write_text(json.dumps(data), encoding="utf-8")


class TestReviewLoop:
    """A filled draft merges into the registry and validates with its article."""

    def test_draft_fill_merge_validate_diff(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        articles = tmp_path / "articles"
        articles.mkdir()
        (articles / "nordlys.txt").write_text(_RELEASE, encoding="utf-8")
        draft, merged, before = (tmp_path / n for n in ("d.json", "r.json", "b.json"))
        assert main(["draft", str(articles / "nordlys.txt"), "-o", str(draft)]) == 0
        data = json.loads(draft.read_text(encoding="utf-8"))
        assert {wave["id"] for wave in data["waves"]} >= {"W1", "W2", "W3"}
        # Not yet reviewed: refused, naming what is left.
        capsys.readouterr()
        assert main(["merge", str(draft), "-o", str(merged)]) == 1
        assert "still to fill" in capsys.readouterr().err
        assert not merged.exists()
        _fill(draft, wave="W2", confidence="medium")
        docs = ["--documents", str(articles)]
        assert main(["merge", str(draft), "-o", str(merged), *docs]) == 0
        assert main(["validate", str(merged), *docs]) == 0
        assert "valid" in capsys.readouterr().out
        assert main(["export", "-o", str(before)]) == 0
        capsys.readouterr()
        assert main(["diff", str(before), str(merged), *docs]) == 0
        out = capsys.readouterr().out
        assert "1 added, 0 removed, 0 changed" in out
        assert "nordlys" in out

    def test_merge_into_a_file_replaces_the_entry_it_updates(
        self, tmp_path: Path
    ) -> None:
        articles = tmp_path / "articles"
        articles.mkdir()
        (articles / "nordlys.txt").write_text(_RELEASE, encoding="utf-8")
        draft, first, second = (tmp_path / n for n in ("d.json", "1.json", "2.json"))
        docs = ["--documents", str(articles)]
        assert main(["draft", str(articles / "nordlys.txt"), "-o", str(draft)]) == 0
        _fill(draft, wave="W2", confidence="medium")
        assert main(["merge", str(draft), "-o", str(first), *docs]) == 0
        _fill(draft, wave="W2", confidence="high")
        merge = ["merge", str(draft), "--into", str(first), "-o", str(second)]
        assert main([*merge, *docs]) == 0
        data = json.loads(second.read_text(encoding="utf-8"))
        found = [e for e in data["factories"] if e["id"] == "nordlys"]
        assert [e["confidence"] for e in found] == ["high"]
        assert len(data["factories"]) == len(
            json.loads(first.read_text(encoding="utf-8"))["factories"]
        )

    def test_merge_reads_the_draft_once(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # The file checked for placeholders is the file merged: a second read
        # could see another file put there in between.
        articles = tmp_path / "articles"
        articles.mkdir()
        (articles / "nordlys.txt").write_text(_RELEASE, encoding="utf-8")
        draft = tmp_path / "d.json"
        assert main(["draft", str(articles / "nordlys.txt"), "-o", str(draft)]) == 0
        _fill(draft, wave="W2", confidence="medium")
        reads: list[str] = []
        real = os.open

        def counting(name: Any, *args: Any, **kwargs: Any) -> int:
            reads.append(os.fspath(name))
            return real(name, *args, **kwargs)

        monkeypatch.setattr(os, "open", counting)
        merged = merge_files(str(draft), documents=str(articles))
        assert "nordlys" in merged
        assert reads.count(str(draft)) == 1

    def test_a_draft_of_a_web_page_validates_against_the_page(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        articles = tmp_path / "articles"
        articles.mkdir()
        # An entity and a line split inside a paragraph: the page's text is
        # not the markup's.
        lines = _RELEASE.replace("\u2013", "&ndash;").replace(" was ", "\n  was ")
        page = "".join(f"<p>{line}</p>\r\n" for line in lines.split(".\n"))
        html = f"<html><head><style>p {{}}</style></head><body>{page}</body></html>"
        (articles / "nordlys.html").write_text(html, encoding="utf-8")
        draft = tmp_path / "d.json"
        assert main(["draft", str(articles / "nordlys.html"), "-o", str(draft)]) == 0
        _fill(draft, wave="W2", confidence="medium")
        capsys.readouterr()
        assert main(["validate", str(draft), "--documents", str(articles)]) == 0, (
            capsys.readouterr().out
        )


_BID = (
    "Norway bids for an AI gigafactory\n"
    "Norway has submitted an expression of interest for an AI gigafactory in "
    "Mo i Rana.\n"
    "The bid is coordinated by the Arctic Compute Alliance (ACA), with partners "
    "Fjordnett, Polarkraft, Nordlab and Skarv Systems.\n"
)


class TestGigafactoryBid:
    """An article about a national gigafactory bid drafts a position that merges."""

    def test_bid_drafts_a_position_with_quotes(self) -> None:
        found = aifactories.draft(_BID, name="bid.txt")
        assert found.entries == ()
        (position,) = found.positions
        assert (position.country, position.consortium) == (
            "NO",
            "Arctic Compute Alliance",
        )
        assert position.summary == TO_FILL
        assert {s.name for s in position.stakeholders} == {
            "Fjordnett",
            "Polarkraft",
            "Nordlab",
            "Skarv Systems",
        }
        quotes = [s.quote for s in position.sources]
        quotes += [s.quote for h in position.stakeholders for s in h.sources]
        assert quotes
        assert all(q and q in _BID for q in quotes)

    def test_bid_placed_in_no_country_leaves_the_country_to_fill(self) -> None:
        text = "Town hopes to host the AI gigafactory\nThe council backs the bid.\n"
        (position,) = aifactories.draft(text, name="t.txt").positions
        assert (position.country, position.summary) == (TO_FILL, TO_FILL)
        assert all(s.quote and s.quote in text for s in position.sources)

    def test_a_gigafactory_named_in_passing_gives_no_position(self) -> None:
        text = _RELEASE + "It complements the future AI gigafactories of the EU.\n"
        assert aifactories.draft(text, name="a.txt").positions == ()

    def test_filled_position_merges_into_the_call(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        articles = tmp_path / "articles"
        articles.mkdir()
        (articles / "bid.txt").write_text(_BID, encoding="utf-8")
        draft, merged = tmp_path / "d.json", tmp_path / "m.json"
        assert main(["draft", str(articles / "bid.txt"), "-o", str(draft)]) == 0
        capsys.readouterr()
        assert main(["merge", str(draft), "-o", str(merged)]) == 1
        assert "still to fill" in capsys.readouterr().err
        data = json.loads(draft.read_text(encoding="utf-8"))
        (call,) = data["gigafactory_calls"]
        call["positions"][-1]["summary"] = "Norway proposes a northern site."
        draft.write_text(json.dumps(data), encoding="utf-8")
        docs = ["--documents", str(articles)]
        assert main(["merge", str(draft), "-o", str(merged), *docs]) == 0
        result = aifactories.load(str(merged), documents=[str(articles)])
        (after,) = result.gigafactory_calls
        assert after.positions[-1].country == "NO"
        assert len(after.positions) == len(call["positions"])


class TestWithoutTheExtra:
    """Without the optional draft dependencies, the command says what to install."""

    def test_draft_exits_2_naming_the_extra(self, tmp_path: Path) -> None:
        article = tmp_path / "nordlys.txt"
        article.write_text(_RELEASE, encoding="utf-8")
        # A child process: Babel is hidden there only.
        script = (
            "import sys\n"
            "sys.modules['babel'] = None\n"
            "from aifactories._cli import main\n"
            f"sys.exit(main(['draft', {str(article)!r}]))\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 2
        assert "aifactories[draft]" in done.stderr
        assert done.stderr.count("\n") == 1
