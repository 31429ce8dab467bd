import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Parse and run by hand so that every failure is ONE line on stderr (the problem and the value),
// with ArgumentParser's exit codes; help and version still print in full.
if let typo = CommandSuggestion.message(for: Array(CommandLine.arguments.dropFirst())) {
    printError("warehouse: error: \(typo)")
    exit(ExitCode.validationFailure.rawValue)
}
do {
    var command = try WarehouseCommand.parseAsRoot()
    Interruption.install(for: command)
    try command.run()
} catch {
    let code = WarehouseCommand.exitCode(for: error)
    if code.isSuccess {
        WarehouseCommand.exit(withError: error)
    }
    let message = WarehouseCommand.message(for: error)
        .split(whereSeparator: \.isNewline).first.map(String.init) ?? "failed"
    printError("warehouse: error: \(message)")
    exit(code.rawValue == 0 ? 1 : code.rawValue)
}
