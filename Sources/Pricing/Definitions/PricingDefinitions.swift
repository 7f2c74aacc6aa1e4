public import Catalog
public import Money
import Definitions

/// Everything the pricing engine reads: the catalog snapshot, the pricing procedures and the
/// procedure plans, compiled and immutable.
///
/// ```swift
/// let definitions = try PricingDefinitions.load(directory: "revenue-demo").get()
/// let priced = PricingEngine(definitions).price(quote)
/// ```
public struct PricingDefinitions: Sendable {
    /// The catalog.
    public let catalog: CatalogSnapshot
    /// Procedure versions by id, oldest first.
    public let procedures: [String: [PricingProcedure]]
    /// Plan versions by id, oldest first.
    public let plans: [String: [ProcedurePlan]]
    /// The context fields expressions read.
    public let schema: PricingSchema

    /// Creates definitions from compiled parts.
    public init(catalog: CatalogSnapshot, procedures: [String: [PricingProcedure]], plans: [String: [ProcedurePlan]],
                schema: PricingSchema)
    {
        self.catalog = catalog
        self.procedures = procedures
        self.plans = plans
        self.schema = schema
    }

    /// The procedure version in force on `date`.
    public func procedure(_ id: String, on date: CivilDate) -> PricingProcedure? {
        procedures[id]?.inForce(on: date)
    }

    /// The plan version in force on `date`.
    public func plan(_ id: String, on date: CivilDate) -> ProcedurePlan? {
        plans[id]?.inForce(on: date)
    }
}
