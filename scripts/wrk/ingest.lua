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

function request()
    batch = batch + 1
    local records = {}
    local prefix = "r" .. run .. "-t" .. thread_id .. "-b" .. batch .. "-"
    for i = 1, 1000 do
        records[i] = string.format(
            '{"recordId":"%s%d","assetId":"%s","resourceId":"%s","timestamp":"2026-10-%02dT%02d:%02d:00Z","quantity":"%d.5"}',
            prefix, i, assets[i % 5 + 1], resources[i % 8 + 1], i % 28 + 1, i % 24, i % 60, i % 97)
    end
    return wrk.format(nil, nil, nil, '{"records":[' .. table.concat(records, ",") .. ']}')
end
