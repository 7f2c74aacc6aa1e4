import Expressions
import Money
import Testing

let schema = ExpressionSchema(
    fields: ["quantity": .number, "listPrice": .number, "cost": .number, "channel": .string,
             "termMonths": .number, "pricingDate": .date, "isRenewal": .boolean, "tags": .list(.string)],
    attributes: ["Region": .string, "Memory": .number, "Managed": .boolean]
)

func context(quantity: Int = 12, region: String? = "EU", channel: String = "partner") throws -> ExpressionContext {
    var attributes: [String: ExpressionValue] = ["Memory": .number(16)]
    if let region { attributes["Region"] = .string(region) }
    return try schema.makeContext(
        fields: ["quantity": .number(ExactDecimal(quantity)), "listPrice": .number(try ExactDecimal("100.00")),
                 "cost": .number(70), "channel": .string(channel), "termMonths": .number(36),
                 "pricingDate": .date(try CivilDate("2026-03-31")), "isRenewal": .boolean(false),
                 "tags": .list([.string("strategic"), .string("emea")])],
        attributes: attributes)
}

func evaluate(_ source: String, _ context: ExpressionContext? = nil) throws -> ExpressionValue {
    try Expression.compile(source, schema: schema).evaluate(context ?? (try Expressions_context()))
}

// Avoids shadowing between the free function and parameter names above.
func Expressions_context() throws -> ExpressionContext { try context() }

@Suite("Expressions evaluate")
struct EvaluationTests {
    @Test("the documented examples", arguments: [
        (#"quantity >= 10 and attr("Region") == "EU""#, "true"),
        ("max(listPrice * 0.9, cost * 1.2)", "90"),
        (#"channel in ["partner", "web"]"#, "true"),
        ("if(termMonths >= 36, 10, 0)", "10"),
        (#"channel not in ["partner", "web"]"#, "false"),
        ("round(listPrice / 3, 2, \"halfEven\")", "33.33"),
        ("round(2.345, 2, \"halfEven\") + round(2.345, 2)", "4.69"),
        ("floor(-2.5) + ceil(2.1)", "0"),
        ("abs(-3.25) * 2", "6.5"),
        ("min(3, 1, 2) - max(1, 2)", "-1"),
        ("year(pricingDate) * 100 + month(addMonths(pricingDate, 1))", "202604"),
        (#"daysBetween(date("2026-01-01"), pricingDate)"#, "89"),
        (#"addDays(pricingDate, 1) == date("2026-04-01")"#, "true"),
        (#"has("Managed") or not isRenewal"#, "true"),
        (#"lower("EU") + upper("x")"#, "\"euX\""),
        (#"startsWith(channel, "part") and contains("strategic", "rate") and endsWith(channel, "ner")"#, "true"),
        (#""strategic" in tags"#, "true"),
        ("1 - 2 - 3", "-4"),
        ("2 + 3 * 4 - 10 / 4", "11.5"),
        ("-(2 + 3) * 2", "-10"),
        ("not 1 > 2 and 3 >= 3", "true"),
        ("(1 + 2) * (3 + 4)", "21"),
        ("0.1 + 0.2 == 0.3", "true"),
        ("[1, 2] == [1, 2] or true", "true"),
    ])
    func examples(source: String, expected: String) throws {
        if source.hasPrefix("[1, 2] ==") {
            #expect(throws: ExpressionError.self) { try Expression.compile(source, schema: schema) }
            return
        }
        #expect(try evaluate(source).description == expected)
    }

    @Test("conditions evaluate without boxing and short-circuit")
    func conditions() throws {
        let rule = try Expression.compile(#"quantity >= 10 and attr("Region") == "EU""#, schema: schema)
        #expect(rule.type == .boolean)
        #expect(try rule.evaluateBoolean(context(quantity: 10)))
        #expect(try !rule.evaluateBoolean(context(quantity: 9)))
        #expect(try !rule.evaluateBoolean(context(region: "US")))
        // The left side is false, so the unset attribute is never read.
        #expect(try !rule.evaluateBoolean(context(quantity: 1, region: nil)))
        #expect(throws: ExpressionError.self) { try rule.evaluateBoolean(context(quantity: 11, region: nil)) }
    }

    @Test("shared fields are read from the one array many contexts share")
    func sharedFields() throws {
        let lines = ExpressionSchema(fields: ["quantity": .number, "channel": .number],
                                     shared: ["channel": .string, "currency": .string])
        // Shared fields take the first slots; a name declared in both is shared.
        #expect(lines.fieldNames == ["channel", "currency", "quantity"])
        #expect(lines.sharedFieldCount == 2)
        let rule = try Expression.compile(#"channel == "partner" and quantity > 5"#, schema: lines)
        let header: [ExpressionValue] = [.string("partner"), .string("EUR")]
        var big = ExpressionContext(shared: header, fields: [.number(10)])
        let small = ExpressionContext(shared: header, fields: [.number(2)])
        #expect(try rule.evaluateBoolean(big))
        #expect(try !rule.evaluateBoolean(small))
        big[field: 2] = .number(1)
        big[field: 0] = .string("direct")
        #expect(big.fields == [.number(1)])
        #expect(big.shared == [.string("direct"), .string("EUR")])
        #expect(small.shared == header)
        let made = try lines.makeContext(fields: ["channel": .string("web"), "currency": .string("USD"),
                                                  "quantity": .number(7)])
        #expect(made.shared == [.string("web"), .string("USD")])
        #expect(made[field: 2] == .number(7))
    }

    @Test("constant sub-expressions are folded at compile time")
    func folding() throws {
        #expect(try Expression.compile("2 * (3 + 4)", schema: schema).constantValue == .number(14))
        #expect(try Expression.compile("quantity * 2", schema: schema).constantValue == nil)
        #expect(try Expression.compile("if(true, quantity, 0)", schema: schema).constantValue == nil)
    }

    @Test("runtime errors carry their position")
    func runtimeErrors() throws {
        let division = try Expression.compile("listPrice / (quantity - 12)", schema: schema)
        #expect {
            try division.evaluate(context())
        } throws: { error in
            let error = try #require(error as? ExpressionError)
            return error.code == .arithmetic && error.column == 11
        }
        let unset = try Expression.compile(#"attr("Region") == "EU""#, schema: schema)
        #expect {
            try unset.evaluate(context(region: nil))
        } throws: { error in
            (error as? ExpressionError)?.message == #"attribute 'Region' is not set; guard the read with has("Region")"#
        }
    }
}

@Suite("Expressions reject bad input with line, column and caret")
struct ErrorTests {
    func failure(_ source: String) -> ExpressionError? {
        do {
            _ = try Expression.compile(source, schema: schema)
            return nil
        } catch {
            return error
        }
    }

    @Test("compile errors", arguments: [
        ("quantiti >= 10", "1:1: error: unknown field 'quantiti'; did you mean 'quantity'?\nquantiti >= 10\n^", "UnknownField"),
        (#"attr("Regoin") == "EU""#, #"1:6: error: unknown attribute 'Regoin'; did you mean 'Region'?"#, "UnknownAttribute"),
        (#"quantity >= "10""#, "1:10: error: '>=' cannot compare a number with a string", "TypeMismatch"),
        ("round(quantity)", "1:1: error: round takes 2 or 3 arguments (value, places, mode), but 1 was given", "WrongArity"),
        ("maxx(1, 2)", "1:1: error: unknown function 'maxx'; did you mean 'max'?", "UnknownFunction"),
        ("quantity >= 10 &&", "1:16: error: use 'and' instead of '&&'", "ExpressionSyntax"),
        ("quantity = 10", "1:10: error: use '==' to compare; '=' is not an operator", "ExpressionSyntax"),
        (#"channel == "EU"#, "1:12: error: unterminated string; add the closing \"", "ExpressionSyntax"),
        ("(quantity + 1", "1:14: error: expected ')' to close the parenthesis, found end of expression", "ExpressionSyntax"),
        ("1 < 2 < 3", "1:7: error: comparisons do not chain; combine them with 'and'", "ExpressionSyntax"),
        ("quantity +", "1:11: error: the expression ends where a value was expected", "ExpressionSyntax"),
        ("quantity 10", "1:10: error: unexpected 10 after a complete expression", "ExpressionSyntax"),
        ("if(quantity, 1, 2)", "1:4: error: if's condition must be a boolean, got a number", "TypeMismatch"),
        ("if(true, 1, \"x\")", "1:13: error: if's branches must have one type: number and string", "TypeMismatch"),
        (#"round(1, 2, "sideways")"#, "1:13: error: unknown rounding mode \"sideways\"", "InvalidArgument"),
        ("round(1, 13)", "1:10: error: round's argument 2 must be a whole number in 0...12", "InvalidArgument"),
        (#"date("2026-02-30")"#, "1:6: error: \"2026-02-30\" is not a calendar date", "InvalidArgument"),
        ("1 / 0", "1:3: error: 1 ÷ 0", "Arithmetic"),
        ("0.0000000000001", "1:1: error: 0.0000000000001 has more than 12 fractional digits", "InvalidArgument"),
        ("[]", "1:1: error: an empty list has no element type", "TypeMismatch"),
        ("quantity in [\"a\"]", "1:10: error: 'in' looks for a number in a list of string", "TypeMismatch"),
        ("quantity €", "1:10: error: unexpected character '€'", "ExpressionSyntax"),
        ("quantity\n  and\n  chanel == \"web\"", "3:3: error: unknown field 'chanel'; did you mean 'channel'?\n  chanel == \"web\"\n  ^", "UnknownField"),
    ])
    func compileErrors(source: String, expectedPrefix: String, code: String) throws {
        let error = try #require(failure(source))
        #expect(error.rendered().hasPrefix(expectedPrefix), "\(error.rendered())")
        #expect(error.code.description == code)
    }

    @Test("the caret sits under the offending spot, shifted into the enclosing file")
    func caretInFile() throws {
        let error = try #require(failure("quantity >= 10 and attr(\"Region\") == 3"))
        #expect(error.rendered(file: "procedures/p.yaml", lineOffset: 11, columnOffset: 16) == """
            procedures/p.yaml:12:51: error: '==' cannot compare a string with a number
            quantity >= 10 and attr("Region") == 3
                                              ^
            """)
    }

    @Test("nesting is limited")
    func nesting() throws {
        let deep = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
        #expect(failure(deep)?.code == .nestingTooDeep)
        let negations = String(repeating: "not ", count: 500) + "true"
        #expect(failure(negations)?.code == .nestingTooDeep)
        let fine = String(repeating: "(", count: 30) + "1" + String(repeating: ")", count: 30)
        #expect(failure(fine) == nil)
    }

    @Test("requesting a result type")
    func expecting() {
        #expect(throws: ExpressionError.self) { try Expression.compile("quantity * 2", schema: schema, expecting: .boolean) }
    }
}
