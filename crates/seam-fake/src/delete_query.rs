//! Reading the query of `DELETE /customers/delete_data` the way Seam's search-params parser does.
//!
//! With `_strict=true` (what the official SDKs send), only the serializer's own output is read:
//! each list is the repeated form `k=a&k=b`, values are kept verbatim (commas and whitespace
//! included), a single empty value `k=` is the empty list, an empty value among others
//! (`k=&k=a`, `k=&k=`) is refused, and so is a parameter the operation does not have (`k[]` is
//! such a parameter).
//!
//! Without `_strict` (or with `_strict=false`) the relaxed reading applies: a list may also be
//! written `k[]=a&k[]=b` or `k=a,b` (split at commas), a single blank value (`k=`, `k=+`) is the
//! empty list, and unknown parameters are ignored. What it cannot read unambiguously is refused:
//! both forms of one list, a comma in a repeated or bracketed value, an empty part of a comma list,
//! or a blank value among others.

use std::collections::BTreeMap;

use serde_json::Value;

/// A query the parser refuses: the parameter and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryError {
    /// The parameter as written in the query (e.g. `customer_keys` or `bogus`).
    pub(crate) param: String,
    /// The message, naming the parameter.
    pub(crate) message: String,
}

impl QueryError {
    fn new(param: &str, what: &str) -> Self {
        Self {
            param: param.to_owned(),
            message: format!("Could not parse parameter: '{param}' {what}"),
        }
    }
}

/// The parameter names the operation takes, from the contract.
fn known_params() -> Vec<&'static str> {
    crate::schema::operation("DELETE", "/customers/delete_data")
        .and_then(|op| op.get("query"))
        .and_then(Value::as_array)
        .map(|params| {
            params
                .iter()
                .filter_map(|p| p.get("name").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default()
}

/// The key lists of a delete_data query, by parameter name.
pub(crate) fn parse(query: &str) -> Result<BTreeMap<String, Vec<String>>, QueryError> {
    // Values per name, in the order the names first appear.
    let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        let values = by_name.entry(k.clone().into_owned()).or_insert_with(|| {
            order.push(k.into_owned());
            Vec::new()
        });
        values.push(v.into_owned());
    }
    let strict = match by_name.remove("_strict").as_deref() {
        None => false,
        Some([v]) if v == "true" => true,
        Some([v]) if v == "false" => false,
        Some([_]) => return Err(QueryError::new("_strict", "must be true or false")),
        Some(_) => {
            return Err(QueryError::new(
                "_strict",
                "has repeated values but is not an array parameter",
            ))
        }
    };
    let known = known_params();
    let mut out = BTreeMap::new();
    if strict {
        if let Some(unknown) = order
            .iter()
            .find(|n| *n != "_strict" && !known.contains(&n.as_str()))
        {
            return Err(QueryError::new(
                unknown,
                "is not a parameter of DELETE /customers/delete_data",
            ));
        }
        for name in known {
            if let Some(values) = by_name.remove(name) {
                out.insert(name.to_owned(), strict_list(name, values)?);
            }
        }
        return Ok(out);
    }
    for name in known {
        let bracket = format!("{name}[]");
        let list = match (by_name.remove(name), by_name.remove(&bracket)) {
            (Some(_), Some(_)) => {
                return Err(QueryError::new(
                    name,
                    "mixes the repeated and bracket array formats",
                ))
            }
            (Some(values), None) => relaxed_list(name, values, Commas::Split)?,
            (None, Some(values)) => relaxed_list(&bracket, values, Commas::Reject)?,
            (None, None) => continue,
        };
        out.insert(name.to_owned(), list);
    }
    Ok(out)
}

fn strict_list(name: &str, values: Vec<String>) -> Result<Vec<String>, QueryError> {
    if values.len() == 1 && values[0].is_empty() {
        return Ok(Vec::new());
    }
    if values.iter().any(String::is_empty) {
        return Err(QueryError::new(
            name,
            "mixes empty values with other values",
        ));
    }
    Ok(values)
}

#[derive(Clone, Copy, PartialEq)]
enum Commas {
    Split,
    Reject,
}

fn blank(v: &str) -> bool {
    v.trim().is_empty()
}

fn relaxed_list(
    name: &str,
    values: Vec<String>,
    commas: Commas,
) -> Result<Vec<String>, QueryError> {
    if values.len() == 1 && blank(&values[0]) {
        return Ok(Vec::new());
    }
    if values.iter().any(|v| blank(v)) {
        return Err(QueryError::new(
            name,
            "mixes empty values with other values",
        ));
    }
    if !values.iter().any(|v| v.contains(',')) {
        return Ok(values);
    }
    if commas == Commas::Reject {
        return Err(QueryError::new(
            name,
            "uses the bracket array format with a value containing a comma \",\"",
        ));
    }
    if values.len() > 1 {
        return Err(QueryError::new(
            name,
            "mixes the comma and repeated array formats, or repeats a value containing a comma \",\"",
        ));
    }
    let parts: Vec<String> = values[0].split(',').map(str::to_owned).collect();
    if parts.iter().any(|p| blank(p)) {
        return Err(QueryError::new(
            name,
            "uses the comma array format with one or more empty values",
        ));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn ok(q: &str) -> Vec<(String, Vec<String>)> {
        parse(q).unwrap().into_iter().collect()
    }

    fn list(q: &str, name: &str) -> Vec<String> {
        parse(q).unwrap().remove(name).unwrap()
    }

    fn refused(q: &str) -> String {
        parse(q).unwrap_err().param
    }

    #[test]
    fn strict_reads_only_the_serializers_output() {
        let q = "building_keys=x&customer_keys=a%2Cb&customer_keys=+c&_strict=true";
        assert_eq!(list(q, "customer_keys"), vec!["a,b", " c"]);
        assert_eq!(list(q, "building_keys"), vec!["x"]);
        assert!(list("customer_keys=&_strict=true", "customer_keys").is_empty());
        assert_eq!(
            refused("customer_keys=&customer_keys=x&_strict=true"),
            "customer_keys"
        );
        assert_eq!(
            refused("customer_keys=&customer_keys=&_strict=true"),
            "customer_keys"
        );
        assert_eq!(refused("_strict=true&bogus=1"), "bogus");
        assert_eq!(refused("customer_keys[]=a&_strict=true"), "customer_keys[]");
        assert_eq!(refused("customer_keys=a&_strict=yes"), "_strict");
        assert_eq!(refused("_strict=true&_strict=true"), "_strict");
        assert!(ok("_strict=true").is_empty());
        let message = parse("_strict=true&bogus=1").unwrap_err().message;
        assert!(message.contains("'bogus'"), "{message}");
    }

    #[test]
    fn relaxed_reads_comma_bracket_and_blank_forms() {
        assert_eq!(list("customer_keys=a,b", "customer_keys"), vec!["a", "b"]);
        assert_eq!(
            list("customer_keys[]=a&customer_keys[]=b", "customer_keys"),
            vec!["a", "b"]
        );
        assert_eq!(
            list("space_keys=a&space_keys=b%20c", "space_keys"),
            vec!["a", "b c"]
        );
        assert!(list("customer_keys=+", "customer_keys").is_empty());
        assert!(list("customer_keys=&_strict=false", "customer_keys").is_empty());
        // Unknown parameters are ignored.
        assert!(ok("bogus=1").is_empty());
        assert_eq!(
            refused("customer_keys=a&customer_keys[]=b"),
            "customer_keys"
        );
        assert_eq!(
            refused("customer_keys=a,b&customer_keys=c"),
            "customer_keys"
        );
        assert_eq!(refused("customer_keys[]=a,b"), "customer_keys[]");
        assert_eq!(refused("customer_keys=a,,b"), "customer_keys");
        assert_eq!(refused("customer_keys=&customer_keys=x"), "customer_keys");
    }
}
