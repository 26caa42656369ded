package io.postureaudit.web.security;

import io.postureaudit.config.PostureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Slows password guessing: after a few failed sign-ins for one user name, or more from one client address, further
 * attempts for it are refused without looking at the password for a lockout ({@code posture.web.sign-in.lockout})
 * that doubles with every further failure
 * (up to {@code posture.web.sign-in.max-lockout}). A success clears the user's count. Failures are logged with the
 * user name and address, never the password. Counts live in memory: per replica, forgotten at restart.
 */
@ApplicationScoped
public class SignInThrottle {

    private static final Logger LOG = Logger.getLogger(SignInThrottle.class);
    private static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 10_000;

    private final Clock clock;
    private final PostureConfig.Web.SignIn settings;
    private final Map<String, Failures> byUser = new HashMap<>();
    private final Map<String, Failures> byAddress = new HashMap<>();

    @jakarta.inject.Inject
    public SignInThrottle(Clock clock, PostureConfig config) {
        this(clock, config.web().signIn());
    }

    SignInThrottle(Clock clock, PostureConfig.Web.SignIn settings) {
        this.clock = clock;
        this.settings = settings;
    }

    private static final class Failures {
        int count;
        Instant last;
        Instant lockedUntil = Instant.MIN;
    }

    /** How long the caller must wait before this user or address may try again; empty = may try now. */
    public synchronized Optional<Duration> wait(String user, String address) {
        Instant now = clock.instant();
        Instant until = max(lockedUntil(byUser, key(user), now), lockedUntil(byAddress, address, now));
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    public synchronized void failed(String user, String address, String how) {
        Instant now = clock.instant();
        int userCount = record(byUser, key(user), settings.userFailures(), now);
        int addressCount = record(byAddress, address, settings.addressFailures(), now);
        LOG.warnf("sign-in failed (%s) for user '%s' from %s: %d recent failure(s) for this user, %d from this address",
                how, printable(user), address, userCount, addressCount);
    }

    public synchronized void succeeded(String user) {
        byUser.remove(key(user));
    }

    private int record(Map<String, Failures> map, String key, int allowed, Instant now) {
        if (map.size() >= MAX_TRACKED) {
            prune(map, now);
        }
        Failures f = map.computeIfAbsent(key, k -> new Failures());
        f.count++;
        f.last = now;
        if (f.count >= allowed) {
            Duration lockout = settings.lockout().multipliedBy(1L << Math.min(20, f.count - allowed));
            if (lockout.compareTo(settings.maxLockout()) > 0) {
                lockout = settings.maxLockout();
            }
            f.lockedUntil = now.plus(lockout);
        }
        return f.count;
    }

    private static Instant lockedUntil(Map<String, Failures> map, String key, Instant now) {
        Failures f = map.get(key);
        if (f == null) {
            return Instant.MIN;
        }
        if (f.lockedUntil.isBefore(now) && f.last.plus(FORGET_AFTER).isBefore(now)) {
            map.remove(key);
            return Instant.MIN;
        }
        return f.lockedUntil;
    }

    private static void prune(Map<String, Failures> map, Instant now) {
        for (Iterator<Failures> it = map.values().iterator(); it.hasNext();) {
            Failures f = it.next();
            if (f.lockedUntil.isBefore(now) && f.last.plus(FORGET_AFTER).isBefore(now)) {
                it.remove();
            }
        }
        if (map.size() >= MAX_TRACKED) {
            map.clear();
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String key(String user) {
        return user == null ? "" : user.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** A user name as it may appear in a log line: no control characters (no forged lines), at most 64 characters. */
    static String printable(String user) {
        if (user == null) {
            return "";
        }
        String clean = user.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
