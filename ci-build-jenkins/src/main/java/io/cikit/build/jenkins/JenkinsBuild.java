package io.cikit.build.jenkins;

import java.net.URI;
import java.util.Objects;

/**
 * A build Jenkins started: its job, number and URL.
 *
 * @param job the job's full name ({@code folder/job})
 * @param number the build number
 * @param url the build's page as Jenkins reports it ({@code https://jenkins/job/folder/job/job/42/})
 */
public record JenkinsBuild(String job, long number, URI url) {
    public JenkinsBuild {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(url, "url");
    }

    /** {@code job#number}, the {@code buildId} the payload parser gives the same build. */
    public String buildId() {
        return job + "#" + number;
    }
}
