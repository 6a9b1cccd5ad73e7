package io.paddock.environments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.paddock.environments.Compose.EnvironmentVariable;
import io.paddock.errors.ApiError.Detail;
import io.paddock.errors.JsonPointers;

/**
 * The rules for an environment's own variables, wherever they are sent (the variables API, a create's
 * {@code environment}): each name a POSIX environment variable name, each sent once, each with a value. Problems never
 * quote a value: values may be secrets.
 */
public final class VariableNames {

    public static final String PATTERN = "^[A-Za-z_][A-Za-z0-9_]{0,254}$";
    public static final String MESSAGE = "must be an environment variable name: up to 255 letters, digits and _, not "
            + "starting with a digit (e.g. DATABASE_URL)";

    private VariableNames() {
    }

    /** Whether {@code name} may be a variable's name. */
    public static boolean valid(String name) {
        return name != null && name.matches(PATTERN);
    }

    /** What is wrong with {@code variables}, sent at {@code pointer} (an array of name and value). */
    public static List<Detail> problems(List<EnvironmentVariable> variables, String pointer) {
        List<Detail> problems = new ArrayList<>();
        if (variables == null) {
            return problems;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            EnvironmentVariable variable = variables.get(i);
            if (variable == null || variable.name() == null || variable.name().isBlank()) {
                continue; // Bean Validation names what is missing
            }
            String at = JsonPointers.index(pointer, i);
            if (!valid(variable.name())) {
                problems.add(new Detail(at + "/name", MESSAGE));
            }
            Integer first = seen.putIfAbsent(variable.name(), i);
            if (first != null) {
                problems.add(new Detail(at + "/name", "is " + variable.name() + ", which "
                        + JsonPointers.index(pointer, first) + " sets too; send each name once"));
            }
        }
        return problems;
    }
}
