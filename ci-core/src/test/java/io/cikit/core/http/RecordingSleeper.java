package io.cikit.core.http;

import io.cikit.core.http.internal.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every wait the transport asks for and really sleeps it (tests keep the waits small). */
final class RecordingSleeper implements Sleeper {
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        waits.add(duration);
        Sleeper.REAL.sleep(duration);
    }

    List<Duration> waits() {
        return List.copyOf(waits);
    }
}
