"""The library's exceptions."""

from __future__ import annotations

from collections.abc import Iterable


class RegistryDataError(ValueError):
    """Registry data is malformed or breaks a rule.

    Raised by :func:`aifactories.load` (with a path) and :func:`aifactories.loads`
    for any bad input. Nothing else escapes from them for bad data.

    Attributes:
        errors: Every problem found, each as ``"path: message"``, e.g.
            ``"factories[3].funding.shares[0].share: must be in (0, 1], got 1.5"``.
    """

    errors: tuple[str, ...]

    def __init__(self, errors: Iterable[str], *, source: str | None = None) -> None:
        """Create the error from its list of problems."""
        self.errors = tuple(errors)
        self.source = source
        where = f"{source}: " if source else ""
        count = len(self.errors)
        noun = "problem" if count == 1 else "problems"
        lines = "\n".join(f"  {e}" for e in self.errors)
        super().__init__(f"{where}invalid registry data, {count} {noun}:\n{lines}")

    def __reduce__(
        self,
    ) -> tuple[type[RegistryDataError], tuple[tuple[str, ...]], dict[str, str | None]]:
        # Rebuild from the problems, not from the message (pickle, copy,
        # multiprocessing would otherwise treat the message as the problems).
        return (type(self), (self.errors,), {"source": self.source})


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
            msg += (
                "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
            )
        super().__init__(msg)

    def __reduce__(
        self,
    ) -> tuple[type[NotFoundError], tuple[str, tuple[str, ...], str | None]]:
        return (type(self), (self.key, self.suggestions, self._message))

    def __str__(self) -> str:
        # LookupError would render the repr of args; show the sentence instead.
        return str(self.args[0])
