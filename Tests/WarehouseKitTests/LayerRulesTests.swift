import Foundation
import Testing

/// The architecture's rules. The module graph holds the first ones (the compiler refuses a cycle,
/// and WarehouseKit has no connection to reach: `WarehouseStore.connection` is internal to
/// WarehouseTables); these tests hold the rest: which modules each layer imports, SQL text only in
/// Storage, the migrations and WarehouseTables, a job folder never naming a type (or top-level
/// function) declared in another job folder, and the layers inside WarehouseKit in one order.
@Suite struct LayerRulesTests {
    /// The folders of WarehouseKit that hold one command's job each. The others (`layers`) are
    /// shared by the jobs.
    static let jobFolders = ["Seed", "Import", "Segmentation", "Report", "Pipeline", "Target", "Assign", "Recommend", "Name",
                             "Audience", "Lookalike", "Export", "ImportRun", "Runs", "Compare", "Trends", "Info", "Check", "BenchChart",
                             "Evaluate"]

    /// Job folders that compose other jobs (`pipeline` runs seed, segmentation and report): they
    /// may name the jobs they compose; no job may name them.
    static let compositions: Set<String> = ["Pipeline"]

    /// The layers of WarehouseKit, highest first: a layer may name the types of the layers after
    /// it, never of one before it (so they cannot grow into a cycle).
    static let layers = ["Targeting", "Predicting", "Audiences", "Fitting", "Features", "Files", "Output"]

    /// Every Swift file below `folder`, as (path relative to the repository, text).
    static func sources(_ folder: String) throws -> [(path: String, text: String)] {
        let root = RepositoryFiles.root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var files: [(String, String)] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
            files.append((folder + "/" + relative, text))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// `text` without `//` comments (doc comments name other types freely).
    static func code(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let range = line.range(of: "//") else { return String(line) }
            return String(line[..<range.lowerBound])
        }.joined(separator: "\n")
    }

    /// The string literals of `code` (single-line and the lines of multi-line ones).
    static func stringLiterals(_ code: String) -> [String] {
        var literals: [String] = []
        var inMultiline = false
        for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains("\"\"\"") {
                inMultiline.toggle()
                continue
            }
            if inMultiline {
                literals.append(String(line))
                continue
            }
            let parts = line.split(separator: "\"", omittingEmptySubsequences: false)
            for index in stride(from: 1, to: parts.count, by: 2) { literals.append(String(parts[index])) }
        }
        return literals
    }

    static var sqlWords: Regex<AnyRegexOutput> { get throws { try Regex(#"\b(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE|DROP|ALTER|BEGIN|COMMIT|ROLLBACK|VACUUM)\b|sqlite_schema|sqlite_master"#) } }

    @Test func sqlTextLivesOnlyInStorageMigrationsAndTables() throws {
        var offenders: [String] = []
        for (path, text) in try Self.sources("Sources") {
            if path.hasPrefix("Sources/Storage/") || path.hasPrefix("Sources/WarehouseTables/") { continue }
            for literal in Self.stringLiterals(Self.code(text)) where literal.contains(try Self.sqlWords) {
                offenders.append("\(path): \(literal.trimmingCharacters(in: .whitespaces).prefix(60))")
            }
        }
        #expect(offenders.isEmpty, "SQL outside Storage, migrations and Tables:\n\(offenders.joined(separator: "\n"))")
    }

    static var declaration: Regex<AnyRegexOutput> {
        get throws {
            try Regex(#"(?m)^(?:public |internal |private |fileprivate )?(?:final )?(?:struct|enum|class|protocol|typealias|func)\s+([A-Za-z_][A-Za-z0-9_]*)"#)
        }
    }

    @Test func noJobFolderNamesAnotherJobFoldersTypes() throws {
        var owners: [String: String] = [:]
        var jobFiles: [(folder: String, path: String, code: String)] = []
        for folder in Self.jobFolders {
            for (path, text) in try Self.sources("Sources/WarehouseKit/" + folder) {
                for match in text.matches(of: try Self.declaration) {
                    if let name = match.output[1].substring { owners[String(name)] = folder }
                }
                jobFiles.append((folder, path, Self.code(text)))
            }
        }
        #expect(owners.count > 20, "the declaration scan found only \(owners.count) names")
        var offenders: [String] = []
        for file in jobFiles where !Self.compositions.contains(file.folder) {
            for (name, owner) in owners where owner != file.folder {
                let word = try Regex("\\b" + name + "\\b")
                if file.code.contains(word) { offenders.append("\(file.path) names \(name) of \(owner)/") }
            }
        }
        #expect(offenders.isEmpty, "job folders that reach into another:\n\(offenders.sorted().joined(separator: "\n"))")
    }

    @Test func layersDoNotReachIntoJobFolders() throws {
        var owners: [String: String] = [:]
        for folder in Self.jobFolders {
            for (_, text) in try Self.sources("Sources/WarehouseKit/" + folder) {
                for match in text.matches(of: try Self.declaration) {
                    if let name = match.output[1].substring { owners[String(name)] = folder }
                }
            }
        }
        var offenders: [String] = []
        for layer in Self.layers {
            for (path, text) in try Self.sources("Sources/WarehouseKit/" + layer) {
                let code = Self.code(text)
                for (name, owner) in owners where code.contains(try Regex("\\b" + name + "\\b")) {
                    offenders.append("\(path) names \(name) of \(owner)/")
                }
            }
        }
        #expect(offenders.isEmpty, "layers that depend on a job:\n\(offenders.sorted().joined(separator: "\n"))")
    }

    /// Names declared in each folder of `folders` (under Sources/WarehouseKit), by folder.
    static func declarations(in folders: [String]) throws -> [String: String] {
        var owners: [String: String] = [:]
        for folder in folders {
            for (_, text) in try Self.sources("Sources/WarehouseKit/" + folder) {
                for match in text.matches(of: try Self.declaration) {
                    if let name = match.output[1].substring { owners[String(name)] = folder }
                }
            }
        }
        return owners
    }

    @Test func layersNameOnlyTheLayersBelowThem() throws {
        let owners = try Self.declarations(in: Self.layers)
        #expect(owners.count > 10, "the declaration scan found only \(owners.count) names")
        var offenders: [String] = []
        for (rank, layer) in Self.layers.enumerated() {
            for (path, text) in try Self.sources("Sources/WarehouseKit/" + layer) {
                let code = Self.code(text)
                for (name, owner) in owners where owner != layer {
                    guard let ownerRank = Self.layers.firstIndex(of: owner), ownerRank < rank else { continue }
                    if code.contains(try Regex("\\b" + name + "\\b")) { offenders.append("\(path) names \(name) of \(owner)/, a layer above it") }
                }
            }
        }
        #expect(offenders.isEmpty, "layers that reach up:\n\(offenders.sorted().joined(separator: "\n"))")
    }

    /// The modules each source folder may import: WarehouseKit reaches the tables only through
    /// WarehouseTables (no connection, no SQL), and the command line sees only the jobs.
    static let allowedImports: [(folder: String, modules: Set<String>)] = [
        ("Sources/warehouse", ["ArgumentParser", "WarehouseKit", "Foundation", "Dispatch", "Glibc", "Darwin"]),
        ("Sources/WarehouseKit", ["WarehouseTables", "WarehouseSupport", "Analysis", "Population", "Randomness", "Charts",
                                  "Foundation", "FoundationXML", "Dispatch", "Synchronization", "Glibc", "Darwin"]),
        ("Sources/WarehouseTables", ["Storage", "WarehouseSchema", "WarehouseSupport", "Analysis", "Population",
                                     "Foundation", "Dispatch", "Synchronization", "Glibc", "Darwin"]),
        ("Sources/WarehouseSupport", ["Foundation", "Dispatch", "Synchronization", "Glibc", "Darwin"]),
    ]

    @Test func eachModuleImportsOnlyTheModulesBelowIt() throws {
        let importLine = try Regex(#"(?m)^\s*(?:@testable\s+|@_exported\s+)?import\s+(?:struct\s+|enum\s+|class\s+|func\s+)?([A-Za-z_][A-Za-z0-9_]*)"#)
        var offenders: [String] = []
        var seen = 0
        for (folder, allowed) in Self.allowedImports {
            for (path, text) in try Self.sources(folder) {
                for match in text.matches(of: importLine) {
                    guard let module = match.output[1].substring.map(String.init) else { continue }
                    seen += 1
                    if !allowed.contains(module) { offenders.append("\(path) imports \(module)") }
                }
            }
        }
        #expect(seen > 100, "the import scan found only \(seen) imports")
        #expect(offenders.isEmpty, "imports across the layers:\n\(offenders.sorted().joined(separator: "\n"))")
    }

    /// Issue 10's rule, kept for every module above the tables: no code line (comments aside)
    /// holds a statement's text, in or out of a string literal.
    @Test func theJobsAndTheCommandLineHoldNoSQLText() throws {
        let markers = ["PRAGMA", "sqlite_schema", "sqlite_master", "SELECT ", "INSERT INTO", "DELETE FROM", "CREATE TABLE"]
        var offenders: [String] = []
        for folder in ["Sources/WarehouseKit", "Sources/warehouse", "Sources/WarehouseSupport"] {
            for (path, text) in try Self.sources(folder) {
                for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                    if markers.contains(where: { line.contains($0) }) { offenders.append("\(path): \(line)") }
                }
            }
        }
        #expect(offenders.isEmpty, "SQL text above the tables:\n\(offenders.joined(separator: "\n"))")
    }

    /// Every folder of WarehouseKit is a job folder or a layer (a new folder must say which), and
    /// each job folder `X` has one entry, `XJob.run(…)`, in `X/XJob.swift`: a newcomer finds a
    /// command's code by its name.
    @Test func eachCommandHasOneJobFolderWithOneEntry() throws {
        let root = RepositoryFiles.root.appendingPathComponent("Sources/WarehouseKit").path
        let folders = try FileManager.default.contentsOfDirectory(atPath: root).filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + $0, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        #expect(Set(folders) == Set(Self.jobFolders + Self.layers), "folders neither a job nor a layer, or missing: \(folders.sorted())")
        for folder in Self.jobFolders {
            let job = folder + "Job"
            let text = try RepositoryFiles.text("Sources/WarehouseKit/\(folder)/\(job).swift")
            #expect(text.contains("public enum \(job) {"), "\(folder)/\(job).swift declares no `public enum \(job)`")
            let entries = text.matches(of: try Regex(#"(?m)^    public static func (\w+)\("#)).compactMap { $0.output[1].substring.map(String.init) }
            #expect(entries == ["run"], "\(job)'s public entries are \(entries), not one `run`")
        }
    }
}
