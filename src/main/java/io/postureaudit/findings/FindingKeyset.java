package io.postureaudit.findings;

import io.postureaudit.rules.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Keyset pagination of the findings list: a cursor names the sort and the sort-key values of the last row shown, and
 * the next page is the rows after it, found through the list's indexes however deep it is (OFFSET reads and drops
 * every row before the page). The cursor is opaque text (URL-safe Base64) so that a URL holding it stays valid.
 */
final class FindingKeyset {

    /** One sort key: its name (in messages), its column, its direction and how its value is written in a cursor. */
    record Key(String field, String column, boolean descending, Kind kind) {
    }

    enum Kind { INT, LONG, INSTANT, TEXT }

    /** The keys of each sort in {@link FindingQueries#SORTS}, in order; the last is always the unique id. */
    static final Map<String, List<Key>> KEYS = Map.of(
            "severity", List.of(new Key("severityRank", "severity_rank", false, Kind.INT),
                    new Key("lastSeen", "last_seen", true, Kind.INSTANT), new Key("id", "id", true, Kind.LONG)),
            "lastSeen", List.of(new Key("lastSeen", "last_seen", true, Kind.INSTANT),
                    new Key("id", "id", true, Kind.LONG)),
            "firstSeen", List.of(new Key("firstSeen", "first_seen", false, Kind.INSTANT),
                    new Key("id", "id", false, Kind.LONG)),
            "rule", List.of(new Key("ruleId", "rule_id", false, Kind.TEXT),
                    new Key("severityRank", "severity_rank", false, Kind.INT), new Key("id", "id", false, Kind.LONG)));

    /** A decoded cursor: the sort it belongs to and one value per key. */
    record Cursor(String sort, List<Object> values) {
    }

    private FindingKeyset() {
    }

    /** The cursor after this row in this sort. */
    static String encode(String sort, FindingView row) {
        StringBuilder text = new StringBuilder(sort);
        for (Key key : KEYS.get(sort)) {
            text.append('\n').append(switch (key.field()) {
                // The column computes the rank as the enum's order: CRITICAL … INFO = 0 … 4.
                case "severityRank" -> Integer.toString(Severity.parse(row.severity()).ordinal());
                case "lastSeen" -> row.lastSeen().toString();
                case "firstSeen" -> row.firstSeen().toString();
                case "ruleId" -> row.ruleId();
                default -> Long.toString(row.id());
            });
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws FindingInputException naming {@code after} when the text is not a cursor of this sort
     */
    static Cursor decode(String sort, String cursor) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw invalid(cursor, "it is not a cursor this list gave out");
        }
        List<Key> keys = KEYS.get(sort);
        if (parts.length != keys.size() + 1 || !parts[0].equals(sort)) {
            throw invalid(cursor, parts.length > 1 && KEYS.containsKey(parts[0])
                    ? "it belongs to sort '" + parts[0] + "', not '" + sort + "'" : "it is not a cursor this list gave out");
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String value = parts[i + 1];
            try {
                values.add(switch (keys.get(i).kind()) {
                    case INT -> Integer.valueOf(value);
                    case LONG -> Long.valueOf(value);
                    case INSTANT -> Instant.parse(value);
                    case TEXT -> value;
                });
            } catch (NumberFormatException | DateTimeParseException e) {
                throw invalid(cursor, "its " + keys.get(i).field() + " is '" + value + "'");
            }
        }
        return new Cursor(sort, values);
    }

    /**
     * The two conditions that together select the rows after the cursor, in list order: first the rows that share
     * its leading key and come after it on the others (a row comparison, which an index serves as a range), then the
     * rows past its leading key, in SQL over the finding table's columns. Parameters are named {@code k0, k1, …}.
     */
    static List<String> after(Cursor cursor) {
        List<Key> keys = KEYS.get(cursor.sort());
        Key lead = keys.get(0);
        List<Key> rest = keys.subList(1, keys.size());
        String same = lead.column() + " = :k0 and ";
        if (rest.stream().allMatch(k -> k.descending() == rest.get(0).descending())) {
            // One row comparison over the rest: the index takes it as a range even when many rows share a value
            // (a scan stamps every finding it sees with the same last_seen).
            StringBuilder fields = new StringBuilder(), values = new StringBuilder();
            for (int i = 0; i < rest.size(); i++) {
                fields.append(i == 0 ? "" : ", ").append(rest.get(i).column());
                values.append(i == 0 ? "" : ", ").append(":k").append(i + 1);
            }
            same += "(" + fields + ")" + (rest.get(0).descending() ? " < " : " > ") + "(" + values + ")";
        } else {
            Key second = rest.get(0);
            same += second.column() + (second.descending() ? " <= :k1" : " >= :k1") + " and (" + strictlyAfter(keys, 1)
                    + ")";
        }
        String past = lead.column() + (lead.descending() ? " < :k0" : " > :k0");
        return List.of(same, past);
    }

    /** Lexicographic "after" over keys[from..]: k1 > v1 or (k1 = v1 and (k2 > v2 or …)). */
    private static String strictlyAfter(List<Key> keys, int from) {
        Key key = keys.get(from);
        String beyond = key.column() + (key.descending() ? " < :k" : " > :k") + from;
        if (from == keys.size() - 1) {
            return beyond;
        }
        return beyond + " or (" + key.column() + " = :k" + from + " and (" + strictlyAfter(keys, from + 1) + "))";
    }

    private static FindingInputException invalid(String cursor, String why) {
        return new FindingInputException("after: expected the 'next' cursor of an earlier page of this list; found '"
                + cursor + "' (" + why + ")");
    }
}
