/// What changed when a stored quote was priced again: the header total, and per line its total,
/// net unit price, error and the waterfall steps whose result changed.
public struct RepriceReport: Sendable {
    /// One changed line.
    public struct LineChange: Sendable, Hashable {
        public var lineId: String
        public var productId: String
        public var oldTotal: String?
        public var newTotal: String?
        public var oldNetUnitPrice: String?
        public var newNetUnitPrice: String?
        public var oldError: String?
        public var newError: String?
        /// Steps whose result changed: element id, old and new `after` (nil when skipped or absent).
        public var steps: [StepChange]
    }

    /// One waterfall step whose result changed.
    public struct StepChange: Sendable, Hashable {
        public var elementId: String
        public var old: String?
        public var new: String?
    }

    /// The quote.
    public var quoteId: String
    /// The revision compared against, and the definitions version it was priced with.
    public var fromRevision: Int
    public var fromVersion: Int
    /// The new revision (nil when nothing changed and none was stored), and its definitions version.
    public var toRevision: Int?
    public var toVersion: Int
    /// The header totals.
    public var oldTotal: String?
    public var newTotal: String?
    /// The lines that changed, in quote order.
    public var lines: [LineChange]

    /// Whether anything the quote shows changed.
    public var isUnchanged: Bool { oldTotal == newTotal && lines.isEmpty }

    static func compare(_ old: PricedQuoteView, _ new: PricedQuoteView) -> (old: String?, new: String?, lines: [LineChange]) {
        let before = Dictionary(old.lines.map { ($0.lineId, $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [LineChange] = []
        for line in new.lines {
            let previous = before[line.lineId]
            let oldSteps = Dictionary((previous?.steps ?? []).map { ($0.elementId, $0) }, uniquingKeysWith: { first, _ in first })
            // A step's result is its `after` when it applied; a skipped step has none of its own.
            func result(_ step: PricedQuoteView.Step?) -> String? { step?.status == "applied" ? step?.after : nil }
            let steps = line.steps.compactMap { step -> StepChange? in
                let earlier = oldSteps[step.elementId]
                guard result(earlier) != result(step) else { return nil }
                return StepChange(elementId: step.elementId, old: result(earlier), new: result(step))
            }
            let change = LineChange(lineId: line.lineId, productId: line.productId, oldTotal: previous?.total, newTotal: line.total,
                                    oldNetUnitPrice: previous?.netUnitPrice, newNetUnitPrice: line.netUnitPrice,
                                    oldError: previous?.error, newError: line.error, steps: steps)
            if previous == nil || change.oldTotal != change.newTotal || change.oldNetUnitPrice != change.newNetUnitPrice
                || change.oldError != change.newError || !steps.isEmpty
            {
                changes.append(change)
            }
        }
        return (old.total, new.total, changes)
    }
}
