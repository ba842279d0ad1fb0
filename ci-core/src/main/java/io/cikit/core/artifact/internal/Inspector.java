package io.cikit.core.artifact.internal;

import io.cikit.core.artifact.ArtifactReport;
import io.cikit.core.artifact.InspectionLimits;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one inspection over a stream: reads it once to the end (for size and SHA-256) while the readers look at
 * what they need. Content never makes it throw; a failing source does, as {@link SourceReadFailure}.
 */
public final class Inspector {
    private static final Logger LOG = LoggerFactory.getLogger(Inspector.class);

    private Inspector() {
    }

    public static ArtifactReport inspect(InputStream source, String path, InspectionLimits limits) {
        SourceStream s = new SourceStream(source);
        ArtifactReport.Builder b = ArtifactReport.builder(path);
        Inspection ctx = new Inspection(limits);
        try {
            ctx.analyze(new ForwardInput(s, limits.headBytes()), b, 0);
        } catch (SourceReadFailure e) {
            throw e;
        } catch (IOException e) {
            b.unknown("unreadable: " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            // a reader's own defect must not turn bad bytes into an exception or a half-right answer
            LOG.warn("inspection of {} failed unexpectedly; reporting it unknown", path, e);
            b.unknown("could not be read: " + e);
        }
        s.drain();
        b.sizeBytes(s.count()).sha256(s.sha256Hex());
        ctx.checkSize(b, s.count());
        return b.build();
    }
}
