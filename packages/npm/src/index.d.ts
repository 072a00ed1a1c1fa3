// Types of the `eventpattern` package. Keys are snake_case, kinds and
// states kebab-case, exactly as the engine's `report` types serialise (the
// same shapes as the CLI's `--json`). Lines and columns are one-based;
// `start`/`end` are zero-based UTF-16 offsets (end exclusive), so
// `text.slice(start, end)` is the span.

/** A pattern or an event: JSON text (read as written, number spellings kept) or an object (serialised with `JSON.stringify`, in key order). */
export type Json = string | object;

/** Where a span lies in its text. */
export interface Place {
  line: number;
  column: number;
  start: number;
  end: number;
}

/** An event value the trace refers to. */
export interface Value extends Place {
  /** Joined path, e.g. `detail.state`. */
  path: string;
  /** Its JSON text (over 200 characters shortened with `…`). */
  value: string;
  type: "string" | "number" | "boolean" | "null";
}

/** A suggestion for one field. */
export interface Hint {
  kind:
    | "case-typo"
    | "case-differs"
    | "type-differs"
    | "api-version-suffix"
    | "looks-like-wildcard"
    | "numeric-on-string"
    | "did-you-mean"
    | "not-a-leaf"
    | "absent-never-matches"
    | "array-elements"
    | "engine-quirk"
    | "not-from-cloudtrail";
  /** The hint in one sentence. */
  text: string;
  /** The replacement (a condition, or a quoted key) when the fix is certain. */
  suggestion: string | null;
  /** What the suggestion replaces. */
  edit: "condition" | "key" | null;
  /** The whole pattern text with the suggestion applied. */
  pattern: string | null;
}

interface FieldBase {
  /** Joined path, e.g. `detail.state`. */
  path: string;
  status: "matched" | "failed" | "missing";
  /** The field's key in the pattern text. */
  pattern: Place;
  /** One sentence on what the field found. */
  explanation: string;
  hints: Hint[];
}

/** One field of the alternative shown, by what it found. */
export type Field = FieldBase &
  (
    | { outcome: "matched"; condition: string; value: Value }
    | { outcome: "absent-as-required" }
    | { outcome: "missing" }
    | { outcome: "not-a-leaf"; holds: "object" | "empty array" }
    | { outcome: "no-condition-met"; values: Value[] }
    | { outcome: "array-conflict"; value: Value; conflicts_with: string }
  );

/** Why AWS might not deliver a matching event to the rule. */
export interface DeliveryNote {
  kind: "trail-needed" | "read-only" | "data-event" | "network-activity" | "too-large";
  text: string;
  /** The AWS documentation page that says so. */
  doc: string;
}

/** The verdict and, field by field, why. */
export interface Trace {
  matched: boolean;
  /** Index of the `$or` alternative shown: the first that matched, else the closest. */
  alternative: number;
  /** How many alternatives the pattern's `$or`s produce (1 without `$or`). */
  alternatives: number;
  fields: Field[];
  /** One sentence per pattern field outside the alternative shown. */
  inactive: string[];
  delivery: DeliveryNote[];
}

/** A likely mistake in a valid pattern. */
export interface Note {
  line: number;
  column: number;
  note: string;
  /** The replacement condition when the fix is certain. */
  suggestion: string | null;
  kind:
    | "detail-type-spelling"
    | "source-is-event-source"
    | "lambda-api-version"
    | "read-only-call"
    | "s3-data-event"
    | "global-service"
    | "source-is-cloudtrail";
  start: number;
  end: number;
  /** The whole pattern text with the suggestion applied. */
  pattern: string | null;
}

/** A whole fixed pattern for an invalid one (checked valid). */
export interface Fix {
  label: string;
  pattern: string;
}

/** An invalid pattern. `message` is AWS's whole message (`Event pattern is not valid. Reason: …`). */
export class PatternError extends Error {
  name: "PatternError";
  /** AWS's reason text. */
  reason: string;
  /** The engine's kind, e.g. `syntax`, `operand-invalid`. */
  kind: string;
  line: number;
  /** Column in UTF-16 code units, from 1. */
  column: number;
  /** Where in the pattern: keys and list indices. */
  path: (string | number)[];
  /** The error in one plain sentence. */
  plain: string;
  fixes: Fix[];
  /** For a `RuleSet`: the name of the rule whose pattern is invalid. */
  rule?: string;
}

/** An event the engine cannot read (not JSON, or nested or sized past its limits). */
export class EventError extends Error {
  name: "EventError";
  reason: string;
  line: number;
  column: number;
  plain: string;
}

/** Whether `event` matches `pattern`. Throws `PatternError` or `EventError`. */
export function matches(pattern: Json, event: Json): boolean;
/** The verdict and, field by field, why. Throws `PatternError` or `EventError`. */
export function explain(pattern: Json, event: Json): Trace;
/** `null` for a valid pattern, else its error (returned, not thrown). */
export function validate(pattern: Json): PatternError | null;
/** Notes on likely mistakes in a valid pattern. Throws `PatternError`. */
export function lint(pattern: Json): Note[];
/** A CloudTrail record (or a log file's first record) in the envelope EventBridge delivers; other events unchanged. Text in, text out; an object in, an object out. */
export function wrapCloudTrail(record: string): string;
export function wrapCloudTrail(record: object): object;
/** An event (JSON text, envelope included) that the pattern matches, or `null` when no simple one exists. Throws `PatternError`. */
export function example(pattern: Json): string | null;

/** Named patterns matched together: one read of each event for all of them. */
export class RuleSet {
  /** Throws `PatternError` (with `rule`) for the first invalid pattern. */
  constructor(rules: Record<string, Json> | Map<string, Json>);
  /** Names of the rules `event` matches, in the order they were given. Throws `EventError`. */
  matching(event: Json): string[];
  /** How many rules the set holds. */
  readonly size: number;
  /** Frees the set's memory now rather than when it is garbage-collected. */
  free(): void;
}
