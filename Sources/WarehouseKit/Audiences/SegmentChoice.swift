import WarehouseTables

/// A `--segment` argument: a segment number of the run, or one of its names (ignoring case), or
/// `all` where a command takes every segment.
public enum SegmentChoice: Sendable, Equatable, CustomStringConvertible {
    case number(Int)
    case name(String)
    case all

    public init(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "all" {
            self = .all
        } else if let number = Int(trimmed) {
            self = .number(number)
        } else {
            self = .name(trimmed)
        }
    }

    public var description: String {
        switch self {
        case .number(let number): String(number)
        case .name(let name): name
        case .all: "all"
        }
    }

    /// The segments chosen among `names` (one run's), in segment order.
    /// - Throws: `WarehouseError.invalidArgument` naming the value when no segment matches.
    func resolve(in names: [SegmentName], run: Int64) throws -> [SegmentName] {
        switch self {
        case .all:
            return names
        case .number(let number):
            guard let found = names.first(where: { $0.segment == number }) else {
                throw WarehouseError.invalidArgument("run \(run) has no segment \(number) (segments 1…\(names.count))")
            }
            return [found]
        case .name(let name):
            guard let found = names.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw WarehouseError.invalidArgument(
                    "run \(run) has no segment named '\(Format.excerpt(name))' (see `warehouse name --run \(run)`)")
            }
            return [found]
        }
    }
}
