//! The command line: every flag and subcommand, declared with clap.

use std::path::PathBuf;
use std::time::Duration;

use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand, ValueEnum};
use seam_types::{Locale, NavigationMode};

use crate::exit::EXIT_CODES_HELP;
use crate::kind_key::{parse_deep_link, parse_landing, KindKey};
use seam_cli::body::DEFAULT_MAX_BODY_BYTES;

/// Where credentials come from; shown at the end of `seam --help`, before the exit codes.
const CREDENTIALS_HELP: &str = "\
Credentials are read from the environment the way the SDK reads them (SEAM_API_KEY, or
SEAM_PERSONAL_ACCESS_TOKEN with SEAM_WORKSPACE_ID; SEAM_ENDPOINT overrides the API address).
No account? Add --fake to run against an embedded fake of the API.";

/// Examples for `seam --help`.
const TOP_EXAMPLES: &str = "\
Examples:
  seam customers create-portal --fake --customer-key acme       # no account: a link from the embedded fake
  seam fake                                                     # keep a fake API running until Ctrl-C
  seam customers create-portal --customer-key acme --locale fr-FR
  seam --dry-run customers create-portal --body request.json    # show the request, send nothing
  seam customers push-data --body data.json
  seam customers delete-data --customer-key acme";

/// Examples for `seam customers create-portal --help`.
const CREATE_PORTAL_EXAMPLES: &str = "\
Examples:
  seam customers create-portal --fake --customer-key acme
  seam customers create-portal --customer-key acme --embedded --landing-page space=room-101
  seam customers create-portal --body request.json --read-only   # flags override the body
  seam customers create-portal --customer-key acme -o json        # url, customer_key, expiry, ...";

/// Examples for `seam customers push-data --help`.
const PUSH_DATA_EXAMPLES: &str = "\
Examples:
  echo '{\"customer_key\":\"acme\",\"spaces\":[{\"space_key\":\"room-101\",\"name\":\"Room 101\"}]}' \\
    | seam customers push-data --body -
  seam customers push-data --body data.json --customer-key acme";

/// Examples for `seam customers delete-data --help`.
const DELETE_DATA_EXAMPLES: &str = "\
Examples:
  seam customers delete-data --customer-key acme                    # everything stored for acme
  seam customers delete-data --space-key room-101 --space-key room-102";

/// The text after the flag list of `seam --help`: credentials, then exit codes.
fn after_help() -> String {
    format!("{CREDENTIALS_HELP}\n\n{EXIT_CODES_HELP}")
}

/// `examples`, then credentials and exit codes.
fn after_help_with(examples: &str) -> String {
    format!("{examples}\n\n{}", after_help())
}

/// Create Customer Portal links and manage customer data from the shell (try --fake: no account needed).
#[derive(Debug, Parser)]
#[command(name = "seam", version, after_help = after_help_with(TOP_EXAMPLES))]
pub struct Cli {
    /// Options shared by every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// How results are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Just the useful part: the portal URL, or nothing for data commands.
    #[default]
    Text,
    /// The typed response as pretty JSON.
    Json,
}

/// Options accepted before or after any subcommand.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Run against an embedded fake of the API (no account, no network); uses the fake's own key.
    #[arg(help_heading = "Global options", long, global = true, conflicts_with_all = ["endpoint", "api_key"])]
    pub fake: bool,

    /// Validate and build the request, print it as JSON (secrets redacted) and send nothing.
    /// Works offline: without credentials a placeholder key is used.
    #[arg(help_heading = "Global options", long, global = true)]
    pub dry_run: bool,

    /// Base URL of the API (default: the SDK's, or SEAM_ENDPOINT).
    #[arg(
        help_heading = "Global options",
        long,
        global = true,
        value_name = "URL"
    )]
    pub endpoint: Option<String>,

    /// Time allowed for the whole call, retries included (also caps each attempt): 30s, 500ms, 2m, 1m30s.
    #[arg(help_heading = "Global options", long, global = true, value_name = "DURATION", value_parser = parse_timeout)]
    pub timeout: Option<Duration>,

    /// The most bytes `--body` may hold (a file or stdin); more is refused before parsing.
    #[arg(
        help_heading = "Global options",
        long,
        global = true,
        value_name = "BYTES",
        default_value_t = DEFAULT_MAX_BODY_BYTES,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub max_body_bytes: u64,

    /// How many times to RETRY after a failed first attempt (0 = try once). Default: the SDK's policy.
    #[arg(help_heading = "Global options", long, global = true, value_name = "N")]
    pub retries: Option<u32>,

    /// API key. Prefer SEAM_API_KEY: a key given here is saved in your shell history.
    #[arg(
        help_heading = "Global options",
        long,
        global = true,
        value_name = "KEY"
    )]
    pub api_key: Option<String>,

    /// Workspace to act in, for personal access tokens (or SEAM_WORKSPACE_ID).
    #[arg(
        help_heading = "Global options",
        long,
        global = true,
        value_name = "ID"
    )]
    pub workspace_id: Option<String>,

    /// Output format.
    #[arg(help_heading = "Global options", long, short = 'o', global = true, value_enum, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,
}

/// Top-level commands.
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process; boxing buys nothing
pub enum Command {
    /// Customer Portal links and customer data.
    #[command(subcommand, after_help = after_help_with(TOP_EXAMPLES))]
    Customers(CustomersCommand),
    /// Run a fake of the Seam API on loopback until Ctrl-C (its portal links open in a browser).
    #[command(after_help = crate::fake_server::FAKE_EXAMPLES)]
    Fake(crate::fake_server::FakeArgs),
    /// Print a shell completion script to stdout.
    Completions {
        /// The shell to generate for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// `seam customers ...`
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process; boxing buys nothing
pub enum CustomersCommand {
    /// Create a magic link to a hosted Customer Portal and print its URL.
    #[command(after_help = after_help_with(CREATE_PORTAL_EXAMPLES))]
    CreatePortal(CreatePortalArgs),
    /// Send customer data (spaces, reservations, users, ...) from a JSON body.
    #[command(after_help = after_help_with(PUSH_DATA_EXAMPLES))]
    PushData(PushDataArgs),
    /// Delete customer data by key; repeat a flag to name several keys.
    #[command(after_help = after_help_with(DELETE_DATA_EXAMPLES))]
    DeleteData(DeleteDataArgs),
}

/// Flags of `seam customers create-portal`. Flags override the same fields in `--body`.
#[derive(Debug, Args)]
pub struct CreatePortalArgs {
    /// A full JSON request from FILE, or `-` for stdin.
    #[arg(long, value_name = "FILE")]
    pub body: Option<PathBuf>,

    /// The customer the portal is for (sets customer_data.customer_key).
    #[arg(long, value_name = "KEY")]
    pub customer_key: Option<String>,

    /// Portal language.
    #[arg(long, value_name = "LOCALE", value_parser = PossibleValuesParser::new(Locale::KNOWN.iter().copied()))]
    pub locale: Option<String>,

    /// Make the portal suitable for an iframe (`--embedded=false` to turn off).
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub embedded: Option<bool>,

    /// Let the customer look but not change anything (`--read-only=false` to turn off).
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub read_only: Option<bool>,

    /// Hide the language picker (`--exclude-locale-picker=false` to show it).
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub exclude_locale_picker: Option<bool>,

    /// How freely the customer may move around the portal.
    #[arg(long, value_name = "MODE", value_parser = PossibleValuesParser::new(NavigationMode::KNOWN.iter().copied()))]
    pub navigation_mode: Option<String>,

    /// Look and feel to apply (a UUID).
    #[arg(long, value_name = "UUID")]
    pub customization_profile_id: Option<String>,

    /// Open the portal on one resource: KIND=KEY, KIND one of space, property, room, common_area,
    /// unit, facility, building, listing, property_listing, site, reservation, booking, access_grant.
    #[arg(long, value_name = "KIND=KEY", value_parser = parse_landing)]
    pub landing_page: Option<KindKey>,

    /// Link straight to one resource: KIND=KEY, KIND one of reservation, space, device (KEY is the
    /// device id).
    #[arg(long, value_name = "KIND=KEY", value_parser = parse_deep_link)]
    pub deep_link: Option<KindKey>,
}

/// Flags of `seam customers push-data`.
#[derive(Debug, Args)]
pub struct PushDataArgs {
    /// The JSON request from FILE, or `-` for stdin.
    #[arg(long, value_name = "FILE")]
    pub body: PathBuf,

    /// Override the body's customer_key.
    #[arg(long, value_name = "KEY")]
    pub customer_key: Option<String>,
}

/// Flags of `seam customers delete-data`: each names keys of one kind; repeat to give several.
/// A flag given replaces that list in `--body`.
#[derive(Debug, Args)]
pub struct DeleteDataArgs {
    /// A JSON request from FILE, or `-` for stdin (lists of keys by kind).
    #[arg(long, value_name = "FILE")]
    pub body: Option<PathBuf>,
    /// Delete everything stored for this customer.
    #[arg(long, value_name = "KEY")]
    pub customer_key: Vec<String>,
    /// Space to delete.
    #[arg(long, value_name = "KEY")]
    pub space_key: Vec<String>,
    /// Property to delete.
    #[arg(long, value_name = "KEY")]
    pub property_key: Vec<String>,
    /// Room to delete.
    #[arg(long, value_name = "KEY")]
    pub room_key: Vec<String>,
    /// Common area to delete.
    #[arg(long, value_name = "KEY")]
    pub common_area_key: Vec<String>,
    /// Unit to delete.
    #[arg(long, value_name = "KEY")]
    pub unit_key: Vec<String>,
    /// Facility to delete.
    #[arg(long, value_name = "KEY")]
    pub facility_key: Vec<String>,
    /// Building to delete.
    #[arg(long, value_name = "KEY")]
    pub building_key: Vec<String>,
    /// Listing to delete.
    #[arg(long, value_name = "KEY")]
    pub listing_key: Vec<String>,
    /// Property listing to delete.
    #[arg(long, value_name = "KEY")]
    pub property_listing_key: Vec<String>,
    /// Guest to delete.
    #[arg(long, value_name = "KEY")]
    pub guest_key: Vec<String>,
    /// Tenant to delete.
    #[arg(long, value_name = "KEY")]
    pub tenant_key: Vec<String>,
    /// Resident to delete.
    #[arg(long, value_name = "KEY")]
    pub resident_key: Vec<String>,
    /// User to delete.
    #[arg(long, value_name = "KEY")]
    pub user_key: Vec<String>,
    /// User identity to delete.
    #[arg(long, value_name = "KEY")]
    pub user_identity_key: Vec<String>,
    /// Reservation to delete.
    #[arg(long, value_name = "KEY")]
    pub reservation_key: Vec<String>,
    /// Booking to delete.
    #[arg(long, value_name = "KEY")]
    pub booking_key: Vec<String>,
    /// Access grant to delete.
    #[arg(long, value_name = "KEY")]
    pub access_grant_key: Vec<String>,
    /// Staff member to delete.
    #[arg(long, value_name = "KEY")]
    pub staff_member_key: Vec<String>,
}

impl DeleteDataArgs {
    /// Each key list with its JSON field name, in the contract's order.
    pub fn lists(&self) -> [(&'static str, &[String]); 19] {
        [
            ("customer_keys", &self.customer_key),
            ("space_keys", &self.space_key),
            ("property_keys", &self.property_key),
            ("room_keys", &self.room_key),
            ("common_area_keys", &self.common_area_key),
            ("unit_keys", &self.unit_key),
            ("facility_keys", &self.facility_key),
            ("building_keys", &self.building_key),
            ("listing_keys", &self.listing_key),
            ("property_listing_keys", &self.property_listing_key),
            ("guest_keys", &self.guest_key),
            ("tenant_keys", &self.tenant_key),
            ("resident_keys", &self.resident_key),
            ("user_keys", &self.user_key),
            ("user_identity_keys", &self.user_identity_key),
            ("reservation_keys", &self.reservation_key),
            ("booking_keys", &self.booking_key),
            ("access_grant_keys", &self.access_grant_key),
            ("staff_member_keys", &self.staff_member_key),
        ]
    }
}

/// Units `--timeout` accepts (humantime's spellings of milliseconds, seconds and minutes); a call
/// that may take hours is a mistake worth an error.
const TIMEOUT_UNITS: &[&str] = &[
    "ms", "msec", "s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute", "minutes",
];

/// clap value parser for `--timeout`: a humantime duration (`30s`, `500ms`, `1m30s`) in
/// milliseconds, seconds or minutes, a bare number of seconds, or one decimal number with one
/// unit (`1.5s`, `0.5`, `2.5m`: humantime takes whole numbers only); never zero.
fn parse_timeout(raw: &str) -> Result<Duration, String> {
    let text = raw.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return positive(Duration::from_secs(seconds), raw);
    }
    if let Some(duration) = decimal_timeout(text) {
        return positive(duration, raw);
    }
    for unit in text
        .split(|c: char| c.is_ascii_digit() || c.is_whitespace())
        .filter(|u| !u.is_empty())
    {
        if !TIMEOUT_UNITS.contains(&unit) {
            return Err(format!(
                "unknown unit `{unit}` in `{raw}`; use ms, s or m (e.g. 30s, 500ms, 2m, 1m30s)"
            ));
        }
    }
    let duration = humantime::parse_duration(text)
        .map_err(|e| format!("`{raw}` is not a duration ({e}); use e.g. 30s, 500ms or 2m"))?;
    positive(duration, raw)
}

/// `N.F` followed by nothing (seconds) or by one of `ms`, `s`, `m` (and their longer spellings),
/// as a duration; `None` for anything else, which humantime then reads or explains.
fn decimal_timeout(text: &str) -> Option<Duration> {
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = (&text[..split], text[split..].trim_start());
    let (whole, fraction) = number.split_once('.')?;
    if whole.is_empty() || fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: f64 = number.parse().ok()?;
    let scale = match unit {
        "" | "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
        "ms" | "msec" => 0.001,
        "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
        _ => return None,
    };
    Duration::try_from_secs_f64(value * scale).ok()
}

fn positive(duration: Duration, raw: &str) -> Result<Duration, String> {
    if duration.is_zero() {
        Err(format!("`{raw}` must be greater than zero"))
    } else {
        Ok(duration)
    }
}

/// Conflicts clap cannot see: a global flag given before the subcommand and another after it
/// (`seam --endpoint URL customers create-portal --fake`). clap's own `conflicts_with` covers
/// flags written on the same side.
pub fn check_conflicts(cli: &Cli) -> Result<(), clap::Error> {
    let global = &cli.global;
    let clash = if !global.fake {
        None
    } else if global.endpoint.is_some() {
        Some("--endpoint <URL>")
    } else if global.api_key.is_some() {
        Some("--api-key <KEY>")
    } else {
        None
    };
    match clash {
        None => Ok(()),
        Some(other) => {
            use clap::CommandFactory;
            Err(Cli::command().error(
                clap::error::ErrorKind::ArgumentConflict,
                format!("the argument '--fake' cannot be used with '{other}'"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn timeouts_take_humantime_durations_in_sensible_units() {
        assert_eq!(parse_timeout("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_timeout("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_timeout("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_timeout("1m 30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_timeout("7"), Ok(Duration::from_secs(7)));
        assert_eq!(parse_timeout("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_timeout("0.5"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_timeout("2.5m"), Ok(Duration::from_secs(150)));
        assert_eq!(parse_timeout("2.5 ms"), Ok(Duration::from_micros(2500)));
        for bad in [
            "", "s", "0s", "0", "abc", "-5s", "1..2s", "0.0s", ".5s", "5.s", "1.5h", "1.5s2",
            "1e3s",
        ] {
            assert!(parse_timeout(bad).is_err(), "{bad:?}");
        }
        assert!(parse_timeout("10h")
            .unwrap_err()
            .contains("unknown unit `h`"));
    }

    #[test]
    fn fake_conflicts_with_endpoint_and_key_on_either_side() {
        for argv in [
            &[
                "seam",
                "--fake",
                "customers",
                "create-portal",
                "--endpoint",
                "http://127.0.0.1:1",
            ][..],
            &[
                "seam",
                "--endpoint",
                "http://127.0.0.1:1",
                "customers",
                "create-portal",
                "--fake",
            ],
            &[
                "seam",
                "--api-key",
                "k",
                "customers",
                "delete-data",
                "--fake",
            ],
            &[
                "seam",
                "customers",
                "push-data",
                "--fake",
                "--body",
                "-",
                "--endpoint",
                "x",
            ],
        ] {
            let conflict = match Cli::try_parse_from(argv) {
                Err(e) => e,
                Ok(cli) => check_conflicts(&cli).expect_err(&argv.join(" ")),
            };
            assert_eq!(conflict.kind(), clap::error::ErrorKind::ArgumentConflict);
        }
        let fine = Cli::try_parse_from(["seam", "--fake", "customers", "create-portal"]).unwrap();
        assert!(check_conflicts(&fine).is_ok());
    }

    #[test]
    fn the_command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn help_lists_the_exit_codes() {
        let help = Cli::command().render_long_help().to_string();
        assert!(
            help.contains("2  usage error or invalid input; nothing was sent"),
            "{help}"
        );
        assert!(help.contains("SEAM_API_KEY"), "{help}");
        assert!(
            help.contains("create-portal --fake --customer-key acme"),
            "{help}"
        );
    }

    #[test]
    fn every_command_help_has_examples_that_parse() {
        let examples = [
            TOP_EXAMPLES,
            CREATE_PORTAL_EXAMPLES,
            PUSH_DATA_EXAMPLES,
            DELETE_DATA_EXAMPLES,
            crate::fake_server::FAKE_EXAMPLES,
        ];
        let mut seen = 0;
        for block in examples {
            for line in block.lines().skip(1) {
                let Some(cmd) = line.trim().split(" # ").next() else {
                    continue;
                };
                let Some(rest) = cmd.trim().strip_prefix("seam ") else {
                    continue;
                };
                let rest = rest.trim_end_matches('\\').trim();
                let argv = std::iter::once("seam").chain(rest.split_whitespace());
                if let Err(e) = Cli::try_parse_from(argv) {
                    panic!("example `{cmd}` does not parse: {e}");
                }
                seen += 1;
            }
        }
        assert!(seen >= 10, "{seen}");
        for sub in ["create-portal", "push-data", "delete-data"] {
            let mut cmd = Cli::command();
            let help = cmd
                .find_subcommand_mut("customers")
                .and_then(|c| c.find_subcommand_mut(sub))
                .map(|c| c.render_long_help().to_string())
                .unwrap_or_default();
            assert!(help.contains("Examples:"), "{sub}: {help}");
            assert!(help.contains("Exit codes:"), "{sub}: {help}");
        }
    }

    #[test]
    fn delete_lists_cover_every_flag() {
        let args = Cli::try_parse_from([
            "seam",
            "customers",
            "delete-data",
            "--staff-member-key",
            "s",
        ]);
        let Command::Customers(CustomersCommand::DeleteData(d)) = args.unwrap().command else {
            panic!("wrong subcommand");
        };
        let lists = d.lists();
        assert_eq!(
            lists.last().unwrap(),
            &("staff_member_keys", &["s".to_owned()][..])
        );
        let flags = Cli::command()
            .find_subcommand("customers")
            .and_then(|c| c.find_subcommand("delete-data"))
            .map(|c| {
                c.get_arguments()
                    .filter(|a| a.get_id().as_str().ends_with("_key"))
                    .count()
            });
        assert_eq!(flags, Some(lists.len()));
    }

    #[test]
    fn boolean_flags_take_an_optional_value() {
        let parsed = Cli::try_parse_from([
            "seam",
            "customers",
            "create-portal",
            "--embedded",
            "--read-only=false",
        ])
        .unwrap();
        let Command::Customers(CustomersCommand::CreatePortal(c)) = parsed.command else {
            panic!("wrong subcommand");
        };
        assert_eq!(c.embedded, Some(true));
        assert_eq!(c.read_only, Some(false));
        assert_eq!(c.exclude_locale_picker, None);
    }
}
