import Catalog
import Definitions
import Expressions
import Money
import Testing

@Suite("Catalog: contract price filters")
struct ContractFilterTests {
    static let product = Product(
        id: "P7", name: "Product 7", type: .commercial, familyId: "software", unitOfMeasureId: "each",
        sellingModels: [.oneTime], attributes: [], components: [],
        window: EffectiveWindow(from: .earliest), location: DefinitionLocation(file: "catalog.yaml", line: 1, column: 1))

    @Test("a product's filter context holds each field in the schema's slot")
    func contextSlots() throws {
        let context = ContractPrice.filterContext(for: Self.product)
        let expected: [String: ExpressionValue] = [
            "productId": .string("P7"), "family": .string("software"), "productType": .string("commercial"),
        ]
        #expect(ContractPrice.filterSchema.fieldNames.count == expected.count)
        for (slot, name) in ContractPrice.filterSchema.fieldNames.enumerated() {
            #expect(context[field: slot] == expected[name], "\(name)")
        }
        let filter = try Expression.compile(#"family == "software" and productId != "P11" and productType == "commercial""#,
                                            schema: ContractPrice.filterSchema)
        #expect(try filter.evaluateBoolean(context))
    }
}
