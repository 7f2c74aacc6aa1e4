import ArgumentParser
import Foundation
import Money
import Pricing
import Rating

/// `revenue demo`: writes a realistic definitions set, validates it and prices a sample quote.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the demo definitions, a sample quote and a month of usage; price the quote and rate the usage.",
        discussion: """
            Writes OUTPUT/definitions (38 products with bundles and attributes, 3 currencies, \
            2 channels, contract prices, pricing procedures and a procedure plan, 20 usage \
            resources with base, tier and attribute rate cards), OUTPUT/quotes/sample-quote.yaml \
            and OUTPUT/usage/october.csv, then prints the quote's price waterfall and rates a \
            month of usage into OUTPUT/rated/.
            """
    )

    @Option(name: .shortAndLong, help: "The directory to write.")
    var output = "revenue-demo"

    @Flag(help: "Replace the output directory if it exists.")
    var force = false

    func run() async throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: output) {
            guard force || DemoDefinitions.isDemoDirectory(output) else {
                throw ValidationError("\(output) exists and is not a demo directory; choose another --output or pass --force")
            }
            try manager.removeItem(atPath: output)
        }
        for (path, text) in DemoDefinitions.files() {
            let url = URL(fileURLWithPath: output).appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let definitionsPath = "\(output)/\(DemoDefinitions.definitionsDirectory)"
        let quotePath = "\(output)/\(DemoDefinitions.sampleQuotePath)"
        print("Wrote the demo definitions to \(definitionsPath)/ and a sample quote to \(quotePath).")
        let (definitions, rating) = try DefinitionsLoading.loadAll(definitionsPath)
        print(DiagnosticPrinter.summary(definitions, rating: rating, directory: definitionsPath), terminator: "")
        print("\nPricing \(quotePath):\n")
        let priced = try QuoteLoading.price(quotePath, with: definitions, asOf: nil)
        print(priced.table(), terminator: "")

        // A month of usage for the demo accounts' cloud plans, rated.
        let usagePath = "\(output)/\(DemoDefinitions.sampleUsagePath)"
        try UsageGenerator(assets: DemoDefinitions.demoAssets.map(\.id), month: try CivilDate("2026-10-01"), seed: 2026)
            .write(records: 5_000, format: .csv, to: usagePath)
        let ratedPath = "\(output)/rated"
        print("\nRating \(usagePath) (a month of usage for the demo accounts):\n")
        let report = try Rate.rate([usagePath], rating: rating, options: BulkRatingOptions(), out: ratedPath)
        print(Rate.describe(report))
        let summary = try String(contentsOfFile: "\(ratedPath)/summary.csv", encoding: .utf8).split(separator: "\n")
        print("\nSummary, the first \(min(12, summary.count - 1)) of \(summary.count - 1) lines (\(ratedPath)/summary.csv):\n")
        print(summary.prefix(13).joined(separator: "\n"))
        print("""

            Next: `revenue price --definitions \(definitionsPath) \(quotePath) --format json`, \
            `revenue rate --definitions \(definitionsPath) \(usagePath) --out \(ratedPath)`, \
            or edit a file under \(definitionsPath)/ and run `revenue validate \(definitionsPath)`.
            """)
    }
}
