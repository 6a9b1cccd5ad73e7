package io.paddock.provisioning.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.paddock.provisioning.ShellWords;

/**
 * How the local cloud's simulated containers run a one-off command ({@code /bin/sh -c <script>}): statements
 * separated by {@code ;}, {@code &&} or {@code ||}; {@code echo} writes its arguments, {@code exit N} ends with N,
 * {@code true} and {@code false} set the status, {@code sleep N} takes N seconds (at most
 * {@link #LONGEST_SLEEP}); any other program writes that it ran and succeeds. What a run writes and how it ends
 * follow from its script alone.
 */
final class LocalShell {

    static final Duration LONGEST_SLEEP = Duration.ofMinutes(5);

    /** One line written {@code offset} after the start. */
    record Line(Duration offset, String text) {
    }

    record Result(int exitCode, List<Line> lines, Duration duration) {
    }

    private LocalShell() {
    }

    /** Runs the command as its argument vector: {@code sh -c <script>} runs the script, anything else one program. */
    static Result run(List<String> argv) {
        if (argv.size() >= 3 && (argv.get(0).endsWith("sh")) && argv.get(1).equals("-c")) {
            return script(argv.get(2));
        }
        return script(String.join(" ", argv.stream().map(LocalShell::quoted).toList()));
    }

    private static String quoted(String word) {
        return word.isEmpty() || word.chars().anyMatch(Character::isWhitespace) ? "'" + word + "'" : word;
    }

    static Result script(String script) {
        List<Line> lines = new ArrayList<>();
        Duration elapsed = Duration.ofMillis(10);
        int status = 0;
        String previousSeparator = ";";
        for (String[] statement : statements(script)) {
            String text = statement[0].trim();
            String separator = statement[1];
            boolean skip = (previousSeparator.equals("&&") && status != 0) || (previousSeparator.equals("||") && status == 0);
            previousSeparator = separator;
            if (skip || text.isEmpty()) {
                continue;
            }
            List<String> words = ShellWords.split(text);
            String program = words.get(0);
            List<String> args = words.subList(1, words.size());
            switch (program) {
                case "echo" -> {
                    lines.add(new Line(elapsed, String.join(" ", args)));
                    status = 0;
                }
                case "true", ":" -> status = 0;
                case "false" -> status = 1;
                case "exit" -> {
                    int code = args.isEmpty() ? status : number(args.get(0), 2) & 0xff;
                    return new Result(code, lines, elapsed);
                }
                case "sleep" -> {
                    long seconds = Math.min(number(args.isEmpty() ? "0" : args.get(0), 0), LONGEST_SLEEP.toSeconds());
                    elapsed = elapsed.plusSeconds(seconds);
                    status = 0;
                }
                default -> {
                    lines.add(new Line(elapsed, "[paddock local provider] ran " + text));
                    status = 0;
                }
            }
            elapsed = elapsed.plusMillis(10);
        }
        return new Result(status, lines, elapsed);
    }

    private static int number(String text, int otherwise) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** Statements with the separator that follows each ({@code ;} at the end); quotes are kept together. */
    private static List<String[]> statements(String script) {
        List<String[]> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                current.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                current.append(c);
            } else if (c == ';' || c == '\n') {
                statements.add(new String[] { current.toString(), ";" });
                current.setLength(0);
            } else if ((c == '&' || c == '|') && i + 1 < script.length() && script.charAt(i + 1) == c) {
                statements.add(new String[] { current.toString(), c == '&' ? "&&" : "||" });
                current.setLength(0);
                i++;
            } else {
                current.append(c);
            }
        }
        statements.add(new String[] { current.toString(), ";" });
        return statements;
    }
}
