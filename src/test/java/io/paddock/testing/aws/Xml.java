package io.paddock.testing.aws;

import java.util.Map;

/** Small helpers for the query protocols' XML answers. */
final class Xml {

    private Xml() {
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String element(String name, Object value) {
        return value == null ? "" : "<" + name + ">" + escape(String.valueOf(value)) + "</" + name + ">";
    }

    /** EC2's tag set: {@code <tagSet><item><key/><value/></item></tagSet>}. */
    static String ec2Tags(Map<String, String> tags) {
        StringBuilder xml = new StringBuilder("<tagSet>");
        tags.forEach((key, value) -> xml.append("<item>").append(element("key", key)).append(element("value", value))
                .append("</item>"));
        return xml.append("</tagSet>").toString();
    }
}
