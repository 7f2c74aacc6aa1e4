import Definitions
import Foundation
import Storage
public import Logging
import Synchronization

/// Writes each log record as one line of JSON to standard error: time, level, label, message,
/// then the metadata (`hb.request.id` as `requestId`, `key`, `route`, …). The server never puts
/// a key's secret, a request body or a personal value into metadata.
///
/// ```json
/// {"time":"2026-11-23T10:00:00.123Z","level":"info","label":"revenue.server","message":"request","requestId":"…","method":"POST","route":"/v1/price","status":"200","micros":"412"}
/// ```
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String

    /// A handler for `label` that writes records at `level` and above.
    public init(label: String, level: Logger.Level = .info) {
        self.label = label
        logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let out = JSONWriter(capacity: 256)
        out.object {
            out.field("time", StoredTime.iso8601(Date()))
            out.field("level", event.level.rawValue)
            out.field("label", label)
            out.field("message", "\(event.message)")
            // The record's own metadata wins over the logger's; keys in order, so lines compare.
            var fields: [(key: String, value: Logger.MetadataValue)] = []
            fields.reserveCapacity(metadata.count + (event.metadata?.count ?? 0))
            for (key, value) in metadata where event.metadata?[key] == nil { fields.append((key, value)) }
            for (key, value) in event.metadata ?? [:] { fields.append((key, value)) }
            fields.sort { $0.key < $1.key }
            for (key, value) in fields {
                let text = if case .string(let string) = value { string } else { value.description }
                out.field(key == "hb.request.id" ? "requestId" : key, text)
            }
        }
        out.newline()
        Self.output.withLock { _ in
            out.output.withBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(2, bytes.baseAddress! + offset, bytes.count - offset)
                    guard written > 0 else { break }
                    offset += written
                }
            }
        }
    }

    /// One line at a time, whole, whatever the number of threads logging.
    private static let output = Mutex(())
}
