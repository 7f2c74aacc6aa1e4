import Definitions
import Expressions
import Money

/// Reading each document kind.
extension CatalogCompiler {
    mutating func readCatalog(_ reader: ObjectReader, _ document: DefinitionDocument) {
        for unit in reader.objects("unitsOfMeasure", required: false) {
            defer { unit.finish() }
            guard let id = unit.string("id") else { continue }
            let uom = UnitOfMeasure(id: id, name: unit.string("name", required: false) ?? id,
                                    decimals: unit.integer("decimals", required: false, in: 0...12) ?? 0)
            let location = unit.location(of: "id")
            if checkUnique(id, in: unitsOfMeasure, what: "unit of measure", at: location, path: unit.path(of: "id")) {
                unitsOfMeasure[id] = (uom, location)
            }
        }
        for family in reader.objects("families", required: false) {
            defer { family.finish() }
            guard let id = family.string("id") else { continue }
            let parent = family.string("parent", required: false)
            if let parent {
                references.append(Reference(target: .family, id: parent, location: family.location(of: "parent"),
                                            path: family.path(of: "parent"), window: document.window))
            }
            let location = family.location(of: "id")
            if checkUnique(id, in: families, what: "family", at: location, path: family.path(of: "id")) {
                families[id] = (ProductFamily(id: id, name: family.string("name", required: false) ?? id,
                                              parentId: parent), location)
            }
        }
        for product in reader.objects("products") {
            defer { product.finish() }
            readProduct(product, document)
        }
    }

    private mutating func readProduct(_ reader: ObjectReader, _ document: DefinitionDocument) {
        let id = reader.string("id")
        let name = reader.string("name")
        let type: ProductType = reader.choice("type", required: false) ?? .commercial
        let family = reader.string("family", required: false)
        let unit = reader.string("unitOfMeasure")
        var models: [SellingModel] = []
        for item in reader.strings("sellingModels", required: false) {
            guard let model = SellingModel(rawValue: item.value) else {
                let allowed = SellingModel.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                diagnostics.error("InvalidValue", at: reader.context.location(item.node.position), path: item.path,
                                  "\"\(item.value)\" is not one of \(allowed)")
                continue
            }
            models.append(model)
        }
        if !reader.has("sellingModels") { models = [.oneTime] }
        let attributes = readAttributes(reader)
        var components: [BundleComponent] = []
        if let bundle = reader.object("bundle", required: false) {
            for component in bundle.objects("components") {
                defer { component.finish() }
                guard let productId = component.string("product") else { continue }
                let min = component.integer("minQuantity", required: false, in: 0...1_000_000) ?? 0
                let max = component.integer("maxQuantity", required: false, in: 0...1_000_000) ?? Swift.max(min, 1)
                let initial = component.integer("defaultQuantity", required: false, in: 0...1_000_000) ?? min
                if !(min <= initial && initial <= max) {
                    component.error("InvalidValue", "defaultQuantity",
                                    "quantities must satisfy minQuantity ≤ defaultQuantity ≤ maxQuantity, found \(min) ≤ \(initial) ≤ \(max)")
                }
                references.append(Reference(target: .product, id: productId, location: component.location(of: "product"),
                                            path: component.path(of: "product"), window: document.window))
                components.append(BundleComponent(productId: productId, minQuantity: min, maxQuantity: max,
                                                  defaultQuantity: initial))
            }
            if bundle.has("components"), components.isEmpty, bundle.list("components").isEmpty {
                bundle.error("InvalidValue", "components", "a bundle needs at least one component")
            }
            bundle.finish()
        }
        if let family {
            references.append(Reference(target: .family, id: family, location: reader.location(of: "family"),
                                        path: reader.path(of: "family"), window: document.window))
        }
        if let unit {
            references.append(Reference(target: .unitOfMeasure, id: unit, location: reader.location(of: "unitOfMeasure"),
                                        path: reader.path(of: "unitOfMeasure"), window: document.window))
        }
        guard let id, let name, let unit else { return }
        let location = reader.location(of: "id")
        if let existing = products[id]?.first(where: { $0.window.overlaps(document.window) }) {
            diagnostics.error("DuplicateId", at: location, path: reader.path(of: "id"),
                              "product '\(id)' is already defined at \(existing.location)")
            return
        }
        products[id, default: []].append(Product(
            id: id, name: name, type: type, familyId: family, unitOfMeasureId: unit, sellingModels: models,
            attributes: attributes, components: components, window: document.window, location: location))
    }

    private mutating func readAttributes(_ reader: ObjectReader) -> [AttributeDefinition] {
        var result: [AttributeDefinition] = []
        for (name, keyPosition, node, path) in reader.entries("attributes", required: false) {
            guard let attribute = ObjectReader(node, path: path, in: reader.context) else { continue }
            defer { attribute.finish() }
            let typeText = attribute.string("type")
            guard let typeText else { continue }
            guard let type = AttributeType(rawValue: typeText) else {
                let allowed = AttributeType.allCases.map(\.rawValue).joined(separator: ", ")
                diagnostics.error("InvalidValue", at: attribute.location(of: "type"), path: path,
                                  "unknown attribute type \"\(typeText)\"; expected one of \(allowed)")
                continue
            }
            var values: [String] = []
            if type == .picklist {
                values = attribute.strings("values").map(\.value)
                if values.isEmpty, attribute.has("values") {
                    attribute.error("InvalidValue", "values", "a picklist needs at least one value")
                }
                if Set(values).count != values.count {
                    attribute.error("InvalidValue", "values", "picklist values must be unique")
                }
            } else if attribute.has("values") {
                attribute.error("InvalidValue", "values", "only picklist attributes have values")
            }
            let defaultValue = readDefault(attribute, type: type, values: values)
            let location = reader.context.location(keyPosition)
            if let (existing, existingLocation) = attributeTypes[name], existing != type {
                diagnostics.error("AttributeTypeConflict", at: location, path: path,
                                  "attribute '\(name)' is \(type.rawValue) here but \(existing.rawValue) at \(existingLocation)")
            } else if attributeTypes[name] == nil {
                attributeTypes[name] = (type, location)
            }
            result.append(AttributeDefinition(name: name, type: type, values: values,
                                              isRequired: attribute.boolean("required", default: false),
                                              defaultValue: defaultValue))
        }
        return result
    }

    private func readDefault(_ attribute: ObjectReader, type: AttributeType, values: [String]) -> ExpressionValue? {
        guard attribute.has("default") else { return nil }
        switch type {
        case .number:
            return attribute.decimal("default").map(ExpressionValue.number)
        case .boolean:
            return .boolean(attribute.boolean("default", default: false))
        case .text, .picklist:
            guard let text = attribute.string("default") else { return nil }
            if type == .picklist, !values.isEmpty, !values.contains(text) {
                attribute.error("InvalidValue", "default", "default \"\(text)\" is not one of the picklist values")
            }
            return .string(text)
        }
    }

    mutating func readPriceBook(_ reader: ObjectReader, _ document: DefinitionDocument) {
        priceBooks[document.id, default: []].append(PriceBook(
            id: document.id, name: reader.string("name", required: false) ?? document.id,
            isActive: reader.boolean("isActive", default: true),
            allowCurrencyConversion: reader.boolean("allowCurrencyConversion", default: false),
            version: document.version, window: document.window))
        for entry in reader.objects("entries") {
            defer { entry.finish() }
            let productId = entry.string("product")
            let currency = entry.currency("currency")
            let model: SellingModel? = entry.choice("sellingModel", required: false) ?? (entry.has("sellingModel") ? nil : .oneTime)
            let unitPrice = entry.decimal("unitPrice")
            let term = entry.integer("pricingTermMonths", required: false, in: 1...1200)
            let cost = entry.decimal("cost", required: false)
            let window = window(entry, within: document.window)
            if let model {
                if model.isRecurring, term == nil, !entry.has("pricingTermMonths") {
                    entry.error("MissingField", "pricingTermMonths", "a \(model.rawValue) entry needs pricingTermMonths")
                } else if !model.isRecurring, entry.has("pricingTermMonths") {
                    entry.error("InvalidValue", "pricingTermMonths", "a oneTime entry has no pricing term")
                }
            }
            if let unitPrice { checkNotNegative(unitPrice, entry, "unitPrice") }
            if let cost { checkNotNegative(cost, entry, "cost") }
            if let currency {
                if let unitPrice { checkPrecision(unitPrice, currency, entry, "unitPrice") }
                if let cost { checkPrecision(cost, currency, entry, "cost") }
            }
            if let productId {
                references.append(Reference(target: .product, id: productId, location: entry.location(of: "product"),
                                            path: entry.path(of: "product"), window: window))
            }
            guard let productId, let currency, let model, let unitPrice else { continue }
            let key = CatalogSnapshot.PriceKey(priceBookId: document.id, productId: productId, currency: currency,
                                               sellingModel: model)
            let location = entry.location(of: "product")
            if let clash = entries[key]?.first(where: { $0.window.overlaps(window) }) {
                diagnostics.error("OverlappingPriceBookEntry", at: location, path: entry.path,
                                  "\(productId) \(currency.code) \(model.rawValue) in '\(document.id)' is in force \(window), overlapping the entry at \(clash.location) \(clash.window)")
                continue
            }
            entries[key, default: []].append(PriceBookEntry(
                priceBookId: document.id, productId: productId, currency: currency, sellingModel: model,
                unitPrice: unitPrice, pricingTermMonths: model.isRecurring ? term : nil, cost: cost, window: window,
                location: location))
        }
    }

    mutating func readCostBook(_ reader: ObjectReader, _ document: DefinitionDocument) {
        for entry in reader.objects("entries") {
            defer { entry.finish() }
            let productId = entry.string("product")
            let currency = entry.currency("currency")
            let cost = entry.decimal("cost")
            let window = window(entry, within: document.window)
            if let cost {
                checkNotNegative(cost, entry, "cost")
                if let currency { checkPrecision(cost, currency, entry, "cost") }
            }
            guard let productId, let currency, let cost else { continue }
            references.append(Reference(target: .product, id: productId, location: entry.location(of: "product"),
                                        path: entry.path(of: "product"), window: window))
            let key = CatalogSnapshot.CostKey(productId: productId, currency: currency)
            if costs[key]?.contains(where: { $0.window.overlaps(window) }) == true {
                entry.error("OverlappingWindow", "product", "another cost for \(productId) in \(currency.code) is in force during \(window)")
                continue
            }
            costs[key, default: []].append(CostBookEntry(costBookId: document.id, productId: productId,
                                                         currency: currency, cost: cost, window: window))
        }
    }

    mutating func readExchangeRates(_ reader: ObjectReader) {
        for item in reader.objects("rates") {
            defer { item.finish() }
            let from = item.currency("from")
            let to = item.currency("to")
            let rate = item.decimal("rate")
            let date = item.date("effectiveFrom")
            if let rate, rate <= .zero { item.error("InvalidValue", "rate", "an exchange rate must be above zero, found \(rate)") }
            if let from, let to, from == to { item.error("InvalidValue", "to", "an exchange rate converts between two different currencies") }
            guard let from, let to, let rate, rate > .zero, let date, from != to else { continue }
            let pair = CatalogSnapshot.CurrencyPair(from: from, to: to)
            if let clash = rates[pair]?.first(where: { $0.0.effectiveFrom == date }) {
                item.error("DuplicateId", "effectiveFrom", "\(from.code)→\(to.code) already has a rate from \(date) at \(clash.1)")
                continue
            }
            rates[pair, default: []].append((ExchangeRate(from: from, to: to, rate: rate, effectiveFrom: date),
                                             item.location(of: "rate")))
        }
    }

    mutating func readAccounts(_ reader: ObjectReader) {
        for item in reader.objects("accounts") {
            defer { item.finish() }
            guard let id = item.string("id") else { continue }
            let parent = item.string("parent", required: false)
            let account = Account(id: id, name: item.string("name", required: false) ?? id, parentId: parent,
                                  segment: item.string("segment", required: false))
            if let parent {
                references.append(Reference(target: .account, id: parent, location: item.location(of: "parent"),
                                            path: item.path(of: "parent"), window: .always))
            }
            let location = item.location(of: "id")
            if checkUnique(id, in: accounts, what: "account", at: location, path: item.path(of: "id")) {
                accounts[id] = (account, location)
            }
        }
    }

    mutating func readContractPrices(_ reader: ObjectReader, _ document: DefinitionDocument) {
        for item in reader.objects("prices") {
            defer { item.finish() }
            let id = item.string("id")
            let account = item.string("account", required: false)
            let contract = item.string("contract", required: false)
            let product = item.string("product", required: false)
            let filter = item.expression("appliesTo", schema: ContractPrice.filterSchema, expecting: .boolean,
                                         required: false)
            let price = item.decimal("price", required: false)
            let currency = item.currency("currency", required: price != nil)
            let discount = item.decimal("discountPercent", required: false)
            let window = window(item, within: document.window)
            let inherits = item.boolean("appliesToChildAccounts", default: true)
            let suppresses = item.boolean("suppressAutomaticDiscounts", default: true)
            var valid = true
            if (account == nil) == (contract == nil) {
                item.error("InvalidContractPrice", "account", "set exactly one of 'account' or 'contract'")
                valid = false
            }
            if (product == nil) == !item.has("appliesTo") {
                item.error("InvalidContractPrice", "product", "set exactly one of 'product' or 'appliesTo'")
                valid = false
            }
            if item.has("price") == item.has("discountPercent") {
                item.error("InvalidContractPrice", "price", "set exactly one of 'price' or 'discountPercent'")
                valid = false
            }
            if let discount, discount < .zero || discount > .hundred {
                item.error("InvalidValue", "discountPercent", "a discount percent must be in [0, 100], found \(discount)")
                valid = false
            }
            if let price {
                checkNotNegative(price, item, "price")
                if let currency { checkPrecision(price, currency, item, "price") }
            }
            if let account {
                references.append(Reference(target: .account, id: account, location: item.location(of: "account"),
                                            path: item.path(of: "account"), window: .always))
            }
            if let product {
                references.append(Reference(target: .product, id: product, location: item.location(of: "product"),
                                            path: item.path(of: "product"), window: window))
            }
            guard let id, valid else { continue }
            if let existing = contractIds[id] {
                item.error("DuplicateId", "id", "contract price '\(id)' is already defined at \(existing)")
                continue
            }
            contractIds[id] = item.location(of: "id")
            let target: ContractPrice.Target
            if let product { target = .product(product) } else if let filter { target = .filter(filter) } else { continue }
            let terms: ContractPrice.Terms
            if let price, let currency { terms = .price(Money(price, currency)) } else if let discount {
                terms = .discountPercent(discount)
            } else { continue }
            contractPrices.append(ContractPrice(id: id, accountId: account, contractId: contract, target: target,
                                                terms: terms, window: window, appliesToChildAccounts: inherits,
                                                suppressAutomaticDiscounts: suppresses, location: item.location(of: "id")))
        }
    }

    mutating func readChannels(_ reader: ObjectReader) {
        for item in reader.objects("channels") {
            defer { item.finish() }
            guard let id = item.string("id") else { continue }
            let book = item.string("defaultPriceBook", required: false)
            if let book {
                references.append(Reference(target: .priceBook, id: book, location: item.location(of: "defaultPriceBook"),
                                            path: item.path(of: "defaultPriceBook"), window: .always))
            }
            let location = item.location(of: "id")
            if checkUnique(id, in: channels, what: "channel", at: location, path: item.path(of: "id")) {
                channels[id] = (Channel(id: id, name: item.string("name", required: false) ?? id,
                                        defaultPriceBookId: book), location)
            }
        }
    }
}
