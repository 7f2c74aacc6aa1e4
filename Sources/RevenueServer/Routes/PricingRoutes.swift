import Publishing
import CoreMetrics
import Definitions
import HTTPTypes
import Money
import Pricing

/// `POST /v1/price`: prices a quote document without storing it and returns every line's
/// waterfall.
enum PricingRoutes {
    static var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/price", .price) { call in
                let version = try call.integer("version", in: 1...Int(Int32.max))
                var quote = try QuoteBody.read(call)
                if let asOf = call.query("asOf") {
                    do throws(MoneyError) {
                        quote.pricingDate = try CivilDate(asOf)
                    } catch {
                        throw Problem.invalidParameter("asOf", "asOf: \(error.message)")
                    }
                }
                let (number, definitions) = try await call.backend.definitions.published(version)
                let priced = definitions.engine.price(quote)
                call.backend.metrics.linesPriced.increment(by: Int64(priced.lines.count))
                if priced.hasErrors { throw Problem.notPriced(priced, quote) }
                return QuoteBody.reply(.ok, version: number, capacity: priced.estimatedJSONSize) { out in priced.write(to: out) }
            },
        ]
    }
}

/// Quote documents in request bodies, and priced quotes in replies.
enum QuoteBody {
    /// The body as a quote document (`docs/pricing.md`); every problem is a 400 naming its field.
    static func read(_ call: Call) throws(Problem) -> Quote {
        try requireBody(call)
        switch QuoteReader.read(call.body, path: "body.json") {
        case .success(let quote): return quote
        case .failure(let failure): throw Problem.invalidBody(failure.diagnostics)
        }
    }

    /// A 400 for a request without a body.
    static func requireBody(_ call: Call) throws(Problem) {
        guard !call.body.isEmpty else { throw Problem(.badRequest, "MissingBody", "send the quote as a JSON body", pointer: "") }
    }

    /// `{"definitionsVersion": N, …extra, "quote": <priced quote>}`, the quote as stored.
    static func reply(_ status: HTTPResponse.Status, version: Int, priced: [UInt8], extra: (JSONWriter) -> Void = { _ in }) -> Reply {
        reply(status, version: version, capacity: priced.count + 256, extra: extra) { out in out.value { $0.append(priced) } }
    }

    /// The same reply with the quote written by `quote` (a priced quote straight into the reply).
    static func reply(_ status: HTTPResponse.Status, version: Int, capacity: Int, extra: (JSONWriter) -> Void = { _ in },
                      quote: (JSONWriter) -> Void) -> Reply
    {
        .json(status, capacity: capacity) { out in
            out.object {
                out.field("definitionsVersion", version)
                extra(out)
                out.key("quote")
                quote(out)
            }
        }
    }
}
