//! A ChatGPT conversation read in one pass over its bytes, without serde.
//!
//! Nearly all of a conversation's bytes are message texts and metadata memport never uses.
//! serde_json checks each of them as it skips them, four bytes at a time on wasm32, and that
//! was the largest part of reading an export. This reader walks the same JSON once and keeps
//! only the fields [`super::Conversation`] holds: a string it does not use is found by its
//! closing quote with 128-bit SIMD, checked on the way.
//!
//! It must read exactly what serde_json reads. It never accepts what serde_json would refuse:
//! it checks every rule serde_json checks on the way (JSON's syntax, escapes, no control
//! characters in strings, UTF-8 where serde_json wants text, the required fields, no field
//! twice), and gives up ([`Stop::Bail`]) on anything it does not handle the same way (an
//! escaped key, an object given as a list, nesting deeper than [`MAX_DEPTH`], a field of an
//! unexpected type...). The caller then parses with serde_json, which says what is wrong, so
//! hostile input gets the very same result as before, only a well-formed conversation the
//! faster one. The unit tests hold the two to the same result on the synthetic exports and on
//! many thousands of damaged copies of them.

use std::borrow::Cow;

use super::UserContext;
use super::{Author, Content, Conversation, FirstPart, Mapping, Message, Metadata, Node};

/// Why reading stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The bytes ended inside the conversation (the rest has not arrived).
    Eof,
    /// Something this reader leaves to serde_json: malformed, or unusual.
    Bail,
}

type R<T> = Result<T, Stop>;

/// Nesting this reader follows; deeper, serde_json does (it skips without a limit).
const MAX_DEPTH: u32 = 100;

/// Reads the conversation `bytes` start with (after whitespace): it and the bytes it took.
pub fn conversation(bytes: &[u8]) -> R<(Conversation<'_>, usize)> {
    let mut p = P { b: bytes, i: 0 };
    let conv = p.conversation()?;
    Ok((conv, p.i))
}

struct P<'a> {
    b: &'a [u8],
    i: usize,
}

/// The first quote, backslash or control character in `b` from `i` (its index, or `b.len()`
/// when there is none), and the first byte above ASCII before it (its index, or `usize::MAX`
/// when there is none). On wasm32, sixteen bytes at a time with 128-bit SIMD.
#[cfg(target_arch = "wasm32")]
#[inline]
fn special(b: &[u8], mut i: usize) -> (usize, usize) {
    use core::arch::wasm32::{u8x16, u8x16_bitmask, u8x16_eq, u8x16_lt, u8x16_splat, v128_or};
    let quote = u8x16_splat(b'"');
    let backslash = u8x16_splat(b'\\');
    let space = u8x16_splat(0x20);
    let mut high = usize::MAX;
    while let Some(c) = b.get(i..i + 16) {
        let v = u8x16(
            c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13],
            c[14], c[15],
        );
        let hit = v128_or(
            v128_or(u8x16_eq(v, quote), u8x16_eq(v, backslash)),
            u8x16_lt(v, space),
        );
        let bits = u8x16_bitmask(hit);
        // The lanes' top bits: bytes above ASCII.
        let mut above = u8x16_bitmask(v);
        if bits != 0 {
            let k = bits.trailing_zeros();
            above &= (1u16 << k) - 1;
            if above != 0 && high == usize::MAX {
                high = i + above.trailing_zeros() as usize;
            }
            return (i + k as usize, high);
        }
        if above != 0 && high == usize::MAX {
            high = i + above.trailing_zeros() as usize;
        }
        i += 16;
    }
    tail(b, i, high)
}

/// The same, eight bytes at a time in a 64-bit word (natively: the tests and the `memport`
/// tool).
#[cfg(not(target_arch = "wasm32"))]
#[inline]
fn special(b: &[u8], mut i: usize) -> (usize, usize) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut high = usize::MAX;
    while let Some(c) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(c);
        let x = u64::from_le_bytes(word);
        // A byte's top bit set where it is zero after the xor (a quote, a backslash) or
        // under 0x20; exact for the lowest such byte, which is the one wanted.
        let q = x ^ (ONES * u64::from(b'"'));
        let s = x ^ (ONES * u64::from(b'\\'));
        let hit = ((q.wrapping_sub(ONES) & !q)
            | (s.wrapping_sub(ONES) & !s)
            | (x.wrapping_sub(ONES * 0x20) & !x))
            & HIGH;
        let mut above = x & HIGH;
        if hit != 0 {
            let k = hit.trailing_zeros() / 8;
            above &= if k == 0 { 0 } else { u64::MAX >> (64 - 8 * k) };
            if above != 0 && high == usize::MAX {
                high = i + (above.trailing_zeros() / 8) as usize;
            }
            return (i + k as usize, high);
        }
        if above != 0 && high == usize::MAX {
            high = i + (above.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    tail(b, i, high)
}

/// [`special`] for the last bytes, one at a time.
#[inline]
fn tail(b: &[u8], mut i: usize, mut high: usize) -> (usize, usize) {
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            break;
        }
        if c >= 0x80 && high == usize::MAX {
            high = i;
        }
        i += 1;
    }
    (i, high)
}

/// Seen fields of a struct, for serde's "duplicate field" rule.
struct Seen(u32);

impl Seen {
    fn once(&mut self, bit: u32) -> R<()> {
        if self.0 & (1 << bit) != 0 {
            return Err(Stop::Bail);
        }
        self.0 |= 1 << bit;
        Ok(())
    }
}

impl<'a> P<'a> {
    /// The next byte that is not whitespace (JSON's four), not taken.
    #[inline]
    fn peek(&mut self) -> R<u8> {
        while let Some(&c) = self.b.get(self.i) {
            match c {
                b' ' | b'\n' | b'\t' | b'\r' => self.i += 1,
                _ => return Ok(c),
            }
        }
        Err(Stop::Eof)
    }

    #[inline]
    fn eat(&mut self, c: u8) -> R<()> {
        if self.peek()? == c {
            self.i += 1;
            Ok(())
        } else {
            Err(Stop::Bail)
        }
    }

    /// A string's contents, after its opening quote (taken): the raw bytes between the quotes
    /// and whether they hold an escape. Checked as serde_json checks a string it skips
    /// (escapes, control characters), and as UTF-8 when `utf8`.
    fn string(&mut self, utf8: bool) -> R<(&'a [u8], bool)> {
        let start = self.i;
        let mut escaped = false;
        // Where the string leaves ASCII: only from there can it be bad UTF-8.
        let mut high = usize::MAX;
        loop {
            let (j, above) = special(self.b, self.i);
            high = high.min(above);
            self.i = j;
            let Some(&c) = self.b.get(j) else {
                return Err(Stop::Eof);
            };
            if c < 0x20 {
                return Err(Stop::Bail);
            }
            if c == b'"' {
                let end = self.i;
                self.i += 1;
                if utf8 && high < end && std::str::from_utf8(&self.b[high..end]).is_err() {
                    return Err(Stop::Bail);
                }
                return Ok((&self.b[start..end], escaped));
            }
            escaped = true;
            let Some(&e) = self.b.get(self.i + 1) else {
                return Err(Stop::Eof);
            };
            match e {
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.i += 2,
                b'u' => {
                    let Some(hex) = self.b.get(self.i + 2..self.i + 6) else {
                        return Err(Stop::Eof);
                    };
                    if !hex.iter().all(u8::is_ascii_hexdigit) {
                        return Err(Stop::Bail);
                    }
                    self.i += 6;
                }
                _ => return Err(Stop::Bail),
            }
        }
    }

    /// A string field as serde gives a borrowed `Cow<str>`.
    fn text(&mut self) -> R<Cow<'a, str>> {
        self.eat(b'"')?;
        let open = self.i - 1;
        let (s, escaped) = self.string(true)?;
        if escaped {
            // Rare in the fields read: serde_json unescapes it, with its own rules.
            return serde_json::from_slice::<String>(&self.b[open..self.i])
                .map(Cow::Owned)
                .map_err(|_| Stop::Bail);
        }
        std::str::from_utf8(s)
            .map(Cow::Borrowed)
            .map_err(|_| Stop::Bail)
    }

    /// `null` (taken) or not (nothing taken).
    fn null(&mut self) -> R<bool> {
        if self.peek()? != b'n' {
            return Ok(false);
        }
        self.literal(b"null")?;
        Ok(true)
    }

    fn literal(&mut self, word: &[u8]) -> R<()> {
        let rest = &self.b[self.i..];
        let n = word.len().min(rest.len());
        if rest[..n] != word[..n] {
            return Err(Stop::Bail);
        }
        if n < word.len() {
            return Err(Stop::Eof);
        }
        self.i += n;
        Ok(())
    }

    fn opt_text(&mut self) -> R<Option<Cow<'a, str>>> {
        if self.null()? {
            return Ok(None);
        }
        self.text().map(Some)
    }

    fn opt_f64(&mut self) -> R<Option<f64>> {
        if self.null()? {
            return Ok(None);
        }
        let start = self.i;
        match self.peek()? {
            b'-' | b'0'..=b'9' => self.number()?,
            _ => return Err(Stop::Bail),
        }
        // serde_json's own conversion, for the very same value.
        serde_json::from_slice::<f64>(&self.b[start..self.i])
            .map(Some)
            .map_err(|_| Stop::Bail)
    }

    fn opt_bool(&mut self) -> R<Option<bool>> {
        match self.peek()? {
            b'n' => self.literal(b"null").map(|()| None),
            b't' => self.literal(b"true").map(|()| Some(true)),
            b'f' => self.literal(b"false").map(|()| Some(false)),
            _ => Err(Stop::Bail),
        }
    }

    /// A number, by JSON's grammar (serde_json's): `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> R<()> {
        let b = self.b;
        let mut i = self.i;
        let at = |i: usize| b.get(i).copied().ok_or(Stop::Eof);
        if at(i)? == b'-' {
            i += 1;
        }
        match at(i)? {
            b'0' => i += 1,
            b'1'..=b'9' => {
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
            _ => return Err(Stop::Bail),
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            if !at(i)?.is_ascii_digit() {
                return Err(Stop::Bail);
            }
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(at(i)?, b'+' | b'-') {
                i += 1;
            }
            if !at(i)?.is_ascii_digit() {
                return Err(Stop::Bail);
            }
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        // A number the bytes end in may go on in bytes not yet arrived.
        if i == b.len() {
            return Err(Stop::Eof);
        }
        self.i = i;
        Ok(())
    }

    /// Skips any value, checked as serde_json checks what it skips (`IgnoredAny`), and its
    /// strings as UTF-8 too when `utf8`.
    fn skip(&mut self, utf8: bool, depth: u32) -> R<()> {
        match self.peek()? {
            b'"' => {
                self.i += 1;
                self.string(utf8).map(|_| ())
            }
            b'{' => {
                if depth >= MAX_DEPTH {
                    return Err(Stop::Bail);
                }
                self.i += 1;
                if self.peek()? == b'}' {
                    self.i += 1;
                    return Ok(());
                }
                loop {
                    self.eat(b'"')?;
                    self.string(utf8)?;
                    self.eat(b':')?;
                    self.skip(utf8, depth + 1)?;
                    match self.peek()? {
                        b',' => self.i += 1,
                        b'}' => {
                            self.i += 1;
                            return Ok(());
                        }
                        _ => return Err(Stop::Bail),
                    }
                }
            }
            b'[' => {
                if depth >= MAX_DEPTH {
                    return Err(Stop::Bail);
                }
                self.i += 1;
                if self.peek()? == b']' {
                    self.i += 1;
                    return Ok(());
                }
                loop {
                    self.skip(utf8, depth + 1)?;
                    match self.peek()? {
                        b',' => self.i += 1,
                        b']' => {
                            self.i += 1;
                            return Ok(());
                        }
                        _ => return Err(Stop::Bail),
                    }
                }
            }
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(Stop::Bail),
        }
    }

    /// An object read as serde reads a struct from a JSON object: each key (checked as
    /// UTF-8, as serde_json does for a field's name) handed to `field`, which takes its value
    /// or returns false to have it skipped. A key with an escape is left to serde_json.
    fn object(&mut self, mut field: impl FnMut(&mut Self, &'a [u8]) -> R<bool>) -> R<()> {
        self.eat(b'{')?;
        if self.peek()? == b'}' {
            self.i += 1;
            return Ok(());
        }
        loop {
            self.eat(b'"')?;
            let (key, escaped) = self.string(true)?;
            if escaped {
                return Err(Stop::Bail);
            }
            self.eat(b':')?;
            if !field(self, key)? {
                self.skip(false, 1)?;
            }
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(Stop::Bail),
            }
        }
    }

    fn conversation(&mut self) -> R<Conversation<'a>> {
        let mut c = Conversation {
            title: None,
            create_time: None,
            id: None,
            conversation_id: None,
            current_node: None,
            mapping: None,
        };
        let mut seen = Seen(0);
        self.object(|p, key| {
            match key {
                b"title" => {
                    seen.once(0)?;
                    c.title = p.opt_text()?;
                }
                b"create_time" => {
                    seen.once(1)?;
                    c.create_time = p.opt_f64()?;
                }
                b"id" => {
                    seen.once(2)?;
                    c.id = p.opt_text()?;
                }
                b"conversation_id" => {
                    seen.once(3)?;
                    c.conversation_id = p.opt_text()?;
                }
                b"current_node" => {
                    seen.once(4)?;
                    c.current_node = p.opt_text()?;
                }
                b"mapping" => {
                    seen.once(5)?;
                    c.mapping = if p.null()? { None } else { Some(p.mapping()?) };
                }
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        Ok(c)
    }

    fn mapping(&mut self) -> R<Mapping<'a>> {
        let mut nodes = Vec::with_capacity(16);
        self.eat(b'{')?;
        if self.peek()? == b'}' {
            self.i += 1;
            return Ok(Mapping(nodes));
        }
        loop {
            self.eat(b'"')?;
            let open = self.i - 1;
            let (key, escaped) = self.string(true)?;
            let key = if escaped {
                Cow::Owned(
                    serde_json::from_slice::<String>(&self.b[open..self.i])
                        .map_err(|_| Stop::Bail)?,
                )
            } else {
                Cow::Borrowed(std::str::from_utf8(key).map_err(|_| Stop::Bail)?)
            };
            self.eat(b':')?;
            nodes.push((key, self.node()?));
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Ok(Mapping(nodes));
                }
                _ => return Err(Stop::Bail),
            }
        }
    }

    fn node(&mut self) -> R<Node<'a>> {
        let mut n = Node {
            parent: None,
            message: None,
        };
        let mut seen = Seen(0);
        self.object(|p, key| {
            match key {
                b"parent" => {
                    seen.once(0)?;
                    n.parent = p.opt_text()?;
                }
                b"message" => {
                    seen.once(1)?;
                    n.message = if p.null()? { None } else { Some(p.message()?) };
                }
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        Ok(n)
    }

    fn message(&mut self) -> R<Message<'a>> {
        let mut author = None;
        let mut m = Message {
            author: Author {
                role: Cow::Borrowed(""),
            },
            create_time: None,
            content: None,
            recipient: None,
            metadata: None,
        };
        let mut seen = Seen(0);
        self.object(|p, key| {
            match key {
                b"author" => {
                    seen.once(0)?;
                    author = Some(p.author()?);
                }
                b"create_time" => {
                    seen.once(1)?;
                    m.create_time = p.opt_f64()?;
                }
                b"content" => {
                    seen.once(2)?;
                    m.content = if p.null()? { None } else { Some(p.content()?) };
                }
                b"recipient" => {
                    seen.once(3)?;
                    m.recipient = p.opt_text()?;
                }
                b"metadata" => {
                    seen.once(4)?;
                    m.metadata = if p.null()? { None } else { Some(p.metadata()?) };
                }
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        // Required: serde says it is missing.
        m.author = author.ok_or(Stop::Bail)?;
        Ok(m)
    }

    fn author(&mut self) -> R<Author<'a>> {
        let mut role = None;
        let mut seen = Seen(0);
        self.object(|p, key| {
            if key != b"role" {
                return Ok(false);
            }
            seen.once(0)?;
            role = Some(p.text()?);
            Ok(true)
        })?;
        Ok(Author {
            role: role.ok_or(Stop::Bail)?,
        })
    }

    fn content(&mut self) -> R<Content<'a>> {
        let mut content_type = None;
        let mut c = Content {
            content_type: Cow::Borrowed(""),
            parts: None,
            user_profile: None,
            user_instructions: None,
            model_set_context: None,
        };
        let mut seen = Seen(0);
        self.object(|p, key| {
            match key {
                b"content_type" => {
                    seen.once(0)?;
                    content_type = Some(p.text()?);
                }
                b"parts" => {
                    seen.once(1)?;
                    c.parts = if p.null()? { None } else { Some(p.parts()?) };
                }
                b"user_profile" => {
                    seen.once(2)?;
                    c.user_profile = p.opt_text()?;
                }
                b"user_instructions" => {
                    seen.once(3)?;
                    c.user_instructions = p.opt_text()?;
                }
                b"model_set_context" => {
                    seen.once(4)?;
                    c.model_set_context = p.opt_text()?;
                }
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        c.content_type = content_type.ok_or(Stop::Bail)?;
        Ok(c)
    }

    /// A message's `parts`: the first as its raw JSON (checked as UTF-8, as serde_json checks
    /// a raw value), the others skipped.
    fn parts(&mut self) -> R<FirstPart<'a>> {
        self.eat(b'[')?;
        if self.peek()? == b']' {
            self.i += 1;
            return Ok(FirstPart(None));
        }
        let start = self.i;
        self.skip(true, 1)?;
        let first = &self.b[start..self.i];
        loop {
            match self.peek()? {
                b',' => {
                    self.i += 1;
                    self.skip(false, 1)?;
                }
                b']' => {
                    self.i += 1;
                    return Ok(FirstPart(Some(first)));
                }
                _ => return Err(Stop::Bail),
            }
        }
    }

    fn metadata(&mut self) -> R<Metadata<'a>> {
        let mut md = Metadata {
            is_user_system_message: None,
            user_context_message_data: None,
        };
        let mut seen = Seen(0);
        self.object(|p, key| {
            match key {
                b"is_user_system_message" => {
                    seen.once(0)?;
                    md.is_user_system_message = p.opt_bool()?;
                }
                b"user_context_message_data" => {
                    seen.once(1)?;
                    md.user_context_message_data = if p.null()? {
                        None
                    } else {
                        Some(p.user_context()?)
                    };
                }
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        Ok(md)
    }

    fn user_context(&mut self) -> R<UserContext<'a>> {
        let mut u = UserContext {
            about_user_message: None,
            about_model_message: None,
        };
        let mut seen = Seen(0);
        self.object(|p, key| {
            match key {
                b"about_user_message" => {
                    seen.once(0)?;
                    u.about_user_message = p.opt_text()?;
                }
                b"about_model_message" => {
                    seen.once(1)?;
                    u.about_model_message = p.opt_text()?;
                }
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        Ok(u)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_bytes(b: &[u8], from: usize) -> (usize, usize) {
        let end = b[from..]
            .iter()
            .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
            .map_or(b.len(), |k| from + k);
        let high = b[from..end]
            .iter()
            .position(|&c| c >= 0x80)
            .map_or(usize::MAX, |k| from + k);
        (end, high)
    }

    #[test]
    fn special_finds_what_a_loop_over_bytes_finds() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let odd = [
            b'"', b'\\', 0x00, 0x1F, 0x20, 0x7F, 0x80, 0xC3, 0xFF, b'!', b'#', b'[',
        ];
        for len in 0..80 {
            for rarity in [2, 8, 64] {
                let b: Vec<u8> = (0..len)
                    .map(|_| {
                        let r = next();
                        if r % rarity == 0 {
                            odd[(r >> 8) as usize % odd.len()]
                        } else {
                            b'a' + (r >> 16) as u8 % 26
                        }
                    })
                    .collect();
                for from in 0..=len {
                    assert_eq!(special(&b, from), by_bytes(&b, from), "{b:?} from {from}");
                }
            }
        }
    }
}
