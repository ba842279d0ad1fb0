package io.cikit.core.build;

import io.cikit.core.artifact.ArtifactFetcher;
import io.cikit.core.artifact.ArtifactFetcherProvider;
import io.cikit.core.artifact.FetchedArtifact;
import io.cikit.core.config.ConfigKey;
import io.cikit.core.config.ConfigSpec;
import io.cikit.core.config.ProviderConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A made-up CI system {@code lab} whose providers are listed in {@code src/test/resources/META-INF/services}, for
 * {@link BuildSystemsTest}: its trigger answers from memory and its fetcher writes each artifact's path as content.
 * The real systems' providers are tested in their own modules against WireMock.
 */
final class LabSystem {
    static final ConfigKey<URI> URL = ConfigKey.uri("url").required();
    static final ConfigKey<String> USER = ConfigKey.string("user").required();

    private LabSystem() {
    }

    /** A trigger that remembers the URL it was configured with and queues every request as {@code q-<job>}. */
    record Trigger(URI url, String user) implements BuildTrigger {
        @Override
        public String system() {
            return "lab";
        }

        @Override
        public TriggeredBuild trigger(String job, Map<String, String> parameters) {
            return new TriggeredBuild("lab", job, "q-" + job, Optional.of(url.resolve("queue/" + job)), parameters,
                    Instant.EPOCH);
        }

        @Override
        public Optional<String> buildId(TriggeredBuild triggered) {
            return Optional.of(triggered.job() + "#1");
        }
    }

    /** Lists the given artifacts and "downloads" each by writing its path. */
    record Fetcher(List<BuildArtifact> artifacts) implements ArtifactFetcher {
        @Override
        public String system() {
            return "lab";
        }

        @Override
        public List<BuildArtifact> list(BuildInfo build) {
            return artifacts;
        }

        @Override
        public FetchedArtifact fetch(BuildInfo build, BuildArtifact artifact, Path target, long maxBytes) {
            byte[] content = artifact.path().getBytes(StandardCharsets.UTF_8);
            try {
                Files.createDirectories(target.getParent());
                Files.write(target, content);
                return new FetchedArtifact(artifact, target, content.length,
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static final class TriggerProvider implements BuildTriggerProvider {
        public TriggerProvider() {
        }

        @Override
        public String system() {
            return "lab";
        }

        @Override
        public BuildTrigger create(ProviderConfig config) {
            config.validate(ConfigSpec.of(URL, USER));
            return new Trigger(config.require(URL), config.require(USER));
        }
    }

    public static final class FetcherProvider implements ArtifactFetcherProvider {
        public FetcherProvider() {
        }

        @Override
        public String system() {
            return "lab";
        }

        @Override
        public ArtifactFetcher create(ProviderConfig config) {
            config.validate(ConfigSpec.of(URL));
            return new Fetcher(config.list("artifacts").stream().map(BuildArtifact::of).toList());
        }
    }

    static BuildInfo build() {
        return BuildInfo.builder("lab#1", "lab").build();
    }
}
