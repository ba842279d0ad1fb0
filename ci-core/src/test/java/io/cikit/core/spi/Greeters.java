package io.cikit.core.spi;

/**
 * {@link Greeter} providers, good and broken, listed in {@code src/test/resources/META-INF/services} in an order that
 * puts broken entries between good ones.
 */
public final class Greeters {
    private Greeters() {}

    public static final class English implements Greeter {
        public English() {}

        @Override
        public String name() {
            return "english";
        }

        @Override
        public String greet(String who) {
            return "hello " + who;
        }
    }

    /** Its constructor fails, as a provider missing its own configuration or dependency would. */
    public static final class Exploding implements Greeter {
        public Exploding() {
            throw new IllegalStateException("boom: exploding greeter cannot start");
        }

        @Override
        public String name() {
            return "exploding";
        }

        @Override
        public String greet(String who) {
            return "never";
        }
    }

    public static final class French implements Greeter {
        public French() {}

        @Override
        public String name() {
            return "french";
        }

        @Override
        public String greet(String who) {
            return "bonjour " + who;
        }
    }

    /** Answers to no name, which would make it unfindable and break name comparisons. */
    public static final class Nameless implements Greeter {
        public Nameless() {}

        @Override
        public String name() {
            return null;
        }

        @Override
        public String greet(String who) {
            return "…";
        }
    }

    /** Listed after {@link English} under the same name (in another case): discovery keeps the first. */
    public static final class EnglishAgain implements Greeter {
        public EnglishAgain() {}

        @Override
        public String name() {
            return "English";
        }

        @Override
        public String greet(String who) {
            return "hello again " + who;
        }
    }

    /** Not listed in any services file: only explicit registration brings it in. */
    public static final class Registered implements Greeter {
        private final String name;
        private final String greeting;

        public Registered(String name, String greeting) {
            this.name = name;
            this.greeting = greeting;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String greet(String who) {
            return greeting + " " + who;
        }
    }
}
