import Benchmark
import Catalog
import Definitions
import Expressions
import Foundation
import Money

/// Benchmarks for the foundation: exact money, expressions and definitions loading.
/// Run with `cd Benchmarks && swift package benchmark` (release build).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .peakMemoryResident],
                                           maxDuration: .seconds(3), maxIterations: 10_000_000)

    // MARK: Money: a price times a percentage, rounded half-even to the currency.

    Benchmark("Money: price × percentage, round half-even (ExactDecimal)",
              configuration: .init(scalingFactor: .kilo)) { benchmark in
        let price = try ExactDecimal("1234.56")
        let percentage = try ExactDecimal("0.875")
        let scale = Currency.usd.minorUnits
        for _ in benchmark.scaledIterations {
            blackHole(try price.multiplied(by: percentage, scale: scale, rounding: .halfEven))
        }
    }

    Benchmark("Money: price × percentage, round half-even (Foundation.Decimal)",
              configuration: .init(scalingFactor: .kilo)) { benchmark in
        let price = Decimal(string: "1234.56") ?? 0
        let percentage = Decimal(string: "0.875") ?? 0
        for _ in benchmark.scaledIterations {
            var product = price * percentage
            var rounded = Decimal()
            NSDecimalRound(&rounded, &product, 2, .bankers)
            blackHole(rounded)
        }
    }

    // MARK: Expressions

    let schema = ExpressionSchema(fields: ["quantity": .number, "channel": .string],
                                  attributes: ["Region": .string])
    let source = #"quantity >= 10 and attr("Region") == "EU""#

    Benchmark("Expressions: evaluate quantity >= 10 and attr(\"Region\") == \"EU\"",
              configuration: .init(scalingFactor: .kilo)) { benchmark in
        let expression = try Expression.compile(source, schema: schema)
        let context = try schema.makeContext(fields: ["quantity": .number(12), "channel": .string("web")],
                                             attributes: ["Region": .string("EU")])
        for _ in benchmark.scaledIterations {
            blackHole(try expression.evaluateBoolean(context))
        }
    }

    Benchmark("Expressions: compile quantity >= 10 and attr(\"Region\") == \"EU\"") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Expression.compile(source, schema: schema))
        }
    }

    // MARK: Definitions: 10,000 price book entries

    for format in ["json", "yaml"] {
        Benchmark("Definitions: load, validate, compile 10,000 price book entries (\(format))",
                  configuration: .init(maxDuration: .seconds(20), maxIterations: 20)) { benchmark in
            let files = LargeDefinitions.files(entries: 10_000, format: format)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let loaded = DefinitionLoader.load(files: files)
                guard case .success(let snapshot) = CatalogCompiler.compile(loaded) else {
                    fatalError("benchmark definitions do not compile")
                }
                blackHole(snapshot)
            }
        }
    }
}

/// Generates a catalog of 2,500 products and a price book of `entries` entries.
enum LargeDefinitions {
    static func files(entries: Int, format: String) -> [(path: String, bytes: [UInt8]?)] {
        let products = entries / 4
        let currencies = ["USD", "EUR", "GBP", "JPY"]
        if format == "json" {
            var catalog = #"{"kind": "Catalog", "id": "big", "version": 1, "effectiveFrom": "2026-01-01", "unitsOfMeasure": [{"id": "each"}], "products": ["#
            catalog += (0..<products).map { #"{"id": "P\#($0)", "name": "Product \#($0)", "unitOfMeasure": "each"}"# }
                .joined(separator: ",\n")
            catalog += "]}"
            var book = #"{"kind": "PriceBook", "id": "big", "version": 1, "effectiveFrom": "2026-01-01", "entries": ["#
            book += (0..<entries).map { i in
                let currency = currencies[i % 4]
                let price = currency == "JPY" ? "\(1000 + i)" : "\(10 + i % 997).\(i % 100 < 10 ? "0" : "")\(i % 100)"
                return #"{"product": "P\#(i / 4)", "currency": "\#(currency)", "unitPrice": "\#(price)", "cost": "1"}"#
            }.joined(separator: ",\n")
            book += "]}"
            return [("catalog.json", Array(catalog.utf8)), ("book.json", Array(book.utf8))]
        }
        var catalog = "kind: Catalog\nid: big\nversion: 1\neffectiveFrom: 2026-01-01\nunitsOfMeasure:\n  - id: each\nproducts:\n"
        for p in 0..<products { catalog += "  - id: P\(p)\n    name: Product \(p)\n    unitOfMeasure: each\n" }
        var book = "kind: PriceBook\nid: big\nversion: 1\neffectiveFrom: 2026-01-01\nentries:\n"
        for i in 0..<entries {
            let currency = currencies[i % 4]
            let price = currency == "JPY" ? "\(1000 + i)" : "\(10 + i % 997).\(i % 100 < 10 ? "0" : "")\(i % 100)"
            book += "  - product: P\(i / 4)\n    currency: \(currency)\n    unitPrice: \"\(price)\"\n    cost: \"1\"\n"
        }
        return [("catalog.yaml", Array(catalog.utf8)), ("book.yaml", Array(book.utf8))]
    }
}
