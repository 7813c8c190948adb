//! Flags -> typed request: start from `--body` (already read into the typed request) or an empty
//! request, and let each flag given replace its field on the typed value.
//!
//! Flags whose values follow wire rules (enums, the UUID, landing page and deep link shapes) are
//! first written as a small JSON patch and read through the same `Deserialize` the body uses, so a
//! flag value is held to exactly the rules a body value is; a problem names the JSON path, which
//! `origins.rs` ties back to the flag.

use seam_types::{CreatePortalRequest, CustomerData, DeleteDataRequest, PushDataRequest};
use serde_json::{Map, Value};

use crate::args::{CreatePortalArgs, DeleteDataArgs, PushDataArgs};
use crate::exit::CliError;
use crate::typed::from_flags;

/// A JSON object under construction (only ever a handful of flag values).
pub type Object = Map<String, Value>;

/// Moves each named field of `patch` that is set into `request`, replacing what the body had.
macro_rules! replace_set_fields {
    ($request:ident, $patch:ident: $($field:ident),+ $(,)?) => {
        $( if $patch.$field.is_some() { $request.$field = $patch.$field; } )+
    };
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

/// The create-portal flags other than `--customer-key`, as request JSON.
fn create_portal_patch(args: &CreatePortalArgs) -> Object {
    let mut object = Object::new();
    set_str(&mut object, "locale", args.locale.as_ref());
    set_bool(&mut object, "is_embedded", args.embedded);
    set_bool(&mut object, "read_only", args.read_only);
    set_bool(
        &mut object,
        "exclude_locale_picker",
        args.exclude_locale_picker,
    );
    set_str(
        &mut object,
        "navigation_mode",
        args.navigation_mode.as_ref(),
    );
    set_str(
        &mut object,
        "customization_profile_id",
        args.customization_profile_id.as_ref(),
    );
    if let Some(landing) = &args.landing_page {
        object.insert("landing_page".into(), landing.landing_page_json());
    }
    if let Some(link) = &args.deep_link {
        object.insert("deep_link".into(), link.deep_link_json());
    }
    object
}

/// The `create_portal` request: the body (or an empty request) with the flags applied.
pub fn create_portal(
    args: &CreatePortalArgs,
    body: Option<CreatePortalRequest>,
) -> Result<CreatePortalRequest, CliError> {
    let mut request = body.unwrap_or_default();
    if let Some(key) = &args.customer_key {
        match &mut request.customer_data {
            Some(data) => data.customer_key = key.clone(),
            None => request.customer_data = Some(CustomerData::new(key.clone())),
        }
    }
    let patch = create_portal_patch(args);
    if !patch.is_empty() {
        let patch: CreatePortalRequest = from_flags(&patch)?;
        replace_set_fields!(request, patch:
            locale, is_embedded, read_only, exclude_locale_picker, navigation_mode,
            customization_profile_id, landing_page, deep_link,
        );
    }
    Ok(request)
}

/// The `push_data` request: the body with `--customer-key` applied.
pub fn push_data(args: &PushDataArgs, body: Option<PushDataRequest>) -> PushDataRequest {
    // clap requires --body for push-data; an absent body can only mean an empty one.
    let mut request = body.unwrap_or_else(|| PushDataRequest::new(String::new()));
    if let Some(key) = &args.customer_key {
        request.customer_key = key.clone();
    }
    request
}

/// The `delete_data` request: the body (if any) with every key list given by flags replacing the
/// body's list of the same kind. A request naming no list at all is refused (nothing to delete).
pub fn delete_data(
    args: &DeleteDataArgs,
    body: Option<DeleteDataRequest>,
) -> Result<DeleteDataRequest, CliError> {
    let mut request = body.unwrap_or_default();
    let mut patch = Object::new();
    for (field, keys) in args.lists() {
        if !keys.is_empty() {
            let list = keys.iter().cloned().map(Value::String).collect();
            patch.insert(field.to_owned(), Value::Array(list));
        }
    }
    if !patch.is_empty() {
        let patch: DeleteDataRequest = from_flags(&patch)?;
        replace_set_fields!(request, patch:
            access_grant_keys, booking_keys, building_keys, common_area_keys, customer_keys,
            facility_keys, guest_keys, listing_keys, property_keys, property_listing_keys,
            reservation_keys, resident_keys, room_keys, space_keys, staff_member_keys, tenant_keys,
            unit_keys, user_identity_keys, user_keys,
        );
    }
    if names_nothing(&request) {
        return Err(CliError::usage("nothing to delete: nothing was sent").detail(
            "name at least one key, e.g. --customer-key KEY or --space-key KEY (repeatable), or pass --body",
        ));
    }
    Ok(request)
}

/// Whether no key list is set at all (an explicitly empty list counts as set, as in the body).
fn names_nothing(request: &DeleteDataRequest) -> bool {
    serde_json::to_vec(request).is_ok_and(|json| json == b"{}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::{Cli, Command, CustomersCommand};
    use clap::Parser;

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

    fn typed<T: serde::de::DeserializeOwned>(json: &str) -> T {
        seam_cli::body::read_request(json.as_bytes()).unwrap()
    }

    #[test]
    fn flags_override_the_body_and_keep_the_rest() {
        let body = typed(
            r#"{"locale": "fr-FR", "is_embedded": true,
                "customer_data": {"customer_key": "old", "spaces": [{"space_key": "s", "name": "S"}]},
                "landing_page": {"manage": {"unit_key": "u"}}}"#,
        );
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
        let request = create_portal(&args, Some(body)).unwrap();
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            serde_json::json!({
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
        let request = create_portal(&create_args(&[]), None).unwrap();
        assert_eq!(serde_json::to_string(&request).unwrap(), "{}");
    }

    #[test]
    fn a_bad_flag_value_is_refused_by_its_json_path() {
        let err = create_portal(
            &create_args(&["--customization-profile-id", "not-a-uuid"]),
            None,
        )
        .unwrap_err();
        assert!(
            err.details[0].starts_with("customization_profile_id: "),
            "{err}"
        );
        assert!(!err.details[0].contains(" at line "), "{err}");
    }

    #[test]
    fn delete_flags_replace_only_their_own_list() {
        let body = typed(r#"{"space_keys": ["a"], "unit_keys": ["u"]}"#);
        let args = delete_args(&[
            "--space-key",
            "b",
            "--space-key",
            "c",
            "--customer-key",
            "k",
        ]);
        let request = delete_data(&args, Some(body)).unwrap();
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            serde_json::json!({"space_keys": ["b", "c"], "unit_keys": ["u"], "customer_keys": ["k"]})
        );
        // Every flag's list reaches the typed request.
        let command = <Cli as clap::CommandFactory>::command();
        let delete = command
            .find_subcommand("customers")
            .and_then(|c| c.find_subcommand("delete-data"))
            .unwrap();
        let mut every = Vec::new();
        for arg in delete.get_arguments() {
            if arg.get_id().as_str().ends_with("_key") {
                every.push(format!("--{}", arg.get_long().unwrap()));
                every.push("k".to_owned());
            }
        }
        let argv: Vec<&str> = every.iter().map(String::as_str).collect();
        let request = delete_data(&delete_args(&argv), None).unwrap();
        let json = serde_json::to_value(&request).unwrap();
        assert_eq!(json.as_object().unwrap().len(), 19, "{json}");
    }

    #[test]
    fn nothing_to_delete_unless_some_list_is_named() {
        assert!(delete_data(&delete_args(&[]), None).is_err());
        assert!(delete_data(&delete_args(&[]), Some(typed("{}"))).is_err());
        assert!(delete_data(&delete_args(&[]), Some(typed(r#"{"unit_keys": []}"#))).is_ok());
    }
}
