"""Kept only for ``aifactories/__init__.py``'s own registration call.

The Hypothesis entry point (``_aifactories_hypothesis``) is the one hook;
this module goes when ``aifactories`` stops calling ``register`` itself.
"""

from __future__ import annotations

from _aifactories_hypothesis import register

__all__ = ["register"]
