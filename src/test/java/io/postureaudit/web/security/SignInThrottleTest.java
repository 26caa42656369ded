package io.postureaudit.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.config.PostureConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Repeated failures lock a user name and an address out for a doubling while; success and time clear them. */
class SignInThrottleTest {

    private Instant now = Instant.parse("2026-12-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    private final SignInThrottle throttle = new SignInThrottle(clock, new PostureConfig.Web.SignIn() {
        @Override
        public int userFailures() {
            return 3;
        }

        @Override
        public int addressFailures() {
            return 5;
        }

        @Override
        public Duration lockout() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration maxLockout() {
            return Duration.ofMinutes(2);
        }
    });

    @Test
    void shouldLockUserOutWhenFailuresReachTheLimit() {
        throttle.failed("alice", "10.0.0.1", "form");
        throttle.failed("alice", "10.0.0.2", "form");
        assertEquals(Optional.empty(), throttle.wait("alice", "10.0.0.3"));
        throttle.failed("ALICE", "10.0.0.3", "form");
        assertEquals(Optional.of(Duration.ofSeconds(30)), throttle.wait("alice", "10.0.0.4"));
        assertEquals(Optional.empty(), throttle.wait("bob", "10.0.0.4"), "other users are not locked");
    }

    @Test
    void shouldDoubleLockoutUpToMaximumWhenFailuresContinue() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("alice", "10.0.0." + i, "basic");
        }
        now = now.plusSeconds(31);
        throttle.failed("alice", "10.0.0.9", "basic");
        assertEquals(Optional.of(Duration.ofSeconds(60)), throttle.wait("alice", "10.0.0.10"));
        now = now.plusSeconds(61);
        throttle.failed("alice", "10.0.0.9", "basic");
        now = now.plusSeconds(121);
        throttle.failed("alice", "10.0.0.9", "basic");
        assertEquals(Optional.of(Duration.ofMinutes(2)), throttle.wait("alice", "10.0.0.10"), "capped");
    }

    @Test
    void shouldLockAddressOutWhenItTriesManyUsers() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "192.0.2.7", "basic");
        }
        assertTrue(throttle.wait("someone-else", "192.0.2.7").isPresent());
        assertEquals(Optional.empty(), throttle.wait("someone-else", "192.0.2.8"));
    }

    @Test
    void shouldClearUserWhenSignInSucceedsOrTimePasses() {
        throttle.failed("alice", "10.0.0.1", "form");
        throttle.failed("alice", "10.0.0.1", "form");
        throttle.succeeded("alice");
        throttle.failed("alice", "10.0.0.1", "form");
        assertEquals(Optional.empty(), throttle.wait("alice", "10.0.0.2"), "success reset the count");
        throttle.failed("alice", "10.0.0.1", "form");
        throttle.failed("alice", "10.0.0.1", "form");
        assertTrue(throttle.wait("alice", "10.0.0.2").isPresent());
        now = now.plus(Duration.ofMinutes(20));
        assertEquals(Optional.empty(), throttle.wait("alice", "10.0.0.2"));
        throttle.failed("alice", "10.0.0.1", "form");
        assertEquals(Optional.empty(), throttle.wait("alice", "10.0.0.2"), "old failures were forgotten");
    }

    @Test
    void shouldKeepControlCharactersOutOfLogLines() {
        assertEquals("eve?INFO forged", SignInThrottle.printable("eve\nINFO forged"));
    }
}
