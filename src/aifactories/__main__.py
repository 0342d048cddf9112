"""``python -m aifactories``: the command line."""

from __future__ import annotations

from aifactories._cli import main

if __name__ == "__main__":
    raise SystemExit(main())
