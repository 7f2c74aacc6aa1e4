import CoreMetrics
import HTTPTypes
import Definitions
import Foundation
import Pricing
import Quoting
import Storage

/// `/v1/quotes`: priced quotes stored with their waterfall and the definitions version used,
/// listed, read and repriced.
enum QuoteRoutes {
    static var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/quotes", .writeQuotes, creates: true) { call in
                let version = try call.integer("version", in: 1...Int(Int32.max))
                // The book reads the quote (a bad one is the same 400 as for /v1/price) and stores it.
                try QuoteBody.requireBody(call)
                let created = try await book(call).create(document: call.body, path: "body.json", version: version,
                                                          at: call.backend.now(), requirePriced: true)
                call.backend.metrics.linesPriced.increment(by: Int64(created.priced.lines.count))
                var reply = QuoteBody.reply(.created, version: created.stored.definitionsVersion, priced: created.stored.priced) { out in
                    out.field("id", created.stored.id)
                    out.field("revision", created.stored.revision)
                    out.field("pricedAt", StoredTime.iso8601(created.stored.pricedAt))
                }
                reply.headers[.location] = "/v1/quotes/\(Self.escaped(created.stored.id))"
                return reply
            },
            Endpoint(.get, "/v1/quotes", .read) { call in
                let limit = try call.pageLimit()
                let page = try await call.backend.store.quotes(after: call.query("cursor"), limit: limit)
                return .json { out in out.object {
                    out.key("items")
                    out.array(page) { summary in
                        out.object {
                            out.field("id", summary.id)
                            out.field("revision", summary.revision)
                            out.field("definitionsVersion", summary.definitionsVersion)
                            out.field("currency", summary.currency)
                            out.field("total", summary.total)
                            out.field("lines", summary.lineCount)
                            out.field("hasErrors", summary.hasErrors)
                            out.field("pricedAt", StoredTime.iso8601(summary.pricedAt))
                        }
                    }
                    out.field("nextCursor", page.count == limit ? page.last?.id : nil)
                } }
            },
            Endpoint(.get, "/v1/quotes/:id", .read) { call in
                let id = try call.parameter("id")
                let revision = try call.integer("revision", in: 1...Int(Int32.max))
                let stored = try await book(call).revision(id, revision)
                return QuoteBody.reply(.ok, version: stored.definitionsVersion, priced: stored.priced) { out in
                    out.field("id", stored.id)
                    out.field("revision", stored.revision)
                    out.field("pricedAt", StoredTime.iso8601(stored.pricedAt))
                }
            },
            Endpoint(.post, "/v1/quotes/:id/reprice", .writeQuotes, creates: true) { call in
                let id = try call.parameter("id")
                let version = try call.integer("version", in: 1...Int(Int32.max))
                let report = try await book(call).reprice(id, version: version, at: call.backend.now())
                return .json(report.toRevision == nil ? .ok : .created) { out in write(report, out) }
            },
        ]
    }

    private static func book(_ call: Call) -> QuoteBook {
        QuoteBook(store: call.backend.store, definitions: call.backend.definitions)
    }

    /// A quote id as a path segment.
    static func escaped(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id
    }

    private static func write(_ report: RepriceReport, _ out: JSONWriter) {
        out.object {
            out.field("quoteId", report.quoteId)
            out.field("unchanged", report.isUnchanged)
            out.field("fromRevision", report.fromRevision)
            out.field("fromVersion", report.fromVersion)
            out.field("toRevision", report.toRevision)
            out.field("toVersion", report.toVersion)
            out.field("oldTotal", report.oldTotal)
            out.field("newTotal", report.newTotal)
            out.key("lines")
            out.array(report.lines) { line in
                out.object {
                    out.field("lineId", line.lineId)
                    out.field("productId", line.productId)
                    out.field("oldTotal", line.oldTotal)
                    out.field("newTotal", line.newTotal)
                    out.field("oldNetUnitPrice", line.oldNetUnitPrice)
                    out.field("newNetUnitPrice", line.newNetUnitPrice)
                    out.field("oldError", line.oldError)
                    out.field("newError", line.newError)
                    out.key("steps")
                    out.array(line.steps) { step in
                        out.object {
                            out.field("elementId", step.elementId)
                            out.field("old", step.old)
                            out.field("new", step.new)
                        }
                    }
                }
            }
        }
    }
}
