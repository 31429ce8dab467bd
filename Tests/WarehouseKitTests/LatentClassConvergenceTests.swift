import Foundation
import Storage
import TestSupport
import Testing
@testable import WarehouseKit
@testable import WarehouseTables

/// The committed hobbies example has multinomial likes (no over-dispersion): EM used to run to
/// its 200-iteration cap there. It now meets its stopping rule, and says so.
@Suite struct LatentClassConvergenceTests {
    @Test func theImportedExampleConverges() throws {
        let dir = try TemporaryDirectory()
        let example = RepositoryFiles.root.appendingPathComponent("examples/hobbies").path
        _ = try ImportJob.run(database: dir.path("w.sqlite"), configuration: ImportConfiguration(
            catalogPath: example + "/catalog.csv", usersPath: example + "/users.csv", likesPath: example + "/likes.csv"))
        let store = try WarehouseStore(path: dir.path("w.sqlite"), mode: .mustExist)
        var configuration = quickSegmentation(k: 5, elbow: 2...6)
        configuration.method = .latentClass
        let result = try SegmentationJob.run(store: store, configuration: configuration)
        let outcome = try #require(result.latentClass)
        let (converged, iterations) = (outcome.fit.converged, outcome.fit.iterations)
        #expect(converged && iterations < 50, "\(iterations) iterations, converged \(converged)")
        let sweep = try #require(outcome.sweep)
        #expect(sweep.points.allSatisfy { $0.converged }, "\(sweep.points.map { ($0.fit.k, $0.iterations, $0.converged) })")
        #expect(sweep.suggestedK == 5)
        let summary = SegmentationSummary(result)
        let text = summary.render()
        #expect(text.contains("EM: \(iterations) iteration") && !text.contains("before converging"), "\(text)")
        let json = try summary.json()
        #expect(json.contains("\"converged\" : true") && !json.contains("\"converged\" : false"), "\(json)")
    }

    @Test func theSummarySaysWhenEMStoppedAtItsLimit() {
        #expect(SegmentationSummary.emText(iterations: 200, converged: false) == "EM: stopped at the iteration limit 200 before converging")
        #expect(SegmentationSummary.emText(iterations: 12, converged: true) == "EM: 12 iterations")
    }
}
