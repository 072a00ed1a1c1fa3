"""A sample of the envelope cases through the AWS CLI (one process per call,
so a few dozen), plus the envelope check."""

import json
import os
import subprocess
import sys

from expect import check

ERROR = "An error occurred ("


def ask(aws, url, pattern, event):
    env = dict(
        os.environ,
        AWS_ACCESS_KEY_ID="local",
        AWS_SECRET_ACCESS_KEY="local",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE="/dev/null",
        AWS_SHARED_CREDENTIALS_FILE="/dev/null",
        AWS_MAX_ATTEMPTS="1",
    )
    out = subprocess.run(
        [aws, "events", "test-event-pattern", "--endpoint-url", url,
         "--event-pattern", pattern, "--event", event, "--output", "json"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    if out.returncode == 0:
        return "result", json.loads(out.stdout)["Result"]
    err = out.stderr.strip()
    if ERROR not in err:
        return "cli-error", err
    # "An error occurred (Type) when calling the TestEventPattern operation: message"
    rest = err[err.index(ERROR) + len(ERROR):]
    kind, _, tail = rest.partition(")")
    message = tail.split(": ", 1)[1] if ": " in tail else ""
    return kind, message


def main():
    aws, url, path, sample = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    cases = [json.loads(l) for l in open(path, encoding="utf-8")]
    # Evenly spread over the corpus, so every kind of case is represented.
    step = max(1, len(cases) // sample)
    chosen = cases[::step][:sample]
    failed = []
    for case in chosen:
        kind, value = ask(aws, url, case["pattern"], case["event"])
        why = check(case, kind, value)
        if why:
            failed.append(f"{case['id']}: {why}")
    kind, value = ask(aws, url, '{"source": ["aws.ec2"]}', '{"testEvent": "value"}')
    if (kind, value) != ("ValidationException", "Parameter Event is not valid."):
        failed.append(f"event without the envelope: {kind} {value!r}")
    total = len(chosen) + 1
    for f in failed:
        print("aws-cli:", f, file=sys.stderr)
    print(f"aws-cli: {total - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
