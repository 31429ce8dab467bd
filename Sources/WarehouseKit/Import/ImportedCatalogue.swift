import WarehouseSupport

/// A platform's interest taxonomy as read from `catalog.csv`: categories in order of first
/// appearance, each subcategory under exactly one of them. Ids are positions + 1 (the order of
/// the file), unless the warehouse already holds the same catalogue, whose ids are kept.
struct ImportedCatalogue: Equatable {
    struct Subcategory: Equatable {
        let name: String
        /// Index into `categories`.
        let category: Int
        let description: String?
    }

    var categories: [String] = []
    var subcategories: [Subcategory] = []

    static let requiredColumns = ["category", "subcategory"]
    static let optionalColumns = ["description"]
    static let minimumCategories = 2
    static let maximumCategories = 1_000
    static let maximumSubcategories = 10_000
    /// Longest category or subcategory name, in characters.
    static let maximumNameLength = 100
    /// Longest description, in Unicode code points (as the schema's length() CHECK counts).
    static let maximumDescriptionLength = 2_000

    /// Reads and checks `catalog.csv`; nil when it has problems (added to `problems`).
    static func read(_ path: String, database: String?, problems: inout ImportProblems) -> ImportedCatalogue? {
        guard let file = ImportFile.open(path, required: requiredColumns, optional: optionalColumns, database: database,
                                         problems: &problems) else { return nil }
        let before = problems.lines.count
        var catalogue = ImportedCatalogue()
        var categoryIndex: [String: Int] = [:]
        var subcategoryLine: [String: (line: Int, category: Int)] = [:]
        let reader = file.reader
        do {
            while !problems.isFull, try reader.next() {
                let line = reader.line
                guard reader.fieldCount == file.width else {
                    problems.add(path, line, "\(reader.fieldCount) fields, the header has \(file.width) columns")
                    continue
                }
                guard let category = name(file, "category", line: line, problems: &problems),
                      let subcategory = name(file, "subcategory", line: line, problems: &problems) else { continue }
                var description: String?
                if let field = file.field("description"), !field.isEmpty {
                    guard field.isValidUTF8 else {
                        problems.add(path, line, "column description is not UTF-8 text")
                        continue
                    }
                    // SQLite's text functions stop at a NUL, and the schema's length() CHECK
                    // counts code points (not Swift's grapheme clusters).
                    guard !field.contains(0) else {
                        problems.add(path, line, "column description holds a NUL byte")
                        continue
                    }
                    let text = String(decoding: field, as: UTF8.self)
                    guard text.unicodeScalars.count <= maximumDescriptionLength else {
                        problems.add(path, line, "column description is longer than \(maximumDescriptionLength) characters")
                        continue
                    }
                    description = text
                }
                let index = categoryIndex[category] ?? {
                    catalogue.categories.append(category)
                    categoryIndex[category] = catalogue.categories.count - 1
                    return catalogue.categories.count - 1
                }()
                if let earlier = subcategoryLine[subcategory] {
                    if earlier.category == index {
                        problems.add(path, line, "subcategory \(quotedValue(subcategory)) is listed twice (first on line \(earlier.line))")
                    } else {
                        problems.add(path, line, "subcategory \(quotedValue(subcategory)) is listed under \(quotedValue(category)) and under \(quotedValue(catalogue.categories[earlier.category])) (line \(earlier.line)); subcategory names must be unique across the catalogue")
                    }
                    continue
                }
                subcategoryLine[subcategory] = (line, index)
                catalogue.subcategories.append(Subcategory(name: subcategory, category: index, description: description))
            }
        } catch let malformed as CSVReader.Malformed {
            problems.add(path, malformed.line, malformed.reason)
        } catch {
            problems.add(path, nil, "\(error)")
        }
        guard problems.lines.count == before else { return nil }
        if catalogue.subcategories.isEmpty {
            problems.add(path, nil, "no subcategories (only a header)")
        } else if catalogue.categories.count < minimumCategories {
            problems.add(path, nil, "\(catalogue.categories.count) category (\(quotedValue(catalogue.categories[0]))); a catalogue needs at least \(minimumCategories)")
        } else if catalogue.categories.count > maximumCategories {
            problems.add(path, nil, "\(catalogue.categories.count) categories; at most \(maximumCategories) are supported")
        } else if catalogue.subcategories.count > maximumSubcategories {
            problems.add(path, nil, "\(catalogue.subcategories.count) subcategories; at most \(maximumSubcategories) are supported")
        }
        return problems.lines.count == before ? catalogue : nil
    }

    /// A category or subcategory name: UTF-8, not empty, no control characters, not too long.
    private static func name(_ file: ImportFile, _ column: String, line: Int, problems: inout ImportProblems) -> String? {
        guard let field = file.field(column) else { return nil }
        guard field.isValidUTF8 else {
            problems.add(file.name, line, "column \(column) is not UTF-8 text")
            return nil
        }
        let text = String(decoding: field, as: UTF8.self).trimmingSpaces
        guard !text.isEmpty else {
            problems.add(file.name, line, "column \(column) is empty")
            return nil
        }
        guard !text.unicodeScalars.contains(where: isUnprintable) else {
            problems.add(file.name, line, "column \(column): \(quotedValue(text)) holds control characters")
            return nil
        }
        guard text.count <= maximumNameLength else {
            problems.add(file.name, line, "column \(column): \(quotedValue(text)) is longer than \(maximumNameLength) characters")
            return nil
        }
        return text
    }
}
