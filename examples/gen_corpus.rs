//! Generates a deterministic corpus of English news-like articles for benchmarks:
//! `cargo run --release --example gen_corpus -- --mb 100 --seed 1 OUT/`.
//!
//! Articles are 2–10 KB of plain text with proper names, quotations, numbers and dates.
//! Defects of every built-in category are injected at a low, known rate (one sentence in
//! `--defect-every`, default 40); the counts per category are printed at the end, so a
//! run of the checker can be compared with what was planted.

use std::fs;
use std::io::Write as _;
use std::path::PathBuf;

/// A small, fast, deterministic generator (SplitMix64): the same seed gives the same corpus
/// on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const GIVEN: &[&str] = &[
    "Aidos",
    "Daulet",
    "Marat",
    "Yerlan",
    "Nursultan",
    "Askar",
    "Kurmanbek",
    "Viktor",
    "Olena",
    "Dmitry",
    "Yury",
    "Sergey",
    "Timur",
    "Aigerim",
    "Madina",
    "Vladimir",
    "Oksana",
    "Bakhyt",
];
const SURNAMES: &[&str] = &[
    "Ukibay",
    "Zhumabay",
    "Seitkul",
    "Abenov",
    "Karimov",
    "Tokayev",
    "Bakiyev",
    "Akayev",
    "Nikonov",
    "Komarov",
    "Zelensky",
    "Shevchenko",
    "Kuanyshev",
    "Sagintay",
    "Omarov",
    "Belov",
];
const PLACES: &[&str] = &[
    "Astana",
    "Almaty",
    "Bishkek",
    "Tashkent",
    "Kyiv",
    "Moscow",
    "Shymkent",
    "Karaganda",
    "Pavlodar",
    "Aktau",
    "Osh",
    "Kharkiv",
    "Beijing",
    "Ankara",
];
const ORGS: &[&str] = &[
    "the Ministry of Finance",
    "the National Bank",
    "the State Duma",
    "the city council",
    "the Ministry of Energy",
    "the Senate",
    "the Supreme Court",
    "the central election commission",
];
const VERBS: &[&str] = &[
    "said",
    "announced",
    "told reporters",
    "confirmed",
    "noted",
    "stressed",
    "added",
];
const TOPICS: &[&str] = &[
    "the new budget",
    "water sharing",
    "transit fees",
    "the election law",
    "grain exports",
    "the pension reform",
    "gas prices",
    "the metro extension",
    "foreign investment",
    "the border agreement",
    "tax collection",
    "the refinery upgrade",
];
const QUOTES: &[&str] = &[
    "We will not raise taxes this year",
    "The talks were difficult but useful",
    "Nobody expected such a result",
    "This is only the beginning",
    "Our priority is the people",
    "We need to finish the work on time",
];

/// The defect families planted, one per built-in category (and a few per family).
const DEFECTS: &[&str] = &[
    "spacing.double-space",
    "spacing.before-punctuation",
    "spacing.missing-after-punctuation",
    "punctuation.repeated-word",
    "style.hyphen-as-dash",
    "quotes.misplaced",
    "quotes.foreign-style",
    "script.mixed-word",
    "unicode.mojibake",
    "unicode.invisible",
    "numbers.decimal-comma",
    "numbers.space-thousands",
    "names.variant",
];

struct Article {
    text: String,
    person: (String, String),
}

impl Article {
    fn sentence(&mut self, rng: &mut Rng) -> String {
        let (given, surname) = (&self.person.0, &self.person.1);
        let place = rng.pick(PLACES);
        let org = rng.pick(ORGS);
        let verb = rng.pick(VERBS);
        let topic = rng.pick(TOPICS);
        let number = rng.below(900) + 100;
        let tenths = rng.below(9) + 1;
        match rng.below(8) {
            0 => format!(
                "{surname} {verb} that {org} would review {topic} before the end of the year."
            ),
            1 => format!("“{},” {surname} {verb}.", rng.pick(QUOTES)),
            2 => format!(
                "In {place}, officials {verb} that spending on {topic} rose by {number} million tenge, or {}.{tenths} percent.",
                rng.below(30)
            ),
            3 => format!(
                "According to {org}, {},{:03} people took part in the discussion of {topic} on {} March.",
                number,
                rng.below(1000),
                rng.below(28) + 1
            ),
            4 => format!(
                "{given} {surname}, who has led the department since {}, declined to comment on {topic}.",
                2000 + rng.below(24)
            ),
            5 => format!(
                "The decision on {topic} was criticised by the opposition, which called it “premature and costly.”"
            ),
            6 => format!(
                "Analysts in {place} expect {topic} to cost about ${number}.{tenths} billion over the next three years."
            ),
            _ => format!(
                "Representatives of {org} met their counterparts from {place} to discuss {topic}."
            ),
        }
    }
}

/// Plants one defect of family `which` in `sentence` (a sentence of `article`).
fn plant(which: &str, sentence: &str, article: &Article, rng: &mut Rng) -> String {
    let surname = &article.person.1;
    match which {
        "spacing.double-space" => sentence.replacen(' ', "  ", 1),
        "spacing.before-punctuation" => sentence.replacen(',', " ,", 1).replacen(
            ".",
            " .",
            usize::from(!sentence.contains(',')),
        ),
        "spacing.missing-after-punctuation" => format!("{sentence}The officials left."),
        "punctuation.repeated-word" => sentence.replacen(" the ", " the the ", 1),
        "style.hyphen-as-dash" => format!(
            "The plan - {surname} {} - will cost more than expected.",
            rng.pick(VERBS)
        ),
        "quotes.misplaced" => format!("“{}, ”{surname} said.", rng.pick(QUOTES)),
        "quotes.foreign-style" => {
            format!("{surname} called it «{}».", rng.pick(QUOTES).to_lowercase())
        }
        "script.mixed-word" => {
            sentence
                .replacen("Astana", "Аstana", 1)
                .replacen("officials", "оfficials", 1)
        }
        "unicode.mojibake" => format!("{surname}â€™s office {}.", rng.pick(VERBS)),
        "unicode.invisible" => sentence.replacen(' ', " \u{200B}", 1),
        "numbers.decimal-comma" => format!(
            "Prices rose by {},{} percent.",
            rng.below(9) + 1,
            rng.below(9) + 1
        ),
        "numbers.space-thousands" => format!(
            "About {} {:03} people attended.",
            rng.below(9) + 1,
            rng.below(1000)
        ),
        "names.variant" => format!("According to {surname}a’s office, the plan is ready."),
        _ => sentence.to_string(),
    }
}

fn main() {
    let mut mb = 100usize;
    let mut seed = 1u64;
    let mut defect_every = 40usize;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .unwrap_or_else(|| panic!("{name} needs a value"))
                .parse::<u64>()
                .unwrap_or_else(|err| panic!("{name}: {err}"))
        };
        match arg.as_str() {
            "--mb" => mb = value("--mb") as usize,
            "--seed" => seed = value("--seed"),
            "--defect-every" => defect_every = value("--defect-every").max(1) as usize,
            _ if arg.starts_with('-') => panic!(
                "unknown option {arg}; usage: gen_corpus [--mb N] [--seed N] [--defect-every N] OUT/"
            ),
            _ => out = Some(PathBuf::from(arg)),
        }
    }
    let out = out.expect("usage: gen_corpus [--mb N] [--seed N] [--defect-every N] OUT/");
    let mut rng = Rng(seed);
    let target = mb * 1_000_000;
    let mut written = 0;
    let mut planted = vec![0usize; DEFECTS.len()];
    let mut sentences = 0usize;
    let mut index = 0usize;
    while written < target {
        let folder = out.join(format!("{:03}", index / 1000));
        fs::create_dir_all(&folder).expect("the output folder is writable");
        let given = rng.pick(GIVEN).to_string();
        let surname = rng.pick(SURNAMES).to_string();
        let mut article = Article {
            text: format!(
                "{} ({}) — {} {} {}.\n\n",
                rng.pick(PLACES).to_uppercase(),
                rng.pick(&["Reuters", "Kazinform", "AKIpress", "Interfax"]),
                given,
                surname,
                rng.pick(VERBS)
            ),
            person: (given, surname),
        };
        let size = 2_000 + rng.below(8_000);
        while article.text.len() < size {
            let mut paragraph = Vec::new();
            for _ in 0..(2 + rng.below(4)) {
                let mut sentence = article.sentence(&mut rng);
                sentences += 1;
                if sentences % defect_every == 0 {
                    let which = rng.below(DEFECTS.len());
                    sentence = plant(DEFECTS[which], &sentence, &article, &mut rng);
                    planted[which] += 1;
                }
                paragraph.push(sentence);
            }
            article.text.push_str(&paragraph.join(" "));
            article.text.push_str("\n\n");
        }
        let path = folder.join(format!("article-{index:06}.txt"));
        fs::File::create(&path)
            .and_then(|mut f| f.write_all(article.text.as_bytes()))
            .expect("the output folder is writable");
        written += article.text.len();
        index += 1;
    }
    println!(
        "{index} articles, {:.1} MB, {sentences} sentences, one defect planted every {defect_every} sentences:",
        written as f64 / 1e6
    );
    for (name, count) in DEFECTS.iter().zip(planted) {
        println!("  {name:<36} {count}");
    }
}
