//! Pins the exact JSON of requests: minimal, fullest, every landing page and deep link shape,
//! push_data and delete_data (plus delete_data's query pairs).

mod common;

use seam_types::{CreatePortalRequest, CustomerData, DeleteDataRequest, LandingPage};

fn pretty<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).expect("serializes")
}

#[test]
fn minimal_create_portal_is_an_empty_object() {
    let req = CreatePortalRequest::new();
    assert_eq!(serde_json::to_string(&req).unwrap(), "{}");
    insta::assert_snapshot!("create_portal_minimal", pretty(&req));
}

#[test]
fn minimal_create_portal_with_customer() {
    let req = CreatePortalRequest::new().with_customer_data(CustomerData::new("customer-1"));
    insta::assert_snapshot!("create_portal_minimal_customer", pretty(&req));
}

#[test]
fn full_create_portal() {
    insta::assert_snapshot!("create_portal_full", pretty(&common::full_create_portal()));
}

#[test]
fn each_landing_page_shape() {
    let pages = common::all_landing_pages();
    assert_eq!(pages.len(), 13);
    for page in pages {
        let (key, _) = page.key_and_value();
        let req = CreatePortalRequest::new().with_landing_page(LandingPage::from(page.clone()));
        insta::assert_snapshot!(format!("landing_page_{key}"), pretty(&req));
    }
}

#[test]
fn each_deep_link_shape() {
    let links = common::all_deep_links();
    for (link, kind) in links.into_iter().zip(seam_types::DeepLink::RESOURCE_TYPES) {
        let req = CreatePortalRequest::new().with_deep_link(link);
        insta::assert_snapshot!(format!("deep_link_{kind}"), pretty(&req));
    }
}

#[test]
fn push_data() {
    let req: seam_types::PushDataRequest = common::full_customer_data();
    insta::assert_snapshot!("push_data_full", pretty(&req));
}

#[test]
fn delete_data() {
    let req = DeleteDataRequest::new()
        .with_customer_keys(["customer-1"])
        .with_building_keys(["b-1", "b-2"])
        .with_staff_member_keys(Vec::<String>::new());
    insta::assert_snapshot!("delete_data", pretty(&req));
    insta::assert_debug_snapshot!("delete_data_query_pairs", req.query_pairs());
}

#[test]
fn full_delete_data() {
    insta::assert_snapshot!("delete_data_full", pretty(&common::full_delete_data()));
}
