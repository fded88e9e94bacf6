// The single doorway between Swift and GSL.
//
// Goals, in order: (1) GSL never aborts the process: its default error handler is replaced once,
// before the first call; (2) every GSL failure becomes a thrown `GSLError` that carries GSL's own
// reason, file and line; (3) value-returning functions are checked for NaN, because some GSL
// functions (e.g. `gsl_cdf_ugaussian_Pinv(1.5)`) return NaN without calling the handler.
//
// GSL reports synchronously on the calling thread and then re-reports up its own call chain, so the
// handler keeps only the *first* report per thread until it is taken.
import CGSL
import Foundation

/// A failure reported by GSL (or a NaN returned by a GSL function), as a Swift error.
public struct GSLError: Error, Equatable, CustomStringConvertible, Sendable {
    /// GSL status code (`GSL_EDOM`, `GSL_ERANGE`, …); `GSL_EDOM` for a silent NaN.
    public let code: Int32
    /// Which call failed, in our words.
    public let context: String
    /// GSL's own message with its file and line, when GSL gave one.
    public let reason: String?

    public var description: String {
        let kind = String(cString: gsl_strerror(code))
        return "GSL error in \(context): \(reason ?? kind) [\(kind), code \(code)]"
    }
}

private final class ErrorSlot {
    var code: Int32 = 0
    var reason: String?
}

private let errorSlotKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { pointer in
        if let pointer { Unmanaged<ErrorSlot>.fromOpaque(pointer).release() }
    }
    return key
}()

private func currentErrorSlot() -> ErrorSlot {
    if let pointer = pthread_getspecific(errorSlotKey) {
        return Unmanaged<ErrorSlot>.fromOpaque(pointer).takeUnretainedValue()
    }
    let slot = ErrorSlot()
    pthread_setspecific(errorSlotKey, Unmanaged.passRetained(slot).toOpaque())
    return slot
}

private let recordingHandler: @convention(c) (
    UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32, Int32
) -> Void = { reason, file, line, code in
    let slot = currentErrorSlot()
    guard slot.code == 0 else { return }
    slot.code = code
    let text = reason.map { String(cString: $0) } ?? "unknown reason"
    let place = file.map { String(cString: $0) } ?? "?"
    slot.reason = "\(text) (\(place):\(line))"
}

/// Calls into GSL with its aborting handler replaced and its failures turned into `GSLError`.
public enum GSL {
    private static let handlerInstalled: Bool = {
        _ = gsl_set_error_handler(recordingHandler)
        return true
    }()

    /// Installs the recording handler (idempotent, thread-safe through Swift's lazy globals).
    @inline(__always) public static func setUp() { _ = handlerInstalled }

    /// GSL's version string, e.g. "2.7.1".
    public static var version: String { String(cString: cgsl_version()) }

    private static func takeError() -> (Int32, String?) {
        let slot = currentErrorSlot()
        defer { slot.code = 0; slot.reason = nil }
        return (slot.code, slot.reason)
    }

    /// Runs a status-returning GSL call; throws unless it returned `GSL_SUCCESS`.
    public static func check(_ context: @autoclosure () -> String, _ body: () -> Int32) throws(GSLError) {
        setUp()
        _ = takeError()
        let status = body()
        let (code, reason) = takeError()
        guard status == GSL_SUCCESS, code == 0 else {
            throw GSLError(code: status != GSL_SUCCESS ? status : code, context: context(), reason: reason)
        }
    }

    /// Runs a value-returning GSL call; throws if GSL reported an error or the value is NaN.
    public static func value(_ context: @autoclosure () -> String, _ body: () -> Double) throws(GSLError) -> Double {
        setUp()
        _ = takeError()
        let result = body()
        let (code, reason) = takeError()
        if code != 0 { throw GSLError(code: code, context: context(), reason: reason) }
        if result.isNaN {
            throw GSLError(code: Int32(GSL_EDOM), context: context(), reason: "GSL returned NaN")
        }
        return result
    }
}
