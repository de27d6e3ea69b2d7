//! Three-way merge of one record, for an edit form that was opened before another tab saved
//! the same record: the fields the user changed are applied on top of the record as it is now,
//! so the other tab's changes to other fields are kept. A field both changed differently is a
//! conflict: nothing is applied and the user is told which fields.

use serde::{de::DeserializeOwned, Serialize};
use serde_json::{Map, Value};

use super::error::DomainError;

/// Merges `mine` (the form's result) and `theirs` (the record now) against `base` (the record
/// when the form opened). Objects merge per field, recursively; anything else is one value.
///
/// # Errors
/// `DomainError::EditConflict` naming the fields (dotted paths) changed differently on both
/// sides.
pub fn merge3<T: Serialize + DeserializeOwned>(base: &T, mine: &T, theirs: &T) -> Result<T, DomainError> {
    let to_value = |v: &T| serde_json::to_value(v).unwrap_or(Value::Null);
    let (b, m, t) = (to_value(base), to_value(mine), to_value(theirs));
    let mut conflicts = Vec::new();
    let merged = merge_value(&b, &m, &t, "", &mut conflicts);
    if !conflicts.is_empty() {
        return Err(DomainError::EditConflict { fields: conflicts });
    }
    serde_json::from_value(merged).map_err(|_| DomainError::EditConflict { fields: vec![String::new()] })
}

fn merge_value(base: &Value, mine: &Value, theirs: &Value, path: &str, conflicts: &mut Vec<String>) -> Value {
    if mine == base {
        return theirs.clone();
    }
    if theirs == base || theirs == mine {
        return mine.clone();
    }
    match (base, mine, theirs) {
        (Value::Object(b), Value::Object(m), Value::Object(t)) => {
            let mut out = Map::new();
            let keys: std::collections::BTreeSet<&String> = b.keys().chain(m.keys()).chain(t.keys()).collect();
            for k in keys {
                let null = Value::Null;
                let child = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                let v = merge_value(b.get(k).unwrap_or(&null), m.get(k).unwrap_or(&null), t.get(k).unwrap_or(&null), &child, conflicts);
                if m.contains_key(k) || t.contains_key(k) {
                    out.insert(k.clone(), v);
                }
            }
            Value::Object(out)
        }
        _ => {
            conflicts.push(path.to_string());
            mine.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Customer;

    #[test]
    fn merge_table() {
        let base = Customer::new("D1", "Alfa");
        let with = |f: &dyn Fn(&mut Customer)| {
            let mut c = base.clone();
            f(&mut c);
            c
        };
        // (name, mine, theirs, expected result or conflicting fields)
        type Row = (&'static str, Customer, Customer, Result<Customer, Vec<&'static str>>);
        let rows: Vec<Row> = vec![
            ("nobody changed", base.clone(), base.clone(), Ok(base.clone())),
            ("only mine", with(&|c| c.phone = "06".into()), base.clone(), Ok(with(&|c| c.phone = "06".into()))),
            ("only theirs", base.clone(), with(&|c| c.email = "x@y.nl".into()), Ok(with(&|c| c.email = "x@y.nl".into()))),
            (
                "different fields",
                with(&|c| c.phone = "06".into()),
                with(&|c| c.email = "x@y.nl".into()),
                Ok(with(&|c| {
                    c.phone = "06".into();
                    c.email = "x@y.nl".into();
                })),
            ),
            (
                "nested different fields",
                with(&|c| c.address.city = "Utrecht".into()),
                with(&|c| c.flags.on_hold = true),
                Ok(with(&|c| {
                    c.address.city = "Utrecht".into();
                    c.flags.on_hold = true;
                })),
            ),
            ("same change on both sides", with(&|c| c.phone = "06".into()), with(&|c| c.phone = "06".into()), Ok(with(&|c| c.phone = "06".into()))),
            ("same field, different values", with(&|c| c.phone = "06".into()), with(&|c| c.phone = "010".into()), Err(vec!["phone"])),
            (
                "nested conflict",
                with(&|c| c.address.city = "Utrecht".into()),
                with(&|c| c.address.city = "Gouda".into()),
                Err(vec!["address.city"]),
            ),
        ];
        for (name, mine, theirs, expected) in rows {
            let got = merge3(&base, &mine, &theirs);
            match expected {
                Ok(c) => assert_eq!(got, Ok(c), "row {name}"),
                Err(fields) => assert_eq!(
                    got,
                    Err(DomainError::EditConflict { fields: fields.iter().map(|s| s.to_string()).collect() }),
                    "row {name}"
                ),
            }
        }
    }
}
