"""Every envelope case through boto3 against the local endpoint, plus the
envelope check and an operation the endpoint does not serve."""

import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from expect import check

NO_ENVELOPE = '{"testEvent": "value"}'


def client(url):
    return boto3.client(
        "events",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local",
        config=Config(retries={"max_attempts": 1}),
    )


def ask(events, pattern, event):
    try:
        return "result", events.test_event_pattern(EventPattern=pattern, Event=event)["Result"]
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"]


def main():
    url, path = sys.argv[1], sys.argv[2]
    events = client(url)
    cases = [json.loads(l) for l in open(path, encoding="utf-8")]
    failed = []
    for case in cases:
        kind, value = ask(events, case["pattern"], case["event"])
        why = check(case, kind, value)
        if why:
            failed.append(f"{case['id']}: {why}")
    extra = 0
    kind, value = ask(events, '{"source": ["aws.ec2"]}', NO_ENVELOPE)
    extra += 1
    if (kind, value) != ("ValidationException", "Parameter Event is not valid."):
        failed.append(f"event without the envelope: {kind} {value!r}")
    try:
        events.put_events(Entries=[{"Source": "a", "DetailType": "b", "Detail": "{}"}])
        failed.append("PutEvents was answered")
    except ClientError as e:
        if e.response["Error"]["Code"] != "UnknownOperationException":
            failed.append(f"PutEvents: {e.response['Error']}")
    extra += 1
    total = len(cases) + extra
    for f in failed:
        print("boto3:", f, file=sys.stderr)
    print(f"boto3: {total - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
