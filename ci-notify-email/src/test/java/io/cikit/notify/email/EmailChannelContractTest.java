package io.cikit.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cikit.core.DeliveryException;
import io.cikit.core.config.Secret;
import io.cikit.core.notify.NotificationChannel;
import io.cikit.testkit.notify.NotificationChannelContract;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailChannelContractTest extends NotificationChannelContract {
    private ScriptedSmtpServer smtp;

    @BeforeEach
    void startSmtp() throws IOException {
        smtp = new ScriptedSmtpServer();
    }

    @AfterEach
    void stopSmtp() throws IOException {
        smtp.close();
    }

    @Override
    protected NotificationChannel createChannel() {
        return EmailChannel.builder().host("127.0.0.1").port(smtp.port()).tls(EmailTls.NONE).from("cikit@lab.example")
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2)).writeTimeout(Duration.ofSeconds(2))
                .build();
    }

    @Override
    protected String expectedName() {
        return "email";
    }

    @Override
    protected void destinationAccepts() {
        smtp.accepting();
    }

    @Override
    protected void destinationRefusesPermanently() {
        smtp.accepting();
        smtp.mailReply = "550 5.7.1 relaying denied";
    }

    @Override
    protected void destinationFailsTransiently() {
        smtp.accepting();
        smtp.mailReply = "451 4.3.0 try again later";
    }

    @Override
    protected void destinationUnreachable() {
        smtp.stopListening();
    }

    @Override
    protected int deliveriesReceived() {
        return smtp.messageIds.size();
    }

    @Override
    protected Optional<List<String>> idempotencyKeysReceived() {
        return Optional.of(List.copyOf(smtp.messageIds));
    }

    @Override
    protected String carried(String idempotencyKey) {
        return "<" + idempotencyKey + "@cikit>";
    }

    @ParameterizedTest(name = "{0} at {1} is retryable: {2}")
    @CsvSource({
            "421 4.3.2 shutting down, greeting, true",
            "451 4.3.0 local error, mail, true",
            "452 4.2.2 mailbox full, rcpt, true",
            "450 4.7.1 greylisted, data, true",
            "554 5.3.4 message too big, data, false",
            "550 5.1.1 no such user, rcpt, false",
            "553 5.1.8 bad sender, mail, false",
            "535 5.7.8 authentication failed, auth, false",
            "454 4.7.0 temporary authentication failure, auth, true"})
    void smtpReplyCodesDecideRetryability(String reply, String stage, boolean retryable) {
        smtp.accepting();
        switch (stage) {
            case "greeting" -> smtp.greeting = reply;
            case "mail" -> smtp.mailReply = reply;
            case "rcpt" -> smtp.rcptReply = reply;
            case "data" -> smtp.dataReply = reply;
            case "auth" -> smtp.authReply = reply;
            default -> throw new IllegalArgumentException(stage);
        }
        EmailChannel ch = EmailChannel.builder().host("127.0.0.1").port(smtp.port()).tls(EmailTls.NONE).from("cikit@lab.example")
                .credentials("ci", Secret.of("hunter2")).readTimeout(Duration.ofSeconds(2)).build();

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> ch.deliver(sample(), key()));

        assertThat(e).as("deliver must fail").isNotNull();
        assertThat(e.retryable()).as("retryable() of %s", e).isEqualTo(retryable);
        assertThat(e.getMessage()).doesNotContain("hunter2");
        if (!stage.equals("greeting")) {
            assertThat(e.getMessage()).contains(reply.substring(0, 3));
        }
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersTimesOutAsRetryable() {
        smtp.silent = true;
        EmailChannel ch = EmailChannel.builder().host("127.0.0.1").port(smtp.port()).tls(EmailTls.NONE).from("cikit@lab.example")
                .readTimeout(Duration.ofMillis(300)).build();

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> ch.deliver(sample(), key()));

        assertThat(e.retryable()).isTrue();
        assertThat(causes(e)).anyMatch(t -> t instanceof java.net.SocketTimeoutException);
    }

    @Test
    void aNotificationWithoutAnyUsableAddressIsRefusedPermanently() {
        smtp.accepting();
        EmailChannel ch = EmailChannel.builder().host("127.0.0.1").port(smtp.port()).tls(EmailTls.NONE).from("cikit@lab.example").build();

        io.cikit.core.notify.Notification n = io.cikit.core.notify.Notification.builder().title("t")
                .severity(io.cikit.core.notify.Severity.ERROR).channels("email")
                .recipient(io.cikit.core.notify.Recipient.email("Nobody", "not-an-address")).build();

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> ch.deliver(n, key()));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("no valid email recipient");
        assertThat(smtp.messageIds).isEmpty();
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> out = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && out.size() < 20; c = c instanceof jakarta.mail.MessagingException m && m.getNextException() != null ? m.getNextException() : c.getCause()) {
            out.add(c);
        }
        return out;
    }
}
