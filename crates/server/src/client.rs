//! A client of the office host: the desktop app connected to the office register, the
//! tests and the load benchmark all speak to the host through this.
//!
//! The host's certificate is self-signed, so no authority vouches for it. Instead the
//! client pins it: the first contact reports the fingerprint for a person to compare
//! with the host's screen ([`HostClient::first_contact`]); from then on only that exact
//! certificate is accepted, and a changed one is refused ([`ClientError::CertificateChanged`])
//! until an administrator pairs again.

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper::{Request, StatusCode, header};
use hyper_util::rt::TokioIo;
use phatsadu_api::ApiError;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

use crate::identity::fingerprint_of;
use crate::routes::{API_HEADER, COOKIE};

/// Why a call to the host did not get an answer from it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClientError {
    /// The host could not be reached (off, another network, a firewall).
    #[error("the host {0} could not be reached: {1}")]
    Unreachable(String, String),
    /// The host's certificate is not the one paired with.
    #[error("the host's certificate changed (expected {expected}, got {found})")]
    CertificateChanged {
        /// The pinned fingerprint.
        expected: String,
        /// The one presented.
        found: String,
    },
    /// The host answered with an error.
    #[error("{}: {}", .0.code, .0.message)]
    Refused(ApiError),
}

/// What the host says of itself before anything else.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Hello {
    /// Its API major version.
    pub api_major: u32,
    /// Its program version.
    pub version: String,
    /// The organisation it keeps the register of.
    pub organisation: String,
}

/// Accepts exactly the pinned certificate, or (first contact) any, remembering which.
#[derive(Debug)]
struct Pinned {
    pin: Option<String>,
    seen: Mutex<Option<String>>,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let found = fingerprint_of(end_entity.as_ref());
        *self.seen.lock().unwrap_or_else(|p| p.into_inner()) = Some(found.clone());
        match &self.pin {
            Some(pin) if *pin != found => Err(rustls::Error::General("certificate changed".into())),
            _ => Ok(ServerCertVerified::assertion()),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// A connection to one host, pinned to its certificate, holding one session.
pub struct HostClient {
    /// `host:port`.
    address: String,
    verifier: Arc<Pinned>,
    connector: TlsConnector,
    connection: tokio::sync::Mutex<Option<SendRequest<Full<Bytes>>>>,
    token: Mutex<Option<String>>,
}

impl HostClient {
    /// A client of `address` (`host:port`) accepting only the certificate whose SHA-256
    /// is `fingerprint` (hex; spaces and case do not matter).
    pub fn pinned(address: &str, fingerprint: &str) -> Self {
        let pin: String = fingerprint
            .chars()
            .filter(char::is_ascii_hexdigit)
            .collect::<String>()
            .to_lowercase();
        Self::with_pin(address, Some(pin))
    }

    /// A first contact with `address`: its certificate is accepted whatever it is, and
    /// [`HostClient::seen_fingerprint`] tells which it was, for a person to compare.
    pub fn first_contact(address: &str) -> Self {
        Self::with_pin(address, None)
    }

    fn with_pin(address: &str, pin: Option<String>) -> Self {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier = Arc::new(Pinned {
            pin,
            seen: Mutex::new(None),
            provider: provider.clone(),
        });
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map(|b| {
                b.dangerous()
                    .with_custom_certificate_verifier(verifier.clone())
                    .with_no_client_auth()
            });
        // The ring provider always supports the safe defaults; keep a config either way.
        let mut config = config.unwrap_or_else(|_| {
            rustls::ClientConfig::builder()
                .dangerous()
                .with_custom_certificate_verifier(verifier.clone())
                .with_no_client_auth()
        });
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Self {
            address: address.to_owned(),
            verifier,
            connector: TlsConnector::from(Arc::new(config)),
            connection: tokio::sync::Mutex::new(None),
            token: Mutex::new(None),
        }
    }

    /// The session this client holds (to carry it to a client of the same host after a
    /// restart, or to keep it between starts of the desktop app).
    pub fn session_token(&self) -> Option<String> {
        self.token.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Uses `token` as this client's session.
    pub fn set_session_token(&self, token: Option<String>) {
        *self.token.lock().unwrap_or_else(|p| p.into_inner()) = token;
    }

    /// The fingerprint of the certificate the host presented last.
    pub fn seen_fingerprint(&self) -> Option<String> {
        self.verifier
            .seen
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The host's handshake.
    pub async fn hello(&self) -> Result<Hello, ClientError> {
        let request = Request::get("/api/v1/hello")
            .header(header::HOST, &self.address)
            .body(Full::new(Bytes::new()))
            .map_err(|e| self.unreachable(e))?;
        let (_, body) = self.send(request).await?;
        serde_json::from_slice(&body).map_err(|e| self.unreachable(e))
    }

    /// Calls `operation` with `input`; a write passes its idempotency `key` (the same key
    /// again when retrying the same request). A login keeps the session for later calls.
    pub async fn call(
        &self,
        operation: &str,
        input: &Value,
        key: Option<&str>,
    ) -> Result<Value, ClientError> {
        let body = json!({ "input": input }).to_string();
        let mut request = Request::post(format!("/api/v1/call/{operation}"))
            .header(header::HOST, &self.address)
            .header(header::ORIGIN, format!("https://{}", self.address))
            .header(header::CONTENT_TYPE, "application/json")
            .header(API_HEADER, phatsadu_api::API_MAJOR.to_string());
        if let Some(token) = self
            .token
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
        {
            request = request.header(header::COOKIE, format!("{COOKIE}={token}"));
        }
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        let request = request
            .body(Full::new(Bytes::from(body)))
            .map_err(|e| self.unreachable(e))?;
        let (response, body) = self.send(request).await?;
        if let Some(cookie) = response
            .headers()
            .get(header::SET_COOKIE)
            .and_then(|v| v.to_str().ok())
        {
            let value = cookie
                .split(';')
                .next()
                .and_then(|pair| pair.split_once('='))
                .map(|(_, v)| v.to_owned())
                .filter(|v| !v.is_empty());
            *self.token.lock().unwrap_or_else(|p| p.into_inner()) = value;
        }
        let value: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        if response.status() == StatusCode::OK {
            Ok(value)
        } else {
            let error = serde_json::from_value::<ApiError>(value).unwrap_or_else(|_| {
                ApiError::new(
                    "internal",
                    format!("the host answered {}", response.status()),
                    Value::Null,
                )
            });
            Err(ClientError::Refused(error))
        }
    }

    /// Sends one request on the kept connection (opening one when there is none) and
    /// reads the whole answer. A kept connection the host has meanwhile closed fails
    /// before anything is sent; the request then goes once more on a new connection.
    /// (Even if it had reached the host, a write carries its idempotency key, so the
    /// resend cannot do it twice.)
    async fn send(
        &self,
        request: Request<Full<Bytes>>,
    ) -> Result<(hyper::Response<()>, Bytes), ClientError> {
        let mut slot = self.connection.lock().await;
        let reused = slot.as_ref().is_some_and(|s| !s.is_closed());
        let copy = reused.then(|| {
            let mut copy = Request::new(request.body().clone());
            *copy.method_mut() = request.method().clone();
            *copy.uri_mut() = request.uri().clone();
            *copy.headers_mut() = request.headers().clone();
            copy
        });
        if !reused {
            *slot = Some(self.connect().await?);
        }
        match self.exchange(&mut slot, request).await {
            Err(_) if copy.is_some() => {
                *slot = Some(self.connect().await?);
                let Some(copy) = copy else {
                    return Err(self.unreachable("no request"));
                };
                self.exchange(&mut slot, copy).await
            }
            other => other,
        }
    }

    async fn exchange(
        &self,
        slot: &mut Option<SendRequest<Full<Bytes>>>,
        request: Request<Full<Bytes>>,
    ) -> Result<(hyper::Response<()>, Bytes), ClientError> {
        let Some(sender) = slot.as_mut() else {
            return Err(self.unreachable("no connection"));
        };
        let response = match sender.send_request(request).await {
            Ok(response) => response,
            Err(e) => {
                *slot = None;
                return Err(self.unreachable(e));
            }
        };
        let (parts, body) = response.into_parts();
        let bytes = body
            .collect()
            .await
            .map_err(|e| self.unreachable(e))?
            .to_bytes();
        Ok((hyper::Response::from_parts(parts, ()), bytes))
    }

    async fn connect(&self) -> Result<SendRequest<Full<Bytes>>, ClientError> {
        let tcp = TcpStream::connect(&self.address)
            .await
            .map_err(|e| self.unreachable(e))?;
        let _ = tcp.set_nodelay(true);
        let host = self
            .address
            .rsplit_once(':')
            .map_or(self.address.as_str(), |(h, _)| h)
            .trim_matches(['[', ']'])
            .to_owned();
        let name = ServerName::try_from(host).map_err(|e| self.unreachable(e))?;
        let tls = match self.connector.connect(name, tcp).await {
            Ok(tls) => tls,
            Err(e) => {
                if let (Some(expected), Some(found)) = (&self.verifier.pin, self.seen_fingerprint())
                    && *expected != found
                {
                    return Err(ClientError::CertificateChanged {
                        expected: expected.clone(),
                        found,
                    });
                }
                return Err(self.unreachable(e));
            }
        };
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(tls))
            .await
            .map_err(|e| self.unreachable(e))?;
        tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(sender)
    }

    fn unreachable(&self, error: impl std::fmt::Display) -> ClientError {
        ClientError::Unreachable(self.address.clone(), error.to_string())
    }
}
