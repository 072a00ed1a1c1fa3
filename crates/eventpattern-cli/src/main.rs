//! `eventpattern`: test, validate and filter with EventBridge event patterns.
//! A thin adapter: arguments, files, output and exit codes; every decision
//! about matching is the `eventpattern` library's.

mod events;
mod export;
mod filter;
mod input;
mod list_rules;
mod matrix;
mod output;
mod ruleset;
mod serve;
mod test_rules;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  eventpattern test -p examples/templates/ec2-state-change.pattern.json -e examples/ec2-running.event.json
  eventpattern test --pattern rule.json --event - --json < event.json
  eventpattern validate --pattern rule.json
  eventpattern example --pattern rule.json > event.json
  eventpattern export --pattern rule.json --format cloudformation-yaml --name my-rule
  eventpattern filter -p examples/templates/s3-create-bucket.pattern.json examples/cloudtrail-log.json
  eventpattern filter -p rule-a.json -p rule-b.json < events.jsonl
  eventpattern rules template.yaml cdk.out terraform/main.tf --format sarif > rules.sarif
  eventpattern test --rules template.yaml --event event.json --explain MyRule
  eventpattern matrix --rules cdk.out --rules main.tf events.jsonl cloudtrail-log.json --json --summary
  eventpattern serve --verbose      # AWS's TestEventPattern API on http://127.0.0.1:9170

Exit codes: 0 match (filter, matrix: at least one event matched; test --rules: at least one rule
fired; example: an event was found; rules: every rule valid), 1 no match (rules: a rule is invalid),
2 invalid pattern or event, or an I/O error (export: 0 or 2).";

#[derive(Parser)]
#[command(
    name = "eventpattern",
    version,
    about = "Test Amazon EventBridge event patterns: AWS's verdict, AWS's error text with its position, and why each field matched or not.",
    after_help = EXAMPLES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Match one event against a pattern and explain the verdict field by field;
    /// with --rules, say which of many rules fire.
    #[command(after_help = EXAMPLES)]
    Test {
        /// Pattern file (`-` for standard input).
        #[arg(
            long,
            short,
            required_unless_present = "rules",
            conflicts_with = "rules"
        )]
        pattern: Option<String>,
        /// Rule sources: pattern files, JSON Lines, CloudFormation/SAM templates,
        /// cdk.out folders, Terraform plans or .tf files (repeatable).
        #[arg(long, num_args = 1..)]
        rules: Vec<String>,
        /// With --rules: also print this rule's field-by-field trace.
        #[arg(long, requires = "rules")]
        explain: Option<String>,
        /// Event file (`-` for standard input).
        #[arg(long, short)]
        event: String,
        /// Print `{"matched": …, "trace": …}` or `{"error": …}` as JSON
        /// (with --rules: `{"matched": [names], "rules": [{"name", "matched"}]}`).
        #[arg(long)]
        json: bool,
        /// Colour: auto (on a terminal), always or never.
        #[arg(long, default_value = "auto")]
        color: output::ColorChoice,
        /// Test a CloudTrail record or log as it is, instead of wrapping it in
        /// the EventBridge envelope (the default, with a notice on stderr).
        #[arg(long)]
        no_wrap: bool,
    },
    /// Check that a pattern is valid, as AWS would.
    Validate {
        /// Pattern file (`-` for standard input).
        #[arg(long, short)]
        pattern: String,
        /// Print `{"valid": true}` or `{"error": …}` as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print an event that the pattern matches (envelope included), to start a test from.
    Example {
        /// Pattern file (`-` for standard input).
        #[arg(long, short)]
        pattern: String,
    },
    /// Print the events that match, as JSON Lines; the count goes to stderr.
    /// Reads JSON Lines, a JSON array of events, or CloudTrail log files
    /// (`{"Records": [...]}`, each record wrapped in the EventBridge envelope).
    /// Input that is not an event is reported with its line and skipped.
    Filter {
        /// Pattern file; repeat to keep events that match any of several rules.
        #[arg(long, short, required_unless_present = "rules")]
        pattern: Vec<String>,
        /// Rule source (template, cdk.out, Terraform, pattern file): keep
        /// events that match any valid rule in it; repeat for several.
        #[arg(long)]
        rules: Vec<String>,
        /// Event files (standard input when none or `-`).
        files: Vec<String>,
        /// Match CloudTrail records as they are, instead of wrapping each in
        /// the EventBridge envelope.
        #[arg(long)]
        no_wrap: bool,
    },
    /// List the rules found in pattern files, JSON Lines, CloudFormation/SAM
    /// templates (JSON, YAML), cdk.out folders, Terraform plans/state
    /// (`terraform show -json`) and .tf files: name, origin, valid or AWS's
    /// reason at its file:line:column. Exit 1 if any rule is invalid.
    Rules {
        /// Files and folders to read.
        #[arg(required = true)]
        paths: Vec<String>,
        /// text, json or sarif (SARIF 2.1.0, for code-scanning annotations).
        #[arg(long, value_enum, default_value = "text")]
        format: list_rules::ListFormat,
        /// The same as --format json: `[{"name", "file", "line", "pattern", "error"}]`.
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// For each event (streamed like `filter`), the rules it matches; then per
    /// rule how many events it matched, and the rules that matched none (stderr).
    Matrix {
        /// Rule source (template, cdk.out, Terraform, pattern file); repeat for several.
        #[arg(long, required = true)]
        rules: Vec<String>,
        /// Event files (standard input when none or `-`).
        files: Vec<String>,
        /// One JSON line per event: `{"event": index, "rules": [names]}`.
        #[arg(long)]
        json: bool,
        /// End with a JSON summary line on stdout instead of the text on stderr.
        #[arg(long)]
        summary: bool,
        /// Match CloudTrail records as they are, instead of wrapping each in
        /// the EventBridge envelope.
        #[arg(long)]
        no_wrap: bool,
    },
    /// Print the pattern as a snippet for a deployment tool.
    Export {
        /// Pattern file (`-` for standard input).
        #[arg(long, short)]
        pattern: String,
        /// json, aws-cli, cloudformation-yaml, cloudformation-json, sam, cdk-ts, cdk-py, terraform or serverless.
        #[arg(long, short, value_parser = export::format_id)]
        format: eventpattern::export::Format,
        /// The rule's name (also used for ids in templates).
        #[arg(long, short)]
        name: Option<String>,
    },
    /// Serve AWS's EventBridge TestEventPattern API (JSON 1.1 protocol) locally,
    /// for SDKs, the AWS CLI and test suites pointed at it with an endpoint URL.
    /// Prints the endpoint URL on stdout; stops on Ctrl-C or SIGTERM.
    Serve {
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = eventpattern_server::DEFAULT_PORT)]
        port: u16,
        /// Address to listen on. Anything but a loopback address needs --allow-remote.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Allow listening on an address other machines can reach (the
        /// endpoint has no authentication).
        #[arg(long)]
        allow_remote: bool,
        /// One line per request on stderr.
        #[arg(long, short)]
        verbose: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Test {
            pattern: Some(pattern),
            event,
            json,
            color,
            no_wrap,
            ..
        } => output::test(&pattern, &event, json, color, !no_wrap),
        Command::Test {
            rules,
            explain,
            event,
            json,
            color,
            no_wrap,
            ..
        } => test_rules::run(&rules, &event, explain.as_deref(), json, color, !no_wrap),
        Command::Validate { pattern, json } => output::validate(&pattern, json),
        Command::Example { pattern } => output::example(&pattern),
        Command::Filter {
            pattern,
            rules,
            files,
            no_wrap,
        } => filter::filter(&pattern, &rules, &files, !no_wrap),
        Command::Rules {
            paths,
            format,
            json,
        } => {
            let format = if json {
                list_rules::ListFormat::Json
            } else {
                format
            };
            list_rules::run(&paths, format)
        }
        Command::Matrix {
            rules,
            files,
            json,
            summary,
            no_wrap,
        } => matrix::run(&rules, &files, json, summary, !no_wrap),
        Command::Export {
            pattern,
            format,
            name,
        } => export::run(&pattern, format, name.as_deref()),
        Command::Serve {
            port,
            bind,
            allow_remote,
            verbose,
        } => serve::run(bind, port, allow_remote, verbose),
    };
    ExitCode::from(code)
}
