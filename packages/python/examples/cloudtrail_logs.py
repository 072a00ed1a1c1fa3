"""Writes CloudTrail log files (``{"Records": [...]}``) for the examples' tests
and benchmarks: the records of ``examples/cloudtrail-log.json`` varied by call,
region, user and time, deterministically for a seed.

    python cloudtrail_logs.py OUT_DIR [--files 4] [--records 50] [--seed 7]
"""

import argparse
import copy
import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[3] / "examples" / "cloudtrail-log.json"

#: Other calls each sample record's service makes, to vary the log.
CALLS = {
    "s3.amazonaws.com": ["CreateBucket", "DeleteBucket", "PutBucketPolicy", "PutBucketAcl"],
    "lambda.amazonaws.com": [
        "UpdateEventSourceMapping20150331",
        "CreateFunction20150331",
        "UpdateFunctionCode20150331v2",
    ],
    "sts.amazonaws.com": ["AssumeRole", "GetCallerIdentity", "AssumeRoleWithWebIdentity"],
    "iam.amazonaws.com": ["CreateAccessKey", "CreateUser", "AttachUserPolicy", "DeleteAccessKey"],
}
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]
USERS = ["alice", "bob", "grace", "mallory", "trent"]


def sample_records():
    """The records of the repository's sample log."""
    return json.loads(SAMPLE.read_text(encoding="utf-8"))["Records"]


def generate_logs(out_dir, files=4, records=50, seed=7):
    """Writes ``files`` logs of ``records`` records each into ``out_dir``; returns their paths."""
    rng = random.Random(seed)
    samples = sample_records()
    start = datetime(2026, 1, 5, tzinfo=timezone.utc)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for f in range(files):
        batch = []
        for r in range(records):
            record = copy.deepcopy(rng.choice(samples))
            record["eventName"] = rng.choice(CALLS[record["eventSource"]])
            record["awsRegion"] = rng.choice(REGIONS)
            when = start + timedelta(seconds=rng.randrange(86400 * 30))
            record["eventTime"] = when.strftime("%Y-%m-%dT%H:%M:%SZ")
            record["eventID"] = f"{seed:04x}{f:04x}-{r:04x}-4000-8000-{rng.getrandbits(48):012x}"
            identity = record.get("userIdentity", {})
            if identity.get("type") == "IAMUser":
                user = rng.choice(USERS)
                identity["userName"] = user
                identity["arn"] = identity["arn"].rsplit("/", 1)[0] + "/" + user
            batch.append(record)
        path = out / f"cloudtrail-{f:03d}.json"
        path.write_text(json.dumps({"Records": batch}), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--records", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for p in generate_logs(args.out_dir, args.files, args.records, args.seed):
        print(p)
