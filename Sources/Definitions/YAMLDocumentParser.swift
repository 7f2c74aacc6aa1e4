import Yams

/// Reads YAML (one or more `---` documents) into ``DocumentNode`` trees with positions.
///
/// Plain scalars are resolved with the YAML 1.2 core schema: `null`, `true`/`false` and numbers
/// are typed, everything else is a string (so `2026-01-01`, `yes` and `EU` are strings).
public enum YAMLDocumentParser {
    /// The most nodes one file may expand to; guards against alias bombs.
    public static let maximumNodes = 5_000_000

    /// Parses every document in `text`.
    ///
    /// - Throws: ``DocumentSyntaxError`` for malformed YAML, duplicate keys, non-string keys, or
    ///   too many nodes.
    public static func parse(_ text: String) throws(DocumentSyntaxError) -> [DocumentNode] {
        var budget = maximumNodes
        do {
            let parser = try Yams.Parser(yaml: text)
            var documents: [DocumentNode] = []
            while let root = try parser.nextRoot() {
                documents.append(try convert(root, budget: &budget))
            }
            return documents
        } catch let error as DocumentSyntaxError {
            throw error
        } catch let error as YamlError {
            throw syntaxError(error)
        } catch {
            throw DocumentSyntaxError("unreadable YAML: \(error)", at: .init(line: 1, column: 1))
        }
    }

    private static func position(_ mark: Mark?) -> DocumentNode.Position {
        DocumentNode.Position(line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private static func syntaxError(_ error: YamlError) -> DocumentSyntaxError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return DocumentSyntaxError(problem, at: position(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return DocumentSyntaxError("duplicate key \(keys)", at: position(context.mark))
        case .reader(let problem, _, _, _):
            return DocumentSyntaxError("not readable as text: \(problem)", at: .init(line: 1, column: 1))
        default:
            return DocumentSyntaxError("\(error)", at: .init(line: 1, column: 1))
        }
    }

    private static func convert(_ node: Node, budget: inout Int) throws(DocumentSyntaxError) -> DocumentNode {
        budget -= 1
        guard budget >= 0 else {
            throw DocumentSyntaxError("the document expands to more than \(maximumNodes) values (aliases?)",
                                      at: position(node.mark))
        }
        switch node {
        case .scalar(let scalar):
            let style: DocumentNode.ScalarStyle
            let kind: DocumentNode.ScalarKind
            switch scalar.style {
            case .singleQuoted, .doubleQuoted:
                (style, kind) = (.quoted, .string)
            case .literal, .folded:
                (style, kind) = (.block, .string)
            default:
                (style, kind) = (.plain, resolve(scalar.string))
            }
            return DocumentNode(.scalar(scalar.string, kind, style), at: position(scalar.mark))
        case .mapping(let mapping):
            var entries: [DocumentNode.Entry] = []
            entries.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw DocumentSyntaxError("mapping keys must be plain text", at: position(key.mark))
                }
                entries.append(DocumentNode.Entry(key: keyScalar.string, keyPosition: position(keyScalar.mark),
                                                  value: try convert(value, budget: &budget)))
            }
            return DocumentNode(.mapping(entries), at: position(mapping.mark))
        case .sequence(let sequence):
            var items: [DocumentNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try convert(item, budget: &budget)) }
            return DocumentNode(.sequence(items), at: position(sequence.mark))
        case .alias(let alias):
            throw DocumentSyntaxError("unresolved alias '*\(alias.anchor)'", at: position(alias.mark))
        }
    }

    /// YAML 1.2 core schema resolution of a plain scalar.
    static func resolve(_ text: String) -> DocumentNode.ScalarKind {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "false", "False", "FALSE": return .boolean
        case ".inf", ".Inf", ".INF", "-.inf", "+.inf", ".nan", ".NaN", ".NAN": return .number
        default: break
        }
        var utf8 = text.utf8[...]
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { utf8 = utf8.dropFirst() }
        var digits = 0
        var sawPoint = false
        var sawExponent = false
        var previous: UInt8 = 0
        for byte in utf8 {
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            let isExponent = byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
            let isSign = byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            if isDigit {
                digits += 1
            } else if byte == UInt8(ascii: "."), !sawPoint, !sawExponent {
                sawPoint = true
            } else if isExponent, !sawExponent, digits > 0 {
                sawExponent = true
            } else if !(isSign && (previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E"))) {
                return .string
            }
            previous = byte
        }
        if digits == 0 { return .string }
        if let last = utf8.last, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(last), last != UInt8(ascii: ".") {
            return .string
        }
        return .number
    }
}
