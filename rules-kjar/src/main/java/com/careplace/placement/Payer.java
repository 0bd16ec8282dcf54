package com.careplace.placement;

/** Who pays for treatment; payer rules differ per payer. */
public enum Payer {
    MEDICARE, MEDICAID, COMMERCIAL, TRICARE, SELF_PAY
}
