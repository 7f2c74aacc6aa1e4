import Catalog
import Definitions
import Expressions
import Money
import Pricing

extension RatingCompiler {
    // MARK: UsageResources

    /// `resources[{id, name?, unitOfMeasure, ratingProcedure?, attributes? {name: string|number|boolean}}]`.
    mutating func readResources(_ reader: ObjectReader, _ document: DefinitionDocument) {
        var declared = false
        for item in reader.objects("resources") {
            defer { item.finish() }
            let id = item.string("id")
            let name = item.string("name", required: false)
            let unit = reference(item, "unitOfMeasure", "unit of measure", among: catalog.unitsOfMeasure.keys) {
                catalog.unitsOfMeasure[$0] != nil
            }
            let procedure = item.string("ratingProcedure", required: false)
            if let procedure {
                procedureReferences.append((procedure, item.location(of: "ratingProcedure"), item.path(of: "ratingProcedure")))
            }
            var types: [String: ExpressionType] = [:]
            for (fieldName, type, location) in item.typeDeclarations("attributes") {
                if let existing = attributes[fieldName], existing.0 != type {
                    diagnostics.error("AttributeTypeConflict", at: location, path: item.path(of: "attributes.\(fieldName)"),
                                      "usage attribute '\(fieldName)' is declared \(type) here but \(existing.0) at \(existing.1)")
                    continue
                }
                if attributes[fieldName] == nil { declared = true }
                attributes[fieldName] = attributes[fieldName] ?? (type, location)
                types[fieldName] = type
            }
            guard let id, let unit, claim("resource", id, window: document.window, at: item) else { continue }
            resources[id, default: []].append(UsageResource(id: id, name: name ?? id, unitOfMeasure: unit,
                                                            ratingProcedureId: procedure, attributes: types,
                                                            window: document.window))
        }
        if declared {
            schema = ExpressionSchema(fields: Dictionary(uniqueKeysWithValues: RatingDefinitions.fieldNames.map { ($0, .string) }),
                                      attributes: attributes.mapValues(\.0))
        }
    }

    // MARK: RatingProcedure

    /// `elements: [ratingSetting, baseRate | negotiatedBaseRate, …, rounding, total]`, `roundingMode?`.
    mutating func readProcedure(_ reader: ObjectReader, _ document: DefinitionDocument) {
        var elements: [RatingProcedure.Element] = []
        var valid = true
        for item in reader.strings("elements") {
            guard let element = RatingProcedure.Element(rawValue: item.value) else {
                let allowed = RatingProcedure.Element.allCases.map(\.rawValue)
                let hint = NameSuggestion.closest(to: item.value, among: allowed).map { "; did you mean '\($0)'?" } ?? ""
                reader.context.error("UnknownElement", at: item.node, path: item.path,
                                     "'\(item.value)' is not a rating element\(hint)")
                valid = false
                continue
            }
            if elements.contains(element) {
                reader.context.error("InvalidValue", at: item.node, path: item.path, "'\(item.value)' appears twice")
                valid = false
                continue
            }
            if let last = elements.last, Self.rank(element) < Self.rank(last) {
                reader.context.error("InvalidElementOrder", at: item.node, path: item.path,
                                     "'\(item.value)' must come before '\(last.rawValue)'; the order is \(RatingProcedure.standard.elements.map(\.rawValue).joined(separator: " → "))")
                valid = false
            }
            elements.append(element)
        }
        let mode: RoundingMode? = reader.has("roundingMode") ? reader.choice("roundingMode") : .halfUp
        guard valid, let mode else { return }
        let bases = elements.filter { $0 == .baseRate || $0 == .negotiatedBaseRate }
        if bases.count != 1 {
            reader.error("InvalidValue", "elements", "a rating procedure has exactly one of baseRate and negotiatedBaseRate")
            return
        }
        for required in [RatingProcedure.Element.ratingSetting, .rounding, .total] where !elements.contains(required) {
            reader.error("MissingElement", "elements", "a rating procedure needs '\(required.rawValue)'")
            return
        }
        procedures[document.id, default: []].append(RatingProcedure(id: document.id, version: document.version,
                                                                      elements: elements, roundingMode: mode,
                                                                      window: document.window))
    }

    /// The position in the standard order; the two base rates share one.
    private static func rank(_ element: RatingProcedure.Element) -> Int {
        switch element {
        case .ratingSetting: 0
        case .baseRate, .negotiatedBaseRate: 1
        case .attributeRateAdjustment: 2
        case .tierRate: 3
        case .manualRateDiscount: 4
        case .rounding: 5
        case .total: 6
        }
    }

    // MARK: Assets

    /// `assets[{id, account, product, currency, contract?, discountPercent?}]`.
    mutating func readAssets(_ reader: ObjectReader, _ document: DefinitionDocument) {
        for item in reader.objects("assets") {
            defer { item.finish() }
            let id = item.string("id")
            let account = reference(item, "account", "account", among: catalog.accounts.keys) { catalog.accounts[$0] != nil }
            let product = reference(item, "product", "product", among: catalog.products.keys) { catalog.products[$0] != nil }
            let currency = item.currency("currency")
            let contract = item.string("contract", required: false)
            var discount: ExactDecimal?
            if let value = item.decimal("discountPercent", required: false) {
                if value.isNegative || value > .hundred {
                    item.error("InvalidValue", "discountPercent", "a percentage must be between 0 and 100, found \(value)")
                } else {
                    discount = value
                }
            }
            guard let id, let account, let product, let currency,
                  claim("asset", id, window: document.window, at: item) else { continue }
            assets[id, default: []].append(Asset(id: id, accountId: account, productId: product, contractId: contract,
                                                 currency: currency, discountPercent: discount, window: document.window))
        }
    }

    // MARK: RateCard

    /// `type`, `currency`, `status`, `entries[{product, resource, unitOfMeasure?, negotiable?, effectiveFrom?,
    /// effectiveTo?, rate | mode + tiers | condition + adjustment + priority?}]`.
    mutating func readCard(_ reader: ObjectReader, _ document: DefinitionDocument) {
        let type: RateCard.CardType? = reader.choice("type")
        let currency = reader.currency("currency")
        let status: RateCard.Status? = reader.choice("status")
        var entries: [RateCardEntry] = []
        var located: [(RateCardEntry, DefinitionLocation, String)] = []
        for item in reader.objects("entries") {
            defer { item.finish() }
            if let entry = readEntry(item, type: type, currency: currency, document: document) {
                entries.append(entry)
                located.append((entry, item.location(of: "product"), item.path))
            }
        }
        guard let type, let currency, let status else { return }
        let card = RateCard(id: document.id, version: document.version, type: type, currency: currency, status: status,
                            window: document.window, entries: entries)
        cards[document.id, default: []].append(card)
        entryLocations += located.map { ($0.0, card, $0.1, $0.2) }
    }

    private func readEntry(_ item: ObjectReader, type: RateCard.CardType?, currency: Currency?,
                           document: DefinitionDocument) -> RateCardEntry?
    {
        let product = reference(item, "product", "product", among: catalog.products.keys) { catalog.products[$0] != nil }
        let resourceId = reference(item, "resource", "usage resource", among: resources.keys) { resources[$0] != nil }
        let unit = item.string("unitOfMeasure", required: false)
        let negotiable = item.boolean("negotiable", default: false)
        let window = window(item, within: document.window)
        let rate: RateCardEntry.Rate?
        switch type {
        case .base:
            rate = self.rate(item, "rate").map { .base($0) }
        case .tier:
            let mode: AdjustmentSchedule.Mode? = item.choice("mode")
            let table = TierTable<Adjustment>.read(item, basis: .continuous) { adjustment($0, "adjustment", currency: currency) }
            if let table, let first = table.tiers.first, !first.lower.isZero {
                item.error("InvalidTier", "tiers", "rate card tiers start at 0, found \(first.lower)")
                return nil
            }
            guard let mode, let table else { return nil }
            rate = .tier(AdjustmentSchedule(mode: mode, basis: .continuous, table: table))
        case .attribute:
            let condition = item.expression("condition", schema: schema, expecting: .boolean)
            let adjustment = adjustment(item, "adjustment", currency: currency)
            let priority = item.integer("priority", required: false) ?? 0
            guard let condition, let adjustment else { return nil }
            rate = .attribute(condition: condition, adjustment: adjustment, priority: priority)
        case nil:
            item.accept(["rate", "mode", "tiers", "condition", "adjustment", "priority"])
            return nil
        }
        guard let product, let resourceId, let rate, let window,
              let resource = resources[resourceId]?.last else { return nil }
        if let unit, unit != resource.unitOfMeasure {
            item.error("UnitMismatch", "unitOfMeasure", "resource '\(resourceId)' is counted in '\(resource.unitOfMeasure)', not '\(unit)'")
            return nil
        }
        return RateCardEntry(productId: product, resourceId: resourceId, unitOfMeasure: resource.unitOfMeasure,
                             negotiable: negotiable, rate: rate, window: window, cardId: document.id,
                             cardVersion: document.version)
    }

    /// `{type: percent, value: 10}`, or `{type: amount|override, value: 0.08}` in the card's currency
    /// (a rate: at most 6 decimals).
    private func adjustment(_ parent: ObjectReader, _ key: String, currency: Currency?) -> Adjustment? {
        guard let reader = parent.object(key) else { return nil }
        defer { reader.finish() }
        guard let type = reader.string("type") else { return nil }
        switch type {
        case "percent":
            guard let value = reader.decimal("value") else { return nil }
            guard !value.isNegative, value <= .hundred else {
                reader.error("InvalidValue", "value", "a percentage must be between 0 and 100, found \(value)")
                return nil
            }
            return .percent(value)
        case "amount", "override":
            guard let value = rate(reader, "value"), let currency else { return nil }
            return type == "amount" ? .amount([currency: value]) : .override([currency: value])
        default:
            reader.error("InvalidValue", "type", "\"\(type)\" is not one of \"percent\", \"amount\", \"override\"")
            return nil
        }
    }

    // MARK: NegotiatedRates

    /// `rates[{id, asset | contract, resource, currency, rate, effectiveFrom?, effectiveTo?}]`.
    mutating func readNegotiatedRates(_ reader: ObjectReader, _ document: DefinitionDocument) {
        for item in reader.objects("rates") {
            defer { item.finish() }
            let id = item.string("id")
            let owner: NegotiatedRate.Owner?
            switch (item.has("asset"), item.has("contract")) {
            case (true, false):
                owner = reference(item, "asset", "asset", among: assets.keys) { assets[$0] != nil }.map { .asset($0) }
            case (false, true):
                owner = item.string("contract").map { .contract($0) }
            default:
                item.error("InvalidValue", "asset", "a negotiated rate belongs to exactly one of 'asset' and 'contract'")
                owner = nil
            }
            let resource = reference(item, "resource", "usage resource", among: resources.keys) { resources[$0] != nil }
            let currency = item.currency("currency")
            let value = rate(item, "rate")
            let window = window(item, within: document.window)
            guard let id, let owner, let resource, let currency, let value, let window,
                  claim("negotiated rate", id, window: window, at: item) else { continue }
            negotiatedRates.append(NegotiatedRate(id: id, owner: owner, resourceId: resource, currency: currency,
                                                  rate: value, window: window))
        }
    }

    // MARK: Linking

    /// Checks what needs every document: procedure references, and base or tier entries of
    /// active cards that overlap for one (product, resource, currency).
    mutating func link() {
        for reference in procedureReferences where procedures[reference.id] == nil {
            let hint = NameSuggestion.closest(to: reference.id, among: procedures.keys.sorted()).map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.error("DanglingReference", at: reference.location, path: reference.path,
                              "unknown rating procedure '\(reference.id)'\(hint)")
        }
        var seen: [String: [(EffectiveWindow, DefinitionLocation)]] = [:]
        for (entry, card, location, path) in entryLocations where card.status == .active && card.type != .attribute {
            guard let window = entry.window.intersection(card.window) else { continue }
            let key = "\(card.type) \(entry.productId) \(entry.resourceId) \(card.currency.code)"
            if let clash = seen[key]?.first(where: { $0.0.overlaps(window) }) {
                diagnostics.error("OverlappingRateCardEntry", at: location, path: path,
                                  "an active \(card.type.rawValue) entry for product '\(entry.productId)' and resource '\(entry.resourceId)' in \(card.currency.code) is already in force for \(window) at \(clash.1)")
                continue
            }
            seen[key, default: []].append((window, location))
        }
    }
}
