"""A JSON Schema of the data-file format, derived from the record classes.

Nothing here is written out by hand: properties, types, required fields and
descriptions all come from the attrs fields, their type hints and the
classes' docstrings, so the schema cannot drift from what :func:`loads`
reads. A type the generator does not know raises instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import re
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from aifactories._format import DATE_PATTERN, DECIMAL_PATTERN, FORMAT, Document
from aifactories._rules import MAX_INT, MIN_ITEMS_KEY, RULE_KEY, TEXT, UNIQUE_KEY, Rule

DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of :func:`json_schema`."""

# The schema of each type that needs no more than a copy of it.
_PLAIN: dict[Any, dict[str, Any]] = {
    type(None): {"type": "null"},
    Decimal: {
        "type": "string",
        "pattern": DECIMAL_PATTERN,
        "description": 'Written as a decimal string, e.g. "0.5", so that no digit '
        "is lost to floating point.",
    },
    dt.date: {"type": "string", "format": "date", "pattern": DATE_PATTERN},
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer", "minimum": 0, "maximum": MAX_INT},
}


def json_schema() -> dict[str, Any]:
    """Return a JSON Schema (draft 2020-12) that files written by ``dumps`` meet.

    The schema checks structure: field names, types, enumerations, required
    fields and simple patterns. Rules that span records (links between
    entries, quotes found in the seed, unique names) are only checked by
    :func:`aifactories.validate` and the loaders.

    Raises:
        TypeError: The model holds a type the generator cannot express.
    """
    builder = _Builder()
    root = builder.object(Document)
    root["properties"] = {
        "format": {
            "const": FORMAT,
            "description": "Version of the file format; this library reads "
            f"format {FORMAT}.",
        },
        **root["properties"],
    }
    root["required"] = ["format", *root["required"]]
    return {
        "$schema": DIALECT,
        "title": "aifactories registry data file",
        **root,
        "description": "A registry of EuroHPC AI Factories and AI Factory "
        "Antennas, as aifactories.load() reads it and aifactories.dumps() "
        "writes it.",
        "$defs": dict(sorted(builder.defs.items())),
    }


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def object(self, cls: type[Any]) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        docs = _field_docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            schema = self.type(hints[field.name])
            _add_declared(schema, field, f"{cls.__name__}.{field.name}")
            # The field's own words first; a type's note only adds to them.
            note = schema.pop("description", None)
            words = " ".join(filter(None, [docs.get(field.name), note]))
            if words:
                schema = {"description": words, **schema}
            properties[field.name] = schema
            if field.default is attrs.NOTHING:
                required.append(field.name)
        return {
            "type": "object",
            "description": _summary(cls),
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }

    def ref(self, cls: type[Any], make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # claimed first: a class may refer to itself
            self.defs[name] = make()
        return {"$ref": f"#/$defs/{name}"}

    def type(self, tp: Any) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin is types.UnionType or origin is typing.Union:
            return {"anyOf": [self.type(arg) for arg in args]}
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self.type(args[0])}
        if origin is frozenset:
            return {"type": "array", "items": self.type(args[0]), "uniqueItems": True}
        if tp in _PLAIN:
            return dict(_PLAIN[tp])  # a copy: patterns are added to it
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return self.ref(tp, lambda: _enum(tp))
        if attrs.has(tp):
            return self.ref(tp, lambda: self.object(tp))
        msg = f"no JSON Schema for {tp!r}"
        raise TypeError(msg)


def _enum(tp: type[enum.Enum]) -> dict[str, Any]:
    return {
        "type": "string",
        "description": _summary(tp),
        "enum": [member.value for member in tp],
    }


def _add_declared(
    schema: dict[str, Any], field: attrs.Attribute[Any], where: str
) -> None:
    """Add what the field's declaration says beyond its type to ``schema``."""
    rule: Rule | None = field.metadata.get(RULE_KEY)
    if rule is not None and rule.pattern is not None:
        _add_pattern(schema, rule.pattern, where)
    array = _array_of(schema)
    for key, name, schema_key in (
        (MIN_ITEMS_KEY, "min_items", "minItems"),
        (UNIQUE_KEY, "unique", "uniqueItems"),
    ):
        bound = field.metadata.get(key)
        if bound:
            if array is None:
                msg = f"{name} on {where}, which is not a collection"
                raise TypeError(msg)
            array[schema_key] = bound
    if rule is not None and rule is not TEXT:
        schema["description"] = " ".join(
            filter(None, [schema.get("description"), _rst_to_text(rule.description)])
        )


def _array_of(schema: dict[str, Any]) -> dict[str, Any] | None:
    options = [schema, *schema.get("anyOf", ())]
    return next((option for option in options if option.get("type") == "array"), None)


def _add_pattern(schema: dict[str, Any], pattern: str, where: str) -> None:
    """Put ``pattern`` on every string schema inside ``schema``."""
    found = False
    nodes = [schema]
    while nodes:
        node = nodes.pop()
        if node.get("type") == "string":
            node["pattern"] = pattern
            found = True
        nodes += node.get("anyOf", [])
        if "items" in node:
            nodes.append(node["items"])
    if not found:
        msg = f"pattern rule for {where} names no string field"
        raise TypeError(msg)


def _summary(cls: type[Any]) -> str:
    doc = inspect.getdoc(cls) or ""
    return doc.split("\n\n", 1)[0].replace("\n", " ")


_ITEM = re.compile(r"(\w+): (.*)")


def attribute_docs(cls: type[Any]) -> dict[str, str]:
    """Read the ``Attributes:`` section of a Google-style class docstring.

    Returns:
        Each attribute's text as written (markup kept), by name.
    """
    doc = inspect.cleandoc(cls.__dict__.get("__doc__") or "")
    found: dict[str, str] = {}
    inside, name, indent = False, "", 0
    for line in doc.splitlines():
        stripped = line.strip()
        if stripped == "Attributes:":
            inside, name, indent = True, "", 0
            continue
        if not inside or not stripped:
            continue
        depth = len(line) - len(line.lstrip())
        if depth == 0:  # the next section, or prose after the list
            inside = False
            continue
        indent = indent or depth
        match = _ITEM.fullmatch(stripped)
        if match and depth == indent:
            name = match.group(1)
            found[name] = match.group(2)
        elif name:
            found[name] += " " + stripped
    return found


def _field_docs(cls: type[Any]) -> dict[str, str]:
    """Describe each field from the docstrings that document it.

    A field is described by its own class, a base class, or a sibling that
    shares the base it is declared on (an antenna's common fields are
    documented once, on :class:`~aifactories.Factory`).
    """
    docs: dict[str, str] = {}
    related: list[type[Any]] = []
    for base in cls.__mro__:
        if attrs.has(base):
            related += [base, *base.__subclasses__()]
    for other in reversed(related):  # cls itself last: its own words win
        docs.update(attribute_docs(other))
    return {
        f.name: _rst_to_text(docs[f.name]) for f in attrs.fields(cls) if f.name in docs
    }


_ROLE = re.compile(r":\w+:`~?([^`]+)`")


def _rst_to_text(text: str) -> str:
    # JSON Schema consumers show plain text; keep the words, drop the markup.
    text = _ROLE.sub(lambda m: m.group(1).rsplit(".", 1)[-1], text)
    return text.replace("``None``", "null").replace("``", "")
