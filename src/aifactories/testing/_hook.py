"""Registration of our strategies for ``st.from_type``, and of short printers.

Called by the Hypothesis entry point (the top-level module
``_aifactories_hypothesis``, when aifactories is already imported) or by
``import aifactories`` (when Hypothesis came first). It stays cheap: it
registers a resolver per class and imports the strategies only when a test
first asks ``st.from_type`` for one of our classes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy


def _record_types() -> tuple[type[Any], ...]:
    """Every public attrs class of the package: the records and the registry."""
    import attrs  # noqa: PLC0415 - the hook must stay light

    import aifactories  # noqa: PLC0415

    public = (getattr(aifactories, name) for name in aifactories.__all__)
    return tuple(obj for obj in public if isinstance(obj, type) and attrs.has(obj))


def _resolve(cls: type[Any]) -> SearchStrategy[Any]:
    from aifactories.testing._strategies import for_type  # noqa: PLC0415

    return for_type(cls)


def _shown(field: Any, value: object) -> bool:
    """Whether a field's value differs from its default (so a reader needs it)."""
    import attrs  # noqa: PLC0415 - the hook must stay light

    default = field.default
    if default is attrs.NOTHING:
        return True
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory()
    return bool(value != default)


def pretty(obj: Any, printer: Any, cycle: bool) -> None:  # noqa: FBT001 - its protocol
    """Print a record as Hypothesis shows a falsifying example: short.

    Only the fields that differ from their defaults: a shrunk example keeps
    just the fields the failure needs, so those are what the reader sees
    (a minimal factory is its id, name, wave, date, country and source).
    """
    import attrs  # noqa: PLC0415
    from hypothesis.vendor.pretty import pprint_fields  # noqa: PLC0415

    fields = [
        field.name
        for field in attrs.fields(type(obj))
        if field.init and _shown(field, getattr(obj, field.name))
    ]
    pprint_fields(obj, printer, cycle, fields)


def register() -> None:
    """Register a lazy strategy resolver and a short printer for every record class."""
    from hypothesis import strategies as st  # noqa: PLC0415
    from hypothesis.vendor.pretty import for_type_by_name  # noqa: PLC0415

    for cls in _record_types():
        st.register_type_strategy(cls, _resolve)
        for_type_by_name(cls.__module__, cls.__name__, pretty)
