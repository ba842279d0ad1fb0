/** JMH benchmarks of GitHub webhook intake: verify + parse through {@code Webhooks}, against a floor and hub4j. */
package io.cikit.bench.github;
