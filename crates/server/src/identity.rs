//! The host's TLS identity: a self-signed certificate made once and kept.
//!
//! An office has no certificate authority and no public name, so the host makes its own
//! certificate the first time it serves and keeps it in `network/` of its data folder. A
//! browser asks once whether to trust it; the person compares the fingerprint the host's
//! screen shows (read aloud in short groups) and accepts. The desktop client pins the
//! same fingerprint. Keeping the certificate is what makes that comparison mean something:
//! a host that made a new one at every start would teach people to click through.

use std::fs;
use std::path::{Path, PathBuf};

use rcgen::{CertificateParams, DistinguishedName, DnType, KeyPair, SanType};
use sha2::{Digest, Sha256};

use crate::ServerError;

/// The certificate and key the host serves with.
#[derive(Clone)]
pub struct HostIdentity {
    /// The certificate, DER.
    pub cert_der: Vec<u8>,
    /// Its private key, PKCS#8 DER.
    pub key_der: Vec<u8>,
}

impl std::fmt::Debug for HostIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the key.
        f.debug_struct("HostIdentity")
            .field("fingerprint", &self.fingerprint())
            .finish_non_exhaustive()
    }
}

impl HostIdentity {
    /// Where the certificate lives in a data folder.
    pub fn folder(data_root: &Path) -> PathBuf {
        data_root.join("network")
    }

    /// Loads the kept certificate, or makes one (for `names`: host names and addresses
    /// to put in it) and keeps it. The key file is readable by its owner only.
    pub fn load_or_create(data_root: &Path, names: &[String]) -> Result<Self, ServerError> {
        let dir = Self::folder(data_root);
        let (cert_path, key_path) = (dir.join("host-cert.pem"), dir.join("host-key.pem"));
        if cert_path.exists() && key_path.exists() {
            return Self::load(&cert_path, &key_path);
        }
        let identity = Self::generate(names)?;
        fs::create_dir_all(&dir).map_err(|e| ServerError::io(&dir, e))?;
        let cert_pem = pem_block("CERTIFICATE", &identity.cert_der);
        let key_pem = pem_block("PRIVATE KEY", &identity.key_der);
        write_private(&key_path, key_pem.as_bytes())?;
        fs::write(&cert_path, cert_pem).map_err(|e| ServerError::io(&cert_path, e))?;
        Ok(identity)
    }

    /// A fresh self-signed certificate for `names` (DNS names or IP addresses).
    pub fn generate(names: &[String]) -> Result<Self, ServerError> {
        let key = KeyPair::generate().map_err(ServerError::tls)?;
        let mut params = CertificateParams::default();
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, "Phatsadu office host");
        dn.push(DnType::OrganizationName, "Phatsadu");
        params.distinguished_name = dn;
        params.not_before = rcgen::date_time_ymd(2025, 1, 1);
        params.not_after = rcgen::date_time_ymd(2045, 1, 1);
        let mut sans = vec![SanType::DnsName(
            "localhost".try_into().map_err(ServerError::tls)?,
        )];
        for name in names {
            if let Ok(ip) = name.parse() {
                sans.push(SanType::IpAddress(ip));
            } else if let Ok(dns) = name.as_str().try_into() {
                sans.push(SanType::DnsName(dns));
            }
        }
        params.subject_alt_names = sans;
        let cert = params.self_signed(&key).map_err(ServerError::tls)?;
        Ok(Self {
            cert_der: cert.der().to_vec(),
            key_der: key.serialize_der(),
        })
    }

    fn load(cert_path: &Path, key_path: &Path) -> Result<Self, ServerError> {
        let cert_pem = fs::read(cert_path).map_err(|e| ServerError::io(cert_path, e))?;
        let key_pem = fs::read(key_path).map_err(|e| ServerError::io(key_path, e))?;
        let cert_der = rustls_pemfile::certs(&mut cert_pem.as_slice())
            .next()
            .and_then(Result::ok)
            .ok_or_else(|| {
                ServerError::Tls(format!("{} holds no certificate", cert_path.display()))
            })?
            .to_vec();
        let key_der = rustls_pemfile::private_key(&mut key_pem.as_slice())
            .ok()
            .flatten()
            .ok_or_else(|| ServerError::Tls(format!("{} holds no key", key_path.display())))?
            .secret_der()
            .to_vec();
        Ok(Self { cert_der, key_der })
    }

    /// SHA-256 of the certificate, hex, lower case: what a client pins.
    pub fn fingerprint(&self) -> String {
        fingerprint_of(&self.cert_der)
    }

    /// The fingerprint in groups of four, to read aloud and compare by eye.
    pub fn fingerprint_groups(&self) -> String {
        group_fingerprint(&self.fingerprint())
    }

    /// The rustls configuration serving this identity (TLS 1.2 and 1.3, HTTP/1.1).
    pub fn tls_config(&self) -> Result<rustls::ServerConfig, ServerError> {
        let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(ServerError::tls)?
            .with_no_client_auth()
            .with_single_cert(
                vec![self.cert_der.clone().into()],
                rustls::pki_types::PrivateKeyDer::Pkcs8(self.key_der.clone().into()),
            )
            .map_err(ServerError::tls)?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(config)
    }
}

/// SHA-256 of a DER certificate, hex.
pub fn fingerprint_of(cert_der: &[u8]) -> String {
    hex::encode(Sha256::digest(cert_der))
}

/// `ab12cd34…` as `AB12 CD34 …`.
pub fn group_fingerprint(hex: &str) -> String {
    hex.to_uppercase()
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn pem_block(label: &str, der: &[u8]) -> String {
    use base64::Engine;
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in body.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// Writes a file only its owner can read (the private key).
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), ServerError> {
    #[cfg(unix)]
    {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| ServerError::io(path, e))?;
        file.write_all(bytes).map_err(|e| ServerError::io(path, e))
    }
    #[cfg(not(unix))]
    {
        fs::write(path, bytes).map_err(|e| ServerError::io(path, e))
    }
}
