public import Foundation
import GRDB
public import Storage

extension SQLiteStore: APIKeyStore {
    public func createAPIKey(_ key: APIKey) async throws(StoreError) {
        try StoredText.check(key)
        try await write("storing API key \(key.id)") { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM api_keys WHERE id = ?", arguments: [key.id]) != nil {
                throw StoreError(.conflict, "API key '\(key.id)' exists")
            }
            try db.execute(sql: """
                INSERT INTO api_keys (id, name, role, secret_hash, created_by, created_at_ms, revoked_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [key.id, key.name, key.role.rawValue, Data(key.secretHash), key.createdBy,
                                 StoredTime.milliseconds(key.createdAt), key.revokedAt.map(StoredTime.milliseconds)])
        }
    }

    public func apiKeys() async throws(StoreError) -> [APIKey] {
        try await read("listing API keys") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_keys ORDER BY created_at_ms, id").map(Self.key)
        }
    }

    public func revokeAPIKey(id: String, at date: Date) async throws(StoreError) -> APIKey {
        try StoredText.check(id, "the API key id")
        return try await write("revoking API key \(id)") { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at_ms = coalesce(revoked_at_ms, ?) WHERE id = ?",
                           arguments: [StoredTime.milliseconds(date), id])
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE id = ?", arguments: [id]) else {
                throw StoreError(.notFound, "there is no API key '\(id)'")
            }
            return try Self.key(row)
        }
    }

    private static func key(_ row: Row) throws -> APIKey {
        let id: String = row["id"]
        let roleText: String = row["role"]
        guard let role = APIRole(rawValue: roleText) else {
            throw StoreError(.failed, "API key '\(id)' has the unknown role '\(roleText)'")
        }
        let revoked: Int64? = row["revoked_at_ms"]
        return APIKey(id: id, name: row["name"], role: role, secretHash: Array(row["secret_hash"] as Data),
                      createdBy: row["created_by"], createdAt: StoredTime.date(milliseconds: row["created_at_ms"]),
                      revokedAt: revoked.map(StoredTime.date(milliseconds:)))
    }
}

extension SQLiteStore: IdempotencyStore {
    public func claimIdempotencyKey(scope: String, key: String, fingerprint: String, at date: Date, staleBefore: Date)
        async throws(StoreError) -> IdempotencyClaim
    {
        try StoredText.check(idempotencyScope: scope, key: key)
        return try await write("claiming idempotency key \(key)") { db in
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM idempotency_keys WHERE scope = ? AND key = ?",
                                          arguments: [scope, key])
            {
                let stored: String = row["fingerprint"]
                if let status: Int = row["status"] {
                    return .completed(fingerprint: stored, IdempotentResponse(
                        status: status, contentType: row["content_type"], body: Array(row["body"] as Data)))
                }
                let claimedAt: Int64 = row["claimed_at_ms"]
                guard claimedAt < StoredTime.milliseconds(staleBefore) else { return .inProgress(fingerprint: stored) }
                try db.execute(sql: "DELETE FROM idempotency_keys WHERE scope = ? AND key = ?", arguments: [scope, key])
            }
            try db.execute(sql: "INSERT INTO idempotency_keys (scope, key, fingerprint, claimed_at_ms) VALUES (?, ?, ?, ?)",
                           arguments: [scope, key, fingerprint, StoredTime.milliseconds(date)])
            return .claimed
        }
    }

    public func completeIdempotencyKey(scope: String, key: String, response: IdempotentResponse, at date: Date)
        async throws(StoreError)
    {
        try StoredText.check(idempotencyScope: scope, key: key)
        try StoredText.check(response.contentType, "the response content type")
        try await write("storing the response of idempotency key \(key)") { db in
            try db.execute(sql: """
                UPDATE idempotency_keys SET status = ?, content_type = ?, body = ?, claimed_at_ms = ? WHERE scope = ? AND key = ?
                """, arguments: [response.status, response.contentType, Data(response.body), StoredTime.milliseconds(date),
                                 scope, key])
            guard db.changesCount == 1 else { throw StoreError(.notFound, "idempotency key '\(key)' is not claimed") }
        }
    }

    public func releaseIdempotencyKey(scope: String, key: String) async throws(StoreError) {
        try StoredText.check(idempotencyScope: scope, key: key)
        try await write("releasing idempotency key \(key)") { db in
            try db.execute(sql: "DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND status IS NULL",
                           arguments: [scope, key])
        }
    }

    public func purgeIdempotencyKeys(before date: Date) async throws(StoreError) -> Int {
        try await write("purging idempotency keys") { db in
            try db.execute(sql: "DELETE FROM idempotency_keys WHERE claimed_at_ms < ?", arguments: [StoredTime.milliseconds(date)])
            return db.changesCount
        }
    }
}
