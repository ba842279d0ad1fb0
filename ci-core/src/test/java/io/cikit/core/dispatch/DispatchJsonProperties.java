package io.cikit.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DispatchJsonProperties {

    @Provide
    Arbitrary<TestJob> jobs() {
        Arbitrary<String> id = Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(0).ofMaxLength(20)
                .map(s -> "j" + s);
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(30)
                .filter(s -> s.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE));
        Arbitrary<AttributeMatcher> matcher = Arbitraries.oneOf(
                text.map(AttributeMatcher.Equals::new),
                text.set().ofMaxSize(3).map(AttributeMatcher.OneOf::new),
                Arbitraries.of("x+", "[a-z]{2}", "rev\\d").map(AttributeMatcher.Matches::new),
                Arbitraries.integers().between(-5, 5).map(i -> new AttributeMatcher.Range(OptionalDouble.of(i),
                        i % 2 == 0 ? OptionalDouble.empty() : OptionalDouble.of(i + 0.5))),
                Arbitraries.just(new AttributeMatcher.Present()));
        Arbitrary<BoardSelector> selector = Combinators.combine(
                Arbitraries.of("rpi4", "qemu-arm64", "").optional(), Arbitraries.of("arm64", "x86_64", "riscv64").optional(),
                text.filter(s -> !s.isBlank()).set().ofMaxSize(3),
                Arbitraries.maps(Arbitraries.of("ram_gb", "soc", "rev", "lab"), matcher).ofMaxSize(3))
                .as((type, arch, tags, attrs) -> new BoardSelector(java.util.Optional.empty(),
                        type.filter(t -> !t.isEmpty()), arch, tags, attrs));
        return Combinators.combine(id, text.filter(s -> !s.isBlank()), selector, Arbitraries.integers().between(0, 100),
                Arbitraries.integers().between(1, 10), Arbitraries.longs().between(1, 7L * 24 * 3600),
                text.list().ofMaxSize(4), Arbitraries.maps(text.filter(s -> !s.isEmpty()), text).ofMaxSize(4))
                .as((i, name, sel, prio, attempts, secs, commands, params) -> {
                    TestJob.Builder b = TestJob.builder(URI.create("file:///lab/" + i + "/Image")).id(i).name(name)
                            .selector(sel).priority(prio).maxAttempts(attempts).timeout(Duration.ofSeconds(secs))
                            .rootfs(URI.create("https://builds.example.org/rootfs.cpio.gz"));
                    commands.forEach(b::command);
                    params.forEach(b::parameter);
                    if (attempts % 2 == 0) {
                        b.origin(JobOrigin.of("acme/linux", name, attempts % 4 == 0 ? "" : "b" + prio));
                    }
                    return b.build();
                });
    }

    @Property(tries = 300)
    void aJobSurvivesItsJsonUnchanged(@ForAll("jobs") TestJob job) {
        byte[] bytes = Json.write(job.toJson());

        assertThat(TestJob.fromJson(Json.read(bytes), Path.of("/elsewhere"))).isEqualTo(job);
    }

    @Property(tries = 200)
    void anyJsonObjectGivesAJobOrANamedDefinitionError(@ForAll("objects") String json) {
        try {
            TestJob.fromJson(Json.read(json.getBytes(StandardCharsets.UTF_8)), Path.of("/"));
        } catch (InvalidDefinitionException e) {
            assertThat(e.getMessage()).startsWith("job");
        }
    }

    @Provide
    Arbitrary<String> objects() {
        Arbitrary<String> value = Arbitraries.of("1", "-3", "\"x\"", "\"10m\"", "null", "true", "[]", "{}", "[\"a\"]",
                "{\"min\": \"x\"}", "{\"regex\": \"(\"}", "\"../k\"", "\"https://x/k\"", "101", "\"\"");
        Arbitrary<String> key = Arbitraries.of("id", "name", "selector", "kernelImage", "dtb", "rootfs", "suites",
                "commands", "timeout", "priority", "maxAttempts", "parameters", "origin", "other");
        return Arbitraries.maps(key, value).ofMaxSize(8).map(m -> {
            StringBuilder sb = new StringBuilder("{\"kernelImage\": \"Image\"");
            m.forEach((k, v) -> sb.append(", \"").append(k).append("\": ").append(v));
            return sb.append('}').toString();
        });
    }

    @Property(tries = 100)
    void aBoardSurvivesItsJsonUnchanged(@ForAll("boards") Board board) {
        assertThat(Board.fromJson(Json.read(Json.write(board.toJson())))).isEqualTo(board);
    }

    @Provide
    Arbitrary<Board> boards() {
        return Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10),
                Arbitraries.of("rpi4", "bbb"), Arbitraries.of("arm64", "x86_64", ""), Arbitraries.of(BoardHealth.values()),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5).set().ofMaxSize(3),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5),
                        Arbitraries.strings().ofMaxLength(8)).ofMaxSize(3))
                .as((id, type, arch, health, tags, attrs) -> new Board(id, type, arch, tags, attrs, "local", health));
    }

}
