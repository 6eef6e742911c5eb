package dev.esl.broker.persistence;

import dev.esl.broker.routing.Message;
import dev.esl.broker.routing.PublishProperties;
import dev.esl.broker.routing.subscription.Subscription;
import dev.esl.broker.session.Delivery;
import dev.esl.broker.session.Inflight;
import dev.esl.broker.session.Queued;
import dev.esl.broker.session.SessionRecord;
import dev.esl.broker.session.Will;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-disk form of what the broker stores. Each value starts with a format version byte so a later
 * version can still read what this one wrote; an unknown version is a corrupt store, said so loudly.
 */
public final class RecordCodec {
    static final byte VERSION = 1;

    private RecordCodec() {
    }

    public static byte[] encode(Delivery d) {
        return write(out -> writeDelivery(out, d));
    }

    public static Delivery decodeDelivery(byte[] bytes) {
        return read(bytes, RecordCodec::readDelivery);
    }

    public static byte[] encode(Inflight i) {
        return write(out -> {
            out.writeShort(i.packetId());
            out.writeLong(i.sequence());
            out.writeBoolean(i.released());
            writeDelivery(out, i.delivery());
        });
    }

    public static Inflight decodeInflight(byte[] bytes) {
        return read(bytes, in -> {
            int packetId = in.readUnsignedShort();
            long sequence = in.readLong();
            boolean released = in.readBoolean();
            return new Inflight(packetId, sequence, readDelivery(in), released);
        });
    }

    public static byte[] encode(Message m) {
        return write(out -> writeMessage(out, m));
    }

    public static Message decodeMessage(byte[] bytes) {
        return read(bytes, RecordCodec::readMessage);
    }

    public static byte[] encode(SessionRecord r) {
        return write(out -> {
            out.writeUTF(r.clientId());
            out.writeLong(r.expirySeconds());
            out.writeLong(r.disconnectedAtMillis());
            out.writeBoolean(r.holder());
            out.writeBoolean(r.will() != null);
            if (r.will() != null) {
                out.writeLong(r.will().delaySeconds());
                writeMessage(out, r.will().message());
                out.writeLong(r.will().messageExpirySeconds()); // last: records written without it still read
            }
        });
    }

    public static SessionRecord decodeSession(byte[] bytes) {
        return read(bytes, in -> {
            String clientId = in.readUTF();
            long expiry = in.readLong();
            long disconnectedAt = in.readLong();
            boolean holder = in.readBoolean();
            Will will = null;
            if (in.readBoolean()) {
                long delay = in.readLong();
                Message message = readMessage(in);
                will = new Will(message, delay, in.available() >= Long.BYTES ? in.readLong() : 0);
            }
            return new SessionRecord(clientId, expiry, disconnectedAt, holder, will);
        });
    }

    public static byte[] encode(Queued q) {
        return write(out -> {
            out.writeLong(q.sequence());
            out.writeLong(q.queuedAtMillis());
            writeDelivery(out, q.delivery());
        });
    }

    public static Queued decodeQueued(byte[] bytes) {
        return read(bytes, in -> new Queued(in.readLong(), in.readLong(), readDelivery(in)));
    }

    public static byte[] encode(Subscription s) {
        return write(out -> {
            out.writeUTF(s.clientId());
            writeNullable(out, s.shareName());
            out.writeUTF(s.filter());
            out.writeByte(s.qos());
            out.writeBoolean(s.noLocal());
            out.writeBoolean(s.retainAsPublished());
            out.writeByte(s.retainHandling());
            out.writeInt(s.subscriptionId());
        });
    }

    public static Subscription decodeSubscription(byte[] bytes) {
        return read(bytes, in -> new Subscription(in.readUTF(), readNullable(in), in.readUTF(), in.readByte(),
                in.readBoolean(), in.readBoolean(), in.readByte(), in.readInt()));
    }

    private static void writeDelivery(DataOutputStream out, Delivery d) throws IOException {
        out.writeByte(d.qos());
        out.writeBoolean(d.retain());
        out.writeBoolean(d.keptForP2p());
        out.writeShort(d.subscriptionIds().size());
        for (int id : d.subscriptionIds()) {
            out.writeInt(id);
        }
        writeMessage(out, d.message());
    }

    private static Delivery readDelivery(DataInputStream in) throws IOException {
        int qos = in.readByte();
        boolean retain = in.readBoolean();
        boolean kept = in.readBoolean();
        int n = in.readUnsignedShort();
        List<Integer> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(in.readInt());
        }
        return new Delivery(readMessage(in), qos, retain, ids, kept);
    }

    private static void writeMessage(DataOutputStream out, Message m) throws IOException {
        out.writeUTF(m.topic());
        out.writeByte(m.qos());
        out.writeBoolean(m.retain());
        writeNullable(out, m.publisherClientId());
        out.writeLong(m.expiresAtMillis());
        PublishProperties p = m.properties();
        out.writeInt(p.payloadFormatIndicator() == null ? -1 : p.payloadFormatIndicator());
        writeNullable(out, p.contentType());
        writeNullable(out, p.responseTopic());
        writeBytes(out, p.correlationData());
        out.writeShort(p.userProperties().size());
        for (PublishProperties.UserProperty u : p.userProperties()) {
            out.writeUTF(u.key());
            out.writeUTF(u.value());
        }
        writeBytes(out, m.payload());
    }

    private static Message readMessage(DataInputStream in) throws IOException {
        String topic = in.readUTF();
        int qos = in.readByte();
        boolean retain = in.readBoolean();
        String publisher = readNullable(in);
        long expiresAt = in.readLong();
        int format = in.readInt();
        String contentType = readNullable(in);
        String responseTopic = readNullable(in);
        byte[] correlation = readBytes(in);
        int n = in.readUnsignedShort();
        List<PublishProperties.UserProperty> users = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            users.add(new PublishProperties.UserProperty(in.readUTF(), in.readUTF()));
        }
        byte[] payload = readBytes(in);
        PublishProperties props = new PublishProperties(format < 0 ? null : format, contentType, responseTopic, correlation, users);
        return new Message(topic, payload == null ? new byte[0] : payload, qos, retain, props, publisher, expiresAt);
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new CorruptStoreException("stored record has format version " + version + ", this broker reads " + VERSION);
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new CorruptStoreException("stored record cannot be read: " + e, e);
        }
    }
}
