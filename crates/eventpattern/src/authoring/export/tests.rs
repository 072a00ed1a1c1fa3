//! Every format, on patterns chosen to break quoting: the pattern read back
//! out of each snippet (with a YAML reader, an HCL evaluator, a shell, or a
//! reader of the literal syntax) must be the pattern that went in.

use super::tree::{fold_duplicates, read, Json};
use super::{export, Format};
use crate::Pattern;

/// Patterns that stress each target's quoting and typing.
const TRICKY: &[&str] = &[
    r#"{"source": ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"], "detail": {"state": ["stopped", "terminated"]}}"#,
    r#"{"source": ["it's", "a\"b\\c", "é😀 \u2028 \u0001\t", "${x} %{y} $${z} %%{w} $", "'\\''"], "detail": {"k": [""]}}"#,
    r#"{"detail": {"n": [1e2, -0, 1.50, 1E+2, 0, -7, 3.25], "r": [{"numeric": [">", -0, "<=", 1e2]}], "e": [{"numeric": ["=", 5]}]}}"#,
    r#"{"$or": [{"source": ["aws.ec2"]}, {"detail": {"x": [{"exists": false}]}}], "account": ["123456789012"]}"#,
    r#"{"detail": {"a": {"b": {"c": [{"anything-but": ["x", "y"]}, {"anything-but": {"prefix": "on"}}, {"anything-but": [1, 2]}]}}, "$or": [{"p": [null, true, false]}, {"q": [{"cidr": "10.0.0.0/24"}]}]}}"#,
    r#"{"detail": {"a.b": ["dots"], "with space": ["sp"], "on": ["yes"], "n": ["no"], "__proto__": ["p"], "k\"q'": ["x"], "line\nbreak": ["y"], "null": [null], "true": ["t"], "in": ["i"]}}"#,
    r#"{"detail-type": [{"prefix": "EC2"}], "source": [{"equals-ignore-case": "AWS.EC2"}], "detail": {"w": [{"wildcard": "a*b\\*"}], "s": [{"suffix": ".png"}]}}"#,
    r#"{"custom": ["top-level but not envelope"], "resources": ["arn:aws:s3:::b"]}"#,
    r#"{"detail": {"a": ["x"]}, "source": ["s"], "detail": {"b": ["y"], "a": ["z"]}}"#,
    r#"{"detail": ["a value, not fields"], "version": ["0"], "id": ["1"], "time": ["t"], "region": ["us-east-1"]}"#,
];

/// The tricky patterns and every template of the page.
fn patterns() -> Vec<String> {
    let mut all: Vec<String> = TRICKY.iter().map(|p| p.to_string()).collect();
    all.extend(
        crate::test_templates::TEMPLATES
            .iter()
            .map(|(_, pattern, _)| pattern.to_string()),
    );
    all
}

/// A JSON value with number text kept, to compare what went in and came out.
#[derive(Debug, Clone, PartialEq)]
enum Canon {
    Obj(Vec<(String, Canon)>),
    Arr(Vec<Canon>),
    Str(String),
    /// Number text as the reader produced it.
    Num(String),
    Bool(bool),
    Null,
}

fn canon(v: &Json<'_>) -> Canon {
    match v {
        Json::Object(m) => Canon::Obj(
            m.iter()
                .map(|m| (m.key.to_string(), canon(&m.value)))
                .collect(),
        ),
        Json::Array(a) => Canon::Arr(a.iter().map(canon).collect()),
        Json::Str(s, _) => Canon::Str(s.to_string()),
        Json::Num(t) => Canon::Num(t.to_string()),
        Json::Bool(b) => Canon::Bool(*b),
        Json::Null => Canon::Null,
    }
}

/// Equal, numbers by value (`exact` also by text).
fn same(a: &Canon, b: &Canon, exact: bool) -> bool {
    match (a, b) {
        (Canon::Obj(x), Canon::Obj(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| p.0 == q.0 && same(&p.1, &q.1, exact))
        }
        (Canon::Arr(x), Canon::Arr(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q, exact))
        }
        (Canon::Num(x), Canon::Num(y)) => {
            x == y || (!exact && x.parse::<f64>().ok() == y.parse::<f64>().ok())
        }
        _ => a == b,
    }
}

/// The pattern as a target that keeps one value per key sees it.
fn folded(text: &str) -> Canon {
    let mut t = read(text).unwrap();
    fold_duplicates(&mut t);
    canon(&t)
}

fn snippet(p: &str, f: Format, name: Option<&str>) -> String {
    Pattern::parse(p).unwrap_or_else(|e| panic!("{p}: {e:?}"));
    export(p, f, name).unwrap().text
}

fn assert_same(got: &Canon, want: &Canon, exact: bool, ctx: &str) {
    assert!(
        same(got, want, exact),
        "{ctx}\n got: {got:?}\nwant: {want:?}"
    );
}

#[test]
fn json_is_the_pattern_minified() {
    for p in &patterns() {
        let p = p.as_str();
        let out = snippet(p, Format::Json, None);
        let back = read(out.trim_end()).unwrap();
        assert_eq!(canon(&back), canon(&read(p).unwrap()), "{out}");
        let a: serde_json::Value = serde_json::from_str(&out).unwrap();
        let b: serde_json::Value = serde_json::from_str(p).unwrap();
        assert_eq!(a, b);
        assert!(!out.trim_end().contains([' ', '\n']) || p.contains(' '));
        Pattern::parse(&out).unwrap();
    }
}

fn from_yaml(y: &yaml_rust2::Yaml) -> Canon {
    use yaml_rust2::Yaml;
    match y {
        Yaml::Hash(h) => Canon::Obj(
            h.iter()
                .map(|(k, v)| (k.as_str().expect("string keys").to_string(), from_yaml(v)))
                .collect(),
        ),
        Yaml::Array(a) => Canon::Arr(a.iter().map(from_yaml).collect()),
        Yaml::String(s) => Canon::Str(s.clone()),
        Yaml::Integer(i) => Canon::Num(i.to_string()),
        Yaml::Real(r) => Canon::Num(r.clone()),
        Yaml::Boolean(b) => Canon::Bool(*b),
        Yaml::Null => Canon::Null,
        other => panic!("unexpected YAML node {other:?}"),
    }
}

#[test]
fn yaml_snippets_read_back_as_the_pattern() {
    use yaml_rust2::{Yaml, YamlLoader};
    for p in &patterns() {
        let p = p.as_str();
        for (format, path) in [
            (
                Format::CloudFormationYaml,
                &["Resources", "Ec2Rule", "Properties", "EventPattern"][..],
            ),
            (
                Format::Sam,
                &[
                    "Resources",
                    "Ec2RuleFunction",
                    "Properties",
                    "Events",
                    "Ec2Rule",
                    "Properties",
                    "Pattern",
                ][..],
            ),
        ] {
            let out = snippet(p, format, Some("ec2.rule"));
            let docs = YamlLoader::load_from_str(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
            let mut node = &docs[0];
            for key in path {
                node = &node[*key];
            }
            assert_same(&from_yaml(node), &folded(p), false, &out);
            // Real numbers keep their text; integers their value.
            assert!(!matches!(node, Yaml::BadValue));
        }
        let out = snippet(p, Format::Serverless, Some("ec2.rule"));
        let docs = YamlLoader::load_from_str(&out).unwrap();
        let rule = &docs[0]["functions"]["ec2Rule"]["events"][0]["eventBridge"];
        assert_eq!(rule["name"].as_str(), Some("ec2.rule"));
        assert_same(&from_yaml(&rule["pattern"]), &folded(p), false, &out);
    }
}

#[test]
fn cloudformation_json_holds_the_pattern_as_an_object() {
    for p in &patterns() {
        let p = p.as_str();
        let out = snippet(p, Format::CloudFormationJson, Some("x"));
        let whole = read(&out).unwrap();
        let Canon::Obj(top) = canon(&whole) else {
            panic!()
        };
        let Canon::Obj(res) = &top[1].1 else { panic!() };
        let Canon::Obj(rule) = &res[0].1 else {
            panic!()
        };
        assert_eq!(
            rule[0],
            ("Type".into(), Canon::Str("AWS::Events::Rule".into()))
        );
        let Canon::Obj(props) = &rule[1].1 else {
            panic!()
        };
        let pattern = &props.iter().find(|(k, _)| k == "EventPattern").unwrap().1;
        assert_same(pattern, &folded(p), true, &out);
        let _: serde_json::Value = serde_json::from_str(&out).unwrap();
    }
}

/// Splits shell text into the words of each `aws` command, the way a POSIX
/// shell does for the constructs a snippet may use.
fn shell_words(text: &str) -> Vec<Vec<String>> {
    let mut commands = vec![Vec::new()];
    let mut word: Option<String> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    w.push(q);
                }
            }
            '\\' => match chars.next() {
                Some('\n') => {}
                Some(e) => word.get_or_insert_with(String::new).push(e),
                None => {}
            },
            '#' if word.is_none() => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
                commands.push(Vec::new());
            }
            ' ' | '\t' | '\n' => {
                if let Some(w) = word.take() {
                    commands.last_mut().unwrap().push(w);
                }
                if c == '\n' {
                    commands.push(Vec::new());
                }
            }
            '"' | '$' | '`' | ';' | '&' | '|' | '<' | '>' | '(' | ')' | '*' | '?' | '[' => {
                panic!("unquoted shell character {c:?} in {text}")
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    if let Some(w) = word {
        commands.last_mut().unwrap().push(w);
    }
    commands.retain(|c| !c.is_empty());
    commands
}

fn flag<'a>(words: &'a [String], name: &str) -> &'a str {
    let i = words
        .iter()
        .position(|w| w == name)
        .unwrap_or_else(|| panic!("{name} in {words:?}"));
    &words[i + 1]
}

#[test]
fn aws_cli_words_are_the_pattern() {
    for p in &patterns() {
        let p = p.as_str();
        let out = snippet(p, Format::AwsCli, Some("it's-a-rule"));
        let commands = shell_words(&out);
        assert_eq!(commands.len(), 2, "{out}");
        assert_eq!(commands[0][..3], ["aws", "events", "put-rule"]);
        assert_eq!(flag(&commands[0], "--name"), "it's-a-rule");
        assert_eq!(commands[1][..3], ["aws", "events", "test-event-pattern"]);
        let want = canon(&read(p).unwrap());
        for c in &commands {
            let pattern = flag(c, "--event-pattern");
            assert_eq!(canon(&read(pattern).unwrap()), want);
        }
        let event = flag(&commands[1], "--event");
        if !event.starts_with("file://") {
            assert!(
                Pattern::parse(p).unwrap().matches(event).unwrap(),
                "{event}"
            );
        }
    }
}

/// The same words, from a real shell, with `aws` replaced by a function that
/// prints its arguments.
#[cfg(unix)]
#[test]
fn aws_cli_snippet_runs_in_a_real_shell() {
    for p in &patterns() {
        let p = p.as_str();
        let out = snippet(p, Format::AwsCli, Some("r"));
        let script = format!(
            "aws() {{ for a in \"$@\"; do printf '%s\\0' \"$a\"; done; printf '\\n\\0'; }}\n{out}"
        );
        let run = std::process::Command::new("sh")
            .arg("-c")
            .arg(&script)
            .output()
            .expect("sh runs");
        assert!(run.status.success());
        let printed = String::from_utf8(run.stdout).unwrap();
        let args: Vec<&str> = printed.split('\0').collect();
        let patterns: Vec<&str> = args
            .iter()
            .zip(args.iter().skip(1))
            .filter(|(a, _)| **a == "--event-pattern")
            .map(|(_, v)| *v)
            .collect();
        assert_eq!(patterns.len(), 2);
        for got in patterns {
            assert_eq!(
                canon(&read(got).unwrap()),
                canon(&read(p).unwrap()),
                "{out}"
            );
        }
    }
}

/// Reads the JavaScript or Python literal syntax the CDK snippets use:
/// objects/dicts, arrays/lists, quoted strings with escapes, numbers and
/// the language's words for true, false and null.
struct LiteralReader<'a> {
    s: &'a [u8],
    pos: usize,
    py: bool,
}

impl LiteralReader<'_> {
    fn ws(&mut self) {
        while self.pos < self.s.len() && (self.s[self.pos] as char).is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.s.get(self.pos) == Some(&c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn string(&mut self) -> String {
        let q = self.s[self.pos];
        assert!(q == b'\'' || q == b'"');
        self.pos += 1;
        let text = std::str::from_utf8(&self.s[self.pos..]).unwrap();
        let mut out = String::new();
        let mut chars = text.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    let (_, e) = chars.next().unwrap();
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        '\\' | '\'' | '"' => out.push(e),
                        'u' => {
                            let hex: String = (0..4).map(|_| chars.next().unwrap().1).collect();
                            out.push(
                                char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap(),
                            );
                        }
                        other => panic!("escape \\{other} is not written by the exporter"),
                    }
                }
                '\n' | '\r' | '\u{2028}' | '\u{2029}' => {
                    panic!("raw line break in a string literal")
                }
                c if c as u32 == q as u32 => {
                    self.pos += i + 1;
                    return out;
                }
                c => out.push(c),
            }
        }
        panic!("unterminated string")
    }

    fn key(&mut self) -> String {
        self.ws();
        match self.s[self.pos] {
            b'\'' | b'"' => self.string(),
            b'[' if !self.py => {
                self.pos += 1;
                self.ws();
                let k = self.string();
                assert!(self.eat(b']'));
                k
            }
            _ if !self.py => {
                let start = self.pos;
                while self.s[self.pos].is_ascii_alphanumeric()
                    || matches!(self.s[self.pos], b'_' | b'$')
                {
                    self.pos += 1;
                }
                let k = std::str::from_utf8(&self.s[start..self.pos])
                    .unwrap()
                    .to_string();
                assert!(
                    !k.is_empty() && !k.starts_with(|c: char| c.is_ascii_digit()),
                    "bad key {k}"
                );
                k
            }
            c => panic!("Python keys are strings, found {}", c as char),
        }
    }

    fn value(&mut self) -> Canon {
        self.ws();
        match self.s[self.pos] {
            b'{' => {
                self.pos += 1;
                let mut members = Vec::new();
                while !self.eat(b'}') {
                    let k = self.key();
                    assert!(self.eat(b':'), "colon after {k}");
                    members.push((k, self.value()));
                    if !self.eat(b',') {
                        assert!(self.eat(b'}'), "close after {:?}", members.last());
                        break;
                    }
                }
                Canon::Obj(members)
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                while !self.eat(b']') {
                    items.push(self.value());
                    if !self.eat(b',') {
                        assert!(self.eat(b']'));
                        break;
                    }
                }
                Canon::Arr(items)
            }
            b'\'' | b'"' => Canon::Str(self.string()),
            _ => {
                let start = self.pos;
                while self.pos < self.s.len()
                    && (self.s[self.pos].is_ascii_alphanumeric()
                        || matches!(self.s[self.pos], b'-' | b'+' | b'.'))
                {
                    self.pos += 1;
                }
                let word = std::str::from_utf8(&self.s[start..self.pos]).unwrap();
                let (t, f, n) = if self.py {
                    ("True", "False", "None")
                } else {
                    ("true", "false", "null")
                };
                match word {
                    w if w == t => Canon::Bool(true),
                    w if w == f => Canon::Bool(false),
                    w if w == n => Canon::Null,
                    w => {
                        assert!(
                            w.parse::<f64>().is_ok() && !w.starts_with('+'),
                            "not a number: {w}"
                        );
                        Canon::Num(w.to_string())
                    }
                }
            }
        }
    }
}

/// The value after `marker` in `text`.
fn literal_after(text: &str, marker: &str, py: bool) -> Canon {
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in {text}"))
        + marker.len();
    LiteralReader {
        s: &text.as_bytes()[at..],
        pos: 0,
        py,
    }
    .value()
}

/// CDK's typed names back to the pattern's keys.
fn envelope_names(c: Canon) -> Canon {
    let Canon::Obj(m) = c else { return c };
    Canon::Obj(
        m.into_iter()
            .map(|(k, v)| {
                let k = match k.as_str() {
                    "detailType" | "detail_type" => "detail-type".to_string(),
                    _ => k,
                };
                (k, v)
            })
            .collect(),
    )
}

/// Python's `events.EventPattern(a=…, b=…)` keyword arguments as an object.
fn python_kwargs(text: &str) -> Canon {
    let start = text.find("events.EventPattern(").unwrap() + "events.EventPattern(".len();
    let mut r = LiteralReader {
        s: &text.as_bytes()[start..],
        pos: 0,
        py: true,
    };
    let mut members = Vec::new();
    loop {
        r.ws();
        if r.eat(b')') {
            break;
        }
        let s = r.pos;
        while r.s[r.pos].is_ascii_alphanumeric() || r.s[r.pos] == b'_' {
            r.pos += 1;
        }
        let k = std::str::from_utf8(&r.s[s..r.pos]).unwrap().to_string();
        assert!(r.eat(b'='));
        members.push((k, r.value()));
        assert!(r.eat(b','));
    }
    Canon::Obj(members)
}

#[test]
fn cdk_snippets_hold_the_pattern() {
    for p in &patterns() {
        let p = p.as_str();
        let want = folded(p);
        let typed = super::cdk::untyped_reason(&{
            let mut t = read(p).unwrap();
            fold_duplicates(&mut t);
            t
        })
        .is_none();
        let ts = export(p, Format::CdkTs, Some("r")).unwrap();
        let py = export(p, Format::CdkPy, Some("r")).unwrap();
        if typed {
            assert!(
                ts.text.contains("new events.Rule(this, 'R', {"),
                "{}",
                ts.text
            );
            let got = envelope_names(literal_after(&ts.text, "eventPattern: ", false));
            assert_same(&got, &want, true, &ts.text);
            let got = envelope_names(python_kwargs(&py.text));
            assert_same(&got, &want, true, &py.text);
        } else {
            assert!(
                ts.text.contains("new events.CfnRule(this, 'R', {"),
                "{}",
                ts.text
            );
            assert!(ts
                .note
                .as_deref()
                .unwrap()
                .contains("CDK's typed EventPattern cannot express"));
            assert!(py.note.as_deref().unwrap().contains("CfnRule"));
            assert_same(
                &literal_after(&ts.text, "eventPattern: ", false),
                &want,
                true,
                &ts.text,
            );
            assert_same(
                &literal_after(&py.text, "event_pattern=", true),
                &want,
                true,
                &py.text,
            );
        }
        // Comments hold no raw line break that would end them early.
        for line in ts.text.lines().chain(py.text.lines()) {
            assert!(!line.contains('\u{2028}'));
        }
    }
}

#[test]
fn cdk_uses_the_typed_pattern_when_it_can() {
    let out = export(TRICKY[0], Format::CdkTs, None).unwrap();
    assert_eq!(out.note, None);
    assert!(
        out.text
            .contains("detailType: ['EC2 Instance State-change Notification'],"),
        "{}",
        out.text
    );
    let out = export(TRICKY[3], Format::CdkPy, None).unwrap();
    assert!(out.note.unwrap().contains("top-level `$or`"));
    assert!(
        out.text
            .contains("events.CfnRule(\n    self,\n    \"MyRule\","),
        "{}",
        out.text
    );
}

fn from_hcl(v: &hcl::Value) -> Canon {
    match v {
        hcl::Value::Object(m) => {
            Canon::Obj(m.iter().map(|(k, v)| (k.clone(), from_hcl(v))).collect())
        }
        hcl::Value::Array(a) => Canon::Arr(a.iter().map(from_hcl).collect()),
        hcl::Value::String(s) => Canon::Str(s.clone()),
        hcl::Value::Number(n) => Canon::Num(n.to_string()),
        hcl::Value::Bool(b) => Canon::Bool(*b),
        hcl::Value::Null => Canon::Null,
    }
}

#[test]
fn terraform_jsonencode_argument_is_the_pattern() {
    use hcl::eval::{Context, Evaluate};
    for p in &patterns() {
        let p = p.as_str();
        let out = snippet(p, Format::Terraform, Some("my-rule"));
        let body = hcl::parse(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
        let block = body.blocks().next().unwrap();
        assert_eq!(block.labels[1].as_str(), "my_rule");
        let attr = block
            .body
            .attributes()
            .find(|a| a.key.as_str() == "event_pattern")
            .unwrap();
        let hcl::Expression::FuncCall(call) = &attr.expr else {
            panic!("{out}")
        };
        assert_eq!(call.name.name.as_str(), "jsonencode");
        let value = call.args[0]
            .evaluate(&Context::new())
            .unwrap_or_else(|e| panic!("{e}\n{out}"));
        assert_same(&from_hcl(&value), &folded(p), false, &out);
    }
}

#[test]
fn invalid_patterns_give_aws_reason_and_ids_round_trip() {
    let err = export(r#"{"source": "aws.ec2"}"#, Format::Json, None).unwrap_err();
    assert_eq!(err.kind, crate::ErrorKind::FieldNotObjectOrArray);
    for f in Format::ALL {
        assert_eq!(Format::from_id(f.id()), Some(f));
    }
    assert_eq!(Format::from_id("yaml"), None);
    let out = export(TRICKY[0], Format::Terraform, Some("bad name")).unwrap();
    assert!(out.note.unwrap().contains("AWS rule names"));
    let out = export(TRICKY[8], Format::Sam, None).unwrap();
    assert!(out.note.unwrap().contains("repeats a key"));
    assert_eq!(export(TRICKY[8], Format::Json, None).unwrap().note, None);
    let lone = r#"{"a": ["x\ud800"]}"#;
    assert!(export(lone, Format::CdkTs, None)
        .unwrap()
        .note
        .unwrap()
        .contains("lone UTF-16 surrogate"));
    assert_eq!(export(lone, Format::AwsCli, None).unwrap().note, None);
}
