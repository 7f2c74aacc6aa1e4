public import Foundation

/// What an API key may do. Each route names the roles it admits (`docs/api.md`).
public enum APIRole: String, Sendable, Hashable, CaseIterable {
    /// Everything, keys and definitions included.
    case admin
    /// Reads everything; uploads, validates and diffs definitions; prices.
    case analyst
    /// What a CRM, shop or portal calls: prices, creates and reprices quotes, ingests usage.
    case integrator
    /// Runs usage rating and reads what it produced.
    case `operator`
    /// Reads.
    case viewer
}

/// An API key as stored: its public id, its role, and the SHA-256 of its secret. The secret
/// itself is shown once, when the key is created, and never stored.
public struct APIKey: Sendable, Hashable {
    /// The public part of the key (`rk_…`), shown in lists and logs.
    public var id: String
    /// What the key is for, in words.
    public var name: String
    public var role: APIRole
    /// SHA-256 of the secret, 32 bytes.
    public var secretHash: [UInt8]
    /// Who created it.
    public var createdBy: String
    public var createdAt: Date
    /// When it was revoked; a revoked key is refused.
    public var revokedAt: Date?

    /// Creates a key record.
    public init(id: String, name: String, role: APIRole, secretHash: [UInt8], createdBy: String, createdAt: Date,
                revokedAt: Date? = nil)
    {
        self.id = id
        self.name = name
        self.role = role
        self.secretHash = secretHash
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// Where API keys live.
public protocol APIKeyStore: Sendable {
    /// Stores a new key; `Conflict` when a key with its id exists.
    func createAPIKey(_ key: APIKey) async throws(StoreError)
    /// Every key, revoked ones included, oldest first.
    func apiKeys() async throws(StoreError) -> [APIKey]
    /// Marks a key revoked and returns it; a key revoked already keeps its first revocation
    /// time. `NotFound` for an unknown id.
    func revokeAPIKey(id: String, at date: Date) async throws(StoreError) -> APIKey
}

extension StoredText {
    /// Checks what a key records.
    public static func check(_ key: APIKey) throws(StoreError) {
        guard !key.id.isEmpty else { throw StoreError(.invalidInput, "an API key id is empty") }
        try check(key.id, "the API key id")
        try check(key.name, "the API key name")
        try check(key.createdBy, "the API key's author")
        guard key.secretHash.count == 32 else { throw StoreError(.invalidInput, "an API key's secret hash is 32 bytes") }
    }
}
