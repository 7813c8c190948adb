//! Sending for real: one call through the SDK client (`seam_http::Seam`), with its timeouts and retries.

use seam_http::Seam;
use seam_types::{
    CreatePortalRequest, CustomerPortal, DeleteDataRequest, OkResponse, PushDataRequest,
};

use crate::exit::CliError;
use crate::sdk_error::from_sdk;
use crate::target::Target;

fn client(target: &Target) -> Result<Seam, CliError> {
    Seam::new(target.config.clone()).map_err(|e| from_sdk(&e))
}

/// `POST /customers/create_portal`: the new portal.
pub async fn create_portal(
    target: &Target,
    request: CreatePortalRequest,
) -> Result<CustomerPortal, CliError> {
    client(target)?
        .customers()
        .create_portal(request)
        .await
        .map_err(|e| from_sdk(&e))
}

/// `POST /customers/push_data`.
pub async fn push_data(target: &Target, request: PushDataRequest) -> Result<OkResponse, CliError> {
    client(target)?
        .customers()
        .push_data(request)
        .await
        .map_err(|e| from_sdk(&e))
}

/// `DELETE /customers/delete_data` (keys in the query string).
pub async fn delete_data(
    target: &Target,
    request: DeleteDataRequest,
) -> Result<OkResponse, CliError> {
    client(target)?
        .customers()
        .delete_data(request)
        .await
        .map_err(|e| from_sdk(&e))
}
