package io.cikit.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Typed accessors either return a value or throw a {@link ConfigurationException} naming the key: nothing else. */
class TypedValuesPropertyTest {

    private static final List<Function<ProviderConfig, Object>> ACCESSORS = List.of(
            c -> c.integer("cikit.v"), c -> c.longValue("cikit.v"), c -> c.bool("cikit.v"), c -> c.duration("cikit.v"),
            c -> c.uri("cikit.v"), c -> c.list("cikit.v"), c -> c.secrets("cikit.v"), c -> c.secret("cikit.v"),
            c -> c.get("cikit.v"));

    @Property(tries = 1000)
    void anyTextParsesOrFailsWithAConfigurationErrorNamingTheKey(@ForAll String text) {
        ProviderConfig config = ProviderConfig.of(Map.of("cikit.v", text)::get);

        for (Function<ProviderConfig, Object> accessor : ACCESSORS) {
            try {
                assertThat(accessor.apply(config)).isNotNull();
            } catch (ConfigurationException e) {
                assertThat(e.getMessage()).startsWith("`cikit.v` / `CIKIT_V`: ");
            }
        }
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("ms", "s", "m", "h", "d", "MS", "S", "M", "H", "D", "");
    }

    @Property(tries = 500)
    void shortDurationsMeanWhatTheirUnitSays(@ForAll @LongRange(min = 0, max = 10_000_000) long amount,
            @ForAll("units") String unit) {
        ChronoUnit expected = switch (unit.toLowerCase(Locale.ROOT)) {
            case "ms" -> ChronoUnit.MILLIS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            case "d" -> ChronoUnit.DAYS;
            default -> ChronoUnit.SECONDS;
        };

        assertThat(ProviderConfig.of(Map.of("t", amount + unit)::get).duration("t"))
                .contains(Duration.of(amount, expected));
    }

    @Property(tries = 300)
    void isoDurationsRoundTrip(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long millis) {
        Duration d = Duration.ofMillis(millis);

        assertThat(ProviderConfig.of(Map.of("t", d.toString())::get).duration("t")).contains(d);
    }

    @Property(tries = 300)
    void listItemsNeverCarryCommasOrSurroundingSpaceAndAreNeverEmpty(@ForAll String text) {
        List<String> items = ProviderConfig.of(Map.of("l", text)::get).list("l");

        assertThat(items).allSatisfy(item -> assertThat(item).isNotEmpty().doesNotContain(",").isEqualTo(item.strip()));
    }

    @Property(tries = 300)
    void integersRoundTrip(@ForAll int value) {
        assertThat(ProviderConfig.of(Map.of("i", Integer.toString(value))::get).integer("i")).contains(value);
    }
}
