//! Which spellings belong together: links between spellings that share a key, that are an
//! inflected form of one another, or that are near spellings, found through hash indexes
//! (by key, by base, and by a deletion index for near spellings) so that the work grows
//! with the number of spellings, never with the number of pairs.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet, FxHasher};
use std::hash::Hasher;

use super::inflection;
use super::key;
use super::romanise;

/// The longest key compared as a near spelling: edit distances stay cheap on any input.
const MAX_NEAR_LENGTH: usize = 64;

/// The thresholds of clustering; every one is a rule parameter (see `rules/names.toml`).
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Shortest stem (in letters) an inflected form may have: `Ivan` + `a` needs 4.
    pub min_stem_length: usize,
    /// Largest edit distance (Damerau–Levenshtein, on keys) between near spellings; 0 turns
    /// near spellings off, at most 2.
    pub near_distance: usize,
    /// Shortest key (in letters) that near spellings are looked for.
    pub near_min_length: usize,
    /// Lowest Jaro–Winkler similarity of the keys of near spellings.
    pub near_similarity: f64,
    /// How many leading letters near spellings must share (`Akayev`/`Bakiev` share none).
    pub shared_prefix: usize,
    /// Largest block of the near-spelling index that is compared; bigger blocks are
    /// too unspecific to say anything and are skipped.
    pub max_block: usize,
    /// Shortest key (in letters) that a spelling with one more final consonant is linked
    /// to as a near spelling (`Weimin`/`Weiming`); 0 turns these links off.
    pub final_letter_min_length: usize,
    /// Whether inflected forms are linked (across articles they are not).
    pub inflection: bool,
    /// Whether the links that only an article's context can confirm are made: romanisation
    /// equivalents and a final letter (`Marc`/`Mark` across articles are as likely two
    /// people, and nothing there tells).
    pub contextual: bool,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            min_stem_length: 4,
            near_distance: 1,
            near_min_length: 6,
            near_similarity: 0.9,
            shared_prefix: 2,
            max_block: 64,
            final_letter_min_length: 5,
            inflection: true,
            contextual: true,
        }
    }
}

/// One spelling to cluster: its [`key::plain`] form, its [`key::key`] and, when another
/// romanisation would write it otherwise, its [`romanise::loose`] key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spelling {
    /// The plain form, where inflection endings are looked for.
    pub plain: String,
    /// The comparison key.
    pub key: String,
    /// The loose key, when it differs from the key (`ono` for `Ohno`).
    pub loose: Option<String>,
}

impl Spelling {
    /// The spelling of `text`.
    pub fn new(text: &str) -> Self {
        let plain = key::plain(text);
        let key = key::fold(&plain);
        Self {
            loose: romanise::loose(&plain, &key),
            key,
            plain,
        }
    }

    /// The loose key, or the key when there is no other.
    pub fn loose_key(&self) -> &str {
        self.loose.as_deref().unwrap_or(&self.key)
    }
}

/// Why two spellings are linked, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Evidence {
    /// The same key: case, diacritics, hyphens or transliteration letters differ.
    Same,
    /// One is the other plus a case ending.
    Inflected,
    /// Another romanisation of the same sounds (`Ohno`/`Ono`, `Chou`/`Zhou`): strong,
    /// unless the context says they are two people.
    Romanised,
    /// Near spellings with no pattern that explains them: weak evidence.
    Near,
}

/// A link between two spellings (indices into the list given to [`links`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    /// The first spelling; for [`Evidence::Inflected`], the base.
    pub a: usize,
    /// The second spelling; for [`Evidence::Inflected`], the inflected form.
    pub b: usize,
    /// Why they are linked.
    pub evidence: Evidence,
}

/// How `spelling` relates to `other`, if it is a variant of it: the same key, an
/// inflected form of it, or (by [`links`]' near-spelling test) a near spelling.
pub fn relation(spelling: &Spelling, other: &Spelling, params: &Params) -> Option<Evidence> {
    if spelling.key == other.key {
        Some(Evidence::Same)
    } else if params.inflection && is_inflected(spelling, &other.key, params) {
        Some(Evidence::Inflected)
    } else if params.contextual && spelling.loose_key() == other.loose_key() {
        Some(Evidence::Romanised)
    } else if is_near(&spelling.key, &other.key, params)
        || (params.contextual && is_final_letter(&spelling.key, &other.key, params))
    {
        Some(Evidence::Near)
    } else {
        None
    }
}

/// Whether `spelling` is a case form of a spelling whose key is `base_key`.
pub fn is_inflected(spelling: &Spelling, base_key: &str, params: &Params) -> bool {
    inflection_ending(spelling, base_key, params).is_some()
}

/// The case ending that makes `spelling` out of a spelling whose key is `base_key`.
pub fn inflection_ending(
    spelling: &Spelling,
    base_key: &str,
    params: &Params,
) -> Option<&'static str> {
    inflection::bases(&spelling.plain, params.min_stem_length)
        .into_iter()
        .find(|base| key::fold(&base.plain) == base_key)
        .map(|base| base.ending)
}

/// Every link among `spellings`: one per pair of spellings with the same key (chained),
/// one per inflected form and base, one per spelling whose loose key is another's key or
/// loose key, and one per pair of near spellings.
pub fn links(spellings: &[Spelling], params: &Params) -> Vec<Link> {
    // Spellings sorted by key, in input order within a key: each run of one key is a
    // class, and the keys can be looked up by binary search.
    let mut by_key: Vec<usize> = (0..spellings.len()).collect();
    by_key.sort_by(|&a, &b| spellings[a].key.cmp(&spellings[b].key));
    let mut links = Vec::new();
    let mut keys: Vec<(&str, usize)> = Vec::new();
    for members in by_key.chunk_by(|&a, &b| spellings[a].key == spellings[b].key) {
        keys.push((spellings[members[0]].key.as_str(), members[0]));
        links.extend(members.windows(2).map(|pair| Link {
            a: pair[0],
            b: pair[1],
            evidence: Evidence::Same,
        }));
    }
    if params.inflection {
        for (index, spelling) in spellings.iter().enumerate() {
            for base in inflection::bases(&spelling.plain, params.min_stem_length) {
                let base_key = key::fold(&base.plain);
                if let Ok(found) = keys.binary_search_by(|(key, _)| (*key).cmp(&base_key)) {
                    links.push(Link {
                        a: keys[found].1,
                        b: index,
                        evidence: Evidence::Inflected,
                    });
                }
            }
        }
    }
    if params.contextual {
        links.extend(romanised_links(spellings, &keys));
        links.extend(final_letter_links(&keys, params));
    }
    links.extend(near_links(&keys, params));
    links
}

/// Links through loose keys: a spelling whose loose key is another's key, and spellings
/// that share a loose key but not a key (`Chow`, `Chou`). Only the few spellings with a
/// loose key are looked at: each is looked up in the sorted `keys`.
fn romanised_links(spellings: &[Spelling], keys: &[(&str, usize)]) -> Vec<Link> {
    let link = |a: usize, b: usize| Link {
        a: a.min(b),
        b: a.max(b),
        evidence: Evidence::Romanised,
    };
    let mut loose: Vec<(&str, usize)> = spellings
        .iter()
        .enumerate()
        .filter_map(|(index, spelling)| spelling.loose.as_deref().map(|key| (key, index)))
        .collect();
    let mut found = Vec::new();
    for &(key, index) in &loose {
        if let Ok(at) = keys.binary_search_by(|(other, _)| (*other).cmp(key)) {
            found.push(link(keys[at].1, index));
        }
    }
    loose.sort_unstable();
    for members in loose.chunk_by(|a, b| a.0 == b.0) {
        found.extend(
            members
                .windows(2)
                .filter(|pair| spellings[pair[0].1].key != spellings[pair[1].1].key)
                .map(|pair| link(pair[0].1, pair[1].1)),
        );
    }
    found
}

/// Whether the longer of two keys is the shorter plus one final consonant that no English
/// ending adds (`weimin`/`weiming`, `dupon`/`dupont`, `hanna`/`hannah`; not `russia`/
/// `russian`, `israel`/`israeli`, `kazakh`/`kazakhs`, `marin`/`marine`): after a vowel only
/// an `h`.
pub fn is_final_letter(a: &str, b: &str, params: &Params) -> bool {
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    params.final_letter_min_length > 0
        && short.len() >= params.final_letter_min_length
        && long.len() == short.len() + 1
        && long.starts_with(short)
        && long.is_ascii()
        && {
            let added = long.as_bytes()[short.len()];
            let after_vowel = short.as_bytes().last().copied().is_some_and(key::is_vowel);
            added.is_ascii_lowercase()
                && !key::is_vowel(added)
                && !matches!(added, b's' | b'n' | b'y')
                && (!after_vowel || added == b'h')
        }
}

/// Links between keys that differ by one final consonant ([`is_final_letter`]), found by
/// looking the shorter key up in the sorted `keys`.
fn final_letter_links(keys: &[(&str, usize)], params: &Params) -> Vec<Link> {
    let mut found = Vec::new();
    if params.final_letter_min_length == 0 {
        return found;
    }
    for &(long, member) in keys {
        if long.len() <= params.final_letter_min_length || !long.is_ascii() {
            continue;
        }
        let short = &long[..long.len() - 1];
        if let Ok(at) = keys.binary_search_by(|(key, _)| (*key).cmp(short)) {
            if is_final_letter(short, long, params) {
                let other = keys[at].1;
                found.push(Link {
                    a: other.min(member),
                    b: other.max(member),
                    evidence: Evidence::Near,
                });
            }
        }
    }
    found
}

/// Near spellings among distinct keys (each with a representative spelling), found
/// through a deletion index: two keys within edit distance `d` share a variant with at
/// most `d` letters deleted, so only keys in one block are ever compared.
fn near_links(keys: &[(&str, usize)], params: &Params) -> Vec<Link> {
    let distance = params.near_distance.min(2);
    if distance == 0 {
        return Vec::new();
    }
    // Near spellings share their first letters and their last (see `is_near`): only keys
    // whose letters are shared so by another key need their deletion variants.
    let eligible = |key: &str| {
        (params.near_min_length..=MAX_NEAR_LENGTH).contains(&key.len()) && key.is_ascii()
    };
    let ends = |key: &str| {
        let bytes = key.as_bytes();
        let mut hasher = FxHasher::default();
        hasher.write(&bytes[..params.shared_prefix.min(bytes.len())]);
        hasher.write_u8(bytes.last().copied().unwrap_or_default());
        hasher.finish()
    };
    let mut keys_by_ends: HashMap<u64, u32> =
        HashMap::with_capacity_and_hasher(keys.len(), Default::default());
    for (key, _) in keys.iter().filter(|(key, _)| eligible(key)) {
        *keys_by_ends.entry(ends(key)).or_default() += 1;
    }
    // (variant hash, key id), sorted: each run of one hash is a block.
    let mut entries: Vec<(u64, u32)> = Vec::new();
    let mut variants = Vec::new();
    for (id, (key, _)) in keys.iter().enumerate() {
        if !eligible(key) || keys_by_ends[&ends(key)] < 2 {
            continue;
        }
        variants.clear();
        deletion_hashes(key.as_bytes(), distance, &mut variants);
        variants.sort_unstable();
        variants.dedup();
        entries.extend(variants.iter().map(|&hash| (hash, id as u32)));
    }
    entries.sort_unstable();
    let mut seen: HashSet<(u32, u32)> = HashSet::default();
    let mut found = Vec::new();
    for block in entries.chunk_by(|a, b| a.0 == b.0) {
        if block.len() < 2 || block.len() > params.max_block {
            continue;
        }
        for (i, &(_, p)) in block.iter().enumerate() {
            for &(_, q) in &block[i + 1..] {
                if !seen.insert((p.min(q), p.max(q))) {
                    continue;
                }
                let (a, b) = (keys[p as usize], keys[q as usize]);
                if is_near(a.0, b.0, params) {
                    found.push(Link {
                        a: a.1.min(b.1),
                        b: a.1.max(b.1),
                        evidence: Evidence::Near,
                    });
                }
            }
        }
    }
    found
}

/// Hashes of `key` with every choice of up to `deletions` letters deleted.
fn deletion_hashes(key: &[u8], deletions: usize, out: &mut Vec<u64>) {
    let hash_without = |skip: &[usize]| {
        let mut hasher = FxHasher::default();
        for (at, &byte) in key.iter().enumerate() {
            if !skip.contains(&at) {
                hasher.write_u8(byte);
            }
        }
        hasher.write_u8(0xff);
        hasher.finish()
    };
    out.push(hash_without(&[]));
    for first in 0..key.len() {
        out.push(hash_without(&[first]));
        if deletions > 1 {
            for second in first + 1..key.len() {
                out.push(hash_without(&[first, second]));
            }
        }
    }
}

/// Whether two different keys are near spellings: long enough, sharing their first
/// letters and their last, neither a prefix of the other (that is a derivation such as
/// `Russia`/`Russian`), within the edit distance and similar enough.
pub fn is_near(a: &str, b: &str, params: &Params) -> bool {
    if params.near_distance == 0 || a == b || a.starts_with(b) || b.starts_with(a) {
        return false;
    }
    let plural = |one: &str, many: &str| {
        one.strip_suffix("man")
            .is_some_and(|stem| many.strip_suffix("men") == Some(stem))
    };
    if plural(a, b) || plural(b, a) {
        return false;
    }
    let long_enough =
        |k: &str| (params.near_min_length..=MAX_NEAR_LENGTH).contains(&k.chars().count());
    long_enough(a)
        && long_enough(b)
        && a.chars().count().abs_diff(b.chars().count()) <= params.near_distance
        && a.chars()
            .take(params.shared_prefix)
            .eq(b.chars().take(params.shared_prefix))
        && a.chars().next_back() == b.chars().next_back()
        && strsim::damerau_levenshtein(a, b) <= params.near_distance
        && strsim::jaro_winkler(a, b) >= params.near_similarity
}

/// Groups of linked items: union–find over `count` items. Every group of two or more is
/// returned, members in increasing order, groups ordered by their first member.
pub fn groups(count: usize, links: impl IntoIterator<Item = Link>) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..count).collect();
    fn root(parent: &mut [usize], mut item: usize) -> usize {
        while parent[item] != item {
            parent[item] = parent[parent[item]];
            item = parent[item];
        }
        item
    }
    let mut joined = false;
    for link in links {
        if link.a >= count || link.b >= count {
            continue;
        }
        let (a, b) = (root(&mut parent, link.a), root(&mut parent, link.b));
        if a != b {
            parent[a.max(b)] = a.min(b);
            joined = true;
        }
    }
    if !joined {
        return Vec::new();
    }
    // A root is never given a parent larger than itself, so each group's root is its
    // smallest member: met first, in increasing order, it opens the group's slot.
    let roots: Vec<usize> = (0..count).map(|item| root(&mut parent, item)).collect();
    let mut sizes = vec![0_usize; count];
    for &r in &roots {
        sizes[r] += 1;
    }
    let mut slots = vec![usize::MAX; count];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (item, &r) in roots.iter().enumerate() {
        if sizes[r] < 2 {
            continue;
        }
        if slots[r] == usize::MAX {
            slots[r] = groups.len();
            groups.push(Vec::with_capacity(sizes[r]));
        }
        groups[slots[r]].push(item);
    }
    groups
}

/// Clusters `spellings` with no context at all (the corpus pass and the benchmark):
/// [`links`], then [`groups`].
pub fn cluster(spellings: &[Spelling], params: &Params) -> Vec<Vec<usize>> {
    groups(spellings.len(), links(spellings, params))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(words: &[&str], params: &Params) -> Vec<Vec<String>> {
        let spellings: Vec<Spelling> = words.iter().map(|w| Spelling::new(w)).collect();
        cluster(&spellings, params)
            .into_iter()
            .map(|g| g.into_iter().map(|i| words[i].to_string()).collect())
            .collect()
    }

    /// Groups found by merging member lists until no link joins two of them.
    fn groups_slowly(count: usize, pairs: &[(usize, usize)]) -> Vec<Vec<usize>> {
        let mut sets: Vec<Vec<usize>> = (0..count).map(|item| vec![item]).collect();
        for &(a, b) in pairs.iter().filter(|&&(a, b)| a < count && b < count) {
            let find = |sets: &[Vec<usize>], x| sets.iter().position(|s| s.contains(&x));
            let (Some(i), Some(j)) = (find(&sets, a), find(&sets, b)) else {
                continue;
            };
            if i != j {
                let moved = sets.remove(i.max(j));
                sets[i.min(j)].extend(moved);
            }
        }
        let mut groups: Vec<Vec<usize>> = sets.into_iter().filter(|s| s.len() > 1).collect();
        groups.iter_mut().for_each(|g| g.sort_unstable());
        groups.sort_unstable();
        groups
    }

    proptest::proptest! {
        #[test]
        fn groups_are_the_connected_items_in_order(
            count in 0_usize..12,
            pairs in proptest::collection::vec((0_usize..14, 0_usize..14), 0..12),
        ) {
            let links = pairs.iter().map(|&(a, b)| Link { a, b, evidence: Evidence::Near });
            proptest::prop_assert_eq!(groups(count, links), groups_slowly(count, &pairs));
        }
    }

    #[test]
    fn groups_are_listed_by_their_first_member() {
        let link = |a, b| Link {
            a,
            b,
            evidence: Evidence::Same,
        };
        assert_eq!(
            groups(7, [link(5, 2), link(4, 1), link(3, 1), link(6, 6)]),
            [vec![1, 3, 4], vec![2, 5]]
        );
        assert!(groups(3, [link(1, 1), link(0, 9)]).is_empty());
    }

    #[test]
    fn variants_cluster() {
        let words = [
            "Bakiev",
            "Akayev",
            "Bakiyev",
            "Ukibay",
            "Ukibaya",
            "Zelenskogo",
            "Zelensky",
            "Kazimirchuk",
            "Kazimirchyk",
            "Erdoğan",
            "Erdogan",
        ];
        assert_eq!(
            texts(&words, &Params::default()),
            [
                vec!["Bakiev", "Bakiyev"],
                vec!["Ukibay", "Ukibaya"],
                vec!["Zelenskogo", "Zelensky"],
                vec!["Kazimirchuk", "Kazimirchyk"],
                vec!["Erdoğan", "Erdogan"],
            ]
        );
    }

    #[test]
    fn derivations_and_look_alikes_do_not() {
        let words = [
            "Russia",
            "Russian",
            "Russians",
            "Kazakh",
            "Kazakhstan",
            "Kazakhstani",
            "Ukraine",
            "Ukrainian",
            "China",
            "Chinese",
            "Austria",
            "Australia",
            "Akayev",
            "Bakiev",
            "Marina",
            "Marino",
            "Congressman",
            "Congressmen",
        ];
        assert!(texts(&words, &Params::default()).is_empty());
    }

    #[test]
    fn inflection_can_be_turned_off() {
        let params = Params {
            inflection: false,
            ..Params::default()
        };
        assert!(texts(&["Ukibay", "Ukibaya"], &params).is_empty());
    }

    #[test]
    fn relation_names_the_evidence() {
        let p = Params::default();
        let s = Spelling::new;
        assert_eq!(
            relation(&s("Bakiyev"), &s("Bakiev"), &p),
            Some(Evidence::Same)
        );
        assert_eq!(
            relation(&s("Ukibaya"), &s("Ukibay"), &p),
            Some(Evidence::Inflected)
        );
        assert_eq!(
            relation(&s("Kazimirchyk"), &s("Kazimirchuk"), &p),
            Some(Evidence::Near)
        );
        assert_eq!(relation(&s("Akayev"), &s("Bakiev"), &p), None);
    }
}
