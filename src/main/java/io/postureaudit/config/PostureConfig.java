package io.postureaudit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything under {@code posture.*}; names are fixed by the public contract. */
@ConfigMapping(prefix = "posture")
public interface PostureConfig {

    /** Where the embedded PostgreSQL keeps its data when no JDBC URL is configured. */
    @WithName("data-dir")
    @WithDefault("${user.home}/.posture-audit")
    Path dataDir();

    List<Account> accounts();

    Aws aws();

    Scan scan();

    Rules rules();

    Slack slack();

    Analysis analysis();

    Samples samples();

    Terraform terraform();

    /** Terraform state files compared with the live estate at every scan (issue 9b). */
    interface Terraform {
        /**
         * Comma list of local paths and {@code s3://bucket/key} locations of Terraform state (format version 4),
         * read afresh at every scan; S3 objects are read with the service's own credentials, not an audit role.
         */
        Optional<List<String>> states();
    }

    /** Base URL of the web view, used in links sent out (Slack, PagerDuty), e.g. {@code https://posture.example.com}. */
    @WithName("public-url")
    @WithDefault("http://localhost:8080")
    String publicUrl();

    PagerDuty pagerduty();

    /** PagerDuty Events API v2: critical findings page on-call; off without a routing key. */
    interface PagerDuty {
        /** The integration's routing key (a secret); unset = PagerDuty delivery off. */
        @WithName("routing-key")
        Optional<String> routingKey();

        @WithName("api-url")
        @WithDefault("https://events.pagerduty.com/v2/enqueue")
        String apiUrl();
    }

    /** The sample estate shown to newcomers. */
    interface Samples {
        /** Import the bundled sample estate at start-up when no account is configured. */
        @WithDefault("true")
        boolean enabled();
    }

    /** Least-privilege analysis settings. */
    interface Analysis {
        /** Days without use after which access counts as unused (services, roles, keys, passwords). */
        @WithName("unused-days")
        @WithDefault("90")
        int unusedDays();
    }

    /** One AWS account to audit. */
    interface Account {
        String id();

        Optional<String> name();

        @WithName("role-arn")
        Optional<String> roleArn();

        @WithName("external-id")
        Optional<String> externalId();

        Optional<List<String>> regions();
    }

    /** How the AWS clients are built. */
    interface Aws {
        @WithDefault("ap-northeast-1,us-east-1")
        List<String> regions();

        @WithName("endpoint-override")
        Optional<String> endpointOverride();

        /** Calls in flight at once for one account and service, to stay under AWS rate limits. */
        @WithName("max-concurrency")
        @WithDefault("4")
        int maxConcurrency();

        /** Longest wait for one attempt of an AWS call (a hung connection), before the SDK retries. */
        @WithName("api-call-attempt-timeout")
        @WithDefault("PT30S")
        Duration apiCallAttemptTimeout();

        /**
         * Attempts per AWS call (the first and the retries) under the SDK's adaptive retry. More than the SDK's 3:
         * in a throttling storm (30 % of attempts throttled) three attempts leave 2.7 % of calls as gaps, ten leave
         * 6 in a million; {@code api-call-timeout} still bounds the call.
         */
        @WithName("max-attempts")
        @WithDefault("10")
        int maxAttempts();

        /** Longest wait for one AWS call with all its retries; then the call is a gap. */
        @WithName("api-call-timeout")
        @WithDefault("PT2M")
        Duration apiCallTimeout();

        @WithName("credential-report-timeout")
        @WithDefault("PT2M")
        Duration credentialReportTimeout();

        @WithName("credential-report-poll")
        @WithDefault("PT2S")
        Duration credentialReportPoll();
    }

    /** Scan scheduling. */
    interface Scan {
        @WithDefault("0 0 0/6 * * ?")
        String cron();

        /** Accounts scanned in parallel per replica: at most this many accounts' data are in memory at once. */
        @WithName("account-parallelism")
        @WithDefault("2")
        int accountParallelism();

        /** How often one node checks that no scan is left running for ever ({@code off} disables it). */
        @WithName("watchdog-interval")
        @WithDefault("1m")
        String watchdogInterval();

        /**
         * Longest that storing one account's scan may take (inventory, drift, analysis, rules and findings are one
         * transaction); past it the store is rolled back and retried. A first scan of a large account takes minutes.
         */
        @WithName("store-timeout")
        @WithDefault("PT15M")
        Duration storeTimeout();
    }

    /** Extra rule folders, added to the rules built into the jar, and per-rule settings. */
    interface Rules {
        Optional<List<Path>> paths();

        /** {@code posture.rules.overrides."<rule_id>".enabled|severity}: for every account. */
        Map<String, RuleOverride> overrides();

        /** {@code posture.rules.accounts."<account-id>"."<rule_id>".enabled|severity}: wins over the global one. */
        Map<String, Map<String, RuleOverride>> accounts();

        /** One rule's setting; an unset field keeps what the rule file (or the global override) says. */
        interface RuleOverride {
            Optional<Boolean> enabled();

            /** One of critical, high, medium, low, info; checked when the catalogue loads. */
            Optional<String> severity();
        }
    }

    /** The biweekly study-session report (issue #11). */
    Report report();

    /** When and how the study-session report is made. */
    interface Report {
        /** Quartz cron in {@link #zone()}; fires weekly, and {@link #firstDate()} picks every other week. */
        @WithDefault("0 0 10 ? * FRI")
        String cron();

        /** A day the report is due; due days are this one and every 14 days before and after it. */
        @WithName("first-date")
        @WithDefault("2026-01-09")
        java.time.LocalDate firstDate();

        /** The zone report periods and the schedule are read in. */
        @WithDefault("Asia/Tokyo")
        java.time.ZoneId zone();

        /** Language of the fixed text: {@code en} or {@code ja}; a request may ask for the other. */
        @WithDefault("en")
        String language();

        /** A TrueType/OpenType font embedded in the PDF; it must cover Japanese for {@code ja} reports. */
        @WithName("font-path")
        @WithDefault("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")
        Path fontPath();
    }

    /** Finding lifecycle housekeeping. */
    Findings findings();

    /** How often expired suppressions are reopened between scans ({@code off} disables the timer). */
    interface Findings {
        @WithName("expiry-interval")
        @WithDefault("5m")
        String expiryInterval();
    }

    /** Slack delivery; without a token messages stay in the outbox. */
    interface Slack {
        Optional<String> token();

        @WithName("api-url")
        @WithDefault("https://slack.com/api/")
        String apiUrl();

        Channels channels();

        @WithName("max-attempts")
        @WithDefault("8")
        int maxAttempts();

        /** How often pending messages are retried ({@code off} disables the timer; scans still deliver). */
        @WithName("delivery-interval")
        @WithDefault("15s")
        String deliveryInterval();

        /** Signs Slack's interactivity requests; unset = {@code /slack/interactivity} refuses every request. */
        @WithName("signing-secret")
        Optional<String> signingSecret();

        /** Slack user ids (U…) that may act from Slack (suppress); everyone else gets a refusal. */
        Optional<List<String>> admins();

        /** When the daily digest goes out (Quartz cron, in {@code posture.slack.zone}); {@code off} disables it. */
        @WithName("digest-cron")
        @WithDefault("0 0 9 * * ?")
        String digestCron();

        /** The zone of the digest schedule and of quiet hours. */
        @WithDefault("Asia/Tokyo")
        String zone();

        /** Least time between two posts to one channel (Slack allows about one message per second). */
        @WithName("channel-pace")
        @WithDefault("PT1S")
        Duration channelPace();

        /**
         * How long a claimed outbox message stays hidden from other workers and replicas: longer than one delivery
         * can take, since a replica that dies holding a message delays it by this much (and nothing is sent twice).
         */
        @WithName("claim-lease")
        @WithDefault("PT5M")
        Duration claimLease();

        /** Where findings go: every matching route's channel gets them; none matching = the alerts channel. */
        Optional<List<Route>> routes();

        /** {@code posture.slack.quiet-hours."<channel>"=22:00-07:00}: non-critical alerts wait for the digest. */
        @WithName("quiet-hours")
        Map<String, String> quietHours();

        /** One routing rule; every criterion given must match (empty = any), values compared lowercase. */
        interface Route {
            /** Channel id (C…) or name (#…). */
            String channel();

            Optional<List<String>> severities();

            /** AWS services as in resource types: iam, kms, waf, guardduty, identitycenter. */
            Optional<List<String>> services();

            Optional<List<String>> rules();

            /** 12-digit account ids. */
            Optional<List<String>> accounts();

            /** Account labels ({@code posture.accounts[i].name}): prod, staging, dev. */
            Optional<List<String>> environments();

            /** Send matching findings only in the digest, never as immediate alerts. */
            @WithName("digest-only")
            @WithDefault("false")
            boolean digestOnly();
        }

        /** Slack channels by purpose. */
        interface Channels {
            Optional<String> alerts();

            Optional<String> digest();

            Optional<String> reports();
        }
    }

    // ===== web (issue 12): sign-in, sessions, throttling =====
    Web web();

    /** The web view's sign-in. */
    interface Web {
        /** How long a browser session from the sign-in form lasts. */
        @WithName("session-timeout")
        @WithDefault("PT12H")
        Duration sessionTimeout();

        @WithName("sign-in")
        SignIn signIn();

        /** Slowing down password guessing (form and HTTP Basic alike). */
        interface SignIn {
            /** Failed sign-ins for one user name before further attempts are refused for a while. */
            @WithName("user-failures")
            @WithDefault("5")
            int userFailures();

            /** Failed sign-ins from one client address before its further attempts are refused for a while. */
            @WithName("address-failures")
            @WithDefault("20")
            int addressFailures();

            /** The first refusal's length; it doubles with every further failure. */
            @WithDefault("PT30S")
            Duration lockout();

            @WithName("max-lockout")
            @WithDefault("PT15M")
            Duration maxLockout();
        }
    }
    // ===== end web =====
}
