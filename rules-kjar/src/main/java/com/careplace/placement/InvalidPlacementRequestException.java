package com.careplace.placement;

import java.util.List;
import java.util.stream.Collectors;

/** A request broke the spec's input rules; {@link #errors()} names every offending field. */
public class InvalidPlacementRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidPlacementRequestException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
