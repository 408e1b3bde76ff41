//! Name variants within one article: the candidates are linked (same key, case ending,
//! near spelling), links that the context contradicts are dropped (a different given
//! name, `Ms.` before a feminine surname, a form used as a given name), and in each
//! group the canonical form is chosen: the glossary's, else the one introduced with a
//! given name, else the one without a case ending, else the most frequent.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use super::Settings;
use super::candidates::{self, Candidates};
use super::cluster::{self, Evidence, Link, Spelling};
use super::{inflection, key, romanise};
use crate::document::Document;

/// A spelling to report: where, what to suggest, and how sure we are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Byte range into [`Document::text`].
    pub span: Range<usize>,
    /// The canonical spelling.
    pub suggestion: String,
    /// Whether a pattern (same key, case ending) or a shared given name explains the
    /// variant; otherwise it is weak evidence (`info`).
    pub strong: bool,
    /// The message: the forms with their counts and where the canonical one is introduced.
    pub message: String,
}

/// What the names check learned about one article.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The candidates.
    pub candidates: Candidates,
    /// Per form: the canonical spelling of its group, when the form is a variant.
    pub canonical: Vec<Option<String>>,
    /// The article's names, one per group or lone spelling, with their occurrence counts:
    /// spelled out by [`Analysis::names`] only when corpus mode asks.
    names: Vec<(Named, usize)>,
    /// The variants to report, in document order.
    pub variants: Vec<Variant>,
}

/// One of an article's names: a form's spelling, or another (chosen from a glossary).
#[derive(Debug, Clone)]
enum Named {
    Form(usize),
    Text(String),
}

impl Analysis {
    /// The article's names, one per group or lone spelling, with their occurrence counts,
    /// sorted: what the corpus pass remembers.
    pub fn names(&self) -> Vec<(String, usize)> {
        let mut names: Vec<(String, usize)> = self
            .names
            .iter()
            .map(|(named, count)| {
                let text = match named {
                    Named::Form(form) => &self.candidates.forms[*form].text,
                    Named::Text(text) => text,
                };
                (text.clone(), *count)
            })
            .collect();
        names.sort();
        names
    }
}

/// What the occurrences say about one form.
#[derive(Debug, Default)]
struct Context {
    givens: BTreeSet<usize>,
    followers: BTreeSet<usize>,
    first: usize,
    first_with_given: Option<usize>,
    feminine: bool,
    as_given: usize,
}

/// What the occurrences of all spellings with one key say about the name.
#[derive(Debug, Default)]
struct Class {
    givens: BTreeSet<usize>,
    followers: BTreeSet<usize>,
    feminine: bool,
    as_given: usize,
    count: usize,
}

/// Finds the name variants of `document`.
pub fn analyse(document: &Document, settings: &Settings) -> Analysis {
    let candidates = candidates::extract(document, settings);
    let forms = &candidates.forms;
    let spellings = &candidates.spellings;
    let params = &settings.params;
    let mut links = cluster::links(spellings, params);
    links.extend(case_links(forms));
    // Most articles link no two spellings: what the occurrences say about each form is
    // then never asked.
    let (contexts, groups) = if links.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        let contexts = contexts(&candidates);
        let groups = accepted_groups(&candidates, &contexts, links, settings);
        (contexts, groups)
    };
    let ignored = |form: usize| settings.ignore.contains(&spellings[form].key);

    let mut canonical: Vec<Option<String>> = vec![None; forms.len()];
    let mut names = Vec::new();
    let mut grouped = vec![false; forms.len()];
    let mut variants = Vec::new();
    let line_of = |occurrence: usize| {
        let span = &candidates.occurrences[occurrence].span;
        document
            .lines()
            .line_of(document.to_source(span.clone()).start)
            + 1
    };
    for group in &groups {
        for &member in group {
            grouped[member] = true;
        }
        let glossary = group
            .iter()
            .find_map(|&m| settings.glossary_entry(&spellings[m]));
        let (chosen_text, chosen_spelling, introduced) = match glossary {
            Some((text, spelling)) => {
                let present = group.iter().copied().find(|&m| forms[m].text == *text);
                (
                    text.clone(),
                    spelling.clone(),
                    present.map(|m| line_of(contexts[m].first)),
                )
            }
            None => {
                let chosen = choose(group, spellings, &contexts, forms, params);
                let introduced = contexts[chosen]
                    .first_with_given
                    .unwrap_or(contexts[chosen].first);
                (
                    forms[chosen].text.clone(),
                    spellings[chosen].clone(),
                    Some(line_of(introduced)),
                )
            }
        };
        let total = group.iter().map(|&m| forms[m].count).sum();
        names.push((Named::Text(chosen_text.clone()), total));
        let usage = group
            .iter()
            .map(|&m| format!("`{}` {}×", forms[m].text, forms[m].count))
            .collect::<Vec<_>>()
            .join(", ");
        let chosen_form = group
            .iter()
            .copied()
            .find(|&m| forms[m].text == chosen_text);
        for &member in group {
            // The chosen form in the member's number (`e-card` → `E-Card` after `E-Cards`);
            // a member that differs in number alone is no variant.
            let recased = recase(&forms[member].text, &chosen_text);
            let suggestion = recased.as_ref().unwrap_or(&chosen_text);
            if key::same_but_typography(&forms[member].text, suggestion) || ignored(member) {
                continue;
            }
            let evidence = match &recased {
                Some(recased) => {
                    cluster::relation(&spellings[member], &Spelling::new(recased), params)
                }
                None => cluster::relation(&spellings[member], &chosen_spelling, params),
            };
            let shares_given = chosen_form.is_some_and(|c| {
                contexts[member].givens.iter().any(|g| {
                    contexts[c]
                        .givens
                        .iter()
                        .any(|h| spellings[*g].key == spellings[*h].key)
                })
            });
            let strong = matches!(
                evidence,
                Some(Evidence::Same | Evidence::Inflected | Evidence::Romanised)
            ) || shares_given;
            let message = message(
                &forms[member].text,
                suggestion,
                evidence,
                &usage,
                glossary.is_some(),
                introduced,
            );
            canonical[member] = Some(suggestion.clone());
            for occurrence in candidates.occurrences.iter().filter(|o| o.form == member) {
                variants.push(Variant {
                    span: occurrence.span.clone(),
                    suggestion: suggestion.clone(),
                    strong,
                    message: message.clone(),
                });
            }
        }
    }
    for (form, spelling) in spellings.iter().enumerate() {
        if grouped[form] || ignored(form) {
            continue;
        }
        let Some((text, _)) = settings.glossary_entry(spelling) else {
            names.push((Named::Form(form), forms[form].count));
            continue;
        };
        names.push((Named::Text(text.clone()), forms[form].count));
        if *text == forms[form].text {
            continue;
        }
        let usage = format!("`{}` {}×", forms[form].text, forms[form].count);
        let evidence = cluster::relation(spelling, &Spelling::new(text), params);
        let message = message(&forms[form].text, text, evidence, &usage, true, None);
        canonical[form] = Some(text.clone());
        for occurrence in candidates.occurrences.iter().filter(|o| o.form == form) {
            variants.push(Variant {
                span: occurrence.span.clone(),
                suggestion: text.clone(),
                strong: true,
                message: message.clone(),
            });
        }
    }
    variants.sort_by_key(|v| (v.span.start, v.span.end));
    Analysis {
        candidates,
        canonical,
        names,
        variants,
    }
}

/// What the occurrences say about each form.
fn contexts(candidates: &Candidates) -> Vec<Context> {
    let mut contexts: Vec<Context> = candidates
        .forms
        .iter()
        .map(|_| Context::default())
        .collect();
    for (index, occurrence) in candidates.occurrences.iter().enumerate().rev() {
        if let Some(given) = occurrence.given {
            contexts[given].followers.insert(occurrence.form);
        }
        let context = &mut contexts[occurrence.form];
        context.first = index;
        context.feminine |= occurrence.feminine;
        context.as_given += usize::from(occurrence.followed);
        if let Some(given) = occurrence.given {
            context.givens.insert(given);
            context.first_with_given = Some(index);
        }
    }
    contexts
}

/// The groups of forms joined by the `links` that the contexts do not contradict.
fn accepted_groups(
    candidates: &Candidates,
    contexts: &[Context],
    links: Vec<Link>,
    settings: &Settings,
) -> Vec<Vec<usize>> {
    let forms = &candidates.forms;
    let spellings = &candidates.spellings;
    // The context of all spellings with one key: a link is judged for the name, not for
    // one of its spellings (`Alieva` cannot be a case form if `Aliyeva` has another given name).
    let mut classes: HashMap<&str, Class> =
        HashMap::with_capacity_and_hasher(forms.len(), Default::default());
    for ((form, spelling), context) in forms.iter().zip(spellings).zip(contexts) {
        let class = classes.entry(spelling.key.as_str()).or_default();
        class.givens.extend(&context.givens);
        class.followers.extend(&context.followers);
        class.feminine |= context.feminine;
        class.as_given += context.as_given;
        class.count += form.count;
    }
    let class_of = |form: usize| &classes[spellings[form].key.as_str()];
    let ignored = |form: usize| settings.ignore.contains(&spellings[form].key);
    let params = &settings.params;
    // Whether every name in `mine` (next to one form) is a name in `theirs` (next to the
    // other): the same name, or that name in the case `ending` marks, unless it may be a
    // feminine given name of its own (`Ivana` beside `Ivan`, `Paula` beside `Paul`).
    let agree = |mine: &BTreeSet<usize>,
                 theirs: &BTreeSet<usize>,
                 ending: Option<&str>,
                 given_names: bool| {
        mine.iter().all(|&x| {
            theirs.iter().any(|&y| {
                spellings[x].key == spellings[y].key
                    || ending.is_some_and(|e| {
                        cluster::inflection_ending(&spellings[x], &spellings[y].key, params)
                            .is_some_and(|f| {
                                inflection::same_case(e, f)
                                    && !(given_names
                                        && inflection::may_be_feminine(&spellings[y].plain, f))
                            })
                    })
            })
        })
    };
    let accepted = links
        .into_iter()
        .filter(|link| !ignored(link.a) && !ignored(link.b))
        .filter(|&Link { a, b, evidence }| {
            let (base, form) = (class_of(a), class_of(b));
            match evidence {
                Evidence::Same => true,
                Evidence::Inflected => {
                    let ending =
                        cluster::inflection_ending(&spellings[b], &spellings[a].key, params);
                    let as_given = form.as_given * 2 > form.count;
                    let base_is_given = base.as_given * 2 > base.count;
                    let feminine_ending =
                        ending.is_some_and(|e| inflection::may_be_feminine(&spellings[a].plain, e));
                    // A title such as `Ms.`, or a given name with an `-a` that may be
                    // a feminine name of its own (`Ivana` beside `Ivan Petrov`).
                    let another_person = form.feminine || (base_is_given && feminine_ending);
                    !another_person
                        && agree(&form.givens, &base.givens, ending, true)
                        && (!as_given
                            || (!form.followers.is_empty()
                                && !feminine_ending
                                && agree(&form.followers, &base.followers, ending, false)))
                }
                Evidence::Romanised | Evidence::Near => {
                    // Two given names followed by different surnames are two people
                    // (`Marc Dupont`, `Mark Evans`); so are a given name and a name never
                    // used as one (`Petro Poroshenko`, `Petrov`; `Yuri`, `Jury`), unless
                    // both are East Asian, where the surname comes first (`Zhou Xin`).
                    let given = |class: &Class| class.as_given * 2 > class.count;
                    let east_asian = evidence == Evidence::Romanised
                        && romanise::is_east_asian(&spellings[a].plain)
                        && romanise::is_east_asian(&spellings[b].plain);
                    let roles_differ = !east_asian
                        && ((given(base) && form.as_given == 0)
                            || (given(form) && base.as_given == 0));
                    let followers_differ = !base.followers.is_empty()
                        && !form.followers.is_empty()
                        && !agree(&form.followers, &base.followers, None, false)
                        && !agree(&base.followers, &form.followers, None, false);
                    !roles_differ
                        && !followers_differ
                        && (base.givens.is_empty()
                            || form.givens.is_empty()
                            || agree(&form.givens, &base.givens, None, true)
                            || agree(&base.givens, &form.givens, None, true))
                }
            }
        });
    cluster::groups(forms.len(), accepted)
}

/// Links between the forms that are one word in other capitals, singular and plural
/// folded (`E-Cards`, `E-card`, `e-card`), when the forms of that word differ in more than
/// number: each form is linked to the word's first form.
fn case_links(forms: &[candidates::Form]) -> Vec<Link> {
    let mut words: Vec<(u64, usize)> = forms
        .iter()
        .enumerate()
        .map(|(index, form)| {
            (
                candidates::hash_lowercase(candidates::number_key(&form.text)),
                index,
            )
        })
        .collect();
    words.sort_unstable();
    let mut links = Vec::new();
    for word in words
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|word| word.len() > 1)
    {
        let first = word[0].1;
        let model = &forms[first].text;
        let same: Vec<usize> = word[1..]
            .iter()
            .map(|&(_, form)| form)
            .filter(|&form| recase(&forms[form].text, model).is_some())
            .collect();
        let differ = same
            .iter()
            .any(|&form| recase(&forms[form].text, model).as_deref() != Some(&*forms[form].text));
        if differ {
            links.extend(same.into_iter().map(|form| Link {
                a: first,
                b: form,
                evidence: Evidence::Same,
            }));
        }
    }
    links
}

/// `found` written with the capitals of `model`, when the two are one word, singular or
/// plural (`e-card` after `E-Cards` → `E-Card`; `E-cards` after `E-Card` → `E-Cards`);
/// `None` when their letters differ otherwise.
fn recase(found: &str, model: &str) -> Option<String> {
    let (word, number) = found.split_at(candidates::singular(found).len());
    let model = candidates::singular(model);
    if word.chars().count() != model.chars().count() {
        return None;
    }
    let mut recased = String::with_capacity(found.len());
    for (letter, capital) in word.chars().zip(model.chars()) {
        if !letter.to_lowercase().eq(capital.to_lowercase()) {
            return None;
        }
        if capital.is_uppercase() {
            recased.extend(letter.to_uppercase());
        } else if capital.is_lowercase() {
            recased.extend(letter.to_lowercase());
        } else {
            recased.push(letter);
        }
    }
    recased.push_str(number);
    Some(recased)
}

/// The canonical member of a group without a glossary entry: among the forms that are
/// not a case form of another member nor written in lowercase, the one introduced
/// earliest with a given name, else the most frequent (its uses in the other number
/// counted: `E-Card` with `E-Cards`), else the earliest.
fn choose(
    group: &[usize],
    spellings: &[Spelling],
    contexts: &[Context],
    forms: &[candidates::Form],
    params: &cluster::Params,
) -> usize {
    let inflected = |m: usize| {
        group
            .iter()
            .any(|&o| o != m && cluster::is_inflected(&spellings[m], &spellings[o].key, params))
    };
    // A name written in lowercase is never the canonical form beside a capitalised one.
    let capitalised = |m: usize| !forms[m].text.starts_with(char::is_lowercase);
    let any_capitalised = group.iter().any(|&m| capitalised(m));
    let bases: Vec<usize> = group
        .iter()
        .copied()
        .filter(|&m| !inflected(m) && (capitalised(m) || !any_capitalised))
        .collect();
    let pool = if bases.is_empty() {
        group.to_vec()
    } else {
        bases
    };
    if let Some(&introduced) = pool
        .iter()
        .filter(|&&m| contexts[m].first_with_given.is_some())
        .min_by_key(|&&m| contexts[m].first_with_given)
    {
        return introduced;
    }
    // Uses of the form, singular and plural, in its capitals.
    let uses = |m: usize| -> usize {
        group
            .iter()
            .filter(|&&o| {
                recase(&forms[o].text, &forms[m].text).as_deref() == Some(&*forms[o].text)
            })
            .map(|&o| forms[o].count)
            .sum()
    };
    *pool
        .iter()
        .max_by_key(|&&m| (uses(m), std::cmp::Reverse(contexts[m].first)))
        .expect("a group has members")
}

fn message(
    found: &str,
    canonical: &str,
    evidence: Option<Evidence>,
    usage: &str,
    glossary: bool,
    introduced: Option<usize>,
) -> String {
    let why = match evidence {
        Some(Evidence::Same) if found.replace('.', "") == canonical.replace('.', "") => {
            "the acronym, with other full stops, of"
        }
        Some(Evidence::Same) if found.to_lowercase() == canonical.to_lowercase() => {
            "a different capitalisation of"
        }
        Some(Evidence::Same) => "a different spelling of",
        Some(Evidence::Inflected) => "a case-inflected form of",
        Some(Evidence::Romanised) => "another romanisation of",
        _ => "a near spelling of",
    };
    let source = match (glossary, introduced) {
        (true, Some(line)) => format!("the glossary spelling, used on line {line}"),
        (true, None) => "the glossary spelling".to_string(),
        (false, Some(line)) => format!("introduced on line {line}"),
        (false, None) => "the canonical form".to_string(),
    };
    format!("`{found}` is {why} `{canonical}` ({source}); forms: {usage}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variants(text: &str, settings: &Settings) -> Vec<(String, String, bool)> {
        let document = Document::from_text("t", text);
        analyse(&document, settings)
            .variants
            .into_iter()
            .map(|v| (document.text()[v.span].to_string(), v.suggestion, v.strong))
            .collect()
    }

    #[test]
    fn the_message_counts_the_forms_and_names_the_line_of_the_canonical_form() {
        let text = "Kurmanbek Bakiev ruled.\nBakiyev fled.\nBakiyev wrote.\nBakiev stayed.";
        let document = Document::from_text("t", text);
        let analysis = analyse(&document, &Settings::default());
        assert_eq!(analysis.variants.len(), 2);
        assert_eq!(
            analysis.variants[0].message,
            "`Bakiyev` is a different spelling of `Bakiev` (introduced on line 1); \
             forms: `Bakiev` 2×, `Bakiyev` 2×"
        );
        assert_eq!(
            analysis.names(),
            [("Bakiev".to_string(), 4), ("Kurmanbek".to_string(), 1)]
        );
    }

    #[test]
    fn apostrophe_and_hyphen_styles_are_not_name_variants() {
        assert!(variants("Conor O'Brien spoke. O’Brien left.", &Settings::default()).is_empty());
    }

    #[test]
    fn near_spellings_alone_are_weak_evidence() {
        assert_eq!(
            variants(
                "Kazimirchuk spoke. Kazimirchuk left. Kazimirchyk returned.",
                &Settings::default()
            ),
            [("Kazimirchyk".to_string(), "Kazimirchuk".to_string(), false)]
        );
    }

    #[test]
    fn the_glossary_overrides_the_chosen_form_even_for_a_lone_spelling() {
        let settings = Settings {
            glossary: vec![("Tokaev".to_string(), Spelling::new("Tokaev"))],
            ..Settings::default()
        };
        assert_eq!(
            variants("Kassym-Jomart Tokayev spoke. Tokaev left.", &settings),
            [("Tokayev".to_string(), "Tokaev".to_string(), true)]
        );
        assert_eq!(
            variants("Tokayev spoke. Tokayeva's aides left.", &settings),
            [
                ("Tokayev".to_string(), "Tokaev".to_string(), true),
                ("Tokayeva".to_string(), "Tokaev".to_string(), true),
            ]
        );
    }

    fn found(text: &str) -> Vec<(String, String, bool)> {
        variants(text, &Settings::default())
    }

    fn variant(found: &str, suggestion: &str) -> (String, String, bool) {
        (found.to_string(), suggestion.to_string(), true)
    }

    #[test]
    fn recasing_keeps_the_number_of_the_found_form() {
        assert_eq!(recase("e-card", "E-Cards").as_deref(), Some("E-Card"));
        assert_eq!(recase("E-cards", "E-Card").as_deref(), Some("E-Cards"));
        assert_eq!(recase("élysée", "Élysée").as_deref(), Some("Élysée"));
        assert_eq!(recase("E-cart", "E-Card"), None);
        assert_eq!(recase("E-Cardss", "E-Card"), None);
    }

    #[test]
    fn a_name_in_other_capitals_is_reported_in_its_own_number() {
        assert_eq!(
            found("E-Cards E-Cards is a card game. E-cards are sold, and he won with an e-card."),
            [variant("E-cards", "E-Cards"), variant("e-card", "E-Card")]
        );
        // A plural in the same capitals is no variant.
        assert_eq!(
            found("E-Card is a game. Two E-Cards are dealt, and he won with an e-card."),
            [variant("e-card", "E-Card")]
        );
    }

    #[test]
    fn the_capitals_used_most_win_singular_and_plural_counted_together() {
        assert_eq!(
            found("■ E-Card A game for two. E-cards are sold. He plays the E-card daily."),
            [variant("E-Card", "E-card")]
        );
    }

    #[test]
    fn common_words_titles_and_sentence_starts_are_not_names_in_lowercase() {
        for text in [
            "E-Mail is free. Send an E-Mail or an e-mail, and an e-mail again.",
            "X-Ray Shows Hidden Sketch\nAn x-ray of the canvas showed it.",
            "Night-Market Opens In Town\nA night-market opened, and the night-market grew.",
            "Long-range missiles flew. Long-range strikes hit, and long-range fire went on.",
            "Loans to Small and Medium-Sized Businesses. Medium-sized firms grew, as medium-sized firms do.",
            "The Times said it, the Times wrote, the Times added. At the time few knew.",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn ignored_spellings_are_neither_flagged_nor_linked() {
        let settings = Settings {
            ignore: [super::super::key::key("Bakiev")].into_iter().collect(),
            ..Settings::default()
        };
        assert!(variants("Kurmanbek Bakiyev fled. Bakiev left.", &settings).is_empty());
    }
}
