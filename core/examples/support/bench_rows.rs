//! Figures for the one table `scripts/bench` prints (see `bench/report.mjs`): each is appended as
//! a JSON line to the file `BENCH_ROWS` names. Run alone, a benchmark records nothing.

use std::io::Write;

use serde_json::Value;

/// Records one row: `{ section, figure, value, unit, baseline?: { name, value }, budget?: { max }
/// | { min }, detail? }`.
pub fn record(row: Value) {
    let Some(path) = std::env::var_os("BENCH_ROWS") else {
        return;
    };
    let written = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .and_then(|mut file| writeln!(file, "{row}"));
    if let Err(e) = written {
        eprintln!(
            "cannot record a benchmark figure in {}: {e}",
            path.display()
        );
    }
}
