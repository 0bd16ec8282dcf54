package com.careplace.placement.facts;

/** Payer requirement codes, in the order decisions list them. */
public enum PayerRequirementCode {
    PRIOR_AUTHORIZATION, PHYSICIAN_CERTIFICATION, RECERTIFICATION
}
