"""Helpers for testing code that uses aifactories (needs ``aifactories[testing]``)."""
