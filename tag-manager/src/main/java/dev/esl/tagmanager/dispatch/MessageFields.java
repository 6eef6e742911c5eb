package dev.esl.tagmanager.dispatch;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/** Reads required and optional fields of a contract message, naming the field (with its path) when one is wrong. */
final class MessageFields {
    private final JsonNode node;
    private final String path;

    MessageFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static MessageFields root(byte[] payload) throws InvalidMessageException {
        try {
            JsonNode node = Contract.JSON.readTree(payload);
            if (node == null || !node.isObject()) {
                throw new InvalidMessageException("not a JSON object");
            }
            return new MessageFields(node, "");
        } catch (tools.jackson.core.JacksonException e) {
            throw new InvalidMessageException("not JSON: " + e.getOriginalMessage());
        }
    }

    void expect(String field, String value) throws InvalidMessageException {
        String actual = string(field);
        if (!actual.equals(value)) {
            throw new InvalidMessageException(name(field) + ": expected '" + value + "', got '" + actual + "'");
        }
    }

    String string(String field) throws InvalidMessageException {
        JsonNode v = node.get(field);
        if (v == null || !v.isString() || v.asString().isEmpty()) {
            throw new InvalidMessageException(name(field) + ": missing or not a non-empty string");
        }
        return v.asString();
    }

    String optionalString(String field) throws InvalidMessageException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new InvalidMessageException(name(field) + ": not a string");
        }
        return v.asString();
    }

    int integer(String field) throws InvalidMessageException {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new InvalidMessageException(name(field) + ": missing or not an integer");
        }
        return v.asInt();
    }

    Integer optionalInteger(String field) throws InvalidMessageException {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : integer(field);
    }

    Double optionalNumber(String field) throws InvalidMessageException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new InvalidMessageException(name(field) + ": not a number");
        }
        return v.asDouble();
    }

    Instant instant(String field) throws InvalidMessageException {
        String s = string(field);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidMessageException(name(field) + ": not an ISO-8601 instant: " + s);
        }
    }

    MessageFields[] array(String field) throws InvalidMessageException {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new InvalidMessageException(name(field) + ": missing or not an array");
        }
        MessageFields[] items = new MessageFields[v.size()];
        for (int i = 0; i < items.length; i++) {
            JsonNode item = v.get(i);
            if (!item.isObject()) {
                throw new InvalidMessageException(name(field) + "[" + i + "]: not an object");
            }
            items[i] = new MessageFields(item, name(field) + "[" + i + "]");
        }
        return items;
    }

    private String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
