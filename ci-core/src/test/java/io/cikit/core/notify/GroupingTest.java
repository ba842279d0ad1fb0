package io.cikit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.spi.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class GroupingTest {
    private final ManualScheduler clock = new ManualScheduler();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final ScriptedChannel lab = new ScriptedChannel("lab", clock);

    private NotificationDispatcher dispatcher(GroupingPolicy policy) {
        return NotificationDispatcher.builder()
                .scheduler(clock)
                .outbox(outbox)
                .providers(Providers.none(NotificationChannelProvider.class, NotificationChannelProvider::name))
                .channel(lab)
                .grouping(policy)
                .meterRegistry(registry)
                .build();
    }

    private Notification failure(String board, String test, String branch) {
        return Notification.builder()
                .title(test + " failed on " + board)
                .message("exit 1")
                .severity(Severity.ERROR)
                .channels("lab")
                .testId(test)
                .meta(Notification.BOARD, board)
                .meta(Notification.BRANCH, branch)
                .meta(Notification.BUILD, "b-100")
                .timestamp(clock.now())
                .build();
    }

    @Test
    void notificationsOfOneGroupWithinGroupWaitBecomeOneDigest() {
        try (NotificationDispatcher d = dispatcher(GroupingPolicy.defaults())) {
            List<Dispatch> dispatches = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                dispatches.add(d.send(failure("board-" + i, "ltp.sem01", "main")));
                clock.advance(Duration.ofSeconds(2));
            }
            assertThat(lab.calls()).as("nothing goes out before groupWait ends").isEmpty();

            clock.advance(Duration.ofSeconds(30));

            assertThat(lab.delivered()).singleElement().satisfies(digest -> {
                assertThat(digest.title()).isEqualTo("7 boards failed `ltp.sem01` on main");
                assertThat(digest.severity()).isEqualTo(Severity.ERROR);
                assertThat(digest.message().lines()).hasSize(7).first().asString().isEqualTo("- [ERROR] board-1: ltp.sem01 failed on board-1");
                assertThat(digest.metadata()).containsEntry("boards", "board-1, board-2, board-3, board-4, board-5, board-6, board-7")
                        .containsEntry("group-size", "7").containsEntry(Notification.BUILD, "b-100")
                        .doesNotContainKey(Notification.BOARD);
                assertThat(digest.testId()).contains("ltp.sem01");
                assertThat(digest.id()).startsWith("digest-");
            });
            assertThat(dispatches).allSatisfy(x -> assertThat(x.completion())
                    .isCompletedWithValueMatching(r -> r.get(0).outcome() == DeliveryResult.Outcome.GROUPED));
            assertThat(outbox.depth()).isZero();
            assertThat(registry.counter("cikit.notify.suppressed", "reason", "grouped").count()).isEqualTo(7.0);
            assertThat(registry.counter("cikit.notify.sent", "channel", "lab").count()).isEqualTo(1.0);
        }
    }

    @Test
    void theDigestWaitsForGroupWaitFromTheFirstMemberNotTheLast() {
        try (NotificationDispatcher d = dispatcher(GroupingPolicy.defaults())) {
            d.send(failure("board-1", "ltp.sem01", "main"));
            clock.advance(Duration.ofSeconds(29));
            d.send(failure("board-2", "ltp.sem01", "main"));
            assertThat(lab.calls()).isEmpty();

            clock.advance(Duration.ofSeconds(1));

            assertThat(lab.calls()).singleElement().satisfies(c -> assertThat(c.at()).isEqualTo(Instant.parse("2026-03-01T10:00:30Z")));
        }
    }

    @Test
    void aGroupOfOneIsSentAsItself() {
        try (NotificationDispatcher d = dispatcher(GroupingPolicy.defaults())) {
            Notification n = failure("board-1", "ltp.sem01", "main");
            Dispatch dispatch = d.send(n);
            clock.advance(Duration.ofSeconds(30));

            assertThat(lab.delivered()).containsExactly(n);
            assertThat(dispatch.completion()).isCompletedWithValueMatching(r -> r.get(0).outcome() == DeliveryResult.Outcome.DELIVERED);
        }
    }

    @Test
    void laterMembersAreBatchedPerGroupInterval() {
        try (NotificationDispatcher d = dispatcher(GroupingPolicy.defaults())) {
            d.send(failure("board-1", "ltp.sem01", "main"));
            clock.advance(Duration.ofSeconds(30));
            assertThat(lab.delivered()).hasSize(1);

            clock.advance(Duration.ofMinutes(1));
            d.send(failure("board-2", "ltp.sem01", "main"));
            clock.advance(Duration.ofMinutes(1));
            d.send(failure("board-3", "ltp.sem01", "main"));
            clock.advance(Duration.ofMinutes(2).plusSeconds(59));
            assertThat(lab.delivered()).as("the next batch is due 5 min after the first flush (10:00:30)").hasSize(1);

            clock.advance(Duration.ofSeconds(1));

            assertThat(lab.calls()).hasSize(2);
            assertThat(lab.calls().get(1).at()).isEqualTo(Instant.parse("2026-03-01T10:05:30Z"));
            assertThat(lab.calls().get(1).notification().title()).isEqualTo("2 boards failed `ltp.sem01` on main");
        }
    }

    @Test
    void aMemberArrivingAfterAQuietIntervalStartsAFreshWindow() {
        try (NotificationDispatcher d = dispatcher(GroupingPolicy.defaults())) {
            d.send(failure("board-1", "ltp.sem01", "main"));
            clock.advance(Duration.ofMinutes(30));
            d.send(failure("board-2", "ltp.sem01", "main"));
            clock.advance(Duration.ofSeconds(29));
            assertThat(lab.calls()).hasSize(1);

            clock.advance(Duration.ofSeconds(1));
            assertThat(lab.calls()).hasSize(2);
        }
    }

    @Test
    void repeatsAreSuppressedUntilTheRepeatIntervalHasPassed() {
        try (NotificationDispatcher d = dispatcher(GroupingPolicy.defaults())) {
            d.send(failure("board-1", "ltp.sem01", "main"));
            clock.advance(Duration.ofSeconds(30));

            Dispatch repeat = d.send(failure("board-1", "ltp.sem01", "main"));
            clock.advance(Duration.ofMinutes(10));

            assertThat(lab.calls()).hasSize(1);
            assertThat(repeat.completion()).isCompletedWithValueMatching(r -> r.get(0).outcome() == DeliveryResult.Outcome.SUPPRESSED
                    && r.get(0).error().orElseThrow().contains("repeat"));
            assertThat(registry.counter("cikit.notify.suppressed", "reason", "repeat").count()).isEqualTo(1.0);
            assertThat(outbox.depth()).isZero();

            clock.advance(Duration.ofHours(4));
            d.send(failure("board-1", "ltp.sem01", "main"));
            clock.advance(Duration.ofSeconds(30));
            assertThat(lab.calls()).hasSize(2);
        }
    }

    @Test
    void identicalNotificationsInOneWindowAreSentOnce() {
        try (NotificationDispatcher d = dispatcher(GroupingPolicy.defaults())) {
            Notification a = failure("board-1", "ltp.sem01", "main").toBuilder().id("b").build();
            Notification b = a.toBuilder().id("a").build();
            d.send(a);
            d.send(b);
            clock.advance(Duration.ofSeconds(30));

            assertThat(lab.delivered()).singleElement().extracting(Notification::id).isEqualTo("a");
        }
    }

    @Test
    void differentKeysAndNotificationsWithoutATestIdAreNotGroupedTogether() {
        try (NotificationDispatcher d = dispatcher(GroupingPolicy.defaults())) {
            d.send(failure("board-1", "ltp.sem01", "main"));
            d.send(failure("board-2", "ltp.sem01", "next"));
            d.send(failure("board-3", "kselftest.net", "main"));
            Notification plain = Notification.builder().title("lab maintenance").severity(Severity.INFO).channels("lab").build();
            d.send(plain);

            clock.runDue();
            assertThat(lab.delivered()).as("no group key: sent right away").containsExactly(plain);

            clock.advance(Duration.ofSeconds(30));
            assertThat(lab.delivered()).hasSize(4);
        }
    }

    @Test
    void anExplicitGroupKeyOverridesTheDerivedOne() {
        try (NotificationDispatcher d = dispatcher(GroupingPolicy.defaults())) {
            d.send(failure("board-1", "ltp.sem01", "main").toBuilder().groupKey("nightly").build());
            d.send(failure("board-2", "kselftest.net", "next").toBuilder().groupKey("nightly").build());
            clock.advance(Duration.ofSeconds(30));

            assertThat(lab.delivered()).singleElement().satisfies(n -> {
                assertThat(n.title()).startsWith("2 notifications: ");
                assertThat(n.groupKey()).contains("nightly");
            });
        }
    }

    @Test
    void groupingCanBeTunedAndTurnedOff() {
        GroupingPolicy quick = GroupingPolicy.builder().groupWait(Duration.ofSeconds(5)).build();
        try (NotificationDispatcher d = dispatcher(quick)) {
            d.send(failure("board-1", "ltp.sem01", "main"));
            d.send(failure("board-2", "ltp.sem01", "main"));
            clock.advance(Duration.ofSeconds(5));
            assertThat(lab.delivered()).hasSize(1);
        }
        try (NotificationDispatcher d = dispatcher(GroupingPolicy.none())) {
            d.send(failure("board-3", "ltp.sem01", "main"));
            d.send(failure("board-3", "ltp.sem01", "main"));
            clock.runDue();
            assertThat(lab.delivered()).as("no grouping, no repeat suppression").hasSize(3);
        }
    }

    @Test
    void criticalNotificationsAreNotHeldUnlessEverySeverityIsGrouped() {
        try (NotificationDispatcher d = dispatcher(GroupingPolicy.defaults())) {
            d.send(failure("board-1", "ltp.sem01", "main").toBuilder().severity(Severity.CRITICAL).build());
            clock.runDue();
            assertThat(lab.delivered()).hasSize(1);
        }
        try (NotificationDispatcher d = dispatcher(GroupingPolicy.builder().groupEverySeverity().build())) {
            d.send(failure("board-2", "ltp.sem01", "main").toBuilder().severity(Severity.CRITICAL).build());
            clock.runDue();
            assertThat(lab.delivered()).hasSize(1);
            clock.advance(Duration.ofSeconds(30));
            assertThat(lab.delivered()).hasSize(2);
        }
        GroupingPolicy fromError = GroupingPolicy.builder().ungroupedFrom(Severity.ERROR).build();
        assertThat(fromError.keyOf(failure("board-3", "ltp.sem01", "main"))).isEmpty();
        assertThat(fromError.keyOf(failure("board-3", "ltp.sem01", "main").toBuilder().severity(Severity.WARNING).build()))
                .contains("ltp.sem01|failed|main");
    }

    @Test
    void aLongDigestListsTheFirstMembersAndCountsTheRest() {
        GroupingPolicy policy = GroupingPolicy.builder().maxDigestLines(3).build();
        try (NotificationDispatcher d = dispatcher(policy)) {
            for (int i = 0; i < 10; i++) {
                d.send(failure("board-" + i, "ltp.sem01", "main"));
            }
            clock.advance(Duration.ofSeconds(30));

            assertThat(lab.delivered()).singleElement().satisfies(n -> {
                assertThat(n.title()).isEqualTo("10 boards failed `ltp.sem01` on main");
                assertThat(n.message().lines()).hasSize(4).last().asString().isEqualTo("… and 7 more");
            });
        }
    }

    @Test
    void flushGroupsSendsWaitingGroupsAtOnce() {
        try (NotificationDispatcher d = dispatcher(GroupingPolicy.defaults())) {
            d.send(failure("board-1", "ltp.sem01", "main"));
            d.send(failure("board-2", "ltp.sem01", "main"));
            d.flushGroups();
            clock.runDue();
            assertThat(lab.delivered()).hasSize(1);

            // the stale 30 s timer finds nothing to do
            clock.advance(Duration.ofSeconds(30));
            assertThat(lab.calls()).hasSize(1);
        }
    }

    // --- order independence -------------------------------------------------------------------------------------

    record Member(String id, String board, Severity severity, int secondsIn) {
    }

    @Provide
    Arbitrary<List<Member>> window() {
        Arbitrary<Member> member = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'f').ofLength(6),
                Arbitraries.of("rpi4-01", "rpi4-02", "imx8-01", "bbb-07", "qemu-x86"),
                Arbitraries.of(Severity.class),
                Arbitraries.integers().between(0, 29)).as(Member::new);
        return member.list().ofMinSize(1).ofMaxSize(25).uniqueElements(Member::id);
    }

    @Property(tries = 200)
    void theDigestDoesNotDependOnArrivalOrderWithinAWindow(@ForAll("window") List<Member> members, @ForAll Random random) {
        List<Member> shuffled = new ArrayList<>(members);
        Collections.shuffle(shuffled, random);

        assertThat(digestOf(shuffled)).isEqualTo(digestOf(members));
    }

    private List<Notification> digestOf(List<Member> arrivals) {
        ManualScheduler time = new ManualScheduler();
        ScriptedChannel channel = new ScriptedChannel("lab", time);
        Instant start = time.now();
        try (NotificationDispatcher d = NotificationDispatcher.builder().scheduler(time).outbox(new InMemoryOutbox())
                .providers(Providers.none(NotificationChannelProvider.class, NotificationChannelProvider::name))
                .channel(channel).grouping(GroupingPolicy.builder().groupEverySeverity().build())
                .meterRegistry(new SimpleMeterRegistry()).build()) {
            for (Member m : arrivals) {
                d.send(Notification.builder().id(m.id()).title("ltp.sem01 failed on " + m.board()).severity(m.severity())
                        .channels("lab").testId("ltp.sem01").meta(Notification.BOARD, m.board())
                        .meta(Notification.BRANCH, "main").timestamp(start.plusSeconds(m.secondsIn())).build());
            }
            time.advance(Duration.ofSeconds(30));
            assertThat(channel.delivered()).hasSize(1);
            return channel.delivered();
        }
    }
}
