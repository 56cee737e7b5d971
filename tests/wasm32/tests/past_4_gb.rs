//! The export reader past 4 GB where `usize` is 32 bits, as in the extension's WebAssembly:
//! a ZIP64 whose entry starts beyond 4 GB and is itself larger than 4 GB. Every offset and
//! size must be compared and added in `u64` and cast to `usize` only once it fits a buffer;
//! a cast made earlier wraps here (natively it cannot, so these run on wasm32 only).
//!
//! The file is sparse: a `Source` of some 10 GB that holds the ZIP's structures at their
//! offsets and zeros between them, so nothing of that size is ever in memory.
#![cfg(target_arch = "wasm32")]

use memport::export::zip::{self, Flow, PIECE};
use memport::export::Source;
use wasm_bindgen_test::wasm_bindgen_test;

const GB: u64 = 1 << 30;

/// A file of `len` bytes, zeros but for `parts` at their offsets.
struct Sparse {
    len: u64,
    parts: Vec<(u64, Vec<u8>)>,
}

impl Source for Sparse {
    fn name(&self) -> &str {
        "past-4-gb.zip"
    }

    fn len(&self) -> u64 {
        self.len
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> Result<usize, String> {
        if offset >= self.len {
            return Ok(0);
        }
        let n = (self.len - offset).min(buf.len() as u64) as usize;
        let out = &mut buf[..n];
        out.fill(0);
        let end = offset + n as u64;
        for (start, bytes) in &self.parts {
            let stop = start + bytes.len() as u64;
            if *start < end && stop > offset {
                let from = offset.max(*start);
                let to = end.min(stop);
                let src = (from - start) as usize..(to - start) as usize;
                let dst = (from - offset) as usize..(to - offset) as usize;
                out[dst].copy_from_slice(&bytes[src]);
            }
        }
        Ok(n)
    }
}

const NAME: &[u8] = b"conversations.json";
/// Where the entry's local header starts, and how large it is (stored, so both sizes).
const HEADER_AT: u64 = 5 * GB + 7;
const SIZE: u64 = 4 * GB + 11;
/// What the entry starts with; the rest is zeros.
const HEAD: &[u8] = b"[{\"title\": \"past four gigabytes\"}]";

/// A 32-bit field that says "see the ZIP64 extra field".
const FULL: u64 = 0xFFFF_FFFF;

/// `fields` little-endian, each `(width in bytes, value)`.
fn le(fields: &[(usize, u64)]) -> Vec<u8> {
    fields
        .iter()
        .flat_map(|&(width, value)| value.to_le_bytes()[..width].to_vec())
        .collect()
}

/// The ZIP64: one stored entry of [`SIZE`] bytes whose header is at [`HEADER_AT`], then its
/// table of contents, the ZIP64 end record and locator, and the end record.
// A byte layout, one header per line or two: kept as written.
#[rustfmt::skip]
fn archive() -> Sparse {
    // The local header (version, flags, method, time, date, CRC, the sizes in full, the name's
    // and the extra field's lengths), its name, and the ZIP64 extra field with both sizes.
    let mut local = b"PK\x03\x04".to_vec();
    local.extend(le(&[(2, 45), (2, 0), (2, 0), (2, 0), (2, 0), (4, 0), (4, FULL), (4, FULL)]));
    local.extend(le(&[(2, NAME.len() as u64), (2, 20)]));
    local.extend(NAME);
    local.extend(le(&[(2, 1), (2, 16), (8, SIZE), (8, SIZE)]));
    let data_at = HEADER_AT + local.len() as u64;
    // The table of contents: versions, flags, method, time, date, CRC (none given: 0 would
    // not match, and the test stops before the end, where it is checked), sizes in full, the
    // lengths, disk, attributes and the header's offset in full; then the name, and the
    // ZIP64 extra field with both sizes and the offset.
    let mut central = b"PK\x01\x02".to_vec();
    central.extend(le(&[(2, 45), (2, 45), (2, 0), (2, 0), (2, 0), (2, 0), (4, 0)]));
    central.extend(le(&[(4, FULL), (4, FULL), (2, NAME.len() as u64), (2, 28), (2, 0)]));
    central.extend(le(&[(2, 0), (2, 0), (4, 0), (4, FULL)]));
    central.extend(NAME);
    central.extend(le(&[(2, 1), (2, 24), (8, SIZE), (8, SIZE), (8, HEADER_AT)]));
    let cd_at = data_at + SIZE;
    let record_at = cd_at + central.len() as u64;
    // The ZIP64 end record (its size, versions, disks, entries, the table's size and offset),
    // its locator, and the end record with every field in full.
    let mut record = b"PK\x06\x06".to_vec();
    record.extend(le(&[(8, 44), (2, 45), (2, 45), (4, 0), (4, 0), (8, 1), (8, 1)]));
    record.extend(le(&[(8, central.len() as u64), (8, cd_at)]));
    let mut locator = b"PK\x06\x07".to_vec();
    locator.extend(le(&[(4, 0), (8, record_at), (4, 1)]));
    let mut end = b"PK\x05\x06".to_vec();
    end.extend(le(&[(2, 0), (2, 0), (2, 0xFFFF), (2, 0xFFFF), (4, FULL), (4, FULL), (2, 0)]));
    let locator_at = record_at + record.len() as u64;
    let end_at = locator_at + locator.len() as u64;
    Sparse {
        len: end_at + end.len() as u64,
        parts: vec![
            (HEADER_AT, local),
            (data_at, HEAD.to_vec()),
            (cd_at, central),
            (record_at, record),
            (locator_at, locator),
            (end_at, end),
        ],
    }
}

#[wasm_bindgen_test]
fn the_table_of_contents_past_4_gb_names_the_entry_where_it_is() {
    let mut src = archive();
    let archive = zip::open(&mut src).expect("the ZIP64 opens");
    assert!(!archive.truncated);
    let [entry] = &archive.entries[..] else {
        panic!("one entry: {:?}", archive.entries);
    };
    assert_eq!(entry.name, "conversations.json");
    assert_eq!(entry.header_offset, HEADER_AT);
    assert_eq!((entry.size, entry.compressed), (Some(SIZE), Some(SIZE)));
    let data_at = zip::data_offset(&mut src, entry).expect("its header is where it says");
    assert_eq!(data_at, HEADER_AT + 30 + NAME.len() as u64 + 20);
}

#[wasm_bindgen_test]
fn an_entry_larger_than_4_gb_is_read_in_whole_pieces_from_its_start() {
    let mut src = archive();
    let archive = zip::open(&mut src).expect("the ZIP64 opens");
    let entry = &archive.entries[0];
    let mut pieces: Vec<Vec<u8>> = Vec::new();
    let mut read_so_far = 0;
    zip::stream(
        &mut src,
        entry,
        &mut |piece| {
            pieces.push(piece.to_vec());
            if pieces.len() == 2 {
                Flow::Stop
            } else {
                Flow::Continue
            }
        },
        &mut |n| read_so_far = n,
    )
    .expect("the first pieces read");
    // A size cast to 32 bits first would be 11 bytes: one short piece, and the end.
    assert_eq!(
        pieces.iter().map(Vec::len).collect::<Vec<_>>(),
        [PIECE, PIECE]
    );
    assert!(
        pieces[0].starts_with(HEAD),
        "the entry's own bytes, from its start"
    );
    assert_eq!(read_so_far, 2 * PIECE as u64);
}

#[wasm_bindgen_test]
fn reading_exactly_at_an_offset_past_4_gb() {
    let mut src = archive();
    let data_at = HEADER_AT + 30 + NAME.len() as u64 + 20;
    let got = zip::read_exact_at(&mut src, data_at, HEAD.len()).expect("read");
    assert_eq!(got, HEAD);
    // Past the end: only what is there.
    let len = src.len();
    assert_eq!(
        zip::read_exact_at(&mut src, len - 3, 10)
            .expect("read")
            .len(),
        3
    );
}
