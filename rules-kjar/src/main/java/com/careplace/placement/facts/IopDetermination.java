package com.careplace.placement.facts;

/**
 * Derived: the IOP status. {@code reason} is the single reason of an eligible or not-indicated
 * status; for {@code NOT_ELIGIBLE} the reasons are the {@link IopExclusion} facts and it is {@code null}.
 */
public record IopDetermination(IopStatus status, IopReason reason) {
}
