//! Markdown articles: CommonMark, parsed by pulldown-cmark, into the article's blocks. A
//! level-one heading that opens the file is the headline (else the first block is); other
//! headings are subheadings. Links and emphasis become their text; raw HTML, images and front matter are
//! left out, so nothing of the file but its words reaches the page.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::Draft;
use crate::article::BlockKind;

pub fn read(markdown: &str) -> Draft {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH;
    let mut reader = Reader::default();
    for event in Parser::new_ext(markdown, options) {
        reader.event(event);
    }
    reader.flush();
    let mut draft = reader.draft;
    draft.ensure_headline();
    draft
}

#[derive(Default)]
struct Reader {
    draft: Draft,
    /// The text of the block being read.
    text: String,
    kind: Option<BlockKind>,
    quote_depth: usize,
    list_depth: usize,
    /// Inside front matter, an image's alt text or a code block's info string: not read.
    skipping: usize,
}

impl Reader {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) if self.skipping == 0 => {
                self.text.push_str(&text)
            }
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            // Raw HTML is markup, not words; task-list boxes and rules carry no text.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush();
                let headline = level == HeadingLevel::H1 && self.draft.is_empty();
                self.kind = Some(if headline {
                    BlockKind::Headline
                } else {
                    BlockKind::Subheading
                });
            }
            Tag::Paragraph | Tag::CodeBlock(_) => {
                // A paragraph inside a list item continues the item.
                if self.kind != Some(BlockKind::ListItem) {
                    self.flush();
                    self.kind = Some(self.paragraph_kind());
                } else if !self.text.is_empty() {
                    self.text.push(' ');
                }
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote_depth += 1;
            }
            Tag::List(_) => {
                self.flush();
                self.list_depth += 1;
            }
            Tag::Item => {
                self.flush();
                self.kind = Some(BlockKind::ListItem);
            }
            Tag::Image { .. } | Tag::MetadataBlock(_) => self.skipping += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::Item => self.flush(),
            TagEnd::Paragraph | TagEnd::CodeBlock if self.kind != Some(BlockKind::ListItem) => {
                self.flush()
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.flush();
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            TagEnd::Image | TagEnd::MetadataBlock(_) => {
                self.skipping = self.skipping.saturating_sub(1)
            }
            _ => {}
        }
    }

    fn paragraph_kind(&self) -> BlockKind {
        if self.quote_depth > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }

    fn flush(&mut self) {
        let kind = self.kind.take().unwrap_or_else(|| self.paragraph_kind());
        self.draft.push(kind, &self.text);
        self.text.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(markdown: &str) -> Vec<(BlockKind, String)> {
        read(markdown)
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn headings_paragraphs_lists_and_quotes() {
        let got = blocks(
            "---\ntitle: front matter\n---\n\n# The *headline*\n\nA [link](https://x.test) and `code`.\nWrapped line.\n\n## A part\n\n- one\n- two\n  continued\n\n  more of two\n\n> Quoted.\n> Still quoted.\n\n![alt text](pic.png) Caption words\n",
        );
        use BlockKind::*;
        assert_eq!(
            got,
            vec![
                (Headline, "The headline".into()),
                (Paragraph, "A link and code. Wrapped line.".into()),
                (Subheading, "A part".into()),
                (ListItem, "one".into()),
                (ListItem, "two continued more of two".into()),
                (Quote, "Quoted. Still quoted.".into()),
                (Paragraph, "Caption words".into()),
            ]
        );
    }

    #[test]
    fn raw_html_is_left_out() {
        let got =
            blocks("# T\n\n<script>alert(1)</script>\n\nText <b onclick=\"x()\">bold</b> end.\n");
        assert_eq!(
            got,
            vec![
                (BlockKind::Headline, "T".into()),
                (BlockKind::Paragraph, "Text bold end.".into()),
            ]
        );
    }

    #[test]
    fn without_a_level_one_heading_the_first_block_is_the_headline() {
        let got = blocks("Just a note.\n\n## Later\n\n# Not first\n");
        assert_eq!(got[0], (BlockKind::Headline, "Just a note.".into()));
        assert_eq!(got[2], (BlockKind::Subheading, "Not first".into()));
    }

    #[test]
    fn nested_lists_keep_each_item() {
        let got = blocks("# T\n\n1. outer\n   - inner\n2. next\n");
        let items: Vec<_> = got.iter().skip(1).map(|(_, t)| t.as_str()).collect();
        assert_eq!(items, ["outer", "inner", "next"]);
    }
}
