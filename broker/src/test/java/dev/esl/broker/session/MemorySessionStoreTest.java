package dev.esl.broker.session;

class MemorySessionStoreTest extends SessionStoreContract {
    @Override
    protected SessionStore newStore() {
        return new MemorySessionStore();
    }
}
