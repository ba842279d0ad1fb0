package io.cikit.core.report;

import io.cikit.core.event.CommitInfo;
import io.cikit.core.regression.CommitLog;
import io.cikit.core.regression.InMemoryResultHistory;
import io.cikit.core.regression.RegressionDetector;
import io.cikit.core.regression.RegressionReport;
import io.cikit.core.regression.RunRecordJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The report of src/test/resources/io/cikit/core/report/{history.jsonl,current.json}, with a fixed commit log. */
final class ReportFixture {

    /** Two candidates per range; one message tries to mention someone and spans lines. */
    static final CommitLog LOG = (from, to) -> List.of(
            CommitInfo.of("1d2e3f4a5b6c7d8e9f00112233445566778899aa", "ipc/sem: reorder locking, thanks @someone\n\nLonger explanation that reports leave out."),
            CommitInfo.of(to, "mm: <b>speed</b> up | boot"));

    private ReportFixture() {
    }

    static RegressionReport report() {
        InMemoryResultHistory history = new InMemoryResultHistory();
        for (String line : resource("history.jsonl").split("\n")) {
            history.append(RunRecordJson.parse(line.getBytes(StandardCharsets.UTF_8)));
        }
        return RegressionDetector.builder().commitLog(LOG).meterRegistry(new SimpleMeterRegistry()).build()
                .check(history, RunRecordJson.parseAll(resource("current.json").getBytes(StandardCharsets.UTF_8)));
    }

    static String resource(String name) {
        try (InputStream in = ReportFixture.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
