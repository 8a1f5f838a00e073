-- wrk -t2 -c64 -d10s -s put.lua [-H 'Authorization: Basic ...'] BASE_URL -- [KEYS]
-- PUT /v2/keys/bench/k<N>, form body value=<256 bytes>, N random in [0,KEYS), as
-- /work/shared/bench/v2.lua's put mode, but with every -H header sent (wrk.format drops
-- wrk.headers once a script passes its own headers, so v2.lua never sends -H on a PUT).
-- done() prints: req/s p50 p99 max, and the count of answers that were not 2xx.
local nkeys = 10000
local body = "value=" .. string.rep("v", 256)
local nthreads = 0
local threads = {}

function setup(thread)
  nthreads = nthreads + 1
  thread:set("tid", nthreads)
  table.insert(threads, thread)
end

function init(args)
  nkeys = tonumber(args[1] or nkeys)
  math.randomseed(os.time() * 100 + (tid or 0))
  headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  refused = 0
end

function request()
  return wrk.format("PUT", "/v2/keys/bench/k" .. math.random(0, nkeys - 1), headers, body)
end

function response(status, hdrs, b)
  if status >= 300 then refused = refused + 1 end
end

function done(summary, latency, requests)
  local r = 0
  for _, t in ipairs(threads) do r = r + (t:get("refused") or 0) end
  io.write(string.format("req/s=%8.0f  p50=%7.2fms  p99=%7.2fms  max=%7.2fms  refused=%d  errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, r,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
