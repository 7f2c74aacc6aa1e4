import Foundation

/// The parts of a priced quote's JSON (the format of `revenue price --format json`) that a
/// reprice compares: totals, each line's total and net unit price, error, and each step's result.
struct PricedQuoteView: Equatable {
    struct Line: Equatable {
        var lineId: String
        var productId: String
        var total: String?
        var netUnitPrice: String?
        var error: String?
        /// `(elementId, after)` per waterfall step, in order.
        var steps: [Step]
    }

    struct Step: Equatable {
        var elementId: String
        var after: String?
        var status: String
    }

    var total: String?
    var lines: [Line]

    /// Reads the JSON; `nil` when it is not a priced quote.
    init?(json bytes: [UInt8]) {
        guard let root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let lines = root["lines"] as? [[String: Any]]
        else { return nil }
        total = root["total"] as? String
        self.lines = lines.map { line in
            let error = (line["error"] as? [String: Any]).map { "\($0["code"] as? String ?? ""): \($0["message"] as? String ?? "")" }
            let steps = (line["waterfall"] as? [[String: Any]] ?? []).map { step in
                Step(elementId: step["elementId"] as? String ?? "", after: step["after"] as? String,
                     status: step["status"] as? String ?? "")
            }
            return Line(lineId: line["lineId"] as? String ?? "", productId: line["productId"] as? String ?? "",
                        total: line["total"] as? String, netUnitPrice: line["netUnitPrice"] as? String, error: error,
                        steps: steps)
        }
    }
}
