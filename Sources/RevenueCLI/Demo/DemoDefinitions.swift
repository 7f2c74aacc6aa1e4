import Foundation
import Money

/// The demo definitions set: a realistic small company selling hardware, software, services
/// and support through a direct and a partner channel, in USD, EUR and GBP.
enum DemoDefinitions {
    /// The marker file that identifies a directory written by `revenue demo`.
    static let marker = ".revenue-demo"

    static func isDemoDirectory(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: URL(fileURLWithPath: path).appendingPathComponent(marker).path)
    }

    struct Item {
        var id: String
        var name: String
        var family: String
        var unit = "each"
        var model = "oneTime"
        var usd: String?
        var attributes: [String] = []
        var components: [(String, Int, Int, Int)] = []
        var type = "commercial"
    }

    static let attributeBlocks: [String: String] = [
        "Memory": "        Memory: { type: picklist, values: [\"16GB\", \"32GB\", \"64GB\"], default: \"16GB\" }",
        "Region": "        Region: { type: picklist, values: [EU, US, APAC], required: true }",
        "Color": "        Color: { type: picklist, values: [Graphite, Silver], default: Graphite }",
        "StorageTB": "        StorageTB: { type: number, default: 1 }",
        "Managed": "        Managed: { type: boolean, default: false }",
        "Language": "        Language: { type: text }",
    ]

    static let items: [Item] = [
        Item(id: "LAPTOP-14", name: "Laptop 14\"", family: "laptops", usd: "1299.00", attributes: ["Memory", "Color", "Region"]),
        Item(id: "LAPTOP-16", name: "Laptop 16\" Pro", family: "laptops", usd: "2199.00", attributes: ["Memory", "Color", "Region"]),
        Item(id: "DESKTOP-TOWER", name: "Desktop Tower", family: "desktops", usd: "1599.00", attributes: ["Memory", "StorageTB"]),
        Item(id: "MONITOR-27", name: "Monitor 27\" 4K", family: "peripherals", usd: "449.00"),
        Item(id: "MONITOR-32", name: "Monitor 32\" 6K", family: "peripherals", usd: "1199.00"),
        Item(id: "DOCK-USB-C", name: "USB-C Dock", family: "peripherals", usd: "229.00"),
        Item(id: "KEYBOARD", name: "Wireless Keyboard", family: "peripherals", usd: "99.00", attributes: ["Language"]),
        Item(id: "MOUSE", name: "Wireless Mouse", family: "peripherals", usd: "59.00"),
        Item(id: "HEADSET", name: "Noise-Cancelling Headset", family: "peripherals", usd: "179.00"),
        Item(id: "WEBCAM-4K", name: "Webcam 4K", family: "peripherals", usd: "149.00"),
        Item(id: "SERVER-1U", name: "Server 1U", family: "servers", usd: "4899.00", attributes: ["Region", "Managed"]),
        Item(id: "SERVER-2U", name: "Server 2U", family: "servers", usd: "7999.00", attributes: ["Region", "Managed", "StorageTB"]),
        Item(id: "STORAGE-ARRAY", name: "Storage Array", family: "servers", usd: "15000.00", attributes: ["StorageTB", "Region"]),
        Item(id: "SWITCH-48P", name: "Switch 48-port", family: "networking", usd: "2499.00"),
        Item(id: "FIREWALL", name: "Next-Gen Firewall", family: "networking", usd: "3499.00", attributes: ["Managed"]),
        Item(id: "CRM-PRO", name: "CRM Professional", family: "software", unit: "seat", model: "termDefined", usd: "900.00", attributes: ["Region"]),
        Item(id: "CRM-ENT", name: "CRM Enterprise", family: "software", unit: "seat", model: "termDefined", usd: "1800.00", attributes: ["Region"]),
        Item(id: "ANALYTICS", name: "Analytics Cloud", family: "software", unit: "seat", model: "termDefined", usd: "1200.00"),
        Item(id: "BACKUP-CLOUD", name: "Cloud Backup", family: "software", unit: "TB", model: "termDefined", usd: "240.00", attributes: ["Region"]),
        Item(id: "SECURITY-SUITE", name: "Security Suite", family: "software", unit: "seat", model: "termDefined", usd: "360.00"),
        Item(id: "DEV-TOOLS", name: "Developer Tools", family: "software", unit: "seat", model: "termDefined", usd: "480.00"),
        Item(id: "OFFICE-SUITE", name: "Office Suite", family: "software", unit: "seat", model: "termDefined", usd: "150.00", attributes: ["Language"]),
        Item(id: "INSTALL-ONSITE", name: "On-site Installation", family: "services", usd: "1500.00", attributes: ["Region"]),
        Item(id: "TRAINING-DAY", name: "Training Day", family: "services", unit: "day", usd: "2000.00"),
        Item(id: "MIGRATION-SVC", name: "Data Migration", family: "services", usd: "5000.00"),
        Item(id: "CONSULTING-HOUR", name: "Consulting", family: "services", unit: "hour", usd: "250.00"),
        Item(id: "SUPPORT-STD", name: "Standard Support", family: "support", model: "evergreen", usd: "49.00"),
        Item(id: "SUPPORT-PREMIUM", name: "Premium Support", family: "support", model: "evergreen", usd: "149.00"),
        Item(id: "WORKSTATION-BUNDLE", name: "Workstation Bundle", family: "bundles", usd: "2899.00",
             attributes: ["Region"], components: [("LAPTOP-16", 1, 1, 1), ("MONITOR-27", 0, 2, 1), ("DOCK-USB-C", 0, 1, 1),
                                                  ("KEYBOARD", 0, 1, 1), ("MOUSE", 0, 1, 1)]),
        Item(id: "OFFICE-STARTER", name: "Office Starter", family: "bundles", usd: "1599.00",
             components: [("LAPTOP-14", 1, 1, 1), ("OFFICE-SUITE", 1, 1, 1), ("HEADSET", 0, 1, 1)]),
        Item(id: "DATACENTER-STARTER", name: "Datacenter Starter", family: "bundles", usd: "29000.00",
             attributes: ["Region"], components: [("SERVER-2U", 1, 4, 2), ("STORAGE-ARRAY", 1, 2, 1),
                                                  ("SWITCH-48P", 1, 2, 1), ("INSTALL-ONSITE", 1, 1, 1)]),
        Item(id: "SECURITY-BUNDLE", name: "Security Bundle", family: "bundles", usd: "4299.00",
             components: [("FIREWALL", 1, 1, 1), ("SECURITY-SUITE", 1, 500, 10), ("SUPPORT-PREMIUM", 0, 1, 1)]),
        Item(id: "REMOTE-WORK-KIT", name: "Remote Work Kit", family: "bundles", usd: "459.00",
             components: [("WEBCAM-4K", 1, 1, 1), ("HEADSET", 1, 1, 1), ("DOCK-USB-C", 0, 1, 1)]),
        Item(id: "CLOUD-STANDARD", name: "Cloud Platform Standard", family: "software", model: "evergreen"),
        Item(id: "CLOUD-ENTERPRISE", name: "Cloud Platform Enterprise", family: "software", model: "evergreen"),
        Item(id: "TP-PROVISION-LICENSE", name: "Provision license", family: "fulfilment", type: "technical"),
        Item(id: "TP-SHIP-HARDWARE", name: "Ship hardware", family: "fulfilment", type: "technical"),
        Item(id: "TP-CONFIGURE-NETWORK", name: "Configure network", family: "fulfilment", type: "technical"),
    ]

    /// Every demo file as (relative path, text).
    /// Where the definitions go inside the demo directory.
    static let definitionsDirectory = "definitions"
    /// The sample quote inside the demo directory.
    static let sampleQuotePath = "quotes/sample-quote.yaml"
    /// The demo's usage file inside the demo directory.
    static let sampleUsagePath = "usage/october.csv"

    static func files() -> [(String, String)] {
        let definitions = [
            ("catalog/products.yaml", catalog()),
            ("pricing/standard-price-book.yaml", priceBook(id: "standard", name: "Standard", factor: "1",
                                                          currencies: [("USD", "1"), ("EUR", "0.92"), ("GBP", "0.79")])),
            ("pricing/partner-price-book.yaml", priceBook(id: "partner", name: "Partner", factor: "0.9",
                                                         currencies: [("USD", "1")])),
            ("pricing/cost-book.yaml", costBook()),
            ("pricing/exchange-rates.yaml", exchangeRates),
            ("pricing/procedures/standard.yaml", standardProcedure),
            ("pricing/procedures/partner.yaml", partnerProcedure),
            ("pricing/plan.yaml", plan),
            ("accounts/accounts.yaml", accounts),
            ("accounts/contract-prices.yaml", contractPrices),
            ("channels.yaml", channels),
        ] + ratingFiles()
        return [(marker, "This directory was written by `revenue demo` and may be replaced by it.\n"),
                (sampleQuotePath, sampleQuote)]
            + definitions.map { ("\(definitionsDirectory)/\($0.0)", $0.1) }
    }

    static func header(_ kind: String, _ id: String, _ description: String) -> String {
        """
        # \(description)
        kind: \(kind)
        id: \(id)
        version: 1
        effectiveFrom: 2026-01-01

        """
    }

    static func catalog() -> String {
        var text = header("Catalog", "core", "Products, attributes and bundles of the demo company.")
        text += """
            unitsOfMeasure:
              - { id: each, name: Each }
              - { id: seat, name: Seat }
              - { id: TB, name: Terabyte, decimals: 3 }
              - { id: day, name: Day, decimals: 1 }
              - { id: hour, name: Hour, decimals: 2 }
              - { id: call, name: Call }
              - { id: message, name: Message }
              - { id: GB, name: Gigabyte, decimals: 3 }
              - { id: minute, name: Minute }
            families:
              - { id: hardware, name: Hardware }
              - { id: laptops, name: Laptops, parent: hardware }
              - { id: desktops, name: Desktops, parent: hardware }
              - { id: peripherals, name: Peripherals, parent: hardware }
              - { id: servers, name: Servers, parent: hardware }
              - { id: networking, name: Networking, parent: hardware }
              - { id: software, name: Software }
              - { id: services, name: Services }
              - { id: support, name: Support }
              - { id: bundles, name: Bundles }
              - { id: fulfilment, name: Fulfilment }
            products:

            """
        for item in items {
            text += "  - id: \(item.id)\n    name: \"\(item.name.replacingOccurrences(of: "\"", with: "\\\""))\"\n"
            if item.type != "commercial" { text += "    type: \(item.type)\n" }
            text += "    family: \(item.family)\n    unitOfMeasure: \(item.unit)\n    sellingModels: [\(item.model)]\n"
            if !item.attributes.isEmpty {
                text += "    attributes:\n"
                for attribute in item.attributes { text += (attributeBlocks[attribute] ?? "") + "\n" }
            }
            if !item.components.isEmpty {
                text += "    bundle:\n      components:\n"
                for (product, min, max, initial) in item.components {
                    text += "        - { product: \(product), minQuantity: \(min), maxQuantity: \(max), defaultQuantity: \(initial) }\n"
                }
            }
        }
        return text
    }

    static func scaled(_ usd: String, _ factor: String, scale: Int) -> String {
        guard let price = try? ExactDecimal(usd), let multiplier = try? ExactDecimal(factor),
              let result = try? price.multiplied(by: multiplier, scale: scale, rounding: .halfUp)
        else { return usd }
        return result.formatted(minimumFractionDigits: scale)
    }

    static func priceBook(id: String, name: String, factor: String, currencies: [(String, String)]) -> String {
        var text = header("PriceBook", id, "\(name) list prices.")
        text += "name: \(name)\nallowCurrencyConversion: true\nentries:\n"
        for item in items {
            guard let usd = item.usd else { continue }
            for (currency, rate) in currencies {
                let price = scaled(scaled(usd, factor, scale: 2), rate, scale: 2)
                let term = item.model == "termDefined" ? ", pricingTermMonths: 12" : (item.model == "evergreen" ? ", pricingTermMonths: 1" : "")
                text += "  - { product: \(item.id), currency: \(currency), sellingModel: \(item.model), unitPrice: \"\(price)\"\(term) }\n"
            }
        }
        return text
    }

    static func costBook() -> String {
        var text = header("CostBook", "standard-costs", "Unit costs for margin guardrails (USD).")
        text += "entries:\n"
        for item in items {
            guard let usd = item.usd else { continue }
            text += "  - { product: \(item.id), currency: USD, cost: \"\(scaled(usd, "0.62", scale: 2))\" }\n"
        }
        return text
    }

    static let exchangeRates = header("ExchangeRates", "treasury", "Rates for currencies without their own price.") + """
        rates:
          - { from: USD, to: EUR, rate: "0.923456", effectiveFrom: 2026-01-01 }
          - { from: USD, to: GBP, rate: "0.791234", effectiveFrom: 2026-01-01 }
          - { from: USD, to: JPY, rate: "151.2345", effectiveFrom: 2026-01-01 }
          - { from: USD, to: EUR, rate: "0.931200", effectiveFrom: 2026-07-01 }

        """

    static let accounts = header("Accounts", "customers", "Customer accounts and their hierarchy.") + """
        accounts:
          - { id: ACME-GLOBAL, name: Acme Global Holdings, segment: enterprise }
          - { id: ACME, name: Acme Corporation, parent: ACME-GLOBAL, segment: enterprise }
          - { id: ACME-EU, name: Acme Europe GmbH, parent: ACME, segment: enterprise }
          - { id: GLOBEX, name: Globex Inc., segment: midmarket }
          - { id: INITECH, name: Initech LLC, segment: smb }
          - { id: UMBRELLA, name: Umbrella plc, segment: enterprise }

        """

    static let contractPrices = header("ContractPrices", "negotiated", "Negotiated prices for ACME and GLOBEX.") + """
        prices:
          - id: ACME-LAPTOP-16
            account: ACME
            product: LAPTOP-16
            price: "1899.00"
            currency: USD
          - id: ACME-GLOBAL-SOFTWARE
            account: ACME-GLOBAL
            appliesTo: 'family == "software"'
            discountPercent: 8
          - id: GLOBEX-SERVER-2U
            account: GLOBEX
            product: SERVER-2U
            price: "7450.00"
            currency: USD
            effectiveTo: 2027-01-01
          - id: GLOBEX-PREMIUM-SUPPORT
            account: GLOBEX
            product: SUPPORT-PREMIUM
            discountPercent: 15
            suppressAutomaticDiscounts: false

        """

    static let channels = header("Channels", "sales-channels", "Where quotes come from.") + """
        channels:
          - { id: direct, name: Direct sales, defaultPriceBook: standard }
          - { id: partner, name: Partner portal, defaultPriceBook: partner }

        """
}
