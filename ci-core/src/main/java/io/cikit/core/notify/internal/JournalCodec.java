package io.cikit.core.notify.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cikit.core.json.Json;
import io.cikit.core.notify.DeadLetter;
import io.cikit.core.notify.DeliveryKey;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.OutboxUpdate;
import io.cikit.core.notify.PendingDelivery;
import io.cikit.core.notify.Recipient;
import io.cikit.core.notify.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of an {@link OutboxUpdate} inside a journal frame. Deliveries of one notification to several
 * channels share one copy of it:
 * <pre>{"a":[{"n":{…},"c":[["slack","R"],["email","G"]]}],"d":[{"n":{…},"c":"slack","r":"…","t":3,"at":[s,ns]}],
 * "k":[["id","slack"]]}</pre>
 * Instants are {@code [epochSecond, nano]}.
 * Unknown fields are skipped, so later versions may add some. Stateless and thread-safe.
 */
public final class JournalCodec {
    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    private JournalCodec() {
    }

    /** Encodes an update. */
    public static byte[] encode(OutboxUpdate update) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 320 * (update.added().size() + update.deadLettered().size()));
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            if (!update.added().isEmpty()) {
                g.writeArrayFieldStart("a");
                List<PendingDelivery> added = update.added();
                int i = 0;
                while (i < added.size()) {
                    Notification n = added.get(i).notification();
                    g.writeStartObject();
                    g.writeFieldName("n");
                    writeNotification(g, n);
                    g.writeArrayFieldStart("c");
                    while (i < added.size() && sameNotification(added.get(i).notification(), n)) {
                        g.writeStartArray();
                        g.writeString(added.get(i).channel());
                        g.writeString(added.get(i).stage() == PendingDelivery.Stage.READY ? "R" : "G");
                        g.writeEndArray();
                        i++;
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (!update.deadLettered().isEmpty()) {
                g.writeArrayFieldStart("d");
                for (DeadLetter d : update.deadLettered()) {
                    g.writeStartObject();
                    g.writeFieldName("n");
                    writeNotification(g, d.notification());
                    g.writeStringField("c", d.channel());
                    g.writeStringField("r", d.reason());
                    g.writeNumberField("t", d.attempts());
                    g.writeFieldName("at");
                    writeInstant(g, d.at());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (!update.acknowledged().isEmpty()) {
                g.writeArrayFieldStart("k");
                for (DeliveryKey k : update.acknowledged()) {
                    g.writeStartArray();
                    g.writeString(k.notificationId());
                    g.writeString(k.channel());
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an outbox update", e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes an update.
     *
     * @throws IllegalArgumentException when the bytes are not an update this version can read
     */
    public static OutboxUpdate decode(byte[] bytes) {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            List<PendingDelivery> added = new ArrayList<>();
            List<DeadLetter> dead = new ArrayList<>();
            List<DeliveryKey> acks = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "a" -> {
                        expect(t, JsonToken.START_ARRAY);
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            readAdd(p, added);
                        }
                    }
                    case "d" -> {
                        expect(t, JsonToken.START_ARRAY);
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            dead.add(readDead(p));
                        }
                    }
                    case "k" -> {
                        expect(t, JsonToken.START_ARRAY);
                        while (p.nextToken() == JsonToken.START_ARRAY) {
                            String id = nextString(p);
                            String channel = nextString(p);
                            expect(p.nextToken(), JsonToken.END_ARRAY);
                            acks.add(new DeliveryKey(id, channel));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return new OutboxUpdate(added, dead, acks);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable outbox record: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable outbox record: " + e.getMessage(), e);
        }
    }

    private static boolean sameNotification(Notification a, Notification b) {
        return a == b || a.equals(b);
    }

    private static void readAdd(JsonParser p, List<PendingDelivery> into) throws IOException {
        Notification n = null;
        List<String[]> channels = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "n" -> n = readNotification(p);
                case "c" -> {
                    expect(t, JsonToken.START_ARRAY);
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        String channel = nextString(p);
                        String stage = nextString(p);
                        expect(p.nextToken(), JsonToken.END_ARRAY);
                        channels.add(new String[] {channel, stage});
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (n == null) {
            throw new IllegalArgumentException("added delivery without a notification");
        }
        for (String[] c : channels) {
            PendingDelivery.Stage stage = switch (c[1]) {
                case "R" -> PendingDelivery.Stage.READY;
                case "G" -> PendingDelivery.Stage.GROUPING;
                default -> throw new IllegalArgumentException("unknown stage " + c[1]);
            };
            into.add(new PendingDelivery(n, c[0], stage));
        }
    }

    private static DeadLetter readDead(JsonParser p) throws IOException {
        Notification n = null;
        String channel = null;
        String reason = "";
        int attempts = 0;
        Instant at = Instant.EPOCH;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "n" -> n = readNotification(p);
                case "c" -> channel = p.getValueAsString();
                case "r" -> reason = p.getValueAsString("");
                case "t" -> attempts = p.getValueAsInt(0);
                case "at" -> at = readInstant(p);
                default -> p.skipChildren();
            }
        }
        if (n == null || channel == null) {
            throw new IllegalArgumentException("dead letter without a notification or channel");
        }
        return new DeadLetter(n, channel, reason, attempts, at);
    }

    private static void writeNotification(JsonGenerator g, Notification n) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", n.id());
        g.writeStringField("title", n.title());
        g.writeStringField("message", n.message());
        g.writeStringField("severity", n.severity().name());
        g.writeArrayFieldStart("channels");
        for (String c : n.channels()) {
            g.writeString(c);
        }
        g.writeEndArray();
        if (!n.recipients().isEmpty()) {
            g.writeArrayFieldStart("recipients");
            for (Recipient r : n.recipients()) {
                g.writeStartObject();
                g.writeStringField("name", r.name());
                writeOptional(g, "email", r.email());
                writeOptional(g, "slack", r.slackUserId());
                writeOptional(g, "teams", r.teamsUserId());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (!n.metadata().isEmpty()) {
            g.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> e : n.metadata().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeFieldName("timestamp");
        writeInstant(g, n.timestamp());
        writeOptional(g, "testId", n.testId());
        writeOptional(g, "failureId", n.failureId());
        writeOptional(g, "groupKey", n.groupKey());
        g.writeEndObject();
    }

    /** An instant as {@code [epochSecond, nano]}: exact, and far cheaper to read back than ISO text. */
    private static void writeInstant(JsonGenerator g, Instant t) throws IOException {
        g.writeStartArray();
        g.writeNumber(t.getEpochSecond());
        g.writeNumber(t.getNano());
        g.writeEndArray();
    }

    private static Instant readInstant(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY);
        expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT);
        long seconds = p.getLongValue();
        expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT);
        int nanos = p.getIntValue();
        expect(p.nextToken(), JsonToken.END_ARRAY);
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static void writeOptional(JsonGenerator g, String field, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(field, value.get());
        }
    }

    private static Notification readNotification(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        String id = null;
        String title = "";
        String message = "";
        Severity severity = null;
        List<String> channels = new ArrayList<>();
        List<Recipient> recipients = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Instant timestamp = Instant.EPOCH;
        String testId = null;
        String failureId = null;
        String groupKey = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "id" -> id = p.getValueAsString();
                case "title" -> title = p.getValueAsString("");
                case "message" -> message = p.getValueAsString("");
                case "severity" -> {
                    String s = p.getValueAsString("");
                    severity = Severity.parse(s).orElseThrow(() -> new IllegalArgumentException("unknown severity " + s));
                }
                case "channels" -> {
                    expect(t, JsonToken.START_ARRAY);
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        channels.add(p.getText());
                    }
                }
                case "recipients" -> {
                    expect(t, JsonToken.START_ARRAY);
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        recipients.add(readRecipient(p));
                    }
                }
                case "metadata" -> {
                    expect(t, JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        p.nextToken();
                        metadata.put(key, p.getValueAsString(""));
                    }
                }
                case "timestamp" -> timestamp = readInstant(p);
                case "testId" -> testId = p.getValueAsString();
                case "failureId" -> failureId = p.getValueAsString();
                case "groupKey" -> groupKey = p.getValueAsString();
                default -> p.skipChildren();
            }
        }
        if (id == null || severity == null) {
            throw new IllegalArgumentException("notification without id or severity");
        }
        return new Notification(id, title, message, severity, channels, recipients, metadata, timestamp,
                Optional.ofNullable(testId), Optional.ofNullable(failureId), Optional.ofNullable(groupKey));
    }

    private static Recipient readRecipient(JsonParser p) throws IOException {
        String name = null;
        String email = null;
        String slack = null;
        String teams = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = p.getValueAsString();
                case "email" -> email = p.getValueAsString();
                case "slack" -> slack = p.getValueAsString();
                case "teams" -> teams = p.getValueAsString();
                default -> p.skipChildren();
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("recipient without a name");
        }
        return new Recipient(name, Optional.ofNullable(email), Optional.ofNullable(slack), Optional.ofNullable(teams));
    }

    private static String nextString(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        expect(t, JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static void expect(@Nullable JsonToken actual, JsonToken wanted) {
        if (actual != wanted) {
            throw new IllegalArgumentException("expected " + wanted + " but found " + actual);
        }
    }
}
