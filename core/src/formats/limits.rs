//! The sizes beyond which input is refused. They are far above what a reader produces by hand, and
//! low enough that the worst input still imports in about a second in a browser tab.

/// The largest file (or pasted link) accepted: 10 MB.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// The most annotations one file or link may hold.
pub const MAX_ANNOTATIONS: usize = 10_000;

/// How far a share link's data may inflate: 1 MB is a thousand times what 50 notes need, and
/// stops a few kilobytes of link from becoming gigabytes in memory.
pub const MAX_INFLATED_BYTES: usize = 1024 * 1024;

/// The longest id kept as it is; longer ids are replaced by a hash of them.
pub const MAX_ID_CHARS: usize = 256;

/// Text positions past this are not positions in any text: refused as out of range.
pub const MAX_POSITION: u64 = u32::MAX as u64;

/// How deeply arrays and objects may nest in JSON from outside: far more than Web Annotations need
/// (about ten levels), and few enough that reading them, which recurses, cannot overflow the stack.
pub const MAX_JSON_DEPTH: usize = 64;
