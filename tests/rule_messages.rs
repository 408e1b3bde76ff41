//! Every built-in rule's message comes from its rule file: the binary runs every flagged
//! example of every rule in `rules/`, and each message it prints must be the rule's
//! `message` (or an entry of its `messages` table) with the placeholders filled in, so a
//! user who edits a rule file sees the edit.

mod common;

use std::collections::BTreeMap;
use std::fs;

use common::{check_csv, root};
use regex::Regex;

/// A rule as its file declares it: the messages it may print and the texts it flags,
/// each with its source when the example gives one.
struct Declared {
    id: String,
    templates: Vec<String>,
    flagged: Vec<(String, Option<String>)>,
}

/// Every rule of the built-in rule files, read from the files themselves.
fn declared() -> Vec<Declared> {
    let mut rules = Vec::new();
    let mut files: Vec<_> = fs::read_dir(root().join("rules"))
        .expect("the rules folder")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for path in files {
        let text = fs::read_to_string(&path).expect("a rule file");
        let file: toml::Table = toml::from_str(&text).expect("valid TOML");
        let tables = file["rule"].as_array().expect("rules");
        for rule in tables.iter().map(|r| r.as_table().expect("a rule table")) {
            let text_of = |value: &toml::Value| value.as_str().expect("text").to_string();
            let mut templates = vec![text_of(&rule["message"])];
            if let Some(messages) = rule.get("messages") {
                let messages = messages.as_table().expect("a messages table");
                templates.extend(messages.values().map(text_of));
            }
            let flagged = rule
                .get("examples")
                .and_then(toml::Value::as_array)
                .into_iter()
                .flatten()
                .map(|example| example.as_table().expect("an example"))
                .filter(|example| example["findings"].as_integer() != Some(0))
                .map(|example| {
                    (
                        text_of(&example["text"]),
                        example.get("source").map(text_of),
                    )
                })
                .collect();
            rules.push(Declared {
                id: text_of(&rule["id"]),
                templates,
                flagged,
            });
        }
    }
    rules
}

/// Whether `message` is `template` with `{found}` and `{suggestion}` filled in as given
/// and any other placeholder (a kind's own) filled in with some text.
fn fills(template: &str, message: &str, found: &str, suggestion: &str) -> bool {
    let placeholder = Regex::new(r"\{([A-Za-z0-9_-]+)\}").expect("a valid regex");
    let mut pattern = String::from("^");
    let mut last = 0;
    for capture in placeholder.captures_iter(template) {
        let whole = capture.get(0).expect("group 0");
        pattern.push_str(&regex::escape(&template[last..whole.start()]));
        pattern.push_str(&match &capture[1] {
            "found" => regex::escape(found),
            "suggestion" => regex::escape(suggestion),
            _ => "(?s:.+?)".to_string(),
        });
        last = whole.end();
    }
    pattern.push_str(&regex::escape(&template[last..]));
    pattern.push('$');
    Regex::new(&pattern)
        .expect("an escaped template")
        .is_match(message)
}

#[test]
fn every_built_in_rule_prints_the_message_its_file_gives() {
    let rules = declared();
    assert!(rules.len() >= 30, "{} rules", rules.len());
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut owner = BTreeMap::new();
    for (index, rule) in rules.iter().enumerate() {
        for (n, (text, source)) in rule.flagged.iter().enumerate() {
            let name = format!("{index:03}-{n:02}.txt");
            fs::write(dir.path().join(&name), text).expect("write");
            if let Some(source) = source {
                fs::write(dir.path().join(format!("{index:03}-{n:02}.src")), source)
                    .expect("write");
            }
            owner.insert(name, index);
        }
    }
    let ids: Vec<&str> = rules.iter().map(|rule| rule.id.as_str()).collect();
    let (rows, _) = check_csv(
        dir.path(),
        &[
            "--select",
            &ids.join(","),
            "--source",
            "{dir}/{stem}.src",
            ".",
        ],
    );
    let mut checked = vec![0; rules.len()];
    for row in rows {
        let name = row.file.trim_start_matches("./");
        let rule = &rules[owner[name]];
        if row.rule != rule.id {
            continue;
        }
        assert!(
            rule.templates
                .iter()
                .any(|t| fills(t, &row.message, &row.found, &row.suggestion)),
            "rule `{}` printed {:?}, which is none of its file's messages {:?}",
            rule.id,
            row.message,
            rule.templates
        );
        checked[owner[name]] += 1;
    }
    for (rule, count) in rules.iter().zip(checked) {
        assert!(
            count > 0 || rule.flagged.is_empty(),
            "rule `{}`: its flagged examples printed nothing",
            rule.id
        );
    }
}

#[test]
fn the_corpus_message_of_the_names_rule_comes_from_its_file() {
    let names = declared()
        .into_iter()
        .find(|rule| rule.id == "names.variant")
        .expect("the names rule");
    let (rows, code) = check_csv(
        root(),
        &["--select", "names", "--corpus", "tests/fixtures/corpus"],
    );
    assert_eq!(code, 1);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].message,
        "Name variant across the corpus: `Bakiev` for `Bakiyev`; spellings: `Bakiev` in 1 \
         article, `Bakiyev` in 9 articles"
    );
    assert!(
        names
            .templates
            .contains(&"Name variant across the corpus: {details}".to_string())
    );
}

#[test]
fn a_template_matches_only_its_own_filling() {
    assert!(fills(
        "{letters} look-alike letters in a {word} word",
        "Cyrillic look-alike letters in a Latin word",
        "Кazakhstan",
        "Kazakhstan"
    ));
    assert!(!fills(
        "Look-alike letters of another script in a word",
        "Cyrillic look-alike letters in a Latin word",
        "",
        ""
    ));
    assert!(fills("Use `{suggestion}`", "Use `A`", "B", "A"));
    assert!(!fills("Use `{suggestion}`", "Use `B`", "B", "A"));
}

#[test]
fn a_kind_s_placeholders_are_allowed_in_its_messages_and_nowhere_else() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    fs::create_dir(dir.path().join("house")).expect("mkdir");
    let rule = |kind: &str, message: &str, extra: &str| {
        format!(
            "[[rule]]\nid = \"house.r\"\nkind = \"{kind}\"\nseverity = \"warning\"\n\
             message = \"{message}\"\n{extra}"
        )
    };
    let check = |file: String| {
        fs::write(dir.path().join("house/r.toml"), file).expect("write");
        fs::write(dir.path().join("a.txt"), "Talks in Кazakhstan.\n").expect("write");
        let run = common::run_in(
            dir.path(),
            &[
                "check",
                "--no-config",
                "--no-report",
                "--format",
                "concise",
                "--select",
                "house",
                "-r",
                "house",
                "a.txt",
            ],
        );
        (run.code, run.stdout, run.stderr)
    };
    let (code, stdout, _) = check(rule(
        "script",
        "`{found}`: {letters} letters in a {word} word",
        "check = \"mixed-word\"\n",
    ));
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "a.txt:1:10: warning[house.r] `Кazakhstan`: Cyrillic letters in a Latin word\n"
    );
    let (code, _, stderr) = check(rule("pattern", "{letters}", "pattern = 'x'\n"));
    assert_eq!(code, 2);
    assert_eq!(
        stderr.lines().next(),
        Some(
            "error: house/r.toml:5:11: rule `house.r`: field `message`: unknown placeholder \
             `{letters}`; a message may use {found} and {suggestion}"
        )
    );
    let (code, _, stderr) = check(rule(
        "names",
        "Name: {details}",
        "[rule.messages]\nacross-the-corpus = \"{detail}\"\n",
    ));
    assert_eq!(code, 2);
    assert_eq!(
        stderr.lines().next(),
        Some(
            "error: house/r.toml:7:21: rule `house.r`: field `messages`: unknown placeholder \
             `{detail}`; a message may use {found}, {suggestion} and {details}"
        )
    );
}
