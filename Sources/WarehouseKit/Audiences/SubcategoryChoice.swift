import WarehouseTables

/// An `--interest` argument: a subcategory of the warehouse's catalogue, by id or by name
/// (ignoring case; an id is tried first, then a name, so a subcategory named "2024" is found).
public struct SubcategoryChoice: Sendable, Equatable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) {
        self.text = text.trimmingCharacters(in: .whitespaces)
    }

    public var description: String { text }

    /// Names suggested when nothing matches.
    static let suggestions = 5

    /// Throws unless there is something to look up.
    func validate() throws {
        if text.isEmpty { throw WarehouseError.invalidArgument("--interest must name a subcategory (its name or id), got ''") }
    }

    /// The subcategory's column in `catalogue.subcategories`.
    /// - Throws: `invalidArgument` naming the value and a few of the catalogue's names (those
    ///   containing the text first) when nothing matches.
    func resolve(in catalogue: WarehouseReader.Catalogue) throws -> Int {
        let subcategories = catalogue.subcategories
        if let id = Int(text), let found = subcategories.firstIndex(where: { $0.id == id }) { return found }
        let wanted = text.lowercased()
        if let found = subcategories.firstIndex(where: { $0.name.lowercased() == wanted }) { return found }
        let near = subcategories.filter { $0.name.lowercased().contains(wanted) }
        let shown = (near.isEmpty ? subcategories : near).prefix(Self.suggestions).map { "'\(Format.printable($0.name))'" }
        throw WarehouseError.invalidArgument(
            "--interest '\(Format.excerpt(text))' is no subcategory of this warehouse (by name or id); "
            + (shown.isEmpty ? "it has none" : "e.g. \(shown.joined(separator: ", ")) (\(Format.plural(subcategories.count, "subcategory", "subcategories")))"))
    }
}
