//! Which JSON paths a flag set, so an error at that path can say "(set by --flag)".

#[cfg(test)]
use crate::args::CustomersCommand;
use crate::args::{CreatePortalArgs, DeleteDataArgs, PushDataArgs};
use crate::exit::CliError;

/// `(JSON path, flag)` for every flag given on the command line that writes into the request.
#[cfg(test)]
fn flag_origins(command: &CustomersCommand) -> Vec<(&'static str, String)> {
    match command {
        CustomersCommand::CreatePortal(a) => create_portal(a),
        CustomersCommand::PushData(a) => push_data(a),
        CustomersCommand::DeleteData(a) => delete_origins(a),
    }
}

/// The origins of `seam customers create-portal` flags.
pub fn create_portal(a: &CreatePortalArgs) -> Vec<(&'static str, String)> {
    let given: [(&'static str, &str, bool); 9] = [
        (
            "customer_data.customer_key",
            "--customer-key",
            a.customer_key.is_some(),
        ),
        ("locale", "--locale", a.locale.is_some()),
        ("is_embedded", "--embedded", a.embedded.is_some()),
        ("read_only", "--read-only", a.read_only.is_some()),
        (
            "exclude_locale_picker",
            "--exclude-locale-picker",
            a.exclude_locale_picker.is_some(),
        ),
        (
            "navigation_mode",
            "--navigation-mode",
            a.navigation_mode.is_some(),
        ),
        (
            "customization_profile_id",
            "--customization-profile-id",
            a.customization_profile_id.is_some(),
        ),
        ("landing_page", "--landing-page", a.landing_page.is_some()),
        ("deep_link", "--deep-link", a.deep_link.is_some()),
    ];
    given
        .into_iter()
        .filter(|(_, _, set)| *set)
        .map(|(path, flag, _)| (path, flag.to_owned()))
        .collect()
}

/// The origins of `seam customers push-data` flags.
pub fn push_data(a: &PushDataArgs) -> Vec<(&'static str, String)> {
    match a.customer_key {
        Some(_) => vec![("customer_key", "--customer-key".to_owned())],
        None => Vec::new(),
    }
}

/// The origins of `seam customers delete-data` flags.
pub fn delete_origins(args: &DeleteDataArgs) -> Vec<(&'static str, String)> {
    args.lists()
        .into_iter()
        .filter(|(_, keys)| !keys.is_empty())
        .map(|(field, _)| {
            // `space_keys` is set by `--space-key`.
            let flag = format!("--{}", field.trim_end_matches('s').replace('_', "-"));
            (field, flag)
        })
        .collect()
}

/// Whether `line` (a `path: message` detail) is about `path` or something inside it.
fn is_about(line: &str, path: &str) -> bool {
    line.strip_prefix(path)
        .is_some_and(|rest| rest.starts_with([':', '.', '[']))
}

/// Appends "(set by --flag)" to each detail line about a path a flag wrote.
pub fn annotate(mut error: CliError, origins: &[(&'static str, String)]) -> CliError {
    for line in &mut error.details {
        if let Some((_, flag)) = origins.iter().find(|(path, _)| is_about(line, path)) {
            line.push_str(&format!(" (set by {flag})"));
        }
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::{Cli, Command};
    use clap::Parser;

    fn command(argv: &[&str]) -> CustomersCommand {
        let mut full = vec!["seam", "customers"];
        full.extend_from_slice(argv);
        match Cli::try_parse_from(full).unwrap().command {
            Command::Customers(c) => c,
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn delete_flags_are_named_after_their_field() {
        let origins = flag_origins(&command(&["delete-data", "--property-listing-key", "p"]));
        assert_eq!(
            origins,
            [("property_listing_keys", "--property-listing-key".to_owned())]
        );
    }

    #[test]
    fn only_details_about_a_flag_path_are_annotated() {
        let origins = flag_origins(&command(&["create-portal", "--customer-key", ""]));
        let error = CliError::usage("invalid request")
            .detail("customer_data.customer_key: must not be empty")
            .detail("customer_data.customer_keys: other")
            .detail("locale: other");
        let error = annotate(error, &origins);
        assert_eq!(
            error.details,
            [
                "customer_data.customer_key: must not be empty (set by --customer-key)",
                "customer_data.customer_keys: other",
                "locale: other",
            ]
        );
    }
}
