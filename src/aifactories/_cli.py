"""The ``aifactories`` command line (a placeholder that lists the registry)."""

from __future__ import annotations

import aifactories


def main() -> int:
    """Print one line per entry of the bundled registry."""
    registry = aifactories.load()
    for entry in registry:
        host = entry.host.short_name or entry.host.name if entry.host else "-"
        print(f"{entry.id:20} {entry.kind:8} {entry.country}  {entry.wave:3} {host}")  # noqa: T201
    return 0
