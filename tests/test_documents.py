"""Evidence from your own documents: ``load(path, documents=DIR)``.

A user's registry may cite local text files as it cites the bundled seed:
``Source(seed="article.txt", quote="...")``. The quote is checked verbatim
against the file, and every way the file can fail is a problem with a path.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import attrs
import pytest

import aifactories
from aifactories import Confidence, Factory, Registry, RegistryDataError
from aifactories._seeds import MAX_DOCUMENT_BYTES
from aifactories.testing import build_registry, make_factory

CORPUS = Path(__file__).resolve().parent / "draft_corpus"
ARTICLE = "Nordlys AI Factory opens its doors in Tromsø."


def _citing(name: str, quote: str) -> dict[str, Any]:
    """A registry document (plain data) whose one entry quotes ``name``."""
    data: dict[str, Any] = json.loads(
        aifactories.dumps(build_registry(make_factory("nordlys")))
    )
    data["factories"][0]["sources"] = [
        {"seed": name, "quote": quote, "supports": "the opening"}
    ]
    return data


@pytest.fixture(name="folder")
def _folder(tmp_path: Path) -> Path:
    (tmp_path / "article.txt").write_text(f"Tromsø, 1 May 2026.\n{ARTICLE}\n")
    return tmp_path


def test_a_quote_from_a_local_document_validates(folder: Path) -> None:
    registry = _citing("article.txt", ARTICLE)
    assert aifactories.validate(registry, documents=folder) == []
    assert aifactories.validate(registry, documents=[folder, folder]) == []


@pytest.mark.usefixtures("folder")
def test_without_the_folder_the_document_is_unknown() -> None:
    assert aifactories.validate(_citing("article.txt", ARTICLE)) == [
        "factories[0].sources[0].seed: no seed document named 'article.txt'"
    ]


def test_a_quote_that_is_not_in_its_document_is_a_problem(folder: Path) -> None:
    problems = aifactories.validate(
        _citing("article.txt", "Nordlys AI Factory closes"), documents=folder
    )
    assert problems == [
        "factories[0].sources[0].quote: not found verbatim in seed 'article.txt'"
    ]


def test_load_and_loads_check_local_quotes(folder: Path, tmp_path: Path) -> None:
    text = json.dumps(_citing("article.txt", ARTICLE))
    path = tmp_path / "mine.json"
    path.write_text(text, encoding="utf-8")
    assert len(aifactories.load(path, documents=folder)) == 1
    assert len(aifactories.loads(text, documents=str(folder))) == 1
    with pytest.raises(RegistryDataError, match="no seed document named"):
        aifactories.load(path)
    bad = json.dumps(_citing("article.txt", "not in the article"))
    with pytest.raises(RegistryDataError, match=r"sources\[0\]\.quote: not found"):
        aifactories.loads(bad, documents=folder)


@pytest.mark.parametrize(
    "name", ["../article.txt", "sub/article.txt", "", ".", "..", "a\0b.txt"]
)
def test_a_document_is_named_by_a_plain_file_name(folder: Path, name: str) -> None:
    (folder / "sub").mkdir()
    (folder / "sub" / "article.txt").write_text(ARTICLE)
    problems = aifactories.validate(_citing(name, ARTICLE), documents=folder / "sub")
    assert any(p.startswith("factories[0].sources[0].seed") for p in problems)


def test_documents_that_cannot_serve_as_evidence(folder: Path) -> None:
    (folder / "big.txt").write_bytes(b"x" * (MAX_DOCUMENT_BYTES + 1))
    (folder / "latin1.txt").write_bytes(ARTICLE.encode("latin-1", "replace"))
    (folder / "a-folder.txt").mkdir()
    os.mkfifo(folder / "pipe.txt")
    expected = {
        "big.txt": "cannot be read: larger than",
        "latin1.txt": "is not UTF-8 text",
        "a-folder.txt": "cannot be read: is a directory",
        "pipe.txt": "cannot be read: not a regular file",  # never opened: no hang
    }
    for name, fragment in expected.items():
        problems = aifactories.validate(_citing(name, ARTICLE), documents=folder)
        assert len(problems) == 1, problems
        assert problems[0].startswith("factories[0].sources[0].seed: document ")
        assert fragment in problems[0]


def test_a_local_file_cannot_shadow_the_bundled_seed(folder: Path) -> None:
    seed = aifactories.seed_names()[0]
    (folder / seed).write_text("a different text")
    quote = "hosted by Linköping University"
    assert aifactories.validate(_citing(seed, quote), documents=folder) == []


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        aifactories.validate(_citing("a.txt", "x"), documents=tmp_path / "nope")


def test_the_bundled_registry_takes_no_documents(folder: Path) -> None:
    with pytest.raises(TypeError, match="documents= goes with a path"):
        aifactories.load(documents=folder)


def test_any_articles_draft_validates_with_its_folder_once_filled() -> None:
    # A draft cites its article by file name; with the article's folder as
    # documents, its quotes are checked like the bundled seed's.
    article = CORPUS / "01_nordlys_en.txt"
    result = aifactories.draft(article.read_text(encoding="utf-8"), name=article.name)
    (entry,) = result.entries
    assert isinstance(entry, Factory)
    bundled = aifactories.load()
    filled = attrs.evolve(
        entry,
        wave="W1",
        selected_on=dt.date(2024, 12, 10),
        confidence=Confidence.MEDIUM,
        notes=None,
    )
    registry = Registry(
        data_version="draft",
        wave_records=bundled.wave_records,
        factories=[filled],
        documents=CORPUS,
    )
    assert aifactories.validate(registry, documents=CORPUS) == []
    with pytest.raises(RegistryDataError, match="no seed document named"):
        Registry(
            data_version="draft", wave_records=bundled.wave_records, factories=[filled]
        )


def test_the_command_line_takes_documents(folder: Path, tmp_path: Path) -> None:
    from aifactories._cli import main

    path = tmp_path / "mine.json"
    path.write_text(json.dumps(_citing("article.txt", ARTICLE)), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert main(["validate", "--documents", str(folder), str(path)]) == 0
    assert main(["list", "--data", str(path), "--documents", str(folder)]) == 0
    assert main(["list", "--documents", str(folder)]) == 2
    missing = str(tmp_path / "nowhere")
    assert main(["validate", "--documents", missing, str(path)]) == 2


def test_quotes_of_a_large_document_are_found_as_in_a_small_one(
    tmp_path: Path,
) -> None:
    # Past 64 KiB a document is indexed by word; the answers must not change.
    from aifactories._seeds import Documents

    words = [f"w{i}" for i in range(20_000)]
    text = "\n".join(" ".join(words[i : i + 10]) for i in range(0, 20_000, 10))
    text += "\nthe end the end the end"
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    documents = Documents([tmp_path])
    cases = {
        "w0 w1 w2": True,  # at the very start
        "0 w1 w": True,  # cut words at both ends
        "w19998 w19999\nthe": True,  # across a line break
        "end the end": True,  # every inner word repeats
        "w5 w7 w8": False,
        "w19999 w20000 w20001": False,  # an inner word the text lacks
        "the end the end the end the": False,
        "w": True,  # too short to index: searched
    }
    for quote, expected in cases.items():
        assert documents.quotes("big.txt", quote) is expected, quote
        assert (quote in text) is expected, quote
