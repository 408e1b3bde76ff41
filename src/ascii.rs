//! Runs of ASCII letters and digits measured eight bytes at a time. Words are most of
//! prose; the tokeniser and the regex scan both pass over them, and a byte-at-a-time loop
//! pays a branch per letter where these pay one per eight.

/// One in each byte of a word.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte.
const HIGH: u64 = ONES * 0x80;

/// The high bit of each byte of `x` that is ASCII and strictly between `low` and `high`
/// (`low` ≤ 127, `high` ≤ 128): each byte is tested in its own lane, no carry crossing
/// into the next (Sean Anderson's "bit twiddling hacks", `hasbetween`).
const fn bytes_between(x: u64, low: u8, high: u8) -> u64 {
    let seven_bits = x & (ONES * 127);
    ((ONES * (127 + high as u64)).wrapping_sub(seven_bits)
        & !x
        & seven_bits.wrapping_add(ONES * (127 - low as u64)))
        & HIGH
}

/// The high bit of each byte of `x` that is an ASCII letter.
const fn letters(x: u64) -> u64 {
    // `| 0x20` folds `A`–`Z` onto `a`–`z` and nothing else onto them.
    bytes_between(x | (ONES * 0x20), b'a' - 1, b'z' + 1)
}

/// How many bytes at the start of `bytes` pass `wanted` (a test of eight bytes at once,
/// setting the high bit of each byte that passes) and `single` (the same for one byte).
fn prefix(bytes: &[u8], wanted: impl Fn(u64) -> u64, single: impl Fn(&u8) -> bool) -> usize {
    let mut length = 0;
    while let Some(chunk) = bytes[length..].first_chunk::<8>() {
        let others = !wanted(u64::from_le_bytes(*chunk)) & HIGH;
        if others != 0 {
            return length + (others.trailing_zeros() / 8) as usize;
        }
        length += 8;
    }
    length + bytes[length..].iter().take_while(|b| single(b)).count()
}

/// How many bytes at the start of `bytes` are ASCII letters or digits.
pub fn alphanumeric_prefix(bytes: &[u8]) -> usize {
    prefix(
        bytes,
        |x| letters(x) | bytes_between(x, b'0' - 1, b'9' + 1),
        u8::is_ascii_alphanumeric,
    )
}

/// How many bytes at the start of `bytes` are ASCII letters.
pub fn letters_prefix(bytes: &[u8]) -> usize {
    prefix(bytes, letters, u8::is_ascii_alphabetic)
}

/// How many bytes at the start of `bytes` are ASCII words separated by single spaces: the
/// longest start made of letters and of spaces each followed by a letter.
pub fn words_prefix(bytes: &[u8]) -> usize {
    let mut length = 0;
    // Each byte is read with the one after it: eight bytes and the eight from one further.
    while let (Some(chunk), Some(next)) = (
        bytes[length..].first_chunk::<8>(),
        bytes.get(length + 1..).and_then(<[u8]>::first_chunk::<8>),
    ) {
        let x = u64::from_le_bytes(*chunk);
        let spaces = bytes_between(x, b' ' - 1, b' ' + 1);
        let fine = letters(x) | (spaces & letters(u64::from_le_bytes(*next)));
        let others = !fine & HIGH;
        if others != 0 {
            return length + (others.trailing_zeros() / 8) as usize;
        }
        length += 8;
    }
    while let Some(&byte) = bytes.get(length) {
        let spaced = byte == b' ' && bytes.get(length + 1).is_some_and(u8::is_ascii_alphabetic);
        if !(byte.is_ascii_alphabetic() || spaced) {
            break;
        }
        length += 1;
    }
    length
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_measured_exactly_for_every_byte_at_every_place() {
        for byte in 0..=u8::MAX {
            for place in 0..12 {
                let mut bytes = vec![b'k'; 12];
                bytes[place] = byte;
                let expected = |test: fn(&u8) -> bool| bytes.iter().take_while(|b| test(b)).count();
                assert_eq!(
                    alphanumeric_prefix(&bytes),
                    expected(u8::is_ascii_alphanumeric),
                    "byte {byte:#04x} at {place}"
                );
                assert_eq!(
                    letters_prefix(&bytes),
                    expected(u8::is_ascii_alphabetic),
                    "byte {byte:#04x} at {place}"
                );
            }
        }
    }

    /// The prefix of words and single spaces, byte by byte.
    fn words_prefix_slowly(bytes: &[u8]) -> usize {
        (0..bytes.len())
            .find(|&at| {
                let spaced =
                    bytes[at] == b' ' && bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic);
                !(bytes[at].is_ascii_alphabetic() || spaced)
            })
            .unwrap_or(bytes.len())
    }

    #[test]
    fn word_prefixes_are_measured_exactly_for_every_pair_of_bytes_at_every_place() {
        let interesting = [
            b' ', b'a', b'Z', b'.', b'@', b'[', b'`', b'{', b'\n', 0x80, 0xC3, 0xFF,
        ];
        for length in 0..20 {
            for place in 0..length {
                for &first in &interesting {
                    for &second in &interesting {
                        let mut bytes = b"word word word word".to_vec();
                        bytes.truncate(length);
                        bytes[place] = first;
                        if place + 1 < length {
                            bytes[place + 1] = second;
                        }
                        assert_eq!(
                            words_prefix(&bytes),
                            words_prefix_slowly(&bytes),
                            "{:?}",
                            String::from_utf8_lossy(&bytes)
                        );
                    }
                }
            }
        }
        for byte in 0..=u8::MAX {
            for place in 0..12 {
                let mut bytes = b"ab cd ef gh ij".to_vec();
                bytes[place] = byte;
                assert_eq!(
                    words_prefix(&bytes),
                    words_prefix_slowly(&bytes),
                    "{byte:#04x} at {place}"
                );
            }
        }
    }
}
