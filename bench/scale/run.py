#!/usr/bin/env python3
"""The scale benchmark: pledgewatch with N records on SQLite and PostgreSQL,
side by side with datasette (same SQLite file) and nginx (a saved copy of
the commitment page), in the same run.

Run by hand on a quiet machine (it is not part of `cargo test`); see
docs/benchmarks.md for the figures and bench/scale/README.md for the steps.
Needs: a release build of pledgewatch (--bin), wrk and nginx (Debian), and
datasette in a virtualenv (--datasette; bench/scale/setup.sh makes one).

Measures, per backend:
  import     `pledgewatch import` of N UPR Info rows into an empty database,
             --import-runs times: seconds, rows/s, peak RSS, database size
  dataset    the demo plus N commitments with developments and assessments
             (records-N.csv), imported, then published (below)
  search     the JSON API's search over HTTP, a fixed query set, --search-reps
             requests each: p50 / p99 / max per query and over all
  pages      wrk on the scorecard, a commitment page and the search page at
             each --conns: requests/s, p50 and p99 latency
  team       the first page of the API's commitment list, the team's
             commitment list and the review queue: median of 5
  memo       the demo memorandum (PDF) on the large database: median of 3
  rss        the server's RSS after the load and its peak
and once, beside the first backend: datasette's row page and search page
(when that backend is SQLite), nginx's static copy.

Publication: a million records are not published one by one through review
in a benchmark; the harness marks the generated actors, occasions, sources,
commitments, developments and assessments published directly in the database (a publication
row holding the record's current version and body, as a reviewer's approval
writes), then rebuilds the search index if the binary has one. The audit
log does not record these publications; the benchmark does not verify it.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
QUERIES = ["women", "children", "rights", "law", "torture", "media law",
           "freedom of expression", "ODIHR", "death penalty", "trafficking"]
DOSSIER = "kazakhstan-osce-2010"
ADMIN, PASSWORD = "bench-admin", "bench-password-not-secret-1"


def say(*a):
    print("==", *a, file=sys.stderr, flush=True)


def run(cmd, **kw):
    say("$", " ".join(cmd))
    return subprocess.run(cmd, check=True, **kw)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc, seconds=600):
    end = time.time() + seconds
    while time.time() < end:
        if proc.poll() is not None:
            sys.exit(f"the server exited with {proc.returncode} before listening")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"nothing listened on port {port} within {seconds} s")


def pct(values, p):
    v = sorted(values)
    if not v:
        return float("nan")
    k = max(0, min(len(v) - 1, int(round(p / 100 * (len(v) - 1)))))
    return v[k]


def rss_kb(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            fields[k] = v.strip()
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


class Backend:
    def __init__(self, name, url, sqlite_path=None, pg_admin=None, pg_db=None):
        self.name, self.url = name, url
        self.sqlite_path, self.pg_admin, self.pg_db = sqlite_path, pg_admin, pg_db

    @staticmethod
    def sqlite(path):
        return Backend("sqlite", f"sqlite:{path}", sqlite_path=path)

    @staticmethod
    def postgres(admin_url, db):
        base = admin_url.rsplit("/", 1)[0]
        return Backend("postgres", f"{base}/{db}", pg_admin=admin_url, pg_db=db)

    def reset(self):
        if self.sqlite_path:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(self.sqlite_path + suffix):
                    os.remove(self.sqlite_path + suffix)
        else:
            self.psql(self.pg_admin, f'DROP DATABASE IF EXISTS "{self.pg_db}" WITH (FORCE)')
            self.psql(self.pg_admin, f'CREATE DATABASE "{self.pg_db}"')

    def size(self):
        if self.sqlite_path:
            return sum(os.path.getsize(self.sqlite_path + s)
                       for s in ("", "-wal") if os.path.exists(self.sqlite_path + s))
        out = self.psql(self.url, "SELECT pg_database_size(current_database())", capture=True)
        return int(out.strip())

    def sql(self, statement):
        if self.sqlite_path:
            run(["sqlite3", self.sqlite_path, statement])
        else:
            self.psql(self.url, statement)

    @staticmethod
    def psql(url, statement, capture=False):
        cmd = ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", url, "-c", statement]
        if capture:
            return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        run(cmd)
        return ""


class Bench:
    def __init__(self, args):
        self.a = args
        self.results = {"rows": args.rows, "backends": {}, "side_by_side": {}}

    def pw(self, backend, *args, **kw):
        return run([self.a.bin, "--db", backend.url, "--as", "bench", *args], **kw)

    def timed(self, cmd):
        """Runs cmd under /usr/bin/time: (seconds, peak RSS in MB)."""
        with tempfile.NamedTemporaryFile("r") as t:
            start = time.perf_counter()
            run(["/usr/bin/time", "-f", "%M", "-o", t.name, *cmd], stdout=subprocess.DEVNULL)
            seconds = time.perf_counter() - start
            peak_kb = int(t.read().strip().splitlines()[-1])
        return seconds, peak_kb / 1024

    # -- import ---------------------------------------------------------
    def import_runs(self, backend):
        upr = os.path.join(self.a.data_dir, f"upr-info-{self.a.rows}.csv")
        runs = []
        for i in range(self.a.import_runs):
            backend.reset()
            self.pw(backend, "init", stdout=subprocess.DEVNULL)
            seconds, peak = self.timed([self.a.bin, "--db", backend.url, "--as", "bench",
                                        "import", upr])
            size = backend.size()
            runs.append({"seconds": seconds, "rows_per_s": self.a.rows / seconds,
                         "peak_rss_mb": peak, "db_bytes": size,
                         "bytes_per_row": size / self.a.rows})
            say(f"import run {i + 1}: {runs[-1]}")
        return runs

    # -- the data set -----------------------------------------------------
    def dataset(self, backend):
        records = os.path.join(self.a.data_dir, f"records-{self.a.rows}.csv")
        backend.reset()
        self.pw(backend, "demo", stdout=subprocess.DEVNULL)
        seconds, peak = self.timed([self.a.bin, "--db", backend.url, "--as", "bench",
                                    "import", records])
        say(f"data set import: {seconds:.1f} s, peak RSS {peak:.1f} MB, "
            f"database {backend.size()} bytes")
        for table, kind in (("actors", "actor"), ("occasions", "occasion"),
                            ("sources", "source"), ("commitments", "commitment"),
                            ("developments", "development"), ("assessments", "assessment")):
            backend.sql(
                "INSERT INTO publications (entity_id, entity_kind, published_at, published_by, version, body) "
                f"SELECT id, '{kind}', '2026-01-01T00:00:00.000000Z', 'bench', version, body FROM {table} "
                "WHERE deleted_at IS NULL AND id NOT IN (SELECT entity_id FROM publications)")
        rebuild = self.search_rebuild_command()
        index_seconds = None
        if rebuild:
            start = time.perf_counter()
            self.pw(backend, *rebuild)
            index_seconds = time.perf_counter() - start
        run([self.a.bin, "--db", backend.url, "user", "add", ADMIN, "--role", "admin"],
            input=PASSWORD + "\n", text=True, stdout=subprocess.DEVNULL)
        return {"import_seconds": seconds, "import_peak_rss_mb": peak,
                "db_bytes": backend.size(), "index_rebuild_seconds": index_seconds}, \
            self.token(backend)

    def token(self, backend):
        """A new API token of the harness's administrator."""
        return subprocess.run(
            [self.a.bin, "--db", backend.url, "--as", "bench", "token", "create", "--user", ADMIN,
             "--name", "bench"], check=True, capture_output=True, text=True).stdout.strip().split()[-1]

    def search_rebuild_command(self):
        out = subprocess.run([self.a.bin, "--help"], capture_output=True, text=True).stdout
        for name in ("search-index", "index"):
            if re.search(rf"^\s+{name}\s", out, re.M):
                return [name, "rebuild"]
        return None

    # -- serving ----------------------------------------------------------
    def serve(self, backend):
        port = free_port()
        log = open(os.path.join(self.a.out, f"serve-{backend.name}.log"), "w")
        # As behind a reverse proxy on this machine: wrk's 128 connections
        # come from one address, which the per-client limit would cut at 64.
        proc = subprocess.Popen([self.a.bin, "--db", backend.url, "serve", "--bind",
                                 f"127.0.0.1:{port}", "--trusted-proxy", "127.0.0.1"],
                                stdout=log, stderr=log)
        wait_port(port, proc)
        return proc, port

    def get(self, port, path, headers=None):
        for attempt in range(5):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                c.request("GET", path, headers=headers or {})
                r = c.getresponse()
                body = r.read()
                c.close()
                return r.status, r, body
            except ConnectionError:
                # Connections of the last wrk run may still be closing.
                time.sleep(1 + attempt)
        sys.exit(f"GET {path}: the server kept closing the connection")

    def search_latency(self, port, token=None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        per_query, every = {}, []
        for q in QUERIES:
            times = []
            for _ in range(self.a.search_reps):
                path = "/api/v1/search?" + urllib.parse.urlencode({"q": q, "limit": 20})
                start = time.perf_counter()
                conn.request("GET", path, headers=headers)
                r = conn.getresponse()
                r.read()
                times.append((time.perf_counter() - start) * 1000)
                if r.status != 200:
                    sys.exit(f"search {q!r} answered {r.status}")
            per_query[q] = {"p50_ms": pct(times, 50), "p99_ms": pct(times, 99), "max_ms": max(times)}
            every += times
        conn.close()
        return {"queries": per_query, "p50_ms": pct(every, 50), "p99_ms": pct(every, 99),
                "max_ms": max(every), "requests": len(every)}

    def wrk(self, url, conns):
        out = subprocess.run(["wrk", f"-t{min(2, conns)}", f"-c{conns}", f"-d{self.a.duration}s", "--latency", url],
                             check=True, capture_output=True, text=True).stdout
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        lat = {}
        for p in ("50", "99"):
            m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
            value, unit = float(m.group(1)), m.group(2)
            lat[p] = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
        non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
        errors = re.search(r"Socket errors:.*", out)
        return {"rps": rps, "p50_ms": lat["50"], "p99_ms": lat["99"],
                "non_2xx": int(non2xx.group(1)) if non2xx else 0,
                "socket_errors": errors.group(0) if errors else None}

    def login(self, port):
        status, r, body = self.get(port, "/login")
        cookies = [h.split(";")[0] for k, h in r.getheaders() if k.lower() == "set-cookie"]
        csrf = re.search(rb'name="csrf" value="([^"]+)"', body).group(1).decode()
        form = urllib.parse.urlencode({"username": ADMIN, "password": PASSWORD, "csrf": csrf})
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        c.request("POST", "/login", body=form, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": "; ".join(cookies)})
        r = c.getresponse()
        r.read()
        cookies += [h.split(";")[0] for k, h in r.getheaders() if k.lower() == "set-cookie"]
        if r.status not in (302, 303):
            sys.exit(f"signing in answered {r.status}")
        return "; ".join(cookies)

    def team_pages(self, port, token):
        cookie = self.login(port)
        pages = {"api_commitment_list": ("/api/v1/records/commitment?limit=20",
                                         {"Authorization": f"Bearer {token}"}),
                 "team_commitment_list": ("/records/commitment", {"Cookie": cookie}),
                 "review_queue": ("/review", {"Cookie": cookie})}
        out = {}
        for name, (path, headers) in pages.items():
            times, size = [], 0
            for _ in range(5):
                start = time.perf_counter()
                status, _, body = self.get(port, path, headers)
                times.append((time.perf_counter() - start) * 1000)
                if status != 200:
                    sys.exit(f"{path} answered {status}")
                size = len(body)
            out[name] = {"median_ms": statistics.median(times), "bytes": size}
        return out

    def memo(self, backend):
        times = []
        for _ in range(3):
            with tempfile.TemporaryDirectory() as d:
                start = time.perf_counter()
                self.pw(backend, "memo", DOSSIER, "--format", "pdf", "-o",
                        os.path.join(d, "memo.pdf"), stdout=subprocess.DEVNULL)
                times.append(time.perf_counter() - start)
        return {"median_s": statistics.median(times)}

    def urls(self, port):
        """The pages measured: the scorecard, a commitment's page at its
        readable address (its address by id answers a permanent redirect
        there), the search page; and the commitment's id (datasette's row)."""
        status, _, body = self.get(port, f"/api/v1/dossiers/{DOSSIER}")
        if status != 200:
            sys.exit(f"the demo dossier is not served ({status})")
        cid = json.loads(body)["commitments"][0]["id"]
        path = f"/dossiers/{DOSSIER}/commitments/{cid}"
        status, r, _ = self.get(port, path)
        if status in (301, 308) and (r.getheader("Location") or "").startswith("/"):
            path = r.getheader("Location")
        elif status != 200:
            sys.exit(f"the commitment page {path} answered {status}")
        return {"scorecard": f"/dossiers/{DOSSIER}", "commitment": path,
                "search": "/search?q=media+law"}, cid

    def backend(self, backend):
        res = {}
        if self.a.import_runs:
            runs = self.import_runs(backend)
            res["import"] = {"runs": runs,
                             "median_rows_per_s": statistics.median(r["rows_per_s"] for r in runs),
                             "median_peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in runs),
                             "bytes_per_row": statistics.median(r["bytes_per_row"] for r in runs)}
        if self.a.reuse:
            res["dataset"], token = {"reused": True}, self.token(backend)
        else:
            res["dataset"], token = self.dataset(backend)
        proc, port = self.serve(backend)
        try:
            urls, cid = self.urls(port)
            res["urls"] = urls
            res["search_public"] = self.search_latency(port)
            res["search_team"] = self.search_latency(port, token)
            if self.a.search_only:
                res["rss_mb"], res["rss_peak_mb"] = (v / 1024 for v in rss_kb(proc.pid))
                self.results["backends"][backend.name] = res
                return
            res["pages"] = {}
            for name, path in urls.items():
                res["pages"][name] = {}
                for c in self.a.conns:
                    res["pages"][name][c] = self.wrk(f"http://127.0.0.1:{port}{path}", c)
                    say(name, c, res["pages"][name][c])
            res["team"] = self.team_pages(port, token)
            res["rss_mb"], peak = (v / 1024 for v in rss_kb(proc.pid))
            res["rss_peak_mb"] = peak
            if not self.results["side_by_side"]:
                # once a run, beside its first backend: datasette needs the
                # SQLite file, so a PostgreSQL-only run has nginx alone
                self.side_by_side(port, urls, cid, backend)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
        res["memo"] = self.memo(backend)
        self.results["backends"][backend.name] = res

    def side_by_side(self, port, urls, cid, backend):
        sbs = self.results["side_by_side"]
        if self.a.datasette and backend.name == "sqlite":
            # pledgewatch keeps no full-text tables in the database (its
            # search is a derived index); datasette searches with SQLite's
            # own, so the harness gives it one over the commitments'
            # statements, as a datasette user would.
            con = sqlite3.connect(backend.sqlite_path)
            con.executescript(
                "DROP TABLE IF EXISTS commitments_fts;"
                "CREATE VIRTUAL TABLE commitments_fts USING fts5(statement, "
                "content='commitments', content_rowid='rowid');"
                "INSERT INTO commitments_fts(commitments_fts) VALUES('rebuild');")
            con.close()
            dport = free_port()
            log = open(os.path.join(self.a.out, "datasette.log"), "w")
            ds = subprocess.Popen([self.a.datasette, "serve", "--immutable", backend.sqlite_path,
                                   "--port", str(dport), "--setting", "sql_time_limit_ms", "10000"],
                                  stdout=log, stderr=log)
            try:
                wait_port(dport, ds)
                db = os.path.splitext(os.path.basename(backend.sqlite_path))[0]
                sbs["datasette_row"] = self.wrk(f"http://127.0.0.1:{dport}/{db}/commitments/{cid}", 32)
                sbs["datasette_search"] = self.wrk(
                    f"http://127.0.0.1:{dport}/{db}/commitments?_search=media+law", 32)
            finally:
                ds.terminate()
                ds.wait(timeout=30)
        static = tempfile.mkdtemp(prefix="pw-nginx-")
        _, _, body = self.get(port, urls["commitment"])
        with open(os.path.join(static, "commitment.html"), "wb") as f:
            f.write(body)
        nport = free_port()
        conf = os.path.join(static, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""worker_processes 2; pid {static}/nginx.pid; error_log {static}/error.log;
events {{ worker_connections 1024; }}
http {{ access_log off; client_body_temp_path {static}; proxy_temp_path {static};
  fastcgi_temp_path {static}; uwsgi_temp_path {static}; scgi_temp_path {static};
  server {{ listen 127.0.0.1:{nport}; root {static}; }} }}
""")
        ng = subprocess.Popen(["nginx", "-p", static, "-c", conf, "-g", "daemon off;"])
        try:
            wait_port(nport, ng)
            sbs["nginx_static"] = self.wrk(f"http://127.0.0.1:{nport}/commitment.html", 32)
            sbs["static_bytes"] = len(body)
        finally:
            ng.terminate()
            ng.wait(timeout=30)
            shutil.rmtree(static, ignore_errors=True)


def markdown(r):
    lines = [f"Rows: {r['rows']:,}", ""]
    for name, b in r["backends"].items():
        lines.append(f"### {name}")
        if "import" in b:
            i = b["import"]
            lines.append(f"- import of {r['rows']:,} UPR Info rows: median {i['median_rows_per_s']:,.0f} rows/s, "
                         f"peak RSS {i['median_peak_rss_mb']:.0f} MB, {i['bytes_per_row']:,.0f} bytes per row "
                         f"({len(i['runs'])} runs: " +
                         ", ".join(f"{x['seconds']:.1f} s" for x in i["runs"]) + ")")
        d = b["dataset"]
        if d.get("reused"):
            lines.append("- data set: reused from a previous run (not imported again)")
        else:
            lines.append(f"- data set import: {d['import_seconds']:.1f} s, peak RSS {d['import_peak_rss_mb']:.0f} MB, "
                         f"database {d['db_bytes'] / 1e6:,.0f} MB; index rebuild "
                         + (f"{d['index_rebuild_seconds']:.1f} s" if d["index_rebuild_seconds"] else "n/a"))
        for who in ("search_public", "search_team"):
            s = b[who]
            lines.append(f"- {who.replace('_', ' ')} over HTTP ({s['requests']} requests): p50 {s['p50_ms']:.1f} ms, "
                         f"p99 {s['p99_ms']:.1f} ms, max {s['max_ms']:.1f} ms")
        if "pages" not in b:
            lines.append(f"- server RSS after the searches: {b['rss_mb']:.0f} MB")
            lines.append("")
            continue
        lines += ["", "| page | c | requests/s | p50 ms | p99 ms | non-2xx |", "|---|---|---|---|---|---|"]
        for page, per_c in b["pages"].items():
            for c, w in per_c.items():
                lines.append(f"| {page} | {c} | {w['rps']:,.0f} | {w['p50_ms']:.2f} | {w['p99_ms']:.2f} | {w['non_2xx']} |")
        lines.append("")
        for page, t in b["team"].items():
            lines.append(f"- {page}: median {t['median_ms']:.1f} ms ({t['bytes']:,} bytes)")
        lines.append(f"- memorandum (PDF): median {b['memo']['median_s']:.2f} s")
        lines.append(f"- server RSS after the load: {b['rss_mb']:.0f} MB (peak {b['rss_peak_mb']:.0f} MB)")
        lines.append("")
    s = r["side_by_side"]
    if s:
        lines.append("### Side by side (c=32)")
        for k in ("datasette_row", "datasette_search", "nginx_static"):
            if k in s:
                lines.append(f"- {k}: {s[k]['rps']:,.0f} requests/s, p99 {s[k]['p99_ms']:.1f} ms")
        for name, b in r["backends"].items():
            for page in ("commitment", "scorecard"):
                mine = b.get("pages", {}).get(page, {}).get(32)
                if mine:
                    for k in ("datasette_row", "nginx_static"):
                        if k in s:
                            lines.append(f"- {name} {page} / {k}: {mine['rps'] / s[k]['rps']:.2f}x")
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description="pledgewatch's scale benchmark (see the module's text)",
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--bin", required=True, help="the release pledgewatch binary")
    p.add_argument("--rows", type=int, default=1_000_000, help="commitments in the data sets")
    p.add_argument("--data-dir", required=True, help="where generate.py wrote its files")
    p.add_argument("--out", required=True, help="directory for results and logs")
    p.add_argument("--backends", default="sqlite,postgres",
                   help="comma-separated: sqlite, postgres or both")
    p.add_argument("--pg-url", default=os.environ.get("PLEDGEWATCH_TEST_POSTGRES_URL"),
                   help="a PostgreSQL server's admin URL (a database pw_bench is made there)")
    p.add_argument("--import-runs", type=int, default=3, help="imports of the UPR Info file timed")
    p.add_argument("--search-reps", type=int, default=30, help="repetitions of each search query")
    p.add_argument("--duration", type=int, default=10, help="seconds of each wrk run")
    p.add_argument("--conns", default="1,8,32,128",
                   help="comma-separated wrk connection counts")
    p.add_argument("--datasette", help="the datasette executable (side by side)")
    p.add_argument("--reuse", action="store_true",
                   help="measure the serving on the data set a previous run left "
                        "(give --import-runs 0): no import, no rebuild")
    p.add_argument("--search-only", action="store_true",
                   help="with --reuse: measure the search over HTTP only (no pages, no "
                        "team pages, no memorandum, nothing side by side)")
    a = p.parse_args()
    if a.search_only and not a.reuse:
        sys.exit("--search-only measures a data set a previous run left: give --reuse too")
    a.conns = [int(c) for c in a.conns.split(",")]
    for tool in ("wrk", "nginx", "sqlite3", "psql"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: bench/scale/setup.sh installs it")
    os.makedirs(a.out, exist_ok=True)
    bench = Bench(a)
    for name in a.backends.split(","):
        if name == "sqlite":
            bench.backend(Backend.sqlite(os.path.join(a.out, "bench.db")))
        elif name == "postgres":
            if not a.pg_url:
                sys.exit("--pg-url (or PLEDGEWATCH_TEST_POSTGRES_URL) is needed for postgres")
            bench.backend(Backend.postgres(a.pg_url, "pw_bench"))
        else:
            sys.exit(f"unknown backend {name}")
        with open(os.path.join(a.out, "results.json"), "w") as f:
            json.dump(bench.results, f, indent=2)
    text = markdown(bench.results)
    with open(os.path.join(a.out, "results.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
