-- Shared by every wrk script of bench/run: the admin token, unique names per thread, counting of non-2xx
-- answers (wrk itself counts only socket errors and timeouts) and a JSON summary written by done().
--
-- Environment: BENCH_TOKEN (Authorization header), BENCH_RUN (a prefix unique to this run),
-- BENCH_OUT (where done() writes the summary).

local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

-- Per thread (each wrk thread has its own Lua state): its id, its request counter, its tallies.
tid = 0
counter = 0
non2xx = 0
statuses = {}
run = os.getenv("BENCH_RUN") or "run"
token = os.getenv("BENCH_TOKEN") or ""

json_headers = { ["Content-Type"] = "application/json", ["Authorization"] = token }
read_headers = { ["Authorization"] = token }

-- A name no other request of this run uses: run prefix, thread, counter.
function unique(prefix)
  counter = counter + 1
  return string.format("%s%s-%d-%d", prefix, run, tid, counter)
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if non2xx <= 3 then
      io.stderr:write(string.format("wrk: HTTP %d: %s\n", status, string.sub(body or "", 1, 300)))
    end
  end
end

function done(summary, latency, requests)
  local total_non2xx = 0
  local codes = {}
  for _, thread in ipairs(threads) do
    total_non2xx = total_non2xx + (thread:get("non2xx") or 0)
    for code, n in pairs(thread:get("statuses") or {}) do
      codes[code] = (codes[code] or 0) + n
    end
  end
  local parts = {}
  for code, n in pairs(codes) do
    table.insert(parts, string.format('"%s": %d', code, n))
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local out = {
    '{',
    string.format('"duration_s": %.3f,', seconds),
    string.format('"requests": %d,', summary.requests),
    string.format('"requests_per_s": %.2f,', summary.requests / seconds),
    string.format('"latency_ms": {"mean": %.3f, "max": %.3f, "p50": %.3f, "p90": %.3f, "p99": %.3f, "p99_9": %.3f},',
      latency.mean / 1000, latency.max / 1000, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency:percentile(99.9) / 1000),
    string.format('"statuses": {%s},', table.concat(parts, ", ")),
    string.format('"non_2xx": %d,', total_non2xx),
    string.format('"socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d},',
      e.connect, e.read, e.write, e.timeout),
    string.format('"errors": %d', total_non2xx + e.connect + e.read + e.write + e.timeout),
    '}',
  }
  local path = os.getenv("BENCH_OUT")
  local file = path and io.open(path, "w") or io.stdout
  file:write(table.concat(out, "\n"), "\n")
  if path then file:close() end
end
