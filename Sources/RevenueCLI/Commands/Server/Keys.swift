import ArgumentParser
import Foundation
import RevenueServer
import Storage

/// `revenue keys`: API keys for `revenue serve`.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke the API keys of the HTTP API.",
        discussion: """
            A key is shown once, when it is created; the store keeps only its SHA-256. Each key has \
            one role: admin, analyst, integrator, operator or viewer (see docs/api.md for what each \
            may call). A running server sees new and revoked keys within a second.
            """,
        subcommands: [Create.self, List.self, Revoke.self]
    )

    /// `revenue keys create`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key and print it (once).")

        @Option(help: "The role: \(APIRole.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: String

        @Option(help: "What the key is for (shown in lists).")
        var name: String

        @Option(help: ArgumentHelp("Who creates it (recorded).", discussion: "Defaults to $REVENUE_AUTHOR, else $USER."))
        var author: String?

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard APIRole(rawValue: role) != nil else {
                throw ValidationError("--role is one of \(APIRole.allCases.map(\.rawValue).joined(separator: ", ")), not '\(role)'")
            }
            guard !name.isEmpty else { throw ValidationError("--name says what the key is for; it cannot be empty") }
        }

        func run() async throws {
            let author = try AuthorOptions.resolve(author)
            let role = APIRole(rawValue: role) ?? .viewer
            let store = try await database.open()
            let (key, token) = APIKeyToken.issue(name: name, role: role, createdBy: author, at: Date())
            try await StoreFailure.reporting { () throws(StoreError) in try await store.createAPIKey(key) }
            print("Created \(key.role.rawValue) key \(key.id) (\(key.name)). It is shown only now; keep it safe:\n\n\(token)")
        }
    }

    /// `revenue keys list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys: id, role, name, who created them and when, and whether revoked.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let store = try await database.open()
            let keys = try await StoreFailure.reporting { () throws(StoreError) in try await store.apiKeys() }
            guard !keys.isEmpty else {
                print("No API keys; create one with revenue keys create --role admin --name NAME.")
                return
            }
            print(TextTable.render(header: ["id", "role", "name", "created by", "created", "revoked"], rows: keys.map { key in
                [key.id, key.role.rawValue, key.name, key.createdBy, VersionText.timestamp(key.createdAt),
                 key.revokedAt.map { VersionText.timestamp($0) } ?? ""]
            }), terminator: "")
        }
    }

    /// `revenue keys revoke ID`.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key: requests with it get 401 from then on.")

        @Argument(help: "The key's id (rk_…), as revenue keys list shows it.")
        var id: String

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let store = try await database.open()
            let key = try await StoreFailure.reporting { () throws(StoreError) in try await store.revokeAPIKey(id: id, at: Date()) }
            print("Revoked \(key.role.rawValue) key \(key.id) (\(key.name)) at \(VersionText.timestamp(key.revokedAt ?? Date())) UTC.")
        }
    }
}
