"""The generated data reference and figures cover the registry, and say it right.

These run without Sphinx: the generator is plain functions from a registry
to text. The Sphinx build itself (``sphinx-build -W``) checks that every
cross-reference the pages make resolves.
"""

# ruff: noqa: S101, D103 - pytest asserts; test names say what they test

from __future__ import annotations

import datetime as dt
import json
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


def test_the_czechia_section_answers_who_can_use_what(
    files: dict[str, str],
) -> None:
    page = files["countries.md"]
    section = page.split("(country-cz)=", 1)[1].split("(country-", 1)[0]
    assert "## Czechia (CZ)" in section
    assert "- Hosts: {ref}`Czech AI Factory" in section
    assert "<entry-czai>" in section
    assert "- Consortium partner in: {ref}`LUMI AI Factory" in section
    # Funders live on the entry pages, not once per country that can use it.
    assert "Funded by" not in page


def test_a_country_with_an_antenna_names_the_factories_it_reaches(
    files: dict[str, str],
) -> None:
    page = files["countries.md"]
    section = page.split("(country-be)=", 1)[1].split("(country-", 1)[0]
    line = next(x for x in section.splitlines() if x.startswith("- Through"))
    assert "<entry-be-aifa>" in line
    assert "<entry-lumi-aif>" in line
    assert "<entry-jaif>" in line


# -- the map ---------------------------------------------------------------------


def _root(svg: str) -> ET.Element:
    return ET.fromstring(svg.split("\n", 1)[1])  # noqa: S314 - our own output


def test_the_map_has_one_marker_per_located_entry(
    registry: aifactories.Registry, files: dict[str, str]
) -> None:
    root = _root(files["map.svg"])
    markers = [e for e in root.iter() if "marker" in (e.get("class") or "").split()]
    shown = [e.get("data-entry") for e in markers]
    assert shown == [e.id for e in registry if e.location is not None]
    kinds = {e.get("data-entry"): e.get("class") for e in markers}
    for entry in registry:
        if entry.location is not None:
            assert kinds[entry.id] == f"marker {entry.kind.value}"
    assert len(shown) == 27


def test_the_map_draws_one_line_per_link_with_both_ends_located(
    registry: aifactories.Registry, files: dict[str, str]
) -> None:
    root = _root(files["map.svg"])
    kinds = [p.get("class") for p in root.iter(f"{SVG}path")]

    def both_located(antenna: aifactories.Antenna, targets: tuple[str, ...]) -> int:
        if antenna.location is None:
            return 0
        return sum(1 for f in targets if registry[f].location is not None)

    formal = sum(both_located(a, a.factories) for a in registry.antennas)
    letters = sum(both_located(a, a.letters_of_intent) for a in registry.antennas)
    assert (kinds.count("link"), kinds.count("letter-of-intent")) == (formal, letters)
    assert formal > 0
    assert letters > 0


def test_the_map_puts_every_marker_inside_the_picture(files: dict[str, str]) -> None:
    root = _root(files["map.svg"])
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    for element in root.iter():
        if "marker" not in (element.get("class") or ""):
            continue
        x = float(element.get("cx") or element.get("x") or "nan")
        y = float(element.get("cy") or element.get("y") or "nan")
        assert 0 < x < width, element.get("data-entry")
        assert aif_figures._LEGEND_H < y < height, element.get("data-entry")  # noqa: SLF001


def test_the_map_numbers_each_marker_once_and_the_key_explains_them(
    registry: aifactories.Registry, files: dict[str, str]
) -> None:
    numbers = aif_figures.map_numbers(registry)
    texts = _svg_texts(files["map.svg"])
    for n in numbers.values():
        assert texts.count(str(n)) == 1, n
    page = files["map.md"]
    for entry in registry:
        if entry.id in numbers:
            assert f"| {numbers[entry.id]} | {{ref}}`" in page
            assert f"<entry-{entry.id}>` |" in page


def test_the_map_says_which_entries_it_cannot_show(
    registry: aifactories.Registry, files: dict[str, str]
) -> None:
    missing = [e for e in registry if e.location is None]
    assert len(missing) == 5
    alt = aif_figures.map_alt(registry)
    caption = files["map.md"].split("```{figure} map.svg", 1)[1].split("```", 1)[0]
    assert "Not on the map, for want of a location in the data" in alt
    assert "Not on the map, for want of a location in the data" in caption
    for entry in missing:
        assert f"{aif_text.short_label(entry)} ({entry.country})" in alt
        assert f"<entry-{entry.id}>" in caption
    assert "Natural Earth" in caption


def test_the_map_projects_north_up_and_east_right() -> None:
    x_west, _ = aif_figures.project(-9.0, 53.0)
    x_east, _ = aif_figures.project(25.0, 53.0)
    _, y_north = aif_figures.project(15.0, 64.0)
    _, y_south = aif_figures.project(15.0, 40.0)
    assert x_west < x_east
    assert y_north < y_south


def test_the_outline_file_says_where_it_comes_from() -> None:
    document = json.loads(aif_figures.OUTLINES.read_text(encoding="utf-8"))
    assert "Natural Earth" in document["source"]
    assert "public domain" in document["licence"]
    codes = {c["iso"] for c in document["countries"]}
    assert {"SE", "FI", "IS", "GR", "IE", "PT", "CY", "MT", "MD"} <= codes


# -- the who-can-use-what matrix ---------------------------------------------------


def test_the_matrix_has_a_row_per_country_and_marks_what_serving_returns(
    registry: aifactories.Registry, files: dict[str, str]
) -> None:
    root = _root(files["matrix.svg"])
    marks = {
        (g.get("data-country"), g.get("data-entry")): g.get("class")
        for g in root.iter(f"{SVG}g")
        if (g.get("class") or "").startswith("mark ")
    }
    codes = {e.country for e in registry} | {
        c for e in registry for c in e.partner_countries
    }
    rows = {c for c in codes if registry.serving(c)}
    assert {code for code, _ in marks} == rows
    expected = {(c, e.id) for c in rows for e in registry.serving(c)}
    assert set(marks) == expected
    assert len(marks) == sum(len(registry.serving(c)) for c in rows)
    labels = set(_svg_texts(files["matrix.svg"]))
    assert rows <= labels


def test_the_matrix_says_why_each_entry_is_served(files: dict[str, str]) -> None:
    root = _root(files["matrix.svg"])
    why = {
        (g.get("data-country"), g.get("data-entry")): g.get("class")
        for g in root.iter(f"{SVG}g")
        if (g.get("class") or "").startswith("mark ")
    }
    assert why["CZ", "czai"] == "mark host"
    assert why["CZ", "lumi-aif"] == "mark partner"
    assert why["BE", "jaif"] == "mark antenna"
    assert why["BE", "be-aifa"] == "mark host"


def test_the_matrix_and_map_carry_their_alt_text(
    registry: aifactories.Registry, files: dict[str, str]
) -> None:
    for figure, alt, page in (
        ("map", aif_figures.map_alt(registry), "map.md"),
        ("matrix", aif_figures.matrix_alt(registry), "countries.md"),
    ):
        root = _root(files[f"{figure}.svg"])
        assert root.get("role") == "img"
        desc = root.find(f"{SVG}desc")
        assert desc is not None
        assert desc.text == alt
        assert f":alt: {alt}\n" in files[page]


def test_figures_fit_a_phone_screen_without_shrinking_text_too_far(
    files: dict[str, str],
) -> None:
    # At about 400 px the content column is some 345 px wide; a figure drawn
    # wider is scaled down, and its smallest text with it.
    for figure in ("map.svg", "matrix.svg"):
        root = _root(files[figure])
        width = float(root.get("width", "0"))
        sizes = [float(t.get("font-size", "13")) for t in root.iter(f"{SVG}text")]
        assert min(sizes) * 345 / width >= 9.5, figure


def test_the_wide_figures_scroll_on_a_phone_instead_of_shrinking(
    files: dict[str, str],
) -> None:
    css = (Path(__file__).parent / "_static" / "aif.css").read_text(encoding="utf-8")
    assert "figure.aif-wide img {\n  min-width: 600px;" in css
    for figure, page in (("network", "network.md"), ("timeline", "waves.md")):
        block = files[page].split(f"```{{figure}} {figure}.svg", 1)[1]
        assert ":figclass: aif-wide\n" in block.split("```", 1)[0]
        root = _root(files[f"{figure}.svg"])
        sizes = [float(t.get("font-size", "13")) for t in root.iter(f"{SVG}text")]
        assert min(sizes) * 600 / float(root.get("width", "0")) >= 9.0, figure


# -- entry pages: website, location, access -------------------------------------------


def test_entry_pages_show_website_location_and_access(
    registry: aifactories.Registry, files: dict[str, str]
) -> None:
    numbers = aif_figures.map_numbers(registry)
    for entry in registry:
        page = files[f"entry/{entry.id}.md"]
        website = next(x for x in page.splitlines() if x.startswith("| Website |"))
        if entry.website is not None:
            assert f"(<{entry.website.url}>)" in website
        else:
            assert "not given in the sources" in website
        where = next(x for x in page.splitlines() if x.startswith("| Location |"))
        if entry.location is not None:
            assert aif_text.esc(entry.location.city) in where
            assert str(abs(entry.location.latitude)) in where
            assert str(abs(entry.location.longitude)) in where
            if entry.location.geonames_id is not None:
                assert f"geonames.org/{entry.location.geonames_id}" in where
            if entry.location.site:
                assert aif_text.esc(entry.location.site) in where
            assert f"number {numbers[entry.id]} on the" in where
        else:
            assert "not on the {ref}`map <data-map>`" in where
        access = next(x for x in page.splitlines() if x.startswith("| Access |"))
        assert "<data-access>" in access
        if entry.access is not None:
            assert f"(<{entry.access.url}>)" in access


def test_an_entry_with_an_access_page_links_it() -> None:
    registry = aifactories.load()
    entry = registry["mimer"]
    link = aifactories.Link(
        url="https://example.org/apply", sources=(Source(url="https://example.org"),)
    )
    changed = attrs.evolve(entry, access=link, location=None, website=None)
    page = aif_pages.entry_page(registry, changed, aif_pages._Users(registry))  # noqa: SLF001
    row = next(x for x in page.splitlines() if x.startswith("| Access |"))
    assert "apply at [example.org/apply](<https://example.org/apply>)" in row
    assert "not on the {ref}`map <data-map>`" in page
    assert "| Website | not given in the sources |" in page


def test_coordinates_read_with_their_hemisphere(
    registry: aifactories.Registry, files: dict[str, str]
) -> None:
    galicia = registry["1healthai"].location
    assert galicia is not None
    assert galicia.longitude < 0
    page = files["entry/1healthai.md"]
    assert f"{abs(galicia.longitude)}° W" in page
    assert f"{galicia.latitude}° N" in page


def test_the_access_page_lists_every_mode_with_its_sources(
    registry: aifactories.Registry, files: dict[str, str]
) -> None:
    page = files["access.md"]
    assert registry.access is not None
    for mode in registry.access.modes:
        assert f"(access-{mode.id})=" in page
        assert f"## {aif_text.esc(mode.name)}" in page
        for source in mode.sources:
            assert source.url is not None
            assert source.url in page
    assert registry.access.portal is not None
    assert registry.access.portal.url in page


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
    # Every public record class but the two made in code, never read from a file.
    public = [getattr(aifactories, name) for name in aifactories.__all__]
    records = {cls for cls in public if isinstance(cls, type) and attrs.has(cls)} - {
        aifactories.Registry,
        aifactories.Selection,
    }
    assert set(aif_pages.format_records()) == records
    for cls in records - {aifactories.Antenna}:
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


def test_the_milestones_figure_draws_every_event_once(
    registry: aifactories.Registry, files: dict[str, str]
) -> None:
    root = _root(files["milestones.svg"])
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert desc.text == aif_figures.milestones_alt(registry)
    assert f":alt: {desc.text}\n" in files["waves.md"]
    texts = _svg_texts(files["milestones.svg"])
    for entry in registry:
        assert texts.count(f"{aif_text.short_label(entry)} ({entry.country})") == 1
    hollow = sum(1 for e in root.iter() if e.get("fill") == "#ffffff") - 2
    planned = [
        e
        for entry in registry
        for e in registry.timeline(entry)
        if e.milestone.kind == "planned"
    ]
    # Two white shapes are not marks: the background and the legend's sample.
    assert hollow == len(planned)
