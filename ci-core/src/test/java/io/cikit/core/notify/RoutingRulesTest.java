package io.cikit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoutingRulesTest {

    private static Notification of(Severity s) {
        return Notification.builder().title("t").severity(s).build();
    }

    @Test
    void defaultsSendInfoAndWarningToSlack() {
        assertThat(RoutingRules.defaults().channelsFor(of(Severity.INFO))).containsExactly("slack");
        assertThat(RoutingRules.defaults().channelsFor(of(Severity.WARNING))).containsExactly("slack");
    }

    @Test
    void defaultsSendErrorToSlackAndEmail() {
        assertThat(RoutingRules.defaults().channelsFor(of(Severity.ERROR))).containsExactly("slack", "email");
    }

    @Test
    void defaultsSendCriticalToSlackEmailAndTeams() {
        assertThat(RoutingRules.defaults().channelsFor(of(Severity.CRITICAL))).containsExactly("slack", "email", "teams");
    }

    @Test
    void customRulesAddTheChannelsOfEveryMatchingRuleOnceInRuleOrder() {
        RoutingRules rules = RoutingRules.builder()
                .exactly(Severity.WARNING, "teams")
                .when(n -> n.meta(Notification.BRANCH).filter("main"::equals).isPresent(), "pager", "teams")
                .atLeast(Severity.ERROR, "email")
                .fallback("log")
                .build();

        Notification mainWarning = Notification.builder().title("t").severity(Severity.WARNING).meta("branch", "main").build();
        Notification devError = Notification.builder().title("t").severity(Severity.ERROR).meta("branch", "dev").build();

        assertThat(rules.channelsFor(mainWarning)).containsExactly("teams", "pager");
        assertThat(rules.channelsFor(devError)).containsExactly("email");
        assertThat(rules.channelsFor(of(Severity.INFO))).containsExactly("log");
    }

    @Test
    void rulesWithoutAFallbackRouteAnUnmatchedNotificationNowhere() {
        RoutingRules rules = RoutingRules.builder().atLeast(Severity.CRITICAL, "pager").build();

        assertThat(rules.channelsFor(of(Severity.ERROR))).isEmpty();
    }
}
