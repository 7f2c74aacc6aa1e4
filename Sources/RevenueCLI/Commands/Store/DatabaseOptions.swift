import ArgumentParser
import Foundation
import Publishing
import Storage
import StoragePostgres
import StorageSQLite

/// `--database`: where the store lives, for every command that uses one.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The store: sqlite:PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DB.",
        discussion: "Defaults to $REVENUE_DATABASE, else sqlite:revenue.sqlite in the working directory."))
    var database: String?

    func validate() throws {
        _ = try location()
    }

    /// The location named by `--database`, `REVENUE_DATABASE`, or the default.
    func location() throws -> DatabaseLocation {
        guard let text = database ?? ProcessInfo.processInfo.environment["REVENUE_DATABASE"] else {
            return .defaultLocation
        }
        do {
            return try DatabaseLocation(parsing: text)
        } catch {
            throw ValidationError("--database: \(error.message)")
        }
    }

    /// Opens the store, bringing its schema up to date; a failure is printed and exits 1.
    func open() async throws -> any Store {
        let location = try location()
        return try await StoreFailure.reporting { () throws(StoreError) -> any Store in
            switch location {
            case .sqlite(let path): try await SQLiteStore.open(path: path)
            case .postgres(let url): try await PostgresStore.open(url: url)
            }
        }
    }
}

/// Prints store failures the same way for every command: `error: Code: message`, exit 1.
enum StoreFailure {
    static func reporting<T>(_ body: () async throws(StoreError) -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            exit(error)
        }
    }

    static func exit(_ error: StoreError) -> Never {
        FileHandle.standardError.write(Data("error: \(error.code.rawValue): \(error.message)\n".utf8))
        Foundation.exit(1)
    }
}

/// Definitions that cannot be published or used: their problems with file, line and column (and
/// `then`, a closing line), or the store's failure; exits 1.
enum DefinitionsFailure {
    static func exit(_ failure: PublishError, then closing: String? = nil) throws -> Never {
        switch failure {
        case .invalid(let failure):
            let text = DiagnosticPrinter.render(failure) + "\n" + (closing.map { $0 + "\n" } ?? "")
            FileHandle.standardError.write(Data(text.utf8))
            throw ExitCode(1)
        case .store(let error):
            StoreFailure.exit(error)
        }
    }
}

/// `--author`: who publishes, defaulting to `REVENUE_AUTHOR` or the login name.
struct AuthorOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Who publishes (recorded with the version).",
                               discussion: "Defaults to $REVENUE_AUTHOR, else $USER."))
    var author: String?

    @Option(help: "Why (recorded with the version).")
    var comment: String = ""

    func validate() throws {
        _ = try resolvedAuthor()
    }

    func resolvedAuthor() throws -> String {
        try Self.resolve(author)
    }

    /// `author`, else `REVENUE_AUTHOR`, else the login name.
    static func resolve(_ author: String?) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        guard let author = author ?? environment["REVENUE_AUTHOR"] ?? environment["USER"], !author.isEmpty else {
            throw ValidationError("name who acts with --author (or set REVENUE_AUTHOR)")
        }
        return author
    }
}
