import ArgumentParser
import Foundation
import Metering
import Publishing
import Rating
import Storage

/// `revenue usage`: usage records kept in a store.
struct UsageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Ingest usage files into a store, and show what it holds.",
        subcommands: [Ingest.self, Show.self]
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

    /// `revenue usage show`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how many usage records a store holds and which files were ingested, or a page of records.",
            discussion: "With --records, lists records in id order; --after continues from the last id of a page."
        )

        @Flag(help: "List records instead of files.")
        var records = false

        @Option(help: "With --records: start after this record id.")
        var after: String?

        @Option(help: "With --records: at most this many records.")
        var limit: Int = 50

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be at least 1, found \(limit)") }
            if !records, after != nil { throw ValidationError("--after pages through records: add --records") }
        }

        func run() async throws {
            let store = try await database.open()
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
            let (count, files) = try await StoreFailure.reporting { () throws(StoreError) in
                (try await store.usageCount(), try await store.usageFiles())
            }
            print("\(count) usage record\(count == 1 ? "" : "s") stored; \(files.count) file\(files.count == 1 ? "" : "s") ingested.")
            if !files.isEmpty { print("\n" + UsageText.files(files), terminator: "") }
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
