/** JMH benchmarks of notification dispatch: accepting into a durable outbox, and recovering a large one. */
package io.cikit.bench.notify;
