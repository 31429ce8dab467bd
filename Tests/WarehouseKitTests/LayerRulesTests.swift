import Foundation
import Testing

/// The architecture's two rules, held by a test because the compiler cannot (WarehouseKit is one
/// module): SQL text lives only in Storage, the migrations and WarehouseKit/Tables; a job folder
/// never names a type (or top-level function) declared in another job folder.
@Suite struct LayerRulesTests {
    /// The folders of WarehouseKit that hold one command's job each. The others (Store, Tables,
    /// Features, Fitting, Output, Files, Support) are layers every job may use.
    static let jobFolders = ["Seeding", "Segmentation", "Report", "Targeting", "Runs", "Exchange", "Info", "Check", "Benchmark", "Campaign", "Import"]

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
            if path.hasPrefix("Sources/Storage/") || path.hasPrefix("Sources/WarehouseKit/Tables/") { continue }
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
        for file in jobFiles {
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
        for layer in ["Store", "Tables", "Features", "Fitting", "Output", "Files", "Support"] {
            for (path, text) in try Self.sources("Sources/WarehouseKit/" + layer) {
                let code = Self.code(text)
                for (name, owner) in owners where code.contains(try Regex("\\b" + name + "\\b")) {
                    offenders.append("\(path) names \(name) of \(owner)/")
                }
            }
        }
        #expect(offenders.isEmpty, "layers that depend on a job:\n\(offenders.sorted().joined(separator: "\n"))")
    }
}
