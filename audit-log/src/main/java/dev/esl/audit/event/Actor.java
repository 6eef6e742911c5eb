package dev.esl.audit.event;

import java.util.Objects;

/** Who did it: a signed-in user, an API client, a device (an AP or a tag) or the system itself. */
public record Actor(Kind kind, String id) {
    public enum Kind { USER, API_CLIENT, DEVICE, SYSTEM }

    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, "system");

    public Actor {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank() || id.length() > 100) {
            throw new IllegalArgumentException("actor id: 1 to 100 characters, got " + id);
        }
    }

    public static Actor user(String id) {
        return new Actor(Kind.USER, id);
    }

    public static Actor apiClient(String id) {
        return new Actor(Kind.API_CLIENT, id);
    }

    public static Actor device(String id) {
        return new Actor(Kind.DEVICE, id);
    }
}
