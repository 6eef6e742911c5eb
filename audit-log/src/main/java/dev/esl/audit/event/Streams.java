package dev.esl.audit.event;

/**
 * Names of chains. Each store has its own ({@code store:<id>}), so stores never wait for each other's audit writes;
 * what concerns the whole chain (a chain-wide price change, products, templates) goes to {@code chain}.
 */
public final class Streams {
    public static final String CHAIN = "chain";
    private static final String STORE_PREFIX = "store:";

    private Streams() {
    }

    public static String of(String store) {
        return store == null ? CHAIN : STORE_PREFIX + store;
    }

    /** The stream a user names: {@code chain}, a stream name as it is, or a store id. */
    public static String named(String storeOrStream) {
        if (storeOrStream.equals(CHAIN) || storeOrStream.startsWith(STORE_PREFIX)) {
            return storeOrStream;
        }
        return of(storeOrStream);
    }
}
