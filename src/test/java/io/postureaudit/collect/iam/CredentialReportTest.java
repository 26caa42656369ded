package io.postureaudit.collect.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The credential report is RFC 4180 CSV: quoted fields, commas and quotes inside them, CRLF line ends. */
class CredentialReportTest {

    private static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,"
            + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
            + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,"
            + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    private static String row(String user, String arn, String mfa) {
        return user + "," + arn + ",2024-01-01T00:00:00+00:00,true,N/A,2024-01-01T00:00:00+00:00,N/A," + mfa
                + ",true,2024-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";
    }

    @Test
    void shouldReadEveryUserWhenANameHoldsACommaInQuotes() {
        String csv = HEADER + "\r\n"
                + row("<root_account>", "arn:aws:iam::111122223333:root", "true") + "\r\n"
                + row("\"ops,admin\"", "\"arn:aws:iam::111122223333:user/ops,admin\"", "false") + "\r\n"
                + row("alice", "arn:aws:iam::111122223333:user/alice", "true") + "\r\n";
        CredentialReport report = CredentialReport.parse(csv);
        assertEquals(2, report.users());
        assertEquals(false, report.user("arn:aws:iam::111122223333:user/ops,admin").orElseThrow().credentials()
                .get("mfaActive"));
        assertEquals(true, report.user("arn:aws:iam::111122223333:user/alice").orElseThrow().credentials()
                .get("mfaActive"));
        assertTrue(report.root().isPresent());
    }

    @Test
    void shouldUnescapeDoubledQuotesAndKeepUnquotedNamesWithOtherAllowedCharacters() {
        List<List<String>> records = CredentialReport.records("a,\"b \"\"q\"\" c\",d+=.@_-\nx,,\"\"\n");
        assertEquals(List.of(List.of("a", "b \"q\" c", "d+=.@_-"), List.of("x", "", "")), records);
    }

    @Test
    void shouldNameTheLineWhenAQuoteIsNeverClosed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CredentialReport.parse(HEADER + "\n" + row("\"ops", "arn:aws:iam::1:user/ops", "true")));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("closing"), e.getMessage());
    }

    @Test
    void shouldRefuseTextThatIsNotACredentialReport() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CredentialReport.parse("name,value\nx,1\n"));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }
}
