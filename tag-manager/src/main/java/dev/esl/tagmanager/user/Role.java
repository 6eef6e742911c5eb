package dev.esl.tagmanager.user;

/**
 * What a user may do. Clerks and store managers belong to one store and reach nothing of another; a chain manager
 * runs every store; an auditor reads everything and changes nothing.
 */
public enum Role {
    CLERK("Store clerk"),
    STORE_MANAGER("Store manager"),
    CHAIN_MANAGER("Chain manager"),
    AUDITOR("Auditor");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether users of this role belong to one store. */
    public boolean storeScoped() {
        return this == CLERK || this == STORE_MANAGER;
    }

    /** The Spring Security authority, {@code ROLE_CLERK} and so on. */
    public String authority() {
        return "ROLE_" + name();
    }
}
