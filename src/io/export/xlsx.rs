//! A minimal .xlsx (Office Open XML SpreadsheetML) workbook, written by hand: the six parts
//! Excel, LibreOffice and Numbers need, in a zip made here (local headers, raw deflate from
//! `miniz_oxide`, CRC-32 from `crc32fast`, the central directory and its end record). About a
//! hundred lines instead of a spreadsheet library that would double the size of the app.
//!
//! - `[Content_Types].xml`, `_rels/.rels`, `xl/workbook.xml`, `xl/_rels/workbook.xml.rels`
//! - `xl/styles.xml`: style 1 bold (header), 2 date (built-in format 14, the reader's short
//!   date), 3 money (built-in format 4, `#,##0.00`)
//! - `xl/worksheets/sheet1.xml`: text as inline strings (XML-escaped, characters XML forbids
//!   left out, formula starts neutralised like the CSV), numbers and integers as numbers, dates
//!   as serial numbers (days since 1899-12-30), the first row frozen.

use chrono::NaiveDate;

use super::{neutralise, Cell, Table};

/// The .xlsx bytes of a table on one sheet.
pub fn to_xlsx(table: &Table, sheet_name: &str) -> Vec<u8> {
    let parts: [(&str, String); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("xl/workbook.xml", workbook(sheet_name)),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.to_string()),
        ("xl/styles.xml", STYLES.to_string()),
        ("xl/worksheets/sheet1.xml", sheet(table)),
    ];
    let mut zip = Zip::default();
    for (name, xml) in &parts {
        zip.add(name, xml.as_bytes());
    }
    zip.finish()
}

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    r#"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#,
    r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    r#"</Types>"#
);

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
    r#"</Relationships>"#
);

const WORKBOOK_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    r#"</Relationships>"#
);

const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#,
    r#"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#,
    r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="4">"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
    r#"<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
    r#"</cellXfs>"#,
    r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
    r#"</styleSheet>"#
);

/// Escapes XML text (CR as a character reference) and drops the control characters XML 1.0
/// does not allow.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // A literal CR would be read back as a line feed (XML line-end normalisation).
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not empty.
fn sheet_name(name: &str) -> String {
    let clean: String = name.chars().map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c }).take(31).collect();
    let clean = clean.trim().trim_matches('\'').to_string();
    if clean.is_empty() {
        "Sheet1".into()
    } else {
        clean
    }
}

fn workbook(name: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
            r#"<sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        ),
        xml_escape(&sheet_name(name))
    )
}

/// `A`, `B`, ... `Z`, `AA`, ...
fn column_name(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + u8::try_from(i % 26).unwrap_or(0));
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Days since 1899-12-30: Excel's serial number of a date (exact from 1 March 1900 on).
pub fn excel_serial(d: NaiveDate) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (d - epoch).num_days()
}

fn text_cell(out: &mut String, r: &str, s: &str, style: u8) {
    let t = xml_escape(&neutralise(s));
    let space = if t.starts_with(char::is_whitespace) || t.ends_with(char::is_whitespace) { r#" xml:space="preserve""# } else { "" };
    let s_attr = if style > 0 { format!(r#" s="{style}""#) } else { String::new() };
    out.push_str(&format!(r#"<c r="{r}"{s_attr} t="inlineStr"><is><t{space}>{t}</t></is></c>"#));
}

fn sheet(table: &Table) -> String {
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
        r#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#,
        r#"<sheetData>"#
    ));
    out.push_str(r#"<row r="1">"#);
    for (c, h) in table.headers.iter().enumerate() {
        text_cell(&mut out, &format!("{}1", column_name(c)), h, 1);
    }
    out.push_str("</row>");
    for (i, row) in table.rows.iter().enumerate() {
        let n = i + 2;
        out.push_str(&format!(r#"<row r="{n}">"#));
        for (c, cell) in row.iter().enumerate() {
            let r = format!("{}{n}", column_name(c));
            match cell {
                Cell::Text(s) => text_cell(&mut out, &r, s, 0),
                Cell::Number(d) => out.push_str(&format!(r#"<c r="{r}" s="3"><v>{d}</v></c>"#)),
                Cell::Date(d) => out.push_str(&format!(r#"<c r="{r}" s="2"><v>{}</v></c>"#, excel_serial(*d))),
                Cell::Int(v) => out.push_str(&format!(r#"<c r="{r}"><v>{v}</v></c>"#)),
                Cell::Empty => {}
            }
        }
        out.push_str("</row>");
    }
    out.push_str("</sheetData></worksheet>");
    out
}

/// A zip archive of deflated entries (no zip64: a sheet of that size is not made in a browser).
#[derive(Default)]
struct Zip {
    data: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

/// 1980-01-01 00:00 in DOS format: a fixed time, so the same table gives the same bytes.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

impl Zip {
    fn add(&mut self, name: &str, content: &[u8]) {
        let compressed = miniz_oxide::deflate::compress_to_vec(content, 6);
        let crc = crc32fast::hash(content);
        let offset = u32::try_from(self.data.len()).unwrap_or(u32::MAX);
        let (csize, usize_) = (u32::try_from(compressed.len()).unwrap_or(u32::MAX), u32::try_from(content.len()).unwrap_or(u32::MAX));
        let name_len = u16::try_from(name.len()).unwrap_or(u16::MAX);
        // Local file header.
        let d = &mut self.data;
        d.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        d.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0 (deflate)
        d.extend_from_slice(&0x0800u16.to_le_bytes()); // flags: names are UTF-8
        d.extend_from_slice(&8u16.to_le_bytes()); // method: deflate
        d.extend_from_slice(&DOS_TIME.to_le_bytes());
        d.extend_from_slice(&DOS_DATE.to_le_bytes());
        d.extend_from_slice(&crc.to_le_bytes());
        d.extend_from_slice(&csize.to_le_bytes());
        d.extend_from_slice(&usize_.to_le_bytes());
        d.extend_from_slice(&name_len.to_le_bytes());
        d.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        d.extend_from_slice(name.as_bytes());
        d.extend_from_slice(&compressed);
        // Central directory entry.
        let c = &mut self.central;
        c.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        c.extend_from_slice(&20u16.to_le_bytes()); // version made by
        c.extend_from_slice(&20u16.to_le_bytes()); // version needed
        c.extend_from_slice(&0x0800u16.to_le_bytes());
        c.extend_from_slice(&8u16.to_le_bytes());
        c.extend_from_slice(&DOS_TIME.to_le_bytes());
        c.extend_from_slice(&DOS_DATE.to_le_bytes());
        c.extend_from_slice(&crc.to_le_bytes());
        c.extend_from_slice(&csize.to_le_bytes());
        c.extend_from_slice(&usize_.to_le_bytes());
        c.extend_from_slice(&name_len.to_le_bytes());
        c.extend_from_slice(&[0; 8]); // extra length, comment length, disk number, internal attributes
        c.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        c.extend_from_slice(&offset.to_le_bytes());
        c.extend_from_slice(name.as_bytes());
        self.entries += 1;
    }

    fn finish(mut self) -> Vec<u8> {
        let cd_offset = u32::try_from(self.data.len()).unwrap_or(u32::MAX);
        let cd_size = u32::try_from(self.central.len()).unwrap_or(u32::MAX);
        self.data.extend_from_slice(&self.central);
        let d = &mut self.data;
        d.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        d.extend_from_slice(&[0; 4]); // this disk, disk with the central directory
        d.extend_from_slice(&self.entries.to_le_bytes());
        d.extend_from_slice(&self.entries.to_le_bytes());
        d.extend_from_slice(&cd_size.to_le_bytes());
        d.extend_from_slice(&cd_offset.to_le_bytes());
        d.extend_from_slice(&0u16.to_le_bytes()); // comment length
        self.data
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers_table() {
        assert_eq!([0, 1, 25, 26, 27, 51, 52, 701, 702].map(column_name), ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(excel_serial(day(1900, 3, 1)), 61);
        assert_eq!(excel_serial(day(2026, 1, 1)), 46023);
        assert_eq!(xml_escape("a<b>&\"'\u{1}\t\r"), "a&lt;b&gt;&amp;&quot;&apos;\t&#13;");
        assert_eq!(sheet_name("Facturen [2026]: open/te laat en nog veel meer tekst"), "Facturen  2026   open te laat e");
        assert_eq!(sheet_name("''"), "Sheet1");
    }
}
