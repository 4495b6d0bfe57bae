//! A spreadsheet export: one row per annotation, RFC 4180 (CRLF line ends, fields with commas,
//! quotes or line breaks quoted, quotes doubled), with a header row.
//!
//! A cell that a spreadsheet would run as a formula (one starting with `=`, `+`, `-`, `@`, a tab
//! or a carriage return) gets a `'` in front, as OWASP advises against CSV injection: a quote from
//! the article or a note from someone else must not become a formula on the reader's computer.

use crate::annotation::Annotation;
use crate::article::Article;
use crate::store::Store;

use super::{in_reading_order, time};

const HEADER: [&str; 10] = [
    "Quote",
    "Label",
    "Label number",
    "Note",
    "Tags",
    "Created",
    "Modified",
    "Start",
    "End",
    "Id",
];

/// The article's live annotations as CSV, in reading order. Tags are joined with `; `. The
/// article is not needed (each row quotes it), but every export takes the same arguments.
pub fn export(_article: &Article, store: &Store) -> String {
    let mut out = String::new();
    row(&mut out, HEADER.map(str::to_owned));
    for a in in_reading_order(store) {
        row(&mut out, cells(a, store.labels().name(a.label)));
    }
    out
}

fn cells(a: &Annotation, label_name: &str) -> [String; 10] {
    [
        a.target.exact.clone(),
        label_name.to_owned(),
        (a.label.index() + 1).to_string(),
        a.note.clone(),
        a.tags.join("; "),
        time::format(a.created),
        time::format(a.modified),
        a.target.start.to_string(),
        a.target.end.to_string(),
        a.id.clone(),
    ]
}

fn row(out: &mut String, cells: [String; 10]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, cell);
    }
    out.push_str("\r\n");
}

fn field(out: &mut String, cell: &str) {
    let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quoted = cell.contains([',', '"', '\n', '\r']);
    if quoted {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    out.push_str(&cell.replace('"', "\"\""));
    if quoted {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(cell: &str) -> String {
        let mut out = String::new();
        field(&mut out, cell);
        out
    }

    #[test]
    fn fields_are_quoted_and_formulas_neutralised() {
        assert_eq!(one("plain"), "plain");
        assert_eq!(one("a, b"), "\"a, b\"");
        assert_eq!(one("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(one("two\nlines"), "\"two\nlines\"");
        assert_eq!(one("=1+2"), "'=1+2");
        assert_eq!(one("+1"), "'+1");
        assert_eq!(one("-1"), "'-1");
        assert_eq!(one("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(one("=A1,\"x\""), "\"'=A1,\"\"x\"\"\"");
        assert_eq!(one("\tx"), "'\tx");
        assert_eq!(one("\rx"), "\"'\rx\"");
        assert_eq!(one("a=b"), "a=b");
    }
}
