import ArgumentParser
import Definitions
import Foundation
import Publishing
import Pricing
import Quoting
import Storage

/// `revenue quotes`: priced quotes kept in a store.
struct QuotesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "Price quotes with published definitions and keep them, with their waterfall, in a store.",
        subcommands: [Create.self, Show.self, List.self, Reprice.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    /// `revenue quotes create QUOTE`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Price a quote document with published definitions and store it as revision 1.",
            discussion: "Exits 1 when a line could not be priced (the quote is stored all the same, with its errors)."
        )

        @Argument(help: "The quote file (.json, .yaml or .yml).")
        var quote: String

        @Option(name: .customLong("definitions-version"), help: "The published version to price with (default: the latest).")
        var version: Int?

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: quote) else {
                throw ValidationError("cannot read the quote file '\(quote)'")
            }
            let book = QuoteBook(store: try await database.open())
            let created = try await QuoteFailure.reporting { () throws(QuoteError) in
                try await book.create(document: Array(data), path: quote, version: version, at: Date())
            }
            let stored = created.stored
            print("Stored quote \(stored.id) revision 1, priced with definitions version \(stored.definitionsVersion): \(stored.lineCount) line\(stored.lineCount == 1 ? "" : "s"), total \(stored.total) \(stored.currency).")
            if created.priced.hasErrors {
                print(created.priced.table(), terminator: "")
                throw ExitCode(1)
            }
        }
    }

    /// `revenue quotes show ID`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a stored quote: its lines, or its whole priced JSON.")

        @Argument(help: "The quote id.")
        var id: String

        @Option(help: "The revision (default: the latest).")
        var revision: Int?

        @Option(help: "Output format: table or json (the priced quote with every waterfall, as stored).")
        var format: Format = .table

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let book = QuoteBook(store: try await database.open())
            let stored = try await QuoteFailure.reporting { () throws(QuoteError) in try await book.revision(id, revision) }
            switch format {
            case .json: print(String(decoding: stored.priced, as: UTF8.self), terminator: "")
            case .table: print(QuoteText.table(stored), terminator: "")
            }
        }
    }

    /// `revenue quotes list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stored quotes in id order, a page at a time.")

        @Option(help: "Start after this quote id (the last id of the previous page).")
        var after: String?

        @Option(help: "At most this many quotes.")
        var limit: Int = 50

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (1...1_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000, not \(limit)") }
        }

        func run() async throws {
            let store = try await database.open()
            let quotes = try await StoreFailure.reporting { () throws(StoreError) in try await store.quotes(after: after, limit: limit) }
            guard !quotes.isEmpty else {
                print(after == nil ? "No quotes are stored yet; store one with revenue quotes create QUOTE." : "No quotes after '\(after ?? "")'.")
                return
            }
            let rows = quotes.map { quote in
                [quote.id, "\(quote.revision)", "\(quote.definitionsVersion)", VersionText.timestamp(quote.pricedAt),
                 "\(quote.lineCount)", "\(quote.total) \(quote.currency)", quote.hasErrors ? "has errors" : ""]
            }
            print(TextTable.render(header: ["quote", "revision", "definitions", "priced (UTC)", "lines", "total", ""], rows: rows),
                  terminator: "")
            if quotes.count == limit, let last = quotes.last { print("More: --after '\(last.id)'") }
        }
    }

    /// `revenue quotes reprice ID`.
    struct Reprice: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Price a stored quote again and show what changed against the stored price.",
            discussion: """
                Prices the latest revision's quote document with the latest published definitions \
                (or --definitions-version) and stores a new revision when anything changed.
                """
        )

        @Argument(help: "The quote id.")
        var id: String

        @Option(name: .customLong("definitions-version"), help: "The published version to price with (default: the latest).")
        var version: Int?

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let book = QuoteBook(store: try await database.open())
            let report = try await QuoteFailure.reporting { () throws(QuoteError) in
                try await book.reprice(id, version: version, at: Date())
            }
            print(QuoteText.reprice(report), terminator: "")
        }
    }
}

/// Printing quote failures: unreadable documents compiler-style, the rest as store errors.
enum QuoteFailure {
    static func reporting<T>(_ body: () async throws(QuoteError) -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            switch error {
            case .unreadable(let failure):
                let rendered = failure.diagnostics.map { failure.file.render($0) }.joined(separator: "\n")
                FileHandle.standardError.write(Data((rendered + "\n\(failure.diagnostics.count) error\(failure.diagnostics.count == 1 ? "" : "s") in the quote; nothing was stored.\n").utf8))
                throw ExitCode(1)
            case .definitions(let failure):
                try DefinitionsFailure.exit(failure)
            case .store(let error):
                StoreFailure.exit(error)
            case .notPriced(let priced, _):
                // The command stores quotes whatever their errors; reached only when asked not to.
                FileHandle.standardError.write(Data("error: the quote could not be priced; nothing was stored\n".utf8))
                print(priced.table(lineId: nil), terminator: "")
                throw ExitCode(1)
            }
        }
    }
}

/// Stored quotes and reprice reports as text.
enum QuoteText {
    static func table(_ quote: StoredQuote) -> String {
        var text = "Quote \(quote.id) revision \(quote.revision), priced \(VersionText.timestamp(quote.pricedAt)) UTC with definitions version \(quote.definitionsVersion)\n\n"
        let root = (try? JSONSerialization.jsonObject(with: Data(quote.priced))) as? [String: Any]
        let lines = root?["lines"] as? [[String: Any]] ?? []
        let rows = lines.map { line in
            ["\(line["lineId"] ?? "")", "\(line["productId"] ?? "")", "\(line["quantity"] ?? "")",
             line["netUnitPrice"] as? String ?? "", line["total"] as? String ?? "",
             ((line["error"] as? [String: Any])?["code"] as? String) ?? ""]
        }
        text += TextTable.render(header: ["line", "product", "quantity", "net unit price", "total", "error"], rows: rows)
        return text + "\nTotal \(quote.total) \(quote.currency)\(quote.hasErrors ? " (some lines failed)" : "")\n"
    }

    static func reprice(_ report: RepriceReport) -> String {
        let target = report.toRevision.map { "revision \($0)" } ?? "no new revision"
        var text = "Quote \(report.quoteId): revision \(report.fromRevision) (definitions version \(report.fromVersion)) → \(target) (definitions version \(report.toVersion))\n"
        if report.isUnchanged { return text + "No change: every line prices as stored.\n" }
        text += "\nTotal: \(report.oldTotal ?? "-") → \(report.newTotal ?? "-")\n"
        for line in report.lines {
            text += "\nLine \(line.lineId) (\(line.productId)): total \(line.oldTotal ?? "-") → \(line.newTotal ?? "-")"
            if line.oldNetUnitPrice != line.newNetUnitPrice {
                text += ", net unit price \(line.oldNetUnitPrice ?? "-") → \(line.newNetUnitPrice ?? "-")"
            }
            text += "\n"
            if line.oldError != line.newError { text += "  error: \(line.oldError ?? "none") → \(line.newError ?? "none")\n" }
            for step in line.steps { text += "  \(step.elementId): \(step.old ?? "skipped") → \(step.new ?? "skipped")\n" }
        }
        return text
    }
}
