public import Foundation
import NIOCore
import PostgresNIO
public import Storage

extension PostgresStore: APIKeyStore {
    public func createAPIKey(_ key: APIKey) async throws(StoreError) {
        try StoredText.check(key)
        try await transaction("storing API key \(key.id)") { connection in
            let inserted = try await connection.query("""
                INSERT INTO api_keys (id, name, role, secret_hash, created_by, created_at_ms, revoked_at_ms)
                VALUES (\(key.id), \(key.name), \(key.role.rawValue), \(ByteBuffer(bytes: key.secretHash)), \(key.createdBy),
                        \(StoredTime.milliseconds(key.createdAt)), \(key.revokedAt.map(StoredTime.milliseconds)))
                ON CONFLICT (id) DO NOTHING RETURNING id
                """, logger: self.logger).collect()
            guard !inserted.isEmpty else { throw StoreError(.conflict, "API key '\(key.id)' exists") }
        }
    }

    public func apiKeys() async throws(StoreError) -> [APIKey] {
        try await transaction("listing API keys") { connection in
            try await Self.keys(connection.query("""
                SELECT \(unescaped: Self.keyColumns) FROM api_keys ORDER BY created_at_ms, id COLLATE "C"
                """, logger: self.logger))
        }
    }

    public func revokeAPIKey(id: String, at date: Date) async throws(StoreError) -> APIKey {
        try StoredText.check(id, "the API key id")
        return try await transaction("revoking API key \(id)") { connection in
            let keys = try await Self.keys(connection.query("""
                UPDATE api_keys SET revoked_at_ms = coalesce(revoked_at_ms, \(StoredTime.milliseconds(date)))
                WHERE id = \(id) RETURNING \(unescaped: Self.keyColumns)
                """, logger: self.logger))
            guard let key = keys.first else { throw StoreError(.notFound, "there is no API key '\(id)'") }
            return key
        }
    }

    private static let keyColumns = "id, name, role, secret_hash, created_by, created_at_ms, revoked_at_ms"

    private static func keys(_ rows: PostgresRowSequence) async throws -> [APIKey] {
        var keys: [APIKey] = []
        for try await row in rows {
            let (id, name, roleText, hash, author, created, revoked) = try row.decode(
                (String, String, String, ByteBuffer, String, Int64, Int64?).self)
            guard let role = APIRole(rawValue: roleText) else {
                throw StoreError(.failed, "API key '\(id)' has the unknown role '\(roleText)'")
            }
            keys.append(APIKey(id: id, name: name, role: role, secretHash: Array(hash.readableBytesView), createdBy: author,
                               createdAt: StoredTime.date(milliseconds: created),
                               revokedAt: revoked.map(StoredTime.date(milliseconds:))))
        }
        return keys
    }
}

extension PostgresStore: IdempotencyStore {
    public func claimIdempotencyKey(scope: String, key: String, fingerprint: String, at date: Date, staleBefore: Date)
        async throws(StoreError) -> IdempotencyClaim
    {
        try StoredText.check(idempotencyScope: scope, key: key)
        let (now, stale) = (StoredTime.milliseconds(date), StoredTime.milliseconds(staleBefore))
        return try await transaction("claiming idempotency key \(key)") { connection in
            // Insert, or take over a stale unfinished claim; either way the row is ours when it comes back.
            let claimed = try await connection.query("""
                INSERT INTO idempotency_keys (scope, key, fingerprint, claimed_at_ms) VALUES (\(scope), \(key), \(fingerprint), \(now))
                ON CONFLICT (scope, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, claimed_at_ms = EXCLUDED.claimed_at_ms
                WHERE idempotency_keys.status IS NULL AND idempotency_keys.claimed_at_ms < \(stale)
                RETURNING 1
                """, logger: self.logger).collect()
            if !claimed.isEmpty { return .claimed }
            let rows = try await connection.query("""
                SELECT fingerprint, status, content_type, body FROM idempotency_keys WHERE scope = \(scope) AND key = \(key)
                """, logger: self.logger).collect()
            guard let row = rows.first else {
                throw StoreError(.conflict, "idempotency key '\(key)' was released while it was being claimed; retry")
            }
            let (stored, status, contentType, body) = try row.decode((String, Int?, String?, ByteBuffer?).self)
            guard let status else { return .inProgress(fingerprint: stored) }
            return .completed(fingerprint: stored, IdempotentResponse(
                status: status, contentType: contentType ?? "", body: body.map { Array($0.readableBytesView) } ?? []))
        }
    }

    public func completeIdempotencyKey(scope: String, key: String, response: IdempotentResponse, at date: Date)
        async throws(StoreError)
    {
        try StoredText.check(idempotencyScope: scope, key: key)
        try StoredText.check(response.contentType, "the response content type")
        try await transaction("storing the response of idempotency key \(key)") { connection in
            let updated = try await connection.query("""
                UPDATE idempotency_keys SET status = \(response.status), content_type = \(response.contentType),
                    body = \(ByteBuffer(bytes: response.body)), claimed_at_ms = \(StoredTime.milliseconds(date))
                WHERE scope = \(scope) AND key = \(key) RETURNING 1
                """, logger: self.logger).collect()
            guard !updated.isEmpty else { throw StoreError(.notFound, "idempotency key '\(key)' is not claimed") }
        }
    }

    public func releaseIdempotencyKey(scope: String, key: String) async throws(StoreError) {
        try StoredText.check(idempotencyScope: scope, key: key)
        try await transaction("releasing idempotency key \(key)") { connection in
            _ = try await connection.query("""
                DELETE FROM idempotency_keys WHERE scope = \(scope) AND key = \(key) AND status IS NULL
                """, logger: self.logger)
        }
    }

    public func purgeIdempotencyKeys(before date: Date) async throws(StoreError) -> Int {
        try await transaction("purging idempotency keys") { connection in
            try await connection.query("""
                DELETE FROM idempotency_keys WHERE claimed_at_ms < \(StoredTime.milliseconds(date)) RETURNING 1
                """, logger: self.logger).collect().count
        }
    }
}
