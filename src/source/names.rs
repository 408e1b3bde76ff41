//! Proper names of the source, romanised and paired with the names of the translation.
//!
//! The worst name errors of machine translation cannot be seen in the English alone: a
//! surname translated as the common word it also is (`Заяц` → `Hare`, `Соловьёв` →
//! `Nightingale`), one person swapped for another. With the source at hand they can: each
//! source name is romanised and looked for among the target paragraph's words; a source
//! name that no target word comes close to is reported, with the source word and its
//! romanisation (`Заяц`, `Zayats`).
//!
//! - **Candidates.** In Cyrillic text: capitalised words that are not abbreviations,
//!   sentence-initial only when the paragraph also uses the word mid-sentence (without a
//!   dictionary, `Однако` at the start of a sentence is indistinguishable from a name).
//!   In Japanese: katakana runs written as foreign personal names (with the middle dot
//!   `・`, or before a title such as `氏`, `大統領`); other katakana words are loanwords
//!   (`ワクチン`, vaccine), which an English translation rightly renders as common words.
//!   Japanese names in kanji cannot be read without a dictionary (`中村` may be Nakamura
//!   or Nakamure) and are skipped; Chinese has no word boundaries to find names by, so
//!   only [`romanise`] serves it (pinyin readings, from `any_ascii`).
//! - **Inflection.** Russian names are inflected (`Путина`, `Путину`, `Зеленского`): case
//!   endings are taken off crudely (every ending that leaves a stem of three letters), and
//!   a stem matches a target word that begins with it.
//! - **Romanisation.** Russian by BGN/PCGN (1947, as simplified by news agencies: no
//!   diacritics, `ё` as `yo` or `e`), Ukrainian by the national system (KMU 2010), Kazakh and
//!   Belarusian letters added; then [`crate::names::key::key`] folds away the choices that
//!   separate the systems, so `Зеленский` meets `Zelensky`, `Zelenskiy` and `Zelenskyy`.
//!   Katakana by Hepburn (`wana_kana`), compared by consonant skeleton, because English
//!   spellings drop the vowels Japanese adds (`トランプ` toranpu, Trump).
//! - **Exonyms.** Places and institutions whose English name is a translation, not a
//!   transliteration (`Москва` Moscow, `Германия` Germany, `Госдума` State Duma), are
//!   looked for by their English form, from a small table.
//!
//! [`unmatched`] alone is too weak a signal for a rule (capitalised common words, translated
//! places and loanwords are missing from human translations too); [`misnamed_in`] reports only
//! what a neighbouring name proves, and is what the `source.names` rule runs.

use std::cell::OnceCell;
use std::collections::HashSet;
use std::ops::Range;

use strsim::normalized_levenshtein;
use wana_kana::ConvertJapanese;

use super::language::Language;
use crate::names::key;

/// A proper name of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceName {
    /// The word as the source writes it: `Путина`, `バイデン`.
    pub word: String,
    /// Its byte range in the source (the first occurrence, when a name recurs).
    pub span: Range<usize>,
    /// The romanisation shown to users: the word's, by the standard system (`Putina`).
    pub romanised: String,
    /// Comparison keys of the word and of its possible stems, romanised every way the
    /// language allows.
    keys: Vec<String>,
    /// English forms to look for instead, for an exonym (`moscow` for `Москва`).
    exonyms: &'static [&'static str],
    /// Whether it is katakana, compared by consonant skeleton.
    kana: bool,
    /// Whether the source gives it a title or honorific (`バイデン大統領`, `田中さん`):
    /// certainly a person's name.
    titled: bool,
    /// The consonants of its romanisations (see [`consonants`]).
    consonants: Vec<String>,
}

/// Russian letters by BGN/PCGN as news agencies simplify it; `е` and `ё` depend on their
/// position and are handled in [`romanise_cyrillic`].
const RUSSIAN: &[(char, &str)] = &[
    ('а', "a"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('д', "d"),
    ('ж', "zh"),
    ('з', "z"),
    ('и', "i"),
    ('й', "y"),
    ('к', "k"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('о', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('у', "u"),
    ('ф', "f"),
    ('х', "kh"),
    ('ц', "ts"),
    ('ч', "ch"),
    ('ш', "sh"),
    ('щ', "shch"),
    ('ъ', ""),
    ('ы', "y"),
    ('ь', ""),
    ('э', "e"),
    ('ю', "yu"),
    ('я', "ya"),
];

/// Ukrainian letters that differ from Russian, by the national system (Cabinet of
/// Ministers of Ukraine resolution 55 of 2010): `г` is `h`, `и` is `y`.
const UKRAINIAN: &[(char, &str)] = &[
    ('г', "h"),
    ('ґ', "g"),
    ('и', "y"),
    ('і', "i"),
    ('ї', "yi"),
    ('є', "ye"),
];

/// Kazakh and Belarusian letters absent from Russian (Kazakh: the 2021 Latin alphabet's
/// choices written in ASCII; Belarusian `ў` as BGN/PCGN writes it).
const OTHER_CYRILLIC: &[(char, &str)] = &[
    ('ә', "a"),
    ('ғ', "g"),
    ('қ', "k"),
    ('ң', "n"),
    ('ө', "o"),
    ('ұ', "u"),
    ('ү', "u"),
    ('һ', "h"),
    ('і', "i"),
    ('ў', "w"),
];

/// Case and adjective endings of Russian (and Ukrainian) nouns and names, longest first.
const ENDINGS: &[&str] = &[
    "ого", "его", "ому", "ему", "ыми", "ими", "ами", "ями", "ой", "ей", "ом", "ем", "ём", "ым",
    "им", "ых", "их", "ую", "юю", "ая", "яя", "ое", "ее", "ые", "ие", "ий", "ый", "а", "я", "у",
    "ю", "е", "ы", "и", "ь",
];

/// Places, institutions and titles whose English name is not a transliteration: a source
/// word starting with the stem is looked for as an English word starting with one of the
/// forms. Common English exonyms of countries, regions and cities, and the institutions
/// and offices Russian capitalises.
const EXONYMS: &[(&str, &[&str])] = &[
    ("австри", &["austria"]),
    ("атлантич", &["atlantic"]),
    ("каир", &["cairo"]),
    ("камбодж", &["cambodia"]),
    ("королевств", &["kingdom"]),
    ("ливи", &["libya"]),
    ("немец", &["german"]),
    ("нижегородск", &["nizhny"]),
    ("нов", &["new"]),
    ("париж", &["paris"]),
    ("пекин", &["beijing"]),
    ("премьер", &["prime", "premier"]),
    ("североатлантич", &["north", "atlantic", "nato"]),
    ("совбез", &["security"]),
    ("союз", &["union", "alliance"]),
    ("средиземн", &["mediterranean"]),
    ("тих", &["pacific"]),
    ("турец", &["turk"]),
    ("француз", &["french", "france"]),
    ("штат", &["states", "us"]),
    ("азербайджан", &["azerbaijan"]),
    ("азия", &["asia"]),
    ("азии", &["asia"]),
    ("америк", &["america", "us"]),
    ("англи", &["england", "english", "britain", "uk"]),
    ("афганистан", &["afghan"]),
    ("африк", &["africa"]),
    ("белорусси", &["belarus"]),
    ("беларус", &["belarus"]),
    ("бельги", &["belgi"]),
    ("британ", &["britain", "british", "uk"]),
    ("великобритани", &["britain", "british", "uk"]),
    ("вашингтон", &["washington"]),
    ("верховн", &["supreme"]),
    ("германи", &["germany", "german"]),
    ("голланди", &["holland", "netherlands", "dutch"]),
    ("госдум", &["duma"]),
    ("государствен", &["state"]),
    ("грузи", &["georgia"]),
    ("греци", &["greece", "greek"]),
    ("дум", &["duma"]),
    ("европ", &["europe", "eu"]),
    ("евросоюз", &["eu", "european"]),
    ("египет", &["egypt"]),
    ("египт", &["egypt"]),
    ("израил", &["israel"]),
    ("инди", &["india"]),
    ("испани", &["spain", "spanish"]),
    ("итали", &["italy", "italian"]),
    ("кавказ", &["caucasus"]),
    ("киев", &["kiev", "kyiv"]),
    ("кита", &["china", "chinese"]),
    ("корея", &["korea"]),
    ("коре", &["korea"]),
    ("кремл", &["kremlin"]),
    ("крым", &["crimea"]),
    ("министерств", &["ministry", "minister", "department"]),
    ("минобороны", &["defense", "defence", "ministry"]),
    ("минздрав", &["health", "ministry"]),
    ("москв", &["moscow"]),
    ("нидерланд", &["netherlands", "dutch"]),
    ("норвеги", &["norway", "norwegian"]),
    ("польш", &["poland", "polish"]),
    ("правительств", &["government", "cabinet"]),
    ("президент", &["president"]),
    ("республик", &["republic"]),
    ("росси", &["russia"]),
    ("румыни", &["romania"]),
    ("санкт", &["st", "saint"]),
    ("северн", &["north"]),
    ("сибир", &["siberia"]),
    ("совет", &["council", "soviet"]),
    ("соединенн", &["united", "us"]),
    ("соединённ", &["united", "us"]),
    ("сири", &["syria"]),
    ("турци", &["turkey", "turkish", "turkiye"]),
    ("украин", &["ukrain"]),
    ("федераци", &["federation", "federal"]),
    ("финлянди", &["finland", "finnish"]),
    ("франци", &["france", "french"]),
    ("центральн", &["central"]),
    ("чехи", &["czech"]),
    ("швеци", &["sweden", "swedish"]),
    ("швейцари", &["switzerland", "swiss"]),
    ("южн", &["south"]),
    ("япони", &["japan"]),
];

/// Words that follow a katakana name in Japanese news: titles and honorifics.
const JAPANESE_TITLES: &[&str] = &[
    "氏",
    "さん",
    "選手",
    "大統領",
    "首相",
    "監督",
    "容疑者",
    "被告",
    "議員",
    "知事",
    "社長",
    "会長",
    "代表",
    "外相",
    "長官",
    "夫妻",
    "君",
    "ちゃん",
    "様",
    "教授",
    "博士",
    "氏ら",
];

/// The proper-name candidates of a source paragraph in `language`, each name once, in
/// order of first occurrence.
pub fn source_names(text: &str, language: &Language) -> Vec<SourceName> {
    match language {
        Language::Japanese => katakana_names(text),
        Language::Chinese | Language::Korean => Vec::new(),
        _ => cyrillic_names(text, language),
    }
}

/// The standard romanisation of a source word: BGN/PCGN for Russian (and for other
/// Cyrillic languages, their own letters added), the national system for Ukrainian,
/// Hepburn for kana, pinyin for hanzi, `any_ascii` for anything else.
pub fn romanise(word: &str, language: &Language) -> String {
    let romanised = match language {
        Language::Ukrainian => romanise_cyrillic(word, true, false),
        Language::Japanese if word.chars().all(is_kana) => capitalise(&word.to_romaji()),
        _ if word.chars().any(is_cyrillic) => romanise_cyrillic(word, false, false),
        _ => any_ascii::any_ascii(word),
    };
    capitalise(&romanised)
}

/// Every romanisation of a Cyrillic word that news writing uses: with `ё` as `yo` and as
/// `e`, and for Ukrainian `г` as `h` and as `g` (the Russian form of a Ukrainian name).
pub fn romanisations(word: &str, language: &Language) -> Vec<String> {
    let ukrainian = *language == Language::Ukrainian;
    let mut all = vec![
        romanise_cyrillic(word, ukrainian, false),
        romanise_cyrillic(word, ukrainian, true),
        romanise_cyrillic(word, !ukrainian, false),
    ];
    // Chinese names reach Russian by the Palladius system, which pinyin spells otherwise:
    // `Цзиньпин` Jinping, `Чжанцзякоу` Zhangjiakou.
    let palladius: Vec<String> = all
        .iter()
        .filter(|r| r.to_lowercase().contains("tsz") || r.to_lowercase().contains("chzh"))
        .map(|r| {
            r.replace("Tsz", "J")
                .replace("tsz", "j")
                .replace("Chzh", "Zh")
                .replace("chzh", "zh")
        })
        .collect();
    all.extend(palladius);
    all.sort();
    all.dedup();
    all
}

/// For each source name, the byte range of the target word it was paired with, or `None`
/// when no word of `target` is a plausible rendering of it.
pub fn pair(names: &[SourceName], target: &str) -> Vec<Option<Range<usize>>> {
    let words = target_words(target);
    names
        .iter()
        .map(|name| {
            words
                .iter()
                .find(|word| renders(name, word))
                .map(|word| word.span.clone())
        })
        .collect()
}

/// The source names that no word of `target` renders.
pub fn unmatched<'a>(names: &'a [SourceName], target: &str) -> Vec<&'a SourceName> {
    pair(names, target)
        .into_iter()
        .zip(names)
        .filter(|(paired, _)| paired.is_none())
        .map(|(_, name)| name)
        .collect()
}

/// A word of the target, with what it is compared by. The skeleton and the consonants
/// are computed when a comparison first needs them: each costs a score of replacements,
/// and a paragraph's words meet only the names of one script (kana names read skeletons,
/// Cyrillic ones consonants), most of them never.
struct TargetWord {
    span: Range<usize>,
    lower: String,
    key: String,
    skeleton: OnceCell<String>,
    consonants: OnceCell<String>,
    capitalised: bool,
}

impl TargetWord {
    /// The word's sound skeleton, as katakana names are compared.
    fn skeleton(&self) -> &str {
        self.skeleton.get_or_init(|| skeleton(&self.lower))
    }

    /// The word's consonants, as names that pass through Russian spelling are compared.
    fn consonants(&self) -> &str {
        self.consonants.get_or_init(|| consonants(&self.lower))
    }
}

fn target_words(target: &str) -> Vec<TargetWord> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in target
        .char_indices()
        .chain(std::iter::once((target.len(), ' ')))
    {
        let inside = c.is_alphanumeric() || (start.is_some() && matches!(c, '-' | '\'' | '’'));
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                let text = crate::names::candidates::strip_possessive(
                    target[s..at].trim_end_matches(['-', '\'', '’']),
                );
                let span = s..s + text.len();
                let plain = key::plain(text);
                words.push(TargetWord {
                    span,
                    lower: plain.clone(),
                    key: key::fold(&plain),
                    skeleton: OnceCell::new(),
                    consonants: OnceCell::new(),
                    capitalised: text.chars().next().is_some_and(char::is_uppercase),
                });
                start = None;
            }
            _ => {}
        }
    }
    words
}

/// Whether a target word is a plausible rendering of a source name.
fn renders(name: &SourceName, word: &TargetWord) -> bool {
    if !name.exonyms.is_empty() && name.exonyms.iter().any(|e| word.lower.starts_with(e)) {
        return true;
    }
    if name.kana {
        let skeleton = word.skeleton();
        return !skeleton.is_empty()
            && name
                .keys
                .iter()
                .any(|k| *k == skeleton || (k.len() >= 3 && as_close(k, skeleton, 0.75)));
    }
    // Lowercase words count too: a capitalised source word that the target renders as a
    // common word close to its romanisation (`Ревакцинация`, revaccination) is a
    // loanword, not a mistranslated name.
    if name.keys.iter().any(|k| similar_key(k, &word.key)) {
        return true;
    }
    // Foreign names pass through Russian spelling (`Льюис` for Lewis, `Даунс` for Downs):
    // their consonants survive where their vowels do not; so do loanwords' (`Вакцина`,
    // vaccine). Skeletons of two letters meet capitalised words only, since they match
    // many common words by chance.
    let consonants = word.consonants();
    !consonants.is_empty()
        && name.consonants.iter().any(|c| {
            (word.capitalised && c.len() >= 2 && *c == consonants)
                || (c.len() >= 3 && consonants.len() >= 3 && as_close(c, consonants, 0.75))
        })
}

/// Whether a source key (of a word or a stem) and a target key are one name: equal, the
/// target starting with the stem (an English word keeps no case ending, or leaks one), or
/// close in spelling.
fn similar_key<'a>(source: &'a str, target: &'a str) -> bool {
    if source.len() < 2 || target.is_empty() {
        return false;
    }
    if source == target {
        return true;
    }
    if target.starts_with(source)
        && (source.len() >= 3 && target.len() <= source.len() + 4
            || target.len() == source.len() + 1)
    {
        return true;
    }
    if target.len() >= 3 && source.starts_with(target) && source.len() <= target.len() + 3 {
        return true;
    }
    let common = source.len().min(target.len()) + 1;
    let clip = |s: &'a str| s.get(..common.min(s.len())).unwrap_or(s);
    as_close(source, target, 0.7)
        || (source.len() >= 4 && as_close(clip(source), clip(target), 0.75))
}

/// Whether the normalised Levenshtein similarity of `a` and `b` reaches `threshold`,
/// first ruling out most pairs by a bound far cheaper than the distance: an edit removes
/// at most one of the letters `a` has more of than `b`, and one of those `b` has more
/// of, so the distance is at least the larger of the two counts. ASCII only (the keys);
/// other text goes straight to the distance.
fn as_close(a: &str, b: &str, threshold: f64) -> bool {
    if a.is_ascii() && b.is_ascii() {
        let mut counts = [0i32; 128];
        for &c in a.as_bytes() {
            counts[usize::from(c)] += 1;
        }
        for &c in b.as_bytes() {
            counts[usize::from(c)] -= 1;
        }
        let (mut a_more, mut b_more) = (0i32, 0i32);
        for &c in a.as_bytes().iter().chain(b.as_bytes()) {
            let count = &mut counts[usize::from(c)];
            if *count > 0 {
                a_more += *count;
            } else {
                b_more -= *count;
            }
            *count = 0;
        }
        let longest = a.len().max(b.len());
        let most = f64::from(a_more.max(b_more));
        if longest > 0 && 1.0 - most / (longest as f64) < threshold {
            return false;
        }
    }
    normalized_levenshtein(a, b) >= threshold
}

fn cyrillic_names(text: &str, language: &Language) -> Vec<SourceName> {
    let words = cyrillic_words(text);
    let mid_sentence = mid_sentence(&words);
    let mut seen = HashSet::new();
    let mut names = Vec::new();
    for word in &words {
        if !is_candidate(word, &mid_sentence) {
            continue;
        }
        let lower = word.text.to_lowercase();
        let stems = stems(&lower);
        if !seen.insert(stems.first().cloned().unwrap_or_else(|| lower.clone())) {
            continue;
        }
        names.push(cyrillic_name(word, language));
    }
    names
}

/// The words used capitalised mid-sentence somewhere in the paragraph, lowercased: their
/// sentence-initial uses are names too.
fn mid_sentence(words: &[CyrillicWord<'_>]) -> HashSet<String> {
    words
        .iter()
        .filter(|w| !w.initial && is_capitalised(w.text))
        .map(|w| w.text.to_lowercase())
        .collect()
}

/// Whether a word starts with a capital letter.
fn is_capitalised(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a Cyrillic word is a name candidate: capitalised, of three letters or more,
/// not an abbreviation (`США`, `МИД`, `УрФО`: translated or expanded freely), not a
/// common word's shape, and not only sentence-initial.
fn is_candidate(word: &CyrillicWord<'_>, mid_sentence: &HashSet<String>) -> bool {
    let lower = word.text.to_lowercase();
    let abbreviation = word.text.chars().filter(|c| c.is_uppercase()).count() > 1;
    is_capitalised(word.text)
        && !abbreviation
        && word.text.chars().count() >= 3
        && (!word.initial || mid_sentence.contains(&lower))
        && !is_common_russian(&lower)
}

/// A Cyrillic word as a [`SourceName`]: its keys romanised every way, its exonyms and its
/// consonant skeletons.
fn cyrillic_name(word: &CyrillicWord<'_>, language: &Language) -> SourceName {
    let lower = word.text.to_lowercase();
    let stems = stems(&lower);
    let mut keys = Vec::new();
    for stem in std::iter::once(&lower).chain(&stems) {
        for romanised in romanisations(stem, language) {
            let k = key::key(&romanised);
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    let exonyms = EXONYMS
        .iter()
        .find(|(stem, _)| lower.starts_with(stem))
        .map_or(&[][..], |(_, forms)| *forms);
    let mut skeletons: Vec<String> = std::iter::once(&lower)
        .chain(&stems)
        .flat_map(|stem| romanisations(stem, language))
        .map(|r| consonants(&key::plain(&r)))
        .collect();
    skeletons.sort();
    skeletons.dedup();
    SourceName {
        romanised: romanise(word.text, language),
        word: word.text.to_string(),
        span: word.span.clone(),
        keys,
        exonyms,
        kana: false,
        titled: false,
        consonants: skeletons,
    }
}

/// Frequent Russian words that start sentences (and, in texts that join a headline to
/// its article, seem to stand mid-sentence): pronouns, conjunctions, adverbs and
/// prepositions, and the common nouns of news. Hand-picked from the commonest words of
/// Russian news text.
const COMMON_RUSSIAN: &[&str] = &[
    "это",
    "этот",
    "эта",
    "эти",
    "этом",
    "при",
    "как",
    "что",
    "если",
    "они",
    "она",
    "оно",
    "он",
    "мы",
    "вы",
    "также",
    "однако",
    "после",
    "среди",
    "против",
    "сейчас",
    "тем",
    "теперь",
    "многие",
    "некоторые",
    "большинство",
    "люди",
    "врачи",
    "ученые",
    "учёные",
    "согласно",
    "куда",
    "где",
    "когда",
    "почему",
    "зачем",
    "кто",
    "там",
    "тут",
    "здесь",
    "все",
    "всё",
    "так",
    "такие",
    "такой",
    "такая",
    "его",
    "её",
    "их",
    "для",
    "без",
    "над",
    "под",
    "перед",
    "между",
    "через",
    "около",
    "кроме",
    "вместо",
    "ранее",
    "позже",
    "затем",
    "потом",
    "сегодня",
    "вчера",
    "завтра",
    "кроме",
    "причем",
    "причём",
    "впрочем",
    "итак",
    "поэтому",
    "хотя",
    "пока",
    "уже",
    "еще",
    "ещё",
    "лишь",
    "только",
    "даже",
    "именно",
    "например",
    "кстати",
    "напомним",
    "отметим",
    "известно",
    "возможно",
    "вероятно",
    "конечно",
    "наконец",
    "сначала",
    "всего",
    "порядка",
    "свыше",
    "более",
    "менее",
    "почти",
    "эксперты",
    "специалисты",
    "власти",
    "жители",
    "граждане",
    "пользователи",
    "страны",
    "проблемы",
    "прогнозы",
    "главы",
    "глава",
    "заместитель",
    "замглавы",
    "первый",
    "председателя",
    "председатель",
    "источники",
    "по",
    "на",
    "в",
    "с",
    "из",
    "к",
    "о",
    "об",
];

/// Whether a word is one of [`COMMON_RUSSIAN`] or has the shape of a Russian common
/// word rather than a name: a verbal noun (`-ение`, `-ание`, `-ство`, `-ость`), a verb
/// (`-ется`, `-ются`, `-ться`, `-ешь`), an adjective or participle (`Большой`,
/// `Британский`, `Белого`), but not an adjectival surname in `-ский`/`-цкий`
/// (`Зеленский`, `Зеленского`).
fn is_common_russian(lower: &str) -> bool {
    const SHAPES: &[&str] = &[
        "ение",
        "ения",
        "ание",
        "ания",
        "ство",
        "ства",
        "ость",
        "ости",
        "ется",
        "ются",
        "ться",
        "ешь",
        "нный",
        "нная",
        "нное",
        "нные",
        "нной",
        "ная",
        "ное",
        "ные",
        "ной",
        "ный",
        "ший",
        "шая",
        "шее",
        "ющий",
        "ющая",
        "вший",
        "ована",
        "овано",
        "ованы",
    ];
    const ADJECTIVE: &[&str] = &[
        "ий", "ый", "ой", "ая", "ое", "ого", "ому", "ые", "ие", "ых", "их", "ым", "им", "ую",
    ];
    const SURNAME: &[&str] = &["ск", "цк"];
    let adjective = ADJECTIVE
        .iter()
        .find(|e| lower.ends_with(*e))
        .is_some_and(|e| {
            let stem = &lower[..lower.len() - e.len()];
            !SURNAME.iter().any(|s| stem.ends_with(s))
        });
    COMMON_RUSSIAN.contains(&lower) || adjective || SHAPES.iter().any(|s| lower.ends_with(s))
}

/// The consonants of a romanised spelling (lowercase ASCII), for comparing foreign names
/// that passed through Russian spelling with their English form: `dzh` and `zh` read
/// `j`, `kh` `k` (`Техас`, Texas), `c`/`q` `k`, `x` `ks`; vowels, `y`, `w` and `h` are dropped and doubled
/// letters collapsed: `lyuis` and `lewis` are both `ls`, `dauns` and `downs` `dns`.
fn consonants(plain: &str) -> String {
    let mut s = plain.to_string();
    for (from, to) in [
        ("dzh", "j"),
        ("zh", "j"),
        ("kh", "k"),
        ("ph", "f"),
        ("ck", "k"),
        ("c", "k"),
        ("q", "k"),
        ("x", "ks"),
        ("ts", "s"),
    ] {
        s = s.replace(from, to);
    }
    let mut out = String::new();
    for c in s.chars().filter(|c| !"aeiouywh".contains(*c)) {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// The stems a Russian word may have once a case ending is taken off, shortest first
/// (`путина` → `путин`; `зеленского` → `зеленск`).
fn stems(lower: &str) -> Vec<String> {
    let length = lower.chars().count();
    ENDINGS
        .iter()
        .filter(|ending| lower.ends_with(*ending) && length - ending.chars().count() >= 3)
        .map(|ending| lower[..lower.len() - ending.len()].to_string())
        .collect()
}

struct CyrillicWord<'t> {
    text: &'t str,
    span: Range<usize>,
    /// Whether it starts the paragraph or a sentence (after `.`, `!`, `?`, `…`, maybe with
    /// a quote or dash between).
    initial: bool,
}

fn cyrillic_words(text: &str) -> Vec<CyrillicWord<'_>> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let mut initial = true;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let letter = c.is_alphabetic() || (start.is_some() && c == '-');
        match (letter, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                let word = text[s..at].trim_end_matches('-');
                if word.chars().any(is_cyrillic) && word.chars().all(|c| is_cyrillic(c) || c == '-')
                {
                    words.push(CyrillicWord {
                        text: word,
                        span: s..s + word.len(),
                        initial,
                    });
                }
                initial = false;
                start = None;
            }
            _ => {}
        }
        if start.is_none() {
            if matches!(c, '.' | '!' | '?' | '…') {
                initial = true;
            } else if c.is_alphanumeric() {
                initial = false;
            }
        }
    }
    words
}

fn katakana_names(text: &str) -> Vec<SourceName> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut names = Vec::new();
    let mut seen = HashSet::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_katakana(chars[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (is_katakana(chars[i].1) || chars[i].1 == '・' || chars[i].1 == '＝')
        {
            i += 1;
        }
        let end_byte = chars.get(i).map_or(text.len(), |&(at, _)| at);
        let run = text[chars[start].0..end_byte].trim_end_matches(['・', '＝']);
        let span = chars[start].0..chars[start].0 + run.len();
        let titled = JAPANESE_TITLES
            .iter()
            .any(|t| text[span.end..].starts_with(t));
        if !(run.contains('・') || titled) || run.chars().count() < 2 {
            continue;
        }
        // Each part of a full name is paired on its own (`ジョー・バイデン`: Joe, Biden).
        for part in run.split(['・', '＝']).filter(|p| p.chars().count() >= 2) {
            if !seen.insert(part.to_string()) {
                continue;
            }
            let offset = span.start + run.find(part).unwrap_or(0);
            let romaji = part.to_romaji();
            names.push(SourceName {
                word: part.to_string(),
                span: offset..offset + part.len(),
                romanised: capitalise(&romaji),
                keys: vec![skeleton(&key::plain(&romaji))],
                exonyms: &[],
                kana: true,
                titled,
                consonants: Vec::new(),
            });
        }
    }
    names
}

/// Romanises Cyrillic letter by letter: `е` is `ye` at the start of a word and after a
/// vowel or a sign, else `e`; `ё` the same with `yo` (or `e` when `yo_as_e`).
fn romanise_cyrillic(word: &str, ukrainian: bool, yo_as_e: bool) -> String {
    let mut out = String::with_capacity(word.len() * 2);
    let mut previous: Option<char> = None;
    for c in word.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let after_vowel = previous.is_none_or(|p| "аеёиоуыэюяіїєьъ".contains(p));
        let piece: String = match lower {
            'е' if after_vowel && !ukrainian => "ye".into(),
            'е' => "e".into(),
            'ё' if yo_as_e => "e".into(),
            'ё' if after_vowel => "yo".into(),
            'ё' => "yo".into(),
            // The Ukrainian system writes these with `y` only at the start of a word.
            'й' | 'ї' | 'є' | 'ю' | 'я' if ukrainian && previous.is_some() => match lower {
                'й' | 'ї' => "i".into(),
                'є' => "ie".into(),
                'ю' => "iu".into(),
                _ => "ia".into(),
            },
            _ => {
                let table = if ukrainian {
                    UKRAINIAN.iter().chain(RUSSIAN)
                } else {
                    [].iter().chain(RUSSIAN)
                };
                match table.chain(OTHER_CYRILLIC).find(|(k, _)| *k == lower) {
                    Some((_, latin)) => (*latin).to_string(),
                    None => any_ascii::any_ascii(&lower.to_string()),
                }
            }
        };
        if c.is_uppercase() {
            out.push_str(&capitalise(&piece));
        } else {
            out.push_str(&piece);
        }
        previous = Some(lower);
    }
    out
}

/// The consonant skeleton of a romanised spelling, for comparing katakana with English:
/// vowels after the first letter dropped, Japanese sound substitutions folded (`r`/`l`,
/// `b`/`v`, `shi`/`s`, `chi`/`t`, `tsu`/`ts`, `z`/`s`, `fu`/`f`/`h`, `th`/`s`, `n` before a labial as
/// `m`), doubled letters collapsed: `toranpu` and `trump` are both `trmp`.
fn skeleton(plain: &str) -> String {
    let mut s = plain.to_string();
    for (from, to) in [
        ("tsu", "ts"),
        ("shi", "s"),
        ("chi", "t"),
        ("sh", "s"),
        ("ch", "t"),
        ("th", "s"),
        ("ph", "f"),
        ("ck", "k"),
        ("c", "k"),
        ("q", "k"),
        ("x", "ks"),
        ("l", "r"),
        ("v", "b"),
        ("w", "b"),
        ("fu", "h"),
        ("f", "h"),
        ("j", "z"),
        ("np", "mp"),
        ("nb", "mb"),
        ("z", "s"),
    ] {
        s = s.replace(from, to);
    }
    let mut out = String::new();
    for (index, c) in s.chars().enumerate() {
        if index > 0 && "aeiouy".contains(c) {
            continue;
        }
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | '\u{31F0}'..='\u{31FF}')
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}') || is_katakana(c)
}

mod anchored;

pub use anchored::{Misnamed, SourceSide, misnamed_in};

#[cfg(test)]
mod tests;
