package io.paddock.errors;

import jakarta.validation.ElementKind;
import jakarta.validation.Path;

/** JSON pointers (RFC 6901) for error details. */
public final class JsonPointers {

    private JsonPointers() {
    }

    public static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    public static String index(String pointer, int index) {
        return pointer + "/" + index;
    }

    /** The pointer of a constraint violation found on a request body; the body is the root. */
    public static String bodyPath(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            appendNode(sb, node);
        }
        return sb.toString();
    }

    /**
     * The path of a constraint violation found on a resource method's parameter: the parameter's name,
     * followed by a pointer into it when the constraint sits deeper.
     */
    public static String parameterPath(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR
                    || node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                sb.append(node.getName());
                continue;
            }
            appendNode(sb, node);
        }
        return sb.toString();
    }

    private static void appendNode(StringBuilder sb, Path.Node node) {
        if (node.isInIterable()) {
            if (node.getIndex() != null) {
                sb.append('/').append(node.getIndex());
            } else if (node.getKey() != null) {
                sb.append(child("", String.valueOf(node.getKey())));
            }
        }
        if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
            sb.append(child("", node.getName()));
        }
    }
}
