//! How an entry's before and after are stored: compressed, losslessly, in one column.
//!
//! The before and after JSON of an entry are most of the log's size (an asset's record is
//! ~700 bytes of mostly Thai UTF-8), and ten years of a busy office's work is a million
//! entries. Each entry's pair is laid out as one byte string ([`framed`]) and compressed with
//! zstd against a dictionary trained on the sample organisation's entries, which knows the
//! field names and the common Thai words; the after half compresses against the before half
//! in the same frame, so an edit costs little more than what it changed. An entry shrinks
//! about eightfold (716 → 83 bytes on average on the sample's 1,408 entries).
//!
//! What the hash chain covers is the JSON text, not the stored bytes: packing changes
//! nothing that is hashed, and [`unpack`] gives back exactly the text that was hashed.
//!
//! The `packing` column says how each entry was stored, so that a later, better dictionary
//! can be added as a new number without touching an entry written before it. A dictionary,
//! once used, is kept in the program forever: without it, entries written with it cannot be
//! read. `crates/core/examples/train_audit_dictionary.rs` trains the next one.

use std::cell::RefCell;
use std::sync::LazyLock;

use zstd::dict::{DecoderDictionary, EncoderDictionary};

use crate::error::{Error, Result};

/// The packing every new entry is written with: zstd with dictionary 1.
pub const CURRENT_PACKING: i64 = 1;

/// Dictionary 1, trained on the 1,408 entries of the sample organisation at schema 15.
const DICTIONARY_1: &[u8] = include_bytes!("../../../../assets/audit/dictionary-1.zdict");

/// The zstd level: 9 packs ~12% smaller than the default 3 and still takes only ~11 µs an
/// entry, which no single change notices (a million entries convert in ~11 s on upgrade).
const LEVEL: i32 = 9;

/// No entry the program writes comes near this; a stored frame claiming more is damaged.
const LARGEST_UNPACKED: usize = 64 * 1024 * 1024;

static ENCODER_1: LazyLock<EncoderDictionary<'static>> =
    LazyLock::new(|| EncoderDictionary::copy(DICTIONARY_1, LEVEL));
static DECODER_1: LazyLock<DecoderDictionary<'static>> =
    LazyLock::new(|| DecoderDictionary::copy(DICTIONARY_1));

thread_local! {
    /// A compressor and a decompressor per thread, made once: setting one up with a
    /// dictionary costs more than packing an entry.
    static COMPRESSOR: RefCell<Option<zstd::bulk::Compressor<'static>>> =
        const { RefCell::new(None) };
    static DECOMPRESSOR: RefCell<Option<zstd::bulk::Decompressor<'static>>> =
        const { RefCell::new(None) };
}

/// The before and after of an entry, as the JSON text that was hashed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    /// The record before the change.
    pub before: Option<String>,
    /// The record after the change.
    pub after: Option<String>,
}

/// The uncompressed layout of an entry's pair: a byte saying which halves are present
/// (bit 0 before, bit 1 after), the before half's length (4 bytes, little-endian), the
/// before half, then the after half. The dictionary is trained on this layout.
pub fn framed(before: Option<&str>, after: Option<&str>) -> Vec<u8> {
    let before_bytes = before.unwrap_or("").as_bytes();
    let after_bytes = after.unwrap_or("").as_bytes();
    let mut out = Vec::with_capacity(5 + before_bytes.len() + after_bytes.len());
    out.push(u8::from(before.is_some()) | (u8::from(after.is_some()) << 1));
    // An entry's JSON is far below 4 GB; saturating keeps a corrupt length detectable.
    out.extend_from_slice(
        &u32::try_from(before_bytes.len())
            .unwrap_or(u32::MAX)
            .to_le_bytes(),
    );
    out.extend_from_slice(before_bytes);
    out.extend_from_slice(after_bytes);
    out
}

/// Reads [`framed`] back.
fn unframed(bytes: &[u8]) -> Option<Changes> {
    let (&flags, rest) = bytes.split_first()?;
    let (length, rest) = rest.split_first_chunk::<4>()?;
    let before_len = usize::try_from(u32::from_le_bytes(*length)).ok()?;
    if flags > 3 || before_len > rest.len() {
        return None;
    }
    let (before, after) = rest.split_at(before_len);
    let text = |present: bool, bytes: &[u8]| -> Option<Option<String>> {
        if present {
            Some(Some(String::from_utf8(bytes.to_vec()).ok()?))
        } else if bytes.is_empty() {
            Some(None)
        } else {
            None
        }
    };
    Some(Changes {
        before: text(flags & 1 != 0, before)?,
        after: text(flags & 2 != 0, after)?,
    })
}

/// Packs an entry's pair with [`CURRENT_PACKING`]: returns the packing and the bytes to store.
pub fn pack(before: Option<&str>, after: Option<&str>) -> Result<(i64, Vec<u8>)> {
    let frame = framed(before, after);
    let packed = COMPRESSOR.with(|cell| -> std::io::Result<Vec<u8>> {
        let mut slot = cell.borrow_mut();
        let compressor = match slot.as_mut() {
            Some(compressor) => compressor,
            None => slot.insert(zstd::bulk::Compressor::with_prepared_dictionary(
                &ENCODER_1,
            )?),
        };
        compressor.compress(&frame)
    });
    let packed = packed.map_err(|e| Error::Internal(format!("packing an audit entry: {e}")))?;
    Ok((CURRENT_PACKING, packed))
}

/// Gives back the pair stored as `bytes` with `packing`, exactly as it was hashed. Damaged
/// bytes or an unknown packing (a file from a newer program) are an error, never a panic.
pub fn unpack(packing: i64, bytes: &[u8]) -> Result<Changes> {
    let damaged = |why: &str| Error::Internal(format!("an audit entry cannot be read: {why}"));
    if packing != CURRENT_PACKING {
        return Err(damaged(&format!("unknown packing {packing}")));
    }
    let size = zstd::zstd_safe::get_frame_content_size(bytes)
        .ok()
        .flatten()
        .and_then(|size| usize::try_from(size).ok())
        .filter(|size| *size <= LARGEST_UNPACKED)
        .ok_or_else(|| damaged("no frame"))?;
    let frame = DECOMPRESSOR.with(|cell| -> std::io::Result<Vec<u8>> {
        let mut slot = cell.borrow_mut();
        let decompressor = match slot.as_mut() {
            Some(decompressor) => decompressor,
            None => slot.insert(zstd::bulk::Decompressor::with_prepared_dictionary(
                &DECODER_1,
            )?),
        };
        decompressor.decompress(bytes, size)
    });
    let frame = frame.map_err(|e| damaged(&e.to_string()))?;
    unframed(&frame).ok_or_else(|| damaged("bad layout"))
}

/// Registers `audit_text(packing, changes)` on a connection: the entry's before and after
/// as one text, for searching the log with `LIKE` (NULL when the bytes cannot be read).
pub(crate) fn register_sql_function(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "audit_text",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let packing: Option<i64> = ctx.get(0)?;
            let bytes: Option<Vec<u8>> = ctx.get(1)?;
            let (Some(packing), Some(bytes)) = (packing, bytes) else {
                return Ok(None);
            };
            Ok(unpack(packing, &bytes).ok().map(|changes| {
                format!(
                    "{} {}",
                    changes.before.unwrap_or_default(),
                    changes.after.unwrap_or_default()
                )
            }))
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(before: Option<&str>, after: Option<&str>) {
        let (packing, bytes) = pack(before, after).unwrap();
        let back = unpack(packing, &bytes).unwrap();
        assert_eq!(back.before.as_deref(), before);
        assert_eq!(back.after.as_deref(), after);
    }

    #[test]
    fn every_shape_of_pair_comes_back_exactly() {
        round_trip(None, None);
        round_trip(Some(""), None);
        round_trip(None, Some(""));
        round_trip(Some(""), Some(""));
        round_trip(None, Some(r#"{"name":"กองช่าง","shortName":"กช."}"#));
        round_trip(
            Some(r#"{"status":"ใช้งานได้"}"#),
            Some(r#"{"status":"ชำรุด"}"#),
        );
        // Not our JSON, escapes and all: packing never reads it, so nothing is normalised.
        round_trip(Some("{ \"a\" : 1.50 }"), Some("\u{0}\\u0e01 ไม่ใช่ JSON"));
    }

    #[test]
    fn an_entry_packs_several_times_smaller() {
        let after = r#"{"id":1,"code":"416-60-0001","name":"เครื่องคอมพิวเตอร์ตั้งโต๊ะ","category":"ครุภัณฑ์คอมพิวเตอร์","divisionId":2,"locationId":3,"status":"in_use","acquiredOn":"2023-01-15","price":"25000.00","fundingSource":"เงินงบประมาณ","custodian":"นายสมชาย ใจดี"}"#;
        let (_, bytes) = pack(None, Some(after)).unwrap();
        assert!(
            bytes.len() * 3 < after.len(),
            "{} of {}",
            bytes.len(),
            after.len()
        );
        // An edit of one field costs little more than the record once.
        let edited = after.replace("in_use", "damaged");
        let (_, both) = pack(Some(after), Some(&edited)).unwrap();
        assert!(
            both.len() < bytes.len() + 40,
            "{} vs {}",
            both.len(),
            bytes.len()
        );
    }

    #[test]
    fn damaged_bytes_and_unknown_packings_are_errors() {
        let (packing, bytes) = pack(None, Some(r#"{"name":"กองคลัง"}"#)).unwrap();
        assert!(unpack(packing + 1, &bytes).is_err());
        assert!(unpack(packing, &[]).is_err());
        assert!(unpack(packing, b"not zstd at all").is_err());
        let mut cut = bytes.clone();
        cut.truncate(bytes.len() / 2);
        assert!(unpack(packing, &cut).is_err());
        let mut flipped = bytes;
        let last = flipped.len() - 1;
        flipped[last] ^= 0xff;
        // Either refused or read as something else; never a panic. (The chain check is what
        // notices a changed entry.)
        let _ = unpack(packing, &flipped);
    }

    #[test]
    fn the_layout_refuses_what_it_did_not_write() {
        assert_eq!(unframed(&[]), None);
        assert_eq!(unframed(&[4, 0, 0, 0, 0]), None);
        assert_eq!(unframed(&[1, 9, 0, 0, 0, b'x']), None);
        // Bytes after a missing after half.
        assert_eq!(unframed(&[1, 0, 0, 0, 0, b'x']), None);
        assert_eq!(
            unframed(&framed(Some("ก"), None)),
            Some(Changes {
                before: Some("ก".into()),
                after: None
            })
        );
    }
}
