package io.postureaudit.policy.eval;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** CIDR containment for IpAddress/NotIpAddress, IPv4 and IPv6, without ever resolving a host name. */
final class IpRanges {

    // Only literal addresses reach InetAddress, so no lookup can ever leave the machine.
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private IpRanges() {
    }

    static boolean contains(String cidr, String address) {
        String range = cidr.trim();
        int slash = range.indexOf('/');
        byte[] network = literal(slash < 0 ? range : range.substring(0, slash));
        byte[] ip = literal(address.trim());
        if (network == null || ip == null || network.length != ip.length) {
            return false;
        }
        int bits = network.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(range.substring(slash + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (prefix < 0 || prefix > bits) {
            return false;
        }
        BigInteger mask = prefix == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefix).shiftLeft(bits - prefix);
        return new BigInteger(1, network).and(mask).equals(new BigInteger(1, ip).and(mask));
    }

    private static byte[] literal(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
