//! Opening the reader's own files: which reader a file goes to, and the plain-word refusals of
//! what cannot be read.

use scholia_core::article::BlockKind;
use scholia_core::source::tree::Tree;
use scholia_core::source::{Content, Format, Unreadable, declared_charset, read, utf8_text};

fn no_html(_: &str) -> Option<Tree> {
    None
}

#[test]
fn files_go_to_their_reader_by_name_then_by_content() {
    assert_eq!(Format::guess("Page.HTM", ""), Format::Html);
    assert_eq!(Format::guess("notes.markdown", "# x"), Format::Markdown);
    assert_eq!(Format::guess("a.txt", "<!doctype html>"), Format::Text);
    assert_eq!(
        Format::guess("the pasted text", " \u{feff}<!DOCTYPE html><p>x"),
        Format::Html
    );
    assert_eq!(
        Format::guess("the pasted text", "Just words."),
        Format::Text
    );
}

#[test]
fn markdown_and_text_are_read_without_a_browser() {
    let Ok(Content::Draft(draft)) = read(Format::Markdown, "# Title\n\nBody.", no_html) else {
        panic!("Markdown should read");
    };
    assert_eq!(draft.blocks[0].kind, BlockKind::Headline);
    assert_eq!(
        read(Format::Text, "Headline\n\nBody.", no_html),
        Ok(Content::Text("Headline\n\nBody.".into()))
    );
}

#[test]
fn what_cannot_be_read_is_refused_in_plain_words() {
    assert_eq!(read(Format::Text, " \n ", no_html), Err(Unreadable::Empty));
    assert_eq!(
        read(Format::Html, "<p>x</p>", no_html),
        Err(Unreadable::NoArticle)
    );
    assert_eq!(
        read(Format::Markdown, "---\nfront: matter\n---\n", no_html),
        Err(Unreadable::NoArticle)
    );
    assert_eq!(
        utf8_text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        Err(Unreadable::NotText)
    );
    assert_eq!(utf8_text(b"\xEF\xBB\xBFHello"), Ok("Hello"));
    assert_eq!(
        utf8_text(b"\xFF\xFEH\0i\0"),
        Err(Unreadable::OtherEncoding {
            charset: Some("utf-16le".into())
        })
    );
    let latin1 = b"<html><head><meta charset=\"ISO-8859-1\"></head><body>caf\xE9</body></html>";
    assert_eq!(
        utf8_text(latin1),
        Err(Unreadable::OtherEncoding {
            charset: Some("iso-8859-1".into())
        })
    );
    assert_eq!(
        utf8_text(b"caf\xE9"),
        Err(Unreadable::OtherEncoding { charset: None })
    );
    let huge = vec![b'a'; scholia_core::source::MAX_ARTICLE_BYTES + 1];
    assert!(matches!(utf8_text(&huge), Err(Unreadable::TooLarge { .. })));
    for refusal in [
        Unreadable::Empty,
        Unreadable::NotText,
        Unreadable::NoArticle,
    ] {
        assert!(!refusal.to_string().is_empty());
    }
}

#[test]
fn charsets_are_read_from_either_meta_form() {
    let http_equiv =
        b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">";
    assert_eq!(declared_charset(http_equiv), Some("windows-1252".into()));
    assert_eq!(
        declared_charset(b"<meta charset='Shift_JIS'>"),
        Some("shift_jis".into())
    );
    assert_eq!(declared_charset(b"<p>no declaration</p>"), None);
}
