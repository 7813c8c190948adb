//! Which JSON paths a flag set, so an error at that path can say "(set by --flag)".

use crate::args::{CustomersCommand, DeleteDataArgs};
use crate::exit::CliError;

/// `(JSON path, flag)` for every flag given on the command line that writes into the request.
pub fn flag_origins(command: &CustomersCommand) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    match command {
        CustomersCommand::CreatePortal(a) => {
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
            for (path, flag, set) in given {
                if set {
                    out.push((path, flag.to_owned()));
                }
            }
        }
        CustomersCommand::PushData(a) => {
            if a.customer_key.is_some() {
                out.push(("customer_key", "--customer-key".to_owned()));
            }
        }
        CustomersCommand::DeleteData(a) => out.extend(delete_origins(a)),
    }
    out
}

fn delete_origins(args: &DeleteDataArgs) -> Vec<(&'static str, String)> {
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
