"""Parsing the metrics exposition of ``GET /1.0/metrics``; no I/O.

Incus sends the Prometheus text format with OpenMetrics touches (``# EOF``
at the end, counter families named with their ``_total``). This parser
takes both the Prometheus 0.0.4 text format and OpenMetrics 1.0:

* ``# HELP name text`` (``\\\\`` and ``\\n`` escapes), ``# TYPE name type``,
  ``# UNIT name unit``; other comments and blank lines are skipped;
* ``# EOF`` ends the exposition (anything after it is an error);
* samples ``name{label="value",...} value [timestamp] [# exemplar]`` with
  ``\\\\``, ``\\"`` and ``\\n`` escapes in label values, a trailing comma
  allowed, and ``NaN`` / ``+Inf`` / ``-Inf`` values.

A sample belongs to the family named in the latest ``# TYPE``/``# HELP``
whose name it equals or extends by a standard suffix (``_total``,
``_bucket``, ``_count``...); a sample with no such family gets a family of
type ``unknown`` of its own name.
"""

from __future__ import annotations

import re

from ..models.metrics import MetricFamily, Metrics, MetricSample

_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
_LABEL_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*")
_SUFFIXES = ("_total", "_created", "_bucket", "_count", "_sum", "_gcount", "_gsum", "_info")
_TYPES = frozenset(
    {"counter", "gauge", "histogram", "summary", "info", "stateset", "gaugehistogram", "unknown", "untyped"}
)


class MetricsParseError(ValueError):
    """The text is not a valid metrics exposition.

    Attributes:
        line_number: The 1-based number of the offending line.
        line: The offending line.
    """

    def __init__(self, message: str, line_number: int, line: str) -> None:
        self.line_number = line_number
        self.line = line
        super().__init__(f"line {line_number}: {message}: {line!r}")


def parse_value(text: str) -> float:
    """Parse a sample value or timestamp (Go float syntax, ``NaN``, ``±Inf``).

    Raises:
        ValueError: If it is not a number.
    """
    lowered = text.lower()
    if lowered in ("+inf", "inf"):
        return float("inf")
    if lowered == "-inf":
        return float("-inf")
    if lowered == "nan":
        return float("nan")
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", text):
        raise ValueError(f"not a number: {text!r}")
    return float(text)


def _unescape(text: str, *, quotes: bool) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt == "n":
                out.append("\n")
            elif nxt == "\\" or (quotes and nxt == '"'):
                out.append(nxt)
            else:
                out.append(ch + nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _skip_blanks(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _parse_labels(text: str, pos: int, number: int, line: str) -> tuple[dict[str, str], int]:
    """Parse ``{...}`` starting just after the ``{``; return labels and the position after ``}``."""
    labels: dict[str, str] = {}
    while True:
        pos = _skip_blanks(text, pos)
        if pos < len(text) and text[pos] == "}":
            return labels, pos + 1
        match = _LABEL_NAME.match(text, pos)
        if match is None:
            raise MetricsParseError("bad label name", number, line)
        key = match.group()
        pos = match.end()
        pos = _skip_blanks(text, pos)
        if text[pos : pos + 1] != "=":
            raise MetricsParseError(f"label {key} has no value", number, line)
        pos = _skip_blanks(text, pos + 1)
        if text[pos : pos + 1] != '"':
            raise MetricsParseError(f"value of label {key} is not quoted", number, line)
        pos += 1
        start = pos
        while pos < len(text) and text[pos] != '"':
            pos += 2 if text[pos] == "\\" else 1
        if pos >= len(text):
            raise MetricsParseError(f"unterminated value of label {key}", number, line)
        if key in labels:
            raise MetricsParseError(f"duplicate label {key}", number, line)
        labels[key] = _unescape(text[start:pos], quotes=True)
        pos = _skip_blanks(text, pos + 1)
        if pos < len(text) and text[pos] == ",":
            pos += 1
        elif pos < len(text) and text[pos] == "}":
            continue
        else:
            raise MetricsParseError("expected ',' or '}' after a label", number, line)


def parse_sample(line: str, number: int = 1) -> MetricSample:
    """Parse one sample line.

    Args:
        line: The line, without its newline.
        number: Its line number, for error messages.

    Returns:
        The sample.

    Raises:
        MetricsParseError: If the line is not a sample.
    """
    match = _NAME.match(line)
    if match is None:
        raise MetricsParseError("bad metric name", number, line)
    name = match.group()
    pos = match.end()
    labels: dict[str, str] = {}
    if pos < len(line) and line[pos] == "{":
        labels, pos = _parse_labels(line, pos + 1, number, line)
    rest = line[pos:]
    if rest and rest[0] not in " \t":
        raise MetricsParseError("expected a space before the value", number, line)
    # An OpenMetrics exemplar follows " # "; it is not part of the sample.
    fields = rest.split(" # ", 1)[0].split()
    if not 1 <= len(fields) <= 2:
        raise MetricsParseError("expected a value and an optional timestamp", number, line)
    try:
        value = parse_value(fields[0])
        timestamp = parse_value(fields[1]) if len(fields) == 2 else None
    except ValueError as exc:
        raise MetricsParseError(str(exc), number, line) from None
    return MetricSample(name=name, labels=labels, value=value, timestamp=timestamp)


def _family_of(name: str, families: dict[str, MetricFamily]) -> MetricFamily | None:
    if name in families:
        return families[name]
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and name[: -len(suffix)] in families:
            return families[name[: -len(suffix)]]
    return None


def parse_metrics(text: str) -> Metrics:
    """Parse a whole metrics exposition.

    Args:
        text: The body of ``GET /1.0/metrics``.

    Returns:
        The metric families and their samples.

    Raises:
        MetricsParseError: At the first malformed line.
    """
    families: dict[str, MetricFamily] = {}
    ended = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if ended:
            if line.strip():
                raise MetricsParseError("content after # EOF", number, line)
            continue
        if not line.strip():
            continue
        if line.startswith("#"):
            parts = line[1:].strip().split(None, 2)
            if parts == ["EOF"]:
                ended = True
                continue
            if len(parts) < 2 or parts[0] not in ("HELP", "TYPE", "UNIT"):
                continue  # a plain comment
            keyword, name = parts[0], parts[1]
            if not _NAME.fullmatch(name):
                raise MetricsParseError(f"bad metric name in # {keyword}", number, line)
            family = families.setdefault(name, MetricFamily(name=name))
            argument = parts[2] if len(parts) == 3 else ""
            if keyword == "HELP":
                family.help = _unescape(argument, quotes=False)
            elif keyword == "TYPE":
                if argument not in _TYPES:
                    raise MetricsParseError(f"unknown metric type {argument!r}", number, line)
                family.type = "unknown" if argument == "untyped" else argument
            else:
                family.unit = argument
            continue
        sample = parse_sample(line, number)
        owner = _family_of(sample.name, families)
        if owner is None:
            owner = families.setdefault(sample.name, MetricFamily(name=sample.name))
        owner.samples.append(sample)
    return Metrics(families=families)


__all__ = ["MetricsParseError", "parse_metrics", "parse_sample", "parse_value"]
