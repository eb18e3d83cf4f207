-- Shared by the engine benchmark's wrk scripts (wrk runs them with this directory as the current one).
-- Env: TOKEN (bearer token of the benchmark's user), SCENARIO (name put in the report line).
-- Sends the bearer token on every request and, when wrk is done, prints ONE machine-readable line:
--   BENCH {"scenario":"…","requests":N,"seconds":S,"rps":R,"p50_ms":…,"p99_ms":…,"non2xx":N,…}
-- non2xx is wrk's status error counter (answers with a status above 399; the API sends no 3xx here).
local token = os.getenv("TOKEN")
if not token or token == "" then
  error("TOKEN is not set")
end
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    'BENCH {"scenario":"%s","requests":%d,"seconds":%.3f,"rps":%.1f,"mean_ms":%.2f,"p50_ms":%.2f,'
      .. '"p90_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"non2xx":%d,"err_connect":%d,"err_read":%d,'
      .. '"err_write":%d,"err_timeout":%d}\n',
    os.getenv("SCENARIO") or "?", summary.requests, secs, summary.requests / secs, latency.mean / 1000,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout))
end
