import ArgumentParser
import WarehouseKit

extension SegmentChoice: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(parsing: argument)
    }
}

extension WarehouseCommand {
    /// `warehouse name`: a run's segment names and descriptions, or a new name for one segment.
    struct Name: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a run's segment names and descriptions, or rename a segment.",
            discussion: """
            Every run's segments get a generated name from what they over-like (affinity index) and their age \
            profile. `warehouse name --run 3 --segment 2 "Weekend athletes"` renames segment 2 (1…80 characters, \
            unique within the run); --segment takes a number or the current name.
            """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var runOption: RunOption

        @Option(parsing: .unconditional, help: ArgumentHelp("The segment to rename: its number or its name.", valueName: "segment"))
        var segment: SegmentChoice?

        @Argument(help: "The segment's new name (without it: list the names).")
        var newName: String?

        @OptionGroup var json: JSONOption

        func validate() throws {
            if newName != nil, segment == nil { throw ValidationError("give --segment S with a new name") }
            if newName == nil, segment != nil { throw ValidationError("give the new name for --segment \(Format.excerpt(segment?.description ?? ""))") }
            if let newName {
                do { _ = try NameJob.Rename(segment: .all, name: newName) } catch { throw ValidationError(String(describing: error)) }
            }
        }

        func run() throws {
            let rename = try segment.flatMap { segment in try newName.map { try NameJob.Rename(segment: segment, name: $0) } }
            let store = try WarehouseStore(path: database.path, mode: rename == nil ? .readOnly : .mustExist)
            let summary = try NameJob.run(store: store, run: runOption.selector, rename: rename)
            print(try json.output(summary) { summary.render() })
        }
    }
}
