package dev.esl.tagmanager.db;

/** Connection options the tag manager relies on, for URLs it builds itself. */
public final class JdbcUrls {
    /**
     * Batched inserts rewritten into multi-row statements (the bulk paths depend on it), times in UTC on both
     * ends, and no TLS to a server on loopback.
     */
    public static final String OPTIONS = "?rewriteBatchedStatements=true&connectionTimeZone=UTC"
            + "&forceConnectionTimeZoneToSession=true&sslMode=DISABLED&allowPublicKeyRetrieval=true";

    private JdbcUrls() {
    }
}
