import Foundation

/// A file-system error in words (`permission denied`), without Foundation's domain and code
/// (`NSCocoaErrorDomain Code=513`), for messages that name the path and the cause.
package enum FileErrorText {
    package static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return posix(Int32(underlying.code))
        }
        if nsError.domain == NSPOSIXErrorDomain { return posix(Int32(nsError.code)) }
        switch CocoaError.Code(rawValue: nsError.code) {
        case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
        case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
        case .fileWriteOutOfSpace: return "no space left on the device"
        case .fileWriteVolumeReadOnly: return "read-only file system"
        case .fileWriteFileExists: return "a file is in the way"
        case .fileReadInapplicableStringEncoding, .fileReadCorruptFile: return "not readable as text"
        default: return "cannot be read or written"
        }
    }

    private static func posix(_ code: Int32) -> String {
        switch code {
        case EISDIR: return "is a folder, not a file"
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "no such file or folder"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}
