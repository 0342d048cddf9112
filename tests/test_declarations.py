"""One declaration per field: the contract every field of every record keeps.

The model declares each field once (type annotation + rule). These tests hold
every consumer to that declaration without listing fields by hand:

* a *rich* registry, built from the declarations alone, sets every field of
  every record class to a valid non-default value and validates;
* the contract: set any one field anywhere to a wrong-typed or out-of-rule
  value, and the Registry constructor refuses it with a problem that names
  that field, or the registry round-trips (and then ``dumps`` and every
  query work);
* ``show`` and the CSV export use every entry field or say why not.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import enum
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
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
from aifactories._format import REGISTRY_NAMES, document_of
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
        gigafactory_calls=[record(aifactories.GigafactoryCall, "call")],
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
    record might hold it. For a Registry, the result is the constructor's
    answer: a registry, or the :class:`RegistryDataError` it raised.
    """
    if isinstance(value, Registry):
        top = str(path[0] if path else name)
        new = bad if not path else _set(getattr(value, top), path[1:], name, bad)
        arguments: dict[str, Any] = {
            f.name: getattr(value, f.name) for f in attrs.fields(Registry) if f.init
        }
        arguments[top] = new
        try:
            return Registry(**arguments)
        except RegistryDataError as exc:
            return exc
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


def _keeps_the_contract(
    answer: Registry | RegistryDataError, path: tuple[Step, ...], name: str
) -> None:
    where = _path_text(path, name)
    if isinstance(answer, RegistryDataError):
        problems = answer.errors
        assert problems, where
        named = [
            p for p in problems if p.startswith((f"{where}:", f"{where}.", f"{where}["))
        ]
        # Problems elsewhere only: the value keeps its own rule but breaks a
        # rule across records (an id no link names any more).
        assert named or all(not p.startswith("$") for p in problems), problems
        return
    # Accepted: then it is valid data, every query works and it round-trips.
    _queries(answer)
    assert aifactories.loads(aifactories.dumps(answer)) == answer, where


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
            answer = _set(RICH, path, name, bad)
        except TypeError:
            assert not path, "only the Registry's own arguments may be refused"
            continue
        _keeps_the_contract(answer, path, name)


@given(st.data())
def test_the_bundled_registry_keeps_the_contract(data: st.DataObject) -> None:
    registry = aifactories.load()
    locations = data.draw(st.just(list(_locations(registry))))
    path, name = data.draw(st.sampled_from(locations))
    bad = data.draw(st.sampled_from(WRONG))
    try:
        answer = _set(registry, path, name, bad)
    except TypeError:  # a str where the Registry takes a collection
        assert not path
        return
    _keeps_the_contract(answer, path, name)


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
        answer = _set(RICH, path, name, bad)
        assert isinstance(answer, RegistryDataError)
        problems = answer.errors
        where = _path_text(path, name)
        assert any(p.startswith(where) for p in problems), (where, problems)


# -- the repros of the issue, as regression tests -----------------------------------


def _problems(entry: Factory | Antenna) -> list[str]:
    """What the Registry constructor says of a registry holding ``entry``."""
    with pytest.raises(RegistryDataError) as caught:
        build_registry(entry)
    return list(caught.value.errors)


def test_an_int_where_text_belongs_is_reported() -> None:
    problems = _problems(make_factory("x", experimental_platform=123))  # type: ignore[arg-type]
    assert problems == ["factories[0].experimental_platform: must be a string, got int"]


def test_a_string_date_is_reported() -> None:
    entry = make_factory("x", selected_on="2025-01-01")  # type: ignore[arg-type]
    assert "factories[0].selected_on: must be a date, got str" in _problems(entry)
    bundled = aifactories.load()
    arguments = {f.name: getattr(bundled, f.name) for f in attrs.fields(Registry)}
    del arguments["_index"]
    with pytest.raises(RegistryDataError) as caught:
        Registry(**{**arguments, "data_date": "2026-01-01"})
    assert list(caught.value.errors) == ["data_date: must be a date, got str"]


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
    problems = _problems(make_factory("x", **fields))
    assert any(p.startswith(problem) for p in problems), problems


def test_people_as_a_string_is_reported() -> None:
    entry = make_factory("x")
    object.__setattr__(entry, "people", "X")
    assert _problems(entry) == ["factories[0].people: must be a tuple, got str"]


def test_a_string_where_the_registry_takes_records_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="factories takes a collection of records"):
        Registry(data_version="t", factories="mimer")  # type: ignore[arg-type]


@pytest.mark.parametrize("key", [None, 5, ["mimer"]])
def test_link_queries_refuse_keys_of_the_wrong_type(key: object) -> None:
    registry = aifactories.load()
    for query in (registry.antennas_of, registry.linked_factories, registry.get):
        with pytest.raises(TypeError):
            query(key)  # type: ignore[arg-type]


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


@attrs.frozen
class _Odd:
    """A record with a field of a type no declaration covers."""

    ratio: complex


def test_a_field_the_validator_cannot_check_is_named_at_first_use() -> None:
    from aifactories._validate import _Checker, check_record

    with pytest.raises(TypeError) as info:
        check_record(_Checker(), "odd", _Odd(1j))
    assert str(info.value) == (
        "the validator cannot check the type <class 'complex'> of field 'ratio'"
    )


def test_every_labelled_member_has_a_label() -> None:
    labelled = [
        v
        for v in vars(aifactories).values()
        if isinstance(v, type) and issubclass(v, _Labelled)
    ]
    assert len(labelled) >= 4
    members = {member for kind in labelled for member in kind}
    assert set(LABELS) <= members
    for member in members:
        words = member.value.replace("-", " ")
        if member in LABELS:
            # LABELS words only the members whose value is not their words.
            assert LABELS[member] != words, member
        assert member.label == LABELS.get(member, words), member


# -- show and the CSV tables use every entry field, or say why not ---------------


def _show(registry: Registry, entry: Factory | Antenna) -> str:
    from aifactories._cli import _Page, _Style

    style = _Style(open_quote='"', close_quote='"', dot="-")
    return "\n".join(_Page(registry, 100, style).entry(entry))


def _csv(registry: Registry, entry: Factory | Antenna) -> str:
    """Every CSV table of ``registry`` with ``entry`` as its only entry."""
    from aifactories import _tables

    # The guard varies one field at a time, values valid or not, so the
    # registry is indexed without the constructor's checks.
    whole = document_of(registry)
    if isinstance(entry, Factory):
        alone = attrs.evolve(whole, factories=(entry,), antennas=())
    else:
        alone = attrs.evolve(whole, factories=(), antennas=(entry,))
    checked = Registry._checked(alone)  # noqa: SLF001
    return "".join(_tables.csv_text(checked, name) for name in _tables.tables())


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
    from aifactories._tables import OMITTED

    assert unwired(cls, _csv, OMITTED) == []


def test_entry_helpers_build_valid_entries() -> None:
    registry = build_registry(make_factory("f"), make_antenna("a", factories=["f"]))
    assert aifactories.validate(registry) == []
