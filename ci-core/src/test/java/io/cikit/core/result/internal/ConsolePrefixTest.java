package io.cikit.core.result.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ConsolePrefixTest {

    @Test
    void timestampsCallerIdsAndLevelsAreStrippedButIndentationIsKept() {
        assertThat(ConsolePrefix.strip("[    0.000000] Linux version 6.6")).isEqualTo("Linux version 6.6");
        assertThat(ConsolePrefix.strip("[  123.456789][ T4242] msg")).isEqualTo("msg");
        assertThat(ConsolePrefix.strip("[    1.000000][    C3]     ok 1 t")).isEqualTo("    ok 1 t");
        assertThat(ConsolePrefix.strip("<4>[    1.000000] WARNING: x")).isEqualTo("WARNING: x");
        assertThat(ConsolePrefix.strip("[    1.000000]")).isEmpty();
        assertThat(ConsolePrefix.strip("[  OK  ] Started foo")).isEqualTo("[  OK  ] Started foo");
        assertThat(ConsolePrefix.strip("[<ffffffff81000000>] frame")).isEqualTo("[<ffffffff81000000>] frame");
        assertThat(ConsolePrefix.strip("<html>")).isEqualTo("<html>");
        assertThat(ConsolePrefix.strip("")).isEmpty();
    }

    @Property(tries = 500)
    void textAndBytesAgree(@ForAll String s) {
        String line = "[   12.345678][    T1] ".substring(0, Math.min(23, s.length())) + s;
        byte[] b = line.getBytes(StandardCharsets.UTF_8);

        int fromBytes = ConsolePrefix.end(b, 0, b.length);

        assertThat(new String(b, fromBytes, b.length - fromBytes, StandardCharsets.UTF_8)).isEqualTo(ConsolePrefix.strip(line));
    }
}
