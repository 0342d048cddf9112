"""Sphinx configuration for the aifactories documentation.

Build with ``sphinx-build -W -b html docs docs/_build/html``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import aifactories

# Our own extensions: the generated data reference and the link fixes.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "aifactories"
author = "the aifactories maintainers"
copyright = "the aifactories maintainers"  # noqa: A001 - the name Sphinx reads
release = aifactories.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "aif_pages",
    "aif_links",
]

source_suffix = {".md": "markdown"}
# Fragments are pulled into reference pages with {include}; they are not pages.
exclude_patterns = ["_build", "data/_generated/fragments", "examples"]

# Every reference must resolve: a typo in a link to our API fails the build.
nitpicky = True

myst_enable_extensions = ["colon_fence", "deflist", "substitution"]
myst_substitutions = {"data_version": aifactories.DATA_VERSION}

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

intersphinx_mapping = {
    "python": ("https://docs.python.org/3", None),
    "attrs": ("https://www.attrs.org/en/stable/", None),
    "cattrs": ("https://catt.rs/en/stable/", None),
    "hypothesis": ("https://hypothesis.readthedocs.io/en/latest/", None),
}
intersphinx_timeout = 10

html_theme = "furo"
html_title = f"aifactories {release}"
html_static_path = ["_static"]
html_css_files = ["aif.css"]
