//! Cutting a JSON document that arrives in pieces into its top-level elements.
//!
//! An export's big files are one JSON array of conversations (or activities): hundreds of
//! megabytes, more than a JavaScript string can hold. The splitter keeps only the element
//! being read, finds where it ends by scanning structure (string contents are skipped with
//! `memchr`, at memory speed), and hands each complete element to the parser alone.
//!
//! Scanning and then parsing reads every byte twice. So where an object element starts, the
//! reader is first offered the bytes from there ([`Elements::ahead`]): the ChatGPT reader
//! parses the conversation in place and says how long it was, and the splitter skips it
//! (a fifth less time for a whole import). Only an element that does not end in what has
//! arrived, or does not parse, is scanned and handed on whole, so what is found and where is
//! the same either way.
//!
//! Shapes: a root array gives its elements; a root object with a `"conversations"` array
//! (ChatGPT's other layout) gives that array's elements; any other root object is one
//! element, whole.

/// One element found, with the byte offset where it starts in the document.
pub struct Element<'a> {
    pub bytes: &'a [u8],
    pub offset: u64,
}

/// Where the splitter hands what it finds.
pub trait Elements {
    /// A complete element.
    fn element(&mut self, element: Element<'_>);

    /// An object element starts at `rest[0]`, and `rest` runs to the end of what has arrived:
    /// the reader may read it from there, parsing it once instead of after the splitter has
    /// scanned it, and return its length. `None` (the default): the splitter finds its end and
    /// hands it to [`element`](Elements::element) whole, which it does anyway when the element
    /// does not end in `rest` or does not read.
    fn ahead(&mut self, _rest: &[u8], _offset: u64) -> Option<usize> {
        None
    }
}

impl<F: FnMut(Element<'_>)> Elements for F {
    fn element(&mut self, element: Element<'_>) {
        self(element)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Before the root value.
    Start,
    /// Inside a root array: elements at depth 1.
    Array,
    /// Inside a root object, looking for a `"conversations"` array at depth 1; otherwise the
    /// whole object is the element.
    Object,
    /// Inside `"conversations": [` of a root object: elements at depth 2.
    Wrapped,
    /// After the root value.
    Done,
}

/// Why the document is not what an export file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SplitError {
    /// It ends inside an element (the file or the ZIP was cut short).
    CutShort { offset: u64, elements: u64 },
    /// It is not JSON at all (the first character says so).
    NotJson { offset: u64 },
    /// An element is larger than memport will hold at once.
    TooLarge { offset: u64 },
}

/// The largest single element held (one conversation): far above any real one, far below
/// what would strain the browser.
pub const MAX_ELEMENT: usize = 256 << 20;

pub struct Splitter {
    mode: Mode,
    /// The bytes not yet handed on, from `base` in the document.
    buf: Vec<u8>,
    base: u64,
    /// Where scanning resumes in `buf`.
    pos: usize,
    depth: u32,
    in_string: bool,
    escaped: bool,
    /// Start in `buf` of the element being read.
    start: Option<usize>,
    /// In `Object` mode: the last key read at depth 1, and whether a key is expected next.
    key: Vec<u8>,
    key_start: Option<usize>,
    expect_key: bool,
    elements: u64,
}

impl Default for Splitter {
    fn default() -> Self {
        Self::new()
    }
}

impl Splitter {
    pub fn new() -> Splitter {
        Splitter {
            mode: Mode::Start,
            buf: Vec::new(),
            base: 0,
            pos: 0,
            depth: 0,
            in_string: false,
            escaped: false,
            start: None,
            key: Vec::new(),
            key_start: None,
            expect_key: false,
            elements: 0,
        }
    }

    /// How many elements were handed on.
    pub fn elements(&self) -> u64 {
        self.elements
    }

    /// Takes the next piece of the document, handing each element completed in it to `each`.
    pub fn push(&mut self, piece: &[u8], each: &mut dyn Elements) -> Result<(), SplitError> {
        self.buf.extend_from_slice(piece);
        self.scan(each)?;
        // Keep only what the next piece may still need.
        let keep_from = match (self.start, self.key_start) {
            (Some(s), _) => s,
            (None, Some(k)) => k,
            (None, None) => self.pos,
        };
        if keep_from > 0 {
            self.buf.drain(..keep_from);
            self.base += keep_from as u64;
            self.pos -= keep_from;
            if let Some(s) = self.start.as_mut() {
                *s -= keep_from;
            }
            if let Some(k) = self.key_start.as_mut() {
                *k -= keep_from;
            }
        }
        if self.start.is_some() && self.buf.len() > MAX_ELEMENT {
            return Err(SplitError::TooLarge { offset: self.base });
        }
        Ok(())
    }

    /// The document has ended: an element still open means it was cut short.
    pub fn finish(&mut self) -> Result<(), SplitError> {
        match (self.mode, self.start) {
            (Mode::Done, _) | (Mode::Start, None) => Ok(()),
            (_, Some(s)) => Err(SplitError::CutShort {
                offset: self.base + s as u64,
                elements: self.elements,
            }),
            _ => Err(SplitError::CutShort {
                offset: self.base + self.buf.len() as u64,
                elements: self.elements,
            }),
        }
    }

    fn element_depth(&self) -> u32 {
        match self.mode {
            Mode::Wrapped => 2,
            _ => 1,
        }
    }

    fn scan(&mut self, each: &mut dyn Elements) -> Result<(), SplitError> {
        let mut i = self.pos;
        let n = self.buf.len();
        while i < n {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                    i += 1;
                    continue;
                }
                match memchr::memchr2(b'"', b'\\', &self.buf[i..]) {
                    None => {
                        i = n;
                        break;
                    }
                    Some(j) => {
                        i += j;
                        if self.buf[i] == b'\\' {
                            self.escaped = true;
                        } else {
                            self.in_string = false;
                            if let Some(k) = self.key_start.take() {
                                self.key.clear();
                                self.key.extend_from_slice(&self.buf[k + 1..i]);
                            } else if matches!(self.mode, Mode::Array | Mode::Wrapped)
                                && self.depth == self.element_depth()
                            {
                                // A string element (not an object): handed on as it is.
                                if let Some(s) = self.start.take() {
                                    self.elements += 1;
                                    each.element(Element {
                                        bytes: &self.buf[s..=i],
                                        offset: self.base + s as u64,
                                    });
                                }
                            }
                        }
                        i += 1;
                        continue;
                    }
                }
            }
            let c = self.buf[i];
            match self.mode {
                Mode::Start => match c {
                    b' ' | b'\t' | b'\r' | b'\n' => {}
                    0xEF | 0xBB | 0xBF => {} // a byte order mark
                    b'[' => {
                        self.mode = Mode::Array;
                        self.depth = 1;
                    }
                    b'{' => {
                        self.mode = Mode::Object;
                        self.depth = 1;
                        self.start = Some(i);
                        self.expect_key = true;
                    }
                    _ => {
                        return Err(SplitError::NotJson {
                            offset: self.base + i as u64,
                        })
                    }
                },
                Mode::Done => {}
                _ => {
                    let element_depth = self.element_depth();
                    match c {
                        b'"' => {
                            self.in_string = true;
                            if self.mode == Mode::Object && self.depth == 1 && self.expect_key {
                                self.key_start = Some(i);
                                self.expect_key = false;
                            } else if self.depth == element_depth
                                && self.mode != Mode::Object
                                && self.start.is_none()
                            {
                                // A string element (not an object): handed on as it is.
                                self.start = Some(i);
                            }
                        }
                        b'{' | b'[' => {
                            if self.mode == Mode::Object
                                && self.depth == 1
                                && c == b'['
                                && self.key == b"conversations"
                            {
                                // ChatGPT's `{"conversations": [...]}`: its elements instead.
                                self.mode = Mode::Wrapped;
                                self.start = None;
                            } else if self.depth == element_depth
                                && self.mode != Mode::Object
                                && self.start.is_none()
                            {
                                if c == b'{' {
                                    let rest = &self.buf[i..];
                                    match each.ahead(rest, self.base + i as u64) {
                                        Some(len) if len > 0 && len <= rest.len() => {
                                            self.elements += 1;
                                            i += len;
                                            continue;
                                        }
                                        _ => {}
                                    }
                                }
                                self.start = Some(i);
                            }
                            self.depth += 1;
                        }
                        b'}' | b']' => {
                            self.depth = self.depth.saturating_sub(1);
                            if self.depth == element_depth && self.mode != Mode::Object {
                                if let Some(s) = self.start.take() {
                                    self.elements += 1;
                                    each.element(Element {
                                        bytes: &self.buf[s..=i],
                                        offset: self.base + s as u64,
                                    });
                                }
                            } else if self.depth + 1 == element_depth {
                                // The root (or the wrapped array) closed.
                                if self.mode == Mode::Object {
                                    if let Some(s) = self.start.take() {
                                        self.elements += 1;
                                        each.element(Element {
                                            bytes: &self.buf[s..=i],
                                            offset: self.base + s as u64,
                                        });
                                    }
                                    self.mode = Mode::Done;
                                } else {
                                    // The root array, or the wrapped one (nothing after it
                                    // in the root object is needed).
                                    self.mode = Mode::Done;
                                }
                            }
                        }
                        b',' if self.mode == Mode::Object && self.depth == 1 => {
                            self.expect_key = true;
                        }
                        _ => {}
                    }
                }
            }
            i += 1;
        }
        self.pos = i;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(doc: &[u8], piece: usize) -> (Vec<(String, u64)>, Result<(), SplitError>) {
        let mut s = Splitter::new();
        let mut got = Vec::new();
        for chunk in doc.chunks(piece.max(1)) {
            if let Err(e) = s.push(chunk, &mut |e: Element<'_>| {
                got.push((String::from_utf8_lossy(e.bytes).into_owned(), e.offset))
            }) {
                return (got, Err(e));
            }
        }
        let end = s.finish();
        (got, end)
    }

    /// A reader that parses objects where they start, as the ChatGPT reader does.
    struct Ahead {
        got: Vec<(String, u64)>,
        ahead: usize,
    }

    impl Elements for Ahead {
        fn element(&mut self, e: Element<'_>) {
            self.got
                .push((String::from_utf8_lossy(e.bytes).into_owned(), e.offset));
        }
        fn ahead(&mut self, rest: &[u8], offset: u64) -> Option<usize> {
            let mut values = serde_json::Deserializer::from_slice(rest)
                .into_iter::<&serde_json::value::RawValue>();
            let value = values.next()?.ok()?;
            self.got.push((value.get().to_string(), offset));
            self.ahead += 1;
            Some(values.byte_offset())
        }
    }

    #[test]
    fn reading_ahead_finds_the_same_elements_at_the_same_offsets_in_any_piece_size() {
        // Objects with braces in strings, an escaped quote, a string and a number element, a
        // broken element (an unquoted key) the splitter must still delimit, and the wrapped
        // shape.
        let docs: [&[u8]; 2] = [
            br#" [{"a":"x]}\"{"}, {"b":[1,{"c":2}]} ,"s{",7,{bad:1},{"t":"\\"}]"#,
            br#"{"user":{"n":1},"conversations":[{"a":1},{"b":"}"}],"after":2}"#,
        ];
        for doc in docs {
            for piece in 1..=doc.len() {
                let (want, end) = split(doc, piece);
                let mut s = Splitter::new();
                let mut reader = Ahead {
                    got: Vec::new(),
                    ahead: 0,
                };
                for chunk in doc.chunks(piece) {
                    s.push(chunk, &mut reader).expect("splits");
                }
                assert_eq!(s.finish(), end);
                assert_eq!(reader.got, want, "piece {piece}");
                if piece == doc.len() {
                    assert!(
                        reader.ahead >= 2,
                        "objects are read ahead: {}",
                        reader.ahead
                    );
                }
            }
        }
    }

    #[test]
    fn elements_of_a_root_array_in_any_piece_size() {
        let doc = br#" [{"a":"x]}\"{"}, {"b":[1,{"c":2}]} ,{"t":"\\"}]"#;
        for piece in [1, 2, 3, 7, 100] {
            let (got, end) = split(doc, piece);
            assert_eq!(end, Ok(()));
            let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
            assert_eq!(
                texts,
                [r#"{"a":"x]}\"{"}"#, r#"{"b":[1,{"c":2}]}"#, r#"{"t":"\\"}"#],
                "piece {piece}"
            );
            assert_eq!(got[0].1, 2);
        }
    }

    #[test]
    fn the_wrapped_layout_and_a_plain_object() {
        let doc = br#"{"other": [1], "conversations": [{"id":1},{"id":2}], "x": 1}"#;
        for piece in [1, 5, 100] {
            let (got, end) = split(doc, piece);
            assert_eq!(end, Ok(()));
            assert_eq!(got.len(), 2, "piece {piece}");
            assert_eq!(got[1].0, r#"{"id":2}"#);
        }
        let (got, end) = split(br#"["a\"b", {"c": "d"}]"#, 2);
        assert_eq!(end, Ok(()));
        assert_eq!(got[0].0, r#""a\"b""#);
        assert_eq!(got.len(), 2);
        let (got, end) = split(br#"{"name": "A", "list": [{"x": 1}]}"#, 4);
        assert_eq!(end, Ok(()));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, r#"{"name": "A", "list": [{"x": 1}]}"#);
    }

    #[test]
    fn a_cut_document_says_where() {
        let (got, end) = split(br#"[{"a":1},{"b":"unfinish"#, 4);
        assert_eq!(got.len(), 1);
        assert_eq!(
            end,
            Err(SplitError::CutShort {
                offset: 9,
                elements: 1
            })
        );
        assert!(matches!(
            split(b"<html>", 3).1,
            Err(SplitError::NotJson { offset: 0 })
        ));
        assert_eq!(split(b"", 3).1, Ok(()));
    }
}
