//! Text to rows: the delimiter, the header line, the data rows with their source line numbers.

use serde::{Deserialize, Serialize};

use super::decode::{decode, Encoding};

/// The delimiters tried, in the order that wins a tie (a comma also appears inside Dutch
/// amounts and free text, so it loses a tie).
pub const DELIMITERS: [u8; 4] = [b'\t', b';', b'|', b','];

/// How many records are looked at to find the delimiter and the header.
const SNIFF_RECORDS: usize = 60;

/// One data row: the 1-based line of the source file where it starts, and its fields (trimmed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub line: usize,
    pub fields: Vec<String>,
}

impl Row {
    /// The field of a column, or "" when the row is shorter.
    pub fn get(&self, column: usize) -> &str {
        self.fields.get(column).map_or("", String::as_str)
    }
}

/// A CSV file as read: encoding, delimiter, header and rows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedFile {
    pub encoding: Encoding,
    pub delimiter: u8,
    /// 1-based line of the header in the source file.
    pub header_line: usize,
    pub headers: Vec<String>,
    /// Data rows after the header; rows whose fields are all empty are left out.
    pub rows: Vec<Row>,
    /// The lines before the header (titles, export dates), fields joined by a space.
    pub preamble: Vec<String>,
}

impl ParsedFile {
    /// The header of a column, or "" past the last header.
    pub fn header(&self, column: usize) -> &str {
        self.headers.get(column).map_or("", String::as_str)
    }

    /// The number of columns: the header's, or the longest row's when that is longer.
    pub fn columns(&self) -> usize {
        self.rows.iter().map(|r| r.fields.len()).max().unwrap_or(0).max(self.headers.len())
    }
}

/// Why a file cannot be read as a table at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("the file is empty")]
    Empty,
    /// No line with at least two named columns followed by rows of the same shape.
    #[error("no header line found in the first {looked} lines (a line with at least two column names)")]
    NoHeader { looked: usize },
    /// The CSV reader stopped (practically only on I/O errors, which in-memory text does not have).
    #[error("line {line}: {detail}")]
    Unreadable { line: usize, detail: String },
}

/// Reads a file: decode, find the delimiter and the header, collect the rows.
///
/// # Errors
/// [`ParseError`] when there is no table in the file.
pub fn parse(bytes: &[u8]) -> Result<ParsedFile, ParseError> {
    let (text, encoding) = decode(bytes);
    parse_text(&text, encoding)
}

/// As [`parse`], for text already decoded.
///
/// # Errors
/// As [`parse`].
pub fn parse_text(text: &str, encoding: Encoding) -> Result<ParsedFile, ParseError> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    // Excel's "sep=;" hint line names the delimiter.
    let first = text.lines().next().unwrap_or("").trim();
    let hinted = first
        .strip_prefix("sep=")
        .and_then(|s| s.bytes().next())
        .filter(|b| DELIMITERS.contains(b) || *b == b',');
    let (delimiter, skip) = match hinted {
        Some(d) => (d, 1),
        None => (sniff_delimiter(text), 0),
    };
    let records = read_records(text, delimiter)?;
    let records: Vec<(usize, Vec<String>)> = records.into_iter().skip(skip).collect();
    let looked = records.len().min(SNIFF_RECORDS);
    let h = find_header(&records[..looked]).ok_or(ParseError::NoHeader { looked })?;
    let (header_line, headers) = records[h].clone();
    let preamble = records[..h]
        .iter()
        .map(|(_, f)| f.iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect();
    let rows = records[h + 1..]
        .iter()
        .filter(|(_, f)| f.iter().any(|s| !s.is_empty()))
        .map(|(line, fields)| Row { line: *line, fields: fields.clone() })
        .collect();
    Ok(ParsedFile { encoding, delimiter, header_line, headers, rows, preamble })
}

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

/// All records with their 1-based start line, fields cleaned by [`clean_field`].
fn read_records(text: &str, delimiter: u8) -> Result<Vec<(usize, Vec<String>)>, ParseError> {
    let mut out = Vec::new();
    // Line numbers from byte offsets: the reader's own line count does not see blank lines.
    let newlines: Vec<usize> = text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i).collect();
    let line_at = |byte: u64| -> usize {
        let mut at = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
        // The reader may report the start of the blank lines it skipped before the record.
        while at < text.len() && matches!(text.as_bytes()[at], b'\r' | b'\n') {
            at += 1;
        }
        newlines.partition_point(|n| *n < at) + 1
    };
    let mut rdr = reader(text, delimiter);
    let mut record = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| line_at(p.byte()));
                out.push((line, record.iter().map(clean_field).collect()));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(p.byte()));
                return Err(ParseError::Unreadable { line, detail: e.to_string() });
            }
        }
    }
    Ok(out)
}

/// Trims spaces (also non-breaking ones), unwraps Excel's `="0012"` text guard, and removes the
/// apostrophe an export put before `=`, `+`, `-`, `@` to keep spreadsheets from running it as a
/// formula (the value goes into the ledger, not a spreadsheet, so the original text is wanted).
pub fn clean_field(s: &str) -> String {
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if let Some(inner) = t.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
        return inner.trim().to_string();
    }
    if let Some(rest) = t.strip_prefix('\'') {
        if rest.starts_with(['=', '+', '-', '@']) {
            return rest.to_string();
        }
    }
    t.to_string()
}

/// The delimiter that gives the most records with the same number of fields (at least two):
/// quotes are respected because each candidate is read with the CSV reader.
fn sniff_delimiter(text: &str) -> u8 {
    let mut best = (0usize, 0usize, b',');
    for d in DELIMITERS {
        let mut counts: Vec<usize> = Vec::new();
        let mut rdr = reader(text, d);
        for rec in rdr.records().take(SNIFF_RECORDS) {
            match rec {
                Ok(r) if r.iter().any(|f| !f.trim().is_empty()) => counts.push(r.len()),
                Ok(_) => {}
                Err(_) => break,
            }
        }
        let mut freq: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        for c in counts.iter().filter(|c| **c >= 2) {
            *freq.entry(*c).or_default() += 1;
        }
        // The most frequent count; on equal frequency the larger count.
        if let Some((width, n)) = freq.iter().map(|(c, n)| (*c, *n)).max_by_key(|(c, n)| (*n, *c)) {
            if (n, width) > (best.0, best.1) {
                best = (n, width, d);
            }
        }
    }
    best.2
}

/// Looks like a number, an amount or a date (digits with separators, signs, currency marks).
pub(crate) fn looks_numeric(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || " .,-/:()$€£+'".contains(c) || c == '\u{a0}')
}

/// The header: the first record with at least two non-empty fields, mostly not numbers, that
/// the next record fits (the same number of fields, or not more filled fields than the header
/// has).
fn find_header(records: &[(usize, Vec<String>)]) -> Option<usize> {
    let filled = |f: &[String]| f.iter().filter(|s| !s.is_empty()).count();
    let effective = |f: &[String]| f.iter().rposition(|s| !s.is_empty()).map_or(0, |i| i + 1);
    for (i, (_, fields)) in records.iter().enumerate() {
        let n = filled(fields);
        if n < 2 {
            continue;
        }
        let numeric = fields.iter().filter(|s| looks_numeric(s)).count();
        if numeric * 2 >= n {
            continue;
        }
        let next = records[i + 1..].iter().map(|(_, f)| f).find(|f| filled(f) > 0);
        let fits = match next {
            None => true,
            Some(f) => f.len() == fields.len() || (effective(f) <= fields.len() && effective(f) >= 2),
        };
        if fits {
            return Some(i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> ParsedFile {
        parse_text(text, Encoding::Utf8).unwrap()
    }

    #[test]
    fn delimiter_table() {
        let rows = [
            ("a,b,c\n1,2,3\n4,5,6\n", b','),
            ("a;b;c\n1,5;2,5;3\n4;5;6\n", b';'),
            ("Naam;Omschrijving\nA;foo, bar, baz\nB;x\n", b';'),
            ("a\tb\n1\t2\n", b'\t'),
            ("a|b|c\n1|2|3\n", b'|'),
            ("\"x,y\";b\n\"1,2\";3\n\"4,5\";6\n", b';'),
            ("sep=;\na,b;c\n1;2\n", b';'),
            ("title\n\nname,amount\nA,1\nB,2\n", b','),
        ];
        for (text, d) in rows {
            assert_eq!(p(text).delimiter, d, "row {text:?}");
        }
    }

    #[test]
    fn header_and_lines() {
        let f = p("\"Export - December 19, 2020\",,,\n,,,\nINVOICES,,,\nClient,Invoice,Amount,Date\r\nA ,1,$1.00,1/2/2020\r\n\r\nB,\"2\nsecond line\",3,1/3/2020\nC,3,4,1/4/2020\n");
        assert_eq!(f.header_line, 4);
        assert_eq!(f.headers, ["Client", "Invoice", "Amount", "Date"]);
        assert_eq!(f.preamble, ["Export - December 19, 2020", "INVOICES"]);
        let lines: Vec<usize> = f.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [5, 7, 9], "line numbers of the source, blank lines skipped, quoted newline kept");
        assert_eq!(f.rows[0].fields[0], "A", "trailing space trimmed");
        assert_eq!(f.rows[1].fields[1], "2\nsecond line");
    }

    #[test]
    fn header_table() {
        let rows: [(&str, Option<usize>); 5] = [
            (",Factuurnr.,Naam\n0,1,A\n", Some(1)),
            ("1,2,3\n4,5,6\n", None),
            ("Report\nName,Amount\nA,1\n", Some(2)),
            ("Name,Amount\n", Some(1)),
            ("x\ny\n", None),
        ];
        for (text, line) in rows {
            assert_eq!(parse_text(text, Encoding::Utf8).ok().map(|f| f.header_line), line, "row {text:?}");
        }
        assert_eq!(parse_text("  \n", Encoding::Utf8), Err(ParseError::Empty));
    }

    #[test]
    fn clean_field_table() {
        let rows = [(" a ", "a"), ("=\"0012\"", "0012"), ("'=SUM(A1)", "=SUM(A1)"), ("'-5", "-5"), ("'t", "'t"), ("\u{a0}1\u{a0}", "1")];
        for (input, out) in rows {
            assert_eq!(clean_field(input), out, "row {input:?}");
        }
    }
}
