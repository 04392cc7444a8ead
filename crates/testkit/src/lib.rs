//! Test support for pledgewatch's suites (a dev-dependency only): a fresh
//! database per test on either backend ([`TestDb`]), a harness that reports
//! tests whose tools are missing as ignored with the reason ([`run`],
//! [`backend_trials!`]), and fixture builders ([`build`]).

// Test support fails loudly: a broken fixture is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod build;
pub mod db;
pub mod harness;
pub mod need;

pub use db::{Backend, TestDb, TestIndex, sqlite_store};
pub use harness::{
    Completion, Failed, Trial, assert_no_libtest_attributes, backend_trial, block_on,
    every_test_here_is_a_trial, run, trial, trial_needing,
};
pub use need::Missing;
