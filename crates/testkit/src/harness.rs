//! A test harness (libtest-mimic, for test targets with `harness = false`)
//! whose trials can be ignored at run time when what they need is missing,
//! with the reason on the trial's line and once before the run. The closing
//! lines are libtest's own ("test result: ok. N passed; 0 failed; M ignored").

use std::future::Future;
use std::sync::Arc;

pub use libtest_mimic::{Completion, Failed, Trial};

use crate::db::{Backend, TestDb};
use crate::need::{self, Missing};

/// Runs `future` to completion on a runtime of its own with two workers, as
/// `#[tokio::test(flavor = "multi_thread", worker_threads = 2)]` does.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(future)
}

/// A test that needs nothing from outside.
pub fn trial(name: impl Into<String>, test: impl FnOnce() + Send + 'static) -> Trial {
    Trial::test(name, move || {
        test();
        Ok(())
    })
}

/// A test that runs only when `need` is met, and is otherwise ignored (or
/// failed, under CI and `./test`) with the reason.
pub fn trial_needing<T: Send + 'static>(
    name: impl Into<String>,
    need: Result<T, Missing>,
    test: impl FnOnce(T) + Send + 'static,
) -> Trial {
    Trial::ignorable_test(name, move || match need {
        Ok(have) => {
            test(have);
            Ok(Completion::Completed)
        }
        Err(missing) => missing.outcome(),
    })
}

/// A test on a fresh database of `backend`, named `BACKEND::test`. The
/// database is dropped afterwards, also when the test fails.
pub fn backend_trial<F, Fut>(backend: Backend, test: &'static str, body: F) -> Trial
where
    F: FnOnce(Arc<TestDb>) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    // Asked while building the trials, so that the reason is printed once
    // before the run.
    let available = match backend {
        Backend::Sqlite => Ok(()),
        Backend::Postgres => need::postgres_server().map(drop),
    };
    let name = format!("{backend}::{test}");
    Trial::ignorable_test(name, move || {
        if let Err(missing) = available {
            return missing.outcome();
        }
        block_on(async move {
            let db = match TestDb::new(backend, test).await {
                Ok(db) => Arc::new(db),
                Err(missing) => return missing.outcome(),
            };
            // The body runs as a task so that a failing assertion comes back
            // here as an error and the database is still dropped.
            let result = tokio::spawn(body(Arc::clone(&db))).await;
            db.drop_database().await;
            match result {
                Ok(()) => Ok(Completion::Completed),
                Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
                Err(e) => Err(Failed::from(e.to_string())),
            }
        })
    })
}

/// One trial per backend for each test function of a module, each taking
/// `&TestDb`: `backend_trials!(suite { a_test, another_test })`.
#[macro_export]
macro_rules! backend_trials {
    ($suite:ident { $($test:ident),* $(,)? }) => {{
        let mut trials = ::std::vec::Vec::new();
        for backend in $crate::Backend::ALL {
            $(
                trials.push($crate::backend_trial(backend, stringify!($test), |db| async move {
                    $suite::$test(&db).await
                }));
            )*
        }
        trials
    }};
}

/// Fails if a test file run on this harness still marks tests with
/// `#[test]` or `#[tokio::test]`: without libtest such tests are silently
/// left out, so every test must be listed as a trial instead.
pub fn assert_no_libtest_attributes(source: &str) {
    let marked: Vec<&str> = source
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("#[test]") || l.starts_with("#[tokio::test"))
        .collect();
    assert!(
        marked.is_empty(),
        "this file runs on the testkit's harness (harness = false): list each test as a \
         trial in main instead of marking it {marked:?}"
    );
}

/// The trial every test file on this harness lists, so that the promise of
/// [`assert_no_libtest_attributes`] is kept in one place: it fails if one of
/// `sources` (the file's own text and its modules', each by `include_str!`)
/// still marks a test with `#[test]` or `#[tokio::test]`.
pub fn every_test_here_is_a_trial(sources: &'static [&'static str]) -> Trial {
    trial("every_test_here_is_a_trial", move || {
        for source in sources {
            assert_no_libtest_attributes(source);
        }
    })
}

/// Runs the trials with the command line's arguments (filters, `--ignored`,
/// `--test-threads`...) and exits with libtest's status. What is missing is
/// said once, on standard error, before the run.
pub fn run(trials: Vec<Trial>) -> ! {
    let args = libtest_mimic::Arguments::from_args();
    let missing = need::seen();
    if !args.list && !missing.is_empty() {
        let what = if need::strict() {
            "fail"
        } else {
            "are ignored"
        };
        eprintln!("\nTests that need what this machine lacks {what}:");
        for reason in &missing {
            eprintln!("  - {reason}");
        }
        eprintln!("`./test` installs everything and runs them all.\n");
    }
    libtest_mimic::run(&args, trials).exit()
}
