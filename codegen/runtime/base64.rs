//! `format: byte` values: bytes in Rust, standard base64 text on the wire.
//!
//! A few lines of encoding here spare every generated crate a dependency; decoding accepts
//! padded and unpadded input and rejects anything else with a serde error.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Bytes that travel as base64 text.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Base64(pub Vec<u8>);

impl Base64 {
    /// The base64 text of the bytes, padded.
    pub fn encode(&self) -> String {
        let mut out = String::with_capacity(self.0.len().div_ceil(3) * 4);
        for chunk in self.0.chunks(3) {
            let n = chunk.iter().enumerate().fold(0u32, |acc, (idx, byte)| {
                acc | (u32::from(*byte) << (16 - 8 * idx))
            });
            for idx in 0..4 {
                if idx <= chunk.len() {
                    out.push(char::from(ALPHABET[((n >> (18 - 6 * idx)) & 63) as usize]));
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    /// Decodes base64 text; `None` when it is not valid base64.
    pub fn decode(text: &str) -> Option<Base64> {
        let symbols = text.trim_end_matches('=').as_bytes();
        let mut out = Vec::with_capacity(symbols.len() * 3 / 4);
        for chunk in symbols.chunks(4) {
            if chunk.len() == 1 {
                return None;
            }
            let mut n = 0u32;
            for (idx, symbol) in chunk.iter().enumerate() {
                let value = ALPHABET.iter().position(|candidate| candidate == symbol)? as u32;
                n |= value << (18 - 6 * idx);
            }
            let bytes = n.to_be_bytes();
            out.extend_from_slice(&bytes[1..chunk.len()]);
        }
        Some(Base64(out))
    }
}

impl From<Vec<u8>> for Base64 {
    fn from(bytes: Vec<u8>) -> Self {
        Base64(bytes)
    }
}

impl fmt::Debug for Base64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Base64({:?})", self.encode())
    }
}

impl Serialize for Base64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.encode())
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Base64::decode(&text).ok_or_else(|| serde::de::Error::custom("invalid base64 text"))
    }
}
