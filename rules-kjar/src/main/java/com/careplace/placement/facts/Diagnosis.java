package com.careplace.placement.facts;

/** One ICD-10-CM code of the request, upper-cased. */
public record Diagnosis(String code) {
}
