import Definitions
import Catalog
import Expressions
import Money

extension PricingEngine {
    // MARK: List price and currency conversion (§1.1, §1.9)

    /// Resolves the entry for (book, product, currency, model, date); falls back to converting
    /// another currency's entry when the book allows it.
    func listPrice(header: Header, deferConversion: Bool, state: inout LineState) throws(PricingError) -> StepResult {
        let catalog = definitions.catalog
        let currency = header.currency
        let date = header.pricingDate
        let book = header.priceBook
        let productId = state.line.productId
        guard let prices = state.prices else {
            throw PricingError(.unknownProduct, "product '\(productId)' is not in the catalog")
        }
        if let entry = prices.entry(book: book.id, currency: currency, sellingModel: state.sellingModel,
                                    on: date)
        {
            state.listPrice = entry.unitPrice
            state.pricingTermMonths = entry.pricingTermMonths
            state.cost = entry.cost ?? prices.cost(currency: currency, on: date)
            return .priced(entry.unitPrice, .listPrice(priceBookId: book.id, bookVersion: book.version,
                                                       unitPrice: entry.unitPrice, currency: currency,
                                                       pricingTermMonths: entry.pricingTermMonths, conversion: nil))
        }
        // Entries in other currencies, in currency order so the choice is deterministic.
        let sources = prices.entries(book: book.id, except: currency, sellingModel: state.sellingModel,
                                     on: date)
        guard let source = sources.first else {
            throw PricingError(.priceNotFound, "no \(state.sellingModel.rawValue) price for '\(productId)' in price book '\(book.id)' on \(date) in \(currency.code) or any other currency")
        }
        guard book.allowCurrencyConversion else {
            throw PricingError(.priceNotFound, "no \(currency.code) price for '\(productId)' in price book '\(book.id)' on \(date), and the book does not allow currency conversion (it has \(source.currency.code))")
        }
        let candidates = sources
        guard let (entry, rate) = candidates.lazy.compactMap({ entry in
            catalog.exchangeRate(from: entry.currency, to: currency, on: date).map { (entry, $0) }
        }).first else {
            throw PricingError(.exchangeRateNotFound, "no exchange rate from \(candidates.map(\.currency.code).joined(separator: " or ")) to \(currency.code) in force on \(date) to convert the price of '\(productId)'")
        }
        let unrounded = try money("conversion") { () throws(MoneyError) in try entry.unitPrice.multiplied(by: rate.rate) }
        let conversion = WaterfallDetail.Conversion(rate: rate.rate, sourcePrice: entry.unitPrice, unrounded: unrounded,
                                                    rateDate: rate.effectiveFrom, from: entry.currency)
        state.pricingTermMonths = entry.pricingTermMonths
        if let cost = prices.cost(currency: currency, on: date) {
            state.cost = cost
        } else if let cost = entry.cost {
            state.cost = try money("cost conversion") { () throws(MoneyError) in try cost.multiplied(by: rate.rate) }
        }
        let detail = WaterfallDetail.listPrice(priceBookId: book.id, bookVersion: book.version, unitPrice: entry.unitPrice,
                                               currency: entry.currency, pricingTermMonths: entry.pricingTermMonths,
                                               conversion: deferConversion ? nil : conversion)
        if deferConversion {
            // The next element converts; until then P is in the source currency.
            state.pendingConversion = PendingConversion(conversion)
            state.listPrice = entry.unitPrice
            return .priced(entry.unitPrice, detail)
        }
        return .priced(try convert(conversion, currency: currency, state: &state), detail)
    }

    /// The converted list price, rounded half-up to the target currency, once (§1.9).
    func convert(_ conversion: WaterfallDetail.Conversion, currency: Currency, state: inout LineState)
        throws(PricingError) -> ExactDecimal
    {
        let converted = try money("conversion") { () throws(MoneyError) in
            try conversion.unrounded.rounded(scale: currency.minorUnits, mode: .halfUp)
        }
        state.listPrice = converted
        return converted
    }

    // MARK: Contract prices (§1.7)

    /// Whether the quote's procedures read contract prices and the quote has owners with any.
    func resolvesContractPrices(_ header: Header) -> Bool {
        !header.contractOwners.isEmpty && header.readsContractPrices
    }

    /// The winning contract price of a product, worked out once per product of the quote.
    func contractWinner(for product: Product, header: Header, known winners: inout [ObjectIdentifier: ContractWinner])
        -> ContractWinner
    {
        // A product id names one version on the pricing date, so the version's identity is the key.
        if let known = winners[ObjectIdentifier(product)] { return known }
        let winner = ContractWinner(Result { () throws(PricingError) in
            try contractWinner(for: product, owners: header.contractOwners)
        })
        winners[ObjectIdentifier(product)] = winner
        return winner
    }

    /// Applies the contract price that wins for the line's product (§1.7).
    func contractPrice(header: Header, state: inout LineState) throws(PricingError) -> StepResult {
        guard state.price != nil, let list = state.listPrice else {
            throw PricingError(.noBasePrice, "contractPrice needs a list price before it")
        }
        guard let (record, owner) = try state.contractWinner?.result.get() else { return .skipped(.noContractPrice) }
        let price: ExactDecimal
        let terms: WaterfallDetail.ContractTerms
        switch record.terms {
        case .price(let amount):
            price = amount.amount
            terms = .price(amount)
        case .discountPercent(let percent):
            price = try Adjustment.percent(percent).apply(to: list, currency: header.currency)
            terms = .discountPercent(percent)
        }
        state.suppressesAutomaticDiscounts = record.suppressAutomaticDiscounts
        return .priced(price, .contractPrice(recordId: record.id, owner: owner, terms: terms, listPrice: list))
    }

    /// The winning record for a product: own contract, own account, then parents nearest first;
    /// a product record before a filter record; then the latest `effectiveFrom`. It depends only
    /// on the product and the header, so ``price(_:)`` works it out once per product.
    func contractWinner(for product: Product, owners: [ContractPriceOwner]) throws(PricingError)
        -> (ContractPrice, WaterfallDetail.ContractOwner)?
    {
        var filterContext: ExpressionContext?
        for owner in owners {
            if let records = owner.records.byProduct[product.id] {
                return (try latest(records, owner: owner, productId: product.id), owner.owner)
            }
            guard !owner.records.filters.isEmpty else { continue }
            let context = filterContext ?? ContractPrice.filterContext(for: product)
            filterContext = context
            var matching: [ContractPrice] = []
            for candidate in owner.records.filters {
                guard case .filter(let expression) = candidate.target else { continue }
                do {
                    if try expression.evaluateBoolean(context) { matching.append(candidate) }
                } catch {
                    throw PricingError(.expressionFailed, "contract price '\(candidate.id)': \(error.message)")
                }
            }
            if !matching.isEmpty { return (try latest(matching, owner: owner, productId: product.id), owner.owner) }
        }
        return nil
    }

    /// The record with the latest `effectiveFrom`; two with the same date are ambiguous.
    private func latest(_ records: [ContractPrice], owner: ContractPriceOwner, productId: String) throws(PricingError)
        -> ContractPrice
    {
        guard var winner = records.first else { preconditionFailure("no records to choose from") }
        for record in records.dropFirst() where record.window.from > winner.window.from { winner = record }
        let tied = records.filter { $0.window.from == winner.window.from }
        if tied.count > 1 {
            let whose = switch owner.owner {
            case .account(let id): "account '\(id)'"
            case .contract(let id): "contract '\(id)'"
            }
            throw PricingError(.ambiguousContractPrice, "contract prices \(tied.map { "'\($0.id)'" }.joined(separator: " and ")) of \(whose) tie for '\(productId)' (both in force from \(winner.window.from))")
        }
        return winner
    }

    // MARK: Term pricing (§1.8)

    func termPricing(_ term: PricingElement.TermPricing, currency: Currency, state: inout LineState)
        throws(PricingError) -> StepResult
    {
        guard state.sellingModel.isRecurring else { return .skipped(.oneTime) }
        guard let price = state.price else {
            throw PricingError(.noBasePrice, "termPricing needs a list price before it")
        }
        guard let pricingTerm = state.pricingTermMonths else {
            throw PricingError(.invalidTerm, "the price of '\(state.line.productId)' has no pricing term")
        }
        let line = state.line
        let months: ExactDecimal
        let multiplier: ExactDecimal
        switch term.basis {
        case .months:
            guard let given = line.termMonths ?? (state.sellingModel == .evergreen ? ExactDecimal(pricingTerm) : nil) else {
                throw PricingError(.invalidTerm, "a \(state.sellingModel.rawValue) line needs termMonths")
            }
            months = given
            multiplier = try money("term") { () throws(MoneyError) in try TermMultiplier.ratio(given, ExactDecimal(pricingTerm)) }
        case .days:
            guard let start = line.startDate, let end = line.endDate else {
                throw PricingError(.invalidTerm, "term pricing by days needs startDate and endDate on the line")
            }
            guard start < end else { throw PricingError(.invalidTerm, "the term ends (\(end)) before it starts (\(start))") }
            let fraction = TermMultiplier.months(from: start, to: end, alignment: term.alignment)
            months = try money("term") { () throws(MoneyError) in
                try TermMultiplier.ratio(ExactDecimal(fraction.numerator), ExactDecimal(fraction.denominator))
            }
            multiplier = try money("term") { () throws(MoneyError) in
                try TermMultiplier.ratio(ExactDecimal(fraction.numerator), ExactDecimal(fraction.denominator * pricingTerm))
            }
        }
        guard months > .zero else { throw PricingError(.invalidTerm, "the term must be longer than 0 months, found \(months)") }
        let multiplied = try money("term") { () throws(MoneyError) in try price.multiplied(by: multiplier) }
        state.listPrice = try state.listPrice.map { list throws(PricingError) in
            try money("term") { () throws(MoneyError) in try list.multiplied(by: multiplier) }
        }
        state.cost = try state.cost.map { cost throws(PricingError) in
            try money("term") { () throws(MoneyError) in try cost.multiplied(by: multiplier) }
        }
        var after = multiplied
        var tierRange: TierRange?
        var tierAdjustment: Adjustment?
        if let schedule = term.schedule, let index = schedule.tierIndex(containing: months) {
            let tier = schedule.tiers[index]
            after = try tier.value.apply(to: multiplied, currency: currency)
            tierRange = tier.range
            tierAdjustment = tier.value
        }
        return .priced(after, .term(termMonths: months, pricingTermMonths: pricingTerm, multiplier: multiplier,
                                    multiplied: multiplied, scheduleTier: tierRange, scheduleAdjustment: tierAdjustment))
    }

    // MARK: Guardrails (§1.10)

    func check(_ guardrail: PricingElement.Guardrail, element: PricingElement, currency: Currency,
               state: inout LineState) throws(PricingError) -> StepResult
    {
        let price = try requirePrice(element, state)
        let scale = currency.minorUnits
        var checks: [WaterfallDetail.GuardrailCheck] = []
        checks.reserveCapacity(3)
        // The first violation is reported, with the highest of the violated floors.
        var violation: GuardrailViolation?
        func violated(_ found: GuardrailViolation) {
            if let first = violation {
                violation?.minimumAllowedPrice = max(first.minimumAllowedPrice, found.minimumAllowedPrice)
            } else {
                violation = found
            }
        }
        try money("guardrail") { () throws(MoneyError) in
            if let maximum = guardrail.maxDiscountPercent, let list = state.listPrice, list > .zero {
                let discount = try (list - price).multiplied(by: .hundred)
                let actual = try discount.divided(by: list, scale: 4, rounding: .halfUp)
                // (list − P) × 100 / list ≤ max, checked without dividing.
                let passed = try discount <= maximum.multiplied(by: list)
                checks.append(.init(rule: "maxDiscount", limit: maximum, actual: actual, passed: passed))
                if !passed {
                    let floor = try list.subtracting(list.multiplied(by: maximum).divided(by: .hundred))
                    violated(GuardrailViolation(rule: "maxDiscount", limit: maximum, actual: actual,
                                                minimumAllowedPrice: try floor.rounded(scale: scale, mode: .up)))
                }
            }
            if let minimum = guardrail.minUnitPrice?[currency] {
                let passed = price >= minimum
                checks.append(.init(rule: "minUnitPrice", limit: minimum, actual: price, passed: passed))
                if !passed {
                    violated(GuardrailViolation(rule: "minUnitPrice", limit: minimum, actual: price,
                                                minimumAllowedPrice: minimum))
                }
            }
        }
        if let floor = guardrail.marginFloorPercent {
            guard let cost = state.cost else {
                throw PricingError(.missingCost, "guardrail '\(element.id)' checks a margin floor, but '\(state.line.productId)' has no cost in \(currency.code)")
            }
            try money("guardrail") { () throws(MoneyError) in
                // P ≥ cost / (1 − floor/100), checked without dividing by P.
                let keep = try ExactDecimal.hundred - floor
                let passed = try price.multiplied(by: keep) >= cost.multiplied(by: .hundred)
                let actual = price.isZero ? ExactDecimal(-100)
                    : try (price - cost).multiplied(by: .hundred).divided(by: price, scale: 4, rounding: .halfUp)
                checks.append(.init(rule: "marginFloor", limit: floor, actual: actual, passed: passed))
                if !passed {
                    let minimum = keep.isZero || keep.isNegative ? ExactDecimal.greatestFiniteMagnitude
                        : try cost.multiplied(by: .hundred).divided(by: keep, scale: scale, rounding: .up)
                    violated(GuardrailViolation(rule: "marginFloor", limit: floor, actual: actual,
                                                minimumAllowedPrice: minimum))
                }
            }
        }
        if let violation {
            guard let approval = state.line.approvalOverride else {
                throw PricingError(.guardrailViolation,
                                   "line \(state.line.id): \(violation.rule) limit \(violation.limit), actual \(violation.actual); the lowest allowed unit price is \(violation.minimumAllowedPrice.formatted(minimumFractionDigits: scale)) \(currency.code)",
                                   violation: violation)
            }
            return .recorded(.guardrail(checks: checks, approvalOverride: approval))
        }
        return .recorded(.guardrail(checks: checks, approvalOverride: nil))
    }
}
