"""The text of an HTML page, as drafts quote it and quote checks read it.

One function for both sides: a draft of a web page quotes this text, and
a ``.html`` document is turned into the same text before its quotes are
checked, so every quote a draft makes can be found again.
"""

from __future__ import annotations

import html.parser


def strip_html(markup: str) -> str:
    """Return the text of an HTML page: tags, scripts and styles removed.

    Block elements (paragraphs, headings, list items, line breaks) end a
    line, so sentences never run across them; character references are
    resolved.
    """
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    lines = ("".join(parser.parts)).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip()) + "\n"


class _TextParser(html.parser.HTMLParser):
    # Elements that end a line of text (one string: a long tag list reads
    # better as words than one tag per line).
    _BLOCKS = frozenset(
        "address article aside blockquote br dd div dl dt figcaption footer form "  # noqa: SIM905
        "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th "
        "title tr ul".split()
    )
    _HIDDEN = frozenset({"script", "style", "noscript", "template", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        del attrs  # no attribute carries article text we quote
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag == "li":
            # A list item reads as a bullet line, as in a plain-text release.
            self.parts.append("\n- ")
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)
