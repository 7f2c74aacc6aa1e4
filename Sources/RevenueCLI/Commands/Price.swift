import ArgumentParser
import Definitions
import Foundation
import Money
import Pricing

/// `revenue price`: prices a quote file and prints its waterfall.
struct Price: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Price a quote and explain every line as a price waterfall.",
        discussion: """
            QUOTE is a JSON or YAML quote document (see docs/pricing.md). Lines that cannot be \
            priced get their own error and the others still price; the exit code is then 1.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(name: .long, help: "The definitions directory.")
    var definitions: String

    @Argument(help: "The quote file (.json, .yaml or .yml).")
    var quote: String

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    @Option(name: .customLong("as-of"), help: "Price as of this date (YYYY-MM-DD) instead of the quote's pricingDate.")
    var asOf: String?

    @Option(help: "Show only this line's waterfall (table format).")
    var line: String?

    func run() async throws {
        var date: CivilDate?
        if let asOf {
            do { date = try CivilDate(asOf) } catch {
                throw ValidationError("--as-of: \(error.message)")
            }
        }
        let loaded = try DefinitionsLoading.load(definitions)
        let priced = try QuoteLoading.price(quote, with: loaded, asOf: date)
        if let line, !priced.lines.contains(where: { $0.lineId == line }), priced.error == nil {
            throw ValidationError("--line: the quote has no line '\(line)' (lines: \(priced.lines.map(\.lineId).joined(separator: ", ")))")
        }
        switch format {
        case .table: print(priced.table(lineId: line), terminator: "")
        case .json: print(priced.json(), terminator: "")
        }
        if priced.hasErrors { throw ExitCode(1) }
    }
}

/// Reads and prices a quote file for a command; a malformed file prints every problem and exits 1.
enum QuoteLoading {
    static func price(_ path: String, with definitions: PricingDefinitions, asOf: CivilDate?) throws -> PricedQuote {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read the quote file '\(path)'")
        }
        switch QuoteReader.read(Array(data), path: path) {
        case .success(var quote):
            if let asOf { quote.pricingDate = asOf }
            return PricingEngine(definitions).price(quote)
        case .failure(let failure):
            let rendered = failure.diagnostics.map { failure.file.render($0) }.joined(separator: "\n")
            FileHandle.standardError.write(Data((rendered + "\n\(failure.diagnostics.count) error\(failure.diagnostics.count == 1 ? "" : "s") in the quote.\n").utf8))
            throw ExitCode(1)
        }
    }
}
