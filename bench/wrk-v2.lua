-- /work/shared/bench/v2.lua (the neutral v2 load of the issue's figures) with p99.9 added to
-- its one output line; the requests are the same.
-- wrk -t2 -c128 -d10s --latency -s bench/wrk-v2.lua BASE_URL -- MODE [KEYS]
-- MODE put : PUT /v2/keys/bench/k<N>, form body value=<256 bytes>, N random in [0,KEYS)
--      get : GET /v2/keys/bench/k<N>              (default, possibly stale read)
--      qget: GET /v2/keys/bench/k<N>?quorum=true  (linearizable read)
-- -H 'Authorization: Basic ...' adds the header to every request, PUTs included.
-- done() prints: req/s p50 p99 p99.9 max, errors = non-2xx/3xx + socket errors + timeouts.
local mode, nkeys = "get", 10000
local body = "value=" .. string.rep("v", 256)
local form = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local nthreads = 0

function setup(thread) nthreads = nthreads + 1; thread:set("tid", nthreads) end

function init(args)
  -- headers given with -H (e.g. Authorization) go on PUTs too: wrk.format drops wrk.headers
  -- when it is handed a header table of its own
  for name, value in pairs(wrk.headers) do form[name] = value end
  mode = args[1] or mode
  nkeys = tonumber(args[2] or nkeys)
  math.randomseed(os.time() * 100 + (tid or 0))  -- tid: global set by setup()
end

function request()
  local path = "/v2/keys/bench/k" .. math.random(0, nkeys - 1)
  if mode == "put" then return wrk.format("PUT", path, form, body) end
  if mode == "qget" then path = path .. "?quorum=true" end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("req/s=%8.0f  p50=%7.2fms  p99=%7.2fms  p99.9=%7.2fms  max=%7.2fms  errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000,
    e.status + e.connect + e.read + e.write + e.timeout))
end
