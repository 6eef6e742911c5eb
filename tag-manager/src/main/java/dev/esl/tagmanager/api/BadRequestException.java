package dev.esl.tagmanager.api;

import java.util.List;

/** A request that is well-formed JSON but asks for something impossible: answered 400 with the bad fields. */
public class BadRequestException extends RuntimeException {
    private final List<ApiError.FieldProblem> fields;

    public BadRequestException(String message, List<ApiError.FieldProblem> fields) {
        super(message);
        this.fields = List.copyOf(fields);
    }

    public BadRequestException(String field, String problem) {
        this(field + ": " + problem, List.of(new ApiError.FieldProblem(field, problem)));
    }

    public List<ApiError.FieldProblem> fields() {
        return fields;
    }
}
