"""The library's exceptions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MAX_PROBLEMS = 1000
"""At most this many problems are listed; the rest are counted in one line."""

CUT = "$: … and "
"""How the line that closes a list cut at :data:`MAX_PROBLEMS` starts."""


def problem_count(problems: Iterable[str]) -> str:
    """How many problems ``problems`` lists, in words.

    ``"1 problem"``, ``"7 problems"``, or ``"at least 1,000 problems"``
    where a list was cut: the line closing it is not a problem, and where
    checking stopped, what was not checked may hold none.
    """
    problems = tuple(problems)
    listed = sum(not problem.startswith(CUT) for problem in problems)
    cut = listed < len(problems)
    noun = "problem" if listed == 1 and not cut else "problems"
    return f"{'at least ' if cut else ''}{listed:,} {noun}"


class RegistryDataError(ValueError):
    """Registry data is malformed or breaks a rule.

    Raised by :func:`aifactories.load` (with a path) and :func:`aifactories.loads`
    for any bad input. Nothing else escapes from them for bad data.

    Attributes:
        errors: Every problem found, each as ``"path: message"``, e.g.
            ``"factories[3].funding.shares[0].share: must be in (0, 1], got 1.5"``.
            At most :data:`aifactories.MAX_PROBLEMS` problems are listed; a
            last line starting ``"$: … and"`` counts the rest or says where
            checking stopped (the message then says "at least 1,000
            problems").
        source: The name of the file the data came from, or ``None``.
    """

    errors: tuple[str, ...]
    source: str | None

    def __init__(self, errors: Iterable[str], *, source: str | None = None) -> None:
        """Create the error from its list of problems."""
        self.errors = tuple(errors)
        self.source = source
        super().__init__(self._message())

    def _message(self) -> str:
        where = f"{self.source}: " if self.source else ""
        lines = "\n".join(f"  {e}" for e in self.errors)
        return f"{where}invalid registry data, {problem_count(self.errors)}:\n{lines}"

    def __str__(self) -> str:
        # Built from the attributes, not from args: a copy, a pickle or a
        # caller that sets ``source`` later all print the same message.
        return self._message()

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuild from the problems and the file name, not from the message
        # (pickle, copy, multiprocessing would otherwise treat the message as
        # the problems and lose the file-name prefix); the state keeps the
        # rest (notes, a subclass's attributes).
        return (_rebuild, (type(self), self.errors, self.source), dict(vars(self)))


def _rebuild(
    cls: type[RegistryDataError], errors: tuple[str, ...], source: str | None
) -> RegistryDataError:
    """Recreate a pickled or copied :class:`RegistryDataError`."""
    return cls(errors, source=source)


class NotFoundError(LookupError):
    """No registry entry matches a key.

    Attributes:
        key: The key that was looked up.
        suggestions: Close matches (official names), best first.
    """

    def __init__(
        self, key: str, suggestions: Iterable[str] = (), message: str | None = None
    ) -> None:
        """Create the error for ``key`` with optional close matches.

        ``message`` replaces the default sentence, for a key that names
        something of the wrong kind (an antenna where a factory was asked).
        """
        self.key = key
        self.suggestions = tuple(suggestions)
        self._message = message
        msg = message or f"no AI Factory or Antenna matches {key!r}"
        if self.suggestions:
            msg += f"; did you mean {' or '.join(map(repr, self.suggestions))}?"
        super().__init__(msg)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.key, self.suggestions, self._message))

    def __str__(self) -> str:
        # LookupError would render the repr of args; show the sentence instead.
        return str(self.args[0])
