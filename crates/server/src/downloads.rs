//! Files produced for a network client, kept briefly for it to download.
//!
//! A printout over the network is the same PDF the desktop saves; the browser fetches it
//! from a random link that only the session's own user may open, once or more within a
//! few minutes, after which it is forgotten. Nothing is written to the host's disk.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use phatsadu_core::Actor;
use rand_core::{OsRng, RngCore};

/// How long a produced file waits for its download.
const KEEP_FOR: Duration = Duration::from_secs(10 * 60);

/// Files at most kept at once (the oldest go first): a bound on the host's memory.
const MAX_KEPT: usize = 64;

/// One kept file.
#[derive(Clone)]
pub struct Kept {
    /// Who may fetch it.
    pub owner: Actor,
    /// The name it downloads as.
    pub file_name: String,
    /// Its bytes.
    pub bytes: Arc<Vec<u8>>,
    made: Instant,
}

/// The kept files, by link token.
#[derive(Default)]
pub struct Downloads {
    files: Mutex<HashMap<String, Kept>>,
}

impl Downloads {
    /// Keeps `bytes` for `owner` and returns the link to fetch them from.
    pub fn keep(&self, owner: Actor, file_name: &str, bytes: Arc<Vec<u8>>) -> String {
        let mut token = [0u8; 24];
        OsRng.fill_bytes(&mut token);
        let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(token);
        let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        files.retain(|_, kept| kept.made.elapsed() < KEEP_FOR);
        while files.len() >= MAX_KEPT {
            let oldest = files
                .iter()
                .min_by_key(|(_, kept)| kept.made)
                .map(|(token, _)| token.clone());
            match oldest {
                Some(token) => files.remove(&token),
                None => break,
            };
        }
        files.insert(
            token.clone(),
            Kept {
                owner,
                file_name: file_name.to_owned(),
                bytes,
                made: Instant::now(),
            },
        );
        format!("/api/v1/files/{token}")
    }

    /// The file behind `token`, if it is still kept and `who` made it.
    pub fn fetch(&self, token: &str, who: &Actor) -> Option<Kept> {
        let files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        files
            .get(token)
            .filter(|kept| kept.made.elapsed() < KEEP_FOR && &kept.owner == who)
            .cloned()
    }
}
