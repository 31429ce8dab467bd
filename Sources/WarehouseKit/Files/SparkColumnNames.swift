import WarehouseSupport

/// Column names for the CSV files handed to Apache Spark (`export`), and the names an engine's
/// result echoes back (`import-run`). A feature's name holds its category's, which may be any
/// text: Spark reads a dot as a nested field (`e.g. books`: FIELD_NOT_FOUND) and compares column
/// names ignoring case (`Music` and `music`: COLUMN_ALREADY_EXISTS).
///
/// So each character outside `[A-Za-z0-9_]` becomes `_`, and a name equal, ignoring case, to an
/// earlier one or to a reserved one (`user_id`) gets `_2`, `_3`, … (the first free). Names that
/// are already safe and distinct are kept as they are. The real names go beside them in
/// `schema.json`.
enum SparkColumnNames {
    static func of(_ names: [String], reserved: [String] = ["user_id"]) -> [String] {
        distinctIgnoringCase(names.map { name in
            String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_") ? scalar : "_"
            }))
        }, reserved: reserved)
    }
}
