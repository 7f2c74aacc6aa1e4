-- POST /v1/price with the 10-line quote of quote-10-lines.json (demo definitions). Run from
-- the repository root; the key comes from REVENUE_KEY, set by scripts/bench-api.sh.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("REVENUE_KEY")
local file = assert(io.open("scripts/wrk/quote-10-lines.json", "r"))
wrk.body = file:read("*a")
file:close()
