//! Where a `create_portal` call spends its CPU outside the network: `validate`, `build` (which
//! validates too) and `parse`, each in nanoseconds, for the notes under the table.

use std::hint::black_box;
use std::time::Duration;

use bytes::Bytes;
use seam_core::operation::CreatePortal;
use seam_core::Config;
use seam_types::{CustomerPortal, Validate};

use crate::parse::response;
use crate::proto_parse::{member, member_untracked_first};
use crate::sdk;
use crate::stats::median;
use crate::timing::{ns_per_call, ns_per_op};

/// Median nanoseconds per step of one `create_portal` call.
#[derive(Clone, Copy, Debug)]
pub struct Steps {
    /// `CreatePortalRequest::validate`.
    pub validate: f64,
    /// `seam_core::build` (validate + URL + headers + JSON body).
    pub build: f64,
    /// `seam_core::parse` of the 200 response.
    pub parse: f64,
    /// The one-pass parse prototype ([`crate::proto_parse`]) of the same bytes.
    pub one_pass: f64,
    /// The same without path tracking unless the first pass fails.
    pub untracked: f64,
}

/// Times each step `rounds` times for about `per_round` each; medians.
pub fn measure(config: &Config, body: &Bytes, rounds: usize, per_round: Duration) -> Steps {
    let op = CreatePortal(sdk::create_portal_request());
    let (mut validate, mut build, mut parse) = (Vec::new(), Vec::new(), Vec::new());
    let (mut one_pass, mut untracked) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        validate.push(ns_per_call(per_round, 1_000, || {
            black_box(black_box(&op.0).validate().is_ok());
        }));
        build.push(ns_per_call(per_round, 1_000, || {
            black_box(seam_core::build(config, black_box(&op)).ok());
        }));
        parse.push(ns_per_op(per_round, || {
            let batch: Vec<_> = (0..1_000).map(|_| response(body)).collect();
            let started = std::time::Instant::now();
            for r in batch {
                black_box(sdk::parse_create_portal(r).ok());
            }
            (started.elapsed(), 1_000)
        }));
        one_pass.push(ns_per_call(per_round, 1_000, || {
            black_box(
                member::<CustomerPortal>(black_box(body), "customer_portal", Some("magic_link"))
                    .ok(),
            );
        }));
        untracked.push(ns_per_call(per_round, 1_000, || {
            let parsed = member_untracked_first::<CustomerPortal>(
                black_box(body),
                "customer_portal",
                Some("magic_link"),
            );
            black_box(parsed.ok());
        }));
    }
    Steps {
        validate: median(&validate),
        build: median(&build),
        parse: median(&parse),
        one_pass: median(&one_pass),
        untracked: median(&untracked),
    }
}
