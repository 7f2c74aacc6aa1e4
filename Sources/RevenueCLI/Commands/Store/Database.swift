import ArgumentParser
import Storage
import StorageSQLite

/// `revenue db`: the store itself.
struct Database: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the store.",
        subcommands: [Migrate.self]
    )

    /// `revenue db migrate`: brings the schema up to date.
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the store or bring its schema up to date.",
            discussion: """
                Applies the schema migrations the store lacks, each in its own transaction, and \
                prints them. Every other command does the same when it opens the store; run this \
                one to do it as a deployment step. A store written by a newer revenue is refused.
                """
        )

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let store = try await database.open()
            let applied = try await StoreFailure.reporting { () throws(StoreError) in try await store.appliedMigrations() }
            if store.migratedAtOpen.isEmpty {
                print("\(store.name): already up to date (\(applied.joined(separator: ", "))).")
            } else {
                print("\(store.name): applied \(store.migratedAtOpen.joined(separator: ", ")).")
            }
            store.close()
        }
    }
}
