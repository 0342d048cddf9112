"""The generated data reference and figures cover the registry, and say it right.

These run without Sphinx: the generator is plain functions from a registry
to text. The Sphinx build itself (``sphinx-build -W``) checks that every
cross-reference the pages make resolves.
"""

# ruff: noqa: S101, D103 - pytest asserts; test names say what they test

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import aifactories
from aifactories import Money, Qualifier, Source

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

import aif_figures
import aif_pages
import aif_text

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(name="registry", scope="module")
def _registry() -> aifactories.Registry:
    return aifactories.load()


@pytest.fixture(name="files", scope="module")
def _files(registry: aifactories.Registry) -> dict[str, str]:
    return aif_pages.render(registry)


def _svg_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg.split("\n", 1)[1])  # noqa: S314 - our own output
    return [t.text or "" for t in root.iter(f"{SVG}text")]


# -- coverage of the registry ----------------------------------------------------


def test_every_entry_has_a_page_and_nothing_else_does(
    registry: aifactories.Registry, files: dict[str, str]
) -> None:
    pages = {name for name in files if name.startswith("entry/")}
    assert pages == {f"entry/{entry.id}.md" for entry in registry}
    assert len(pages) == len(registry) == 32


def test_the_table_has_one_row_per_entry_in_registry_order(
    registry: aifactories.Registry, files: dict[str, str]
) -> None:
    rows = [
        line for line in files["entries.md"].splitlines() if line.startswith("| {ref}")
    ]
    ids = [re.search(r"<entry-([a-z0-9-]+)>", row)[1] for row in rows]  # type: ignore[index]
    assert ids == [entry.id for entry in registry]
    toctree = re.findall(r"^entry/(\S+)$", files["entries.md"], re.MULTILINE)
    assert toctree == ids


def test_each_entry_page_shows_its_names_and_every_source(
    registry: aifactories.Registry, files: dict[str, str]
) -> None:
    for entry in registry:
        page = files[f"entry/{entry.id}.md"]
        assert f"(entry-{entry.id})=" in page
        assert f"# {aif_text.esc(entry.name)}\n" in page
        for alias in entry.aliases:
            assert aif_text.esc(alias) in page
        for source in entry.sources:
            shown = source.url or aif_text.esc(source.quote or "")
            assert shown in page, (entry.id, shown)


def test_each_funding_share_appears_on_its_entry_page(
    registry: aifactories.Registry, files: dict[str, str]
) -> None:
    for entry in registry:
        if entry.funding is None:
            continue
        page = files[f"entry/{entry.id}.md"]
        for part in entry.funding.shares:
            assert f"| {aif_text.esc(part.funder)} | {part.kind.value} |" in page


def test_every_citation_number_on_a_page_is_defined_once(
    files: dict[str, str],
) -> None:
    for name, text in files.items():
        if not name.endswith(".md"):
            continue
        used = set(re.findall(r"<(src-[a-z0-9-]+-\d+)>`", text))
        defined = re.findall(r"^\((src-[a-z0-9-]+-\d+)\)=$", text, re.MULTILINE)
        assert len(defined) == len(set(defined)), name
        assert used == set(defined), name


def test_both_figures_label_every_entry(
    registry: aifactories.Registry, files: dict[str, str]
) -> None:
    for figure in ("network.svg", "timeline.svg"):
        texts = _svg_texts(files[figure])
        for entry in registry:
            label = f"{aif_text.short_label(entry)} ({entry.country})"
            assert texts.count(label) == 1, (figure, label)


def test_the_network_draws_one_line_per_link(
    registry: aifactories.Registry, files: dict[str, str]
) -> None:
    root = ET.fromstring(files["network.svg"].split("\n", 1)[1])  # noqa: S314
    kinds = [p.get("class") for p in root.iter(f"{SVG}path")]
    formal = sum(len(a.factories) for a in registry.antennas)
    letters = sum(len(a.letters_of_intent) for a in registry.antennas)
    assert (kinds.count("link"), kinds.count("letter-of-intent")) == (formal, letters)
    assert letters > 0


def test_figures_carry_a_title_a_description_and_the_alt_text(
    registry: aifactories.Registry, files: dict[str, str]
) -> None:
    for figure, alt in (
        ("network", aif_figures.network_alt(registry)),
        ("timeline", aif_figures.timeline_alt(registry)),
    ):
        root = ET.fromstring(files[f"{figure}.svg"].split("\n", 1)[1])  # noqa: S314
        assert root.get("role") == "img"
        assert root.find(f"{SVG}title") is not None
        desc = root.find(f"{SVG}desc")
        assert desc is not None
        assert desc.text == alt
        page = files["network.md" if figure == "network" else "waves.md"]
        assert f":alt: {alt}\n" in page


def test_the_timeline_alt_text_gives_each_wave_its_count_and_investment(
    registry: aifactories.Registry,
) -> None:
    alt = aif_figures.timeline_alt(registry)
    assert (
        "W1 on 10 December 2024: 7 AI Factories, investment about EUR 1.5 billion"
        in alt
    )
    assert "A1 on 13 October 2025: 13 AI Factory Antennas, investment not stated" in alt


def test_the_network_alt_text_names_every_factory_with_antennas(
    registry: aifactories.Registry,
) -> None:
    alt = aif_figures.network_alt(registry)
    for factory in registry.factories:
        n = len(registry.antennas_of(factory))
        if n:
            label = aif_text.short_label(factory)
            assert f"{label} {aif_text.count(n, 'antenna')}" in alt


def test_the_czechia_section_answers_who_can_use_what_and_who_pays(
    files: dict[str, str],
) -> None:
    page = files["countries.md"]
    section = page.split("(country-cz)=", 1)[1].split("(country-", 1)[0]
    assert "## Czechia (CZ)" in section
    assert "<entry-lumi-aif>" in section
    assert "Czechia is a consortium partner" in section
    assert "<entry-czai>" in section
    assert "Czechia hosts it" in section
    assert "EuroHPC JU (EU), 50%" in section
    assert "Czechia (national), at least CZK 550 million" in section


def test_sector_pages_and_table_cover_the_whole_vocabulary(
    files: dict[str, str],
) -> None:
    for sector in aifactories.Sector:
        assert f"(sector-{sector.value})=" in files["sectors.md"]
        assert (
            f"| `{sector.value}` | `Sector.{sector.name}` |"
            in (files["fragments/sector-table.md"])
        )


def test_the_format_tables_list_every_field_of_every_record(
    files: dict[str, str],
) -> None:
    tables = files["fragments/format-tables.md"]
    for cls in (
        aifactories.Wave,
        aifactories.Factory,
        aifactories.Host,
        aifactories.Stakeholder,
        aifactories.Funding,
        aifactories.FundingShare,
        aifactories.Money,
        aifactories.Supercomputer,
        aifactories.Person,
        aifactories.Conflict,
        aifactories.Claim,
        aifactories.Source,
        aifactories.Fact,
    ):
        section = tables.split(f"### {cls.__name__}\n", 1)[1].split("\n### ", 1)[0]
        for field in attrs.fields(cls):
            assert f"| `{field.name}` |" in section, (cls.__name__, field.name)
    antenna = tables.split("### Antenna\n", 1)[1].split("\n### ", 1)[0]
    assert "| `factories` |" in antenna
    assert "| `letters_of_intent` |" in antenna


def test_the_format_tables_take_meanings_from_the_docstrings(
    files: dict[str, str],
) -> None:
    tables = files["fragments/format-tables.md"]
    assert "| `share` | decimal (number or numeric string) or null | no | Fraction" in (
        tables
    )
    assert '| `qualifier` | one of `"exact"`, `"about"`' in tables


# -- the words -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("money", "text"),
    [
        (Money(Decimal(1500000000), "EUR", Qualifier.ABOUT), "about EUR 1.5 billion"),
        (
            Money(Decimal(550000000), "CZK", Qualifier.AT_LEAST),
            "at least CZK 550 million",
        ),
        (Money(Decimal(3980000), "EUR"), "EUR 3.98 million"),
        (Money(Decimal(98330000), "EUR", Qualifier.UP_TO), "up to EUR 98.33 million"),
        (Money(Decimal("250000.50"), "GBP"), "GBP 250,000.5"),
    ],
)
def test_money_reads_like_the_source(money: Money, text: str) -> None:
    assert aif_text.money(money) == text


def test_shares_and_dates_read_naturally() -> None:
    assert aif_text.share(Decimal("0.5")) == "50%"
    assert aif_text.share(Decimal("0.125")) == "12.5%"
    assert aif_text.date_text(dt.date(2025, 3, 2)) == "2 March 2025"
    assert aif_text.count(1, "factory") == "1 factory"
    assert aif_text.count(6, "factory") == "6 factories"
    assert aif_text.count(2, "antenna") == "2 antennas"


def test_markdown_specials_in_data_are_escaped() -> None:
    assert aif_text.esc("a | b") == r"a \| b"
    assert aif_text.esc("*x* `y` [z] <w> {v} 100%") == (
        r"\*x\* \`y\` \[z\] \<w\> \{v\} 100\%"
    )
    assert aif_text.esc("two\n  lines") == "two lines"


def test_short_labels_cut_long_titles_only(registry: aifactories.Registry) -> None:
    assert aif_text.short_label(registry["mimer"]) == "MIMER"
    assert aif_text.short_label(registry["it4lia"]) == "IT4LIA AI Factory"
    assert aif_text.short_label(registry["aifa-lat"]) == "AI Factory Antenna - Latvia"


def test_citations_number_sources_once_and_merge_what_they_support() -> None:
    cite = aif_pages.Citations("src-x")
    a = Source(url="https://example.org/a", supports="one")
    a_again = Source(url="https://example.org/a", supports="two")
    b = Source(seed="seed.txt", quote="exact words")
    assert cite.cite([a, b]) == "{ref}`[1] <src-x-1>` {ref}`[2] <src-x-2>`"
    assert cite.cite([a_again]) == "{ref}`[1] <src-x-1>`"
    rendered = "\n".join(cite.render())
    assert "supports: one; two" in rendered
    assert "Seed document `seed.txt`, quoted: “exact words”" in rendered


def test_citations_say_each_sources_kind() -> None:
    cite = aif_pages.Citations("src-k")
    press = Source(url="https://example.org/p", kind=aifactories.SourceKind.PRESS)
    unknown = Source(url="https://example.org/u")
    cite.cite([press, unknown])
    first, second = (line for line in cite.render() if line.startswith("**["))
    assert first.endswith(") (press)")
    assert second.endswith(">)")


# -- writing -------------------------------------------------------------------


def test_write_touches_only_changed_files_and_drops_stale_ones(tmp_path: Path) -> None:
    aif_pages.write(
        tmp_path, {"a.md": "one\n", "entry/x.md": "x\n", "entry/y.md": "y\n"}
    )
    # An old timestamp: rewriting the file would replace it with "now".
    os.utime(tmp_path / "a.md", ns=(0, 0))
    aif_pages.write(tmp_path, {"a.md": "one\n", "entry/x.md": "x2\n"})
    assert (tmp_path / "a.md").stat().st_mtime_ns == 0
    assert (tmp_path / "entry" / "x.md").read_text() == "x2\n"
    assert not (tmp_path / "entry" / "y.md").exists()
    aif_pages.write(tmp_path, {"a.md": "one\n"})
    assert not (tmp_path / "entry").exists()
