//! Photos of an asset, kept inside the register file so one backup holds everything.
//!
//! An upload is decoded, turned upright (phones record rotation in EXIF), scaled down so
//! its longest side is at most 1600 px, and stored as JPEG with a 240 px thumbnail. JPEG,
//! PNG and WebP are read; HEIC (iPhones' default) needs a patent-encumbered codec that we
//! do not ship, so it is refused with a message asking for JPEG.

use std::io::Cursor;

use base64::Engine;
use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::records;
use super::status::AssetStatus;
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::ids::{AssetId, PhotoId};
use crate::register::{Actor, Register};
use crate::text;

/// Largest upload accepted.
pub const MAX_UPLOAD_BYTES: usize = 30 * 1024 * 1024;
/// Longest side of a stored photo.
const MAX_SIDE: u32 = 1600;
/// Longest side of a thumbnail.
const THUMB_SIDE: u32 = 240;
/// Most photos per asset.
const MAX_PER_ASSET: i64 = 20;

/// A stored photo, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhotoInfo {
    /// Id.
    pub id: PhotoId,
    /// The file name it was uploaded as.
    pub file_name: String,
    /// Stored width in pixels.
    pub width: u32,
    /// Stored height in pixels.
    pub height: u32,
    /// When it was added (UTC).
    pub added_at: String,
}

/// A photo to attach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewPhoto {
    /// Which asset.
    pub asset_id: AssetId,
    /// The file's name (for people).
    pub file_name: String,
    /// The file's bytes, base64-encoded.
    pub data_base64: String,
}

/// Which photo to show, and at what size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhotoRequest {
    /// The photo.
    pub id: PhotoId,
    /// The stored image (true) or its thumbnail (false).
    pub full: bool,
}

/// The stored forms of one upload.
struct Processed {
    image: Vec<u8>,
    thumbnail: Vec<u8>,
    width: u32,
    height: u32,
}

fn encode_jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let rgb = image.to_rgb8();
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&rgb)
        .map_err(|e| Error::Internal(format!("jpeg encoding: {e}")))?;
    Ok(out)
}

/// Decodes an uploaded image and turns it upright, refusing (under `field`) files that
/// are too large, HEIC, or not an image. Shared by photos and the organisation's logo.
pub(crate) fn decode_upload(bytes: &[u8], field: &str) -> Result<DynamicImage> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(Error::invalid(
            field,
            format!("larger than {} MB", MAX_UPLOAD_BYTES / 1024 / 1024),
        ));
    }
    if bytes.len() > 12
        && &bytes[4..8] == b"ftyp"
        && (bytes[8..12] == *b"heic" || bytes[8..12] == *b"heix" || bytes[8..12] == *b"mif1")
    {
        return Err(Error::invalid(
            field,
            "HEIC photos are not supported; save it as JPEG",
        ));
    }
    let unreadable = |e: image::ImageError| {
        Error::invalid(field, format!("not a JPEG, PNG or WebP image ({e})"))
    };
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Error::invalid(field, e.to_string()))?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    let orientation = decoder.orientation().map_err(unreadable)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// `image` scaled down so that its longest side is at most `side` pixels.
pub(crate) fn fit_within(image: DynamicImage, side: u32) -> DynamicImage {
    if image.width().max(image.height()) > side {
        image.resize(side, side, image::imageops::FilterType::Triangle)
    } else {
        image
    }
}

/// Decodes, rotates upright, scales down and re-encodes an upload.
fn process(bytes: &[u8]) -> Result<Processed> {
    let stored = fit_within(decode_upload(bytes, "photo")?, MAX_SIDE);
    let thumbnail = stored.thumbnail(THUMB_SIDE, THUMB_SIDE);
    Ok(Processed {
        image: encode_jpeg(&stored, 85)?,
        thumbnail: encode_jpeg(&thumbnail, 80)?,
        width: stored.width(),
        height: stored.height(),
    })
}

impl Register {
    /// Attaches a photo to an asset.
    pub fn add_photo(&self, actor: &Actor, input: &NewPhoto) -> Result<PhotoInfo> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(input.data_base64.trim())
            .map_err(|_| Error::invalid("photo", "the file could not be read"))?;
        // Decoding and scaling take a while: do it before taking the write lock.
        let processed = process(&bytes)?;
        self.change(actor, Some(Permission::ManageRegister), |change| {
            let asset = records::load(change, input.asset_id)?;
            if asset.status == AssetStatus::Disposed {
                return Err(Error::invalid("status", "a disposed asset is read-only"));
            }
            let count: i64 = change.query_row(
                "SELECT count(*) FROM asset_photos WHERE asset_id = ?1",
                [input.asset_id],
                |r| r.get(0),
            )?;
            if count >= MAX_PER_ASSET {
                return Err(Error::invalid(
                    "photos",
                    format!("at most {MAX_PER_ASSET} photos per asset"),
                ));
            }
            let name = text::optional("fileName", &input.file_name, 200)?;
            change.execute(
                "INSERT INTO asset_photos (asset_id, file_name, image, thumbnail, width, height, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    input.asset_id,
                    name,
                    processed.image,
                    processed.thumbnail,
                    processed.width,
                    processed.height,
                    change.stamp()
                ],
            )?;
            let photo = load(change, PhotoId(change.last_insert_rowid()))?;
            change.record(Event::new("asset.photo_add", "asset", input.asset_id).after(&photo))?;
            Ok(photo)
        })
    }

    /// Removes a photo.
    pub fn remove_photo(&self, actor: &Actor, id: PhotoId) -> Result<()> {
        self.change(actor, Some(Permission::ManageRegister), |change| {
            let photo = load(change, id)?;
            let asset: AssetId = change.query_row(
                "SELECT asset_id FROM asset_photos WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            // A disposed item's record, photos included, is kept as it was.
            if records::load(change, asset)?.status == AssetStatus::Disposed {
                return Err(Error::invalid("status", "a disposed asset is read-only"));
            }
            change.execute("DELETE FROM asset_photos WHERE id = ?1", [id])?;
            change.record(Event::new("asset.photo_remove", "asset", asset).before(&photo))
        })
    }

    /// A photo as a JPEG data URL: the thumbnail, or the stored image when `full`.
    pub fn photo_data_url(&self, actor: &Actor, request: &PhotoRequest) -> Result<String> {
        let id = request.id;
        self.read(actor, Some(Permission::ViewRegister), |conn, _| {
            let column = if request.full { "image" } else { "thumbnail" };
            let bytes: Vec<u8> = conn
                .query_row(
                    &format!("SELECT {column} FROM asset_photos WHERE id = ?1"),
                    [id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| Error::not_found("photo", id))?;
            Ok(format!(
                "data:image/jpeg;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(bytes)
            ))
        })
    }
}

fn load(conn: &Connection, id: PhotoId) -> Result<PhotoInfo> {
    conn.query_row(
        "SELECT id, file_name, width, height, added_at FROM asset_photos WHERE id = ?1",
        [id],
        photo_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("photo", id))
}

fn photo_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PhotoInfo> {
    Ok(PhotoInfo {
        id: r.get(0)?,
        file_name: r.get(1)?,
        width: r.get(2)?,
        height: r.get(3)?,
        added_at: r.get(4)?,
    })
}

/// An asset's photos, oldest first.
pub(crate) fn list(conn: &Connection, asset: AssetId) -> Result<Vec<PhotoInfo>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, file_name, width, height, added_at FROM asset_photos WHERE asset_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([asset], photo_from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(image)
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn large_photos_are_scaled_down_with_a_thumbnail() {
        let processed = process(&png(4000, 3000)).unwrap();
        assert_eq!((processed.width, processed.height), (1600, 1200));
        let thumb = image::load_from_memory(&processed.thumbnail).unwrap();
        assert_eq!(thumb.width().max(thumb.height()), 240);
        assert!(processed.image.starts_with(&[0xFF, 0xD8]), "stored as JPEG");
    }

    #[test]
    fn small_photos_keep_their_size() {
        let processed = process(&png(800, 600)).unwrap();
        assert_eq!((processed.width, processed.height), (800, 600));
    }

    #[test]
    fn unreadable_and_heic_files_are_refused_by_field() {
        let err = process(b"this is not an image").err().unwrap();
        assert_eq!(err.details()["field"], "photo");
        let mut heic = vec![0, 0, 0, 24];
        heic.extend_from_slice(b"ftypheic");
        heic.extend_from_slice(&[0; 16]);
        let err = process(&heic).err().unwrap();
        assert!(err.to_string().contains("HEIC"));
    }
}
