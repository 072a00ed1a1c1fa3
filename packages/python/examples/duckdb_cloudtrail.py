"""Search CloudTrail log files with an EventBridge pattern, in DuckDB.

    python duckdb_cloudtrail.py PATTERN_FILE LOG_FILE_OR_GLOB...

Each record is wrapped in the envelope EventBridge delivers it in
(``eventbridge_event``), so the pattern is the rule you would deploy, and
``event_matches(pattern, event)`` is the wheel registered as a SQL function.
Logs on S3 work the same once DuckDB's httpfs extension is loaded
(``s3://bucket/AWSLogs/*/CloudTrail/*/*/*/*/*.json.gz``).
"""

import functools
import sys

import duckdb
from duckdb.sqltypes import BOOLEAN, VARCHAR

import eventpattern


@functools.lru_cache(maxsize=256)
def compiled(pattern: str) -> eventpattern.Pattern:
    """Each pattern text is compiled once, not once per row."""
    return eventpattern.Pattern(pattern)


def event_matches(pattern: str, event: str) -> bool:
    return compiled(pattern).matches(event)


def eventbridge_event(record: str) -> str:
    return eventpattern.wrap_cloudtrail(record)


def register(con: duckdb.DuckDBPyConnection) -> None:
    """Adds ``event_matches(pattern, event)`` and ``eventbridge_event(record)``."""
    con.create_function("event_matches", event_matches, [VARCHAR, VARCHAR], BOOLEAN)
    con.create_function("eventbridge_event", eventbridge_event, [VARCHAR], VARCHAR)


#: One row per record of every log file, the record as JSON text.
LOAD = """
CREATE OR REPLACE TABLE cloudtrail AS
SELECT unnest(Records)::VARCHAR AS record
FROM read_json($paths, columns = {Records: 'JSON[]'}, format = 'auto')
"""

#: The records whose EventBridge event the pattern matches.
SEARCH = """
SELECT record->>'eventTime' AS event_time,
       record->>'eventSource' AS event_source,
       record->>'eventName' AS event_name,
       record->>'awsRegion' AS region,
       record->'userIdentity'->>'arn' AS principal
FROM cloudtrail
WHERE event_matches($pattern, eventbridge_event(record))
ORDER BY event_time, event_name
"""


def search(con: duckdb.DuckDBPyConnection, pattern: str, paths: list) -> list:
    """Loads the logs at ``paths`` into the table ``cloudtrail`` and returns the
    matching records as (event_time, event_source, event_name, region, principal)."""
    register(con)
    con.execute(LOAD, {"paths": [str(p) for p in paths]})
    return con.execute(SEARCH, {"pattern": pattern}).fetchall()


def main(argv: list) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as f:
        pattern = f.read()
    eventpattern.validate(pattern)
    con = duckdb.connect()
    for row in search(con, pattern, argv[1:]):
        print("\t".join("" if v is None else str(v) for v in row))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
