package dev.esl.tagmanager.user;

/** A user as stored: the password only as its bcrypt hash. {@code storeId} is set for store-scoped roles only. */
public record AppUser(String username, String passwordHash, Role role, String storeId, String displayName,
        boolean enabled) {

    /** What the API and the audit show of a user: everything but the hash. */
    public UserView view() {
        return new UserView(username, role, storeId, displayName, enabled);
    }

    public record UserView(String username, Role role, String storeId, String displayName, boolean enabled) {
    }
}
