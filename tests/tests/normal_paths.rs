//! The SDK against seam-fake on the happy paths: create_portal, push_data + portal page, delete_data, PAT auth.

mod common;

use std::time::Duration;

use common::{client, create_portal, raw_get};
use seam_fake::FakeSeam;
use seam_http::{CreatePortalRequest, CustomerData, DeleteDataRequest, PushDataRequest, Seam};
use seam_types::{Building, Space};

#[tokio::test]
async fn create_portal_returns_a_fresh_link_on_the_fake() {
    let fake = FakeSeam::start().await.unwrap();
    let seam = client(&fake).build().unwrap();
    let first = create_portal(&seam).await.result.unwrap();
    let second = create_portal(&seam).await.result.unwrap();
    assert_eq!(first.customer_key, "cust");
    assert_eq!(
        first.workspace_id.to_string(),
        fake.workspace_id().to_string()
    );
    assert!(first
        .url
        .as_str()
        .starts_with(&format!("{}/portal/", fake.base_url())));
    assert_ne!(first.url, second.url);
    assert_eq!(fake.counters().requests("/customers/create_portal"), 2);
    assert_eq!(
        fake.counters().connections(),
        1,
        "the client reuses its connection"
    );
}

#[tokio::test]
async fn pushed_data_shows_on_the_portal_page_and_delete_removes_it() {
    let fake = FakeSeam::start().await.unwrap();
    let seam = client(&fake).build().unwrap();
    let push = PushDataRequest::new("acme")
        .with_buildings(vec![Building::new("b1", "North <Tower>")])
        .with_spaces(vec![
            Space::new("s1", "Room 101"),
            Space::new("s2", "Room 102"),
        ]);
    seam.customers().push_data(push).await.unwrap();
    let portal = seam
        .customers()
        .create_portal(CreatePortalRequest::new().with_customer_data(CustomerData::new("acme")))
        .await
        .unwrap();
    let path = portal.url.path().to_owned();
    let (status, page) = raw_get(fake.addr(), &path).await;
    assert_eq!(status, 200);
    assert!(page.contains("North &lt;Tower&gt;"));
    assert!(page.contains("Room 101") && page.contains("Room 102"));

    seam.customers()
        .delete_data(DeleteDataRequest::new().with_space_keys(["s1"]))
        .await
        .unwrap();
    let (_, page) = raw_get(fake.addr(), &path).await;
    assert!(!page.contains("Room 101"));
    assert!(page.contains("Room 102"));

    seam.customers()
        .delete_data(DeleteDataRequest::new().with_customer_keys(["acme"]))
        .await
        .unwrap();
    assert!(fake.customer_data("acme").is_none());
    assert_eq!(fake.counters().requests("/customers/delete_data"), 2);
}

#[tokio::test]
async fn personal_access_token_with_workspace_is_accepted() {
    let fake = FakeSeam::start().await.unwrap();
    let seam = Seam::builder()
        .personal_access_token(
            fake.personal_access_token(),
            fake.workspace_id().to_string(),
        )
        .endpoint(fake.base_url())
        .timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    let portal = create_portal(&seam).await.result.unwrap();
    assert_eq!(portal.customer_key, "cust");

    let wrong = Seam::builder()
        .personal_access_token(
            fake.personal_access_token(),
            "00000000-0000-4000-8000-000000000000",
        )
        .endpoint(fake.base_url())
        .timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    let out = create_portal(&wrong).await;
    let err = out.err();
    assert!(err.is_unauthorized());
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(err.api_error_code(), Some("unauthorized"));
    assert!(err.request_id().is_some());
    common::assert_no_secrets(err, &fake);
}

#[tokio::test]
async fn a_wrong_api_key_is_unauthorized() {
    let fake = FakeSeam::start().await.unwrap();
    let seam = client(&fake).api_key("seam_wrong_key_1").build().unwrap();
    let out = create_portal(&seam).await;
    assert!(out.err().is_unauthorized());
    assert_eq!(out.report.attempts, 1);
}
