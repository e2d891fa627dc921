#!/usr/bin/env python3
"""Small helpers for run.sh (standard library only; loopback only; every loop bounded by count and time).

  firsthook --port P --t0-ns T --body FILE [--timeout S]   ms from T (process spawn) to the first 200 of POST connect
  queries --port P --key K [--runs N] NAME=PATH ...        median time of each GET (Server-Timing if sent, else client)
  total --port P --key K [--query Q]                       "total" of GET /api/events?pageSize=1&Q
  rss --pid PID                                            VmRSS in MB
  rules --port P --key K                                   creates workload 3's 21 rules; prints "ok ID", "missing" or "error ..."
  dbsize --db FILE [--prefix P]                            database bytes per stored event, split into body, headers,
                                                           the rest of the row, each index and the search index (dbstat)
  gc --port P --key K                                      the portal's GC so far, from /metrics (.NET's System.Runtime
                                                           meter): "PAUSE_MS GEN0 GEN1 GEN2" (collections per generation)
"""
import argparse, http.client, json, os, random, sqlite3, statistics, sys, time


QUERY_TIMEOUT_S = 10


def connect(port):
    return http.client.HTTPConnection("127.0.0.1", port, timeout=QUERY_TIMEOUT_S)


def firsthook(a):
    body = open(a.body, "rb").read()
    deadline = time.monotonic() + a.timeout
    while time.monotonic() < deadline:
        try:
            c = connect(a.port)
            c.request("POST", "/rest/my_api/connect", body, {"Content-Type": "application/json;charset=UTF-8"})
            r = c.getresponse()
            r.read()
            c.close()
            if r.status == 200:
                print(round((time.time_ns() - a.t0_ns) / 1e6))
                return 0
        except OSError:
            pass
        time.sleep(0.01)
    print("timeout")
    return 1


def server_ms(header):
    # Server-Timing: name;dur=12.3, other;dur=1 -> the sum of durations
    if not header:
        return None
    total, found = 0.0, False
    for part in header.split(","):
        for field in part.split(";"):
            field = field.strip()
            if field.startswith("dur="):
                total += float(field[4:])
                found = True
    return total if found else None


def queries(a):
    c = connect(a.port)
    headers = {"X-Api-Key": a.key, "Accept": "application/json"}
    for spec in a.specs:
        name, path = spec.split("=", 1)
        client, server, status, total = [], [], None, None
        timed_out = False
        for i in range(a.runs + 1):
            start = time.perf_counter()
            try:
                c.request("GET", path, headers=headers)
                r = c.getresponse()
                data = r.read()
            except TimeoutError:
                # A query slower than the client's timeout is a figure too (over the target), not a reason to stop
                # the run: it is printed as such and the connection is replaced.
                c.close()
                c = connect(a.port)
                timed_out = True
                break
            elapsed = (time.perf_counter() - start) * 1000
            status = r.status
            if i == 0:
                try:
                    total = json.loads(data).get("total")
                except ValueError:
                    total = None
                continue  # the first run warms caches and JIT; it is not counted
            client.append(elapsed)
            s = server_ms(r.getheader("Server-Timing"))
            if s is not None:
                server.append(s)
        if timed_out:
            print(f"{name}: {QUERY_TIMEOUT_S * 1000} (timed out: over {QUERY_TIMEOUT_S} s)")
            continue
        if status != 200:
            print(f"{name}: failed (HTTP {status})")
            continue
        if server:
            print(f"{name}: {statistics.median(server):.1f}")
            print(f"{name}_timing: server-timing header, median of {len(server)}")
        else:
            print(f"{name}: {statistics.median(client):.1f}")
            print(f"{name}_timing: client over loopback (no Server-Timing header), median of {len(client)}")
        print(f"{name}_client_max_ms: {max(client):.1f}")
        print(f"{name}_total: {total}")
    return 0


def total(a):
    c = connect(a.port)
    # The exact count (the list's total stops at 10,000).
    path = "/api/events/count" + ("?" + a.query if a.query else "")
    c.request("GET", path, headers={"X-Api-Key": a.key})
    r = c.getresponse()
    data = r.read()
    if r.status != 200:
        print(f"error HTTP {r.status}")
        return 1
    print(json.loads(data)["count"])
    return 0


def rss(a):
    with open(f"/proc/{a.pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                print(round(int(line.split()[1]) / 1024))
                return 0
    return 1


def gc(a):
    c = connect(a.port)
    c.request("GET", "/metrics", headers={"X-Api-Key": a.key})
    r = c.getresponse()
    text = r.read().decode()
    if r.status != 200:
        print(f"error HTTP {r.status}")
        return 1
    pause_s, collections = 0.0, {"gen0": 0, "gen1": 0, "gen2": 0}
    for line in text.splitlines():
        if line.startswith("dotnet_gc_pause_time_seconds_total"):
            pause_s = float(line.rsplit(" ", 1)[1])
        elif line.startswith("dotnet_gc_collections_total{"):
            for gen in collections:
                if f'gc_heap_generation="{gen}"' in line:
                    collections[gen] = int(float(line.rsplit(" ", 1)[1]))
    print(round(pause_s * 1000, 1), collections["gen0"], collections["gen1"], collections["gen2"])
    return 0


def rule(name, order, match, answer=None):
    m = {"methods": [], "appKey": "*", "streamName": None, "statuses": [], "sessionId": None, "fields": []}
    m.update(match)
    return {"name": name, "enabled": True, "order": order, "match": m,
            "answer": answer or {"status": 403, "body": {"mode": "mirror", "json": None}, "headers": {}, "delayMs": 0, "delayMaxMs": None},
            "limits": {"probability": 1.0, "everyNth": None, "maxHits": None, "activeUntil": None}}


def workload3_rules():
    """20 enabled rules that never match (each kind of condition the engine has) and, last, 1 that matches the
    1 hook in 100 that LoadGen tags with "benchTag": "hit-1-in-100" (answer 200 with an override, so WCS goes on)."""
    never = []
    for i in range(20):
        kind = i % 5
        if kind == 0:
            m = {"methods": ["publishStream"], "streamName": f"nomatch-{i}-*", "fields": [{"path": "custom.login", "op": "equals", "value": "nobody"}]}
        elif kind == 1:
            m = {"methods": ["StreamStatusEvent", "StreamKeepAliveEvent"], "fields": [{"path": "custom.login", "op": "equals", "value": f"nobody-{i}"}]}
        elif kind == 2:
            m = {"appKey": f"no-such-app-{i}"}
        elif kind == 3:
            m = {"fields": [{"path": "name", "op": "regex", "value": f"^zz{i}-[0-9]+$"}]}
        else:
            m = {"statuses": ["FAILED"], "fields": [{"path": "info", "op": "glob", "value": f"*never-{i}*"}]}
        never.append(rule(f"bench never {i}", i + 1, m))
    hit = rule("bench 1 in 100", 21, {"fields": [{"path": "benchTag", "op": "equals", "value": "hit-1-in-100"}]},
               {"status": 200, "body": {"mode": "overrides", "json": {"benchRule": "hit"}}, "headers": {}, "delayMs": 0, "delayMaxMs": None})
    return never + [hit]


def rules(a):
    c = connect(a.port)
    headers = {"X-Api-Key": a.key, "Content-Type": "application/json"}
    # Without the rules API, POST /api/rules falls through to the status-code page (400 from antiforgery), so ask GET first.
    c.request("GET", "/api/rules", headers={"X-Api-Key": a.key})
    probe = c.getresponse()
    probe.read()
    if probe.status != 200 or "json" not in (probe.getheader("Content-Type") or ""):
        print("missing")
        return 0
    last = None
    for r in workload3_rules():
        c.request("POST", "/api/rules", json.dumps(r), headers)
        resp = c.getresponse()
        data = resp.read()
        if resp.status in (404, 405):
            print("missing")
            return 0
        if resp.status not in (200, 201):
            print(f"error HTTP {resp.status}: {data[:300].decode(errors='replace')}")
            return 0
        try:
            last = json.loads(data).get("id")
        except ValueError:
            last = None
    print(f"ok {last}")
    return 0


def dbsize(a):
    """Bytes per stored event from SQLite's dbstat (pages of each table and index, overflow pages included). Body and
    headers are inside the Events table's pages: their share is estimated from a sample of rows (200 runs of 500
    consecutive ids, read by rowid) so that a 10M-event file is not read twice. Python's own SQLite is used: dbstat
    needs no knowledge of the FTS5 table (its shadow tables are plain tables)."""
    c = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True)
    pages = dict(c.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"))
    max_id = c.execute("SELECT COALESCE(MAX(Id), 0) FROM Events").fetchone()[0]
    events = c.execute("SELECT COUNT(*) FROM Events").fetchone()[0]
    if not events:
        print(f"{a.prefix}_events: 0")
        return 0
    rng = random.Random(1)
    rows = body = headers = 0
    for _ in range(200):
        lo = rng.randint(0, max(0, max_id - 500))
        r = c.execute("SELECT COUNT(*), SUM(LENGTH(CAST(Body AS BLOB))), SUM(LENGTH(CAST(Headers AS BLOB))) "
                      "FROM Events WHERE Id > ? AND Id <= ?", (lo, lo + 500)).fetchone()
        rows += r[0]; body += r[1] or 0; headers += r[2] or 0
    body_pe = body / rows if rows else 0.0
    headers_pe = headers / rows if rows else 0.0
    total = sum(pages.values())
    table = pages.get("Events", 0)
    # The search index lives in a file of its own (<database>.search): its event rows and its keyed values apart.
    search_pages = {}
    if os.path.exists(a.db + ".search"):
        s = sqlite3.connect(f"file:{a.db}.search?mode=ro", uri=True)
        search_pages = dict(s.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"))
    search_events = sum(v for k, v in search_pages.items() if k.startswith("EventSearch_"))
    search_keys = sum(v for k, v in search_pages.items() if k.startswith("EventKeySearch_"))
    search = sum(v for k, v in pages.items() if k.startswith("EventSearch"))
    event_indexes = {k: v for k, v in pages.items() if k.startswith("IX_Events_")}
    rest = total - table - search - sum(event_indexes.values())
    p = a.prefix
    print(f"{p}_events: {events}")
    print(f"{p}_file_bytes: {total}")
    print(f"{p}_bytes_per_event: {total / events:.0f}")
    print(f"{p}_body_bytes_per_event: {body_pe:.0f} (sampled {rows} rows)")
    print(f"{p}_headers_bytes_per_event: {headers_pe:.0f} (sampled)")
    print(f"{p}_row_rest_bytes_per_event: {table / events - body_pe - headers_pe:.0f} (other columns, record and page overhead)")
    print(f"{p}_indexes_bytes_per_event: {sum(event_indexes.values()) / events:.0f} ("
          + ", ".join(f"{k[10:]} {v / events:.0f}" for k, v in sorted(event_indexes.items(), key=lambda kv: -kv[1])) + ")")
    print(f"{p}_search_index_bytes_per_event: {(search + sum(search_pages.values())) / events:.0f} (file {a.db}.search: "
          f"event rows {search_events / events:.0f}, keyed values {search_keys / events:.0f})")
    print(f"{p}_other_tables_bytes_per_event: {rest / events:.0f} (streams, sessions, keys, settings)")
    return 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("firsthook"); f.add_argument("--port", type=int, required=True); f.add_argument("--t0-ns", type=int, required=True)
    f.add_argument("--body", required=True); f.add_argument("--timeout", type=float, default=60)
    q = sub.add_parser("queries"); q.add_argument("--port", type=int, required=True); q.add_argument("--key", required=True)
    q.add_argument("--runs", type=int, default=9); q.add_argument("specs", nargs="+")
    t = sub.add_parser("total"); t.add_argument("--port", type=int, required=True); t.add_argument("--key", required=True); t.add_argument("--query", default="")
    r = sub.add_parser("rss"); r.add_argument("--pid", type=int, required=True)
    u = sub.add_parser("rules"); u.add_argument("--port", type=int, required=True); u.add_argument("--key", required=True)
    d = sub.add_parser("dbsize"); d.add_argument("--db", required=True); d.add_argument("--prefix", default="db")
    g = sub.add_parser("gc"); g.add_argument("--port", type=int, required=True); g.add_argument("--key", required=True)
    a = p.parse_args()
    return {"firsthook": firsthook, "queries": queries, "total": total, "rss": rss, "rules": rules, "dbsize": dbsize, "gc": gc}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
