-- Every request carries one benchmark session's cookies (round-robin over the sessions file) and X-CSRF: 1,
-- whatever the target, so all targets receive the same requests. done() prints one JSON line of results.
local cookies = {}
local path = os.getenv("BENCH_PATH") or "/api/data"
local file = os.getenv("BENCH_COOKIES")
if file then
  for line in io.lines(file) do
    if #line > 0 then cookies[#cookies + 1] = line end
  end
end

local next_session = 0

request = function()
  local headers = { ["X-CSRF"] = "1" }
  if #cookies > 0 then
    next_session = next_session % #cookies + 1
    headers["Cookie"] = cookies[next_session]
  end
  return wrk.format("GET", path, headers)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"socket_errors":%d,"non2xx":%d,"p50_us":%d,"p99_us":%d,"p999_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end
