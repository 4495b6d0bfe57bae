//! Reads UTF-8 and returns a count of ranges: with the `segment` feature, of sentences; without,
//! a single range, so that allocation and UTF-8 checking are in both builds.

use core::ops::Range;

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

#[cfg(not(feature = "segment"))]
fn ranges(text: &str) -> Vec<Range<usize>> {
    vec![0..text.len()]
}
