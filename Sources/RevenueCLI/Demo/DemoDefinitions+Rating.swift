/// The demo's usage rating: twenty usage resources, base, tier and attribute rate cards for two
/// cloud plans, a negotiated rate and assets for the demo accounts.
extension DemoDefinitions {
    /// A metered resource of the demo and how the generator draws its quantities.
    struct UsageItem {
        let id: String
        let unit: String
        /// The base rate of the Standard plan, USD per unit.
        let rate: String
        let mode: String
        /// Quantities per record: up to this many whole units, or a fraction with `decimals`.
        let maximum: Int
        let decimals: Int
        let regional: Bool
    }

    static let usage: [UsageItem] = [
        UsageItem(id: "api-calls", unit: "call", rate: "0.0004", mode: "graduated", maximum: 500, decimals: 0, regional: true),
        UsageItem(id: "api-writes", unit: "call", rate: "0.001", mode: "volume", maximum: 200, decimals: 0, regional: false),
        UsageItem(id: "functions", unit: "call", rate: "0.000002", mode: "graduated", maximum: 5000, decimals: 0, regional: false),
        UsageItem(id: "events", unit: "call", rate: "0.00001", mode: "volume", maximum: 2000, decimals: 0, regional: false),
        UsageItem(id: "queries", unit: "call", rate: "0.0005", mode: "graduated", maximum: 300, decimals: 0, regional: false),
        UsageItem(id: "messages", unit: "message", rate: "0.0001", mode: "volume", maximum: 1000, decimals: 0, regional: false),
        UsageItem(id: "emails", unit: "message", rate: "0.0008", mode: "graduated", maximum: 100, decimals: 0, regional: false),
        UsageItem(id: "sms", unit: "message", rate: "0.0075", mode: "volume", maximum: 20, decimals: 0, regional: false),
        UsageItem(id: "storage-gb", unit: "GB", rate: "0.023", mode: "graduated", maximum: 50, decimals: 3, regional: false),
        UsageItem(id: "archive-gb", unit: "GB", rate: "0.004", mode: "volume", maximum: 200, decimals: 3, regional: false),
        UsageItem(id: "egress-gb", unit: "GB", rate: "0.09", mode: "graduated", maximum: 20, decimals: 3, regional: true),
        UsageItem(id: "ingress-gb", unit: "GB", rate: "0.01", mode: "volume", maximum: 20, decimals: 3, regional: false),
        UsageItem(id: "logs-gb", unit: "GB", rate: "0.5", mode: "graduated", maximum: 5, decimals: 3, regional: false),
        UsageItem(id: "backups-gb", unit: "GB", rate: "0.05", mode: "volume", maximum: 100, decimals: 3, regional: false),
        UsageItem(id: "compute-hours", unit: "hour", rate: "0.096", mode: "graduated", maximum: 8, decimals: 2, regional: false),
        UsageItem(id: "gpu-hours", unit: "hour", rate: "2.48", mode: "volume", maximum: 4, decimals: 2, regional: false),
        UsageItem(id: "db-hours", unit: "hour", rate: "0.17", mode: "graduated", maximum: 8, decimals: 2, regional: false),
        UsageItem(id: "build-minutes", unit: "minute", rate: "0.008", mode: "volume", maximum: 60, decimals: 0, regional: false),
        UsageItem(id: "ci-minutes", unit: "minute", rate: "0.006", mode: "graduated", maximum: 60, decimals: 0, regional: false),
        UsageItem(id: "seats-active", unit: "each", rate: "4", mode: "volume", maximum: 3, decimals: 0, regional: false),
    ]

    /// The cloud plans usage is rated for.
    static let cloudPlans = ["CLOUD-STANDARD", "CLOUD-ENTERPRISE"]

    /// The demo's assets: one cloud plan per demo account.
    static let demoAssets: [(id: String, account: String, product: String, extra: String)] = [
        ("AS-ACME-1", "ACME", "CLOUD-ENTERPRISE", ", contract: C-ACME-2026"),
        ("AS-ACME-EU-1", "ACME-EU", "CLOUD-STANDARD", ", discountPercent: 5"),
        ("AS-GLOBEX-1", "GLOBEX", "CLOUD-STANDARD", ""),
        ("AS-INITECH-1", "INITECH", "CLOUD-STANDARD", ""),
        ("AS-UMBRELLA-1", "UMBRELLA", "CLOUD-ENTERPRISE", ""),
    ]

    static func ratingFiles() -> [(String, String)] {
        var resources = header("UsageResources", "metered", "What the cloud plans meter.") + "resources:\n"
        for item in usage {
            resources += "  - { id: \(item.id), unitOfMeasure: \(item.unit)\(item.regional ? ", attributes: { region: string }" : "") }\n"
        }
        var base = header("RateCard", "cloud-base", "Base rates per unit, USD.") + "type: base\ncurrency: USD\nstatus: active\nentries:\n"
        var tiers = header("RateCard", "cloud-tiers", "Volume discounts on usage, USD.") + "type: tier\ncurrency: USD\nstatus: active\nentries:\n"
        for plan in cloudPlans {
            for item in usage {
                // Enterprise pays 80 % of Standard, with every resource graduated.
                let rate = plan == "CLOUD-STANDARD" ? item.rate : scaled(item.rate, "0.8", scale: 6)
                base += "  - { product: \(plan), resource: \(item.id), rate: \"\(rate)\"\(item.id == "api-calls" ? ", negotiable: true" : "") }\n"
                let mode = plan == "CLOUD-STANDARD" ? item.mode : "graduated"
                let (first, second) = item.decimals == 0 ? (10_000, 100_000) : (100, 1_000)
                tiers += """
                      - product: \(plan)
                        resource: \(item.id)
                        mode: \(mode)
                        tiers:
                          - { lower: 0, upper: \(first), adjustment: { type: percent, value: 0 } }
                          - { lower: \(first), upper: \(second), adjustment: { type: percent, value: 10 } }
                          - { lower: \(second), adjustment: { type: percent, value: 25 } }

                    """
            }
        }
        let regions = header("RateCard", "cloud-regions", "Regional rates for API calls and egress.") + """
            type: attribute
            currency: USD
            status: active
            entries:
              - { product: CLOUD-STANDARD, resource: api-calls, condition: 'attr("region") == "EU"', adjustment: { type: percent, value: 5 } }
              - { product: CLOUD-STANDARD, resource: egress-gb, condition: 'attr("region") == "APAC"', adjustment: { type: override, value: 0.12 } }

            """
        let negotiated = header("NegotiatedRates", "cloud-negotiated", "Rates agreed in contracts.") + """
            rates:
              - { id: NR-ACME-API, contract: C-ACME-2026, resource: api-calls, currency: USD, rate: 0.00025 }

            """
        var assets = header("Assets", "cloud-assets", "The cloud plans the demo accounts own.") + "assets:\n"
        for asset in demoAssets {
            assets += "  - { id: \(asset.id), account: \(asset.account), product: \(asset.product), currency: USD\(asset.extra) }\n"
        }
        return [("rating/resources.yaml", resources), ("rating/base-rates.yaml", base), ("rating/tiers.yaml", tiers),
                ("rating/regions.yaml", regions), ("rating/negotiated-rates.yaml", negotiated), ("rating/assets.yaml", assets)]
    }
}
