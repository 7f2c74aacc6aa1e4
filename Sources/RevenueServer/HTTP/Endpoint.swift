import HTTPTypes
import Crypto
import Foundation
import Hummingbird
import Logging
import NIOCore
import Storage

/// One route of the API: method, path, who may call it, whether it creates something (and so
/// honours `Idempotency-Key`), and the handler.
struct Endpoint: Sendable {
    var method: HTTPRequest.Method
    /// The path under the server root, with `:name` parameters: `/v1/quotes/:id`.
    var path: String
    var permission: Permission
    /// Whether a replay with the same `Idempotency-Key` gets the stored reply.
    var creates: Bool = false
    var handler: @Sendable (Call) async throws -> Reply

    init(_ method: HTTPRequest.Method, _ path: String, _ permission: Permission, creates: Bool = false,
         _ handler: @escaping @Sendable (Call) async throws -> Reply)
    {
        self.method = method
        self.path = path
        self.permission = permission
        self.creates = creates
        self.handler = handler
    }

    /// How long an unfinished idempotency claim holds its key before a retry may take it over
    /// (the server that claimed it died).
    static let staleClaim: TimeInterval = 60

    /// Answers a request: the role check, the body, idempotency, the handler, and every error as
    /// a problem.
    func respond(_ request: Request, _ context: APIContext, _ backend: Backend) async -> Reply {
        let requestId = context.requestId
        do {
            guard let caller = context.caller else {
                throw Problem(.unauthorized, "MissingAPIKey", "this route needs an API key")
            }
            guard permission.admits(caller.role) else {
                throw Problem(.forbidden, "Forbidden",
                              "a key with the role '\(caller.role.rawValue)' cannot call \(method) \(path); roles that can: \(permission.roles.map(\.rawValue).joined(separator: ", "))")
            }
            let body = try await Self.body(of: request, limit: backend.configuration.bodyLimit)
            let call = Call(request: request, context: context, body: body, caller: caller, backend: backend)
            guard creates, let key = request.headers[.idempotencyKey] else { return await run(call) }
            return try await idempotent(call, key: key)
        } catch {
            return Reply.problem(Problem.from(error), requestId: requestId)
        }
    }

    /// The handler, with its errors turned into problems (logged when unexpected).
    private func run(_ call: Call) async -> Reply {
        do {
            return try await handler(call)
        } catch {
            let problem = Problem.from(error)
            if problem.status.code >= 500 {
                call.context.logger.error("request failed", metadata: ["error": "\(error)", "code": "\(problem.code)"])
            }
            return Reply.problem(problem, requestId: call.context.requestId)
        }
    }

    /// Runs the handler once per `Idempotency-Key` (per API key): a replay with the same method,
    /// path and body gets the stored reply; the same key with another request is a 422.
    private func idempotent(_ call: Call, key: String) async throws -> Reply {
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw Problem(.badRequest, "InvalidIdempotencyKey",
                          "the Idempotency-Key header is 1 to 255 visible ASCII characters", pointer: "header:Idempotency-Key")
        }
        var hash = SHA256()
        hash.update(data: Array("\(method.rawValue) \(call.request.uri.description)\n".utf8))
        hash.update(data: call.body)
        let fingerprint = hash.finalize().map { String(format: "%02x", $0) }.joined()
        let store = call.backend.store
        let now = call.backend.now()
        let scope = call.caller.keyId
        switch try await store.claimIdempotencyKey(scope: scope, key: key, fingerprint: fingerprint, at: now,
                                                   staleBefore: now.addingTimeInterval(-Self.staleClaim))
        {
        case .completed(let stored, let response):
            guard stored == fingerprint else { throw Self.reused(key) }
            var reply = Reply(status: HTTPResponse.Status(code: response.status), contentType: response.contentType,
                              body: response.body)
            reply.headers[.idempotentReplayed] = "true"
            return reply
        case .inProgress(let stored):
            guard stored == fingerprint else { throw Self.reused(key) }
            var problem = Problem(.conflict, "IdempotencyKeyInProgress",
                                  "a request with the Idempotency-Key '\(key)' is still running; retry when it has finished",
                                  pointer: "header:Idempotency-Key")
            problem.headers[.retryAfter] = "1"
            throw problem
        case .claimed:
            let reply = await run(call)
            do {
                if reply.status.code >= 500 {
                    try await store.releaseIdempotencyKey(scope: scope, key: key)
                } else {
                    try await store.completeIdempotencyKey(
                        scope: scope, key: key,
                        response: IdempotentResponse(status: Int(reply.status.code), contentType: reply.contentType, body: reply.bodyBytes),
                        at: call.backend.now())
                }
            } catch {
                call.context.logger.error("cannot record the reply of an idempotent request",
                                          metadata: ["error": "\(error)"])
            }
            return reply
        }
    }

    private static func reused(_ key: String) -> Problem {
        Problem(.unprocessableContent, "IdempotencyKeyReused",
                "the Idempotency-Key '\(key)' was used for a different request (method, path or body); use a new key",
                pointer: "header:Idempotency-Key")
    }

    /// The request body, read in full: at most `limit` bytes, and JSON when there is one.
    private static func body(of request: Request, limit: Int) async throws -> [UInt8] {
        guard request.method == .post || request.method == .put || request.method == .patch else { return [] }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw tooLarge(limit)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge(limit)
        }
        guard buffer.readableBytes > 0 else { return [] }
        let type = request.headers[.contentType].map(mediaType)
        guard let type, type == "application/json" || type.hasSuffix("+json") else {
            throw Problem(.unsupportedMediaType, "UnsupportedMediaType",
                          "send the body as application/json (Content-Type was \(type.map { "'\($0)'" } ?? "missing"))",
                          pointer: "header:Content-Type")
        }
        return Array(buffer.readableBytesView)
    }

    /// The media type of a Content-Type value, lowercased, without parameters or spaces:
    /// `Application/JSON; charset=utf-8` is `application/json`.
    private static func mediaType(_ value: String) -> String {
        let type = value.utf8.prefix { $0 != UInt8(ascii: ";") }.drop { $0 == 0x20 || $0 == 0x09 }
        let trimmed = type.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
        return String(decoding: trimmed.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    private static func tooLarge(_ limit: Int) -> Problem {
        Problem(.contentTooLarge, "PayloadTooLarge", "the request body is larger than the limit of \(limit) bytes", pointer: "")
    }
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
    static let requestId = HTTPField.Name("X-Request-Id")!
}
