package io.cikit.core.spi;

/** A service interface for {@link ProvidersTest}; its providers are listed in {@code META-INF/services}. */
public interface Greeter {
    String name();

    String greet(String who);
}
