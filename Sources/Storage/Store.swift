/// A whole store, as the commands and the server use it: every store protocol, plus what opening
/// it did to its schema.
public protocol Store: DefinitionStore, QuoteStore, UsageStore, UsageRatingStore, APIKeyStore, IdempotencyStore {
    /// The store for messages: `sqlite:PATH` or the URL without its password.
    var name: String { get }
    /// The migrations that opening the store applied (empty when it was up to date).
    var migratedAtOpen: [String] { get }
    /// The migrations applied to the store, in order.
    func appliedMigrations() async throws(StoreError) -> [String]
    /// Releases connections and files.
    func close()
}
