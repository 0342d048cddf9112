"""Hypothesis entry-point hook: registers our strategies for ``st.from_type``."""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    """Register the strategies; called by Hypothesis when it is imported."""
