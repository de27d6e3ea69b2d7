//! A small element tree read with quick-xml's streaming reader, shared by the camt and UBL
//! importers. Elements are named by their local name, so any namespace prefix (`cbc:ID`,
//! `ns2:Document`) reads the same. Every element keeps the byte offset of its `<`, so a problem
//! found later can still name a line and column.

use quick_xml::events::Event;
use quick_xml::Reader;

/// Deeper nesting than this is refused: no real statement or invoice comes close, and it keeps
/// hostile input from exhausting the stack.
const MAX_DEPTH: usize = 64;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Node {
    /// Local name, without prefix.
    pub name: String,
    /// Attributes by local name.
    pub attrs: Vec<(String, String)>,
    /// The element's own text (entities resolved), trimmed.
    pub text: String,
    pub children: Vec<Node>,
    /// Byte offset of the element's `<` in the input.
    pub pos: usize,
}

impl Node {
    /// The first child with this local name.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// All children with this local name.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The first element at the end of a path of local names below this one.
    pub fn at(&self, path: &[&str]) -> Option<&Node> {
        let mut n = self;
        for p in path {
            n = n.child(p)?;
        }
        Some(n)
    }

    /// The trimmed text at a path, empty when absent.
    pub fn text_at(&self, path: &[&str]) -> &str {
        self.at(path).map_or("", |n| n.text.as_str())
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// Why the bytes are not an XML document; `pos` is a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct XmlError {
    pub pos: usize,
    pub kind: XmlErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum XmlErrorKind {
    /// quick-xml's description of the syntax error.
    Syntax(String),
    /// The document ends inside an element.
    Truncated { open: String },
    /// No root element at all.
    NoRoot,
    TooDeep,
}

fn local(name: &[u8]) -> String {
    String::from_utf8_lossy(name).into_owned()
}

/// Reads the whole document into a tree and returns its root element.
pub(crate) fn parse(bytes: &[u8]) -> Result<Node, XmlError> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let start_of_tag = || {
            bytes.get(before..).and_then(|rest| rest.iter().position(|b| *b == b'<')).map_or(before, |p| before + p)
        };
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let pos = usize::try_from(reader.error_position()).unwrap_or(before);
                return Err(XmlError { pos, kind: XmlErrorKind::Syntax(e.to_string()) });
            }
        };
        match event {
            Event::Start(_) | Event::Empty(_) if root.is_some() && stack.is_empty() => {
                return Err(XmlError { pos: start_of_tag(), kind: XmlErrorKind::Syntax("a second root element".into()) });
            }
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(XmlError { pos: start_of_tag(), kind: XmlErrorKind::TooDeep });
                }
                stack.push(element(&e, start_of_tag(), reader.decoder()));
            }
            Event::Empty(e) => {
                let node = element(&e, start_of_tag(), reader.decoder());
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root = Some(node),
                }
            }
            Event::End(_) => {
                if let Some(mut node) = stack.pop() {
                    node.text = node.text.trim().to_string();
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => root = Some(node),
                    }
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml_content().map_err(|e| XmlError {
                        pos: before,
                        kind: XmlErrorKind::Syntax(e.to_string()),
                    })?);
                } else if !t.iter().all(u8::is_ascii_whitespace) && root.is_none() {
                    return Err(XmlError { pos: before, kind: XmlErrorKind::Syntax("text before the root element".into()) });
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = stack.last_mut() {
                    let name = String::from_utf8_lossy(&r).into_owned();
                    let ch = match name.as_str() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => r.resolve_char_ref().ok().flatten(),
                    };
                    match ch {
                        Some(c) => top.text.push(c),
                        None => {
                            top.text.push('&');
                            top.text.push_str(&name);
                            top.text.push(';');
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(XmlError { pos: bytes.len(), kind: XmlErrorKind::Truncated { open: open.name.clone() } });
    }
    root.ok_or(XmlError { pos: 0, kind: XmlErrorKind::NoRoot })
}

fn element(e: &quick_xml::events::BytesStart<'_>, pos: usize, decoder: quick_xml::encoding::Decoder) -> Node {
    let attrs = e
        .attributes()
        .flatten()
        .map(|a| {
            let value = a.decode_and_unescape_value(decoder).map(|v| v.into_owned()).unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
            (local(a.key.local_name().as_ref()), value.trim().to_string())
        })
        .collect();
    Node { name: local(e.local_name().as_ref()), attrs, text: String::new(), children: Vec::new(), pos }
}

/// 1-based line and column of a byte offset (columns count characters).
pub(crate) fn line_col(bytes: &[u8], pos: usize) -> (usize, usize) {
    let pos = pos.min(bytes.len());
    let before = &bytes[..pos];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_entities_and_positions() {
        let text = b"<ns2:Doc xmlns:ns2=\"x\">\n  <ns2:A k=\"v\">a &amp; b&#33;</ns2:A>\n  <B/>\n</ns2:Doc>";
        let root = parse(text).unwrap();
        assert_eq!(root.name, "Doc");
        assert_eq!(root.text_at(&["A"]), "a & b!");
        assert_eq!(root.child("A").unwrap().attr("k"), Some("v"));
        assert_eq!(line_col(text, root.child("A").unwrap().pos), (2, 3));
        assert_eq!(line_col(text, root.child("B").unwrap().pos), (3, 3));
    }

    #[test]
    fn broken_documents() {
        assert!(matches!(parse(b"<a><b></a>"), Err(XmlError { kind: XmlErrorKind::Syntax(_), .. })));
        assert!(matches!(parse(b"<a><b>"), Err(XmlError { kind: XmlErrorKind::Truncated { .. }, .. })));
        assert!(matches!(parse(b"   "), Err(XmlError { kind: XmlErrorKind::NoRoot, .. })));
        let deep = "<a>".repeat(100);
        assert!(matches!(parse(deep.as_bytes()), Err(XmlError { kind: XmlErrorKind::TooDeep, .. })));
    }
}
