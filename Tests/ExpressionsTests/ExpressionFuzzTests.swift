import Money
import Expressions
import Testing

/// Random and mutated inputs never crash the parser or compiler; every failure is a clean error.
@Suite("Expression fuzzing")
struct ExpressionFuzzTests {
    static let seeds = [
        #"quantity >= 10 and attr("Region") == "EU""#, "max(listPrice * 0.9, cost * 1.2)",
        #"channel in ["partner", "web"]"#, "if(termMonths >= 36, 10, 0)", #"round(listPrice / 3, 2, "halfEven")"#,
        #"daysBetween(date("2026-01-01"), pricingDate) > 30 or not has("Managed")"#,
    ]
    static let alphabet = Array("()[],.\"'+-*/<>=! \n\tabcdefghijklmnopqrstuvwxyzRE0123456789_€é\\".unicodeScalars)

    func check(_ source: String) {
        do throws(ExpressionError) {
            let expression = try Expression.compile(source, schema: schema)
            _ = try? expression.evaluate(context())
        } catch {
            // A clean error: a message and a position inside (or just after) the text.
            #expect(!error.message.isEmpty)
            #expect(error.line >= 1 && error.column >= 1)
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(error.line <= lines.count, "line \(error.line) past the end of \(source.debugDescription)")
        }
    }

    @Test("random text", arguments: [UInt64(1), 2, 3, 4])
    func randomText(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<2_500 {
            let length = Int.random(in: 0...60, using: &rng)
            var text = String.UnicodeScalarView()
            for _ in 0..<length { text.append(Self.alphabet[Int.random(in: 0..<Self.alphabet.count, using: &rng)]) }
            check(String(text))
        }
    }

    @Test("mutated valid expressions", arguments: [UInt64(10), 11, 12, 13])
    func mutations(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<2_500 {
            var scalars = Array(Self.seeds[Int.random(in: 0..<Self.seeds.count, using: &rng)].unicodeScalars)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let position = Int.random(in: 0...scalars.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0 where position < scalars.count: scalars.remove(at: position)
                case 1: scalars.insert(Self.alphabet[Int.random(in: 0..<Self.alphabet.count, using: &rng)], at: position)
                default:
                    if position < scalars.count {
                        scalars[position] = Self.alphabet[Int.random(in: 0..<Self.alphabet.count, using: &rng)]
                    }
                }
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            check(String(view))
        }
    }

    @Test("random bytes, including invalid UTF-8 and NULs")
    func randomBytes() {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<3_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            check(String(decoding: bytes, as: UTF8.self))
        }
    }
}
