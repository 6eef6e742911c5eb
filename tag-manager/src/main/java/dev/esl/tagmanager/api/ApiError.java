package dev.esl.tagmanager.api;

import java.util.List;

/** The body of every error answer: what went wrong, and for validation errors each bad field. */
public record ApiError(int status, String error, String message, List<FieldProblem> fields) {

    /** One bad field ({@code field} is a JSON path such as {@code rows[3].price}) or CSV cell. */
    public record FieldProblem(String field, String problem) {
    }
}
