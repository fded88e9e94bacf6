// Verification: estimators with guaranteed-level intervals, rate fits, exact metrics, the claims registry and verdicts.
