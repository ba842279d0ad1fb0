package io.cikit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecordingHandlerTest {

    @Test
    void recordsEventsInArrivalOrder() {
        RecordingHandler<String> handler = new RecordingHandler<>();

        handler.accept("a");
        handler.accept("b");

        assertThat(handler.events()).containsExactly("a", "b");
        assertThat(handler.count()).isEqualTo(2);
        handler.clear();
        assertThat(handler.events()).isEmpty();
    }

    @Test
    void singleInsistsOnExactlyOneEvent() {
        RecordingHandler<String> handler = new RecordingHandler<>();
        assertThatThrownBy(handler::single).isInstanceOf(AssertionError.class).hasMessageContaining("received 0");

        handler.accept("only");
        assertThat(handler.single()).isEqualTo("only");

        handler.accept("second");
        assertThatThrownBy(handler::single).isInstanceOf(AssertionError.class).hasMessageContaining("received 2");
    }

    @Test
    void awaitReturnsOnceEventsFromOtherThreadsArrive() throws InterruptedException {
        RecordingHandler<Integer> handler = new RecordingHandler<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            IntStream.range(0, 400).forEach(i -> pool.execute(() -> handler.accept(i)));

            assertThat(handler.await(400, Duration.ofSeconds(30))).hasSize(400).doesNotHaveDuplicates();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void awaitFailsWhenTooFewEventsArriveInTime() {
        RecordingHandler<String> handler = new RecordingHandler<>();
        handler.accept("one");

        assertThatThrownBy(() -> handler.await(2, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 2 events").hasMessageContaining("received 1");
    }
}
