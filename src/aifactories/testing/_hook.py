"""Registration of our strategies for ``st.from_type``.

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


def register() -> None:
    """Register a lazy strategy resolver for every record class."""
    from hypothesis import strategies as st  # noqa: PLC0415

    for cls in _record_types():
        st.register_type_strategy(cls, _resolve)
