//! Flags -> request JSON: start from `--body` (if any) and let each flag given override its field.
//!
//! The merge works on JSON so that every field the SDK models can come from the body, and the
//! result is then read into the SDK's typed request (see `typed.rs`), which reports type errors
//! with their JSON path whether they came from the body or from a flag.

use serde_json::{Map, Value};

use crate::args::{CreatePortalArgs, DeleteDataArgs, PushDataArgs};
use crate::body::{parse_object, read_body};
use crate::exit::CliError;

/// A JSON object under construction.
pub type Object = Map<String, Value>;

fn body_or_empty(body: Option<&std::path::Path>) -> Result<Object, CliError> {
    match body {
        Some(path) => parse_object(&read_body(path)?),
        None => Ok(Object::new()),
    }
}

fn set_str(object: &mut Object, field: &str, value: Option<&String>) {
    if let Some(v) = value {
        object.insert(field.to_owned(), Value::String(v.clone()));
    }
}

fn set_bool(object: &mut Object, field: &str, value: Option<bool>) {
    if let Some(v) = value {
        object.insert(field.to_owned(), Value::Bool(v));
    }
}

/// The `create_portal` request JSON: `--body` with the flags applied on top.
pub fn create_portal_json(args: &CreatePortalArgs) -> Result<Object, CliError> {
    let mut object = body_or_empty(args.body.as_deref())?;
    apply_create_portal_flags(&mut object, args)?;
    Ok(object)
}

/// Applies create-portal flags to `object` (the body, or an empty object).
pub fn apply_create_portal_flags(
    object: &mut Object,
    args: &CreatePortalArgs,
) -> Result<(), CliError> {
    if let Some(key) = &args.customer_key {
        let data = object
            .entry("customer_data")
            .or_insert_with(|| Value::Object(Object::new()));
        match data {
            Value::Object(data) => {
                data.insert("customer_key".into(), Value::String(key.clone()));
            }
            _ => {
                return Err(CliError::usage(
                    "cannot apply --customer-key: `customer_data` in --body is not a JSON object",
                ))
            }
        }
    }
    set_str(object, "locale", args.locale.as_ref());
    set_bool(object, "is_embedded", args.embedded);
    set_bool(object, "read_only", args.read_only);
    set_bool(object, "exclude_locale_picker", args.exclude_locale_picker);
    set_str(object, "navigation_mode", args.navigation_mode.as_ref());
    set_str(
        object,
        "customization_profile_id",
        args.customization_profile_id.as_ref(),
    );
    if let Some(landing) = &args.landing_page {
        object.insert("landing_page".into(), landing.landing_page_json());
    }
    if let Some(link) = &args.deep_link {
        object.insert("deep_link".into(), link.deep_link_json());
    }
    Ok(())
}

/// The `push_data` request JSON: `--body` with `--customer-key` applied.
pub fn push_data_json(args: &PushDataArgs) -> Result<Object, CliError> {
    let mut object = body_or_empty(Some(&args.body))?;
    set_str(&mut object, "customer_key", args.customer_key.as_ref());
    Ok(object)
}

/// The `delete_data` request JSON: `--body` (if any) with every key list given by flags replacing
/// the body's list of the same kind.
pub fn delete_data_json(args: &DeleteDataArgs) -> Result<Object, CliError> {
    let mut object = body_or_empty(args.body.as_deref())?;
    apply_delete_flags(&mut object, args);
    if object.is_empty() {
        return Err(CliError::usage("nothing to delete: nothing was sent").detail(
            "name at least one key, e.g. --customer-key KEY or --space-key KEY (repeatable), or pass --body",
        ));
    }
    Ok(object)
}

/// Applies delete-data key lists to `object`.
pub fn apply_delete_flags(object: &mut Object, args: &DeleteDataArgs) {
    for (field, keys) in args.lists() {
        if !keys.is_empty() {
            let list = keys.iter().cloned().map(Value::String).collect();
            object.insert(field.to_owned(), Value::Array(list));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::{Cli, Command, CustomersCommand};
    use clap::Parser;
    use serde_json::json;

    fn create_args(argv: &[&str]) -> CreatePortalArgs {
        let mut full = vec!["seam", "customers", "create-portal"];
        full.extend_from_slice(argv);
        match Cli::try_parse_from(full).unwrap().command {
            Command::Customers(CustomersCommand::CreatePortal(a)) => a,
            other => panic!("unexpected {other:?}"),
        }
    }

    fn delete_args(argv: &[&str]) -> DeleteDataArgs {
        let mut full = vec!["seam", "customers", "delete-data"];
        full.extend_from_slice(argv);
        match Cli::try_parse_from(full).unwrap().command {
            Command::Customers(CustomersCommand::DeleteData(a)) => a,
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn flags_override_the_body_and_keep_the_rest() {
        let mut body = json!({
            "locale": "fr-FR",
            "is_embedded": true,
            "customer_data": {"customer_key": "old", "spaces": [{"space_key": "s", "name": "S"}]},
            "landing_page": {"manage": {"unit_key": "u"}}
        })
        .as_object()
        .unwrap()
        .clone();
        let args = create_args(&[
            "--customer-key",
            "acme",
            "--locale",
            "de-DE",
            "--embedded=false",
            "--landing-page",
            "space=lobby",
            "--navigation-mode",
            "restricted",
        ]);
        apply_create_portal_flags(&mut body, &args).unwrap();
        assert_eq!(
            Value::Object(body),
            json!({
                "locale": "de-DE",
                "is_embedded": false,
                "navigation_mode": "restricted",
                "customer_data": {"customer_key": "acme", "spaces": [{"space_key": "s", "name": "S"}]},
                "landing_page": {"manage": {"space_key": "lobby"}}
            })
        );
    }

    #[test]
    fn no_flags_no_body_is_an_empty_request() {
        let object = create_portal_json(&create_args(&[])).unwrap();
        assert!(object.is_empty());
    }

    #[test]
    fn customer_key_into_a_non_object_is_refused_by_name() {
        let mut body = json!({"customer_data": "nope"})
            .as_object()
            .unwrap()
            .clone();
        let err = apply_create_portal_flags(&mut body, &create_args(&["--customer-key", "a"]))
            .unwrap_err();
        assert!(err.headline.contains("--customer-key"), "{err}");
        assert!(err.headline.contains("customer_data"), "{err}");
    }

    #[test]
    fn delete_flags_replace_only_their_own_list() {
        let mut body = json!({"space_keys": ["a"], "unit_keys": ["u"]})
            .as_object()
            .unwrap()
            .clone();
        let args = delete_args(&[
            "--space-key",
            "b",
            "--space-key",
            "c",
            "--customer-key",
            "k",
        ]);
        apply_delete_flags(&mut body, &args);
        assert_eq!(
            Value::Object(body),
            json!({"space_keys": ["b", "c"], "unit_keys": ["u"], "customer_keys": ["k"]})
        );
    }
}
