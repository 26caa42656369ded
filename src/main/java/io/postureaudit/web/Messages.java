package io.postureaudit.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Fixed page text, {@code {msg:key}} in templates: English here, Japanese in messages/msg_ja.properties. The language
 * is chosen per request by {@link io.postureaudit.web.security.LanguageFilter}. Another page adds its keys here (one
 * block per page, prefixed with the page's name) and to msg_ja.properties; a key missing in Japanese shows English.
 */
@MessageBundle(value = "msg", locale = "en")
public interface Messages {

    // ----- layout -----
    @Message("en")
    String lang();

    @Message("Posture Audit")
    String app_name();

    @Message("Main navigation")
    String nav_label();

    @Message("Overview")
    String nav_overview();

    @Message("Findings")
    String nav_findings();

    @Message("Principals")
    String nav_principals();

    @Message("Changes")
    String nav_changes();

    @Message("Scans")
    String nav_scans();

    @Message("Rules")
    String nav_rules();

    @Message("Reports")
    String nav_reports();

    @Message("Signed in as {user}")
    String signed_in_as(String user);

    @Message("Sign out")
    String sign_out();

    @Message("Language")
    String language();

    @Message("Skip to content")
    String skip_to_content();

    @Message("Sample data")
    String sample_data();

    @Message("This estate includes the bundled sample accounts: what they show is sample data, not your AWS.")
    String sample_banner();

    // ----- sign-in -----
    @Message("Sign in")
    String login_title();

    @Message("User name")
    String login_username();

    @Message("Password")
    String login_password();

    @Message("Wrong user name or password.")
    String login_failed();

    @Message("Too many failed sign-ins. Try again in {seconds} seconds.")
    String login_throttled(long seconds);

    @Message("This form has expired. Please sign in again.")
    String login_expired();

    @Message("You have signed out.")
    String login_signed_out();

    @Message("Sign in with single sign-on")
    String login_oidc();

    // ----- errors -----
    @Message("Not found")
    String error_not_found();

    @Message("Bad request")
    String error_bad_request();

    @Message("Something went wrong")
    String error_server();

    @Message("The service could not complete this request. It has been logged; try again, or tell the operators at {time}.")
    String error_server_detail(String time);

    @Message("The database is not reachable right now. Try again in a moment.")
    String error_unavailable();

    @Message("Back to the overview")
    String error_back();
}
