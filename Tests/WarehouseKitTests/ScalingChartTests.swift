import Testing
import WarehouseKit
@testable import WarehouseTables

@Suite struct ScalingChartTests {
    let header = "users,seed_s,seed_rows_per_s,seed_mb,segment_s,segment_mb,report_s,report_mb,report_kb,db_mb"

    @Test func drawsOneLinePerCommand() throws {
        let svg = try BenchChartJob.run(csv: header + "\n100000,0.6,1,1,0.5,1,0.2,1,1,1\n1000000,6.1,1,1,5.0,1,1.5,1,1,1\n")
        #expect(svg.hasPrefix("<svg"))
        for name in ["seed", "run-segmentation", "report"] { #expect(svg.contains(name)) }
    }

    @Test func refusesMalformedCSV() {
        #expect(throws: WarehouseError.self) { try BenchChartJob.run(csv: "") }
        #expect(throws: WarehouseError.self) { try BenchChartJob.run(csv: "users,seed_s\n10,1\n") }
        #expect(throws: WarehouseError.self) { try BenchChartJob.run(csv: header + "\n100000,abc,1,1,0.5,1,0.2,1,1,1\n") }
    }
}
