//! `seam customers ...`: one row per operation, all run by the generic runner in `run.rs`.

use std::path::Path;

use seam_core::operation::{CreatePortal, DeleteData, Operation, PushData};
use seam_http::{Call, Seam};
use seam_types::{CreatePortalRequest, DeleteDataRequest, PushDataRequest};

use crate::args::{
    CreatePortalArgs, CustomersCommand, DeleteDataArgs, GlobalArgs, OutputFormat, PushDataArgs,
};
use crate::exit::CliError;
use crate::origins;
use crate::output::{print_ok, print_portal};
use crate::request;
use crate::run::{run, Answer, Command};
use crate::target::Target;

/// Runs one `customers` subcommand.
pub async fn dispatch(global: &GlobalArgs, command: &CustomersCommand) -> Result<(), CliError> {
    match command {
        CustomersCommand::CreatePortal(args) => run(global, args).await,
        CustomersCommand::PushData(args) => run(global, args).await,
        CustomersCommand::DeleteData(args) => run(global, args).await,
    }
}

impl Command for CreatePortalArgs {
    type Op = CreatePortal;
    type Body = CreatePortalRequest;

    fn body(&self) -> Option<&Path> {
        self.body.as_deref()
    }
    fn origins(&self) -> Vec<(&'static str, String)> {
        origins::create_portal(self)
    }
    fn operation(&self, body: Option<Self::Body>) -> Result<Self::Op, CliError> {
        request::create_portal(self, body).map(CreatePortal)
    }
    fn call(
        seam: &Seam,
        op: Self::Op,
    ) -> Call<'static, impl Operation<Output = Answer<Self>> + 'static> {
        seam.customers().create_portal(op.0)
    }
    fn print(
        output: &<Self::Op as Operation>::Output,
        format: OutputFormat,
    ) -> Result<(), CliError> {
        print_portal(output, format)
    }
    async fn after_print(target: &Target) -> Result<(), CliError> {
        crate::fake_server::linger_if_interactive(target._fake.as_ref()).await
    }
}

impl Command for PushDataArgs {
    type Op = PushData;
    type Body = PushDataRequest;

    fn body(&self) -> Option<&Path> {
        Some(&self.body)
    }
    fn origins(&self) -> Vec<(&'static str, String)> {
        origins::push_data(self)
    }
    fn operation(&self, body: Option<Self::Body>) -> Result<Self::Op, CliError> {
        Ok(PushData(request::push_data(self, body)))
    }
    fn call(
        seam: &Seam,
        op: Self::Op,
    ) -> Call<'static, impl Operation<Output = Answer<Self>> + 'static> {
        seam.customers().push_data(op.0)
    }
    fn print(
        output: &<Self::Op as Operation>::Output,
        format: OutputFormat,
    ) -> Result<(), CliError> {
        print_ok(output, format)
    }
}

impl Command for DeleteDataArgs {
    type Op = DeleteData;
    type Body = DeleteDataRequest;

    fn body(&self) -> Option<&Path> {
        self.body.as_deref()
    }
    fn origins(&self) -> Vec<(&'static str, String)> {
        origins::delete_origins(self)
    }
    fn operation(&self, body: Option<Self::Body>) -> Result<Self::Op, CliError> {
        request::delete_data(self, body).map(DeleteData)
    }
    fn call(
        seam: &Seam,
        op: Self::Op,
    ) -> Call<'static, impl Operation<Output = Answer<Self>> + 'static> {
        seam.customers().delete_data(op.0)
    }
    fn print(
        output: &<Self::Op as Operation>::Output,
        format: OutputFormat,
    ) -> Result<(), CliError> {
        print_ok(output, format)
    }
}
