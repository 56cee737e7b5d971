//! Faults for any kind: an empty file and a ZIP that is no export.

use std::fs::{self};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use memport::export::zip_write::{Method, ZipOut};

use crate::*;

pub(crate) fn empty(opts: &Options, out: &Path) -> io::Result<Written> {
    let path = if opts.kind == ExportKind::ClaudeCurrent {
        fs::create_dir_all(out)?;
        out.join("conversations-000.zip")
    } else {
        out.to_path_buf()
    };
    create(&path)?.flush()?;
    Ok(Written {
        files: vec![path],
        truth_path: PathBuf::new(),
        truth: Vec::new(),
        json_bytes: 0,
        conversations: 0,
    })
}

pub(crate) fn not_export(opts: &Options, out: &Path) -> io::Result<Written> {
    let path = if opts.kind == ExportKind::ClaudeCurrent {
        fs::create_dir_all(out)?;
        out.join("photos-000.zip")
    } else {
        out.to_path_buf()
    };
    let mut r = Rng::new(opts.seed);
    let mut zip = ZipOut::new(create(&path)?, opts.level, opts.zip64, dos_time(T_END));
    zip.add(
        "README.txt",
        Method::Deflated,
        b"Holiday photos 2024. Remember to back these up!\n",
    )?;
    let mut jpg = b"\xff\xd8\xff\xe0\0\x10JFIF\0".to_vec();
    for _ in 0..4096 {
        jpg.push(r.next_u64() as u8);
    }
    zip.add("photos/IMG_0001.jpg", Method::Stored, &jpg)?;
    zip.add(
        "data.json",
        Method::Deflated,
        b"{\"items\":[{\"title\":\"Prompted remember my name\",\"mapping\":null}],\"name\":\"not an export\"}",
    )?;
    zip.add(
        "notes/conversations.txt",
        Method::Deflated,
        b"recipient: bio\nLives in Atlantis.\n",
    )?;
    zip.finish()?;
    Ok(Written {
        files: vec![path],
        truth_path: PathBuf::new(),
        truth: Vec::new(),
        json_bytes: 0,
        conversations: 0,
    })
}
