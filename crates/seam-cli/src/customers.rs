//! `seam customers ...`: turn flags into a typed request, then dry-run it or send it.

use seam_core::operation::{CreatePortal, DeleteData, Operation, PushData};
use seam_types::{CreatePortalRequest, DeleteDataRequest, PushDataRequest};

use crate::args::{CustomersCommand, GlobalArgs};
use crate::dry_run;
use crate::exit::CliError;
use crate::origins::{annotate, flag_origins};
use crate::output::{print_json, print_ok, print_portal};
use crate::request::{create_portal_json, delete_data_json, push_data_json};
use crate::sdk_error::from_sdk;
use crate::send;
use crate::target::{resolve, Target};
use crate::typed::to_typed;

/// One typed request, ready to validate, build and send.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // one per process, moved once
pub enum Call {
    /// `POST /customers/create_portal`
    CreatePortal(CreatePortalRequest),
    /// `POST /customers/push_data`
    PushData(PushDataRequest),
    /// `DELETE /customers/delete_data`
    DeleteData(DeleteDataRequest),
}

/// Reads body and flags into a typed request and validates it; any problem is a usage error
/// (exit 2) listing every violation by JSON path, and nothing is sent.
pub fn prepare(command: &CustomersCommand) -> Result<Call, CliError> {
    let origins = flag_origins(command);
    let call = read(command).map_err(|e| annotate(e, &origins))?;
    let checked = match &call {
        Call::CreatePortal(r) => CreatePortal(r.clone()).validate(),
        Call::PushData(r) => PushData(r.clone()).validate(),
        Call::DeleteData(r) => DeleteData(r.clone()).validate(),
    };
    checked.map_err(|e| annotate(from_sdk(&e.into()), &origins))?;
    Ok(call)
}

fn read(command: &CustomersCommand) -> Result<Call, CliError> {
    Ok(match command {
        CustomersCommand::CreatePortal(args) => {
            Call::CreatePortal(to_typed(&create_portal_json(args)?)?)
        }
        CustomersCommand::PushData(args) => Call::PushData(to_typed(&push_data_json(args)?)?),
        CustomersCommand::DeleteData(args) => Call::DeleteData(to_typed(&delete_data_json(args)?)?),
    })
}

/// Runs one `customers` subcommand: prepare, resolve where to send, then dry-run or send.
pub async fn run(global: &GlobalArgs, command: &CustomersCommand) -> Result<(), CliError> {
    if global.api_key.is_some() {
        eprintln!(
            "warning: --api-key leaves the key in your shell history; prefer the SEAM_API_KEY environment variable"
        );
    }
    let call = prepare(command)?;
    let target = resolve(global).await?;
    if global.dry_run {
        return match call {
            Call::CreatePortal(r) => print_dry_run(&target, &CreatePortal(r)),
            Call::PushData(r) => print_dry_run(&target, &PushData(r)),
            Call::DeleteData(r) => print_dry_run(&target, &DeleteData(r)),
        };
    }
    let format = global.output;
    match call {
        Call::CreatePortal(r) => {
            print_portal(&send::create_portal(&target, r).await?, format)?;
            crate::fake_server::linger_if_interactive(target._fake.as_ref()).await
        }
        Call::PushData(r) => print_ok(&send::push_data(&target, r).await?, format),
        Call::DeleteData(r) => print_ok(&send::delete_data(&target, r).await?, format),
    }
}

/// Builds the request exactly as the SDK would (validation included) and prints it, redacted.
fn print_dry_run<O: Operation>(target: &Target, op: &O) -> Result<(), CliError> {
    let request = seam_core::build(&target.config, op).map_err(|e| from_sdk(&e))?;
    print_json(&dry_run::describe(&request))
}
