// Test support re-exports the Verification module: the guaranteed-level intervals, half-widths, sample sizes,
// the secant slope rule and the exact binomial bounds moved there (they are also used by the command-line
// tool), and every test that imports VerificationTestSupport keeps seeing them.
@_exported import Verification
