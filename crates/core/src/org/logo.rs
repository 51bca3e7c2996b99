//! The organisation's emblem (ตราสัญลักษณ์), printed at the head of its forms.
//!
//! An upload is decoded like a photo (JPEG, PNG or WebP, turned upright), scaled down so
//! that its longest side is at most [`MAX_SIDE`] pixels — 600 px is 300 dpi at the 5 cm
//! a form ever prints it — and stored as PNG so that a transparent background stays
//! transparent on the page.

use std::io::Cursor;

use base64::Engine;
use image::ImageFormat;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assets::photos::{decode_upload, fit_within};
use crate::audit::Event;
use crate::auth::Permission;
use crate::error::{Error, Result};
use crate::register::{Actor, Register};
use crate::text;

/// Longest side of the stored logo, in pixels.
pub const MAX_SIDE: u32 = 600;

/// A logo to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewLogo {
    /// The file's name (for people).
    pub file_name: String,
    /// The file's bytes, base64-encoded.
    pub data_base64: String,
}

/// The stored logo, without its pixels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogoInfo {
    /// The file it was uploaded as.
    pub file_name: String,
    /// Stored width in pixels.
    pub width: u32,
    /// Stored height in pixels.
    pub height: u32,
    /// When it was stored (UTC).
    pub updated_at: String,
}

/// The logo as pixels, for printing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Eight-bit RGBA, row by row from the top.
    pub rgba: Vec<u8>,
}

impl LogoImage {
    /// Height over width, to size it on a page.
    pub fn aspect(&self) -> f32 {
        self.height as f32 / self.width.max(1) as f32
    }
}

impl Register {
    /// Stores (or replaces) the organisation's logo.
    pub fn set_logo(&self, actor: &Actor, input: &NewLogo) -> Result<LogoInfo> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(input.data_base64.trim())
            .map_err(|_| Error::invalid("logo", "the file could not be read"))?;
        // Decoding and scaling take a while: do it before taking the write lock.
        let image = fit_within(decode_upload(&bytes, "logo")?, MAX_SIDE);
        let mut png = Vec::new();
        image
            .to_rgba8()
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .map_err(|e| Error::Internal(format!("png encoding: {e}")))?;
        self.change(actor, Some(Permission::ManageOrganisation), |change| {
            let name = text::optional("fileName", &input.file_name, 200)?;
            let before = info(change)?;
            change.execute(
                "INSERT INTO organisation_logo (id, file_name, image, width, height, updated_at)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET file_name = excluded.file_name,
                     image = excluded.image, width = excluded.width,
                     height = excluded.height, updated_at = excluded.updated_at",
                params![name, png, image.width(), image.height(), change.stamp()],
            )?;
            let after = info(change)?.ok_or_else(|| Error::Internal("logo not stored".into()))?;
            let event = Event::new("organisation.logo_set", "organisation", 1).after(&after);
            change.record(match before {
                Some(before) => event.before(&before),
                None => event,
            })?;
            Ok(after)
        })
    }

    /// Removes the logo; forms print without one.
    pub fn remove_logo(&self, actor: &Actor) -> Result<()> {
        self.change(actor, Some(Permission::ManageOrganisation), |change| {
            let Some(before) = info(change)? else {
                return Ok(());
            };
            change.execute("DELETE FROM organisation_logo", [])?;
            change.record(Event::new("organisation.logo_remove", "organisation", 1).before(&before))
        })
    }

    /// What is stored, if anything (any logged-in user).
    pub fn logo_info(&self, actor: &Actor) -> Result<Option<LogoInfo>> {
        self.read(actor, None, |conn, _| info(conn))
    }

    /// The logo as a PNG data URL for the settings page, if one is stored.
    pub fn logo_data_url(&self, actor: &Actor) -> Result<Option<String>> {
        self.read(actor, None, |conn, _| {
            Ok(png(conn)?.map(|bytes| {
                format!(
                    "data:image/png;base64,{}",
                    base64::engine::general_purpose::STANDARD.encode(bytes)
                )
            }))
        })
    }

    /// The logo's pixels for printing, if one is stored.
    pub fn logo_image(&self, actor: &Actor) -> Result<Option<LogoImage>> {
        self.read(actor, None, |conn, _| {
            let Some(bytes) = png(conn)? else {
                return Ok(None);
            };
            let image = image::load_from_memory_with_format(&bytes, ImageFormat::Png)
                .map_err(|e| Error::Internal(format!("stored logo: {e}")))?
                .to_rgba8();
            Ok(Some(LogoImage {
                width: image.width(),
                height: image.height(),
                rgba: image.into_raw(),
            }))
        })
    }
}

fn info(conn: &Connection) -> Result<Option<LogoInfo>> {
    Ok(conn
        .query_row(
            "SELECT file_name, width, height, updated_at FROM organisation_logo WHERE id = 1",
            [],
            |r| {
                Ok(LogoInfo {
                    file_name: r.get(0)?,
                    width: r.get(1)?,
                    height: r.get(2)?,
                    updated_at: r.get(3)?,
                })
            },
        )
        .optional()?)
}

fn png(conn: &Connection) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .query_row(
            "SELECT image FROM organisation_logo WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use image::{Rgba, RgbaImage};

    use super::*;
    use crate::auth::Role;
    use crate::testing;

    fn png_base64(width: u32, height: u32) -> String {
        // A red disc on a transparent square: the corners must stay transparent.
        let image = RgbaImage::from_fn(width, height, |x, y| {
            let (dx, dy) = (
                x as f32 - width as f32 / 2.0,
                y as f32 - height as f32 / 2.0,
            );
            if dx * dx + dy * dy < (width.min(height) as f32 / 2.0).powi(2) {
                Rgba([200, 0, 0, 255])
            } else {
                Rgba([0, 0, 0, 0])
            }
        });
        let mut bytes = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
            .unwrap();
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    #[test]
    fn a_large_logo_is_stored_scaled_down_with_its_transparency() {
        let (register, _clock, admin) = testing::set_up();
        let input = NewLogo {
            file_name: "ตรา อบต.png".into(),
            data_base64: png_base64(1800, 1200),
        };
        let stored = register.set_logo(&admin, &input).unwrap();
        assert_eq!((stored.width, stored.height), (600, 400));
        let image = register.logo_image(&admin).unwrap().unwrap();
        assert_eq!((image.width, image.height), (600, 400));
        assert_eq!(image.rgba.len(), 600 * 400 * 4);
        assert_eq!(image.rgba[3], 0, "the corner stays transparent");
        let centre = ((200 * 600 + 300) * 4) as usize;
        assert_eq!(&image.rgba[centre..centre + 4], &[200, 0, 0, 255]);
        assert!((image.aspect() - 2.0 / 3.0).abs() < 1e-6);
        let url = register.logo_data_url(&admin).unwrap().unwrap();
        assert!(url.starts_with("data:image/png;base64,"), "{url:.40}");
    }

    #[test]
    fn only_an_administrator_sets_the_logo_and_a_bad_file_changes_nothing() {
        let (register, _clock, admin) = testing::set_up();
        let officer = testing::user_with(&register, &admin, "officer", Role::SuppliesOfficer);
        let good = NewLogo {
            file_name: "logo.png".into(),
            data_base64: png_base64(100, 100),
        };
        assert!(matches!(
            register.set_logo(&officer, &good),
            Err(Error::PermissionDenied { .. })
        ));
        assert_eq!(register.logo_info(&officer).unwrap(), None);
        let first = register.set_logo(&admin, &good).unwrap();
        let entries = testing::audit_count(&register);
        for data in [
            "not base64 at all!".to_owned(),
            base64::engine::general_purpose::STANDARD.encode(b"%PDF-1.7 not an image"),
        ] {
            let bad = NewLogo {
                file_name: "bad.png".into(),
                data_base64: data,
            };
            let err = register.set_logo(&admin, &bad).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidValue { field, .. } if field == "logo"),
                "{err:?}"
            );
        }
        assert_eq!(register.logo_info(&admin).unwrap(), Some(first));
        assert_eq!(testing::audit_count(&register), entries);
        register.remove_logo(&admin).unwrap();
        assert_eq!(register.logo_info(&admin).unwrap(), None);
        assert_eq!(register.logo_image(&admin).unwrap(), None);
        assert_eq!(testing::audit_count(&register), entries + 1);
        // Removing nothing records nothing.
        register.remove_logo(&admin).unwrap();
        assert_eq!(testing::audit_count(&register), entries + 1);
    }
}
