// The shared conformance corpus as the tests feed it: each case's pattern
// and event as raw text (cut from the line, so number spellings and
// repeated keys reach the engine as written; a JSON string holds raw text
// that is not JSON), like the engine's own Rust suite.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const ROOT = process.env.EVENTPATTERN_ROOT;
if (!ROOT) throw new Error("EVENTPATTERN_ROOT (the repository) is not set: run scripts/test-npm.sh");

/** Index one past the JSON value starting at `i` (after whitespace). */
function valueEnd(s, i) {
  let depth = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      for (i++; s[i] !== '"'; i++) if (s[i] === "\\") i++;
      if (depth === 0) return i + 1;
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && /[-0-9a-z]/.test(c)) {
      const m = /^[-+0-9a-zA-Z.]+/.exec(s.slice(i));
      return i + m[0].length;
    }
  }
  throw new Error("unterminated value");
}

/** The raw text of top-level member `key` of the one-line object `line`. */
function rawMember(line, key) {
  // Members are scanned in order, so a key inside a value is never taken.
  let i = line.indexOf("{") + 1;
  for (;;) {
    while (/[\s,]/.test(line[i])) i++;
    const keyEnd = valueEnd(line, i);
    const name = JSON.parse(line.slice(i, keyEnd));
    i = line.indexOf(":", keyEnd) + 1;
    while (/\s/.test(line[i])) i++;
    const end = valueEnd(line, i);
    if (name === key) return line.slice(i, end);
    i = end;
    if (line[i] === "}") throw new Error(`no member ${key}`);
  }
}

/** A field's text: a JSON string is raw text, fed unchanged. */
function rawText(raw) {
  return raw.startsWith('"') ? JSON.parse(raw) : raw;
}

function cases(file = "tests/conformance.jsonl") {
  return fs
    .readFileSync(path.join(ROOT, file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((line) => {
      const c = JSON.parse(line);
      return {
        id: c.id,
        pattern: rawText(rawMember(line, "pattern")),
        event: rawText(rawMember(line, "event")),
        expected: c.expected,
        errorReason: c.error_reason,
      };
    });
}

/** JSON tokens of `text`, without whitespace (or null if it is not JSON). */
function tokens(text) {
  const out = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|-?[0-9][-+0-9.eE]*|true|false|null|[{}[\]:,])/gy;
  let m;
  let at = 0;
  while ((m = re.exec(text))) {
    out.push(m[1]);
    at = re.lastIndex;
  }
  return text.slice(at).trim() === "" ? out : null;
}

/**
 * The object a text stands for when `JSON.stringify` writes it back token
 * for token (no number respelled, no repeated key lost), else null: then
 * the object form is a different pattern or event and cannot be compared.
 */
function asObject(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== "object") return null;
  const a = tokens(text);
  const b = tokens(JSON.stringify(value));
  return a && b && a.length === b.length && a.every((t, i) => t === b[i]) ? value : null;
}

module.exports = { cases, asObject, ROOT };
