package io.cikit.notify.email;

import io.cikit.core.DeliveryException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.OptionalInt;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Maps an SMTP failure to a {@link DeliveryException}: a 4xx reply is transient (retryable), a 5xx reply permanent
 * (535, authentication failed, included); no reply at all (refused connection, timeout, broken connection) is
 * retryable. Stateless.
 */
final class SmtpFailures {
    private static final int MAX_TEXT = 200;

    private SmtpFailures() {
    }

    /**
     * @param lastReplyCode the transport's last SMTP reply code, or -1 when unknown
     */
    static DeliveryException classify(MessagingException e, int lastReplyCode) {
        OptionalInt code = replyCode(e);
        int effective = code.orElse(lastReplyCode);
        if (effective >= 400 && effective < 500) {
            return new DeliveryException("SMTP server answered " + effective + " (transient): " + text(e), true, e);
        }
        if (effective >= 500 && effective < 600) {
            String what = effective == 535 || e instanceof AuthenticationFailedException ? " (authentication failed)" : "";
            return new DeliveryException("SMTP server answered " + effective + what + ": " + text(e), false, e);
        }
        if (e instanceof AuthenticationFailedException) {
            return new DeliveryException("SMTP authentication failed: " + text(e), false, e);
        }
        if (hasIoCause(e)) {
            return new DeliveryException("SMTP connection failed: " + text(e), true, e);
        }
        // no reply code and no I/O cause: a protocol surprise, which a later attempt may not meet
        return new DeliveryException("SMTP delivery failed: " + text(e), true, e);
    }

    /** The reply code the exception (or one it chains) carries. */
    static OptionalInt replyCode(MessagingException e) {
        Exception current = e;
        for (int depth = 0; current != null && depth < 16; depth++) {
            if (current instanceof SMTPSendFailedException s && s.getReturnCode() > 0) {
                return OptionalInt.of(s.getReturnCode());
            }
            if (current instanceof SMTPAddressFailedException s && s.getReturnCode() > 0) {
                return OptionalInt.of(s.getReturnCode());
            }
            if (current instanceof SMTPSenderFailedException s && s.getReturnCode() > 0) {
                return OptionalInt.of(s.getReturnCode());
            }
            current = current instanceof MessagingException m ? m.getNextException() : null;
        }
        return OptionalInt.empty();
    }

    private static boolean hasIoCause(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++) {
            if (t instanceof IOException) {
                return true;
            }
            t = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
        }
        return false;
    }

    private static String text(Exception e) {
        String m = String.valueOf(e.getMessage());
        return EmailContent.cut(EmailContent.oneLine(m).strip(), MAX_TEXT);
    }
}
