import Benchmark
import Definitions
import Expressions
import Money
import Pricing
import BenchmarkFixtures

/// Benchmarks for the pricing engine (release build):
/// `cd Benchmarks && swift package --allow-writing-to-package-directory benchmark --target PricingBenchmarks`.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .peakMemoryResident],
                                           maxDuration: .seconds(3), maxIterations: 1_000_000)
    // As the `revenue` command does: large quotes reuse freed heap instead of faulting it in again.
    HeapPolicy.keepFreedMemory()
    guard let engine = try? PricingBenchmarkFixture.engine(), let date = try? CivilDate("2026-03-01") else {
        preconditionFailure("benchmark definitions do not compile")
    }

    let p1 = Quote(id: "P1", currency: .usd, pricingDate: date, priceBookId: "std", procedureId: "p1", lines: [
        Quote.Line(id: "rack", productId: "RACK", quantity: 1),
        Quote.Line(id: "server", productId: "SERVER", quantity: 1, attributes: ["Region": .string("EU")], parentLineId: "rack"),
    ])
    Benchmark("Pricing: P1 four-step waterfall (bundle parent + server line)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(engine.price(p1)) }
    }

    for count in [1_000, 100_000] {
        let quote = PricingBenchmarkFixture.quote(lines: count, date: date)
        Benchmark("Pricing: \(count) lines, 8-element procedure, bundles, contract prices",
                  configuration: .init(maxDuration: .seconds(count > 1_000 ? 20 : 5), maxIterations: count > 1_000 ? 20 : 10_000))
        { benchmark in
            for _ in benchmark.scaledIterations { blackHole(engine.price(quote)) }
        }
    }

    // The two halves of `POST /v1/price` around the engine: reading the request body and
    // writing the reply body.
    let document = PricingBenchmarkFixture.quoteDocument(lines: 10, date: date)
    guard case .success = QuoteReader.read(document, path: "body.json") else {
        preconditionFailure("the benchmark quote document does not read")
    }
    Benchmark("Pricing: read a 10-line quote document (JSON, as POST /v1/price receives it)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(QuoteReader.read(document, path: "body.json")) }
    }
    let priced = engine.price(PricingBenchmarkFixture.quote(lines: 10, date: date))
    Benchmark("Pricing: write a priced 10-line quote with its waterfalls (JSON, as POST /v1/price replies)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(priced.jsonBytes()) }
    }
}
