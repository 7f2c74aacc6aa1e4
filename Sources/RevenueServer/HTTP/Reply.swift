import HTTPTypes
import Definitions
import Hummingbird
import NIOCore

/// What a route answers, kept as bytes so that the reply to an idempotent request can be
/// stored and replayed exactly.
struct Reply: Sendable {
    var status: HTTPResponse.Status
    var contentType: String
    var body: ByteBuffer
    var headers: HTTPFields = [:]

    static let jsonType = "application/json"
    static let problemType = "application/problem+json"

    /// A reply of `body`.
    init(status: HTTPResponse.Status, contentType: String, body: [UInt8], headers: HTTPFields = [:]) {
        self.init(status: status, contentType: contentType, buffer: ByteBuffer(bytes: body), headers: headers)
    }

    /// A reply of bytes already in a buffer.
    init(status: HTTPResponse.Status, contentType: String, buffer: ByteBuffer, headers: HTTPFields = [:]) {
        self.status = status
        self.contentType = contentType
        body = buffer
        self.headers = headers
    }

    /// A JSON reply written by `write`, copied once into the response buffer.
    static func json(_ status: HTTPResponse.Status = .ok, capacity: Int = 0, _ write: (JSONWriter) -> Void) -> Reply {
        let out = JSONWriter(capacity: capacity)
        write(out)
        return Reply(status: status, contentType: jsonType, buffer: out.output.withBytes { ByteBuffer(bytes: $0) })
    }

    /// A JSON reply of bytes written elsewhere (a priced quote).
    static func json(_ status: HTTPResponse.Status = .ok, bytes: [UInt8]) -> Reply {
        Reply(status: status, contentType: jsonType, body: bytes)
    }

    /// A problem reply.
    static func problem(_ problem: Problem, requestId: String?) -> Reply {
        Reply(status: problem.status, contentType: problemType, body: problem.body(requestId: requestId),
              headers: problem.headers)
    }

    /// The body's bytes, as an idempotent request's reply is stored.
    var bodyBytes: [UInt8] { Array(body.readableBytesView) }

    /// The Hummingbird response.
    var response: Response {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }
}
