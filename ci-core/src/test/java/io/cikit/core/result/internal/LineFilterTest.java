package io.cikit.core.result.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class LineFilterTest {
    private final LineFilter filter = new LineFilter(ConsoleMarkers.ANYWHERE, ConsoleMarkers.START);

    @Property(tries = 1000)
    void anAnywhereLiteralIsFoundAtEveryPositionDespiteSampling(@ForAll @StringLength(max = 40) String before,
            @ForAll @StringLength(max = 40) String after, @ForAll @IntRange(min = 0, max = 100) int which) {
        int id = which % ConsoleMarkers.ANYWHERE.size();
        String line = (before + ConsoleMarkers.ANYWHERE.get(id) + after).replace('\n', ' ');
        byte[] b = line.getBytes(StandardCharsets.UTF_8);

        assertThat(filter.scan(b, 0, b.length) & (1L << id)).isNotZero();
    }

    @Property(tries = 500)
    void aStartLiteralIsFoundAfterConsolePrefixesAndBlanks(@ForAll @IntRange(min = 0, max = 100) int which,
            @ForAll @IntRange(min = 0, max = 3) int prefix, @ForAll @StringLength(max = 30) String after) {
        int id = which % ConsoleMarkers.START.size();
        String p = List.of("", "[    1.234567] ", "[  123.000001][    T42] ", "   ").get(prefix);
        byte[] b = (p + ConsoleMarkers.START.get(id) + after.replace('\n', ' ')).getBytes(StandardCharsets.UTF_8);

        assertThat(filter.scan(b, 0, b.length) & (1L << (ConsoleMarkers.ANYWHERE.size() + id))).isNotZero();
    }

    @Test
    void startLiteralsInTheMiddleOfAMessageAndDisabledLiteralsAreNotReported() {
        byte[] mid = "[    1.0] audit: the word BUG: here is not a headline".getBytes(StandardCharsets.UTF_8);
        byte[] systemd = "[    1.0] systemd[1]: Started foo.service".getBytes(StandardCharsets.UTF_8);
        LineFilter f = new LineFilter(ConsoleMarkers.ANYWHERE, ConsoleMarkers.START);

        assertThat(f.scan(mid, 0, mid.length)).isZero();
        assertThat(f.scan(systemd, 0, systemd.length)).isNotZero();
        f.enable(ConsoleMarkers.mask(io.cikit.core.result.BootStage.USERSPACE));
        assertThat(f.scan(systemd, 0, systemd.length)).isZero();
    }

    @Property(tries = 500)
    void findNewlineAgreesWithAPlainSearch(@ForAll @Size(max = 300) byte[] bytes, @ForAll @IntRange(max = 300) int from) {
        int start = Math.min(from, bytes.length);
        int expected = -1;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                expected = i;
                break;
            }
        }

        assertThat(LineFilter.findNewline(bytes, start, bytes.length)).isEqualTo(expected);
    }

    @Test
    void literalsTooShortToSampleAreRefused() {
        assertThatThrownBy(() -> new LineFilter(List.of("BUG:"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
