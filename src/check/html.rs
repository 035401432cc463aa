//! A rendered page read back as a flat list of elements, for the checks of what pages draw and
//! say (`drawn`). Read with html5ever's tokenizer, as the link checker does ([`super::links`]):
//! character references decoded and comments, scripts and styles told from text as a browser
//! does, with nothing of the writer's code involved. Each element keeps its attributes, its
//! nesting depth and the text it holds (its descendants' text included).

use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// One element of a page.
#[derive(Debug, Clone)]
pub struct El {
    /// The tag name, lower case.
    pub name: String,
    /// Attributes in source order, values decoded.
    pub attrs: Vec<(String, String)>,
    /// Its index in the page's list of elements, and the index after its last descendant.
    pub span: (usize, usize),
    /// Where its text starts and ends in the page's text.
    text: (usize, usize),
}

impl El {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|x| x == class))
    }
}

/// The elements of a page and the text they hold.
pub struct Doc {
    pub els: Vec<El>,
    text: String,
}

impl Doc {
    /// The element's text, with runs of white space made one space and trimmed.
    pub fn text(&self, el: &El) -> String {
        self.text[el.text.0..el.text.1]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The elements inside `el` (not `el` itself).
    pub fn inside<'a>(&'a self, el: &El) -> &'a [El] {
        &self.els[el.span.0 + 1..el.span.1]
    }

    /// The `content` of `<meta property|name="…">`.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.els
            .iter()
            .find(|e| {
                e.name == "meta" && (e.attr("property") == Some(key) || e.attr("name") == Some(key))
            })
            .and_then(|e| e.attr("content"))
    }
}

/// Reads a page.
pub fn read(html: &str) -> Doc {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let sink = tokenizer.sink;
    let mut els = sink.els.take();
    let text = sink.text.take();
    // Elements never closed end with the page.
    for i in sink.open.take() {
        els[i].text.1 = text.len();
        els[i].span.1 = els.len();
    }
    Doc { els, text }
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

#[derive(Default)]
struct Sink {
    els: RefCell<Vec<El>>,
    text: RefCell<String>,
    open: RefCell<Vec<usize>>,
    /// Open `svg`/`math` elements: inside them `title` and `style` hold markup.
    foreign: Cell<usize>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::CharacterTokens(t) => {
                self.text.borrow_mut().push_str(&t);
                TokenSinkResult::Continue
            }
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                let foreign = matches!(name.as_str(), "svg" | "math");
                let mut els = self.els.borrow_mut();
                let mut open = self.open.borrow_mut();
                let at = self.text.borrow().len();
                if tag.kind == TagKind::EndTag {
                    if let Some(k) = open.iter().rposition(|&i| els[i].name == name) {
                        for i in open.drain(k..) {
                            els[i].text.1 = at;
                            els[i].span.1 = els.len();
                        }
                    }
                    if foreign {
                        self.foreign.set(self.foreign.get().saturating_sub(1));
                    }
                    return TokenSinkResult::Continue;
                }
                let n = els.len();
                let closes = tag.self_closing || VOID.contains(&name.as_str());
                els.push(El {
                    name: name.clone(),
                    attrs: tag
                        .attrs
                        .iter()
                        .map(|a| (a.name.local.to_string(), a.value.to_string()))
                        .collect(),
                    span: (n, n + 1),
                    text: (at, at),
                });
                if !closes {
                    open.push(n);
                }
                if foreign && !tag.self_closing {
                    self.foreign.set(self.foreign.get() + 1);
                }
                if self.foreign.get() > 0 || closes {
                    return TokenSinkResult::Continue;
                }
                match name.as_str() {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                    _ => TokenSinkResult::Continue,
                }
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_hold_their_text_and_attributes() {
        let d = read(
            "<head><title>A &amp; B</title><meta property=\"og:x\" content=\"1 &lt; 2\"></head><p class=\"a b\">x <sup>†</sup></p><svg><rect class=\"bar\" data-unit=\"Hà Nội\"/><text>0,5</text></svg><script>var a='<p>no</p>'</script>",
        );
        let names: Vec<&str> = d.els.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "head", "title", "meta", "p", "sup", "svg", "rect", "text", "script"
            ]
        );
        assert_eq!(d.text(&d.els[1]), "A & B");
        assert_eq!(d.meta("og:x"), Some("1 < 2"));
        assert!(d.els[3].has_class("b"));
        assert_eq!(d.text(&d.els[3]), "x †");
        assert_eq!(d.inside(&d.els[5]).len(), 2);
        assert_eq!(d.els[6].attr("data-unit"), Some("Hà Nội"));
        assert_eq!(d.text(&d.els[7]), "0,5");
    }
}
