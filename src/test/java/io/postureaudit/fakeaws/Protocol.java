package io.postureaudit.fakeaws;

import java.util.Map;
import java.util.UUID;

/** The AWS wire protocols the fake speaks, each with its own error format. */
public enum Protocol {
    /** IAM, STS: form-encoded Action=… request, XML response. */
    QUERY_XML {
        @Override
        public FakeResponse error(int status, String code, String message) {
            String type = status >= 500 ? "Receiver" : "Sender";
            String body = "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>" + type
                    + "</Type><Code>" + Xml.escape(code) + "</Code><Message>" + Xml.escape(message)
                    + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>";
            return new FakeResponse(status, "text/xml", body, Map.of());
        }
    },
    /** KMS, WAFv2, SSO admin, Identity Store, Organizations: X-Amz-Target + JSON 1.1 body. */
    JSON_11 {
        @Override
        public FakeResponse error(int status, String code, String message) {
            String body = "{\"__type\":\"" + Json.escape(code) + "\",\"message\":\"" + Json.escape(message) + "\"}";
            return new FakeResponse(status, "application/x-amz-json-1.1", body, Map.of());
        }
    },
    /** S3: REST paths, XML error bodies without the Query protocol's ErrorResponse wrapper. */
    REST_XML {
        @Override
        public FakeResponse error(int status, String code, String message) {
            String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + Xml.escape(code)
                    + "</Code><Message>" + Xml.escape(message) + "</Message><RequestId>" + UUID.randomUUID()
                    + "</RequestId></Error>";
            return new FakeResponse(status, "application/xml", body, Map.of());
        }
    },
    /** GuardDuty: REST paths with camelCase JSON bodies. */
    REST_JSON {
        @Override
        public FakeResponse error(int status, String code, String message) {
            String body = "{\"message\":\"" + Json.escape(message) + "\",\"__type\":\"" + Json.escape(code) + "\"}";
            return new FakeResponse(status, "application/json", body, Map.of("x-amzn-ErrorType", code));
        }
    };

    public abstract FakeResponse error(int status, String code, String message);

    /** Minimal XML escaping for values the fake writes. */
    public static final class Xml {
        private Xml() {
        }

        public static String escape(String s) {
            if (s == null) {
                return "";
            }
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }

    /** Minimal JSON string escaping for values the fake writes. */
    public static final class Json {
        private Json() {
        }

        public static String escape(String s) {
            StringBuilder out = new StringBuilder();
            for (char c : (s == null ? "" : s).toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.toString();
        }
    }
}
