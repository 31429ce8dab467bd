import ArgumentParser
import Foundation
import WarehouseKit

extension WarehouseCommand {
    /// `warehouse bench-chart`: draws BENCHMARKS.md's scaling chart from scripts/bench.sh's CSV.
    struct BenchChart: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench-chart",
            abstract: "Draw the time-per-user chart of scripts/bench.sh's CSV as SVG (for BENCHMARKS.md).",
            shouldDisplay: false)

        @Option(help: ArgumentHelp("The CSV scripts/bench.sh wrote.", valueName: "path"))
        var csv: String

        @Option(help: ArgumentHelp("The SVG file to write.", valueName: "path"))
        var out: String

        func run() throws {
            let text: String
            do {
                text = try String(contentsOfFile: csv, encoding: .utf8)
            } catch {
                throw WarehouseError.invalidArgument("cannot read the benchmark CSV '\(csv)'")
            }
            let svg = try BenchChartJob.run(csv: text)
            try ReportFileWriter.write(svg, to: out, sparing: nil)
            print("wrote \(Format.printable(out))")
        }
    }
}
