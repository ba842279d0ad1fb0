package io.cikit.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.Recipient;
import io.cikit.core.notify.Severity;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailContentGreenMailTest {
    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private EmailChannel channel(List<String> defaults) {
        return EmailChannel.builder().host("127.0.0.1").port(GREEN_MAIL.getSmtp().getPort()).tls(EmailTls.NONE)
                .from("CI Lab <cikit@lab.example>").to(defaults).build();
    }

    private static Notification notification() {
        return Notification.builder()
                .title("ltp.sem01 <b>failed</b> & more")
                .message("timed out after 300 s\n<script>alert(1)</script>")
                .severity(Severity.CRITICAL)
                .channels("email")
                .recipient(Recipient.email("Kernel team", "kernel@example.org"))
                .recipient(Recipient.email("Kernel again", "KERNEL@example.org"))
                .recipient(Recipient.email("Broken", "not-an-address"))
                .recipient(Recipient.named("Slack only").withSlackUserId("U1"))
                .meta("board", "rpi4-03")
                .meta("log", "https://lava.example/job/42?a=1&b=\"2\"")
                .testId("ltp.sem01")
                .timestamp(Instant.parse("2026-03-01T10:00:00Z"))
                .build();
    }

    @Test
    void theMailHasAPlainAndAnEscapedHtmlAlternative() throws Exception {
        channel(List.of()).deliver(notification(), "abc123");

        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("[CRITICAL] ltp.sem01 <b>failed</b> & more");
        assertThat(m.getMessageID()).isEqualTo("<abc123@cikit>");
        assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("cikit@lab.example");
        MimeMultipart alternative = (MimeMultipart) m.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
        String plain = (String) alternative.getBodyPart(0).getContent();
        assertThat(plain).contains("[CRITICAL] ltp.sem01 <b>failed</b> & more", "timed out after 300 s",
                "board: rpi4-03", "log: https://lava.example/job/42?a=1&b=\"2\"", "test: ltp.sem01");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(html).contains("ltp.sem01 &lt;b&gt;failed&lt;/b&gt; &amp; more", "&lt;script&gt;alert(1)&lt;/script&gt;",
                "<th style=\"text-align:left;padding:2px 12px 2px 0\">board</th>", "https://lava.example/job/42?a=1&amp;b=&quot;2&quot;",
                EmailContent.colour(Severity.CRITICAL));
        assertThat(html).doesNotContain("<script>", "<b>failed");
    }

    @Test
    void recipientsAreTheValidRecipientAddressesPlusDefaultsWithoutDuplicates() throws Exception {
        channel(List.of("oncall@lab.example", "kernel@example.org")).deliver(notification(), "k2");

        MimeMessage m = GREEN_MAIL.getReceivedMessages()[0];
        List<String> to = Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Address::toString)
                .map(a -> ((InternetAddress) parse(a)).getAddress()).toList();
        assertThat(to).containsExactly("kernel@example.org", "oncall@lab.example");
        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(2); // one SMTP copy per envelope recipient
    }

    private static Address parse(String a) {
        try {
            return new InternetAddress(a);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new AssertionError(e);
        }
    }
}
