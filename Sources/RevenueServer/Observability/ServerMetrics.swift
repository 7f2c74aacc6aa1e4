import Metrics
import HTTPTypes
import CoreMetrics
import Prometheus
import Synchronization

/// The server's metrics, recorded through swift-metrics into a Prometheus registry of the
/// server's own (so that several servers in one process never mix their figures), and served at
/// `/metrics` in the Prometheus text format:
///
/// - `http_requests_total{method,route,status}` and `http_request_duration_seconds{method,route}`
///   (a histogram), per route pattern;
/// - `revenue_lines_priced_total`, `revenue_usage_records_ingested_total`,
///   `revenue_usage_records_rated_total`.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    /// Lines priced (`POST /v1/price`, quotes created and repriced).
    let linesPriced: CoreMetrics.Counter
    /// Usage records stored by batch ingest.
    let recordsIngested: CoreMetrics.Counter
    /// Usage records rated by `POST /v1/usage/rate`.
    let recordsRated: CoreMetrics.Counter
    private let routes = Mutex<[RouteKey: RouteMetrics]>([:])

    private struct RouteKey: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    private struct RouteMetrics: @unchecked Sendable {
        var requests: CoreMetrics.Counter
        var duration: CoreMetrics.Timer
    }

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
            .seconds(5), .seconds(10),
        ]
        self.factory = factory
        linesPriced = CoreMetrics.Counter(label: "revenue_lines_priced_total", factory: factory)
        recordsIngested = CoreMetrics.Counter(label: "revenue_usage_records_ingested_total", factory: factory)
        recordsRated = CoreMetrics.Counter(label: "revenue_usage_records_rated_total", factory: factory)
    }

    /// Counts one request and records how long it took.
    func record(method: String, route: String, status: Int, duration: Duration) {
        let key = RouteKey(method: method, route: route, status: status)
        let metrics = routes.withLock { routes in
            if let known = routes[key] { return known }
            let made = RouteMetrics(
                requests: CoreMetrics.Counter(label: "http_requests_total",
                                              dimensions: [("method", method), ("route", route), ("status", "\(status)")],
                                              factory: factory),
                duration: CoreMetrics.Timer(label: "http_request_duration_seconds",
                                            dimensions: [("method", method), ("route", route)], factory: factory))
            routes[key] = made
            return made
        }
        metrics.requests.increment()
        metrics.duration.record(duration: duration)
    }

    /// Everything, in the Prometheus text format.
    func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
