//! A load test of sign-in, not part of `cargo test`: against a running
//! `pledgewatch serve` on loopback (see `bench/signin-flood.sh`), it sends
//! waves of concurrent anonymous sign-in attempts with random usernames,
//! from 250 loopback addresses (127.0.1.x, so that the per-address throttle
//! does not hide the cost of hashing), while fetching a static file; then
//! many anonymous 10 MB bodies. It reports the server's peak memory (VmHWM
//! of /proc/PID/status, reset before each phase) and the latencies.
//!
//! `cargo run --example signin_flood -- ADDR PID [ATTEMPTS] [BIG_BODIES] [WAVES]`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const STATIC_PATH: &str = "/static/app.css";
const BIG_BODY: usize = 10 * 1024 * 1024;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let addr: SocketAddr = args.get(1).expect("ADDR").parse().expect("ADDR");
    let pid: u32 = args.get(2).expect("PID").parse().expect("PID");
    let attempts: usize = args.get(3).map_or(500, |a| a.parse().expect("ATTEMPTS"));
    let big: usize = args.get(4).map_or(40, |a| a.parse().expect("BIG_BODIES"));
    let waves: usize = args.get(5).map_or(4, |a| a.parse().expect("WAVES"));
    let csrf = Arc::new(anonymous_csrf(addr).await);
    println!("server pid {pid}, idle RSS {} MB", kb(pid, "VmRSS") / 1024);
    if attempts > 0 {
        flood(addr, pid, attempts, waves, &csrf).await;
    }
    if big > 0 {
        big_bodies(addr, pid, big, &csrf).await;
    }
}

/// Waves of concurrent sign-ins with random usernames, a static file
/// fetched meanwhile.
async fn flood(
    addr: SocketAddr,
    pid: u32,
    attempts: usize,
    waves: usize,
    csrf: &Arc<(String, String)>,
) {
    reset_peak(pid);
    let (stop, fetcher) = fetch_static_meanwhile(addr);
    let started = Instant::now();
    let mut results = Vec::new();
    for wave in 0..waves {
        let tasks: Vec<_> = (0..attempts)
            .map(|i| {
                let csrf = csrf.clone();
                let n = wave * attempts + i;
                tokio::spawn(async move {
                    let username = format!("u{:016x}", random(n as u64));
                    let body = format!("username={username}&password=guess-{n}&csrf={}", csrf.1);
                    let request = post(
                        "/login",
                        &csrf.0,
                        "application/x-www-form-urlencoded",
                        body.len(),
                        body.as_bytes(),
                    );
                    timed(addr, Some(source(n)), request).await
                })
            })
            .collect();
        for t in tasks {
            results.push(t.await.unwrap());
        }
    }
    let elapsed = started.elapsed();
    stop.store(true, Ordering::SeqCst);
    let static_times = fetcher.await.unwrap();
    println!(
        "\n## {waves} waves of {attempts} concurrent sign-in attempts ({:.1} s)",
        elapsed.as_secs_f64()
    );
    report_statuses(&results);
    report_latencies("sign-in", results.iter().map(|r| r.1).collect());
    report_latencies("static file meanwhile", static_times);
    println!("peak RSS (VmHWM): {} MB", kb(pid, "VmHWM") / 1024);
}

/// The loopback address attempt `n` comes from.
fn source(n: usize) -> std::net::IpAddr {
    std::net::IpAddr::V4(std::net::Ipv4Addr::new(127, 0, 1, (n % 250) as u8 + 1))
}

/// Many concurrent anonymous 10 MB bodies.
async fn big_bodies(addr: SocketAddr, pid: u32, big: usize, csrf: &Arc<(String, String)>) {
    reset_peak(pid);
    let before = kb(pid, "VmRSS");
    let tasks: Vec<_> = (0..big)
        .map(|_| {
            let csrf = csrf.clone();
            tokio::spawn(async move { big_post(addr, &csrf.0).await })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    println!("\n## {big} concurrent anonymous 10 MB bodies to /login");
    report_statuses(&statuses);
    let peak = kb(pid, "VmHWM");
    println!(
        "RSS before {} MB, peak {} MB (+{} MB)",
        before / 1024,
        peak / 1024,
        peak.saturating_sub(before) / 1024
    );
}

/// A kilobyte figure of /proc/PID/status.
fn kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Resets the peak RSS of the process (`5` to clear_refs).
fn reset_peak(pid: u32) {
    let _ = std::fs::write(format!("/proc/{pid}/clear_refs"), "5");
}

/// A pseudo-random number (splitmix64 of the time and `i`).
fn random(i: u64) -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let mut z = nanos ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn post(path: &str, cookie: &str, content_type: &str, length: usize, body: &[u8]) -> Vec<u8> {
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: {cookie}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n"
    )
    .into_bytes();
    request.extend_from_slice(body);
    request
}

/// A connection to `addr`, from `from` when given.
async fn connect(addr: SocketAddr, from: Option<std::net::IpAddr>) -> std::io::Result<TcpStream> {
    let Some(ip) = from else {
        return TcpStream::connect(addr).await;
    };
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(ip, 0))?;
    socket.connect(addr).await
}

/// Sends a whole request and reads the whole answer: its status and text.
async fn exchange(
    addr: SocketAddr,
    from: Option<std::net::IpAddr>,
    request: &[u8],
) -> (u16, String) {
    let Ok(mut stream) = connect(addr, from).await else {
        return (0, String::new());
    };
    if stream.write_all(request).await.is_err() {
        return (0, String::new());
    }
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// A request's status and how long its answer took.
async fn timed(
    addr: SocketAddr,
    from: Option<std::net::IpAddr>,
    request: Vec<u8>,
) -> (u16, Duration) {
    let started = Instant::now();
    let deadline = Duration::from_secs(120);
    match tokio::time::timeout(deadline, exchange(addr, from, &request)).await {
        Ok((status, _)) => (status, started.elapsed()),
        Err(_) => (0, deadline),
    }
}

/// The anonymous CSRF cookie and token of the sign-in page (asked again
/// for a few seconds while the server starts).
async fn anonymous_csrf(addr: SocketAddr) -> (String, String) {
    let get = b"GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    for _ in 0..50 {
        let (_, text) = exchange(addr, None, get).await;
        let cookie = text
            .lines()
            .filter_map(|l| l.strip_prefix("set-cookie: "))
            .find(|c| c.starts_with("__Host-pw_csrf="))
            .and_then(|c| c.split(';').next());
        if let Some(cookie) = cookie {
            let token = cookie.trim_start_matches("__Host-pw_csrf=").to_owned();
            return (cookie.to_owned(), token);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no CSRF cookie from {addr}/login");
}

/// Fetches the static file every 20 ms until told to stop; its latencies.
fn fetch_static_meanwhile(
    addr: SocketAddr,
) -> (Arc<AtomicBool>, tokio::task::JoinHandle<Vec<Duration>>) {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let handle = tokio::spawn(async move {
        let get =
            format!("GET {STATIC_PATH} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        let mut times = Vec::new();
        while !flag.load(Ordering::SeqCst) {
            times.push(timed(addr, None, get.clone().into_bytes()).await.1);
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        times
    });
    (stop, handle)
}

/// Sends a 10 MB anonymous form in 64 KiB pieces; the status, or 0 when the
/// server closed the connection first.
async fn big_post(addr: SocketAddr, cookie: &str) -> (u16, Duration) {
    let started = Instant::now();
    let Ok(mut stream) = TcpStream::connect(addr).await else {
        return (0, started.elapsed());
    };
    let head = post(
        "/login",
        cookie,
        "application/x-www-form-urlencoded",
        BIG_BODY,
        b"",
    );
    let piece = vec![b'a'; 64 * 1024];
    let mut ok = stream.write_all(&head).await.is_ok();
    let mut sent = 0;
    while ok && sent < BIG_BODY {
        ok = stream.write_all(&piece).await.is_ok();
        sent += piece.len();
    }
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let text = String::from_utf8_lossy(&answer);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, started.elapsed())
}

fn report_statuses(results: &[(u16, Duration)]) {
    let mut counts = BTreeMap::new();
    for (status, _) in results {
        *counts.entry(*status).or_insert(0) += 1;
    }
    let shown: Vec<String> = counts.iter().map(|(s, n)| format!("{s}: {n}")).collect();
    println!(
        "statuses (0 = connection closed or failed): {}",
        shown.join(", ")
    );
}

fn report_latencies(what: &str, mut times: Vec<Duration>) {
    if times.is_empty() {
        println!("{what}: no requests");
        return;
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].as_millis();
    println!(
        "{what}: {} requests, median {} ms, p99 {} ms, max {} ms",
        times.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    );
}
