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
    type Sent = CreatePortalRequest;
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
    fn sent(op: &Self::Op) -> Option<&Self::Sent> {
        Some(&op.0)
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
    type Sent = PushDataRequest;
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
    fn sent(op: &Self::Op) -> Option<&Self::Sent> {
        Some(&op.0)
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
    type Sent = ();
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
    fn sent(_op: &Self::Op) -> Option<&Self::Sent> {
        None
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The dry run prints `sent` in place of the operation's own body bytes: both must agree.
    fn sends_its_body<C: Command>(op: &C::Op) {
        let built = op.body().unwrap();
        let sent = C::sent(op).map(|v| serde_json::to_vec(v).unwrap());
        assert_eq!(built.as_deref(), sent.as_deref());
    }

    #[test]
    fn each_command_names_the_body_its_operation_sends() {
        let portal = CreatePortalRequest::new().with_is_embedded(true);
        sends_its_body::<CreatePortalArgs>(&CreatePortal(portal));
        sends_its_body::<PushDataArgs>(&PushData(PushDataRequest::new("acme")));
        let delete = DeleteDataRequest::new().with_customer_keys(["a"]);
        sends_its_body::<DeleteDataArgs>(&DeleteData(delete));
    }
}
