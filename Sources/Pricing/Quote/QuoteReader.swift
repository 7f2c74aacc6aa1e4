public import Definitions
import Catalog
import Expressions
import Money

/// Reads a quote document (JSON or YAML) into a ``Quote``; every problem is reported with file,
/// line, column and path. See `docs/pricing.md` for the format.
///
/// ```yaml
/// header: { id: Q-1001, account: ACME, channel: direct, currency: USD, pricingDate: 2026-03-01 }
/// lines:
///   - { id: "1", product: LAPTOP-14, quantity: 10, attributes: { Region: EU } }
/// ```
public enum QuoteReader {
    /// A quote that could not be read: every diagnostic, and the file for snippets.
    public struct Failure: Error, Sendable {
        /// All problems, in file order.
        public var diagnostics: [Diagnostic]
        /// The file, for rendering source lines.
        public var file: SourceFile
    }

    /// Reads a quote from bytes; `.json` paths are JSON, everything else YAML.
    public static func read(_ bytes: [UInt8], path: String) -> Result<Quote, Failure> {
        // Most JSON quotes are read straight from their bytes; the rest, and every mistake, below.
        if path.hasSuffix(".json"), let quote = DirectJSONQuoteReader.read(bytes, path: path) { return .success(quote) }
        return readDocument(bytes, path: path)
    }

    /// Reads the quote through a document tree: every format, every field, every diagnostic.
    static func readDocument(_ bytes: [UInt8], path: String) -> Result<Quote, Failure> {
        let diagnostics = DiagnosticCollector()
        // The file's text is for rendering problems; a quote has no expressions to map into it.
        var source: SourceFile { SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self)) }
        let root: DocumentNode
        do {
            if path.hasSuffix(".json") {
                root = try JSONDocumentParser.parse(bytes)
            } else {
                let documents = try YAMLDocumentParser.parse(String(decoding: bytes, as: UTF8.self))
                guard documents.count == 1, let only = documents.first else {
                    let location = DefinitionLocation(file: path, line: 1, column: 1)
                    return .failure(Failure(diagnostics: [Diagnostic(code: "InvalidQuote", at: location, path: "",
                                                                     "a quote file holds exactly one document, found \(documents.count)")],
                                            file: source))
                }
                root = only
            }
        } catch {
            let location = DefinitionLocation(file: path, line: error.position.line, column: error.position.column)
            return .failure(Failure(diagnostics: [Diagnostic(code: "SyntaxError", at: location, path: "", error.message)],
                                    file: source))
        }
        let context = ObjectReader.Context(file: path, source: nil, diagnostics: diagnostics)
        guard let reader = ObjectReader(root, path: "", in: context) else {
            return .failure(Failure(diagnostics: diagnostics.sorted, file: source))
        }
        let quote = read(reader)
        reader.finish()
        guard !diagnostics.hasErrors, let quote else {
            return .failure(Failure(diagnostics: diagnostics.sorted, file: source))
        }
        return .success(quote)
    }

    private static func read(_ reader: ObjectReader) -> Quote? {
        guard let header = reader.object("header") else { return nil }
        defer { header.finish() }
        let id = header.string("id")
        let account = header.string("account", required: false)
        let contract = header.string("contract", required: false)
        let channel = header.string("channel", required: false)
        let currency = header.currency("currency")
        let date = header.date("pricingDate")
        let book = header.string("priceBook", required: false)
        let plan = header.string("plan", required: false)
        let procedure = header.string("procedure", required: false)
        let fields = values(header, "fields")
        var lines: [Quote.Line] = []
        let items = reader.objects("lines")
        if items.isEmpty, reader.has("lines") {
            reader.error("InvalidQuote", "lines", "a quote needs at least one line")
        }
        for item in items {
            defer { item.finish() }
            if let line = readLine(item, currency: currency) { lines.append(line) }
        }
        guard let id, let currency, let date else { return nil }
        return Quote(id: id, accountId: account, contractId: contract, channel: channel, currency: currency,
                     pricingDate: date, priceBookId: book, planId: plan, procedureId: procedure, fields: fields,
                     lines: lines)
    }

    private static func readLine(_ reader: ObjectReader, currency: Currency?) -> Quote.Line? {
        let id = reader.string("id")
        let product = reader.string("product")
        let quantity = reader.decimal("quantity")
        let model: SellingModel? = reader.choice("sellingModel", required: false)
        let term = reader.decimal("termMonths", required: false)
        let start = reader.date("startDate", required: false)
        let end = reader.date("endDate", required: false)
        let attributes = values(reader, "attributes")
        let parent = reader.string("parent", required: false)
        let approval = reader.string("approvalOverride", required: false)
        let fields = values(reader, "fields")
        var discount: Adjustment?
        if let object = reader.object("manualDiscount", required: false) {
            defer { object.finish() }
            let type = object.string("type")
            let value = object.decimal("value")
            switch (type, value, currency) {
            case ("percent", let value?, _): discount = .percent(value)
            case ("amount", let value?, let currency?): discount = .amount([currency: value])
            case ("override", let value?, let currency?): discount = .override([currency: value])
            case (let other?, _, _) where !["percent", "amount", "override"].contains(other):
                object.error("InvalidValue", "type", "\"\(other)\" is not one of \"percent\", \"amount\", \"override\"")
            default: break
            }
        }
        guard let id, let product, let quantity else { return nil }
        return Quote.Line(id: id, productId: product, quantity: quantity, sellingModel: model,
                          termMonths: term, startDate: start, endDate: end, attributes: attributes, parentLineId: parent,
                          manualDiscount: discount, approvalOverride: approval, fields: fields,
                          location: reader.location(of: "id"))
    }

    /// A mapping of scalar values: text, exact numbers and booleans (dates are text until a date field reads them).
    private static func values(_ reader: ObjectReader, _ key: String) -> [String: ExpressionValue] {
        var result: [String: ExpressionValue] = [:]
        for entry in reader.entries(key, required: false) {
            guard case .scalar(let text, let kind, _) = entry.node.content else {
                reader.context.error("WrongType", at: entry.node, path: entry.path, "expected a text, number or boolean value")
                continue
            }
            switch kind {
            case .number:
                if let number = try? ExactDecimal(text) { result[entry.key] = .number(number) }
                else { reader.context.error("InvalidValue", at: entry.node, path: entry.path, "\"\(text)\" is not an exact number") }
            case .boolean: result[entry.key] = .boolean(text == "true")
            case .string: result[entry.key] = .string(text)
            case .null: reader.context.error("WrongType", at: entry.node, path: entry.path, "expected a value, found null")
            }
        }
        return result
    }
}
