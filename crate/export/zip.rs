//! The ZIP container, read by slices: the table of contents at the end, then each entry's
//! bytes as a stream (stored, or deflate inflated by zlib-rs), checked against its CRC.
//!
//! Written here rather than taken from the `zip` crate because an export needs three things
//! its reader does not give: a truncated download (no table of contents) must still yield the
//! entries before the cut, read in order from their local headers; errors must say at which
//! byte; and each entry is handed on in pieces to a consumer that can stop early. Inflating
//! and checksums are zlib-rs's.

use super::Source;

/// How much of the file is read at once, and inflated at once.
pub const PIECE: usize = 1 << 20;

/// One file inside the archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    /// 0 stored, 8 deflate.
    pub method: u16,
    pub flags: u16,
    /// Compressed and uncompressed sizes; `None` when only a data descriptor after the data
    /// knows them (a ZIP read without its table of contents).
    pub compressed: Option<u64>,
    pub size: Option<u64>,
    pub crc: Option<u32>,
    /// Where its local header starts.
    pub header_offset: u64,
}

impl Entry {
    pub fn encrypted(&self) -> bool {
        self.flags & 1 != 0
    }

    pub fn is_dir(&self) -> bool {
        self.name.ends_with('/')
    }
}

/// What the archive holds.
#[derive(Clone, Debug)]
pub struct Archive {
    pub entries: Vec<Entry>,
    /// The table of contents was missing: entries were found by walking local headers from
    /// the start, and the last one may be cut short.
    pub truncated: bool,
}

/// Why an archive or an entry could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// The file could not be read (the browser or the disk said why).
    Read { offset: u64, detail: String },
    /// Neither a table of contents nor a first entry where a ZIP has them.
    NotZip,
    /// Bytes that should be a ZIP structure are not.
    Damaged { offset: u64, what: &'static str },
    /// Password-protected.
    Encrypted,
    /// A compression method other than stored or deflate.
    Method(u16),
    /// The deflate data is damaged.
    Inflate { offset: u64, detail: &'static str },
    /// The entry ends before its end: the file was cut short.
    CutShort { offset: u64 },
    /// The inflated bytes do not match the entry's checksum.
    Checksum,
}

impl std::fmt::Display for ZipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::i18n::t;
        f.write_str(&match self {
            ZipError::Read { detail, .. } => t("zip_unreadable", &[detail]),
            ZipError::NotZip => t("zip_not_zip", &[]),
            ZipError::Damaged { what, .. } => t("zip_damaged", &[what]),
            ZipError::Encrypted => t("zip_encrypted", &[]),
            ZipError::Method(m) => t("zip_method", &[m]),
            ZipError::Inflate { detail, .. } => t("zip_damaged", &[detail]),
            ZipError::CutShort { .. } => t("zip_cut_short", &[]),
            ZipError::Checksum => t("zip_checksum", &[]),
        })
    }
}

impl ZipError {
    /// The byte the error was found at, where it helps.
    pub fn offset(&self) -> Option<u64> {
        match self {
            ZipError::Read { offset, .. }
            | ZipError::Damaged { offset, .. }
            | ZipError::Inflate { offset, .. }
            | ZipError::CutShort { offset } => Some(*offset),
            _ => None,
        }
    }
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}
fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}
fn u64_at(b: &[u8], i: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(a)
}

/// Reads exactly `len` bytes at `offset` (fewer only where the file ends).
pub fn read_exact_at(src: &mut dyn Source, offset: u64, len: usize) -> Result<Vec<u8>, ZipError> {
    let end = src.len().min(offset.saturating_add(len as u64));
    let want = end.saturating_sub(offset) as usize;
    let mut buf = vec![0u8; want];
    let mut got = 0;
    while got < want {
        let n = src
            .read_at(offset + got as u64, &mut buf[got..])
            .map_err(|detail| ZipError::Read {
                offset: offset + got as u64,
                detail,
            })?;
        if n == 0 {
            break;
        }
        got += n;
    }
    buf.truncate(got);
    Ok(buf)
}

/// Whether the file starts as a ZIP does.
pub fn looks_like_zip(src: &mut dyn Source) -> bool {
    matches!(
        read_exact_at(src, 0, 4).as_deref(),
        Ok(b"PK\x03\x04" | b"PK\x05\x06")
    )
}

/// The archive's entries: from its table of contents, or, when that is missing (a download
/// cut short), from the local headers in order.
pub fn open(src: &mut dyn Source) -> Result<Archive, ZipError> {
    let len = src.len();
    let tail_len = len.min(22 + 65_535) as usize;
    let tail = read_exact_at(src, len - tail_len as u64, tail_len)?;
    let eocd = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| tail[i..].starts_with(b"PK\x05\x06"));
    match eocd {
        Some(i) => central(src, len - tail_len as u64 + i as u64, &tail[i..]),
        None if looks_like_zip(src) => walk_local(src),
        None => Err(ZipError::NotZip),
    }
}

/// The table of contents, ZIP64 included.
fn central(src: &mut dyn Source, eocd_at: u64, eocd: &[u8]) -> Result<Archive, ZipError> {
    let mut count = u64::from(u16_at(eocd, 10));
    let mut cd_size = u64::from(u32_at(eocd, 12));
    let mut cd_offset = u64::from(u32_at(eocd, 16));
    if count == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF {
        // The ZIP64 locator sits just before the end record.
        let at = eocd_at.checked_sub(20).ok_or(ZipError::Damaged {
            offset: eocd_at,
            what: "no ZIP64 locator",
        })?;
        let loc = read_exact_at(src, at, 20)?;
        if !loc.starts_with(b"PK\x06\x07") {
            return Err(ZipError::Damaged {
                offset: at,
                what: "no ZIP64 locator",
            });
        }
        let rec_at = u64_at(&loc, 8);
        let rec = read_exact_at(src, rec_at, 56)?;
        if rec.len() < 56 || !rec.starts_with(b"PK\x06\x06") {
            return Err(ZipError::Damaged {
                offset: rec_at,
                what: "no ZIP64 end record",
            });
        }
        count = u64_at(&rec, 32);
        cd_size = u64_at(&rec, 40);
        cd_offset = u64_at(&rec, 48);
    }
    if cd_offset.saturating_add(cd_size) > src.len() || cd_size > 1 << 31 {
        return Err(ZipError::Damaged {
            offset: eocd_at,
            what: "its table of contents points outside the file",
        });
    }
    let cd = read_exact_at(src, cd_offset, cd_size as usize)?;
    // As many as the table holds (46 bytes each at least), whatever the count claims.
    let mut entries = Vec::with_capacity(count.min(cd.len() as u64 / 46) as usize);
    let mut i = 0usize;
    while i + 46 <= cd.len() && cd[i..].starts_with(b"PK\x01\x02") {
        let flags = u16_at(&cd, i + 8);
        let method = u16_at(&cd, i + 10);
        let crc = u32_at(&cd, i + 16);
        let mut compressed = u64::from(u32_at(&cd, i + 20));
        let mut size = u64::from(u32_at(&cd, i + 24));
        let name_len = usize::from(u16_at(&cd, i + 28));
        let extra_len = usize::from(u16_at(&cd, i + 30));
        let comment_len = usize::from(u16_at(&cd, i + 32));
        let mut header_offset = u64::from(u32_at(&cd, i + 42));
        let name_end = i + 46 + name_len;
        let extra_end = name_end + extra_len;
        if extra_end > cd.len() {
            break;
        }
        let name = String::from_utf8_lossy(&cd[i + 46..name_end]).into_owned();
        // ZIP64 extra field: the 8-byte values, in order, for each 32-bit field that is full.
        let mut e = name_end;
        while e + 4 <= extra_end {
            let id = u16_at(&cd, e);
            let n = usize::from(u16_at(&cd, e + 2));
            let body = e + 4;
            if id == 1 {
                let mut p = body;
                for field in [&mut size, &mut compressed, &mut header_offset] {
                    if *field == 0xFFFF_FFFF && p + 8 <= (body + n).min(extra_end) {
                        *field = u64_at(&cd, p);
                        p += 8;
                    }
                }
            }
            e = body + n;
        }
        entries.push(Entry {
            name,
            method,
            flags,
            compressed: Some(compressed),
            size: Some(size),
            crc: Some(crc),
            header_offset,
        });
        i = extra_end + comment_len;
    }
    Ok(Archive {
        entries,
        truncated: false,
    })
}

/// Entries from their local headers, in order, for a ZIP without its table of contents. An
/// entry whose sizes only its data descriptor knows ends the walk: the reader finds its end
/// by inflating it.
fn walk_local(src: &mut dyn Source) -> Result<Archive, ZipError> {
    let mut entries = Vec::new();
    let mut at = 0u64;
    while at + 30 <= src.len() {
        let h = read_exact_at(src, at, 30)?;
        if !h.starts_with(b"PK\x03\x04") {
            break;
        }
        let flags = u16_at(&h, 6);
        let method = u16_at(&h, 8);
        let crc = u32_at(&h, 14);
        let compressed = u64::from(u32_at(&h, 18));
        let size = u64::from(u32_at(&h, 22));
        let name_len = usize::from(u16_at(&h, 26));
        let extra_len = usize::from(u16_at(&h, 28));
        let name = String::from_utf8_lossy(&read_exact_at(src, at + 30, name_len)?).into_owned();
        let described = flags & 8 != 0 || compressed == 0xFFFF_FFFF;
        entries.push(Entry {
            name,
            method,
            flags,
            compressed: (!described).then_some(compressed),
            size: (!described).then_some(size),
            crc: (!described).then_some(crc),
            header_offset: at,
        });
        if described {
            break;
        }
        at += 30 + name_len as u64 + extra_len as u64 + compressed;
    }
    if entries.is_empty() {
        return Err(ZipError::NotZip);
    }
    Ok(Archive {
        entries,
        truncated: true,
    })
}

/// Where an entry's data starts (after its local header).
pub fn data_offset(src: &mut dyn Source, entry: &Entry) -> Result<u64, ZipError> {
    let h = read_exact_at(src, entry.header_offset, 30)?;
    if h.len() < 30 || !h.starts_with(b"PK\x03\x04") {
        return Err(ZipError::Damaged {
            offset: entry.header_offset,
            what: "an entry's header is missing",
        });
    }
    Ok(entry.header_offset + 30 + u64::from(u16_at(&h, 26)) + u64::from(u16_at(&h, 28)))
}

/// What the consumer of an entry's bytes says after each piece.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// It has what it needs: read no further (not an error).
    Stop,
}

/// Hands `entry`'s uncompressed bytes to `take` piece by piece, with `read` told how many
/// compressed bytes have been read so far. Checks the CRC when the whole entry was read.
pub fn stream(
    src: &mut dyn Source,
    entry: &Entry,
    take: &mut dyn FnMut(&[u8]) -> Flow,
    read: &mut dyn FnMut(u64),
) -> Result<(), ZipError> {
    if entry.encrypted() {
        return Err(ZipError::Encrypted);
    }
    if entry.method != 0 && entry.method != 8 {
        return Err(ZipError::Method(entry.method));
    }
    let start = data_offset(src, entry)?;
    let end = match entry.compressed {
        Some(c) => start.saturating_add(c),
        None => src.len(),
    };
    let mut crc = 0u32;
    let mut at = start;
    let mut input = vec![0u8; PIECE];
    if entry.method == 0 {
        let Some(_) = entry.compressed else {
            // A stored entry without sizes cannot be delimited.
            return Err(ZipError::Damaged {
                offset: entry.header_offset,
                what: "a stored entry without its size",
            });
        };
        while at < end {
            let want = (end - at).min(PIECE as u64) as usize;
            let n = read_into(src, at, &mut input[..want])?;
            if n == 0 {
                return Err(ZipError::CutShort { offset: at });
            }
            at += n as u64;
            read(at - start);
            crc = zlib_rs::crc32::crc32(crc, &input[..n]);
            if take(&input[..n]) == Flow::Stop {
                return Ok(());
            }
        }
        return check(entry, crc);
    }
    let mut inflate = zlib_rs::Inflate::new(false, 15);
    let mut output = vec![0u8; PIECE];
    let (mut have, mut used) = (0usize, 0usize);
    // No more compressed bytes: the entry's end, or the file's.
    let mut dry = false;
    loop {
        if used == have {
            if at < end {
                let want = (end - at).min(PIECE as u64) as usize;
                have = read_into(src, at, &mut input[..want])?;
                used = 0;
                at += have as u64;
                read(at - start);
                dry = have == 0;
            } else {
                dry = true;
            }
        }
        let (in_before, out_before) = (inflate.total_in(), inflate.total_out());
        let status = inflate.decompress(
            &input[used..have],
            &mut output,
            zlib_rs::InflateFlush::NoFlush,
        );
        let consumed = (inflate.total_in() - in_before) as usize;
        let written = (inflate.total_out() - out_before) as usize;
        used += consumed;
        if written > 0 {
            crc = zlib_rs::crc32::crc32(crc, &output[..written]);
            if take(&output[..written]) == Flow::Stop {
                return Ok(());
            }
        }
        match status {
            Ok(zlib_rs::Status::StreamEnd) => break,
            Ok(_) => {
                if consumed == 0 && written == 0 && used == have && dry {
                    return Err(ZipError::CutShort {
                        offset: at.min(src.len()),
                    });
                }
            }
            Err(e) => {
                return Err(ZipError::Inflate {
                    offset: at - (have - used) as u64,
                    detail: e.as_str(),
                })
            }
        }
    }
    check(entry, crc)
}

fn read_into(src: &mut dyn Source, at: u64, buf: &mut [u8]) -> Result<usize, ZipError> {
    let mut got = 0;
    while got < buf.len() {
        let n = src
            .read_at(at + got as u64, &mut buf[got..])
            .map_err(|detail| ZipError::Read {
                offset: at + got as u64,
                detail,
            })?;
        if n == 0 {
            break;
        }
        got += n;
    }
    Ok(got)
}

fn check(entry: &Entry, crc: u32) -> Result<(), ZipError> {
    match entry.crc {
        Some(want) if want != crc => Err(ZipError::Checksum),
        _ => Ok(()),
    }
}

/// A ZIP of `(name, bytes, deflate?)` entries, written the plain way: the warm-up's export
/// (`warm.rs`) and the tests'.
pub(crate) fn write(files: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut cd = Vec::new();
    for (name, data, deflate) in files {
        let body = if *deflate {
            let mut d = zlib_rs::Deflate::new(6, false, 15);
            let mut buf = vec![0u8; data.len() + 1024];
            let _ = d.compress(data, &mut buf, zlib_rs::DeflateFlush::Finish);
            buf.truncate(d.total_out() as usize);
            buf
        } else {
            data.to_vec()
        };
        let crc = zlib_rs::crc32::crc32(0, data);
        let method: u16 = if *deflate { 8 } else { 0 };
        let offset = out.len() as u32;
        out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00");
        out.extend_from_slice(&method.to_le_bytes());
        out.extend_from_slice(&[0, 0, 0, 0]);
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&body);
        cd.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00");
        cd.extend_from_slice(&method.to_le_bytes());
        cd.extend_from_slice(&[0, 0, 0, 0]);
        cd.extend_from_slice(&crc.to_le_bytes());
        cd.extend_from_slice(&(body.len() as u32).to_le_bytes());
        cd.extend_from_slice(&(data.len() as u32).to_le_bytes());
        cd.extend_from_slice(&(name.len() as u16).to_le_bytes());
        cd.extend_from_slice(&[0; 12]);
        cd.extend_from_slice(&offset.to_le_bytes());
        cd.extend_from_slice(name.as_bytes());
    }
    let cd_at = out.len() as u32;
    let n = files.len() as u16;
    out.extend_from_slice(&cd);
    out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_at.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::export::Bytes;

    fn all(src: &mut dyn Source, e: &Entry) -> Result<Vec<u8>, ZipError> {
        let mut got = Vec::new();
        stream(
            src,
            e,
            &mut |b| {
                got.extend_from_slice(b);
                Flow::Continue
            },
            &mut |_| {},
        )?;
        Ok(got)
    }

    #[test]
    fn reads_stored_and_deflated_entries() {
        let big: Vec<u8> = (0..3_000_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let bytes = write(&[("a.txt", b"hello", false), ("big.bin", &big, true)]);
        let mut src = Bytes::new("x.zip", bytes);
        let archive = open(&mut src).unwrap();
        assert!(!archive.truncated);
        assert_eq!(archive.entries.len(), 2);
        assert_eq!(all(&mut src, &archive.entries[0]).unwrap(), b"hello");
        assert_eq!(all(&mut src, &archive.entries[1]).unwrap(), big);
    }

    #[test]
    fn a_cut_zip_yields_what_comes_before_the_cut() {
        let text: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("line {i}\n").into_bytes())
            .collect();
        let mut bytes = write(&[("first.json", b"[1]", false), ("second.json", &text, true)]);
        bytes.truncate(bytes.len() / 2);
        let mut src = Bytes::new("x.zip", bytes);
        let archive = open(&mut src).unwrap();
        assert!(archive.truncated);
        assert_eq!(all(&mut src, &archive.entries[0]).unwrap(), b"[1]");
        let mut got = Vec::new();
        let err = stream(
            &mut src,
            &archive.entries[1],
            &mut |b| {
                got.extend_from_slice(b);
                Flow::Continue
            },
            &mut |_| {},
        )
        .unwrap_err();
        assert!(matches!(err, ZipError::CutShort { .. }), "{err:?}");
        assert!(got.len() > 100_000 && text.starts_with(&got));
    }

    #[test]
    fn damage_and_encryption_are_named() {
        let mut bytes = write(&[("a.json", &[b'x'; 5000], true)]);
        let mut src = Bytes::new("x.zip", bytes.clone());
        let archive = open(&mut src).unwrap();
        // Flip the encryption bit in the table of contents.
        let cd = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        bytes[cd + 8] |= 1;
        let mut locked = Bytes::new("x.zip", bytes);
        let e = &open(&mut locked).unwrap().entries[0];
        assert_eq!(all(&mut locked, e).unwrap_err(), ZipError::Encrypted);
        // A changed byte in the data fails the checksum or the inflate.
        let mut data = src.data.clone();
        data[40] ^= 0x55;
        let mut bad = Bytes::new("x.zip", data);
        assert!(all(&mut bad, &archive.entries[0]).is_err());
        let mut not = Bytes::new("x.zip", b"just text, not a zip".to_vec());
        assert_eq!(open(&mut not).unwrap_err(), ZipError::NotZip);
    }
}
