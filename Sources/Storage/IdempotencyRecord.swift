public import Foundation

/// The response a creating request produced, kept under its `Idempotency-Key` so that a
/// replay of the request gets the same response without doing the work again.
public struct IdempotentResponse: Sendable, Hashable {
    /// The HTTP status.
    public var status: Int
    /// The response's content type.
    public var contentType: String
    /// The response body.
    public var body: [UInt8]

    /// Creates a response record.
    public init(status: Int, contentType: String, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

/// What claiming an idempotency key found.
public enum IdempotencyClaim: Sendable, Hashable {
    /// The key was free (or its earlier claim had gone stale): the caller does the work, then
    /// completes or releases the key.
    case claimed
    /// Another request with this key is still running; `fingerprint` is that request's.
    case inProgress(fingerprint: String)
    /// A request with this key finished: its fingerprint and its response.
    case completed(fingerprint: String, IdempotentResponse)
}

/// Where idempotency keys and the responses they stand for are kept. A key is scoped by the
/// caller (`scope`, the API key id), so two clients never see each other's responses.
public protocol IdempotencyStore: Sendable {
    /// Claims `key` for a request whose method, path and body hash to `fingerprint`. A claim
    /// that was never completed and is older than `staleBefore` (its process died) is taken over.
    func claimIdempotencyKey(scope: String, key: String, fingerprint: String, at date: Date, staleBefore: Date)
        async throws(StoreError) -> IdempotencyClaim
    /// Stores the response of a claimed key.
    func completeIdempotencyKey(scope: String, key: String, response: IdempotentResponse, at date: Date)
        async throws(StoreError)
    /// Gives a claimed key up (the request failed in a way a retry may fix).
    func releaseIdempotencyKey(scope: String, key: String) async throws(StoreError)
    /// Forgets keys claimed before `date`; returns how many.
    func purgeIdempotencyKeys(before date: Date) async throws(StoreError) -> Int
}

extension StoredText {
    /// Checks an idempotency key and its scope.
    public static func check(idempotencyScope scope: String, key: String) throws(StoreError) {
        guard !key.isEmpty else { throw StoreError(.invalidInput, "an idempotency key is empty") }
        try check(scope, "the idempotency scope")
        try check(key, "the idempotency key")
    }
}
