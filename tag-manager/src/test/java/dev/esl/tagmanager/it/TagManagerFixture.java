package dev.esl.tagmanager.it;

import static org.awaitility.Awaitility.await;

import dev.esl.broker.Broker;
import java.time.Duration;
import java.util.Map;

/**
 * What most integration test classes start once: the real broker in memory, the tag manager on a fresh schema
 * connected to it, and its API over HTTP; optionally one store served by an AP the test plays. Closed in reverse.
 */
final class TagManagerFixture implements AutoCloseable {
    final Broker broker;
    final TestDatabase.Schema schema;
    final RunningTagManager app;
    final Api api;
    private FakeAp ap;

    private TagManagerFixture(Broker broker, TestDatabase.Schema schema, RunningTagManager app) {
        this.broker = broker;
        this.schema = schema;
        this.app = app;
        this.api = app.api();
    }

    static TagManagerFixture start(Map<String, Object> settings) throws InterruptedException {
        Broker broker = TestBrokers.inMemory();
        try {
            TestDatabase.Schema schema = TestDatabase.newSchema();
            return new TagManagerFixture(broker, schema, RunningTagManager.start(schema, broker.port(), settings));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** Creates the store and an AP for it that the test plays, online and registered by the tag manager. */
    FakeAp storeWithAp(String storeId, String apSerial) throws Exception {
        api.createStore(storeId);
        ap = new FakeAp(broker.port(), storeId, apSerial);
        ap.online();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/aps/" + apSerial).status() == 200);
        return ap;
    }

    @Override
    public void close() {
        if (ap != null) {
            ap.close();
        }
        app.close();
        broker.close();
    }
}
