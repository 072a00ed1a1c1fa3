//! `eventpattern`: test, validate and filter with EventBridge event patterns.
//! A thin adapter: arguments, files, output and exit codes; every decision
//! about matching is the `eventpattern` library's.

mod export;
mod filter;
mod input;
mod output;

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

Exit codes: 0 match (filter: at least one event matched; example: an event was found), 1 no match,
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
    /// Match one event against a pattern and explain the verdict field by field.
    #[command(after_help = EXAMPLES)]
    Test {
        /// Pattern file (`-` for standard input).
        #[arg(long, short)]
        pattern: String,
        /// Event file (`-` for standard input).
        #[arg(long, short)]
        event: String,
        /// Print `{"matched": …, "trace": …}` or `{"error": …}` as JSON.
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
        #[arg(long, short, required = true)]
        pattern: Vec<String>,
        /// Event files (standard input when none or `-`).
        files: Vec<String>,
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Test {
            pattern,
            event,
            json,
            color,
            no_wrap,
        } => output::test(&pattern, &event, json, color, !no_wrap),
        Command::Validate { pattern, json } => output::validate(&pattern, json),
        Command::Example { pattern } => output::example(&pattern),
        Command::Filter {
            pattern,
            files,
            no_wrap,
        } => filter::filter(&pattern, &files, !no_wrap),
        Command::Export {
            pattern,
            format,
            name,
        } => export::run(&pattern, format, name.as_deref()),
    };
    ExitCode::from(code)
}
