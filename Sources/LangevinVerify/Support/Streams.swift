// Standard output and standard error, written so that a failure is seen (stdout) and never traps (stderr).
#if canImport(Glibc)
import Glibc
private let posixWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let posixWrite = Darwin.write
#endif

/// Standard output, checked: `print` buffers, so a failed write (disk full, `> /dev/full`, a closed pipe) is only
/// seen when the buffer is flushed. `ToolMain` flushes after every command and turns a failure into exit status 74.
enum StandardOutput {
    static func flush() throws(ToolError) {
        guard let stream = cStandardOutput() else {
            guard fflush(nil) == 0 else { throw ToolError(.ioError, "cannot write to standard output") }
            return
        }
        errno = 0
        let flushed = fflush(stream)
        let code = errno
        if flushed != 0 || ferror(stream) != 0 {
            clearerr(stream)
            let reason = code != 0 ? String(cString: strerror(code)) : "write error"
            throw ToolError(.ioError, "cannot write to standard output (\(reason)); the output is incomplete")
        }
    }
}

/// The C library's `stdout` stream (the one `print` writes to), looked up by name: Swift 6 refuses to read the
/// mutable C global directly.
private func cStandardOutput() -> UnsafeMutablePointer<FILE>? {
    guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "stdout") else { return nil }
    return symbol.assumingMemoryBound(to: UnsafeMutablePointer<FILE>?.self).pointee
}

/// Standard error, unbuffered, with write errors ignored (there is nowhere left to report them; `FileHandle.write`
/// would trap on a closed descriptor).
enum StandardError {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                posixWrite(2, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
        }
    }
}
