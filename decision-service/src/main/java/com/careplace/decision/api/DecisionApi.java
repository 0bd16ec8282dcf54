package com.careplace.decision.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of the decision service's doors for other systems (the placement API, CDS Hooks): what they
 * refuse is answered as the same RFC 9457 problems, by {@code ProblemResponses}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DecisionApi {
}
