-- wrk script for bench/webhook-load.sh: POSTs pre-signed webhooks to /callback, each body once.
-- wrk -s webhooks.lua URL -- BODIES_FILE THREADS
-- BODIES_FILE has one "<signature>\t<body>" a line (SignedWebhooks.java); thread k of THREADS
-- sends lines k, k+THREADS, k+2*THREADS, ..., so no body is sent twice. A thread that runs out
-- sends nothing more and the run is reported as exhausted: make the file larger.
--
-- WEBHOOK_SECONDS (environment) is the sending window: each thread sends for that long after its
-- first request and then holds its connections idle, so that wrk, run with -d a few seconds
-- longer, sees every answer and nothing is in flight when it stops (webhooks sent = answered by
-- the app, which the script checks against the stub).
-- WEBHOOK_RATE (environment, webhooks/s over all threads) paces the sending: wrk has no fixed-rate
-- mode, so delay() holds each request back until its slot on a fixed schedule, first + n/rate per
-- thread (a monotonic clock through LuaJIT's FFI). 0: as fast as the connections allow.
-- Limits of the pacing: a slot missed (every connection of the thread waiting for an answer) is
-- sent late, and its latency counts from when it was sent, not from its slot (no correction for
-- coordinated omission, as wrk2 would do); delay() has whole milliseconds. The script reports the
-- achieved rate, and enough connections (rate x worst latency) keep slots from being missed.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]]
local CLOCK_MONOTONIC = 1
local clock = ffi.new("bench_timespec[1]")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock[0].tv_sec) * 1000 + tonumber(clock[0].tv_nsec) / 1e6
end

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

local requests = {}
local next_request = 1
sent = 0
exhausted = 0

function init(args)
  local file, count = args[1], tonumber(args[2])
  local line_number = 0
  for line in io.lines(file) do
    if line_number % count == index then
      local signature, body = line:match("^([^\t]+)\t(.*)$")
      requests[#requests + 1] = wrk.format("POST", "/callback",
        { ["Content-Type"] = "application/json", ["X-Line-Signature"] = signature }, body)
    end
    line_number = line_number + 1
  end
  local paced = tonumber(os.getenv("WEBHOOK_RATE") or "0")
  if paced > 0 then
    interval_ms = count * 1000 / paced
  end
end

-- wrk calls request() once on the first thread to check the script (script_verify_request):
-- that request is never sent, so it must not be counted or used up.
local checked_by_wrk = false

function request()
  if index == 0 and not checked_by_wrk then
    checked_by_wrk = true
    return requests[1]
  end
  local r = requests[next_request]
  if r == nil then
    -- delay() keeps this from happening; sending a body twice would spoil the count.
    exhausted = 1
    return requests[#requests]
  end
  next_request = next_request + 1
  sent = sent + 1
  return r
end

local rate = tonumber(os.getenv("WEBHOOK_RATE") or "0")
local window_ms = tonumber(os.getenv("WEBHOOK_SECONDS") or "10") * 1000
local first_slot = nil
local slots = 0
local IDLE_MS = 3600 * 1000

function delay()
  local now = now_ms()
  if first_slot == nil then
    first_slot = now
  end
  if next_request > #requests then
    exhausted = 1
    return IDLE_MS
  end
  local due = now
  if rate > 0 then
    due = first_slot + slots * interval_ms
  end
  if due - first_slot >= window_ms then
    return IDLE_MS
  end
  slots = slots + 1
  if due <= now then
    return 0
  end
  return math.floor(due - now + 0.5)
end

function done(summary, latency, requests)
  local total_sent, total_exhausted = 0, 0
  for _, thread in ipairs(threads) do
    total_sent = total_sent + thread:get("sent")
    total_exhausted = total_exhausted + thread:get("exhausted")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT acked=%d sent=%d wrk_seconds=%.3f non2xx=%d connect_errors=%d read_errors=%d write_errors=%d "
      .. "timeouts=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f exhausted_threads=%d\n",
    summary.requests, total_sent, summary.duration / 1e6, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000, total_exhausted))
end
