package io.cikit.build.jenkins.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Jenkins URL shapes: a job {@code a/b} (folder {@code a}, job {@code b}) lives at {@code job/a/job/b/}, its build
 * 42 at {@code job/a/job/b/42/}, an archived file at {@code …/42/artifact/<relative path>}.
 */
public final class JobPaths {
    private JobPaths() {
    }

    /**
     * The job's full name from a build or job URL ({@code https://ci/job/a/job/b/42/} → {@code a/b}); empty when the
     * URL has no {@code job/} segments.
     */
    public static Optional<String> jobName(String url) {
        String path = url;
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "" : path.substring(slash);
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String[] segments = path.split("/");
        List<String> names = new ArrayList<>();
        for (int i = 0; i + 1 < segments.length; i++) {
            if (segments[i].equals("job") && !segments[i + 1].isEmpty()) {
                names.add(decode(segments[i + 1]));
                i++;
            }
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(String.join("/", names));
    }

    /** {@code job/a/job/b/} for the job {@code a/b}, each name percent-encoded. */
    public static String jobPath(String jobName) {
        StringBuilder out = new StringBuilder();
        for (String part : jobName.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("not a Jenkins job name: " + jobName);
            }
            out.append("job/").append(encode(part)).append('/');
        }
        if (out.length() == 0) {
            throw new IllegalArgumentException("empty Jenkins job name");
        }
        return out.toString();
    }

    /**
     * The download URL of an archived file under a build URL, or empty when the relative path could climb out of
     * the build ({@code ..}, absolute) or the build URL is not absolute.
     */
    public static Optional<URI> artifactUrl(String buildUrl, String relativePath) {
        if (!buildUrl.startsWith("http://") && !buildUrl.startsWith("https://")) {
            return Optional.empty();
        }
        StringBuilder path = new StringBuilder();
        for (String part : relativePath.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.indexOf('\\') >= 0) {
                return Optional.empty();
            }
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(encode(part));
        }
        try {
            String base = buildUrl.endsWith("/") ? buildUrl : buildUrl + "/";
            return Optional.of(new URI(base + "artifact/" + path));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Percent-encodes one path segment (spaces as {@code %20}, not {@code +}). */
    public static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String segment) {
        try {
            return java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
