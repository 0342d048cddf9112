"""Cross-reference fixes for the aifactories docs.

Two things Sphinx does not do for us:

* Public names live in private modules (``aifactories._model.Factory`` is
  documented as ``aifactories.Factory``). Type hints in signatures point at
  the private path; we resolve them to the public one.
* The docs build with ``nitpicky`` and ``-W`` so that a broken link to our
  own API fails the build. Links into Python, attrs, cattrs and Hypothesis
  need their intersphinx inventories, which an offline build (a sandbox, a
  distribution's package builder) cannot fetch. Such a build still produces
  correct pages, with those links as plain text, so it says so once and
  carries on instead of failing.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import aifactories

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment

# Which intersphinx project answers for a top-level module name; anything
# else that is not ours is the standard library.
_PROJECT_OF_MODULE = {
    "attr": "attrs",
    "attrs": "attrs",
    "cattrs": "cattrs",
    "hypothesis": "hypothesis",
}
_PYTHON = "python"
_UNREACHABLE = "failed to reach any of the inventories"


class _OfflineInventoryFilter(logging.Filter):
    """Turn "inventory unreachable" from a warning into a note."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING and _UNREACHABLE in str(record.msg):
            record.levelno = logging.INFO
            record.levelname = "INFO"
            record.msg = (
                "intersphinx: an inventory is unreachable (offline?); links to "
                "that project render as plain text. " + str(record.msg) + "\n"
            )
        return True


def _public_name(target: str) -> str | None:
    """Return ``aifactories.X`` for ``aifactories._module.X`` when X is public."""
    module, _, name = target.rpartition(".")
    if module.startswith("aifactories._") and name in aifactories.__all__:
        return f"aifactories.{name}"
    return None


def _resolve_private(
    app: Sphinx,
    env: BuildEnvironment,
    node: pending_xref,
    contnode: nodes.TextElement,
) -> nodes.reference | None:
    if node.get("refdomain") != "py":
        return None
    public = _public_name(node.get("reftarget", ""))
    if public is None:
        return None
    node["reftarget"] = public
    domain = env.domains["py"]
    resolved: nodes.reference | None = domain.resolve_xref(
        env,
        node["refdoc"],
        app.builder,
        node["reftype"],
        public,
        node,
        contnode,
    )
    return resolved


def _external_project(target: str) -> str | None:
    top = target.split(".", 1)[0]
    if top == "aifactories":
        return None
    return _PROJECT_OF_MODULE.get(top, _PYTHON)


def _tolerate_offline(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool:
    """Silence a missing external link whose inventory could not be loaded."""
    if domain is None or domain.name != "py":
        return False
    project = _external_project(node.get("reftarget", ""))
    if project is None:
        return False
    loaded: dict[str, Any] = getattr(app.env, "intersphinx_named_inventory", {})
    # With the inventory loaded, a miss is a real broken link: let it warn.
    return project not in loaded


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the handlers with Sphinx."""
    # Sphinx logs through "sphinx." + the module's logger name; the name moved
    # between releases, so cover both.
    for name in ("sphinx.ext.intersphinx", "sphinx.ext.intersphinx._load"):
        logging.getLogger(f"sphinx.{name}").addFilter(_OfflineInventoryFilter())
    app.connect("missing-reference", _resolve_private)
    app.connect("warn-missing-reference", _tolerate_offline)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
