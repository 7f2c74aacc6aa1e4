import Catalog
import Definitions
import Expressions
import Money

extension PricingCompiler {
    /// The element kinds, as written in definitions.
    static let elementKinds = ["listPrice", "contractPrice", "blockPrice", "termPricing", "currencyConversion",
                               "attributeAdjustment", "bundleAdjustment", "volumeDiscount", "tierDiscount",
                               "manualDiscount", "derivedPrice", "formula", "assignment", "aggregate", "propagation",
                               "guardrail", "rounding"]

    /// What one procedure may read: the standard fields plus its own declarations.
    struct Scope {
        let schema: ExpressionSchema
        let headerFields: [String: ExpressionType]
        let lineFields: [String: ExpressionType]
    }

    mutating func readProcedure(_ reader: ObjectReader, _ document: DefinitionDocument) {
        let policy: PricingProcedure.RoundingPolicy = reader.choice("roundingPolicy", required: false) ?? .final
        var headerFields: [String: ExpressionType] = [:]
        var lineFields: [String: ExpressionType] = [:]
        if let declared = reader.object("context", required: false) {
            for key in ["header", "line"] {
                for (name, type, location) in declared.typeDeclarations(key) {
                    if PricingSchema.headerFields[name] != nil || PricingSchema.lineFields[name] != nil {
                        diagnostics.error("DuplicateId", at: location, path: "context.\(key).\(name)",
                                          "'\(name)' is a standard context field and cannot be redeclared")
                    } else if key == "header" {
                        headerFields[name] = type
                    } else {
                        lineFields[name] = type
                    }
                }
            }
            declared.finish()
        }
        let scope = Scope(schema: ExpressionSchema(
            fields: PricingSchema.headerFields.merging(PricingSchema.lineFields) { a, _ in a }
                .merging(headerFields) { a, _ in a }.merging(lineFields) { a, _ in a },
            attributes: catalog.attributeTypes), headerFields: headerFields, lineFields: lineFields)

        var elements: [PricingElement] = []
        var ids: [String: DefinitionLocation] = [:]
        var sequences: [Int: DefinitionLocation] = [:]
        let items = reader.objects("elements")
        if items.isEmpty, reader.has("elements") {
            reader.error("InvalidValue", "elements", "a procedure needs at least one element")
        }
        for item in items {
            defer { item.finish() }
            guard let element = readElement(item, scope: scope) else { continue }
            if let previous = ids[element.id] {
                diagnostics.error("DuplicateId", at: item.location(of: "id"), path: item.path(of: "id"),
                                  "element '\(element.id)' is already defined at \(previous)")
            }
            if let previous = sequences[element.sequence] {
                diagnostics.error("DuplicateId", at: item.location(of: "sequence"), path: item.path(of: "sequence"),
                                  "sequence \(element.sequence) is already used at \(previous)")
            }
            ids[element.id] = element.location
            sequences[element.sequence] = item.location(of: "sequence")
            elements.append(element)
        }
        elements.sort { $0.sequence < $1.sequence }
        for (index, element) in elements.enumerated() {
            guard case .currencyConversion = element.kind else { continue }
            if index == 0 || { if case .listPrice = elements[index - 1].kind { false } else { true } }() {
                diagnostics.error("InvalidElementOrder", at: element.location, path: "elements",
                                  "currencyConversion '\(element.id)' must come directly after a listPrice element")
            }
        }
        let procedure = PricingProcedure(id: document.id, version: document.version, window: document.window,
                                         roundingPolicy: policy, elements: elements, headerFields: headerFields,
                                         lineFields: lineFields, location: document.location)
        procedures[document.id, default: []].append(procedure)
    }

    // MARK: Elements

    private func readElement(_ reader: ObjectReader, scope: Scope) -> PricingElement? {
        let id = reader.string("id")
        let sequence = reader.integer("sequence", in: 0...1_000_000)
        let kindName = reader.string("kind")
        let label = reader.string("label", required: false)
        let condition = expression(reader, "condition", scope: scope, expecting: .boolean, required: false)
        let base = reader.string("base", required: false)
        if let base, base != "listPrice", base != "price" {
            reader.error("InvalidValue", "base", "\"\(base)\" is not one of \"price\", \"listPrice\"")
        }
        guard let kindName else { return nil }
        guard Self.elementKinds.contains(kindName) else {
            let hint = NameSuggestion.closest(to: kindName, among: Self.elementKinds).map { "; did you mean '\($0)'?" }
                ?? "; expected one of \(Self.elementKinds.joined(separator: ", "))"
            reader.error("InvalidValue", "kind", "unknown element kind '\(kindName)'\(hint)")
            return nil
        }
        guard let kind = readKind(kindName, reader, scope: scope), let id, let sequence else { return nil }
        return PricingElement(id: id, sequence: sequence, kind: kind, label: label ?? id, condition: condition,
                              usesListPriceBase: base == "listPrice", location: reader.location(of: "kind"))
    }

    private func readKind(_ name: String, _ reader: ObjectReader, scope: Scope) -> PricingElement.Kind? {
        switch name {
        case "listPrice": return .listPrice
        case "contractPrice": return .contractPrice
        case "currencyConversion": return .currencyConversion
        case "manualDiscount": return .manualDiscount
        case "blockPrice":
            let tiers = TierTable.read(reader, basis: .units) { tier in self.amounts(tier, "price") }
            let overage = reader.has("overageUnitPrice") ? amounts(reader, "overageUnitPrice") : nil
            guard let tiers else { return nil }
            return .blockPrice(BlockSchedule(table: tiers, overageUnitPrice: overage))
        case "termPricing":
            let basis: PricingElement.TermPricing.Basis = reader.choice("basis", required: false) ?? .months
            let alignment: PricingElement.TermPricing.Alignment = reader.choice("alignment", required: false) ?? .anniversary
            var schedule: TierTable<Adjustment>?
            if reader.has("schedule") {
                schedule = TierTable.read(reader, key: "schedule", basis: .continuous) { self.adjustment($0, "adjustment") }
                if schedule == nil { return nil }
            }
            return .termPricing(.init(basis: basis, alignment: alignment, schedule: schedule))
        case "attributeAdjustment":
            let rules = reader.objects("rules").compactMap { rule -> PricingElement.Rule? in
                defer { rule.finish() }
                let condition = expression(rule, "when", scope: scope, expecting: .boolean)
                let adjustment = adjustment(rule, "adjustment")
                let priority = rule.integer("priority", required: false, in: 0...1_000_000) ?? 0
                guard let condition, let adjustment else { return nil }
                return .init(condition: condition, adjustment: adjustment, priority: priority)
            }
            return .attributeAdjustment(rules)
        case "bundleAdjustment":
            let rules = reader.objects("rules").compactMap { rule -> PricingElement.BundleRule? in
                defer { rule.finish() }
                let parent = product(rule, "parent")
                let component = rule.has("component") ? product(rule, "component") : nil
                let adjustment = adjustment(rule, "adjustment")
                let priority = rule.integer("priority", required: false, in: 0...1_000_000) ?? 0
                guard let parent, let adjustment else { return nil }
                return .init(parentProductId: parent, componentProductId: component, adjustment: adjustment, priority: priority)
            }
            return .bundleAdjustment(rules)
        case "volumeDiscount", "tierDiscount":
            let basis: TierTable<Adjustment>.Basis = reader.choice("basis", required: false) ?? .units
            let quantity = expression(reader, "quantity", scope: scope, expecting: .number, required: false)
            guard let table = TierTable.read(reader, basis: basis, value: { self.adjustment($0, "adjustment") }) else { return nil }
            let schedule = AdjustmentSchedule(mode: name == "volumeDiscount" ? .volume : .graduated, basis: basis, table: table)
            let step = PricingElement.ScheduleStep(schedule: schedule, quantity: quantity)
            return name == "volumeDiscount" ? .volumeDiscount(step) : .tierDiscount(step)
        case "derivedPrice":
            let percent = percentValue(reader, "percent", maximum: nil)
            let filter = expression(reader, "where", scope: scope, expecting: .boolean, required: false)
            var source: PricingElement.DerivedPrice.Source?
            if let node = reader.value("source"), case .mapping = node.content, let object = reader.object("source") {
                source = product(object, "product").map { .product($0) }
                object.finish()
            } else if let text = reader.string("source") {
                switch text {
                case "parent": source = .parent
                case "quoteTotal": source = .quoteTotal(filter)
                default: reader.error("InvalidValue", "source", "\"\(text)\" is not one of \"parent\", \"quoteTotal\" or {product: ID}")
                }
            }
            if filter != nil, case .quoteTotal = source {} else if filter != nil {
                reader.error("InvalidValue", "where", "'where' filters the lines of a quoteTotal source only")
            }
            guard let source, let percent else { return nil }
            return .derivedPrice(.init(source: source, percent: percent))
        case "formula":
            return expression(reader, "expression", scope: scope, expecting: .number).map { .formula($0) }
        case "assignment":
            guard let field = reader.string("field") else { return nil }
            guard let type = scope.lineFields[field] else {
                reader.error("UnknownContextField", "field", "line field '\(field)' is not declared in this procedure's context.line")
                return nil
            }
            return expression(reader, "expression", scope: scope, expecting: type).map { .assignment(field: field, $0) }
        case "aggregate":
            let field = reader.string("field")
            let value = expression(reader, "sum", scope: scope, expecting: .number)
            let filter = expression(reader, "where", scope: scope, expecting: .boolean, required: false)
            guard let field else { return nil }
            guard scope.headerFields[field] == .number else {
                reader.error("UnknownContextField", "field", "aggregate writes header field '\(field)', which must be declared as a number in context.header")
                return nil
            }
            guard let value else { return nil }
            return .aggregate(.init(field: field, value: value, filter: filter))
        case "propagation":
            let direction = reader.string("direction")
            switch direction {
            case "down": return .propagation(.down)
            case "up":
                guard let field = reader.string("field") else { return nil }
                guard scope.lineFields[field] == .number else {
                    reader.error("UnknownContextField", "field", "propagation up writes line field '\(field)', which must be declared as a number in context.line")
                    return nil
                }
                return .propagation(.up(field: field))
            case let other?:
                reader.error("InvalidValue", "direction", "\"\(other)\" is not one of \"down\", \"up\"")
                return nil
            case nil: return nil
            }
        case "guardrail":
            let maximum = percentValue(reader, "maxDiscountPercent", required: false, maximum: .hundred)
            let floor = percentValue(reader, "marginFloorPercent", required: false, maximum: nil)
            if let floor, floor >= .hundred {
                reader.error("InvalidValue", "marginFloorPercent", "a margin floor must be below 100 %, found \(floor)")
            }
            let minimum = reader.has("minUnitPrice") ? amounts(reader, "minUnitPrice") : nil
            if maximum == nil, floor == nil, minimum == nil {
                reader.error("MissingField", "maxDiscountPercent", "a guardrail needs maxDiscountPercent, marginFloorPercent or minUnitPrice")
            }
            return .guardrail(.init(maxDiscountPercent: maximum, marginFloorPercent: floor, minUnitPrice: minimum))
        case "rounding":
            let scale = reader.integer("scale", required: false, in: 0...12)
            let mode: RoundingMode = reader.choice("mode", required: false) ?? .halfUp
            return .rounding(scale: scale, mode: mode)
        default:
            return nil
        }
    }
}
