"""The review loop of the drafting how-to closes: draft, fill, merge, validate, diff."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aifactories._cli import main

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
