-- POST /v1/usage/records with 1,000 new usage records a request (record ids never repeat, so
-- every record is inserted, in every run). The key comes from REVENUE_KEY, set by scripts/bench-api.sh.
local assets = {"AS-ACME-1", "AS-ACME-EU-1", "AS-GLOBEX-1", "AS-INITECH-1", "AS-UMBRELLA-1"}
local resources = {"api-writes", "functions", "events", "queries", "messages", "emails", "storage-gb", "compute-hours"}
local batch = 0
local counter = 0
-- thread_id is a global of each thread's Lua state, set by setup(); 0 until then.
thread_id = 0

function setup(thread)
    counter = counter + 1
    thread:set("thread_id", counter)
end

function init(args)
    -- Ids differ between runs as well as between threads and requests.
    run = os.time()
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Authorization"] = "Bearer " .. os.getenv("REVENUE_KEY")
end

-- REVENUE_SPREAD=minute (the default): a batch holds what happened in one minute, and each batch
-- of a thread is the next minute, as a metering agent sends usage as it happens. month: every
-- batch spreads its records over the whole month, the worst case for the store's time index.
local spread = os.getenv("REVENUE_SPREAD") or "minute"

function request()
    batch = batch + 1
    local records = {}
    local prefix = "r" .. run .. "-t" .. thread_id .. "-b" .. batch .. "-"
    local minute = (batch - 1) % (28 * 24 * 60)
    for i = 1, 1000 do
        local day, hour, min, sec
        if spread == "month" then
            day, hour, min, sec = i % 28 + 1, i % 24, i % 60, 0
        else
            day, hour, min, sec = math.floor(minute / 1440) + 1, math.floor(minute / 60) % 24, minute % 60, math.floor((i - 1) * 60 / 1000)
        end
        records[i] = string.format(
            '{"recordId":"%s%d","assetId":"%s","resourceId":"%s","timestamp":"2026-10-%02dT%02d:%02d:%02dZ","quantity":"%d.5"}',
            prefix, i, assets[i % 5 + 1], resources[i % 8 + 1], day, hour, min, sec, i % 97)
    end
    return wrk.format(nil, nil, nil, '{"records":[' .. table.concat(records, ",") .. ']}')
end
