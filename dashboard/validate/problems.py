"""What the validator reports: a Problem (`file:line: message`), values shown safely, problems in file order."""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard import i18n, schema

# Cell values are shown in messages cut to this many characters, so a huge or hostile cell cannot flood output.
MAX_SHOWN = 60

_FILE_RANK = {schema.file_name(t): i for i, t in enumerate(schema.TABLES)}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: the file, the physical line (None for the whole file) and what is wrong."""

    file: str
    line: int | None
    message: str
    # The message's string in dashboard/strings/ and what fills it in, for the words in another language; a
    # problem without one is shown in English in both views.
    key: str = field(default="", compare=False)
    params: tuple[tuple[str, object], ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str) -> str:
        """`file:line: message` in `lang` (the command line's and the English view's is the English one)."""
        message = i18n.t(self.key, lang, **dict(self.params)) if self.key and lang != "en" else self.message
        if self.line:
            return f"{self.file}:{self.line}: {message}"
        return f"{self.file}: {message}"


def keyed(file: str, line: int | None, key: str, /, **params: object) -> Problem:
    """A problem worded by the string `key` of dashboard/strings/ (English message; other languages by `text`)."""
    return Problem(file, line, i18n.t(key, "en", **params), key, tuple(params.items()))


def shown(value: object) -> str:
    """`value` quoted like repr (control and bidi characters escaped), cut to MAX_SHOWN characters."""
    text = str(value)
    if len(text) > MAX_SHOWN:
        return f"{text[:MAX_SHOWN]!r}… ({len(text):,} characters)"
    return repr(text)


def number_text(text: str) -> str:
    """A cell already checked to be a number, cut to MAX_SHOWN digits (only its length is unbounded)."""
    return text if len(text) <= MAX_SHOWN else f"{text[:MAX_SHOWN]}… ({len(text):,} digits)"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in contract file order, then line; problems on one line keep the order they were found in."""
    return sorted(problems, key=lambda p: (_FILE_RANK.get(p.file, len(_FILE_RANK)), p.file, p.line or 0))


def internal_error(where: str, error: Exception) -> Problem:
    """The problem that stands for a bug met while checking `where`: the validator never raises."""
    return Problem(where, None, f"could not be fully checked (internal error: {type(error).__name__}: {shown(error)})")


def guarded(file: str, problems: list[Problem], work, *args):
    """work(*args), or None with an internal-error problem: a bug must show up as a problem line, never as a crash
    at app start-up."""
    try:
        return work(*args)
    except Exception as error:  # noqa: BLE001 - the validator must never raise
        problems.append(internal_error(file, error))
        return None
