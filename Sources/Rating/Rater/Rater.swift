import Expressions
import Money
import Pricing

/// Rates usage summaries (DOMAIN.md §2.2): the rate from a negotiated rate or the base card, the
/// attribute adjustment, volume or graduated tiers, the manual discount, and one rounding at the
/// end. A value, safe to share across tasks.
///
/// ```swift
/// let rater = Rater(definitions)
/// let rated = try rater.rate(UsageSummary(assetId: "A-1", resourceId: "api-calls",
///                                         period: BillingPeriod(.month, containing: date), quantity: 7_500))
/// print(rated.amount, rated.currency)   // 545.00 USD
/// ```
public struct Rater: Sendable {
    /// The definitions it rates with.
    public let definitions: RatingDefinitions

    /// The schema's slots of ``RatingDefinitions/fieldNames``, looked up once.
    private let fieldSlots: [Int?]

    /// Creates a rater.
    public init(_ definitions: RatingDefinitions) {
        self.definitions = definitions
        fieldSlots = RatingDefinitions.fieldNames.map { definitions.schema.fieldSlot($0) }
    }

    /// Rates one summary.
    ///
    /// - Throws: ``RatingError`` with `UnknownAsset`, `UnknownResource`, `NoRatingProcedure`,
    ///   `InvalidQuantity`, `RateNotFound`, `AmbiguousRuleMatch`, `ExpressionFailed`,
    ///   `QuantityOutOfRange` or `Overflow`.
    /// - Parameter explained: whether to describe each step in words (``RatedUsage/steps``); bulk
    ///   rating leaves them out.
    public func rate(_ summary: UsageSummary, explained: Bool = true) throws(RatingError) -> RatedUsage {
        let date = summary.period.start
        guard let asset = definitions.asset(summary.assetId, on: date) else {
            throw RatingError(.unknownAsset, "asset '\(summary.assetId)' is not defined on \(date)")
        }
        guard let resource = definitions.resource(summary.resourceId, on: date) else {
            throw RatingError(.unknownResource, "usage resource '\(summary.resourceId)' is not defined on \(date)")
        }
        let procedure: RatingProcedure
        if let id = resource.ratingProcedureId {
            guard let found = definitions.procedure(id, on: date) else {
                throw RatingError(.noRatingProcedure, "resource '\(resource.id)' names rating procedure '\(id)', which has no version in force on \(date)")
            }
            procedure = found
        } else {
            procedure = .standard
        }
        let quantity = summary.quantity
        guard !quantity.isNegative else {
            throw RatingError(.invalidQuantity, "quantity must not be negative, found \(quantity)")
        }
        let currency = asset.currency
        let cards = definitions.cards(product: asset.productId, resource: resource.id, currency: currency)
        var steps: [RatedUsage.Step] = []
        func step(_ element: RatingProcedure.Element, _ detail: @autoclosure () -> String, _ value: ExactDecimal?) {
            if explained { steps.append(RatedUsage.Step(element: element, detail: detail(), value: value)) }
        }
        step(.ratingSetting, "asset \(asset.id) (\(asset.productId), account \(asset.accountId)), \(currency.code), cards in force on \(date)", nil)

        let (rate, source) = try baseRate(asset: asset, resource: resource.id, cards: cards,
                                          negotiated: procedure.has(.negotiatedBaseRate), on: date)
        step(procedure.has(.baseRate) ? .baseRate : .negotiatedBaseRate, "r = \(rate) from \(source)", rate)

        var adjusted = rate
        if procedure.has(.attributeRateAdjustment) {
            let (value, detail) = try attributeRate(rate, asset: asset, summary: summary, cards: cards, on: date,
                                                    explained: explained)
            adjusted = value
            step(.attributeRateAdjustment, detail, value)
        }

        guard !adjusted.isNegative else {
            throw RatingError(.negativeAmount, "the attribute adjustment takes the rate \(rate) below zero (\(adjusted))")
        }
        var amount: ExactDecimal
        var tiers: [RatedUsage.TierSlice] = []
        var mode: AdjustmentSchedule.Mode?
        let tierEntry = procedure.has(.tierRate) ? cards.entry(.tier, on: date) : nil
        if let tierEntry, case .tier(let schedule) = tierEntry.rate {
            mode = schedule.mode
            (amount, tiers) = try tiered(quantity, rate: adjusted, schedule: schedule, currency: currency)
            step(.tierRate, "\(schedule.mode.rawValue) tiers of rate card '\(tierEntry.cardId)' v\(tierEntry.cardVersion): "
                     + tiers.map { "\($0.quantity) × \($0.rate) in \($0.range)" }.joined(separator: " + "), amount)
        } else {
            amount = try exact("\(adjusted) × \(quantity)") { () throws(MoneyError) in try adjusted.multiplied(by: quantity) }
            if procedure.has(.tierRate) {
                step(.tierRate, "no tier entry: \(quantity) × \(adjusted)", amount)
            }
        }

        if let negative = tiers.first(where: { $0.rate.isNegative }) {
            throw RatingError(.negativeAmount, "the tier \(negative.range) takes the rate below zero (\(negative.rate))")
        }
        if procedure.has(.manualRateDiscount) {
            if let percent = asset.discountPercent {
                let before = amount
                amount = try exact("\(percent) % off \(amount)") { () throws(MoneyError) in
                    try before - before.multiplied(by: percent).divided(by: .hundred)
                }
                step(.manualRateDiscount, "\(percent) % off \(before)", amount)
            } else {
                step(.manualRateDiscount, "no manual discount on the asset", nil)
            }
        }

        let exactAmount = amount
        let rounded = try exact("rounding \(amount)") { () throws(MoneyError) in
            try exactAmount.rounded(scale: currency.minorUnits, mode: procedure.roundingMode)
        }
        step(.rounding, "\(exactAmount) rounded \(procedure.roundingMode.rawValue) to \(currency.minorUnits) decimals", rounded)
        let netUnitRate = quantity.isZero ? .zero : try exact("net unit rate") { () throws(MoneyError) in
            try rounded.divided(by: quantity, scale: 6, rounding: .halfUp)
        }
        step(.total, "\(rounded) \(currency.code) for \(quantity), \(netUnitRate) a unit", rounded)
        return RatedUsage(summary: summary, accountId: asset.accountId, currency: currency,
                          procedure: (procedure.id, procedure.version), rate: rate, rateSource: source,
                          adjustedRate: adjusted, tiers: tiers, tierMode: mode, exactAmount: exactAmount,
                          amount: rounded, netUnitRate: netUnitRate, steps: steps)
    }

    /// r: the negotiated rate when allowed and the base entry is negotiable (or absent), else the
    /// base card's rate.
    private func baseRate(asset: Asset, resource: String, cards: CardEntries, negotiated: Bool, on date: CivilDate)
        throws(RatingError) -> (ExactDecimal, RatedUsage.RateSource)
    {
        let entry = cards.entry(.base, on: date)
        if negotiated, entry?.negotiable ?? true,
           let rate = definitions.negotiatedRate(for: asset, resource: resource, on: date) {
            return (rate.rate, .negotiated(id: rate.id))
        }
        guard let entry, case .base(let rate) = entry.rate else {
            throw RatingError(.rateNotFound, "no \(asset.currency.code) base rate for product '\(asset.productId)' and resource '\(resource)' on an active rate card in force on \(date)" + (negotiated ? ", and no negotiated rate" : ""))
        }
        return (rate, .card(id: entry.cardId, version: entry.cardVersion))
    }

    /// r′: the rate adjusted by the matching attribute entry with the lowest priority.
    private func attributeRate(_ rate: ExactDecimal, asset: Asset, summary: UsageSummary, cards: CardEntries,
                               on date: CivilDate, explained: Bool) throws(RatingError) -> (ExactDecimal, String)
    {
        let entries = cards.entries(.attribute, on: date)
        guard !entries.isEmpty else { return (rate, "no attribute entry: r′ = r") }
        let context = attributeContext(asset: asset, summary: summary)
        var best: (index: Int, priority: Int)?
        var tied: [Int] = []
        for (index, entry) in entries.enumerated() {
            guard case .attribute(let condition, _, let priority) = entry.rate else { continue }
            let matches: Bool
            do {
                matches = try condition.evaluateBoolean(context)
            } catch {
                throw RatingError(.expressionFailed, "attribute condition '\(condition.source)' of rate card '\(entry.cardId)': \(error.message)")
            }
            guard matches else { continue }
            if let current = best, current.priority <= priority {
                if current.priority == priority { tied.append(index) }
                continue
            }
            best = (index, priority)
            tied = []
        }
        guard let best else { return (rate, "no attribute condition matches: r′ = r") }
        guard case .attribute(let condition, let adjustment, _) = entries[best.index].rate else { return (rate, "") }
        if !tied.isEmpty {
            let conditions = ([best.index] + tied).map { index -> String in
                guard case .attribute(let condition, _, _) = entries[index].rate else { return "" }
                return "'\(condition.source)'"
            }
            throw RatingError(.ambiguousRuleMatch, "attribute entries \(conditions.joined(separator: " and ")) match with the same priority \(best.priority)")
        }
        let adjusted: ExactDecimal
        do {
            adjusted = try adjustment.apply(to: rate, currency: asset.currency)
        } catch {
            throw RatingError(.overflow, error.message)
        }
        return (adjusted, explained ? "'\(condition.source)' on rate card '\(entries[best.index].cardId)': \(adjustment) → r′ = \(adjusted)" : "")
    }

    /// The context attribute conditions read.
    private func attributeContext(asset: Asset, summary: UsageSummary) -> ExpressionContext {
        let schema = definitions.schema
        var attributes = [ExpressionValue?](repeating: nil, count: schema.attributeNames.count)
        for (name, value) in summary.attributes {
            if let slot = schema.attributeSlot(name) { attributes[slot] = value }
        }
        var fields = [ExpressionValue](repeating: .string(""), count: schema.fieldNames.count)
        // In the order of ``RatingDefinitions/fieldNames``.
        for (slot, value) in zip(fieldSlots, [asset.id, asset.accountId, asset.productId, summary.resourceId]) {
            if let slot { fields[slot] = .string(value) }
        }
        return ExpressionContext(fields: fields, attributes: attributes)
    }

    /// The tiered amount: volume prices all of Q at the tier containing it; graduated prices each
    /// slice at its tier. Beyond the last tier is `QuantityOutOfRange`.
    private func tiered(_ quantity: ExactDecimal, rate: ExactDecimal, schedule: AdjustmentSchedule, currency: Currency)
        throws(RatingError) -> (ExactDecimal, [RatedUsage.TierSlice])
    {
        guard !quantity.isZero else { return (.zero, []) }
        let table = schedule.table
        if let last = table.tiers.last, let upper = last.upper,
           schedule.mode == .volume ? quantity >= upper : quantity > upper {
            throw RatingError(.quantityOutOfRange, "quantity \(quantity) is beyond the last tier \(last.range)")
        }
        let result: AdjustmentSchedule.Result?
        do {
            result = try schedule.apply(to: rate, quantity: quantity, currency: currency)
        } catch {
            throw RatingError(error.code == .missingCurrencyValue ? .rateNotFound : .overflow, error.message)
        }
        guard let result else {
            throw RatingError(.quantityOutOfRange, "quantity \(quantity) is in no tier")
        }
        var slices: [RatedUsage.TierSlice] = []
        var total = ExactDecimal.zero
        for slice in result.slices {
            let amount = try exact("tier slice") { () throws(MoneyError) in try slice.price.multiplied(by: slice.quantity) }
            total = try exact("tier total") { () throws(MoneyError) in try total + amount }
            slices.append(.init(range: slice.range, quantity: slice.quantity, rate: slice.price, amount: amount))
        }
        return (total, slices)
    }

    /// Runs exact arithmetic, turning overflow into `Overflow` naming what was computed.
    private func exact<T>(_ what: @autoclosure () -> String, _ body: () throws(MoneyError) -> T) throws(RatingError) -> T {
        do {
            return try body()
        } catch {
            throw RatingError(.overflow, "\(what()): \(error)")
        }
    }
}
