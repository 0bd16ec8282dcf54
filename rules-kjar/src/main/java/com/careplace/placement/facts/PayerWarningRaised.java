package com.careplace.placement.facts;

/** Derived: a payer warning that applies to this request. */
public record PayerWarningRaised(PayerWarning warning) {
}
