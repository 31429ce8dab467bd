#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The value of an environment variable, if set.
func environmentValue(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}

/// Whether standard error is a terminal (progress bars only then).
var standardErrorIsTerminal: Bool {
    isatty(STDERR_FILENO) != 0
}

/// Writes one line to standard error.
func printError(_ line: String) {
    writeStandardError(line + "\n")
}

/// Writes `text` to standard error, unbuffered (file descriptor 2).
func writeStandardError(_ text: String) {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { buffer in
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let written = write(STDERR_FILENO, base + offset, buffer.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}
