package io.cikit.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any mix of case and separators ({@code .}, {@code -}, {@code _}) names the same key, in every layer. */
class KeyFoldingPropertyTest {

    private static final char[] SEPARATORS = {'.', '-', '_'};

    @Provide
    Arbitrary<List<String>> segments() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(8)
                .list().ofMinSize(1).ofMaxSize(5);
    }

    /** The key as documentation writes it: {@code cikit.} then segments joined by dots or dashes. */
    private static String canonical(List<String> segments, Random random) {
        StringBuilder key = new StringBuilder("cikit");
        for (String s : segments) {
            key.append(random.nextBoolean() ? '.' : '-').append(s);
        }
        return key.toString();
    }

    /** Another spelling of the same key: each letter's case and each separator chosen at random. */
    private static String respell(String key, Random random) {
        StringBuilder out = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (c == '.' || c == '-' || c == '_') {
                out.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
            } else {
                String s = String.valueOf(c);
                out.append(random.nextBoolean() ? s.toUpperCase(Locale.ROOT) : s);
            }
        }
        return out.toString();
    }

    @Property(tries = 300)
    void anySpellingReadsWhatAnotherSpellingSet(@ForAll("segments") List<String> segments, @ForAll Random random) {
        String key = canonical(segments, random);
        String setAs = respell(key, random);
        String readAs = respell(key, random);

        CiConfig config = CiConfigTest.isolated().set(setAs, "v").build();

        assertThat(config.get(readAs)).as("set %s, read %s", setAs, readAs).contains("v");
        assertThat(config.get(key)).contains("v");
    }

    @Property(tries = 300)
    void systemPropertiesAndEnvironmentVariablesMatchInAnySpelling(@ForAll("segments") List<String> segments,
            @ForAll Random random) {
        String key = canonical(segments, random);
        Properties props = new Properties();
        props.setProperty(respell(key, random), "from-sysprop");

        CiConfig fromSysprop = CiConfig.builder().systemProperties(props).environment(Map.of()).build();
        CiConfig fromEnv = CiConfigTest.isolated().environment(Map.of(respell(key, random), "from-env")).build();

        assertThat(fromSysprop.get(respell(key, random))).contains("from-sysprop");
        assertThat(fromEnv.get(respell(key, random))).contains("from-env");
        assertThat(fromEnv.get(KeyName.envForm(key))).contains("from-env");
    }

    @Property(tries = 300)
    void twoSpellingsSetOnTheBuilderAreOneKeyAndTheLastWins(@ForAll("segments") List<String> segments,
            @ForAll Random random) {
        String key = canonical(segments, random);

        CiConfig config = CiConfigTest.isolated().set(respell(key, random), "first").set(respell(key, random), "second").build();

        assertThat(config.get(key)).contains("second");
        assertThat(config.toString()).containsOnlyOnce(KeyName.fold(key) + "]");
    }

    @Property(tries = 300)
    void bothMessageSpellingsFoldToTheKey(@ForAll("segments") List<String> segments, @ForAll Random random) {
        String spelled = respell(canonical(segments, random), random);

        assertThat(KeyName.fold(KeyName.envForm(spelled))).isEqualTo(KeyName.fold(spelled));
        assertThat(KeyName.fold(KeyName.propertyForm(spelled))).isEqualTo(KeyName.fold(spelled));
        assertThat(KeyName.envForm(spelled)).matches("[A-Z0-9_]+");
    }

    @Property(tries = 200)
    void aKeyOutsideTheCikitNamespaceIsNotReadFromTheEnvironment(@ForAll("segments") List<String> segments,
            @ForAll Random random) {
        String key = "lab" + canonical(segments, random).substring("cikit".length());

        CiConfig config = CiConfigTest.isolated().environment(Map.of(KeyName.envForm(key), "v")).build();

        assertThat(config.get(key)).isEmpty();
    }
}
