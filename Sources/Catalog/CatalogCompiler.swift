public import Definitions
import Expressions
import Money

/// Compiles definitions documents into a ``CatalogSnapshot``, reporting every problem at once.
///
/// Kinds: `Catalog`, `PriceBook`, `CostBook`, `ExchangeRates`, `Accounts`, `ContractPrices` and
/// `Channels` (see `docs/definitions.md`).
///
/// ```swift
/// switch CatalogCompiler.compile(directory: "definitions") {
/// case .success(let snapshot): print(snapshot.products.count)
/// case .failure(let failure): failure.diagnostics.forEach { print($0) }
/// }
/// ```
public struct CatalogCompiler {
    /// The document kinds this compiler reads.
    public static let kinds = ["Accounts", "Catalog", "Channels", "ContractPrices", "CostBook", "ExchangeRates",
                               "PriceBook"]

    /// Definitions that did not compile: every diagnostic, and the files for snippets.
    public struct Failure: Error, Sendable {
        /// All problems, in file order.
        public var diagnostics: [Diagnostic]
        /// The files read, for rendering source lines.
        public var files: [String: SourceFile]

        /// Creates a failure.
        public init(diagnostics: [Diagnostic], files: [String: SourceFile]) {
            self.diagnostics = diagnostics
            self.files = files
        }

        /// A directory that cannot be read at all: one `NoDefinitions` diagnostic naming it.
        public static func noDefinitions(_ directory: String, _ message: String) -> Failure {
            let location = DefinitionLocation(file: directory, line: 1, column: 1)
            return Failure(diagnostics: [Diagnostic(code: "NoDefinitions", at: location, path: "", message)], files: [:])
        }
    }

    /// Loads and compiles a directory tree.
    ///
    /// - Parameter otherKinds: kinds that other modules compile; they are accepted, not read.
    public static func compile(directory: String, otherKinds: Set<String> = [])
        -> Result<CatalogSnapshot, Failure>
    {
        do {
            return compile(try DefinitionLoader.load(directory: directory), otherKinds: otherKinds)
        } catch {
            return .failure(.noDefinitions(directory, error.message))
        }
    }

    /// Compiles loaded documents; loader diagnostics are carried into the result.
    public static func compile(_ loaded: LoadedDefinitions, otherKinds: Set<String> = [])
        -> Result<CatalogSnapshot, Failure>
    {
        let diagnostics = DiagnosticCollector()
        loaded.diagnostics.forEach(diagnostics.report)
        var compiler = CatalogCompiler(diagnostics: diagnostics, files: loaded.files)
        for document in loaded.documents {
            compiler.read(document, otherKinds: otherKinds)
        }
        let snapshot = compiler.link()
        guard !diagnostics.hasErrors else {
            return .failure(Failure(diagnostics: diagnostics.sorted, files: loaded.files))
        }
        return .success(snapshot)
    }

    // MARK: State

    let diagnostics: DiagnosticCollector
    let files: [String: SourceFile]
    var products: [String: [Product]] = [:]
    var unitsOfMeasure: [String: (UnitOfMeasure, DefinitionLocation)] = [:]
    var families: [String: (ProductFamily, DefinitionLocation)] = [:]
    var priceBooks: [String: [PriceBook]] = [:]
    var entries: [CatalogSnapshot.PriceKey: [PriceBookEntry]] = [:]
    var costs: [CatalogSnapshot.CostKey: [CostBookEntry]] = [:]
    var rates: [CatalogSnapshot.CurrencyPair: [(ExchangeRate, DefinitionLocation)]] = [:]
    var accounts: [String: (Account, DefinitionLocation)] = [:]
    var contractPrices: [ContractPrice] = []
    var contractIds: [String: DefinitionLocation] = [:]
    var channels: [String: (Channel, DefinitionLocation)] = [:]
    var attributeTypes: [String: (AttributeType, DefinitionLocation)] = [:]
    var documents: [CatalogSnapshot.DocumentKey] = []
    /// References checked once every document is read.
    var references: [Reference] = []

    /// A reference from one definition to another, checked after all documents are read.
    struct Reference {
        enum Target: String { case product, family, unitOfMeasure = "unit of measure", account, priceBook = "price book" }
        var target: Target
        var id: String
        var location: DefinitionLocation
        var path: String
        /// When the reference must resolve (for products: some version overlapping this window).
        var window: EffectiveWindow
    }

    init(diagnostics: DiagnosticCollector, files: [String: SourceFile]) {
        self.diagnostics = diagnostics
        self.files = files
    }

    mutating func read(_ document: DefinitionDocument, otherKinds: Set<String>) {
        let context = ObjectReader.Context(file: document.file, source: files[document.file], diagnostics: diagnostics)
        guard Self.kinds.contains(document.kind) else {
            if !otherKinds.contains(document.kind) {
                let known = (Self.kinds + otherKinds.sorted()).sorted()
                let hint = NameSuggestion.closest(to: document.kind, among: known).map { "; did you mean '\($0)'?" }
                    ?? "; expected one of \(known.joined(separator: ", "))"
                diagnostics.error("UnknownKind", at: Self.location(of: "kind", in: document), path: "kind",
                                  "unknown document kind '\(document.kind)'\(hint)")
            }
            return
        }
        guard let reader = ObjectReader(document.root, path: "", in: context) else { return }
        reader.accept(DefinitionDocument.headerKeys)
        documents.append(.init(kind: document.kind, id: document.id, version: document.version))
        switch document.kind {
        case "Catalog": readCatalog(reader, document)
        case "PriceBook": readPriceBook(reader, document)
        case "CostBook": readCostBook(reader, document)
        case "ExchangeRates": readExchangeRates(reader)
        case "Accounts": readAccounts(reader)
        case "ContractPrices": readContractPrices(reader, document)
        default: readChannels(reader)
        }
        reader.finish()
    }

    static func location(of key: String, in document: DefinitionDocument) -> DefinitionLocation {
        if case .mapping(let entries) = document.root.content, let entry = entries.first(where: { $0.key == key }) {
            return DefinitionLocation(file: document.file, line: entry.value.position.line,
                                      column: entry.value.position.column)
        }
        return document.location
    }

    /// Reports a duplicate id unless it is new; returns whether it was new.
    func checkUnique<T>(_ id: String, in table: [String: (T, DefinitionLocation)], what: String,
                        at location: DefinitionLocation, path: String) -> Bool
    {
        guard let existing = table[id] else { return true }
        diagnostics.error("DuplicateId", at: location, path: path, "\(what) '\(id)' is already defined at \(existing.1)")
        return false
    }

    /// Checks that an amount has no more decimals than its currency allows.
    func checkPrecision(_ amount: ExactDecimal, _ currency: Currency, _ reader: ObjectReader, _ key: String) {
        if amount.fractionalDigitCount > currency.minorUnits {
            reader.error("PrecisionExceedsCurrency", key,
                         "\(amount) has \(amount.fractionalDigitCount) decimals but \(currency.code) allows \(currency.minorUnits)")
        }
    }

    /// Checks that an amount is not negative.
    func checkNotNegative(_ amount: ExactDecimal, _ reader: ObjectReader, _ key: String) {
        if amount.isNegative { reader.error("InvalidValue", key, "\(key) must not be negative, found \(amount)") }
    }

    /// An item's own effective window inside its document's window.
    func window(_ reader: ObjectReader, within outer: EffectiveWindow) -> EffectiveWindow {
        let from = reader.date("effectiveFrom", required: false)
        let to = reader.date("effectiveTo", required: false)
        if let from, let to, to <= from {
            reader.error("InvalidValue", "effectiveTo", "effectiveTo \(to) must be after effectiveFrom \(from)")
            return outer
        }
        let own = EffectiveWindow(from: from ?? outer.from, to: to)
        guard let inner = own.intersection(outer) else {
            reader.error("InvalidValue", "effectiveFrom", "the window \(own) lies outside its document's window \(outer)")
            return outer
        }
        return inner
    }
}
