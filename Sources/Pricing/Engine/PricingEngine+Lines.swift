import Definitions
import Catalog
import Expressions
import Money

extension PricingEngine {
    /// Builds the running state of the lines at `positions` in `states` (emptied first), failing
    /// the lines that cannot be priced at all: repeated ids, unknown products, bad quantities,
    /// unknown or cyclic parents, invalid discounts and attributes.
    ///
    /// A block may be built on its own when parents come first (``LineLinks/parentsPrecede``):
    /// `earlierProducts` then holds the product of every line before the block, for its children.
    func makeLines(_ quote: Quote, _ header: Header, positions: Range<Int>, links: LineLinks,
                   earlierProducts: [String?], contractWinners: inout [ObjectIdentifier: ContractWinner],
                   into states: inout [LineState])
    {
        let contracts = resolvesContractPrices(header)
        states.removeAll(keepingCapacity: true)
        states.reserveCapacity(positions.count)
        for index in positions {
            // Appended first and filled in place: a line state holds a dozen references.
            let offset = states.count
            states.append(LineState(index: index, lines: quote.lines, effectiveQuantity: quote.lines[index].quantity,
                                    context: ExpressionContext(shared: header.shared, fields: header.lineFields),
                                    missingSlots: header.missingSlots))
            states[offset].waterfall.reserveCapacity(header.elements.count)
            if links.isDuplicate(index) {
                states[offset].error = PricingError(.invalidQuote, "line id '\(quote.lines[index].id)' is used twice")
            } else {
                do {
                    try prepare(&states[offset], line: quote.lines[index], header: header)
                } catch {
                    states[offset].error = error
                }
                if contracts, states[offset].isLive, let product = states[offset].product {
                    states[offset].contractWinner = contractWinner(for: product, header: header, known: &contractWinners)
                }
            }
        }
        if links.namesParents { linkParents(&states, links: links, earlierProducts: earlierProducts, header: header) }
    }

    private func prepare(_ state: inout LineState, line: Quote.Line, header: Header) throws(PricingError) {
        let date = header.pricingDate
        guard let prices = products[line.productId], let version = prices.version(on: date) else {
            let exists = products[line.productId] != nil
            throw PricingError(.unknownProduct, exists
                ? "product '\(line.productId)' is not available on \(date)"
                : "product '\(line.productId)' is not in the catalog" + suggestion(line.productId, among: Array(products.keys)))
        }
        let product = prices.versions[version]
        state.product = product
        state.prices = prices
        guard line.quantity > .zero else {
            throw PricingError(.invalidQuantity, "quantity must be greater than 0, found \(line.quantity)")
        }
        let model = line.sellingModel ?? product.defaultSellingModel
        guard product.sellingModels.contains(model) else {
            throw PricingError(.unsupportedSellingModel, "product '\(product.id)' is sold \(product.sellingModels.map(\.rawValue).joined(separator: ", ")), not \(model.rawValue)")
        }
        state.sellingModel = model
        if let term = line.termMonths, term <= .zero {
            throw PricingError(.invalidTerm, "termMonths must be greater than 0, found \(term)")
        }
        if let discount = line.manualDiscount {
            try Self.check(discount, currency: header.currency)
        }
        if !product.attributes.isEmpty || !line.attributes.isEmpty {
            var attributes = attributeTemplate
            try resolveAttributes(line, product: product, slots: prices.attributeSlots[version], into: &attributes)
            state.context.attributes = attributes
        }

        if !line.fields.isEmpty {
            let fields = definitions.schema.customLineFields
            for name in line.fields.keys.sorted() where fields[name] == nil {
                throw PricingError(.unknownContextField, "line field '\(name)' is not declared by any procedure"
                                   + suggestion(name, among: Array(fields.keys)))
            }
        }
        // The context starts with placeholders; only the fields some expression reads are filled.
        for (name, type, slot) in customLineSlots {
            if let value = line.fields[name].map({ Self.coerce($0, to: type) }) {
                guard value.conforms(to: type) else {
                    throw PricingError(.invalidQuote, "line field '\(name)' is declared \(type) but the line gives \(value)")
                }
                set(slot, to: value, in: &state)
            } else if header.reads(slot) {
                state.missingSlots.insert(slot)
            }
        }
        if header.reads(slots.lineId) { set(slots.lineId, to: .string(line.id), in: &state) }
        if header.reads(slots.productId) { set(slots.productId, to: .string(product.id), in: &state) }
        if header.reads(slots.family) { set(slots.family, to: .string(product.familyId ?? ""), in: &state) }
        if header.reads(slots.productType) { set(slots.productType, to: .string(product.type.rawValue), in: &state) }
        if header.reads(slots.quantity) { set(slots.quantity, to: .number(line.quantity), in: &state) }
        if header.reads(slots.sellingModel) { set(slots.sellingModel, to: .string(model.rawValue), in: &state) }
        if header.reads(slots.termMonths) { set(slots.termMonths, to: .number(line.termMonths ?? .zero), in: &state) }
        if header.reads(slots.isComponent) { set(slots.isComponent, to: .boolean(line.parentLineId != nil), in: &state) }
    }

    /// A manual discount must be a percentage in [0, 100] or a non-negative amount in the quote currency.
    static func check(_ discount: Adjustment, currency: Currency) throws(PricingError) {
        switch discount {
        case .percent(let value):
            guard value >= .zero, value <= .hundred else {
                throw PricingError(.invalidDiscount, "a manual discount must be between 0 and 100 %, found \(value) %")
            }
        case .amount(let values), .override(let values):
            guard let value = values[currency] else {
                throw PricingError(.invalidDiscount, "the manual discount is not in the quote currency \(currency.code)")
            }
            guard value >= .zero else {
                throw PricingError(.invalidDiscount, "a manual discount amount must not be negative, found \(value)")
            }
            guard value.fractionalDigitCount <= currency.minorUnits else {
                throw PricingError(.invalidDiscount, "\(value) has more decimals than \(currency.code) allows (\(currency.minorUnits))")
            }
        }
    }

    /// Checks the line's attributes against the product and fills in defaults.
    private func resolveAttributes(_ line: Quote.Line, product: Product, slots: [Int?],
                                   into values: inout [ExpressionValue?]) throws(PricingError)
    {
        let known = { (name: String) in product.attributes.contains { $0.name == name } }
        if !line.attributes.keys.allSatisfy(known) {
            // Report the first unknown name in sorted order, so the message does not vary.
            for name in line.attributes.keys.sorted() where !known(name) {
                throw PricingError(.invalidQuote, "product '\(product.id)' has no attribute '\(name)'"
                                   + suggestion(name, among: product.attributes.map(\.name)))
            }
        }
        for (definition, slot) in zip(product.attributes, slots) {
            guard let slot else { continue }
            guard let value = line.attributes[definition.name] ?? definition.defaultValue else {
                if definition.isRequired {
                    throw PricingError(.invalidQuote, "attribute '\(definition.name)' is required for product '\(product.id)'")
                }
                continue
            }
            guard value.conforms(to: definition.type.expressionType) else {
                throw PricingError(.invalidQuote, "attribute '\(definition.name)' is \(definition.type.rawValue), not \(value)")
            }
            if definition.type == .picklist, case .string(let text) = value, !definition.values.contains(text) {
                throw PricingError(.invalidQuote, "attribute '\(definition.name)' must be one of \(definition.values.joined(separator: ", ")), not '\(text)'")
            }
            values[slot] = value
        }
    }

    /// Resolves parent lines and fails unknown parents and cycles.
    private func linkParents(_ states: inout [LineState], links: LineLinks, earlierProducts: [String?], header: Header) {
        let first = states.first?.index ?? 0
        for offset in states.indices {
            let index = states[offset].index
            guard let parentId = states[offset].line.parentLineId else { continue }
            guard let parent = links.parent(of: index) else {
                if states[offset].error == nil {
                    states[offset].error = PricingError(.unknownParentLine, "parent line '\(parentId)' is not in the quote")
                }
                continue
            }
            states[offset].parent = parent
            if let members = links.cycles?.cycle(under: index) {
                var ids = members.prefix(10).map { states[offset].lines[$0].id }
                if members.count > 10 { ids.append("… (\(members.count) lines)") }
                let through = ids.joined(separator: ", ")
                states[offset].error = PricingError(.parentLineCycle, members.contains(index)
                    ? "parent lines form a cycle through \(through)"
                    : "its parent lines lead into a cycle through \(through)")
                continue
            }
            let parentProduct = parent >= first ? states[parent - first].product?.id : earlierProducts[parent]
            if states[offset].error == nil, let productId = parentProduct {
                states[offset].parentProductId = productId
                if header.reads(slots.parentProductId) {
                    set(slots.parentProductId, to: .string(productId), in: &states[offset])
                }
            }
        }
    }
}
