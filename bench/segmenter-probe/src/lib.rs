//! Reads UTF-8 and returns a count of ranges: with the `segment` feature, of our sentences; with
//! `uax29`, of unicode-segmentation's sentence bounds; with neither, a single range, so that
//! allocation and UTF-8 checking are in every build.

use core::ops::Range;

/// Room for `len` bytes of input, which the host writes before calling [`probe`]. Never freed:
/// the host asks once.
#[unsafe(no_mangle)]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    Vec::<u8>::with_capacity(len).leak().as_mut_ptr()
}

/// # Safety
/// `ptr..ptr + len` must be readable memory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn probe(ptr: *const u8, len: usize) -> usize {
    // SAFETY: the caller passes memory it owns.
    let bytes = unsafe { core::slice::from_raw_parts(ptr, len) };
    let text = core::str::from_utf8(bytes).unwrap_or_default();
    ranges(text).len()
}

#[cfg(feature = "segment")]
fn ranges(text: &str) -> Vec<Range<usize>> {
    scholia_core::segment::sentences(text)
}

#[cfg(feature = "uax29")]
fn ranges(text: &str) -> Vec<Range<usize>> {
    use unicode_segmentation::UnicodeSegmentation;
    text.split_sentence_bound_indices()
        .map(|(start, sentence)| start..start + sentence.len())
        .collect()
}

#[cfg(not(any(feature = "segment", feature = "uax29")))]
fn ranges(text: &str) -> Vec<Range<usize>> {
    vec![0..text.len()]
}
