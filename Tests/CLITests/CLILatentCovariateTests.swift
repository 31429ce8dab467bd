import TestSupport
import Foundation
import Testing

@Suite struct CLILatentCovariateTests {
    @Test func covariatesFromTheCommandLine() throws {
        let dir = try TemporaryDirectory()
        let db = dir.path("w.sqlite")
        #expect(try CLIRunner.run(["seed", "--db", db, "--users", "1500", "--quiet"]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let refused = try CLIRunner.run(["run-segmentation", "--db", db, "--covariates", "age-group", "--elbow", "off", "--quiet"])
        #expect(refused.status != 0)
        #expect(refused.errorLines.count == 1, "stderr: \(refused.stderr)")
        #expect(refused.stderr.contains("--covariates age-group needs --method latent-class"), "stderr: \(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "a refused run leaves the database as it was")
        let unknown = try CLIRunner.run(["run-segmentation", "--db", db, "--method", "latent-class", "--covariates", "income"])
        #expect(unknown.status != 0 && unknown.stderr.contains("income"), "stderr: \(unknown.stderr)")

        let run = try CLIRunner.run(["run-segmentation", "--db", db, "--method", "latent-class", "--covariates", "age-group",
                                     "--elbow", "off", "--quiet"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("weights per age group"), "stdout: \(run.stdout)")
        let runs = try CLIRunner.run(["runs", "--db", db, "--json"])
        #expect(runs.stdout.contains("\"covariates\" : \"age-group\""), "stdout: \(runs.stdout)")
    }
}
