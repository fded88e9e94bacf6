import Foundation

/// What `bench` was built for, printed above its tables so that a timing is never read without it.
///
/// The package builds for the generic x86-64 target (SSE2) and has no target flags of its own (a versioned dependency
/// may not carry them). A user may build for the machine instead (README "Speed"):
/// `swift build -c release -Xswiftc -target-cpu -Xswiftc skylake-avx512 -Xswiftc -DLANGEVIN_AVX512`. Swift code
/// cannot query the target CPU at compile time, so the build declares it with the compilation condition
/// `LANGEVIN_AVX512`, which also switches the lane arithmetic of `VectorNormalStream` and `LaneNormalStreams` to
/// literal shift counts (AVX-512 rotates). Either build gives bit-identical numbers (PN-S09, PN-S10); only the speed
/// differs. Beside the declared target the
/// line names the vector extensions the running CPU reports (Linux `/proc/cpuinfo`), so a generic build on a machine
/// that could run the AVX-512 build says so.
enum BuildTarget {
    /// The target the build declares.
    static var declared: String {
        #if LANGEVIN_AVX512
        return "AVX-512 build (declared by -DLANGEVIN_AVX512, with an AVX-512 -target-cpu)"
        #elseif arch(x86_64)
        return "generic x86-64 build (SSE2; the default)"
        #else
        return "default build for this architecture"
        #endif
    }

    /// The vector extensions of the running CPU among AVX2, FMA and AVX-512 F/DQ/VL, from `/proc/cpuinfo` (nil when
    /// that file cannot be read, e.g. off Linux).
    static var machineExtensions: [String]? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagsLine = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
        let flags = Set(flagsLine.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ":" }).map(String.init))
        return ["avx2", "fma", "avx512f", "avx512dq", "avx512vl"].filter(flags.contains)
    }

    /// One line: "build: <declared target>; CPU: <extensions>".
    static var line: String {
        let cpu = machineExtensions.map { $0.isEmpty ? "no AVX2/AVX-512" : $0.joined(separator: " ") } ?? "unknown"
        return "build: \(declared); CPU: \(cpu)"
    }
}
