"""One declaration per field: the contract every field of every record keeps.

The model declares each field once (type annotation + rule). These tests hold
every consumer to that declaration without listing fields by hand:

* a *rich* registry, built from the declarations alone, sets every field of
  every record class to a valid non-default value and validates;
* the contract: set any one field anywhere to a wrong-typed or out-of-rule
  value, and ``validate()`` names that field, or the registry round-trips
  (never any other exception from ``validate``, ``dumps`` or the queries);
* the bundled-data builder and the strict loader agree;
* ``show`` and the CSV export use every entry field or say why not.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import datetime as dt
import enum
import io
import json
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import aifactories
from aifactories import (
    Antenna,
    Factory,
    Funding,
    Kind,
    Money,
    NotFoundError,
    Registry,
    RegistryDataError,
    Source,
    Wave,
)
from aifactories._bundled import Bundle, build, lazy, write_bundle
from aifactories._format import REGISTRY_NAMES
from aifactories._model import LABELS, _Labelled
from aifactories._rules import (
    MIN_ITEMS_KEY,
    RULE_KEY,
    RULES,
    TEXT,
    UNIQUE_KEY,
    Rule,
)
from aifactories.testing import build_registry, make_antenna, make_factory
from aifactories.testing._records import registry_fields
from aifactories.testing.strategies import registries

SEED = aifactories.seed_names()[0]
QUOTE = "hosted by Linköping University"
DAY = dt.date(2025, 1, 1)


# -- a value of every declared type, from the declarations alone --------------------


def _hints(cls: type[Any]) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _strip_none(hint: Any) -> Any:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in {typing.Union, __import__("types").UnionType}:
        return args[0]
    return hint


def example(hint: Any, field: attrs.Attribute[Any] | None = None, tag: str = "") -> Any:  # noqa: C901, PLR0911 - one branch per kind of type
    """Return a valid, non-default value of ``hint`` for ``field``."""
    hint = _strip_none(hint)
    rule: Rule | None = field.metadata.get(RULE_KEY) if field else None
    origin = typing.get_origin(hint)
    if origin in {tuple, frozenset}:
        item = typing.get_args(hint)[0]
        if (
            item is Source
            and field is not None
            and field.name == "sources"
            and ("sources" in tag)
        ):
            return (
                Source(
                    url=f"http://example.org/{tag or 'x'}",
                    kind=aifactories.SourceKind.HOST,
                    http_only=True,
                ),
                Source(seed=SEED, quote=QUOTE, supports="the seed quote"),
            )
        count = max(1, field.metadata.get(MIN_ITEMS_KEY, 0) if field else 1)
        items = [example(item, field, f"{tag}{i}") for i in range(count)]
        return origin(items)
    if attrs.has(hint):
        return record(hint, tag)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return list(hint)[-1]
    if rule is not None and rule.example is not None:
        return rule.example
    if hint is str:
        return f"{tag or 'text'} value"
    if hint is int:
        return 7
    if hint is bool:
        return True
    if hint is Decimal:
        return Decimal("1.5")
    if hint is dt.date:
        return DAY
    msg = f"no example for {hint!r}"
    raise TypeError(msg)


def record(cls: type[Any], tag: str = "") -> Any:
    """Return ``cls`` with every init field set to an example value."""
    hints = _hints(cls)
    values = {
        f.alias: example(hints[f.name], f, f"{tag}-{f.name}")
        for f in attrs.fields(cls)
        if f.init
    }
    return cls(**values)


def rich_registry() -> Registry:
    """A valid registry in which every field of every record class is set."""
    factories = []
    for n in (1, 2):
        entry = record(Factory, f"f{n}")
        share = attrs.evolve(entry.funding.shares[0], share=Decimal("0.5"))
        factories.append(
            attrs.evolve(
                entry,
                id=f"factory-{n}",
                name=f"Factory number {n}",
                aliases=(f"F{n}",),
                wave="W1",
                selected_on=DAY,
                country="SE",
                partner_countries=("FI",),
                funding=attrs.evolve(entry.funding, shares=(share,)),
            )
        )
    antenna = record(Antenna, "a")
    antenna = attrs.evolve(
        antenna,
        id="antenna-1",
        name="Antenna number 1",
        aliases=("A1 hub",),
        wave="A1",
        selected_on=DAY,
        country="NO",
        partner_countries=("IS",),
        factories=("factory-1",),
        letters_of_intent=("factory-2",),
        funding=attrs.evolve(
            antenna.funding,
            shares=(attrs.evolve(antenna.funding.shares[0], share=Decimal("0.5")),),
        ),
    )
    waves = [
        attrs.evolve(record(Wave, "w1"), id="W1", kind=Kind.FACTORY, announced=DAY),
        attrs.evolve(record(Wave, "a1"), id="A1", kind=Kind.ANTENNA, announced=DAY),
    ]
    fact = attrs.evolve(record(aifactories.Fact, "fact"), id="a-fact")
    access = record(aifactories.Access, "access")
    access = attrs.evolve(
        access, modes=(attrs.evolve(access.modes[0], id="playground"),)
    )
    return Registry(
        data_version="test",
        data_date=DAY,
        coverage=record(aifactories.Coverage),
        wave_records=waves,
        factories=factories,
        antennas=[antenna],
        facts=[fact],
        people=[record(aifactories.Person, "p")],
        access=access,
    )


RICH = rich_registry()


def _record_classes() -> set[type[Any]]:
    return {
        value
        for value in vars(aifactories).values()
        if isinstance(value, type)
        and attrs.has(value)
        and value not in {Registry, aifactories.Selection}
    }


def _walk(value: Any) -> Iterator[object]:
    yield value
    if attrs.has(type(value)):
        for f in attrs.fields(type(value)):
            if f.init:
                yield from _walk(getattr(value, f.name))
    elif isinstance(value, tuple | frozenset):
        for item in value:
            yield from _walk(item)


def test_the_rich_registry_is_valid_and_round_trips() -> None:
    assert aifactories.validate(RICH) == []
    assert aifactories.loads(aifactories.dumps(RICH)) == RICH


def test_the_rich_registry_sets_every_field_of_every_record_class() -> None:
    seen: dict[type[Any], list[object]] = {}
    for value in _walk(RICH):
        seen.setdefault(type(value), []).append(value)
    assert _record_classes() <= set(seen)
    for cls in _record_classes():
        for f in attrs.fields(cls):
            if f.init:
                assert any(
                    getattr(r, f.name) not in (None, (), frozenset()) for r in seen[cls]
                ), f"{cls.__name__}.{f.name}"


# -- the contract -------------------------------------------------------------------

Step = str | int


def _locations(value: Any, path: tuple[Step, ...] = ()) -> Iterator[Any]:
    """Every (path to a record, field name) below ``value``."""
    if attrs.has(type(value)):
        for f in attrs.fields(type(value)):
            if f.init:
                yield path, f.name
                yield from _locations(getattr(value, f.name), (*path, f.name))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _locations(item, (*path, i))


def _set(value: Any, path: tuple[Step, ...], name: str, bad: object) -> Any:
    """Return a copy of ``value`` with the field at ``path``/``name`` set to ``bad``.

    The value is put in place as it is, bypassing converters, as a hand-built
    record might hold it.
    """
    if isinstance(value, Registry):
        top = str(path[0] if path else name)
        new = bad if not path else _set(getattr(value, top), path[1:], name, bad)
        # The constructor's converters may refuse it (TypeError): then it is
        # refused loudly, before any query, which the contract allows.
        changes: dict[str, Any] = {top: new}
        return attrs.evolve(value, **changes)
    if not path:
        changed = copy.copy(value)
        object.__setattr__(changed, name, bad)
        return changed
    step, rest = path[0], path[1:]
    if isinstance(step, int):
        items = list(value)
        items[step] = _set(items[step], rest, name, bad)
        return tuple(items)
    changed = copy.copy(value)
    object.__setattr__(changed, step, _set(getattr(value, step), rest, name, bad))
    return changed


def _path_text(path: tuple[Step, ...], name: str) -> str:
    text = ""
    file_names = {v: k for k, v in REGISTRY_NAMES.items()}
    for step in (*path, name):
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            shown = file_names.get(step, step)
            text += f".{shown}" if text else shown
    return text


WRONG: tuple[object, ...] = (
    "x",
    ["EUR"],
    123,
    True,
    None,
    "\u200b\u200e",
    "a\ud800b",
    "a\x1b]0;title\x07b",
    "2025-01-01",
    Decimal("NaN"),
    dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    object(),
)
"""Wrong for every field, of one type or another."""
WRONG_FOR: dict[Any, tuple[object, ...]] = {
    str: ("", " \t "),
    Decimal: (Decimal("1E+40"), Decimal("0.5" + "0" * 150 + "1"), Decimal(-1)),
    int: (-1, 10**40),
}
"""Wrong only for fields of these types: out of range, blank, too precise."""


def _queries(registry: Registry) -> None:
    """Run every query; only their documented exceptions may come out."""
    for key in ("factory-1", "antenna-1", "mimer", "F1", "x"):
        registry.get(key)
        assert (key in registry) in {True, False}
        with contextlib.suppress(NotFoundError):
            registry[key]
    registry.search("factory")
    registry.search("Linköping")
    registry.in_country("SE")
    registry.serving("SE")
    registry.serving("NO")
    registry.with_sector("health")
    registry.of_kind("factory")
    registry.of_kind("antenna")
    for entry in registry.entries:
        _ = entry in registry
        if isinstance(entry, Factory):
            registry.antennas_of(entry)
        else:
            registry.linked_factories(entry)
    for wave in registry.waves:
        assert wave.entries is not None
    registry.as_of(DAY)
    repr(registry)
    _ = registry == registry  # noqa: PLR0124 - must not crash (NaN is not equal)
    list(registry)
    len(registry)


def _keeps_the_contract(registry: Registry, path: tuple[Step, ...], name: str) -> None:
    where = _path_text(path, name)
    problems = aifactories.validate(registry)
    _queries(registry)
    text: str | None
    try:
        text = aifactories.dumps(registry)
    except RegistryDataError:
        text = None
    assert text is not None or problems, f"{where}: dumps() refused a valid registry"
    named = [
        p for p in problems if p.startswith((f"{where}:", f"{where}.", f"{where}["))
    ]
    if named:
        return
    if not problems:
        assert text is not None
        assert aifactories.loads(text) == registry, where
        return
    # Problems elsewhere only: the value keeps its own rule but breaks a rule
    # across records (an id no link names any more); the loader agrees.
    if text is not None:
        with pytest.raises(RegistryDataError):
            aifactories.loads(text)


def _owner(path: tuple[Step, ...]) -> Any:
    owner: Any = RICH
    for step in path:
        owner = owner[step] if isinstance(step, int) else getattr(owner, step)
    return owner


# One place for each field of each record class: every field of every class
# is covered, and the bundled-registry test below samples all the others.
LOCATIONS = list(
    {(type(_owner(p)), n): (p, n) for p, n in reversed(list(_locations(RICH)))}.values()
)


def _bad_values(path: tuple[Step, ...], name: str) -> list[object]:
    owner = _owner(path)
    field = attrs.fields_dict(type(owner))[name]
    rule = field.metadata.get(RULE_KEY)
    extra = [rule.counterexample] if rule is not None else []
    kind = _strip_none(_hints(type(owner))[name])
    return [*WRONG, *WRONG_FOR.get(kind, ()), *extra]


@pytest.mark.parametrize(
    ("path", "name"), LOCATIONS, ids=[_path_text(p, n) for p, n in LOCATIONS]
)
def test_every_field_anywhere_keeps_the_contract(
    path: tuple[Step, ...], name: str
) -> None:
    for bad in _bad_values(path, name):
        try:
            registry = _set(RICH, path, name, bad)
        except TypeError:
            assert len(path) <= 1, "only the Registry's own converters may refuse"
            continue
        _keeps_the_contract(registry, path, name)


@given(st.data())
def test_the_bundled_registry_keeps_the_contract(data: st.DataObject) -> None:
    registry = aifactories.load()
    locations = data.draw(st.just(list(_locations(registry))))
    path, name = data.draw(st.sampled_from(locations))
    bad = data.draw(st.sampled_from(WRONG))
    try:
        changed = _set(registry, path, name, bad)
    except TypeError:  # the Registry's own converters refused it
        assert len(path) <= 1
        return
    _keeps_the_contract(changed, path, name)


def test_a_wrong_value_is_reported_at_its_field() -> None:
    # Spot checks that the contract's first branch is the one taken.
    cases = {
        (("factories", 0, "location"), "latitude"): Decimal(91),
        (("factories", 0, "supercomputer", "accelerator_count"), "value"): 0,
        (("factories", 0, "website"), "url"): "ftp://x.example/",
        (("factories", 0, "host"), "ror"): "https://ror.org/x",
        (("antennas", 0), "partner_countries"): ("IS", "IS"),
        (("access", "modes", 0), "id"): "Not a slug",
    }
    for (path, name), bad in cases.items():
        problems = aifactories.validate(_set(RICH, path, name, bad))
        where = _path_text(path, name)
        assert any(p.startswith(where) for p in problems), (where, problems)


# -- the repros of the issue, as regression tests -----------------------------------


def _one(entry: Factory | Antenna) -> Registry:
    # Unchecked, for the validator: build_registry() refuses what breaks a rule.
    return Registry(**registry_fields(entry))


def test_an_int_where_text_belongs_is_reported() -> None:
    problems = aifactories.validate(
        _one(make_factory("x", experimental_platform=123))  # type: ignore[arg-type]
    )
    assert problems == ["factories[0].experimental_platform: must be a string, got int"]


def test_a_string_date_is_reported() -> None:
    registry = _one(make_factory("x", selected_on="2025-01-01"))  # type: ignore[arg-type]
    assert "factories[0].selected_on: must be a date, got str" in (
        aifactories.validate(registry)
    )
    stale = attrs.evolve(aifactories.load(), data_date="2026-01-01")  # type: ignore[arg-type]
    assert aifactories.validate(stale) == ["data_date: must be a date, got str"]
    with pytest.raises(RegistryDataError):
        aifactories.dumps(stale)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        (
            {"funding": Funding(total=Money(Decimal(1), ["EUR"]))},  # type: ignore[arg-type]
            "factories[0].funding.total.currency: must be a string, got list",
        ),
        ({"host": "X"}, "factories[0].host: must be of type Host, got str"),
        ({"funding": "X"}, "factories[0].funding: must be of type Funding, got str"),
        ({"supercomputer": "X"}, "factories[0].supercomputer: must be of type"),
        (
            {"conflicts": [aifactories.Conflict("t", claims=(None, None))]},  # type: ignore[arg-type]
            "factories[0].conflicts[0].claims[0]: is required, got None",
        ),
    ],
)
def test_wrong_records_are_reported_not_raised(
    fields: dict[str, Any], problem: str
) -> None:
    problems = aifactories.validate(_one(make_factory("x", **fields)))
    assert any(p.startswith(problem) for p in problems), problems


def test_people_as_a_string_is_reported() -> None:
    entry = make_factory("x")
    object.__setattr__(entry, "people", "X")
    problems = aifactories.validate(_one(entry))
    assert problems == ["factories[0].people: must be a tuple, got str"]


@pytest.mark.parametrize("key", [None, 5, ["mimer"]])
def test_link_queries_refuse_keys_of_the_wrong_type(key: object) -> None:
    registry = aifactories.load()
    for query in (registry.antennas_of, registry.linked_factories, registry.get):
        with pytest.raises(TypeError):
            query(key)  # type: ignore[arg-type]


# -- the two loaders agree -------------------------------------------------------------


def _bundled_copy(registry: Registry, folder: Path) -> Registry:
    write_bundle(json.loads(aifactories.dumps(registry)), str(folder))
    return lazy(Bundle(str(folder)))


def test_the_bundled_builder_agrees_with_the_strict_loader_on_every_field(
    tmp_path: Path,
) -> None:
    bundled = _bundled_copy(RICH, tmp_path)
    assert bundled == aifactories.loads(aifactories.dumps(RICH))
    assert bundled.get("factory-1") == RICH["factory-1"]


@given(registries())
def test_the_loaders_agree_on_every_drawn_registry(registry: Registry) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        bundled = _bundled_copy(registry, Path(folder))
        for entry in registry:
            assert bundled.get(entry.id) == entry
        assert bundled == aifactories.loads(aifactories.dumps(registry))


def test_the_bundled_builder_names_a_type_it_cannot_build() -> None:
    @attrs.frozen
    class Odd:
        when: dt.datetime

    with pytest.raises(TypeError, match=r"Odd\.when: .* cannot build the type"):
        build(Odd, {"when": "2025-01-01T00:00"})


# -- the rules themselves -------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_each_rule_keeps_its_example_and_breaks_its_counterexample(rule: Rule) -> None:
    assert rule.check(rule.example) is None
    assert rule.check(rule.counterexample)
    if rule.pattern is not None:
        import re

        # A pattern is the part of the rule JSON Schema can say: it may be
        # looser than the rule, never stricter.
        assert re.search(rule.pattern, str(rule.example))


def test_every_rule_is_used_by_some_field() -> None:
    used = {TEXT}
    for cls in _record_classes():
        for f in attrs.fields(cls):
            rule = f.metadata.get(RULE_KEY)
            if rule is not None:
                used.add(rule)
    assert set(RULES) == used


def test_declared_bounds_sit_on_collections_only() -> None:
    for cls in _record_classes():
        hints = _hints(cls)
        for f in attrs.fields(cls):
            if MIN_ITEMS_KEY in f.metadata or UNIQUE_KEY in f.metadata:
                origin = typing.get_origin(_strip_none(hints[f.name]))
                assert origin in {tuple, frozenset}, f"{cls.__name__}.{f.name}"


def test_every_labelled_member_has_a_label() -> None:
    labelled = [
        v
        for v in vars(aifactories).values()
        if isinstance(v, type) and issubclass(v, _Labelled)
    ]
    assert len(labelled) >= 4
    for kind in labelled:
        for member in kind:
            assert member in LABELS, member
            assert isinstance(member.label, str)


# -- show and CSV use every entry field, or say why not -----------------------------


def _show(registry: Registry, entry: Factory | Antenna) -> str:
    from aifactories._cli import _Page, _Style

    style = _Style(open_quote='"', close_quote='"', dot="-")
    return "\n".join(_Page(registry, 100, style).entry(entry))


def _csv(registry: Registry, entry: Factory | Antenna) -> str:
    from aifactories._cli import csv_row

    buffer = io.StringIO()
    csv.writer(buffer).writerow(csv_row(registry, entry).values())
    return buffer.getvalue()


def unwired(
    cls: type[Any],
    render: Callable[[Registry, Any], str],
    omitted: dict[str, str],
) -> list[str]:
    """The init fields of ``cls`` whose value changes nothing ``render`` shows."""
    found = []
    base = record(cls, "guard")
    base = attrs.evolve(base, wave="W1" if cls is Factory else "A1")
    if issubclass(cls, Antenna):
        base = attrs.evolve(
            base, factories=("factory-1",), letters_of_intent=("factory-2",)
        )
    for f in attrs.fields(cls):
        if not f.init or f.name in omitted:
            continue
        other = attrs.evolve(base, **{f.alias: _another(base, f)})
        if render(RICH, base) == render(RICH, other):
            found.append(f.name)
    return found


def _another(entry: Any, field: attrs.Attribute[Any]) -> Any:
    value = getattr(entry, field.name)
    if field.default is not attrs.NOTHING:
        default: Any = field.default
        make = getattr(default, "factory", None)  # an attrs.Factory
        if make is not None:
            default = make()
        if value != default:
            return default
    if isinstance(value, str):
        rule = field.metadata.get(RULE_KEY)
        return "FI" if rule is not None and rule.name == "country" else "zz-other"
    if isinstance(value, dt.date):
        return dt.date(2001, 2, 3)
    if isinstance(value, tuple) and value and isinstance(value[0], Source):
        return (Source(url="https://example.org/another-source"),)
    if isinstance(value, tuple):
        return value[:1] if len(value) > 1 else ()
    msg = f"no other value for {field.name}"
    raise TypeError(msg)


@pytest.mark.parametrize("cls", [Factory, Antenna])
def test_show_prints_every_entry_field(cls: type[Any]) -> None:
    from aifactories._cli import SHOW_OMITTED

    assert unwired(cls, _show, SHOW_OMITTED) == []


@pytest.mark.parametrize("cls", [Factory, Antenna])
def test_csv_has_a_column_for_every_entry_field(cls: type[Any]) -> None:
    from aifactories._cli import CSV_OMITTED

    assert unwired(cls, _csv, CSV_OMITTED) == []


def test_the_guards_catch_a_field_that_is_not_wired_in() -> None:
    @attrs.frozen(kw_only=True, repr=False, eq=False)
    class Extended(Factory):
        mascot: str | None = None

    # The subclass adds a field that neither show nor CSV knows of.
    assert unwired(Extended, _show, {}) == ["mascot"]
    assert unwired(Extended, _csv, {"people": ""}) == ["mascot"]


def test_entry_helpers_build_valid_entries() -> None:
    registry = build_registry(make_factory("f"), make_antenna("a", factories=["f"]))
    assert aifactories.validate(registry) == []
