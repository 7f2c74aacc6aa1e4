import CoreMetrics
import HTTPTypes
import Definitions
import Metering
import Rating
import Storage

/// `/v1/usage`: batches of usage records, rating a billing period, and what rating stored.
enum UsageRoutes {
    /// The most records one request may hold.
    static let batchLimit = 10_000

    static var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/usage/records", .ingestUsage, creates: true) { call in
                let version = try call.integer("version", in: 1...Int(Int32.max))
                let lines = try recordLines(call)
                let report = try await UsageBook(store: call.backend.store, definitions: call.backend.definitions)
                    .ingest(jsonLines: lines, version: version)
                call.backend.metrics.recordsIngested.increment(by: Int64(report.result.inserted))
                let counts: @Sendable (JSONWriter) -> Void = { out in
                    out.field("received", report.received)
                    out.field("inserted", report.result.inserted)
                    out.field("duplicates", report.result.duplicates)
                    out.field("rejected", report.problems.count)
                    out.field("definitionsVersion", report.definitionsVersion)
                }
                guard report.problems.isEmpty else {
                    let items = report.problems.map { problem in
                        Problem.Item(code: problem.code, detail: "record \(problem.line - 1): \(problem.message)",
                                     pointer: "/records/\(problem.line - 1)" + pointer(field: problem.field),
                                     index: problem.line - 1, field: problem.field)
                    }
                    let stored = report.result.inserted + report.result.duplicates
                    throw Problem(.unprocessableContent, "InvalidUsageRecords",
                                  "\(items.count) of \(report.received) records were not stored (see errors, by index and field); the other \(stored) were",
                                  pointer: items[0].pointer, errors: items, extensions: counts)
                }
                return .json { out in out.object { counts(out) } }
            },
            Endpoint(.get, "/v1/usage/records", .read) { call in
                let limit = try call.pageLimit()
                let page = try await call.backend.store.usageRecords(after: call.query("cursor"), limit: limit)
                return .json { out in out.object {
                    out.key("items")
                    out.array(page) { $0.write(to: out) }
                    out.field("nextCursor", page.count == limit ? page.last?.id : nil)
                } }
            },
            Endpoint(.post, "/v1/usage/rate", .rateUsage, creates: true) { call in
                let (periodText, version) = try call.object { reader -> (String, Int?)? in
                    guard let period = reader.string("period") else { return nil }
                    return (period, reader.integer("version", required: false, in: 1...Int(Int32.max)))
                }
                guard let period = BillingPeriod(periodText) else {
                    throw Problem(.badRequest, "InvalidValue",
                                  "'\(periodText)' is not a billing period: write YYYY-MM for a month or YYYY-MM-DD for a day",
                                  pointer: "/period")
                }
                let outcome = try await UsageBook(store: call.backend.store, definitions: call.backend.definitions)
                    .rate(period: period, author: call.author, at: call.backend.now(), version: version)
                switch outcome {
                case .rated(let run):
                    call.backend.metrics.recordsRated.increment(by: Int64(run.rated))
                    return .json(.created) { out in write(run, out, outcome: "rated") }
                case .ratedBefore(let run):
                    return .json { out in write(run, out, outcome: "ratedBefore") }
                case .noUsage:
                    return .json { out in out.object {
                        out.field("outcome", "noUsage")
                        out.field("period", period.description)
                    } }
                }
            },
            Endpoint(.get, "/v1/usage/runs", .read) { call in
                let period = call.query("period")
                let runs = try await call.backend.store.ratingRuns().filter { period == nil || $0.period == period }
                return .json { out in out.object {
                    out.key("items")
                    out.array(runs) { write($0, out, outcome: nil) }
                } }
            },
            Endpoint(.get, "/v1/usage/rated", .read) { call in
                guard let text = call.query("period") else {
                    throw Problem.invalidParameter("period", "name the billing period with ?period=YYYY-MM or YYYY-MM-DD")
                }
                guard let period = BillingPeriod(text) else {
                    throw Problem.invalidParameter("period", "'\(text)' is not a billing period: write YYYY-MM or YYYY-MM-DD")
                }
                let limit = try call.pageLimit()
                let page = try await call.backend.store.ratedUsage(period: period.description, after: call.query("cursor"),
                                                                   limit: limit)
                return .json { out in out.object {
                    out.field("period", period.description)
                    out.key("items")
                    out.array(page) { record in
                        out.object {
                            out.field("recordId", record.recordId)
                            switch record.outcome {
                            case .rated(let amount, let currency, let rate, let tiers):
                                out.field("outcome", "rated")
                                out.field("amount", amount)
                                out.field("currency", currency)
                                out.field("rate", rate)
                                out.field("tiers", tiers)
                            case .rejected(let field, let code, let reason):
                                out.field("outcome", "rejected")
                                out.field("field", field)
                                out.field("code", code)
                                out.field("reason", reason)
                            }
                        }
                    }
                    out.field("nextCursor", page.count == limit ? page.last?.recordId : nil)
                } }
            },
        ]
    }

    /// The body `{"records": [{…}, …]}` as JSON Lines, one record per line, for the same checks
    /// a usage file gets. An item that is not an object becomes a line the checks reject.
    ///
    /// The lines are cut straight out of the body's bytes; a body of any other shape, or not
    /// well-formed, is read as a document instead, which names the problem and its place.
    private static func recordLines(_ call: Call) throws(Problem) -> [UInt8] {
        let (lines, count) = if let cut = JSONArrayLines.cut(call.body, member: "records") { cut } else { try readRecords(call) }
        guard count <= batchLimit else {
            throw Problem(.contentTooLarge, "TooManyRecords",
                          "a request holds at most \(batchLimit) records, this one \(count); send them in several",
                          pointer: "/records")
        }
        return lines
    }

    /// ``recordLines(_:)`` through a document tree, for the bodies that need their problem named.
    private static func readRecords(_ call: Call) throws(Problem) -> (lines: [UInt8], count: Int) {
        let items = try call.object { reader -> [DocumentNode]? in reader.list("records").map(\.node) }
        var lines: [UInt8] = []
        lines.reserveCapacity(call.body.count + items.count)
        for item in items {
            CompactJSON.append(item, to: &lines)
            lines.append(UInt8(ascii: "\n"))
        }
        return (lines, items.count)
    }

    /// The pointer below a record of the field a reject names.
    private static func pointer(field: String) -> String {
        switch field {
        case "", "record": ""
        case "recordId", "assetId", "resourceId", "timestamp", "quantity", "attributes": "/\(field)"
        default: "/attributes/\(field)"
        }
    }

    private static func write(_ run: UsageRatingRun, _ out: JSONWriter, outcome: String?) {
        out.object {
            if let outcome { out.field("outcome", outcome) }
            out.field("run", run.number)
            out.field("period", run.period)
            out.field("definitionsVersion", run.definitionsVersion)
            out.field("records", run.records)
            out.field("rated", run.rated)
            out.field("rejected", run.rejected)
            out.field("summaries", run.summaries)
            out.field("totals", run.totals)
            out.field("author", run.author)
            out.field("ratedAt", StoredTime.iso8601(run.ratedAt))
        }
    }
}
