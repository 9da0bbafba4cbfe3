"""Text for Plotly: escaping data text, display widths (Hangul counts two) and line breaking."""

from __future__ import annotations

import math
import re
import unicodedata


def clip(text, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def esc(text) -> str:
    """Plotly renders a subset of HTML in titles and hovers: data text must be shown as text."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def display_width(text: str) -> int:

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in str(text))


def wrap(text: str, width: int) -> str:
    """Escaped text broken into lines (at " · ", ": ", " (" or a space) when wider than `width` display columns
    (Hangul counts two): Plotly never wraps titles, and a phone would cut them. Each cut is the one giving the
    fewest lines, then the more telling separator, then the most even lines; a " · " cut drops the dot."""
    text = str(text)
    if display_width(text) <= width:
        return esc(text)
    target = len(text) / math.ceil(display_width(text) / width)
    best = None
    for rank, separator in enumerate(_SEPARATORS):
        for i in range(len(text)):
            # A head of a few characters ("출처:") is no help: the tail would still be too wide.
            if text.startswith(separator, i) and width / 3 <= display_width(text[:i]) <= width:
                tail = _cut_tail(text, i, separator)
                key = (1 + math.ceil(display_width(tail) / width), rank, abs(i - target))
                if best is None or key < best[0]:
                    best = (key, i, separator)
    if best is None:
        # No head fits: cut at the space nearest the even share, and wrap the head too.
        spaces = [i for i in range(len(text)) if text[i] == " " and display_width(text[:i]) >= width / 3]
        if not spaces:
            return esc(text)
        best = (None, min(spaces, key=lambda i: abs(i - target)), " ")
    _, cut, separator = best
    head = text[:cut] + (":" if separator == ": " else "")
    return wrap(head.rstrip(), width) + "<br>" + wrap(_cut_tail(text, cut, separator), width)


_SEPARATORS = (" · ", ": ", " (", " ")


def _cut_tail(text: str, cut: int, separator: str) -> str:
    return (("(" if separator == " (" else "") + text[cut + len(separator) :]).lstrip()


HOVER_WIDTH = 44  # display columns of a hover line: a wider box runs off a phone's screen


def hover_lines(text: str, width: int = HOVER_WIDTH) -> str:
    """Escaped text broken into lines of at most `width` display columns (at spaces where it can)."""
    lines, current = [], ""
    for word in str(text).split(" "):
        candidate = f"{current} {word}" if current else word
        if current and display_width(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
        while display_width(current) > width:  # one long word (Hangul without spaces): cut it
            cut = next(i for i in range(1, len(current) + 1) if display_width(current[:i]) > width) - 1
            lines.append(current[:cut])
            current = current[cut:]
    lines.append(current)
    return "<br>".join(esc(line) for line in lines if line)


LEGEND_WIDTH = 38  # display columns (Hangul counts two) of a legend line: fits a 390 px phone (44 touched its edge)


def legend_wrap(text: str, width: int = LEGEND_WIDTH) -> str:
    """Escaped legend text broken into lines of at most `width` display columns, at " · " or before " (":
    Plotly cuts a legend item wider than the chart (a phone showed half of each entry)."""
    pieces = re.split(r"(?<= ·) | (?=\()", str(text))
    # A piece still wider than a line (a long parenthesis) is broken between its words.
    pieces = [word for piece in pieces for word in _words_within(piece, width)]
    lines: list[str] = []
    for piece in pieces:
        if lines and display_width(lines[-1] + " " + piece) <= width:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return "<br>".join(esc(line) for line in lines)


def _words_within(text: str, width: int) -> list[str]:
    """`text` as it is when it fits `width` display columns, else its words gathered into pieces that fit."""
    if display_width(text) <= width:
        return [text]
    pieces: list[str] = []
    for word in text.split(" "):
        if pieces and display_width(pieces[-1] + " " + word) <= width:
            pieces[-1] += " " + word
        else:
            pieces.append(word)
    return pieces


def clip_visual(text: str, width: int) -> str:
    """Clip to a display width where a Hangul (wide) character counts two (21: 20 Latin or 10 Hangul characters)."""

    used, out = 0, []
    for ch in text:
        step = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        if used + step > width - 1:
            return "".join(out).rstrip() + "…"
        used += step
        out.append(ch)
    return text
