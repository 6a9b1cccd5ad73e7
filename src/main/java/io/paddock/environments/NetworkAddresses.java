package io.paddock.environments;

import java.util.regex.Pattern;

/**
 * What a compose may say about the network: IP addresses and CIDR ranges (an origin protection allow list) and
 * host names (where refused requests are redirected). Checked as text: nothing here looks a name up.
 */
final class NetworkAddresses {

    private static final Pattern IPV4 = Pattern.compile(
            "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("^[0-9a-fA-F:.]{2,45}$");
    private static final Pattern HEX_GROUP = Pattern.compile("^[0-9a-fA-F]{1,4}$");
    private static final Pattern PREFIX = Pattern.compile("^(0|[1-9]\\d{0,2})$");
    private static final Pattern LABEL = Pattern.compile("^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$");

    private NetworkAddresses() {
    }

    /** An IPv4 or IPv6 address, alone or with a prefix length ({@code 203.0.113.0/24}, {@code 2001:db8::/32}). */
    static boolean isAddressOrCidr(String value) {
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        int maxPrefix;
        if (IPV4.matcher(address).matches()) {
            maxPrefix = 32;
        } else if (address.contains(":") && IPV6_CHARACTERS.matcher(address).matches() && isIpv6(address)) {
            maxPrefix = 128;
        } else {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        String prefix = value.substring(slash + 1);
        return PREFIX.matcher(prefix).matches() && Integer.parseInt(prefix) <= maxPrefix;
    }

    /**
     * A fully qualified host name such as {@code www.example.com}: at least two labels of letters, digits and
     * hyphens (not at either end), 253 characters at most, not an IP address; no scheme, port or path.
     */
    static boolean isHostName(String value) {
        if (value.isEmpty() || value.length() > 253 || IPV4.matcher(value).matches()) {
            return false;
        }
        String[] labels = value.split("\\.", -1);
        if (labels.length < 2 || labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Eight groups of 1-4 hex digits, "::" standing for one or more zero groups, the last two maybe as IPv4. */
    private static boolean isIpv6(String address) {
        int elided = address.indexOf("::");
        if (elided >= 0 && address.indexOf("::", elided + 1) >= 0) {
            return false;
        }
        String[] halves = elided >= 0
                ? new String[] { address.substring(0, elided), address.substring(elided + 2) }
                : new String[] { address };
        int groups = 0;
        for (int h = 0; h < halves.length; h++) {
            if (halves[h].isEmpty()) {
                continue;
            }
            String[] parts = halves[h].split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                boolean last = h == halves.length - 1 && i == parts.length - 1;
                if (last && parts[i].contains(".")) {
                    if (!IPV4.matcher(parts[i]).matches()) {
                        return false;
                    }
                    groups += 2;
                } else if (HEX_GROUP.matcher(parts[i]).matches()) {
                    groups++;
                } else {
                    return false;
                }
            }
        }
        return elided >= 0 ? groups < 8 : groups == 8;
    }
}
