import HTTPTypes
import Definitions
import Hummingbird
import NIOCore

/// What a route answers, kept as bytes so that the reply to an idempotent request can be
/// stored and replayed exactly.
struct Reply: Sendable {
    var status: HTTPResponse.Status
    var contentType: String
    var body: [UInt8]
    var headers: HTTPFields = [:]

    static let jsonType = "application/json"
    static let problemType = "application/problem+json"

    /// A JSON reply written by `write`.
    static func json(_ status: HTTPResponse.Status = .ok, capacity: Int = 0, _ write: (JSONWriter) -> Void) -> Reply {
        let out = JSONWriter(capacity: capacity)
        write(out)
        return Reply(status: status, contentType: jsonType, body: out.bytes)
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

    /// The Hummingbird response.
    var response: Response {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
