//! The one runner every API command goes through: read the body, apply the flags, validate, then
//! dry-run or send, then print. A command is described once, as a [`Command`] (see
//! `customers.rs`, one row per operation); nothing here knows which operation it runs.

use std::path::Path;

use bytes::Bytes;
use seam_core::operation::Operation;
use seam_http::{Call, Seam};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::args::{GlobalArgs, OutputFormat};
use crate::exit::CliError;
use crate::origins::annotate;
use crate::output;
use crate::sdk_error::from_sdk;
use crate::target::{resolve, Target};
use crate::typed::from_body;

/// One CLI command for one API operation: how its body and flags make the request, how it is
/// sent, and how its answer is printed.
pub trait Command {
    /// The SDK operation the command runs.
    type Op: Operation + 'static;
    /// The typed request `--body` is read into.
    type Body: DeserializeOwned;
    /// What the operation serializes as its JSON body.
    type Sent: Serialize;

    /// The `--body` source given, if any.
    fn body(&self) -> Option<&Path>;
    /// `(JSON path, flag)` for each flag given, so a problem at a path can name its flag.
    fn origins(&self) -> Vec<(&'static str, String)>;
    /// The operation: the body (or none) with the flags applied on the typed value.
    fn operation(&self, body: Option<Self::Body>) -> Result<Self::Op, CliError>;
    /// The value `op` sends as its JSON body (exactly what its `Operation::body` serializes), or
    /// `None` when it sends no body. The dry run prints it by streaming its serialization.
    fn sent(op: &Self::Op) -> Option<&Self::Sent>;
    /// The SDK call that sends `op` (the request moved into it, so the call is `'static`).
    fn call(
        seam: &Seam,
        op: Self::Op,
    ) -> Call<'static, impl Operation<Output = Answer<Self>> + 'static>;
    /// Prints a successful answer.
    fn print(
        output: &<Self::Op as Operation>::Output,
        format: OutputFormat,
    ) -> Result<(), CliError>;
    /// Runs after the answer was printed (create-portal: keeps `--fake` serving the new link for
    /// a person at a terminal); nothing by default.
    #[allow(async_fn_in_trait)] // used within this binary only, on a current-thread runtime
    async fn after_print(_target: &Target) -> Result<(), CliError> {
        Ok(())
    }
}

/// The typed answer of a command's operation.
pub type Answer<C> = <<C as Command>::Op as Operation>::Output;

/// Reads the body and flags of `command` into its operation and validates it (by reference, no
/// copy); any problem is a usage error (exit 2) listing every violation by JSON path, with the flag
/// that set it, and nothing is sent.
pub fn prepare<C: Command>(global: &GlobalArgs, command: &C) -> Result<C::Op, CliError> {
    let origins = command.origins();
    let body = match command.body() {
        Some(source) => Some(from_body::<C::Body>(source, global.max_body_bytes)?),
        None => None,
    };
    let op = command.operation(body).map_err(|e| annotate(e, &origins))?;
    op.validate()
        .map_err(|e| annotate(from_sdk(&e.into()), &origins))?;
    Ok(op)
}

/// Runs `command`: prepare, resolve where to send, then dry-run or send and print.
pub async fn run<C: Command>(global: &GlobalArgs, command: &C) -> Result<(), CliError> {
    if global.api_key.is_some() {
        output::note(
            "warning: --api-key leaves the key in your shell history; prefer the SEAM_API_KEY environment variable",
        )?;
    }
    let op = prepare(global, command)?;
    let target = resolve(global).await?;
    if global.dry_run {
        return dry_run::<C>(&target, &op);
    }
    let seam = Seam::new(target.config.clone()).map_err(|e| from_sdk(&e))?;
    let answer = C::call(&seam, op).send().await.map_err(|e| from_sdk(&e))?;
    C::print(&answer, global.output)?;
    C::after_print(&target).await
}

/// Builds the request exactly as the SDK would (method, URL, headers) and prints it, redacted,
/// with the body the SDK would send streamed from its serialization: a large body is never held
/// as bytes next to the typed request, so the dry run needs about the memory of the typed request.
fn dry_run<C: Command>(target: &Target, op: &C::Op) -> Result<(), CliError> {
    let sent = C::sent(op);
    let head =
        seam_core::build_head(&target.config, op, sent.is_some()).map_err(|e| from_sdk(&e))?;
    let request = http::Request::from_parts(head, Bytes::new());
    output::stdout_with(|out| {
        match sent {
            Some(body) => crate::dry_run::write_streamed(out, &request, body)?,
            None => crate::dry_run::write(out, &request)?,
        }
        out.write_all(b"\n")
    })
}
