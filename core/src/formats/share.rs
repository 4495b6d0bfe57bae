//! Share links: annotations packed into a URL fragment, `#share=v1.<data>`, for a reader who has
//! the same article open. The data is compact JSON — per annotation its id, the sentences it
//! covers (first sentence id and how many), the first characters of the quote to check them by,
//! label, note, tags and times; plus the sender's label names — deflated and base64url-encoded.
//! Making a link is two steps, [`share_draft`] then [`ShareDraft::link`], with the deflating in
//! between left to the caller: the app has the browser's `CompressionStream` do it, which keeps a
//! DEFLATE compressor out of the wasm. Reading a link inflates it here, with a cap.
//!
//! The fragment ends with a Text Fragment directive (`:~:text=…`) for the first highlight, so a
//! browser scrolls to it even before the app has read the link. Browsers keep the directive out
//! of `location.hash`, and reading a link ignores it anyway.

use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_with_limit};
use serde::{Deserialize, Serialize};

use crate::anchor::{Anchorer, target_for};
use crate::annotation::{Label, Millis};
use crate::article::Article;
use crate::codec::{Json, JsonError};
use crate::store::Store;

use super::import::{Format, ImportError, Incoming, Parsed, Place, clean_label_name};
use super::{in_reading_order, limits};

/// What a share link's fragment starts with (after `#`), version included.
pub const LINK_PREFIX: &str = "share=v1.";
/// Characters of the quote kept to check that the sentences are the right ones.
const HEAD_CHARS: usize = 24;
/// Quotes longer than this are given to a Text Fragment by their first and last words.
const LONG_QUOTE_CHARS: usize = 100;
/// Words kept at each end of a long quote.
const EDGE_WORDS: usize = 4;

/// The sender's label names, then the annotations: `[[names…], [annotation…]]`.
#[derive(Serialize, Deserialize)]
struct Payload(Vec<String>, Vec<Shared>);

/// One annotation: id, first sentence id, number of sentences, start of the quote, label index,
/// note, tags, created, modified. A tuple, so that it is a JSON array without key names.
#[derive(Serialize, Deserialize)]
struct Shared(
    String,
    usize,
    usize,
    String,
    u8,
    String,
    Vec<String>,
    Millis,
    Millis,
);

/// What a share link carries, before it is deflated.
pub struct ShareDraft {
    data: Vec<u8>,
    first_quote: Option<String>,
    /// Annotations left out because they could not be placed in this copy of the article.
    left_out: usize,
}

/// A share link's fragment, and what did not fit in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareLink {
    /// `#share=v1.<data>`, followed by `:~:text=…` for the first highlight if there is one.
    pub fragment: String,
    /// Annotations left out because they could not be placed in this copy of the article.
    pub left_out: usize,
}

/// What a share link for the article's live annotations carries.
pub fn share_draft(
    json: &impl Json,
    article: &Article,
    store: &Store,
) -> Result<ShareDraft, JsonError> {
    let mut shared = Vec::new();
    let mut first_quote = None;
    let mut left_out = 0;
    let anchorer = Anchorer::new(article);
    for a in in_reading_order(store) {
        let placed = anchorer
            .anchor(&a.target)
            .sentences()
            .and_then(|sentences| {
                let target = target_for(article, sentences.start, sentences.end.checked_sub(1)?)?;
                Some((sentences, target))
            });
        let Some((sentences, target)) = placed else {
            left_out += 1;
            continue;
        };
        shared.push(Shared(
            a.id.clone(),
            sentences.start,
            sentences.len(),
            target.exact.chars().take(HEAD_CHARS).collect(),
            a.label.into(),
            a.note.clone(),
            a.tags.clone(),
            a.created,
            a.modified,
        ));
        first_quote.get_or_insert(target.exact);
    }
    let labels = Label::all()
        .map(|l| store.labels().name(l).to_owned())
        .collect();
    Ok(ShareDraft {
        data: json.write(&Payload(labels, shared))?.into_bytes(),
        first_quote,
        left_out,
    })
}

impl ShareDraft {
    /// The bytes to deflate: raw DEFLATE (RFC 1951), as `CompressionStream("deflate-raw")` makes.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The link, given [`ShareDraft::data`] deflated.
    pub fn link(self, deflated: &[u8]) -> ShareLink {
        let mut fragment = format!("#{LINK_PREFIX}{}", to_base64url(deflated));
        if let Some(quote) = self.first_quote {
            fragment.push_str(&text_fragment(&quote));
        }
        ShareLink {
            fragment,
            left_out: self.left_out,
        }
    }
}

/// A Text Fragment directive that has a browser scroll to `quote` and highlight it: the whole
/// quote, or for a long one its first and last words (`textStart,textEnd`). White space is
/// collapsed (browsers match rendered text), and every character but ASCII letters, digits and
/// `._~` is percent-encoded as UTF-8, which covers the `-`, `,` and `&` the syntax reserves.
/// Empty for a quote without words.
pub fn text_fragment(quote: &str) -> String {
    let words: Vec<&str> = quote.split_whitespace().collect();
    if words.is_empty() {
        return String::new();
    }
    let whole = words.join(" ");
    if whole.chars().count() <= LONG_QUOTE_CHARS || words.len() <= 2 * EDGE_WORDS {
        return format!(":~:text={}", percent_encode(&whole));
    }
    let start = words.iter().take(EDGE_WORDS).copied().collect::<Vec<_>>();
    let end = words
        .iter()
        .skip(words.len() - EDGE_WORDS)
        .copied()
        .collect::<Vec<_>>();
    format!(
        ":~:text={},{}",
        percent_encode(&start.join(" ")),
        percent_encode(&end.join(" "))
    )
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5): safe in a URL fragment as it is.
fn to_base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .chain([0, 0].iter())
            .take(3)
            .fold(0u32, |n, &b| (n << 8) | u32::from(b));
        for i in 0..=chunk.len() {
            let sextet = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(BASE64URL[sextet as usize]));
        }
    }
    out
}

fn from_base64url(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let (mut bits, mut count) = (0u32, 0u32);
    for c in text.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(value);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    Some(out)
}

fn is_base64url(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_')
}

/// The part of a pasted text after `share=`, if it is one line holding a share link (a whole URL,
/// a fragment, or the bare `share=v1.…`).
pub(crate) fn find_link(text: &str) -> Option<&str> {
    let line = text.trim_end();
    if line.contains('\n') {
        return None;
    }
    let at = line.find("share=v")?;
    line.get(at + "share=".len()..)
}

fn damaged(problem: &str) -> ImportError {
    ImportError::DamagedLink {
        problem: problem.to_owned(),
    }
}

/// Reads the data of a share link (`v1.<data>`, perhaps followed by a Text Fragment or more).
pub(crate) fn parse(json: &impl Json, link: &str) -> Result<Parsed, ImportError> {
    let (version, rest) = link.split_once('.').unwrap_or((link, ""));
    if version != "v1" {
        return Err(ImportError::NewerVersion {
            what: "share link",
            version: version.chars().take(12).collect(),
        });
    }
    let end = rest.find(|c| !is_base64url(c)).unwrap_or(rest.len());
    let data = rest.get(..end).unwrap_or_default();
    if data.is_empty() {
        return Err(damaged("it has no data"));
    }
    let packed = from_base64url(data).ok_or_else(|| damaged("it was cut short or altered"))?;
    let inflated =
        decompress_to_vec_with_limit(&packed, limits::MAX_INFLATED_BYTES).map_err(|e| {
            if e.status == TINFLStatus::HasMoreOutput {
                ImportError::LinkTooLarge
            } else {
                damaged("its data does not unpack; it was cut short or altered")
            }
        })?;
    // The payload's types do not nest, so its depth needs no check before it is read.
    let Payload(labels, shared) = std::str::from_utf8(&inflated)
        .ok()
        .and_then(|text| json.read_text(text).ok())
        .ok_or_else(|| damaged("its data is not annotations"))?;
    if shared.len() > limits::MAX_ANNOTATIONS {
        return Err(ImportError::TooMany {
            count: shared.len(),
        });
    }
    let annotations = shared
        .into_iter()
        .map(
            |Shared(id, first, count, head, label, note, tags, created, modified)| {
                Ok(Incoming {
                    id: Some(id),
                    place: Place::Sentences { first, count, head },
                    label: Some(
                        Label::new(usize::from(label))
                            .ok_or_else(|| damaged("it has a label number that does not exist"))?,
                    ),
                    label_name: None,
                    note,
                    tags,
                    created,
                    modified,
                })
            },
        )
        .collect::<Result<Vec<_>, ImportError>>()?;
    let sender_labels = Label::all()
        .zip(&labels)
        .filter_map(|(label, name)| Some((label, clean_label_name(name)?)))
        .collect();
    Ok(Parsed {
        format: Format::ShareLink,
        annotations,
        sender_labels,
        replies_left_out: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::SerdeJson;

    #[test]
    fn base64url_round_trips() {
        for len in 0..70 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let text = to_base64url(&bytes);
            assert!(text.chars().all(is_base64url));
            assert_eq!(from_base64url(&text), Some(bytes));
        }
        assert_eq!(to_base64url(b"\xfb\xff"), "-_8");
        assert_eq!(from_base64url("abcde"), None);
        assert_eq!(from_base64url("ab+c"), None);
    }

    #[test]
    fn data_that_is_not_exactly_the_payload_is_refused() {
        let read = |data: &[u8]| {
            let deflated = miniz_oxide::deflate::compress_to_vec(data, 6);
            parse(&SerdeJson, &format!("v1.{}", to_base64url(&deflated)))
        };
        let one = r#"[["Claim"],[["a1",3,2,"Bashar",1,"note",["tag"],1733650000000,18446744073709551615]]]"#;
        let parsed = read(one.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let a = &parsed.annotations[0];
        assert_eq!((a.created, a.modified), (1_733_650_000_000, u64::MAX));
        assert_eq!(
            a.place,
            Place::Sentences {
                first: 3,
                count: 2,
                head: "Bashar".into()
            }
        );
        assert_eq!(
            parsed.sender_labels,
            [(Label::default(), "Claim".to_owned())]
        );
        let not_annotations = damaged("its data is not annotations");
        for data in [
            &b"\xff[[],[]]"[..],
            b"[[],[]] x",
            b"[[],[]",
            b"[[],[],[]]",
            b"{\"a\":[]}",
            br#"[[],[["a1",3,2,"h",1,"",[],1]]]"#,
            br#"[[],[["a1",3,2,"h",1,"",[],1,2,3]]]"#,
            br#"[[],[["a1",3,2,"h",256,"",[],1,2]]]"#,
            br#"[[],[["a1",-3,2,"h",1,"",[],1,2]]]"#,
            br#"[[],[["a1",3,2,"h",1,"",[],"1",2]]]"#,
            br#"[[],[["a1",3,2,"h",1,"",[],1.5,2]]]"#,
            br#"[[],[["a1",3,2,"h",1,"",[7],1,2]]]"#,
            br#"[[7],[]]"#,
        ] {
            let data_text = String::from_utf8_lossy(data).into_owned();
            assert_eq!(
                read(data).err(),
                Some(not_annotations.clone()),
                "{data_text}"
            );
        }
        assert_eq!(
            read(br#"[[],[["a1",3,2,"h",5,"",[],1,2]]]"#).err(),
            Some(damaged("it has a label number that does not exist"))
        );
    }

    #[test]
    fn text_fragments_are_percent_encoded() {
        assert_eq!(
            text_fragment("Rebels enter\n presidential palace"),
            ":~:text=Rebels%20enter%20presidential%20palace"
        );
        assert_eq!(
            text_fragment("al-Assad, 24 & “free” é"),
            ":~:text=al%2DAssad%2C%2024%20%26%20%E2%80%9Cfree%E2%80%9D%20%C3%A9"
        );
        let long = "Syrian President Bashar al-Assad has left Damascus on a plane for an unknown \
                    destination, Reuters news agency reported, citing two senior Syrian officials.";
        assert_eq!(
            text_fragment(long),
            ":~:text=Syrian%20President%20Bashar%20al%2DAssad,two%20senior%20Syrian%20officials."
        );
        assert_eq!(text_fragment(" \n"), "");
    }
}
