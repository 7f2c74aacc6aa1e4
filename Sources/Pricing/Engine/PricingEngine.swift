import Definitions
import Catalog
import Expressions
import Money

/// Prices quotes: resolves the procedures, runs every element on every line, and keeps a
/// waterfall per line (DOMAIN.md §1). The engine is immutable and safe to share across tasks; a
/// reference, so that sharing it copies none of its indexes.
///
/// ```swift
/// let engine = PricingEngine(definitions)
/// let priced = engine.price(quote)
/// for entry in priced.lines[0].waterfall { print(priced.elements[entry.element].label, entry.after ?? 0) }
/// ```
public final class PricingEngine: Sendable {
    /// The definitions it prices with.
    public let definitions: PricingDefinitions
    let slots: Slots
    let contractsByAccount: [String: ContractPriceIndex]
    let contractsByContract: [String: ContractPriceIndex]
    /// Products with their attribute slots, price book entries and costs, by product id.
    let products: [String: ProductPrices]
    /// Headers resolved for earlier quotes.
    let headerCache = HeaderCache()

    /// The custom line fields with their types and slots, by name.
    let customLineSlots: [(name: String, type: ExpressionType, slot: Int)]
    /// The line fields of a fresh line context: a placeholder of each field's type.
    let lineFieldTemplate: [ExpressionValue]
    /// The header fields of a fresh quote: a placeholder of each field's type.
    let headerFieldTemplate: [ExpressionValue]
    /// The attributes of a fresh line context: none set.
    let attributeTemplate: [ExpressionValue?]

    /// Slots of the standard fields in ``PricingSchema/line``.
    struct Slots {
        let transactionId, accountId, channel, currency, pricingDate, priceBookId, segment: Int
        let lineId, productId, family, productType, quantity, sellingModel, termMonths: Int
        let listPrice, price, cost, parentProductId, isComponent: Int

        init(_ schema: ExpressionSchema) {
            func slot(_ name: String) -> Int {
                guard let slot = schema.fieldSlot(name) else { preconditionFailure("standard field \(name) missing") }
                return slot
            }
            transactionId = slot("transactionId"); accountId = slot("accountId"); channel = slot("channel")
            currency = slot("currency"); pricingDate = slot("pricingDate"); priceBookId = slot("priceBookId")
            segment = slot("segment"); lineId = slot("lineId"); productId = slot("productId"); family = slot("family")
            productType = slot("productType"); quantity = slot("quantity"); sellingModel = slot("sellingModel")
            termMonths = slot("termMonths"); listPrice = slot("listPrice"); price = slot("price"); cost = slot("cost")
            parentProductId = slot("parentProductId"); isComponent = slot("isComponent")
        }
    }

    /// Creates an engine over compiled definitions.
    public init(_ definitions: PricingDefinitions) {
        self.definitions = definitions
        slots = Slots(definitions.schema.line)
        let schema = definitions.schema
        customLineSlots = schema.customLineFields.keys.sorted().compactMap { name in
            guard let type = schema.customLineFields[name], let slot = schema.line.fieldSlot(name) else { return nil }
            return (name, type, slot)
        }
        let line = schema.line
        lineFieldTemplate = line.fieldTypes[line.sharedFieldCount...].map(Self.placeholder(for:))
        headerFieldTemplate = line.fieldTypes[..<line.sharedFieldCount].map(Self.placeholder(for:))
        attributeTemplate = line.attributeNames.map { _ in nil }
        contractsByAccount = ContractPriceIndex.grouped(definitions.catalog.contractPrices, by: \.accountId)
        contractsByContract = ContractPriceIndex.grouped(definitions.catalog.contractPrices, by: \.contractId)
        products = ProductPrices.index(definitions.catalog, schema: line)
    }

    /// What the engine knows about a quote header once it is resolved. A reference: every
    /// element of every line reads it, and quotes with the same header share one (see
    /// ``HeaderCache``).
    final class Header: Sendable {
        /// The quote's currency.
        let currency: Currency
        /// The quote's pricing date.
        let pricingDate: CivilDate
        /// The id of the quote it was resolved for, and whether any expression reads it (a header
        /// that does serves only that quote).
        let transactionId: String
        let readsTransactionId: Bool
        let priceBook: PriceBook
        /// The owners whose contract prices apply, in precedence order, with the usable records.
        let contractOwners: [ContractPriceOwner]
        let procedures: [PricingProcedure]
        /// The procedures' elements, in order.
        let elements: [PricingElement]
        let plan: ProcedurePlan?
        /// The header field values every line context shares.
        let shared: [ExpressionValue]
        /// The line fields a line context starts with: placeholders up to the last field the
        /// elements read, so that a line copies no more than it needs.
        let lineFields: [ExpressionValue]
        /// Per field slot: whether the elements' expressions read it (see ``PricingProcedure``).
        let slotsRead: [Bool]
        /// Whether any element reads contract prices.
        let readsContractPrices: Bool
        /// Whether any element reads across lines (``PricingElement/isBarrier``).
        let hasBarriers: Bool

        /// Whether an expression reads the field in `slot`.
        func reads(_ slot: Int) -> Bool { slot < slotsRead.count && slotsRead[slot] }

        /// Per element, the rounding policy of the procedure it comes from.
        let policies: [PricingProcedure.RoundingPolicy]

        /// Whether the element at `index` is followed by a `currencyConversion`, so a list price
        /// resolved in another currency waits for it.
        func defersConversion(at index: Int) -> Bool {
            guard index + 1 < elements.count, case .currencyConversion = elements[index + 1].kind else { return false }
            return true
        }
        /// Custom header field slots the quote left empty.
        let missingSlots: Set<Int>

        init(quote: Quote, readsTransactionId: Bool, priceBook: PriceBook, contractOwners: [ContractPriceOwner],
             procedures: [PricingProcedure], elements: [PricingElement], plan: ProcedurePlan?, shared: [ExpressionValue],
             lineFields: [ExpressionValue], slotsRead: [Bool], readsContractPrices: Bool, missingSlots: Set<Int>)
        {
            currency = quote.currency
            pricingDate = quote.pricingDate
            transactionId = quote.id
            self.readsTransactionId = readsTransactionId
            self.priceBook = priceBook
            self.contractOwners = contractOwners
            self.procedures = procedures
            self.elements = elements
            self.plan = plan
            self.shared = shared
            self.lineFields = lineFields
            self.slotsRead = slotsRead
            self.readsContractPrices = readsContractPrices
            self.missingSlots = missingSlots
            hasBarriers = elements.contains { $0.isBarrier }
            policies = procedures.flatMap { procedure in procedure.elements.map { _ in procedure.roundingPolicy } }
        }
    }

    /// Lines per block: prepared, priced and finished together in ``price(_:)``.
    static let blockSize = 256

    /// Prices a quote. Lines that cannot be priced carry their own error; the others still price.
    public func price(_ quote: Quote) -> PricedQuote {
        let header: Header
        do {
            if let cached = headerCache.header(for: quote) {
                header = cached
            } else {
                header = try resolveHeader(quote)
                headerCache.store(header, for: quote)
            }
        } catch {
            return PricedQuote(quoteId: quote.id, currency: quote.currency, pricingDate: quote.pricingDate,
                               priceBookId: quote.priceBookId, plan: nil, procedures: [], elements: [],
                               lines: [], error: error, total: .zero)
        }
        let links = LineLinks(quote.lines)
        var earlierProducts: [String?] = []
        var contractWinners: [ObjectIdentifier: ContractWinner] = [:]
        var priced = PricedLines(quote: quote)
        // Without barriers, each block of lines is prepared, priced and finished on its own, so the
        // states in flight stay in cache however long the quote is. Barrier elements read across
        // lines, and a parent after its child must be prepared first: then one block holds them all.
        let blockSize = !header.hasBarriers && links.parentsPrecede ? Self.blockSize : max(quote.lines.count, 1)
        var lines: [LineState] = []
        for blockStart in stride(from: 0, to: quote.lines.count, by: blockSize) {
            let block = blockStart..<min(blockStart + blockSize, quote.lines.count)
            makeLines(quote, header, positions: block, links: links, earlierProducts: earlierProducts,
                      contractWinners: &contractWinners, into: &lines)
            runElements(header: header, on: &lines)
            priced.append(lines)
            if links.namesParents, block.upperBound < quote.lines.count {
                if earlierProducts.isEmpty { earlierProducts.reserveCapacity(quote.lines.count) }
                for position in lines.indices { earlierProducts.append(lines[position].product?.id) }
            }
        }
        return PricedQuote(quoteId: quote.id, currency: quote.currency, pricingDate: quote.pricingDate,
                           priceBookId: header.priceBook.id, plan: header.plan.map { ($0.id, $0.version) },
                           procedures: header.procedures.map { ($0.id, $0.version) }, elements: header.elements,
                           lines: priced.lines, error: priced.error, total: priced.total)
    }

    /// Runs the header's elements over `lines`. Per-line elements run element by element over
    /// blocks of lines: the element's code stays hot across a block, and the block's line states
    /// stay in cache across the elements. Barrier elements (derivedPrice, aggregate, propagation)
    /// run once all lines reach them.
    @inline(__always)
    private func runElements(header: Header, on lines: inout [LineState]) {
        let elements = header.elements.indices
        var start = elements.lowerBound
        while start < elements.upperBound {
            if header.elements[start].isBarrier {
                runBarrier(header.elements[start], index: start, header: header, lines: &lines)
                start += 1
                continue
            }
            var end = start + 1
            while end < elements.upperBound, !header.elements[end].isBarrier { end += 1 }
            for blockStart in stride(from: 0, to: lines.count, by: Self.blockSize) {
                let block = blockStart..<min(blockStart + Self.blockSize, lines.count)
                for index in start..<end {
                    let element = header.elements[index]
                    for position in block where lines[position].isLive {
                        run(element, index: index, header: header, on: &lines[position])
                    }
                }
            }
            start = end
        }
    }

    // MARK: Finishing

    /// The priced lines of a quote as they are finished, in quote order, with the running total.
    private struct PricedLines {
        /// The quote's lines and the currency's minor units.
        let quoteLines: [Quote.Line]
        let scale: Int
        var lines: [PricedLine] = []
        var total = ExactDecimal.zero
        var error: PricingError?

        init(quote: Quote) {
            quoteLines = quote.lines
            scale = quote.currency.minorUnits
            lines.reserveCapacity(quote.lines.count)
        }

        /// Rounds the lines' totals and adds them to the quote total.
        mutating func append(_ states: [LineState]) {
            // Indexed, not iterated: a copy of each state would retain all it holds.
            for position in states.indices {
                let index = states[position].index
                let lineId = quoteLines[index].id
                let quantity = quoteLines[index].quantity
                var priced = PricedLine(lineId: lineId, productId: quoteLines[index].productId, quantity: quantity,
                                        parentLineId: quoteLines[index].parentLineId,
                                        listPrice: states[position].initialListPrice, unitPrice: nil, netUnitPrice: nil,
                                        total: nil, waterfall: states[position].waterfall, error: states[position].error)
                defer { lines.append(priced) }
                guard priced.error == nil else { continue }
                guard let price = states[position].price else {
                    priced.error = PricingError(.noBasePrice, "no element set a price for line \(lineId)")
                    continue
                }
                do {
                    let extended = try states[position].extendedAmount() ?? .zero
                    let lineTotal = try extended.rounded(scale: scale, mode: .halfUp)
                    priced.unitPrice = price
                    priced.netUnitPrice = states[position].effectiveQuantity == quantity
                        ? try price.rounded(scale: scale, mode: .halfUp)
                        : try lineTotal.divided(by: quantity, scale: scale, rounding: .halfUp)
                    priced.total = lineTotal
                    total = try total + lineTotal
                } catch {
                    priced.error = PricingError(.overflow, "line \(lineId): \(error)")
                    priced.total = nil
                    if self.error == nil { self.error = PricingError(.overflow, "the quote total overflows") }
                }
            }
        }
    }
}
