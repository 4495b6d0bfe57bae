//! A small JSON reader and writer (RFC 8259) for the stored form and the formats.
//!
//! Written out here rather than taken from serde_json: one parser and one writer over one [`Value`]
//! type, none of it generic, is a fraction of the wasm that serde's code per type takes. Numbers
//! keep the text they were written as, so integers of any size (millisecond times, offsets)
//! round-trip exactly, and no float parsing or printing code is needed.
//!
//! The parser takes `&str`: bytes that are not UTF-8 are refused before, by whoever turned them
//! into text. Everything else hostile input can hold — deep nesting, a cut-off end, lone UTF-16
//! surrogates in `\u` escapes, control characters in strings, trailing garbage — is an [`Error`],
//! never a panic or a stack overflow.

use std::fmt;

/// How deeply arrays and objects may nest (about serde_json's limit): far more than any of our
/// formats needs (seven), and few enough that the recursive parser cannot overflow the stack.
pub(crate) const MAX_DEPTH: usize = 128;

/// A JSON value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// A number as it was written, e.g. `-5`, `1733650000000` or `1e30`: always valid JSON syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Number(String);

impl Number {
    /// The number if it is written as a whole number that fits in a `u64`. `1.0`, `1e3` and `-0`
    /// are not (serde_json reads them as floats).
    pub(crate) fn as_u64(&self) -> Option<u64> {
        let digits = &self.0;
        if digits.bytes().all(|b| b.is_ascii_digit()) {
            digits.parse().ok()
        } else {
            None
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// An object's members in the order they were written or built. A key given more than once reads
/// as its last value (as serde_json's `Value` did; serde's derive, which read the stored form
/// before, refused such objects).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Map(Vec<(String, Value)>);

impl Map {
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    // Reading a struct's fields, with a message naming the field when it cannot be read. These
    // follow what serde's derive did: a field with a default may be absent, but if it is there
    // it must be of the right kind (`null` included).

    /// A field that must be there.
    pub(crate) fn field(&self, key: &str) -> Result<&Value, String> {
        self.get(key).ok_or_else(|| format!("`{key}` is missing"))
    }

    pub(crate) fn string(&self, key: &str) -> Result<String, String> {
        text(key, self.field(key)?)
    }

    /// Text that is empty when the field is absent.
    pub(crate) fn string_or_empty(&self, key: &str) -> Result<String, String> {
        self.get(key)
            .map_or_else(|| Ok(String::new()), |value| text(key, value))
    }

    pub(crate) fn u64(&self, key: &str) -> Result<u64, String> {
        let value = self.field(key)?;
        value.as_u64().ok_or_else(|| wrong(key, "a whole number"))
    }

    pub(crate) fn usize(&self, key: &str) -> Result<usize, String> {
        let value = self.field(key)?;
        value.as_usize().ok_or_else(|| wrong(key, "a whole number"))
    }

    /// A list of text that is empty when the field is absent.
    pub(crate) fn strings_or_empty(&self, key: &str) -> Result<Vec<String>, String> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(value) => value
                .as_strings()
                .ok_or_else(|| wrong(key, "a list of text")),
        }
    }
}

fn wrong(key: &str, expected: &str) -> String {
    format!("`{key}` should be {expected}")
}

/// Field `key`'s `value` as text.
fn text(key: &str, value: &Value) -> Result<String, String> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| wrong(key, "text"))
}

impl Value {
    /// An object of `members`, in this order.
    pub(crate) fn object(members: Vec<(&str, Value)>) -> Value {
        Value::Object(Map(members
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value))
            .collect()))
    }

    /// The value of `key`, if this is an object that has it.
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    pub(crate) fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The members of an object, or a message saying it is not one.
    pub(crate) fn as_fields(&self) -> Result<&Map, String> {
        self.as_object()
            .ok_or_else(|| "expected an object".to_owned())
    }

    pub(crate) fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub(crate) fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub(crate) fn as_usize(&self) -> Option<usize> {
        self.as_u64().and_then(|n| usize::try_from(n).ok())
    }

    /// A list of text, if this is an array of strings only.
    pub(crate) fn as_strings(&self) -> Option<Vec<String>> {
        self.as_array()?
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect()
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Value {
        Value::Number(Number(n.to_string()))
    }
}

impl From<usize> for Value {
    fn from(n: usize) -> Value {
        Value::Number(Number(n.to_string()))
    }
}

impl From<Vec<Value>> for Value {
    fn from(items: Vec<Value>) -> Value {
        Value::Array(items)
    }
}

/// An array of strings.
impl From<&[String]> for Value {
    fn from(items: &[String]) -> Value {
        Value::Array(items.iter().map(|s| Value::from(s.as_str())).collect())
    }
}

// ---- Writing ----

/// Compact JSON: no white space at all.
pub(crate) fn to_string(value: &Value) -> String {
    to_string_pretty(value, 0)
}

/// JSON with the outer `levels` of arrays and objects spread over lines and indented by two
/// spaces, exactly as serde_json's pretty printer does, and anything nested deeper compact.
pub(crate) fn to_string_pretty(value: &Value, levels: usize) -> String {
    let mut out = String::new();
    write(&mut out, value, levels, 0);
    out
}

fn write(out: &mut String, value: &Value, levels: usize, indent: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.0),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                new_member(out, i, levels, indent + 1);
                write(out, item, levels.saturating_sub(1), indent + 1);
            }
            end_members(out, !items.is_empty(), levels, indent);
            out.push(']');
        }
        Value::Object(Map(members)) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                new_member(out, i, levels, indent + 1);
                write_string(out, key);
                out.push_str(if levels > 0 { ": " } else { ":" });
                write(out, item, levels.saturating_sub(1), indent + 1);
            }
            end_members(out, !members.is_empty(), levels, indent);
            out.push('}');
        }
    }
}

/// The comma before every member but the first, and in pretty output a new indented line.
fn new_member(out: &mut String, index: usize, levels: usize, indent: usize) {
    if index > 0 {
        out.push(',');
    }
    if levels > 0 {
        new_line(out, indent);
    }
}

/// In pretty output, the closing bracket of a non-empty array or object goes on a line of its own.
fn end_members(out: &mut String, any: bool, levels: usize, indent: usize) {
    if levels > 0 && any {
        new_line(out, indent);
    }
}

fn new_line(out: &mut String, indent: usize) {
    out.push('\n');
    for _ in 0..indent {
        out.push_str("  ");
    }
}

/// A string with the escapes serde_json writes: `\"`, `\\`, the short forms of control characters
/// that have one, and `\u00XX` for the others. Everything else is written as it is.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    let mut plain_from = 0;
    for (i, byte) in s.bytes().enumerate() {
        let short = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            0..0x20 => "",
            _ => continue,
        };
        // Every byte escaped is ASCII, so `i` is on a character boundary.
        out.push_str(s.get(plain_from..i).unwrap_or_default());
        plain_from = i + 1;
        if short.is_empty() {
            out.push_str("\\u00");
            for digit in [byte >> 4, byte & 0xF] {
                out.extend(char::from_digit(u32::from(digit), 16));
            }
        } else {
            out.push_str(short);
        }
    }
    out.push_str(s.get(plain_from..).unwrap_or_default());
    out.push('"');
}

// ---- Reading ----

/// What is wrong with a text that is not JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    /// The text ends in the middle of a value.
    Truncated,
    /// Arrays and objects nested more than [`MAX_DEPTH`] deep.
    TooDeep,
    /// A `\u` escape of half a UTF-16 surrogate pair.
    LoneSurrogate,
    /// Anything else, in a few words.
    Invalid(&'static str),
}

/// Why a text is not JSON, and where: line and column (in characters) from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Error {
    pub(crate) problem: Problem,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problem = match self.problem {
            Problem::Truncated => "the data stops in the middle",
            Problem::TooDeep => "nested too deeply",
            Problem::LoneSurrogate => "half of a surrogate pair in a \\u escape",
            Problem::Invalid(problem) => problem,
        };
        write!(f, "{problem} at line {}, column {}", self.line, self.column)
    }
}

/// Reads a whole text as one JSON value, with nothing but white space around it.
pub(crate) fn parse(text: &str) -> Result<Value, Error> {
    let mut parser = Parser { text, at: 0 };
    let value = parser.value(0)?;
    parser.skip_white_space();
    match parser.peek() {
        None => Ok(value),
        Some(_) => Err(parser.error(Problem::Invalid(
            "unexpected text after the end of the data",
        ))),
    }
}

struct Parser<'a> {
    text: &'a str,
    /// The byte offset of the next byte to read.
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// The next byte, consumed.
    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn skip_white_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// The error at the next byte, or at the end.
    fn error(&self, problem: Problem) -> Error {
        let before = self.text.as_bytes().get(..self.at).unwrap_or_default();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let is_char_start = |b: &&u8| (**b & 0xC0) != 0x80;
        Error {
            problem,
            line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
            column: 1 + before
                .get(line_start..)
                .unwrap_or_default()
                .iter()
                .filter(is_char_start)
                .count(),
        }
    }

    /// The error for the byte just consumed: the end of the text, or an unexpected byte.
    fn unexpected(&mut self, found: Option<u8>, problem: &'static str) -> Error {
        match found {
            None => self.error(Problem::Truncated),
            Some(_) => {
                self.at = self.at.saturating_sub(1);
                self.error(Problem::Invalid(problem))
            }
        }
    }

    /// A value, inside `depth` arrays and objects.
    fn value(&mut self, depth: usize) -> Result<Value, Error> {
        self.skip_white_space();
        match self.peek() {
            None => Err(self.error(Problem::Truncated)),
            Some(b'[' | b'{') if depth == MAX_DEPTH => Err(self.error(Problem::TooDeep)),
            Some(b'[') => self.array(depth + 1),
            Some(b'{') => self.object(depth + 1),
            Some(b'"') => {
                self.at += 1;
                self.string().map(Value::String)
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(_) => Err(self.error(Problem::Invalid("expected a value"))),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, Error> {
        let rest = self.text.get(self.at..).unwrap_or_default();
        if rest.starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else if word.starts_with(rest) {
            Err(self.error(Problem::Truncated))
        } else {
            Err(self.error(Problem::Invalid("expected a value")))
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, Error> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_white_space();
        if self.eat(b']') {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_white_space();
            match self.next() {
                Some(b',') => {}
                Some(b']') => return Ok(Value::Array(items)),
                found => return Err(self.unexpected(found, "expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, Error> {
        self.at += 1;
        let mut members = Vec::new();
        self.skip_white_space();
        if self.eat(b'}') {
            return Ok(Value::Object(Map(members)));
        }
        loop {
            self.skip_white_space();
            match self.next() {
                Some(b'"') => {}
                found => return Err(self.unexpected(found, "expected a key in double quotes")),
            }
            let key = self.string()?;
            self.skip_white_space();
            match self.next() {
                Some(b':') => {}
                found => return Err(self.unexpected(found, "expected `:`")),
            }
            members.push((key, self.value(depth)?));
            self.skip_white_space();
            match self.next() {
                Some(b',') => {}
                Some(b'}') => return Ok(Value::Object(Map(members))),
                found => return Err(self.unexpected(found, "expected `,` or `}`")),
            }
        }
    }

    /// The rest of a string, after its opening quote.
    fn string(&mut self) -> Result<String, Error> {
        let mut out = String::new();
        loop {
            let plain_from = self.at;
            while self
                .peek()
                .is_some_and(|b| b != b'"' && b != b'\\' && b >= 0x20)
            {
                self.at += 1;
            }
            // The run stops before an ASCII byte or at the end: on a character boundary.
            out.push_str(self.text.get(plain_from..self.at).unwrap_or_default());
            match self.next() {
                Some(b'"') => return Ok(out),
                Some(b'\\') => self.escape(&mut out)?,
                found => {
                    return Err(self.unexpected(
                        found,
                        "a control character (such as a line break) inside a string",
                    ));
                }
            }
        }
    }

    /// An escape, after its backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let c = match self.next() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => self.unicode_escape()?,
            found => return Err(self.unexpected(found, "an unknown escape after `\\`")),
        };
        out.push(c);
        Ok(())
    }

    /// The character of a `\u` escape, after its `u`: one code unit, or a surrogate pair written
    /// as two escapes.
    fn unicode_escape(&mut self) -> Result<char, Error> {
        // A lone surrogate is reported at its backslash.
        let escape_at = self.at.saturating_sub(2);
        let lone = |parser: &mut Self| {
            parser.at = escape_at;
            parser.error(Problem::LoneSurrogate)
        };
        let unit = self.hex4()?;
        let code = match unit {
            0xD800..=0xDBFF => {
                let rest = self.text.as_bytes().get(self.at..).unwrap_or_default();
                if rest.starts_with(b"\\u") {
                    self.at += 2;
                } else if rest.is_empty() || rest == b"\\" {
                    return Err(self.error(Problem::Truncated));
                } else {
                    return Err(lone(self));
                }
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(lone(self));
                }
                0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(lone(self)),
            _ => unit,
        };
        // Not a surrogate, and at most 0x10FFFF: always a character.
        char::from_u32(code).ok_or_else(|| lone(self))
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut unit = 0;
        for _ in 0..4 {
            let found = self.next();
            let digit = found
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or_else(|| self.unexpected(found, "a `\\u` escape without four hex digits"))?;
            unit = unit * 16 + digit;
        }
        Ok(unit)
    }

    /// A number, checked against JSON's syntax and kept as text.
    fn number(&mut self) -> Result<Value, Error> {
        let start = self.at;
        self.eat(b'-');
        match self.next() {
            Some(b'0') => {
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    return Err(self.error(Problem::Invalid("a number with a leading zero")));
                }
            }
            Some(b'1'..=b'9') => self.skip_digits(),
            found => return Err(self.unexpected(found, "a malformed number")),
        }
        if self.eat(b'.') {
            self.digits()?;
        }
        if self.eat(b'e') || self.eat(b'E') {
            let _sign = self.eat(b'+') || self.eat(b'-');
            self.digits()?;
        }
        let text = self.text.get(start..self.at).unwrap_or_default();
        Ok(Value::Number(Number(text.to_owned())))
    }

    /// One digit or more.
    fn digits(&mut self) -> Result<(), Error> {
        match self.next() {
            Some(b'0'..=b'9') => {
                self.skip_digits();
                Ok(())
            }
            found => Err(self.unexpected(found, "a malformed number")),
        }
    }

    fn skip_digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    fn number(text: &str) -> Value {
        Value::Number(Number(text.to_owned()))
    }

    fn problem(text: &str) -> Option<Problem> {
        parse(text).err().map(|e| e.problem)
    }

    #[test]
    fn values_round_trip() {
        let value = Value::object(vec![
            ("id", "a1".into()),
            ("n", Value::Null),
            ("ok", true.into()),
            ("no", false.into()),
            (
                "list",
                vec![1_u64.into(), number("-2"), number("0.5e-3")].into(),
            ),
            ("empty", Value::object(Vec::new())),
            ("none", Vec::new().into()),
            (
                "nested",
                Value::object(vec![("deeper", vec![Value::Null].into())]),
            ),
        ]);
        let compact = to_string(&value);
        assert_eq!(
            compact,
            r#"{"id":"a1","n":null,"ok":true,"no":false,"list":[1,-2,0.5e-3],"empty":{},"none":[],"nested":{"deeper":[null]}}"#
        );
        assert_eq!(parse(&compact), Ok(value.clone()));
        let pretty = to_string_pretty(&value, usize::MAX);
        assert_eq!(parse(&pretty), Ok(value));
    }

    #[test]
    fn the_pretty_writer_spreads_only_the_outer_levels() {
        let value = Value::object(vec![
            (
                "a",
                vec![Value::object(vec![("b", vec![1_u64.into()].into())])].into(),
            ),
            ("c", Value::object(Vec::new())),
        ]);
        assert_eq!(
            to_string_pretty(&value, 2),
            "{\n  \"a\": [\n    {\"b\":[1]}\n  ],\n  \"c\": {}\n}"
        );
        assert_eq!(to_string_pretty(&value, 0), to_string(&value));
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let text =
            "quote \" backslash \\ slash / \u{8}\u{c}\n\r\t \u{0}\u{1f} \u{7f} é 🙂 \u{2028}";
        let written = to_string(&text.into());
        assert_eq!(
            written,
            "\"quote \\\" backslash \\\\ slash / \\b\\f\\n\\r\\t \\u0000\\u001f \u{7f} é 🙂 \u{2028}\""
        );
        assert_eq!(serde_json::to_string(text).ok(), Some(written.clone()));
        assert_eq!(parse(&written), Ok(text.into()));
    }

    #[test]
    fn escapes_are_read() {
        assert_eq!(
            parse(r#""\"\\\/\b\f\n\r\t\u0041\u00E9\u20ac\ud83d\ude00\uD83D\uDE00""#),
            Ok("\"\\/\u{8}\u{c}\n\r\tAé€😀😀".into())
        );
        assert_eq!(
            problem(r#""\x""#),
            Some(Problem::Invalid("an unknown escape after `\\`"))
        );
        assert!(matches!(problem(r#""\u12G4""#), Some(Problem::Invalid(_))));
        assert_eq!(
            problem("\"a\nb\""),
            Some(Problem::Invalid(
                "a control character (such as a line break) inside a string"
            ))
        );
        assert_eq!(problem("\"a\u{0}\""), problem("\"a\nb\""));
    }

    #[test]
    fn lone_surrogates_are_refused() {
        for text in [
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\udfff and more""#,
            r#""\ud800\u0041""#,
            r#""\ud800\ud800""#,
            r#""\ud800x""#,
            r#""\ud800\n""#,
            r#"{"note": "\ud83d"}"#,
        ] {
            assert_eq!(problem(text), Some(Problem::LoneSurrogate), "{text}");
        }
        let e = parse("[\n  \"ok\",\n  \"bad \\udc00\"\n]").err();
        assert_eq!(e.map(|e| (e.line, e.column)), Some((3, 8)));
    }

    #[test]
    fn numbers_keep_their_text() {
        for text in [
            "0",
            "-0",
            "1733650000000",
            "-5",
            "3.25",
            "-0.5e-3",
            "1E+30",
            "1e30",
            "12345678901234567890123",
        ] {
            let value = parse(text);
            assert_eq!(value, Ok(number(text)));
            assert_eq!(value.map(|v| to_string(&v)).ok().as_deref(), Some(text));
        }
        assert_eq!(
            parse("1733650000000").ok().and_then(|v| v.as_u64()),
            Some(1_733_650_000_000)
        );
        assert_eq!(to_string(&1_733_650_000_000_u64.into()), "1733650000000");
        assert_eq!(
            parse(&u64::MAX.to_string()).ok().and_then(|v| v.as_u64()),
            Some(u64::MAX)
        );
        for not_u64 in ["-5", "-0", "1.0", "1e3", "18446744073709551616", "\"5\""] {
            assert_eq!(
                parse(not_u64).ok().and_then(|v| v.as_u64()),
                None,
                "{not_u64}"
            );
        }
        for bad in [
            "01", "-01", ".5", "+1", "1.e5", "0x1", "1.5.2", "--1", "-a", "1e+-5", "NaN",
            "Infinity",
        ] {
            assert!(matches!(problem(bad), Some(Problem::Invalid(_))), "{bad}");
        }
    }

    #[test]
    fn nesting_is_limited() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(parse(&nested(MAX_DEPTH)).is_ok());
        assert_eq!(problem(&nested(MAX_DEPTH + 1)), Some(Problem::TooDeep));
        assert_eq!(problem(&"[".repeat(100_000)), Some(Problem::TooDeep));
        assert_eq!(problem(&"{\"a\":".repeat(100_000)), Some(Problem::TooDeep));
        let objects = format!("{}1{}", "{\"a\":".repeat(MAX_DEPTH), "}".repeat(MAX_DEPTH));
        assert!(parse(&objects).is_ok());
    }

    #[test]
    fn truncated_input_is_reported_as_such() {
        for text in [
            "",
            " ",
            "[",
            "[1",
            "[1,",
            "{",
            "{\"a",
            "{\"a\"",
            "{\"a\":",
            "{\"a\":1",
            "{\"a\":1,",
            "\"abc",
            "\"\\",
            "\"\\u00",
            "\"\\ud800",
            "\"\\ud800\\",
            "\"\\ud800\\u",
            "tru",
            "f",
            "nul",
            "-",
            "1.",
            "1e",
            "1e+",
        ] {
            assert_eq!(problem(text), Some(Problem::Truncated), "{text:?}");
        }
    }

    #[test]
    fn anything_after_the_value_is_refused() {
        for text in [
            "1 2",
            "{} x",
            "[]]",
            "{}}",
            "null,",
            "\"a\"\"b\"",
            "[] \u{a0}",
            "true\u{0}",
        ] {
            assert_eq!(
                problem(text),
                Some(Problem::Invalid(
                    "unexpected text after the end of the data"
                )),
                "{text:?}"
            );
        }
        for text in [
            "[1 2]",
            "{\"a\" 1}",
            "{\"a\":1 \"b\":2}",
            "{a:1}",
            "{'a':1}",
            "[1,]",
            "{\"a\":1,}",
            "[,]",
            "truth",
            "nil",
        ] {
            assert!(
                matches!(problem(text), Some(Problem::Invalid(_))),
                "{text:?}"
            );
        }
    }

    #[test]
    fn white_space_is_the_four_json_characters_only() {
        assert_eq!(
            parse(" \t\n\r[ 1 ,\n{ \"a\" : null\t} ]\r\n "),
            Ok(vec![1_u64.into(), Value::object(vec![("a", Value::Null)])].into())
        );
        for text in ["\u{c}1", "\u{a0}1", "\u{feff}1", "[1,\u{b}2]"] {
            assert!(
                matches!(problem(text), Some(Problem::Invalid(_))),
                "{text:?}"
            );
        }
    }

    #[test]
    fn errors_say_where() {
        let e = parse("{\n  \"a\": x\n}").err();
        assert_eq!(e.as_ref().map(|e| (e.line, e.column)), Some((2, 8)));
        assert_eq!(
            e.map(|e| e.to_string()).as_deref(),
            Some("expected a value at line 2, column 8")
        );
        // Columns count characters, not bytes.
        let e = parse("[\"é🙂\", x]").err();
        assert_eq!(e.map(|e| (e.line, e.column)), Some((1, 8)));
    }

    #[test]
    fn a_repeated_key_reads_as_its_last_value() {
        let value = parse(r#"{"a":1,"b":2,"a":3}"#).unwrap_or_default();
        assert_eq!(value.get("a").and_then(Value::as_u64), Some(3));
        assert!(
            value
                .as_object()
                .is_some_and(|m| m.contains_key("b") && !m.contains_key("c"))
        );
    }

    #[test]
    fn fields_are_read_with_plain_messages() {
        let value = parse(r#"{"s":"x","n":7,"l":["a","b"],"z":null}"#).unwrap_or_default();
        let fields = value.as_fields().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fields.string("s"), Ok("x".to_owned()));
        assert_eq!(fields.string("n"), Err("`n` should be text".to_owned()));
        assert_eq!(fields.string("q"), Err("`q` is missing".to_owned()));
        assert_eq!(fields.string_or_empty("q"), Ok(String::new()));
        assert!(
            fields.string_or_empty("z").is_err(),
            "null is not a default"
        );
        assert_eq!(fields.u64("n"), Ok(7));
        assert_eq!(
            fields.usize("s"),
            Err("`s` should be a whole number".to_owned())
        );
        assert_eq!(
            fields.strings_or_empty("l"),
            Ok(vec!["a".to_owned(), "b".to_owned()])
        );
        assert_eq!(fields.strings_or_empty("q"), Ok(Vec::new()));
        assert!(fields.strings_or_empty("n").is_err());
        assert!(Value::Null.as_fields().is_err());
    }

    // ---- Against serde_json ----

    /// The same value as serde_json's.
    fn to_serde(value: &Value) -> serde_json::Value {
        match value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::from_str(n.as_str()).unwrap_or_default(),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
            Value::Object(Map(members)) => serde_json::Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.clone(), to_serde(v)))
                    .collect(),
            ),
        }
    }

    /// Values whose objects have their keys in order and once each, as serde_json's do.
    fn arbitrary_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<i64>().prop_map(|n| number(&n.to_string())),
            any::<String>().prop_map(Value::from),
            "[\"\\\\\u{0}-\u{1f}\u{7f}é🙂a]{0,6}".prop_map(Value::from),
        ];
        leaf.prop_recursive(5, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
                prop::collection::btree_map(any::<String>(), inner, 0..6).prop_map(
                    |members: BTreeMap<String, Value>| Value::Object(Map(members
                        .into_iter()
                        .collect()))
                ),
            ]
        })
    }

    /// Text near JSON: its punctuation, escapes, digits and letters of its literals.
    fn json_like_text() -> impl Strategy<Value = String> {
        "[\\[\\]{},:\" \\n\\\\/ud80cDC1aeE.+\\-0-9tnlsf\u{0}é]{0,24}"
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn writes_what_serde_json_writes(value in arbitrary_value()) {
            let serde_value = to_serde(&value);
            let compact = to_string(&value);
            prop_assert_eq!(Some(compact.clone()), serde_json::to_string(&serde_value).ok());
            let pretty = to_string_pretty(&value, usize::MAX);
            prop_assert_eq!(Some(pretty.clone()), serde_json::to_string_pretty(&serde_value).ok());
            prop_assert_eq!(parse(&compact), Ok(value.clone()));
            prop_assert_eq!(parse(&pretty), Ok(value));
        }

        #[test]
        fn reads_what_serde_json_reads(text in json_like_text()) {
            let ours = parse(&text);
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(theirs) => prop_assert_eq!(ours.map(|v| to_serde(&v)), Ok(theirs)),
                // We keep numbers as text, so we read numbers too large for an f64.
                Err(e) if e.to_string().contains("number out of range") => {}
                Err(e) => {
                    let message = e.to_string();
                    let ours = ours.map_err(|e| e.problem).err();
                    if message.contains("surrogate") || message.contains("end of hex escape") {
                        prop_assert_eq!(ours, Some(Problem::LoneSurrogate), "{}", message);
                    } else if e.is_eof() {
                        prop_assert_eq!(ours, Some(Problem::Truncated), "{}", message);
                    } else {
                        prop_assert!(matches!(ours, Some(Problem::Invalid(_))), "{:?} {}", ours, message);
                    }
                }
            }
        }

        #[test]
        fn cut_json_is_truncated(value in arbitrary_value(), cut in any::<prop::sample::Index>()) {
            let text = to_string(&Value::from(vec![value]));
            let at = cut.index(text.len());
            if let Some(head) = text.get(..at) {
                prop_assert_eq!(problem(head), Some(Problem::Truncated), "{}", head);
            }
        }
    }
}
