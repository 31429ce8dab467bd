import Charts
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WarehouseTables

/// The chart of BENCHMARKS.md: time per user (µs) of each command against population size, from
/// the CSV `scripts/bench.sh` writes (`users,seed_s,…,segment_s,…,report_s,…`). Linear cost
/// shows as flat lines.
public enum BenchChartJob {
    public static func run(csv: String) throws -> String {
        let lines = csv.split(whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first?.split(separator: ",").map(String.init) else {
            throw WarehouseError.invalidArgument("the benchmark CSV is empty")
        }
        func column(_ name: String) throws -> Int {
            guard let index = header.firstIndex(of: name) else {
                throw WarehouseError.invalidArgument("the benchmark CSV has no column '\(name)' (header: \(header.joined(separator: ",")))")
            }
            return index
        }
        let users = try column("users")
        let measured = [("seed", try column("seed_s")), ("run-segmentation", try column("segment_s")), ("report", try column("report_s"))]
        var series: [[ChartPoint]] = Array(repeating: [], count: measured.count)
        for (number, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count, let n = Double(fields[users]), n > 0 else {
                throw WarehouseError.invalidArgument("line \(number + 2) of the benchmark CSV is malformed: '\(line)'")
            }
            for (index, (_, field)) in measured.enumerated() {
                guard let seconds = Double(fields[field]), seconds.isFinite, seconds >= 0 else {
                    throw WarehouseError.invalidArgument("line \(number + 2) of the benchmark CSV has a bad time: '\(fields[field])'")
                }
                series[index].append(ChartPoint(x: log10(n), y: seconds / n * 1e6))
            }
        }
        let chart = LineChart(
            title: "Time per user against population size",
            series: zip(measured, series).map { LineSeries(name: $0.0.0, points: $0.1) },
            xLabel: "users (log₁₀: 5 = 100k, 6 = 1M, 7 = 10M)", yLabel: "µs per user (wall time)",
            integerX: true,
            caption: "scripts/bench.sh, release build; flat lines mean cost linear in the number of users.")
        return chart.svg()
    }
}
