"""Throughput of the wheel on the shared benchmark workload (BENCHMARKS.md).

    python3 ../../shared/bench/gen_workload.py target/workload
    cargo build --release -p eventpattern-bench
    target/py-test/bin/python packages/python/bench/bench.py target/workload \
        [--native target/release/eventpattern-bench] [--spark]

Single thread unless said: ``matches_many`` (one call for all events, GIL
released), the same events one ``Pattern.matches`` call each, dicts instead of
text, a 1,000-rule ``RuleSet.matching_many``; with ``--spark``, the example
Spark job (local mode, one core, then two) over CloudTrail log files made of
the workload's CloudTrail records, with the 1,000 rules.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import eventpattern

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def timed(passes, run):
    """Median and best seconds of ``passes`` runs of ``run`` (after one warm-up)."""
    run()
    times = []
    for _ in range(passes):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times)


def report(name, count, unit, seconds):
    median, best = seconds
    print(f"{name}: {count / median:,.0f} {unit}/s median ({count / best:,.0f} best), "
          f"{median / count * 1e6:.2f} µs each", flush=True)


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def native_yardstick(binary, workload):
    """The native bench's EC2 starter rule, µs/event (median), run beside the
    wheel's figures: the machine is shared, so only ratios in one run compare."""
    out = subprocess.run([binary, str(workload), "--passes", "9"], capture_output=True,
                         text=True, check=True).stdout
    median = float(re.search(r"^EC2 state change\s+([\d.]+) µs/event", out, re.M).group(1))
    print(f"native yardstick (eventpattern-bench, EC2 starter rule): {median:.2f} µs/event "
          f"= {1e6 / median:,.0f} events/s", flush=True)


def in_process(workload, passes):
    events = lines(workload / "events.jsonl")
    seeds = lines(workload / "seed_patterns.jsonl")
    rules = {str(i): p for i, p in enumerate(lines(workload / "patterns.jsonl"))}
    ec2 = eventpattern.Pattern(seeds[0])
    n = len(events)
    print(f"{n:,} events, mean {sum(map(len, events)) / n:,.0f} B; "
          f"{len(rules):,} rules", flush=True)
    counts = sum(ec2.matches_many(events)), sum(map(bool, eventpattern.RuleSet(rules).matching_many(events)))
    print(f"EC2 starter rule matches {counts[0]:,}; the rule set matches {counts[1]:,} events")
    report("matches_many, EC2 starter rule, text", n, "events",
           timed(passes, lambda: ec2.matches_many(events)))
    report("Pattern.matches per event, text", n, "events",
           timed(passes, lambda: [ec2.matches(e) for e in events]))
    as_bytes = [e.encode() for e in events]
    report("matches_many, bytes", n, "events", timed(passes, lambda: ec2.matches_many(as_bytes)))
    as_dicts = [json.loads(e) for e in events]
    report("matches_many, dicts (json.dumps inside)", n, "events",
           timed(max(3, passes // 3), lambda: ec2.matches_many(as_dicts)))
    rule_set = eventpattern.RuleSet(rules)
    report("RuleSet.matching_many, 1,000 full rules", n, "events",
           timed(max(3, passes // 3), lambda: rule_set.matching_many(events)))


def cloudtrail_logs(workload, folder, per_file=100, copies=4):
    """Log files of the workload's CloudTrail records (``copies`` times over)."""
    records = []
    for line in lines(workload / "events.jsonl"):
        event = json.loads(line)
        if event["detail-type"] == "AWS API Call via CloudTrail":
            records.append(event["detail"])
    files = 0
    for c in range(copies):
        for i in range(0, len(records), per_file):
            path = folder / f"log-{c}-{i // per_file:04d}.json"
            path.write_text(json.dumps({"Records": records[i:i + per_file]}), encoding="utf-8")
            files += 1
    return len(records) * copies, files


def spark_job(workload, passes):
    sys.path.insert(0, str(EXAMPLES))
    import spark_cloudtrail
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    rule_sets = {
        "1,000 full rules": lines(workload / "patterns.jsonl"),
        "3 starter rules": lines(workload / "seed_patterns.jsonl"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        records, files = cloudtrail_logs(workload, folder)
        print(f"Spark: {records:,} CloudTrail records in {files} log files", flush=True)
        for cores in (1, 2):
            spark = (SparkSession.builder.master(f"local[{cores}]")
                     .config("spark.ui.enabled", "false")
                     .config("spark.ui.showConsoleProgress", "false").getOrCreate())
            spark.sparkContext.setLogLevel("ERROR")
            read = lambda: (spark.read.text(str(folder), wholetext=True)
                            .rdd.map(lambda row: len(row.value)).count())
            median, best = timed(passes, read)
            print(f"  local[{cores}], the files read into Python only: "
                  f"{records / median / cores:,.0f} records/s per core", flush=True)
            for name, texts in rule_sets.items():
                rules = {str(i): json.loads(p) for i, p in enumerate(texts)}
                job = lambda: spark_cloudtrail.matching_events(spark, rules, str(folder)).count()
                kept = job()
                median, best = timed(passes, job)
                per_core = records / median / cores
                print(f"  local[{cores}], {name} ({kept:,} events kept): "
                      f"{records / median:,.0f} records/s median ({records / best:,.0f} best), "
                      f"{per_core:,.0f} records/s per core", flush=True)
            spark.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workload", type=Path)
    parser.add_argument("--passes", type=int, default=9)
    parser.add_argument("--spark", action="store_true")
    parser.add_argument("--native", help="the native bench binary (target/release/eventpattern-bench)")
    args = parser.parse_args()
    if args.native:
        native_yardstick(args.native, args.workload)
    in_process(args.workload, args.passes)
    if args.native:
        native_yardstick(args.native, args.workload)
    if args.spark:
        spark_job(args.workload, max(3, args.passes // 3))


if __name__ == "__main__":
    main()
