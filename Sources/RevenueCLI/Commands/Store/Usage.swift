import ArgumentParser
import Foundation
import Metering
import Money
import Publishing
import Rating
import Storage

/// `revenue usage`: usage records kept in a store.
struct UsageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Ingest usage files into a store, rate a billing period of it, and show what it holds.",
        subcommands: [Ingest.self, Rate.self, Show.self]
    )

    /// `revenue usage ingest FILE...`.
    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check usage files against the published definitions and store their records.",
            discussion: """
                Records are checked as revenue rate checks them and stored in batches of 1,000, each \
                batch all or nothing; a record id stored before is a duplicate (same payload) or a \
                DuplicateRecordConflict (different payload, not stored). A file is recorded by its \
                SHA-256 once all its batches are stored: ingesting the same bytes again does nothing. \
                An ingest that was stopped midway is finished by running it again. Exits 1 when a \
                record was rejected or conflicted (the others are stored).
                """
        )

        @Argument(help: "Usage files (.csv, or .jsonl, .ndjson, .json).")
        var files: [String]

        @Option(name: .customLong("definitions-version"), help: "The published version to check against (default: the latest).")
        var version: Int?

        @Option(help: ArgumentHelp("Who ingests (recorded with each file).", discussion: "Defaults to $REVENUE_AUTHOR, else $USER."))
        var author: String?

        @Flag(name: .customLong("log-batches"), help: "Print a line as each batch is committed.")
        var logBatches = false

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            _ = try AuthorOptions.resolve(author)
        }

        func run() async throws {
            let book = UsageBook(store: try await database.open())
            let author = try AuthorOptions.resolve(author)
            var failed = false
            for path in files {
                let report = try await UsageFailure.reporting { () throws(UsageError) in
                    try await book.ingest(file: path, author: author, at: Date(), version: version) { batch in
                        guard logBatches else { return }
                        print("\(path): batch \(batch.number) (lines \(batch.lines.lowerBound)–\(batch.lines.upperBound)) committed: \(batch.result.inserted) new, \(batch.result.duplicates) duplicates, \(batch.result.conflicts.count) conflicts")
                        // A line is an acknowledgement: it leaves the process as the batch commits.
                        fflush(nil)
                    }
                }
                print(UsageText.report(report, path: path), terminator: "")
                if !report.problems.isEmpty {
                    FileHandle.standardError.write(Data(UsageText.problems(report, path: path).utf8))
                    failed = true
                }
            }
            if failed { throw ExitCode(1) }
        }
    }

    /// `revenue usage rate --period P`.
    struct Rate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rate the usage records stored for a billing period and store the results by record id.",
            discussion: """
                Rates every stored record whose timestamp (in UTC) falls in the period, as revenue rate \
                rates a file: summed per asset, resource and attribute values, each summary rated once \
                with the published definitions, the amount shared out to the records. The results \
                replace the period's earlier ones in one transaction. Rating the same records with \
                the same definitions version again does nothing; a record ingested since, or a new \
                version, rates the whole period again (tiers apply to its totals). Exits 1 when a \
                record was rejected (the results, rejects included, are stored).
                """
        )

        @Option(help: "The billing period: YYYY-MM for a month, YYYY-MM-DD for a day.")
        var period: String

        @Option(name: .customLong("definitions-version"), help: "The published version to rate with (default: the latest).")
        var version: Int?

        @Option(help: ArgumentHelp("Who rates (recorded with the run).", discussion: "Defaults to $REVENUE_AUTHOR, else $USER."))
        var author: String?

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            _ = try AuthorOptions.resolve(author)
            _ = try BillingPeriodOption.parse(period)
        }

        func run() async throws {
            let billingPeriod = try BillingPeriodOption.parse(period)
            let author = try AuthorOptions.resolve(author)
            let book = UsageBook(store: try await database.open())
            let outcome = try await UsageFailure.reporting { () throws(UsageError) in
                try await book.rate(period: billingPeriod, author: author, at: Date(), version: version)
            }
            switch outcome {
            case .noUsage:
                print("No usage records are stored for \(period); nothing to rate.")
            case .ratedBefore(let run):
                print("\(run.period) was rated on \(VersionText.timestamp(run.ratedAt)) UTC by \(run.author) (run \(run.number)) with definitions version \(run.definitionsVersion), over the same \(run.records) records; nothing to do.")
            case .rated(let run):
                print(UsageText.run(run), terminator: "")
                if run.rejected > 0 {
                    FileHandle.standardError.write(Data("\(run.rejected) record\(run.rejected == 1 ? " was" : "s were") rejected: revenue usage show --rated --period \(run.period) lists them with their reasons\n".utf8))
                    throw ExitCode(1)
                }
            }
        }
    }

    /// `revenue usage show`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how many usage records a store holds and which files were ingested, or a page of records.",
            discussion: "With --records, lists records in id order; --after continues from the last id of a page."
        )

        @Flag(help: "List records instead of files.")
        var records = false

        @Flag(help: "List the rated records of --period instead of files.")
        var rated = false

        @Option(help: "With --rated: the billing period (YYYY-MM or YYYY-MM-DD).")
        var period: String?

        @Option(help: "With --records or --rated: start after this record id.")
        var after: String?

        @Option(help: "With --records or --rated: at most this many records.")
        var limit: Int = 50

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be at least 1, found \(limit)") }
            if records, rated { throw ValidationError("--records and --rated list different things: give one") }
            if !records, !rated, after != nil { throw ValidationError("--after pages through records: add --records or --rated") }
            if rated, period == nil { throw ValidationError("--rated lists one billing period: add --period YYYY-MM") }
            if !rated, period != nil { throw ValidationError("--period chooses the rated records to list: add --rated") }
            if let period { _ = try BillingPeriodOption.parse(period) }
        }

        func run() async throws {
            let store = try await database.open()
            if rated, let period {
                let period = try BillingPeriodOption.parse(period).description
                let page = try await StoreFailure.reporting { () throws(StoreError) in
                    try await store.ratedUsage(period: period, after: after, limit: limit)
                }
                if page.isEmpty, after == nil {
                    print("No rated usage is stored for \(period): revenue usage rate --period \(period)")
                    return
                }
                print(UsageText.rated(page), terminator: "")
                if page.count == limit, let last = page.last {
                    print("More after \(last.recordId): revenue usage show --rated --period \(period) --after '\(last.recordId)'")
                }
                return
            }
            if records {
                let page = try await StoreFailure.reporting { () throws(StoreError) in
                    try await store.usageRecords(after: after, limit: limit)
                }
                print(UsageText.records(page), terminator: "")
                if page.count == limit, let last = page.last {
                    print("More after \(last.id): revenue usage show --records --after '\(last.id)'")
                }
                return
            }
            let (count, files, runs) = try await StoreFailure.reporting { () throws(StoreError) in
                (try await store.usageCount(), try await store.usageFiles(), try await store.ratingRuns())
            }
            print("\(count) usage record\(count == 1 ? "" : "s") stored; \(files.count) file\(files.count == 1 ? "" : "s") ingested; \(runs.count) rating run\(runs.count == 1 ? "" : "s").")
            if !files.isEmpty { print("\n" + UsageText.files(files), terminator: "") }
            if !runs.isEmpty { print("\n" + UsageText.runs(runs), terminator: "") }
        }
    }
}

/// Prints usage failures: store failures as every command does, definitions problems with their
/// locations, unreadable files with their path.
enum UsageFailure {
    static func reporting<T>(_ body: () async throws(UsageError) -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            switch error {
            case .unreadable(let failure):
                FileHandle.standardError.write(Data("error: \(failure.message)\n".utf8))
                throw ExitCode(1)
            case .definitions(let failure):
                try DefinitionsFailure.exit(failure)
            case .store(let error):
                StoreFailure.exit(error)
            }
        }
    }
}

/// Usage ingest reports and stored usage as text.
enum UsageText {
    static func report(_ report: UsageBook.Report, path: String) -> String {
        let file = report.file
        if report.ingestedBefore {
            return "\(path): the same bytes were ingested on \(VersionText.timestamp(file.ingestedAt)) UTC by \(file.author) from \(file.path) (\(file.records) records); nothing to do.\n"
        }
        return "\(path): \(file.records) records checked against definitions version \(report.definitionsVersion ?? 0): \(file.inserted) stored, \(file.duplicates) duplicates, \(file.conflicts) conflicts, \(file.rejected) rejected.\n"
    }

    /// The problems of a report, `file:line: field: Code: message`, the first 20 and a count.
    static func problems(_ report: UsageBook.Report, path: String) -> String {
        var text = report.problems.prefix(20).map { problem in
            "\(path):\(problem.line): \(problem.field.isEmpty ? "" : problem.field + ": ")\(problem.code): \(problem.message)\n"
        }.joined()
        let total = report.file.rejected + report.file.conflicts
        if total > 20 { text += "… and \(total - 20) more\n" }
        return text
    }

    static func run(_ run: UsageRatingRun) -> String {
        "\(run.period): \(run.records) records rated with definitions version \(run.definitionsVersion) (run \(run.number)): \(run.rated) rated, \(run.rejected) rejected, \(run.summaries) summaries\(run.totals.isEmpty ? "" : "; " + run.totals).\n"
    }

    static func runs(_ runs: [UsageRatingRun]) -> String {
        TextTable.render(header: ["run", "period", "rated (UTC)", "author", "version", "records", "rated", "rejected", "totals"],
                         rows: runs.map {
                             ["\($0.number)", $0.period, VersionText.timestamp($0.ratedAt), $0.author, "\($0.definitionsVersion)",
                              "\($0.records)", "\($0.rated)", "\($0.rejected)", $0.totals]
                         })
    }

    static func rated(_ records: [RatedUsageRecord]) -> String {
        TextTable.render(header: ["record", "amount", "currency", "rate", "tiers / rejected"],
                         rows: records.map { record in
                             switch record.outcome {
                             case .rated(let amount, let currency, let rate, let tiers):
                                 [record.recordId, amount, currency, rate, tiers]
                             case .rejected(let field, let code, let reason):
                                 [record.recordId, "", "", "", "\(code)\(field.isEmpty ? "" : " (" + field + ")"): \(reason)"]
                             }
                         })
    }

    static func records(_ records: [UsageRecord]) -> String {
        TextTable.render(header: ["record", "asset", "resource", "timestamp", "quantity", "attributes"],
                         rows: records.map { [$0.id, $0.asset, $0.resource, $0.timestamp, $0.quantity, $0.attributes] })
    }

    static func files(_ files: [UsageFile]) -> String {
        TextTable.render(header: ["ingested (UTC)", "author", "records", "stored", "duplicates", "conflicts", "rejected", "sha-256", "file"],
                         rows: files.map {
                             [VersionText.timestamp($0.ingestedAt), $0.author, "\($0.records)", "\($0.inserted)", "\($0.duplicates)",
                              "\($0.conflicts)", "\($0.rejected)", String($0.checksum.prefix(12)), $0.path]
                         })
    }
}

/// `--period` of the usage commands: `YYYY-MM` is a month, `YYYY-MM-DD` a day.
enum BillingPeriodOption {
    static func parse(_ text: String) throws -> BillingPeriod {
        if let period = BillingPeriod(text) { return period }
        throw ValidationError("--period '\(text)' is not a billing period: write YYYY-MM for a month (2026-10) or YYYY-MM-DD for a day")
    }
}
