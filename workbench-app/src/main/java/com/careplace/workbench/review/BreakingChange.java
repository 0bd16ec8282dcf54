package com.careplace.workbench.review;

/**
 * A change to the vocabulary or request schema that callers of the decision API feel: a value or field
 * they send or receive is gone, a field's type changed, or a range no longer admits what it did.
 *
 * @param what     what changed, e.g. {@code Payer TRICARE removed}
 * @param effect   what callers will see, e.g. {@code requests naming it are refused (400)}
 * @param requests logged requests of the counted window that used it; {@code -1} when not counted
 */
public record BreakingChange(String what, String effect, long requests) {
}
