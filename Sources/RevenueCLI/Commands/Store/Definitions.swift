import ArgumentParser
import Catalog
import Definitions
import Foundation
import Publishing
import Storage
import StorageSQLite

/// `revenue definitions`: the published history of the definitions in a store.
struct DefinitionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "definitions",
        abstract: "Publish, list, compare and roll back versions of the definitions in a store.",
        subcommands: [Publish.self, List.self, Diff.self, Rollback.self, Export.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    /// `revenue definitions publish DIR`.
    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a definitions directory and publish it as the next version.",
            discussion: """
                The directory's files become the store's workspace, are compiled like \
                revenue validate does, and are recorded as an immutable version with the author, \
                the time and the comment. Nothing is published when any file has an error. \
                Publishing the files of the latest version again records nothing. With \
                --based-on N, the publish fails with a conflict unless N is the latest version.
                """
        )

        @Argument(help: "The definitions directory.")
        var directory: String

        @OptionGroup var author: AuthorOptions

        @Option(name: .customLong("based-on"), help: "The version these files were prepared from.")
        var basedOn: Int?

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            var files: [DefinitionFile] = []
            do {
                for (path, bytes) in try DefinitionLoader.files(in: directory) {
                    guard let bytes else {
                        FileHandle.standardError.write(Data("error: \(directory)/\(path): cannot be read\n".utf8))
                        throw ExitCode(1)
                    }
                    files.append(DefinitionFile(path: path, bytes: bytes))
                }
            } catch let error as DefinitionLoader.LoadError {
                FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
                throw ExitCode(1)
            }
            let who = try author.resolvedAuthor()
            let lifecycle = DefinitionsLifecycle(store: try await database.open())
            let outcome = try await Outcomes.reporting { () throws(PublishError) in
                try await lifecycle.publish(files, author: who, comment: author.comment, at: Date(), basedOn: basedOn)
            }
            Outcomes.print(outcome, files: files.count)
        }
    }

    /// `revenue definitions rollback N`.
    struct Rollback: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish an earlier version's files again, as the next version."
        )

        @Argument(help: "The version to restore.")
        var version: Int

        @OptionGroup var author: AuthorOptions

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let who = try author.resolvedAuthor()
            let lifecycle = DefinitionsLifecycle(store: try await database.open())
            let comment = author.comment.isEmpty ? "rollback to version \(version)" : author.comment
            let outcome = try await Outcomes.reporting { () throws(PublishError) in
                try await lifecycle.rollback(to: version, author: who, comment: comment, at: Date())
            }
            Outcomes.print(outcome, files: outcome.version.fileCount)
        }
    }

    /// `revenue definitions list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the published versions, newest first.")

        @Option(help: "Output format: table or json.")
        var format: Format = .table

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let store = try await database.open()
            let versions = try await StoreFailure.reporting { () throws(StoreError) in try await store.versions() }
            switch format {
            case .json: Swift.print(VersionText.json(versions))
            case .table: Swift.print(VersionText.table(versions), terminator: "")
            }
        }
    }

    /// `revenue definitions diff FROM [TO]`.
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what changed between two versions: documents, products, prices, elements, rules, rate cards.",
            discussion: """
                FROM and TO are version numbers, latest, or workspace (the drafts of the last \
                publish). TO defaults to latest. List items are matched by their key (a \
                product's id, a price's product and currency, an element's id), so moving or \
                reordering them is no change.
                """
        )

        @Argument(help: "The older side: a version number, latest or workspace.")
        var from: String

        @Argument(help: "The newer side (default: latest).")
        var to: String = "latest"

        @Option(help: "Output format: table or json.")
        var format: Format = .table

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            for (name, value) in [("FROM", from), ("TO", to)] where DefinitionsLifecycle.Selection(value) == nil {
                throw ValidationError("\(name) must be a version number, latest or workspace, not '\(value)'")
            }
        }

        func run() async throws {
            guard let old = DefinitionsLifecycle.Selection(from), let new = DefinitionsLifecycle.Selection(to) else {
                throw ExitCode(1)
            }
            let lifecycle = DefinitionsLifecycle(store: try await database.open())
            let changes = try await StoreFailure.reporting { () throws(StoreError) in
                try await lifecycle.diff(from: old, to: new)
            }
            switch format {
            case .json: Swift.print(ChangeText.json(changes))
            case .table: Swift.print(ChangeText.table(changes, from: old, to: new), terminator: "")
            }
        }
    }

    /// `revenue definitions export N --output DIR`.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a version's files (or the workspace's) into a directory, as they were published."
        )

        @Argument(help: "A version number, latest or workspace.")
        var version: String

        @Option(name: .shortAndLong, help: "The directory to write (created; must be empty if it exists).")
        var output: String

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if DefinitionsLifecycle.Selection(version) == nil {
                throw ValidationError("VERSION must be a version number, latest or workspace, not '\(version)'")
            }
        }

        func run() async throws {
            guard let selection = DefinitionsLifecycle.Selection(version) else { throw ExitCode(1) }
            let lifecycle = DefinitionsLifecycle(store: try await database.open())
            let files = try await StoreFailure.reporting { () throws(StoreError) in try await lifecycle.files(selection) }
            let manager = FileManager.default
            if let existing = try? manager.contentsOfDirectory(atPath: output), !existing.isEmpty {
                throw ValidationError("--output: \(output) is not empty")
            }
            let root = URL(fileURLWithPath: output)
            for file in files {
                let url = root.appendingPathComponent(file.path)
                guard url.standardizedFileURL.path.hasPrefix(root.standardizedFileURL.path + "/") else {
                    throw ValidationError("\(file.path) would be written outside \(output)")
                }
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url)
            }
            Swift.print("Wrote \(files.count) file\(files.count == 1 ? "" : "s") of \(selection) to \(output).")
        }
    }
}

/// Printing what a publish or a rollback did, and its failures.
enum Outcomes {
    static func reporting(_ body: () async throws(PublishError) -> DefinitionsLifecycle.Outcome) async throws
        -> DefinitionsLifecycle.Outcome
    {
        do {
            return try await body()
        } catch {
            try DefinitionsFailure.exit(error, then: "Nothing was published.")
        }
    }

    static func print(_ outcome: DefinitionsLifecycle.Outcome, files: Int) {
        switch outcome {
        case .published(let version):
            let restores = version.restores.map { " (restoring version \($0))" } ?? ""
            Swift.print("Published version \(version.number)\(restores): \(files) file\(files == 1 ? "" : "s"), by \(version.author), checksum \(version.checksum.prefix(12)).")
        case .unchanged(let version):
            Swift.print("Unchanged: the files are those of version \(version.number); nothing was published.")
        }
    }
}
