import Definitions

/// A document node written back as compact JSON, numbers exactly as they were written.
enum CompactJSON {
    static func append(_ node: DocumentNode, to out: inout [UInt8]) {
        switch node.content {
        case .scalar(let text, .string, _): JSONString.appendQuoted(text, to: &out)
        case .scalar(let text, _, _): out.append(contentsOf: text.utf8)
        case .mapping(let entries):
            out.append(UInt8(ascii: "{"))
            for (index, entry) in entries.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONString.appendQuoted(entry.key, to: &out)
                out.append(UInt8(ascii: ":"))
                append(entry.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .sequence(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                append(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }
}
