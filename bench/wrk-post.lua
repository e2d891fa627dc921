-- wrk script for workload 1: POST one WCS hook body (file in env BENCH_BODY) with WCS's headers.
local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
local body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.path = os.getenv("BENCH_PATH") or "/rest/my_api/StreamStatusEvent"
wrk.body = body
wrk.headers["Content-Type"] = "application/json;charset=UTF-8"
wrk.headers["Accept"] = "application/json"
wrk.headers["User-Agent"] = "Java/1.8.0_111"

function done(summary, latency, requests)
  io.write(string.format("wrk_requests: %d\n", summary.requests))
  io.write(string.format("wrk_non2xx: %d\n", summary.errors.status))
  io.write(string.format("wrk_socket_errors: %d\n", summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("wrk_rps: %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("wrk_p50_ms: %.3f\n", latency:percentile(50) / 1000))
  io.write(string.format("wrk_p99_ms: %.3f\n", latency:percentile(99) / 1000))
end
