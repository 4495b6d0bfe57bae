//! Sizes said to readers: "640 KB", "10.5 MB", "1.2 GB".

use core::fmt;

/// A byte count in binary units: whole kilobytes below a megabyte, else megabytes or gigabytes to
/// one decimal place (`10.5 MB`) or whole (`10 MB`). Rounded up, so that a size over a limit never
/// shows as the limit itself. Integer arithmetic: formatting a float would pull the float printing
/// code into the wasm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteSize(pub u64);

impl ByteSize {
    pub fn of(bytes: usize) -> ByteSize {
        ByteSize(bytes as u64)
    }
}

impl fmt::Display for ByteSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const KB: u64 = 1 << 10;
        const MB: u64 = 1 << 20;
        const GB: u64 = 1 << 30;
        let bytes = self.0;
        let (unit, name) = match bytes {
            b if b >= GB => (GB, "GB"),
            b if b >= MB => (MB, "MB"),
            _ => return write!(f, "{} KB", bytes.div_ceil(KB)),
        };
        let tenths = (bytes % unit * 10).div_ceil(unit);
        let (whole, tenths) = (bytes / unit + tenths / 10, tenths % 10);
        if tenths == 0 {
            write!(f, "{whole} {name}")
        } else {
            write!(f, "{whole}.{tenths} {name}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_decimal_rounded_up() {
        const MB: u64 = 1024 * 1024;
        let shown = |bytes| ByteSize(bytes).to_string();
        assert_eq!(shown(10 * MB), "10 MB");
        assert_eq!(shown(10 * MB + 1), "10.1 MB");
        assert_eq!(shown(11 * MB - 1), "11 MB");
        assert_eq!(shown(10 * MB + MB / 2), "10.5 MB");
        assert_eq!(shown(MB), "1 MB");
        assert_eq!(shown(MB - 1), "1024 KB");
        assert_eq!(shown(655_360), "640 KB");
        assert_eq!(shown(1), "1 KB");
        assert_eq!(shown(0), "0 KB");
        assert_eq!(shown(10 * 1024 * MB), "10 GB");
        assert!(!shown(u64::MAX).is_empty());
    }
}
