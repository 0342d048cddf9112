"""aifactories' Hypothesis entry point: the one place our Hypothesis hook lives.

Hypothesis runs its entry points on ``import hypothesis`` in every
environment where aifactories is installed (never with
``HYPOTHESIS_NO_PLUGINS`` set). The hook:

* registers two settings profiles, so that
  ``settings.load_profile("aifactories-quick")`` and ``pytest
  --hypothesis-profile=aifactories-nightly`` work with no import of ours;
* registers a resolver for every public record class and for
  :class:`~aifactories.Registry`, so that ``st.from_type(Factory)`` draws
  valid records; the strategies themselves are imported only when a test
  first asks for one;
* registers a short printer for the same classes, so that a falsifying
  example shows only the fields that differ from their defaults.

It imports nothing of ours: with aifactories already imported it registers
at once; otherwise it registers as soon as aifactories is imported, so a
run that imports Hypothesis but never aifactories pays nothing.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

QUICK_PROFILE = "aifactories-quick"
"""Settings for quick downstream runs: 25 examples a test, no deadline."""

NIGHTLY_PROFILE = "aifactories-nightly"
"""Settings for thorough (nightly) runs: 1,000 examples a test, no deadline."""


def record_types() -> tuple[type[Any], ...]:
    """Every public attrs class of the package: the records and the registry."""
    import attrs  # noqa: PLC0415

    import aifactories  # noqa: PLC0415

    public = (getattr(aifactories, name) for name in aifactories.__all__)
    return tuple(obj for obj in public if isinstance(obj, type) and attrs.has(obj))


def _resolve(cls: type[Any]) -> SearchStrategy[Any]:
    from aifactories.testing._strategies import for_type  # noqa: PLC0415 - lazily

    return for_type(cls)


def _shown(field: Any, value: object) -> bool:
    """Whether a field's value differs from its default (so a reader needs it)."""
    import attrs  # noqa: PLC0415

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

    for cls in record_types():
        st.register_type_strategy(cls, _resolve)
        for_type_by_name(cls.__module__, cls.__name__, pretty)


class _WhenImported(importlib.abc.MetaPathFinder):
    """Calls :func:`register` once aifactories has been imported.

    It finds nothing itself: on the first import of aifactories it takes
    itself off ``sys.meta_path``, lets the other finders find the package,
    and has its loader register once the package has run.
    """

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        """Watch for aifactories; find nothing else."""
        del path, target
        if fullname != "aifactories":
            return None
        sys.meta_path.remove(self)  # we return at once, so no finder is skipped
        spec = importlib.util.find_spec(fullname)
        loader = None if spec is None else spec.loader
        if loader is not None:
            run = loader.exec_module

            def exec_module(module: object) -> None:
                del loader.exec_module  # ours, set on the instance below
                run(module)  # type: ignore[arg-type]
                register()

            loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _hypothesis_setup_hook() -> None:
    """Register our profiles, strategies and printers: the entry point.

    Neither profile sets a deadline: a test's time on a shared CI machine
    says more about the machine than about the code. Both keep every health
    check: the strategies draw fast enough to pass them.
    """
    from hypothesis import settings  # noqa: PLC0415 - Hypothesis is importing us

    settings.register_profile(QUICK_PROFILE, max_examples=25, deadline=None)
    settings.register_profile(NIGHTLY_PROFILE, max_examples=1000, deadline=None)
    if "aifactories" in sys.modules:
        register()
    else:
        sys.meta_path.insert(0, _WhenImported())
