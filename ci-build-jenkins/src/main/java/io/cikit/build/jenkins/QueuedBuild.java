package io.cikit.build.jenkins;

import java.net.URI;
import java.util.Objects;

/**
 * A build Jenkins accepted into its queue: {@link JenkinsClient#trigger} returns it, {@link JenkinsClient#awaitStart}
 * follows it to the build number.
 *
 * @param job the job's full name ({@code folder/job})
 * @param queueId the queue item's id
 * @param queueItem the queue item's URL as Jenkins announced it ({@code Location: …/queue/item/N/})
 */
public record QueuedBuild(String job, long queueId, URI queueItem) {
    public QueuedBuild {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(queueItem, "queueItem");
    }
}
