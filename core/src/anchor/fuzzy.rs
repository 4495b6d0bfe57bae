//! Approximate string matching: Myers' bit-parallel algorithm ("A fast bit-vector algorithm for
//! approximate string matching based on dynamic programming", J. ACM 46(3), 1999), with the
//! pattern cut into blocks of 64 rows so that it may have any length.
//!
//! [`Pattern::distances`] reads a text once and yields, after each of its characters, the edit
//! distance (Levenshtein: insertions, deletions and substitutions of characters) between the whole
//! pattern and the best-matching stretch of text that ends there. One column of the dynamic
//! programme costs one word operation per block: `O(n · ⌈m / 64⌉)` for a text of `n` and a
//! pattern of `m` characters, and the pattern's table takes `O(σ · ⌈m / 64⌉)` words for its `σ`
//! distinct characters. Callers bound `m`.

/// Rows of the dynamic programme per block: the bits of a word.
const BLOCK_ROWS: usize = u64::BITS as usize;

/// Where the stretch of text matched against the pattern may begin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Anywhere: the pattern is searched for in the text.
    Anywhere,
    /// At the text's first character: the text's prefixes are compared with the pattern.
    AtTextStart,
}

/// A pattern prepared for matching.
#[derive(Debug, Clone)]
pub struct Pattern {
    len: usize,
    blocks: usize,
    /// The row of `peq` for characters that are not in the pattern.
    unknown: usize,
    /// For ASCII characters: the symbol's row in `peq`.
    ascii: [usize; 128],
    /// The pattern's other characters, sorted, with their row in `peq`.
    others: Vec<(char, usize)>,
    /// Per symbol, one word per block with the bits of the pattern positions holding it; the last
    /// row, all zeros, stands for every character that is not in the pattern.
    peq: Vec<u64>,
}

impl Pattern {
    pub fn new(pattern: impl IntoIterator<Item = char>) -> Self {
        Self::from_chars(pattern.into_iter().collect())
    }

    fn from_chars(chars: Vec<char>) -> Self {
        // Each distinct character gets a row of the table, in the order they first appear.
        const UNSEEN: usize = usize::MAX;
        let mut ascii = [UNSEEN; 128];
        let mut others: Vec<(char, usize)> = Vec::new();
        let mut symbols = 0;
        for &c in &chars {
            let seen = match ascii.get_mut(c as usize) {
                Some(slot) if *slot == UNSEEN => {
                    *slot = symbols;
                    false
                }
                Some(_) => true,
                None => match others.binary_search_by_key(&c, |&(other, _)| other) {
                    Ok(_) => true,
                    Err(at) => {
                        others.insert(at, (c, symbols));
                        false
                    }
                },
            };
            symbols += usize::from(!seen);
        }
        for slot in &mut ascii {
            if *slot == UNSEEN {
                *slot = symbols;
            }
        }
        let blocks = chars.len().div_ceil(BLOCK_ROWS);
        let mut pattern = Pattern {
            len: chars.len(),
            blocks,
            unknown: symbols,
            ascii,
            others,
            peq: vec![0; (symbols + 1) * blocks],
        };
        for (row, &c) in chars.iter().enumerate() {
            let at = pattern.symbol(c) * blocks + row / BLOCK_ROWS;
            if let Some(word) = pattern.peq.get_mut(at) {
                *word |= 1 << (row % BLOCK_ROWS);
            }
        }
        pattern
    }

    /// The pattern's length in characters.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// After each character of `text`, the edit distance between the pattern and the best
    /// stretch of text that ends there and begins as `start` allows.
    pub fn distances<I: Iterator<Item = char>>(&self, text: I, start: Start) -> Distances<'_, I> {
        Distances {
            text,
            columns: Columns {
                pattern: self,
                top: match start {
                    Start::Anywhere => 0,
                    Start::AtTextStart => 1,
                },
                // Column 0: every pattern row is one more than the row above (D[i][0] = i).
                pv: vec![u64::MAX; self.blocks],
                mv: vec![0; self.blocks],
                score: self.len,
            },
        }
    }

    /// The row of the table for `c`.
    fn symbol(&self, c: char) -> usize {
        match self.ascii.get(c as usize) {
            Some(&symbol) => symbol,
            None => self
                .others
                .binary_search_by_key(&c, |&(other, _)| other)
                .ok()
                .and_then(|i| self.others.get(i))
                .map_or(self.unknown, |&(_, symbol)| symbol),
        }
    }

    /// The words of `c`'s row in the table: the pattern positions that hold `c`.
    fn matches(&self, c: char) -> &[u64] {
        let from = self.symbol(c) * self.blocks;
        self.peq.get(from..from + self.blocks).unwrap_or_default()
    }
}

/// The iterator of [`Pattern::distances`].
#[derive(Debug, Clone)]
pub struct Distances<'p, I> {
    text: I,
    columns: Columns<'p>,
}

impl<I: Iterator<Item = char>> Iterator for Distances<'_, I> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let c = self.text.next()?;
        Some(self.columns.advance(c))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.text.size_hint()
    }
}

/// The dynamic programme's current column. Apart from the iterator, so that it is compiled once
/// whatever the text's iterator.
#[derive(Debug, Clone)]
struct Columns<'p> {
    pattern: &'p Pattern,
    /// The horizontal difference entering the first row: 0 when a match may begin anywhere, 1
    /// when every character skipped at the text's start costs one.
    top: i8,
    /// Per block, the rows whose value is one more (`pv`) or one less (`mv`) than the row above.
    pv: Vec<u64>,
    mv: Vec<u64>,
    /// The last row's value.
    score: usize,
}

impl Columns<'_> {
    /// Moves on by the text character `c` and returns the last row's new value.
    fn advance(&mut self, c: char) -> usize {
        let last_row = (self.pattern.len + BLOCK_ROWS - 1) % BLOCK_ROWS;
        let blocks = self.pattern.blocks;
        let mut carry = self.top;
        for (block, ((pv, mv), &eq)) in self
            .pv
            .iter_mut()
            .zip(&mut self.mv)
            .zip(self.pattern.matches(c))
            .enumerate()
        {
            let out_row = if block + 1 == blocks {
                last_row
            } else {
                BLOCK_ROWS - 1
            };
            carry = advance_block(pv, mv, eq, carry, out_row);
        }
        // With an empty pattern the loop does nothing and `carry` is the first row's difference.
        self.score = self.score.saturating_add_signed(isize::from(carry));
        self.score
    }
}

/// Advances one block by one column of text. `eq` marks the block's rows whose pattern character
/// equals the text character and `h_in` is the horizontal difference entering the block's first
/// row; returns the difference leaving row `out_row` (the last row for all but the last block).
#[inline(always)]
fn advance_block(pv: &mut u64, mv: &mut u64, eq: u64, h_in: i8, out_row: usize) -> i8 {
    let h_in_negative = u64::from(h_in < 0);
    let h_in_positive = u64::from(h_in > 0);
    let xv = eq | *mv;
    let eq = eq | h_in_negative;
    let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
    let ph = *mv | !(xh | *pv);
    let mh = *pv & xh;
    let bit = |word: u64| i8::from((word >> out_row) & 1 == 1);
    let h_out = bit(ph) - bit(mh);
    let ph = (ph << 1) | h_in_positive;
    let mh = (mh << 1) | h_in_negative;
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    h_out
}
