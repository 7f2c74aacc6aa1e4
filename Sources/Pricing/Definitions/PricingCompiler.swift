public import Catalog
public import Definitions
import Expressions
import Money

/// Compiles `PricingProcedure` and `ProcedurePlan` documents, together with the catalog, into
/// ``PricingDefinitions``, reporting every problem at once (file, line, column, path).
///
/// ```swift
/// switch PricingCompiler.compile(directory: "revenue-demo") {
/// case .success(let definitions): print(definitions.procedures.keys.sorted())
/// case .failure(let failure): failure.diagnostics.forEach { print($0) }
/// }
/// ```
public struct PricingCompiler {
    /// The document kinds this compiler reads (the catalog compiler reads the rest).
    public static let kinds: Set<String> = ["PricingProcedure", "ProcedurePlan"]

    /// Loads and compiles a directory tree.
    ///
    /// - Parameter otherKinds: kinds that later modules compile; accepted, not read.
    public static func compile(directory: String, otherKinds: Set<String> = [])
        -> Result<PricingDefinitions, CatalogCompiler.Failure>
    {
        do {
            return compile(try DefinitionLoader.load(directory: directory), otherKinds: otherKinds)
        } catch {
            return .failure(.noDefinitions(directory, error.message))
        }
    }

    /// Compiles loaded documents: the catalog first, then procedures and plans against it.
    public static func compile(_ loaded: LoadedDefinitions, otherKinds: Set<String> = [])
        -> Result<PricingDefinitions, CatalogCompiler.Failure>
    {
        let catalog: CatalogSnapshot
        switch CatalogCompiler.compile(loaded, otherKinds: kinds.union(otherKinds)) {
        case .failure(let failure): return .failure(failure)
        case .success(let snapshot): catalog = snapshot
        }
        let diagnostics = DiagnosticCollector()
        let documents = loaded.documents.filter { kinds.contains($0.kind) }
        let schema = declaredSchema(documents, catalog: catalog, files: loaded.files, diagnostics: diagnostics)
        var compiler = PricingCompiler(catalog: catalog, schema: schema, diagnostics: diagnostics, files: loaded.files)
        for document in documents {
            let context = ObjectReader.Context(file: document.file, source: loaded.files[document.file],
                                               diagnostics: diagnostics)
            guard let reader = ObjectReader(document.root, path: "", in: context) else { continue }
            reader.accept(DefinitionDocument.headerKeys)
            if document.kind == "PricingProcedure" {
                compiler.readProcedure(reader, document)
            } else {
                compiler.readPlan(reader, document)
            }
            reader.finish()
        }
        compiler.checkPlanReferences()
        guard !diagnostics.hasErrors else {
            return .failure(.init(diagnostics: diagnostics.sorted, files: loaded.files))
        }
        let procedures = compiler.procedures.mapValues { $0.sorted { $0.version < $1.version } }
        let plans = compiler.plans.mapValues { $0.sorted { $0.version < $1.version } }
        return .success(PricingDefinitions(catalog: catalog, procedures: procedures, plans: plans, schema: schema))
    }

    // MARK: State

    let catalog: CatalogSnapshot
    let schema: PricingSchema
    let diagnostics: DiagnosticCollector
    let files: [String: SourceFile]
    var procedures: [String: [PricingProcedure]] = [:]
    var plans: [String: [ProcedurePlan]] = [:]
    /// Procedure references from plans, checked once every document is read.
    var planReferences: [(id: String, location: DefinitionLocation, path: String)] = []

    /// The custom fields every procedure declares, merged; one name has one type.
    private static func declaredSchema(_ documents: [DefinitionDocument], catalog: CatalogSnapshot,
                                       files: [String: SourceFile], diagnostics: DiagnosticCollector) -> PricingSchema
    {
        var header: [String: (ExpressionType, DefinitionLocation)] = [:]
        var line: [String: (ExpressionType, DefinitionLocation)] = [:]
        for document in documents where document.kind == "PricingProcedure" {
            // A scratch collector: the full read reports problems in these fields once.
            let context = ObjectReader.Context(file: document.file, source: files[document.file],
                                               diagnostics: DiagnosticCollector())
            guard let reader = ObjectReader(document.root, path: "", in: context),
                  let declared = reader.object("context", required: false) else { continue }
            for (scope, key) in [(0, "header"), (1, "line")] {
                for (name, type, location) in declared.typeDeclarations(key) {
                    let standard = scope == 0 ? PricingSchema.headerFields : PricingSchema.lineFields
                    if standard[name] != nil || PricingSchema.headerFields[name] != nil || PricingSchema.lineFields[name] != nil {
                        continue  // reported by the full read
                    }
                    let existing = scope == 0 ? header[name] ?? line[name] : line[name] ?? header[name]
                    if let existing, existing.0 != type {
                        diagnostics.error("ContextFieldConflict", at: location, path: "context.\(key).\(name)",
                                          "field '\(name)' is declared \(type) here but \(existing.0) at \(existing.1)")
                        continue
                    }
                    if scope == 0 { header[name] = (type, location) } else { line[name] = (type, location) }
                }
            }
        }
        return PricingSchema(customHeaderFields: header.mapValues(\.0), customLineFields: line.mapValues(\.0),
                             attributes: catalog.attributeTypes)
    }

    init(catalog: CatalogSnapshot, schema: PricingSchema, diagnostics: DiagnosticCollector, files: [String: SourceFile]) {
        self.catalog = catalog
        self.schema = schema
        self.diagnostics = diagnostics
        self.files = files
    }

    private mutating func checkPlanReferences() {
        for reference in planReferences where procedures[reference.id] == nil {
            let hint = NameSuggestion.closest(to: reference.id, among: procedures.keys.sorted()).map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.error("DanglingReference", at: reference.location, path: reference.path,
                              "unknown procedure '\(reference.id)'\(hint)")
        }
    }
}
