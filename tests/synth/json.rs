//! The JSON writer: exports are written as a stream, with the escapes each vendor uses.

use std::fmt::Write as _;

/// A JSON text built in a buffer. `ascii` writes every non-ASCII character as `\uXXXX`
/// (surrogate pairs above the BMP), as Python's `json.dumps` does by default.
pub(crate) struct Js {
    pub(crate) b: Vec<u8>,
    pub(crate) ascii: bool,
}

impl Js {
    pub(crate) fn new(ascii: bool) -> Js {
        Js {
            b: Vec::with_capacity(16 * 1024),
            ascii,
        }
    }

    pub(crate) fn raw(&mut self, s: &str) -> &mut Js {
        self.b.extend_from_slice(s.as_bytes());
        self
    }

    pub(crate) fn str(&mut self, s: &str) -> &mut Js {
        self.b.push(b'"');
        let bytes = s.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            let esc: Option<&[u8]> = match c {
                b'"' => Some(b"\\\""),
                b'\\' => Some(b"\\\\"),
                b'\n' => Some(b"\\n"),
                b'\r' => Some(b"\\r"),
                b'\t' => Some(b"\\t"),
                0..=0x1f => Some(b""),
                0x80.. if self.ascii => Some(b""),
                _ => None,
            };
            let Some(esc) = esc else {
                i += 1;
                continue;
            };
            self.b.extend_from_slice(&bytes[start..i]);
            if !esc.is_empty() {
                self.b.extend_from_slice(esc);
                i += 1;
            } else if c < 0x20 {
                let _ = write!(Hex(&mut self.b), "\\u{:04x}", c);
                i += 1;
            } else {
                // A whole multi-byte character, as UTF-16 escapes.
                let ch = s[i..].chars().next().unwrap_or('\u{fffd}');
                let mut units = [0u16; 2];
                for u in ch.encode_utf16(&mut units) {
                    let _ = write!(Hex(&mut self.b), "\\u{:04x}", u);
                }
                i += ch.len_utf8();
            }
            start = i;
        }
        self.b.extend_from_slice(&bytes[start..]);
        self.b.push(b'"');
        self
    }

    pub(crate) fn opt_str(&mut self, s: Option<&str>) -> &mut Js {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    /// `"k":` (after a comma unless it opens an object).
    pub(crate) fn key(&mut self, k: &str) -> &mut Js {
        self.comma();
        self.b.push(b'"');
        self.b.extend_from_slice(k.as_bytes());
        self.b.extend_from_slice(b"\":");
        self
    }

    pub(crate) fn kv(&mut self, k: &str, v: &str) -> &mut Js {
        self.key(k).str(v)
    }

    pub(crate) fn kraw(&mut self, k: &str, v: &str) -> &mut Js {
        self.key(k).raw(v)
    }

    /// A comma before the next array element unless it is the first.
    pub(crate) fn item(&mut self) -> &mut Js {
        self.comma();
        self
    }

    /// A comma unless the last thing written opens an object or array or is one.
    pub(crate) fn comma(&mut self) {
        let last = self.b.iter().rev().find(|c| !c.is_ascii_whitespace());
        if !matches!(last, Some(b'{' | b'[' | b',') | None) {
            self.b.push(b',');
        }
    }
}

/// `fmt::Write` into a byte buffer, for hex escapes.
pub(crate) struct Hex<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Hex<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}
