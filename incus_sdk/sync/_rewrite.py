"""The sync form of async code: what "the same API without ``await``" means, written down once.

Used by ``scripts/gen_sync.py`` for the examples in the docstrings of the
generated twins, and by the docs (``docs/hooks/sync_tabs.py``) to show every
async example beside its sync form. The rewrite works on Python tokens, so
strings and comments are never touched:

* ``await x`` -> ``x``; ``async with`` / ``async for`` / ``async def`` ->
  ``with`` / ``for`` / ``def``;
* ``from incus_sdk import ...`` -> ``from incus_sdk.sync import ...`` (the
  sync package exports every name of the async one), and the same for the
  modules with async functions (``incus_sdk.remotes`` ->
  ``incus_sdk.sync.remotes``...: :data:`SYNC_MODULES`);
* ``asyncio.run(main())`` -> ``main()``; ``asyncio.Semaphore`` / ``Lock`` /
  ``Event`` -> ``threading``'s, ``asyncio.sleep`` -> ``time.sleep`` (and
  ``import asyncio`` follows);
* the async protocol names (``__aenter__``, ``__aiter__``,
  ``StopAsyncIteration``, ``AsyncIterator``...) -> their sync names.

Comments aligned after rewritten code stay aligned.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Callable, Iterator

#: Names replaced one for one.
NAMES = {
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "__anext__": "__next__",
    "StopAsyncIteration": "StopIteration",
    "AsyncIterator": "Iterator",
    "AsyncIterable": "Iterable",
    "AsyncGenerator": "Generator",
    "AbstractAsyncContextManager": "AbstractContextManager",
}
#: Async modules and their sync twins (each exports the same names; see
#: ``scripts/gen_sync.py``, which generates the twins of the modules listed).
SYNC_MODULES = {
    "incus_sdk": "incus_sdk.sync",
    "incus_sdk.migration": "incus_sdk.sync.migration",
    "incus_sdk.api.migration": "incus_sdk.sync.migration",
    "incus_sdk.remotes": "incus_sdk.sync.remotes",
    "incus_sdk.simplestreams": "incus_sdk.sync.simplestreams",
}
#: ``asyncio.<name>`` -> what sync code uses instead.
ASYNCIO = {
    "Semaphore": "threading.Semaphore",
    "Lock": "threading.Lock",
    "Event": "threading.Event",
    "sleep": "time.sleep",
}
_KEYWORDS_AFTER_ASYNC = {"with", "for", "def"}
_INLINE = re.compile(r"``(.+?)``")
_PHRASES = [
    (re.compile(r"\b([Aa])n async (context manager|iterator|iterable|stream)\b"), lambda m: _article(m[1], m[2])),
    (re.compile(r"\basync (context manager|iterator|iterable|stream)\b"), lambda m: m[1]),
]
#: In comments of code: the keywords as prose uses them.
_COMMENT_CODE = [
    (re.compile(r"\bawait\s+"), lambda m: ""),
    (re.compile(r"\basync\s+(with|for|def)\b"), lambda m: m[1]),
]


def _article(case: str, noun: str) -> str:
    article = "an" if noun[0] in "aeiou" else "a"
    return f"{article.capitalize() if case == 'A' else article} {noun}"


_ASYNC_WORD = re.compile(r"\b(await|async|asyncio|__a\w+__|Async\w+|StopAsyncIteration)\b")


def _tokens(source: str) -> Iterator[tokenize.TokenInfo]:
    """The tokens of ``source``, as far as it tokenizes (an excerpt may end mid-statement)."""
    try:
        yield from tokenize.generate_tokens(io.StringIO(source).readline)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return


def needs_rewrite(source: str) -> bool:
    """Whether ``source`` has anything the sync form changes."""
    return bool(_ASYNC_WORD.search(source)) or "from incus_sdk" in source


def unasync_code(source: str) -> str:
    """Return the sync form of a piece of async Python code (see the module docstring)."""
    if not needs_rewrite(source):
        return source
    tokens = [t for t in _tokens(source) if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT)]
    lines = source.splitlines(keepends=True)
    # (row, start col, end col, replacement): edits within one line.
    edits: list[tuple[int, int, int, str]] = []

    def drop_through_next(i: int) -> None:
        # Delete token i and the blanks up to the next token on its line.
        tok = tokens[i]
        end = tok.end[1]
        if i + 1 < len(tokens) and tokens[i + 1].start[0] == tok.start[0]:
            end = tokens[i + 1].start[1]
        edits.append((tok.start[0], tok.start[1], end, ""))

    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.type == tokenize.COMMENT:
            rewritten = _phrases(tok.string, _COMMENT_CODE + _PHRASES)
            if rewritten != tok.string:
                edits.append((tok.start[0], tok.start[1], tok.end[1], rewritten))
            continue
        if tok.type != tokenize.NAME:
            continue
        if tok.string == "await" or (tok.string == "async" and nxt is not None and nxt.string in _KEYWORDS_AFTER_ASYNC):
            drop_through_next(i)
        elif tok.string in NAMES:
            edits.append((tok.start[0], tok.start[1], tok.end[1], NAMES[tok.string]))
        elif tok.string == "incus_sdk" and i > 0 and tokens[i - 1].string == "from":
            edit = _sync_import(tokens, i)
            if edit is not None:
                edits.append(edit)
        elif tok.string == "asyncio" and nxt is not None and nxt.string == "." and i + 2 < len(tokens):
            attr = tokens[i + 2]
            if attr.string in ASYNCIO:
                edits.append((tok.start[0], tok.start[1], attr.end[1], ASYNCIO[attr.string]))
            elif attr.string == "run" and i + 3 < len(tokens) and tokens[i + 3].string == "(":
                close = _matching(tokens, i + 3)
                if close is not None and tokens[close].start[0] == tok.start[0]:
                    edits.append((tok.start[0], tok.start[1], tokens[i + 3].end[1], ""))
                    edits.append((tokens[close].start[0], tokens[close].start[1], tokens[close].end[1], ""))
    comments = {t.start[0]: t.start[1] for t in tokens if t.type == tokenize.COMMENT}
    by_row: dict[int, list[tuple[int, int, str]]] = {}
    for row, start, end, text in edits:
        by_row.setdefault(row, []).append((start, end, text))

    def moved(row: int, col: int) -> int:
        """How far the edits of ``row`` move what was at ``col`` (negative: to the left)."""
        return sum(len(text) - (end - start) for start, end, text in by_row.get(row, []) if end <= col)

    # Lines continuing a bracket opened after an edit were aligned under it: they follow it.
    follow: dict[int, int] = {}
    for i, tok in enumerate(tokens):
        if tok.type == tokenize.OP and tok.string in "([{" and moved(tok.start[0], tok.start[1]):
            close = _matching(tokens, i)
            last = tokens[close].start[0] if close is not None else len(lines)
            for row in range(tok.start[0] + 1, last + 1):
                text = lines[row - 1]
                if len(text) - len(text.lstrip(" ")) > tok.start[1]:
                    follow.setdefault(row, moved(tok.start[0], tok.start[1]))
    for row, row_edits in by_row.items():
        line = lines[row - 1]
        comment = comments.get(row)
        shift = 0
        for start, end, text in sorted(row_edits, reverse=True):
            line = line[:start] + text + line[end:]
            if comment is not None and end <= comment:
                shift += len(text) - (end - start)
        if comment is not None and shift:
            line = _realign(line, comment + shift, shift)
        lines[row - 1] = line
    for row, delta in follow.items():
        line = lines[row - 1]
        lines[row - 1] = line[-delta:] if delta < 0 and line.startswith(" " * -delta) else line
    return _fix_imports("".join(lines))


def _sync_import(tokens: list[tokenize.TokenInfo], i: int) -> tuple[int, int, int, str] | None:
    """The edit turning ``from incus_sdk.x import ...`` (at token ``i``) into its sync module's import."""
    j = i
    while j + 2 < len(tokens) and tokens[j + 1].string == "." and tokens[j + 2].type == tokenize.NAME:
        j += 2
    if j + 1 >= len(tokens) or tokens[j + 1].string != "import":
        return None
    dotted = "".join(t.string for t in tokens[i : j + 1])
    sync = SYNC_MODULES.get(dotted)
    if sync is None and j + 2 < len(tokens) and f"{dotted}.{tokens[j + 2].string}" in SYNC_MODULES:
        # ``from incus_sdk.api import migration``: the sync package has the module.
        sync = SYNC_MODULES[f"{dotted}.{tokens[j + 2].string}"].rpartition(".")[0]
    if sync is None:
        return None
    return tokens[i].start[0], tokens[i].start[1], tokens[j].end[1], sync


def _matching(tokens: list[tokenize.TokenInfo], open_index: int) -> int | None:
    depth = 0
    for j in range(open_index, len(tokens)):
        if tokens[j].string in "([{" and tokens[j].type == tokenize.OP:
            depth += 1
        elif tokens[j].string in ")]}" and tokens[j].type == tokenize.OP:
            depth -= 1
            if depth == 0:
                return j
    return None


def _realign(line: str, comment_at: int, shift: int) -> str:
    """Move the comment starting at ``comment_at`` back to where it was (``shift`` columns away)."""
    before, comment = line[:comment_at], line[comment_at:]
    code = before.rstrip()
    gap = len(before) - len(code)
    if gap < 2:
        return line  # not aligned, just following the code
    return code + " " * max(2, gap - shift) + comment


def _fix_imports(source: str) -> str:
    """``import asyncio`` becomes what the sync form uses (nothing, ``threading``, ``time``)."""
    line = re.compile(r"^([ \t]*)import asyncio[ \t]*\n", re.M)
    if not line.search(source):
        return source
    body = line.sub("", source)
    wanted = [m for m in ("threading", "time") if f"{m}." in body and not re.search(rf"^\s*import {m}\b", body, re.M)]
    if "asyncio" in body:
        wanted.insert(0, "asyncio")
    if wanted:
        return line.sub(lambda m: "".join(f"{m[1]}import {name}\n" for name in wanted), source, count=1)
    # Gone: and so is the blank line after it when it stood alone.
    return re.sub(r"(\A|\n\n)[ \t]*import asyncio[ \t]*\n\n?", r"\1", source, count=1)


def unasync_docstring(doc: str) -> str:
    """Return the sync form of a docstring: its code (literal blocks, fences, ``inline``) and a few phrases."""
    lines = doc.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("```"):
            end = next((j for j in range(i + 1, len(lines)) if lines[j].strip().startswith("```")), len(lines))
            out.append(line)
            out.extend(_block(lines[i + 1 : end]))
            if end < len(lines):
                out.append(lines[end])
            i = end + 1
            continue
        out.append(_prose(line))
        i += 1
        if stripped.endswith("::"):
            # An indented literal block follows (after blank lines).
            indent = len(line) - len(line.lstrip())
            j = i
            while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent):
                j += 1
            while j > i and not lines[j - 1].strip():
                j -= 1
            out.extend(_block(lines[i:j]))
            i = j
    return "\n".join(out)


def _block(lines: list[str]) -> list[str]:
    code = [line for line in lines if line.strip()]
    if not code:
        return lines
    indent = min(len(line) - len(line.lstrip()) for line in code)
    text = "\n".join(line[indent:] for line in lines)
    return [(" " * indent + line) if line.strip() else line for line in unasync_code(text).split("\n")]


def _prose(line: str) -> str:
    return _phrases(_INLINE.sub(lambda m: f"``{unasync_code(m[1])}``", line), _PHRASES)


def _phrases(text: str, rules: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]]) -> str:
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


__all__ = ["SYNC_MODULES", "needs_rewrite", "unasync_code", "unasync_docstring"]
