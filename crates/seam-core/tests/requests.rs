//! The exact wire requests: every operation under every credential kind, pinned as insta snapshots.

mod common;

use common::{render_request, API_KEY, CONSOLE_JWT, PAT, WORKSPACE_ID};
use seam_core::operation::{CreateDeepLink, CreatePortal, DeleteData, Operation, PushData};
use seam_core::{build, Config, Credentials};
use seam_types::{
    Building, CreateDeepLinkRequest, CreatePortalRequest, CustomerData, DeleteDataRequest, Guest,
    Locale, PushDataRequest,
};

fn credentials() -> [(&'static str, Credentials); 3] {
    [
        ("api_key", Credentials::api_key(API_KEY).expect("api key")),
        (
            "pat",
            Credentials::personal_access_token(PAT, WORKSPACE_ID).expect("pat"),
        ),
        (
            "console_session",
            Credentials::console_session_token(CONSOLE_JWT, WORKSPACE_ID).expect("console"),
        ),
    ]
}

fn config(credentials: Credentials) -> Config {
    Config::builder()
        .credentials(credentials)
        .build()
        .expect("valid config")
}

fn create_portal() -> CreatePortal {
    CreatePortal(
        CreatePortalRequest::new()
            .with_customer_data(
                CustomerData::new("customer-1")
                    .push_building(Building::new("building-1", "Main building")),
            )
            .with_locale(Locale::FrFr)
            .with_is_embedded(true),
    )
}

fn push_data() -> PushData {
    PushData(
        PushDataRequest::new("customer-1")
            .push_guest(Guest::new("guest-1", "Ada").with_email_address("ada@example.com")),
    )
}

fn delete_data() -> DeleteData {
    DeleteData(
        DeleteDataRequest::new()
            .with_space_keys(Vec::<String>::new())
            .with_customer_keys(["customer 1", "c&2=é", "a,b", "*-._~+%"])
            .with_building_keys(["x"]),
    )
}

fn check<O: Operation>(name: &str, op: &O) {
    for (kind, creds) in credentials() {
        let request = build(&config(creds), op).expect("a valid request builds");
        let rendered = render_request(&request);
        for secret in [API_KEY, PAT, CONSOLE_JWT] {
            assert!(
                !rendered.contains(secret),
                "secret leaked into {name}/{kind}"
            );
        }
        insta::assert_snapshot!(format!("{name}__{kind}"), rendered);
    }
}

#[test]
fn create_portal_requests() {
    check("create_portal", &create_portal());
}

#[test]
fn push_data_requests() {
    check("push_data", &push_data());
}

#[test]
fn delete_data_requests() {
    check("delete_data", &delete_data());
}

#[test]
fn create_deep_link_request() {
    let op = CreateDeepLink(CreateDeepLinkRequest::new("customer-1", "reservation-9"));
    let request = build(&config(credentials()[0].1.clone()), &op).expect("builds");
    insta::assert_snapshot!(render_request(&request));
}

#[test]
fn authorization_carries_the_secret_but_is_sensitive() {
    for (kind, creds) in credentials() {
        let workspace = creds.workspace_id().map(str::to_owned);
        let request = build(&config(creds), &create_portal()).expect("builds");
        let auth = &request.headers()["authorization"];
        assert!(auth.is_sensitive(), "{kind}");
        assert!(auth.as_bytes().starts_with(b"Bearer "), "{kind}");
        assert_eq!(
            request
                .headers()
                .get("seam-workspace")
                .map(|v| v.to_str().expect("ascii").to_owned()),
            workspace,
            "{kind}"
        );
    }
}

#[test]
fn an_invalid_request_is_never_built() {
    let op = PushData(PushDataRequest::new("").push_building(Building::new("", "x")));
    let err = build(&config(credentials()[0].1.clone()), &op).expect_err("invalid");
    assert!(err.is_validation());
    let violations = err.validation_errors().expect("client-side violations");
    let paths: Vec<&str> = violations
        .violations()
        .iter()
        .map(|v| v.path.as_str())
        .collect();
    assert!(paths.contains(&"customer_key"), "{paths:?}");
    assert!(paths.contains(&"buildings[0].building_key"), "{paths:?}");
    assert!(err.to_string().contains("customer_key"), "{err}");
}

#[test]
fn base_path_and_extra_headers() {
    let config = Config::builder()
        .credentials(Credentials::api_key(API_KEY).expect("key"))
        .endpoint("https://proxy.example/seam/")
        .header("user-agent", "my-app/1.0")
        .header("x-trace", "t-1")
        .build()
        .expect("config");
    let request = build(&config, &delete_data()).expect("builds");
    assert_eq!(
        request.uri().to_string(),
        "https://proxy.example/seam/customers/delete_data?building_keys=x&customer_keys=customer+1\
         &customer_keys=c%262%3D%C3%A9&customer_keys=a%2Cb&customer_keys=*-._%7E%2B%25&space_keys=\
         &_strict=true"
    );
    assert_eq!(request.headers()["user-agent"], "my-app/1.0");
    assert_eq!(request.headers().get_all("user-agent").iter().count(), 1);
    assert_eq!(request.headers()["x-trace"], "t-1");
}

#[test]
fn an_empty_delete_key_is_refused_because_the_query_cannot_carry_it() {
    let config = config(Credentials::api_key(API_KEY).expect("key"));
    let op = DeleteData(
        DeleteDataRequest::new()
            .with_customer_keys(["c1", ""])
            .with_space_keys([""]),
    );
    let err = build(&config, &op).expect_err("an empty key");
    let paths: Vec<&str> = err
        .validation_errors()
        .expect("client-side validation")
        .violations()
        .iter()
        .map(|v| v.path.as_str())
        .collect();
    assert_eq!(paths, ["customer_keys[1]", "space_keys[0]"]);
    // No list at all is allowed by the contract (a no-op): built, with no query string.
    let request = build(&config, &DeleteData(DeleteDataRequest::new())).expect("empty request");
    assert_eq!(request.uri().query(), None);
}
