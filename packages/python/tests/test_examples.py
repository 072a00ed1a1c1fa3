"""The examples at small size: the DuckDB search, the Spark job (one local
session for the whole module), and the README's Python snippet."""

import json
import os
import re
import sys
from pathlib import Path

import pytest

import eventpattern

from conftest import CLOUDTRAIL_LOG, ROOT

EXAMPLES = ROOT / "packages" / "python" / "examples"
sys.path.insert(0, str(EXAMPLES))

import cloudtrail_logs  # noqa: E402

#: Rules over the generated logs: each matches some records and misses others.
RULES = {
    "bucket-created": {"source": ["aws.s3"], "detail": {"eventName": ["CreateBucket"]}},
    "lambda-esm": {
        "source": ["aws.lambda"],
        "detail": {"eventName": [{"prefix": "UpdateEventSourceMapping"}]},
    },
    "access-key-outside-us": {
        "detail-type": ["AWS API Call via CloudTrail"],
        "detail": {
            "eventName": ["CreateAccessKey"],
            "awsRegion": [{"anything-but": {"prefix": "us-"}}],
        },
    },
    "mallory": {"detail": {"userIdentity": {"userName": ["mallory"]}}},
}


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    """The sample log plus three generated ones (150 records)."""
    folder = tmp_path_factory.mktemp("cloudtrail")
    (folder / "sample.json").write_text(CLOUDTRAIL_LOG.read_text(encoding="utf-8"))
    cloudtrail_logs.generate_logs(folder, files=3, records=50, seed=11)
    return folder


def expected_matches(folder):
    """Per rule, the records it matches, found record by record in Python."""
    rule_set = eventpattern.RuleSet(RULES)
    found = []
    for path in sorted(folder.glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8"))["Records"]:
            names = rule_set.matching(eventpattern.wrap_cloudtrail(record))
            if names:
                found.append((record, names))
    return found


def test_split_events_wraps_every_record_of_a_log():
    events = eventpattern.split_events(CLOUDTRAIL_LOG.read_text(encoding="utf-8"))
    records = json.loads(CLOUDTRAIL_LOG.read_text(encoding="utf-8"))["Records"]
    assert [json.loads(e)["detail"] for e in events] == records
    assert all(json.loads(e)["detail-type"] == "AWS API Call via CloudTrail" for e in events)
    # JSON Lines are events as they are, lone CloudTrail records wrapped unless told not to
    assert eventpattern.split_events(b'{"a": 1}\n{"b": [2]}\n') == ['{"a":1}', '{"b":[2]}']
    lines = "\n".join(json.dumps(r) for r in records)
    assert [json.loads(e)["detail"] for e in eventpattern.split_events(lines)] == records
    assert [json.loads(e) for e in eventpattern.split_events(lines, wrap=False)] == records
    assert len(eventpattern.split_events(CLOUDTRAIL_LOG.read_bytes(), wrap=False)) == len(records)
    with pytest.raises(eventpattern.EventError) as info:
        eventpattern.split_events('{"a": 1}\n42\n')
    assert info.value.line == 2


def test_duckdb_search(logs):
    duckdb = pytest.importorskip("duckdb")
    import duckdb_cloudtrail

    pattern = json.dumps(RULES["access-key-outside-us"])
    con = duckdb.connect()
    rows = duckdb_cloudtrail.search(con, pattern, [str(logs / "*.json")])
    want = sorted(
        (r["eventTime"], r["eventSource"], r["eventName"], r["awsRegion"], r["userIdentity"]["arn"])
        for r, names in expected_matches(logs)
        if "access-key-outside-us" in names
    )
    assert rows == want
    assert 0 < len(rows) < 154
    assert con.execute("SELECT count(*) FROM cloudtrail").fetchone()[0] == 154
    # the UDFs are usable in any query
    count = con.execute(
        "SELECT count(*) FROM cloudtrail WHERE event_matches(?, eventbridge_event(record))",
        [json.dumps(RULES["bucket-created"])],
    ).fetchone()[0]
    assert count == sum("bucket-created" in n for _, n in expected_matches(logs))


def test_duckdb_command_line(logs, tmp_path, capsys):
    pytest.importorskip("duckdb")
    import duckdb_cloudtrail

    pattern_file = tmp_path / "rule.json"
    pattern_file.write_text(json.dumps(RULES["mallory"]))
    assert duckdb_cloudtrail.main([str(pattern_file), str(logs / "*.json")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == sum("mallory" in n for _, n in expected_matches(logs))
    assert all(line.endswith("/mallory") for line in lines)


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    # The Python workers run the interpreter that has the wheel installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("eventpattern-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_job(spark, logs, tmp_path):
    import spark_cloudtrail

    rows = spark_cloudtrail.matching_events(spark, RULES, str(logs)).collect()
    got = sorted((json.loads(r.event)["detail"]["eventID"], r.rules) for r in rows)
    want = sorted((record["eventID"], names) for record, names in expected_matches(logs))
    assert got == want
    assert len(set(n for _, names in want for n in names)) == len(RULES)
    event = json.loads(rows[0].event)
    assert event["detail-type"] == "AWS API Call via CloudTrail"
    assert rows[0].file.endswith(".json")

    # The command line writes JSON Lines, reusing the running session.
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(json.dumps(RULES))
    out = tmp_path / "out"
    assert spark_cloudtrail.main([str(rules_file), str(logs), str(out)]) == 0
    written = [
        json.loads(line)
        for part in sorted(out.glob("part-*"))
        for line in part.read_text(encoding="utf-8").splitlines()
    ]
    assert sorted((json.loads(w["event"])["detail"]["eventID"], w["rules"]) for w in written) == want


def test_spark_job_reads_gzip(spark, logs, tmp_path):
    import gzip

    import spark_cloudtrail

    folder = tmp_path / "gz"
    folder.mkdir()
    for path in logs.glob("*.json"):
        (folder / (path.name + ".gz")).write_bytes(gzip.compress(path.read_bytes()))
    rows = spark_cloudtrail.matching_events(spark, RULES, str(folder)).collect()
    assert len(rows) == len(expected_matches(logs))


def test_readme_python_example(capsys):
    """The README's example, as written; each `print(EXPR)  # TEXT` must print TEXT."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = next(s for s in re.split(r"^## ", readme, flags=re.M) if s.startswith("Use it from your code"))
    [code] = re.findall(r"^```python\n(.*?)^```$", section, re.S | re.M)
    lines = code.rstrip("\n").split("\n")
    assert len(lines) <= 5
    expected = [m.group(1) for m in map(re.compile(r"^print\(.*\)  # (.*)$").match, lines) if m]
    assert len(expected) >= 3
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out.splitlines() == expected
