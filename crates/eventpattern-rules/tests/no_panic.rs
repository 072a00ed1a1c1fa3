//! Every prefix of the IaC fixtures, and each with a quote, backslash or
//! line break put in at many places, is read without a panic: a rule source
//! being edited is most of the time broken.

use eventpattern_rules::read_source;

const FIXTURES: [&str; 6] = [
    "cloudformation.yaml",
    "sam.yaml",
    "cdk.out/OrdersStack.template.json",
    "terraform/plan.json",
    "terraform/main.tf",
    "patterns/shipments.jsonl",
];

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/iac")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn prefixes_and_edits_never_panic() {
    for name in FIXTURES {
        let text = fixture(name);
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &i in boundaries.iter().step_by(5) {
            let _ = read_source(name, &text[..i]);
        }
        for &i in boundaries.iter().step_by(29) {
            for insert in ["\"", "\\", "\n", "'", "!", "{", "${", "é"] {
                let edited = format!("{}{insert}{}", &text[..i], &text[i..]);
                let _ = read_source(name, &edited);
            }
        }
    }
}

#[test]
fn every_rule_position_is_inside_its_file() {
    for name in FIXTURES {
        let text = fixture(name);
        let found = read_source(name, &text).unwrap();
        assert!(!found.rules.is_empty(), "{name}");
        for rule in &found.rules {
            assert!(rule.origin.offset < text.len(), "{name}: {}", rule.name);
            if let eventpattern_rules::Status::Invalid { error, .. } = &rule.status {
                assert!(error.at.offset < text.len(), "{name}: {}", rule.name);
                let line = text.lines().nth(error.at.line as usize - 1).unwrap();
                assert!(
                    (error.at.column as usize) <= line.chars().count(),
                    "{name}: {}",
                    rule.name
                );
            }
        }
    }
}
