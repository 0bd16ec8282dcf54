package com.careplace.decision.api;

import com.careplace.decision.decisionlog.DecisionLogUnavailableException;
import com.careplace.decision.release.NoActiveReleaseException;
import com.careplace.decision.release.ReleaseRejectedException;
import com.careplace.decision.release.UnknownReleaseException;
import com.careplace.placement.InvalidPlacementRequestException;
import com.careplace.placement.PlacementEvaluationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;

/** RFC 9457 problem responses for everything the placement API (and every {@link DecisionApi} door) refuses. */
@RestControllerAdvice(annotations = DecisionApi.class)
class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler
    ProblemDetail invalid(InvalidPlacementRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e.errors().size() + (e.errors().size() == 1 ? " field is" : " fields are") + " invalid; see errors.");
        problem.setTitle("Invalid placement request");
        problem.setProperty("errors", e.errors());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail malformed(RequestBodyReader.MalformedBodyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Malformed request body");
        problem.setProperty("errors", List.of(Map.of("field", "$", "message", e.getMessage())));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail tooLarge(RequestBodyReader.BodyTooLargeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setTitle("Request body too large");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unknownRelease(UnknownReleaseException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()
                + "; omit 'release' to use the active release.");
        problem.setTitle("Unknown release");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail releaseUnusable(ReleaseRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The pinned release cannot be loaded on this node: " + e.getMessage());
        problem.setTitle("Release unavailable");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail noRelease(NoActiveReleaseException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Not ready");
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notLogged(DecisionLogUnavailableException e) {
        // Logged (rate-limited) and counted by the decision log, not here once per request.
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()
                + ". Every decision is recorded before it is given, so this one was not given; retry shortly.");
        problem.setTitle("Decision log unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> databaseUnavailable(DataAccessException e) {
        // The type only: a database message can quote the values of the statement.
        log.warn("Database unavailable for a placement request: {}", e.getClass().getName());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The release store cannot be reached just now; retry shortly.");
        problem.setTitle("Database unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    @ExceptionHandler
    ProblemDetail evaluationFailed(PlacementEvaluationException e) {
        // Only the kind: the message lists fired rules, which say something about the patient (PHI stays out of logs).
        log.error("Evaluation failed: {}", e.kind());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The rules could not decide this request: " + e.getMessage());
        problem.setTitle(e.kind() == PlacementEvaluationException.Kind.RUNAWAY ? "Evaluation aborted" : "Evaluation failed");
        problem.setProperty("kind", e.kind().name());
        return problem;
    }
}
