"""The conformance cases a real TestEventPattern client can send: those whose
event carries the envelope AWS requires (id, account, source, time, region,
detail-type). Pattern and event are kept as the exact texts of the corpus
(number spellings matter), as the Rust suite reads them
(crates/eventpattern/tests/suite/corpus.rs): a JSON string is raw text, any
other JSON value is taken as written."""

import json
import sys

ENVELOPE = ("id", "account", "source", "time", "region", "detail-type")


def raw_member(line, name):
    """The text of member `name` of the JSON object on `line`, as written."""
    decoder = json.JSONDecoder()
    key = json.dumps(name) + ":"
    at = line.index(key) + len(key)
    while line[at] in " \t":
        at += 1
    value, end = decoder.raw_decode(line, at)
    return value if isinstance(value, str) else line[at:end]


def has_envelope(event_text):
    try:
        event = json.loads(event_text)
    except ValueError:
        return False
    return isinstance(event, dict) and all(k in event for k in ENVELOPE)


def envelope_cases(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            case = json.loads(line)
            event = raw_member(line, "event")
            if not has_envelope(event):
                continue
            cases.append(
                {
                    "id": case["id"],
                    "pattern": raw_member(line, "pattern"),
                    "event": event,
                    "expected": case["expected"],
                    "error": case.get("error", ""),
                    "error_reason": case.get("error_reason"),
                }
            )
    return cases


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    cases = envelope_cases(corpus)
    with open(out, "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c) + "\n")
    print(f"{len(cases)} cases carry the envelope", file=sys.stderr)


if __name__ == "__main__":
    main()
