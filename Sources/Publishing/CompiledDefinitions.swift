public import Catalog
public import Definitions
public import Pricing
public import Rating
public import Storage

/// A definitions set compiled for use: pricing and rating over one catalog. A reference, so that
/// every request that prices with a version shares it without copying its tables.
public final class CompiledDefinitions: Sendable {
    /// Catalog, price books, procedures and plans.
    public let pricing: PricingDefinitions
    /// Resources, rate cards and rating procedures.
    public let rating: RatingDefinitions
    /// The pricing engine over ``pricing``, built once: its indexes of prices and contracts
    /// serve every quote priced with this version.
    public let engine: PricingEngine

    /// Definitions compiled from both compilers.
    public init(pricing: PricingDefinitions, rating: RatingDefinitions) {
        self.pricing = pricing
        self.rating = rating
        engine = PricingEngine(pricing)
    }

    /// Compiles files as one definitions set. Every problem comes back with its file, line,
    /// column and path.
    public static func compile(_ files: [DefinitionFile]) -> Result<CompiledDefinitions, CatalogCompiler.Failure> {
        guard !files.isEmpty else {
            return .failure(.noDefinitions("the definitions set", "it holds no .yaml, .yml or .json files"))
        }
        return compile(DefinitionLoader.load(files: files.map { ($0.path, $0.bytes) }))
    }

    /// Compiles loaded documents as one definitions set: pricing first, then rating over its
    /// catalog.
    public static func compile(_ loaded: LoadedDefinitions) -> Result<CompiledDefinitions, CatalogCompiler.Failure> {
        let pricing: PricingDefinitions
        switch PricingCompiler.compile(loaded, otherKinds: RatingCompiler.kinds) {
        case .success(let definitions): pricing = definitions
        case .failure(let failure): return .failure(failure)
        }
        switch RatingCompiler.compile(loaded, catalog: pricing.catalog) {
        case .success(let rating): return .success(CompiledDefinitions(pricing: pricing, rating: rating))
        case .failure(let failure): return .failure(failure)
        }
    }
}
