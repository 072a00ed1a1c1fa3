"""Keep the CloudTrail events a rule set matches, with Spark.

    spark-submit spark_cloudtrail.py RULES_JSON INPUT OUTPUT

RULES_JSON maps rule names to EventBridge patterns (``{"name": pattern, ...}``).
INPUT is anything Spark reads as files: a folder of CloudTrail log files
(``{"Records": [...]}``, gzip read transparently), a glob, or an archive such as
``s3a://bucket/AWSLogs/*/CloudTrail/*/2026/*/*/``. Each record is wrapped in the
envelope EventBridge delivers it in and matched against every rule at once;
OUTPUT gets JSON Lines ``{"file", "rules": [names], "event"}`` for each event
some rule matches. On a cluster the executors need the ``eventpattern`` wheel
installed (e.g. a packed virtual environment, ``--archives``).
"""

import json
import sys

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, StringType, StructField, StructType

SCHEMA = StructType(
    [
        StructField("file", StringType(), False),
        StructField("rules", ArrayType(StringType(), False), False),
        StructField("event", StringType(), False),
    ]
)


def matching_events(spark: SparkSession, rules: dict, input_path: str) -> DataFrame:
    """The events of the logs under ``input_path`` that some rule matches,
    as rows (file, rules, event)."""
    import eventpattern

    eventpattern.RuleSet(rules)  # an invalid rule fails here, not on the executors
    shared = spark.sparkContext.broadcast(rules)
    files = spark.read.text(input_path, wholetext=True).select(
        F.input_file_name().alias("file"), "value"
    )

    def per_partition(rows):
        import eventpattern

        rule_set = eventpattern.RuleSet(shared.value)
        for row in rows:
            # The records of one log file, each wrapped in the envelope.
            events = eventpattern.split_events(row.value)
            for event, names in zip(events, rule_set.matching_many(events)):
                if names:
                    yield (row.file, names, event)

    return spark.createDataFrame(files.rdd.mapPartitions(per_partition), SCHEMA)


def main(argv: list) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    rules_path, input_path, output_path = argv
    with open(rules_path, encoding="utf-8") as f:
        rules = json.load(f)
    spark = SparkSession.builder.appName("eventpattern-cloudtrail").getOrCreate()
    found = matching_events(spark, rules, input_path)
    found.write.mode("overwrite").json(output_path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
