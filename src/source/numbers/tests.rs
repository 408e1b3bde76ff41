use super::*;

/// Each number as `found = value` (`~` for a soft one).
fn read(text: &str, numbers: Vec<Number>) -> Vec<String> {
    numbers
        .into_iter()
        .map(|n| {
            let mark = if n.soft { "~" } else { "=" };
            format!("{} {mark} {}", &text[n.span], n.value)
        })
        .collect()
}

fn russian(text: &str) -> Vec<String> {
    read(text, source_numbers(text, &Language::Russian))
}

fn japanese(text: &str) -> Vec<String> {
    read(text, source_numbers(text, &Language::Japanese))
}

fn english(text: &str) -> Vec<String> {
    read(text, english_numbers(text))
}

/// The values a comparison reports: `(missing from the target, added by the target)`.
fn differences(source: &str, language: &Language, target: &str) -> (Vec<String>, Vec<String>) {
    let source_numbers = source_numbers(source, language);
    let target_numbers = english_numbers(target);
    let comparison = compare(&source_numbers, &target_numbers);
    (
        comparison
            .missing
            .iter()
            .map(|n| source[n.span.clone()].to_string())
            .collect(),
        comparison
            .added
            .iter()
            .map(|n| target[n.span.clone()].to_string())
            .collect(),
    )
}

fn none() -> (Vec<String>, Vec<String>) {
    (Vec::new(), Vec::new())
}

#[test]
fn russian_decimals_thousands_and_multipliers() {
    assert_eq!(
        russian(
            "Выручка 2,5 млн рублей, расходы 1 000 и 12\u{a0}500 рублей, 3,2 тыс. человек, 1,5 млрд"
        ),
        [
            "2,5 млн = 2500000",
            "1 000 = 1000",
            "12\u{a0}500 = 12500",
            "3,2 тыс. = 3200",
            "1,5 млрд = 1500000000"
        ]
    );
    assert_eq!(russian("около 20 миллионов"), ["20 миллионов = 20000000"]);
}

#[test]
fn russian_dates_times_percents_ordinals_ranges_and_years() {
    assert_eq!(
        russian(
            "19.10.2021 в 15:30 рост 20%, 5-й раз, 10-15 млн, в 2021 году, 19 октября 2022 года и 3 марта"
        ),
        [
            "19.10.2021 = date 2021-10-19",
            "15:30 = 15:30",
            "20 = 20",
            "5 = 5",
            "10 = 10000000",
            "15 млн = 15000000",
            "2021 = 2021",
            "19 октября 2022 = date 2022-10-19",
            "3 марта = date ?-03-03"
        ]
    );
}

#[test]
fn russian_words_and_bare_months_are_soft() {
    assert_eq!(
        russian("Двое из трёх, в марте и полтора"),
        [
            "Двое ~ 2",
            "трёх ~ 3",
            "марте ~ date ?-03-?",
            "полтора ~ 1.5"
        ]
    );
    // A spelled number takes the multiplier after it, as a number in digits does.
    assert_eq!(
        russian("выделила пять тысяч долларов, два миллиона рублей и три книги"),
        ["пять тысяч ~ 5000", "два миллиона ~ 2000000", "три ~ 3"]
    );
    // A year after a month name makes a date with a year; a year of two digits does not.
    assert_eq!(
        russian("в октябре 2021 года"),
        ["октябре 2021 = date 2021-10-?"]
    );
}

#[test]
fn japanese_full_width_digits_multipliers_and_counters() {
    assert_eq!(
        japanese("１２人、6.8億円、3万5000人、1億2000万、5千人、1,000円、３５％"),
        [
            "１２ = 12",
            "6.8億 = 680000000",
            "3万5000 = 35000",
            "1億2000万 = 120000000",
            "5千 = 5000",
            "1,000 = 1000",
            "３５ = 35"
        ]
    );
    assert_eq!(japanese("10～15万人"), ["10 = 100000", "15万 = 150000"]);
}

#[test]
fn japanese_dates_eras_durations_and_times() {
    assert_eq!(
        japanese(
            "2021年10月19日、12日、3月、令和3年5月、令和元年、40日間、3カ月、2020年、午後3時30分、3時間"
        ),
        [
            "2021年10月19日 = date 2021-10-19",
            "12日 = date ?-?-12",
            "3月 = date ?-03-?",
            "令和3年5月 = date 2021-05-?",
            "令和元年 = 2019",
            "40 = 40",
            "3 = 3",
            "2020年 = 2020",
            "午後3時30分 = 15:30",
            "3 = 3"
        ]
    );
}

#[test]
fn japanese_kanji_numerals_before_a_counter_are_soft() {
    assert_eq!(
        japanese("三人が二十五日に一部を"),
        ["三 ~ 3", "二十五 ~ 25"]
    );
    assert!(japanese("唯一の一緒に").is_empty());
}

#[test]
fn english_forms() {
    assert_eq!(
        english("2.5 million, 1,000 and 12,500,000 people, $3bn, 20 percent, the 5th, 1990s"),
        [
            "2.5 million = 2500000",
            "1,000 = 1000",
            "12,500,000 = 12500000",
            "3bn = 3000000000",
            "20 = 20",
            "5th = 5",
            "1990s = 1990"
        ]
    );
    assert_eq!(
        english(
            "On October 19, 2021, at 3 p.m. and 10:30 a.m.; 19 October 2021; the 19th of Oct. and 10/19/2021"
        ),
        [
            "October 19, 2021 = date 2021-10-19",
            "3 p.m. = 15:00",
            "10:30 a.m. = 10:30",
            "19 October 2021 = date 2021-10-19",
            "19th of Oct. = date ?-10-19",
            "10/19/2021 = date 2021-10-19"
        ]
    );
}

#[test]
fn english_spelled_numbers_are_soft() {
    assert_eq!(
        english("Twenty-five of the two million, a dozen, in March, a man and May said"),
        [
            "Twenty-five ~ 25",
            "two million ~ 2000000",
            "a dozen ~ 12",
            "March ~ date ?-03-?"
        ]
    );
}

#[test]
fn legitimate_renderings_are_not_reported() {
    let ru = Language::Russian;
    assert_eq!(
        differences(
            "Выручка 2,5 млн рублей",
            &ru,
            "Revenue of 2.5 million rubles"
        ),
        none()
    );
    assert_eq!(
        differences("Выручка 2,5 млн рублей", &ru, "Revenue of 2,500,000 rubles"),
        none()
    );
    assert_eq!(
        differences("1 500 тыс. рублей", &ru, "1.5 million rubles"),
        none()
    );
    assert_eq!(
        differences("19.10.2021 в 15:00", &ru, "On October 19, 2021 at 3 p.m."),
        none()
    );
    assert_eq!(
        differences("19 октября", &ru, "on Oct. 19, 2021"),
        none(),
        "a year the English adds"
    );
    assert_eq!(differences("рост на 20%", &ru, "up 20 percent"), none());
    assert_eq!(
        differences("Двое из 3 и 5-й", &ru, "Two of three and the fifth"),
        none()
    );
    assert_eq!(
        differences(
            "в 2021 году и снова в 2021 году",
            &ru,
            "in 2021 and again that year"
        ),
        none()
    );
    assert_eq!(
        differences("10-15 млн", &ru, "between 10 and 15 million"),
        none()
    );
    let ja = Language::Japanese;
    assert_eq!(differences("6.8億円", &ja, "680 million yen"), none());
    assert_eq!(differences("3万5000人", &ja, "35,000 people"), none());
    assert_eq!(
        differences("10月19日、12日", &ja, "on October 19 and the 12th"),
        none()
    );
    assert_eq!(differences("午後3時", &ja, "at 3 o'clock"), none());
    assert_eq!(differences("三人", &ja, "3 people"), none());
}

#[test]
fn changed_numbers_are_reported_on_both_sides() {
    let ru = Language::Russian;
    assert_eq!(
        differences(
            "Выручка 2,5 млн рублей",
            &ru,
            "Revenue of 25 million rubles"
        ),
        (vec!["2,5 млн".into()], vec!["25 million".into()])
    );
    assert_eq!(
        differences("19.10.2021", &ru, "October 18, 2021"),
        (vec!["19.10.2021".into()], vec!["October 18, 2021".into()])
    );
    assert_eq!(
        differences(
            "Погибли 12 человек",
            &ru,
            "Twelve people died and 40 were hurt"
        ),
        (Vec::new(), vec!["40".into()])
    );
    let ja = Language::Japanese;
    assert_eq!(
        differences("6.8億円", &ja, "6.8 billion yen"),
        (vec!["6.8億".into()], vec!["6.8 billion".into()])
    );
}

#[test]
fn liberties_references_take_are_tolerated() {
    let ru = Language::Russian;
    assert_eq!(
        differences(
            "в XXI веке, за сутки",
            &ru,
            "in the 21st century, in 24 hours"
        ),
        none()
    );
    assert_eq!(differences("о коронавирусе", &ru, "about COVID-19"), none());
    let ja = Language::Japanese;
    assert_eq!(
        differences("新規感染者36人", &ja, "Thirty six new cases"),
        none()
    );
    assert_eq!(
        differences("22年度税制改正", &ja, "the fiscal 2022 tax reform"),
        none()
    );
    assert_eq!(differences("1612年（慶長17年）", &ja, "in 1612"), none());
    assert_eq!(
        differences("１１月２６日に始まった", &ja, "began on 11/26"),
        none()
    );
    assert_eq!(
        differences("約1・5メートル", &ja, "about 1.5 meters"),
        none()
    );
}

#[test]
fn values_display_for_messages() {
    assert_eq!(Value::Amount(2.5e6).to_string(), "2500000");
    assert_eq!(Value::Amount(2.5).to_string(), "2.5");
    assert_eq!(Value::Time { hour: 9, minute: 5 }.to_string(), "09:05");
}

/// The target dates whose month `source` (in `language`) never names.
fn made_up_months(source: &str, language: &Language, target: &str) -> Option<Vec<String>> {
    let months = NamedMonths::of(&source_numbers(source, language), language)?;
    let target_numbers = english_numbers(target);
    Some(
        months
            .made_up(&target_numbers, target)
            .map(|n| target[n.span.clone()].to_string())
            .collect(),
    )
}

#[test]
fn a_month_the_source_never_names_is_made_up() {
    let ja = Language::Japanese;
    assert_eq!(
        made_up_months("12日に発表した。", &ja, "It was announced on December 12."),
        Some(vec!["December 12".to_string()])
    );
    assert_eq!(
        made_up_months(
            "3月1日に始まり、12日に発表した。",
            &ja,
            "It began on March 1 and was announced on March 12."
        ),
        Some(Vec::new())
    );
    assert_eq!(
        made_up_months(
            "Переговоры прошли 12 числа.",
            &Language::Russian,
            "The talks were held on June 12."
        ),
        Some(vec!["June 12".to_string()])
    );
    assert_eq!(
        made_up_months(
            "Переговоры завершились 12 декабря.",
            &Language::Russian,
            "The talks ended on December 12."
        ),
        Some(Vec::new())
    );
}

#[test]
fn a_bare_month_a_numeric_date_or_an_unread_language_is_not_judged() {
    assert_eq!(
        made_up_months("５分の１に", &Language::Japanese, "1/5 of China's"),
        Some(Vec::new())
    );
    assert_eq!(
        made_up_months(
            "к апрелю умрут",
            &Language::Russian,
            "by April 2022 will die"
        ),
        Some(Vec::new())
    );
    assert_eq!(
        made_up_months(
            "12日に発表した。",
            &Language::Japanese,
            "It was announced in December."
        ),
        Some(Vec::new())
    );
    assert_eq!(
        made_up_months(
            "Келіссөздер 12-де өтті.",
            &Language::Kazakh,
            "The talks on June 12."
        ),
        None
    );
}

#[test]
fn months_in_kanji_numerals_russian_abbreviations_and_ukrainian_cases_are_named() {
    let uk = Language::Ukrainian;
    for (source, language) in [
        ("十二月十日に発表した。", Language::Japanese),
        ("公司于十二月十日宣布。", Language::Chinese),
    ] {
        assert_eq!(
            made_up_months(source, &language, "Announced on December 10."),
            Some(Vec::new()),
            "{source}"
        );
    }
    assert_eq!(japanese("十二月十日"), ["十二月 ~ date ?-12-?", "十 ~ 10"]);
    assert_eq!(
        made_up_months(
            "Переговори у грудні, 12 числа.",
            &uk,
            "Talks on December 12."
        ),
        Some(Vec::new())
    );
    assert_eq!(
        made_up_months(
            "МОСКВА, 12 дек. — РИА Новости.",
            &Language::Russian,
            "MOSCOW, Dec 12 - RIA Novosti."
        ),
        Some(Vec::new())
    );
    assert_eq!(
        differences(
            "МОСКВА, 12 дек — РИА Новости.",
            &Language::Russian,
            "MOSCOW, Dec 12 - RIA Novosti."
        ),
        none()
    );
    assert_eq!(
        made_up_months("Переговори 12 числа.", &uk, "Talks on June 12."),
        Some(vec!["June 12".to_string()])
    );
}
