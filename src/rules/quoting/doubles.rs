//! Which double quotation marks of a paragraph pair up (`"`, `“`, `”`, `„`).
//!
//! A straight mark (`"`) has no direction, so a stack that reads it as "close if one is
//! open, else open" lets one stray mark turn every later pair inside out: real machine
//! translation drops a closing mark early in an article and every correct quotation after
//! it gets flagged. Curly marks have a direction, but machine translation turns them the
//! wrong way (`infections, “said`) as often as it drops one. Here every mark gets the role its place suggests (flanking: opening
//! after space and before a word, closing after a word and before space or punctuation;
//! the glyph, for curly marks), and the pairing of the whole paragraph is the one that
//! explains the marks at the lowest cost: a mark left unpaired costs much, a mark used
//! against its flanking or glyph costs less, a quotation that runs over many sentences a
//! little. The pairing is found by dynamic programming over the marks in order (straight
//! quotations do not nest), in linear time: a pair spans at most a few marks, the ones
//! between it left unpaired. So a stray mark is left unpaired where it stands, and the
//! one left out is the one whose place fits a pair worst, not simply the last.

use super::Flank;

/// A double mark's glyph, as far as pairing goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Glyph {
    /// `"`: opens or closes.
    Straight,
    /// `“`: opens (and closes a low-9 `„`).
    Opening,
    /// `”`: closes.
    Closing,
    /// `„`: opens.
    Low,
}

/// What stands before a mark that has space before it, past the space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Before {
    /// A letter or digit (`to "reduce`): a closing mark is rarely cut off from its word.
    Word,
    /// A comma or semicolon, which ends a quoted clause before its attribution
    /// (`answers, "the minister said`) or introduces a quotation (`said, "We`).
    Comma,
    /// A full stop, question or exclamation mark or ellipsis, which ends a quoted
    /// sentence (`that... "It`) or the sentence before a quotation.
    Stop,
    /// Anything else: the paragraph's start, a colon, an opening bracket, a dash.
    Other,
}

/// A double quotation mark as the pairing sees it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    /// Its glyph.
    pub glyph: Glyph,
    /// Where it sits.
    pub flank: Flank,
    /// What stands before it, past a space.
    pub before: Before,
    /// Whether the word after it starts with a capital letter (`"It`): a new quotation
    /// or sentence, rather than the words after a closing mark (`"the minister said`).
    pub capital_after: bool,
    /// Whether a verb of reporting follows within a few words (`"the minister said`):
    /// the attribution of the quotation it closes.
    pub attribution_after: bool,
    /// Unpaired, it may be a prime (`5"`): then it is not reported, and leaving it
    /// unpaired costs little.
    pub silent: bool,
    /// How many sentences of the paragraph end before it.
    pub sentences: u32,
    /// How many reporting clauses (`, the minister said`, `" he added`) come before it.
    pub attributions: u32,
    /// Its position in the paragraph, in characters.
    pub at: u32,
}

/// What the pairing made of a mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    /// It opens a quotation closed by the mark of this index.
    Opens(usize),
    /// It closes the quotation opened by the mark of this index.
    Closes(usize),
    /// It pairs with no mark.
    Alone,
}

/// The cost of leaving a mark that is not silent unpaired: more than any role against
/// its flanking, so that two marks pair whenever they can.
const ALONE: u32 = 40;
/// The cost of leaving a silent mark unpaired.
const ALONE_SILENT: u32 = 6;
/// Never: a `„` that closes, a straight mark that opens after a word and before space, a
/// straight mark that closes before a word but not after punctuation (`to "reduce`,
/// `Matsumoto: "I`) or after a comma with no attribution after it (`republic, "if the
/// situation`), a pair with both marks against their flanking. Such a reading would explain away two lone marks with a
/// repair that is almost always wrong.
const NEVER: u32 = u32::MAX / 4;
/// The cost of a quotation nested in another of the same marks (`"a "b" c"`): machine
/// translation writes it for quotes in quotes; it is not reported.
const NESTED: u32 = 15;
/// What a lone mark costs more inside a quotation than outside: a quotation that holds a
/// lone mark is less likely than one that does not (`"Examples are "we won," "it
/// works"`: the outer mark lost its partner, not the inner one).
const ENCLOSED: u32 = 5;
/// What a reporting clause inside a quotation adds to its cost: a quotation does not hold
/// its own attribution (`"… entities", Smailov wrote. …, the premiere noted"`), so the
/// mark before the clause closed it.
const ATTRIBUTED: u32 = 45;
/// The most a quotation's length adds to its cost: well under two lone marks, so that a
/// long quotation of several sentences still pairs.
const LONGEST: u32 = 60;
/// The most marks a pair may span (itself included): the marks between are left
/// unpaired or pair among themselves inside it.
const REACH: usize = 10;

/// The cost of `mark` opening a quotation.
fn open_cost(mark: &Candidate) -> u32 {
    let flank = match (mark.flank, mark.before, mark.glyph) {
        (Flank::Left, Before::Word, _) => 2,
        (Flank::Left, _, _) => 0,
        (Flank::Inside | Flank::Free, _, _) => 10,
        (Flank::Right, _, Glyph::Opening | Glyph::Low) => 30,
        (Flank::Right, _, Glyph::Straight | Glyph::Closing) => return NEVER,
    };
    let glyph = match mark.glyph {
        Glyph::Closing => 25,
        Glyph::Straight | Glyph::Opening | Glyph::Low => 0,
    };
    flank + glyph
}

/// The cost of `mark` closing the quotation `opener` opened.
fn close_cost(mark: &Candidate, opener: &Candidate) -> u32 {
    let flank = match (mark.flank, mark.before, mark.capital_after) {
        (Flank::Right, _, _) => 0,
        (Flank::Inside | Flank::Free, _, _) => 10,
        (Flank::Left, _, _) if mark.glyph == Glyph::Closing => 15,
        (Flank::Left, Before::Comma, _) if mark.attribution_after => 18,
        (Flank::Left, Before::Stop, false) => 18,
        (Flank::Left, Before::Stop, true) => 30,
        (Flank::Left, Before::Comma, _) => return NEVER,
        (Flank::Left, Before::Word | Before::Other, _) => return NEVER,
    };
    let glyph = match (mark.glyph, opener.glyph) {
        (Glyph::Low, _) => return NEVER,
        (Glyph::Opening, Glyph::Low) => 0,
        (Glyph::Opening, _) => 25,
        (Glyph::Straight | Glyph::Closing, _) => 0,
    };
    flank + glyph
}

/// The cost of the pair `open`, `close` besides each mark's role: a straight mark paired
/// with a curly one, both marks against their flanking, a quotation over many sentences
/// (more for a quoted term, opened after a word, than for quoted speech) or many
/// characters.
fn pair_cost(open: &Candidate, close: &Candidate) -> u32 {
    if open.flank == Flank::Right && close.flank == Flank::Left {
        return NEVER;
    }
    let mixed = (open.glyph == Glyph::Straight) != (close.glyph == Glyph::Straight);
    let per_sentence = if open.before == Before::Word { 8 } else { 3 };
    let sentences = close.sentences.saturating_sub(open.sentences);
    let length = close.at.saturating_sub(open.at) / 60;
    let attributions = close.attributions.saturating_sub(open.attributions).min(2);
    u32::from(mixed) * 10
        + (sentences * per_sentence + length).min(LONGEST)
        + attributions * ATTRIBUTED
}

fn alone_cost(mark: &Candidate) -> u32 {
    if mark.silent { ALONE_SILENT } else { ALONE }
}

/// The cost of leaving `mark` unpaired inside a quotation.
fn alone_inside_cost(mark: &Candidate) -> u32 {
    if mark.silent {
        ALONE_SILENT
    } else {
        ALONE + ENCLOSED
    }
}

/// The cost of `marks[open]` and `marks[close]` pairing, the marks between them aside.
fn pairing(marks: &[Candidate], open: usize, close: usize) -> u32 {
    open_cost(&marks[open])
        .saturating_add(close_cost(&marks[close], &marks[open]))
        .saturating_add(pair_cost(&marks[open], &marks[close]))
}

/// The cheapest reading of `marks` (the few inside a quotation) as quotations side by
/// side within it: its pairs (as indices into `marks`, opening first) are pushed to
/// `pairs`. [`pair`] weighs the same readings as it goes.
fn nested(marks: &[Candidate], pairs: &mut Vec<(usize, usize)>) {
    let n = marks.len();
    let mut best = vec![u32::MAX; n + 1];
    let mut from: Vec<Option<usize>> = vec![None; n + 1];
    best[0] = 0;
    for k in 0..n {
        let alone = best[k].saturating_add(alone_inside_cost(&marks[k]));
        if alone < best[k + 1] {
            best[k + 1] = alone;
            from[k + 1] = None;
        }
        let mut between = 0u32;
        for j in k + 1..n {
            let cost = best[k]
                .saturating_add(pairing(marks, k, j))
                .saturating_add(NESTED)
                .saturating_add(between);
            if cost < best[j + 1] {
                best[j + 1] = cost;
                from[j + 1] = Some(k);
            }
            between = between.saturating_add(alone_inside_cost(&marks[j]));
        }
    }
    let mut k = n;
    while k > 0 {
        match from[k] {
            Some(open) => {
                pairs.push((open, k - 1));
                k = open;
            }
            None => k -= 1,
        }
    }
}

/// Pairs `marks` (in text order) at the lowest cost; one verdict per mark. A quotation
/// may hold quotations of the same marks one level deep.
pub(super) fn pair(marks: &[Candidate]) -> Vec<Verdict> {
    let n = marks.len();
    // alone[k]: the cost of leaving marks[..k] all unpaired inside a quotation.
    let mut alone = Vec::with_capacity(n + 1);
    alone.push(0u32);
    for mark in marks {
        alone.push(
            alone
                .last()
                .copied()
                .unwrap_or(0)
                .saturating_add(alone_inside_cost(mark)),
        );
    }
    let alone_between = |from: usize, to: usize| alone[to] - alone[from];
    // best[k]: the cheapest reading of marks[..k] with no quotation open after them;
    // from[k]: the opening mark of the pair that ends it, or None if marks[k - 1] is
    // alone.
    let mut best = vec![u32::MAX; n + 1];
    let mut from: Vec<Option<usize>> = vec![None; n + 1];
    best[0] = 0;
    // inner[m]: the cheapest reading of the m marks after an opening mark, as quotations
    // side by side inside it.
    let mut inner = [0u32; REACH];
    for k in 0..n {
        let here = best[k];
        let single = here.saturating_add(alone_cost(&marks[k]));
        if single < best[k + 1] {
            best[k + 1] = single;
            from[k + 1] = None;
        }
        if open_cost(&marks[k]) >= NEVER {
            continue;
        }
        inner[0] = 0;
        for j in k + 1..n.min(k + REACH) {
            let m = j - k - 1;
            if m > 0 {
                let last = j - 1;
                let mut cheapest = inner[m - 1].saturating_add(alone_inside_cost(&marks[last]));
                for p in k + 1..last {
                    // A mark that cannot open pairs at a cost past any reading of
                    // lone marks: not weighed.
                    if open_cost(&marks[p]) >= NEVER {
                        continue;
                    }
                    let cost = inner[p - k - 1]
                        .saturating_add(pairing(marks, p, last))
                        .saturating_add(NESTED)
                        .saturating_add(alone_between(p + 1, last));
                    cheapest = cheapest.min(cost);
                }
                inner[m] = cheapest;
            }
            let cost = here
                .saturating_add(pairing(marks, k, j))
                .saturating_add(inner[m]);
            if cost < best[j + 1] {
                best[j + 1] = cost;
                from[j + 1] = Some(k);
            }
        }
    }
    let mut verdicts = vec![Verdict::Alone; n];
    let mut k = n;
    while k > 0 {
        match from[k] {
            Some(open) => {
                let close = k - 1;
                verdicts[open] = Verdict::Opens(close);
                verdicts[close] = Verdict::Closes(open);
                let mut inside = Vec::new();
                nested(&marks[open + 1..close], &mut inside);
                for (a, b) in inside {
                    verdicts[open + 1 + a] = Verdict::Opens(open + 1 + b);
                    verdicts[open + 1 + b] = Verdict::Closes(open + 1 + a);
                }
                k = open;
            }
            None => k -= 1,
        }
    }
    verdicts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Candidates from a compact notation: `L` `R` `I` `F` for the flanking of a straight
    /// mark, `.` for a sentence end, `w`/`p` before a mark for a word or punctuation
    /// before its space, `C` after a mark for a capital after it, `s` for silent.
    fn marks(notation: &str) -> Vec<Candidate> {
        let mut marks: Vec<Candidate> = Vec::new();
        let mut sentences = 0;
        let mut before = Before::Other;
        for c in notation.chars() {
            let flank = match c {
                'L' => Flank::Left,
                'R' => Flank::Right,
                'I' => Flank::Inside,
                'F' => Flank::Free,
                '.' => {
                    sentences += 1;
                    continue;
                }
                'w' => {
                    before = Before::Word;
                    continue;
                }
                'p' => {
                    before = Before::Stop;
                    continue;
                }
                'C' => {
                    marks.last_mut().expect("a mark").capital_after = true;
                    continue;
                }
                's' => {
                    marks.last_mut().expect("a mark").silent = true;
                    continue;
                }
                _ => continue,
            };
            marks.push(Candidate {
                glyph: Glyph::Straight,
                flank,
                before,
                capital_after: false,
                attribution_after: false,
                silent: false,
                sentences,
                attributions: 0,
                at: u32::try_from(marks.len() * 20).expect("short tests"),
            });
            before = Before::Other;
        }
        marks
    }

    fn alone(notation: &str) -> Vec<usize> {
        pair(&marks(notation))
            .iter()
            .enumerate()
            .filter(|(_, v)| **v == Verdict::Alone)
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn well_formed_pairs_pair() {
        assert_eq!(alone("LR LR . LR"), Vec::<usize>::new());
        assert_eq!(pair(&marks("LR")), [Verdict::Opens(1), Verdict::Closes(0)]);
    }

    #[test]
    fn a_lost_closing_mark_leaves_its_opening_alone_and_the_rest_paired() {
        // `He said "we will win. Then "the plan" and "a farce" were named.`
        assert_eq!(alone("L . L R L R"), [0]);
        // `we will win," he said. Then "the plan" was named.`
        assert_eq!(alone("R . L R L R"), [0]);
    }

    #[test]
    fn a_closing_mark_cut_off_from_its_quotation_still_closes_it() {
        // `"There are no easy answers, "the minister said.`
        assert_eq!(alone("L pL"), Vec::<usize>::new());
        // `"This is it. As proof... "It is unique ... and said, "This ...`: the short
        // quotation closes with the misplaced mark; the long one is left open.
        assert_eq!(alone("L . pLC . . . . . . . . pLC"), [2]);
    }

    #[test]
    fn a_new_quotation_after_a_word_is_not_taken_for_a_closing_mark() {
        // `the "Eagle Bridge installed there. He called it "a farce" later.`
        assert_eq!(alone("wL . wL R"), [0]);
        // `the "Eagle Bridge and the "Star Site` (both closing marks lost).
        assert_eq!(alone("wL wL"), [0, 1]);
    }

    #[test]
    fn two_closing_marks_are_not_read_as_a_pair() {
        // `in response," they warn. Then: over," he said.`
        assert_eq!(alone("R . R"), [0, 1]);
    }

    #[test]
    fn a_quotation_inside_another_of_the_same_marks_pairs() {
        // `"Will such a "return to the physical" slow it down?"`
        assert_eq!(
            pair(&marks("L wL R R")),
            [
                Verdict::Opens(3),
                Verdict::Opens(2),
                Verdict::Closes(1),
                Verdict::Closes(0)
            ]
        );
    }

    #[test]
    fn silent_marks_pair_when_they_can_and_are_dropped_when_not() {
        assert_eq!(alone("L R Rs"), [2]);
        assert_eq!(alone("Fs"), [0]);
    }

    #[test]
    fn many_marks_take_linear_time() {
        let notation = "L ".repeat(200_000);
        let verdicts = pair(&marks(&notation));
        assert_eq!(verdicts.len(), 200_000);
    }
}
