package com.careplace.placement;

/**
 * One offending field of a request.
 *
 * @param field   the field's path, e.g. {@code dimensions.d3} or {@code diagnoses[2]}; {@code $} for the whole body
 * @param message what is wrong, in words a caller can act on
 */
public record FieldError(String field, String message) {
}
