-- wrk script of bench/run: every request is a PUT of the same 10-series text body to the next
-- group of a pool, /metrics/job/bench/instance/p<n>, n cycling over the pool so that the number of
-- stored series stays what the run filled. Each wrk thread starts at its own offset.
-- Arguments (after --): <pool size> <body file>. done() prints one JSON line of the figures.

local pool, body
local counter = 0
local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

function init(args)
   pool = tonumber(args[1] or "100")
   local f = assert(io.open(args[2] or "bench-body.txt", "rb"))
   body = f:read("*a")
   f:close()
   counter = (id or 0) * 7919
   wrk.method = "PUT"
   wrk.body = body
   wrk.headers["Content-Type"] = "text/plain; version=0.0.4"
end

function request()
   counter = counter + 1
   return wrk.format(nil, "/metrics/job/bench/instance/p" .. (counter % pool))
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      '{"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,' ..
      '"connect_errors":%d,"read_errors":%d,"write_errors":%d,"status_errors":%d,"timeouts":%d}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
      e.connect, e.read, e.write, e.status, e.timeout))
end
