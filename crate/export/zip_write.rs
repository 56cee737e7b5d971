//! The ZIP writer: entries streamed in (stored or deflated), ZIP64 records where sizes,
//! offsets or counts need them, data descriptors as streaming writers use them.
//!
//! One writer for everything memport writes as a ZIP: the warm-up's small export
//! ([`super::warm`]), the tests' archives ([`bytes`]) and the synthetic exports of any size
//! (the `memport-synth` crate in `tests/synth/`), so the archives the reader is tested on are
//! made the same way as the one it reads at run time. Deflate and checksums are zlib-rs's, as
//! in the reader ([`super::zip`]).

use std::io::{self, Cursor, Seek, SeekFrom, Write};

use zlib_rs::{Deflate, DeflateFlush, Status};

/// How an entry is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Stored,
    Deflated,
}

/// How an entry's header is written.
#[derive(Clone, Copy, Debug, Default)]
pub struct EntryOpts {
    /// Sizes and CRC in a data descriptor after the data (flag bit 3), as streaming
    /// writers do; otherwise the local header is patched after the data.
    pub descriptor: bool,
    /// The entry may pass 4 GiB: give its local header a ZIP64 field.
    pub large: bool,
}

struct CdEntry {
    name: String,
    method: u16,
    flags: u16,
    crc: u32,
    csize: u64,
    usize: u64,
    offset: u64,
}

struct Current {
    entry: CdEntry,
    deflate: Option<Box<Deflate>>,
    header: u64,
    descriptor: bool,
    zip64: bool,
    out: Vec<u8>,
}

/// A ZIP written as a stream: local headers, data (stored or deflated), central
/// directory, ZIP64 records where sizes, offsets or counts need them (or always, when
/// `force_zip64`). Data goes in through `Write` between [`ZipOut::begin`] and
/// [`ZipOut::end`].
pub struct ZipOut<W: Write + Seek> {
    w: W,
    pos: u64,
    entries: Vec<CdEntry>,
    cur: Option<Current>,
    force_zip64: bool,
    level: i32,
    time: (u16, u16),
}

const U32_MAX: u64 = 0xFFFF_FFFF;

impl<W: Write + Seek> ZipOut<W> {
    /// `time` is the entries' DOS (time, date) fields.
    pub fn new(w: W, level: i32, force_zip64: bool, time: (u16, u16)) -> ZipOut<W> {
        ZipOut {
            w,
            pos: 0,
            entries: Vec::new(),
            cur: None,
            force_zip64,
            level,
            time,
        }
    }

    /// Where the next byte goes.
    pub fn position(&self) -> u64 {
        self.pos
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.w.write_all(bytes)?;
        self.pos += bytes.len() as u64;
        Ok(())
    }

    fn local_header(&mut self, e: &CdEntry, zip64: bool) -> io::Result<()> {
        let mut h = Vec::with_capacity(30 + e.name.len() + 20);
        h.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        h.extend_from_slice(&(if zip64 { 45u16 } else { 20 }).to_le_bytes());
        h.extend_from_slice(&e.flags.to_le_bytes());
        h.extend_from_slice(&e.method.to_le_bytes());
        h.extend_from_slice(&self.time.0.to_le_bytes());
        h.extend_from_slice(&self.time.1.to_le_bytes());
        h.extend_from_slice(&e.crc.to_le_bytes());
        if zip64 {
            h.extend_from_slice(&u32::MAX.to_le_bytes());
            h.extend_from_slice(&u32::MAX.to_le_bytes());
        } else {
            h.extend_from_slice(&(e.csize as u32).to_le_bytes());
            h.extend_from_slice(&(e.usize as u32).to_le_bytes());
        }
        h.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
        h.extend_from_slice(&(if zip64 { 20u16 } else { 0 }).to_le_bytes());
        h.extend_from_slice(e.name.as_bytes());
        if zip64 {
            h.extend_from_slice(&1u16.to_le_bytes());
            h.extend_from_slice(&16u16.to_le_bytes());
            h.extend_from_slice(&e.usize.to_le_bytes());
            h.extend_from_slice(&e.csize.to_le_bytes());
        }
        self.put(&h)
    }

    /// Starts an entry; its data is what is written until [`ZipOut::end`].
    pub fn begin(&mut self, name: &str, method: Method, opts: EntryOpts) -> io::Result<()> {
        if self.cur.is_some() {
            self.end()?;
        }
        let zip64 = opts.large || self.force_zip64;
        let entry = CdEntry {
            name: name.to_string(),
            method: if method == Method::Deflated { 8 } else { 0 },
            flags: 0x0800 | if opts.descriptor { 0x0008 } else { 0 },
            crc: 0,
            csize: 0,
            usize: 0,
            offset: self.pos,
        };
        let header = self.pos;
        self.local_header(&entry, zip64)?;
        self.cur = Some(Current {
            entry,
            deflate: (method == Method::Deflated)
                .then(|| Box::new(Deflate::new(self.level, false, 15))),
            header,
            descriptor: opts.descriptor,
            zip64,
            out: vec![0; 256 * 1024],
        });
        Ok(())
    }

    fn compress(&mut self, mut input: &[u8], flush: DeflateFlush) -> io::Result<()> {
        let ZipOut { w, pos, cur, .. } = self;
        let Some(cur) = cur.as_mut() else {
            return Err(io::Error::other("no ZIP entry begun"));
        };
        let Some(d) = cur.deflate.as_mut() else {
            return Ok(());
        };
        loop {
            let (i0, o0) = (d.total_in(), d.total_out());
            let status = d
                .compress(input, &mut cur.out, flush)
                .map_err(|e| io::Error::other(e.as_str()))?;
            let used = (d.total_in() - i0) as usize;
            let made = (d.total_out() - o0) as usize;
            input = &input[used..];
            w.write_all(&cur.out[..made])?;
            *pos += made as u64;
            cur.entry.csize += made as u64;
            let done = match flush {
                DeflateFlush::Finish => matches!(status, Status::StreamEnd),
                _ => input.is_empty() && made < cur.out.len(),
            };
            if done {
                return Ok(());
            }
        }
    }

    /// Flushes the deflate stream to a byte boundary (all data so far is decodable from
    /// the bytes before the returned position).
    pub fn sync_flush(&mut self) -> io::Result<u64> {
        self.compress(&[], DeflateFlush::SyncFlush)?;
        Ok(self.pos)
    }

    /// Ends the current entry: finishes deflate, writes the descriptor or patches the
    /// local header.
    pub fn end(&mut self) -> io::Result<()> {
        if self.cur.is_none() {
            return Ok(());
        }
        self.compress(&[], DeflateFlush::Finish)?;
        let Some(cur) = self.cur.take() else {
            return Ok(());
        };
        let e = cur.entry;
        if (e.usize >= U32_MAX || e.csize >= U32_MAX) && !cur.zip64 {
            return Err(io::Error::other(format!(
                "{} grew past 4 GiB without a ZIP64 field: mark it large",
                e.name
            )));
        }
        if cur.descriptor {
            let mut d = Vec::with_capacity(24);
            d.extend_from_slice(&0x0807_4b50u32.to_le_bytes());
            d.extend_from_slice(&e.crc.to_le_bytes());
            if cur.zip64 {
                d.extend_from_slice(&e.csize.to_le_bytes());
                d.extend_from_slice(&e.usize.to_le_bytes());
            } else {
                d.extend_from_slice(&(e.csize as u32).to_le_bytes());
                d.extend_from_slice(&(e.usize as u32).to_le_bytes());
            }
            self.put(&d)?;
        } else {
            self.w.seek(SeekFrom::Start(cur.header + 14))?;
            self.w.write_all(&e.crc.to_le_bytes())?;
            if cur.zip64 {
                self.w
                    .seek(SeekFrom::Start(cur.header + 30 + e.name.len() as u64 + 4))?;
                self.w.write_all(&e.usize.to_le_bytes())?;
                self.w.write_all(&e.csize.to_le_bytes())?;
            } else {
                self.w.write_all(&(e.csize as u32).to_le_bytes())?;
                self.w.write_all(&(e.usize as u32).to_le_bytes())?;
            }
            self.w.seek(SeekFrom::Start(self.pos))?;
        }
        self.entries.push(e);
        Ok(())
    }

    /// One whole entry.
    pub fn add(&mut self, name: &str, method: Method, data: &[u8]) -> io::Result<()> {
        self.begin(name, method, EntryOpts::default())?;
        self.write_all(data)?;
        self.end()
    }

    /// An entry written as given, with the encryption flag (bit 0) set: `data` stands for
    /// the ciphertext.
    pub fn add_encrypted(&mut self, name: &str, data: &[u8]) -> io::Result<()> {
        if self.cur.is_some() {
            self.end()?;
        }
        let e = CdEntry {
            name: name.to_string(),
            method: 0,
            flags: 0x0801,
            crc: zlib_rs::crc32::crc32(0, data),
            csize: data.len() as u64,
            usize: data.len() as u64,
            offset: self.pos,
        };
        let zip64 = self.force_zip64;
        self.local_header(&e, zip64)?;
        self.put(data)?;
        self.entries.push(e);
        Ok(())
    }

    /// Writes the central directory and the end records; returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.end()?;
        let cd_start = self.pos;
        let entries = std::mem::take(&mut self.entries);
        for e in &entries {
            let big_u = e.usize >= U32_MAX || self.force_zip64;
            let big_c = e.csize >= U32_MAX || self.force_zip64;
            let big_o = e.offset >= U32_MAX || self.force_zip64;
            let mut extra = Vec::new();
            if big_u || big_c || big_o {
                let mut body = Vec::new();
                if big_u {
                    body.extend_from_slice(&e.usize.to_le_bytes());
                }
                if big_c {
                    body.extend_from_slice(&e.csize.to_le_bytes());
                }
                if big_o {
                    body.extend_from_slice(&e.offset.to_le_bytes());
                }
                extra.extend_from_slice(&1u16.to_le_bytes());
                extra.extend_from_slice(&(body.len() as u16).to_le_bytes());
                extra.extend_from_slice(&body);
            }
            let needed: u16 = if extra.is_empty() { 20 } else { 45 };
            let clamp = |big: bool, v: u64| if big { u32::MAX } else { v as u32 };
            let mut h = Vec::with_capacity(46 + e.name.len() + extra.len());
            h.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            h.extend_from_slice(&(0x0300u16 | 45).to_le_bytes());
            h.extend_from_slice(&needed.to_le_bytes());
            h.extend_from_slice(&e.flags.to_le_bytes());
            h.extend_from_slice(&e.method.to_le_bytes());
            h.extend_from_slice(&self.time.0.to_le_bytes());
            h.extend_from_slice(&self.time.1.to_le_bytes());
            h.extend_from_slice(&e.crc.to_le_bytes());
            h.extend_from_slice(&clamp(big_c, e.csize).to_le_bytes());
            h.extend_from_slice(&clamp(big_u, e.usize).to_le_bytes());
            h.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            h.extend_from_slice(&(extra.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // comment
            h.extend_from_slice(&0u16.to_le_bytes()); // disk
            h.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
            h.extend_from_slice(&(0o100644u32 << 16).to_le_bytes());
            h.extend_from_slice(&clamp(big_o, e.offset).to_le_bytes());
            h.extend_from_slice(e.name.as_bytes());
            h.extend_from_slice(&extra);
            self.put(&h)?;
        }
        let cd_size = self.pos - cd_start;
        let n = entries.len() as u64;
        let zip64 = self.force_zip64 || n >= 0xFFFF || cd_size >= U32_MAX || cd_start >= U32_MAX;
        if zip64 {
            let at = self.pos;
            let mut r = Vec::with_capacity(76);
            r.extend_from_slice(&0x0606_4b50u32.to_le_bytes());
            r.extend_from_slice(&44u64.to_le_bytes());
            r.extend_from_slice(&(0x0300u16 | 45).to_le_bytes());
            r.extend_from_slice(&45u16.to_le_bytes());
            r.extend_from_slice(&0u32.to_le_bytes());
            r.extend_from_slice(&0u32.to_le_bytes());
            r.extend_from_slice(&n.to_le_bytes());
            r.extend_from_slice(&n.to_le_bytes());
            r.extend_from_slice(&cd_size.to_le_bytes());
            r.extend_from_slice(&cd_start.to_le_bytes());
            r.extend_from_slice(&0x0706_4b50u32.to_le_bytes());
            r.extend_from_slice(&0u32.to_le_bytes());
            r.extend_from_slice(&at.to_le_bytes());
            r.extend_from_slice(&1u32.to_le_bytes());
            self.put(&r)?;
        }
        let mut r = Vec::with_capacity(22);
        r.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        r.extend_from_slice(&0u16.to_le_bytes());
        r.extend_from_slice(&0u16.to_le_bytes());
        let count = if zip64 { 0xFFFF } else { n as u16 };
        r.extend_from_slice(&count.to_le_bytes());
        r.extend_from_slice(&count.to_le_bytes());
        let size32 = if zip64 { u32::MAX } else { cd_size as u32 };
        let start32 = if zip64 { u32::MAX } else { cd_start as u32 };
        r.extend_from_slice(&size32.to_le_bytes());
        r.extend_from_slice(&start32.to_le_bytes());
        r.extend_from_slice(&0u16.to_le_bytes());
        self.put(&r)?;
        self.w.flush()?;
        Ok(self.w)
    }
}

impl<W: Write + Seek> Write for ZipOut<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let deflated = {
            let Some(cur) = self.cur.as_mut() else {
                return Err(io::Error::other("no ZIP entry begun"));
            };
            cur.entry.crc = zlib_rs::crc32::crc32(cur.entry.crc, buf);
            cur.entry.usize += buf.len() as u64;
            if cur.deflate.is_none() {
                cur.entry.csize += buf.len() as u64;
            }
            cur.deflate.is_some()
        };
        if deflated {
            self.compress(buf, DeflateFlush::NoFlush)?;
        } else {
            self.put(buf)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
/// A ZIP of `(name, bytes, deflate?)` entries, in memory, dated 1980-01-01 (DOS time zero).
pub fn bytes(files: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut zip = ZipOut::new(Cursor::new(Vec::new()), 6, false, (0, 0x21));
    let written = files.iter().try_for_each(|(name, data, deflate)| {
        let method = if *deflate {
            Method::Deflated
        } else {
            Method::Stored
        };
        zip.add(name, method, data)
    });
    // Writing to memory fails only if deflate does, which it does not on whole input.
    match written.and_then(|()| zip.finish()) {
        Ok(out) => out.into_inner(),
        Err(_) => Vec::new(),
    }
}
