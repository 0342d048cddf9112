"""Evidence from your own documents: ``load(path, documents=DIR)``.

A user's registry may cite local text files as it cites the bundled seed:
``Source(seed="article.txt", quote="...")``. The quote is checked verbatim
against the file, and every way the file can fail is a problem with a path.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import attrs
import pytest

import aifactories
from aifactories import Confidence, Factory, Registry, RegistryDataError, Source
from aifactories._seeds import MAX_DOCUMENT_BYTES
from aifactories.testing import make_factory
from aifactories.testing._records import registry_fields

CORPUS = Path(__file__).resolve().parent / "draft_corpus"
ARTICLE = "Nordlys AI Factory opens its doors in Tromsø."


def _citing(name: str, quote: str) -> Registry:
    source = Source(seed=name, quote=quote, supports="the opening")
    # Unchecked: without its folder, the quote is a problem build_registry refuses.
    return Registry(**registry_fields(make_factory("nordlys", sources=[source])))


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
    text = aifactories.dumps(_citing("article.txt", ARTICLE))
    path = tmp_path / "mine.json"
    path.write_text(text, encoding="utf-8")
    assert len(aifactories.load(path, documents=folder)) == 1
    assert len(aifactories.loads(text, documents=str(folder))) == 1
    with pytest.raises(RegistryDataError, match="no seed document named"):
        aifactories.load(path)
    bad = aifactories.dumps(_citing("article.txt", "not in the article"))
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
        "big.txt": "is larger than",
        "latin1.txt": "is not UTF-8 text",
        "a-folder.txt": "is not a regular file",
        "pipe.txt": "is not a regular file",  # never opened: no hang
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
        data_version="draft", wave_records=bundled.wave_records, factories=[filled]
    )
    assert aifactories.validate(registry, documents=CORPUS) == []
    assert aifactories.validate(registry) != []


def test_the_command_line_takes_documents(folder: Path, tmp_path: Path) -> None:
    from aifactories._cli import main

    path = tmp_path / "mine.json"
    path.write_text(
        aifactories.dumps(_citing("article.txt", ARTICLE)), encoding="utf-8"
    )
    assert main(["validate", str(path)]) == 1
    assert main(["validate", "--documents", str(folder), str(path)]) == 0
    assert main(["list", "--data", str(path), "--documents", str(folder)]) == 0
    assert main(["list", "--documents", str(folder)]) == 2
    missing = str(tmp_path / "nowhere")
    assert main(["validate", "--documents", missing, str(path)]) == 2
