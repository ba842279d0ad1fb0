/** cikit email notifications: multipart plain text and HTML over SMTP with jakarta.mail and Angus. */
module io.cikit.notify.email {
    requires transitive io.cikit.core;
    requires jakarta.mail;
    requires org.eclipse.angus.mail;

    exports io.cikit.notify.email;

    provides io.cikit.core.notify.NotificationChannelProvider with io.cikit.notify.email.EmailChannelProvider;
}
