#!/usr/bin/env python3
"""WCS-like hook traffic at a fixed rate, then an exactly-once check in PostgreSQL (deploy/failover.sh,
deploy/redis-outage.sh; docs/cluster.md).

    traffic.py send --url http://127.0.0.1:8080 --rate 200 --seconds 30 --run RUNID --out results.json
    traffic.py check --results results.json --psql "runuser -u postgres -- psql -h DIR/pg -p 5432 -d streamportal"
              [--event NAME=SECONDS ...]

send: lifecycles made from fixtures/wcs-lifecycle (publisher connects, publishes; player connects, plays; keep-alives;
player stops and disconnects; publisher unpublishes and disconnects), each with its own ids, interleaved 32 at a time
as concurrent clients of one WCS node would be. Every body carries a unique "loadMarker" (WCS bodies have free-form
fields; the portal mirrors and stores unknown fields). Request i is due at t0 + i/rate; a pool of keep-alive
connections sends them with WCS's headers, each with a timeout; latency is answer time minus due time, so a stall counts
for every request it delays. Results (one record per request) go to --out.

check: reads every stored event of the run from the database and prints one "name: value" line per figure. Exit 1
when a hook answered 200 is missing or stored more than once, or when a 200 did not mirror its body.
"""
import argparse
import collections
import glob
import http.client
import json
import os
import queue
import re
import shlex
import subprocess
import sys
import threading
import time

SESSION_A = "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
SESSION_B = "b2a7e9c4-1d3f-4e8a-9b6c-5d4e3f2a1b0c"
MEDIA_A = "9e8d7c6b-5a49-4f3e-8d2c-1b0a9f8e7d6c"
MEDIA_B = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
STREAM = "lecture-101"
APP_KEYS = ["defaultApp", "classroom", "webinar", "lobby"]
HEADERS = {
    "Content-Type": "application/json;charset=UTF-8",
    "Accept": "application/json",
    "User-Agent": "Apache-HttpClient/4.5.14 (Java/17.0.10)",
}


def load_fixtures(folder):
    fixtures = {}
    for path in sorted(glob.glob(os.path.join(folder, "[0-9][0-9]-*.json"))):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        fixtures[int(os.path.basename(path)[:2])] = (doc["method"], doc["body"])
    missing = [n for n in range(1, 16) if n not in fixtures]
    if missing:
        sys.exit(f"fixtures {missing} missing in {folder}")
    return fixtures


def lifecycle(fixtures, n, run):
    """The hooks of lifecycle n in WCS's order, ids and names of its own; every 10th player drops without stopping."""
    ids = {
        SESSION_A: f"{run}-{n:06d}-sa",
        SESSION_B: f"{run}-{n:06d}-sb",
        MEDIA_A: f"{run}-{n:06d}-ma",
        MEDIA_B: f"{run}-{n:06d}-mb",
    }

    def fill(value):
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(v) for v in value]
        if isinstance(value, str):
            if value in ids:
                return ids[value]
            if value == STREAM:
                return f"stream-{run}-{n:06d}"
            if value == "defaultApp":
                return APP_KEYS[n % len(APP_KEYS)]
        return value

    order = list(range(1, 10)) + ([] if n % 10 == 9 else [10, 11]) + [12, 13, 14, 15]
    return [(fixtures[k][0], fill(fixtures[k][1])) for k in order]


def make_requests(fixtures, count, run, group=32):
    """count hooks: lifecycles interleaved round-robin, group at a time."""
    out = []
    n = 0
    while len(out) < count:
        members = [lifecycle(fixtures, n + g, run) for g in range(group)]
        n += group
        for r in range(max(len(m) for m in members)):
            for m in members:
                if r < len(m) and len(out) < count:
                    method, body = m[r]
                    marker = f"{run}-{len(out):07d}"
                    body = dict(body, loadMarker=marker)
                    out.append((marker, method, json.dumps(body, separators=(",", ":")).encode()))
    return out


def send(args):
    fixtures = load_fixtures(args.fixtures)
    count = int(args.rate * args.seconds)
    requests = make_requests(fixtures, count, args.run)
    host, port = args.url.split("//", 1)[1].rstrip("/").split(":")
    port = int(port)
    results = [None] * count
    due = queue.Queue()
    t0 = time.monotonic() + 0.5
    wall0 = time.time() + 0.5
    if args.started:
        # The script that runs us times its actions (kill, outage) from the first request's due time.
        with open(args.started + ".tmp", "w", encoding="utf-8") as f:
            f.write(f"{wall0:.6f}\n")
        os.replace(args.started + ".tmp", args.started)

    def worker():
        conn = None
        while True:
            i = due.get()
            if i is None:
                return
            marker, method, body = requests[i]
            sent = time.monotonic()
            record = {"marker": marker, "method": method, "due": i / args.rate, "sent": sent - t0}
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(host, port, timeout=args.timeout)
                conn.request("POST", f"/rest/{args.app}/{method}", body=body, headers=HEADERS)
                resp = conn.getresponse()
                answer = resp.read()
                record["status"] = resp.status
                record["mirrored"] = answer == body
                if resp.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except Exception as ex:  # noqa: BLE001 - every failure is a figure, whatever its type
                record["error"] = type(ex).__name__ + (f": {ex}" if str(ex) else "")
                if conn is not None:
                    conn.close()
                conn = None
            record["done"] = time.monotonic() - t0
            results[i] = record

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.connections)]
    for t in threads:
        t.start()
    lag = []
    for i in range(count):
        at = t0 + i / args.rate
        delay = at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        lag.append(max(0.0, time.monotonic() - at))
        due.put(i)
    for _ in threads:
        due.put(None)
    # Bounded: every request has its own timeout; whatever is still out after that is counted as unanswered.
    deadline = time.monotonic() + args.timeout + 10
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    lag.sort()
    doc = {
        "run": args.run, "rate": args.rate, "seconds": args.seconds, "wall_t0": wall0,
        "schedule_lag_p99_ms": round(lag[int(0.99 * (len(lag) - 1))] * 1000, 2) if lag else 0,
        "results": [r if r is not None else {"marker": requests[i][0], "method": requests[i][1],
                                             "due": i / args.rate, "error": "unanswered"}
                    for i, r in enumerate(results)],
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(doc, f)
    return 0


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(round(p * (len(sorted_values) - 1))))]


def check(args):
    with open(args.results, encoding="utf-8") as f:
        doc = json.load(f)
    run, results = doc["run"], doc["results"]
    sql = (
        "SELECT substring(\"Body\" from '\"loadMarker\":\"([^\"]+)\"') AS marker, count(*) "
        "FROM \"Events\" WHERE \"Body\" LIKE '%\"loadMarker\":\"" + run + "-%' GROUP BY 1"
    )
    out = subprocess.run(shlex.split(args.psql) + ["-X", "-A", "-t", "-F", "\t", "-c", sql],
                         capture_output=True, text=True, timeout=120, check=False)
    if out.returncode != 0:
        print(f"psql failed: {out.stderr.strip()}", file=sys.stderr)
        return 2
    stored = {}
    for line in out.stdout.splitlines():
        if line.strip():
            marker, n = line.split("\t")
            stored[marker] = int(n)

    ok = [r for r in results if r.get("status") == 200]
    other = collections.Counter(str(r["status"]) for r in results if "status" in r and r["status"] != 200)
    failed = [r for r in results if "error" in r]
    reasons = collections.Counter(r["error"].split(":")[0] for r in failed)
    missing = [r["marker"] for r in ok if stored.get(r["marker"], 0) == 0]
    doubled = [r["marker"] for r in ok if stored.get(r["marker"], 0) > 1]
    not_mirrored = [r["marker"] for r in ok if not r.get("mirrored")]
    not_ok = [r for r in results if r.get("status") != 200]
    not_ok_stored = sum(1 for r in not_ok if stored.get(r["marker"], 0) > 0)
    not_ok_doubled = sum(1 for r in not_ok if stored.get(r["marker"], 0) > 1)

    done = sorted(r["done"] for r in ok)
    gap, gap_at = 0.0, 0.0
    for a, b in zip(done, done[1:]):
        if b - a > gap:
            gap, gap_at = b - a, a
    latency = sorted((r["done"] - r["due"]) * 1000 for r in ok)

    def figure(name, value):
        print(f"{name}: {value}")

    figure("run", run)
    figure("rate_per_s", doc["rate"])
    figure("duration_s", doc["seconds"])
    figure("sent", len(results))
    figure("answered_200", len(ok))
    figure("answered_other", sum(other.values()))
    figure("answered_other_by_status", ", ".join(f"{k}: {v}" for k, v in sorted(other.items())) or "none")
    figure("failed", len(failed))
    figure("failed_by_reason", ", ".join(f"{k}: {v}" for k, v in reasons.most_common()) or "none")
    figure("not_200_but_stored", not_ok_stored)
    figure("not_200_stored_twice", not_ok_doubled)
    figure("answered_200_stored_once", len(ok) - len(missing) - len(doubled))
    figure("answered_200_missing", len(missing))
    figure("answered_200_doubled", len(doubled))
    figure("answered_200_not_mirrored", len(not_mirrored))
    figure("longest_gap_ms", round(gap * 1000, 1))
    figure("longest_gap_at_s", round(gap_at, 2))
    for spec in args.event or []:
        # NAME=UNIX_TIME (date +%s.%N when the script acted), shown as seconds since the traffic started.
        name, at = spec.split("=", 1)
        figure(f"{name}_at_s", round(float(at) - doc["wall_t0"], 2))
    figure("latency_p50_ms", round(percentile(latency, 0.50), 1))
    figure("latency_p99_ms", round(percentile(latency, 0.99), 1))
    figure("latency_max_ms", round(latency[-1], 1) if latency else "nan")
    figure("client_schedule_lag_p99_ms", doc["schedule_lag_p99_ms"])
    for name, markers in (("missing", missing), ("doubled", doubled), ("not_mirrored", not_mirrored)):
        if markers:
            figure(f"first_{name}", ", ".join(markers[:5]))
    bad = bool(missing or doubled or not_mirrored or not ok)
    if args.require_all_200 and len(ok) != len(results):
        bad = True
    figure("verdict", "FAIL" if bad else "pass")
    return 1 if bad else 0


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("send")
    s.add_argument("--url", required=True, help="the balancer, e.g. http://127.0.0.1:8080")
    s.add_argument("--rate", type=float, default=200)
    s.add_argument("--seconds", type=float, default=30)
    s.add_argument("--run", required=True, help="unique id of the run (markers start with it)")
    s.add_argument("--out", required=True)
    s.add_argument("--app", default="cluster_test", help="the {app} segment of the hook URL")
    s.add_argument("--connections", type=int, default=32)
    s.add_argument("--timeout", type=float, default=10, help="seconds per request (WCS waits 15 by default)")
    s.add_argument("--started", help="file that receives the Unix time of the first request's due time")
    s.add_argument("--fixtures", default=os.path.join(here, "..", "fixtures", "wcs-lifecycle"))
    c = sub.add_parser("check")
    c.add_argument("--results", required=True)
    c.add_argument("--psql", required=True, help="psql command line reaching the portal's database")
    c.add_argument("--event", action="append", help="NAME=UNIX_TIME of something the script did, printed as NAME_at_s")
    c.add_argument("--require-all-200", action="store_true", help="also fail when any request was not answered 200")
    args = parser.parse_args()
    if args.command == "send" and not re.fullmatch(r"[a-z0-9-]{1,40}", args.run):
        parser.error("--run: 1-40 characters among a-z, 0-9 and '-' (it goes into SQL LIKE patterns)")
    return send(args) if args.command == "send" else check(args)


if __name__ == "__main__":
    sys.exit(main())
