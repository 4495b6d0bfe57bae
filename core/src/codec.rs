//! JSON in and out.
//!
//! The core says what its data is, as serde types; turning JSON text into them and back is the
//! caller's [`Json`]. The app hands it to the browser's own `JSON.parse` and `JSON.stringify`, so
//! that the wasm carries no JSON parser; native code (tests, examples, benchmarks, fuzz targets)
//! uses serde_json, as [`SerdeJson`].
//!
//! Text from outside (files, links) is looked over by [`check`] before it is parsed, so that the
//! refusals a reader sees are the same whichever parser runs.

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Why JSON could not be parsed, read or written, in the codec's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError(pub String);

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for JsonError {}

/// A JSON codec: parses text into a document that serde types are read from, and writes serde
/// types as text.
pub trait Json {
    /// Parsed JSON, which [`Json::read`] may read more than once, as different types.
    type Document;

    fn parse(&self, text: &str) -> Result<Self::Document, JsonError>;

    fn read<T: DeserializeOwned>(&self, document: &Self::Document) -> Result<T, JsonError>;

    /// Compact JSON, members in the order the type serialises them.
    fn write<T: Serialize + ?Sized>(&self, value: &T) -> Result<String, JsonError>;

    /// JSON indented by two spaces, as `JSON.stringify(value, null, 2)` writes it.
    fn write_pretty<T: Serialize + ?Sized>(&self, value: &T) -> Result<String, JsonError>;

    /// Parses `text` and reads it as a `T`.
    fn read_text<T: DeserializeOwned>(&self, text: &str) -> Result<T, JsonError> {
        self.read(&self.parse(text)?)
    }
}

/// The native codec: serde_json.
#[cfg(feature = "serde_json")]
#[derive(Debug, Clone, Copy, Default)]
pub struct SerdeJson;

#[cfg(feature = "serde_json")]
impl Json for SerdeJson {
    type Document = serde_json::Value;

    fn parse(&self, text: &str) -> Result<Self::Document, JsonError> {
        serde_json::from_str(text).map_err(|e| JsonError(e.to_string()))
    }

    fn read<T: DeserializeOwned>(&self, document: &Self::Document) -> Result<T, JsonError> {
        T::deserialize(document).map_err(|e| JsonError(e.to_string()))
    }

    fn write<T: Serialize + ?Sized>(&self, value: &T) -> Result<String, JsonError> {
        serde_json::to_string(value).map_err(|e| JsonError(e.to_string()))
    }

    fn write_pretty<T: Serialize + ?Sized>(&self, value: &T) -> Result<String, JsonError> {
        serde_json::to_string_pretty(value).map_err(|e| JsonError(e.to_string()))
    }
}

/// What [`check`] found that keeps JSON text from being parsed at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unparsable {
    /// Arrays and objects nested deeper than the limit.
    TooDeep,
    /// The text ends inside a string, or with an array or object still open.
    Truncated,
    /// A `\u` escape of half a UTF-16 surrogate pair, at a line and column (in characters, from 1).
    LoneSurrogate { line: usize, column: usize },
}

impl fmt::Display for Unparsable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unparsable::TooDeep => f.write_str("it is nested too deeply"),
            Unparsable::Truncated => f.write_str("it is cut short"),
            Unparsable::LoneSurrogate { line, column } => write!(
                f,
                "it holds half of a character escape at line {line}, column {column}"
            ),
        }
    }
}

/// Looks JSON text over in one pass, before it is parsed: nesting deeper than `max_depth` (the
/// readers recurse once per level), text that stops inside a string or an open array or object
/// (a cut-off download), and escapes of half a surrogate pair such as `\ud800`, which
/// `JSON.parse` takes but no Rust string can hold. Anything else wrong is left to the parser.
pub fn check(text: &str, max_depth: usize) -> Result<(), Unparsable> {
    let bytes = text.as_bytes();
    let (mut depth, mut closed_too_often, mut in_string) = (0_usize, false, false);
    let (mut line, mut line_start) = (1, 0);
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match (in_string, byte) {
            (_, b'\n') => (line, line_start) = (line + 1, at + 1),
            (true, b'"') => in_string = false,
            (true, b'\\') => {
                let step = escape_length(bytes, at).ok_or_else(|| {
                    let column = text.get(line_start..at).map_or(0, |s| s.chars().count()) + 1;
                    Unparsable::LoneSurrogate { line, column }
                })?;
                at += step;
                continue;
            }
            (false, b'"') => in_string = true,
            (false, b'[' | b'{') => {
                depth += 1;
                if depth > max_depth {
                    return Err(Unparsable::TooDeep);
                }
            }
            (false, b']' | b'}') => match depth.checked_sub(1) {
                Some(outer) => depth = outer,
                None => closed_too_often = true,
            },
            _ => {}
        }
        at += 1;
    }
    // More closing brackets than opening ones is not a cut-off file: the parser says what it is.
    if (in_string || depth > 0) && !closed_too_often {
        return Err(Unparsable::Truncated);
    }
    Ok(())
}

/// The length of the escape that starts with the `\` at `at`: two bytes, six for `\uXXXX`,
/// twelve for a surrogate pair; `None` for half a pair.
fn escape_length(bytes: &[u8], at: usize) -> Option<usize> {
    let unit = |from: usize| -> Option<u16> {
        if bytes.get(from..from + 2)? != b"\\u" {
            return None;
        }
        let hex = std::str::from_utf8(bytes.get(from + 2..from + 6)?).ok()?;
        u16::from_str_radix(hex, 16).ok()
    };
    match unit(at) {
        Some(0xD800..=0xDBFF) => match unit(at + 6) {
            Some(0xDC00..=0xDFFF) => Some(12),
            _ => None,
        },
        Some(0xDC00..=0xDFFF) => None,
        Some(_) => Some(6),
        // A malformed escape is the parser's to report.
        None => Some(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_json_passes() {
        for text in [
            "",
            "1",
            r#"{"a":[1,{"b":"[{"}],"c":"\"]"}"#,
            r#""\ud83d\ude00 \u00e9 \\u d800""#,
            "[[[]]]",
        ] {
            assert_eq!(check(text, 3), Ok(()), "{text}");
        }
    }

    #[test]
    fn nesting_past_the_limit_is_too_deep() {
        assert_eq!(check("[[[[]]]]", 3), Err(Unparsable::TooDeep));
        assert_eq!(
            check(&"{\"a\":".repeat(100_000), 64),
            Err(Unparsable::TooDeep)
        );
    }

    #[test]
    fn text_cut_off_is_truncated() {
        for text in [r#"{"a":[1,2"#, r#"{"a":"unfinished"#, r#"["\"#] {
            assert_eq!(check(text, 8), Err(Unparsable::Truncated), "{text}");
        }
        assert_eq!(
            check("[]]", 8),
            Ok(()),
            "extra closing brackets are the parser's"
        );
        assert_eq!(check("]{", 8), Ok(()));
    }

    #[test]
    fn half_a_surrogate_pair_is_found_where_it_is() {
        let text = "{\n  \"é\": \"x\\ud800y\"}";
        assert_eq!(
            check(text, 8),
            Err(Unparsable::LoneSurrogate {
                line: 2,
                column: 10
            })
        );
        assert!(matches!(
            check(r#""\udc00""#, 8),
            Err(Unparsable::LoneSurrogate { .. })
        ));
        assert!(matches!(
            check(r#""\ud800\u0041""#, 8),
            Err(Unparsable::LoneSurrogate { .. })
        ));
        assert_eq!(
            check(r#""\u12""#, 8),
            Ok(()),
            "malformed escapes are the parser's"
        );
    }

    #[test]
    fn serde_json_writes_pretty_json_as_json_stringify_does() {
        #[derive(Serialize)]
        struct Sample {
            a: Vec<u8>,
            b: Vec<u8>,
        }
        let pretty = SerdeJson.write_pretty(&Sample {
            a: vec![1],
            b: Vec::new(),
        });
        assert_eq!(
            pretty,
            Ok("{\n  \"a\": [\n    1\n  ],\n  \"b\": []\n}".to_owned())
        );
    }
}
