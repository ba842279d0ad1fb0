package io.cikit.core.notify;

import static io.cikit.core.notify.Fixtures.notification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.notify.internal.JournalCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalCodecTest {

    @Test
    void anUpdateRoundTripsWithEveryField() {
        Notification n = notification("n1", "slack", "email");
        Notification bare = Notification.builder().id("bare").title("t").severity(Severity.INFO).timestamp(Instant.EPOCH).build();
        OutboxUpdate u = new OutboxUpdate(
                List.of(new PendingDelivery(n, "slack", PendingDelivery.Stage.READY),
                        new PendingDelivery(n, "email", PendingDelivery.Stage.GROUPING),
                        new PendingDelivery(bare, "teams", PendingDelivery.Stage.READY)),
                List.of(new DeadLetter(bare, "teams", "permanent: 400 invalid_blocks", 2, Instant.parse("2026-03-01T12:00:00Z"))),
                List.of(new DeliveryKey("old", "slack")));

        assertThat(JournalCodec.decode(JournalCodec.encode(u))).isEqualTo(u);
    }

    @Test
    void aNotificationSentToSeveralChannelsIsStoredOnce() {
        Notification n = notification("n1", "slack", "email", "teams");
        int one = JournalCodec.encode(OutboxUpdate.add(List.of(new PendingDelivery(n, "slack", PendingDelivery.Stage.READY)))).length;
        int three = JournalCodec.encode(OutboxUpdate.add(List.of(
                new PendingDelivery(n, "slack", PendingDelivery.Stage.READY),
                new PendingDelivery(n, "email", PendingDelivery.Stage.READY),
                new PendingDelivery(n, "teams", PendingDelivery.Stage.READY)))).length;

        assertThat(three).isLessThan(one + 40);
    }

    @Test
    void unknownFieldsFromALaterVersionAreSkipped() {
        String json = "{\"future\":{\"x\":[1,2]},\"k\":[[\"n1\",\"slack\"]],\"z\":1}";

        assertThat(JournalCodec.decode(json.getBytes(StandardCharsets.UTF_8)).acknowledged())
                .containsExactly(new DeliveryKey("n1", "slack"));
    }

    @Test
    void malformedRecordsAreRefusedWithIllegalArgumentException() {
        for (String bad : List.of("", "[]", "{\"a\":[{\"c\":[[\"slack\",\"R\"]]}]}", "{\"k\":[[\"n1\"]]}",
                "{\"a\":[{\"n\":{\"id\":\"x\",\"severity\":\"LOUD\"},\"c\":[]}]}", "{\"a\":[{\"n\":{\"id\":\"x\",\"severity\":\"INFO\","
                        + "\"timestamp\":\"yesterday\"},\"c\":[]}]}", "{\"a\":[{\"n\":{\"id\":\"x\",\"severity\":\"INFO\"},"
                        + "\"c\":[[\"slack\",\"Q\"]]}]}", "{\"k\":")) {
            assertThatThrownBy(() -> JournalCodec.decode(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
