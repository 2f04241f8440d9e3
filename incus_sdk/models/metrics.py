"""Metrics models: what ``GET /1.0/metrics`` (OpenMetrics text) parses into.

A :class:`Metrics` holds :class:`MetricFamily` entries (one per ``# TYPE``),
each with its :class:`MetricSample` lines::

    metrics = await client.server.metrics()
    for sample in metrics.find("incus_cpu_seconds_total", name="c1", mode="user"):
        print(sample.labels["cpu"], sample.value)
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Dict, List


@dataclass(frozen=True)
class MetricSample:
    """One sample line: ``name{labels} value [timestamp]``.

    Attributes:
        name: The sample's metric name (for counters it ends in ``_total``;
            histogram/summary samples end in ``_bucket`` / ``_sum`` / ``_count``).
        labels: The label names and (unescaped) values.
        value: The value (``NaN`` and infinities included).
        timestamp: The optional timestamp, in seconds.
    """

    name: str
    labels: Mapping[str, str]
    value: float
    timestamp: float | None = None

    def matches(self, /, **labels: str) -> bool:
        """Return whether every given label has the given value."""
        return all(self.labels.get(key) == value for key, value in labels.items())


@dataclass
class MetricFamily:
    """The samples described by one ``# TYPE`` line.

    Attributes:
        name: The family name (as in ``# TYPE``).
        type: ``counter``, ``gauge``, ``histogram``, ``summary``, ``info``,
            ``stateset``, ``gaugehistogram`` or ``unknown``.
        help: The ``# HELP`` text (unescaped), if any.
        unit: The ``# UNIT``, if any.
        samples: The samples, in the order sent.
    """

    name: str
    type: str = "unknown"
    help: str = ""
    unit: str = ""
    samples: List[MetricSample] = field(default_factory=list)


@dataclass
class Metrics:
    """A parsed metrics exposition.

    Attributes:
        families: The metric families by name, in the order sent.
    """

    families: Dict[str, MetricFamily] = field(default_factory=dict)

    @property
    def samples(self) -> List[MetricSample]:
        """All samples of all families, in the order sent."""
        return [sample for family in self.families.values() for sample in family.samples]

    def __iter__(self) -> Iterator[MetricSample]:
        return iter(self.samples)

    def __len__(self) -> int:
        return sum(len(family.samples) for family in self.families.values())

    def names(self) -> List[str]:
        """The distinct sample names present."""
        return list(dict.fromkeys(sample.name for sample in self))

    def find(self, metric: str, /, **labels: str) -> List[MetricSample]:
        """Return the samples of a name whose labels include the given ones.

        Args:
            metric: The sample name, e.g. ``incus_memory_MemTotal_bytes``
                (positional, so that a ``name`` label can be matched).
            **labels: Label values to match, e.g. ``name="c1", project="p"``.

        Returns:
            The matching samples (possibly none).
        """
        return [sample for sample in self if sample.name == metric and sample.matches(**labels)]

    def value(self, metric: str, /, **labels: str) -> float:
        """Return the value of the single sample matching ``name`` and ``labels``.

        Raises:
            KeyError: If no sample matches, or several do (give more labels).
        """
        found = self.find(metric, **labels)
        if len(found) != 1:
            raise KeyError(f"{len(found)} samples match {metric} {labels}; expected exactly one")
        return found[0].value

    def total(self, metric: str, /, **labels: str) -> float:
        """Return the sum of the values of all samples matching (0 if none; NaNs skipped)."""
        return sum(s.value for s in self.find(metric, **labels) if not math.isnan(s.value))


__all__ = ["MetricFamily", "MetricSample", "Metrics"]
