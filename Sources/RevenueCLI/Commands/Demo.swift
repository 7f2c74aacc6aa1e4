import ArgumentParser
import Foundation
import Pricing

/// `revenue demo`: writes a realistic definitions set, validates it and prices a sample quote.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the demo definitions and a sample quote, validate them, and price the quote.",
        discussion: """
            Writes OUTPUT/definitions (36 products with bundles and attributes, 3 currencies, \
            2 channels, contract prices, pricing procedures and a procedure plan) and \
            OUTPUT/quotes/sample-quote.yaml, then prints the quote's price waterfall.
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
        let definitions = try DefinitionsLoading.load(definitionsPath)
        print(DiagnosticPrinter.summary(definitions, directory: definitionsPath), terminator: "")
        print("\nPricing \(quotePath):\n")
        let priced = try QuoteLoading.price(quotePath, with: definitions, asOf: nil)
        print(priced.table(), terminator: "")
        print("""

            Next: `revenue price --definitions \(definitionsPath) \(quotePath) --format json`, \
            or edit a file under \(definitionsPath)/ and run `revenue validate \(definitionsPath)`.
            """)
    }
}
