use super::*;

fn words(names: &[SourceName]) -> Vec<&str> {
    names.iter().map(|n| n.word.as_str()).collect()
}

fn unmatched_words(source: &str, language: &Language, target: &str) -> Vec<String> {
    let names = source_names(source, language);
    unmatched(&names, target)
        .into_iter()
        .map(|n| format!("{} ({})", n.word, n.romanised))
        .collect()
}

#[test]
fn russian_romanisation_by_bgn_pcgn_as_news_writes_it() {
    let ru = Language::Russian;
    assert_eq!(romanise("Зеленский", &ru), "Zelenskiy");
    assert_eq!(romanise("Соловьёв", &ru), "Solovyov");
    assert_eq!(romanise("Заяц", &ru), "Zayats");
    assert_eq!(romanise("Евгений", &ru), "Yevgeniy");
    assert_eq!(romanise("Щукин", &ru), "Shchukin");
    assert_eq!(romanisations("Соловьёв", &ru), ["Solovev", "Solovyov"]);
}

#[test]
fn ukrainian_and_other_scripts() {
    let uk = Language::Ukrainian;
    assert_eq!(romanise("Зеленський", &uk), "Zelenskyi");
    assert_eq!(romanise("Григорій", &uk), "Hryhorii");
    assert_eq!(romanise("Київ", &uk), "Kyiv");
    assert_eq!(romanise("Қасым", &Language::Kazakh), "Kasym");
    assert_eq!(romanise("バイデン", &Language::Japanese), "Baiden");
    assert_eq!(romanise("北京", &Language::Chinese), "BeiJing");
}

#[test]
fn the_romanisations_meet_the_news_spellings_in_the_target_keys() {
    let ru = Language::Russian;
    for (source, target) in [
        ("Зеленский", "Zelensky"),
        ("Зеленского", "Zelenskyy"),
        ("Соловьёва", "Solovyov"),
        ("Соловьёв", "Solovyev"),
        ("Путину", "Putin"),
        ("Ильин", "Ilyin"),
        ("Хабиб", "Habib"),
        ("Евгения", "Evgeny"),
        ("Абуталимова", "Abutalimov"),
        ("Джо", "Joe"),
        ("Техасе", "Texas"),
        ("Льюис", "Lewis"),
    ] {
        let text = format!("Об этом сказал {source}.");
        assert_eq!(
            unmatched_words(&text, &ru, &format!("So said {target}.")),
            Vec::<String>::new(),
            "{source} / {target}"
        );
    }
}

#[test]
fn a_name_translated_as_a_common_word_is_reported_with_its_romanisation() {
    let ru = Language::Russian;
    assert_eq!(
        unmatched_words(
            "Как заявил Иван Заяц, решение принято.",
            &ru,
            "As Ivan Hare said, the decision was made."
        ),
        ["Заяц (Zayats)"]
    );
    assert_eq!(
        unmatched_words(
            "Об этом сообщил Соловьёв.",
            &ru,
            "This was reported by Nightingale."
        ),
        ["Соловьёв (Solovyov)"]
    );
}

#[test]
fn candidates_are_capitalised_words_not_merely_sentence_initial() {
    let ru = Language::Russian;
    let names = source_names(
        "Однако Путин встретился с Зеленским. Путина спросили о «Газпроме» и США. Вчера в Москве.",
        &ru,
    );
    assert_eq!(words(&names), ["Путин", "Зеленским", "Газпроме", "Москве"]);
}

#[test]
fn exonyms_are_looked_for_by_their_english_name() {
    let ru = Language::Russian;
    assert!(
        unmatched_words(
            "Встреча прошла в Москве и Германии.",
            &ru,
            "The meeting was held in Moscow and Germany."
        )
        .is_empty()
    );
    assert_eq!(
        unmatched_words(
            "Встреча прошла в Москве.",
            &ru,
            "The meeting was held in the capital."
        ),
        ["Москве (Moskve)"]
    );
}

#[test]
fn japanese_katakana_names_with_a_dot_or_a_title() {
    let ja = Language::Japanese;
    let source = "ジョー・バイデン大統領とトランプ氏がワクチンについて語った。";
    assert_eq!(
        words(&source_names(source, &ja)),
        ["ジョー", "バイデン", "トランプ"]
    );
    assert!(
        unmatched_words(
            source,
            &ja,
            "President Joe Biden and Mr. Trump spoke about vaccines."
        )
        .is_empty()
    );
    assert_eq!(
        unmatched_words(
            source,
            &ja,
            "President Joe Biden and Mr. Card spoke about vaccines."
        ),
        ["トランプ (Toranpu)"]
    );
    assert_eq!(
        unmatched_words("ゼレンスキー大統領は", &ja, "President Zelensky said"),
        Vec::<String>::new()
    );
}

#[test]
fn pairing_returns_the_target_word() {
    let ru = Language::Russian;
    let source = "Как сказал Абуталимов, всё хорошо.";
    let target = "As Abutalimov's team said, all is well.";
    let names = source_names(source, &ru);
    let pairs = pair(&names, target);
    assert_eq!(pairs.len(), 1);
    assert_eq!(&target[pairs[0].clone().expect("paired")], "Abutalimov");
}

#[test]
fn skeletons_fold_japanese_sound_substitutions() {
    assert_eq!(skeleton("toranpu"), skeleton("trump"));
    assert_eq!(skeleton("baiden"), skeleton("biden"));
    assert_eq!(skeleton("zerensukii"), skeleton("zelensky"));
    assert_eq!(skeleton("jettsu"), skeleton("jets"));
    assert_eq!(skeleton("biizurii"), skeleton("beasley"));
}

proptest::proptest! {
    /// The letter-count bound only rules out pairs the distance itself would reject.
    #[test]
    fn as_close_agrees_with_the_distance(
        a in "[a-e]{0,9}",
        b in "[a-e]{0,9}",
        threshold in proptest::sample::select(vec![0.5, 0.7, 0.75]),
    ) {
        proptest::prop_assert_eq!(
            as_close(&a, &b, threshold),
            normalized_levenshtein(&a, &b) >= threshold
        );
    }
}

#[test]
fn as_close_reads_non_ascii_by_the_distance() {
    assert!(as_close("sōma", "soma", 0.7));
    assert!(!as_close("abcd", "wxyz", 0.5));
}
