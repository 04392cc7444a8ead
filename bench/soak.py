#!/usr/bin/env python3
"""The load of the soak test (bench/soak.sh runs it; Python's standard
library only): for a set duration, readers fetch the scorecard, commitment
pages, the search page and the JSON API in a closed loop on keep-alive
connections, while one writer creates and publishes records and edits and
publishes a commitment through the API at a fixed rate. It samples the
server's resident memory every few seconds and records every request's
latency; at the end it writes a JSON report and prints a table.

    soak.py --base http://127.0.0.1:PORT --token pw_... --pid PID \
            --duration 600 --readers 4 --write-rate 2 --out report.json
"""

import argparse
import http.client
import json
import os
import statistics
import sys
import threading
import time
import urllib.parse
import uuid

DOSSIER = "kazakhstan-osce-2010"
# Published commitment of the demo that the writer edits (and readers read).
EDITED = "ed9a747a-100a-59aa-93e6-e47772262ad5"
WORDS = ["media law", "election", "ODIHR", "registration", "defamation",
         "parties", "soak concern", "chairmanship"]


class Recorder:
    """Latencies per period (reads and writes apart), counts and the first errors."""

    def __init__(self, started, interval, duration):
        self.started, self.interval = started, interval
        # A request begun as the run ends counts in the last period.
        self.last = max(0, int((duration - 1e-9) // interval))
        self.lock = threading.Lock()
        self.buckets = {}
        self.requests = 0
        self.errors = []
        self.error_count = 0

    def add(self, kind, began, ok, detail=""):
        ms = (time.monotonic() - began) * 1000
        index = min(int((began - self.started) // self.interval), self.last)
        with self.lock:
            b = self.buckets.setdefault(index, {"lat": [], "writes": [], "errors": 0})
            (b["writes"] if kind == "write" else b["lat"]).append(ms)
            self.requests += 1
            if not ok:
                b["errors"] += 1
                self.error_count += 1
                if len(self.errors) < 20:
                    self.errors.append(f"{kind}: {detail}")


class Connection:
    """A keep-alive connection that reconnects once after a dropped one."""

    def __init__(self, host, port, token=None):
        self.host, self.port, self.token = host, port, token
        self.conn = None
        self.location = ""

    def request(self, method, path, body=None):
        headers = {"Accept-Encoding": "identity"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                payload = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                # Where a redirect points, for the caller that follows it.
                self.location = response.getheader("Location", "")
                return response.status, payload
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection: a new one.
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        raise RuntimeError("unreachable")


def reader(n, args, host, port, paths, recorder, stop):
    # Half of the readers are signed in with the token (API records), half anonymous.
    conn = Connection(host, port, args.token if n % 2 else None)
    if conn.token:
        paths = paths + TOKEN_PATHS
    i = n
    while not stop.is_set():
        kind, path = paths[i % len(paths)]
        i += 1
        began = time.monotonic()
        try:
            status, body = conn.request("GET", path)
            hops = 0
            while status == 308 and kind == "commitment" and hops < 3:
                # The writer renames the edited commitment, and its readable
                # address follows the title: the old one answers 308 to the
                # new, which a browser follows, and so does the reader (again
                # if a rename landed in between).
                location = conn.location
                if not location.startswith("/"):
                    break
                paths[(i - 1) % len(paths)] = (kind, location)
                status, body = conn.request("GET", location)
                hops += 1
            ok = status == 200 and len(body) > 0
            recorder.add(kind, began, ok, f"GET {path}: {status}")
        except Exception as e:  # noqa: BLE001 - every failure is counted
            recorder.add(kind, began, False, f"GET {path}: {e!r}")
            conn = Connection(host, port, conn.token)


def write_once(conn, recorder, n):
    """One write: a new concern created and published, or the edited
    commitment changed and published (every other time)."""
    if n % 2 == 0:
        cid = str(uuid.uuid4())
        body = {"entity": {"kind": "concern", "data": {
            "id": cid, "title": f"Soak concern {n}",
            "description": f"Written by the soak test, number {n}.",
            "themes": ["expression"]}}, "reason": "soak"}
        steps = [("POST", "/api/v1/records/concern", body, 201),
                 ("POST", f"/api/v1/records/concern/{cid}/publish?expected_version=1", None, 200)]
        for method, path, payload, want in steps:
            began = time.monotonic()
            status, answer = conn.request(method, path, payload)
            recorder.add("write", began, status == want, f"{method} {path}: {status} {answer[:200]!r}")
            if status != want:
                return
        return
    path = f"/api/v1/records/commitment/{EDITED}"
    began = time.monotonic()
    status, answer = conn.request("GET", path)
    recorder.add("write", began, status == 200, f"GET {path}: {status}")
    if status != 200:
        return
    record = json.loads(answer)
    entity = record["entity"]
    entity["data"]["statement"] = f"Amend the media law (revision {n})"
    body = {"expected_version": record["version"], "entity": entity, "reason": "soak"}
    began = time.monotonic()
    status, answer = conn.request("PUT", path, body)
    recorder.add("write", began, status == 200, f"PUT {path}: {status} {answer[:200]!r}")
    if status != 200:
        return
    began = time.monotonic()
    publish = f"{path}/publish?expected_version={record['version'] + 1}"
    status, answer = conn.request("POST", publish)
    recorder.add("write", began, status == 200, f"POST {publish}: {status} {answer[:200]!r}")


def writer(args, host, port, recorder, stop, written):
    conn = Connection(host, port, args.token)
    interval = 1.0 / args.write_rate if args.write_rate > 0 else None
    n = 0
    next_at = time.monotonic()
    while interval and not stop.is_set():
        try:
            write_once(conn, recorder, n)
        except Exception as e:  # noqa: BLE001
            recorder.add("write", time.monotonic(), False, f"write {n}: {e!r}")
            conn = Connection(host, port, args.token)
        n += 1
        written[0] = n
        next_at += interval
        pause = next_at - time.monotonic()
        if pause > 0:
            stop.wait(pause)


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def database_workers(pid):
    """The server's SQLite connections: sqlx gives each its own thread,
    named sqlx-sqlite-worker-N (0 on PostgreSQL)."""
    count = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/comm") as comm:
                count += comm.read().startswith("sqlx-sqlite")
        except OSError:
            pass
    return count


def sampler(args, started, stop, rss, workers):
    while not stop.is_set():
        t = time.monotonic() - started
        try:
            rss.append((t, rss_kib(args.pid)))
            workers.append((t, database_workers(args.pid)))
        except OSError as e:
            rss.append((t, -1))
            print(f"soak: cannot read the server's memory: {e}", file=sys.stderr)
        stop.wait(args.sample_every)


def percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100 * (len(values) - 1)))))
    return values[k]


def read_paths(host, port):
    """The pages the readers fetch: the scorecard, every commitment page,
    the search page and the API's search, dossier and record list."""
    status, body = Connection(host, port).request("GET", f"/api/v1/dossiers/{DOSSIER}")
    if status != 200:
        sys.exit(f"soak: the demo dossier is not served ({status})")
    ids = [c["id"] for c in json.loads(body)["commitments"]]
    paths = [("scorecard", f"/dossiers/{DOSSIER}")]
    # A commitment's page lives at its readable address; the address by id
    # answers 308 to it, so each is resolved once here and read directly.
    probe = Connection(host, port)
    for i in ids:
        path = f"/dossiers/{DOSSIER}/commitments/{i}"
        status, _ = probe.request("GET", path)
        if status in (301, 308) and probe.location.startswith("/"):
            path = probe.location
        elif status != 200:
            sys.exit(f"soak: the commitment page {path} answered {status}")
        paths.append(("commitment", path))
    for word in WORDS:
        q = urllib.parse.quote_plus(word)
        paths.append(("search", f"/search?q={q}"))
        paths.append(("api", f"/api/v1/search?q={q}&limit=20"))
    paths.append(("api", f"/api/v1/dossiers/{DOSSIER}"))
    return paths


# The team's list of records over the API, for the readers with the token.
TOKEN_PATHS = [("api", "/api/v1/records/commitment?limit=20"),
               ("api", f"/api/v1/records/commitment/{EDITED}")]


def summarise(args, recorder, rss, workers, written, elapsed):
    periods = []
    for i in sorted(recorder.buckets):
        b = recorder.buckets[i]
        periods.append({
            "from_s": i * args.interval,
            "requests": len(b["lat"]) + len(b["writes"]),
            "reads_per_s": round(len(b["lat"]) / args.interval, 1),
            "read_p50_ms": round(percentile(b["lat"], 50), 2),
            "read_p99_ms": round(percentile(b["lat"], 99), 2),
            "read_max_ms": round(max(b["lat"], default=0), 2),
            "write_p99_ms": round(percentile(b["writes"], 99), 2),
            "errors": b["errors"],
        })
    # Memory is judged on medians of the samples of one period, so that a
    # single sample taken while a request holds a large buffer decides
    # nothing: the first period after the warm-up against the last one.
    after = [(t, kib) for t, kib in rss if t >= args.warmup and kib > 0]
    first = [kib for t, kib in after if t < args.warmup + args.interval]
    last = [kib for t, kib in after if t >= elapsed - args.interval]
    warm = int(statistics.median(first)) if first else 0
    end = int(statistics.median(last)) if last else 0
    per_period = {}
    for t, kib in rss:
        per_period.setdefault(int(t // args.interval), []).append(kib)
    for p in periods:
        samples = per_period.get(int(p["from_s"] // args.interval), [])
        p["rss_mib_median"] = round(statistics.median(samples) / 1024, 1) if samples else None
        p["rss_mib_max"] = round(max(samples) / 1024, 1) if samples else None
        p["sqlite_connections_max"] = max(
            (n for t, n in workers if int(t // args.interval) == int(p["from_s"] // args.interval)),
            default=0)
    full = [p for p in periods if p["from_s"] + args.interval <= elapsed + 0.5] or periods
    p99s = [p["read_p99_ms"] for p in full]
    return {
        "duration_s": round(elapsed, 1),
        "readers": args.readers,
        "write_rate_per_s": args.write_rate,
        "writes": written,
        "requests": recorder.requests,
        "errors": recorder.error_count,
        "first_errors": recorder.errors,
        "warmup_s": args.warmup,
        "rss_kib": {"start": rss[0][1] if rss else 0, "after_warmup": warm,
                    "max_after_warmup": max((kib for _, kib in after), default=0), "end": end},
        "rss_growth_after_warmup_pct": round(100 * (end - warm) / warm, 1) if warm else None,
        "read_p99_ms_median": round(statistics.median(p99s), 2) if p99s else 0,
        "read_p99_ms_max": max(p99s, default=0),
        "periods": periods,
        "rss_samples": rss,
        "sqlite_connection_samples": workers,
    }


def print_table(report, interval):
    print(f"{'from':>6} {'reads/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
          f"{'w p99':>8} {'errors':>6} {'RSS MiB':>8} {'RSS max':>8} {'SQLite conns':>12}")
    for p in report["periods"]:
        print(f"{p['from_s']:>5}s {p['reads_per_s']:>8} {p['read_p50_ms']:>8} "
              f"{p['read_p99_ms']:>8} {p['read_max_ms']:>8} {p['write_p99_ms']:>8} "
              f"{p['errors']:>6} {p['rss_mib_median']!s:>8} {p['rss_mib_max']!s:>8} "
              f"{p['sqlite_connections_max']:>12}")
    r = report["rss_kib"]
    print(f"requests {report['requests']}, writes {report['writes']}, "
          f"errors {report['errors']}")
    print(f"RSS MiB (medians of a period): start {r['start'] / 1024:.1f}, "
          f"after the {report['warmup_s']:g} s warm-up {r['after_warmup'] / 1024:.1f}, "
          f"last period {r['end'] / 1024:.1f} (growth {report['rss_growth_after_warmup_pct']}%), "
          f"max after warm-up {r['max_after_warmup'] / 1024:.1f}")
    print(f"read p99 per {interval} s: median {report['read_p99_ms_median']} ms, "
          f"max {report['read_p99_ms_max']} ms")
    for e in report["first_errors"]:
        print(f"  error: {e}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--token", required=True, help="an API token of a reviewer")
    parser.add_argument("--pid", type=int, required=True, help="the server's process id")
    parser.add_argument("--duration", type=float, default=600, help="seconds (default 600)")
    parser.add_argument("--readers", type=int, default=4, help="reading connections (default 4)")
    parser.add_argument("--write-rate", type=float, default=2, help="writes per second (default 2)")
    parser.add_argument("--warmup", type=float, default=120, help="seconds before memory counts (default 120)")
    parser.add_argument("--interval", type=int, default=60, help="seconds per latency period (default 60)")
    parser.add_argument("--sample-every", type=float, default=5, help="seconds between memory samples")
    parser.add_argument("--out", help="where to write the JSON report")
    args = parser.parse_args()
    base = urllib.parse.urlsplit(args.base)
    if base.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("soak: loopback only (give --base http://127.0.0.1:PORT)")
    host, port = base.hostname, base.port or 80
    paths = read_paths(host, port)
    started = time.monotonic()
    recorder = Recorder(started, args.interval, args.duration)
    stop = threading.Event()
    rss, workers, written = [], [], [0]
    threads = [threading.Thread(target=sampler, args=(args, started, stop, rss, workers))]
    threads += [threading.Thread(target=reader, args=(n, args, host, port, paths, recorder, stop))
                for n in range(args.readers)]
    threads.append(threading.Thread(target=writer, args=(args, host, port, recorder, stop, written)))
    for t in threads:
        t.start()
    try:
        stop.wait(args.duration)
    finally:
        stop.set()
        for t in threads:
            t.join()
    elapsed = time.monotonic() - started
    rss.append((elapsed, rss_kib(args.pid)))
    report = summarise(args, recorder, rss, workers, written[0], elapsed)
    if args.out:
        with open(args.out, "w") as out:
            json.dump(report, out, indent=1)
    print_table(report, args.interval)
    return 0 if report["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
