"""The metrics exposition parser, on text."""

from __future__ import annotations

import math

import pytest

from incus_sdk._protocol.metrics import MetricsParseError, parse_metrics, parse_sample, parse_value

# Shaped like Incus 6.0's /1.0/metrics (captured lines, names shortened).
INCUS_TEXT = """\
# HELP incus_cpu_seconds_total The total number of CPU time used in seconds.
# TYPE incus_cpu_seconds_total counter
incus_cpu_seconds_total{cpu="0",mode="system",name="w1",project="default",type="container"} 0.003932494
incus_cpu_seconds_total{cpu="0",mode="user",name="w1",project="default",type="container"} 0
incus_cpu_seconds_total{cpu="1",mode="system",name="c1",project="sx-dev",type="container"} 0.011960816
# HELP incus_memory_Active_anon_bytes The amount of anonymous memory on active LRU list.
# TYPE incus_memory_Active_anon_bytes gauge
incus_memory_Active_anon_bytes{name="w1",project="default",type="container"} 12288
# HELP incus_go_next_gc_bytes Number of heap bytes when next garbage collection will take place.
# TYPE incus_go_next_gc_bytes gauge
incus_go_next_gc_bytes 1.5472896e+07
# EOF
"""


def test_incus_exposition() -> None:
    metrics = parse_metrics(INCUS_TEXT)
    assert list(metrics.families) == [
        "incus_cpu_seconds_total",
        "incus_memory_Active_anon_bytes",
        "incus_go_next_gc_bytes",
    ]
    cpu = metrics.families["incus_cpu_seconds_total"]
    assert cpu.type == "counter"
    assert cpu.help == "The total number of CPU time used in seconds."
    assert len(cpu.samples) == 3
    first = cpu.samples[0]
    assert first.name == "incus_cpu_seconds_total"
    assert dict(first.labels) == {"cpu": "0", "mode": "system", "name": "w1", "project": "default", "type": "container"}
    assert first.value == pytest.approx(0.003932494)
    assert first.timestamp is None
    assert metrics.value("incus_go_next_gc_bytes") == 15472896.0
    assert [s.value for s in metrics.find("incus_cpu_seconds_total", name="w1")] == [0.003932494, 0.0]
    assert metrics.total("incus_cpu_seconds_total", name="w1") == pytest.approx(0.003932494)
    assert metrics.find("incus_cpu_seconds_total", name="nope") == []
    assert len(metrics) == 5
    assert metrics.names()[0] == "incus_cpu_seconds_total"
    with pytest.raises(KeyError):
        metrics.value("incus_cpu_seconds_total")


def test_a_family_the_host_does_not_report() -> None:
    # A daemon inside a container may have no CPU accounting: no such family.
    text = "".join(line + "\n" for line in INCUS_TEXT.splitlines() if "cpu_seconds" not in line)
    metrics = parse_metrics(text)
    assert "incus_cpu_seconds_total" not in metrics.families
    assert metrics.find("incus_cpu_seconds_total", name="w1") == []
    assert metrics.total("incus_cpu_seconds_total") == 0
    with pytest.raises(KeyError):
        metrics.value("incus_cpu_seconds_total", name="w1")
    assert metrics.value("incus_memory_Active_anon_bytes", name="w1") == 12288


def test_label_escapes_spacing_and_trailing_comma() -> None:
    sample = parse_sample(r'm{a="x\"y",b="back\\slash", c = "line\nbreak",} 1')
    assert dict(sample.labels) == {"a": 'x"y', "b": "back\\slash", "c": "line\nbreak"}
    assert parse_sample('m{a="}{,"} 2').labels == {"a": "}{,"}
    assert parse_sample("m{} 3").labels == {}


def test_special_values_and_timestamps() -> None:
    assert math.isnan(parse_sample("m NaN").value)
    assert parse_sample("m +Inf").value == math.inf
    assert parse_sample("m -Inf").value == -math.inf
    assert parse_sample("m 1e3 1700000000.5").timestamp == 1700000000.5
    assert parse_sample("m -0.5").value == -0.5
    assert parse_value(".5") == 0.5


def test_openmetrics_histogram_exemplar_unit_and_suffixes() -> None:
    text = """\
# TYPE req_seconds histogram
# UNIT req_seconds seconds
# HELP req_seconds Request time with a \\\\ and a\\nnewline.
req_seconds_bucket{le="0.1"} 3 # {trace_id="abc"} 0.05 1.5
req_seconds_bucket{le="+Inf"} 4
req_seconds_count 4
req_seconds_sum 0.9
# TYPE jobs counter
jobs_total 7
jobs_created 1.6e9
orphan 1
# EOF
"""
    metrics = parse_metrics(text)
    hist = metrics.families["req_seconds"]
    assert (hist.type, hist.unit) == ("histogram", "seconds")
    assert hist.help == "Request time with a \\ and a\nnewline."
    assert [s.name for s in hist.samples] == [
        "req_seconds_bucket",
        "req_seconds_bucket",
        "req_seconds_count",
        "req_seconds_sum",
    ]
    assert hist.samples[0].value == 3 and hist.samples[0].timestamp is None
    assert [s.name for s in metrics.families["jobs"].samples] == ["jobs_total", "jobs_created"]
    assert metrics.families["orphan"].type == "unknown"


def test_prometheus_untyped_and_comments() -> None:
    metrics = parse_metrics("# just a comment\n\n# TYPE x untyped\nx 1\n")
    assert metrics.families["x"].type == "unknown"
    assert metrics.value("x") == 1


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("m{a=1} 1", "not quoted"),
        ('m{a="1" 1', "expected ','"),
        ('m{a="1} 1', "unterminated"),
        ('m{a="1",a="2"} 1', "duplicate"),
        ('m{1a="x"} 1', "bad label name"),
        ("m", "expected a value"),
        ("m 1 2 3", "expected a value"),
        ("m abc", "not a number"),
        ("9m 1", "bad metric name"),
        ('m{a="x"}1', "space before"),
        ("# TYPE m bogus\nm 1", "unknown metric type"),
        ("m 1\n# EOF\nm 2", "after # EOF"),
    ],
)
def test_malformed_lines_raise_with_line_number(text: str, where: str) -> None:
    with pytest.raises(MetricsParseError, match=where) as err:
        parse_metrics(text)
    assert err.value.line_number == text.count("\n", 0, text.rfind(err.value.line)) + 1
    assert isinstance(err.value, ValueError)
