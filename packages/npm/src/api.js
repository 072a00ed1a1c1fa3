// The package's API over the WebAssembly core (crates/eventpattern-js).
// scripts/build-packages.sh wraps this one source as CommonJS (index.cjs,
// for Node) and as an ES module (web.mjs, for browsers and bundlers); both
// call `createApi` with the wasm-bindgen glue of their platform. The core
// only converts: every verdict, trace and error comes from the engine.

// eslint-disable-next-line no-unused-vars
function createApi(core) {
  const utf8 = new TextEncoder();

  /**
   * Pattern and event arguments, as the UTF-8 bytes the core reads: text as
   * it is, objects as JSON in key order. (TextEncoder and one copy are an
   * order of magnitude faster than wasm-bindgen's own string passing.)
   */
  function text(value, what) {
    return utf8.encode(json(value, what));
  }

  /** The JSON text of an argument. */
  function json(value, what) {
    if (typeof value === "string") return value;
    if (value !== null && typeof value === "object") return JSON.stringify(value);
    throw new TypeError(`${what} must be JSON text (a string) or an object, not ${value === null ? "null" : typeof value}`);
  }

  /** An invalid pattern, with AWS's words and where the error is. */
  class PatternError extends Error {
    constructor(report) {
      super(report.message);
      this.name = "PatternError";
      this.reason = report.reason;
      this.kind = report.kind;
      this.line = report.line;
      this.column = report.column;
      this.path = report.path;
      this.plain = report.plain;
      this.fixes = report.fixes;
      if (report.rule !== undefined) this.rule = report.rule;
    }
  }

  /** An event that is not JSON the engine can read. */
  class EventError extends Error {
    constructor(report) {
      super(report.reason);
      this.name = "EventError";
      this.reason = report.reason;
      this.line = report.line;
      this.column = report.column;
      this.plain = report.plain;
    }
  }

  /** The core throws reports (plain objects); callers get error classes. */
  function call(f) {
    try {
      return f();
    } catch (e) {
      if (e !== null && typeof e === "object" && !(e instanceof Error)) {
        if (e.in === "event") throw new EventError(e);
        if (typeof e.reason === "string") throw new PatternError(e);
      }
      throw e;
    }
  }

  function matches(pattern, event) {
    const p = text(pattern, "pattern");
    const e = text(event, "event");
    return call(() => core.matches(p, e));
  }

  function explain(pattern, event) {
    const p = text(pattern, "pattern");
    const e = text(event, "event");
    return call(() => core.explain(p, e));
  }

  function validate(pattern) {
    const report = call(() => core.validate(text(pattern, "pattern")));
    return report === null ? null : new PatternError(report);
  }

  function lint(pattern) {
    const p = text(pattern, "pattern");
    return call(() => core.lint(p));
  }

  function wrapCloudTrail(record) {
    const bytes = text(record, "record");
    const wrapped = call(() => core.wrapCloudTrail(bytes));
    return typeof record === "string" ? wrapped : JSON.parse(wrapped);
  }

  function example(pattern) {
    const p = text(pattern, "pattern");
    const event = call(() => core.example(p));
    return event === undefined ? null : event;
  }

  /** Named patterns matched together: one read of each event for all of them. */
  class RuleSet {
    #core;
    constructor(rules) {
      if (rules === null || typeof rules !== "object") {
        throw new TypeError("rules must be an object or a Map of names to patterns");
      }
      const entries = rules instanceof Map ? [...rules.entries()] : Object.entries(rules);
      const names = entries.map(([name]) => String(name));
      const patterns = entries.map(([name, pattern]) => json(pattern, `rule ${name}`));
      this.#core = call(() => new core.RuleSetCore(names, patterns));
    }
    matching(event) {
      const e = text(event, "event");
      return call(() => this.#core.matching(e));
    }
    get size() {
      return this.#core.size;
    }
    /** Frees the set's memory now rather than when it is garbage-collected. */
    free() {
      this.#core.free();
    }
  }

  return { matches, explain, validate, lint, RuleSet, wrapCloudTrail, example, PatternError, EventError };
}
