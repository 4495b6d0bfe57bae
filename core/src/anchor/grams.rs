//! Where each 8-byte gram of the article's text occurs, so that a quote, or pieces of one, can be
//! looked up without reading the whole text for every annotation. Built once per article, in two
//! passes over its text (a counting sort by hash bucket).

/// Bytes per gram: one word, long enough that most grams of prose are rare.
pub(super) const GRAM: usize = 8;

/// The positions of every gram, grouped by the hash of the gram.
#[derive(Debug)]
pub(super) struct Grams {
    shift: u32,
    /// Bucket `b` holds `positions[starts[b]..starts[b + 1]]`.
    starts: Vec<u32>,
    /// Byte offsets at which a character begins, in text order within each bucket.
    positions: Vec<u32>,
}

impl Grams {
    /// The index of `text`, or `None` if it is too short to have a gram or too long for 32-bit
    /// offsets.
    pub(super) fn new(text: &[u8]) -> Option<Self> {
        u32::try_from(text.len()).ok()?;
        let count = text.len().checked_sub(GRAM)? + 1;
        // About two positions per bucket.
        let bits = (usize::BITS - count.leading_zeros()).clamp(2, 25) - 1;
        let shift = u64::BITS - bits;
        let mut starts = vec![0u32; (1 << bits) + 1];
        let grams = || {
            text.windows(GRAM)
                .enumerate()
                .filter(|(_, gram)| gram.first().is_some_and(|&b| !is_continuation(b)))
                .filter_map(|(at, gram)| Some((u32::try_from(at).ok()?, key(gram)?)))
        };
        for (_, key) in grams() {
            if let Some(n) = starts.get_mut(bucket(key, shift)) {
                *n += 1;
            }
        }
        // Each bucket's end, then (filling from the back) its start.
        let mut sum = 0;
        for n in &mut starts {
            sum += *n;
            *n = sum;
        }
        let mut positions = vec![0u32; sum as usize];
        for (at, key) in grams().rev() {
            if let Some(n) = starts.get_mut(bucket(key, shift)) {
                *n = n.saturating_sub(1);
                if let Some(slot) = positions.get_mut(*n as usize) {
                    *slot = at;
                }
            }
        }
        Some(Grams {
            shift,
            starts,
            positions,
        })
    }

    /// The positions where the gram `key` may be (with those of other grams of its bucket), in
    /// text order.
    pub(super) fn candidates(&self, key: u64) -> &[u32] {
        let b = bucket(key, self.shift);
        match (self.starts.get(b), self.starts.get(b + 1)) {
            (Some(&from), Some(&to)) => self
                .positions
                .get(from as usize..to as usize)
                .unwrap_or_default(),
            _ => &[],
        }
    }
}

/// The gram at the start of `bytes`, if there are enough of them.
pub(super) fn key(bytes: &[u8]) -> Option<u64> {
    let gram: [u8; GRAM] = bytes.get(..GRAM)?.try_into().ok()?;
    Some(u64::from_le_bytes(gram))
}

/// A UTF-8 continuation byte: no character, so no quote, starts there.
fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

fn bucket(key: u64, shift: u32) -> usize {
    // Fibonacci hashing: the top bits of the product mix every byte of the gram.
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_gram_is_found_at_each_of_its_positions() {
        let text = "the cat sat on the mat; the cat sat again. Été 🙂 déjà vu, déjà vu.";
        let Some(grams) = Grams::new(text.as_bytes()) else {
            panic!("no index")
        };
        for (at, _) in text.char_indices() {
            let Some(key) = key(&text.as_bytes()[at..]) else {
                continue;
            };
            let found: Vec<usize> = grams
                .candidates(key)
                .iter()
                .map(|&p| p as usize)
                .filter(|&p| text.as_bytes()[p..].starts_with(&text.as_bytes()[at..at + GRAM]))
                .collect();
            let expected: Vec<usize> = text
                .char_indices()
                .map(|(p, _)| p)
                .filter(|&p| text.as_bytes()[p..].starts_with(&text.as_bytes()[at..at + GRAM]))
                .collect();
            assert_eq!(found, expected, "gram at {at}");
        }
    }

    #[test]
    fn texts_shorter_than_a_gram_have_no_index() {
        assert!(Grams::new(b"short").is_none());
        assert!(Grams::new(b"12345678").is_some());
    }
}
