package dev.esl.tagmanager.api;

import jakarta.validation.ConstraintViolationException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Maps failures to the API's error body: 400 naming each bad field, 404 for unknown ids, 409 for conflicts. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalid(MethodArgumentNotValidException e) {
        List<ApiError.FieldProblem> fields = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiError.FieldProblem(f.getField(), f.getDefaultMessage())).toList();
        return answer(HttpStatus.BAD_REQUEST, "invalid request: " + describe(fields), fields);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> invalidParameter(HandlerMethodValidationException e) {
        List<ApiError.FieldProblem> fields = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new ApiError.FieldProblem(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return answer(HttpStatus.BAD_REQUEST, "invalid request: " + describe(fields), fields);
    }

    /**
     * A constraint on a parameter of a {@code @Validated} controller ({@code ?limit=0}): Spring's method validation
     * interceptor reports it this way rather than as a {@link HandlerMethodValidationException}.
     */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiError> violated(ConstraintViolationException e) {
        List<ApiError.FieldProblem> fields = e.getConstraintViolations().stream()
                .map(v -> new ApiError.FieldProblem(parameterPath(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(ApiError.FieldProblem::field))
                .toList();
        return answer(HttpStatus.BAD_REQUEST, "invalid request: " + describe(fields), fields);
    }

    /** {@code health.belowMv} names the method first: the API's caller knows the parameter only. */
    private static String parameterPath(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        var field = new ApiError.FieldProblem(e.getName(), "cannot read '" + e.getValue() + "'");
        return answer(HttpStatus.BAD_REQUEST, "invalid request: " + describe(List.of(field)), List.of(field));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        String detail = e.getMostSpecificCause().getMessage();
        return answer(HttpStatus.BAD_REQUEST, "unreadable request body: " + firstLine(detail), List.of());
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ApiError> badRequest(BadRequestException e) {
        return answer(HttpStatus.BAD_REQUEST, e.getMessage(), e.fields());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), List.of());
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ApiError> forbidden(ForbiddenException e) {
        return answer(HttpStatus.FORBIDDEN, e.getMessage(), List.of());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ApiError> conflict(ConflictException e) {
        return answer(HttpStatus.CONFLICT, e.getMessage(), List.of());
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ApiError> duplicate(DuplicateKeyException e) {
        return answer(HttpStatus.CONFLICT, "already exists: " + firstLine(e.getMostSpecificCause().getMessage()), List.of());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ApiError> integrity(DataIntegrityViolationException e) {
        log.info("Refused by the database: {}", e.getMostSpecificCause().getMessage());
        return answer(HttpStatus.CONFLICT, "refused by the database: " + firstLine(e.getMostSpecificCause().getMessage()),
                List.of());
    }

    private static ResponseEntity<ApiError> answer(HttpStatus status, String message, List<ApiError.FieldProblem> fields) {
        return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(), message, fields));
    }

    private static String describe(List<ApiError.FieldProblem> fields) {
        return String.join("; ", fields.stream().map(f -> f.field() + " " + f.problem()).toList());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
