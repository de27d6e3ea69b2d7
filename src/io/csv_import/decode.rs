//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode text"), and
//! otherwise Windows-1252, the code page of Dutch, German and English Excel on Windows.

use serde::{Deserialize, Serialize};

/// The character encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encoding {
    Utf8,
    /// UTF-8 starting with the byte-order mark EF BB BF (what Excel writes for "CSV UTF-8").
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Not valid UTF-8: read as Windows-1252 (Latin-1 plus `€`, curly quotes, `Š` ... in 0x80-0x9F).
    Windows1252,
}

/// Windows-1252 bytes 0x80-0x9F. The five bytes the code page leaves undefined (0x81, 0x8D, 0x8F,
/// 0x90, 0x9D) map to the C1 control of the same number, as browsers do.
const CP1252_80_9F: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’', '“',
    '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Decodes a file. A UTF-8 BOM or valid UTF-8 gives UTF-8; a UTF-16 BOM gives UTF-16; anything
/// else is Windows-1252 (every byte is a character there, so decoding never fails).
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        if let Ok(s) = std::str::from_utf8(rest) {
            return (s.to_string(), Encoding::Utf8Bom);
        }
        return (windows_1252(rest), Encoding::Windows1252);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return (utf16(rest, u16::from_le_bytes), Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return (utf16(rest, u16::from_be_bytes), Encoding::Utf16Be);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), Encoding::Utf8),
        Err(_) => (windows_1252(bytes), Encoding::Windows1252),
    }
}

/// Windows-1252 to text: the table above for 0x80-0x9F, Latin-1 (same code point) for the rest.
pub fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_80_9F[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_table() {
        let rows: [(&[u8], &str, Encoding); 8] = [
            (b"Naam;Bedrag", "Naam;Bedrag", Encoding::Utf8),
            (b"\xEF\xBB\xBFNaam", "Naam", Encoding::Utf8Bom),
            ("Fälligkeit".as_bytes(), "Fälligkeit", Encoding::Utf8),
            (b"F\xe4lligkeit", "Fälligkeit", Encoding::Windows1252),
            (b"\x80 12,00", "€ 12,00", Encoding::Windows1252),
            (b"\x93quoted\x94 \x96 \x8a\x9f", "“quoted” – ŠŸ", Encoding::Windows1252),
            (b"\xFF\xFEA\x00;\x00\xAC\x20", "A;€", Encoding::Utf16Le),
            (b"\xFE\xFF\x00A\x00;", "A;", Encoding::Utf16Be),
        ];
        for (bytes, text, enc) in rows {
            assert_eq!(decode(bytes), (text.to_string(), enc), "row {text}");
        }
    }

    #[test]
    fn every_byte_decodes() {
        let all: Vec<u8> = (0..=255).collect();
        let s = windows_1252(&all);
        assert_eq!(s.chars().count(), 256);
        assert_eq!(s.chars().nth(0xE9), Some('é'));
    }
}
