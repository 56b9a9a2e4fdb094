import Foundation

/// Everything the CLI tells the user besides its output goes to standard error through here.
enum StandardError {
    /// Writes `text` as it is.
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Writes `line` and a newline.
    static func line(_ line: String) {
        write(line + "\n")
    }
}
