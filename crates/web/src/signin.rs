//! What keeps sign-in from being turned against the server or its users:
//! the gate every password hash passes (argon2 takes about 19 MiB and a
//! core's worth of time each, so only as many run at once as there are
//! cores, and only a short queue waits), and the throttle that slows down
//! repeated failures per username and per client address.
//!
//! The throttle's counts live in this process, behind one mutex, so that
//! checking and counting an attempt is a single step: concurrent attempts
//! cannot test more passwords than allowed. The server runs as one process
//! today; several instances over one PostgreSQL would each keep their own
//! counts (decision 0015).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::WebError;

/// Runs password hashes on its own threads, one per core but one, with a bounded
/// number waiting; beyond that it refuses at once ([`WebError::Busy`], a
/// 503 with `Retry-After`) instead of queueing without limit. Own threads
/// rather than tokio's blocking pool: each thread that runs argon2 keeps
/// its 19 MiB in its malloc arena, and the pool would use up to 512.
#[derive(Debug)]
pub struct HashGate {
    /// Hashes running or waiting: the workers plus the queue.
    admitted: Arc<Semaphore>,
    /// Where admitted work goes; the workers end when the gate is dropped.
    jobs: std::sync::mpsc::Sender<Job>,
}

/// One piece of work for a hashing thread.
type Job = Box<dyn FnOnce() + Send>;

/// A place in the gate, taken before anything else is done for a request,
/// so that a refused request has not been counted or looked up.
#[derive(Debug)]
pub struct Admission {
    jobs: std::sync::mpsc::Sender<Job>,
    admitted: OwnedSemaphorePermit,
}

impl HashGate {
    /// A gate with `workers` hashing threads and `queue` more waiting.
    pub fn new(workers: usize, queue: usize) -> Self {
        let workers = workers.max(1);
        let (jobs, receiver) = std::sync::mpsc::channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..workers {
            let receiver = receiver.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("password-hash-{n}"))
                .spawn(move || work_off(&receiver));
            if let Err(e) = spawned {
                tracing::error!(error = %e, "cannot start a password hashing thread");
            }
        }
        Self {
            admitted: Arc::new(Semaphore::new(workers + queue)),
            jobs,
        }
    }

    /// One worker per core but one (so that a flood of sign-ins leaves a
    /// core to every other request; one worker on a single core) and a
    /// queue of two per core: a queued hash waits at most a few hashes'
    /// time (well under a second).
    pub fn sized_to_cores() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Self::new(cores.saturating_sub(1).max(1), 2 * cores)
    }

    /// A place in the gate, or [`WebError::Busy`] when it is full.
    pub fn admit(&self) -> Result<Admission, WebError> {
        let admitted = self
            .admitted
            .clone()
            .try_acquire_owned()
            .map_err(|_| WebError::Busy)?;
        Ok(Admission {
            jobs: self.jobs.clone(),
            admitted,
        })
    }

    /// Admits and runs `work` (see [`Admission::run`]).
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, WebError> {
        self.admit()?.run(work).await
    }
}

/// A hashing thread: takes jobs until the gate is gone.
fn work_off(receiver: &Mutex<std::sync::mpsc::Receiver<Job>>) {
    loop {
        let job = receiver
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .recv();
        match job {
            // A panicking job must not take the thread with it.
            Ok(job) => drop(std::panic::catch_unwind(std::panic::AssertUnwindSafe(job))),
            Err(_) => return,
        }
    }
}

impl Admission {
    /// Runs `work` on a hashing thread once one is free. The place goes
    /// with the work, so a client that hangs up does not free it while its
    /// hash still runs.
    pub async fn run<T: Send + 'static>(
        self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, WebError> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let admitted = self.admitted;
        let job: Job = Box::new(move || {
            let result = work();
            // The place is free before the answer is seen.
            drop(admitted);
            let _ = answer.send(result);
        });
        self.jobs
            .send(job)
            .map_err(|_| WebError::Internal("the password hashing threads are gone".into()))?;
        answered
            .await
            .map_err(|_| WebError::Internal("a password hash failed".into()))
    }
}

/// A new one-time setup code: 16 hex digits (64 random bits), short
/// enough to copy from a console. Without randomness the code is one nobody
/// can type, so setup stays closed rather than open.
pub fn setup_code() -> String {
    let mut bytes = [0u8; 8];
    match getrandom::fill(&mut bytes) {
        Ok(()) => hex::encode(bytes),
        Err(_) => "unavailable: no randomness".into(),
    }
}

/// How failures of one key (a username, a client address) slow it down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// Failures allowed without any wait.
    pub free_failures: u32,
    /// The wait after the first failure beyond those; it doubles with each
    /// further one.
    pub first_wait: Duration,
    /// The longest wait.
    pub longest_wait: Duration,
    /// A key quiet for this long starts again from nothing.
    pub forget_after: Duration,
}

impl Backoff {
    /// How long after `last` a key with `failures` must wait.
    fn wait(&self, failures: u32) -> Duration {
        let Some(beyond) = failures.checked_sub(self.free_failures) else {
            return Duration::ZERO;
        };
        // 2^beyond, without overflowing: past 2^20 the cap has long won.
        let factor = 1u32 << beyond.min(20);
        self.first_wait
            .saturating_mul(factor)
            .min(self.longest_wait)
    }
}

/// Failures of one key and when the last one was.
#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

/// The counts, per key.
#[derive(Debug)]
struct Counts<K> {
    rule: Backoff,
    by_key: HashMap<K, Failures>,
}

/// Keys kept before the forgotten ones are swept out; usernames are at most
/// 64 characters, so this bounds the throttle to a few megabytes.
const MAX_KEYS: usize = 50_000;

impl<K: std::hash::Hash + Eq + Clone> Counts<K> {
    fn new(rule: Backoff) -> Self {
        Self {
            rule,
            by_key: HashMap::new(),
        }
    }

    /// The failures of `key` still remembered at `now`.
    fn current(&self, key: &K, now: Instant) -> Option<Failures> {
        self.by_key
            .get(key)
            .copied()
            .filter(|f| now.duration_since(f.last) < self.rule.forget_after)
    }

    /// How long `key` must still wait at `now`.
    fn remaining(&self, key: &K, now: Instant) -> Duration {
        self.current(key, now).map_or(Duration::ZERO, |f| {
            (f.last + self.rule.wait(f.count)).saturating_duration_since(now)
        })
    }

    fn add_failure(&mut self, key: &K, now: Instant) {
        let count = self.current(key, now).map_or(0, |f| f.count);
        self.by_key.insert(
            key.clone(),
            Failures {
                count: count.saturating_add(1),
                last: now,
            },
        );
        if self.by_key.len() > MAX_KEYS {
            self.sweep(now);
        }
    }

    /// Drops forgotten keys and, if still too many, the keys that do not
    /// make anyone wait.
    fn sweep(&mut self, now: Instant) {
        let rule = self.rule;
        self.by_key
            .retain(|_, f| now.duration_since(f.last) < rule.forget_after);
        if self.by_key.len() > MAX_KEYS {
            self.by_key.retain(|_, f| f.count >= rule.free_failures);
        }
    }

    fn take_back_one(&mut self, key: &K) {
        if let Some(f) = self.by_key.get_mut(key) {
            f.count = f.count.saturating_sub(1);
        }
    }
}

/// Both counts, behind one lock. A username is counted per client: a
/// stranger's failures for a username slow the stranger, never the owner
/// signing in from elsewhere (a count per username alone let anyone keep
/// an account locked by failing once at the end of each wait).
#[derive(Debug)]
struct Tallies {
    users: Counts<(String, IpAddr)>,
    clients: Counts<IpAddr>,
}

/// When this process last purged old sign-in attempts: it does so at most
/// once a minute, so that a flood of sign-ins does not each scan the table
/// (decision 0018).
#[derive(Debug, Default)]
pub struct PurgeSchedule {
    last: Mutex<Option<Instant>>,
}

/// How often a process purges old sign-in attempts, at most.
const PURGE_EVERY: Duration = Duration::from_secs(60);

impl PurgeSchedule {
    /// Whether a purge is due at `now`; if so, it counts as done.
    pub fn due(&self, now: Instant) -> bool {
        let mut last = self
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let due = last.is_none_or(|at| now.saturating_duration_since(at) >= PURGE_EVERY);
        if due {
            *last = Some(now);
        }
        due
    }
}

/// Per-username and per-client failure counts with exponential backoff.
#[derive(Debug)]
pub struct Throttle {
    tallies: Mutex<Tallies>,
}

/// The key a client address is counted under: an IPv6 client by its /64
/// (one subscriber's network holds 2^64 addresses), an IPv4-mapped one as
/// the IPv4 address it is.
pub(crate) fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let [a, b, c, d, ..] = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(a, b, c, d, 0, 0, 0, 0))
            }
        },
    }
}

/// Where a client's requests come from when the server does not know
/// (an in-process test): all such requests share one count.
const UNKNOWN_CLIENT: IpAddr = IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED);

impl Throttle {
    pub fn new(per_username: Backoff, per_client: Backoff) -> Self {
        Self {
            tallies: Mutex::new(Tallies {
                users: Counts::new(per_username),
                clients: Counts::new(per_client),
            }),
        }
    }

    fn tallies(&self) -> std::sync::MutexGuard<'_, Tallies> {
        // A panic while holding the lock leaves the counts usable.
        self.tallies
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Lets an attempt go ahead and counts it as a failure in the same
    /// step (undone by [`Throttle::succeeded`]), or says how long to wait.
    pub fn begin(&self, username: &str, client: Option<IpAddr>) -> Result<(), Duration> {
        self.begin_at(username, client, Instant::now())
    }

    fn begin_at(
        &self,
        username: &str,
        client: Option<IpAddr>,
        now: Instant,
    ) -> Result<(), Duration> {
        let client = client.map_or(UNKNOWN_CLIENT, client_key);
        let username = (username.to_owned(), client);
        let mut t = self.tallies();
        let wait = t
            .users
            .remaining(&username, now)
            .max(t.clients.remaining(&client, now));
        if !wait.is_zero() {
            return Err(wait);
        }
        t.users.add_failure(&username, now);
        t.clients.add_failure(&client, now);
        Ok(())
    }

    /// A successful sign-in: the username starts again from nothing at
    /// this client, and the client's count loses the failure
    /// [`Throttle::begin`] added.
    pub fn succeeded(&self, username: &str, client: Option<IpAddr>) {
        let client = client.map_or(UNKNOWN_CLIENT, client_key);
        let mut t = self.tallies();
        t.users.by_key.remove(&(username.to_owned(), client));
        t.clients.take_back_one(&client);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn old_attempts_are_purged_at_most_once_a_minute() {
        let schedule = PurgeSchedule::default();
        let start = Instant::now();
        assert!(schedule.due(start), "the first attempt purges");
        assert!(!schedule.due(start + 59 * SECOND));
        assert!(schedule.due(start + 60 * SECOND));
        assert!(!schedule.due(start + 61 * SECOND));
        assert!(!schedule.due(start), "a clock read late does not purge");
        assert!(schedule.due(start + 120 * SECOND));
    }

    fn rule(free: u32) -> Backoff {
        Backoff {
            free_failures: free,
            first_wait: SECOND,
            longest_wait: 15 * 60 * SECOND,
            forget_after: 24 * 3600 * SECOND,
        }
    }

    #[test]
    fn waits_start_after_the_free_failures_double_and_stop_at_the_cap() {
        let r = rule(5);
        assert_eq!(r.wait(4), Duration::ZERO);
        assert_eq!(r.wait(5), SECOND);
        assert_eq!(r.wait(6), 2 * SECOND);
        assert_eq!(r.wait(8), 8 * SECOND);
        assert_eq!(r.wait(15), 900 * SECOND);
        assert_eq!(r.wait(u32::MAX), 900 * SECOND);
    }

    #[test]
    fn a_username_waits_after_its_failures_and_is_free_once_the_wait_is_over() {
        let throttle = Throttle::new(rule(5), rule(100));
        let t0 = Instant::now();
        for _ in 0..5 {
            assert!(throttle.begin_at("ada", None, t0).is_ok());
        }
        assert_eq!(throttle.begin_at("ada", None, t0), Err(SECOND));
        assert!(throttle.begin_at("bob", None, t0).is_ok(), "others go on");
        assert!(throttle.begin_at("ada", None, t0 + SECOND).is_ok());
        assert_eq!(
            throttle.begin_at("ada", None, t0 + SECOND),
            Err(2 * SECOND),
            "the wait doubles"
        );
    }

    #[test]
    fn a_strangers_failures_never_make_the_owner_wait_at_another_address() {
        let throttle = Throttle::new(rule(5), rule(20));
        let stranger: IpAddr = "198.51.100.66".parse().unwrap();
        let owner: IpAddr = "192.0.2.10".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..5 {
            throttle.begin_at("carol", Some(stranger), t0).unwrap();
        }
        assert!(throttle.begin_at("carol", Some(stranger), t0).is_err());
        assert!(
            throttle.begin_at("carol", Some(owner), t0).is_ok(),
            "the owner at their own address is not slowed"
        );
    }

    #[test]
    fn one_client_spraying_many_usernames_is_slowed_by_its_own_count() {
        let throttle = Throttle::new(rule(5), rule(20));
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        let other: IpAddr = "192.0.2.8".parse().unwrap();
        let t0 = Instant::now();
        for i in 0..20 {
            assert!(throttle.begin_at(&format!("u{i}"), Some(ip), t0).is_ok());
        }
        assert!(throttle.begin_at("u99", Some(ip), t0).is_err());
        assert!(throttle.begin_at("u99", Some(other), t0).is_ok());
    }

    #[test]
    fn an_ipv6_network_counts_as_one_client() {
        let throttle = Throttle::new(rule(100), rule(2));
        let t0 = Instant::now();
        let one: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let same_net: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let other_net: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        throttle.begin_at("a", Some(one), t0).unwrap();
        throttle.begin_at("b", Some(same_net), t0).unwrap();
        assert!(throttle.begin_at("c", Some(same_net), t0).is_err());
        assert!(throttle.begin_at("c", Some(other_net), t0).is_ok());
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        assert_eq!(client_key(mapped), "192.0.2.1".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn success_clears_the_username_and_takes_back_the_clients_count() {
        let throttle = Throttle::new(rule(2), rule(2));
        let t0 = Instant::now();
        throttle.begin_at("ada", None, t0).unwrap();
        throttle.succeeded("ada", None);
        throttle.begin_at("ada", None, t0).unwrap();
        throttle.begin_at("ada", None, t0).unwrap();
        assert!(throttle.begin_at("ada", None, t0).is_err());
        throttle.succeeded("ada", None);
        assert!(throttle.begin_at("ada", None, t0).is_ok());
    }

    #[test]
    fn failures_are_forgotten_after_a_quiet_day() {
        let throttle = Throttle::new(rule(1), rule(100));
        let t0 = Instant::now();
        throttle.begin_at("ada", None, t0).unwrap();
        throttle.begin_at("ada", None, t0 + SECOND).unwrap();
        let later = t0 + 25 * 3600 * SECOND;
        throttle.begin_at("ada", None, later).unwrap();
        assert!(throttle.begin_at("ada", None, later).is_err(), "one again");
    }

    #[tokio::test]
    async fn a_full_gate_refuses_at_once_and_frees_its_places_afterwards() {
        let gate = HashGate::new(1, 1);
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let first = tokio::spawn(gate.admit().unwrap().run(move || hold.recv().is_ok()));
        let queued = gate.admit().unwrap();
        assert!(matches!(gate.admit(), Err(WebError::Busy)));
        drop(queued);
        release.send(()).unwrap();
        assert!(first.await.unwrap().unwrap());
        assert_eq!(gate.run(|| 7).await.unwrap(), 7);
        assert_eq!(gate.admitted.available_permits(), 2);
    }
}
