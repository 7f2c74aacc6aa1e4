public import Catalog
public import Definitions
import Expressions
import Money
import Pricing

/// Compiles `UsageResources`, `Assets`, `RateCard`, `NegotiatedRates` and `RatingProcedure`
/// documents, together with the catalog, into ``RatingDefinitions``, reporting every problem at
/// once (file, line, column, path). See `docs/rating.md`.
///
/// ```swift
/// switch RatingCompiler.compile(directory: "revenue-demo") {
/// case .success(let definitions): print(definitions.rateCards.keys.sorted())
/// case .failure(let failure): failure.diagnostics.forEach { print($0) }
/// }
/// ```
public struct RatingCompiler {
    /// The document kinds this compiler reads (the catalog compiler reads the catalog's).
    public static let kinds: Set<String> = ["UsageResources", "Assets", "RateCard", "NegotiatedRates", "RatingProcedure"]

    /// Loads and compiles a directory tree.
    ///
    /// - Parameter otherKinds: kinds that other modules compile; accepted, not read.
    public static func compile(directory: String, otherKinds: Set<String> = [])
        -> Result<RatingDefinitions, CatalogCompiler.Failure>
    {
        do {
            return compile(try DefinitionLoader.load(directory: directory), otherKinds: otherKinds)
        } catch {
            return .failure(.noDefinitions(directory, error.message))
        }
    }

    /// Compiles loaded documents: the catalog first, then the rating documents against it.
    public static func compile(_ loaded: LoadedDefinitions, otherKinds: Set<String> = [])
        -> Result<RatingDefinitions, CatalogCompiler.Failure>
    {
        switch CatalogCompiler.compile(loaded, otherKinds: kinds.union(otherKinds)) {
        case .failure(let failure): return .failure(failure)
        case .success(let catalog): return compile(loaded, catalog: catalog)
        }
    }

    /// Compiles the rating documents of `loaded` against a catalog compiled from the same documents.
    public static func compile(_ loaded: LoadedDefinitions, catalog: CatalogSnapshot)
        -> Result<RatingDefinitions, CatalogCompiler.Failure>
    {
        let diagnostics = DiagnosticCollector()
        // Resources first: attribute conditions on cards read the attributes they declare.
        let order = ["UsageResources", "RatingProcedure", "Assets", "RateCard", "NegotiatedRates"]
        let documents = loaded.documents.filter { kinds.contains($0.kind) }
            .enumerated().sorted { (order.firstIndex(of: $0.element.kind)!, $0.offset) < (order.firstIndex(of: $1.element.kind)!, $1.offset) }
            .map(\.element)
        var compiler = RatingCompiler(catalog: catalog, diagnostics: diagnostics)
        for document in documents {
            let context = ObjectReader.Context(file: document.file, source: loaded.files[document.file],
                                               diagnostics: diagnostics)
            guard let reader = ObjectReader(document.root, path: "", in: context) else { continue }
            reader.accept(DefinitionDocument.headerKeys)
            switch document.kind {
            case "UsageResources": compiler.readResources(reader, document)
            case "RatingProcedure": compiler.readProcedure(reader, document)
            case "Assets": compiler.readAssets(reader, document)
            case "RateCard": compiler.readCard(reader, document)
            default: compiler.readNegotiatedRates(reader, document)
            }
            reader.finish()
        }
        compiler.link()
        guard !diagnostics.hasErrors else {
            return .failure(.init(diagnostics: diagnostics.sorted, files: loaded.files))
        }
        return .success(RatingDefinitions(
            catalog: catalog, resources: compiler.resources.mapValues(Self.byVersion),
            assets: compiler.assets.mapValues(Self.byVersion), rateCards: compiler.cards.mapValues { $0.sorted { $0.version < $1.version } },
            negotiatedRates: compiler.negotiatedRates, procedures: compiler.procedures.mapValues { $0.sorted { $0.version < $1.version } },
            schema: compiler.schema))
    }

    private static func byVersion<T: Windowed>(_ items: [T]) -> [T] { items.sorted { $0.window.from < $1.window.from } }

    // MARK: State

    let catalog: CatalogSnapshot
    let diagnostics: DiagnosticCollector
    var resources: [String: [UsageResource]] = [:]
    var assets: [String: [Asset]] = [:]
    var cards: [String: [RateCard]] = [:]
    var negotiatedRates: [NegotiatedRate] = []
    var procedures: [String: [RatingProcedure]] = [:]
    /// Usage attributes by name, with where each was first declared.
    var attributes: [String: (ExpressionType, DefinitionLocation)] = [:]
    /// The schema attribute conditions compile against; rebuilt when resources declare attributes.
    var schema = ExpressionSchema(fields: Dictionary(uniqueKeysWithValues: RatingDefinitions.fieldNames.map { ($0, .string) }))
    /// Where each id was defined, to report overlapping definitions of one id.
    var locations: [String: [(EffectiveWindow, DefinitionLocation)]] = [:]
    /// References checked once everything is read.
    var procedureReferences: [(id: String, location: DefinitionLocation, path: String)] = []
    var entryLocations: [(entry: RateCardEntry, card: RateCard, location: DefinitionLocation, path: String)] = []

    init(catalog: CatalogSnapshot, diagnostics: DiagnosticCollector) {
        self.catalog = catalog
        self.diagnostics = diagnostics
    }

    // MARK: Shared checks

    /// Records `id` of `kind` in force for `window`; a second definition in an overlapping window
    /// is `DuplicateId`.
    mutating func claim(_ kind: String, _ id: String, window: EffectiveWindow, at reader: ObjectReader, key: String = "id")
        -> Bool
    {
        let location = reader.location(of: key)
        if let clash = locations["\(kind) \(id)"]?.first(where: { $0.0.overlaps(window) }) {
            reader.error("DuplicateId", key, "\(kind) '\(id)' is already defined at \(clash.1) for an overlapping window")
            return false
        }
        locations["\(kind) \(id)", default: []].append((window, location))
        return true
    }

    /// A window `[effectiveFrom, effectiveTo)` given on an item, within `outer` by default.
    func window(_ reader: ObjectReader, within outer: EffectiveWindow) -> EffectiveWindow? {
        let from = reader.date("effectiveFrom", required: false) ?? outer.from
        let to = reader.date("effectiveTo", required: false) ?? outer.to
        if let to, to <= from {
            reader.error("InvalidValue", "effectiveTo", "effectiveTo \(to) must be after effectiveFrom \(from)")
            return nil
        }
        let window = EffectiveWindow(from: from, to: to)
        guard window.intersection(outer) == window else {
            reader.error("InvalidValue", "effectiveFrom", "the window \(window) must lie inside its document's window \(outer)")
            return nil
        }
        return window
    }

    /// A rate per unit: not negative, at most 6 decimals (`PrecisionExceedsRate`).
    func rate(_ reader: ObjectReader, _ key: String) -> ExactDecimal? {
        guard let value = reader.decimal(key) else { return nil }
        if value.isNegative {
            reader.error("InvalidValue", key, "a rate must not be negative, found \(value)")
            return nil
        }
        if value.fractionalDigitCount > 6 {
            reader.error("PrecisionExceedsRate", key, "a rate has at most 6 decimals, found \(value)")
            return nil
        }
        return value
    }

    /// A reference to a catalog entity that must exist.
    func reference(_ reader: ObjectReader, _ key: String, _ what: String, among ids: some Collection<String>,
                   exists: (String) -> Bool) -> String?
    {
        guard let id = reader.string(key) else { return nil }
        guard exists(id) else {
            let hint = NameSuggestion.closest(to: id, among: ids.sorted()).map { "; did you mean '\($0)'?" } ?? ""
            reader.error("DanglingReference", key, "unknown \(what) '\(id)'\(hint)")
            return nil
        }
        return id
    }
}
