package io.cikit.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SkipMarkersTest {
    private final SkipMarkers builtIn = SkipMarkers.withExtra(List.of());

    @Test
    void theTrailerIsFoundAfterWindowsLineEndingsAndTrailingBlankLines() {
        assertThat(builtIn.find("Fix\r\n\r\nskip-checks: true\r\n\r\n")).contains(SkipMarkers.TRAILER);
    }

    @Test
    void aMessageThatIsOnlyTheTrailerCounts() {
        assertThat(builtIn.find("skip-checks:true")).contains(SkipMarkers.TRAILER);
    }

    @Test
    void emptyAndUnmarkedMessagesHaveNoMarker() {
        assertThat(builtIn.find("")).isEmpty();
        assertThat(builtIn.find("   \n ")).isEmpty();
        assertThat(builtIn.find("skip ci")).isEmpty();
        assertThat(builtIn.find("[skip\nci]")).as("a marker broken over lines").isEmpty();
        assertThat(builtIn.find("[skip  ci]")).isEmpty();
    }

    @Test
    void titlesAreSearchedForBracketMarkersOnly() {
        assertThat(builtIn.findInTitle("skip-checks: true")).isEmpty();
        assertThat(builtIn.findInTitle("Docs [NO CI]")).contains("[no ci]");
    }

    @Test
    void extraMarkersAreMatchedLiterallyNotAsPatterns() {
        SkipMarkers markers = SkipMarkers.withExtra(List.of("(lab.*)"));

        assertThat(markers.find("x (LAB.*) y")).contains("(lab.*)");
        assertThat(markers.find("x (labxyz) y")).isEmpty();
    }
}
