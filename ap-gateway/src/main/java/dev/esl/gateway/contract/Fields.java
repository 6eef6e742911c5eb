package dev.esl.gateway.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the fields of one JSON object, naming each field by its path in errors ({@code jobs[2].deadline}). */
final class Fields {
    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final Pattern TAG_ID = Pattern.compile("[0-9A-Fa-f]{16}");
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{32}");

    private final JsonNode node;
    private final String path;

    Fields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static Fields root(JsonNode node) throws ContractViolation {
        if (node == null || !node.isObject()) {
            throw new ContractViolation("the message is not a JSON object");
        }
        return new Fields(node, "");
    }

    String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    JsonNode get(String field) throws ContractViolation {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new ContractViolation(name(field) + ": missing");
        }
        return v;
    }

    Fields object(String field) throws ContractViolation {
        JsonNode v = get(field);
        if (!v.isObject()) {
            throw new ContractViolation(name(field) + ": not an object");
        }
        return new Fields(v, name(field));
    }

    String string(String field) throws ContractViolation {
        JsonNode v = get(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new ContractViolation(name(field) + ": not a non-empty string");
        }
        return v.asText();
    }

    String optionalString(String field) throws ContractViolation {
        return has(field) ? string(field) : null;
    }

    String oneOf(String field, Set<String> allowed) throws ContractViolation {
        String v = string(field);
        if (!allowed.contains(v)) {
            throw new ContractViolation(name(field) + ": '" + v + "' is not one of " + allowed);
        }
        return v;
    }

    String serial(String field) throws ContractViolation {
        return matching(field, SERIAL, "1 to 16 letters, digits, '-' or '_'");
    }

    String tagId(String field) throws ContractViolation {
        return matching(field, TAG_ID, "16 hex digits").toUpperCase();
    }

    String hash(String field) throws ContractViolation {
        return matching(field, HASH, "32 hex digits").toLowerCase();
    }

    int integer(String field, int min, int max) throws ContractViolation {
        JsonNode v = get(field);
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw new ContractViolation(name(field) + ": " + v + " is not a whole number from " + min + " to " + max);
        }
        return v.asInt();
    }

    Integer optionalInteger(String field, int min, int max) throws ContractViolation {
        return has(field) ? integer(field, min, max) : null;
    }

    double number(String field) throws ContractViolation {
        JsonNode v = get(field);
        if (!v.isNumber()) {
            throw new ContractViolation(name(field) + ": " + v + " is not a number");
        }
        return v.asDouble();
    }

    Instant instant(String field) throws ContractViolation {
        String v = string(field);
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new ContractViolation(name(field) + ": '" + v + "' is not an ISO-8601 UTC instant");
        }
    }

    byte[] base64(String field) throws ContractViolation {
        String v = string(field);
        try {
            return Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            throw new ContractViolation(name(field) + ": not base64 (" + e.getMessage() + ")");
        }
    }

    void expect(String field, String value) throws ContractViolation {
        String v = string(field);
        if (!v.equals(value)) {
            throw new ContractViolation(name(field) + ": '" + v + "', expected '" + value + "'");
        }
    }

    void schema() throws ContractViolation {
        integer("schema", 1, 1);
    }

    private String matching(String field, Pattern pattern, String what) throws ContractViolation {
        String v = string(field);
        if (!pattern.matcher(v).matches()) {
            throw new ContractViolation(name(field) + ": '" + v + "' is not " + what);
        }
        return v;
    }

    /** A broken rule, with the path of the field; turned into an {@link InvalidMessageException}. */
    static final class ContractViolation extends Exception {
        ContractViolation(String message) {
            super(message, null, false, false);
        }
    }
}
